//! Browser tests of the administrator's security pages: the live sessions section
//! (ending one sends `DELETE /sessions/{id}`, the own session has no button), the audit log
//! viewer (filters from and to the address, times in Hà Nội, a reversed range refused in
//! Vietnamese without a request, hostile text shown as text, a server's 400 explained), and
//! the viewer refused to the chief editor.

use chrono::{TimeZone, Utc};
use leptos::prelude::*;
use portal_contract::{ActiveSession, AuditEntry, Page, Role, User};
use serde_json::{json, Value};
use wasm_bindgen_test::*;

use crate::dom::*;

fn page<T>(items: Vec<T>, total: u64, per_page: u32) -> Page<T> {
    Page {
        items,
        total,
        page: 1,
        per_page,
    }
}

fn live(id: i64, username: &str, full_name: &str, current: bool) -> ActiveSession {
    ActiveSession {
        id,
        user_id: id + 10,
        username: username.into(),
        full_name: full_name.into(),
        // 16/02/2026 01:30 UTC is 08:30 in Hà Nội.
        created_at: Utc.with_ymd_and_hms(2026, 2, 16, 1, 30, 0).unwrap(),
        idle_expires_at: Utc.with_ymd_and_hms(2026, 2, 16, 2, 0, 0).unwrap(),
        absolute_expires_at: Utc.with_ymd_and_hms(2026, 2, 16, 13, 30, 0).unwrap(),
        current,
    }
}

fn no_users() -> Page<User> {
    page(Vec::new(), 0, 50)
}

#[wasm_bindgen_test]
async fn the_admin_sees_live_sessions_and_ends_another_users() {
    reset_lang();
    set_url("/admin");
    let before = page(
        vec![
            live(9, "admin", "Quản trị viên", true),
            live(5, "bichle", "Lê Thị Bích", false),
        ],
        2,
        50,
    );
    let after = page(vec![live(9, "admin", "Quản trị viên", true)], 1, 50);
    fake_backend(json!([
        route(
            "GET",
            "/api/v1/session",
            vec![ok(session_of(&[Role::Admin]))]
        ),
        route("GET", "/api/v1/users", vec![ok(no_users())]),
        route("GET", "/api/v1/sessions", vec![ok(before), ok(after)]),
        route(
            "DELETE",
            "/api/v1/sessions/5",
            vec![answer(204, Value::Null)]
        ),
    ]));
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), portal_admin::App);
    wait_for("the sessions", || {
        query_all(&root, ".sessions-table tbody tr").len() == 2
    })
    .await;
    assert_eq!(
        text(&root, "#sessions-heading"),
        "Phiên đăng nhập đang hoạt động"
    );
    let row = ".sessions-table tr[data-id='5']";
    let cells = text(&root, row);
    assert!(
        cells.contains("Lê Thị Bích") && cells.contains("bichle"),
        "{cells}"
    );
    assert!(
        cells.contains("16/02/2026 08:30"),
        "login time in Hà Nội: {cells}"
    );
    assert!(cells.contains("16/02/2026 09:00"), "idle expiry: {cells}");
    assert!(
        cells.contains("16/02/2026 20:30"),
        "absolute expiry: {cells}"
    );
    // One's own session is marked and cannot be ended from here.
    let own = ".sessions-table tr[data-id='9']";
    assert!(text(&root, own).contains("Phiên của bạn"));
    assert!(query(&root, &format!("{own} button")).is_none());
    assert_eq!(
        attr(&root, &format!("{row} button"), "aria-label").as_deref(),
        Some("Kết thúc phiên của Lê Thị Bích")
    );
    // The tabs: both, the users' one current.
    assert_eq!(
        attr(&root, ".admin-tabs a[data-tab=users]", "aria-current").as_deref(),
        Some("page")
    );
    assert!(query(&root, ".admin-tabs a[data-tab=audit][href='/admin/audit']").is_some());

    click(&root, &format!("{row} button"));
    wait_for("the row leaves", || {
        query_all(&root, ".sessions-table tbody tr").len() == 1
    })
    .await;
    let deletes: Vec<Value> = writes();
    assert_eq!(deletes.len(), 1);
    assert_eq!(deletes[0]["method"], "DELETE");
    assert_eq!(deletes[0]["path"], "/api/v1/sessions/5");
    wait_for("the notice", || {
        text(&root, ".toast-region").contains("Đã kết thúc phiên đăng nhập của Lê Thị Bích.")
    })
    .await;
    assert_eq!(
        document().active_element().map(|e| e.id()).as_deref(),
        Some("sessions-heading")
    );
    root.remove();
}

fn entry(id: i64, action: &str, actor: &str, ok: bool) -> AuditEntry {
    AuditEntry {
        id,
        // 01/03/2026 17:05 UTC is 00:05 on 02/03/2026 in Hà Nội.
        at: Utc.with_ymd_and_hms(2026, 3, 1, 17, 5, 0).unwrap(),
        actor_id: None,
        actor_name: actor.into(),
        action: action.into(),
        target: Some("user:7".into()),
        outcome: if ok { "success" } else { "failure" }.into(),
        detail: Some("fields: <b>roles</b>".into()),
    }
}

#[wasm_bindgen_test]
async fn the_audit_viewer_filters_through_the_address_and_checks_the_range() {
    reset_lang();
    set_url("/admin/audit?action=user&from=2026-03-01&outcome=success");
    let lines = page(
        vec![
            entry(
                31,
                "user.update",
                "<img src=x onerror=window.__pwned=1>",
                true,
            ),
            entry(30, "user.create", "admin", true),
        ],
        2,
        50,
    );
    fake_backend(json!([
        route(
            "GET",
            "/api/v1/session",
            vec![ok(session_of(&[Role::Admin]))]
        ),
        route(
            "GET",
            "/api/v1/audit",
            vec![
                ok(lines),
                answer(
                    400,
                    json!({
                        "type": "https://portal.example/problems/bad-request",
                        "title": "Yêu cầu không hợp lệ", "status": 400,
                        "detail": "Tham số truy vấn không hợp lệ, xem chi tiết từng tham số.",
                        "errors": [{"field": "actor", "code": "too_long", "message": "Tối đa 100 ký tự."}]
                    })
                ),
            ]
        ),
    ]));
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), portal_admin::App);
    wait_for("the log", || {
        query_all(&root, ".audit-table tbody tr").len() == 2
    })
    .await;
    let asked: Vec<String> = requests()
        .into_iter()
        .filter_map(|r| r["path"].as_str().map(str::to_string))
        .filter(|p| p.starts_with("/api/v1/audit"))
        .collect();
    assert_eq!(
        asked,
        ["/api/v1/audit?action=user&outcome=success&from=2026-03-01&per_page=50"]
    );
    // The form shows the address's filters; every control has its label.
    assert_eq!(value(&root, "#audit-action"), "user");
    assert_eq!(value(&root, "#audit-outcome"), "success");
    assert_eq!(value(&root, "#audit-from"), "2026-03-01");
    for id in [
        "audit-actor",
        "audit-action",
        "audit-outcome",
        "audit-target",
        "audit-from",
        "audit-to",
    ] {
        assert!(
            query(&root, &format!("label[for={id}]")).is_some(),
            "label of {id}"
        );
    }
    assert!(text(&root, "#audit-chosen").contains("01/03/2026"));
    let first = text(&root, ".audit-table tr[data-id='31']");
    assert!(first.contains("02/03/2026 00:05"), "Hà Nội time: {first}");
    assert!(
        first.contains("Sửa người dùng") && first.contains("user.update"),
        "{first}"
    );
    assert!(
        first.contains("<img src=x onerror=window.__pwned=1>"),
        "as text: {first}"
    );
    assert!(first.contains("fields: <b>roles</b>"));
    assert!(query(&root, ".audit-table img, .audit-table b").is_none());
    assert!(js_sys::eval("window.__pwned").unwrap().is_undefined());
    assert_eq!(text(&root, ".result-count"), "2 dòng nhật ký");

    // A reversed range: refused beside the field, nothing sent.
    type_into(&root, "#audit-from", "2026-03-05");
    type_into(&root, "#audit-to", "2026-03-04");
    fire(&root, "form.audit-filters", "submit");
    wait_for("the range error", || query(&root, "#audit-error").is_some()).await;
    assert_eq!(
        text(&root, "#audit-error"),
        "Ngày kết thúc phải từ ngày bắt đầu trở đi."
    );
    assert_eq!(
        attr(&root, "#audit-to", "aria-invalid").as_deref(),
        Some("true")
    );
    assert!(attr(&root, "#audit-to", "aria-describedby")
        .unwrap()
        .contains("audit-error"));
    assert_eq!(
        requests()
            .iter()
            .filter(|r| r["path"]
                .as_str()
                .unwrap_or("")
                .starts_with("/api/v1/audit"))
            .count(),
        1
    );

    // A valid range goes to the address and to the server; its 400 is explained.
    type_into(&root, "#audit-to", "2026-03-31");
    type_into(&root, "#audit-actor", "  tran ");
    assert_eq!(value(&root, "#audit-actor"), "  tran ");
    fire(&root, "form.audit-filters", "submit");
    wait_for("the server's refusal", || {
        query(&root, ".state-error").is_some()
    })
    .await;
    let last = requests().last().unwrap()["path"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        last,
        "/api/v1/audit?actor=tran&action=user&outcome=success&from=2026-03-05&to=2026-03-31&per_page=50",
        "{:?} {:?}",
        requests(),
        window().location().search()
    );
    assert_eq!(
        window().location().search().unwrap(),
        "?actor=tran&action=user&outcome=success&from=2026-03-05&to=2026-03-31",
        "the filters are in the address"
    );
    let error = text(&root, ".state-error");
    assert!(error.contains("Tối đa 100 ký tự"), "{error}");
    root.remove();
}

#[wasm_bindgen_test]
async fn the_chief_editor_cannot_open_the_audit_log() {
    reset_lang();
    set_url("/admin/audit");
    fake_backend(json!([route(
        "GET",
        "/api/v1/session",
        vec![ok(session_of(&[Role::ChiefEditor]))]
    )]));
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), portal_admin::App);
    wait_for("the refusal", || query(&root, ".state-forbidden").is_some()).await;
    assert!(query(&root, ".audit-filters").is_none());
    assert!(!requests().iter().any(|r| r["path"]
        .as_str()
        .unwrap_or("")
        .starts_with("/api/v1/audit")));
    root.remove();
}

#[wasm_bindgen_test]
async fn a_user_changes_their_own_password() {
    reset_lang();
    set_url("/account");
    fake_backend(json!([
        route(
            "GET",
            "/api/v1/session",
            vec![ok(session_of(&[Role::Author]))]
        ),
        route(
            "PUT",
            "/api/v1/session/password",
            vec![
                answer(
                    422,
                    json!({
                        "type": "https://portal.example/problems/validation",
                        "title": "Dữ liệu không hợp lệ", "status": 422,
                        "detail": "Vui lòng sửa các trường được đánh dấu.",
                        "errors": [{"field": "current_password", "code": "wrong",
                                    "message": "Mật khẩu hiện tại không đúng."}]
                    })
                ),
                answer(204, Value::Null),
            ]
        ),
    ]));
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), portal_admin::App);
    wait_for("the form", || query(&root, "form.account-form").is_some()).await;
    assert_eq!(
        attr(&root, "a.user-account", "href").as_deref(),
        Some("/account"),
        "reachable from the top bar"
    );
    for id in ["account-current", "account-new", "account-confirm"] {
        assert!(
            query(&root, &format!("label[for={id}]")).is_some(),
            "label of {id}"
        );
        assert_eq!(
            attr(&root, &format!("#{id}"), "type").as_deref(),
            Some("password")
        );
    }
    assert_eq!(
        attr(&root, "#account-current", "autocomplete").as_deref(),
        Some("current-password")
    );

    // Checked here first: nothing is sent.
    type_into(&root, "#account-new", "MatKhauMoi2026");
    type_into(&root, "#account-confirm", "MatKhauMoi2027");
    fire(&root, "form.account-form", "submit");
    wait_for("the errors", || {
        query(&root, "#account-confirm-error").is_some()
    })
    .await;
    assert_eq!(
        text(&root, "#account-current-error"),
        "Vui lòng nhập mật khẩu hiện tại."
    );
    assert_eq!(
        text(&root, "#account-confirm-error"),
        "Hai lần nhập mật khẩu mới không khớp."
    );
    assert_eq!(
        attr(&root, "#account-confirm", "aria-invalid").as_deref(),
        Some("true")
    );
    assert!(writes().is_empty());

    // The server refuses the current password: said on that field.
    type_into(&root, "#account-current", "sai-roi-1");
    type_into(&root, "#account-confirm", "MatKhauMoi2026");
    fire(&root, "form.account-form", "submit");
    wait_for("the server's answer", || {
        text(&root, "#account-current-error") == "Mật khẩu hiện tại không đúng."
    })
    .await;
    assert!(query(&root, "#account-confirm-error").is_none());
    let sent = writes();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["method"], "PUT");
    let body: Value = serde_json::from_str(sent[0]["body"].as_str().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({"current_password": "sai-roi-1", "new_password": "MatKhauMoi2026"})
    );

    // Then it works: the fields are emptied and the user is told what happened.
    type_into(&root, "#account-current", "Demo@2026");
    fire(&root, "form.account-form", "submit");
    wait_for("the notice", || {
        text(&root, ".toast-region").contains("Các phiên đăng nhập khác của bạn đã kết thúc")
    })
    .await;
    assert_eq!(writes().len(), 2);
    assert_eq!(value(&root, "#account-current"), "");
    assert_eq!(value(&root, "#account-new"), "");
    assert!(query(&root, ".account-form .field-error").is_none());
    root.remove();
}
