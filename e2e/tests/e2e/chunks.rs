//! The release build is split into chunks (`xtask/src/split.rs`, `src/lazy.rs`), in a real
//! browser against the real server:
//!
//! - the login page downloads the main module only, no chunk; the dashboard after login
//!   downloads its own;
//! - a chunk that cannot be downloaded (the network drops, blocked here through chromedriver's
//!   DevTools bridge) shows the Vietnamese notice with "Thử lại", the app keeps running, and
//!   the retry shows the page once the network is back.
//!
//! The served build must be split (`cargo xtask test` serves the split release build): against
//! one that is not (`trunk serve`) these tests fail and say so.

use portal_e2e::fantoccini::{Client, Locator};
use portal_e2e::*;
use serde_json::json;

/// The wasm files this document downloaded so far (their paths).
async fn wasm_downloads(c: &Client) -> Vec<String> {
    let names = c
        .execute(
            "return performance.getEntriesByType('resource')
                 .map(e => new URL(e.name).pathname)
                 .filter(p => p.endsWith('.wasm'));",
            vec![],
        )
        .await
        .expect("read resource timings");
    names
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// Whether the served build is split: its `index.html` preloads the chunk loader.
async fn is_split(c: &Client) -> bool {
    c.execute(
        "return !!document.querySelector('link[href*=\"__wasm_split-\"]');",
        vec![],
    )
    .await
    .expect("look for the loader")
    .as_bool()
    .unwrap_or(false)
}

async fn assert_split(c: &Client) {
    assert!(
        is_split(c).await,
        "the served build is not split into chunks (its index.html has no chunk loader): \
         serve the split release build, as `cargo xtask test` does"
    );
}

fn is_chunk(path: &str) -> bool {
    path.starts_with("/split_") || path.starts_with("/chunk_")
}

async fn block_chunks(c: &Client, blocked: bool) {
    let patterns: Vec<&str> = if blocked {
        vec!["*/split_*", "*/chunk_*"]
    } else {
        vec![]
    };
    c.issue_cmd(cdp("Network.enable", json!({})))
        .await
        .expect("enable the network domain");
    c.issue_cmd(cdp("Network.setBlockedURLs", json!({ "urls": patterns })))
        .await
        .expect("block the chunks");
}

#[tokio::test]
async fn the_login_page_downloads_no_chunk_and_the_dashboard_its_own() {
    let t = Target::from_env();
    let c = browser(&t).await;
    c.goto(&t.url("/login")).await.expect("open login page");
    wait_css(&c, "#login-username").await;
    assert_split(&c).await;
    let before = wasm_downloads(&c).await;
    assert_eq!(
        before.iter().filter(|p| !is_chunk(p)).count(),
        1,
        "one main module: {before:?}"
    );
    assert!(
        !before.iter().any(|p| is_chunk(p)),
        "the login page downloads no chunk: {before:?}"
    );

    submit_login(&c, "chief", DEMO_PASSWORD).await;
    wait_css(&c, "nav.main-nav").await;
    wait_css(&c, "main h1").await;
    let after = wasm_downloads(&c).await;
    assert!(
        after.iter().any(|p| p.starts_with("/split_dashboard-")),
        "the dashboard's chunk: {after:?}"
    );
    c.close().await.expect("close");
}

#[tokio::test]
async fn a_chunk_that_does_not_download_offers_a_retry_and_the_app_keeps_running() {
    let t = Target::from_env();
    let c = session_for(&t, "chief").await;
    wait_css(&c, "main h1").await;
    assert_split(&c).await;

    block_chunks(&c, true).await;
    click_css(&c, "nav.main-nav a[data-nav=\"stats\"]", "open statistics").await;
    let notice = wait_css(&c, ".page-load-failed").await;
    let text = notice.text().await.expect("notice text");
    assert!(text.contains("Không tải được trang này"), "{text}");
    assert!(text.contains("Kiểm tra kết nối mạng"), "{text}");
    assert_eq!(
        notice.attr("role").await.expect("role").as_deref(),
        Some("alert")
    );
    screenshot(&c, "chunk-load-failed").await;
    // The app still runs: the shell answers, the URL is the page asked for.
    assert_eq!(current_path(&c).await, "/stats");
    wait_css(&c, "nav.main-nav").await;

    // Still offline: the retry fails the same way, without breaking anything.
    click_css(&c, ".page-load-failed button.retry", "retry").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    wait_css(&c, ".page-load-failed button.retry").await;

    // Back online: the retry shows the page in place.
    block_chunks(&c, false).await;
    click_css(&c, ".page-load-failed button.retry", "retry").await;
    let heading = wait_css(&c, "main h1").await;
    let title = eventually("the statistics page", || async {
        let s = heading.text().await.ok()?;
        s.contains("Thống kê").then_some(s)
    })
    .await;
    assert!(c
        .find_all(Locator::Css(".page-load-failed"))
        .await
        .expect("find notices")
        .is_empty());
    assert!(
        wasm_downloads(&c)
            .await
            .iter()
            .any(|p| p.starts_with("/split_stats-")),
        "{title}"
    );

    // And another page still opens the usual way.
    click_css(
        &c,
        "nav.main-nav a[data-nav=\"dashboard\"]",
        "open the dashboard",
    )
    .await;
    wait_path(&c, "/").await;
    wait_css(&c, "main h1").await;
    c.close().await.expect("close");
}
