//! `chart-bench BASE_URL WEBDRIVER_URL`: the statistics page's main chart over 365 days (one
//! point per day, the previous period dashed beside it, its 365-row table), in headless
//! Chromium against the demo traffic. Prints the app's `stats:chart-render` measure:
//! - on load: the time-series answer received → the chart painted;
//! - on switching the metric (a card click) → the redrawn chart painted;
//! - and the rendering work alone: the script, plus the painted frame from its callback (style,
//!   layout, paint) — without the wait for the display's next frame in between.

use portal_e2e::bench::{count, max, measure, median};
use portal_e2e::fantoccini::{Client, Locator};
use portal_e2e::{browser, login, wait_css, Target};

const LOADS: usize = 15;
/// Interval switches (a new series from the server, the other panels untouched).
const REFETCHES: usize = 10;
/// Metric switches, cycling through the five cards.
const SWITCHES: usize = 15;
const MEASURE: &str = "stats:chart-render";
const SCRIPT: &str = "stats:chart-script";
const PAINT: &str = "stats:chart-paint";
const METRICS: [&str; 5] = [
    "visits",
    "pageviews",
    "bounce_rate",
    "visit_duration",
    "visitors",
];

/// The 365 days ending today in Vietnam, as `?from=&to=`.
async fn last_365_days(c: &Client) -> String {
    let v = c
        .execute(
            "const day = ms => new Date(ms + 7 * 3600 * 1000).toISOString().slice(0, 10); \
             const now = Date.now(); \
             return '?from=' + day(now - 364 * 86400000) + '&to=' + day(now);",
            vec![],
        )
        .await
        .expect("compute the range");
    v.as_str().unwrap_or_default().to_string()
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let target = Target::from_args("chart-bench")?;
    let c = browser(&target).await;
    login(&c, &target, "director").await;
    let range = last_365_days(&c).await;
    let path = format!("/stats{range}&interval=day&metric=visitors");

    let mut loads = Vec::new();
    let mut load_scripts = Vec::new();
    let mut load_work = Vec::new();
    let mut points = 0;
    let mut rows = 0;
    for _ in 0..LOADS {
        c.goto(&target.url(&path)).await?;
        wait_css(&c, "path.chart-line").await;
        loads.push(measure(&c, MEASURE, 0).await);
        let script = measure(&c, SCRIPT, 0).await;
        load_scripts.push(script);
        load_work.push(script + measure(&c, PAINT, 0).await);
        points = c
            .execute(
                "return (document.querySelector('path.chart-line').getAttribute('d').match(/[ML]/g) || []).length",
                vec![],
            )
            .await?
            .as_u64()
            .unwrap_or(0);
        rows = c
            .execute(
                "return document.querySelectorAll('.chart-table tbody tr').length",
                vec![],
            )
            .await?
            .as_u64()
            .unwrap_or(0);
    }

    let mut switches = Vec::new();
    let mut switch_scripts = Vec::new();
    let mut switch_work = Vec::new();
    for metric in METRICS.iter().cycle().take(SWITCHES) {
        let before = count(&c, MEASURE).await;
        let before_script = count(&c, SCRIPT).await;
        let before_paint = count(&c, PAINT).await;
        c.find(Locator::Css(&format!(
            ".metric-card[data-metric='{metric}']"
        )))
        .await?
        .click()
        .await?;
        switches.push(measure(&c, MEASURE, before).await);
        let script = measure(&c, SCRIPT, before_script).await;
        switch_scripts.push(script);
        switch_work.push(script + measure(&c, PAINT, before_paint).await);
    }
    // A new series alone (no other panel reloads): day ↔ week, answer → chart.
    let mut refetches = Vec::new();
    let mut refetch_scripts = Vec::new();
    let mut refetch_work = Vec::new();
    for interval in ["week", "day"].iter().cycle().take(REFETCHES) {
        let before = count(&c, MEASURE).await;
        let before_script = count(&c, SCRIPT).await;
        let before_paint = count(&c, PAINT).await;
        c.find(Locator::Css(&format!("[data-interval='{interval}']")))
            .await?
            .click()
            .await?;
        refetches.push(measure(&c, MEASURE, before).await);
        let script = measure(&c, SCRIPT, before_script).await;
        refetch_scripts.push(script);
        refetch_work.push(script + measure(&c, PAINT, before_paint).await);
    }
    let heap = c
        .execute(
            "return performance.memory ? performance.memory.usedJSHeapSize : null",
            vec![],
        )
        .await?;
    c.close().await?;

    println!("\nStatistics chart in headless Chromium ({path})");
    println!("  points on the line: {points}; rows in the data table: {rows}");
    let line = |what: &str, name: &str, v: &[f64]| {
        println!(
            "  {what} ({name}), {} times: median {:.1} ms, max {:.1} ms (target ≤ 16 ms)",
            v.len(),
            median(&mut v.to_vec()),
            max(v)
        );
    };
    line("load, answer → DOM updated", SCRIPT, &load_scripts);
    line("load, answer → frame painted", MEASURE, &loads);
    line(
        "load, rendering work (script + the frame's style, layout, paint)",
        "script + stats:chart-paint",
        &load_work,
    );
    line(
        "new series (interval), answer → DOM updated",
        SCRIPT,
        &refetch_scripts,
    );
    line(
        "new series (interval), answer → frame painted",
        MEASURE,
        &refetches,
    );
    line(
        "new series (interval), rendering work",
        "script + stats:chart-paint",
        &refetch_work,
    );
    line(
        "metric switch, click → DOM updated",
        SCRIPT,
        &switch_scripts,
    );
    line("metric switch, click → frame painted", MEASURE, &switches);
    line(
        "metric switch, rendering work",
        "script + stats:chart-paint",
        &switch_work,
    );
    if let Some(h) = heap.as_f64() {
        println!("  JS heap after the switches: {:.1} MB", h / 1_048_576.0);
    }
    Ok(())
}
