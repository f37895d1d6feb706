//! Every operation's answers — successes and the errors clients must handle — validated against
//! `contract/openapi.yaml`: the status is documented, the media type is the documented one, the
//! body matches the schema, and documented `ETag`/`Retry-After` headers are sent.

use crate::common::*;
use crate::openapi_doc::OpenApi;
use axum::http::Method;
use portal_contract::Stage;
use serde_json::{json, Value};

struct Checker {
    doc: OpenApi,
    checked: usize,
}

impl Checker {
    #[track_caller]
    fn check(&mut self, method: &Method, template: &str, res: &Resp) {
        let ct = res.header("content-type");
        let is_json = ct.as_deref().is_some_and(|c| c.contains("json"));
        let body: Option<Value> = if res.body.is_empty() {
            None
        } else if is_json {
            Some(res.json())
        } else {
            Some(Value::String(
                String::from_utf8_lossy(&res.body).into_owned(),
            ))
        };
        if let Err(e) = self.doc.check_response(
            method.as_str(),
            template,
            res.status.as_u16(),
            ct.as_deref(),
            body.as_ref(),
        ) {
            panic!("{e}");
        }
        // Headers the document promises for this answer.
        let op = &self.doc.doc()["paths"][template][method.as_str().to_ascii_lowercase()];
        let mut response = &op["responses"][res.status.as_u16().to_string()];
        if let Some(r) = response.get("$ref").and_then(Value::as_str) {
            let name = r.trim_start_matches("#/components/responses/");
            response = &self.doc.doc()["components"]["responses"][name];
        }
        if let Some(headers) = response.get("headers").and_then(Value::as_object) {
            for name in headers.keys() {
                if name == "Set-Cookie" {
                    continue;
                }
                assert!(
                    res.header(&name.to_ascii_lowercase()).is_some(),
                    "{method} {template} {}: documented header {name} is missing",
                    res.status
                );
            }
        }
        self.checked += 1;
    }
}

#[tokio::test]
async fn every_operation_answers_as_the_contract_documents() {
    let app = TestApp::new().await;
    let mut c = Checker {
        doc: OpenApi::load(),
        checked: 0,
    };
    let post = Method::POST;
    let get = Method::GET;
    let patch = Method::PATCH;

    // System and session.
    c.check(&get, "/health", &app.get("/api/v1/health", None).await);
    let login = |body: Value| Call::new(Method::POST, "/api/v1/session").json(&body);
    let ok = app
        .send(login(json!({"username": "chief", "password": PASSWORD})))
        .await;
    c.check(&post, "/session", ok.expect(200));
    let chief = cookie_of(&ok).expect("cookie");
    let chief = Some(chief.as_str());
    let bad = app
        .send(login(
            json!({"username": "chief", "password": "sai-mat-khau-1"}),
        ))
        .await;
    c.check(&post, "/session", bad.expect(401));
    let unknown = app
        .send(login(
            json!({"username": "chief", "password": "x", "otp": 1}),
        ))
        .await;
    c.check(&post, "/session", unknown.expect(422));
    let malformed = app
        .send(
            Call::new(post.clone(), "/api/v1/session").raw(Some("application/json"), b"{".to_vec()),
        )
        .await;
    c.check(&post, "/session", malformed.expect(400));
    let wrong_type = app
        .send(Call::new(post.clone(), "/api/v1/session").raw(Some("text/plain"), b"hi".to_vec()))
        .await;
    c.check(&post, "/session", wrong_type.expect(415));
    let no_csrf = app
        .send(login(json!({"username": "chief", "password": PASSWORD})).no_csrf())
        .await;
    c.check(&post, "/session", no_csrf.expect(403));
    c.check(
        &get,
        "/session",
        app.get("/api/v1/session", chief).await.expect(200),
    );
    c.check(
        &get,
        "/session",
        app.get("/api/v1/session", None).await.expect(401),
    );
    c.check(
        &get,
        "/workflow",
        app.get("/api/v1/workflow", chief).await.expect(200),
    );
    c.check(
        &get,
        "/workflow",
        app.get("/api/v1/workflow", None).await.expect(401),
    );

    // Articles.
    let admin = app.login("admin").await;
    let admin = Some(admin.as_str());
    let director = app.login("director").await;
    let director = Some(director.as_str());
    c.check(
        &get,
        "/articles",
        app.get("/api/v1/articles?sort=-title&per_page=5", chief)
            .await
            .expect(200),
    );
    c.check(
        &get,
        "/articles",
        app.get("/api/v1/articles?stage=archived", chief)
            .await
            .expect(400),
    );
    c.check(
        &get,
        "/articles",
        app.get("/api/v1/articles", None).await.expect(401),
    );
    c.check(
        &get,
        "/articles",
        app.get("/api/v1/articles", admin).await.expect(403),
    );
    let new = |body: Value, cookie| {
        Call::new(Method::POST, "/api/v1/articles")
            .cookie(cookie)
            .json(&body)
    };
    let created = app
        .send(new(
            json!({"title": "Tin <b>BHXH</b> 🎉 مرحبا", "kind": "news", "topics": ["bhxh"]}),
            chief,
        ))
        .await;
    c.check(&post, "/articles", created.expect(201));
    let article = created.json();
    let id = article["id"].as_i64().expect("id");
    c.check(
        &post,
        "/articles",
        app.send(new(
            json!({"title": "x".repeat(10_000), "kind": "news"}),
            chief,
        ))
        .await
        .expect(422),
    );
    c.check(
        &post,
        "/articles",
        app.send(new(json!({"title": "x", "kind": "news"}), director))
            .await
            .expect(403),
    );
    let huge = json!({"title": "x", "kind": "news", "body": "a".repeat(2 * 1024 * 1024)});
    c.check(
        &post,
        "/articles",
        app.send(new(huge, chief)).await.expect(413),
    );

    let one = format!("/api/v1/articles/{id}");
    c.check(
        &get,
        "/articles/{id}",
        app.get(&one, chief).await.expect(200),
    );
    c.check(
        &get,
        "/articles/{id}",
        app.get("/api/v1/articles/999999", chief).await.expect(404),
    );
    c.check(
        &get,
        "/articles/{id}",
        app.get("/api/v1/articles/abc", chief).await.expect(400),
    );
    // A removed article is kept as it was: editing it is a 409.
    let removed = app.article_at(Stage::Removed, "chief").await;
    c.check(
        &patch,
        "/articles/{id}",
        app.send(
            Call::new(Method::PATCH, &format!("/api/v1/articles/{}", removed.id))
                .cookie(chief)
                .if_match(removed.version)
                .json(&json!({"lead": "Sửa bài đã gỡ"})),
        )
        .await
        .expect(409),
    );
    let edit = |body: Value, version: Option<i64>| {
        let call = Call::new(Method::PATCH, &one).cookie(chief).json(&body);
        match version {
            Some(v) => call.if_match(v),
            None => call,
        }
    };
    c.check(
        &patch,
        "/articles/{id}",
        app.send(edit(json!({"lead": "Sapo"}), Some(1)))
            .await
            .expect(200),
    );
    c.check(
        &patch,
        "/articles/{id}",
        app.send(edit(json!({"lead": "Cũ"}), Some(1)))
            .await
            .expect(412),
    );
    c.check(
        &patch,
        "/articles/{id}",
        app.send(edit(json!({"lead": "Thiếu"}), None))
            .await
            .expect(428),
    );
    c.check(
        &patch,
        "/articles/{id}",
        app.send(edit(json!({"title": ""}), Some(2)))
            .await
            .expect(422),
    );

    let move_to = |to: &str, comment: Option<&str>, version: i64, cookie| {
        Call::new(Method::POST, &format!("{one}/transitions"))
            .cookie(cookie)
            .if_match(version)
            .json(&json!({"to": to, "comment": comment}))
    };
    let tr = "/articles/{id}/transitions";
    c.check(
        &post,
        tr,
        app.send(move_to("published", None, 2, chief))
            .await
            .expect(409),
    );
    c.check(
        &post,
        tr,
        app.send(move_to("editing", None, 2, director))
            .await
            .expect(403),
    );
    c.check(
        &post,
        tr,
        app.send(move_to("editing", None, 1, chief))
            .await
            .expect(412),
    );
    let editor = app.login("editor").await;
    let editor = Some(editor.as_str());
    c.check(
        &post,
        tr,
        app.send(move_to("editing", None, 2, editor))
            .await
            .expect(200),
    );
    c.check(
        &post,
        tr,
        app.send(move_to("draft", Some("  "), 3, editor))
            .await
            .expect(422),
    );
    c.check(
        &get,
        "/articles/{id}/history",
        app.get(&format!("{one}/history"), chief).await.expect(200),
    );
    c.check(
        &get,
        "/articles/{id}/history",
        app.get("/api/v1/articles/999999/history", chief)
            .await
            .expect(404),
    );

    // Versions, the discussion, the checklist gate.
    let ver = "/articles/{id}/versions/{version}";
    c.check(
        &get,
        ver,
        app.get(&format!("{one}/versions/1"), chief)
            .await
            .expect(200),
    );
    c.check(
        &get,
        ver,
        app.get(&format!("{one}/versions/99"), chief)
            .await
            .expect(404),
    );
    c.check(
        &get,
        ver,
        app.get(&format!("{one}/versions/x"), chief)
            .await
            .expect(400),
    );
    c.check(
        &get,
        ver,
        app.get(&format!("{one}/versions/1"), admin)
            .await
            .expect(403),
    );
    c.check(
        &get,
        ver,
        app.get(&format!("{one}/versions/1"), None)
            .await
            .expect(401),
    );
    let com = "/articles/{id}/comments";
    let say = |body: Value, cookie| {
        Call::new(Method::POST, &format!("{one}/comments"))
            .cookie(cookie)
            .json(&body)
    };
    c.check(
        &post,
        com,
        app.send(say(json!({"text": "Ý kiến <b>1</b> 🎉"}), chief))
            .await
            .expect(201),
    );
    c.check(
        &post,
        com,
        app.send(say(json!({"text": "  "}), chief))
            .await
            .expect(422),
    );
    c.check(
        &post,
        com,
        app.send(say(json!({"text": "x"}), admin)).await.expect(403),
    );
    c.check(
        &post,
        com,
        app.send(say(json!({"text": "x"}), None)).await.expect(401),
    );
    c.check(
        &post,
        com,
        app.send(
            Call::new(Method::POST, "/api/v1/articles/999999/comments")
                .cookie(chief)
                .json(&json!({"text": "x"})),
        )
        .await
        .expect(404),
    );
    c.check(
        &post,
        com,
        app.send(
            Call::new(Method::POST, &format!("{one}/comments"))
                .cookie(chief)
                .raw(Some("text/plain"), b"x".to_vec()),
        )
        .await
        .expect(415),
    );
    c.check(
        &post,
        com,
        app.send(
            Call::new(Method::POST, &format!("{one}/comments"))
                .cookie(chief)
                .raw(Some("application/json"), b"{".to_vec()),
        )
        .await
        .expect(400),
    );
    let huge_comment = json!({"text": "a".repeat(2 * 1024 * 1024)});
    c.check(
        &post,
        com,
        app.send(say(huge_comment, chief)).await.expect(413),
    );
    c.check(
        &get,
        com,
        app.get(&format!("{one}/comments"), chief).await.expect(200),
    );
    c.check(
        &get,
        com,
        app.get(&format!("{one}/comments"), admin).await.expect(403),
    );
    c.check(
        &get,
        com,
        app.get(&format!("{one}/comments"), None).await.expect(401),
    );
    c.check(
        &get,
        com,
        app.get("/api/v1/articles/999999/comments", chief)
            .await
            .expect(404),
    );
    c.check(
        &get,
        com,
        app.get("/api/v1/articles/0/comments", chief)
            .await
            .expect(400),
    );
    let pending = app
        .article_at(portal_contract::Stage::PendingApproval, "author")
        .await;
    let p = format!("/api/v1/articles/{}", pending.id);
    app.send(
        Call::new(Method::PATCH, &p)
            .cookie(chief)
            .if_match(1)
            .json(&json!({"checks": []})),
    )
    .await
    .expect(200);
    c.check(
        &patch,
        "/articles/{id}",
        app.send(
            Call::new(Method::PATCH, &p)
                .cookie(chief)
                .if_match(2)
                .json(&json!({"checks": ["nope"]})),
        )
        .await
        .expect(422),
    );
    c.check(
        &post,
        tr,
        app.send(
            Call::new(Method::POST, &format!("{p}/transitions"))
                .cookie(chief)
                .if_match(2)
                .json(&json!({"to": "approved"})),
        )
        .await
        .expect(422),
    );

    // The board and its changes feed.
    let board = app.get("/api/v1/board", chief).await;
    c.check(&get, "/board", board.expect(200));
    c.check(
        &get,
        "/board",
        app.get("/api/v1/board", None).await.expect(401),
    );
    c.check(
        &get,
        "/board",
        app.get("/api/v1/board", admin).await.expect(403),
    );
    let cursor = board.json()["cursor"].as_str().expect("cursor").to_string();
    c.check(
        &get,
        "/changes",
        app.get("/api/v1/changes?since=v1.0", chief)
            .await
            .expect(200),
    );
    c.check(
        &get,
        "/changes",
        app.get(&format!("/api/v1/changes?since={cursor}"), chief)
            .await
            .expect(200),
    );
    c.check(
        &get,
        "/changes",
        app.get("/api/v1/changes?since=zzz", chief)
            .await
            .expect(400),
    );
    c.check(
        &get,
        "/changes",
        app.get("/api/v1/changes?since=v1.0", None)
            .await
            .expect(401),
    );
    c.check(
        &get,
        "/changes",
        app.get("/api/v1/changes?since=v1.0", admin)
            .await
            .expect(403),
    );

    // The public side, without a session.
    let published = app
        .article_at(portal_contract::Stage::Published, "author")
        .await;
    c.check(
        &get,
        "/public/articles",
        app.get("/api/v1/public/articles?per_page=5", None)
            .await
            .expect(200),
    );
    c.check(
        &get,
        "/public/articles",
        app.get("/api/v1/public/articles?page=0", None)
            .await
            .expect(400),
    );
    let pa = "/public/articles/{id}";
    c.check(
        &get,
        pa,
        app.get(&format!("/api/v1/public/articles/{}", published.id), None)
            .await
            .expect(200),
    );
    c.check(
        &get,
        pa,
        app.get(&format!("/api/v1/public/articles/{id}"), None)
            .await
            .expect(404),
    );
    c.check(
        &get,
        pa,
        app.get("/api/v1/public/articles/x", None).await.expect(400),
    );
    let ps = "/public/search";
    c.check(
        &get,
        ps,
        app.get("/api/v1/public/search?q=bao%20hiem", None)
            .await
            .expect(200),
    );
    c.check(
        &get,
        ps,
        app.get("/api/v1/public/search?q=%22%2A", None)
            .await
            .expect(400),
    );
    c.check(
        &get,
        ps,
        app.get("/api/v1/public/search", None).await.expect(400),
    );

    // Users and audit.
    c.check(
        &get,
        "/users",
        app.get("/api/v1/users?per_page=3", admin).await.expect(200),
    );
    c.check(
        &get,
        "/users",
        app.get("/api/v1/users", chief).await.expect(403),
    );
    let add = |body: Value| {
        Call::new(Method::POST, "/api/v1/users")
            .cookie(admin)
            .json(&body)
    };
    let user = json!({"username": "nguyen.an", "full_name": "Nguyễn An", "roles": ["author"], "password": "Matkhau2026"});
    let made = app.send(add(user.clone())).await;
    c.check(&post, "/users", made.expect(201));
    c.check(&post, "/users", app.send(add(user)).await.expect(409));
    c.check(
        &post,
        "/users",
        app.send(add(
            json!({"username": "b", "full_name": "", "roles": [], "password": "1"}),
        ))
        .await
        .expect(422),
    );
    let uid = made.json()["id"].as_i64().expect("id");
    let u = format!("/api/v1/users/{uid}");
    c.check(&get, "/users/{id}", app.get(&u, admin).await.expect(200));
    c.check(
        &get,
        "/users/{id}",
        app.get("/api/v1/users/999999", admin).await.expect(404),
    );
    let change = |version: Option<i64>| {
        let call = Call::new(Method::PATCH, &u)
            .cookie(admin)
            .json(&json!({"full_name": "Nguyễn Văn An"}));
        match version {
            Some(v) => call.if_match(v),
            None => call,
        }
    };
    c.check(
        &patch,
        "/users/{id}",
        app.send(change(Some(1))).await.expect(200),
    );
    c.check(
        &patch,
        "/users/{id}",
        app.send(change(Some(1))).await.expect(412),
    );
    c.check(
        &patch,
        "/users/{id}",
        app.send(change(None)).await.expect(428),
    );
    c.check(
        &get,
        "/audit",
        app.get("/api/v1/audit?per_page=50", admin)
            .await
            .expect(200),
    );
    c.check(
        &get,
        "/audit",
        app.get("/api/v1/audit", chief).await.expect(403),
    );
    c.check(
        &get,
        "/audit",
        app.get(
            "/api/v1/audit?actor=adm&action=user&outcome=success&target=user&from=2026-01-01&to=2026-12-31",
            admin,
        )
        .await
        .expect(200),
    );
    c.check(
        &get,
        "/audit",
        app.get("/api/v1/audit?outcome=maybe&from=2026-02-30", admin)
            .await
            .expect(400),
    );
    // One's own password (issue #7).
    let pw = "/session/password";
    let put = Method::PUT;
    let own = app.login("secretary").await;
    // The new password is the old one, so the secretary's later logins still work.
    let change = |cookie: Option<&str>, current: &str| {
        Call::new(Method::PUT, "/api/v1/session/password")
            .cookie(cookie)
            .json(&json!({ "current_password": current, "new_password": PASSWORD }))
    };
    c.check(
        &put,
        pw,
        app.send(change(Some(&own), "sai-roi-1")).await.expect(422),
    );
    c.check(&put, pw, app.send(change(None, PASSWORD)).await.expect(401));
    c.check(
        &put,
        pw,
        app.send(
            Call::new(Method::PUT, "/api/v1/session/password")
                .cookie(Some(&own))
                .raw(Some("text/plain"), b"x".to_vec()),
        )
        .await
        .expect(415),
    );
    c.check(
        &put,
        pw,
        app.send(change(Some(&own), PASSWORD)).await.expect(204),
    );
    // Live sessions (issue #7).
    c.check(
        &get,
        "/sessions",
        app.get("/api/v1/sessions", admin).await.expect(200),
    );
    c.check(
        &get,
        "/sessions",
        app.get("/api/v1/sessions?per_page=0", admin)
            .await
            .expect(400),
    );
    c.check(
        &get,
        "/sessions",
        app.get("/api/v1/sessions", None).await.expect(401),
    );
    c.check(
        &get,
        "/sessions",
        app.get("/api/v1/sessions", chief).await.expect(403),
    );
    let spare = app.login("secretary").await;
    let live: portal_contract::Page<portal_contract::ActiveSession> =
        serde_json::from_slice(&app.get("/api/v1/sessions?per_page=200", admin).await.body)
            .unwrap();
    let victim = live
        .items
        .iter()
        .find(|s| s.username == "secretary")
        .expect("the spare session")
        .id;
    let end = |id: &str, cookie: Option<&str>| {
        Call::new(Method::DELETE, &format!("/api/v1/sessions/{id}")).cookie(cookie)
    };
    let delete = Method::DELETE;
    c.check(
        &delete,
        "/sessions/{id}",
        app.send(end(&victim.to_string(), chief)).await.expect(403),
    );
    c.check(
        &delete,
        "/sessions/{id}",
        app.send(end(&victim.to_string(), admin)).await.expect(204),
    );
    c.check(
        &delete,
        "/sessions/{id}",
        app.send(end(&victim.to_string(), admin)).await.expect(404),
    );
    c.check(
        &delete,
        "/sessions/{id}",
        app.send(end("x", admin)).await.expect(400),
    );
    c.check(
        &delete,
        "/sessions/{id}",
        app.send(end("1", None)).await.expect(401),
    );
    app.get("/api/v1/session", Some(&spare)).await.expect(401);

    // Visitor statistics.
    let ua = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
    let beacon = |ip: &str, body: &[u8]| {
        Call::new(Method::POST, "/api/v1/collect")
            .no_csrf()
            .header("x-forwarded-for", ip)
            .header("user-agent", ua)
            .raw(Some("text/plain"), body.to_vec())
    };
    let collect = "/collect";
    c.check(
        &post,
        collect,
        app.send(beacon("198.51.100.1", br#"{"path":"/"}"#))
            .await
            .expect(204),
    );
    c.check(
        &post,
        collect,
        app.send(beacon("198.51.100.1", br#"{"path":7}"#))
            .await
            .expect(400),
    );
    let big = format!(r#"{{"path":"/","referrer":"{}"}}"#, "x".repeat(3000));
    c.check(
        &post,
        collect,
        app.send(beacon("198.51.100.1", big.as_bytes()))
            .await
            .expect(413),
    );
    let mut flood = None;
    for _ in 0..=portal_server::stats::BURST as usize {
        flood = Some(app.send(beacon("198.51.100.9", br#"{"path":"/"}"#)).await);
    }
    c.check(&post, collect, flood.expect("answers").expect(429));
    c.check(
        &Method::OPTIONS,
        collect,
        app.send(Call::new(Method::OPTIONS, "/api/v1/collect").no_csrf())
            .await
            .expect(204),
    );
    c.check(
        &get,
        "/collect.js",
        app.get("/api/v1/collect.js", None).await.expect(200),
    );
    let author = app.login("author").await;
    let author = Some(author.as_str());
    for (template, path) in [
        ("/stats/summary", "/api/v1/stats/summary"),
        ("/stats/timeseries", "/api/v1/stats/timeseries"),
        (
            "/stats/breakdown/{dimension}",
            "/api/v1/stats/breakdown/pages",
        ),
        ("/stats/realtime", "/api/v1/stats/realtime"),
    ] {
        c.check(&get, template, app.get(path, chief).await.expect(200));
        let csv = app.get(&format!("{path}?format=csv"), chief).await;
        c.check(&get, template, csv.expect(200));
        c.check(
            &get,
            template,
            app.get(&format!("{path}?format=xml"), chief)
                .await
                .expect(400),
        );
        c.check(&get, template, app.get(path, None).await.expect(401));
        c.check(&get, template, app.get(path, author).await.expect(403));
    }
    c.check(
        &get,
        "/stats/breakdown/{dimension}",
        app.get("/api/v1/stats/breakdown/cookies", chief)
            .await
            .expect(404),
    );

    // Annual operation plans.
    let secretary = app.login("secretary").await;
    let secretary = Some(secretary.as_str());
    let plans_t = "/plans";
    let new_plan = |cookie: Option<&str>, body: Value| {
        Call::new(Method::POST, "/api/v1/plans")
            .cookie(cookie)
            .json(&body)
    };
    c.check(
        &post,
        plans_t,
        app.send(new_plan(editor, json!({"year": 2027})))
            .await
            .expect(201),
    );
    let created = app.get("/api/v1/plans?year=2027", editor).await.json();
    let pid = created["items"][0]["id"].as_i64().expect("plan id");
    c.check(
        &post,
        plans_t,
        app.send(new_plan(editor, json!({"year": 2027})))
            .await
            .expect(409),
    );
    c.check(
        &post,
        plans_t,
        app.send(new_plan(editor, json!({"year": 1999})))
            .await
            .expect(422),
    );
    c.check(
        &post,
        plans_t,
        app.send(new_plan(director, json!({"year": 2028})))
            .await
            .expect(403),
    );
    c.check(
        &post,
        plans_t,
        app.send(new_plan(None, json!({"year": 2028})))
            .await
            .expect(401),
    );
    c.check(
        &post,
        plans_t,
        app.send(
            Call::new(Method::POST, "/api/v1/plans")
                .cookie(editor)
                .raw(Some("application/json"), b"{".to_vec()),
        )
        .await
        .expect(400),
    );
    c.check(
        &post,
        plans_t,
        app.send(
            Call::new(Method::POST, "/api/v1/plans")
                .cookie(editor)
                .raw(Some("text/plain"), b"{}".to_vec()),
        )
        .await
        .expect(415),
    );
    c.check(
        &get,
        plans_t,
        app.get("/api/v1/plans", chief).await.expect(200),
    );
    c.check(
        &get,
        plans_t,
        app.get("/api/v1/plans?year=abc", chief).await.expect(400),
    );
    c.check(
        &get,
        plans_t,
        app.get("/api/v1/plans", None).await.expect(401),
    );
    c.check(
        &get,
        plans_t,
        app.get("/api/v1/plans", author).await.expect(403),
    );
    let one = "/plans/{id}";
    let plan_path = format!("/api/v1/plans/{pid}");
    let got = app.get(&plan_path, editor).await;
    c.check(&get, one, got.expect(200));
    let mut content = got.json()["content"].clone();
    c.check(
        &get,
        one,
        app.get("/api/v1/plans/999999", editor).await.expect(404),
    );
    c.check(
        &get,
        one,
        app.get("/api/v1/plans/abc", editor).await.expect(400),
    );
    c.check(&get, one, app.get(&plan_path, None).await.expect(401));
    c.check(&get, one, app.get(&plan_path, author).await.expect(403));
    let patch_plan = |cookie: Option<&str>, version: Option<i64>, body: Value| {
        let call = Call::new(Method::PATCH, &plan_path)
            .cookie(cookie)
            .json(&body);
        match version {
            Some(v) => call.if_match(v),
            None => call,
        }
    };
    content["objectives"] = json!("Tuyên truyền chính sách BHXH, BHYT.");
    for m in content["months"].as_array_mut().expect("months") {
        m["theme"] = json!("Chủ đề");
        m["responsible"] = json!("Phòng Truyền thông");
    }
    c.check(
        &patch,
        one,
        app.send(patch_plan(editor, Some(1), json!({"content": content})))
            .await
            .expect(200),
    );
    c.check(
        &patch,
        one,
        app.send(patch_plan(editor, Some(1), json!({"content": content})))
            .await
            .expect(412),
    );
    c.check(
        &patch,
        one,
        app.send(patch_plan(editor, None, json!({"content": content})))
            .await
            .expect(428),
    );
    c.check(
        &patch,
        one,
        app.send(patch_plan(
            editor,
            Some(2),
            json!({"content": {"months": []}}),
        ))
        .await
        .expect(422),
    );
    c.check(
        &patch,
        one,
        app.send(patch_plan(director, Some(2), json!({"content": content})))
            .await
            .expect(403),
    );
    let act = |cookie: Option<&str>, version: Option<i64>, body: Value| {
        let call = Call::new(Method::POST, &format!("/api/v1/plans/{pid}/transitions"))
            .cookie(cookie)
            .json(&body);
        match version {
            Some(v) => call.if_match(v),
            None => call,
        }
    };
    let tr = "/plans/{id}/transitions";
    c.check(
        &post,
        tr,
        app.send(act(editor, Some(2), json!({"action": "approve"})))
            .await
            .expect(403),
    );
    c.check(
        &post,
        tr,
        app.send(act(editor, Some(1), json!({"action": "submit"})))
            .await
            .expect(412),
    );
    c.check(
        &post,
        tr,
        app.send(act(editor, None, json!({"action": "submit"})))
            .await
            .expect(428),
    );
    c.check(
        &post,
        tr,
        app.send(act(editor, Some(2), json!({"action": "submit"})))
            .await
            .expect(200),
    );
    c.check(
        &patch,
        one,
        app.send(patch_plan(editor, Some(3), json!({"content": content})))
            .await
            .expect(409),
    );
    c.check(
        &post,
        tr,
        app.send(act(director, Some(3), json!({"action": "return"})))
            .await
            .expect(422),
    );
    c.check(
        &post,
        tr,
        app.send(act(editor, Some(3), json!({"action": "submit"})))
            .await
            .expect(409),
    );
    c.check(
        &post,
        tr,
        app.send(act(director, Some(3), json!({"action": "approve"})))
            .await
            .expect(200),
    );
    let amend = |version: Option<i64>| {
        let call = Call::new(Method::POST, &format!("/api/v1/plans/{pid}/amend")).cookie(editor);
        match version {
            Some(v) => call.if_match(v),
            None => call,
        }
    };
    let am = "/plans/{id}/amend";
    c.check(&post, am, app.send(amend(Some(3))).await.expect(412));
    c.check(&post, am, app.send(amend(None)).await.expect(428));
    c.check(&post, am, app.send(amend(Some(4))).await.expect(201));
    c.check(&post, am, app.send(amend(Some(4))).await.expect(409));
    let hist = "/plans/{id}/history";
    c.check(
        &get,
        hist,
        app.get(&format!("/api/v1/plans/{pid}/history"), director)
            .await
            .expect(200),
    );
    c.check(
        &get,
        hist,
        app.get("/api/v1/plans/999999/history", director)
            .await
            .expect(404),
    );

    let np = "/norms/progress";
    c.check(
        &get,
        np,
        app.get("/api/v1/norms/progress", director)
            .await
            .expect(200),
    );
    c.check(
        &get,
        np,
        app.get("/api/v1/norms/progress?month=0", director)
            .await
            .expect(400),
    );
    c.check(
        &get,
        np,
        app.get("/api/v1/norms/progress", None).await.expect(401),
    );

    // The spokesperson.
    let sp = "/spokesperson";
    c.check(
        &get,
        "/public/spokesperson",
        app.get("/api/v1/public/spokesperson", None)
            .await
            .expect(404),
    );
    let confirm = |version: Option<i64>| {
        let call = Call::new(Method::POST, "/api/v1/spokesperson/confirm").cookie(secretary);
        match version {
            Some(v) => call.if_match(v),
            None => call,
        }
    };
    c.check(
        &post,
        "/spokesperson/confirm",
        app.send(confirm(Some(0))).await.expect(409),
    );
    let person = json!({"full_name": "Nguyễn Thị Lan", "position": "Phó Giám đốc", "unit": "BHXH tỉnh", "phone": "0912345678", "email": "phatngon@bhxh.gov.vn"});
    let put = |cookie: Option<&str>, version: Option<i64>, body: Value| {
        let call = Call::new(Method::PUT, "/api/v1/spokesperson")
            .cookie(cookie)
            .json(&body);
        match version {
            Some(v) => call.if_match(v),
            None => call,
        }
    };
    let good = json!({"content": {"spokesperson": person}});
    c.check(
        &Method::PUT,
        sp,
        app.send(put(secretary, Some(0), good.clone()))
            .await
            .expect(200),
    );
    c.check(
        &Method::PUT,
        sp,
        app.send(put(secretary, Some(0), good.clone()))
            .await
            .expect(412),
    );
    c.check(
        &Method::PUT,
        sp,
        app.send(put(secretary, None, good.clone()))
            .await
            .expect(428),
    );
    c.check(
        &Method::PUT,
        sp,
        app.send(put(editor, Some(1), good.clone()))
            .await
            .expect(403),
    );
    let mut bad = good.clone();
    bad["content"]["spokesperson"]["phone"] = json!("12345");
    c.check(
        &Method::PUT,
        sp,
        app.send(put(secretary, Some(1), bad)).await.expect(422),
    );
    c.check(
        &post,
        "/spokesperson/confirm",
        app.send(confirm(Some(1))).await.expect(200),
    );
    c.check(
        &post,
        "/spokesperson/confirm",
        app.send(confirm(Some(1))).await.expect(412),
    );
    c.check(
        &post,
        "/spokesperson/confirm",
        app.send(confirm(None)).await.expect(428),
    );
    let bad_tag = Call::new(Method::POST, "/api/v1/spokesperson/confirm")
        .cookie(secretary)
        .header("if-match", "0000");
    c.check(
        &post,
        "/spokesperson/confirm",
        app.send(bad_tag).await.expect(400),
    );
    c.check(
        &get,
        sp,
        app.get("/api/v1/spokesperson", editor).await.expect(200),
    );
    c.check(
        &get,
        sp,
        app.get("/api/v1/spokesperson", None).await.expect(401),
    );
    c.check(
        &get,
        sp,
        app.get("/api/v1/spokesperson", author).await.expect(403),
    );
    c.check(
        &get,
        "/spokesperson/versions",
        app.get("/api/v1/spokesperson/versions", editor)
            .await
            .expect(200),
    );
    c.check(
        &get,
        "/public/spokesperson",
        app.get("/api/v1/public/spokesperson", None)
            .await
            .expect(200),
    );

    // Duties: my work, norms, quarterly model articles.
    c.check(
        &get,
        "/my-work",
        app.get("/api/v1/my-work", editor).await.expect(200),
    );
    c.check(
        &get,
        "/my-work",
        app.get("/api/v1/my-work?limit=0", editor).await.expect(400),
    );
    c.check(
        &get,
        "/norms/year",
        app.get("/api/v1/norms/year?year=2026", editor)
            .await
            .expect(200),
    );
    c.check(
        &get,
        "/norms/year",
        app.get("/api/v1/norms/year?year=1", editor)
            .await
            .expect(400),
    );
    let ns = "/norms/settings/{year}";
    c.check(
        &get,
        ns,
        app.get("/api/v1/norms/settings/2026", editor)
            .await
            .expect(200),
    );
    c.check(
        &get,
        ns,
        app.get("/api/v1/norms/settings/1999", editor)
            .await
            .expect(404),
    );
    c.check(
        &get,
        ns,
        app.get("/api/v1/norms/settings/x", editor)
            .await
            .expect(400),
    );
    let months: Vec<Value> = (1..=12)
        .map(|m| json!({"month": m, "news": 25, "articles": 5}))
        .collect();
    let put_norms = |cookie: Option<&str>, version: Option<i64>, body: Value| {
        let call = Call::new(Method::PUT, "/api/v1/norms/settings/2026")
            .cookie(cookie)
            .json(&body);
        match version {
            Some(v) => call.if_match(v),
            None => call,
        }
    };
    let norms_ok = json!({ "months": months });
    c.check(
        &Method::PUT,
        ns,
        app.send(put_norms(chief, None, norms_ok.clone()))
            .await
            .expect(428),
    );
    c.check(
        &Method::PUT,
        ns,
        app.send(put_norms(editor, Some(0), norms_ok.clone()))
            .await
            .expect(403),
    );
    c.check(
        &Method::PUT,
        ns,
        app.send(put_norms(chief, Some(0), json!({"months": []})))
            .await
            .expect(422),
    );
    c.check(
        &Method::PUT,
        ns,
        app.send(put_norms(chief, Some(0), norms_ok.clone()))
            .await
            .expect(200),
    );
    c.check(
        &Method::PUT,
        ns,
        app.send(put_norms(chief, Some(0), norms_ok.clone()))
            .await
            .expect(412),
    );
    c.check(
        &get,
        "/quarterly",
        app.get("/api/v1/quarterly", editor).await.expect(200),
    );
    c.check(
        &get,
        "/quarterly",
        app.get("/api/v1/quarterly?quarter=9", editor)
            .await
            .expect(400),
    );
    let public = app.article_at(Stage::Published, "editor").await;
    let today = app
        .clock_now()
        .with_timezone(&portal_contract::format::vn_offset())
        .date_naive();
    let q = portal_contract::quarterly::Quarter::of(today);
    let submit = |cookie: Option<&str>, ids: Vec<i64>| {
        Call::new(Method::POST, "/api/v1/quarterly-submissions")
            .cookie(cookie)
            .json(
                &json!({"year": q.year, "quarter": q.quarter, "sent_on": today.to_string(),
                          "article_ids": ids}),
            )
    };
    let qs = "/quarterly-submissions";
    c.check(
        &post,
        qs,
        app.send(submit(author, vec![public.id])).await.expect(403),
    );
    c.check(
        &post,
        qs,
        app.send(submit(editor, vec![])).await.expect(422),
    );
    let recorded = app.send(submit(editor, vec![public.id])).await;
    c.check(&post, qs, recorded.expect(201));
    let sid = recorded.json()["id"].as_i64().expect("id");
    c.check(
        &get,
        qs,
        app.get("/api/v1/quarterly-submissions", director)
            .await
            .expect(200),
    );
    c.check(
        &get,
        qs,
        app.get("/api/v1/quarterly-submissions?year=x", director)
            .await
            .expect(400),
    );
    c.check(
        &get,
        "/quarterly-submissions/{id}",
        app.get(&format!("/api/v1/quarterly-submissions/{sid}"), director)
            .await
            .expect(200),
    );
    c.check(
        &get,
        "/quarterly-submissions/{id}",
        app.get("/api/v1/quarterly-submissions/987654", director)
            .await
            .expect(404),
    );

    // Throttling, then logout.
    let mut last = None;
    for _ in 0..6 {
        last = Some(
            app.send(login(
                json!({"username": "secretary", "password": "sai-mat-khau-1"}),
            ))
            .await,
        );
    }
    c.check(&post, "/session", last.expect("answers").expect(429));
    let out = app
        .send(Call::new(Method::DELETE, "/api/v1/session").cookie(chief))
        .await;
    c.check(&Method::DELETE, "/session", out.expect(204));

    assert_eq!(
        c.checked,
        47 + 37 + 27 + 54 + 21 + 11 + 4,
        "every answer above went through the checker"
    );
}

// ── fraud reports ──
#[tokio::test]
async fn fraud_report_answers_match_the_contract() {
    let app = TestApp::new().await;
    let mut c = Checker {
        doc: OpenApi::load(),
        checked: 0,
    };
    let (get, post) = (Method::GET, Method::POST);
    let local = app.login("local_office").await;
    let it = app.login("it_centre").await;
    let comms = app.login("communication_centre").await;
    let editor = app.login("editor").await;
    let (local, it, comms, editor) = (
        Some(local.as_str()),
        Some(it.as_str()),
        Some(comms.as_str()),
        Some(editor.as_str()),
    );
    let list = "/fraud-reports";
    let file = |cookie: Option<&str>, body: &Value| {
        Call::new(Method::POST, "/api/v1/fraud-reports")
            .cookie(cookie)
            .json(body)
    };
    let created = app.send(file(local, &crate::fraud::new_report())).await;
    c.check(&post, list, created.expect(201));
    let id = created.json()["id"].as_i64().unwrap();
    let mut bad = crate::fraud::new_report();
    bad["amount"] = json!(-5);
    c.check(&post, list, app.send(file(local, &bad)).await.expect(422));
    c.check(
        &post,
        list,
        app.send(file(editor, &crate::fraud::new_report()))
            .await
            .expect(403),
    );
    c.check(
        &post,
        list,
        app.send(file(None, &crate::fraud::new_report()))
            .await
            .expect(401),
    );
    let raw = |ct: &str, bytes: Vec<u8>| {
        Call::new(Method::POST, "/api/v1/fraud-reports")
            .cookie(local)
            .raw(Some(ct), bytes)
    };
    c.check(
        &post,
        list,
        app.send(raw("application/json", b"{".to_vec()))
            .await
            .expect(400),
    );
    c.check(
        &post,
        list,
        app.send(raw("text/plain", b"x".to_vec())).await.expect(415),
    );
    c.check(
        &post,
        list,
        app.send(raw("application/json", vec![b' '; 1_100_000]))
            .await
            .expect(413),
    );
    c.check(
        &get,
        list,
        app.get("/api/v1/fraud-reports?state=new", it)
            .await
            .expect(200),
    );
    c.check(
        &get,
        list,
        app.get("/api/v1/fraud-reports?state=x", it)
            .await
            .expect(400),
    );
    c.check(
        &get,
        list,
        app.get("/api/v1/fraud-reports", None).await.expect(401),
    );
    c.check(
        &get,
        list,
        app.get("/api/v1/fraud-reports", editor).await.expect(403),
    );

    let one = "/fraud-reports/{id}";
    let path = format!("/api/v1/fraud-reports/{id}");
    c.check(&get, one, app.get(&path, it).await.expect(200));
    c.check(&get, one, app.get(&path, None).await.expect(401));
    c.check(&get, one, app.get(&path, editor).await.expect(403));
    c.check(
        &get,
        one,
        app.get("/api/v1/fraud-reports/999999", it)
            .await
            .expect(404),
    );
    c.check(
        &get,
        one,
        app.get("/api/v1/fraud-reports/abc", it).await.expect(400),
    );

    let tr = "/fraud-reports/{id}/transitions";
    let act = |cookie: Option<&str>, version: Option<i64>, body: Value| {
        let call = Call::new(
            Method::POST,
            &format!("/api/v1/fraud-reports/{id}/transitions"),
        )
        .cookie(cookie)
        .json(&body);
        match version {
            Some(v) => call.if_match(v),
            None => call,
        }
    };
    let verify = || json!({"action": "verify"});
    c.check(
        &post,
        tr,
        app.send(act(it, None, verify())).await.expect(428),
    );
    c.check(
        &post,
        tr,
        app.send(act(it, Some(9), verify())).await.expect(412),
    );
    c.check(
        &post,
        tr,
        app.send(act(it, None, verify()).header("if-match", "1"))
            .await
            .expect(400),
    );
    c.check(
        &post,
        tr,
        app.send(act(None, Some(1), verify())).await.expect(401),
    );
    c.check(
        &post,
        tr,
        app.send(act(local, Some(1), verify())).await.expect(403),
    );
    c.check(
        &post,
        tr,
        app.send(act(comms, Some(1), json!({"action": "communicate"})))
            .await
            .expect(409),
    );
    c.check(
        &post,
        tr,
        app.send(act(it, Some(1), json!({"action": "verify", "comment": 3})))
            .await
            .expect(422),
    );
    c.check(
        &post,
        tr,
        app.send(
            Call::new(Method::POST, "/api/v1/fraud-reports/999999/transitions")
                .cookie(it)
                .if_match(1)
                .json(&verify()),
        )
        .await
        .expect(404),
    );
    c.check(
        &post,
        tr,
        app.send(
            Call::new(
                Method::POST,
                &format!("/api/v1/fraud-reports/{id}/transitions"),
            )
            .cookie(it)
            .if_match(1)
            .raw(Some("text/plain"), b"verify".to_vec()),
        )
        .await
        .expect(415),
    );
    c.check(
        &post,
        tr,
        app.send(act(it, Some(1), verify())).await.expect(200),
    );

    let wa = "/fraud-reports/{id}/warning-article";
    let draft = |cookie: Option<&str>, report: i64, version: Option<i64>| {
        let call = Call::new(
            Method::POST,
            &format!("/api/v1/fraud-reports/{report}/warning-article"),
        )
        .cookie(cookie);
        match version {
            Some(v) => call.if_match(v),
            None => call,
        }
    };
    c.check(
        &post,
        wa,
        app.send(draft(comms, id, None)).await.expect(428),
    );
    c.check(
        &post,
        wa,
        app.send(draft(comms, id, Some(1))).await.expect(412),
    );
    c.check(
        &post,
        wa,
        app.send(draft(comms, id, None).header("if-match", "x"))
            .await
            .expect(400),
    );
    c.check(
        &post,
        wa,
        app.send(draft(None, id, Some(2))).await.expect(401),
    );
    c.check(
        &post,
        wa,
        app.send(draft(it, id, Some(2))).await.expect(403),
    );
    c.check(
        &post,
        wa,
        app.send(draft(comms, 999_999, Some(1))).await.expect(404),
    );
    let fresh = app
        .send(file(local, &crate::fraud::new_report()))
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    c.check(
        &post,
        wa,
        app.send(draft(comms, fresh, Some(1))).await.expect(409),
    );
    c.check(
        &post,
        wa,
        app.send(draft(comms, id, Some(2))).await.expect(201),
    );
    c.check(
        &post,
        wa,
        app.send(draft(comms, id, Some(2))).await.expect(200),
    );
    c.check(
        &post,
        tr,
        app.send(act(comms, Some(3), json!({"action": "communicate"})))
            .await
            .expect(200),
    );
    assert_eq!(c.checked, 11 + 5 + 10 + 10);
}

#[tokio::test]
async fn royalty_operations_answer_as_the_contract_documents() {
    let app = TestApp::new().await;
    let mut c = Checker {
        doc: OpenApi::load(),
        checked: 0,
    };
    let (get, put, post) = (Method::GET, Method::PUT, Method::POST);
    let chief = app.login("chief").await;
    let secretary = app.login("secretary").await;
    let author = app.login("author").await;
    let (chief, secretary, author) = (
        Some(chief.as_str()),
        Some(secretary.as_str()),
        Some(author.as_str()),
    );
    let a = app.article_at(Stage::Published, "author").await;
    let draft = app.article_at(Stage::Draft, "author").await;

    // Settings.
    let s = "/royalties/settings";
    c.check(
        &get,
        s,
        app.get("/api/v1/royalties/settings", chief)
            .await
            .expect(200),
    );
    c.check(
        &get,
        s,
        app.get("/api/v1/royalties/settings", None)
            .await
            .expect(401),
    );
    c.check(
        &get,
        s,
        app.get("/api/v1/royalties/settings", author)
            .await
            .expect(403),
    );
    let good = json!({
        "coefficients": portal_contract::royalty::default_coefficients(),
        "unit_values": [{"effective_from": "2024-07-01", "vnd": 234_000}]
    });
    let put_settings = |cookie: Option<&str>, body: &Value| {
        Call::new(Method::PUT, "/api/v1/royalties/settings")
            .cookie(cookie)
            .json(body)
    };
    c.check(
        &put,
        s,
        app.send(put_settings(chief, &good)).await.expect(428),
    );
    c.check(
        &put,
        s,
        app.send(put_settings(chief, &good).if_match(0))
            .await
            .expect(200),
    );
    c.check(
        &put,
        s,
        app.send(put_settings(chief, &good).if_match(0))
            .await
            .expect(412),
    );
    c.check(
        &put,
        s,
        app.send(put_settings(author, &good).if_match(1))
            .await
            .expect(403),
    );
    c.check(
        &put,
        s,
        app.send(put_settings(None, &good).if_match(1))
            .await
            .expect(401),
    );
    let mut bad = good.clone();
    bad["unit_values"][0]["vnd"] = json!(-1);
    c.check(
        &put,
        s,
        app.send(put_settings(chief, &bad).if_match(1))
            .await
            .expect(422),
    );
    let malformed = Call::new(Method::PUT, "/api/v1/royalties/settings")
        .cookie(chief)
        .if_match(1)
        .raw(Some("application/json"), b"{".to_vec());
    c.check(&put, s, app.send(malformed).await.expect(400));
    let text = Call::new(Method::PUT, "/api/v1/royalties/settings")
        .cookie(chief)
        .if_match(1)
        .raw(Some("text/plain"), b"x".to_vec());
    c.check(&put, s, app.send(text).await.expect(415));
    let huge = Call::new(Method::PUT, "/api/v1/royalties/settings")
        .cookie(chief)
        .if_match(1)
        .raw(
            Some("application/json"),
            vec![b' '; portal_contract::MAX_BODY_BYTES + 1],
        );
    c.check(&put, s, app.send(huge).await.expect(413));

    // An article's royalty.
    let r = "/articles/{id}/royalty";
    let path = format!("/api/v1/articles/{}/royalty", a.id);
    c.check(&get, r, app.get(&path, chief).await.expect(200));
    c.check(&get, r, app.get(&path, None).await.expect(401));
    c.check(&get, r, app.get(&path, author).await.expect(403));
    c.check(
        &get,
        r,
        app.get("/api/v1/articles/x/royalty", chief)
            .await
            .expect(400),
    );
    c.check(
        &get,
        r,
        app.get("/api/v1/articles/99999/royalty", chief)
            .await
            .expect(404),
    );
    let assess = |cookie: Option<&str>, p: &str, body: Value| {
        Call::new(Method::PUT, p).cookie(cookie).json(&body)
    };
    let ok = json!({"coefficient_tenths": 15, "remunerations": [
        {"name": "Biên tập viên", "role": "editor", "amount_vnd": 100_000}
    ]});
    c.check(
        &put,
        r,
        app.send(assess(chief, &path, ok.clone())).await.expect(428),
    );
    let bad = json!({"coefficient_tenths": 999});
    c.check(
        &put,
        r,
        app.send(assess(chief, &path, bad).if_match(0))
            .await
            .expect(422),
    );
    c.check(
        &put,
        r,
        app.send(assess(author, &path, ok.clone()).if_match(0))
            .await
            .expect(403),
    );
    c.check(
        &put,
        r,
        app.send(assess(None, &path, ok.clone()).if_match(0))
            .await
            .expect(401),
    );
    c.check(
        &put,
        r,
        app.send(assess(chief, "/api/v1/articles/99999/royalty", ok.clone()).if_match(0))
            .await
            .expect(404),
    );
    c.check(
        &put,
        r,
        app.send(assess(chief, "/api/v1/articles/x/royalty", ok.clone()).if_match(0))
            .await
            .expect(400),
    );
    let text = Call::new(Method::PUT, &path)
        .cookie(chief)
        .if_match(0)
        .raw(Some("text/plain"), b"x".to_vec());
    c.check(&put, r, app.send(text).await.expect(415));
    let huge = Call::new(Method::PUT, &path).cookie(chief).if_match(0).raw(
        Some("application/json"),
        vec![b' '; portal_contract::MAX_BODY_BYTES + 1],
    );
    c.check(&put, r, app.send(huge).await.expect(413));
    c.check(
        &put,
        r,
        app.send(assess(chief, &path, ok.clone()).if_match(0))
            .await
            .expect(200),
    );
    c.check(
        &put,
        r,
        app.send(assess(chief, &path, ok.clone()).if_match(0))
            .await
            .expect(412),
    );

    // Payment.
    let p = "/articles/{id}/royalty/payment";
    let pay_path = format!("{path}/payment");
    let pay = |cookie: Option<&str>, p: &str, day: &str| {
        Call::new(Method::POST, p)
            .cookie(cookie)
            .json(&json!({"paid_on": day}))
    };
    c.check(
        &post,
        p,
        app.send(pay(secretary, &pay_path, "2026-02-16"))
            .await
            .expect(428),
    );
    c.check(
        &post,
        p,
        app.send(pay(secretary, &pay_path, "2026-02-16").if_match(0))
            .await
            .expect(412),
    );
    c.check(
        &post,
        p,
        app.send(pay(secretary, &pay_path, "2030-01-01").if_match(1))
            .await
            .expect(422),
    );
    c.check(
        &post,
        p,
        app.send(pay(chief, &pay_path, "2026-02-16").if_match(1))
            .await
            .expect(403),
    );
    c.check(
        &post,
        p,
        app.send(pay(None, &pay_path, "2026-02-16").if_match(1))
            .await
            .expect(401),
    );
    let draft_pay = format!("/api/v1/articles/{}/royalty/payment", draft.id);
    c.check(
        &post,
        p,
        app.send(pay(secretary, &draft_pay, "2026-02-16").if_match(0))
            .await
            .expect(409),
    );
    c.check(
        &post,
        p,
        app.send(
            pay(
                secretary,
                "/api/v1/articles/99999/royalty/payment",
                "2026-02-16",
            )
            .if_match(0),
        )
        .await
        .expect(404),
    );
    c.check(
        &post,
        p,
        app.send(
            pay(
                secretary,
                "/api/v1/articles/0/royalty/payment",
                "2026-02-16",
            )
            .if_match(0),
        )
        .await
        .expect(400),
    );
    let text = Call::new(Method::POST, &pay_path)
        .cookie(secretary)
        .if_match(1)
        .raw(Some("text/plain"), b"x".to_vec());
    c.check(&post, p, app.send(text).await.expect(415));
    let huge = Call::new(Method::POST, &pay_path)
        .cookie(secretary)
        .if_match(1)
        .raw(
            Some("application/json"),
            vec![b' '; portal_contract::MAX_BODY_BYTES + 1],
        );
    c.check(&post, p, app.send(huge).await.expect(413));
    c.check(
        &post,
        p,
        app.send(pay(secretary, &pay_path, "2026-02-16").if_match(1))
            .await
            .expect(200),
    );
    c.check(
        &put,
        r,
        app.send(assess(chief, &path, ok).if_match(2))
            .await
            .expect(409),
    );

    // The sheet and the alert.
    let sh = "/royalties/sheet";
    c.check(
        &get,
        sh,
        app.get("/api/v1/royalties/sheet?month=2026-02", chief)
            .await
            .expect(200),
    );
    c.check(
        &get,
        sh,
        app.get("/api/v1/royalties/sheet?month=2026-02&format=csv", chief)
            .await
            .expect(200),
    );
    c.check(
        &get,
        sh,
        app.get("/api/v1/royalties/sheet?month=2026-2", chief)
            .await
            .expect(400),
    );
    c.check(
        &get,
        sh,
        app.get("/api/v1/royalties/sheet", None).await.expect(401),
    );
    c.check(
        &get,
        sh,
        app.get("/api/v1/royalties/sheet", author).await.expect(403),
    );
    let o = "/royalties/overdue";
    c.check(
        &get,
        o,
        app.get("/api/v1/royalties/overdue", chief)
            .await
            .expect(200),
    );
    c.check(
        &get,
        o,
        app.get("/api/v1/royalties/overdue", None).await.expect(401),
    );
    c.check(
        &get,
        o,
        app.get("/api/v1/royalties/overdue", author)
            .await
            .expect(403),
    );

    assert_eq!(c.checked, 47, "every answer above went through the checker");
}

// ── required information ──
#[tokio::test]
async fn the_required_information_answers_as_documented() {
    let app = TestApp::new().await;
    let mut c = Checker {
        doc: OpenApi::load(),
        checked: 0,
    };
    let (get, post, put) = (Method::GET, Method::POST, Method::PUT);
    let sec = app.login("secretary").await;
    let admin = app.login("admin").await;
    let author = app.login("author").await;
    let director = app.login("director").await;
    let send = |m: Method, path: &str, cookie: &str, version: Option<i64>, body: Option<Value>| {
        let mut call = Call::new(m, path).cookie(Some(cookie));
        if let Some(v) = version {
            call = call.if_match(v);
        }
        if let Some(b) = body {
            call = call.json(&b);
        }
        call
    };
    let unit = json!({"name_vi": "Phòng Thu", "name_en": "Revenue Collection Division", "functions_vi": "Thu BHXH, BHYT.", "functions_en": "Collects contributions.", "leader_name": "Trần Văn Bình", "leader_position_vi": "Trưởng phòng", "leader_position_en": "Head of Division", "phone": "02363822123", "email": "thu@bhxh.gov.vn", "address_vi": "1 Lê Lợi", "address_en": "1 Le Loi"});
    let bodies = [
        (
            "/info/org",
            json!({"content": {"units": [unit]}}),
            json!({"content": {"units": [{"name_vi": ""}]}}),
        ),
        (
            "/info/links",
            json!({"content": {"links": [{"name": "Sở Y tế", "url": "http://127.0.0.1:9/"}]}}),
            json!({"content": {"links": [{"name": "x", "url": "javascript:alert(1)"}]}}),
        ),
        (
            "/info/training",
            json!({"content": {"sessions": [{"date": "2026-03-12", "topic": "Viết tin", "trainer": "VSS", "participants": "Ban Biên tập", "participant_count": 12, "hours": 3.5}]}}),
            json!({"content": {"sessions": [{"date": "2026-03-12", "topic": "Viết tin", "trainer": "VSS", "participants": "Ban Biên tập", "participant_count": 12, "hours": -1}]}}),
        ),
    ];
    for (t, good, bad) in &bodies {
        let path = format!("/api/v1{t}");
        let confirm = format!("{t}/confirm");
        let confirm_path = format!("/api/v1{confirm}");
        c.check(&get, t, app.get(&path, Some(&director)).await.expect(200));
        c.check(&get, t, app.get(&path, None).await.expect(401));
        c.check(&get, t, app.get(&path, Some(&author)).await.expect(403));
        c.check(
            &post,
            &confirm,
            app.send(send(post.clone(), &confirm_path, &sec, Some(0), None))
                .await
                .expect(409),
        );
        c.check(
            &put,
            t,
            app.send(send(put.clone(), &path, &sec, None, Some(good.clone())))
                .await
                .expect(428),
        );
        c.check(
            &put,
            t,
            app.send(send(put.clone(), &path, &sec, Some(0), Some(bad.clone())))
                .await
                .expect(422),
        );
        c.check(
            &put,
            t,
            app.send(send(
                put.clone(),
                &path,
                &director,
                Some(0),
                Some(good.clone()),
            ))
            .await
            .expect(403),
        );
        let anonymous = Call::new(put.clone(), &path).if_match(0).json(good);
        c.check(&put, t, app.send(anonymous).await.expect(401));
        let syntax = send(put.clone(), &path, &sec, Some(0), None)
            .raw(Some("application/json"), b"{".to_vec());
        c.check(&put, t, app.send(syntax).await.expect(400));
        let text =
            send(put.clone(), &path, &sec, Some(0), None).raw(Some("text/plain"), b"{}".to_vec());
        c.check(&put, t, app.send(text).await.expect(415));
        let huge = send(put.clone(), &path, &sec, Some(0), None)
            .raw(Some("application/json"), vec![b' '; 1_100_000])
            .header("content-length", "1100000");
        c.check(&put, t, app.send(huge).await.expect(413));
        c.check(
            &put,
            t,
            app.send(send(put.clone(), &path, &sec, Some(0), Some(good.clone())))
                .await
                .expect(200),
        );
        c.check(
            &put,
            t,
            app.send(send(put.clone(), &path, &sec, Some(0), Some(good.clone())))
                .await
                .expect(412),
        );
        c.check(
            &post,
            &confirm,
            app.send(send(post.clone(), &confirm_path, &sec, Some(1), None))
                .await
                .expect(200),
        );
        c.check(
            &post,
            &confirm,
            app.send(send(post.clone(), &confirm_path, &sec, Some(1), None))
                .await
                .expect(412),
        );
        c.check(
            &post,
            &confirm,
            app.send(send(post.clone(), &confirm_path, &sec, None, None))
                .await
                .expect(428),
        );
        c.check(
            &post,
            &confirm,
            app.send(send(post.clone(), &confirm_path, &sec, None, None).header("if-match", "1"))
                .await
                .expect(400),
        );
        c.check(
            &post,
            &confirm,
            app.send(send(post.clone(), &confirm_path, &director, Some(2), None))
                .await
                .expect(403),
        );
        c.check(
            &post,
            &confirm,
            app.send(Call::new(post.clone(), &confirm_path).if_match(2))
                .await
                .expect(401),
        );
        let big = send(post.clone(), &confirm_path, &sec, Some(2), None)
            .raw(Some("application/json"), vec![b' '; 1_100_000])
            .header("content-length", "1100000");
        c.check(&post, &confirm, app.send(big).await.expect(413));
        c.check(&get, t, app.get(&path, Some(&sec)).await.expect(200));
    }
    let check = "/info/links/check";
    c.check(
        &post,
        check,
        app.send(send(
            post.clone(),
            "/api/v1/info/links/check",
            &sec,
            None,
            None,
        ))
        .await
        .expect(200),
    );
    c.check(
        &post,
        check,
        app.send(send(
            post.clone(),
            "/api/v1/info/links/check",
            &director,
            None,
            None,
        ))
        .await
        .expect(403),
    );
    c.check(
        &post,
        check,
        app.send(Call::new(post.clone(), "/api/v1/info/links/check"))
            .await
            .expect(401),
    );
    let big = send(post.clone(), "/api/v1/info/links/check", &sec, None, None)
        .raw(Some("application/json"), vec![b' '; 1_100_000])
        .header("content-length", "1100000");
    c.check(&post, check, app.send(big).await.expect(413));
    c.check(
        &get,
        "/info/links",
        app.get("/api/v1/info/links", Some(&sec)).await.expect(200),
    );

    c.check(
        &get,
        "/info/status",
        app.get("/api/v1/info/status", Some(&sec)).await.expect(200),
    );
    c.check(
        &get,
        "/info/status",
        app.get("/api/v1/info/status", None).await.expect(401),
    );
    c.check(
        &get,
        "/info/status",
        app.get("/api/v1/info/status", Some(&author))
            .await
            .expect(403),
    );

    let st = "/info/settings";
    let sp = "/api/v1/info/settings";
    c.check(&get, st, app.get(sp, Some(&director)).await.expect(200));
    c.check(&get, st, app.get(sp, None).await.expect(401));
    c.check(&get, st, app.get(sp, Some(&author)).await.expect(403));
    let days = |n: i64| Some(json!({"stale_after_days": n}));
    c.check(
        &put,
        st,
        app.send(send(put.clone(), sp, &admin, None, days(30)))
            .await
            .expect(428),
    );
    c.check(
        &put,
        st,
        app.send(send(put.clone(), sp, &admin, Some(0), days(0)))
            .await
            .expect(422),
    );
    c.check(
        &put,
        st,
        app.send(send(put.clone(), sp, &sec, Some(0), days(30)))
            .await
            .expect(403),
    );
    c.check(
        &put,
        st,
        app.send(
            Call::new(put.clone(), sp)
                .if_match(0)
                .json(&json!({"stale_after_days": 30})),
        )
        .await
        .expect(401),
    );
    c.check(
        &put,
        st,
        app.send(
            send(put.clone(), sp, &admin, Some(0), None)
                .raw(Some("application/json"), b"[".to_vec()),
        )
        .await
        .expect(400),
    );
    c.check(
        &put,
        st,
        app.send(
            send(put.clone(), sp, &admin, Some(0), None).raw(Some("text/plain"), b"{}".to_vec()),
        )
        .await
        .expect(415),
    );
    c.check(
        &put,
        st,
        app.send(
            send(put.clone(), sp, &admin, Some(0), None)
                .raw(Some("application/json"), vec![b' '; 1_100_000])
                .header("content-length", "1100000"),
        )
        .await
        .expect(413),
    );
    c.check(
        &put,
        st,
        app.send(send(put.clone(), sp, &admin, Some(0), days(30)))
            .await
            .expect(200),
    );
    c.check(
        &put,
        st,
        app.send(send(put.clone(), sp, &admin, Some(0), days(31)))
            .await
            .expect(412),
    );

    let po = "/public/organization";
    c.check(
        &get,
        po,
        app.get("/api/v1/public/organization?lang=en", None)
            .await
            .expect(200),
    );
    c.check(
        &get,
        po,
        app.get("/api/v1/public/organization", None)
            .await
            .expect(200),
    );
    c.check(
        &get,
        po,
        app.get("/api/v1/public/organization?lang=xx", None)
            .await
            .expect(400),
    );

    let empty = TestApp::new().await;
    c.check(
        &get,
        po,
        empty
            .get("/api/v1/public/organization", None)
            .await
            .expect(404),
    );

    assert_eq!(
        c.checked,
        3 * 21 + 5 + 3 + 12 + 4,
        "every answer above went through the checker"
    );
}
