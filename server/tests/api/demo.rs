//! The demo data: every stage present, histories that replay through the default workflow.

use crate::common::*;
use axum::http::Method;
use chrono::{TimeZone, Utc};
use portal_contract::{default_workflow, Article, ArticleSummary, HistoryEntry, Page, Role, Stage};
use portal_server::clock::ManualClock;
use portal_server::config::Config;
use portal_server::{demo, router, AppState};
use serde_json::json;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use tower::ServiceExt;

#[tokio::test]
async fn demo_seeds_once_and_its_histories_follow_the_workflow() {
    let store = crate::common::test_db().await.store();
    let now = Utc.with_ymd_and_hms(2026, 3, 10, 2, 0, 0).unwrap();
    let clock = Arc::new(ManualClock::new(now));
    let state = AppState::with_clock(store.clone(), Config::default(), clock);
    let report = demo::seed_if_empty(&state, demo::DEMO_ARTICLES)
        .await
        .unwrap()
        .expect("seeded");
    assert!(report.contains(demo::DEMO_PASSWORD));
    for name in [
        "author",
        "editor",
        "secretary",
        "chief",
        "director",
        "admin",
        "author2",
    ] {
        assert!(report.contains(name), "{report}");
    }
    assert!(
        demo::seed_if_empty(&state, demo::DEMO_ARTICLES)
            .await
            .unwrap()
            .is_none(),
        "second run seeds nothing"
    );
    assert_eq!(store.count_users().await.unwrap(), 18);
    // This year's plan is in force, next year's waits for the Director; the spokesperson is set.
    let plans = store.plans().list_plans(None).await.unwrap();
    let states: Vec<(i32, portal_contract::plans::PlanState)> =
        plans.iter().map(|p| (p.year, p.state)).collect();
    assert_eq!(
        states,
        [
            (2027, portal_contract::plans::PlanState::Submitted),
            (2026, portal_contract::plans::PlanState::Approved)
        ]
    );
    let spokesperson = store
        .spokesperson()
        .spokesperson()
        .await
        .unwrap()
        .expect("set");
    assert!(portal_contract::spokesperson::validate(&spokesperson.content).is_empty());

    // Demo accounts log in with the shared password.
    let app = router(state.clone());
    let res = app
        .clone()
        .oneshot(
            Call::new(Method::POST, "/api/v1/session")
                .json(&json!({ "username": "chief", "password": demo::DEMO_PASSWORD }))
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(res.status(), 200);

    let users = store.list_users(1, 200).await.unwrap().items;
    let by_id: HashMap<i64, _> = users.iter().map(|u| (u.id, u)).collect();
    let chief = users.iter().find(|u| u.username == "chief").unwrap();
    assert_eq!(chief.roles, [Role::ChiefEditor]);
    assert_eq!(
        users
            .iter()
            .find(|u| u.username == "author2")
            .unwrap()
            .full_name,
        "Trần Thị Mai"
    );
    for role in [
        Role::Author,
        Role::Editor,
        Role::Secretary,
        Role::ChiefEditor,
    ] {
        let n = users.iter().filter(|u| u.roles.contains(&role)).count();
        assert!((3..=4).contains(&n), "{role:?}: {n}");
    }

    let list = store
        .list_articles(&portal_server::store::ArticleQuery {
            per_page: 1000,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(list.total, 200);
    let stages: HashSet<Stage> = list.items.iter().map(|a| a.stage).collect();
    assert_eq!(stages.len(), Stage::ALL.len(), "every stage present");
    let titles: HashSet<&str> = list.items.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles.len(), 200, "titles are distinct");

    let workflow = default_workflow();
    let oldest = now - chrono::Duration::days(183);
    let mut block_kinds = HashSet::new();
    let mut discussed = 0;
    for summary in &list.items {
        let a: Article = store.article(summary.id).await.unwrap().unwrap();
        let history: Vec<HistoryEntry> = store.history(a.id).await.unwrap();
        assert!(a.created_at > oldest && a.updated_at < now, "{}", a.title);
        let paragraphs = a
            .body
            .iter()
            .filter(|b| matches!(b, portal_contract::Block::Paragraph { .. }))
            .count();
        assert!(paragraphs >= 3, "multi-paragraph body: {}", a.title);
        block_kinds.extend(a.body.iter().map(|b| b.type_name()));
        let checklist = portal_contract::checklist::evaluate(&a, &state.checklist);
        if matches!(
            a.stage,
            Stage::Approved | Stage::Published | Stage::RemovalRequested | Stage::Removed
        ) {
            assert!(checklist.passes(), "{}: {:?}", a.title, checklist);
        }
        assert_eq!(summary.checklist_failing, checklist.failing, "{}", a.title);
        let comments = store.comments(a.id).await.unwrap();
        assert_eq!(summary.comment_count as usize, comments.len());
        let said: Vec<&str> = history
            .iter()
            .filter_map(|h| h.comment.as_deref())
            .collect();
        let kept: Vec<&str> = comments
            .iter()
            .filter(|c| c.action.is_some())
            .map(|c| c.text.as_str())
            .collect();
        assert_eq!(said, kept, "transition comments are in the discussion");
        discussed += usize::from(comments.iter().any(|c| c.action.is_none()));
        assert_eq!(a.updated_by, history.last().unwrap().actor_id);
        assert_eq!(a.updated_by_name, history.last().unwrap().actor_name);
        assert!(store
            .article_version(a.id, a.version)
            .await
            .unwrap()
            .is_some());
        assert!(
            portal_contract::validate_article(&a).is_empty(),
            "{}",
            a.title
        );
        assert_eq!(history[0].action, "create");
        assert_eq!(history[0].actor_id, a.created_by);
        let mut stage = Stage::Draft;
        let mut last_publish = None;
        for (i, h) in history.iter().enumerate() {
            assert_eq!(h.version, i as i64 + 1);
            if i > 0 {
                assert!(h.at > history[i - 1].at);
            }
            let actor = by_id[&h.actor_id];
            assert_eq!(h.actor_name, actor.full_name);
            if h.action == "create" || h.action == "update" {
                continue;
            }
            assert_eq!(h.from_stage, Some(stage));
            let to = h.to_stage.unwrap();
            let rule = workflow.rule(stage, to).expect("a rule for every move");
            assert_eq!(rule.action, h.action);
            let allowed = rule.roles.iter().any(|r| {
                actor.roles.contains(r) && (*r != Role::Author || a.created_by == actor.id)
            });
            assert!(allowed, "{} by {} in {}", h.action, actor.username, a.title);
            if rule.requires != portal_contract::Requirement::None {
                assert!(h.comment.as_deref().is_some_and(|c| !c.is_empty()));
            }
            if h.action == "publish" {
                last_publish = Some(h.at);
            }
            stage = to;
        }
        assert_eq!(stage, a.stage, "{}", a.title);
        assert_eq!(a.version, history.last().unwrap().version);
        assert_eq!(a.updated_at, history.last().unwrap().at);
        assert_eq!(a.published_at, last_publish, "{}", a.title);
        match a.stage {
            Stage::RemovalRequested | Stage::Removed => {
                assert!(a.removal_reason.as_deref().is_some_and(|r| !r.is_empty()))
            }
            _ => assert_eq!(a.removal_reason, None),
        }
    }

    for kind in ["paragraph", "heading", "list", "quote", "image"] {
        assert!(block_kinds.contains(kind), "some body has a {kind}");
    }
    assert!(discussed >= 20, "{discussed} articles with a discussion");

    // Vietnamese search works on the demo texts.
    let bhyt = store
        .list_articles(&portal_server::store::ArticleQuery {
            per_page: 200,
            text: Some("bao hiem y te".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(bhyt.total >= 10, "{}", bhyt.total);
    assert!(bhyt.total < 200);
    let res = app
        .clone()
        .oneshot(
            Call::new(
                Method::GET,
                "/api/v1/articles?q=canh%20bao%20lua%20dao&per_page=200",
            )
            .cookie(Some(&cookie_from(&res_cookie(&app).await)))
            .build(),
        )
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let body = http_body_util::BodyExt::collect(res.into_body())
        .await
        .unwrap()
        .to_bytes();
    let page: Page<ArticleSummary> = serde_json::from_slice(&body).unwrap();
    assert!(page.total > 0);
    assert!(page
        .items
        .iter()
        .all(
            |a| portal_contract::format::fold_vi(&a.title).contains("canh bao")
                || a.section == "Cảnh báo lừa đảo"
        ));
}

async fn res_cookie(app: &axum::Router) -> String {
    let res = app
        .clone()
        .oneshot(
            Call::new(Method::POST, "/api/v1/session")
                .json(&json!({ "username": "director", "password": demo::DEMO_PASSWORD }))
                .build(),
        )
        .await
        .unwrap();
    res.headers()["set-cookie"].to_str().unwrap().to_string()
}

fn cookie_from(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().to_string()
}

#[tokio::test]
async fn two_thousand_demo_articles_are_seeded_in_one_go() {
    let store = crate::common::test_db().await.store();
    let now = Utc.with_ymd_and_hms(2026, 3, 10, 2, 0, 0).unwrap();
    let state = AppState::with_clock(
        store.clone(),
        Config::default(),
        Arc::new(ManualClock::new(now)),
    );
    // (How long it takes is a figure for a benchmark, not a timed assertion that flakes on a
    // busy machine: on two cores it is seconds on SQLite and on PostgreSQL.)
    demo::seed_if_empty(&state, 2_000)
        .await
        .unwrap()
        .expect("seeded");
    let list = store
        .list_articles(&portal_server::store::ArticleQuery {
            per_page: 1,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(list.total, 2_000);
    let published = store.published_articles(1, 1).await.unwrap();
    assert!(published.total >= 860, "{}", published.total);
}
