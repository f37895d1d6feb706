//! Bad input never gets a 500 or plain text: every error is problem+json.

use crate::common::*;
use axum::http::Method;
use portal_contract::{MAX_BODY_BYTES, PROBLEM_JSON};
use serde_json::json;

#[tokio::test]
async fn malformed_json_is_400() {
    let app = TestApp::new().await;
    let cookie = app.login("author").await;
    for body in [
        &b"{\"title\": "[..],
        b"{,}",
        b"",
        b"{\"title\":\"x\",\"kind\":\"news\"} trailing",
        b"\xff\xfe",
    ] {
        let res = app
            .send(
                Call::new(Method::POST, "/api/v1/articles")
                    .cookie(Some(&cookie))
                    .raw(Some("application/json"), body.to_vec()),
            )
            .await;
        res.expect(400);
        res.problem();
    }
}

#[tokio::test]
async fn wrong_types_missing_and_unknown_fields_are_422_naming_the_field() {
    let app = TestApp::new().await;
    let cookie = app.login("author").await;
    let cases = [
        (
            json!({ "title": 5, "kind": "news" }),
            "title",
            "invalid_type",
        ),
        (json!({ "title": "x" }), "kind", "required"),
        (
            json!({ "title": "x", "kind": "news", "bogus": 1 }),
            "bogus",
            "unknown_field",
        ),
        (
            json!({ "title": "x", "kind": "podcast" }),
            "kind",
            "invalid_value",
        ),
        (
            json!({ "title": "x", "kind": "news", "topics": ["bhyt", 3] }),
            "topics[1]",
            "invalid_type",
        ),
        (
            json!({ "title": "x", "kind": "news", "authors": [{ "name": "A", "share": 300 }] }),
            "authors[0].share",
            "invalid_value",
        ),
        (
            json!({ "title": "x", "kind": "news", "cover": { "url": "/a.jpg", "alt": "a" } }),
            "cover.caption",
            "required",
        ),
        (
            json!({ "title": "x", "kind": "news", "cover": { "url": "/a.jpg", "alt": "a", "caption": "c", "x": 1 } }),
            "cover.x",
            "unknown_field",
        ),
        (json!([1, 2]), "$", "invalid_type"),
    ];
    for (body, field, code) in cases {
        let res = app
            .send(
                Call::new(Method::POST, "/api/v1/articles")
                    .cookie(Some(&cookie))
                    .json(&body),
            )
            .await;
        res.expect(422);
        let p = res.problem();
        assert_eq!(p.errors.len(), 1, "{body}");
        assert_eq!(
            (p.errors[0].field.as_str(), p.errors[0].code.as_str()),
            (field, code),
            "{body}"
        );
        assert!(!p.errors[0].message.is_empty());
    }
    // Login and transitions too.
    let res = app
        .send(Call::new(Method::POST, "/api/v1/session").json(&json!({ "username": "a" })))
        .await;
    res.expect(422);
    assert_eq!(res.error_fields(), ["password"]);
}

#[tokio::test]
async fn bodies_over_one_mebibyte_are_413() {
    let app = TestApp::new().await;
    let cookie = app.login("author").await;
    let big = json!({ "title": "x", "kind": "news", "body": "a".repeat(2 * 1024 * 1024) });
    let bytes = serde_json::to_vec(&big).unwrap();
    assert!(bytes.len() > MAX_BODY_BYTES);
    // Declared length.
    let res = app
        .send(
            Call::new(Method::POST, "/api/v1/articles")
                .cookie(Some(&cookie))
                .header("content-length", &bytes.len().to_string())
                .raw(Some("application/json"), bytes.clone()),
        )
        .await;
    res.expect(413);
    res.problem();
    // No declared length: cut off while reading.
    let res = app
        .send(
            Call::new(Method::POST, "/api/v1/articles")
                .cookie(Some(&cookie))
                .raw(Some("application/json"), bytes),
        )
        .await;
    res.expect(413);
    res.problem();
    // Also before authentication, on login.
    let res = app
        .send(
            Call::new(Method::POST, "/api/v1/session")
                .raw(Some("application/json"), vec![b' '; 2 * 1024 * 1024]),
        )
        .await;
    res.expect(413);
    res.problem();
}

#[tokio::test]
async fn wrong_or_missing_content_type_is_415() {
    let app = TestApp::new().await;
    let cookie = app.login("author").await;
    let body = serde_json::to_vec(&new_article("x")).unwrap();
    for ct in [
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        None,
    ] {
        let res = app
            .send(
                Call::new(Method::POST, "/api/v1/articles")
                    .cookie(Some(&cookie))
                    .raw(ct, body.clone()),
            )
            .await;
        res.expect(415);
        res.problem();
    }
    app.send(
        Call::new(Method::POST, "/api/v1/articles")
            .cookie(Some(&cookie))
            .raw(Some("application/json; charset=utf-8"), body),
    )
    .await
    .expect(201);
}

#[tokio::test]
async fn non_integer_ids_are_400() {
    let app = TestApp::new().await;
    let chief = app.login("chief").await;
    let admin = app.login("admin").await;
    for (path, cookie) in [
        ("/api/v1/articles/abc", &chief),
        ("/api/v1/articles/1.5", &chief),
        ("/api/v1/articles/-1", &chief),
        ("/api/v1/articles/99999999999999999999", &chief),
        ("/api/v1/articles/x/history", &chief),
        ("/api/v1/users/abc", &admin),
    ] {
        let res = app.get(path, Some(cookie)).await;
        res.expect(400);
        assert_eq!(res.error_fields(), ["id"], "{path}");
    }
    let res = app
        .send(
            Call::new(Method::POST, "/api/v1/articles/%F0%9F%8E%89/transitions")
                .cookie(Some(&chief))
                .if_match(1)
                .json(&json!({ "to": "editing" })),
        )
        .await;
    res.expect(400);
    res.problem();
}

#[tokio::test]
async fn bad_query_parameters_are_400_listing_each() {
    let app = TestApp::new().await;
    let chief = app.login("chief").await;
    let cases = [
        ("/api/v1/articles?stage=published,bogus", vec!["stage"]),
        ("/api/v1/articles?kind=podcast", vec!["kind"]),
        ("/api/v1/articles?topic=weather", vec!["topic"]),
        ("/api/v1/articles?per_page=0", vec!["per_page"]),
        ("/api/v1/articles?per_page=201", vec!["per_page"]),
        ("/api/v1/articles?page=0", vec!["page"]),
        ("/api/v1/articles?page=-1", vec!["page"]),
        ("/api/v1/articles?page=abc", vec!["page"]),
        ("/api/v1/articles?sort=-body", vec!["sort"]),
        ("/api/v1/articles?color=red", vec!["color"]),
        ("/api/v1/articles?page=1&page=2", vec!["page"]),
        (
            "/api/v1/articles?page=0&kind=podcast&sort=x",
            vec!["page", "sort", "kind"],
        ),
    ];
    for (path, fields) in cases {
        let res = app.get(path, Some(&chief)).await;
        res.expect(400);
        assert_eq!(res.error_fields(), fields, "{path}");
    }
    let q = "x".repeat(201);
    app.get(&format!("/api/v1/articles?q={q}"), Some(&chief))
        .await
        .expect(400);
    // Empty values count as absent.
    app.get("/api/v1/articles?stage=&q=&sort=", Some(&chief))
        .await
        .expect(200);

    let admin = app.login("admin").await;
    for path in [
        "/api/v1/users?per_page=500",
        "/api/v1/audit?page=0",
        "/api/v1/audit?x=1",
    ] {
        app.get(path, Some(&admin)).await.expect(400);
    }
}

#[tokio::test]
async fn unknown_api_paths_are_404_and_wrong_methods_405() {
    let app = TestApp::new().await;
    let cookie = app.login("chief").await;
    for path in [
        "/api/v1/nothing",
        "/api/v2/articles",
        "/api",
        "/api/",
        "/api/v1",
    ] {
        let res = app.get(path, Some(&cookie)).await;
        res.expect(404);
        assert_eq!(
            res.header("content-type").as_deref(),
            Some(PROBLEM_JSON),
            "{path}"
        );
        res.problem();
    }
    let res = app
        .send(Call::new(Method::POST, "/api/v1/nothing").cookie(Some(&cookie)))
        .await;
    res.expect(404);
    res.problem();

    for (method, path) in [
        (Method::DELETE, "/api/v1/articles/1"),
        (Method::PUT, "/api/v1/articles"),
        (Method::GET, "/api/v1/articles/1/transitions"),
        (Method::POST, "/api/v1/health"),
    ] {
        let res = app
            .send(Call::new(method.clone(), path).cookie(Some(&cookie)))
            .await;
        res.expect(405);
        let p = res.problem();
        assert_eq!(p.status, 405, "{method} {path}");
        assert!(res.header("allow").is_some(), "{method} {path}");
    }
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::new().await;
    for res in [
        app.get("/api/v1/health", None).await,
        app.get("/api/v1/session", None).await,
        app.get("/api/v1/nothing", None).await,
        app.get("/some/client/route", None).await,
    ] {
        assert_eq!(
            res.header("x-content-type-options").as_deref(),
            Some("nosniff")
        );
        assert_eq!(
            res.header("referrer-policy").as_deref(),
            Some("same-origin")
        );
    }
    let res = app.get("/api/v1/health", None).await;
    assert_eq!(res.header("cache-control").as_deref(), Some("no-store"));
}

#[tokio::test]
async fn health_is_public() {
    let app = TestApp::new().await;
    let res = app.get("/api/v1/health", None).await;
    res.expect(200);
    let h: portal_contract::Health = serde_json::from_slice(&res.body).unwrap();
    assert_eq!(h.status, "ok");
    let backend = if app.db.is_postgres() {
        "postgres"
    } else {
        "sqlite"
    };
    assert_eq!(h.database, backend);
    assert_eq!(h.version, env!("CARGO_PKG_VERSION"));
    assert!(res
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
}

#[tokio::test]
async fn the_spa_is_served_with_index_html_for_client_routes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><title>Cổng</title>",
    )
    .unwrap();
    std::fs::write(dir.path().join("app.js"), "console.log('x');".repeat(200)).unwrap();
    let app = TestApp::with_config(portal_server::config::Config {
        static_dir: Some(dir.path().to_path_buf()),
        ..Default::default()
    })
    .await;
    let res = app.get("/app.js", None).await;
    res.expect(200);
    assert!(res.header("content-type").unwrap().contains("javascript"));
    for path in ["/", "/articles/42", "/kanban?stage=draft"] {
        let res = app.get(path, None).await;
        res.expect(200);
        assert!(
            String::from_utf8_lossy(&res.body).contains("<title>Cổng</title>"),
            "{path}"
        );
        assert_eq!(
            res.header("x-content-type-options").as_deref(),
            Some("nosniff")
        );
    }
    let res = app.get("/api/v1/articles/nope/x", None).await;
    res.expect(404);
    assert_eq!(res.header("content-type").as_deref(), Some(PROBLEM_JSON));

    // Compressed when asked.
    let res = app
        .send(Call::new(Method::GET, "/app.js").header("accept-encoding", "gzip"))
        .await;
    res.expect(200);
    assert_eq!(res.header("content-encoding").as_deref(), Some("gzip"));
    let res = app
        .send(Call::new(Method::GET, "/api/v1/health").header("accept-encoding", "br"))
        .await;
    res.expect(200);
    assert_eq!(res.header("content-encoding").as_deref(), Some("br"));
}
