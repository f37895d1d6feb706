//! The tracking snippet in a real browser: served by the reference server, it posts a beacon
//! that is counted. Headless Chromium is an automated browser, so it must land among the bots
//! and leave the people's figures alone.

use portal_e2e::*;
use serde_json::Value;

fn today_totals(summary: &Value) -> (u64, u64) {
    let cur = &summary["current"];
    (
        cur["pageviews"].as_u64().expect("pageviews"),
        cur["bot_pageviews"].as_u64().expect("bot pageviews"),
    )
}

#[tokio::test]
async fn the_snippet_posts_a_beacon_and_headless_chromium_counts_as_a_bot() {
    let t = Target::from_env();
    let c = session_for(&t, "chief").await;
    let before = today_totals(&api_json(&c, "/stats/summary").await);

    // Embed the snippet as a portal page would, with the article it shows.
    let script = r#"
        const done = arguments[0];
        const s = document.createElement('script');
        s.src = '/api/v1/collect.js';
        s.dataset.article = '5';
        s.onload = () => done(true);
        s.onerror = () => done(false);
        document.head.appendChild(s);
    "#;
    let loaded = c
        .execute_async(script, vec![])
        .await
        .expect("inject snippet");
    assert_eq!(loaded, Value::Bool(true), "collect.js loads");

    let after = eventually("the beacon is counted", || async {
        let now = today_totals(&api_json(&c, "/stats/summary").await);
        (now.1 > before.1).then_some(now)
    })
    .await;
    assert_eq!(after.1, before.1 + 1, "exactly one bot pageview more");
    assert_eq!(after.0, before.0, "people's pageviews unchanged");
    c.close().await.ok();
}
