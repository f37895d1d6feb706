//! Every operation's answers — successes and the errors clients must handle — validated against
//! `contract/openapi.yaml`: the status is documented, the media type is the documented one, the
//! body matches the schema, and documented `ETag`/`Retry-After` headers are sent.

use crate::common::*;
use crate::openapi_doc::OpenApi;
use axum::http::Method;
use portal_contract::Stage;
use serde_json::{json, Value};

struct Checker<'app> {
    app: &'app TestApp,
    doc: OpenApi,
    checked: usize,
}

/// One request of a table, the operation it answers for and the status it must get.
struct Case<'a> {
    method: Method,
    template: &'a str,
    request: Request<'a>,
    status: u16,
}

enum Request<'a> {
    Get {
        path: &'a str,
        cookie: Option<&'a str>,
    },
    Send(Call),
}

impl<'a> Case<'a> {
    fn get(template: &'a str, path: &'a str, cookie: Option<&'a str>, status: u16) -> Self {
        Self {
            method: Method::GET,
            template,
            request: Request::Get { path, cookie },
            status,
        }
    }

    fn send(method: &Method, template: &'a str, call: Call, status: u16) -> Self {
        Self {
            method: method.clone(),
            template,
            request: Request::Send(call),
            status,
        }
    }
}

impl<'app> Checker<'app> {
    fn new(app: &'app TestApp) -> Self {
        Self {
            app,
            doc: OpenApi::load(),
            checked: 0,
        }
    }

    /// Sends each case in turn, expects its status and checks the answer against the document.
    async fn run<'a>(&mut self, cases: impl IntoIterator<Item = Case<'a>>) {
        for (i, case) in cases.into_iter().enumerate() {
            let Case {
                method,
                template,
                request,
                status,
            } = case;
            let (label, res) = match request {
                Request::Get { path, cookie } => {
                    (format!("GET {path}"), self.app.get(path, cookie).await)
                }
                Request::Send(call) => (call.describe(), self.app.send(call).await),
            };
            let label = format!("{label} (row {i}, {method} {template})");
            assert_eq!(
                res.status.as_u16(),
                status,
                "{label}: body: {}",
                String::from_utf8_lossy(&res.body)
            );
            self.check_case(&label, &method, template, &res);
        }
    }

    #[track_caller]
    fn check(&mut self, method: &Method, template: &str, res: &Resp) {
        self.check_case(&format!("{method} {template}"), method, template, res);
    }

    #[track_caller]
    fn check_case(&mut self, case: &str, method: &Method, template: &str, res: &Resp) {
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
            panic!("{case}: {e}");
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
                    "{case} {}: documented header {name} is missing",
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
    let mut c = Checker::new(&app);
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
    let session = "/session";
    let raw = |content_type, bytes: &[u8]| {
        Call::new(Method::POST, "/api/v1/session").raw(Some(content_type), bytes.to_vec())
    };
    c.run([
        Case::send(
            &post,
            session,
            login(json!({"username": "chief", "password": "sai-mat-khau-1"})),
            401,
        ),
        Case::send(
            &post,
            session,
            login(json!({"username": "chief", "password": "x", "otp": 1})),
            422,
        ),
        Case::send(&post, session, raw("application/json", b"{"), 400),
        Case::send(&post, session, raw("text/plain", b"hi"), 415),
        Case::send(
            &post,
            session,
            login(json!({"username": "chief", "password": PASSWORD})).no_csrf(),
            403,
        ),
        Case::get("/session", "/api/v1/session", chief, 200),
        Case::get("/session", "/api/v1/session", None, 401),
        Case::get("/workflow", "/api/v1/workflow", chief, 200),
        Case::get("/workflow", "/api/v1/workflow", None, 401),
    ])
    .await;

    // Articles.
    let admin = app.login("admin").await;
    let admin = Some(admin.as_str());
    let director = app.login("director").await;
    let director = Some(director.as_str());
    c.run([
        Case::get(
            "/articles",
            "/api/v1/articles?sort=-title&per_page=5",
            chief,
            200,
        ),
        Case::get("/articles", "/api/v1/articles?stage=archived", chief, 400),
        Case::get("/articles", "/api/v1/articles", None, 401),
        Case::get("/articles", "/api/v1/articles", admin, 403),
    ])
    .await;
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
    c.run([
        Case::send(
            &post,
            "/articles",
            new(json!({"title": "x".repeat(10_000), "kind": "news"}), chief),
            422,
        ),
        Case::send(
            &post,
            "/articles",
            new(json!({"title": "x", "kind": "news"}), director),
            403,
        ),
    ])
    .await;
    let huge = json!({"title": "x", "kind": "news", "body": "a".repeat(2 * 1024 * 1024)});
    c.run([Case::send(&post, "/articles", new(huge, chief), 413)])
        .await;

    let one = format!("/api/v1/articles/{id}");
    c.run([
        Case::get("/articles/{id}", &one, chief, 200),
        Case::get("/articles/{id}", "/api/v1/articles/999999", chief, 404),
        Case::get("/articles/{id}", "/api/v1/articles/abc", chief, 400),
    ])
    .await;
    // A removed article is kept as it was: editing it is a 409.
    let removed = app.article_at(Stage::Removed, "chief").await;
    c.run([Case::send(
        &patch,
        "/articles/{id}",
        Call::new(Method::PATCH, &format!("/api/v1/articles/{}", removed.id))
            .cookie(chief)
            .if_match(removed.version)
            .json(&json!({"lead": "Sửa bài đã gỡ"})),
        409,
    )])
    .await;
    let edit = |body: Value, version: Option<i64>| {
        let call = Call::new(Method::PATCH, &one).cookie(chief).json(&body);
        match version {
            Some(v) => call.if_match(v),
            None => call,
        }
    };
    c.run([
        Case::send(
            &patch,
            "/articles/{id}",
            edit(json!({"lead": "Sapo"}), Some(1)),
            200,
        ),
        Case::send(
            &patch,
            "/articles/{id}",
            edit(json!({"lead": "Cũ"}), Some(1)),
            412,
        ),
        Case::send(
            &patch,
            "/articles/{id}",
            edit(json!({"lead": "Thiếu"}), None),
            428,
        ),
        Case::send(
            &patch,
            "/articles/{id}",
            edit(json!({"title": ""}), Some(2)),
            422,
        ),
    ])
    .await;

    let move_to = |to: &str, comment: Option<&str>, version: i64, cookie| {
        Call::new(Method::POST, &format!("{one}/transitions"))
            .cookie(cookie)
            .if_match(version)
            .json(&json!({"to": to, "comment": comment}))
    };
    let tr = "/articles/{id}/transitions";
    c.run([
        Case::send(&post, tr, move_to("published", None, 2, chief), 409),
        Case::send(&post, tr, move_to("editing", None, 2, director), 403),
        Case::send(&post, tr, move_to("editing", None, 1, chief), 412),
    ])
    .await;
    let editor = app.login("editor").await;
    let editor = Some(editor.as_str());
    c.run([
        Case::send(&post, tr, move_to("editing", None, 2, editor), 200),
        Case::send(&post, tr, move_to("draft", Some("  "), 3, editor), 422),
        Case::get(
            "/articles/{id}/history",
            &format!("{one}/history"),
            chief,
            200,
        ),
        Case::get(
            "/articles/{id}/history",
            "/api/v1/articles/999999/history",
            chief,
            404,
        ),
    ])
    .await;

    // Versions, the discussion, the checklist gate.
    let ver = "/articles/{id}/versions/{version}";
    c.run([
        Case::get(ver, &format!("{one}/versions/1"), chief, 200),
        Case::get(ver, &format!("{one}/versions/99"), chief, 404),
        Case::get(ver, &format!("{one}/versions/x"), chief, 400),
        Case::get(ver, &format!("{one}/versions/1"), admin, 403),
        Case::get(ver, &format!("{one}/versions/1"), None, 401),
    ])
    .await;
    let com = "/articles/{id}/comments";
    let say = |body: Value, cookie| {
        Call::new(Method::POST, &format!("{one}/comments"))
            .cookie(cookie)
            .json(&body)
    };
    c.run([
        Case::send(
            &post,
            com,
            say(json!({"text": "Ý kiến <b>1</b> 🎉"}), chief),
            201,
        ),
        Case::send(&post, com, say(json!({"text": "  "}), chief), 422),
        Case::send(&post, com, say(json!({"text": "x"}), admin), 403),
        Case::send(&post, com, say(json!({"text": "x"}), None), 401),
        Case::send(
            &post,
            com,
            Call::new(Method::POST, "/api/v1/articles/999999/comments")
                .cookie(chief)
                .json(&json!({"text": "x"})),
            404,
        ),
        Case::send(
            &post,
            com,
            Call::new(Method::POST, &format!("{one}/comments"))
                .cookie(chief)
                .raw(Some("text/plain"), b"x".to_vec()),
            415,
        ),
        Case::send(
            &post,
            com,
            Call::new(Method::POST, &format!("{one}/comments"))
                .cookie(chief)
                .raw(Some("application/json"), b"{".to_vec()),
            400,
        ),
    ])
    .await;
    let huge_comment = json!({"text": "a".repeat(2 * 1024 * 1024)});
    c.run([
        Case::send(&post, com, say(huge_comment, chief), 413),
        Case::get(com, &format!("{one}/comments"), chief, 200),
        Case::get(com, &format!("{one}/comments"), admin, 403),
        Case::get(com, &format!("{one}/comments"), None, 401),
        Case::get(com, "/api/v1/articles/999999/comments", chief, 404),
        Case::get(com, "/api/v1/articles/0/comments", chief, 400),
    ])
    .await;
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
    c.run([
        Case::send(
            &patch,
            "/articles/{id}",
            Call::new(Method::PATCH, &p)
                .cookie(chief)
                .if_match(2)
                .json(&json!({"checks": ["nope"]})),
            422,
        ),
        Case::send(
            &post,
            tr,
            Call::new(Method::POST, &format!("{p}/transitions"))
                .cookie(chief)
                .if_match(2)
                .json(&json!({"to": "approved"})),
            422,
        ),
    ])
    .await;

    // The board and its changes feed.
    let board = app.get("/api/v1/board", chief).await;
    c.check(&get, "/board", board.expect(200));
    c.run([
        Case::get("/board", "/api/v1/board", None, 401),
        Case::get("/board", "/api/v1/board", admin, 403),
    ])
    .await;
    let cursor = board.json()["cursor"].as_str().expect("cursor").to_string();
    c.run([
        Case::get("/changes", "/api/v1/changes?since=v1.0", chief, 200),
        Case::get(
            "/changes",
            &format!("/api/v1/changes?since={cursor}"),
            chief,
            200,
        ),
        Case::get("/changes", "/api/v1/changes?since=zzz", chief, 400),
        Case::get("/changes", "/api/v1/changes?since=v1.0", None, 401),
        Case::get("/changes", "/api/v1/changes?since=v1.0", admin, 403),
    ])
    .await;

    // The public side, without a session.
    let published = app
        .article_at(portal_contract::Stage::Published, "author")
        .await;
    c.run([
        Case::get(
            "/public/articles",
            "/api/v1/public/articles?per_page=5",
            None,
            200,
        ),
        Case::get(
            "/public/articles",
            "/api/v1/public/articles?page=0",
            None,
            400,
        ),
    ])
    .await;
    let pa = "/public/articles/{id}";
    c.run([
        Case::get(
            pa,
            &format!("/api/v1/public/articles/{}", published.id),
            None,
            200,
        ),
        Case::get(pa, &format!("/api/v1/public/articles/{id}"), None, 404),
        Case::get(pa, "/api/v1/public/articles/x", None, 400),
    ])
    .await;
    let ps = "/public/search";
    c.run([
        Case::get(ps, "/api/v1/public/search?q=bao%20hiem", None, 200),
        Case::get(ps, "/api/v1/public/search?q=%22%2A", None, 400),
        Case::get(ps, "/api/v1/public/search", None, 400),
    ])
    .await;

    // Users and audit.
    c.run([
        Case::get("/users", "/api/v1/users?per_page=3", admin, 200),
        Case::get("/users", "/api/v1/users", chief, 403),
    ])
    .await;
    let add = |body: Value| {
        Call::new(Method::POST, "/api/v1/users")
            .cookie(admin)
            .json(&body)
    };
    let user = json!({"username": "nguyen.an", "full_name": "Nguyễn An", "roles": ["author"], "password": "Matkhau2026 Nguyễn An"});
    // Giving roles: 403 until the administrator confirms their password.
    let refused = app.send(add(user.clone())).await;
    c.check(&post, "/users", refused.expect(403));
    let reauth = "/session/reauthenticate";
    let confirm = |cookie: Option<&str>, password: &str| {
        Call::new(Method::POST, "/api/v1/session/reauthenticate")
            .cookie(cookie)
            .json(&json!({ "password": password }))
    };
    c.run([
        Case::send(&post, reauth, confirm(admin, "sai rồi"), 422),
        Case::send(&post, reauth, confirm(None, PASSWORD), 401),
        Case::send(&post, reauth, confirm(admin, PASSWORD), 204),
    ])
    .await;
    let made = app.send(add(user.clone())).await;
    c.check(&post, "/users", made.expect(201));
    c.run([
        Case::send(&post, "/users", add(user), 409),
        Case::send(
            &post,
            "/users",
            add(json!({"username": "b", "full_name": "", "roles": [], "password": "1"})),
            422,
        ),
    ])
    .await;
    let uid = made.json()["id"].as_i64().expect("id");
    let u = format!("/api/v1/users/{uid}");
    c.run([
        Case::get("/users/{id}", &u, admin, 200),
        Case::get("/users/{id}", "/api/v1/users/999999", admin, 404),
    ])
    .await;
    let change = |version: Option<i64>| {
        let call = Call::new(Method::PATCH, &u)
            .cookie(admin)
            .json(&json!({"full_name": "Nguyễn Văn An"}));
        match version {
            Some(v) => call.if_match(v),
            None => call,
        }
    };
    c.run([Case::send(&patch, "/users/{id}", change(Some(1)), 200),Case::send(&patch, "/users/{id}", change(Some(1)), 412),Case::send(&patch, "/users/{id}", change(None), 428),Case::get("/audit", "/api/v1/audit?per_page=50", admin, 200),Case::get("/audit", "/api/v1/audit", chief, 403),Case::get("/audit", "/api/v1/audit?actor=adm&action=user&outcome=success&target=user&from=2026-01-01&to=2026-12-31", admin, 200),Case::get("/audit", "/api/v1/audit?outcome=maybe&from=2026-02-30", admin, 400),]).await;
    // One's own password (issue #7).
    let pw = "/session/password";
    let put = Method::PUT;
    let own = app.login("secretary").await;
    let renewed = "Thư ký đổi mật khẩu 2026";
    let change = |cookie: Option<&str>, current: &str| {
        Call::new(Method::PUT, "/api/v1/session/password")
            .cookie(cookie)
            .json(&json!({ "current_password": current, "new_password": renewed }))
    };
    c.run([
        Case::send(&put, pw, change(Some(&own), "sai-roi-1"), 422),
        Case::send(&put, pw, change(None, PASSWORD), 401),
        Case::send(
            &put,
            pw,
            Call::new(Method::PUT, "/api/v1/session/password")
                .cookie(Some(&own))
                .raw(Some("text/plain"), b"x".to_vec()),
            415,
        ),
        Case::send(&put, pw, change(Some(&own), PASSWORD), 204),
    ])
    .await;
    // Live sessions (issue #7).
    c.run([
        Case::get("/sessions", "/api/v1/sessions", admin, 200),
        Case::get("/sessions", "/api/v1/sessions?per_page=0", admin, 400),
        Case::get("/sessions", "/api/v1/sessions", None, 401),
        Case::get("/sessions", "/api/v1/sessions", chief, 403),
    ])
    .await;
    let spare = app.login_with("secretary", renewed).await;
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
    c.run([
        Case::send(
            &delete,
            "/sessions/{id}",
            end(&victim.to_string(), chief),
            403,
        ),
        Case::send(
            &delete,
            "/sessions/{id}",
            end(&victim.to_string(), admin),
            204,
        ),
        Case::send(
            &delete,
            "/sessions/{id}",
            end(&victim.to_string(), admin),
            404,
        ),
        Case::send(&delete, "/sessions/{id}", end("x", admin), 400),
        Case::send(&delete, "/sessions/{id}", end("1", None), 401),
    ])
    .await;
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
    c.run([
        Case::send(
            &post,
            collect,
            beacon("198.51.100.1", br#"{"path":"/"}"#),
            204,
        ),
        Case::send(
            &post,
            collect,
            beacon("198.51.100.1", br#"{"path":7}"#),
            400,
        ),
    ])
    .await;
    let big = format!(r#"{{"path":"/","referrer":"{}"}}"#, "x".repeat(3000));
    c.run([Case::send(
        &post,
        collect,
        beacon("198.51.100.1", big.as_bytes()),
        413,
    )])
    .await;
    let mut flood = None;
    for _ in 0..=portal_server::stats::BURST as usize {
        flood = Some(app.send(beacon("198.51.100.9", br#"{"path":"/"}"#)).await);
    }
    c.check(&post, collect, flood.expect("answers").expect(429));
    c.run([
        Case::send(
            &Method::OPTIONS,
            collect,
            Call::new(Method::OPTIONS, "/api/v1/collect").no_csrf(),
            204,
        ),
        Case::get("/collect.js", "/api/v1/collect.js", None, 200),
    ])
    .await;
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
        c.run([Case::get(template, path, chief, 200)]).await;
        let csv = app.get(&format!("{path}?format=csv"), chief).await;
        c.check(&get, template, csv.expect(200));
        c.run([
            Case::get(template, &format!("{path}?format=xml"), chief, 400),
            Case::get(template, path, None, 401),
            Case::get(template, path, author, 403),
        ])
        .await;
    }
    c.run([Case::get(
        "/stats/breakdown/{dimension}",
        "/api/v1/stats/breakdown/cookies",
        chief,
        404,
    )])
    .await;

    // Annual operation plans.
    let secretary = app.login_with("secretary", renewed).await;
    let secretary = Some(secretary.as_str());
    let plans_t = "/plans";
    let new_plan = |cookie: Option<&str>, body: Value| {
        Call::new(Method::POST, "/api/v1/plans")
            .cookie(cookie)
            .json(&body)
    };
    c.run([Case::send(
        &post,
        plans_t,
        new_plan(editor, json!({"year": 2027})),
        201,
    )])
    .await;
    let created = app.get("/api/v1/plans?year=2027", editor).await.json();
    let pid = created["items"][0]["id"].as_i64().expect("plan id");
    c.run([
        Case::send(&post, plans_t, new_plan(editor, json!({"year": 2027})), 409),
        Case::send(&post, plans_t, new_plan(editor, json!({"year": 1999})), 422),
        Case::send(
            &post,
            plans_t,
            new_plan(director, json!({"year": 2028})),
            403,
        ),
        Case::send(&post, plans_t, new_plan(None, json!({"year": 2028})), 401),
        Case::send(
            &post,
            plans_t,
            Call::new(Method::POST, "/api/v1/plans")
                .cookie(editor)
                .raw(Some("application/json"), b"{".to_vec()),
            400,
        ),
        Case::send(
            &post,
            plans_t,
            Call::new(Method::POST, "/api/v1/plans")
                .cookie(editor)
                .raw(Some("text/plain"), b"{}".to_vec()),
            415,
        ),
        Case::get(plans_t, "/api/v1/plans", chief, 200),
        Case::get(plans_t, "/api/v1/plans?year=abc", chief, 400),
        Case::get(plans_t, "/api/v1/plans", None, 401),
        Case::get(plans_t, "/api/v1/plans", author, 403),
    ])
    .await;
    let one = "/plans/{id}";
    let plan_path = format!("/api/v1/plans/{pid}");
    let got = app.get(&plan_path, editor).await;
    c.check(&get, one, got.expect(200));
    let mut content = got.json()["content"].clone();
    c.run([
        Case::get(one, "/api/v1/plans/999999", editor, 404),
        Case::get(one, "/api/v1/plans/abc", editor, 400),
        Case::get(one, &plan_path, None, 401),
        Case::get(one, &plan_path, author, 403),
    ])
    .await;
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
    c.run([
        Case::send(
            &patch,
            one,
            patch_plan(editor, Some(1), json!({"content": content})),
            200,
        ),
        Case::send(
            &patch,
            one,
            patch_plan(editor, Some(1), json!({"content": content})),
            412,
        ),
        Case::send(
            &patch,
            one,
            patch_plan(editor, None, json!({"content": content})),
            428,
        ),
        Case::send(
            &patch,
            one,
            patch_plan(editor, Some(2), json!({"content": {"months": []}})),
            422,
        ),
        Case::send(
            &patch,
            one,
            patch_plan(director, Some(2), json!({"content": content})),
            403,
        ),
    ])
    .await;
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
    c.run([
        Case::send(
            &post,
            tr,
            act(editor, Some(2), json!({"action": "approve"})),
            403,
        ),
        Case::send(
            &post,
            tr,
            act(editor, Some(1), json!({"action": "submit"})),
            412,
        ),
        Case::send(
            &post,
            tr,
            act(editor, None, json!({"action": "submit"})),
            428,
        ),
        Case::send(
            &post,
            tr,
            act(editor, Some(2), json!({"action": "submit"})),
            200,
        ),
        Case::send(
            &patch,
            one,
            patch_plan(editor, Some(3), json!({"content": content})),
            409,
        ),
        Case::send(
            &post,
            tr,
            act(director, Some(3), json!({"action": "return"})),
            422,
        ),
        Case::send(
            &post,
            tr,
            act(editor, Some(3), json!({"action": "submit"})),
            409,
        ),
        Case::send(
            &post,
            tr,
            act(director, Some(3), json!({"action": "approve"})),
            200,
        ),
    ])
    .await;
    let amend = |version: Option<i64>| {
        let call = Call::new(Method::POST, &format!("/api/v1/plans/{pid}/amend")).cookie(editor);
        match version {
            Some(v) => call.if_match(v),
            None => call,
        }
    };
    let am = "/plans/{id}/amend";
    c.run([
        Case::send(&post, am, amend(Some(3)), 412),
        Case::send(&post, am, amend(None), 428),
        Case::send(&post, am, amend(Some(4)), 201),
        Case::send(&post, am, amend(Some(4)), 409),
    ])
    .await;
    let hist = "/plans/{id}/history";
    c.run([
        Case::get(hist, &format!("/api/v1/plans/{pid}/history"), director, 200),
        Case::get(hist, "/api/v1/plans/999999/history", director, 404),
    ])
    .await;

    let np = "/norms/progress";
    c.run([
        Case::get(np, "/api/v1/norms/progress", director, 200),
        Case::get(np, "/api/v1/norms/progress?month=0", director, 400),
        Case::get(np, "/api/v1/norms/progress", None, 401),
    ])
    .await;

    // The spokesperson.
    let sp = "/spokesperson";
    c.run([Case::get(
        "/public/spokesperson",
        "/api/v1/public/spokesperson",
        None,
        404,
    )])
    .await;
    let confirm = |version: Option<i64>| {
        let call = Call::new(Method::POST, "/api/v1/spokesperson/confirm").cookie(secretary);
        match version {
            Some(v) => call.if_match(v),
            None => call,
        }
    };
    c.run([Case::send(
        &post,
        "/spokesperson/confirm",
        confirm(Some(0)),
        409,
    )])
    .await;
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
    c.run([
        Case::send(&Method::PUT, sp, put(secretary, Some(0), good.clone()), 200),
        Case::send(&Method::PUT, sp, put(secretary, Some(0), good.clone()), 412),
        Case::send(&Method::PUT, sp, put(secretary, None, good.clone()), 428),
        Case::send(&Method::PUT, sp, put(editor, Some(1), good.clone()), 403),
    ])
    .await;
    let mut bad = good.clone();
    bad["content"]["spokesperson"]["phone"] = json!("12345");
    c.run([
        Case::send(&Method::PUT, sp, put(secretary, Some(1), bad), 422),
        Case::send(&post, "/spokesperson/confirm", confirm(Some(1)), 200),
        Case::send(&post, "/spokesperson/confirm", confirm(Some(1)), 412),
        Case::send(&post, "/spokesperson/confirm", confirm(None), 428),
    ])
    .await;
    let bad_tag = Call::new(Method::POST, "/api/v1/spokesperson/confirm")
        .cookie(secretary)
        .header("if-match", "0000");
    c.run([
        Case::send(&post, "/spokesperson/confirm", bad_tag, 400),
        Case::get(sp, "/api/v1/spokesperson", editor, 200),
        Case::get(sp, "/api/v1/spokesperson", None, 401),
        Case::get(sp, "/api/v1/spokesperson", author, 403),
        Case::get(
            "/spokesperson/versions",
            "/api/v1/spokesperson/versions",
            editor,
            200,
        ),
        Case::get(
            "/public/spokesperson",
            "/api/v1/public/spokesperson",
            None,
            200,
        ),
    ])
    .await;

    // Duties: my work, norms, quarterly model articles.
    c.run([
        Case::get("/my-work", "/api/v1/my-work", editor, 200),
        Case::get("/my-work", "/api/v1/my-work?limit=0", editor, 400),
        Case::get("/norms/year", "/api/v1/norms/year?year=2026", editor, 200),
        Case::get("/norms/year", "/api/v1/norms/year?year=1", editor, 400),
    ])
    .await;
    let ns = "/norms/settings/{year}";
    c.run([
        Case::get(ns, "/api/v1/norms/settings/2026", editor, 200),
        Case::get(ns, "/api/v1/norms/settings/1999", editor, 404),
        Case::get(ns, "/api/v1/norms/settings/x", editor, 400),
    ])
    .await;
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
    c.run([
        Case::send(
            &Method::PUT,
            ns,
            put_norms(chief, None, norms_ok.clone()),
            428,
        ),
        Case::send(
            &Method::PUT,
            ns,
            put_norms(editor, Some(0), norms_ok.clone()),
            403,
        ),
        Case::send(
            &Method::PUT,
            ns,
            put_norms(chief, Some(0), json!({"months": []})),
            422,
        ),
        Case::send(
            &Method::PUT,
            ns,
            put_norms(chief, Some(0), norms_ok.clone()),
            200,
        ),
        Case::send(
            &Method::PUT,
            ns,
            put_norms(chief, Some(0), norms_ok.clone()),
            412,
        ),
        Case::get("/quarterly", "/api/v1/quarterly", editor, 200),
        Case::get("/quarterly", "/api/v1/quarterly?quarter=9", editor, 400),
    ])
    .await;
    let public = app.article_at(Stage::Published, "editor").await;
    let today = app
        .clock_now()
        .with_timezone(&portal_contract::format::vn_offset())
        .date_naive();
    let q = portal_contract::duties::Quarter::of(today);
    let submit = |cookie: Option<&str>, ids: Vec<i64>| {
        Call::new(Method::POST, "/api/v1/quarterly-submissions")
            .cookie(cookie)
            .json(
                &json!({"year": q.year, "quarter": q.quarter, "sent_on": today.to_string(),
                          "article_ids": ids}),
            )
    };
    let qs = "/quarterly-submissions";
    c.run([
        Case::send(&post, qs, submit(author, vec![public.id]), 403),
        Case::send(&post, qs, submit(editor, vec![]), 422),
    ])
    .await;
    let recorded = app.send(submit(editor, vec![public.id])).await;
    c.check(&post, qs, recorded.expect(201));
    let sid = recorded.json()["id"].as_i64().expect("id");
    c.run([
        Case::get(qs, "/api/v1/quarterly-submissions", director, 200),
        Case::get(qs, "/api/v1/quarterly-submissions?year=x", director, 400),
        Case::get(
            "/quarterly-submissions/{id}",
            &format!("/api/v1/quarterly-submissions/{sid}"),
            director,
            200,
        ),
        Case::get(
            "/quarterly-submissions/{id}",
            "/api/v1/quarterly-submissions/987654",
            director,
            404,
        ),
    ])
    .await;

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
        47 + 37 + 27 + 54 + 21 + 11 + 4 + 4,
        "every answer above went through the checker"
    );
}

// ── fraud reports ──
#[tokio::test]
async fn fraud_report_answers_match_the_contract() {
    let app = TestApp::new().await;
    let mut c = Checker::new(&app);
    let post = Method::POST;
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
    c.run([
        Case::send(&post, list, file(local, &bad), 422),
        Case::send(&post, list, file(editor, &crate::fraud::new_report()), 403),
        Case::send(&post, list, file(None, &crate::fraud::new_report()), 401),
    ])
    .await;
    let raw = |ct: &str, bytes: Vec<u8>| {
        Call::new(Method::POST, "/api/v1/fraud-reports")
            .cookie(local)
            .raw(Some(ct), bytes)
    };
    c.run([
        Case::send(&post, list, raw("application/json", b"{".to_vec()), 400),
        Case::send(&post, list, raw("text/plain", b"x".to_vec()), 415),
        Case::send(
            &post,
            list,
            raw("application/json", vec![b' '; 1_100_000]),
            413,
        ),
        Case::get(list, "/api/v1/fraud-reports?state=new", it, 200),
        Case::get(list, "/api/v1/fraud-reports?state=x", it, 400),
        Case::get(list, "/api/v1/fraud-reports", None, 401),
        Case::get(list, "/api/v1/fraud-reports", editor, 403),
    ])
    .await;

    let one = "/fraud-reports/{id}";
    let path = format!("/api/v1/fraud-reports/{id}");
    c.run([
        Case::get(one, &path, it, 200),
        Case::get(one, &path, None, 401),
        Case::get(one, &path, editor, 403),
        Case::get(one, "/api/v1/fraud-reports/999999", it, 404),
        Case::get(one, "/api/v1/fraud-reports/abc", it, 400),
    ])
    .await;

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
    c.run([
        Case::send(&post, tr, act(it, None, verify()), 428),
        Case::send(&post, tr, act(it, Some(9), verify()), 412),
        Case::send(
            &post,
            tr,
            act(it, None, verify()).header("if-match", "1"),
            400,
        ),
        Case::send(&post, tr, act(None, Some(1), verify()), 401),
        Case::send(&post, tr, act(local, Some(1), verify()), 403),
        Case::send(
            &post,
            tr,
            act(comms, Some(1), json!({"action": "communicate"})),
            409,
        ),
        Case::send(
            &post,
            tr,
            act(it, Some(1), json!({"action": "verify", "comment": 3})),
            422,
        ),
        Case::send(
            &post,
            tr,
            Call::new(Method::POST, "/api/v1/fraud-reports/999999/transitions")
                .cookie(it)
                .if_match(1)
                .json(&verify()),
            404,
        ),
        Case::send(
            &post,
            tr,
            Call::new(
                Method::POST,
                &format!("/api/v1/fraud-reports/{id}/transitions"),
            )
            .cookie(it)
            .if_match(1)
            .raw(Some("text/plain"), b"verify".to_vec()),
            415,
        ),
        Case::send(&post, tr, act(it, Some(1), verify()), 200),
    ])
    .await;

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
    c.run([
        Case::send(&post, wa, draft(comms, id, None), 428),
        Case::send(&post, wa, draft(comms, id, Some(1)), 412),
        Case::send(
            &post,
            wa,
            draft(comms, id, None).header("if-match", "x"),
            400,
        ),
        Case::send(&post, wa, draft(None, id, Some(2)), 401),
        Case::send(&post, wa, draft(it, id, Some(2)), 403),
        Case::send(&post, wa, draft(comms, 999_999, Some(1)), 404),
    ])
    .await;
    let fresh = app
        .send(file(local, &crate::fraud::new_report()))
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    c.run([
        Case::send(&post, wa, draft(comms, fresh, Some(1)), 409),
        Case::send(&post, wa, draft(comms, id, Some(2)), 201),
        Case::send(&post, wa, draft(comms, id, Some(2)), 200),
        Case::send(
            &post,
            tr,
            act(comms, Some(3), json!({"action": "communicate"})),
            200,
        ),
    ])
    .await;
    assert_eq!(c.checked, 11 + 5 + 10 + 10);
}

#[tokio::test]
async fn royalty_operations_answer_as_the_contract_documents() {
    let app = TestApp::new().await;
    let mut c = Checker::new(&app);
    let (put, post) = (Method::PUT, Method::POST);
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
    c.run([
        Case::get(s, "/api/v1/royalties/settings", chief, 200),
        Case::get(s, "/api/v1/royalties/settings", None, 401),
        Case::get(s, "/api/v1/royalties/settings", author, 403),
    ])
    .await;
    let good = json!({
        "coefficients": portal_contract::royalties::default_coefficients(),
        "unit_values": [{"effective_from": "2024-07-01", "vnd": 234_000}]
    });
    let put_settings = |cookie: Option<&str>, body: &Value| {
        Call::new(Method::PUT, "/api/v1/royalties/settings")
            .cookie(cookie)
            .json(body)
    };
    c.run([
        Case::send(&put, s, put_settings(chief, &good), 428),
        Case::send(&put, s, put_settings(chief, &good).if_match(0), 200),
        Case::send(&put, s, put_settings(chief, &good).if_match(0), 412),
        Case::send(&put, s, put_settings(author, &good).if_match(1), 403),
        Case::send(&put, s, put_settings(None, &good).if_match(1), 401),
    ])
    .await;
    let mut bad = good.clone();
    bad["unit_values"][0]["vnd"] = json!(-1);
    c.run([Case::send(
        &put,
        s,
        put_settings(chief, &bad).if_match(1),
        422,
    )])
    .await;
    let malformed = Call::new(Method::PUT, "/api/v1/royalties/settings")
        .cookie(chief)
        .if_match(1)
        .raw(Some("application/json"), b"{".to_vec());
    c.run([Case::send(&put, s, malformed, 400)]).await;
    let text = Call::new(Method::PUT, "/api/v1/royalties/settings")
        .cookie(chief)
        .if_match(1)
        .raw(Some("text/plain"), b"x".to_vec());
    c.run([Case::send(&put, s, text, 415)]).await;
    let huge = Call::new(Method::PUT, "/api/v1/royalties/settings")
        .cookie(chief)
        .if_match(1)
        .raw(
            Some("application/json"),
            vec![b' '; portal_contract::MAX_BODY_BYTES + 1],
        );
    c.run([Case::send(&put, s, huge, 413)]).await;

    // An article's royalty.
    let r = "/articles/{id}/royalty";
    let path = format!("/api/v1/articles/{}/royalty", a.id);
    c.run([
        Case::get(r, &path, chief, 200),
        Case::get(r, &path, None, 401),
        Case::get(r, &path, author, 403),
        Case::get(r, "/api/v1/articles/x/royalty", chief, 400),
        Case::get(r, "/api/v1/articles/99999/royalty", chief, 404),
    ])
    .await;
    let assess = |cookie: Option<&str>, p: &str, body: Value| {
        Call::new(Method::PUT, p).cookie(cookie).json(&body)
    };
    let ok = json!({"coefficient_tenths": 15, "remunerations": [
        {"name": "Biên tập viên", "role": "editor", "amount_vnd": 100_000}
    ]});
    c.run([Case::send(&put, r, assess(chief, &path, ok.clone()), 428)])
        .await;
    let bad = json!({"coefficient_tenths": 999});
    c.run([
        Case::send(&put, r, assess(chief, &path, bad).if_match(0), 422),
        Case::send(&put, r, assess(author, &path, ok.clone()).if_match(0), 403),
        Case::send(&put, r, assess(None, &path, ok.clone()).if_match(0), 401),
        Case::send(
            &put,
            r,
            assess(chief, "/api/v1/articles/99999/royalty", ok.clone()).if_match(0),
            404,
        ),
        Case::send(
            &put,
            r,
            assess(chief, "/api/v1/articles/x/royalty", ok.clone()).if_match(0),
            400,
        ),
    ])
    .await;
    let text = Call::new(Method::PUT, &path)
        .cookie(chief)
        .if_match(0)
        .raw(Some("text/plain"), b"x".to_vec());
    c.run([Case::send(&put, r, text, 415)]).await;
    let huge = Call::new(Method::PUT, &path).cookie(chief).if_match(0).raw(
        Some("application/json"),
        vec![b' '; portal_contract::MAX_BODY_BYTES + 1],
    );
    c.run([
        Case::send(&put, r, huge, 413),
        Case::send(&put, r, assess(chief, &path, ok.clone()).if_match(0), 200),
        Case::send(&put, r, assess(chief, &path, ok.clone()).if_match(0), 412),
    ])
    .await;

    // Payment.
    let p = "/articles/{id}/royalty/payment";
    let pay_path = format!("{path}/payment");
    let pay = |cookie: Option<&str>, p: &str, day: &str| {
        Call::new(Method::POST, p)
            .cookie(cookie)
            .json(&json!({"paid_on": day}))
    };
    c.run([
        Case::send(&post, p, pay(secretary, &pay_path, "2026-02-16"), 428),
        Case::send(
            &post,
            p,
            pay(secretary, &pay_path, "2026-02-16").if_match(0),
            412,
        ),
        Case::send(
            &post,
            p,
            pay(secretary, &pay_path, "2030-01-01").if_match(1),
            422,
        ),
        Case::send(
            &post,
            p,
            pay(chief, &pay_path, "2026-02-16").if_match(1),
            403,
        ),
        Case::send(
            &post,
            p,
            pay(None, &pay_path, "2026-02-16").if_match(1),
            401,
        ),
    ])
    .await;
    let draft_pay = format!("/api/v1/articles/{}/royalty/payment", draft.id);
    c.run([
        Case::send(
            &post,
            p,
            pay(secretary, &draft_pay, "2026-02-16").if_match(0),
            409,
        ),
        Case::send(
            &post,
            p,
            pay(
                secretary,
                "/api/v1/articles/99999/royalty/payment",
                "2026-02-16",
            )
            .if_match(0),
            404,
        ),
        Case::send(
            &post,
            p,
            pay(
                secretary,
                "/api/v1/articles/0/royalty/payment",
                "2026-02-16",
            )
            .if_match(0),
            400,
        ),
    ])
    .await;
    let text = Call::new(Method::POST, &pay_path)
        .cookie(secretary)
        .if_match(1)
        .raw(Some("text/plain"), b"x".to_vec());
    c.run([Case::send(&post, p, text, 415)]).await;
    let huge = Call::new(Method::POST, &pay_path)
        .cookie(secretary)
        .if_match(1)
        .raw(
            Some("application/json"),
            vec![b' '; portal_contract::MAX_BODY_BYTES + 1],
        );
    c.run([
        Case::send(&post, p, huge, 413),
        Case::send(
            &post,
            p,
            pay(secretary, &pay_path, "2026-02-16").if_match(1),
            200,
        ),
        Case::send(&put, r, assess(chief, &path, ok).if_match(2), 409),
    ])
    .await;

    // The sheet and the alert.
    let sh = "/royalties/sheet";
    c.run([
        Case::get(sh, "/api/v1/royalties/sheet?month=2026-02", chief, 200),
        Case::get(
            sh,
            "/api/v1/royalties/sheet?month=2026-02&format=csv",
            chief,
            200,
        ),
        Case::get(sh, "/api/v1/royalties/sheet?month=2026-2", chief, 400),
        Case::get(sh, "/api/v1/royalties/sheet", None, 401),
        Case::get(sh, "/api/v1/royalties/sheet", author, 403),
    ])
    .await;
    let o = "/royalties/overdue";
    c.run([
        Case::get(o, "/api/v1/royalties/overdue", chief, 200),
        Case::get(o, "/api/v1/royalties/overdue", None, 401),
        Case::get(o, "/api/v1/royalties/overdue", author, 403),
    ])
    .await;

    assert_eq!(c.checked, 47, "every answer above went through the checker");
}

// ── required information ──
#[tokio::test]
async fn the_required_information_answers_as_documented() {
    let app = TestApp::new().await;
    let mut c = Checker::new(&app);
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
        c.run([
            Case::get(t, &path, Some(&director), 200),
            Case::get(t, &path, None, 401),
            Case::get(t, &path, Some(&author), 403),
            Case::send(
                &post,
                &confirm,
                send(post.clone(), &confirm_path, &sec, Some(0), None),
                409,
            ),
            Case::send(
                &put,
                t,
                send(put.clone(), &path, &sec, None, Some(good.clone())),
                428,
            ),
            Case::send(
                &put,
                t,
                send(put.clone(), &path, &sec, Some(0), Some(bad.clone())),
                422,
            ),
            Case::send(
                &put,
                t,
                send(put.clone(), &path, &director, Some(0), Some(good.clone())),
                403,
            ),
        ])
        .await;
        let anonymous = Call::new(put.clone(), &path).if_match(0).json(good);
        c.run([Case::send(&put, t, anonymous, 401)]).await;
        let syntax = send(put.clone(), &path, &sec, Some(0), None)
            .raw(Some("application/json"), b"{".to_vec());
        c.run([Case::send(&put, t, syntax, 400)]).await;
        let text =
            send(put.clone(), &path, &sec, Some(0), None).raw(Some("text/plain"), b"{}".to_vec());
        c.run([Case::send(&put, t, text, 415)]).await;
        let huge = send(put.clone(), &path, &sec, Some(0), None)
            .raw(Some("application/json"), vec![b' '; 1_100_000])
            .header("content-length", "1100000");
        c.run([
            Case::send(&put, t, huge, 413),
            Case::send(
                &put,
                t,
                send(put.clone(), &path, &sec, Some(0), Some(good.clone())),
                200,
            ),
            Case::send(
                &put,
                t,
                send(put.clone(), &path, &sec, Some(0), Some(good.clone())),
                412,
            ),
            Case::send(
                &post,
                &confirm,
                send(post.clone(), &confirm_path, &sec, Some(1), None),
                200,
            ),
            Case::send(
                &post,
                &confirm,
                send(post.clone(), &confirm_path, &sec, Some(1), None),
                412,
            ),
            Case::send(
                &post,
                &confirm,
                send(post.clone(), &confirm_path, &sec, None, None),
                428,
            ),
            Case::send(
                &post,
                &confirm,
                send(post.clone(), &confirm_path, &sec, None, None).header("if-match", "1"),
                400,
            ),
            Case::send(
                &post,
                &confirm,
                send(post.clone(), &confirm_path, &director, Some(2), None),
                403,
            ),
            Case::send(
                &post,
                &confirm,
                Call::new(post.clone(), &confirm_path).if_match(2),
                401,
            ),
        ])
        .await;
        let big = send(post.clone(), &confirm_path, &sec, Some(2), None)
            .raw(Some("application/json"), vec![b' '; 1_100_000])
            .header("content-length", "1100000");
        c.run([
            Case::send(&post, &confirm, big, 413),
            Case::get(t, &path, Some(&sec), 200),
        ])
        .await;
    }
    let check = "/info/links/check";
    c.run([
        Case::send(
            &post,
            check,
            send(post.clone(), "/api/v1/info/links/check", &sec, None, None),
            200,
        ),
        Case::send(
            &post,
            check,
            send(
                post.clone(),
                "/api/v1/info/links/check",
                &director,
                None,
                None,
            ),
            403,
        ),
        Case::send(
            &post,
            check,
            Call::new(post.clone(), "/api/v1/info/links/check"),
            401,
        ),
    ])
    .await;
    let big = send(post.clone(), "/api/v1/info/links/check", &sec, None, None)
        .raw(Some("application/json"), vec![b' '; 1_100_000])
        .header("content-length", "1100000");
    c.run([
        Case::send(&post, check, big, 413),
        Case::get("/info/links", "/api/v1/info/links", Some(&sec), 200),
        Case::get("/info/status", "/api/v1/info/status", Some(&sec), 200),
        Case::get("/info/status", "/api/v1/info/status", None, 401),
        Case::get("/info/status", "/api/v1/info/status", Some(&author), 403),
    ])
    .await;

    let st = "/info/settings";
    let sp = "/api/v1/info/settings";
    c.run([
        Case::get(st, sp, Some(&director), 200),
        Case::get(st, sp, None, 401),
        Case::get(st, sp, Some(&author), 403),
    ])
    .await;
    let days = |n: i64| Some(json!({"stale_after_days": n}));
    c.run([
        Case::send(&put, st, send(put.clone(), sp, &admin, None, days(30)), 428),
        Case::send(
            &put,
            st,
            send(put.clone(), sp, &admin, Some(0), days(0)),
            422,
        ),
        Case::send(
            &put,
            st,
            send(put.clone(), sp, &sec, Some(0), days(30)),
            403,
        ),
        Case::send(
            &put,
            st,
            Call::new(put.clone(), sp)
                .if_match(0)
                .json(&json!({"stale_after_days": 30})),
            401,
        ),
        Case::send(
            &put,
            st,
            send(put.clone(), sp, &admin, Some(0), None)
                .raw(Some("application/json"), b"[".to_vec()),
            400,
        ),
        Case::send(
            &put,
            st,
            send(put.clone(), sp, &admin, Some(0), None).raw(Some("text/plain"), b"{}".to_vec()),
            415,
        ),
        Case::send(
            &put,
            st,
            send(put.clone(), sp, &admin, Some(0), None)
                .raw(Some("application/json"), vec![b' '; 1_100_000])
                .header("content-length", "1100000"),
            413,
        ),
        Case::send(
            &put,
            st,
            send(put.clone(), sp, &admin, Some(0), days(30)),
            200,
        ),
        Case::send(
            &put,
            st,
            send(put.clone(), sp, &admin, Some(0), days(31)),
            412,
        ),
    ])
    .await;

    let po = "/public/organization";
    c.run([
        Case::get(po, "/api/v1/public/organization?lang=en", None, 200),
        Case::get(po, "/api/v1/public/organization", None, 200),
        Case::get(po, "/api/v1/public/organization?lang=xx", None, 400),
    ])
    .await;

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

// ── banners ──
#[tokio::test]
async fn banner_answers_match_the_contract() {
    let app = TestApp::new().await;
    let mut c = Checker::new(&app);
    let (post, patch, delete) = (Method::POST, Method::PATCH, Method::DELETE);
    let editor = app.login("editor").await;
    let director = app.login("director").await;
    let author = app.login("author").await;
    let (editor, director, author) = (
        Some(editor.as_str()),
        Some(director.as_str()),
        Some(author.as_str()),
    );
    let image = crate::banners::media_item(&app, portal_contract::media::MediaKind::Image, 1).await;
    let pdf =
        crate::banners::media_item(&app, portal_contract::media::MediaKind::Document, 2).await;
    let body = crate::banners::new_banner(image);
    let list = "/banners";
    let created = app.send(crate::banners::post(editor, &body)).await;
    c.check(&post, list, created.expect(201));
    let id = created.json()["id"].as_i64().unwrap();
    let mut bad = body.clone();
    bad["ends_on"] = json!("2026-01-01");
    let mut not_image = body.clone();
    not_image["media_id"] = json!(pdf);
    c.run([
        Case::send(&post, list, crate::banners::post(editor, &bad), 422),
        Case::send(&post, list, crate::banners::post(editor, &not_image), 422),
        Case::send(&post, list, crate::banners::post(director, &body), 403),
        Case::send(&post, list, crate::banners::post(None, &body), 401),
        Case::get(list, "/api/v1/banners", director, 200),
        Case::get(
            list,
            "/api/v1/banners?ending_within_days=7&placement=home_top",
            editor,
            200,
        ),
        Case::get(list, "/api/v1/banners?status=x", editor, 400),
        Case::get(list, "/api/v1/banners", author, 403),
        Case::get(list, "/api/v1/banners", None, 401),
    ])
    .await;

    let one = "/banners/{id}";
    let path = format!("/api/v1/banners/{id}");
    let change = |cookie: Option<&str>, version: Option<i64>, body: Value| {
        let call = Call::new(Method::PATCH, &path).cookie(cookie).json(&body);
        match version {
            Some(v) => call.if_match(v),
            None => call,
        }
    };
    c.run([
        Case::get(one, &path, director, 200),
        Case::get(one, "/api/v1/banners/999999", editor, 404),
        Case::get(one, "/api/v1/banners/abc", editor, 400),
        Case::get(one, &path, author, 403),
        Case::get(one, &path, None, 401),
        Case::send(
            &patch,
            one,
            change(editor, Some(1), json!({ "position": 4 })),
            200,
        ),
        Case::send(
            &patch,
            one,
            change(editor, Some(1), json!({ "position": 5 })),
            412,
        ),
        Case::send(
            &patch,
            one,
            change(editor, None, json!({ "position": 5 })),
            428,
        ),
        Case::send(
            &patch,
            one,
            change(editor, Some(2), json!({ "link": "x" })),
            422,
        ),
        Case::send(&patch, one, change(director, Some(2), json!({})), 403),
        Case::send(
            &patch,
            one,
            Call::new(Method::PATCH, "/api/v1/banners/999999")
                .cookie(editor)
                .if_match(1)
                .json(&json!({})),
            404,
        ),
    ])
    .await;
    let remove = |cookie: Option<&str>, version: Option<i64>| {
        let call = Call::new(Method::DELETE, &path).cookie(cookie);
        match version {
            Some(v) => call.if_match(v),
            None => call,
        }
    };
    c.run([
        Case::send(&delete, one, remove(director, Some(2)), 403),
        Case::send(&delete, one, remove(editor, None), 428),
        Case::send(&delete, one, remove(editor, Some(1)), 412),
        Case::send(&delete, one, remove(editor, Some(2)), 204),
        Case::send(&delete, one, remove(editor, Some(2)), 404),
    ])
    .await;

    let public = "/public/banners";
    crate::banners::banner_on(&app, &body).await;
    c.run([
        Case::get(
            public,
            "/api/v1/public/banners?placement=home_top",
            None,
            200,
        ),
        Case::get(
            public,
            "/api/v1/public/banners?placement=sidebar",
            None,
            200,
        ),
        Case::get(public, "/api/v1/public/banners", None, 400),
    ])
    .await;
    assert_eq!(
        c.checked,
        1 + 9 + 11 + 5 + 3,
        "every answer above went through the checker"
    );
}

// ── media library ──
#[tokio::test]
async fn media_answers_match_the_contract() {
    let mut app = TestApp::new().await;
    app.add_user("author2", &[portal_contract::Role::Author])
        .await;
    let mut c = Checker::new(&app);
    let (post, patch_m, put, delete) = (Method::POST, Method::PATCH, Method::PUT, Method::DELETE);
    let author = app.login("author").await;
    let director = app.login("director").await;
    let office = app.login("local_office").await;
    let (a, d, o) = (
        Some(author.as_str()),
        Some(director.as_str()),
        Some(office.as_str()),
    );
    let upload = |method: Method, path: &str, cookie: Option<&str>, name: &str, bytes: &[u8]| {
        let (ct, body) = crate::media::multipart(&[crate::media::file_part(name, bytes)]);
        Call::new(method, path).cookie(cookie).raw(Some(&ct), body)
    };
    let png = crate::media::png(40, 30, 1);
    let list = "/media";
    let up = |cookie: Option<&str>, name: &str, bytes: &[u8]| {
        upload(Method::POST, "/api/v1/media", cookie, name, bytes)
    };
    let photo = crate::media::jpeg_with_gps(700, 400, 1);
    let created = app.send(up(a, "anh.jpg", &photo)).await;
    c.check(&post, list, created.expect(201));
    let id = created.json()["id"].as_i64().unwrap();
    let declared_too_large = Call::new(Method::POST, "/api/v1/media")
        .cookie(a)
        .header("content-type", "multipart/form-data; boundary=x")
        .header("content-length", "99999999999");
    c.run([
        Case::send(&post, list, up(a, "pdf.pdf", b"%PDF-1.4\n"), 201),
        Case::send(&post, list, up(a, "anh.jpg", b"<html></html>"), 415),
        Case::send(&post, list, up(a, "trong.jpg", b""), 422),
        Case::send(&post, list, up(d, "b.png", &png), 403),
        Case::send(&post, list, up(None, "b.png", &png), 401),
        Case::send(&post, list, declared_too_large, 413),
        Case::get(list, "/api/v1/media", d, 200),
        Case::get(
            list,
            "/api/v1/media?q=anh&kind=image&page=1&per_page=5",
            a,
            200,
        ),
        Case::get(list, "/api/v1/media?kind=svg", a, 400),
        Case::get(list, "/api/v1/media", None, 401),
        Case::get(list, "/api/v1/media", o, 403),
    ])
    .await;

    let one = "/media/{id}";
    let path = format!("/api/v1/media/{id}");
    let change = |cookie: Option<&str>, version: Option<i64>, body: Value| {
        let call = Call::new(Method::PATCH, &path).cookie(cookie).json(&body);
        match version {
            Some(v) => call.if_match(v),
            None => call,
        }
    };
    let author2 = app.login("author2").await;
    c.run([
        Case::get(one, &path, d, 200),
        Case::get(one, "/api/v1/media/999999", a, 404),
        Case::get(one, "/api/v1/media/abc", a, 400),
        Case::get(one, &path, o, 403),
        Case::get(one, &path, None, 401),
        Case::send(
            &patch_m,
            one,
            change(a, Some(1), json!({ "alt": "Ảnh" })),
            200,
        ),
        Case::send(
            &patch_m,
            one,
            change(a, Some(1), json!({ "alt": "Cũ" })),
            412,
        ),
        Case::send(&patch_m, one, change(a, None, json!({ "alt": "Cũ" })), 428),
        Case::send(
            &patch_m,
            one,
            change(a, Some(2), json!({ "bogus": 1 })),
            422,
        ),
        Case::send(
            &patch_m,
            one,
            change(Some(author2.as_str()), Some(2), json!({ "alt": "x" })),
            403,
        ),
    ])
    .await;

    let file = "/media/{id}/file";
    let file_path = format!("{path}/file");
    let replace = |cookie: Option<&str>, version: Option<i64>, name: &str, bytes: &[u8]| {
        let call = upload(Method::PUT, &file_path, cookie, name, bytes);
        match version {
            Some(v) => call.if_match(v),
            None => call,
        }
    };
    c.run([
        Case::send(&put, file, replace(a, Some(2), "moi.png", &png), 200),
        Case::send(&put, file, replace(a, Some(2), "moi.png", &png), 412),
        Case::send(&put, file, replace(a, None, "moi.png", &png), 428),
        Case::send(&put, file, replace(a, Some(3), "x.pdf", b"%PDF-1.4\n"), 422),
        Case::send(&put, file, replace(a, Some(3), "x.png", b"<svg/>"), 415),
        Case::send(&put, file, replace(d, Some(3), "x.png", &png), 403),
    ])
    .await;

    // A video's poster and captions.
    let video = app
        .send(up(
            a,
            "v.mp4",
            b"\0\0\0\x18ftypisom\0\0\x02\0isommp41\0\0\0\x10mdat01234567",
        ))
        .await;
    video.expect(201);
    let video_id = video.json()["id"].as_i64().unwrap();
    let poster = "/media/{id}/poster";
    let captions = "/media/{id}/captions";
    let poster_path = format!("/api/v1/media/{video_id}/poster");
    let captions_path = format!("/api/v1/media/{video_id}/captions");
    let vtt = b"WEBVTT\n\n00:00.000 --> 00:01.000\nXin ch\xc3\xa0o\n";
    let put_to = |path: &str, cookie: Option<&str>, version: Option<i64>, bytes: &[u8]| {
        let call = upload(Method::PUT, path, cookie, "f", bytes);
        match version {
            Some(v) => call.if_match(v),
            None => call,
        }
    };
    let remove_at = |path: &str, version: Option<i64>| {
        let call = Call::new(Method::DELETE, path).cookie(a);
        match version {
            Some(v) => call.if_match(v),
            None => call,
        }
    };
    c.run([
        Case::send(&put, poster, put_to(&poster_path, a, Some(1), &png), 200),
        Case::send(&put, poster, put_to(&poster_path, a, Some(1), &png), 412),
        Case::send(&put, poster, put_to(&poster_path, a, None, &png), 428),
        Case::send(
            &put,
            poster,
            put_to(&poster_path, a, Some(2), b"%PDF-1.4\n"),
            422,
        ),
        Case::send(
            &put,
            poster,
            put_to(&poster_path, a, Some(2), b"<svg/>"),
            415,
        ),
        Case::send(&put, poster, put_to(&poster_path, d, Some(2), &png), 403),
        Case::send(&put, poster, put_to(&poster_path, None, Some(2), &png), 401),
        Case::send(&put, captions, put_to(&captions_path, a, Some(2), vtt), 200),
        Case::send(
            &put,
            captions,
            put_to(&captions_path, a, Some(3), b"1\n00:00:00,000"),
            422,
        ),
        Case::send(&put, captions, put_to(&captions_path, a, Some(2), vtt), 412),
        Case::send(&put, captions, put_to(&captions_path, o, Some(3), vtt), 403),
        Case::send(&delete, poster, remove_at(&poster_path, Some(3)), 200),
        Case::send(&delete, poster, remove_at(&poster_path, None), 428),
        Case::send(&delete, captions, remove_at(&captions_path, Some(3)), 412),
        Case::send(&delete, captions, remove_at(&captions_path, Some(4)), 200),
    ])
    .await;

    // In use by an article: 409; once free, 204.
    let item: Value = app.get(&path, a).await.json();
    let url = item["url"].as_str().unwrap().to_string();
    let draft = app.article_at(Stage::Draft, "author").await;
    patch(
        &app,
        &author,
        draft.id,
        draft.version,
        json!({ "cover": { "url": url, "alt": "Ảnh", "caption": "Chú thích" } }),
    )
    .await
    .expect(200);
    let remove = |version: Option<i64>| {
        let call = Call::new(Method::DELETE, &path).cookie(a);
        match version {
            Some(v) => call.if_match(v),
            None => call,
        }
    };
    c.run([
        Case::send(&delete, one, remove(Some(3)), 409),
        Case::send(&delete, one, remove(Some(1)), 412),
        Case::send(&delete, one, remove(None), 428),
    ])
    .await;
    patch(
        &app,
        &author,
        draft.id,
        draft.version + 1,
        json!({ "cover": null }),
    )
    .await
    .expect(200);
    c.run([Case::send(&delete, one, remove(Some(3)), 204)])
        .await;
    assert!(c.checked >= 30, "{}", c.checked);
}
