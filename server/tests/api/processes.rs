//! Two server processes on one database (two stores, as two processes have): sessions and
//! scheduled publishing stay correct. Runs on SQLite and, with `PORTAL_TEST_POSTGRES`, on
//! PostgreSQL (how a province scales out).

use crate::common::*;
use axum::http::Method;
use chrono::{Duration, TimeZone, Utc};
use portal_contract::Stage;
use portal_server::clock::ManualClock;
use portal_server::config::Config;
use portal_server::publish_due;
use serde_json::json;
use std::sync::Arc;

async fn two_apps() -> (TestApp, TestApp, tempfile::TempDir) {
    let (a, b, dir) = two_stores_on_one_database().await;
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 2, 16, 1, 30, 0).unwrap(),
    ));
    let config = || Config {
        trust_proxy: true,
        ..Config::default()
    };
    let mut first = TestApp::on(a, config(), clock.clone());
    for (name, role) in ROLE_USERS {
        first.add_user(name, &[role]).await;
    }
    let mut second = TestApp::on(b, config(), clock);
    second.users = first.users.clone();
    (first, second, dir)
}

#[tokio::test]
async fn a_session_is_one_session_on_every_process() {
    let (one, two, _dir) = two_apps().await;
    let cookie = one.login("editor").await;
    // Signed in on one, known on the other.
    two.get("/api/v1/session", Some(&cookie)).await.expect(200);
    // Logged out on the other, gone on the first.
    two.send(Call::new(Method::DELETE, "/api/v1/session").cookie(Some(&cookie)))
        .await
        .expect(204);
    one.get("/api/v1/session", Some(&cookie)).await.expect(401);
    // A user the admin disables on one process is refused on the other at once.
    let editor = one.login("editor").await;
    let admin = two.login("admin").await;
    let id = one.user("editor").id;
    let user = two
        .get(&format!("/api/v1/users/{id}"), Some(&admin))
        .await
        .json();
    two.send(
        Call::new(Method::PATCH, &format!("/api/v1/users/{id}"))
            .cookie(Some(&admin))
            .if_match(user["version"].as_i64().unwrap())
            .json(&json!({ "active": false })),
    )
    .await
    .expect(200);
    one.get("/api/v1/session", Some(&editor)).await.expect(401);
}

#[tokio::test]
async fn scheduled_articles_are_published_once_when_both_processes_try() {
    let (one, two, _dir) = two_apps().await;
    let chief = one.login("chief").await;
    let mut ids = Vec::new();
    for _ in 0..6 {
        let a = one.article_at(Stage::PendingApproval, "author").await;
        let at = one.clock_now() + Duration::minutes(5);
        patch(&one, &chief, a.id, 1, json!({ "scheduled_at": at }))
            .await
            .expect(200);
        transition(&one, &chief, a.id, 2, Stage::Approved, None)
            .await
            .expect(200);
        ids.push(a.id);
    }
    one.clock.advance(Duration::minutes(6));
    // Both schedulers wake at the same moment.
    let (a, b) = tokio::join!(publish_due(&one.state), publish_due(&two.state));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(
        a + b,
        ids.len(),
        "{a} + {b}: each article published by exactly one"
    );
    for id in &ids {
        let article = two.store.article(*id).await.unwrap().unwrap();
        assert_eq!(article.stage, Stage::Published);
        let published = one
            .store
            .history(*id)
            .await
            .unwrap()
            .into_iter()
            .filter(|h| h.to_stage == Some(Stage::Published))
            .count();
        assert_eq!(published, 1, "article {id} has one publication line");
    }
    assert_eq!(publish_due(&two.state).await.unwrap(), 0);
}

#[tokio::test]
async fn login_attempts_are_counted_across_processes() {
    let (one, two, _dir) = two_apps().await;
    let guess = |n: usize| {
        Call::new(Method::POST, "/api/v1/session")
            .header("x-forwarded-for", "198.51.100.77")
            .json(&json!({ "username": "chief", "password": format!("doan sai {n}") }))
    };
    // Attempts alternate between the processes; the limit is the same five.
    for n in 0..5 {
        let app = if n % 2 == 0 { &one } else { &two };
        app.send(guess(n)).await.expect(401);
    }
    two.send(guess(5)).await.expect(429);
    one.send(guess(6)).await.expect(429);
}
