//! `board-bench BASE_URL WEBDRIVER_URL`: the kanban board with every demo article on it (the
//! bench starts the server with 2,000), in headless Chromium. Prints:
//! - first render: the app's `board:first-render` measure (data received → columns painted);
//! - moving one card: the app's `board:move` measure (server confirmed → both columns updated)
//!   and which columns' card lists or counts changed in the DOM while it happened;
//! - filter keystrokes: the app's `board:filter` measure per typed character;
//! - the JS heap after load.

use portal_e2e::bench::{count, max, measure, median};
use portal_e2e::fantoccini::Locator;
use portal_e2e::{browser, html5_drag, login, wait_css, Target};
use serde_json::Value;
use std::time::Duration;

const LOADS: usize = 7;
const MOVES: usize = 5;

/// Starts recording which columns' card lists or counts change.
const OBSERVE: &str = r#"
    window.__touched = new Set();
    window.__observers = [];
    for (const col of document.querySelectorAll('.board-column')) {
        const stage = col.dataset.stage;
        const o = new MutationObserver(() => window.__touched.add(stage));
        for (const el of col.querySelectorAll('ol.board-cards, .column-count')) {
            o.observe(el, {childList: true, subtree: true, characterData: true});
        }
        window.__observers.push(o);
    }
"#;

const TOUCHED: &str = r#"
    for (const o of window.__observers) { o.disconnect(); }
    return Array.from(window.__touched).sort();
"#;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let target = Target::from_args("board-bench")?;
    let c = browser(&target).await;
    // The secretary sees every card and may move review → pending approval without a comment.
    login(&c, &target, "secretary").await;

    let mut first = Vec::new();
    let mut columns = 0;
    for _ in 0..LOADS {
        c.goto(&target.url("/workflow")).await?;
        wait_css(&c, ".board-column").await;
        first.push(measure(&c, "board:first-render", 0).await);
        columns = c
            .execute(
                "return document.querySelectorAll('.board-column .column-count').length",
                vec![],
            )
            .await?
            .as_u64()
            .unwrap_or(0);
    }
    let total: Value = c
        .execute(
            "return Array.from(document.querySelectorAll('.board-column')).map(c => [c.dataset.stage, c.querySelector('.column-count')?.textContent.trim()]);",
            vec![],
        )
        .await?;
    let rendered = c
        .execute(
            "return document.querySelectorAll('[data-card-id]').length",
            vec![],
        )
        .await?;
    let heap = c
        .execute(
            "return performance.memory ? performance.memory.usedJSHeapSize : null",
            vec![],
        )
        .await?;

    let mut moves = Vec::new();
    let mut touched_sets = Vec::new();
    for _ in 0..MOVES {
        let id = c
            .execute(
                "const e = document.querySelector('.board-column[data-stage=review] [data-card-id]'); return e ? e.dataset.cardId : null;",
                vec![],
            )
            .await?;
        let Some(id) = id.as_str().map(str::to_string) else {
            break;
        };
        let before = count(&c, "board:move").await;
        c.execute(OBSERVE, vec![]).await?;
        let accepted = html5_drag(
            &c,
            &format!("[data-card-id=\"{id}\"]"),
            ".board-column[data-stage=pending_approval]",
        )
        .await;
        assert!(accepted, "the pending-approval column refused the drop");
        moves.push(measure(&c, "board:move", before).await);
        // Let late work (a refocus, the live region) settle before reading the record.
        tokio::time::sleep(Duration::from_millis(100)).await;
        touched_sets.push(c.execute(TOUCHED, vec![]).await?);
    }

    let q = c.find(Locator::Css("#board-q")).await?;
    let mut filter = Vec::new();
    for ch in "bao hiem".chars() {
        let before = count(&c, "board:filter").await;
        q.send_keys(&ch.to_string()).await?;
        filter.push(measure(&c, "board:filter", before).await);
    }
    c.close().await?;

    println!("\nKanban board in headless Chromium (columns: {columns}; per column: {total})");
    println!("  cards in the DOM after load: {rendered}");
    println!(
        "  first render (board:first-render), {LOADS} loads: median {:.1} ms, max {:.1} ms (target ≤ 150 ms)",
        median(&mut first.clone()),
        max(&first)
    );
    println!(
        "  move one card (board:move), {} moves: median {:.1} ms, max {:.1} ms (target ≤ 8 ms)",
        moves.len(),
        median(&mut moves.clone()),
        max(&moves)
    );
    for (i, t) in touched_sets.iter().enumerate() {
        println!(
            "    move {}: columns whose cards or count changed: {t}",
            i + 1
        );
    }
    println!(
        "  filter keystroke (board:filter), {} keys: median {:.1} ms, max {:.1} ms (target ≤ 16 ms)",
        filter.len(),
        median(&mut filter.clone()),
        max(&filter)
    );
    if let Some(h) = heap.as_f64() {
        println!("  JS heap after load: {:.1} MB", h / 1_048_576.0);
    }
    Ok(())
}
