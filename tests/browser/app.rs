//! Browser tests of whole journeys through the app, with `window.fetch` replaced by a fake
//! backend that answers as the contract says (and records what it was asked).

use crate::dom::{
    click, container, location, ok, query, reset_lang, route, session_as, set_url, text, type_into,
    wait_for,
};
use chrono::DateTime;
use leptos::prelude::*;
use portal_contract::{
    ArticleSummary, AuthorShare, Kind, Language, Page, Problem, ProblemKind, Role, SessionInfo,
    Stage, Topic,
};
use serde_json::{json, Value};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlSelectElement};

/// Replaces `window.fetch`: each route answers with its responses in turn (the last one
/// repeats); anything else is a 404 problem. Requests are recorded in `window.__requests`.
fn fake_backend(routes: Value) {
    let script = format!(
        r#"
        window.__requests = [];
        window.__routes = {routes};
        window.fetch = async function (input, init) {{
            const isString = typeof input === 'string';
            const url = new URL(isString ? input : input.url, location.href);
            const method = isString ? ((init && init.method) || 'GET') : input.method;
            const headers = isString ? new Headers((init && init.headers) || {{}}) : input.headers;
            window.__requests.push({{
                line: method + ' ' + url.pathname + url.search,
                csrf: headers.get('x-requested-with'),
            }});
            const route = window.__routes.find(r => r.method === method && r.path === url.pathname);
            if (!route) {{
                return new Response(JSON.stringify({{type: 'about:blank', title: 'Không tìm thấy', status: 404}}),
                    {{status: 404, headers: {{'content-type': 'application/problem+json'}}}});
            }}
            const r = route.responses.length > 1 ? route.responses.shift() : route.responses[0];
            const type = r.status >= 400 ? 'application/problem+json' : 'application/json';
            return new Response(r.status === 204 ? null : JSON.stringify(r.body),
                {{status: r.status, headers: Object.assign({{'content-type': type}}, r.headers || {{}})}});
        }};
        "#
    );
    js_sys::eval(&script).expect("install the fake backend");
}

fn requests() -> Vec<(String, Option<String>)> {
    let value = js_sys::eval("JSON.stringify(window.__requests)").expect("read requests");
    let text = value.as_string().unwrap_or_default();
    let list: Vec<Value> = serde_json::from_str(&text).unwrap_or_default();
    list.iter()
        .map(|r| {
            (
                r["line"].as_str().unwrap_or_default().to_string(),
                r["csrf"].as_str().map(str::to_string),
            )
        })
        .collect()
}

fn problem(kind: ProblemKind, detail: &str) -> Value {
    json!({"status": kind.status(), "body": Problem::new(kind, detail)})
}

fn t0() -> DateTime<chrono::Utc> {
    DateTime::from_timestamp(1_767_225_600, 0).expect("valid time")
}

fn session_of(roles: &[Role]) -> SessionInfo {
    session_as(7, "bientap", "Trần Văn Biên", roles, t0(), t0())
}

fn summary(id: i64, title: &str, stage: Stage) -> ArticleSummary {
    ArticleSummary {
        id,
        title: title.into(),
        section: "Tin tức".into(),
        topics: vec![Topic::Bhxh],
        kind: Kind::News,
        authors: vec![AuthorShare {
            name: "Lê Thị Hoa".into(),
            user_id: None,
            share: 100,
        }],
        language: Language::Vi,
        model_example: false,
        stage,
        scheduled_at: None,
        published_at: None,
        removal_reason: None,
        created_by: 7,
        updated_at: t0(),
        updated_by_name: "Lê Thị Hoa".into(),
        stage_changed_at: t0(),
        checklist_failing: 0,
        comment_count: 0,
        version: 1,
        revision_stage: None,
    }
}

fn count(root: &HtmlElement, selector: &str) -> u32 {
    root.query_selector_all(selector)
        .expect("valid selector")
        .length()
}

/// Waits (up to 3 s) until `ready` holds, letting fetches and effects run.
fn choose(root: &HtmlElement, selector: &str, value: &str) {
    let select = query(root, selector)
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into::<HtmlSelectElement>();
    select.set_value(value);
    select
        .dispatch_event(&web_sys::Event::new("change").expect("event"))
        .expect("dispatch");
}

#[wasm_bindgen_test]
async fn a_visitor_logs_in_and_returns_to_the_page_asked_for() {
    reset_lang();
    set_url("/articles?stage=draft");
    let page = Page {
        items: vec![summary(1, "Tin BHXH tháng 1", Stage::Draft)],
        total: 1,
        page: 1,
        per_page: 20,
    };
    fake_backend(json!([
        route(
            "GET",
            "/api/v1/session",
            vec![problem(ProblemKind::Unauthenticated, "Chưa đăng nhập.")]
        ),
        route(
            "POST",
            "/api/v1/session",
            vec![
                problem(ProblemKind::Unauthenticated, "Sai thông tin đăng nhập."),
                json!({"status": 429, "body": Problem::new(ProblemKind::TooManyRequests, "Chậm lại."), "headers": {"Retry-After": "30"}}),
                ok(session_of(&[Role::Editor])),
            ],
        ),
        route("GET", "/api/v1/articles", vec![ok(&page)]),
    ]));
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), portal_admin::App);

    wait_for("the login page", || {
        query(&root, "form.login-form").is_some()
    })
    .await;
    assert_eq!(location(), "/login?next=%2Farticles%3Fstage%3Ddraft");
    let focused = document()
        .active_element()
        .map(|e| e.id())
        .unwrap_or_default();
    assert_eq!(focused, "login-username", "the first field has the focus");

    // Empty fields are caught before asking the server.
    click(&root, "form.login-form button[type=submit]");
    wait_for("the missing-fields message", || {
        text(&root, ".form-error[role=alert]") == "Vui lòng nhập tên đăng nhập và mật khẩu."
    })
    .await;
    assert!(!requests().iter().any(|(l, _)| l.starts_with("POST")));

    type_into(&root, "#login-username", "bientap");
    type_into(&root, "#login-password", "sai-mat-khau1");
    click(&root, "form.login-form button[type=submit]");
    wait_for("the wrong-credentials message", || {
        text(&root, ".form-error[role=alert]") == "Tên đăng nhập hoặc mật khẩu không đúng."
    })
    .await;

    click(&root, "form.login-form button[type=submit]");
    wait_for("the throttling message", || {
        text(&root, ".form-error[role=alert]").contains("thử lại sau 30 giây")
    })
    .await;

    click(&root, "form.login-form button[type=submit]");
    wait_for("the article list", || {
        count(&root, "table.articles-table tbody tr[data-id]") == 1
    })
    .await;
    assert_eq!(location(), "/articles?stage=draft");
    assert_eq!(text(&root, ".user-name"), "Trần Văn Biên");
    let sent = requests();
    assert!(sent
        .iter()
        .all(|(_, csrf)| csrf.as_deref() == Some("portal-admin")));
    assert!(
        sent.iter()
            .any(|(l, _)| l.starts_with("GET /api/v1/articles?") && l.contains("stage=draft")),
        "{sent:?}"
    );
    set_url("/");
}

#[wasm_bindgen_test]
async fn the_article_list_shows_text_safely_and_keeps_its_state_in_the_url() {
    reset_lang();
    set_url("/articles?stage=review&page=2");
    let hostile = "<img src=x onerror=\"window.__pwned=1\">Bảo hiểm";
    let page = Page {
        items: vec![
            summary(11, hostile, Stage::Review),
            summary(12, "Tin thứ hai", Stage::Review),
        ],
        total: 42,
        page: 2,
        per_page: 20,
    };
    let empty: Page<ArticleSummary> = Page {
        items: vec![],
        total: 0,
        page: 1,
        per_page: 20,
    };
    fake_backend(json!([
        route(
            "GET",
            "/api/v1/session",
            vec![ok(session_of(&[Role::Editor]))]
        ),
        route("GET", "/api/v1/articles", vec![ok(&page), ok(&empty)]),
    ]));
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), portal_admin::App);

    wait_for("the rows", || {
        count(&root, "table.articles-table tbody tr[data-id]") == 2
    })
    .await;
    assert_eq!(text(&root, "h1"), "Bài viết");
    assert_eq!(text(&root, "tr[data-id='11'] a.article-link"), hostile);
    assert_eq!(
        count(&root, "table.articles-table img"),
        0,
        "user text is never HTML"
    );
    let total = query(&root, ".result-count").and_then(|e| e.get_attribute("data-total"));
    assert_eq!(total.as_deref(), Some("42"));
    assert_eq!(text(&root, ".pagination .page-info"), "Trang 2/3");
    let stage = query(&root, "#filter-stage")
        .expect("stage filter")
        .unchecked_into::<HtmlSelectElement>();
    assert_eq!(stage.value(), "review", "the filter follows the URL");
    let nav = count(&root, "nav.main-nav a[data-nav]");
    assert_eq!(nav, 12, "an editor sees twelve entries");
    assert_eq!(
        query(&root, "nav.main-nav a[data-nav='articles']")
            .and_then(|a| a.get_attribute("aria-current")),
        Some("page".to_string())
    );

    // A filter change goes into the URL, back to page 1, and to the server.
    choose(&root, "#filter-kind", "news");
    wait_for("the URL to carry the filter", || {
        location().contains("kind=news")
    })
    .await;
    assert_eq!(location(), "/articles?stage=review&kind=news");
    wait_for("the empty state", || {
        text(&root, ".state-empty .state-title") == "Không có bài viết nào khớp bộ lọc"
    })
    .await;
    let sent = requests();
    assert!(
        sent.iter().any(|(l, _)| l
            == "GET /api/v1/articles?page=1&per_page=20&sort=-updated_at&stage=review&kind=news"),
        "{sent:?}"
    );

    click(&root, ".state-empty button.clear-filters");
    wait_for("the filters to clear", || location() == "/articles").await;
    let kind = || {
        query(&root, "#filter-kind")
            .map(|e| e.unchecked_into::<HtmlSelectElement>().value())
            .unwrap_or_default()
    };
    wait_for("the kind filter to show all", || kind().is_empty()).await;

    // Back returns to the previous view, filters included.
    window().history().expect("history").back().expect("back");
    wait_for("the previous view", || {
        location() == "/articles?stage=review&kind=news"
    })
    .await;
    wait_for("the kind filter to follow Back", || kind() == "news").await;
    set_url("/");
}

#[wasm_bindgen_test]
async fn an_expired_session_goes_back_to_login() {
    reset_lang();
    set_url("/workflow");
    fake_backend(json!([
        route(
            "GET",
            "/api/v1/session",
            vec![ok(session_of(&[Role::Author]))]
        ),
        route(
            "GET",
            "/api/v1/workflow",
            vec![problem(ProblemKind::Unauthenticated, "Phiên đã hết hạn.")]
        ),
    ]));
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), portal_admin::App);
    wait_for("the login page", || {
        query(&root, "form.login-form").is_some()
    })
    .await;
    assert_eq!(location(), "/login?next=%2Fworkflow");
    assert!(text(&root, ".toast-region").contains("Phiên làm việc đã hết hạn"));
    set_url("/");
}

#[wasm_bindgen_test]
async fn a_page_the_role_may_not_open_says_so_without_asking_the_server() {
    reset_lang();
    set_url("/admin");
    fake_backend(json!([route(
        "GET",
        "/api/v1/session",
        vec![ok(session_of(&[Role::Author]))]
    )]));
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), portal_admin::App);
    wait_for("the refusal", || query(&root, ".state-forbidden").is_some()).await;
    assert_eq!(text(&root, "h1"), "Không có quyền truy cập");
    assert!(!requests().iter().any(|(l, _)| l.contains("/users")));
    assert_eq!(count(&root, "nav.main-nav a[data-nav='admin']"), 0);
    set_url("/");
}

#[wasm_bindgen_test]
async fn an_unreachable_server_offers_a_retry() {
    reset_lang();
    set_url("/");
    js_sys::eval("window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));")
        .expect("break fetch");
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), portal_admin::App);
    wait_for("the error state", || query(&root, ".state-error").is_some()).await;
    assert!(text(&root, ".state-error").contains("Không kết nối được máy chủ"));

    fake_backend(json!([route(
        "GET",
        "/api/v1/session",
        vec![ok(session_of(&[Role::Admin]))]
    ),]));
    click(&root, ".state-error button.retry");
    wait_for("the dashboard", || {
        query(&root, ".page-dashboard").is_some()
    })
    .await;
    assert_eq!(text(&root, "h1"), "Tổng quan");
    set_url("/");
}
