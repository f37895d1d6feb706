//! Required information end to end on the demo: the dashboard tile names the stale links page
//! and leads to it; the secretary records a training session, which is refused beside the
//! hours while they are negative and saved once corrected; the Director reads the org page
//! without a form; the portal reads the English org page. The link checker is not run here:
//! the demo's links are on `.invalid` hosts and tests never go to the internet.

use portal_e2e::fantoccini::Locator;
use portal_e2e::*;

#[tokio::test]
async fn the_board_keeps_the_required_information_current() {
    let t = Target::from_env();
    let secretary = session_for(&t, "secretary").await;
    assert!(nav_entries(&secretary).await.contains(&"info".to_string()));

    // The dashboard tile names the stale links page (and its dead links) and leads there.
    let item = wait_text(&secretary, ".dash-info li[data-section=links]", "liên kết").await;
    assert!(item.contains("ngày"), "{item}");
    click_css(
        &secretary,
        ".dash-info li[data-section=links] a",
        "open the links page",
    )
    .await;
    wait_path(&secretary, "/info/links").await;
    wait_text(&secretary, ".info-stale", "ngưỡng").await;
    wait_text(&secretary, ".info-updated", "Cập nhật lần cuối").await;

    // A training session with negative hours is refused beside the field.
    let before = api_json(&secretary, "/info/training").await;
    let version = before["version"].as_i64().expect("version");
    let n = before["content"]["sessions"]
        .as_array()
        .expect("sessions")
        .len();
    click_css(
        &secretary,
        ".info-tab[data-section=training]",
        "training tab",
    )
    .await;
    click_css(&secretary, ".info-add", "add").await;
    let at = |f: &str| format!("#info-sessions-{n}-{f}");
    wait_css(&secretary, &at("hours")).await;
    // The date input takes the day as typed in the browser's locale order; set it directly.
    secretary
        .execute(
            "const el = document.querySelector(arguments[0]); el.value = '2026-11-05'; \
             el.dispatchEvent(new Event('input', {bubbles: true}));",
            vec![serde_json::Value::String(at("date"))],
        )
        .await
        .expect("set the date");
    retype_css(
        &secretary,
        &at("topic"),
        "Kỹ năng viết tin cảnh báo lừa đảo",
    )
    .await;
    retype_css(&secretary, &at("trainer"), "Trung tâm Truyền thông").await;
    retype_css(
        &secretary,
        &at("participants"),
        "Ban Biên tập, cộng tác viên",
    )
    .await;
    retype_css(&secretary, &at("participant-count"), "16").await;
    retype_css(&secretary, &at("hours"), "-3").await;
    click_css(&secretary, ".info-save", "save").await;
    wait_text(
        &secretary,
        &format!("#err-info-sessions-{n}-hours"),
        "lớn hơn 0",
    )
    .await;
    let hours = wait_css(&secretary, &at("hours")).await;
    assert_eq!(
        hours.attr("aria-invalid").await.expect("attr").as_deref(),
        Some("true")
    );
    let unchanged = api_json(&secretary, "/info/training").await;
    assert_eq!(
        unchanged["version"].as_i64(),
        Some(version),
        "nothing was saved"
    );

    retype_css(&secretary, &at("hours"), "3").await;
    click_css(&secretary, ".info-save", "save").await;
    let saved = eventually("the saved page", || async {
        let p = api_json(&secretary, "/info/training").await;
        (p["version"].as_i64() == Some(version + 1)).then_some(p)
    })
    .await;
    let last = &saved["content"]["sessions"][n];
    assert_eq!(last["topic"], "Kỹ năng viết tin cảnh báo lừa đảo");
    assert_eq!(last["hours"], 3.0);
    assert_eq!(saved["stale"], false);

    // The Director reads the org structure without a form.
    let director = session_for(&t, "director").await;
    director
        .goto(&t.url("/info/org"))
        .await
        .expect("open org page");
    wait_text(&director, ".info-items", "Phòng Giám định BHYT").await;
    assert!(director.find(Locator::Css(".info-form")).await.is_err());

    // The portal reads the English version without a session.
    let public = api_json(&director, "/public/organization?lang=en").await;
    assert!(public["units"]
        .as_array()
        .expect("units")
        .iter()
        .any(|u| u["name"] == "Health Insurance Assessment Division"));

    secretary.close().await.ok();
    director.close().await.ok();
}
