//! The audit log and article history are append-only, down to the database.

use crate::common::*;
use axum::http::Method;
use portal_contract::{AuditEntry, Page, Stage};
use portal_server::admin::AdminStore as _;
use serde_json::json;

#[tokio::test]
async fn mutations_are_audited_and_listed_newest_first() {
    let app = TestApp::new().await;
    let author = app.login("author").await;
    let res = create_article(&app, &author, new_article("Tin")).await;
    let id = res.json()["id"].as_i64().unwrap();
    patch_json(
        &app,
        &author,
        &format!("/api/v1/articles/{id}"),
        1,
        json!({ "lead": "Sapo", "title": "Tin mới" }),
    )
    .await
    .expect(200);
    app.send(
        Call::new(Method::POST, &format!("/api/v1/articles/{id}/transitions"))
            .cookie(Some(&author))
            .if_match(2)
            .json(&json!({ "to": "editing" })),
    )
    .await
    .expect(200);
    let admin = app.login("admin").await;
    app.reauthenticate(&admin).await;
    let mai = json!({
        "username": "mai", "full_name": "Trần Thị Mai", "roles": ["author"], "password": "Secret123 Mai"
    });
    let mai = post_json(&app, &admin, "/api/v1/users", mai).await;
    mai.expect(201);
    let mai_id = mai.json()["id"].as_i64().unwrap();

    let res = app.get("/api/v1/audit?per_page=200", Some(&admin)).await;
    res.expect(200);
    let page: Page<AuditEntry> = serde_json::from_slice(&res.body).unwrap();
    let lines: Vec<(&str, Option<&str>, &str)> = page
        .items
        .iter()
        .map(|e| {
            (
                e.action.as_str(),
                e.target.as_deref(),
                e.actor_name.as_str(),
            )
        })
        .collect();
    let article = format!("article:{id}");
    assert_eq!(
        lines,
        [
            (
                "user.create",
                Some(format!("user:{mai_id}").as_str()),
                "admin"
            ),
            (
                "session.reauthenticate",
                Some(format!("user:{}", app.user("admin").id).as_str()),
                "admin"
            ),
            (
                "login",
                Some(format!("user:{}", app.user("admin").id).as_str()),
                "admin"
            ),
            ("article.transition", Some(article.as_str()), "author"),
            ("article.update", Some(article.as_str()), "author"),
            ("article.create", Some(article.as_str()), "author"),
            (
                "login",
                Some(format!("user:{}", app.user("author").id).as_str()),
                "author"
            ),
        ]
    );
    assert_eq!(
        page.items[3].detail.as_deref(),
        Some("submit: draft → editing")
    );
    assert_eq!(page.items[4].detail.as_deref(), Some("fields: lead, title"));
    assert!(page.items.iter().all(|e| e.outcome == "success"));
    assert!(page.items.windows(2).all(|w| w[0].id > w[1].id));
    let text = String::from_utf8_lossy(&res.body);
    assert!(!text.contains("Secret123") && !text.contains("argon2"));

    let res = app
        .get("/api/v1/audit?page=2&per_page=4", Some(&admin))
        .await;
    res.expect(200);
    let second: Page<AuditEntry> = serde_json::from_slice(&res.body).unwrap();
    assert_eq!((second.total, second.page, second.per_page), (7, 2, 4));
    let ids: Vec<i64> = second.items.iter().map(|e| e.id).collect();
    assert_eq!(ids, [page.items[4].id, page.items[5].id, page.items[6].id]);
}

#[tokio::test]
async fn audit_rows_cannot_be_changed_or_deleted() {
    let app = TestApp::new().await;
    app.login("editor").await;
    let n: i64 = app.db.int("SELECT COUNT(*) FROM audit_log", &[]).await;
    assert_eq!(n, 1);
    let update = app
        .db
        .exec("UPDATE audit_log SET outcome = 'failure'", &[])
        .await;
    assert!(update.unwrap_err().to_string().contains("append-only"));
    let delete = app.db.exec("DELETE FROM audit_log", &[]).await;
    assert!(delete.unwrap_err().to_string().contains("append-only"));
    let outcome = app.db.texts("SELECT outcome FROM audit_log").await;
    assert_eq!(outcome, [Some("success".to_string())]);
}

#[tokio::test]
async fn history_rows_cannot_be_changed_or_deleted() {
    let app = TestApp::new().await;
    let a = app.article_at(Stage::Draft, "author").await;
    let update = app
        .db
        .exec("UPDATE article_history SET comment = 'sửa lén'", &[])
        .await;
    assert!(update.unwrap_err().to_string().contains("append-only"));
    let delete = app
        .db
        .exec("DELETE FROM article_history WHERE article_id = ?", &[a.id])
        .await;
    assert!(delete.unwrap_err().to_string().contains("append-only"));
    // Nor can the article go while it has history.
    assert!(app.db.exec("DELETE FROM articles", &[]).await.is_err());
    let n: i64 = app
        .db
        .int("SELECT COUNT(*) FROM article_history", &[])
        .await;
    assert_eq!(n, 1);
}

#[tokio::test]
async fn a_failed_write_leaves_nothing_half_written() {
    use portal_server::store::{NewAudit, NewHistory, StoreError};
    let app = TestApp::new().await;
    let a = app.article_at(Stage::Draft, "author").await;
    let author = app.user("author").clone();
    let now = app.clock_now();
    let mut next = a.clone();
    next.title = "Đổi tên".into();
    next.version = 2;
    // A history line naming a user that does not exist breaks the foreign key after the
    // article row was already updated inside the transaction.
    let history = NewHistory {
        at: now,
        actor_id: 424242,
        actor_name: "?".into(),
        action: "update".into(),
        from_stage: None,
        to_stage: None,
        comment: None,
        version: 2,
    };
    let audit = NewAudit::success(now, &author, "article.update", None, None);
    let err = app.store.update_article(&next, 1, history, audit).await;
    assert!(matches!(err, Err(StoreError::Internal(_))), "{err:?}");
    let stored = app.store.article(a.id).await.unwrap().unwrap();
    assert_eq!(stored, a);
    let audits: i64 = app
        .db
        .int(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'article.update'",
            &[],
        )
        .await;
    assert_eq!(audits, 0);
}

#[tokio::test]
async fn the_file_database_is_created_in_wal_mode_with_full_sync() {
    use portal_server::store::{SqliteStore, Store};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub").join("portal.db");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let url = format!("sqlite://{}", path.display());
    let store = SqliteStore::open(&url).await.unwrap();
    assert!(path.exists());
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(sync, 2, "FULL");
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(fk, 1);
    assert_eq!(store.count_users().await.unwrap(), 0);
    store.close().await;
    // Opening again migrates nothing twice.
    let again = SqliteStore::open(&url).await.unwrap();
    assert_eq!(again.backend(), "sqlite");
    again.close().await;
}

#[tokio::test]
async fn a_lost_race_is_a_version_mismatch_and_writes_nothing() {
    use portal_server::store::{NewAudit, NewHistory, StoreError};
    let app = TestApp::new().await;
    let a = app.article_at(Stage::Review, "author").await;
    let editor = app.user("editor").clone();
    let now = app.clock_now();
    let write = |title: &str, expected: i64| {
        let mut next = a.clone();
        next.title = title.to_string();
        next.version = expected + 1;
        let history = NewHistory {
            at: now,
            actor_id: editor.id,
            actor_name: editor.full_name.clone(),
            action: "update".into(),
            from_stage: None,
            to_stage: None,
            comment: None,
            version: expected + 1,
        };
        let audit = NewAudit::success(now, &editor, "article.update", None, None);
        (next, history, audit)
    };
    let (next, h, au) = write("Bản của người thứ nhất", 1);
    app.store.update_article(&next, 1, h, au).await.unwrap();
    // The second writer read version 1 too.
    let (next, h, au) = write("Bản của người thứ hai", 1);
    let err = app.store.update_article(&next, 1, h, au).await;
    assert!(matches!(err, Err(StoreError::VersionMismatch)), "{err:?}");
    let stored = app.store.article(a.id).await.unwrap().unwrap();
    assert_eq!(stored.title, "Bản của người thứ nhất");
    assert_eq!(stored.version, 2);
    assert_eq!(app.store.history(a.id).await.unwrap().len(), 2);
    let mut gone = next.clone();
    gone.id = 999_999;
    let (_, h, au) = write("x", 1);
    assert!(matches!(
        app.store.update_article(&gone, 1, h, au).await,
        Err(StoreError::NotFound)
    ));
}
