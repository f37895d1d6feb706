//! The annual operation plan and the spokesperson end to end: the board drafts a year's plan
//! and submits it, the Director returns it with a comment (after trying without one), the
//! board revises and resubmits, the Director approves, the plan becomes read-only and prints as
//! an A4 administrative document; the spokesperson form refuses a bad phone number beside the
//! field and saves a good one, which the public endpoint then serves.

use portal_e2e::fantoccini::wd::{PrintConfiguration, PrintMargins, PrintSize};
use portal_e2e::fantoccini::{Client, Locator};
use portal_e2e::*;
use serde_json::{json, Value};

/// The text of the element `css` once it has some (trimmed).
async fn text_of(c: &Client, css: &str) -> String {
    let el = wait_css(c, css).await;
    eventually(&format!("text in {css}"), || async {
        let s = el.text().await.ok()?;
        let s = s.trim().to_string();
        (!s.is_empty()).then_some(s)
    })
    .await
}

async fn exists(c: &Client, css: &str) -> bool {
    c.find(Locator::Css(css)).await.is_ok()
}

/// Presses keys on the focused element (WebDriver key codes: Tab, Enter).
async fn press(c: &Client, keys: &str) {
    let active = c.active_element().await.expect("focused element");
    active.send_keys(keys).await.expect("press keys");
}

const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";

async fn plan_json(c: &Client, id: i64) -> Value {
    api_json(c, &format!("/plans/{id}")).await
}

async fn wait_state(c: &Client, id: i64, state: &str) -> Value {
    eventually(&format!("plan {id} {state}"), || async {
        let p = plan_json(c, id).await;
        (p["state"] == state).then_some(p)
    })
    .await
}

/// A year the demo and the other journeys leave alone: three after the last year with a plan.
async fn free_year(c: &Client) -> i64 {
    let page = api_json(c, "/plans?per_page=200").await;
    let last = page["items"]
        .as_array()
        .expect("plans")
        .iter()
        .filter_map(|p| p["year"].as_i64())
        .max()
        .expect("the demo has plans");
    last + 3
}

/// Text without any whitespace: a PDF's text comes back in positioned runs, and extraction
/// guesses spaces from the gaps between them ("CỘ NG HÒA"), so words compare without spaces.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[tokio::test]
async fn the_board_plans_the_year_and_the_director_decides() {
    let t = Target::from_env();

    // The board starts next-next year's plan: a draft with the year's occasions pre-filled.
    let editor = session_for(&t, "editor").await;
    let year = free_year(&editor).await;
    editor.goto(&t.url("/plan")).await.expect("open plans");
    retype_css(&editor, "#plan-new-year", &year.to_string()).await;
    let create = wait_css(&editor, ".plan-create-button").await;
    assert_eq!(
        create.text().await.expect("label").trim(),
        format!("Tạo kế hoạch năm {year}")
    );
    create.click().await.expect("create");
    let id = wait_id_in_path(&editor, "the new plan's page", "/plan/").await;
    wait_css(&editor, ".plan-editor").await;
    wait_css(&editor, "#plan-months-1-occasions-0-name").await;
    let february = editor
        .execute(
            "return [...document.querySelectorAll(\"tr[data-month='2'] .occasion-name\")].map(i => i.value);",
            vec![],
        )
        .await
        .expect("February's occasions");
    assert!(
        february.as_array().is_some_and(|names| names
            .iter()
            .any(|n| n.as_str().is_some_and(|n| n.contains("(16/2)")))),
        "February's occasions are pre-filled: {february}"
    );

    // Submitting an empty plan is refused beside the fields that are missing.
    click_css(&editor, ".plan-submit", "submit").await;
    wait_text(&editor, ".plan-notice", "chưa đủ nội dung").await;
    wait_text(&editor, "#err-plan-objectives", "Vui lòng nhập").await;
    wait_text(&editor, "#err-plan-months-0-theme", "Vui lòng nhập").await;

    // A norm out of range says so next to the field, and the totals follow the typing.
    retype_css(&editor, "#plan-months-2-news-norm", "5000").await;
    wait_text(&editor, "#err-plan-months-2-news-norm", "Tối đa 1000").await;
    retype_css(&editor, "#plan-months-2-news-norm", "25").await;
    wait_text(&editor, "[data-total=news_norm]", "245").await;
    eventually("the norm's message goes away", || async {
        (!exists(&editor, "#err-plan-months-2-news-norm .field-error").await).then_some(())
    })
    .await;

    // The plan itself.
    retype_css(
        &editor,
        "#plan-objectives",
        "Tuyên truyền kịp thời chính sách BHXH, BHYT; đạt định mức tin, bài hằng tháng.",
    )
    .await;
    retype_css(&editor, "#plan-royalty-budget", "150.000.000").await;
    wait_text(&editor, ".money-preview", "150.000.000 ₫").await;
    for m in 0..12 {
        retype_css(
            &editor,
            &format!("#plan-months-{m}-theme"),
            &format!("Chủ đề tháng {}", m + 1),
        )
        .await;
        retype_css(
            &editor,
            &format!("#plan-months-{m}-responsible"),
            "Phòng Truyền thông",
        )
        .await;
    }
    click_css(&editor, ".plan-save", "save").await;
    wait_text(&editor, ".plan-save-status", "Mọi thay đổi đã được lưu").await;
    let saved = plan_json(&editor, id).await;
    assert_eq!(saved["content"]["royalty_budget"], 150_000_000);
    assert_eq!(saved["content"]["months"][2]["news_norm"], 25);
    assert_eq!(saved["totals"]["news_norm"], 245);
    click_css(&editor, ".plan-submit", "submit").await;
    wait_state(&editor, id, "submitted").await;
    wait_css(&editor, ".plan-document").await;
    assert!(
        !exists(&editor, ".plan-editor").await,
        "submitted: read-only"
    );

    // The Director finds it waiting, tries to return it without a comment, then with one —
    // from the keyboard.
    let director = session_for(&t, "director").await;
    let director_name = api_json(&director, "/session").await["user"]["full_name"]
        .as_str()
        .expect("director's name")
        .to_string();
    director.goto(&t.url("/plan")).await.expect("open plans");
    let waiting = wait_text(&director, ".plan-awaiting", &year.to_string()).await;
    assert!(waiting.contains("phiên bản 1"), "{waiting}");
    director
        .goto(&t.url(&format!("/plan/{id}")))
        .await
        .expect("open the plan");
    let comment = wait_css(&director, "#plan-decision-comment").await;
    comment.send_keys("").await.expect("focus the comment");
    press(&director, TAB).await; // Phê duyệt
    press(&director, TAB).await; // Trả lại
    let focused = director.active_element().await.expect("focus");
    assert_eq!(
        focused.text().await.expect("button").trim(),
        "Trả lại",
        "Tab reaches the return button"
    );
    press(&director, ENTER).await;
    wait_text(
        &director,
        "#err-plan-decision-comment",
        "Vui lòng ghi ý kiến của Giám đốc",
    )
    .await;
    assert_eq!(
        comment.attr("aria-invalid").await.expect("attr").as_deref(),
        Some("true")
    );
    assert_eq!(plan_json(&director, id).await["state"], "submitted");
    screenshot(&director, "plan-return-needs-a-comment").await;
    let note = "Bổ sung chủ đề tháng 7 về Ngày BHYT Việt Nam.";
    comment.send_keys(note).await.expect("type the comment");
    press(&director, TAB).await;
    press(&director, TAB).await;
    press(&director, ENTER).await;
    let returned = wait_state(&director, id, "draft").await;
    assert_eq!(returned["return_comment"], note);

    // The board sees the comment, revises and resubmits.
    editor
        .goto(&t.url(&format!("/plan/{id}")))
        .await
        .expect("reopen");
    wait_text(&editor, ".plan-returned-comment", note).await;
    retype_css(
        &editor,
        "#plan-months-6-theme",
        "Ngày Bảo hiểm y tế Việt Nam (1/7)",
    )
    .await;
    wait_text(&editor, ".plan-save-status", "chưa lưu").await;
    click_css(&editor, ".plan-submit", "resubmit").await;
    let resubmitted = wait_state(&editor, id, "submitted").await;
    assert_eq!(
        resubmitted["content"]["months"][6]["theme"], "Ngày Bảo hiểm y tế Việt Nam (1/7)",
        "the change was saved before submitting"
    );

    // The Director approves.
    director
        .goto(&t.url(&format!("/plan/{id}")))
        .await
        .expect("reopen");
    click_css(&director, ".plan-approve", "approve").await;
    let approved = wait_state(&director, id, "approved").await;
    assert_eq!(approved["approved_by_name"], director_name.as_str());
    wait_text(&director, ".doc-sign-name", &director_name).await;
    let history = api_json(&director, &format!("/plans/{id}/history")).await;
    let actions: Vec<&str> = history
        .as_array()
        .expect("history")
        .iter()
        .filter_map(|h| h["action"].as_str())
        .filter(|a| *a != "edit")
        .collect();
    assert_eq!(actions, ["create", "submit", "return", "submit", "approve"]);
    director.close().await.expect("close");

    // Approved: read-only for the board, who may only amend; the server refuses a change.
    editor
        .goto(&t.url(&format!("/plan/{id}")))
        .await
        .expect("reopen");
    wait_css(&editor, ".plan-document[data-state=approved]").await;
    wait_css(&editor, ".plan-amend").await;
    assert!(!exists(&editor, ".plan-save").await, "no save button");
    assert!(!exists(&editor, ".plan-editor").await, "no form");
    let version = approved["version"].as_i64().expect("version");
    let (status, answer) = api_send(
        &editor,
        "PATCH",
        &format!("/plans/{id}"),
        Some(version),
        json!({"content": approved["content"]}),
    )
    .await;
    assert_eq!(status, 409, "an approved plan is read-only: {answer}");
    wait_text(&editor, "#plan-history-heading", "Lịch sử").await;
    wait_text(&editor, ".plan-history-table", note).await;
    screenshot(&editor, "plan-approved").await;

    // Printed on A4: the national motto, the title, the Director's name under "GIÁM ĐỐC".
    let config = PrintConfiguration::builder()
        .size(PrintSize::A4)
        .margins(PrintMargins {
            top: 2.0,
            bottom: 2.0,
            left: 2.5,
            right: 1.5,
        })
        .build()
        .expect("print configuration");
    let pdf = editor.print(config).await.expect("print the page");
    assert!(pdf.starts_with(b"%PDF"), "a PDF");
    let text = squash(&pdf_extract::extract_text_from_mem(&pdf).expect("PDF text"));
    for needle in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "BẢO HIỂM XÃ HỘI VIỆT NAM",
        &format!("KẾ HOẠCH HOẠT ĐỘNG NĂM {year}"),
        "GIÁM ĐỐC",
        &director_name,
        "150.000.000",
        "Chủ đề tháng 12",
    ] {
        assert!(
            text.contains(&squash(needle)),
            "the PDF says “{needle}”:\n{text}"
        );
    }
    for chrome in [
        "Đăng xuất",
        "Thống kê truy cập",
        "In / Print",
        "Chọn phiên bản",
    ] {
        assert!(
            !text.contains(&squash(chrome)),
            "the app's chrome is not printed: “{chrome}”"
        );
    }
    assert!(!text.contains("DỰTHẢO"), "an approved plan is no draft");
    editor.close().await.expect("close");
}

#[tokio::test]
async fn the_spokesperson_form_refuses_a_bad_phone_and_publishes_a_good_one() {
    let t = Target::from_env();
    let c = session_for(&t, "secretary").await;
    c.goto(&t.url("/spokesperson")).await.expect("open page");
    let url = text_of(&c, ".sp-public-url").await;
    assert_eq!(url, "/api/v1/public/spokesperson");
    let phone = wait_css(&c, "#sp-spokesperson-phone").await;
    retype(&phone, "12345").await;
    // Leaving the field shows its message beside it.
    press(&c, TAB).await;
    let message = wait_text(
        &c,
        "#err-sp-spokesperson-phone",
        "Số điện thoại không hợp lệ",
    )
    .await;
    assert!(message.contains("+84"), "{message}");
    assert_eq!(
        phone.attr("aria-invalid").await.expect("attr").as_deref(),
        Some("true")
    );
    let before = api_json(&c, "/spokesperson").await["version"].clone();
    click_css(&c, ".sp-save", "save").await;
    wait_text(&c, ".sp-notice", "Hãy sửa các trường được đánh dấu").await;
    assert_eq!(
        api_json(&c, "/spokesperson").await["version"],
        before,
        "nothing was sent"
    );
    screenshot(&c, "spokesperson-bad-phone").await;

    retype(&phone, "0987 654 321").await;
    eventually("the message goes away", || async {
        (!exists(&c, "#err-sp-spokesperson-phone .field-error").await).then_some(())
    })
    .await;
    retype_css(&c, "#sp-spokesperson-full-name", "Phạm Thị Hồng Nhung").await;
    click_css(&c, ".sp-save", "save").await;
    let saved = eventually("the new details saved", || async {
        let s = api_json(&c, "/spokesperson").await;
        (s["version"] != before).then_some(s)
    })
    .await;
    assert_eq!(saved["content"]["spokesperson"]["phone"], "0987 654 321");
    wait_text(&c, ".sp-updated", "Cập nhật lần cuối").await;
    wait_text(&c, ".sp-versions", "Phạm Thị Hồng Nhung").await;

    // The portal reads it without a session.
    let anonymous = browser(&t).await;
    anonymous.goto(&t.url("/login")).await.expect("open");
    let public = api_json(&anonymous, "/public/spokesperson").await;
    assert_eq!(public["spokesperson"]["phone"], "0987 654 321");
    assert_eq!(public["spokesperson"]["full_name"], "Phạm Thị Hồng Nhung");
    anonymous.close().await.expect("close");
    c.close().await.expect("close");
}
