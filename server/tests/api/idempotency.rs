//! `Idempotency-Key`: retried writes happen once.

use crate::common::*;
use axum::http::Method;
use portal_contract::Stage;
use serde_json::json;

fn create(cookie: &str, key: &str, title: &str) -> Call {
    Call::new(Method::POST, "/api/v1/articles")
        .cookie(Some(cookie))
        .header("idempotency-key", key)
        .json(&new_article(title))
}

async fn count_titled(app: &TestApp, title: &str) -> i64 {
    let all = app
        .db
        .texts("SELECT title FROM articles")
        .await
        .into_iter()
        .flatten();
    all.filter(|t| t == title).count() as i64
}

#[tokio::test]
async fn a_retried_create_happens_once_and_gets_the_same_answer() {
    let app = TestApp::new().await;
    let author = app.login("author").await;
    let first = app.send(create(&author, "k-1", "Tin một lần")).await;
    first.expect(201);
    assert_eq!(first.header("idempotent-replayed"), None);
    let again = app.send(create(&author, "k-1", "Tin một lần")).await;
    again.expect(201);
    assert_eq!(again.header("idempotent-replayed").as_deref(), Some("true"));
    assert_eq!(again.body, first.body);
    assert_eq!(again.etag(), first.etag());
    assert_eq!(again.header("content-type"), first.header("content-type"));
    assert_eq!(count_titled(&app, "Tin một lần").await, 1);
    // A quoted key (the structured-field form) is the same key.
    app.send(create(&author, "\"k-1\"", "Tin một lần"))
        .await
        .expect(201);
    assert_eq!(count_titled(&app, "Tin một lần").await, 1);
    // Another key is another write.
    app.send(create(&author, "k-2", "Tin một lần"))
        .await
        .expect(201);
    assert_eq!(count_titled(&app, "Tin một lần").await, 2);
}

#[tokio::test]
async fn keys_belong_to_a_session_and_to_one_request() {
    let app = TestApp::new().await;
    let author = app.login("author").await;
    let editor = app.login("editor").await;
    app.send(create(&author, "shared", "Của tác giả"))
        .await
        .expect(201);
    // The same key from another session is not a replay.
    app.send(create(&editor, "shared", "Của biên tập"))
        .await
        .expect(201);
    assert_eq!(count_titled(&app, "Của biên tập").await, 1);
    // The same key with another body is refused, and writes nothing.
    let other = app.send(create(&author, "shared", "Khác hẳn")).await;
    other.expect(422);
    assert!(other.problem().kind.ends_with("/idempotency-mismatch"));
    assert_eq!(count_titled(&app, "Khác hẳn").await, 0);
    // A malformed key is a 400 naming the header.
    for bad in ["", "có dấu", &"x".repeat(256)] {
        let res = app
            .send(
                Call::new(Method::POST, "/api/v1/articles")
                    .cookie(Some(&author))
                    .header("idempotency-key", bad)
                    .json(&new_article("Khóa hỏng")),
            )
            .await;
        res.expect(400);
        assert_eq!(res.error_fields(), ["Idempotency-Key"]);
    }
    assert_eq!(count_titled(&app, "Khóa hỏng").await, 0);
}

#[tokio::test]
async fn a_replayed_transition_does_not_move_the_article_twice() {
    let app = TestApp::new().await;
    let author = app.login("author").await;
    let a = app.article_at(Stage::Draft, "author").await;
    let send = || {
        app.send(
            Call::new(
                Method::POST,
                &format!("/api/v1/articles/{}/transitions", a.id),
            )
            .cookie(Some(&author))
            .if_match(a.version)
            .header("idempotency-key", "move-once")
            .json(&json!({ "to": "editing" })),
        )
    };
    let first = send().await;
    first.expect(200);
    // Without the key, the stale If-Match would be a 412; with it, the first answer again.
    let again = send().await;
    again.expect(200);
    assert_eq!(again.body, first.body);
    let history = app.store.history(a.id).await.unwrap();
    assert_eq!(history.len(), 2, "created + one transition");
}

#[tokio::test]
async fn a_key_in_flight_or_already_applied_is_never_run_again() {
    use portal_server::store::idempotency::Begun;
    let app = TestApp::new().await;
    let author = app.login("author").await;
    let scope = portal_server::auth::token_hash(author.trim_start_matches("portal_session="));
    let now = app.clock_now();
    let body = serde_json::to_vec(&new_article("Đang chạy")).unwrap();
    let fingerprint =
        portal_server::http::idempotency::fingerprint("POST", "/api/v1/articles", &body);
    // Another attempt holds the key: 409 with Retry-After, nothing written.
    let store = app.store.idempotency();
    let Begun::Fresh(_) = store
        .begin(
            &scope,
            "busy",
            &fingerprint,
            now,
            chrono::Duration::seconds(30),
        )
        .await
        .unwrap()
    else {
        panic!("a new key is fresh");
    };
    let busy = app.send(create(&author, "busy", "Đang chạy")).await;
    busy.expect(409);
    assert_eq!(busy.header("retry-after").as_deref(), Some("1"));
    assert!(busy.problem().kind.ends_with("/idempotency-in-flight"));
    assert_eq!(count_titled(&app, "Đang chạy").await, 0);
    // A write that was committed while its answer was lost (the server died in between):
    // the store marked the key applied in the write's transaction. Simulate that state.
    app.send(create(&author, "lost", "Đã ghi"))
        .await
        .expect(201);
    app.db
        .exec(
            "UPDATE idempotency_keys SET status = NULL, body = NULL WHERE key = 'lost'",
            &[],
        )
        .await
        .unwrap();
    app.clock.advance(chrono::Duration::minutes(1));
    let applied = app.send(create(&author, "lost", "Đã ghi")).await;
    applied.expect(409);
    assert!(applied.problem().kind.ends_with("/idempotency-applied"));
    let location = applied.header("location").expect("where the write went");
    assert!(location.starts_with("/api/v1/articles/"), "{location}");
    app.get(&location, Some(&author)).await.expect(200);
    assert_eq!(count_titled(&app, "Đã ghi").await, 1);
}

#[tokio::test]
async fn an_attempt_that_wrote_nothing_can_be_retried_after_its_lease() {
    use portal_server::store::idempotency::Begun;
    let app = TestApp::new().await;
    let author = app.login("author").await;
    let scope = portal_server::auth::token_hash(author.trim_start_matches("portal_session="));
    // The fingerprint the guard computes for this request.
    let body = serde_json::to_vec(&new_article("Thử lại")).unwrap();
    let fingerprint =
        portal_server::http::idempotency::fingerprint("POST", "/api/v1/articles", &body);
    let begun = app
        .store
        .idempotency()
        .begin(
            &scope,
            "retry",
            &fingerprint,
            app.clock_now(),
            chrono::Duration::seconds(30),
        )
        .await
        .unwrap();
    assert!(matches!(begun, Begun::Fresh(_)));
    app.send(create(&author, "retry", "Thử lại"))
        .await
        .expect(409);
    app.clock.advance(chrono::Duration::seconds(31));
    app.send(create(&author, "retry", "Thử lại"))
        .await
        .expect(201);
    assert_eq!(count_titled(&app, "Thử lại").await, 1);
}

#[tokio::test]
async fn old_keys_are_purged_after_a_day() {
    let app = TestApp::new().await;
    let author = app.login("author").await;
    app.send(create(&author, "old", "Cũ")).await.expect(201);
    let store = app.store.idempotency();
    assert_eq!(store.purge(app.clock_now()).await.unwrap(), 0);
    let later = app.clock_now() + chrono::Duration::hours(25);
    assert_eq!(
        store
            .purge(later - portal_server::http::idempotency::KEEP)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        app.db
            .int("SELECT COUNT(*) FROM idempotency_keys", &[])
            .await,
        0
    );
}

#[tokio::test]
async fn a_forged_or_ended_session_stores_no_key() {
    let app = TestApp::new().await;
    let forged = format!(
        "{}={}",
        portal_server::auth::SESSION_COOKIE,
        "ab".repeat(16)
    );
    for i in 0..5 {
        app.send(create(&forged, &format!("forged-{i}"), "Giả mạo"))
            .await
            .expect(401);
    }
    let author = app.login("author").await;
    app.send(Call::new(Method::DELETE, "/api/v1/session").cookie(Some(&author)))
        .await
        .expect(204);
    app.send(create(&author, "after-logout", "Sau khi đăng xuất"))
        .await
        .expect(401);
    assert_eq!(
        app.db
            .int("SELECT COUNT(*) FROM idempotency_keys", &[])
            .await,
        0,
        "nothing stored for a session that does not open"
    );
    assert_eq!(count_titled(&app, "Giả mạo").await, 0);
}
