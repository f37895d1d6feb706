//! Helpers of the browser tests: a container to mount into, DOM queries and events, waiting,
//! and a fake backend that replaces `window.fetch`.

#![allow(dead_code)]

use chrono::{DateTime, TimeZone, Utc};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::tick;
use portal_contract::{permissions_for, Role, SessionInfo, User};
use serde_json::{json, Value};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

pub fn container() -> HtmlElement {
    let doc = document();
    let el = doc
        .create_element("div")
        .expect("create div")
        .unchecked_into::<HtmlElement>();
    doc.body().expect("body").append_child(&el).expect("append");
    el
}

/// A container `px` wide, for what measures itself (charts, board cards).
pub fn container_of_width(px: u32) -> HtmlElement {
    let el = container();
    el.set_attribute("style", &format!("width: {px}px"))
        .expect("style");
    el
}

pub fn query(root: &HtmlElement, selector: &str) -> Option<Element> {
    root.query_selector(selector).expect("valid selector")
}

pub fn find(root: &HtmlElement, selector: &str) -> Element {
    query(root, selector).unwrap_or_else(|| panic!("nothing matches {selector}"))
}

pub fn query_all(root: &HtmlElement, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).expect("valid selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

pub fn text(root: &HtmlElement, selector: &str) -> String {
    query(root, selector)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

pub fn value(root: &HtmlElement, selector: &str) -> String {
    let el = query(root, selector).unwrap_or_else(|| panic!("no {selector}"));
    if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
        i.value()
    } else {
        el.unchecked_into::<HtmlTextAreaElement>().value()
    }
}

pub fn type_into(root: &HtmlElement, selector: &str, text: &str) {
    let el = query(root, selector).unwrap_or_else(|| panic!("no {selector}"));
    if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
        i.set_value(text);
    } else {
        el.clone()
            .unchecked_into::<HtmlTextAreaElement>()
            .set_value(text);
    }
    el.dispatch_event(&web_sys::Event::new("input").expect("event"))
        .expect("dispatch");
}

pub fn fire(root: &HtmlElement, selector: &str, event: &str) {
    query(root, selector)
        .unwrap_or_else(|| panic!("no {selector}"))
        .dispatch_event(&web_sys::Event::new(event).expect("event"))
        .expect("dispatch");
}

pub fn click(root: &HtmlElement, selector: &str) {
    query(root, selector)
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into::<HtmlElement>()
        .click();
}

pub fn attr(root: &HtmlElement, selector: &str, name: &str) -> Option<String> {
    query(root, selector).and_then(|e| e.get_attribute(name))
}

/// Waits (up to 3 s) until `ready` holds, letting fetches and effects run.
pub async fn wait_for(what: &str, ready: impl Fn() -> bool) {
    for _ in 0..150 {
        tick().await;
        if ready() {
            return;
        }
        TimeoutFuture::new(20).await;
    }
    panic!("timed out waiting for {what} (at {})", location());
}

/// The address: path and query.
pub fn location() -> String {
    let l = window().location();
    format!(
        "{}{}",
        l.pathname().unwrap_or_default(),
        l.search().unwrap_or_default()
    )
}

/// Forgets the language an earlier test chose: the app starts in Vietnamese.
pub fn reset_lang() {
    if let Ok(Some(storage)) = window().local_storage() {
        let _ = storage.remove_item("portal-admin.lang");
    }
}

/// The i18n context, in Vietnamese whatever an earlier test left in local storage.
pub fn vietnamese() -> portal_admin::i18n::I18n {
    let i18n = portal_admin::i18n::provide_i18n();
    i18n.set_lang(portal_admin::i18n::Lang::Vi);
    i18n
}

/// Replaces `window.fetch`: each route answers with its responses in turn (the last one
/// repeats); anything else is a 404 problem. Requests (method, path, If-Match, body) are
/// recorded in `window.__requests`.
pub fn fake_backend(routes: Value) {
    let script = format!(
        r#"
        window.__requests = [];
        window.__routes = {routes};
        window.fetch = async function (input, init) {{
            const isString = typeof input === 'string';
            const url = new URL(isString ? input : input.url, location.href);
            const method = isString ? ((init && init.method) || 'GET') : input.method;
            const headers = isString ? new Headers((init && init.headers) || {{}}) : input.headers;
            const body = isString ? ((init && init.body) || null) : await input.clone().text();
            window.__requests.push({{method, path: url.pathname + url.search,
                ifMatch: headers.get('if-match'), body}});
            const route = window.__routes.find(r => r.method === method && r.path === url.pathname);
            if (!route) {{
                return new Response(JSON.stringify({{type: 'about:blank', title: 'Không tìm thấy', status: 404}}),
                    {{status: 404, headers: {{'content-type': 'application/problem+json'}}}});
            }}
            const r = route.responses.length > 1 ? route.responses.shift() : route.responses[0];
            const type = r.status >= 400 ? 'application/problem+json' : 'application/json';
            // A 204 has no body (the Response constructor refuses one).
            if (r.status === 204) {{ return new Response(null, {{status: 204}}); }}
            return new Response(JSON.stringify(r.body), {{status: r.status, headers: {{'content-type': type}}}});
        }};
        "#
    );
    js_sys::eval(&script).expect("install the fake backend");
}

pub fn requests() -> Vec<Value> {
    let value = js_sys::eval("JSON.stringify(window.__requests)").expect("read requests");
    serde_json::from_str(&value.as_string().unwrap_or_default()).unwrap_or_default()
}

pub fn writes() -> Vec<Value> {
    requests()
        .into_iter()
        .filter(|r| r["method"] != "GET")
        .collect()
}

pub fn route(method: &str, path: &str, responses: Vec<Value>) -> Value {
    json!({"method": method, "path": path, "responses": responses})
}

pub fn ok(body: impl serde::Serialize) -> Value {
    json!({"status": 200, "body": serde_json::to_value(body).expect("json")})
}

pub fn answer(status: u16, body: impl serde::Serialize) -> Value {
    json!({"status": status, "body": serde_json::to_value(body).expect("json")})
}

/// Replaces the address without a navigation (the router reads it at mount).
pub fn set_url(path: &str) {
    window()
        .history()
        .expect("history")
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .expect("replace state");
}

pub fn session_of(roles: &[Role]) -> SessionInfo {
    let t = |y| Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap();
    session_as(4, "bientap", "Hoàng Minh Đức", roles, t(2026), t(2030))
}

/// The session of user `id` with `roles`, created at `since`, expiring at `until`.
pub fn session_as(
    id: i64,
    username: &str,
    full_name: &str,
    roles: &[Role],
    since: DateTime<Utc>,
    until: DateTime<Utc>,
) -> SessionInfo {
    SessionInfo {
        user: User {
            id,
            username: username.into(),
            full_name: full_name.into(),
            email: None,
            roles: roles.to_vec(),
            active: true,
            version: 1,
            created_at: since,
            updated_at: since,
        },
        permissions: permissions_for(roles),
        idle_expires_at: until,
        absolute_expires_at: until,
    }
}
