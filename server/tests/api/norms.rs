//! "Việc của tôi", norm settings and progress over a year, quarterly model articles.

use crate::common::*;
use axum::http::Method;
use chrono::{DateTime, TimeZone, Utc};
use portal_contract::duties::MyWork;
use portal_contract::duties::{QuarterStatus, QuarterlySubmission, VSS_PORTAL_EMAIL};
use portal_contract::plans::{NormProgress, NormSettings, NormSource, NormYear};
use portal_contract::{Article, Kind, Stage};
use serde_json::{json, Value};

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn move_to(app: &TestApp, t: DateTime<Utc>) {
    app.clock.advance(t - app.clock_now());
}

async fn my_work(app: &TestApp, cookie: &str, query: &str) -> MyWork {
    let res = app
        .get(&format!("/api/v1/my-work{query}"), Some(cookie))
        .await;
    res.expect(200);
    serde_json::from_slice(&res.body).unwrap()
}

fn ids_of(work: &MyWork, stage: Stage) -> Vec<i64> {
    work.groups
        .iter()
        .find(|g| g.stage == stage)
        .map(|g| g.items.iter().map(|a| a.id).collect())
        .unwrap_or_default()
}

fn stages_of(work: &MyWork) -> Vec<Stage> {
    work.groups.iter().map(|g| g.stage).collect()
}

#[tokio::test]
async fn my_work_lists_what_waits_for_each_role_oldest_first() {
    let mut app = TestApp::new().await;
    app.add_user("author2", &[portal_contract::Role::Author])
        .await;
    let next = || {
        app.clock.advance(chrono::Duration::minutes(10));
    };
    let own_draft = app.article_at(Stage::Draft, "author").await;
    next();
    let other_draft = app.article_at(Stage::Draft, "author2").await;
    next();
    let editing_new = app.article_at(Stage::Editing, "author").await;
    let review = app.article_at(Stage::Review, "author").await;
    let pending = app.article_at(Stage::PendingApproval, "author").await;
    let approved = app.article_at(Stage::Approved, "author").await;
    let scheduled = app.article_at(Stage::Approved, "author").await;
    let removal = app.article_at(Stage::RemovalRequested, "author").await;
    app.article_at(Stage::Published, "author").await;
    app.article_at(Stage::Removed, "author").await;
    // An older editing article (its stage changed before the other one's).
    let mut editing_old = app.article_at(Stage::Editing, "author").await;
    editing_old.stage_changed_at = editing_new.stage_changed_at - chrono::Duration::hours(5);
    save(&app, &editing_old).await;
    let mut s = scheduled.clone();
    s.scheduled_at = Some(app.clock_now() + chrono::Duration::days(1));
    save(&app, &s).await;

    let author = app.login("author").await;
    let work = my_work(&app, &author, "").await;
    assert_eq!(stages_of(&work), vec![Stage::Draft]);
    assert_eq!(ids_of(&work, Stage::Draft), vec![own_draft.id]);
    assert_eq!(work.total, 1);

    let editor = app.login("editor").await;
    let work = my_work(&app, &editor, "").await;
    assert_eq!(stages_of(&work), vec![Stage::Draft, Stage::Editing]);
    assert!(
        ids_of(&work, Stage::Draft).is_empty(),
        "others' drafts are their authors' work in progress"
    );
    assert_eq!(
        ids_of(&work, Stage::Editing),
        vec![editing_old.id, editing_new.id],
        "the longest waiting first"
    );
    let g = &work.groups[1];
    assert_eq!(g.actions, vec!["return", "send_to_review"]);

    let secretary = app.login("secretary").await;
    let work = my_work(&app, &secretary, "").await;
    assert_eq!(stages_of(&work), vec![Stage::Review, Stage::Approved]);
    assert_eq!(ids_of(&work, Stage::Review), vec![review.id]);
    assert_eq!(
        ids_of(&work, Stage::Approved),
        vec![approved.id],
        "a scheduled article waits for the clock, not for a person"
    );

    let chief = app.login("chief").await;
    let work = my_work(&app, &chief, "").await;
    assert_eq!(
        stages_of(&work),
        vec![
            Stage::PendingApproval,
            Stage::Approved,
            Stage::RemovalRequested
        ]
    );
    assert_eq!(ids_of(&work, Stage::PendingApproval), vec![pending.id]);
    assert_eq!(ids_of(&work, Stage::RemovalRequested), vec![removal.id]);
    assert_eq!(work.total, 3);

    let director = app.login("director").await;
    let work = my_work(&app, &director, "").await;
    assert!(work.groups.is_empty());
    assert_eq!(work.total, 0);

    // The list is cut at `limit`; the total is not.
    let work = my_work(&app, &editor, "?limit=1").await;
    assert_eq!(ids_of(&work, Stage::Editing), vec![editing_old.id]);
    assert_eq!(work.groups[1].total, 2);
    for bad in ["?limit=0", "?limit=51", "?limit=x", "?stage=draft"] {
        app.get(&format!("/api/v1/my-work{bad}"), Some(&editor))
            .await
            .expect(400);
    }
    app.get("/api/v1/my-work", None).await.expect(401);
    let _ = other_draft;
}

/// Writes an article as it is straight into the store (a test's way to set fields the API
/// sets only through the workflow).
async fn save(app: &TestApp, a: &Article) {
    use portal_server::store::{NewAudit, NewHistory};
    let user = app.user("admin").clone();
    let history = NewHistory {
        at: app.clock_now(),
        actor_id: user.id,
        actor_name: user.full_name.clone(),
        action: "edit".into(),
        from_stage: None,
        to_stage: None,
        comment: None,
        version: a.version + 1,
    };
    let next = Article {
        version: a.version + 1,
        ..a.clone()
    };
    app.store
        .update_article(
            &next,
            a.version,
            history,
            NewAudit::success(app.clock_now(), &user, "article.update", None, None),
        )
        .await
        .expect("update");
}

fn months(news: u32, articles: u32) -> Value {
    json!((1..=12)
        .map(|m| json!({"month": m, "news": news + m, "articles": articles}))
        .collect::<Vec<_>>())
}

#[tokio::test]
async fn norm_settings_are_versioned_checked_and_used_without_an_approved_plan() {
    let app = TestApp::new().await;
    move_to(&app, at(2026, 3, 9, 3, 0));
    let chief = app.login("chief").await;
    let path = "/api/v1/norms/settings/2026";

    let res = app.get(path, Some(&chief)).await;
    res.expect(200);
    assert_eq!(res.etag().as_deref(), Some("\"0\""));
    let s: NormSettings = serde_json::from_slice(&res.body).unwrap();
    assert!(!s.saved);
    assert_eq!(s.months.len(), 12);
    assert_eq!((s.months[0].news, s.months[0].articles), (20, 4));

    let put = |cookie: &str, version: Option<i64>, body: Value| {
        let mut call = Call::new(Method::PUT, path)
            .cookie(Some(cookie))
            .json(&json!({ "months": body }));
        if let Some(v) = version {
            call = call.if_match(v);
        }
        app.send(call)
    };
    put(&chief, None, months(10, 3)).await.expect(428);
    let editor = app.login("editor").await;
    put(&editor, Some(0), months(10, 3)).await.expect(403);
    let director = app.login("director").await;
    put(&director, Some(0), months(10, 3)).await.expect(403);

    // Bad months: each problem named by its row.
    let mut bad = months(10, 3);
    bad[3]["month"] = json!(3);
    bad[5]["news"] = json!(1001);
    let res = put(&chief, Some(0), bad).await;
    res.expect(422);
    assert_eq!(
        res.error_fields(),
        vec!["months[3].month", "months[5].news"]
    );
    let mut eleven = months(10, 3);
    eleven.as_array_mut().unwrap().pop();
    assert_eq!(
        put(&chief, Some(0), eleven)
            .await
            .expect(422)
            .error_fields(),
        vec!["months"]
    );
    let mut negative = months(10, 3);
    negative[0]["news"] = json!(-1);
    put(&chief, Some(0), negative).await.expect(422);
    let mut text = months(10, 3);
    text[0]["articles"] = json!("bốn");
    put(&chief, Some(0), text).await.expect(422);

    // Nothing half-written: still the defaults.
    let s: NormSettings = serde_json::from_slice(&app.get(path, Some(&chief)).await.body).unwrap();
    assert!(!s.saved);

    let res = put(&chief, Some(0), months(10, 3)).await;
    res.expect(200);
    assert_eq!(res.etag().as_deref(), Some("\"1\""));
    let s: NormSettings = serde_json::from_slice(&res.body).unwrap();
    assert!(s.saved);
    assert_eq!(s.months[2].news, 13);
    assert_eq!(s.updated_by_name.as_deref(), Some("Người dùng chief"));

    // A stale version: 412 with the current settings.
    let res = put(&chief, Some(0), months(1, 1)).await;
    res.expect(412);
    assert_eq!(res.json()["current"]["months"][2]["news"], 13);
    assert_eq!(res.etag().as_deref(), Some("\"1\""));
    // The admin may set norms too.
    let admin = app.login("admin").await;
    put(&admin, Some(1), months(11, 5)).await.expect(200);

    let res = app.get("/api/v1/norms/progress", Some(&chief)).await;
    let p: NormProgress = serde_json::from_slice(&res.body).unwrap();
    assert_eq!(p.source, NormSource::Settings);
    assert_eq!((p.news_norm, p.article_norm), (14, 5));
    // Other years keep the defaults.
    let res = app
        .get("/api/v1/norms/progress?year=2027&month=3", Some(&chief))
        .await;
    let p: NormProgress = serde_json::from_slice(&res.body).unwrap();
    assert_eq!(p.source, NormSource::Default);

    app.get("/api/v1/norms/settings/1999", Some(&chief))
        .await
        .expect(404);
    app.get("/api/v1/norms/settings/abc", Some(&chief))
        .await
        .expect(400);
    app.get(path, None).await.expect(401);

    let audit = app.get("/api/v1/audit", Some(&admin)).await.json();
    let actions: Vec<&str> = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["action"].as_str())
        .filter(|a| *a == "norms.update")
        .collect();
    assert_eq!(actions.len(), 2);
}

#[tokio::test]
async fn the_year_sums_months_split_at_midnight_in_ho_chi_minh_city() {
    let app = TestApp::new().await;
    // 31/01 23:30 local (16:30 UTC) is January; 01/02 00:30 local (17:30 UTC 31/01) is February.
    move_to(&app, at(2026, 1, 31, 16, 30));
    app.article_of_kind(Stage::Published, "editor", Kind::News)
        .await;
    move_to(&app, at(2026, 1, 31, 17, 30));
    app.article_of_kind(Stage::Published, "editor", Kind::News)
        .await;
    app.article_of_kind(Stage::Published, "editor", Kind::InDepth)
        .await;
    // 31/12 23:59 local is still 2026.
    move_to(&app, at(2026, 12, 31, 16, 59));
    app.article_of_kind(Stage::Published, "editor", Kind::Article)
        .await;
    move_to(&app, at(2026, 12, 31, 17, 0));
    app.article_of_kind(Stage::Published, "editor", Kind::Article)
        .await;
    let chief = app.login("chief").await;
    let res = app.get("/api/v1/norms/year?year=2026", Some(&chief)).await;
    res.expect(200);
    let y: NormYear = serde_json::from_slice(&res.body).unwrap();
    assert_eq!(y.months.len(), 12);
    let per_month: Vec<(u32, u32)> = y
        .months
        .iter()
        .map(|m| (m.news_published, m.articles_published))
        .collect();
    assert_eq!(per_month[0], (1, 0));
    assert_eq!(per_month[1], (1, 1));
    assert_eq!(per_month[11], (0, 1));
    assert_eq!((y.news_published, y.articles_published), (2, 2));
    assert_eq!((y.news_norm, y.article_norm), (240, 48));
    assert!(y.months.iter().all(|m| m.days_left == 0), "a past year");
    app.get("/api/v1/norms/year?year=2019", Some(&chief))
        .await
        .expect(400);
}

async fn flag_model(app: &TestApp, cookie: &str, a: &Article) -> Article {
    let res = patch(app, cookie, a.id, a.version, json!({"model_example": true})).await;
    res.expect(200);
    article(&res)
}

async fn quarter(app: &TestApp, cookie: &str, query: &str) -> QuarterStatus {
    let res = app
        .get(&format!("/api/v1/quarterly{query}"), Some(cookie))
        .await;
    res.expect(200);
    serde_json::from_slice(&res.body).unwrap()
}

async fn record(app: &TestApp, cookie: &str, body: Value) -> Resp {
    app.send(
        Call::new(Method::POST, "/api/v1/quarterly-submissions")
            .cookie(Some(cookie))
            .json(&body),
    )
    .await
}

#[tokio::test]
async fn quarterly_submissions_are_recorded_counted_and_kept() {
    let app = TestApp::new().await;
    // Published 31/03 23:30 local: the first quarter. 01/04 00:30 local: the second.
    move_to(&app, at(2026, 3, 31, 16, 30));
    let editor = app.login("editor").await;
    let q1 = app
        .article_of_kind(Stage::Published, "editor", Kind::Article)
        .await;
    let q1 = flag_model(&app, &editor, &q1).await;
    move_to(&app, at(2026, 3, 31, 17, 30));
    let editor = app.login("editor").await;
    let a = app
        .article_of_kind(Stage::Published, "editor", Kind::Article)
        .await;
    let a = flag_model(&app, &editor, &a).await;
    let b = app
        .article_of_kind(Stage::Published, "editor", Kind::InDepth)
        .await;
    let b = flag_model(&app, &editor, &b).await;
    let unflagged = app
        .article_of_kind(Stage::Published, "editor", Kind::Article)
        .await;
    let draft = app
        .article_of_kind(Stage::Draft, "editor", Kind::Article)
        .await;
    let draft = flag_model(&app, &editor, &draft).await;
    move_to(&app, at(2026, 5, 20, 3, 0));
    let editor = app.login("editor").await;

    let status = quarter(&app, &editor, "").await;
    assert_eq!((status.year, status.quarter), (2026, 2));
    assert_eq!(status.first_day.to_string(), "2026-04-01");
    assert_eq!(status.last_day.to_string(), "2026-06-30");
    assert_eq!((status.target, status.sent_count), (2, 0));
    assert_eq!(status.email_to, VSS_PORTAL_EMAIL);
    let mut ids: Vec<i64> = status.candidates.iter().map(|c| c.article.id).collect();
    ids.sort();
    assert_eq!(
        ids,
        vec![a.id, b.id],
        "flagged, public and of this quarter only"
    );
    assert_eq!(
        status.candidates[0].public_url,
        format!(
            "https://cong-thong-tin.example.vn/tin-tuc/{}",
            status.candidates[0].article.id
        )
    );
    let q1_status = quarter(&app, &editor, "?year=2026&quarter=1").await;
    assert_eq!(
        q1_status
            .candidates
            .iter()
            .map(|c| c.article.id)
            .collect::<Vec<_>>(),
        vec![q1.id]
    );

    let body = |ids: Vec<i64>, sent_on: &str| {
        json!({"year": 2026, "quarter": 2, "sent_on": sent_on, "article_ids": ids,
               "note": "Gửi kèm ảnh <b>gốc</b> 📷"})
    };
    // Who may record.
    let author = app.login("author").await;
    record(&app, &author, body(vec![a.id], "2026-05-19"))
        .await
        .expect(403);
    let director = app.login("director").await;
    record(&app, &director, body(vec![a.id], "2026-05-19"))
        .await
        .expect(403);
    record(&app, "portal_session=nope", body(vec![a.id], "2026-05-19"))
        .await
        .expect(401);
    // Bad inputs.
    let res = record(&app, &editor, body(vec![draft.id, 999_999], "2026-05-19")).await;
    res.expect(422);
    assert_eq!(res.error_fields(), vec!["article_ids[0]", "article_ids[1]"]);
    let res = record(&app, &editor, body(vec![a.id], "2026-05-21")).await;
    assert_eq!(res.expect(422).error_fields(), vec!["sent_on"]);
    let res = record(&app, &editor, body(vec![a.id], "2026-03-31")).await;
    assert_eq!(res.expect(422).error_fields(), vec!["sent_on"]);
    let res = record(&app, &editor, body(vec![], "2026-05-19")).await;
    assert_eq!(res.expect(422).error_fields(), vec!["article_ids"]);
    let mut wrong = body(vec![a.id], "2026-05-19");
    wrong["quarter"] = json!(5);
    assert_eq!(
        record(&app, &editor, wrong)
            .await
            .expect(422)
            .error_fields(),
        vec!["quarter"]
    );
    let mut wrong = body(vec![a.id], "2026-05-19");
    wrong["sent_on"] = json!("19/05/2026");
    record(&app, &editor, wrong).await.expect(422);
    let mut wrong = body(vec![a.id], "2026-05-19");
    wrong["extra"] = json!(1);
    record(&app, &editor, wrong).await.expect(422);
    let res = app
        .send(
            Call::new(Method::POST, "/api/v1/quarterly-submissions")
                .cookie(Some(&editor))
                .raw(Some("application/json"), b"{\"year\": 2026,".to_vec()),
        )
        .await;
    res.expect(400);
    assert_eq!(quarter(&app, &editor, "").await.submissions.len(), 0);

    // Recorded: 201 with where it lives; titles and links kept as sent.
    let res = record(&app, &editor, body(vec![a.id], "2026-05-19")).await;
    res.expect(201);
    let first: QuarterlySubmission = serde_json::from_slice(&res.body).unwrap();
    assert_eq!(
        res.header("location"),
        Some(format!("/api/v1/quarterly-submissions/{}", first.id))
    );
    assert_eq!(first.articles[0].title, a.title);
    assert_eq!(first.note, "Gửi kèm ảnh <b>gốc</b> 📷", "kept as text");
    assert_eq!(first.recorded_by_name, "Người dùng editor");
    let status = quarter(&app, &editor, "").await;
    assert_eq!(status.sent_count, 1);
    assert!(status
        .candidates
        .iter()
        .any(|c| c.article.id == a.id && c.sent));
    assert!(status
        .candidates
        .iter()
        .any(|c| c.article.id == b.id && !c.sent));

    // The same article again and another: counted once each.
    let secretary = app.login("secretary").await;
    record(&app, &secretary, body(vec![a.id, b.id], "2026-05-20"))
        .await
        .expect(201);
    let status = quarter(&app, &editor, "").await;
    assert_eq!(status.sent_count, 2);
    assert_eq!(status.submissions.len(), 2);
    assert_eq!(status.submissions[0].sent_on.to_string(), "2026-05-20");

    // A quarter's articles may be sent in the first days of the next one.
    move_to(&app, at(2026, 7, 2, 3, 0));
    let chief = app.login("chief").await;
    let director = app.login("director").await;
    let mut late = body(vec![q1.id], "2026-07-02");
    late["quarter"] = json!(1);
    record(&app, &chief, late).await.expect(201);

    let res = app
        .get("/api/v1/quarterly-submissions?year=2026", Some(&director))
        .await;
    res.expect(200);
    let list = res.json();
    assert_eq!(list["total"], 3);
    assert_eq!(list["items"][0]["quarter"], 2, "newest quarter first");
    assert_eq!(list["items"][2]["quarter"], 1);
    let res = app
        .get(
            &format!("/api/v1/quarterly-submissions/{}", first.id),
            Some(&director),
        )
        .await;
    res.expect(200);
    assert_eq!(res.etag().as_deref(), Some("\"1\""));
    app.get("/api/v1/quarterly-submissions/424242", Some(&director))
        .await
        .expect(404);
    app.get("/api/v1/quarterly-submissions?year=abc", Some(&director))
        .await
        .expect(400);
    app.get("/api/v1/quarterly?quarter=5", Some(&director))
        .await
        .expect(400);

    // A record cannot be changed, not even by SQL.
    assert!(app
        .db
        .exec("UPDATE quarterly_submissions SET note = 'x'", &[])
        .await
        .is_err());
    assert!(app
        .db
        .exec("DELETE FROM quarterly_submissions", &[])
        .await
        .is_err());
    let _ = unflagged;
}
