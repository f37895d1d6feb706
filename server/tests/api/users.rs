//! User administration.

use crate::common::*;
use axum::http::Method;
use portal_contract::{Page, Role, User};
use serde_json::json;

fn new_user(username: &str) -> serde_json::Value {
    json!({
        "username": username,
        "full_name": "Trần Thị Mai",
        "email": "mai@bhxh.invalid",
        "roles": ["author"],
        "password": "Mai@20260216 BHXH",
    })
}

#[tokio::test]
async fn admin_creates_lists_reads_and_updates_users() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    app.reauthenticate(&admin).await;
    let res = post_json(&app, &admin, "/api/v1/users", new_user("author2")).await;
    res.expect(201);
    let user: User = serde_json::from_slice(&res.body).unwrap();
    assert_eq!(res.etag().as_deref(), Some("\"1\""));
    assert_eq!(
        res.header("location"),
        Some(format!("/api/v1/users/{}", user.id))
    );
    assert_eq!(user.full_name, "Trần Thị Mai");
    assert_eq!(user.roles, [Role::Author]);
    assert!(user.active);
    assert!(!String::from_utf8_lossy(&res.body).contains("password"));

    // The new user can log in with the password the admin set.
    app.send(
        Call::new(Method::POST, "/api/v1/session")
            .json(&json!({ "username": "author2", "password": "Mai@20260216 BHXH" })),
    )
    .await
    .expect(200);

    let res = app.get("/api/v1/users?per_page=3", Some(&admin)).await;
    res.expect(200);
    let page: Page<User> = serde_json::from_slice(&res.body).unwrap();
    assert_eq!((page.total, page.items.len(), page.per_page), (10, 3, 3));
    let res = app
        .get("/api/v1/users?per_page=3&page=4", Some(&admin))
        .await;
    let page: Page<User> = serde_json::from_slice(&res.body).unwrap();
    assert_eq!(page.items.len(), 1);

    let path = format!("/api/v1/users/{}", user.id);
    let res = app.get(&path, Some(&admin)).await;
    res.expect(200);
    assert_eq!(res.etag().as_deref(), Some("\"1\""));

    let res = patch_json(
        &app,
        &admin,
        &path,
        1,
        json!({ "roles": ["editor", "author", "editor"], "email": "" }),
    )
    .await;
    res.expect(200);
    let updated: User = serde_json::from_slice(&res.body).unwrap();
    assert_eq!(updated.roles, [Role::Author, Role::Editor]);
    assert_eq!(updated.email, None);
    assert_eq!(updated.version, 2);
    assert_eq!(res.etag().as_deref(), Some("\"2\""));

    app.get("/api/v1/users/9999", Some(&admin))
        .await
        .expect(404);
}

#[tokio::test]
async fn new_users_are_validated() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    app.reauthenticate(&admin).await;
    let res = post_json(
        &app,
        &admin,
        "/api/v1/users",
        json!({
            "username": "Bad Name",
            "full_name": " ",
            "email": "not-an-email",
            "roles": [],
            "password": "short",
        }),
    )
    .await;
    res.expect(422);
    let mut fields = res.error_fields();
    fields.sort();
    assert_eq!(
        fields,
        ["email", "full_name", "password", "roles", "username"]
    );

    let res = post_json(&app, &admin, "/api/v1/users", new_user("editor")).await;
    res.expect(409);
    assert_eq!(res.error_fields(), ["username"]);

    let res = post_json(
        &app,
        &admin,
        "/api/v1/users",
        json!({ "username": "x1", "full_name": "X", "roles": ["root"], "password": "Abcdefg1 và thêm" }),
    )
    .await;
    res.expect(422);
    assert_eq!(res.error_fields(), ["roles[0]"]);
}

#[tokio::test]
async fn user_patch_needs_if_match_and_the_current_version() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let editor = app.user("editor").clone();
    let path = format!("/api/v1/users/{}", editor.id);
    let res = app
        .send(
            Call::new(Method::PATCH, &path)
                .cookie(Some(&admin))
                .json(&json!({ "full_name": "Hoàng Minh Đức" })),
        )
        .await;
    res.expect(428);
    res.problem();
    patch_json(
        &app,
        &admin,
        &path,
        1,
        json!({ "full_name": "Hoàng Minh Đức" }),
    )
    .await
    .expect(200);
    let res = patch_json(&app, &admin, &path, 1, json!({ "full_name": "Người khác" })).await;
    res.expect(412);
    assert_eq!(res.etag().as_deref(), Some("\"2\""));
    let current: User = serde_json::from_value(res.problem().current.unwrap()).unwrap();
    assert_eq!(current.full_name, "Hoàng Minh Đức");
}

#[tokio::test]
async fn admins_cannot_lock_themselves_out_nor_change_their_own_roles() {
    let app = TestApp::new().await;
    let cookie = app.login("admin").await;
    app.reauthenticate(&cookie).await;
    let me = app.user("admin").clone();
    let path = format!("/api/v1/users/{}", me.id);
    let res = patch_json(&app, &cookie, &path, 1, json!({ "active": false })).await;
    res.expect(422);
    assert_eq!(res.error_fields(), ["active"]);
    for roles in [json!(["editor"]), json!(["admin", "it_centre"])] {
        let res = patch_json(&app, &cookie, &path, 1, json!({ "roles": roles })).await;
        res.expect(422);
        assert_eq!(res.error_fields(), ["roles"]);
        assert_eq!(res.problem().errors[0].code, "self_roles");
    }
    // The same roles again change nothing.
    patch_json(&app, &cookie, &path, 1, json!({ "roles": ["admin"] }))
        .await
        .expect(200);
    app.get("/api/v1/session", Some(&cookie)).await.expect(200);
}

#[tokio::test]
async fn the_administrator_cannot_hold_editorial_roles_unless_the_server_allows_it() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    app.reauthenticate(&admin).await;
    let secretary = app.user("secretary").clone();
    let path = format!("/api/v1/users/{}", secretary.id);
    for roles in [
        json!(["admin", "chief_editor"]),
        json!(["admin", "secretary"]),
        json!(["admin", "author"]),
        json!(["admin", "director"]),
    ] {
        let res = patch_json(&app, &admin, &path, 1, json!({ "roles": roles })).await;
        res.expect(422);
        assert_eq!(res.problem().errors[0].code, "separation_of_duties");
    }
    let mut new = new_user("quantri2");
    new["roles"] = json!(["admin", "editor"]);
    post_json(&app, &admin, "/api/v1/users", new.clone())
        .await
        .expect(422);
    // Administration with the IT Centre's role is not editorial.
    patch_json(
        &app,
        &admin,
        &path,
        1,
        json!({ "roles": ["admin", "it_centre"] }),
    )
    .await
    .expect(200);
    // A server that allows it.
    let config = portal_server::config::Config {
        allow_admin_with_editorial_roles: true,
        trust_proxy: true,
        ..portal_server::config::Config::default()
    };
    let lenient = TestApp::with_config(config).await;
    let admin = lenient.login("admin").await;
    lenient.reauthenticate(&admin).await;
    post_json(&lenient, &admin, "/api/v1/users", new)
        .await
        .expect(201);
}

#[tokio::test]
async fn roles_and_other_users_passwords_need_the_admins_password_within_five_minutes() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let editor = app.user("editor").clone();
    let path = format!("/api/v1/users/{}", editor.id);
    // Without confirming: refused, nothing changed.
    for body in [
        json!({ "roles": ["author"] }),
        json!({ "password": "Mật khẩu mới 2026" }),
    ] {
        let res = patch_json(&app, &admin, &path, 1, body).await;
        res.expect(403);
        assert!(res.problem().kind.ends_with("/reauthentication-required"));
    }
    post_json(&app, &admin, "/api/v1/users", new_user("author9"))
        .await
        .expect(403);
    // Other fields need no confirmation.
    patch_json(
        &app,
        &admin,
        &path,
        1,
        json!({ "full_name": "Hoàng Minh Đức" }),
    )
    .await
    .expect(200);
    // A wrong password: 422, audited, and the session stays unconfirmed.
    let res = app
        .send(
            Call::new(Method::POST, "/api/v1/session/reauthenticate")
                .cookie(Some(&admin))
                .json(&json!({ "password": "sai mật khẩu" })),
        )
        .await;
    res.expect(422);
    assert_eq!(res.error_fields(), ["password"]);
    patch_json(&app, &admin, &path, 2, json!({ "roles": ["author"] }))
        .await
        .expect(403);
    // Confirmed: roles change, and the audit names them.
    app.reauthenticate(&admin).await;
    patch_json(&app, &admin, &path, 2, json!({ "roles": ["author"] }))
        .await
        .expect(200);
    let details = app
        .db
        .texts("SELECT action || ' ' || outcome || ' ' || coalesce(detail, '') FROM audit_log WHERE action LIKE 'session.reauth%' OR action = 'user.update' ORDER BY id")
        .await;
    let details: Vec<String> = details.into_iter().flatten().collect();
    assert_eq!(
        details,
        [
            "user.update success fields: full_name",
            "session.reauthenticate failure ",
            "session.reauthenticate success ",
            "user.update success fields: roles; roles: author",
        ]
    );
    // Five minutes later the confirmation has lapsed; another session never had it.
    app.clock
        .advance(chrono::Duration::minutes(5) + chrono::Duration::seconds(1));
    patch_json(&app, &admin, &path, 3, json!({ "roles": ["editor"] }))
        .await
        .expect(403);
    let other = app.login("admin").await;
    patch_json(&app, &other, &path, 3, json!({ "roles": ["editor"] }))
        .await
        .expect(403);
}

#[tokio::test]
async fn new_passwords_are_twelve_characters_and_not_common() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    app.reauthenticate(&admin).await;
    let editor = app.user("editor").clone();
    let path = format!("/api/v1/users/{}", editor.id);
    for (password, code) in [
        ("Ngan@2026", "weak"),
        ("123456789012", "common"),
        ("PASSWORD1234", "common"),
        ("1qaz2wsx3edc", "common"),
    ] {
        let res = patch_json(&app, &admin, &path, 1, json!({ "password": password })).await;
        res.expect(422);
        assert_eq!(res.problem().errors[0].code, code, "{password}");
    }
    patch_json(
        &app,
        &admin,
        &path,
        1,
        json!({ "password": "Bảo hiểm xã hội tỉnh 2026" }),
    )
    .await
    .expect(200);
}

#[tokio::test]
async fn a_password_reset_by_the_admin_ends_the_users_sessions() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    app.reauthenticate(&admin).await;
    let editor_cookie = app.login("editor").await;
    let editor = app.user("editor").clone();
    patch_json(
        &app,
        &admin,
        &format!("/api/v1/users/{}", editor.id),
        1,
        json!({ "password": "Moi@2026x mạnh hơn" }),
    )
    .await
    .expect(200);
    app.get("/api/v1/session", Some(&editor_cookie))
        .await
        .expect(401);
    app.send(
        Call::new(Method::POST, "/api/v1/session")
            .json(&json!({ "username": "editor", "password": PASSWORD })),
    )
    .await
    .expect(401);
    app.send(
        Call::new(Method::POST, "/api/v1/session")
            .json(&json!({ "username": "editor", "password": "Moi@2026x mạnh hơn" })),
    )
    .await
    .expect(200);
    let hash = app
        .db
        .texts("SELECT password_hash FROM users WHERE username = 'editor'")
        .await;
    assert!(hash[0]
        .as_deref()
        .is_some_and(|h| h.starts_with("$argon2id$")));
}
