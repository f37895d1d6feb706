//! Every role × every (from, to) pair of stages, against the default workflow.

use crate::common::*;
use axum::http::Method;
use portal_contract::{default_workflow, Article, HistoryEntry, Requirement, Role, Stage};
use serde_json::json;

/// What the default workflow says `role` gets for `from → to` on an article an author
/// created.
fn expected(role: Role, from: Stage, to: Stage) -> u16 {
    // Without editorial power (the administrator, the three 1466 roles) the author's article
    // is not even visible.
    if role != Role::Author
        && !portal_contract::role_permissions(role)
            .contains(&portal_contract::Permission::ArticlesReadAll)
    {
        return 403;
    }
    match default_workflow().rule(from, to) {
        None => 409,
        Some(rule) if rule.roles.contains(&role) => 200,
        Some(_) => 403,
    }
}

#[tokio::test]
async fn every_role_times_every_stage_pair() {
    let app = TestApp::new().await;
    let workflow = default_workflow();
    let mut checked = 0;
    for (username, role) in ROLE_USERS {
        let cookie = app.login(username).await;
        for from in Stage::ALL {
            for to in Stage::ALL {
                let a = app.article_at(from, "author").await;
                let rule = workflow.rule(from, to);
                let needs_text = rule.is_some_and(|r| r.requires != Requirement::None);
                let want = expected(role, from, to);

                if want == 200 && needs_text {
                    // Without the comment or reason: 422 on `comment`, nothing written.
                    for missing in [None, Some("   ")] {
                        let res = transition(&app, &cookie, a.id, a.version, to, missing).await;
                        res.expect(422);
                        assert_eq!(
                            res.error_fields(),
                            ["comment"],
                            "{username} {from:?}→{to:?}"
                        );
                    }
                }

                let res = transition(&app, &cookie, a.id, a.version, to, Some("Ý kiến thử")).await;
                assert_eq!(
                    res.status.as_u16(),
                    want,
                    "{username} {from:?} → {to:?}: {}",
                    String::from_utf8_lossy(&res.body)
                );
                if want != 200 {
                    res.problem();
                    continue;
                }
                let moved: Article = serde_json::from_slice(&res.body).unwrap();
                assert_eq!(moved.stage, to);
                assert_eq!(moved.version, a.version + 1);
                assert_eq!(res.etag(), Some(format!("\"{}\"", a.version + 1)));
                let history: Vec<HistoryEntry> = serde_json::from_slice(
                    &app.get(&format!("/api/v1/articles/{}/history", a.id), Some(&cookie))
                        .await
                        .body,
                )
                .unwrap();
                let last = history.last().unwrap();
                assert_eq!(last.action, rule.unwrap().action);
                assert_eq!((last.from_stage, last.to_stage), (Some(from), Some(to)));
                assert_eq!(last.comment.as_deref(), Some("Ý kiến thử"));
                assert_eq!(last.actor_id, app.user(username).id);
                assert_eq!(last.version, moved.version);
                checked += 1;
            }
        }
    }
    // Each rule is allowed for each of its roles once (the Communication Centre submits only
    // its own warning drafts: tests/api/fraud.rs).
    let allowed: usize = workflow
        .transitions
        .iter()
        .map(|t| {
            t.roles
                .iter()
                .filter(|r| **r != Role::CommunicationCentre)
                .count()
        })
        .sum();
    assert_eq!(checked, allowed);
}

#[tokio::test]
async fn an_author_submits_only_articles_they_created() {
    let mut app = TestApp::new().await;
    app.add_user("author2", &[Role::Author]).await;
    // author2 is co-author of author's draft: they can see it but not submit it.
    let a = app.article_at(Stage::Draft, "author").await;
    let editor = app.login("editor").await;
    let author2_id = app.user("author2").id;
    let res = patch_json(
        &app,
        &editor,
        &format!("/api/v1/articles/{}", a.id),
        1,
        json!({ "authors": [
                    { "name": "A", "user_id": app.user("author").id, "share": 50 },
                    { "name": "B", "user_id": author2_id, "share": 50 }
                ] }),
    )
    .await;
    res.expect(200);
    let author2 = app.login("author2").await;
    app.get(&format!("/api/v1/articles/{}", a.id), Some(&author2))
        .await
        .expect(200);
    transition(&app, &author2, a.id, 2, Stage::Editing, None)
        .await
        .expect(403);
    let author = app.login("author").await;
    transition(&app, &author, a.id, 2, Stage::Editing, None)
        .await
        .expect(200);
}

#[tokio::test]
async fn transitions_need_if_match_and_the_current_version() {
    let app = TestApp::new().await;
    let cookie = app.login("editor").await;
    let a = app.article_at(Stage::Draft, "author").await;
    let path = format!("/api/v1/articles/{}/transitions", a.id);
    let res = post_json(&app, &cookie, &path, json!({ "to": "editing" })).await;
    res.expect(428);
    res.problem();

    let res = transition(&app, &cookie, a.id, 7, Stage::Editing, None).await;
    res.expect(412);
    assert_eq!(res.etag().as_deref(), Some("\"1\""));
    let current: Article = serde_json::from_value(res.problem().current.unwrap()).unwrap();
    assert_eq!(current.stage, Stage::Draft);

    transition(&app, &cookie, a.id, 1, Stage::Editing, None)
        .await
        .expect(200);
    // A second click with the old version does not move it twice.
    transition(&app, &cookie, a.id, 1, Stage::Review, None)
        .await
        .expect(412);
}

#[tokio::test]
async fn publishing_and_removal_set_their_fields() {
    let app = TestApp::new().await;
    let chief = app.login("chief").await;
    let secretary = app.login("secretary").await;
    let a = app.article_at(Stage::Approved, "author").await;
    assert_eq!(a.published_at, None);
    app.clock.advance(chrono::Duration::minutes(10));
    let res = transition(&app, &secretary, a.id, 1, Stage::Published, None).await;
    res.expect(200);
    let published: Article = serde_json::from_slice(&res.body).unwrap();
    assert_eq!(published.published_at, Some(app.clock_now()));
    assert_eq!(published.stage_changed_at, app.clock_now());

    let res = transition(
        &app,
        &secretary,
        a.id,
        2,
        Stage::RemovalRequested,
        Some("  Số liệu sai  "),
    )
    .await;
    res.expect(200);
    let requested: Article = serde_json::from_slice(&res.body).unwrap();
    assert_eq!(requested.removal_reason.as_deref(), Some("Số liệu sai"));

    let res = transition(&app, &chief, a.id, 3, Stage::Published, Some("Không gỡ")).await;
    let refused: Article = serde_json::from_slice(&res.body).unwrap();
    assert_eq!(refused.removal_reason, None);
    assert_eq!(
        refused.published_at, published.published_at,
        "first publication kept"
    );

    transition(
        &app,
        &secretary,
        a.id,
        4,
        Stage::RemovalRequested,
        Some("Trùng bài"),
    )
    .await
    .expect(200);
    let res = transition(&app, &chief, a.id, 5, Stage::Removed, Some("Đồng ý gỡ")).await;
    let removed: Article = serde_json::from_slice(&res.body).unwrap();
    assert_eq!(removed.stage, Stage::Removed);
    assert_eq!(
        removed.removal_reason.as_deref(),
        Some("Trùng bài"),
        "reason kept"
    );
}

#[tokio::test]
async fn a_whole_journey_through_the_api() {
    let app = TestApp::new().await;
    let author = app.login("author").await;
    let editor = app.login("editor").await;
    let secretary = app.login("secretary").await;
    let chief = app.login("chief").await;
    let res = create_article(&app, &author, new_article("Chi trả lương hưu trước Tết")).await;
    let id = serde_json::from_slice::<Article>(&res.body).unwrap().id;
    let steps: [(&str, Stage, Option<&str>); 5] = [
        (&author, Stage::Editing, None),
        (&editor, Stage::Draft, Some("Bổ sung số liệu")),
        (&author, Stage::Editing, None),
        (&editor, Stage::Review, None),
        (&secretary, Stage::PendingApproval, None),
    ];
    for (version, (cookie, to, comment)) in (1..).zip(steps) {
        let res = transition(&app, cookie, id, version, to, comment).await;
        res.expect(200);
    }

    // The bare draft fails the publish checklist: approval is refused, naming each item.
    let refused = transition(&app, &chief, id, 6, Stage::Approved, None).await;
    refused.expect(422);
    let problem = refused.problem();
    let mut fields: Vec<String> = problem.errors.iter().map(|e| e.field.clone()).collect();
    fields.sort();
    assert_eq!(
        fields,
        [
            "checklist.author_source",
            "checklist.body_length",
            "checklist.confidentiality",
            "checklist.facts_verified",
            "checklist.lead_present",
            "checklist.section_topic",
            "checklist.spelling",
        ]
    );
    assert!(problem.errors.iter().all(|e| e.code == "checklist_failed"));
    let lead = problem
        .errors
        .iter()
        .find(|e| e.field == "checklist.lead_present")
        .unwrap();
    assert_eq!(lead.message, "Chưa có sapo.");
    let unchanged: Article = serde_json::from_slice(
        &app.get(&format!("/api/v1/articles/{id}"), Some(&chief))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(
        (unchanged.stage, unchanged.version),
        (Stage::PendingApproval, 6)
    );
    assert_eq!(unchanged.checklist.failing, 7);

    // Fixing the content leaves the manual checks; ticking them too lets it through.
    let fix = |version: i64, body: serde_json::Value| {
        Call::new(Method::PATCH, &format!("/api/v1/articles/{id}"))
            .cookie(Some(&chief))
            .if_match(version)
            .json(&body)
    };
    let res = app
        .send(fix(
            6,
            json!({
                "lead": "Lương hưu tháng 1 và tháng 2 được chi trả cùng một đợt.",
                "section": "Chính sách bảo hiểm xã hội",
                "topics": ["bhxh"],
                "source": "BHXH tỉnh",
                "body": [{ "type": "paragraph", "spans": [{ "text": "Chi trả sớm cho người hưởng. ".repeat(12) }] }],
            }),
        ))
        .await;
    res.expect(200);
    let fixed: Article = serde_json::from_slice(&res.body).unwrap();
    assert_eq!(fixed.checklist.failing, 3);
    let refused = transition(&app, &chief, id, 7, Stage::Approved, None).await;
    refused.expect(422);
    assert_eq!(refused.error_fields().len(), 3);
    let res = app
        .send(fix(
            7,
            json!({ "checks": ["spelling", "facts_verified", "confidentiality"] }),
        ))
        .await;
    res.expect(200);
    let ticked: Article = serde_json::from_slice(&res.body).unwrap();
    assert!(ticked.checklist.passes(), "{:?}", ticked.checklist);
    assert_eq!(ticked.updated_by, app.user("chief").id);
    transition(&app, &chief, id, 8, Stage::Approved, None)
        .await
        .expect(200);
    transition(&app, &chief, id, 9, Stage::Published, None)
        .await
        .expect(200);
    let history: Vec<HistoryEntry> = serde_json::from_slice(
        &app.get(&format!("/api/v1/articles/{id}/history"), Some(&author))
            .await
            .body,
    )
    .unwrap();
    let actions: Vec<&str> = history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "create",
            "submit",
            "return",
            "submit",
            "send_to_review",
            "propose",
            "update",
            "update",
            "approve",
            "publish"
        ]
    );
    assert_eq!(history[2].comment.as_deref(), Some("Bổ sung số liệu"));
    let versions: Vec<i64> = history.iter().map(|h| h.version).collect();
    assert_eq!(versions, (1..=10).collect::<Vec<_>>());
    assert!(history
        .windows(2)
        .all(|w| w[0].id < w[1].id && w[0].at <= w[1].at));
}

#[tokio::test]
async fn the_workflow_document_is_the_default_one() {
    let app = TestApp::new().await;
    let cookie = app.login("director").await;
    let res = app.get("/api/v1/workflow", Some(&cookie)).await;
    res.expect(200);
    let w: portal_contract::Workflow = serde_json::from_slice(&res.body).unwrap();
    assert_eq!(w, default_workflow());
    assert_eq!(w.stages[3].label_vi, "Chờ duyệt");
}
