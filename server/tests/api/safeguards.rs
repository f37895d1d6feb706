//! What a second reading of the editorial workflow found: the public side during a removal
//! request, the system user, manual checks ticked by authors, a scheduler that survives a bad
//! article, and hostile input on every new endpoint.

use crate::common::*;
use axum::http::Method;
use chrono::Duration;
use portal_contract::{Article, Block, Page, PublicArticle, SearchHit, Stage, User};
use portal_server::admin::AdminStore as _;
use portal_server::articles::ArticleStore as _;
use portal_server::publish_due;
use serde_json::json;

fn public_ids(res: &Resp) -> Vec<i64> {
    res.expect(200);
    let page: Page<PublicArticle> = serde_json::from_slice(&res.body).unwrap();
    assert_eq!(page.total as usize, page.items.len());
    page.items.iter().map(|a| a.id).collect()
}

async fn search_ids(app: &TestApp, q: &str) -> Vec<i64> {
    let res = app.get(&format!("/api/v1/public/search?q={q}"), None).await;
    res.expect(200);
    let page: Page<SearchHit> = serde_json::from_slice(&res.body).unwrap();
    assert_eq!(page.total as usize, page.items.len());
    page.items.iter().map(|h| h.id).collect()
}

#[tokio::test]
async fn a_removal_request_keeps_the_article_public_until_the_chief_editor_approves_it() {
    let app = TestApp::new().await;
    let chief = app.login("chief").await;
    let editor = app.login("editor").await;
    let a = app.article_at(Stage::PendingApproval, "author").await;
    patch(
        &app,
        &chief,
        a.id,
        1,
        json!({ "body": [Block::paragraph("Hướng dẫn gia hạn thẻ bảo hiểm y tế qua VssID. ".repeat(8))] }),
    )
    .await
    .expect(200);
    transition(&app, &chief, a.id, 2, Stage::Approved, None)
        .await
        .expect(200);
    transition(&app, &chief, a.id, 3, Stage::Published, None)
        .await
        .expect(200);
    assert_eq!(search_ids(&app, "gia%20han").await, [a.id]);

    // Requested, not yet approved: readers still find it everywhere.
    transition(
        &app,
        &editor,
        a.id,
        4,
        Stage::RemovalRequested,
        Some("Số liệu cũ"),
    )
    .await
    .expect(200);
    assert_eq!(
        public_ids(&app.get("/api/v1/public/articles", None).await),
        [a.id]
    );
    app.get(&format!("/api/v1/public/articles/{}", a.id), None)
        .await
        .expect(200);
    assert_eq!(search_ids(&app, "gia%20han").await, [a.id]);

    // An edit while the request waits is a revision: the index keeps the approved text.
    patch(
        &app,
        &editor,
        a.id,
        5,
        json!({ "body": [Block::paragraph("Hướng dẫn đổi thẻ bảo hiểm y tế trên VssID. ".repeat(6))] }),
    )
    .await
    .expect(200);
    assert_eq!(search_ids(&app, "gia%20han").await, [a.id]);
    assert!(search_ids(&app, "doi%20the").await.is_empty());

    // Refused: still public. Requested again and approved: gone from list, page and search.
    transition(
        &app,
        &chief,
        a.id,
        6,
        Stage::Published,
        Some("Số liệu vẫn đúng"),
    )
    .await
    .expect(200);
    assert_eq!(search_ids(&app, "gia%20han").await, [a.id]);
    transition(
        &app,
        &editor,
        a.id,
        7,
        Stage::RemovalRequested,
        Some("Đã có bài mới"),
    )
    .await
    .expect(200);
    transition(&app, &chief, a.id, 8, Stage::Removed, Some("Đồng ý gỡ"))
        .await
        .expect(200);
    assert!(public_ids(&app.get("/api/v1/public/articles", None).await).is_empty());
    app.get(&format!("/api/v1/public/articles/{}", a.id), None)
        .await
        .expect(404);
    assert!(search_ids(&app, "gia%20han").await.is_empty());
    assert!(search_ids(&app, "vssid").await.is_empty());
}

#[tokio::test]
async fn opening_the_store_repairs_an_index_that_disagrees_with_the_public_stages() {
    use portal_server::store::{NewAudit, NewHistory, SqliteStore};
    let app = TestApp::new().await;
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("portal.db").display());
    let store = SqliteStore::open(&url).await.unwrap();
    let system = store.system_user().await.unwrap();
    let mut ids = Vec::new();
    for stage in [Stage::RemovalRequested, Stage::Removed] {
        let mut a = app.article_at(stage, "author").await;
        a.created_by = system.id;
        a.updated_by = system.id;
        a.authors.clear();
        let history = NewHistory {
            at: a.created_at,
            actor_id: system.id,
            actor_name: system.full_name.clone(),
            action: "create".into(),
            from_stage: None,
            to_stage: Some(stage),
            comment: None,
            version: 1,
        };
        let audit = NewAudit::success(a.created_at, &system, "article.create", None, None);
        ids.push(store.create_article(&a, history, audit).await.unwrap().id);
    }
    let (waiting, removed) = (ids[0], ids[1]);
    // As an older build left it: the waiting article out of the index, the removed one in.
    sqlx::query("DELETE FROM article_search WHERE rowid = ?")
        .bind(waiting)
        .execute(store.pool())
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO article_search (rowid, title, lead, body) VALUES (?, 'go', 'go', 'go')",
    )
    .bind(removed)
    .execute(store.pool())
    .await
    .unwrap();
    store.close().await;

    let reopened = SqliteStore::open(&url).await.unwrap();
    let indexed: Vec<i64> = sqlx::query_scalar("SELECT rowid FROM article_search ORDER BY rowid")
        .fetch_all(reopened.pool())
        .await
        .unwrap();
    assert_eq!(indexed, [waiting]);
    reopened.close().await;
}

#[tokio::test]
async fn the_system_user_cannot_be_changed_or_used_to_log_in() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let system = app.store.system_user().await.unwrap();
    let path = format!("/api/v1/users/{}", system.id);
    for body in [
        json!({ "active": true }),
        json!({ "password": "MatKhau2026" }),
        json!({ "roles": ["admin"] }),
        json!({ "full_name": "Quản trị" }),
        json!({}),
    ] {
        let res = app
            .send(
                Call::new(Method::PATCH, &path)
                    .cookie(Some(&admin))
                    .if_match(system.version)
                    .json(&body),
            )
            .await;
        res.expect(403);
        let detail = res.problem().detail.unwrap_or_default();
        assert!(detail.contains("tài khoản hệ thống"), "{detail}");
    }
    let after = app.store.system_user().await.unwrap();
    assert_eq!(after.version, system.version);
    assert!(!after.active && after.roles.is_empty());
    // Not even with the If-Match left out or a stale one.
    app.send(
        Call::new(Method::PATCH, &path)
            .cookie(Some(&admin))
            .json(&json!({ "active": true })),
    )
    .await
    .expect(403);

    // Were the row ever made active with a known password, it still never logs in.
    app.db
        .exec(
            &format!(
                "UPDATE users SET active = TRUE, password_hash = '{}', roles = '[\"admin\"]' \
                 WHERE id = ?",
                password_hash()
            ),
            &[system.id],
        )
        .await
        .unwrap();
    for name in ["system", "SYSTEM"] {
        app.send(Call::new(Method::POST, "/api/v1/session").json(&json!({
            "username": name, "password": PASSWORD
        })))
        .await
        .expect(401);
    }
    // Nor is it listed.
    let res = app.get("/api/v1/users?per_page=200", Some(&admin)).await;
    res.expect(200);
    let users: Page<User> = serde_json::from_slice(&res.body).unwrap();
    assert!(users.items.iter().all(|u| u.id != system.id));
}

#[tokio::test]
async fn authors_cannot_tick_the_editors_manual_checks() {
    let app = TestApp::new().await;
    let author = app.login("author").await;
    let editor = app.login("editor").await;
    let res = create_article(&app, &author, new_article("Bài của tác giả")).await;
    res.expect(201);
    let a: Article = serde_json::from_slice(&res.body).unwrap();
    let res = patch(
        &app,
        &author,
        a.id,
        1,
        json!({ "checks": ["spelling", "facts_verified"] }),
    )
    .await;
    res.expect(403);
    assert!(res
        .problem()
        .detail
        .unwrap_or_default()
        .contains("biên tập viên"));
    // An unchanged list (a client saving the whole form) is fine.
    patch(
        &app,
        &author,
        a.id,
        1,
        json!({ "checks": [], "lead": "Sapo mới." }),
    )
    .await
    .expect(200);
    // Editors tick them.
    transition(&app, &author, a.id, 2, Stage::Editing, None)
        .await
        .expect(200);
    patch(&app, &editor, a.id, 3, json!({ "checks": ["spelling"] }))
        .await
        .expect(200);
}

#[tokio::test]
async fn one_article_that_cannot_be_published_does_not_stop_the_others() {
    let app = TestApp::new().await;
    let chief = app.login("chief").await;
    let mut ids = Vec::new();
    for _ in 0..3 {
        let a = app.article_at(Stage::PendingApproval, "author").await;
        let at = app.clock_now() + Duration::minutes(5);
        patch(&app, &chief, a.id, 1, json!({ "scheduled_at": at }))
            .await
            .expect(200);
        transition(&app, &chief, a.id, 2, Stage::Approved, None)
            .await
            .expect(200);
        ids.push(a.id);
    }
    // The first one due cannot be written (a broken row, a full disk for that page…).
    let refuse = if app.db.is_postgres() {
        app.db
            .exec(
                "CREATE FUNCTION refuse_one() RETURNS trigger LANGUAGE plpgsql AS \
                 $$ BEGIN RAISE EXCEPTION 'disk I/O error'; END $$",
                &[],
            )
            .await
            .unwrap();
        format!(
            "CREATE TRIGGER refuse_one BEFORE UPDATE ON articles FOR EACH ROW \
             WHEN (OLD.id = {}) EXECUTE FUNCTION refuse_one()",
            ids[0]
        )
    } else {
        format!(
            "CREATE TRIGGER refuse_one BEFORE UPDATE ON articles WHEN OLD.id = {} \
             BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END",
            ids[0]
        )
    };
    app.db.exec(&refuse, &[]).await.unwrap();
    app.clock.advance(Duration::minutes(5));
    assert_eq!(publish_due(&app.state).await.unwrap(), 2);
    let stages: Vec<Stage> = {
        let mut v = Vec::new();
        for id in &ids {
            v.push(app.store.article(*id).await.unwrap().unwrap().stage);
        }
        v
    };
    assert_eq!(
        stages,
        [Stage::Approved, Stage::Published, Stage::Published]
    );
    // Nothing half-written for the one that failed: no history, version, comment or audit.
    let versions: i64 = app
        .db
        .int(
            "SELECT COUNT(*) FROM article_versions WHERE article_id = ?",
            &[ids[0]],
        )
        .await;
    assert_eq!(versions, 3);
    let audits: i64 = app
        .db
        .int(
            &format!(
                "SELECT COUNT(*) FROM audit_log \
                 WHERE action = 'article.publish_scheduled' AND target = 'article:{}'",
                ids[0]
            ),
            &[],
        )
        .await;
    assert_eq!(audits, 0);
    // Once it can be written, the next pass publishes it, and only it.
    let drop = if app.db.is_postgres() {
        "DROP TRIGGER refuse_one ON articles"
    } else {
        "DROP TRIGGER refuse_one"
    };
    app.db.exec(drop, &[]).await.unwrap();
    assert_eq!(publish_due(&app.state).await.unwrap(), 1);
    assert_eq!(publish_due(&app.state).await.unwrap(), 0);
}

/// Every new endpoint, fed garbage: always a problem+json 4xx, never a 5xx.
#[tokio::test]
async fn hostile_input_on_the_new_endpoints_is_a_4xx_problem() {
    let app = TestApp::new().await;
    let editor = app.login("editor").await;
    let a = app.article_at(Stage::Editing, "author").await;
    let id = a.id;
    let mut calls: Vec<(String, Call)> = Vec::new();
    let huge = vec![b'a'; 2 * 1024 * 1024];
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    for path in [
        format!("/api/v1/articles/{id}/comments"),
        format!("/api/v1/articles/{id}/transitions"),
        format!("/api/v1/articles/{id}"),
    ] {
        let method = if path.ends_with(&id.to_string()) {
            Method::PATCH
        } else {
            Method::POST
        };
        let bodies: Vec<(Option<&str>, Vec<u8>)> = vec![
            (Some("application/json"), b"{".to_vec()),
            (Some("application/json"), b"".to_vec()),
            (Some("application/json"), b"null".to_vec()),
            (Some("application/json"), b"[]".to_vec()),
            (
                Some("application/json"),
                br#"{"text": 5, "to": 7, "title": []}"#.to_vec(),
            ),
            (
                Some("application/json"),
                br#"{"text": "x", "extra": 1}"#.to_vec(),
            ),
            (
                Some("application/json"),
                br#"{"to": "published\u0000"}"#.to_vec(),
            ),
            (Some("application/json"), b"\xff\xfe{}".to_vec()),
            (Some("application/json"), deep.clone().into_bytes()),
            (Some("text/plain"), br#"{"text": "x"}"#.to_vec()),
            (None, br#"{"text": "x"}"#.to_vec()),
            (Some("application/json"), huge.clone()),
        ];
        for (ct, bytes) in bodies {
            calls.push((
                format!("{method} {path} {:?} {}B", ct, bytes.len()),
                Call::new(method.clone(), &path)
                    .cookie(Some(&editor))
                    .if_match(a.version)
                    .raw(ct, bytes),
            ));
        }
    }
    for path in [
        "/api/v1/articles/0/comments".to_string(),
        "/api/v1/articles/-1/comments".to_string(),
        "/api/v1/articles/99999999999999999999/comments".to_string(),
        "/api/v1/articles/1e3/comments".to_string(),
        format!("/api/v1/articles/{id}/versions/0"),
        format!("/api/v1/articles/{id}/versions/-1"),
        format!("/api/v1/articles/{id}/versions/x"),
        format!("/api/v1/articles/{id}/versions/9223372036854775808"),
        format!("/api/v1/articles/{id}/versions/9223372036854775807"),
        "/api/v1/articles/abc/versions/1".to_string(),
        "/api/v1/changes".to_string(),
        "/api/v1/changes?since=".to_string(),
        "/api/v1/changes?since=v1.9223372036854775807".to_string(),
        "/api/v1/changes?since=v1.99999999999999999999".to_string(),
        "/api/v1/changes?since=v1.1&since=v1.2".to_string(),
        "/api/v1/changes?since=%FF%FE".to_string(),
        format!("/api/v1/changes?since={}", "9".repeat(5000)),
        "/api/v1/changes?since=v1.0&limit=5".to_string(),
        "/api/v1/public/search".to_string(),
        "/api/v1/public/search?q=".to_string(),
        "/api/v1/public/search?q=%22%2A%22".to_string(),
        format!("/api/v1/public/search?q={}", "a".repeat(201)),
        "/api/v1/public/search?q=a&q=b".to_string(),
        "/api/v1/public/search?q=a&page=0".to_string(),
        "/api/v1/public/search?q=a&page=99999999999".to_string(),
        "/api/v1/public/search?q=a&per_page=201".to_string(),
        "/api/v1/public/search?q=%FF".to_string(),
        "/api/v1/public/articles?page=-1".to_string(),
        "/api/v1/public/articles/0".to_string(),
        "/api/v1/public/articles/9223372036854775808".to_string(),
    ] {
        calls.push((
            format!("GET {path}"),
            Call::new(Method::GET, &path).cookie(Some(&editor)),
        ));
    }
    for (name, call) in calls {
        let res = app.send(call).await;
        let status = res.status.as_u16();
        assert!((400..500).contains(&status), "{name}: {status}");
        assert_eq!(
            res.header("content-type").as_deref(),
            Some("application/problem+json"),
            "{name}"
        );
    }
    // Nothing got through.
    let now = app.store.article(id).await.unwrap().unwrap();
    assert_eq!(now.version, a.version);
    assert!(app.store.comments(id).await.unwrap().is_empty());
}

/// Many writers on a real file (several connections) while a board polls: following the
/// cursors, the poller ends with every article in its final state; no change slips between
/// two cursors.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_changes_feed_misses_nothing_under_concurrent_writes() {
    use portal_server::store::{NewAudit, NewCommentRecord, NewHistory, SqliteStore};
    use std::collections::HashMap;
    use std::sync::Arc;
    let app = TestApp::new().await;
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("portal.db").display());
    let store = Arc::new(SqliteStore::open(&url).await.unwrap());
    let system = store.system_user().await.unwrap();
    let mut ids = Vec::new();
    for _ in 0..4 {
        let mut a = app.article_at(Stage::Editing, "author").await;
        a.created_by = system.id;
        a.updated_by = system.id;
        a.authors.clear();
        let history = NewHistory {
            at: a.created_at,
            actor_id: system.id,
            actor_name: system.full_name.clone(),
            action: "create".into(),
            from_stage: None,
            to_stage: Some(Stage::Editing),
            comment: None,
            version: 1,
        };
        let audit = NewAudit::success(a.created_at, &system, "article.create", None, None);
        ids.push(store.create_article(&a, history, audit).await.unwrap().id);
    }
    let (_, start) = store.board(None).await.unwrap();

    let mut writers = Vec::new();
    for w in 0..8 {
        let (store, system, ids) = (store.clone(), system.clone(), ids.clone());
        writers.push(tokio::spawn(async move {
            for n in 0..10 {
                let id = ids[(w + n) % ids.len()];
                let at = chrono::Utc::now();
                let record = NewCommentRecord {
                    at,
                    author_id: system.id,
                    author_name: system.full_name.clone(),
                    text: format!("ý kiến {w}.{n}"),
                };
                let audit = NewAudit::success(at, &system, "article.comment", None, None);
                store.add_comment(id, &record, audit).await.unwrap();
            }
        }));
    }
    let poller = {
        let store = store.clone();
        tokio::spawn(async move {
            let mut cursor = start;
            let mut seen: HashMap<i64, u32> = HashMap::new();
            let mut last_round = false;
            loop {
                let done = last_round;
                let page = store.changes_since(cursor, None, 3).await.unwrap().unwrap();
                assert!(page.cursor >= cursor, "the cursor never goes back");
                cursor = page.cursor;
                for card in page.items {
                    seen.insert(card.id, card.comment_count);
                }
                if done && !page.more {
                    return seen;
                }
                last_round = STOP.load(std::sync::atomic::Ordering::SeqCst);
                tokio::task::yield_now().await;
            }
        })
    };
    static STOP: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    for w in writers {
        w.await.unwrap();
    }
    STOP.store(true, std::sync::atomic::Ordering::SeqCst);
    let seen = poller.await.unwrap();
    let (cards, _) = store.board(None).await.unwrap();
    let finals: HashMap<i64, u32> = cards.iter().map(|c| (c.id, c.comment_count)).collect();
    assert_eq!(finals.values().sum::<u32>(), 80);
    assert_eq!(seen, finals);
    store.close().await;
}
