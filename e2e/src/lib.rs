//! Harness of the end-to-end journeys: a WebDriver session in headless Chromium against a
//! running reference server that serves the built SPA.
//!
//! `cargo xtask test` starts the server (throw-away database, demo data) and chromedriver on
//! free ports and passes them as `PORTAL_E2E_BASE_URL` and `PORTAL_E2E_WEBDRIVER`.

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use std::time::{Duration, Instant};

pub use fantoccini;

/// Password of every demo account.
pub const DEMO_PASSWORD: &str = "Demo@2026";

/// Where the server and chromedriver are.
pub struct Target {
    pub base_url: String,
    pub webdriver_url: String,
}

impl Target {
    /// Reads the addresses from the environment; panics with a clear message when they are
    /// missing, so a test is never silently skipped.
    pub fn from_env() -> Target {
        let var = |k: &str| {
            std::env::var(k).unwrap_or_else(|_| {
                panic!("{k} is not set: run the end-to-end tests through `cargo xtask test`")
            })
        };
        Target {
            base_url: var("PORTAL_E2E_BASE_URL").trim_end_matches('/').to_string(),
            webdriver_url: var("PORTAL_E2E_WEBDRIVER"),
        }
    }

    /// The addresses from a benchmark's command line, `BASE_URL WEBDRIVER_URL`.
    pub fn from_args(program: &str) -> Result<Target, String> {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let [base, webdriver] = args.as_slice() else {
            return Err(format!("usage: {program} BASE_URL WEBDRIVER_URL"));
        };
        Ok(Target {
            base_url: base.trim_end_matches('/').to_string(),
            webdriver_url: webdriver.clone(),
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }
}

/// Chromium flags that work on a closed network as root (see shared/TOOLCHAIN.md).
pub fn chrome_capabilities() -> serde_json::Map<String, serde_json::Value> {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--lang=vi-VN"
            ]
        }),
    );
    caps
}

/// A fresh browser session (its own profile, so no cookies are shared between tests).
pub async fn browser(target: &Target) -> Client {
    ClientBuilder::native()
        .capabilities(chrome_capabilities())
        .connect(&target.webdriver_url)
        .await
        .unwrap_or_else(|e| {
            panic!(
                "cannot start a WebDriver session at {}: {e}",
                target.webdriver_url
            )
        })
}

/// Waits up to 15 s for an element matching `css`.
pub async fn wait_css(c: &Client, css: &str) -> Element {
    c.wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no element `{css}` appeared within 15 s: {e}"))
}

/// Polls `check` every 100 ms until it returns Some, for up to 15 s.
pub async fn eventually<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let start = Instant::now();
    loop {
        if let Some(v) = check().await {
            return v;
        }
        if start.elapsed() > Duration::from_secs(15) {
            panic!("timed out after 15 s waiting for: {what}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The path and query of the current page (`/articles?stage=review`).
pub async fn current_path(c: &Client) -> String {
    let url = c.current_url().await.expect("current url");
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_string(),
    }
}

/// Fills the login form and submits it with the Enter key (no mouse needed).
pub async fn submit_login(c: &Client, username: &str, password: &str) {
    let user = wait_css(c, "#login-username").await;
    user.clear().await.expect("clear username");
    user.send_keys(username).await.expect("type username");
    let pass = wait_css(c, "#login-password").await;
    pass.clear().await.expect("clear password");
    pass.send_keys(&format!("{password}\u{E007}"))
        .await
        .expect("type password and Enter");
}

/// Opens the app, logs in and waits for the navigation.
pub async fn login(c: &Client, target: &Target, username: &str) {
    login_with(c, target, username, DEMO_PASSWORD).await;
}

/// [`login`] with another password than the demo accounts'.
pub async fn login_with(c: &Client, target: &Target, username: &str, password: &str) {
    c.goto(&target.url("/login"))
        .await
        .expect("open login page");
    submit_login(c, username, password).await;
    wait_css(c, "nav.main-nav").await;
}

/// A fresh browser session, logged in as `user`.
pub async fn session_for(t: &Target, user: &str) -> Client {
    let c = browser(t).await;
    login(&c, t, user).await;
    c
}

/// Waits until the element `css` shows `needle`; its whole text.
pub async fn wait_text(c: &Client, css: &str, needle: &str) -> String {
    eventually(&format!("“{needle}” in {css}"), || async {
        let el = c.find(Locator::Css(css)).await.ok()?;
        let s = el.text().await.ok()?;
        s.contains(needle).then_some(s)
    })
    .await
}

/// Replaces what `field` holds with `text`, typed as a user does (select all, delete, type).
pub async fn retype(field: &Element, text: &str) {
    field
        .send_keys("\u{E009}a\u{E000}\u{E003}")
        .await
        .expect("select all and delete");
    field.send_keys(text).await.expect("type");
}

/// Clicks the element `css` once it appears; `what` names the click when it fails. The element
/// is first brought to the middle of the window: WebDriver scrolls it to the top edge, where
/// the sticky top bar would take the click.
pub async fn click_css(c: &Client, css: &str, what: &str) {
    let el = wait_css(c, css).await;
    let _ = c
        .execute(
            "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'})",
            vec![serde_json::to_value(&el).expect("element reference")],
        )
        .await;
    el.click().await.expect(what);
}

/// Waits until the page's path and query (see [`current_path`]) are `want`.
pub async fn wait_path(c: &Client, want: &str) {
    eventually(&format!("the URL {want}"), || async {
        (current_path(c).await == want).then_some(())
    })
    .await;
}

/// Waits until the page's path is `prefix` and an id (a new record's page); the id.
pub async fn wait_id_in_path(c: &Client, what: &str, prefix: &str) -> i64 {
    eventually(what, || async {
        current_path(c).await.strip_prefix(prefix)?.parse().ok()
    })
    .await
}

/// [`retype`] on the element `css`, once it appears.
pub async fn retype_css(c: &Client, css: &str, text: &str) {
    retype(&wait_css(c, css).await, text).await;
}

/// `data-nav` names of the navigation entries, in order.
pub async fn nav_entries(c: &Client) -> Vec<String> {
    nav_attrs(c, "data-nav").await
}

/// The attribute `attr` of each navigation entry that has it, in order.
pub async fn nav_attrs(c: &Client, attr: &str) -> Vec<String> {
    let mut out = Vec::new();
    for a in c
        .find_all(Locator::Css("nav.main-nav a[data-nav]"))
        .await
        .expect("find nav links")
    {
        if let Ok(Some(value)) = a.attr(attr).await {
            out.push(value);
        }
    }
    out
}

/// Runs `fetch` inside the page (same origin, session cookie) and returns the JSON body.
pub async fn api_json(c: &Client, path: &str) -> serde_json::Value {
    let script = r#"
        const [path, done] = arguments;
        fetch('/api/v1' + path, {credentials: 'same-origin'})
          .then(r => r.json()).then(done, e => done({error: String(e)}));
    "#;
    c.execute_async(script, vec![serde_json::Value::String(path.to_string())])
        .await
        .expect("in-page fetch")
}

/// The stage of article `id`, read through the API.
pub async fn stage_of(c: &Client, id: i64) -> String {
    api_json(c, &format!("/articles/{id}")).await["stage"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

/// Moves article `id` to stage `to` through the API as the logged-in user (at its current
/// version).
pub async fn api_move(c: &Client, id: i64, to: &str) {
    let a = api_json(c, &format!("/articles/{id}")).await;
    let (status, answer) = api_send(
        c,
        "POST",
        &format!("/articles/{id}/transitions"),
        a["version"].as_i64(),
        serde_json::json!({"to": to}),
    )
    .await;
    assert_eq!(status, 200, "→ {to}: {answer}");
}

/// Saves a screenshot under `target/e2e-screenshots/` for people to look at.
pub async fn screenshot(c: &Client, name: &str) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/e2e-screenshots");
    if std::fs::create_dir_all(&dir).is_ok() {
        if let Ok(png) = c.screenshot().await {
            let _ = std::fs::write(dir.join(format!("{name}.png")), png);
        }
    }
}

/// Drags the element `from_css` onto `to_css` with HTML5 drag events, as a mouse drag would
/// fire them (`dragstart`, `dragenter`, `dragover`, `drop`, `dragend`, sharing one
/// `DataTransfer`). WebDriver's pointer actions do not start native HTML5 drags in Chromium, so
/// the events are dispatched from the page. Returns whether the target accepted the drop (its
/// `dragover` was cancelled, which is how a page says "you may drop here").
pub async fn html5_drag(c: &Client, from_css: &str, to_css: &str) -> bool {
    let script = r#"
        const [fromCss, toCss, done] = arguments;
        const from = document.querySelector(fromCss);
        const to = document.querySelector(toCss);
        if (!from || !to) { done({error: 'missing ' + (from ? toCss : fromCss)}); return; }
        const dt = new DataTransfer();
        const fire = (el, type) => {
            const ev = new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: dt});
            el.dispatchEvent(ev);
            return ev.defaultPrevented;
        };
        fire(from, 'dragstart');
        // Let the app react to dragstart (highlight the allowed columns) before moving on.
        requestAnimationFrame(() => {
            fire(to, 'dragenter');
            const accepted = fire(to, 'dragover');
            if (accepted) { fire(to, 'drop'); }
            fire(from, 'dragend');
            done({accepted});
        });
    "#;
    let out = c
        .execute_async(
            script,
            vec![
                serde_json::Value::String(from_css.to_string()),
                serde_json::Value::String(to_css.to_string()),
            ],
        )
        .await
        .expect("dispatch drag events");
    if let Some(e) = out.get("error") {
        panic!("drag: {e}");
    }
    out["accepted"].as_bool().unwrap_or(false)
}

/// Runs a write (`POST`/`PATCH`) inside the page with the app's CSRF header and returns
/// `{status, body}`.
pub async fn api_send(
    c: &Client,
    method: &str,
    path: &str,
    if_match: Option<i64>,
    body: serde_json::Value,
) -> (u16, serde_json::Value) {
    let script = r#"
        const [method, path, ifMatch, body, done] = arguments;
        const headers = {'Content-Type': 'application/json', 'X-Requested-With': 'e2e'};
        if (ifMatch !== null) { headers['If-Match'] = '"' + ifMatch + '"'; }
        fetch('/api/v1' + path, {method, headers, credentials: 'same-origin', body: JSON.stringify(body)})
          .then(async r => done({status: r.status, body: await r.json().catch(() => null)}),
                e => done({status: 0, body: String(e)}));
    "#;
    let out = c
        .execute_async(
            script,
            vec![
                method.into(),
                path.into(),
                if_match.map_or(serde_json::Value::Null, |v| v.into()),
                body,
            ],
        )
        .await
        .expect("in-page write");
    (
        out["status"].as_u64().unwrap_or(0) as u16,
        out["body"].clone(),
    )
}

/// What the benchmarks (`src/bin/*-bench.rs`) share: statistics of samples and the app's own
/// `performance.measure` entries.
/// A WebDriver command fantoccini has no method for: `POST /session/{id}/{path}` with `body`.
#[derive(Debug)]
pub struct SessionPost {
    pub path: &'static str,
    pub body: serde_json::Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for SessionPost {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/{}",
            session_id.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

/// chromedriver's bridge to the DevTools protocol: `cmd` with `params`.
pub fn cdp(cmd: &str, params: serde_json::Value) -> SessionPost {
    SessionPost {
        path: "goog/cdp/execute",
        body: serde_json::json!({ "cmd": cmd, "params": params }),
    }
}

/// The browser's console log since the last read (needs `goog:loggingPrefs`).
pub fn browser_log() -> SessionPost {
    SessionPost {
        path: "se/log",
        body: serde_json::json!({ "type": "browser" }),
    }
}

pub mod bench {
    use fantoccini::Client;
    use serde_json::json;

    /// The median of `v` (sorted in place); NaN when empty.
    pub fn median(v: &mut [f64]) -> f64 {
        v.sort_by(|a, b| a.total_cmp(b));
        let n = v.len();
        if n == 0 {
            return f64::NAN;
        }
        if n % 2 == 1 {
            v[n / 2]
        } else {
            (v[n / 2 - 1] + v[n / 2]) / 2.0
        }
    }

    /// The largest of `v`; NaN when empty.
    pub fn max(v: &[f64]) -> f64 {
        v.iter().copied().fold(f64::NAN, f64::max)
    }

    /// Waits for the measure `name` to have more than `after` entries; returns the newest
    /// one's duration.
    pub async fn measure(c: &Client, name: &str, after: usize) -> f64 {
        let script = r#"
            const [name, after, done] = arguments;
            const t0 = Date.now();
            (function poll() {
                const e = performance.getEntriesByName(name);
                if (e.length > after) { done(e[e.length - 1].duration); }
                else if (Date.now() - t0 > 20000) { done(null); }
                else { setTimeout(poll, 5); }
            })();
        "#;
        let v = c
            .execute_async(script, vec![json!(name), json!(after)])
            .await
            .expect("read performance entries");
        v.as_f64()
            .unwrap_or_else(|| panic!("no `{name}` measure appeared within 20 s"))
    }

    /// How many entries the measure `name` has.
    pub async fn count(c: &Client, name: &str) -> usize {
        c.execute(
            "return performance.getEntriesByName(arguments[0]).length;",
            vec![json!(name)],
        )
        .await
        .expect("count entries")
        .as_u64()
        .unwrap_or(0) as usize
    }
}
