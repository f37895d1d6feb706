//! The quarterly model articles end to end: an editor opens the dashboard's tile, chooses an
//! article on the quarterly page, sees the e-mail to the VSS portal board with its public link,
//! records it as sent, and the dashboard tile counts it.

use portal_e2e::fantoccini::{Client, Locator};
use portal_e2e::*;
use serde_json::{json, Value};

/// An article this quarter may send and has not sent yet. The demo usually has one; when it
/// has none (the first days of a quarter), the chief editor publishes an approved article now
/// and flags it as a model example, as the board would.
async fn unsent_candidate(chief: &Client) -> i64 {
    let status = api_json(chief, "/quarterly").await;
    let open = status["candidates"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["sent"] == false)
        .and_then(|c| c["article"]["id"].as_i64());
    if let Some(id) = open {
        return id;
    }
    let page = api_json(chief, "/articles?stage=approved&per_page=1").await;
    let a = &page["items"][0];
    let id = a["id"].as_i64().expect("the demo has an approved article");
    let (status, _) = api_send(
        chief,
        "POST",
        &format!("/articles/{id}/transitions"),
        a["version"].as_i64(),
        json!({"to": "published"}),
    )
    .await;
    assert_eq!(status, 200, "publish");
    let now: Value = api_json(chief, &format!("/articles/{id}")).await;
    let (status, _) = api_send(
        chief,
        "PATCH",
        &format!("/articles/{id}"),
        now["version"].as_i64(),
        json!({"model_example": true}),
    )
    .await;
    assert_eq!(status, 200, "flag as model example");
    id
}

fn sent_of(tile: &str) -> u64 {
    // "Đã gửi 1 trên 2 bài cho Cổng TTĐT BHXH Việt Nam."
    tile.split_whitespace()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in {tile:?}"))
}

#[tokio::test]
async fn an_editor_records_the_quarterly_submission_and_the_dashboard_counts_it() {
    let t = Target::from_env();
    let chief = session_for(&t, "chief").await;
    let article = unsent_candidate(&chief).await;
    chief.close().await.ok();

    let c = session_for(&t, "editor").await;
    c.goto(&t.url("/")).await.expect("dashboard");
    let before = sent_of(&wait_text(&c, ".dash-quarter-sent", "Đã gửi").await);

    // The tile leads to the quarter's page.
    click_css(&c, ".dash-quarterly a", "open").await;
    wait_css(&c, ".quarter-candidates").await;
    assert!(current_path(&c).await.starts_with("/quarterly"));
    let boxes = c
        .find_all(Locator::Css(".quarter-candidate input[type=checkbox]"))
        .await
        .expect("candidates");
    for b in boxes {
        let id = b.attr("id").await.ok().flatten().unwrap_or_default();
        let checked = b.prop("checked").await.ok().flatten().as_deref() == Some("true");
        if checked != (id == format!("candidate-{article}")) {
            b.click().await.expect("toggle");
        }
    }
    let public = api_json(&c, "/quarterly").await["candidates"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|x| x["article"]["id"] == article)
        .and_then(|x| x["public_url"].as_str().map(String::from))
        .expect("the article is a candidate");
    let body = wait_text(&c, ".mail-body", &public).await;
    assert!(body.starts_with("Kính gửi: Ban Biên tập Cổng Thông tin điện tử BHXH Việt Nam."));
    let href = wait_css(&c, ".mail-open")
        .await
        .attr("href")
        .await
        .expect("href")
        .expect("a mailto link");
    assert!(
        href.starts_with("mailto:congthongtindientu@vss.gov.vn?subject="),
        "{href}"
    );
    screenshot(&c, "quarterly").await;

    wait_text(&c, ".quarter-record button", "Ghi nhận đã gửi 1 bài").await;
    click_css(&c, ".quarter-record button", "record").await;
    wait_css(&c, ".quarter-submissions tr[data-submission]").await;
    let rows = api_json(&c, "/quarterly").await;
    assert!(rows["submissions"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|s| s["articles"][0]["id"] == article));

    c.goto(&t.url("/")).await.expect("dashboard again");
    let after = format!("Đã gửi {}", before + 1);
    wait_text(&c, ".dash-quarter-sent", &after).await;
    c.close().await.ok();
}
