//! Security (issue #7) in a real browser against the real server and the built SPA:
//!
//! - the app runs under the server's Content-Security-Policy with no violation: a
//!   `securitypolicyviolation` listener is installed before any script of each document (through
//!   chromedriver's DevTools bridge), Chromium's console is read too, and every page of the app
//!   is opened as the administrator and as the chief editor;
//! - the administrator ends another user's session from the admin page, and that user is sent
//!   to the login page at their next request;
//! - the audit log viewer filters by action and refuses a reversed date range in Vietnamese.

use portal_e2e::fantoccini::{Client, ClientBuilder, Locator};
use portal_e2e::*;
use serde_json::{json, Value};

/// Runs in every new document before the page's own scripts: records each CSP violation.
const LISTENER: &str = r#"
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations.push({
            directive: e.effectiveDirective || e.violatedDirective,
            blocked: e.blockedURI, sample: e.sample, source: e.sourceFile, line: e.lineNumber,
            page: location.pathname,
        });
    });
"#;

/// A browser whose every document listens for CSP violations from its first script on, and
/// whose console is kept.
async fn watched_browser(t: &Target) -> Client {
    let mut caps = chrome_capabilities();
    caps.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
    let c = ClientBuilder::native()
        .capabilities(caps)
        .connect(&t.webdriver_url)
        .await
        .expect("WebDriver session");
    c.issue_cmd(cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": LISTENER }),
    ))
    .await
    .expect("install the CSP listener");
    c
}

/// The violations this document recorded, and the console's CSP complaints since last asked.
async fn violations(c: &Client) -> Vec<String> {
    let mut out = Vec::new();
    let recorded = c
        .execute("return window.__cspViolations || null;", vec![])
        .await
        .expect("read violations");
    match recorded {
        Value::Array(items) => out.extend(items.iter().map(Value::to_string)),
        other => out.push(format!("the listener is missing on this page: {other}")),
    }
    if let Ok(Value::Array(entries)) = c.issue_cmd(browser_log()).await {
        for e in entries {
            let message = e["message"].as_str().unwrap_or_default();
            if message.contains("Content Security Policy") || message.contains("Refused to") {
                out.push(format!("console: {message}"));
            }
        }
    }
    out
}

/// Opens `path` as a fresh document (the bootstrap runs again under the policy), waits for the
/// page's heading, checks it rendered without an error state, and returns the violations.
async fn visit(c: &Client, t: &Target, path: &str, ready_css: &str) -> Vec<String> {
    c.goto(&t.url(path)).await.expect("open page");
    wait_css(c, "nav.main-nav").await;
    let heading = wait_css(c, ready_css).await;
    let text = eventually(&format!("the heading of {path}"), || async {
        let s = heading.text().await.ok()?;
        (!s.trim().is_empty()).then_some(s)
    })
    .await;
    // Let lazy panels and charts finish drawing.
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    let errors = c
        .find_all(Locator::Css(".state-error, .state-forbidden"))
        .await
        .expect("find error states");
    assert!(errors.is_empty(), "{path} (“{text}”) shows an error state");
    violations(c)
        .await
        .into_iter()
        .map(|v| format!("{path}: {v}"))
        .collect()
}

/// The `href` of every navigation entry.
async fn nav_paths(c: &Client) -> Vec<String> {
    nav_attrs(c, "href").await
}

/// The page's Content-Security-Policy, as the server sent it with `index.html`.
async fn served_policy(c: &Client) -> String {
    let out = c
        .execute_async(
            r#"const [done] = arguments;
               fetch('/', {credentials: 'same-origin'})
                 .then(r => done(r.headers.get('content-security-policy') || ''), e => done(''));"#,
            vec![],
        )
        .await
        .expect("fetch /");
    out.as_str().unwrap_or_default().to_string()
}

#[tokio::test]
async fn every_page_runs_under_the_content_security_policy() {
    let t = Target::from_env();
    let mut found = Vec::new();

    // The administrator: every entry of the navigation, the sessions and the audit log.
    let admin = watched_browser(&t).await;
    login(&admin, &t, "admin").await;
    let policy = served_policy(&admin).await;
    assert!(
        policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
        "the app is served under the policy: {policy}"
    );
    assert!(!policy.contains("unsafe-inline") && policy.contains("object-src 'none'"));
    found.extend(violations(&admin).await);
    // The detector works: markup with an inline style (what the app must never produce) and
    // an inline handler are refused and reported.
    admin
        .execute(
            r#"document.body.insertAdjacentHTML('beforeend',
                 '<p id="csp-probe" style="color: red" onclick="void 0">x</p>');
               document.getElementById('csp-probe').click();"#,
            vec![],
        )
        .await
        .expect("insert the probe");
    let probe = eventually("the probe's violations", || async {
        let v = violations(&admin).await;
        (v.len() >= 2).then_some(v)
    })
    .await;
    assert!(
        probe.iter().any(|v| v.contains("style-src")),
        "inline style refused: {probe:?}"
    );
    assert!(
        probe.iter().any(|v| v.contains("script-src")),
        "inline handler refused: {probe:?}"
    );
    admin
        .execute(
            "document.getElementById('csp-probe').remove(); window.__cspViolations = [];",
            vec![],
        )
        .await
        .expect("reset");
    let mut paths = nav_paths(&admin).await;
    assert!(paths.contains(&"/admin".to_string()), "{paths:?}");
    paths.push("/account".to_string());
    paths.push("/khong-co-trang-nay".to_string());
    // A failed login, so the log has a failure to filter for.
    let (status, _) = api_send(
        &admin,
        "POST",
        "/session",
        None,
        json!({ "username": "khong.ton.tai", "password": "sai-mat-khau1" }),
    )
    .await;
    assert_eq!(status, 401);
    for path in &paths {
        found.extend(visit(&admin, &t, path, "main h1").await);
    }
    for path in [
        "/admin/audit",
        "/admin/audit?outcome=failure&from=2020-01-01",
    ] {
        found.extend(visit(&admin, &t, path, "main h1").await);
        wait_css(&admin, ".audit-table tbody tr").await;
    }
    wait_css(&admin, ".audit-table tr[data-outcome=failure]").await;
    let _ = admin.close().await;

    // The chief editor: every entry, an article, the editor, and the stats chart's tooltip
    // (positioned through inline style properties).
    let chief = watched_browser(&t).await;
    login(&chief, &t, "chief").await;
    found.extend(violations(&chief).await);
    let mut paths = nav_paths(&chief).await;
    assert!(paths.len() >= 8, "{paths:?}");
    assert!(!paths.contains(&"/admin".to_string()));
    let articles = api_json(&chief, "/articles?per_page=1&stage=published").await;
    let id = articles["items"][0]["id"]
        .as_i64()
        .expect("a published demo article");
    paths.push(format!("/articles/{id}"));
    paths.push("/articles/new".to_string());
    paths.push("/account".to_string());
    for path in &paths {
        found.extend(visit(&chief, &t, path, "main h1").await);
    }
    found.extend(visit(&chief, &t, "/account", "form.account-form").await);
    screenshot(&chief, "account-password").await;
    found.extend(visit(&chief, &t, "/stats", "main h1").await);
    let plot = wait_css(&chief, ".line-chart .chart-plot").await;
    plot.send_keys("\u{E012}")
        .await
        .expect("arrow key on the chart"); // ← moves the marker
    let tooltip = wait_css(&chief, ".chart-tooltip").await;
    let placed = tooltip
        .attr("style")
        .await
        .ok()
        .flatten()
        .unwrap_or_default();
    assert!(placed.contains("top:"), "the tooltip is placed: {placed}");
    found.extend(violations(&chief).await);
    // The admin page is refused to the chief editor, and says so.
    chief.goto(&t.url("/admin/audit")).await.expect("open");
    wait_css(&chief, ".state-forbidden").await;
    found.extend(violations(&chief).await);
    let _ = chief.close().await;

    assert!(found.is_empty(), "CSP violations:\n{}", found.join("\n"));
}

#[tokio::test]
async fn the_admin_ends_a_session_and_reads_it_in_the_audit_log() {
    let t = Target::from_env();
    let admin = watched_browser(&t).await;
    login(&admin, &t, "admin").await;
    // A user of this test alone, so no other journey loses its session.
    let username = format!("e2e.sec{}", std::process::id());
    let password = "Mật khẩu kiểm thử 2026";
    // Giving roles: the administrator confirms their password first.
    let (status, answer) = api_send(
        &admin,
        "POST",
        "/session/reauthenticate",
        None,
        json!({ "password": DEMO_PASSWORD }),
    )
    .await;
    assert_eq!(status, 204, "{answer}");
    let (status, _) = api_send(
        &admin,
        "POST",
        "/users",
        None,
        json!({
            "username": username, "full_name": "Phạm Thị Thu Hà", "roles": ["author"],
            "password": password,
        }),
    )
    .await;
    assert_eq!(status, 201);
    let other = browser(&t).await;
    login_with(&other, &t, &username, password).await;

    // The admin page lists the session; ending it from the keyboard.
    admin.goto(&t.url("/admin")).await.expect("open /admin");
    let row_css = format!(".sessions-table tr[data-user=\"{username}\"]");
    wait_css(&admin, &row_css).await;
    let own = wait_css(&admin, ".sessions-table tr[data-user=admin] .badge").await;
    assert_eq!(own.text().await.unwrap(), "Phiên của bạn");
    let page_text = wait_css(&admin, ".admin-sessions")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page_text.contains("Phiên đăng nhập đang hoạt động"),
        "{page_text}"
    );
    assert!(page_text.contains("Phạm Thị Thu Hà"));
    admin
        .execute(
            "document.querySelector('.admin-sessions').scrollIntoView();",
            vec![],
        )
        .await
        .expect("scroll to the sessions");
    screenshot(&admin, "admin-sessions").await;
    let button = wait_css(
        &admin,
        &format!("{row_css} button[data-action=end-session]"),
    )
    .await;
    assert_eq!(
        button.attr("aria-label").await.unwrap().as_deref(),
        Some("Kết thúc phiên của Phạm Thị Thu Hà")
    );
    button
        .send_keys("\u{E007}")
        .await
        .expect("Enter on the button");
    eventually("the ended session leaves the table", || async {
        let rows = admin.find_all(Locator::Css(&row_css)).await.ok()?;
        rows.is_empty().then_some(())
    })
    .await;
    let toast = wait_css(&admin, ".toast").await.text().await.unwrap();
    assert!(
        toast.contains("Đã kết thúc phiên đăng nhập của Phạm Thị Thu Hà"),
        "{toast}"
    );
    let focused = admin
        .execute("return document.activeElement.id;", vec![])
        .await
        .unwrap();
    assert_eq!(focused, "sessions-heading", "focus returns to the section");

    // The other browser is signed out at its next request.
    other.goto(&t.url("/articles")).await.expect("open");
    eventually("the login page", || async {
        current_path(&other)
            .await
            .starts_with("/login")
            .then_some(())
    })
    .await;
    let _ = other.close().await;

    // The audit log: from the tab, filter by the action, typed and sent with Enter.
    wait_css(&admin, ".admin-tabs a[data-tab=audit]")
        .await
        .send_keys("\u{E007}")
        .await
        .expect("open the audit tab with Enter");
    wait_css(&admin, ".audit-table").await;
    let field = wait_css(&admin, "#audit-action").await;
    field.send_keys("session.end\u{E007}").await.expect("type");
    eventually("the filtered address", || async {
        current_path(&admin)
            .await
            .contains("action=session.end")
            .then_some(())
    })
    .await;
    // The filtered answer replaces the whole table: every row is an ended session.
    let actions = eventually("only session.end rows", || async {
        let rows = admin
            .find_all(Locator::Css(".audit-table tbody tr"))
            .await
            .ok()?;
        let mut actions = Vec::new();
        for r in rows {
            actions.push(r.attr("data-action").await.ok()??);
        }
        (!actions.is_empty() && actions.iter().all(|a| a == "session.end")).then_some(actions)
    })
    .await;
    assert!(!actions.is_empty());
    let first = wait_css(&admin, ".audit-table tbody tr[data-action=\"session.end\"]").await;
    let text = first.text().await.unwrap();
    assert!(
        text.contains("Kết thúc phiên đăng nhập") && text.contains("Thành công"),
        "{text}"
    );
    screenshot(&admin, "admin-audit-log").await;

    // A reversed range is refused before anything is sent, in Vietnamese, on the field.
    let set = r#"
        const [css, value] = arguments;
        const el = document.querySelector(css);
        el.value = value;
        el.dispatchEvent(new Event('input', {bubbles: true}));
    "#;
    admin
        .execute(set, vec!["#audit-from".into(), "2026-03-05".into()])
        .await
        .unwrap();
    admin
        .execute(set, vec!["#audit-to".into(), "2026-03-04".into()])
        .await
        .unwrap();
    let chosen = wait_css(&admin, "#audit-chosen")
        .await
        .text()
        .await
        .unwrap();
    assert!(chosen.contains("05/03/2026 – 04/03/2026"), "{chosen}");
    wait_css(&admin, "[data-action=apply-audit-filters]")
        .await
        .click()
        .await
        .unwrap();
    let error = wait_css(&admin, "#audit-error").await.text().await.unwrap();
    assert_eq!(error, "Ngày kết thúc phải từ ngày bắt đầu trở đi.");
    assert_eq!(
        wait_css(&admin, "#audit-to")
            .await
            .attr("aria-invalid")
            .await
            .unwrap()
            .as_deref(),
        Some("true")
    );
    assert!(current_path(&admin).await.contains("action=session.end"));
    assert!(!current_path(&admin).await.contains("from="));
    screenshot(&admin, "admin-audit-range-error").await;
    let v = violations(&admin).await;
    assert!(v.is_empty(), "{v:?}");
    let _ = admin.close().await;
}
