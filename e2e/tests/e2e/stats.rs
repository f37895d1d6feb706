//! Visitor statistics end to end, against the reference server's demo traffic (18 months):
//! every part of `/stats` renders with data; presets, metrics and intervals change the chart
//! and the URL (Back included); the custom range refuses bad input in Vietnamese; the CSV the
//! page hands to the browser is the data table, row by row; a bad link falls back to 30 days.

use portal_e2e::fantoccini::Client;
use portal_e2e::*;
use serde_json::{json, Value};

/// Runs `script` (a function body) in the page and returns its value.
async fn js(c: &Client, script: &str) -> Value {
    c.execute(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
}

/// Points of the main chart's line (segments + 1), 0 when there is none.
async fn chart_points(c: &Client) -> usize {
    js(
        c,
        "const p = document.querySelector('path.chart-line'); \
         return p ? (p.getAttribute('d').match(/[ML]/g) || []).length : 0;",
    )
    .await
    .as_u64()
    .unwrap_or(0) as usize
}

/// Waits until the chart's line has `n` points; `what` names them in a timeout.
async fn wait_points(c: &Client, what: &str, n: usize) {
    eventually(what, || async {
        (chart_points(c).await == n).then_some(())
    })
    .await;
}

async fn text_of(c: &Client, css: &str) -> String {
    js(
        c,
        &format!(
            "const e = document.querySelector({}); return e ? e.textContent : '';",
            json!(css)
        ),
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

async fn pressed(c: &Client, css: &str) -> bool {
    wait_css(c, css)
        .await
        .attr("aria-pressed")
        .await
        .ok()
        .flatten()
        .as_deref()
        == Some("true")
}

/// The data table beside the chart: each row's cells as text.
async fn table_rows(c: &Client) -> Vec<Vec<String>> {
    let rows = js(
        c,
        "return Array.from(document.querySelectorAll('.chart-table tbody tr'))\
           .map(tr => Array.from(tr.children).map(td => td.textContent));",
    )
    .await;
    serde_json::from_value(rows).expect("rows of text")
}

/// Sets a date input as a person picking a date would (an `input` event follows).
async fn set_date(c: &Client, id: &str, value: &str) {
    c.execute(
        "const [id, v] = arguments; const i = document.getElementById(id); \
         i.value = v; i.dispatchEvent(new Event('input', {bubbles: true}));",
        vec![json!(id), json!(value)],
    )
    .await
    .expect("set a date");
}

/// Days before today (the server's demo data ends today), as `YYYY-MM-DD`, by the page's
/// Vietnam clock.
async fn vn_day(c: &Client, days_from_today: i64) -> String {
    c.execute(
        "const d = new Date(Date.now() + 7 * 3600 * 1000 + arguments[0] * 86400000); \
         return d.toISOString().slice(0, 10);",
        vec![json!(days_from_today)],
    )
    .await
    .expect("date")
    .as_str()
    .unwrap_or_default()
    .to_string()
}

async fn open_stats(c: &Client, t: &Target, path: &str) {
    c.goto(&t.url(path)).await.expect("open stats");
    wait_css(c, "path.chart-line").await;
}

#[tokio::test]
async fn every_part_of_the_statistics_renders_with_the_demo_traffic() {
    let t = Target::from_env();
    let c = session_for(&t, "director").await;
    open_stats(&c, &t, "/stats").await;
    assert_eq!(text_of(&c, "h1").await, "Thống kê truy cập");
    assert!(
        pressed(&c, "[data-range='30d']").await,
        "30 ngày by default"
    );
    assert_eq!(chart_points(&c).await, 30, "one point per day");
    // Five cards with figures (no skeleton left), visitors charted.
    let values = eventually("five card values", || async {
        let v = js(
            &c,
            "return Array.from(document.querySelectorAll('.metric-card .metric-value:not(.metric-value-loading)')).map(e => e.textContent);",
        )
        .await;
        let v: Vec<String> = serde_json::from_value(v).ok()?;
        (v.len() == 5).then_some(v)
    })
    .await;
    assert!(
        values[0].chars().any(|ch| ch.is_ascii_digit()),
        "{values:?}"
    );
    assert!(values[3].ends_with('%'), "bounce rate: {values:?}");
    assert!(values[4].contains("phút") || values[4].contains("giây"));
    assert!(pressed(&c, ".metric-card[data-metric='visitors']").await);
    assert!(text_of(&c, ".stats-bots").await.starts_with("Đã lọc "));
    // Every breakdown has rows; the realtime box answered.
    for dim in [
        "articles",
        "pages",
        "sources",
        "referrers",
        "devices",
        "browsers",
    ] {
        let css = format!(".stats-panel[data-dimension='{dim}'] li.bar-row");
        eventually(&format!("rows of {dim}"), || async {
            let n = js(
                &c,
                &format!("return document.querySelectorAll({}).length", json!(css)),
            )
            .await
            .as_u64()?;
            (n > 0).then_some(())
        })
        .await;
    }
    eventually("the realtime box", || async {
        let s = text_of(&c, ".stats-realtime").await;
        (s.contains("khách") || s.contains("Không có ai truy cập")).then_some(())
    })
    .await;
    screenshot(&c, "stats-30-days").await;
    c.close().await.expect("close");
}

#[tokio::test]
async fn presets_metrics_and_intervals_follow_the_url_and_back() {
    let t = Target::from_env();
    let c = session_for(&t, "secretary").await;
    open_stats(&c, &t, "/stats").await;

    click_css(&c, "[data-range='7d']", "7 ngày").await;
    wait_path(&c, "/stats?range=7d").await;
    wait_points(&c, "7 daily points", 7).await;
    let visitors_path = js(
        &c,
        "return document.querySelector('path.chart-line').getAttribute('d')",
    )
    .await;

    click_css(
        &c,
        ".metric-card[data-metric='pageviews']",
        "pick pageviews",
    )
    .await;
    eventually("the pageviews URL", || async {
        (current_path(&c).await == "/stats?range=7d&metric=pageviews").then_some(())
    })
    .await;
    eventually("the pageviews chart", || async {
        (text_of(&c, "#stats-chart-heading").await == "Lượt xem trang theo ngày").then_some(())
    })
    .await;
    let pageviews_path = js(
        &c,
        "return document.querySelector('path.chart-line').getAttribute('d')",
    )
    .await;
    assert_ne!(visitors_path, pageviews_path, "the line is redrawn");
    assert!(pressed(&c, ".metric-card[data-metric='pageviews']").await);

    // Hours for a week: 7 × 24 points; not offered for a year.
    click_css(&c, "[data-interval='hour']", "by hour").await;
    wait_points(&c, "168 hourly points", 168).await;
    assert_eq!(
        current_path(&c).await,
        "/stats?range=7d&metric=pageviews&interval=hour"
    );
    screenshot(&c, "stats-7-days-hourly").await;

    c.back().await.expect("back");
    eventually("Back to days", || async {
        (current_path(&c).await == "/stats?range=7d&metric=pageviews"
            && chart_points(&c).await == 7)
            .then_some(())
    })
    .await;
    c.back().await.expect("back");
    eventually("Back to visitors", || async {
        (text_of(&c, "#stats-chart-heading").await == "Khách truy cập theo ngày").then_some(())
    })
    .await;
    assert!(pressed(&c, "[data-range='7d']").await);

    click_css(&c, "[data-range='year']", "năm nay").await;
    wait_path(&c, "/stats?range=year").await;
    let hour_disabled = wait_css(&c, "[data-interval='hour']")
        .await
        .attr("disabled")
        .await
        .ok()
        .flatten();
    let days_this_year = js(
        &c,
        "const d = new Date(Date.now() + 7 * 3600 * 1000); \
         return Math.round((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1;",
    )
    .await
    .as_u64()
    .unwrap_or(0) as usize;
    if days_this_year > 31 {
        assert!(
            hour_disabled.is_some(),
            "no hours over {days_this_year} days"
        );
    }
    // A year of more than two days is charted by day (by hour in its first two days).
    let points = if days_this_year > 2 {
        days_this_year
    } else {
        days_this_year * 24
    };
    wait_points(&c, "a point per day of the year", points).await;
    c.close().await.expect("close");
}

#[tokio::test]
async fn the_custom_range_refuses_bad_dates_in_vietnamese() {
    let t = Target::from_env();
    let c = session_for(&t, "chief").await;
    open_stats(&c, &t, "/stats").await;
    click_css(&c, "[data-range='custom']", "open the custom range").await;
    wait_css(&c, "#stats-from").await;

    let (earlier, later) = (vn_day(&c, -20).await, vn_day(&c, -10).await);
    set_date(&c, "stats-from", &later).await;
    set_date(&c, "stats-to", &earlier).await;
    click_css(&c, "#stats-custom button[type=submit]", "apply").await;
    let error = eventually("the order error", || async {
        let s = text_of(&c, "#stats-range-error").await;
        (!s.is_empty()).then_some(s)
    })
    .await;
    assert_eq!(error, "Ngày bắt đầu phải trước hoặc trùng ngày kết thúc.");
    screenshot(&c, "stats-custom-range-error").await;
    assert_eq!(current_path(&c).await, "/stats", "nothing was applied");

    set_date(&c, "stats-from", &earlier).await;
    set_date(&c, "stats-to", &vn_day(&c, 3).await).await;
    click_css(&c, "#stats-custom button[type=submit]", "apply").await;
    let error = eventually("the future error", || async {
        let s = text_of(&c, "#stats-range-error").await;
        (!s.is_empty()).then_some(s)
    })
    .await;
    assert!(
        error.starts_with("Không chọn được ngày trong tương lai"),
        "{error}"
    );

    set_date(&c, "stats-from", "2020-01-01").await;
    set_date(&c, "stats-to", &later).await;
    click_css(&c, "#stats-custom button[type=submit]", "apply").await;
    let error = eventually("the length error", || async {
        let s = text_of(&c, "#stats-range-error").await;
        (!s.is_empty()).then_some(s)
    })
    .await;
    assert_eq!(error, "Khoảng thời gian dài nhất là 3 năm (1.098 ngày).");

    set_date(&c, "stats-from", &earlier).await;
    set_date(&c, "stats-to", &later).await;
    click_css(&c, "#stats-custom button[type=submit]", "apply").await;
    let expected = format!("/stats?from={earlier}&to={later}");
    wait_path(&c, &expected).await;
    wait_points(&c, "11 daily points", 11).await;
    c.close().await.expect("close");
}

/// Rows of tables that the accessibility tree exposes (what a screen reader can reach).
async fn accessible_row_headers(c: &Client) -> Vec<String> {
    let tree = c
        .issue_cmd(cdp("Accessibility.getFullAXTree", json!({})))
        .await
        .expect("the accessibility tree");
    tree["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|n| n["ignored"] != json!(true) && n["role"]["value"] == json!("rowheader"))
        .filter_map(|n| n["name"]["value"].as_str().map(str::to_string))
        .collect()
}

#[tokio::test]
async fn the_hidden_data_table_is_there_for_screen_readers() {
    let t = Target::from_env();
    let c = session_for(&t, "director").await;
    let from = vn_day(&c, -364).await;
    let to = vn_day(&c, 0).await;
    open_stats(&c, &t, &format!("/stats?from={from}&to={to}&interval=day")).await;
    // Hidden from sight (the button shows it), but every day of the year is a row a screen
    // reader can move through: not display:none, not skipped by content-visibility.
    let rows = eventually("365 rows in the accessibility tree", || async {
        let rows = accessible_row_headers(&c).await;
        (rows.len() == 365).then_some(rows)
    })
    .await;
    assert!(
        js(
            &c,
            "return document.querySelector('.chart-table').classList.contains('visually-hidden')"
        )
        .await
        .as_bool()
        .unwrap_or(false),
        "the table is visually hidden until asked for"
    );
    let first = table_rows(&c).await[0][0].clone();
    assert_eq!(rows[0], first, "the same rows as the table's");
    c.close().await.ok();
}

#[tokio::test]
async fn the_downloaded_csv_is_the_data_table() {
    let t = Target::from_env();
    let c = session_for(&t, "editor").await;
    open_stats(&c, &t, "/stats?range=month&metric=visits").await;
    // Keep the blobs the page hands to the browser, and do not follow the download link.
    js(
        &c,
        "window.__blobs = []; const create = URL.createObjectURL; \
         URL.createObjectURL = b => { window.__blobs.push(b); return create(b); }; \
         HTMLAnchorElement.prototype.click = function () { window.__downloaded = this.download; }; \
         return true;",
    )
    .await;
    click_css(&c, "button.stats-csv", "Tải CSV").await;
    let out = c
        .execute_async(
            "const done = arguments[0]; const t0 = Date.now(); \
             (async function poll() { \
               if (!window.__blobs.length) { if (Date.now() - t0 > 10000) { done(null); } else { setTimeout(poll, 50); } return; } \
               const b = window.__blobs[0]; const bytes = new Uint8Array(await b.arrayBuffer()); \
               done({type: b.type, bom: Array.from(bytes.slice(0, 3)), name: window.__downloaded, \
                     text: new TextDecoder('utf-8', {ignoreBOM: true}).decode(bytes)}); })();",
            vec![],
        )
        .await
        .expect("read the CSV blob");
    assert!(!out.is_null(), "no CSV was handed to the browser");
    assert_eq!(out["type"], "text/csv;charset=utf-8");
    assert_eq!(out["bom"], json!([0xEF, 0xBB, 0xBF]), "UTF-8 with BOM");
    let name = out["name"].as_str().unwrap_or_default();
    assert!(
        name.starts_with("thong-ke-truy-cap-visits_") && name.ends_with(".csv"),
        "{name}"
    );
    let text = out["text"].as_str().unwrap_or_default();
    let text = text
        .strip_prefix('\u{feff}')
        .expect("the BOM decodes first");
    let lines: Vec<&str> = text.trim_end_matches("\r\n").split("\r\n").collect();
    assert_eq!(
        lines[0],
        "Thời điểm,Lượt truy cập,Thời điểm kỳ trước,Lượt truy cập kỳ trước"
    );
    // The table is built just after the chart is painted.
    let rows = eventually("the table rows", || async {
        let rows = table_rows(&c).await;
        (!rows.is_empty()).then_some(rows)
    })
    .await;
    assert_eq!(lines.len() - 1, rows.len(), "one CSV line per table row");
    for (line, row) in lines[1..].iter().zip(&rows) {
        let fields: Vec<&str> = line.split(',').collect();
        assert_eq!(fields.len(), 4, "{line}");
        assert_eq!(fields[0], row[0], "same day (dd/MM/yyyy)");
        assert_eq!(fields[1], row[1].replace('.', ""), "same figure");
        assert_eq!(fields[2], row[2], "same previous day");
        assert_eq!(fields[3], row[3].replace('.', ""), "same previous figure");
        assert!(fields[1].bytes().all(|b| b.is_ascii_digit()), "{line}");
    }
    // The table is there for screen readers, and shown on request.
    let toggle = wait_css(&c, "button.chart-table-toggle").await;
    assert_eq!(toggle.text().await.expect("text"), "Xem dạng bảng");
    toggle.click().await.expect("show the table");
    eventually("the visible table", || async {
        let hidden = js(
            &c,
            "return document.querySelector('.chart-table').classList.contains('visually-hidden')",
        )
        .await;
        (hidden == json!(false)).then_some(())
    })
    .await;
    screenshot(&c, "stats-table").await;
    c.close().await.expect("close");
}

#[tokio::test]
async fn a_bad_link_falls_back_to_thirty_days_and_the_dashboard_links_here() {
    let t = Target::from_env();
    let c = session_for(&t, "admin").await;
    // The admin sees the visitors card on the overview.
    let card = wait_css(&c, "a.stats-teaser-card").await;
    wait_css(&c, ".stats-teaser-card svg.sparkline path.sparkline-line").await;
    let today = text_of(&c, ".teaser-value").await;
    assert!(
        today.chars().all(|ch| ch.is_ascii_digit() || ch == '.'),
        "{today}"
    );
    card.click().await.expect("open stats from the card");
    wait_css(&c, "path.chart-line").await;
    assert_eq!(current_path(&c).await, "/stats");

    open_stats(&c, &t, "/stats?range=sometime&interval=minute").await;
    let notice = wait_css(&c, ".stats-url-notice").await;
    let notice = notice.text().await.expect("notice text");
    assert!(notice.contains("range=sometime"), "{notice}");
    assert!(notice.contains("interval=minute"), "{notice}");
    assert!(pressed(&c, "[data-range='30d']").await);
    assert_eq!(chart_points(&c).await, 30);
    c.close().await.expect("close");
}
