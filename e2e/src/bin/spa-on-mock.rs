//! `spa-on-mock SPA_URL WEBDRIVER_URL`: the built SPA against a mock generated from
//! `contract/openapi.yaml` alone (`cargo xtask test` starts Prism and serves the SPA pointed at
//! it). Opens every entry of the navigation (by clicking it) and the detail and form pages
//! (by address), and fails when a page raises an uncaught error, an unhandled rejection or a
//! Rust panic, shows an error or "no permission" state, stays loading, or does not render its
//! heading. The page served injects `window.__portalErrors` (see xtask) before the app starts.

use fantoccini::{Client, ClientBuilder, Locator};
use portal_e2e::chrome_capabilities;
use std::time::{Duration, Instant};

/// Pages reached by address: detail pages and forms the navigation does not list.
const BY_ADDRESS: [&str; 8] = [
    "/articles/new",
    "/articles/1",
    "/plan/1",
    "/fraud-reports/new",
    "/fraud-reports/1",
    "/info/org",
    "/info/links",
    "/info/training",
];

/// What the page at `want` looks like once it has settled (or after 15 s). The previous page
/// stays until the next one is ready (its chunk downloaded), so the address is waited for too.
const SETTLE: &str = r#"
    const [want, done] = arguments;
    const started = performance.now();
    (function poll() {
        const h1 = document.querySelector('main#main h1');
        const loading = document.querySelector('main#main .skeleton-bar, main#main .skeleton-block');
        const settled = location.pathname === want && h1 && h1.textContent.trim() !== '' && !loading;
        if (settled || performance.now() - started > 15000) {
            const texts = (sel) => Array.from(document.querySelectorAll(sel)).map(e => e.textContent.trim().replace(/\s+/g, ' '));
            done({
                heading: h1 ? h1.textContent.trim() : null,
                loading: !!loading,
                errors: window.__portalErrors ? window.__portalErrors.splice(0) : ['the error recorder is missing'],
                error_states: texts('main#main .state-error'),
                forbidden: texts('main#main .state-forbidden'),
                not_found: !!document.querySelector('.page-not-found'),
                path: location.pathname,
            });
        } else { setTimeout(poll, 100); }
    })();
"#;

async fn settle(c: &Client, want: &str) -> Result<serde_json::Value, String> {
    c.execute_async(SETTLE, vec![want.into()])
        .await
        .map_err(|e| format!("reading the page: {e}"))
}

/// Problems of a settled page (empty: it rendered cleanly).
fn judge(page: &serde_json::Value, want_path: &str) -> Vec<String> {
    let mut out = Vec::new();
    for e in page["errors"].as_array().into_iter().flatten() {
        out.push(format!("script error: {}", e.as_str().unwrap_or_default()));
    }
    if page["heading"].as_str().is_none_or(str::is_empty) {
        out.push("no heading rendered in main".into());
    }
    if page["loading"].as_bool() == Some(true) {
        out.push("still loading after 15 s".into());
    }
    for s in page["error_states"].as_array().into_iter().flatten() {
        out.push(format!("error state: {}", s.as_str().unwrap_or_default()));
    }
    for s in page["forbidden"].as_array().into_iter().flatten() {
        out.push(format!(
            "no-permission state: {}",
            s.as_str().unwrap_or_default()
        ));
    }
    if page["not_found"].as_bool() == Some(true) {
        out.push("the not-found page".into());
    }
    if page["path"].as_str() != Some(want_path) {
        out.push(format!("ended at {} instead", page["path"]));
    }
    out
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [base, webdriver] = args.as_slice() else {
        eprintln!("usage: spa-on-mock SPA_URL WEBDRIVER_URL");
        return std::process::ExitCode::from(2);
    };
    match check(base.trim_end_matches('/'), webdriver).await {
        Ok(0) => std::process::ExitCode::SUCCESS,
        Ok(_) => std::process::ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Runs the pages; returns how many failed.
async fn check(base: &str, webdriver: &str) -> Result<usize, String> {
    let c = ClientBuilder::native()
        .capabilities(chrome_capabilities())
        .connect(webdriver)
        .await
        .map_err(|e| format!("cannot start a WebDriver session at {webdriver}: {e}"))?;
    let started = Instant::now();
    let mut failed = 0;
    let mut pages = 0;
    let mut report = |path: &str, problems: Vec<String>| {
        pages += 1;
        if problems.is_empty() {
            println!("✓ {path}");
        } else {
            failed += 1;
            println!("✗ {path} — {}", problems.join("; "));
        }
    };

    c.goto(&format!("{base}/"))
        .await
        .map_err(|e| format!("open {base}/: {e}"))?;
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("nav.main-nav"))
        .await
        .map_err(|e| format!("no navigation: the mock's session did not log the SPA in: {e}"))?;
    let mut entries = Vec::new();
    for a in c
        .find_all(Locator::Css("nav.main-nav a[data-nav]"))
        .await
        .map_err(|e| e.to_string())?
    {
        let key = a.attr("data-nav").await.ok().flatten().unwrap_or_default();
        let href = a.attr("href").await.ok().flatten().unwrap_or_default();
        entries.push((key, href));
    }
    // The mock's session holds every role: all twelve entries.
    if entries.len() < 12 {
        report(
            "navigation",
            vec![format!("only {} entries: {entries:?}", entries.len())],
        );
    }
    for (key, href) in &entries {
        let link = c
            .find(Locator::Css(&format!("nav.main-nav a[data-nav='{key}']")))
            .await
            .map_err(|e| format!("nav entry {key}: {e}"))?;
        link.click()
            .await
            .map_err(|e| format!("click {key}: {e}"))?;
        let page = settle(&c, href).await?;
        report(&format!("{href} (navigation: {key})"), judge(&page, href));
    }
    for path in BY_ADDRESS {
        c.goto(&format!("{base}{path}"))
            .await
            .map_err(|e| format!("open {path}: {e}"))?;
        let page = settle(&c, path).await?;
        report(path, judge(&page, path));
    }
    let _ = c.close().await;
    println!(
        "SPA on the mock: {pages} pages, {} render cleanly, {failed} do not ({:.0} s)",
        pages - failed,
        started.elapsed().as_secs_f64()
    );
    Ok(failed)
}
