//! The kit against the reference server (in-process, throw-away SQLite database with the demo
//! users): everything conforms; and against the same server behind a layer that breaks two
//! rules of the contract: exactly those are reported.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use portal_conformance::{run, Config, RoleUser};
use portal_server::config::Config as ServerConfig;
use portal_server::store::{SqliteStore, Store};
use portal_server::{demo, router, AppState};
use std::net::SocketAddr;
use std::sync::Arc;

/// Starts the reference server on a free port; `breakage` is applied to every answer.
async fn start(dir: &tempfile::TempDir, breakage: Option<fn(Response) -> Response>) -> String {
    let url = format!("sqlite://{}", dir.path().join("portal.db").display());
    let store = Arc::new(SqliteStore::open(&url).await.expect("open the database"));
    let state = AppState::new(store as Arc<dyn Store>, ServerConfig::default());
    demo::seed_if_empty(&state, 12).await.expect("demo data");
    state.stats.start().await;
    let mut app = router(state);
    if let Some(f) = breakage {
        app = app.layer(axum::middleware::map_response(
            move |r: Response| async move { f(r) },
        ));
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    format!("http://{addr}")
}

fn config(base: &str) -> Config {
    Config {
        base_url: base.to_string(),
        user: "admin".into(),
        password: demo::DEMO_PASSWORD.into(),
        role_users: Vec::new(),
        echo: false,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reference_server_conforms() {
    let dir = tempfile::tempdir().unwrap();
    let base = start(&dir, None).await;
    // Two roles given as existing demo users, the other seven created by the kit.
    let mut cfg = config(&base);
    cfg.role_users = vec![
        RoleUser::parse(&format!("chief_editor=chief:{}", demo::DEMO_PASSWORD)).unwrap(),
        RoleUser::parse(&format!("author=author:{}", demo::DEMO_PASSWORD)).unwrap(),
    ];
    let outcome = run(&cfg).await;
    let report = &outcome.report;
    let failed: Vec<String> = report
        .failed()
        .iter()
        .map(|c| portal_conformance::report::line(c))
        .collect();
    assert!(failed.is_empty(), "{}", failed.join("\n"));
    // Every group ran, with the numbers the contract implies.
    let count = |g: &str| report.checks.iter().filter(|c| c.group == g).count();
    assert_eq!(count("roles"), 9);
    assert!(count("matrix") >= 35, "{}", count("matrix"));
    // 11 transitions: 15 (rule, role) pairs allowed, 11 refusals, 8 stages, 1 checklist.
    assert_eq!(count("workflow"), 15 + 11 + 8 + 1);
    // Twelve, and the re-authentication before POST /users.
    assert_eq!(count("etag"), 13);
    assert_eq!(count("errors"), 10);
    assert!(report.find("setup", "chief_editor (chief)").len() == 1);
    // Sessions handed to schemathesis: one user per role family (the chief editor given as
    // `chief`), each allowed every operation it fuzzes, none of their sessions to be ended.
    let fuzz = &outcome.fuzz;
    let roles: Vec<&str> = fuzz.families.iter().map(|f| f.role.as_str()).collect();
    assert_eq!(
        roles,
        [
            "secretary",
            "chief_editor",
            "director",
            "admin",
            "it_centre",
            "communication_centre"
        ]
    );
    assert_eq!(fuzz.families[1].username, "chief");
    assert!(fuzz
        .families
        .iter()
        .all(|f| f.cookie.starts_with("portal_session=") && !f.operations.is_empty()));
    assert_eq!(
        fuzz.operations.len(),
        fuzz.operations
            .iter()
            .map(|o| &o.0)
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    );
    assert_eq!(fuzz.keep_users.len(), 6);
    assert!(fuzz.keep_sessions.len() >= 6, "{:?}", fuzz.keep_sessions);
}

/// No `ETag` anywhere, and 403s as plain JSON instead of problem+json.
fn break_etags_and_forbidden(mut r: Response) -> Response {
    r.headers_mut().remove(header::ETAG);
    if r.status() == StatusCode::FORBIDDEN {
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
    }
    r
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backend_that_breaks_rules_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let base = start(&dir, Some(break_etags_and_forbidden)).await;
    let outcome = run(&config(&base)).await;
    let report = &outcome.report;
    let problem = |group: &str, name: &str| -> String {
        let found = report.find(group, name);
        assert_eq!(found.len(), 1, "one check {group} / {name}");
        found[0]
            .problem
            .clone()
            .unwrap_or_else(|| panic!("{group} / {name} passed against a broken backend"))
    };
    assert!(problem("etag", "GET /articles/{id} answers ETag").contains("no ETag"));
    assert!(problem("etag", "GET /users/{id} answers ETag").contains("no ETag"));
    let users = problem("matrix", "GET /users (needs users.manage)");
    assert!(
        users.contains("author: want 403") && users.contains("not application/problem+json"),
        "{users}"
    );
    assert!(problem("errors", "CSRF guard").contains("not application/problem+json"));
    // What the layer leaves alone still conforms.
    for ok in [
        ("roles", "author"),
        ("matrix", "GET /health"),
        ("errors", "malformed JSON"),
        ("etag", "without If-Match"),
    ] {
        let found = report.find(ok.0, ok.1);
        assert!(
            !found.is_empty() && found.iter().all(|c| c.problem.is_none()),
            "{ok:?}: {found:?}"
        );
    }
    assert!(report.failed().len() >= 10);
    assert!(report.summary().contains("do not"));
}
