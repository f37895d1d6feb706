//! Fraud reports end to end (Official Dispatch 1466): a local office files a report (after a
//! refused try with a negative amount), the IT Centre verifies it, the Communication Centre
//! clicks "Viết bài cảnh báo": the article editor opens with the draft pre-filled in the
//! online-fraud warning topic, the report links to the article, and asking again opens the
//! same draft.

use portal_e2e::fantoccini::{Client, Locator};
use portal_e2e::*;
use serde_json::json;

/// Sets a control's value as the browser would after typing, and tells the app.
async fn set_value(c: &Client, css: &str, value: &str) {
    wait_css(c, css).await;
    let script = r#"
        const [css, value] = arguments;
        const el = document.querySelector(css);
        el.value = value;
        el.dispatchEvent(new Event('input', {bubbles: true}));
        el.dispatchEvent(new Event('change', {bubbles: true}));
    "#;
    c.execute(script, vec![css.into(), value.into()])
        .await
        .expect("set value");
}

async fn attr_of(c: &Client, css: &str, name: &str) -> Option<String> {
    wait_css(c, css).await.attr(name).await.ok().flatten()
}

#[tokio::test]
async fn a_fraud_report_becomes_a_warning_draft() {
    let t = Target::from_env();
    // A place no other journey uses, so the report is found again by it.
    let place = format!("Xã Thử Nghiệm {}", std::process::id());

    // The local office files the report from the navigation.
    let local = session_for(&t, "local_office").await;
    let entries = nav_entries(&local).await;
    assert_eq!(entries, ["dashboard", "fraud"], "{entries:?}");
    wait_css(&local, ".dash-fraud").await;
    click_css(&local, "nav.main-nav a[data-nav=fraud]", "open the list").await;
    wait_css(&local, ".fraud-table, .page-fraud .state-empty").await;
    click_css(&local, "[data-action=new-fraud-report]", "open the form").await;
    wait_css(&local, "form.fraud-form").await;
    set_value(&local, "#fraud-when", "2026-01-10T09:30").await;
    set_value(&local, "#fraud-location", &place).await;
    set_value(&local, "#fraud-channel", "phone").await;
    set_value(
        &local,
        "#fraud-description",
        "Đối tượng gọi điện xưng là cán bộ BHXH, yêu cầu đọc mã OTP để nhận lại tiền.\nMột người đã bị trừ tiền.",
    )
    .await;
    set_value(&local, "#fraud-amount", "-1500000").await;
    set_value(&local, "#fraud-office", "BHXH huyện Đồng Phú").await;
    click_css(&local, "form.fraud-form button[type=submit]", "send").await;
    wait_text(&local, "#fraud-amount-error", "số nguyên không âm").await;
    assert_eq!(
        attr_of(&local, "#fraud-amount", "aria-invalid")
            .await
            .as_deref(),
        Some("true")
    );
    assert_eq!(current_path(&local).await, "/fraud-reports/new");
    set_value(&local, "#fraud-amount", "1.500.000").await;
    wait_text(&local, ".fraud-amount-preview", "1.500.000 ₫").await;
    click_css(&local, "form.fraud-form button[type=submit]", "send again").await;
    let id = wait_id_in_path(&local, "the new report's page", "/fraud-reports/").await;
    wait_text(&local, ".fraud-state-badge", "Mới").await;
    wait_text(&local, ".fraud-facts", "10/01/2026 09:30").await;
    wait_text(&local, ".fraud-facts", "1.500.000 ₫").await;
    screenshot(&local, "fraud-report-filed").await;
    let _ = local.close().await;

    // The IT Centre verifies it.
    let it = session_for(&t, "it_centre").await;
    it.goto(&t.url(&format!("/fraud-reports/{id}")))
        .await
        .expect("open the report");
    set_value(
        &it,
        "#fraud-comment",
        "Số điện thoại không thuộc ngành BHXH.",
    )
    .await;
    click_css(&it, "[data-action=verify]", "verify").await;
    wait_text(&it, ".fraud-state-badge", "Đã xác minh").await;
    wait_text(
        &it,
        ".fraud-history",
        "Số điện thoại không thuộc ngành BHXH.",
    )
    .await;
    let _ = it.close().await;

    // The Communication Centre writes the warning: the editor opens on the new draft.
    let comms = session_for(&t, "communication_centre").await;
    comms
        .goto(&t.url(&format!("/fraud-reports/{id}")))
        .await
        .expect("open the report");
    wait_text(&comms, ".fraud-state-badge", "Đã xác minh").await;
    click_css(&comms, "[data-action=write-warning]", "write the warning").await;
    let article_id = wait_id_in_path(&comms, "the article editor", "/articles/").await;
    wait_css(&comms, &format!(".editor[data-id='{article_id}']")).await;
    let title = eventually("the pre-filled title", || async {
        let v = comms
            .find(Locator::Css("#ed-title"))
            .await
            .ok()?
            .prop("value")
            .await
            .ok()??;
        (!v.is_empty()).then_some(v)
    })
    .await;
    assert!(title.starts_with("Cảnh báo"), "{title}");
    assert!(title.contains(&place), "{title}");
    let fraud_topic = wait_css(&comms, "#ed-topics-fraud_warning").await;
    assert_eq!(
        fraud_topic
            .prop("checked")
            .await
            .expect("checked")
            .as_deref(),
        Some("true"),
        "in the online-fraud warning topic"
    );
    wait_text(&comms, ".editor .stage-badge", "Bản nháp").await;
    screenshot(&comms, "fraud-warning-draft").await;

    // The report links to the article; asking again opens the same draft.
    comms
        .goto(&t.url(&format!("/fraud-reports/{id}")))
        .await
        .expect("back to the report");
    let link = wait_css(&comms, "[data-action=open-warning]").await;
    assert_eq!(
        link.attr("href").await.expect("href").as_deref(),
        Some(format!("/articles/{article_id}").as_str())
    );
    assert!(comms
        .find(Locator::Css("[data-action=write-warning]"))
        .await
        .is_err());
    wait_text(&comms, ".fraud-history", "Mở bản nháp bài cảnh báo").await;
    let report = api_json(&comms, &format!("/fraud-reports/{id}")).await;
    assert_eq!(report["article_id"], article_id);
    let (status, again) = api_send(
        &comms,
        "POST",
        &format!("/fraud-reports/{id}/warning-article"),
        Some(report["version"].as_i64().expect("version") - 1),
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(again["article_id"], article_id);
    let article = api_json(&comms, &format!("/articles/{article_id}")).await;
    assert_eq!(article["topics"], json!(["fraud_warning"]));
    assert_eq!(article["stage"], "draft");

    // Once the warning is out, the report is communicated.
    click_css(&comms, "[data-action=communicate]", "communicate").await;
    wait_text(&comms, ".fraud-state-badge", "Đã truyền thông").await;
    let _ = comms.close().await;
}
