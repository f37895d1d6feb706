//! Fraud reports (Official Dispatch 1466): filing, who sees what, new → verified →
//! communicated with history and audit, bad inputs, preconditions, and the warning article
//! drafted once from a report.

use crate::common::*;
use axum::http::Method;
use chrono::Duration;
use portal_contract::fraud::{FraudReport, FraudReportSummary, FraudState};
use portal_contract::{Article, Page, Stage, Topic};
use portal_server::fraud::FraudEvent;
use portal_server::store::NewAudit;
use serde_json::{json, Value};

/// A valid body for `POST /fraud-reports` (two days before the test clock).
pub fn new_report() -> Value {
    json!({
        "occurred_at": "2026-02-14T02:30:00Z",
        "location": "Xã Tân Lập, huyện Đồng Phú",
        "channel": "phone",
        "description": "Đối tượng xưng là cán bộ BHXH huyện, yêu cầu đọc mã OTP để “nhận lại tiền BHXH tự nguyện”.",
        "amount": 1_234_000,
        "people_affected": 2,
        "evidence_url": "https://example.vn/ghi-am/123",
        "office": "BHXH huyện Đồng Phú",
    })
}

/// A report filed by `reporter`, moved to `state` straight in the store.
pub async fn report_at(app: &TestApp, state: FraudState, reporter: &str) -> FraudReport {
    let by = app.user(reporter).clone();
    let it = app.user("it_centre").clone();
    let comms = app.user("communication_centre").clone();
    let now = app.clock_now();
    let store = app.store.fraud();
    let report = FraudReport {
        id: 0,
        occurred_at: now - Duration::days(1),
        location: "Phường Tân Bình".into(),
        channel: portal_contract::fraud::FraudChannel::Sms,
        description: "Tin nhắn mạo danh BHXH kèm đường dẫn lạ.".into(),
        amount: 0,
        people_affected: 4,
        evidence_url: None,
        office: "BHXH thành phố Đồng Xoài".into(),
        state: FraudState::New,
        article_id: None,
        reported_by: by.id,
        reported_by_name: by.full_name.clone(),
        created_at: now,
        updated_at: now,
        history: vec![],
        version: 1,
    };
    let event = |u: &portal_contract::User, action: &str, from, to| FraudEvent {
        at: now,
        actor_id: u.id,
        actor_name: u.full_name.clone(),
        action: action.into(),
        from_state: from,
        to_state: Some(to),
        comment: None,
    };
    let audit =
        |u: &portal_contract::User| NewAudit::success(now, u, "fraud_report.test", None, None);
    let mut r = store
        .insert_report(
            &report,
            event(&by, "create", None, FraudState::New),
            audit(&by),
        )
        .await
        .expect("report");
    if state != FraudState::New {
        r = store
            .change_state(
                r.id,
                r.version,
                event(&it, "verify", Some(FraudState::New), FraudState::Verified),
                audit(&it),
            )
            .await
            .expect("verify");
    }
    if state == FraudState::Communicated {
        r = store
            .change_state(
                r.id,
                r.version,
                event(
                    &comms,
                    "communicate",
                    Some(FraudState::Verified),
                    FraudState::Communicated,
                ),
                audit(&comms),
            )
            .await
            .expect("communicate");
    }
    r
}

fn report(res: &Resp) -> FraudReport {
    serde_json::from_slice(&res.body).expect("fraud report")
}

async fn file(app: &TestApp, cookie: &str, body: &Value) -> Resp {
    app.send(
        Call::new(Method::POST, "/api/v1/fraud-reports")
            .cookie(Some(cookie))
            .json(body),
    )
    .await
}

async fn act(app: &TestApp, cookie: &str, id: i64, version: i64, body: Value) -> Resp {
    app.send(
        Call::new(
            Method::POST,
            &format!("/api/v1/fraud-reports/{id}/transitions"),
        )
        .cookie(Some(cookie))
        .if_match(version)
        .json(&body),
    )
    .await
}

async fn draft_warning(app: &TestApp, cookie: &str, id: i64, version: i64) -> Resp {
    app.send(
        Call::new(
            Method::POST,
            &format!("/api/v1/fraud-reports/{id}/warning-article"),
        )
        .cookie(Some(cookie))
        .if_match(version),
    )
    .await
}

async fn audit_actions(app: &TestApp) -> Vec<(String, Option<String>)> {
    app.store
        .list_audit(&portal_server::store::AuditQuery {
            page: 1,
            per_page: 200,
            filter: Default::default(),
        })
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|a| (a.action, a.target))
        .collect()
}

#[tokio::test]
async fn a_report_goes_from_new_to_verified_to_communicated_with_history_and_audit() {
    let app = TestApp::new().await;
    let local = app.login("local_office").await;
    let it = app.login("it_centre").await;
    let comms = app.login("communication_centre").await;

    let res = file(&app, &local, &new_report()).await;
    res.expect(201);
    let r = report(&res);
    assert_eq!(
        res.header("location").as_deref(),
        Some(format!("/api/v1/fraud-reports/{}", r.id).as_str())
    );
    assert_eq!(res.etag().as_deref(), Some("\"1\""));
    assert_eq!(r.state, FraudState::New);
    assert_eq!(r.amount, 1_234_000);
    assert_eq!(r.reported_by, app.user("local_office").id);
    assert_eq!(r.history.len(), 1);
    assert_eq!(r.history[0].action, "create");

    // The communication centre cannot communicate what the IT Centre has not verified.
    let early = act(&app, &comms, r.id, 1, json!({"action": "communicate"})).await;
    early.expect(409);
    // Nor can the local office verify its own report.
    act(&app, &local, r.id, 1, json!({"action": "verify"}))
        .await
        .expect(403);

    let res = act(
        &app,
        &it,
        r.id,
        1,
        json!({"action": "verify", "comment": "Số điện thoại không phải của ngành BHXH."}),
    )
    .await;
    res.expect(200);
    let r = report(&res);
    assert_eq!(r.state, FraudState::Verified);
    assert_eq!(r.version, 2);
    assert_eq!(res.etag().as_deref(), Some("\"2\""));
    // Verifying twice is a conflict, not a second history line.
    act(&app, &it, r.id, 2, json!({"action": "verify"}))
        .await
        .expect(409);

    app.clock.advance(Duration::minutes(10));
    let res = act(&app, &comms, r.id, 2, json!({"action": "communicate"})).await;
    res.expect(200);
    let r = report(&res);
    assert_eq!(r.state, FraudState::Communicated);
    let lines: Vec<(&str, Option<FraudState>, Option<FraudState>, &str)> = r
        .history
        .iter()
        .map(|h| {
            (
                h.action.as_str(),
                h.from_state,
                h.to_state,
                h.actor_name.as_str(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            (
                "create",
                None,
                Some(FraudState::New),
                "Người dùng local_office"
            ),
            (
                "verify",
                Some(FraudState::New),
                Some(FraudState::Verified),
                "Người dùng it_centre"
            ),
            (
                "communicate",
                Some(FraudState::Verified),
                Some(FraudState::Communicated),
                "Người dùng communication_centre"
            ),
        ]
    );
    assert_eq!(
        r.history[1].comment.as_deref(),
        Some("Số điện thoại không phải của ngành BHXH.")
    );
    assert_eq!(r.history[2].at - r.history[1].at, Duration::minutes(10));

    let target = Some(format!("fraud_report:{}", r.id));
    let audit = audit_actions(&app).await;
    for action in [
        "fraud_report.create",
        "fraud_report.verify",
        "fraud_report.communicate",
    ] {
        assert!(
            audit.contains(&(action.to_string(), target.clone())),
            "{action} in {audit:?}"
        );
    }
}

#[tokio::test]
async fn local_offices_see_their_own_reports_and_the_centres_see_all() {
    let mut app = TestApp::new().await;
    app.add_user("local_office2", &[portal_contract::Role::LocalOffice])
        .await;
    let mine = report_at(&app, FraudState::New, "local_office").await;
    let theirs = report_at(&app, FraudState::Verified, "local_office2").await;
    let local = app.login("local_office").await;
    let list: Page<FraudReportSummary> =
        serde_json::from_slice(&app.get("/api/v1/fraud-reports", Some(&local)).await.body).unwrap();
    assert_eq!(
        list.items.iter().map(|r| r.id).collect::<Vec<_>>(),
        [mine.id]
    );
    assert_eq!(list.total, 1);
    app.get(
        &format!("/api/v1/fraud-reports/{}", theirs.id),
        Some(&local),
    )
    .await
    .expect(403);
    let it = app.login("it_centre").await;
    let all = app.get("/api/v1/fraud-reports", Some(&it)).await;
    all.expect(200);
    assert_eq!(all.json()["total"], 2);
    app.get("/api/v1/fraud-reports/999999", Some(&it))
        .await
        .expect(404);
    app.get("/api/v1/fraud-reports/abc", Some(&it))
        .await
        .expect(400);
    // An editor of the board has no business with them; nor has the administrator.
    for who in ["editor", "admin", "author"] {
        let cookie = app.login(who).await;
        app.get("/api/v1/fraud-reports", Some(&cookie))
            .await
            .expect(403);
    }
    app.get("/api/v1/fraud-reports", None).await.expect(401);
}

#[tokio::test]
async fn the_list_filters_by_state_and_channel() {
    let app = TestApp::new().await;
    let a = report_at(&app, FraudState::New, "local_office").await;
    let b = report_at(&app, FraudState::Verified, "local_office").await;
    let c = report_at(&app, FraudState::Communicated, "local_office").await;
    let local = app.login("local_office").await;
    let mut phone = new_report();
    phone["channel"] = json!("fake_website");
    let d = report(file(&app, &local, &phone).await.expect(201));
    let chief = app.login("chief").await;
    let ids = |path: &str| {
        let app = &app;
        let chief = chief.clone();
        let path = path.to_string();
        async move {
            let res = app.get(&path, Some(&chief)).await;
            res.expect(200);
            let page: Page<FraudReportSummary> = serde_json::from_slice(&res.body).unwrap();
            let mut ids: Vec<i64> = page.items.iter().map(|r| r.id).collect();
            ids.sort();
            ids
        }
    };
    assert_eq!(
        ids("/api/v1/fraud-reports?state=new,verified").await,
        [a.id, b.id, d.id]
    );
    assert_eq!(
        ids("/api/v1/fraud-reports?state=communicated").await,
        [c.id]
    );
    assert_eq!(
        ids("/api/v1/fraud-reports?channel=fake_website").await,
        [d.id]
    );
    assert_eq!(
        ids("/api/v1/fraud-reports?channel=sms&state=new").await,
        [a.id]
    );
    assert_eq!(
        ids("/api/v1/fraud-reports?per_page=2&page=2").await.len(),
        2
    );
    for bad in [
        "/api/v1/fraud-reports?state=closed",
        "/api/v1/fraud-reports?channel=fax",
        "/api/v1/fraud-reports?per_page=0",
        "/api/v1/fraud-reports?sort=amount",
    ] {
        let res = app.get(bad, Some(&chief)).await;
        res.expect(400);
        assert!(!res.problem().errors.is_empty(), "{bad}");
    }
}

#[tokio::test]
async fn bad_inputs_are_refused_with_field_errors() {
    let app = TestApp::new().await;
    let local = app.login("local_office").await;
    let with = |field: &str, value: Value| {
        let mut body = new_report();
        body[field] = value;
        body
    };
    let cases: Vec<(Value, &str, &str)> = vec![
        (with("amount", json!(-1)), "amount", "out_of_range"),
        (
            with("amount", json!(1_000_000_000_001_i64)),
            "amount",
            "out_of_range",
        ),
        (with("amount", json!(12.5)), "amount", "invalid_type"),
        (
            with("people_affected", json!(-3)),
            "people_affected",
            "out_of_range",
        ),
        (
            with("evidence_url", json!("javascript:alert(1)")),
            "evidence_url",
            "invalid_url",
        ),
        (
            with("evidence_url", json!("ftp://example.vn/x")),
            "evidence_url",
            "invalid_url",
        ),
        (
            with("evidence_url", json!("example.vn/x")),
            "evidence_url",
            "invalid_url",
        ),
        (with("channel", json!("fax")), "channel", "invalid_value"),
        (
            with("occurred_at", json!("2026-02-17T01:30:00Z")),
            "occurred_at",
            "in_future",
        ),
        (
            with("occurred_at", json!("1999-12-31T00:00:00Z")),
            "occurred_at",
            "out_of_range",
        ),
        (
            with("occurred_at", json!("16/02/2026")),
            "occurred_at",
            "invalid_value",
        ),
        (
            with("description", json!("x".repeat(5001))),
            "description",
            "too_long",
        ),
        (with("description", json!("   ")), "description", "required"),
        (
            with("location", json!("a".repeat(10_000))),
            "location",
            "too_long",
        ),
        (
            with("location", json!("Xã A\u{0}")),
            "location",
            "invalid_characters",
        ),
        (with("office", json!("")), "office", "required"),
        (with("extra", json!(1)), "extra", "unknown_field"),
    ];
    for (body, field, code) in cases {
        let res = file(&app, &local, &body).await;
        assert_eq!(
            res.status.as_u16(),
            422,
            "{field}: {}",
            String::from_utf8_lossy(&res.body)
        );
        let p = res.problem();
        assert!(
            p.errors.iter().any(|e| e.field == field && e.code == code),
            "{field}/{code}: {:?}",
            p.errors
        );
        assert!(p.errors.iter().all(|e| !e.message.is_empty()));
    }
    let mut missing = new_report();
    missing.as_object_mut().unwrap().remove("channel");
    let res = file(&app, &local, &missing).await;
    res.expect(422);
    assert_eq!(res.error_fields(), ["channel"]);

    // Syntax, media type and size are not validation.
    let raw = |ct: Option<&str>, bytes: Vec<u8>| {
        Call::new(Method::POST, "/api/v1/fraud-reports")
            .cookie(Some(&local))
            .raw(ct, bytes)
    };
    app.send(raw(Some("application/json"), b"{\"amount\":".to_vec()))
        .await
        .expect(400);
    app.send(raw(Some("text/plain"), b"hi".to_vec()))
        .await
        .expect(415);
    let mut huge = new_report();
    huge["description"] = json!("x".repeat(1_100_000));
    app.send(raw(
        Some("application/json"),
        serde_json::to_vec(&huge).unwrap(),
    ))
    .await
    .expect(413);
    // Nothing was filed by any of that.
    assert_eq!(
        app.get("/api/v1/fraud-reports", Some(&local)).await.json()["total"],
        0
    );
}

#[tokio::test]
async fn hostile_text_is_stored_as_text() {
    let app = TestApp::new().await;
    let local = app.login("local_office").await;
    let mut body = new_report();
    let hostile = "<script>alert('x')</script> 🎣 \u{202E}gnp.exe ‏مرحبا";
    body["description"] = json!(hostile);
    body["location"] = json!("<img src=x onerror=alert(1)>");
    body["evidence_url"] = json!("");
    let res = file(&app, &local, &body).await;
    res.expect(201);
    let r = report(&res);
    assert_eq!(r.description, hostile);
    assert_eq!(r.location, "<img src=x onerror=alert(1)>");
    assert_eq!(r.evidence_url, None, "an empty link is no link");
    let back = app
        .get(&format!("/api/v1/fraud-reports/{}", r.id), Some(&local))
        .await;
    assert_eq!(report(&back).description, hostile);
    assert!(back
        .header("content-type")
        .is_some_and(|c| c.starts_with("application/json")));
}

#[tokio::test]
async fn state_changes_need_the_current_version() {
    let app = TestApp::new().await;
    let r = report_at(&app, FraudState::New, "local_office").await;
    let it = app.login("it_centre").await;
    let path = format!("/api/v1/fraud-reports/{}/transitions", r.id);
    let call = || {
        Call::new(Method::POST, &path)
            .cookie(Some(&it))
            .json(&json!({"action": "verify"}))
    };
    app.send(call()).await.expect(428);
    app.send(call().header("if-match", "7")).await.expect(400);
    let stale = app.send(call().if_match(9)).await;
    stale.expect(412);
    assert_eq!(stale.problem().current.expect("current")["version"], 1);
    let long = act(
        &app,
        &it,
        r.id,
        1,
        json!({"action": "verify", "comment": "x".repeat(2001)}),
    )
    .await;
    long.expect(422);
    assert_eq!(long.error_fields(), ["comment"]);
    act(&app, &it, r.id, 1, json!({"action": "close"}))
        .await
        .expect(422);
    act(&app, &it, 999_999, 1, json!({"action": "verify"}))
        .await
        .expect(404);
    act(&app, &it, r.id, 1, json!({"action": "verify"}))
        .await
        .expect(200);
    // The old version is stale now.
    act(&app, &it, r.id, 1, json!({"action": "verify"}))
        .await
        .expect(412);
}

#[tokio::test]
async fn the_warning_article_is_drafted_once_in_the_fraud_warning_topic() {
    let app = TestApp::new().await;
    let comms = app.login("communication_centre").await;
    let fresh = report_at(&app, FraudState::New, "local_office").await;
    let res = draft_warning(&app, &comms, fresh.id, fresh.version).await;
    res.expect(409);
    assert!(res
        .problem()
        .detail
        .unwrap()
        .contains("Trung tâm Công nghệ thông tin"));

    let r = report_at(&app, FraudState::Verified, "local_office").await;
    let no_tag = Call::new(
        Method::POST,
        &format!("/api/v1/fraud-reports/{}/warning-article", r.id),
    )
    .cookie(Some(&comms));
    app.send(no_tag).await.expect(428);
    draft_warning(&app, &comms, r.id, r.version + 5)
        .await
        .expect(412);

    let first = draft_warning(&app, &comms, r.id, r.version).await;
    first.expect(201);
    let linked = report(&first);
    let article_id = linked.article_id.expect("linked");
    assert_eq!(
        first.header("location").as_deref(),
        Some(format!("/api/v1/articles/{article_id}").as_str())
    );
    assert_eq!(linked.version, r.version + 1);
    assert_eq!(linked.state, FraudState::Verified);
    let line = linked.history.last().unwrap();
    assert_eq!(line.action, "warning_article");
    assert_eq!(line.article_id, Some(article_id));

    // A second click, even with the version it had before, opens the same draft.
    let again = draft_warning(&app, &comms, r.id, r.version).await;
    again.expect(200);
    assert_eq!(report(&again).article_id, Some(article_id));
    assert_eq!(report(&again).history.len(), linked.history.len());

    // The draft went through the normal article path: a draft of the communication centre,
    // in the online-fraud warning topic, with its history and audit line.
    let res = app
        .get(&format!("/api/v1/articles/{article_id}"), Some(&comms))
        .await;
    res.expect(200);
    let a: Article = serde_json::from_slice(&res.body).unwrap();
    assert_eq!(a.stage, Stage::Draft);
    assert_eq!(a.topics, [Topic::FraudWarning]);
    assert_eq!(a.created_by, app.user("communication_centre").id);
    assert!(a.title.starts_with("Cảnh báo"), "{}", a.title);
    assert!(a.title.contains("Phường Tân Bình"), "{}", a.title);
    assert_eq!(a.version, 1);
    let history = app.store.history(article_id).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].to_stage, Some(Stage::Draft));
    let list = app
        .get("/api/v1/articles?topic=fraud_warning", Some(&comms))
        .await;
    assert_eq!(list.json()["total"], 1, "one draft, not two");
    let audit = audit_actions(&app).await;
    assert!(audit.contains(&(
        "article.create".to_string(),
        Some(format!("article:{article_id}"))
    )));
    assert!(audit.contains(&(
        "fraud_report.warning_article".to_string(),
        Some(format!("fraud_report:{}", r.id))
    )));
    // The communication centre may edit its own draft like any author.
    let res = patch(
        &app,
        &comms,
        article_id,
        1,
        json!({"lead": "Sapo đã biên tập."}),
    )
    .await;
    res.expect(200);
    // …and sends it to the editors as an author does.
    let res = transition(&app, &comms, article_id, 2, Stage::Editing, None).await;
    res.expect(200);
    // But it cannot move anyone else's draft.
    let other_draft = app.article_at(Stage::Draft, "communication_centre").await;
    let author_draft = app.article_at(Stage::Draft, "author").await;
    assert_eq!(other_draft.created_by, app.user("communication_centre").id);
    transition(&app, &comms, author_draft.id, 1, Stage::Editing, None)
        .await
        .expect(403);

    // The report can be communicated afterwards, and the link stays.
    let done = act(
        &app,
        &comms,
        r.id,
        linked.version,
        json!({"action": "communicate"}),
    )
    .await;
    done.expect(200);
    assert_eq!(report(&done).article_id, Some(article_id));
    // The IT Centre verifies but does not write articles.
    let it = app.login("it_centre").await;
    let other = report_at(&app, FraudState::Verified, "local_office").await;
    draft_warning(&app, &it, other.id, other.version)
        .await
        .expect(403);
}

#[tokio::test]
async fn the_demo_has_reports_in_every_state() {
    let store = crate::common::test_db().await.store();
    let state = portal_server::AppState::new(store.clone(), Default::default());
    portal_server::demo::seed_if_empty(&state, 5).await.unwrap();
    let page = store
        .fraud()
        .list_reports(&portal_server::fraud::FraudQuery {
            page: 1,
            per_page: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    for s in FraudState::ALL {
        let n = page.items.iter().filter(|r| r.state == s).count();
        assert!(n >= 2, "{s:?}: {n}");
    }
    for item in &page.items {
        let r = store.fraud().get_report(item.id).await.unwrap().unwrap();
        let expected = match r.state {
            FraudState::New => 1,
            FraudState::Verified => 2,
            FraudState::Communicated => 3,
        };
        assert_eq!(r.history.len(), expected, "{}", r.location);
        assert!(r.occurred_at < r.created_at);
    }
}
