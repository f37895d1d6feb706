//! Royalties end to end: the chief editor sets an article's coefficient on its page (an
//! out-of-range one is refused beside the field first), the monthly royalty sheet then shows
//! the amount the server computed, its CSV opens with a byte-order mark, and the secretary
//! records the payment from the sheet.

use portal_e2e::fantoccini::{Client, Locator};
use portal_e2e::*;
use serde_json::Value;

/// `1234000` → `1.234.000 ₫`, as the sheet writes money.
fn vnd(n: i64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    format!("{out} ₫")
}

/// A coefficient in tenths, written the Vietnamese way (`15` → `1,5`).
fn tenths(t: i64) -> String {
    if t % 10 == 0 {
        (t / 10).to_string()
    } else {
        format!("{},{}", t / 10, t % 10)
    }
}

/// A published demo article that has no coefficient yet, with its sheet's month, looking
/// back from this month.
async fn unassessed_article(c: &Client) -> (Value, String) {
    let months = api_json(c, "/royalties/sheet").await;
    let mut month = months["month"].as_str().expect("month").to_string();
    for _ in 0..12 {
        let sheet = api_json(c, &format!("/royalties/sheet?month={month}")).await;
        let found = sheet["lines"]
            .as_array()
            .expect("lines")
            .iter()
            .find(|l| l["coefficient_tenths"].is_null() && l["paid_on"].is_null())
            .cloned();
        if let Some(line) = found {
            return (line, month);
        }
        let (y, m) = month.split_once('-').expect("YYYY-MM");
        let (y, m): (i32, u32) = (y.parse().expect("year"), m.parse().expect("month"));
        month = if m == 1 {
            format!("{}-12", y - 1)
        } else {
            format!("{y}-{:02}", m - 1)
        };
    }
    panic!("the demo has no published article waiting for a coefficient");
}

/// Clicks `css` once it is there (found again if the view was rebuilt under it).
async fn click_css(c: &Client, css: &str) {
    eventually(&format!("a click on {css}"), || async {
        let el = c.find(Locator::Css(css)).await.ok()?;
        el.click().await.ok()
    })
    .await;
}

/// Shows the sheet of `month` (the month input's own change event, as a person picking it).
async fn show_month(c: &Client, month: &str) {
    wait_css(c, "#roy-month").await;
    c.execute(
        "const i = document.querySelector('#roy-month'); i.value = arguments[0]; \
         i.dispatchEvent(new Event('change', {bubbles: true}));",
        vec![Value::String(month.to_string())],
    )
    .await
    .expect("pick the month");
    wait_css(c, &format!(".roy-sheet[data-month='{month}']")).await;
}

#[tokio::test]
async fn the_chief_sets_a_coefficient_and_the_sheet_shows_the_amount() {
    let t = Target::from_env();
    let chief = session_for(&t, "chief").await;
    let (line, month) = unassessed_article(&chief).await;
    let id = line["article_id"].as_i64().expect("id");
    let max = line["range"]["max_tenths"].as_i64().expect("max");
    let unit = line["unit_value_vnd"].as_i64().expect("unit value");

    chief
        .goto(&t.url(&format!("/articles/{id}")))
        .await
        .expect("open the article");
    let field = wait_css(&chief, "#roy-coefficient").await;
    // Over the kind's range: refused beside the field, nothing sent.
    field.send_keys(&tenths(max + 10)).await.expect("type");
    click_css(&chief, ".roy-save").await;
    wait_text(&chief, "#err-roy-coefficient-tenths", "Hệ số phải từ").await;
    assert_eq!(
        field.attr("aria-invalid").await.expect("attr").as_deref(),
        Some("true")
    );
    let described = field.attr("aria-describedby").await.expect("attr");
    assert!(described
        .unwrap_or_default()
        .contains("err-roy-coefficient-tenths"));
    assert_eq!(
        api_json(&chief, &format!("/articles/{id}/royalty")).await["version"],
        0
    );

    // The kind's maximum is accepted and the server computes the amount.
    field
        .send_keys("\u{E009}a\u{E000}\u{E003}")
        .await
        .expect("clear");
    field.send_keys(&tenths(max)).await.expect("type");
    click_css(&chief, ".roy-save").await;
    let saved = eventually("the saved coefficient", || async {
        let r = api_json(&chief, &format!("/articles/{id}/royalty")).await;
        (r["version"] == 1).then_some(r)
    })
    .await;
    let expected = (max * unit + 5) / 10;
    assert_eq!(saved["coefficient_tenths"], max);
    assert_eq!(saved["royalty_vnd"], expected);
    wait_text(&chief, ".roy-panel .roy-amount", &vnd(expected)).await;

    // The month's sheet shows it on the article's line.
    chief
        .goto(&t.url("/royalties"))
        .await
        .expect("open the sheet");
    show_month(&chief, &month).await;
    let row = format!(".roy-lines tr[data-article='{id}']");
    wait_text(&chief, &format!("{row} .roy-amount"), &vnd(expected)).await;
    wait_text(&chief, &format!("{row} .roy-status"), "Chưa chi trả").await;
    screenshot(&chief, "royalty-sheet").await;
    // All eight columns fit beside the navigation at 1280 px: no sideways scrolling to reach
    // a line's status.
    let widths = chief
        .execute(
            "const w = document.querySelector('.roy-lines').closest('.table-wrap'); \
             return [w.scrollWidth, w.clientWidth];",
            vec![],
        )
        .await
        .expect("measure the sheet");
    let (scroll, client) = (
        widths[0].as_i64().expect("scrollWidth"),
        widths[1].as_i64().expect("clientWidth"),
    );
    assert!(
        scroll <= client,
        "the sheet's table scrolls sideways at 1280 px: {scroll} > {client}"
    );

    // The CSV: UTF-8 with a byte-order mark, the article's line with its amount.
    let href = wait_css(&chief, ".roy-csv")
        .await
        .attr("href")
        .await
        .expect("href")
        .expect("a CSV link");
    assert!(
        href.contains("format=csv") && href.contains(&month),
        "{href}"
    );
    let csv: Value = chief
        .execute_async(
            "const [url, done] = arguments; fetch(url, {credentials: 'same-origin'}) \
             .then(r => r.arrayBuffer()).then(b => { const u = new Uint8Array(b); \
             done({bom: u[0] === 0xEF && u[1] === 0xBB && u[2] === 0xBF, \
             text: new TextDecoder().decode(u)}); }, e => done({error: String(e)}));",
            vec![Value::String(href)],
        )
        .await
        .expect("fetch the CSV");
    assert_eq!(csv["bom"], true, "{csv}");
    let text = csv["text"].as_str().expect("text");
    assert!(text.contains("Nhuận bút"), "{text}");
    let first_part = saved["authors"][0]["amount_vnd"]
        .as_i64()
        .expect("an author's part");
    let article_rows: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with(&format!("{month},{id},")))
        .collect();
    assert!(
        article_rows
            .iter()
            .any(|l| l.contains(&format!(",{unit},{first_part},"))),
        "{text}"
    );
    chief.close().await.expect("close");

    // The secretary records the payment from the sheet.
    let secretary = session_for(&t, "secretary").await;
    secretary
        .goto(&t.url("/royalties"))
        .await
        .expect("open the sheet");
    show_month(&secretary, &month).await;
    click_css(&secretary, &format!("{row} .roy-pay-open")).await;
    wait_css(&secretary, &format!("#roy-pay-{id}")).await;
    click_css(&secretary, &format!("{row} .roy-pay-form .button-primary")).await;
    wait_text(&secretary, &format!("{row} .roy-status"), "Đã chi trả ngày").await;
    let paid = api_json(&secretary, &format!("/articles/{id}/royalty")).await;
    assert!(paid["paid_on"].is_string(), "{paid}");
    secretary.close().await.expect("close");
}
