//! Revisions after approval: an edit of an approved or published article waits in a revision
//! that goes through review, the checklist and the chief editor's approval; readers (the
//! public pages and search) keep the approved content until then.

use crate::common::*;
use axum::http::Method;
use portal_contract::{Article, ArticleSummary, Page, PublicArticle, SearchHit, Stage};
use serde_json::{json, Value};

/// `POST /articles/{id}/revision/transitions` as `cookie`.
async fn move_revision(
    app: &TestApp,
    cookie: &str,
    id: i64,
    version: i64,
    to: Stage,
    comment: Option<&str>,
) -> Resp {
    let path = format!("/api/v1/articles/{id}/revision/transitions");
    move_at(app, cookie, &path, version, to, comment).await
}

async fn public_article(app: &TestApp, id: i64) -> PublicArticle {
    let res = app
        .get(&format!("/api/v1/public/articles/{id}"), None)
        .await;
    res.expect(200);
    serde_json::from_slice(&res.body).unwrap()
}

async fn search_hits(app: &TestApp, q: &str) -> Vec<i64> {
    let res = app.get(&format!("/api/v1/public/search?q={q}"), None).await;
    res.expect(200);
    let page: Page<SearchHit> = serde_json::from_slice(&res.body).unwrap();
    page.items.iter().map(|h| h.id).collect()
}

fn revision_of(a: &Article) -> &Article {
    a.revision.as_deref().expect("a pending revision")
}

/// The revision's way to approval: editor → review, secretary → pending approval, chief →
/// approved. Returns the article after the approval.
async fn approve_revision(app: &TestApp, id: i64, mut version: i64) -> Article {
    let steps = [
        ("editor", Stage::Review),
        ("secretary", Stage::PendingApproval),
        ("chief", Stage::Approved),
    ];
    let mut last = None;
    for (who, to) in steps {
        let cookie = app.login(who).await;
        let res = move_revision(app, &cookie, id, version, to, None).await;
        res.expect_for(200, to.as_str());
        let a = article(&res);
        version = a.version;
        last = Some(a);
    }
    last.unwrap()
}

#[tokio::test]
async fn an_edit_of_a_published_article_waits_for_approval_before_readers_see_it() {
    let app = TestApp::new().await;
    let editor = app.login("editor").await;
    let a = app.article_at(Stage::Published, "author").await;
    let old_title = a.title.clone();

    let res = patch(
        &app,
        &editor,
        a.id,
        1,
        json!({ "title": "Tiêu đề sửa đổi về lương hưu", "lead": "Sapo mới." }),
    )
    .await;
    res.expect(200);
    assert_eq!(res.etag().as_deref(), Some("\"2\""));
    let saved = article(&res);
    assert_eq!(saved.stage, Stage::Published, "the article stays published");
    assert_eq!(saved.title, old_title, "the approved title stays");
    let revision = revision_of(&saved);
    assert_eq!(revision.title, "Tiêu đề sửa đổi về lương hưu");
    assert_eq!(revision.lead, "Sapo mới.");
    assert_eq!(revision.stage, Stage::Editing);
    assert_eq!(revision.version, 2);
    assert!(revision.revision.is_none());

    // Readers and search see the approved content only.
    assert_eq!(public_article(&app, a.id).await.title, old_title);
    assert!(search_hits(&app, "huu").await.is_empty());
    // The board tells where the revision stands.
    let res = app
        .get("/api/v1/articles?stage=published", Some(&editor))
        .await;
    res.expect(200);
    let list: Page<ArticleSummary> = serde_json::from_slice(&res.body).unwrap();
    let card = list.items.iter().find(|s| s.id == a.id).unwrap();
    assert_eq!(card.revision_stage, Some(Stage::Editing));
    assert_eq!(card.title, old_title);

    // A second edit changes the same revision.
    let res = patch(
        &app,
        &editor,
        a.id,
        2,
        json!({ "source": "Phòng Truyền thông" }),
    )
    .await;
    res.expect(200);
    let saved = article(&res);
    assert_eq!(revision_of(&saved).source, "Phòng Truyền thông");
    assert_eq!(revision_of(&saved).title, "Tiêu đề sửa đổi về lương hưu");
    assert_eq!(saved.source, a.source);

    // Review, then the chief editor's approval makes it what readers see.
    let approved = approve_revision(&app, a.id, 3).await;
    assert_eq!(approved.version, 6);
    assert!(approved.revision.is_none());
    assert_eq!(approved.title, "Tiêu đề sửa đổi về lương hưu");
    assert_eq!(approved.source, "Phòng Truyền thông");
    assert_eq!(approved.stage, Stage::Published);
    assert_eq!(
        approved.published_at, a.published_at,
        "first publication kept"
    );
    assert_eq!(
        public_article(&app, a.id).await.title,
        "Tiêu đề sửa đổi về lương hưu"
    );
    assert_eq!(search_hits(&app, "huu").await, [a.id]);

    let history = app.store.history(a.id).await.unwrap();
    let actions: Vec<(&str, Option<Stage>, Option<Stage>)> = history
        .iter()
        .skip(1)
        .map(|h| (h.action.as_str(), h.from_stage, h.to_stage))
        .collect();
    assert_eq!(
        actions,
        [
            ("revision_update", None, None),
            ("revision_update", None, None),
            (
                "revision_send_to_review",
                Some(Stage::Editing),
                Some(Stage::Review)
            ),
            (
                "revision_propose",
                Some(Stage::Review),
                Some(Stage::PendingApproval)
            ),
            (
                "revision_approve",
                Some(Stage::PendingApproval),
                Some(Stage::Approved)
            ),
        ]
    );
    // Each version keeps what was saved: the revision's text at 2, the approved one at 6.
    let v2 = app.store.article_version(a.id, 2).await.unwrap().unwrap();
    assert_eq!(v2.title, old_title);
    assert_eq!(revision_of(&v2).title, "Tiêu đề sửa đổi về lương hưu");
}

#[tokio::test]
async fn only_the_chief_editor_approves_a_revision_and_only_with_its_checklist_passing() {
    let app = TestApp::new().await;
    let editor = app.login("editor").await;
    let secretary = app.login("secretary").await;
    let chief = app.login("chief").await;
    let author = app.login("author").await;
    let a = app.article_at(Stage::Published, "author").await;

    // No revision yet: nothing to move or discard.
    move_revision(&app, &editor, a.id, 1, Stage::Review, None)
        .await
        .expect(409);
    // The author edits only their own drafts.
    patch(&app, &author, a.id, 1, json!({ "title": "Của tác giả" }))
        .await
        .expect(403);

    // Unticking the manual checks makes the revision fail the checklist.
    let res = patch(
        &app,
        &editor,
        a.id,
        1,
        json!({ "title": "Tiêu đề cần kiểm tra lại", "checks": [] }),
    )
    .await;
    res.expect(200);
    assert!(revision_of(&article(&res)).checklist.failing > 0);
    assert_eq!(article(&res).checks.len(), 3, "the approved ticks stay");
    // Never back to the draft, never straight to published, nor approved out of order.
    for to in [Stage::Draft, Stage::Published, Stage::Approved] {
        move_revision(&app, &chief, a.id, 2, to, None)
            .await
            .expect_for(409, to.as_str());
    }
    // The secretary may not send it to review (the editor's move).
    move_revision(&app, &secretary, a.id, 2, Stage::Review, None)
        .await
        .expect(403);
    move_revision(&app, &editor, a.id, 2, Stage::Review, None)
        .await
        .expect(200);
    // A return needs a comment; the second click with the old version is a 412.
    move_revision(&app, &secretary, a.id, 3, Stage::Editing, None)
        .await
        .expect(422);
    move_revision(&app, &editor, a.id, 2, Stage::Review, None)
        .await
        .expect(412);
    move_revision(&app, &secretary, a.id, 3, Stage::PendingApproval, None)
        .await
        .expect(200);
    move_revision(&app, &secretary, a.id, 4, Stage::Approved, None)
        .await
        .expect(403);
    let res = move_revision(&app, &chief, a.id, 4, Stage::Approved, None).await;
    res.expect(422);
    assert!(res
        .error_fields()
        .iter()
        .any(|f| f.starts_with("checklist.")));
    let res = move_revision(&app, &chief, a.id, 4, Stage::Review, Some("Thiếu kiểm tra")).await;
    res.expect(200);
    assert_eq!(revision_of(&article(&res)).stage, Stage::Review);
    // The return is said in the discussion too.
    let res = app
        .get(
            &format!("/api/v1/articles/{}/comments", a.id),
            Some(&editor),
        )
        .await;
    assert!(res.json().to_string().contains("Thiếu kiểm tra"));
    let stored = app.store.article(a.id).await.unwrap().unwrap();
    assert_eq!(stored.checks.len(), 3);
    assert_eq!(stored.title, a.title);
}

#[tokio::test]
async fn scheduling_changes_an_approved_article_while_its_content_waits_in_a_revision() {
    let app = TestApp::new().await;
    let secretary = app.login("secretary").await;
    let a = app.article_at(Stage::Approved, "author").await;
    let at = "2026-02-20T01:00:00Z";
    let res = patch(&app, &secretary, a.id, 1, json!({ "scheduled_at": at })).await;
    res.expect(200);
    let saved = article(&res);
    assert!(saved.revision.is_none(), "a time is not content");
    assert_eq!(
        saved.scheduled_at.unwrap().to_rfc3339(),
        "2026-02-20T01:00:00+00:00"
    );

    // The same content again makes no revision either.
    let res = patch(&app, &secretary, a.id, 2, json!({ "title": a.title })).await;
    res.expect(200);
    assert!(article(&res).revision.is_none());

    let res = patch(
        &app,
        &secretary,
        a.id,
        3,
        json!({ "title": "Bản sửa sau khi duyệt", "scheduled_at": null }),
    )
    .await;
    res.expect(200);
    let saved = article(&res);
    assert_eq!(saved.scheduled_at, None, "the time is the article's");
    assert_eq!(revision_of(&saved).title, "Bản sửa sau khi duyệt");
    assert_eq!(revision_of(&saved).scheduled_at, None);
    assert_eq!(saved.title, a.title);

    // Publishing puts out what was approved; the revision still waits.
    let res = transition(&app, &secretary, a.id, 4, Stage::Published, None).await;
    res.expect(200);
    let published = article(&res);
    assert_eq!(published.title, a.title);
    assert_eq!(revision_of(&published).title, "Bản sửa sau khi duyệt");
    assert_eq!(public_article(&app, a.id).await.title, a.title);
}

#[tokio::test]
async fn a_discarded_revision_leaves_the_approved_content() {
    let app = TestApp::new().await;
    let editor = app.login("editor").await;
    let author = app.login("author").await;
    let a = app.article_at(Stage::Published, "author").await;
    let discard = |cookie: &str, version: Option<i64>| {
        let call = Call::new(
            Method::DELETE,
            &format!("/api/v1/articles/{}/revision", a.id),
        )
        .cookie(Some(cookie));
        match version {
            Some(v) => call.if_match(v),
            None => call,
        }
    };
    app.send(discard(&editor, Some(1))).await.expect(409);
    patch(&app, &editor, a.id, 1, json!({ "title": "Sẽ bỏ" }))
        .await
        .expect(200);
    app.send(discard(&editor, None)).await.expect(428);
    app.send(discard(&editor, Some(1))).await.expect(412);
    app.send(discard(&author, Some(2))).await.expect(403);
    let res = app.send(discard(&editor, Some(2))).await;
    res.expect(200);
    let a2 = article(&res);
    assert!(a2.revision.is_none());
    assert_eq!((a2.title.as_str(), a2.version), (a.title.as_str(), 3));
    let last = app.store.history(a.id).await.unwrap().pop().unwrap();
    assert_eq!(
        (last.action.as_str(), last.from_stage),
        ("revision_discard", Some(Stage::Editing))
    );
}

#[tokio::test]
async fn restoring_an_older_version_edits_a_draft_directly_and_a_published_article_by_revision() {
    let app = TestApp::new().await;
    let editor = app.login("editor").await;
    let restore = |id: i64, version: i64, if_match: i64| {
        Call::new(
            Method::POST,
            &format!("/api/v1/articles/{id}/versions/{version}/restore"),
        )
        .cookie(Some(&editor))
        .if_match(if_match)
    };

    // Before approval: the old content comes back at once.
    let e = app.article_at(Stage::Editing, "author").await;
    patch(
        &app,
        &editor,
        e.id,
        1,
        json!({ "title": "Tiêu đề thứ hai" }),
    )
    .await
    .expect(200);
    app.send(restore(e.id, 1, 1)).await.expect(412);
    app.send(restore(e.id, 99, 2)).await.expect(404);
    let res = app.send(restore(e.id, 1, 2)).await;
    res.expect(200);
    let back = article(&res);
    assert_eq!((back.title.as_str(), back.version), (e.title.as_str(), 3));
    assert!(back.revision.is_none());
    let last = app.store.history(e.id).await.unwrap().pop().unwrap();
    assert_eq!(last.action, "restore");
    assert_eq!(
        last.comment.as_deref(),
        Some("Khôi phục nội dung phiên bản 1.")
    );

    // After approval: the old content becomes a revision to review; readers keep the new one.
    let p = app.article_at(Stage::Published, "author").await;
    patch(
        &app,
        &editor,
        p.id,
        1,
        json!({ "title": "Tiêu đề đã duyệt lại" }),
    )
    .await
    .expect(200);
    let approved = approve_revision(&app, p.id, 2).await;
    assert_eq!(approved.title, "Tiêu đề đã duyệt lại");
    let res = app.send(restore(p.id, 1, approved.version)).await;
    res.expect(200);
    let restored = article(&res);
    assert_eq!(restored.title, "Tiêu đề đã duyệt lại");
    assert_eq!(revision_of(&restored).title, p.title);
    assert_eq!(revision_of(&restored).stage, Stage::Editing);
    assert_eq!(
        public_article(&app, p.id).await.title,
        "Tiêu đề đã duyệt lại"
    );
    let last = app.store.history(p.id).await.unwrap().pop().unwrap();
    assert_eq!(last.action, "revision_restore");
}

#[tokio::test]
async fn a_removal_drops_the_pending_revision() {
    let app = TestApp::new().await;
    let editor = app.login("editor").await;
    let chief = app.login("chief").await;
    let a = app.article_at(Stage::Published, "author").await;
    patch(&app, &editor, a.id, 1, json!({ "title": "Sửa rồi gỡ" }))
        .await
        .expect(200);
    let res = transition(
        &app,
        &editor,
        a.id,
        2,
        Stage::RemovalRequested,
        Some("Sai số liệu"),
    )
    .await;
    res.expect(200);
    assert!(article(&res).revision.is_some(), "a request alone keeps it");
    let res = transition(&app, &chief, a.id, 3, Stage::Removed, Some("Đồng ý gỡ")).await;
    res.expect(200);
    assert!(article(&res).revision.is_none());
    patch(&app, &editor, a.id, 4, json!({ "title": "Không được" }))
        .await
        .expect(409);
}

#[tokio::test]
async fn hostile_revisions_are_refused_whole() {
    let app = TestApp::new().await;
    let editor = app.login("editor").await;
    let a = app.article_at(Stage::Published, "author").await;
    let long = "Đ".repeat(10_000);
    for (case, body) in [
        ("10,000-character title", json!({ "title": long })),
        ("empty title", json!({ "title": "   " })),
        ("wrong type", json!({ "title": 7 })),
        ("unknown field", json!({ "stage": "draft" })),
    ] {
        let res = patch(&app, &editor, a.id, 1, body).await;
        assert!(
            matches!(res.status.as_u16(), 400 | 422),
            "{case}: {}",
            res.status
        );
    }
    // Nothing was half-written.
    let stored = app.store.article(a.id).await.unwrap().unwrap();
    assert_eq!(stored.version, 1);
    assert!(stored.revision.is_none());
    // Text that looks like markup is kept as text in the revision, readers see none of it.
    let res = patch(
        &app,
        &editor,
        a.id,
        1,
        json!({ "title": "<script>alert(1)</script> 🇻🇳 שלום" }),
    )
    .await;
    res.expect(200);
    assert_eq!(
        revision_of(&article(&res)).title,
        "<script>alert(1)</script> 🇻🇳 שלום"
    );
    let public: Value = app
        .get(&format!("/api/v1/public/articles/{}", a.id), None)
        .await
        .json();
    assert!(!public.to_string().contains("script"));
}

#[tokio::test]
async fn the_boards_bookkeeping_on_a_published_article_needs_no_revision() {
    let app = TestApp::new().await;
    let editor = app.login("editor").await;
    let a = app.article_at(Stage::Published, "author").await;
    let mut shares = serde_json::to_value(&a.authors).unwrap();
    shares[0]["share"] = json!(100);
    let res = patch(
        &app,
        &editor,
        a.id,
        1,
        json!({ "model_example": true, "channels": ["portal", "press"], "authors": shares }),
    )
    .await;
    res.expect(200);
    let saved = article(&res);
    assert!(saved.revision.is_none());
    assert!(saved.model_example);
    assert_eq!(saved.channels.len(), 2);
    assert_eq!(
        app.store.history(a.id).await.unwrap().pop().unwrap().action,
        "update"
    );

    // With a revision pending, the flag goes to both; a new byline only to the revision.
    patch(&app, &editor, a.id, 2, json!({ "lead": "Sapo chờ duyệt." }))
        .await
        .expect(200);
    let res = patch(
        &app,
        &editor,
        a.id,
        3,
        json!({ "model_example": false, "authors": [{ "name": "Phóng viên mới", "share": 100 }] }),
    )
    .await;
    res.expect(200);
    let saved = article(&res);
    assert!(!saved.model_example);
    assert_eq!(saved.authors, a.authors, "the byline readers see stays");
    let revision = revision_of(&saved);
    assert!(!revision.model_example);
    assert_eq!(revision.authors[0].name, "Phóng viên mới");
    assert_eq!(revision.lead, "Sapo chờ duyệt.");
}

#[tokio::test]
async fn a_revision_waits_in_my_work_of_whoever_takes_its_next_step() {
    let app = TestApp::new().await;
    let editor = app.login("editor").await;
    let secretary = app.login("secretary").await;
    let a = app.article_at(Stage::Published, "author").await;
    let in_group = |work: &Value, stage: &str| -> Vec<(i64, Option<String>)> {
        work["groups"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|g| g["stage"] == stage)
            .flat_map(|g| g["items"].as_array().unwrap().clone())
            .map(|i| {
                (
                    i["id"].as_i64().unwrap(),
                    i["revision_stage"].as_str().map(str::to_string),
                )
            })
            .collect()
    };
    patch(
        &app,
        &editor,
        a.id,
        1,
        json!({ "title": "Tiêu đề sửa đổi" }),
    )
    .await
    .expect(200);
    let work = app.get("/api/v1/my-work", Some(&editor)).await.json();
    assert_eq!(
        in_group(&work, "editing"),
        [(a.id, Some("editing".to_string()))],
        "{work}"
    );
    move_revision(&app, &editor, a.id, 2, Stage::Review, None)
        .await
        .expect(200);
    let work = app.get("/api/v1/my-work", Some(&secretary)).await.json();
    assert_eq!(
        in_group(&work, "review"),
        [(a.id, Some("review".to_string()))]
    );
    assert!(in_group(
        &app.get("/api/v1/my-work", Some(&editor)).await.json(),
        "editing"
    )
    .is_empty());
}
