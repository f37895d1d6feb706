//! Browser tests of the required information pages against a fake backend: a bad training
//! session is refused beside its field and nothing is sent, then the corrected one is saved
//! with If-Match; the org page read-only with its date, staleness warning and hostile text kept
//! as text; "Kiểm tra ngay" and the link findings; the dashboard tile's states.

use chrono::{TimeZone, Utc};
use leptos::prelude::*;
use portal_admin::pages::InfoStaleTile;
use portal_contract::Role;
use serde_json::{json, Value};
use wasm_bindgen_test::*;

use crate::dom::*;

fn session_of(roles: &[Role]) -> Value {
    let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let far = Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap();
    serde_json::to_value(session_as(3, "thuky", "Bùi Thị Ngọc Ánh", roles, t, far)).unwrap()
}

fn page(content: Value, version: i64, stale: bool, days: i64) -> Value {
    json!({
        "content": content,
        // 02:00 UTC on 10/03/2026 is 09:00 in Hà Nội.
        "updated_at": "2026-03-10T02:00:00Z",
        "updated_by_name": "Bùi Thị Ngọc Ánh",
        "confirmed_at": "2026-03-10T02:00:00Z",
        "days_since_update": days,
        "stale_after_days": 90,
        "stale": stale,
        "version": version
    })
}

fn settings() -> Value {
    json!({"stale_after_days": 90, "is_default": true, "version": 0})
}

#[wasm_bindgen_test]
async fn a_negative_hour_count_is_refused_beside_its_field_then_the_session_is_saved() {
    reset_lang();
    let session = json!({"date": "2026-03-12", "topic": "Viết tin BHYT học sinh", "trainer": "Trung tâm Truyền thông", "participants": "Ban Biên tập", "participant_count": 12, "hours": 3.5});
    let before = page(json!({"sessions": [session]}), 3, false, 4);
    let mut added = session.clone();
    added["topic"] = json!("An toàn thông tin mạng");
    added["hours"] = json!(2.5);
    added["date"] = json!("2026-03-20");
    let after = page(json!({"sessions": [session, added]}), 4, false, 0);
    set_url("/info/training");
    fake_backend(json!([
        route(
            "GET",
            "/api/v1/session",
            vec![ok(session_of(&[Role::Secretary]))]
        ),
        route("GET", "/api/v1/info/training", vec![ok(before)]),
        route("GET", "/api/v1/info/settings", vec![ok(settings())]),
        route("PUT", "/api/v1/info/training", vec![ok(after)]),
    ]));
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), portal_admin::App);
    wait_for("the training form", || query(&root, ".info-form").is_some()).await;
    assert_eq!(text(&root, "h1"), "Thông tin bắt buộc");
    assert_eq!(
        query(&root, ".info-tab[aria-current=page]").and_then(|e| e.get_attribute("data-section")),
        Some("training".into())
    );
    assert!(
        text(&root, ".info-updated").contains("10/03/2026"),
        "{}",
        text(&root, ".info-updated")
    );
    assert!(query(&root, ".info-stale").is_none());
    // Where the threshold comes from arrives with the settings, a request of its own.
    wait_for("the threshold's source", || {
        text(&root, ".info-threshold").contains("không phải quy định")
    })
    .await;

    click(&root, ".info-add");
    wait_for("the new session's fields", || {
        query(&root, "#info-sessions-1-hours").is_some()
    })
    .await;
    type_into(&root, "#info-sessions-1-date", "2026-03-20");
    type_into(&root, "#info-sessions-1-topic", "An toàn thông tin mạng");
    type_into(&root, "#info-sessions-1-trainer", "Trung tâm Truyền thông");
    type_into(&root, "#info-sessions-1-participants", "Ban Biên tập");
    type_into(&root, "#info-sessions-1-participant-count", "12");
    type_into(&root, "#info-sessions-1-hours", "-2");
    fire(&root, "form.info-form", "submit");
    wait_for("the hours' message", || {
        !text(&root, "#err-info-sessions-1-hours").is_empty()
    })
    .await;
    let hours = query(&root, "#info-sessions-1-hours").unwrap();
    assert_eq!(hours.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(hours
        .get_attribute("aria-describedby")
        .unwrap()
        .contains("err-info-sessions-1-hours"));
    assert!(text(&root, "#err-info-sessions-1-hours").contains("lớn hơn 0"));
    assert!(
        writes().is_empty(),
        "nothing is sent while a field is wrong"
    );

    type_into(&root, "#info-sessions-1-hours", "2.5");
    fire(&root, "form.info-form", "submit");
    wait_for("the save", || writes().len() == 1).await;
    let sent = writes();
    assert_eq!(sent[0]["ifMatch"], "\"3\"");
    let body: Value = serde_json::from_str(sent[0]["body"].as_str().unwrap()).unwrap();
    assert_eq!(body["content"]["sessions"][1]["hours"], json!(2.5));
    assert_eq!(
        body["content"]["sessions"][1]["participant_count"],
        json!(12)
    );
    wait_for("saved", || text(&root, ".sp-dirty").is_empty()).await;
    set_url("/");
}

#[wasm_bindgen_test]
async fn the_director_reads_a_stale_org_page_with_hostile_text_as_text() {
    reset_lang();
    let unit = json!({"name_vi": "<script>window.__pwned=1</script>Phòng Thu", "name_en": "Revenue Division", "functions_vi": "Thu BHXH", "functions_en": "Collects", "leader_name": "Trần Văn Bình", "leader_position_vi": "Trưởng phòng", "leader_position_en": "Head", "phone": "0236 3822 135", "email": "thu@bhxh.example.invalid", "address_vi": "12 Trần Phú", "address_en": "12 Tran Phu"});
    set_url("/info/org");
    fake_backend(json!([
        route(
            "GET",
            "/api/v1/session",
            vec![ok(session_of(&[Role::Director]))]
        ),
        route(
            "GET",
            "/api/v1/info/org",
            vec![ok(page(json!({"units": [unit]}), 2, true, 120))]
        ),
        route("GET", "/api/v1/info/settings", vec![ok(settings())]),
    ]));
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), portal_admin::App);
    wait_for("the org page", || query(&root, ".info-item").is_some()).await;
    assert!(
        query(&root, ".info-form").is_none(),
        "the Director only reads"
    );
    let warning = text(&root, ".info-stale");
    assert!(
        warning.contains("120 ngày") && warning.contains("90 ngày"),
        "{warning}"
    );
    assert!(text(&root, ".info-item-title").starts_with("<script>"));
    assert!(query(&root, ".info-item script").is_none());
    assert!(js_sys::eval("window.__pwned").unwrap().is_undefined());
    assert!(text(&root, ".info-updated").contains("10/03/2026"));
    set_url("/");
}

#[wasm_bindgen_test]
async fn check_now_shows_what_the_checker_found() {
    reset_lang();
    let links = json!({"links": [{"name": "Sở Y tế", "url": "https://soyte.example.invalid/"}, {"name": "Sở Nội vụ", "url": "https://sonoivu.example.invalid/"}]});
    let mut checked = page(links.clone(), 1, false, 3);
    checked["checks"] = json!([
        {"url": "https://soyte.example.invalid/", "alive": true, "status_code": 200, "checked_at": "2026-03-10T02:00:00Z", "error": null},
        {"url": "https://sonoivu.example.invalid/", "alive": false, "status_code": 404, "checked_at": "2026-03-10T02:00:00Z", "error": "Máy chủ trả về mã lỗi 404."}
    ]);
    let mut before = page(links, 1, false, 3);
    before["checks"] = json!([]);
    set_url("/info/links");
    fake_backend(json!([
        route(
            "GET",
            "/api/v1/session",
            vec![ok(session_of(&[Role::ChiefEditor]))]
        ),
        route("GET", "/api/v1/info/links", vec![ok(before)]),
        route("GET", "/api/v1/info/settings", vec![ok(settings())]),
        route("POST", "/api/v1/info/links/check", vec![ok(checked)]),
    ]));
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), portal_admin::App);
    wait_for("the links form", || {
        query(&root, ".info-check-now").is_some()
    })
    .await;
    assert_eq!(text(&root, "#info-links-0-url-status"), "Chưa kiểm tra");
    click(&root, ".info-check-now");
    wait_for("the findings", || {
        text(&root, ".info-check-result").contains("1 hoạt động")
    })
    .await;
    assert_eq!(writes()[0]["path"], "/api/v1/info/links/check");
    let dead = query(&root, "#info-links-1-url-status").unwrap();
    assert_eq!(dead.get_attribute("data-state").as_deref(), Some("dead"));
    assert!(dead.text_content().unwrap().contains("404"));
    assert!(text(&root, "#info-links-0-url-status").contains("10/03/2026 09:00"));
    set_url("/");
}

#[wasm_bindgen_test]
async fn the_dashboard_tile_lists_stale_pages_or_says_all_is_current_or_offers_a_retry() {
    reset_lang();
    let section = |s: &str, stale: bool, days: Option<i64>, dead: u32| json!({"section": s, "updated_at": null, "days_since_update": days, "stale": stale, "dead_links": dead});
    let stale = json!({"stale_after_days": 90, "sections": [
        section("org", false, Some(40), 0),
        section("links", true, Some(120), 2),
        section("training", true, None, 0)
    ]});
    let current = json!({"stale_after_days": 90, "sections": [
        section("org", false, Some(1), 0),
        section("links", false, Some(1), 0),
        section("training", false, Some(1), 0)
    ]});
    let failure = json!({"status": 503, "body": {"type": "about:blank", "title": "Tạm thời không phục vụ", "status": 503, "detail": "Cơ sở dữ liệu không trả lời."}});
    fake_backend(json!([route(
        "GET",
        "/api/v1/info/status",
        vec![ok(stale), ok(current.clone()), failure, ok(current)]
    )]));

    let root = container();
    let _a = leptos::mount::mount_to(root.clone(), || view! { <InfoStaleTile/> });
    wait_for("the list", || query(&root, ".dash-info-list").is_some()).await;
    assert!(query(&root, "li[data-section=org]").is_none());
    let links = text(&root, "li[data-section=links]");
    assert!(
        links.contains("120 ngày") && links.contains("2 liên kết"),
        "{links}"
    );
    assert_eq!(
        query(&root, "li[data-section=links] a").and_then(|a| a.get_attribute("href")),
        Some("/info/links".into())
    );
    assert!(text(&root, "li[data-section=training]").contains("chưa có nội dung"));

    let calm = container();
    let _b = leptos::mount::mount_to(calm.clone(), || view! { <InfoStaleTile/> });
    wait_for("the all-current state", || {
        query(&calm, ".state-empty").is_some()
    })
    .await;
    assert!(text(&calm, ".state-empty").contains("đều đang được cập nhật"));

    let broken = container();
    let _c = leptos::mount::mount_to(broken.clone(), || view! { <InfoStaleTile/> });
    wait_for("the error state", || {
        query(&broken, ".state-error").is_some()
    })
    .await;
    click(&broken, ".state-error .retry");
    wait_for("the retry", || query(&broken, ".state-empty").is_some()).await;
}
