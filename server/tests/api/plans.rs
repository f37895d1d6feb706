//! The annual operation plan and the spokesperson: roles, states, versions, validation.

use crate::common::*;
use axum::http::Method;
use chrono::Duration;
use portal_contract::plans::{Plan, PlanContent, PlanHistoryEntry, PlanState};
use portal_contract::spokesperson::{PublicSpokesperson, Spokesperson, SpokespersonVersion};
use serde_json::{json, Value};

fn plan(res: &Resp) -> Plan {
    serde_json::from_slice(&res.body)
        .unwrap_or_else(|e| panic!("{e}: {} {}", res.status, String::from_utf8_lossy(&res.body)))
}

async fn post(app: &TestApp, cookie: &str, path: &str, version: Option<i64>, body: Value) -> Resp {
    let mut call = Call::new(Method::POST, path)
        .cookie(Some(cookie))
        .json(&body);
    if let Some(v) = version {
        call = call.if_match(v);
    }
    app.send(call).await
}

async fn patch_plan(app: &TestApp, cookie: &str, p: &Plan, content: &PlanContent) -> Resp {
    patch_json(
        app,
        cookie,
        &format!("/api/v1/plans/{}", p.id),
        p.version,
        json!({ "content": content }),
    )
    .await
}

async fn act(app: &TestApp, cookie: &str, p: &Plan, action: &str, comment: Option<&str>) -> Resp {
    post(
        app,
        cookie,
        &format!("/api/v1/plans/{}/transitions", p.id),
        Some(p.version),
        json!({ "action": action, "comment": comment }),
    )
    .await
}

fn complete(mut c: PlanContent) -> PlanContent {
    c.objectives = "Tuyên truyền chính sách BHXH, BHYT đến mọi người dân.".into();
    for m in &mut c.months {
        m.theme = format!("Chủ đề tháng {}", m.month);
        m.responsible = "Phòng Truyền thông".into();
    }
    c.royalty_budget = 120_000_000;
    c
}

#[tokio::test]
async fn the_board_drafts_and_the_director_decides() {
    let app = TestApp::new().await;
    let editor = app.login("editor").await;
    let director = app.login("director").await;
    let author = app.login("author").await;

    post(
        &app,
        &director,
        "/api/v1/plans",
        None,
        json!({"year": 2027}),
    )
    .await
    .expect(403);
    app.get("/api/v1/plans", Some(&author)).await.expect(403);
    let res = post(&app, &editor, "/api/v1/plans", None, json!({"year": 2027})).await;
    res.expect(201);
    assert!(res
        .header("location")
        .unwrap()
        .starts_with("/api/v1/plans/"));
    let v1 = plan(&res);
    assert_eq!((v1.version_no, v1.state), (1, PlanState::Draft));
    assert_eq!(v1.content.months.len(), 12);
    assert!(v1.content.months[6]
        .occasions
        .iter()
        .any(|o| o.name.contains("Bảo hiểm y tế")));
    post(&app, &editor, "/api/v1/plans", None, json!({"year": 2027}))
        .await
        .expect(409);
    let bad_year = post(&app, &editor, "/api/v1/plans", None, json!({"year": 1999})).await;
    bad_year.expect(422);
    assert_eq!(bad_year.error_fields(), ["year"]);

    // Submitting an incomplete plan names what is missing.
    let res = act(&app, &editor, &v1, "submit", None).await;
    res.expect(422);
    let fields = res.error_fields();
    assert!(
        fields.contains(&"content.objectives".to_string()),
        "{fields:?}"
    );
    assert!(
        fields.contains(&"content.months[0].theme".to_string()),
        "{fields:?}"
    );

    // Invalid content is refused field by field and nothing is written.
    let mut bad = v1.content.clone();
    bad.months[2].news_norm = 5000;
    let res = patch_plan(&app, &editor, &v1, &bad).await;
    res.expect(422);
    assert_eq!(res.error_fields(), ["months[2].news_norm"]);
    let res = patch_plan(&app, &director, &v1, &complete(v1.content.clone())).await;
    res.expect_for(403, "only the board edits");
    let res = patch_plan(&app, &editor, &v1, &complete(v1.content.clone())).await;
    res.expect(200);
    let v1 = plan(&res);
    assert_eq!(v1.totals.news_norm, 240);
    assert_eq!(v1.version, 2);

    // Stale and missing If-Match.
    let stale = Plan {
        version: 1,
        ..v1.clone()
    };
    patch_plan(&app, &editor, &stale, &v1.content)
        .await
        .expect(412);
    let res = app
        .send(
            Call::new(Method::PATCH, &format!("/api/v1/plans/{}", v1.id))
                .cookie(Some(&editor))
                .json(&json!({"content": v1.content})),
        )
        .await;
    res.expect(428);

    act(&app, &director, &v1, "submit", None).await.expect(403);
    let v1 = plan(act(&app, &editor, &v1, "submit", None).await.expect(200));
    assert_eq!(v1.state, PlanState::Submitted);
    assert!(v1.submitted_at.is_some());
    act(&app, &editor, &v1, "approve", None).await.expect(403);
    patch_plan(&app, &editor, &v1, &v1.content)
        .await
        .expect_for(409, "a submitted plan is not edited");

    // Return without a comment → 422; with one → draft again, comment kept.
    let res = act(&app, &director, &v1, "return", Some("   ")).await;
    res.expect(422);
    assert_eq!(res.error_fields(), ["comment"]);
    let v1 = plan(
        act(
            &app,
            &director,
            &v1,
            "return",
            Some("Bổ sung chỉ tiêu video tháng 7."),
        )
        .await
        .expect(200),
    );
    assert_eq!(v1.state, PlanState::Draft);
    assert_eq!(
        v1.return_comment.as_deref(),
        Some("Bổ sung chỉ tiêu video tháng 7.")
    );

    let mut revised = v1.content.clone();
    revised.months[6].media.video = 3;
    let v1 = plan(patch_plan(&app, &editor, &v1, &revised).await.expect(200));
    let v1 = plan(act(&app, &editor, &v1, "submit", None).await.expect(200));
    let v1 = plan(act(&app, &director, &v1, "approve", None).await.expect(200));
    assert_eq!(v1.state, PlanState::Approved);
    assert_eq!(v1.approved_by_name.as_deref(), Some("Người dùng director"));
    assert_eq!(v1.return_comment, None);

    // Approved is read-only.
    let res = patch_plan(&app, &editor, &v1, &v1.content).await;
    res.expect(409);
    act(&app, &editor, &v1, "submit", None).await.expect(409);

    // Amend: version 2 as a draft copy; version 1 stays in force.
    let res = post(
        &app,
        &editor,
        &format!("/api/v1/plans/{}/amend", v1.id),
        Some(v1.version),
        json!({}),
    )
    .await;
    assert_eq!(
        res.status.as_u16(),
        201,
        "{}",
        String::from_utf8_lossy(&res.body)
    );
    let v2 = plan(&res);
    assert_eq!((v2.version_no, v2.state), (2, PlanState::Draft));
    assert_eq!(v2.content, v1.content);
    let again = post(
        &app,
        &editor,
        &format!("/api/v1/plans/{}/amend", v1.id),
        Some(v1.version),
        json!({}),
    )
    .await;
    again.expect_for(409, "one open version per year");
    let mut changed = v2.content.clone();
    changed.months[0].news_norm = 25;
    let v2 = plan(patch_plan(&app, &editor, &v2, &changed).await.expect(200));
    let still: Plan = plan(
        &app.get(&format!("/api/v1/plans/{}", v1.id), Some(&editor))
            .await,
    );
    assert_eq!(still.state, PlanState::Approved);
    assert_eq!(still.content.months[0].news_norm, 20);
    let v2 = plan(act(&app, &editor, &v2, "submit", None).await.expect(200));
    let v2 = plan(act(&app, &director, &v2, "approve", None).await.expect(200));
    assert_eq!(v2.state, PlanState::Approved);
    let v1_now: Plan = plan(
        &app.get(&format!("/api/v1/plans/{}", v1.id), Some(&editor))
            .await,
    );
    assert_eq!(v1_now.state, PlanState::Superseded);

    let list = app
        .get("/api/v1/plans?year=2027", Some(&director))
        .await
        .json();
    assert_eq!(list["total"], 2);
    assert_eq!(list["items"][0]["version_no"], 2);
    let history: Vec<PlanHistoryEntry> = serde_json::from_slice(
        &app.get(&format!("/api/v1/plans/{}/history", v2.id), Some(&editor))
            .await
            .body,
    )
    .unwrap();
    let actions: Vec<&str> = history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "create",
            "edit",
            "submit",
            "return",
            "edit",
            "submit",
            "approve",
            "amend",
            "edit",
            "submit",
            "supersede",
            "approve"
        ]
    );
    assert_eq!(
        history[3].comment.as_deref(),
        Some("Bổ sung chỉ tiêu video tháng 7.")
    );
    assert_eq!(history[3].actor_name, "Người dùng director");
}

#[tokio::test]
async fn hostile_text_is_kept_as_text_and_bad_shapes_are_refused() {
    let app = TestApp::new().await;
    let editor = app.login("editor").await;
    let v1 = plan(&post(&app, &editor, "/api/v1/plans", None, json!({"year": 2026})).await);
    let mut c = v1.content.clone();
    c.objectives = "<script>alert(1)</script> 🎉 مرحبا Bảo hiểm".into();
    c.months[0].theme = "x".repeat(10_000);
    let res = patch_plan(&app, &editor, &v1, &c).await;
    assert_eq!(res.error_fields(), ["months[0].theme"]);
    c.months[0].theme = "Tết".into();
    let saved = plan(patch_plan(&app, &editor, &v1, &c).await.expect(200));
    assert_eq!(saved.content.objectives, c.objectives);
    for body in [
        json!({"content": {"months": []}}),
        json!({"content": {"months": "twelve"}}),
        json!({"content": {"months": [], "extra": 1}}),
        json!({}),
    ] {
        let res = app
            .send(
                Call::new(Method::PATCH, &format!("/api/v1/plans/{}", v1.id))
                    .cookie(Some(&editor))
                    .if_match(saved.version)
                    .json(&body),
            )
            .await;
        assert_eq!(res.status.as_u16(), 422, "{body}");
    }
    let res = app.get("/api/v1/plans/999", Some(&editor)).await;
    res.expect(404);
}

fn contact(phone: &str, email: &str) -> Value {
    json!({
        "full_name": "Nguyễn Thị Lan",
        "position": "Phó Giám đốc",
        "unit": "Bảo hiểm xã hội tỉnh",
        "phone": phone,
        "email": email,
    })
}

async fn put_spokesperson(app: &TestApp, cookie: &str, version: i64, body: Value) -> Resp {
    app.send(
        Call::new(Method::PUT, "/api/v1/spokesperson")
            .cookie(Some(cookie))
            .if_match(version)
            .json(&body),
    )
    .await
}

#[tokio::test]
async fn spokesperson_validation_versions_public_and_staleness() {
    let app = TestApp::new().await;
    let secretary = app.login("secretary").await;
    let editor = app.login("editor").await;
    app.get("/api/v1/public/spokesperson", None)
        .await
        .expect(404);
    let empty: Spokesperson =
        serde_json::from_slice(&app.get("/api/v1/spokesperson", Some(&editor)).await.body).unwrap();
    assert_eq!((empty.version, empty.stale), (0, true));

    let table = [
        ("0912345678", "phatngon@bhxh.gov.vn", None),
        ("+84 912 345 678", "phatngon@bhxh.gov.vn", None),
        ("(024) 3825 1234", "phatngon@bhxh.gov.vn", None),
        (
            "0112345678",
            "phatngon@bhxh.gov.vn",
            Some("spokesperson.phone"),
        ),
        (
            "091234567",
            "phatngon@bhxh.gov.vn",
            Some("spokesperson.phone"),
        ),
        ("0912345678", "phatngon@bhxh", Some("spokesperson.email")),
        ("0912345678", "<script>@x.vn", Some("spokesperson.email")),
        ("", "phatngon@bhxh.gov.vn", Some("spokesperson.phone")),
    ];
    let mut version = 0;
    for (phone, email, error) in table {
        let res = put_spokesperson(
            &app,
            &secretary,
            version,
            json!({"content": {"spokesperson": contact(phone, email)}}),
        )
        .await;
        match error {
            None => {
                assert_eq!(
                    res.status.as_u16(),
                    200,
                    "{phone} {email}: {}",
                    String::from_utf8_lossy(&res.body)
                );
                version += 1;
                let s: Spokesperson = serde_json::from_slice(&res.body).unwrap();
                assert_eq!(s.version, version);
                assert_eq!(s.content.spokesperson.phone, phone, "kept as typed");
            }
            Some(field) => {
                assert_eq!(res.status.as_u16(), 422, "{phone} {email}");
                assert_eq!(res.error_fields(), [field], "{phone} {email}");
            }
        }
    }
    assert_eq!(version, 3);
    let stale = put_spokesperson(
        &app,
        &secretary,
        1,
        json!({"content": {"spokesperson": contact("0912345678", "a@b.vn")}}),
    )
    .await;
    stale.expect(412);
    assert_eq!(stale.problem().current.unwrap()["version"], 3);
    put_spokesperson(
        &app,
        &editor,
        3,
        json!({"content": {"spokesperson": contact("0912345678", "a@b.vn")}}),
    )
    .await
    .expect(403);

    let res = put_spokesperson(
        &app,
        &secretary,
        3,
        json!({"content": {"spokesperson": contact("0987654321", "lan.nt@bhxh.gov.vn"), "press_info": "Liên hệ giờ hành chính.", "deputy": contact("02363822123", "pho@bhxh.gov.vn")}}),
    )
    .await;
    res.expect(200);
    assert_eq!(res.etag().as_deref(), Some("\"4\""));
    let public: PublicSpokesperson =
        serde_json::from_slice(&app.get("/api/v1/public/spokesperson", None).await.body).unwrap();
    assert_eq!(public.spokesperson.phone, "0987654321");
    assert_eq!(public.deputy.unwrap().email, "pho@bhxh.gov.vn");
    let versions: Vec<SpokespersonVersion> = serde_json::from_slice(
        &app.get("/api/v1/spokesperson/versions", Some(&editor))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(
        versions.iter().map(|v| v.version).collect::<Vec<_>>(),
        [4, 3, 2, 1]
    );

    app.clock.advance(Duration::days(91));
    let editor = app.login("editor").await;
    let secretary = app.login("secretary").await;
    let s: Spokesperson =
        serde_json::from_slice(&app.get("/api/v1/spokesperson", Some(&editor)).await.body).unwrap();
    assert!(s.stale, "not confirmed for 91 days");
    let res = app
        .send(
            Call::new(Method::POST, "/api/v1/spokesperson/confirm")
                .cookie(Some(&secretary))
                .if_match(4),
        )
        .await;
    res.expect(200);
    let s: Spokesperson = serde_json::from_slice(&res.body).unwrap();
    assert!(!s.stale);
    assert_eq!(s.version, 5);
    assert_eq!(
        s.updated_at,
        Some(versions[0].at),
        "confirming does not change the details' date"
    );
}

#[tokio::test]
async fn norm_progress_counts_by_local_month_against_the_approved_plan() {
    use chrono::{TimeZone, Utc};
    use portal_contract::plans::{NormProgress, NormSource};
    use portal_contract::{Kind, Stage};
    let app = TestApp::new().await;
    let at = |y, m, d, h, min| Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap();
    let to = |t: chrono::DateTime<Utc>| app.clock.advance(t - app.clock_now());
    // 28/02 23:30 in Hà Nội is 16:30 UTC: February. 01/03 00:30 in Hà Nội is 17:30 UTC on 28/02.
    to(at(2026, 2, 28, 16, 30));
    app.article_of_kind(Stage::Published, "editor", Kind::News)
        .await;
    to(at(2026, 2, 28, 17, 30));
    app.article_of_kind(Stage::Published, "editor", Kind::News)
        .await;
    app.article_of_kind(Stage::Published, "editor", Kind::Article)
        .await;
    app.article_of_kind(Stage::Published, "editor", Kind::InDepth)
        .await;
    app.article_of_kind(Stage::Published, "editor", Kind::Video)
        .await;
    app.article_of_kind(Stage::Draft, "editor", Kind::News)
        .await;
    to(at(2026, 3, 9, 3, 0)); // 09/03 10:00 local
    let cookie = app.login("chief").await;
    let get = |path: &'static str| {
        let app = &app;
        let cookie = cookie.clone();
        async move {
            let res = app.get(path, Some(&cookie)).await;
            assert_eq!(
                res.status.as_u16(),
                200,
                "{}",
                String::from_utf8_lossy(&res.body)
            );
            serde_json::from_slice::<NormProgress>(&res.body).unwrap()
        }
    };
    let feb = get("/api/v1/norms/progress?year=2026&month=2").await;
    assert_eq!((feb.news_published, feb.articles_published), (1, 0));
    assert_eq!((feb.days_in_month, feb.days_left), (28, 0));
    let march = get("/api/v1/norms/progress").await;
    assert_eq!((march.year, march.month), (2026, 3));
    assert_eq!(
        (march.news_published, march.articles_published),
        (1, 2),
        "video is not in the norms"
    );
    assert_eq!(march.days_left, 31 - 9);
    assert_eq!(march.source, NormSource::Default);
    assert_eq!((march.news_norm, march.article_norm), (20, 4));

    // With an approved plan, its March norms count.
    let editor = app.login("editor").await;
    let director = app.login("director").await;
    let v1 = plan(&post(&app, &editor, "/api/v1/plans", None, json!({"year": 2026})).await);
    let mut c = complete(v1.content.clone());
    c.months[2].news_norm = 31;
    c.months[2].article_norm = 6;
    let v1 = plan(patch_plan(&app, &editor, &v1, &c).await.expect(200));
    let v1 = plan(act(&app, &editor, &v1, "submit", None).await.expect(200));
    let v1 = plan(act(&app, &director, &v1, "approve", None).await.expect(200));
    let march = get("/api/v1/norms/progress").await;
    assert_eq!(march.source, NormSource::Plan);
    assert_eq!(march.plan_id, Some(v1.id));
    assert_eq!((march.news_norm, march.article_norm), (31, 6));
    let res = app
        .get("/api/v1/norms/progress?month=13", Some(&cookie))
        .await;
    res.expect(400);
}

/// Writes that read before they write (saving the spokesperson, approving a plan) arriving
/// together on a file database with several connections: each waits its turn, none is a 500
/// "database is locked".
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_writes_on_a_file_database_wait_instead_of_failing() {
    use portal_server::config::Config;
    use portal_server::store::{SqliteStore, Store};
    use portal_server::{router, AppState};
    use std::sync::Arc;
    use tower::ServiceExt;
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("p.db").display());
    let store = Arc::new(SqliteStore::open(&url).await.unwrap());
    let state = AppState::new(store.clone() as Arc<dyn Store>, Config::default());
    portal_server::demo::seed_if_empty(&state, 20)
        .await
        .unwrap();
    let app = router(state);
    let login = |user: &'static str| {
        let app = app.clone();
        async move {
            let res = app
                .oneshot(
                    Call::new(Method::POST, "/api/v1/session")
                        .json(&json!({"username": user, "password": PASSWORD}))
                        .build(),
                )
                .await
                .unwrap();
            res.headers()["set-cookie"]
                .to_str()
                .unwrap()
                .split(';')
                .next()
                .unwrap()
                .to_string()
        }
    };
    let secretary = login("secretary").await;
    let editor = login("editor").await;
    let mut tasks = Vec::new();
    for i in 0..24 {
        let app = app.clone();
        let (cookie, call) = if i % 2 == 0 {
            let body = json!({"content": {"spokesperson": contact("0912345678", &format!("p{i}@bhxh.gov.vn"))}});
            (
                secretary.clone(),
                Call::new(Method::PUT, "/api/v1/spokesperson")
                    .if_match(1)
                    .json(&body),
            )
        } else {
            (
                editor.clone(),
                Call::new(Method::POST, "/api/v1/plans").json(&json!({"year": 2030 + i})),
            )
        };
        tasks.push(tokio::spawn(async move {
            app.oneshot(call.cookie(Some(&cookie)).build())
                .await
                .unwrap()
                .status()
                .as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    assert!(statuses.iter().all(|s| *s < 500), "{statuses:?}");
    // Exactly one save won the race for version 1; every plan was created.
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 201).count(),
        12,
        "{statuses:?}"
    );
}
