//! Articles: create, read, list, search, patch, visibility, hostile text.

use crate::common::*;
use axum::http::Method;
use portal_contract::{Article, ArticleSummary, HistoryEntry, Page, Stage};
use serde_json::json;

#[tokio::test]
async fn create_read_and_patch_an_article() {
    let app = TestApp::new().await;
    let author = app.login("author").await;
    let res = create_article(
        &app,
        &author,
        json!({
            "title": "Gia hạn thẻ BHYT hộ gia đình trên VssID",
            "lead": "Người dân có thể gia hạn thẻ BHYT ngay trên điện thoại.",
            "kind": "news",
            "topics": ["bhyt", "bhyt"],
            "channels": ["vssid", "portal"],
        }),
    )
    .await;
    res.expect(201);
    let a = article(&res);
    assert_eq!(res.etag().as_deref(), Some("\"1\""));
    assert_eq!(
        res.header("location"),
        Some(format!("/api/v1/articles/{}", a.id))
    );
    assert_eq!(a.stage, Stage::Draft);
    assert_eq!(a.version, 1);
    assert_eq!(a.topics.len(), 1, "duplicates folded");
    let me = app.user("author");
    assert_eq!(a.authors.len(), 1);
    assert_eq!(a.authors[0].user_id, Some(me.id));
    assert_eq!(a.authors[0].name, me.full_name);
    assert_eq!(a.authors[0].share, 100);
    assert_eq!(a.created_by, me.id);

    let got = app
        .get(&format!("/api/v1/articles/{}", a.id), Some(&author))
        .await;
    got.expect(200);
    assert_eq!(got.etag().as_deref(), Some("\"1\""));
    assert_eq!(article(&got), a);

    app.clock.advance(chrono::Duration::minutes(5));
    let patched = patch_json(
        &app,
        &author,
        &format!("/api/v1/articles/{}", a.id),
        1,
        json!({ "title": "Gia hạn thẻ BHYT hộ gia đình", "cover": null }),
    )
    .await;
    patched.expect(200);
    assert_eq!(patched.etag().as_deref(), Some("\"2\""));
    let p = article(&patched);
    assert_eq!(p.title, "Gia hạn thẻ BHYT hộ gia đình");
    assert_eq!(p.lead, a.lead, "absent fields stay");
    assert_eq!(p.version, 2);
    assert!(p.updated_at > a.updated_at);

    let history = app
        .get(&format!("/api/v1/articles/{}/history", a.id), Some(&author))
        .await;
    history.expect(200);
    let h: Vec<HistoryEntry> = serde_json::from_slice(&history.body).unwrap();
    let actions: Vec<&str> = h.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["create", "update"]);
    assert_eq!(h[1].version, 2);
    assert_eq!(h[0].actor_id, me.id);
}

#[tokio::test]
async fn explicit_authors_are_kept_and_validated() {
    let app = TestApp::new().await;
    let editor = app.login("editor").await;
    let author_id = app.user("author").id;
    let res = create_article(
        &app,
        &editor,
        json!({
            "title": "Tin",
            "kind": "news",
            "authors": [
                { "name": "Nguyễn Văn An", "user_id": author_id, "share": 60 },
                { "name": "Cộng tác viên ngoài", "share": 40 }
            ]
        }),
    )
    .await;
    res.expect(201);
    assert_eq!(article(&res).authors.len(), 2);

    let res = create_article(&app,
        &editor,
        json!({ "title": "Tin", "kind": "news",
                "authors": [{ "name": "A", "share": 50 }, { "name": "B", "user_id": 9999, "share": 40 }] }),
    )
    .await;
    res.expect(422);
    let fields = res.error_fields();
    assert!(fields.contains(&"authors".to_string()), "{fields:?}");
    assert!(
        fields.contains(&"authors[1].user_id".to_string()),
        "{fields:?}"
    );
}

#[tokio::test]
async fn ten_thousand_character_title_is_a_422_on_title() {
    let app = TestApp::new().await;
    let cookie = app.login("author").await;
    let res = create_article(&app, &cookie, new_article(&"ễ".repeat(10_000))).await;
    res.expect(422);
    let p = res.problem();
    assert_eq!(p.errors.len(), 1);
    assert_eq!(p.errors[0].field, "title");
    assert_eq!(p.errors[0].code, "too_long");
    assert_eq!(p.errors[0].message, "Tối đa 300 ký tự.");
    // And an empty one.
    let res = create_article(&app, &cookie, new_article("   ")).await;
    res.expect(422);
    assert_eq!(res.error_fields(), ["title"]);
}

#[tokio::test]
async fn hostile_strings_round_trip_byte_for_byte() {
    let app = TestApp::new().await;
    let cookie = app.login("author").await;
    for text in [
        "<script>alert(1)</script>",
        "Bảo hiểm 🎉👩‍👩‍👧 Tết",
        "مرحبا بالعالم — التأمين الصحي",
        "a\u{202e}gnp.exe",
        "'; DROP TABLE articles; --",
        "50% _off_ \\ %",
    ] {
        let res = create_article(
            &app,
            &cookie,
            json!({ "title": text, "lead": text, "kind": "news",
                    "body": [{ "type": "paragraph", "spans": [{ "text": text }] }] }),
        )
        .await;
        res.expect(201);
        let id = article(&res).id;
        let got = app
            .get(&format!("/api/v1/articles/{id}"), Some(&cookie))
            .await;
        got.expect(200);
        let a = article(&got);
        assert_eq!(a.title.as_bytes(), text.as_bytes());
        assert_eq!(a.lead.as_bytes(), text.as_bytes());
        assert_eq!(a.body, vec![portal_contract::Block::paragraph(text)]);
        if !text.contains('\\') {
            // Sent as plain UTF-8 inside the JSON, not mangled or entity-encoded.
            let raw = String::from_utf8(got.body.clone()).unwrap();
            assert!(raw.contains(text), "{raw}");
        }
        // And found by search like any other text.
        let listed = app
            .get(
                &format!("/api/v1/articles?q={}", urlencode(text)),
                Some(&cookie),
            )
            .await;
        listed.expect(200);
        let page: Page<ArticleSummary> = serde_json::from_slice(&listed.body).unwrap();
        assert!(page.items.iter().any(|s| s.id == id), "search for {text:?}");
    }
    assert_eq!(app.db.int("SELECT COUNT(*) FROM articles", &[]).await, 6);
}

#[tokio::test]
async fn search_words_with_a_control_character_are_a_400_on_q() {
    // A NUL cannot be held by PostgreSQL's text; it was a 500 there. Both searches refuse it
    // (and the other control characters) as a bad parameter, on either database.
    let app = TestApp::new().await;
    let cookie = app.login("author").await;
    for q in ["bao\u{0}hiem", "\u{0}", "bao\u{7}", "bao\nhiem"] {
        for (path, cookie) in [
            ("/api/v1/articles", Some(&cookie)),
            ("/api/v1/public/search", None),
        ] {
            let res = app
                .get(
                    &format!("{path}?q={}", urlencode(q)),
                    cookie.map(String::as_str),
                )
                .await;
            res.expect(400);
            let p = res.problem();
            assert_eq!(p.errors.len(), 1, "{path} {q:?}");
            assert_eq!(p.errors[0].field, "q");
            assert_eq!(p.errors[0].code, "invalid_characters");
            assert_eq!(
                p.errors[0].message,
                "Từ khóa tìm kiếm chứa ký tự không hợp lệ."
            );
        }
    }
    let res = app
        .get(
            &format!("/api/v1/articles?q={}", urlencode(&"ễ".repeat(201))),
            Some(&cookie),
        )
        .await;
    res.expect(400);
    assert_eq!(
        res.problem().errors[0].message,
        "Từ khóa tìm kiếm tối đa 200 ký tự."
    );
    let res = app.get("/api/v1/public/search?q=%20", None).await;
    res.expect(400);
    assert_eq!(res.problem().errors[0].code, "required");
}

fn urlencode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[tokio::test]
async fn search_ignores_diacritics_and_case() {
    let app = TestApp::new().await;
    let cookie = app.login("editor").await;
    create_article(
        &app,
        &cookie,
        new_article("Tăng cường tuyên truyền bảo hiểm xã hội tự nguyện"),
    )
    .await
    .expect(201);
    create_article(&app,
        &cookie,
        json!({ "title": "Cảnh báo lừa đảo", "lead": "Giả danh cán bộ BẢO HIỂM gọi điện", "kind": "news" }),
    )
    .await
    .expect(201);
    create_article(
        &app,
        &cookie,
        json!({ "title": "Tin khác", "section": "Chính sách Bảo Hiểm y tế", "kind": "news" }),
    )
    .await
    .expect(201);
    create_article(&app, &cookie, new_article("Ngày hội việc làm"))
        .await
        .expect(201);

    let titles = |res: &Resp| -> Vec<String> {
        let page: Page<ArticleSummary> = serde_json::from_slice(&res.body).unwrap();
        let mut t: Vec<String> = page.items.into_iter().map(|a| a.title).collect();
        t.sort();
        t
    };
    let res = app
        .get("/api/v1/articles?q=bao%20hiem", Some(&cookie))
        .await;
    res.expect(200);
    assert_eq!(
        titles(&res),
        [
            "Cảnh báo lừa đảo",
            "Tin khác",
            "Tăng cường tuyên truyền bảo hiểm xã hội tự nguyện"
        ]
    );
    let res = app
        .get(
            "/api/v1/articles?q=B%E1%BA%A2O+HI%E1%BB%82M+x%C3%A3",
            Some(&cookie),
        )
        .await;
    assert_eq!(
        titles(&res),
        ["Tăng cường tuyên truyền bảo hiểm xã hội tự nguyện"]
    );
    let res = app
        .get("/api/v1/articles?q=khong%20co", Some(&cookie))
        .await;
    assert!(titles(&res).is_empty());
}

#[tokio::test]
async fn list_filters_sorts_and_pages() {
    let app = TestApp::new().await;
    let cookie = app.login("chief").await;
    let mut ids = Vec::new();
    for stage in [
        Stage::Draft,
        Stage::Published,
        Stage::Published,
        Stage::Review,
    ] {
        app.clock.advance(chrono::Duration::minutes(1));
        ids.push(app.article_at(stage, "author").await.id);
    }
    let page = |res: &Resp| -> Page<ArticleSummary> { serde_json::from_slice(&res.body).unwrap() };

    // Default: newest update first, 20 per page.
    let res = app.get("/api/v1/articles", Some(&cookie)).await;
    res.expect(200);
    let p = page(&res);
    assert_eq!((p.total, p.page, p.per_page), (4, 1, 20));
    let got: Vec<i64> = p.items.iter().map(|a| a.id).collect();
    let mut expected = ids.clone();
    expected.reverse();
    assert_eq!(got, expected);

    let res = app
        .get(
            "/api/v1/articles?stage=published&sort=updated_at",
            Some(&cookie),
        )
        .await;
    let got: Vec<i64> = page(&res).items.iter().map(|a| a.id).collect();
    assert_eq!(got, [ids[1], ids[2]]);

    let res = app
        .get(
            "/api/v1/articles?stage=draft,review&sort=stage",
            Some(&cookie),
        )
        .await;
    let got: Vec<Stage> = page(&res).items.iter().map(|a| a.stage).collect();
    assert_eq!(got, [Stage::Draft, Stage::Review]);

    let res = app
        .get("/api/v1/articles?per_page=3&page=2", Some(&cookie))
        .await;
    let p = page(&res);
    assert_eq!((p.total, p.items.len(), p.page, p.per_page), (4, 1, 2, 3));
    assert_eq!(p.items[0].id, ids[0]);

    let res = app.get("/api/v1/articles?kind=video", Some(&cookie)).await;
    assert_eq!(page(&res).total, 0);
    let res = app.get("/api/v1/articles?topic=bhxh", Some(&cookie)).await;
    assert_eq!(page(&res).total, 4);
    let res = app.get("/api/v1/articles?topic=bhyt", Some(&cookie)).await;
    assert_eq!(page(&res).total, 0);
    let res = app
        .get("/api/v1/articles?sort=-title&per_page=200", Some(&cookie))
        .await;
    res.expect(200);
}

#[tokio::test]
async fn authors_see_only_their_own_or_co_authored_articles() {
    let mut app = TestApp::new().await;
    app.add_user("author2", &[portal_contract::Role::Author])
        .await;
    let mine = app.article_at(Stage::Draft, "author").await;
    let theirs = app.article_at(Stage::Published, "author2").await;
    let editors = app.article_at(Stage::Editing, "editor").await;
    let author = app.login("author").await;

    let res = app.get("/api/v1/articles", Some(&author)).await;
    res.expect(200);
    let p: Page<ArticleSummary> = serde_json::from_slice(&res.body).unwrap();
    assert_eq!(p.total, 1);
    assert_eq!(p.items[0].id, mine.id);

    for id in [theirs.id, editors.id] {
        app.get(&format!("/api/v1/articles/{id}"), Some(&author))
            .await
            .expect(403);
        app.get(&format!("/api/v1/articles/{id}/history"), Some(&author))
            .await
            .expect(403);
    }

    // The editor lists our author as a co-author: now they see it.
    let editor = app.login("editor").await;
    let author_id = app.user("author").id;
    patch_json(
        &app,
        &editor,
        &format!("/api/v1/articles/{}", editors.id),
        editors.version,
        json!({ "authors": [
                { "name": "Biên tập viên", "user_id": app.user("editor").id, "share": 50 },
                { "name": "Tác giả", "user_id": author_id, "share": 50 }
            ] }),
    )
    .await
    .expect(200);
    let res = app.get("/api/v1/articles", Some(&author)).await;
    let p: Page<ArticleSummary> = serde_json::from_slice(&res.body).unwrap();
    let mut ids: Vec<i64> = p.items.iter().map(|a| a.id).collect();
    ids.sort();
    assert_eq!(ids, [mine.id, editors.id]);
    app.get(&format!("/api/v1/articles/{}", editors.id), Some(&author))
        .await
        .expect(200);

    // The director reads everything.
    let director = app.login("director").await;
    let res = app.get("/api/v1/articles", Some(&director)).await;
    let p: Page<ArticleSummary> = serde_json::from_slice(&res.body).unwrap();
    assert_eq!(p.total, 3);
}

#[tokio::test]
async fn authors_edit_only_their_own_drafts() {
    let app = TestApp::new().await;
    let cookie = app.login("author").await;
    let editing = app.article_at(Stage::Editing, "author").await;
    patch_json(
        &app,
        &cookie,
        &format!("/api/v1/articles/{}", editing.id),
        1,
        json!({ "title": "Sửa" }),
    )
    .await
    .expect(403);
    let draft = app.article_at(Stage::Draft, "author").await;
    patch_json(
        &app,
        &cookie,
        &format!("/api/v1/articles/{}", draft.id),
        1,
        json!({ "title": "Sửa" }),
    )
    .await
    .expect(200);
}

#[tokio::test]
async fn removed_articles_cannot_be_edited() {
    let app = TestApp::new().await;
    let cookie = app.login("chief").await;
    let removed = app.article_at(Stage::Removed, "editor").await;
    let res = patch_json(
        &app,
        &cookie,
        &format!("/api/v1/articles/{}", removed.id),
        1,
        json!({ "title": "Sửa" }),
    )
    .await;
    res.expect(409);
    res.problem();
}

#[tokio::test]
async fn patch_needs_if_match_and_the_current_version() {
    let app = TestApp::new().await;
    let cookie = app.login("editor").await;
    let a = app.article_at(Stage::Editing, "author").await;
    let path = format!("/api/v1/articles/{}", a.id);

    let res = app
        .send(
            Call::new(Method::PATCH, &path)
                .cookie(Some(&cookie))
                .json(&json!({ "title": "Một" })),
        )
        .await;
    res.expect(428);
    res.problem();

    app.send(
        Call::new(Method::PATCH, &path)
            .cookie(Some(&cookie))
            .header("if-match", "W/\"1\"")
            .json(&json!({ "title": "Một" })),
    )
    .await
    .expect(200);

    // Someone else's edit is now current: a stale version gets 412 with the current article.
    let res = patch_json(&app, &cookie, &path, 1, json!({ "title": "Hai" })).await;
    res.expect(412);
    assert_eq!(res.etag().as_deref(), Some("\"2\""));
    let p = res.problem();
    let current: Article = serde_json::from_value(p.current.expect("current")).unwrap();
    assert_eq!(current.title, "Một");
    assert_eq!(current.version, 2);

    // Nothing was written by the refused request.
    let got = article(&app.get(&path, Some(&cookie)).await);
    assert_eq!(got.title, "Một");

    // Validation after applying the patch.
    let res = patch_json(
        &app,
        &cookie,
        &path,
        2,
        json!({ "title": "" , "authors": [{ "name": "A", "share": 90 }]}),
    )
    .await;
    res.expect(422);
    let mut fields = res.error_fields();
    fields.sort();
    assert_eq!(fields, ["authors", "title"]);

    // Malformed If-Match.
    app.send(
        Call::new(Method::PATCH, &path)
            .cookie(Some(&cookie))
            .header("if-match", "2")
            .json(&json!({ "title": "Ba" })),
    )
    .await
    .expect(400);
}

#[tokio::test]
async fn missing_articles_are_404() {
    let app = TestApp::new().await;
    let cookie = app.login("chief").await;
    for path in ["/api/v1/articles/999", "/api/v1/articles/999/history"] {
        let res = app.get(path, Some(&cookie)).await;
        res.expect(404);
        res.problem();
    }
    patch_json(
        &app,
        &cookie,
        "/api/v1/articles/999",
        1,
        json!({ "title": "x" }),
    )
    .await
    .expect(404);
    app.send(
        Call::new(Method::POST, "/api/v1/articles/999/transitions")
            .cookie(Some(&cookie))
            .if_match(1)
            .json(&json!({ "to": "editing" })),
    )
    .await
    .expect(404);
}
