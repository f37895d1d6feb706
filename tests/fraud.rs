//! Browser tests of the fraud report pages (Official Dispatch 1466): the form refuses bad input
//! beside each field and sends nothing, a server's 422 lands on its field, the list shows money
//! and time the Vietnamese way with hostile text as text, a state change sends If-Match, and
//! the dashboard tile's loading, empty, counted and error states.

#![cfg(target_arch = "wasm32")]

#[path = "browser/dom.rs"]
mod dom;

use chrono::{DateTime, TimeZone, Utc};
use leptos::task::tick;
use portal_contract::fraud::{
    FraudChannel, FraudHistoryEntry, FraudReport, FraudReportSummary, FraudState,
};
use portal_contract::{Page, Role};
use serde_json::{json, Value};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

use dom::*;

fn t(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}

fn report(state: FraudState) -> FraudReport {
    FraudReport {
        id: 7,
        // 14/02/2026 02:30 UTC is 09:30 in Hà Nội.
        occurred_at: Utc.with_ymd_and_hms(2026, 2, 14, 2, 30, 0).unwrap(),
        location: "<img src=x onerror=alert(1)>".into(),
        channel: FraudChannel::FakeWebsite,
        description: "<script>window.__pwned = true</script>\nDòng thứ hai 🎣".into(),
        amount: 1_234_000,
        people_affected: 3,
        evidence_url: Some("https://example.vn/bang-chung".into()),
        office: "BHXH huyện Đồng Phú".into(),
        state,
        article_id: None,
        reported_by: 11,
        reported_by_name: "Phan Văn Lợi".into(),
        created_at: t(2026, 2, 14, 4),
        updated_at: t(2026, 2, 14, 4),
        history: vec![FraudHistoryEntry {
            at: t(2026, 2, 14, 4),
            actor_name: "Phan Văn Lợi".into(),
            action: "create".into(),
            from_state: None,
            to_state: Some(FraudState::New),
            comment: None,
            article_id: None,
        }],
        version: 1,
    }
}

fn page_of(items: Vec<FraudReportSummary>, total: u64) -> Page<FraudReportSummary> {
    Page {
        items,
        total,
        page: 1,
        per_page: 20,
    }
}

#[wasm_bindgen_test]
async fn the_form_refuses_bad_input_beside_each_field_and_sends_nothing() {
    reset_lang();
    set_url("/fraud-reports/new");
    fake_backend(json!([route(
        "GET",
        "/api/v1/session",
        vec![ok(session_of(&[Role::LocalOffice]))]
    )]));
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), portal_admin::App);
    wait_for("the form", || query(&root, "form.fraud-form").is_some()).await;
    // Every control has its label.
    for id in [
        "fraud-when",
        "fraud-location",
        "fraud-channel",
        "fraud-description",
        "fraud-amount",
        "fraud-people",
        "fraud-evidence",
        "fraud-office",
    ] {
        assert!(
            query(&root, &format!("label[for={id}]")).is_some(),
            "label of {id}"
        );
    }
    type_into(&root, "#fraud-amount", "-5");
    type_into(&root, "#fraud-evidence", "javascript:alert(1)");
    type_into(&root, "#fraud-when", "2099-01-01T08:00");
    fire(&root, "form.fraud-form", "submit");
    wait_for("the field errors", || {
        attr(&root, "#fraud-amount", "aria-invalid").as_deref() == Some("true")
    })
    .await;
    assert_eq!(
        text(&root, "#fraud-amount-error"),
        "Số tiền phải là số nguyên không âm (đơn vị đồng)."
    );
    assert!(attr(&root, "#fraud-amount", "aria-describedby")
        .unwrap()
        .contains("fraud-amount-error"));
    assert_eq!(
        attr(&root, "#fraud-evidence", "aria-invalid").as_deref(),
        Some("true")
    );
    assert!(text(&root, "#fraud-evidence-error").contains("http://"));
    assert_eq!(
        text(&root, "#fraud-when-error"),
        "Thời điểm xảy ra không được ở tương lai."
    );
    for required in ["location", "description", "office", "channel"] {
        assert!(
            !text(&root, &format!("#fraud-{required}-error")).is_empty(),
            "{required}"
        );
    }
    assert!(writes().is_empty(), "nothing sent: {:?}", writes());
    // The amount reads as money as it is typed.
    type_into(&root, "#fraud-amount", "1234000");
    tick().await;
    assert_eq!(text(&root, ".fraud-amount-preview"), "1.234.000 ₫");
    set_url("/");
}

#[wasm_bindgen_test]
async fn a_server_refusal_lands_on_its_field_and_a_success_opens_the_report() {
    reset_lang();
    set_url("/fraud-reports/new");
    let refused = json!({
        "status": 422,
        "body": {
            "type": "https://portal.example/problems/validation",
            "title": "Dữ liệu không hợp lệ",
            "status": 422,
            "errors": [{"field": "location", "code": "too_long", "message": "Tối đa 200 ký tự."}]
        }
    });
    let created =
        json!({"status": 201, "body": serde_json::to_value(report(FraudState::New)).unwrap()});
    fake_backend(json!([
        route(
            "GET",
            "/api/v1/session",
            vec![ok(session_of(&[Role::LocalOffice]))]
        ),
        route("POST", "/api/v1/fraud-reports", vec![refused, created]),
        route(
            "GET",
            "/api/v1/fraud-reports/7",
            vec![ok(report(FraudState::New))]
        ),
    ]));
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), portal_admin::App);
    wait_for("the form", || query(&root, "form.fraud-form").is_some()).await;
    type_into(&root, "#fraud-when", "2026-02-14T09:30");
    type_into(&root, "#fraud-location", "Xã Tân Lập");
    let select = query(&root, "#fraud-channel")
        .unwrap()
        .unchecked_into::<web_sys::HtmlSelectElement>();
    select.set_value("sms");
    fire(&root, "#fraud-channel", "change");
    type_into(&root, "#fraud-description", "Tin nhắn giả mạo BHXH.");
    type_into(&root, "#fraud-amount", "1.234.000");
    type_into(&root, "#fraud-office", "BHXH huyện Đồng Phú");
    tick().await;
    assert_eq!(value(&root, "#fraud-amount"), "1.234.000", "kept as typed");
    fire(&root, "form.fraud-form", "submit");
    wait_for("the server's field error", || {
        text(&root, "#fraud-location-error") == "Tối đa 200 ký tự."
    })
    .await;
    let sent: Value = serde_json::from_str(writes()[0]["body"].as_str().unwrap()).unwrap();
    assert_eq!(sent["amount"], 1_234_000);
    assert_eq!(sent["channel"], "sms");
    assert_eq!(sent["occurred_at"], "2026-02-14T02:30:00Z");
    assert!(sent.get("evidence_url").is_none_or(|v| v.is_null()));
    fire(&root, "form.fraud-form", "submit");
    wait_for("the new report's page", || {
        query(&root, ".fraud-report[data-id='7']").is_some()
    })
    .await;
    set_url("/");
}

#[wasm_bindgen_test]
async fn the_list_and_the_report_show_vietnamese_money_and_time_and_hostile_text_as_text() {
    reset_lang();
    set_url("/fraud-reports?state=new");
    let r = report(FraudState::New);
    fake_backend(json!([
        route(
            "GET",
            "/api/v1/session",
            vec![ok(session_of(&[Role::ItCentre]))]
        ),
        route(
            "GET",
            "/api/v1/fraud-reports",
            vec![ok(page_of(vec![FraudReportSummary::from(&r)], 1))]
        ),
        route("GET", "/api/v1/fraud-reports/7", vec![ok(&r)]),
    ]));
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), portal_admin::App);
    wait_for("the table", || {
        query(&root, ".fraud-table tbody tr[data-id]").is_some()
    })
    .await;
    assert_eq!(
        requests()
            .iter()
            .filter(|q| q["path"]
                .as_str()
                .unwrap_or("")
                .starts_with("/api/v1/fraud-reports?"))
            .count(),
        1
    );
    assert!(requests()
        .iter()
        .any(|q| q["path"] == "/api/v1/fraud-reports?state=new&per_page=20"));
    let row = text(&root, ".fraud-table tbody tr");
    assert!(row.contains("14/02/2026 09:30"), "{row}");
    assert!(row.contains("1.234.000 ₫"), "{row}");
    assert!(row.contains("Trang web giả mạo"), "{row}");
    assert!(row.contains("<img src=x onerror=alert(1)>"), "{row}");
    assert!(query(&root, ".fraud-table img").is_none());
    assert_eq!(
        value_of_select(&root, "#fraud-filter-state"),
        "new",
        "the filter shows the URL's state"
    );

    click(&root, ".fraud-table tbody a");
    wait_for("the report", || query(&root, ".fraud-report").is_some()).await;
    assert_eq!(text(&root, "h1"), "Báo cáo lừa đảo số 7");
    assert!(query(&root, ".fraud-description script").is_none());
    assert!(text(&root, ".fraud-description").contains("<script>"));
    assert_eq!(text(&root, ".fraud-amount"), "1.234.000 ₫");
    assert!(js_sys::eval("window.__pwned === true").unwrap().as_bool() != Some(true));
    assert_eq!(
        attr(&root, ".fraud-evidence", "rel").as_deref(),
        Some("noopener noreferrer nofollow")
    );
    set_url("/");
}

fn value_of_select(root: &HtmlElement, selector: &str) -> String {
    query(root, selector)
        .unwrap()
        .unchecked_into::<web_sys::HtmlSelectElement>()
        .value()
}

#[wasm_bindgen_test]
async fn the_it_centre_verifies_with_if_match_and_the_page_follows() {
    reset_lang();
    set_url("/fraud-reports/7");
    let before = report(FraudState::New);
    let mut after = before.clone();
    after.state = FraudState::Verified;
    after.version = 2;
    fake_backend(json!([
        route(
            "GET",
            "/api/v1/session",
            vec![ok(session_of(&[Role::ItCentre]))]
        ),
        route("GET", "/api/v1/fraud-reports/7", vec![ok(&before)]),
        route(
            "POST",
            "/api/v1/fraud-reports/7/transitions",
            vec![ok(&after)]
        ),
    ]));
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), portal_admin::App);
    wait_for("the report", || {
        query(&root, "[data-action=verify]").is_some()
    })
    .await;
    assert_eq!(text(&root, ".fraud-state-badge"), "Mới");
    // The IT Centre does not write articles.
    assert!(query(&root, "[data-action=write-warning]").is_none());
    type_into(&root, "#fraud-comment", "Không phải số của ngành.");
    click(&root, "[data-action=verify]");
    wait_for("verified", || {
        text(&root, ".fraud-state-badge") == "Đã xác minh"
    })
    .await;
    let sent = writes();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["ifMatch"], "\"1\"");
    let body: Value = serde_json::from_str(sent[0]["body"].as_str().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({"action": "verify", "comment": "Không phải số của ngành."})
    );
    assert!(query(&root, "[data-action=verify]").is_none());
    set_url("/");
}

#[wasm_bindgen_test]
async fn the_dashboard_tile_counts_open_reports_or_says_there_are_none() {
    reset_lang();
    set_url("/");
    let total = |n: u64| ok(page_of(vec![], n));
    fake_backend(json!([
        route(
            "GET",
            "/api/v1/session",
            vec![ok(session_of(&[Role::ItCentre]))]
        ),
        route("GET", "/api/v1/fraud-reports", vec![total(3), total(2)]),
    ]));
    let root = container();
    let app = leptos::mount::mount_to(root.clone(), portal_admin::App);
    wait_for("the tile", || query(&root, ".dash-fraud-total").is_some()).await;
    assert_eq!(
        attr(&root, ".dash-fraud-total", "data-open").as_deref(),
        Some("5")
    );
    assert_eq!(
        attr(&root, "[data-action=open-fraud-list]", "href").as_deref(),
        Some("/fraud-reports?state=new%2Cverified")
    );
    drop(app);
    root.remove();

    fake_backend(json!([
        route(
            "GET",
            "/api/v1/session",
            vec![ok(session_of(&[Role::LocalOffice]))]
        ),
        route("GET", "/api/v1/fraud-reports", vec![total(0)]),
    ]));
    let root = container();
    let app = leptos::mount::mount_to(root.clone(), portal_admin::App);
    wait_for("the empty tile", || {
        text(&root, ".dash-fraud").contains("Không có báo cáo lừa đảo nào đang chờ xử lý.")
    })
    .await;
    drop(app);
    root.remove();

    let failure = json!({"status": 500, "body": {"type": "about:blank", "title": "Lỗi máy chủ", "status": 500, "detail": "Hỏng"}});
    fake_backend(json!([
        route(
            "GET",
            "/api/v1/session",
            vec![ok(session_of(&[Role::CommunicationCentre]))]
        ),
        route("GET", "/api/v1/fraud-reports", vec![failure]),
    ]));
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), portal_admin::App);
    wait_for("the error tile", || {
        query(&root, ".dash-fraud .state-error button.retry").is_some()
    })
    .await;
    set_url("/");
}
