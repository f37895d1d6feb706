//! The editorial workflow's resources: checks, versions, the discussion, the board and its
//! changes feed, scheduled publishing, and what reaches the database.

use crate::common::*;
use axum::http::Method;
use chrono::Duration;
use portal_contract::{
    ArticleSummary, Block, Board, Changes, Comment, HistoryEntry, Page, Span, Stage,
};
use portal_server::publish_due;
use serde_json::json;

/// Schedules the new article `id` for `at`, then moves it `to` a stage; the move's answer (200).
async fn schedule_then_move(
    app: &TestApp,
    cookie: &str,
    id: i64,
    at: chrono::DateTime<chrono::Utc>,
    to: Stage,
) -> Resp {
    patch(app, cookie, id, 1, json!({ "scheduled_at": at }))
        .await
        .expect(200);
    let res = transition(app, cookie, id, 2, to, None).await;
    res.expect(200);
    res
}

async fn comment(app: &TestApp, cookie: &str, id: i64, text: &str) -> Resp {
    post_json(
        app,
        cookie,
        &format!("/api/v1/articles/{id}/comments"),
        json!({ "text": text }),
    )
    .await
}

async fn history(app: &TestApp, cookie: &str, id: i64) -> Vec<HistoryEntry> {
    serde_json::from_slice(
        &app.get(&format!("/api/v1/articles/{id}/history"), Some(cookie))
            .await
            .body,
    )
    .unwrap()
}

#[tokio::test]
async fn checks_name_only_known_manual_items() {
    let app = TestApp::new().await;
    let editor = app.login("editor").await;
    let a = app.article_at(Stage::Editing, "author").await;
    let res = patch(
        &app,
        &editor,
        a.id,
        1,
        json!({ "checks": ["spelling", "made_up"] }),
    )
    .await;
    res.expect(422);
    assert_eq!(res.error_fields(), ["checks[1]"]);
    assert_eq!(res.problem().errors[0].code, "unknown_item");
    let many: Vec<String> = (0..51).map(|_| "spelling".to_string()).collect();
    let res = patch(&app, &editor, a.id, 1, json!({ "checks": many })).await;
    res.expect(422);
    assert_eq!(res.error_fields(), ["checks"]);
    let res = patch(
        &app,
        &editor,
        a.id,
        1,
        json!({ "checks": ["spelling", "spelling"] }),
    )
    .await;
    res.expect(200);
    let saved = article(&res);
    assert_eq!(saved.checks, ["spelling"]);
    let item = |id: &str| {
        saved
            .checklist
            .items
            .iter()
            .find(|i| i.id == id)
            .unwrap()
            .passed
    };
    assert!(item("spelling"));
    assert!(!item("facts_verified"));
    assert_eq!(saved.checklist.failing, 2);
    assert_eq!(saved.updated_by_name, app.user("editor").full_name);
}

#[tokio::test]
async fn scheduled_articles_are_published_once_when_due_by_the_system() {
    let app = TestApp::new().await;
    let chief = app.login("chief").await;
    let a = app.article_at(Stage::PendingApproval, "author").await;
    let at = app.clock_now() + Duration::hours(2);
    let res = schedule_then_move(&app, &chief, a.id, at, Stage::Approved).await;
    assert_eq!(
        article(&res).stage,
        Stage::Approved,
        "not due: stays approved"
    );

    assert_eq!(publish_due(&app.state).await.unwrap(), 0);
    app.clock.advance(Duration::minutes(119));
    assert_eq!(publish_due(&app.state).await.unwrap(), 0);
    let still = app.store.article(a.id).await.unwrap().unwrap();
    assert_eq!((still.stage, still.version), (Stage::Approved, 3));

    app.clock.advance(Duration::minutes(1));
    // Two schedulers at once (two server processes): one publication.
    let (x, y) = tokio::join!(publish_due(&app.state), publish_due(&app.state));
    assert_eq!(x.unwrap() + y.unwrap(), 1);
    assert_eq!(
        publish_due(&app.state).await.unwrap(),
        0,
        "run again: nothing"
    );
    let done = app.store.article(a.id).await.unwrap().unwrap();
    assert_eq!(done.stage, Stage::Published);
    assert_eq!(done.published_at, Some(app.clock_now()));
    assert_eq!(done.updated_by_name, "Hệ thống");
    // Two hours later the morning's session is gone.
    let chief = app.login("chief").await;
    let h = history(&app, &chief, a.id).await;
    let scheduled: Vec<&HistoryEntry> = h
        .iter()
        .filter(|e| e.action == "publish_scheduled")
        .collect();
    assert_eq!(scheduled.len(), 1);
    let system = app.store.system_user().await.unwrap();
    assert_eq!(scheduled[0].actor_id, system.id);
    assert_eq!(scheduled[0].actor_name, "Hệ thống");
    assert!(!system.active && system.roles.is_empty());
    assert_eq!(
        (scheduled[0].from_stage, scheduled[0].to_stage),
        (Some(Stage::Approved), Some(Stage::Published))
    );
    // The system account cannot log in.
    app.send(Call::new(Method::POST, "/api/v1/session").json(&json!({
        "username": "system", "password": "!"
    })))
    .await
    .expect(401);
}

#[tokio::test]
async fn publishing_by_hand_does_not_wait_for_the_schedule() {
    let app = TestApp::new().await;
    let secretary = app.login("secretary").await;
    let a = app.article_at(Stage::Approved, "author").await;
    let at = app.clock_now() + Duration::days(3);
    let res = schedule_then_move(&app, &secretary, a.id, at, Stage::Published).await;
    let published = article(&res);
    assert_eq!(published.stage, Stage::Published);
    assert_eq!(published.published_at, Some(app.clock_now()));
    app.clock.advance(Duration::days(4));
    assert_eq!(publish_due(&app.state).await.unwrap(), 0);
}

#[tokio::test]
async fn a_removal_request_keeps_its_reason_until_refused() {
    let app = TestApp::new().await;
    let editor = app.login("editor").await;
    let chief = app.login("chief").await;
    let card = |board: &Board, id: i64| board.cards.iter().find(|c| c.id == id).unwrap().clone();
    let board = |cookie: String| {
        let app = &app;
        async move {
            let res = app.get("/api/v1/board", Some(&cookie)).await;
            res.expect(200);
            serde_json::from_slice::<Board>(&res.body).unwrap()
        }
    };
    let a = app.article_at(Stage::Published, "author").await;
    let b = app.article_at(Stage::Published, "author").await;
    let reason = "Số liệu chưa chính xác, cần đính chính.";
    for x in [&a, &b] {
        let res = transition(
            &app,
            &editor,
            x.id,
            1,
            Stage::RemovalRequested,
            Some(reason),
        )
        .await;
        res.expect(200);
        assert_eq!(article(&res).removal_reason.as_deref(), Some(reason));
    }
    let seen = board(chief.clone()).await;
    assert_eq!(card(&seen, a.id).removal_reason.as_deref(), Some(reason));
    assert_eq!(card(&seen, a.id).comment_count, 1);

    let res = transition(&app, &chief, a.id, 2, Stage::Removed, Some("Đồng ý gỡ.")).await;
    res.expect(200);
    assert_eq!(
        article(&res).removal_reason.as_deref(),
        Some(reason),
        "kept"
    );
    let res = transition(
        &app,
        &chief,
        b.id,
        2,
        Stage::Published,
        Some("Vẫn chính xác."),
    )
    .await;
    res.expect(200);
    assert_eq!(article(&res).removal_reason, None, "cleared");
    let seen = board(chief.clone()).await;
    assert_eq!(card(&seen, a.id).removal_reason.as_deref(), Some(reason));
    assert_eq!(card(&seen, b.id).removal_reason, None);

    // Both reasons are in the discussion, with their transitions.
    let res = app
        .get(&format!("/api/v1/articles/{}/comments", a.id), Some(&chief))
        .await;
    let said: Vec<Comment> = serde_json::from_slice(&res.body).unwrap();
    let actions: Vec<(Option<&str>, &str)> = said
        .iter()
        .map(|c| (c.action.as_deref(), c.text.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            (Some("request_removal"), reason),
            (Some("approve_removal"), "Đồng ý gỡ.")
        ]
    );
    assert_eq!(said[0].from_stage, Some(Stage::Published));
    assert_eq!(said[0].to_stage, Some(Stage::RemovalRequested));
}

#[tokio::test]
async fn history_versions_and_comments_are_append_only_in_the_database() {
    let app = TestApp::new().await;
    let editor = app.login("editor").await;
    let a = app.article_at(Stage::Editing, "author").await;
    transition(&app, &editor, a.id, 1, Stage::Draft, Some("Bổ sung"))
        .await
        .expect(200);
    comment(&app, &editor, a.id, "Một ý kiến").await.expect(201);
    for table in ["article_history", "article_versions", "article_comments"] {
        let n: i64 = app
            .db
            .int(&format!("SELECT COUNT(*) FROM {table}"), &[])
            .await;
        assert!(n >= 2, "{table}: {n}");
        for sql in [
            format!("UPDATE {table} SET article_id = article_id"),
            format!("DELETE FROM {table}"),
        ] {
            let err = app.db.exec(&sql, &[]).await.expect_err(&sql);
            assert!(err.to_string().contains("append-only"), "{sql}: {err}");
        }
        let after: i64 = app
            .db
            .int(&format!("SELECT COUNT(*) FROM {table}"), &[])
            .await;
        assert_eq!(after, n);
    }
}

#[tokio::test]
async fn every_version_is_kept_and_retrievable() {
    let app = TestApp::new().await;
    let author = app.login("author").await;
    let editor = app.login("editor").await;
    let res = create_article(&app, &author, new_article("Bản đầu tiên của tin")).await;
    let id = article(&res).id;
    patch(
        &app,
        &author,
        id,
        1,
        json!({ "title": "Bản thứ hai của tin" }),
    )
    .await
    .expect(200);
    transition(&app, &author, id, 2, Stage::Editing, None)
        .await
        .expect(200);
    patch(&app, &editor, id, 3, json!({ "lead": "Sapo" }))
        .await
        .expect(200);
    let at = |v: i64| {
        let path = format!("/api/v1/articles/{id}/versions/{v}");
        let (app, author) = (&app, &author);
        async move { app.get(&path, Some(author)).await }
    };
    let v1 = article(at(1).await.expect(200));
    assert_eq!(
        (v1.title.as_str(), v1.version, v1.stage),
        ("Bản đầu tiên của tin", 1, Stage::Draft)
    );
    let v2 = article(at(2).await.expect(200));
    assert_eq!(v2.title, "Bản thứ hai của tin");
    let v3 = article(at(3).await.expect(200));
    assert_eq!(
        (v3.stage, v3.updated_by),
        (Stage::Editing, app.user("author").id)
    );
    let v4 = article(at(4).await.expect(200));
    assert_eq!(v4.lead, "Sapo");
    assert_eq!(v4.updated_by_name, app.user("editor").full_name);
    assert_eq!(v4.checklist.items.len(), 11, "checklist computed on read");
    at(5).await.expect(404).problem();
    at(999_999).await.expect(404);
    for bad in ["0", "-1", "abc", "1.5"] {
        let res = app
            .get(
                &format!("/api/v1/articles/{id}/versions/{bad}"),
                Some(&author),
            )
            .await;
        res.expect(400);
        assert_eq!(res.error_fields(), ["version"]);
    }
    app.get("/api/v1/articles/999999/versions/1", Some(&author))
        .await
        .expect(404);
    // Hidden articles hide their versions too.
    let mut app = app;
    app.add_user("author2", &[portal_contract::Role::Author])
        .await;
    let other = app.login("author2").await;
    app.get(&format!("/api/v1/articles/{id}/versions/1"), Some(&other))
        .await
        .expect(403);
}

#[tokio::test]
async fn comments_are_validated_counted_and_visible_only_with_the_article() {
    let mut app = TestApp::new().await;
    app.add_user("author2", &[portal_contract::Role::Author])
        .await;
    let author = app.login("author").await;
    let other = app.login("author2").await;
    let editor = app.login("editor").await;
    let admin = app.login("admin").await;
    let a = app.article_at(Stage::Draft, "author").await;

    let res = comment(&app, &editor, a.id, "  Cần thêm nguồn trích dẫn.\n").await;
    res.expect(201);
    let c: Comment = serde_json::from_slice(&res.body).unwrap();
    assert_eq!(c.text, "Cần thêm nguồn trích dẫn.");
    assert_eq!(
        (c.author_id, c.action.as_deref()),
        (app.user("editor").id, None)
    );
    assert_eq!(
        res.header("location"),
        Some(format!(
            "/api/v1/articles/{}/comments#comment-{}",
            a.id, c.id
        ))
    );
    comment(&app, &author, a.id, "Đã bổ sung.")
        .await
        .expect(201);

    for (text, code) in [
        ("", "required"),
        ("   \n ", "required"),
        (&"ý".repeat(5_001) as &str, "too_long"),
        ("a\u{0}b", "invalid_characters"),
        ("chuông\u{7}", "invalid_characters"),
    ] {
        let res = comment(&app, &editor, a.id, text).await;
        res.expect(422);
        let p = res.problem();
        assert_eq!(
            (p.errors[0].field.as_str(), p.errors[0].code.as_str()),
            ("text", code)
        );
    }
    comment(&app, &editor, a.id, &"ý".repeat(5_000))
        .await
        .expect(201);
    let res = post_json(
        &app,
        &editor,
        &format!("/api/v1/articles/{}/comments", a.id),
        json!({ "text": "x", "pinned": true }),
    )
    .await;
    res.expect(422);
    assert_eq!(res.error_fields(), ["pinned"]);

    comment(&app, &other, a.id, "Không được").await.expect(403);
    comment(&app, &admin, a.id, "Không được").await.expect(403);
    comment(&app, &editor, 999_999, "Không có bài")
        .await
        .expect(404);
    app.send(
        Call::new(Method::POST, &format!("/api/v1/articles/{}/comments", a.id))
            .json(&json!({ "text": "x" })),
    )
    .await
    .expect(401);
    let path = format!("/api/v1/articles/{}/comments", a.id);
    app.get(&path, Some(&other)).await.expect(403);
    let res = app.get(&path, Some(&author)).await;
    res.expect(200);
    let all: Vec<Comment> = serde_json::from_slice(&res.body).unwrap();
    assert_eq!(all.len(), 3);
    assert!(all.windows(2).all(|w| w[0].id < w[1].id));

    let res = app.get("/api/v1/articles", Some(&author)).await;
    let page: Page<ArticleSummary> = serde_json::from_slice(&res.body).unwrap();
    assert_eq!(
        page.items
            .iter()
            .find(|s| s.id == a.id)
            .unwrap()
            .comment_count,
        3
    );
}

async fn changes(app: &TestApp, cookie: &str, cursor: &str) -> Changes {
    let res = app
        .get(&format!("/api/v1/changes?since={cursor}"), Some(cookie))
        .await;
    res.expect(200);
    serde_json::from_slice(&res.body).unwrap()
}

#[tokio::test]
async fn the_changes_feed_advances_and_respects_visibility() {
    let mut app = TestApp::new().await;
    app.add_user("author2", &[portal_contract::Role::Author])
        .await;
    let author = app.login("author").await;
    let other = app.login("author2").await;
    let editor = app.login("editor").await;
    let mine = app.article_at(Stage::Draft, "author").await;
    let theirs = app.article_at(Stage::Draft, "author2").await;

    let res = app.get("/api/v1/board", Some(&author)).await;
    res.expect(200);
    let board: Board = serde_json::from_slice(&res.body).unwrap();
    assert_eq!(
        board.cards.iter().map(|c| c.id).collect::<Vec<_>>(),
        [mine.id]
    );
    let editor_board: Board =
        serde_json::from_slice(&app.get("/api/v1/board", Some(&editor)).await.body).unwrap();
    assert_eq!(editor_board.cards.len(), 2);
    assert_eq!(editor_board.cursor, board.cursor);

    let nothing = changes(&app, &author, &board.cursor).await;
    assert!(nothing.changes.is_empty() && !nothing.more);
    assert_eq!(nothing.cursor, board.cursor);

    // Someone else's change to my article, then a change I may not see.
    patch(&app, &editor, mine.id, 1, json!({ "lead": "Sapo mới" }))
        .await
        .expect(200);
    comment(&app, &editor, theirs.id, "Ý kiến riêng")
        .await
        .expect(201);
    let seen = changes(&app, &author, &board.cursor).await;
    assert_eq!(seen.changes.len(), 1);
    assert_eq!(seen.changes[0].id, mine.id);
    assert_eq!(
        seen.changes[0].updated_by_name,
        app.user("editor").full_name
    );
    assert_ne!(seen.cursor, board.cursor, "the cursor advances");
    assert!(changes(&app, &author, &seen.cursor)
        .await
        .changes
        .is_empty());
    let by_editor = changes(&app, &editor, &board.cursor).await;
    assert_eq!(
        by_editor.changes.iter().map(|c| c.id).collect::<Vec<_>>(),
        [mine.id, theirs.id],
        "oldest change first; a comment is a change"
    );
    assert_eq!(by_editor.changes[1].comment_count, 1);
    assert!(changes(&app, &other, &seen.cursor).await.changes.is_empty());

    // An article changed twice appears once, in its latest state.
    transition(&app, &author, mine.id, 2, Stage::Editing, None)
        .await
        .expect(200);
    patch(&app, &editor, mine.id, 3, json!({ "lead": "Sapo ba" }))
        .await
        .expect(200);
    let twice = changes(&app, &author, &seen.cursor).await;
    assert_eq!(twice.changes.len(), 1);
    assert_eq!(
        (twice.changes[0].version, twice.changes[0].stage),
        (4, Stage::Editing)
    );

    // Cursors the server did not issue.
    let future = format!("v1.{}", 1_000_000);
    for bad in [
        "abc",
        "v1.-1",
        "1",
        "v1.",
        "%00",
        future.as_str(),
        &"v".repeat(65),
    ] {
        let res = app
            .get(&format!("/api/v1/changes?since={bad}"), Some(&author))
            .await;
        res.expect(400);
        assert_eq!(res.error_fields(), ["since"], "{bad}");
    }
    app.get("/api/v1/changes", Some(&author)).await.expect(400);
    app.get(
        &format!("/api/v1/changes?since={}&x=1", seen.cursor),
        Some(&author),
    )
    .await
    .expect(400);
    app.get("/api/v1/changes?since=v1.0", None)
        .await
        .expect(401);
    let admin = app.login("admin").await;
    app.get("/api/v1/changes?since=v1.0", Some(&admin))
        .await
        .expect(403);
    app.get("/api/v1/board", Some(&admin)).await.expect(403);
    app.get("/api/v1/board", None).await.expect(401);
}

#[tokio::test]
async fn a_long_changes_feed_comes_in_pages() {
    let app = TestApp::new().await;
    let chief = app.login("chief").await;
    for _ in 0..503 {
        app.article_at(Stage::Draft, "author").await;
    }
    let first = changes(&app, &chief, "v1.0").await;
    assert_eq!(first.changes.len(), 500);
    assert!(first.more);
    let rest = changes(&app, &chief, &first.cursor).await;
    assert_eq!(rest.changes.len(), 3);
    assert!(!rest.more);
    let ids: std::collections::HashSet<i64> = first
        .changes
        .iter()
        .chain(&rest.changes)
        .map(|c| c.id)
        .collect();
    assert_eq!(ids.len(), 503);
}

#[tokio::test]
async fn hostile_strings_in_every_field_and_block_round_trip() {
    let app = TestApp::new().await;
    let editor = app.login("editor").await;
    let long = "Bảo hiểm 🎉 ".repeat(1_000);
    for text in [
        "<script>alert(1)</script>",
        "Bảo hiểm 🎉👩‍👩‍👧 Tết",
        "مرحبا بالعالم — التأمين الصحي",
        "a\u{202e}gnp.exe \u{200f}",
        "'; DROP TABLE articles; -- \" \\ %_",
        long.as_str(),
    ] {
        let short: String = text.chars().take(300).collect();
        let lead: String = text.chars().take(2_000).collect();
        let spans = vec![
            Span::plain(text),
            Span {
                text: text.to_string(),
                bold: true,
                italic: true,
                link: Some("https://example.vn/?q=<x>&y=\"1\"".to_string()),
            },
        ];
        let body = vec![
            Block::Paragraph {
                spans: spans.clone(),
            },
            Block::Heading {
                level: 3,
                spans: spans.clone(),
            },
            Block::List {
                ordered: true,
                items: vec![spans.clone(), spans.clone()],
            },
            Block::Quote {
                spans: spans.clone(),
                cite: short.clone(),
            },
            Block::Image {
                url: "/media/a.jpg".into(),
                alt: short.clone(),
                caption: lead.clone(),
            },
            Block::Video {
                url: "https://video.example.vn/1".into(),
                caption: lead.clone(),
            },
        ];
        let res = create_article(
            &app,
            &editor,
            json!({
                "title": short, "lead": lead, "body": body, "section": short,
                "source": short, "kind": "news",
                "authors": [{ "name": short, "share": 100 }],
                "cover": { "url": "/c.jpg", "alt": short, "caption": lead },
            }),
        )
        .await;
        res.expect(201);
        let id = article(&res).id;
        let got = article(
            app.get(&format!("/api/v1/articles/{id}"), Some(&editor))
                .await
                .expect(200),
        );
        assert_eq!(got.title.as_bytes(), short.as_bytes());
        assert_eq!(got.lead.as_bytes(), lead.as_bytes());
        assert_eq!(got.section, short);
        assert_eq!(got.source, short);
        assert_eq!(got.authors[0].name, short);
        assert_eq!(got.cover.as_ref().unwrap().caption, lead);
        assert_eq!(got.body, body, "every block byte for byte");
        // And through a save, and in the version kept.
        let res = patch(
            &app,
            &editor,
            id,
            1,
            json!({ "body": body, "title": short }),
        )
        .await;
        res.expect(200);
        let again = article(&res);
        assert_eq!(again.body, body);
        let v1 = article(
            app.get(&format!("/api/v1/articles/{id}/versions/1"), Some(&editor))
                .await
                .expect(200),
        );
        assert_eq!(v1.body, body);
        let c: Comment = serde_json::from_slice(
            &comment(
                &app,
                &editor,
                id,
                &text.chars().take(5_000).collect::<String>(),
            )
            .await
            .expect(201)
            .body,
        )
        .unwrap();
        assert_eq!(c.text, text.chars().take(5_000).collect::<String>().trim());
    }
}
