//! Databases made by the previous version (only `0001` applied) open and migrate: plain-text
//! bodies become blocks, and every new table and column is filled in.

use portal_contract::{Block, Stage};
use portal_server::admin::AdminStore as _;
use portal_server::articles::ArticleStore as _;
use portal_server::session::SessionStore as _;
use portal_server::store::{ArticleQuery, SqliteStore};
use sqlx::SqlitePool;

/// A database file (in the returned folder, at the returned URL) with the migrations up to
/// `version` applied.
async fn old_database(version: i64) -> (tempfile::TempDir, String, SqlitePool) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("portal.db").display());
    let old = SqliteStore::open_at_version(&url, version).await.unwrap();
    (dir, url, old)
}

/// Inserts a user `(username, full name, roles as JSON, password hash)` as an old version did.
async fn insert_user(
    old: &SqlitePool,
    (username, full_name, roles, hash): (&str, &str, &str, &str),
    at: &str,
) {
    sqlx::query(
        "INSERT INTO users (username, full_name, roles, password_hash, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(username)
    .bind(full_name)
    .bind(roles)
    .bind(hash)
    .bind(at)
    .bind(at)
    .execute(old)
    .await
    .unwrap();
}

#[tokio::test]
async fn a_0001_database_with_plain_text_bodies_migrates_to_blocks() {
    let (_dir, url, old) = old_database(1).await;
    let at = "2025-12-01T08:00:00.000000Z";
    insert_user(&old, ("bich", "Lê Thị Bích", "[\"editor\"]", "x"), at).await;
    let insert = |title: &str, body: &str, stage: &str| {
        sqlx::query(
            "INSERT INTO articles (title, lead, body, section, topics, kind, authors, source, \
             channels, language, model_example, stage, created_by, created_at, updated_at, \
             stage_changed_at, version, search_folded, title_folded) VALUES \
             (?, 'Sapo', ?, 'Tin', '[\"bhyt\"]', 'news', '[]', '', '[]', 'vi', 0, ?, 1, ?, ?, ?, \
             2, '', '')",
        )
        .bind(title.to_string())
        .bind(body.to_string())
        .bind(stage.to_string())
        .bind(at)
        .bind(at)
        .bind(at)
    };
    insert(
        "Gia hạn thẻ bảo hiểm y tế",
        "  Đoạn một.\n\nĐoạn hai\ncòn dòng nữa.\r\n\r\n\r\n  Đoạn ba \n",
        "published",
    )
    .execute(&old)
    .await
    .unwrap();
    insert("Bản nháp trống", "", "draft")
        .execute(&old)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO article_history (article_id, at, actor_id, actor_name, action, from_stage, \
         to_stage, comment, version) VALUES (1, ?, 1, 'Lê Thị Bích', 'return', 'editing', \
         'draft', 'Bổ sung số liệu', 2)",
    )
    .bind(at)
    .execute(&old)
    .await
    .unwrap();
    old.close().await;

    let store = SqliteStore::open(&url).await.unwrap();
    let a = store.article(1).await.unwrap().unwrap();
    assert_eq!(
        a.body,
        [
            Block::paragraph("Đoạn một."),
            Block::paragraph("Đoạn hai\ncòn dòng nữa."),
            Block::paragraph("Đoạn ba"),
        ]
    );
    assert!(a.checks.is_empty());
    assert_eq!(
        (a.updated_by, a.updated_by_name.as_str()),
        (1, "Lê Thị Bích")
    );
    let empty = store.article(2).await.unwrap().unwrap();
    assert!(empty.body.is_empty());
    assert_eq!(empty.updated_by, 1, "no history: the creator");

    // The current version is kept, the transition comment is in the discussion.
    let v = store.article_version(1, 2).await.unwrap().unwrap();
    assert_eq!(
        (v.body.clone(), v.stage),
        (a.body.clone(), Stage::Published)
    );
    let comments = store.comments(1).await.unwrap();
    assert_eq!(comments.len(), 1);
    assert_eq!(comments[0].action.as_deref(), Some("return"));
    assert_eq!(comments[0].text, "Bổ sung số liệu");

    // Checklist counts and the search index are filled in on open.
    let list = store.list_articles(&ArticleQuery::default()).await.unwrap();
    let s = list.items.iter().find(|s| s.id == 1).unwrap();
    let settings = portal_contract::ChecklistSettings::default();
    assert_eq!(
        s.checklist_failing,
        portal_contract::checklist::evaluate(&a, &settings).failing
    );
    assert!(s.checklist_failing > 0);
    assert_eq!(s.comment_count, 1);
    let hits = store
        .search_published(&["con".into(), "dong".into()], 1, 10)
        .await
        .unwrap();
    assert_eq!(hits.items.iter().map(|h| h.id).collect::<Vec<_>>(), [1]);
    let (cards, cursor) = store.board(None).await.unwrap();
    assert_eq!((cards.len(), cursor), (2, 2));
    store.system_user().await.unwrap();
    assert_eq!(
        store.count_users().await.unwrap(),
        1,
        "the system user is not counted"
    );
    store.close().await;

    // Opening again changes nothing.
    let again = SqliteStore::open(&url).await.unwrap();
    assert_eq!(again.article(1).await.unwrap().unwrap().body, a.body);
}

/// A person called `system` before 0002 keeps their account, renamed, and is not taken for
/// the server's own actor of scheduled publishing.
#[tokio::test]
async fn a_person_named_system_is_renamed_not_taken_for_the_system_user() {
    let (_dir, url, old) = old_database(1).await;
    let at = "2025-12-01T08:00:00.000000Z";
    let hash = crate::common::password_hash();
    let system = (
        "System",
        "Quản trị hệ thống cũ",
        "[\"admin\"]",
        hash.as_str(),
    );
    insert_user(&old, system, at).await;
    old.close().await;

    let store = SqliteStore::open(&url).await.unwrap();
    let system = store.system_user().await.unwrap();
    assert_eq!(system.username, "system");
    assert!(!system.active && system.roles.is_empty());
    let (person, _) = store
        .user_credentials("system.1")
        .await
        .unwrap()
        .expect("renamed, not lost");
    assert_eq!(person.id, 1);
    assert!(person.active);
    assert_ne!(person.id, system.id);
    let listed = store.list_users(1, 50).await.unwrap();
    assert_eq!(
        listed.items.iter().map(|u| u.id).collect::<Vec<_>>(),
        [1],
        "the person is listed, the system user is not"
    );
    store.close().await;

    // A database already past 0002 with the real system user is left as it is.
    let store = SqliteStore::open(&url).await.unwrap();
    assert_eq!(store.system_user().await.unwrap().id, system.id);
    store.close().await;
}

#[tokio::test]
async fn an_online_backup_is_a_complete_copy_of_an_open_database() {
    use portal_server::store::SqliteStore;
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("portal.db").display());
    let store = SqliteStore::open(&url).await.unwrap();
    let state = portal_server::AppState::new(
        std::sync::Arc::new(store.clone()),
        portal_server::config::Config::default(),
    );
    portal_server::demo::seed_if_empty(&state, 30)
        .await
        .unwrap()
        .expect("seeded");
    let before = store.list_articles(&ArticleQuery::default()).await.unwrap();
    let backup = dir.path().join("backup.db");
    store.backup_to(&backup).await.unwrap();
    // Refuses to overwrite.
    assert!(store.backup_to(&backup).await.is_err());
    let copy = SqliteStore::open(&format!("sqlite://{}", backup.display()))
        .await
        .unwrap();
    let after = copy.list_articles(&ArticleQuery::default()).await.unwrap();
    assert_eq!(after.total, before.total);
    assert_eq!(after.items, before.items);
    assert_eq!(
        copy.count_users().await.unwrap(),
        store.count_users().await.unwrap()
    );
    copy.close().await;
    store.close().await;
}

/// `0010` rebuilds the sessions table with numbers: sessions live before the upgrade stay live
/// and get one.
#[tokio::test]
async fn sessions_from_before_0010_survive_with_a_number() {
    let (_dir, url, old) = old_database(9).await;
    let at = "2026-02-16T01:30:00.000000Z";
    insert_user(&old, ("bich", "Lê Thị Bích", "[\"editor\"]", "x"), at).await;
    for (hash, idle) in [
        ("aa", "2026-02-16T02:00:00.000000Z"),
        ("bb", "2026-02-16T02:05:00.000000Z"),
    ] {
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, created_at, idle_expires_at, \
             absolute_expires_at) SELECT ?, id, ?, ?, '2026-02-16T13:30:00.000000Z' FROM users \
             WHERE username = 'bich'",
        )
        .bind(hash)
        .bind(at)
        .bind(idle)
        .execute(&old)
        .await
        .unwrap();
    }
    old.close().await;

    let store = SqliteStore::open(&url).await.unwrap();
    let (session, user) = store.session("aa").await.unwrap().expect("kept");
    assert_eq!(user.username, "bich");
    assert!(session.id > 0);
    let now = chrono::DateTime::parse_from_rfc3339("2026-02-16T01:45:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let live = store.list_sessions(now, 1, 20).await.unwrap();
    assert_eq!(live.total, 2);
    assert_eq!(live.items[0].full_name, "Lê Thị Bích");
    let ids: Vec<i64> = live.items.iter().map(|s| s.id).collect();
    assert_ne!(ids[0], ids[1]);
    // A duplicate token hash is still impossible.
    assert!(sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, idle_expires_at, \
         absolute_expires_at) VALUES ('aa', 1, 'x', 'x', 'x')"
    )
    .execute(store.pool())
    .await
    .is_err());
}
