//! Required information (issue #6): staleness in calendar days of Asia/Ho_Chi_Minh, roles on
//! every endpoint, validation of every bad input, preconditions, the public org page, and the
//! link checker against a local HTTP server (never the internet).

use crate::common::*;
use axum::http::Method;
use chrono::Duration;
use portal_contract::required_info::{
    InfoSection, InfoStatus, LinksPage, OrgPage, PublicOrganization,
};
use portal_contract::{AuditEntry, Page};
use portal_server::config::Config;
use serde_json::{json, Value};

fn unit(name: &str) -> Value {
    json!({
        "name_vi": name,
        "name_en": "Revenue Collection Division",
        "functions_vi": "Tổ chức thu BHXH, BHYT, BHTN; quản lý đối tượng tham gia.",
        "functions_en": "Collects social, health and unemployment insurance contributions.",
        "leader_name": "Trần Văn Bình",
        "leader_position_vi": "Trưởng phòng",
        "leader_position_en": "Head of Division",
        "phone": "0236 382 2123",
        "email": "phongthu@bhxh.gov.vn",
        "address_vi": "Số 1 Lê Lợi, Hải Châu, Đà Nẵng",
        "address_en": "1 Le Loi Street, Hai Chau, Da Nang"
    })
}

fn session(date: &str, hours: f64) -> Value {
    json!({
        "date": date,
        "topic": "Viết tin về chính sách BHYT học sinh",
        "trainer": "Trung tâm Truyền thông BHXH Việt Nam",
        "participants": "Ban Biên tập, cộng tác viên các huyện",
        "participant_count": 24,
        "hours": hours
    })
}

async fn put(app: &TestApp, cookie: &str, path: &str, version: Option<i64>, body: Value) -> Resp {
    let mut call = Call::new(Method::PUT, path)
        .cookie(Some(cookie))
        .json(&body);
    if let Some(v) = version {
        call = call.if_match(v);
    }
    app.send(call).await
}

async fn post(app: &TestApp, cookie: &str, path: &str, version: Option<i64>) -> Resp {
    let mut call = Call::new(Method::POST, path).cookie(Some(cookie));
    if let Some(v) = version {
        call = call.if_match(v);
    }
    app.send(call).await
}

/// Saves `links` as the first version of the links page.
async fn save_first_links(app: &TestApp, cookie: &str, links: Vec<Value>) {
    let body = json!({"content": {"links": links}});
    put(app, cookie, "/api/v1/info/links", Some(0), body)
        .await
        .expect(200);
}

/// The portal's organisation page at `path`, which must answer 200.
async fn public_org(app: &TestApp, path: &str) -> PublicOrganization {
    serde_json::from_slice(&app.get(path, None).await.expect(200).body).unwrap()
}

fn org(res: &Resp) -> OrgPage {
    serde_json::from_slice(&res.body)
        .unwrap_or_else(|e| panic!("{e}: {} {}", res.status, String::from_utf8_lossy(&res.body)))
}

#[tokio::test]
async fn a_page_turns_stale_after_n_calendar_days_in_vietnam() {
    // Sessions that outlive the weeks the clock moves.
    let app = TestApp::with_config(Config {
        trust_proxy: true,
        session_idle: Duration::days(400),
        session_absolute: Duration::days(400),
        ..Config::default()
    })
    .await;
    let admin = app.login("admin").await;
    let secretary = app.login("secretary").await;

    // The default threshold is the server's, and says so.
    let s = app.get("/api/v1/info/settings", Some(&secretary)).await;
    s.expect(200);
    assert_eq!(s.json()["stale_after_days"], 90);
    assert_eq!(s.json()["is_default"], true);
    put(
        &app,
        &admin,
        "/api/v1/info/settings",
        Some(0),
        json!({"stale_after_days": 30}),
    )
    .await
    .expect(200);
    let s = app.get("/api/v1/info/settings", Some(&secretary)).await;
    assert_eq!(
        (
            s.json()["stale_after_days"].clone(),
            s.json()["is_default"].clone()
        ),
        (json!(30), json!(false))
    );

    // Never entered: stale.
    let page = org(app
        .get("/api/v1/info/org", Some(&secretary))
        .await
        .expect(200));
    assert!(page.stale);
    assert_eq!((page.version, page.days_since_update), (0, None));

    // Saved at 23:59 in Hà Nội (16:59 UTC); the clock starts at 01:30 UTC.
    app.clock.advance(Duration::minutes(15 * 60 + 29));
    let saved = put(
        &app,
        &secretary,
        "/api/v1/info/org",
        Some(0),
        json!({"content": {"units": [unit("Phòng Thu")]}}),
    )
    .await;
    saved.expect(200);
    assert_eq!(saved.etag().as_deref(), Some("\"1\""));
    let page = org(&saved);
    assert_eq!(
        (page.stale, page.days_since_update, page.stale_after_days),
        (false, Some(0), 30)
    );

    // Two minutes later it is the next day there: one day old.
    app.clock.advance(Duration::minutes(2));
    let page = org(&app.get("/api/v1/info/org", Some(&secretary)).await);
    assert_eq!((page.stale, page.days_since_update), (false, Some(1)));

    // Exactly 30 days (23:59 of day 30): still current.
    app.clock.advance(Duration::days(30) - Duration::minutes(2));
    let page = org(&app.get("/api/v1/info/org", Some(&secretary)).await);
    assert_eq!((page.stale, page.days_since_update), (false, Some(30)));
    let status: InfoStatus =
        serde_json::from_slice(&app.get("/api/v1/info/status", Some(&secretary)).await.body)
            .unwrap();
    let org_status = &status.sections[0];
    assert_eq!(
        (org_status.section, org_status.stale),
        (InfoSection::Org, false)
    );

    // One minute later is midnight of day 31 in Hà Nội: stale, though only 30 days and a
    // minute have passed.
    app.clock.advance(Duration::minutes(1));
    let page = org(&app.get("/api/v1/info/org", Some(&secretary)).await);
    assert_eq!((page.stale, page.days_since_update), (true, Some(31)));
    let status: InfoStatus =
        serde_json::from_slice(&app.get("/api/v1/info/status", Some(&secretary)).await.body)
            .unwrap();
    assert!(status.sections[0].stale);
    assert_eq!(status.stale_after_days, 30);
    // Links and training were never entered.
    assert!(status.sections[1].stale && status.sections[2].stale);

    // Confirming resets the count without changing the content.
    let confirmed = post(&app, &secretary, "/api/v1/info/org/confirm", Some(1)).await;
    confirmed.expect(200);
    let page = org(&confirmed);
    assert_eq!(
        (page.stale, page.days_since_update, page.version),
        (false, Some(0), 2)
    );
    assert_eq!(
        page.updated_at.unwrap() + Duration::days(30) + Duration::minutes(1),
        page.confirmed_at.unwrap()
    );
    assert_eq!(page.content.units[0].name_vi, "Phòng Thu");

    // A larger threshold makes it current again; a smaller one stale sooner.
    app.clock.advance(Duration::days(5));
    put(
        &app,
        &admin,
        "/api/v1/info/settings",
        Some(1),
        json!({"stale_after_days": 4}),
    )
    .await
    .expect(200);
    let page = org(&app.get("/api/v1/info/org", Some(&secretary)).await);
    assert_eq!((page.stale, page.stale_after_days), (true, 4));
}

#[tokio::test]
async fn every_endpoint_enforces_its_permission() {
    let app = TestApp::new().await;
    let cookies: Vec<(&str, String)> = {
        let mut v = Vec::new();
        for (name, _) in ROLE_USERS {
            v.push((name, app.login(name).await));
        }
        v
    };
    let readers = ["editor", "secretary", "chief", "director", "admin"];
    let editors = ["secretary", "chief", "admin"];
    for path in [
        "/api/v1/info/org",
        "/api/v1/info/links",
        "/api/v1/info/training",
        "/api/v1/info/status",
        "/api/v1/info/settings",
    ] {
        app.get(path, None).await.expect(401);
        for (name, cookie) in &cookies {
            let want = if readers.contains(name) { 200 } else { 403 };
            app.get(path, Some(cookie)).await.expect(want);
        }
    }
    let bodies = [
        (
            "/api/v1/info/org",
            json!({"content": {"units": [unit("Văn phòng")]}}),
        ),
        ("/api/v1/info/links", json!({"content": {"links": []}})),
        (
            "/api/v1/info/training",
            json!({"content": {"sessions": [session("2026-03-12", 4.0)]}}),
        ),
    ];
    for (path, body) in &bodies {
        let anonymous = Call::new(Method::PUT, path).if_match(0).json(body);
        app.send(anonymous).await.expect(401);
        let mut version = 0;
        for (name, cookie) in &cookies {
            let res = put(&app, cookie, path, Some(version), body.clone()).await;
            if editors.contains(name) {
                res.expect(200);
                version += 1;
                post(&app, cookie, &format!("{path}/confirm"), Some(version))
                    .await
                    .expect(200);
                version += 1;
            } else {
                res.expect(403);
                post(&app, cookie, &format!("{path}/confirm"), Some(version))
                    .await
                    .expect(403);
            }
        }
    }
    for (name, cookie) in &cookies {
        let want = if editors.contains(name) { 200 } else { 403 };
        post(&app, cookie, "/api/v1/info/links/check", None)
            .await
            .expect(want);
        let want = if *name == "admin" { 200 } else { 403 };
        let res = put(
            &app,
            cookie,
            "/api/v1/info/settings",
            Some(if *name == "admin" { 0 } else { 1 }),
            json!({"stale_after_days": 60}),
        )
        .await;
        res.expect(want);
    }
    let no_csrf = Call::new(Method::POST, "/api/v1/info/links/check")
        .cookie(Some(&cookies[2].1))
        .no_csrf();
    app.send(no_csrf).await.expect(403);

    // Every change is in the audit log.
    let admin = &cookies[5].1;
    let page: Page<AuditEntry> = serde_json::from_slice(
        &app.get("/api/v1/audit?per_page=200", Some(admin))
            .await
            .body,
    )
    .unwrap();
    let actions: Vec<&str> = page.items.iter().map(|e| e.action.as_str()).collect();
    for a in [
        "info.org.update",
        "info.org.confirm",
        "info.links.update",
        "info.links.confirm",
        "info.links.check",
        "info.training.update",
        "info.training.confirm",
        "info.settings.update",
    ] {
        assert!(actions.contains(&a), "{a} missing from {actions:?}");
    }
}

#[tokio::test]
async fn bad_input_is_refused_field_by_field() {
    let app = TestApp::new().await;
    let sec = app.login("secretary").await;
    let admin = app.login("admin").await;

    // Organisation: empty required fields, bad phone and e-mail, huge text.
    let mut bad = unit("Phòng Thu");
    bad["name_en"] = json!("   ");
    bad["phone"] = json!("12345");
    bad["email"] = json!("phongthu@");
    bad["functions_en"] = json!("x".repeat(10_000));
    bad["leader_name"] = json!("Tên\u{0007}lạ");
    let res = put(
        &app,
        &sec,
        "/api/v1/info/org",
        Some(0),
        json!({"content": {"units": [unit("Văn phòng"), bad]}}),
    )
    .await;
    res.expect(422);
    assert_eq!(
        res.error_fields(),
        [
            "units[1].name_en",
            "units[1].functions_en",
            "units[1].leader_name",
            "units[1].phone",
            "units[1].email"
        ]
    );
    assert!(res.problem().errors.iter().all(|e| !e.message.is_empty()));
    let missing = put(
        &app,
        &sec,
        "/api/v1/info/org",
        Some(0),
        json!({"content": {"units": [{"name_vi": "Phòng Thu"}]}}),
    )
    .await;
    missing.expect(422);
    let unknown = put(
        &app,
        &sec,
        "/api/v1/info/org",
        Some(0),
        json!({"content": {"units": [], "extra": 1}}),
    )
    .await;
    assert_eq!(unknown.expect(422).error_fields(), ["content.extra"]);

    // Links: only http(s) with a host.
    for url in [
        "javascript:alert(1)",
        "ftp://so.example.vn",
        "file:///etc/passwd",
        "https://",
        "https://a b.vn",
        "data:text/html,x",
    ] {
        let res = put(
            &app,
            &sec,
            "/api/v1/info/links",
            Some(0),
            json!({"content": {"links": [{"name": "Sở Nội vụ", "url": url}]}}),
        )
        .await;
        res.expect(422);
        assert_eq!(res.error_fields(), ["links[0].url"], "{url}");
        assert_eq!(res.problem().errors[0].code, "invalid_url");
    }
    let res = put(
        &app,
        &sec,
        "/api/v1/info/links",
        Some(0),
        json!({"content": {"links": [{"name": "", "url": ""}]}}),
    )
    .await;
    assert_eq!(
        res.expect(422).error_fields(),
        ["links[0].name", "links[0].url"]
    );

    // Training: negative or zero hours, zero participants, empty topic, impossible date.
    let mut s = session("2026-03-12", -2.0);
    s["topic"] = json!("");
    s["participant_count"] = json!(0);
    let res = put(
        &app,
        &sec,
        "/api/v1/info/training",
        Some(0),
        json!({"content": {"sessions": [s, session("1999-01-01", 0.0)]}}),
    )
    .await;
    res.expect(422);
    assert_eq!(
        res.error_fields(),
        [
            "sessions[0].topic",
            "sessions[0].participant_count",
            "sessions[0].hours",
            "sessions[1].date",
            "sessions[1].hours"
        ]
    );
    let res = put(
        &app,
        &sec,
        "/api/v1/info/training",
        Some(0),
        json!({"content": {"sessions": [session("2026-02-30", 2.0)]}}),
    )
    .await;
    assert_eq!(res.expect(422).error_fields(), ["content.sessions[0].date"]);
    let res = put(
        &app,
        &sec,
        "/api/v1/info/training",
        Some(0),
        json!({"content": {"sessions": [session("2026-02-03", 2.0)]}, "x": 1}),
    )
    .await;
    assert_eq!(res.expect(422).error_fields(), ["x"]);
    let mut neg = session("2026-02-03", 2.0);
    neg["participant_count"] = json!(-3);
    put(
        &app,
        &sec,
        "/api/v1/info/training",
        Some(0),
        json!({"content": {"sessions": [neg]}}),
    )
    .await
    .expect(422);

    // Settings: out of range.
    for days in [json!(0), json!(3651), json!(-1), json!("30")] {
        put(
            &app,
            &admin,
            "/api/v1/info/settings",
            Some(0),
            json!({"stale_after_days": days}),
        )
        .await
        .expect(422);
    }

    // Nothing was written.
    let page = org(&app.get("/api/v1/info/org", Some(&sec)).await);
    assert_eq!(page.version, 0);

    // Malformed JSON, a body over 1 MiB, the wrong media type.
    let res = app
        .send(
            Call::new(Method::PUT, "/api/v1/info/org")
                .cookie(Some(&sec))
                .if_match(0)
                .raw(Some("application/json"), b"{\"content\":".to_vec()),
        )
        .await;
    res.expect(400);
    let huge = format!(
        "{{\"content\":{{\"units\":[],\"x\":\"{}\"}}}}",
        "a".repeat(1_100_000)
    );
    app.send(
        Call::new(Method::PUT, "/api/v1/info/org")
            .cookie(Some(&sec))
            .if_match(0)
            .raw(Some("application/json"), huge.into_bytes()),
    )
    .await
    .expect(413);
    app.send(
        Call::new(Method::PUT, "/api/v1/info/org")
            .cookie(Some(&sec))
            .if_match(0)
            .raw(Some("text/plain"), b"{}".to_vec()),
    )
    .await
    .expect(415);

    // Hostile but printable text is kept verbatim (the UI escapes it); it never runs here.
    let mut hostile = unit("<script>alert('x')</script> Phòng 🚀 \u{202E}txet");
    hostile["functions_vi"] = json!("<img src=x onerror=alert(1)>\nدائرة");
    let res = put(
        &app,
        &sec,
        "/api/v1/info/org",
        Some(0),
        json!({"content": {"units": [hostile]}}),
    )
    .await;
    res.expect(200);
    let page = org(&res);
    assert_eq!(
        page.content.units[0].name_vi,
        "<script>alert('x')</script> Phòng 🚀 \u{202E}txet"
    );
    let public = app.get("/api/v1/public/organization", None).await;
    assert!(String::from_utf8_lossy(&public.body).contains("<script>alert('x')</script>"));
    assert_eq!(
        public.header("content-type").as_deref(),
        Some("application/json")
    );
}

#[tokio::test]
async fn writes_need_the_current_version() {
    let app = TestApp::new().await;
    let sec = app.login("secretary").await;
    let chief = app.login("chief").await;
    let body = json!({"content": {"links": [{"name": "Sở Y tế", "url": "https://soyte.example.invalid/"}]}});
    put(&app, &sec, "/api/v1/info/links", None, body.clone())
        .await
        .expect(428);
    post(&app, &sec, "/api/v1/info/links/confirm", Some(0))
        .await
        .expect(409);
    let bad_tag = Call::new(Method::PUT, "/api/v1/info/links")
        .cookie(Some(&sec))
        .header("if-match", "v1")
        .json(&body);
    app.send(bad_tag).await.expect(400);
    put(&app, &sec, "/api/v1/info/links", Some(0), body.clone())
        .await
        .expect(200);
    // The chief editor saves on an old version: 412 with what is there now.
    let stale = put(
        &app,
        &chief,
        "/api/v1/info/links",
        Some(0),
        json!({"content": {"links": []}}),
    )
    .await;
    stale.expect(412);
    assert_eq!(stale.etag().as_deref(), Some("\"1\""));
    let current: LinksPage = serde_json::from_value(stale.problem().current.unwrap()).unwrap();
    assert_eq!(current.page.content.links[0].name, "Sở Y tế");
    post(&app, &chief, "/api/v1/info/links/confirm", Some(0))
        .await
        .expect(412);
    post(&app, &chief, "/api/v1/info/links/confirm", None)
        .await
        .expect(428);
    let sp = app.login("admin").await;
    // Missing, current, then stale If-Match.
    for (version, days, status) in [(None, 10, 428), (Some(0), 10, 200), (Some(0), 11, 412)] {
        let body = json!({ "stale_after_days": days });
        put(&app, &sp, "/api/v1/info/settings", version, body)
            .await
            .expect_for(status, &format!("If-Match {version:?}, {days} days"));
    }
}

#[tokio::test]
async fn the_portal_reads_the_org_structure_in_either_language() {
    let app = TestApp::new().await;
    let sec = app.login("secretary").await;
    app.get("/api/v1/public/organization", None)
        .await
        .expect(404);
    put(
        &app,
        &sec,
        "/api/v1/info/org",
        Some(0),
        json!({"content": {"units": [unit("Phòng Thu")]}}),
    )
    .await
    .expect(200);
    let vi = public_org(&app, "/api/v1/public/organization").await;
    assert_eq!(
        (
            vi.lang.as_str(),
            vi.units[0].name.as_str(),
            vi.units[0].leader_position.as_str()
        ),
        ("vi", "Phòng Thu", "Trưởng phòng")
    );
    let en = public_org(&app, "/api/v1/public/organization?lang=en").await;
    assert_eq!(
        (
            en.lang.as_str(),
            en.units[0].name.as_str(),
            en.units[0].address.as_str()
        ),
        (
            "en",
            "Revenue Collection Division",
            "1 Le Loi Street, Hai Chau, Da Nang"
        )
    );
    assert_eq!(en.units[0].leader_name, "Trần Văn Bình");
    let res = app.get("/api/v1/public/organization?lang=fr", None).await;
    assert_eq!(res.expect(400).error_fields(), ["lang"]);
    let res = app.get("/api/v1/public/organization?page=2", None).await;
    assert_eq!(res.expect(400).error_fields(), ["page"]);
}

/// A local server with every answer the checker must tell apart.
async fn test_site() -> String {
    use axum::http::StatusCode;
    use axum::response::{IntoResponse, Redirect};
    use axum::routing::get;
    let app = axum::Router::new()
        .route("/ok", get(|| async { "Cổng thông tin Sở Nội vụ" }))
        .route("/missing", get(|| async { StatusCode::NOT_FOUND }))
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(std::time::Duration::from_secs(10)).await;
                "late"
            }),
        )
        .route("/moved", get(|| async { Redirect::permanent("/ok") }))
        .route("/loop", get(|| async { Redirect::temporary("/loop") }))
        .route(
            "/to-ftp",
            get(|| async { Redirect::temporary("ftp://files.example.invalid/") }),
        )
        .route(
            "/no-head",
            get(|| async { "chỉ GET" }).head(|| async { StatusCode::METHOD_NOT_ALLOWED }),
        )
        .route(
            "/big",
            get(|| async { "x".repeat(5 * 1024 * 1024) })
                .head(|| async { StatusCode::FORBIDDEN.into_response() }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.ok() });
    format!("http://{addr}")
}

#[tokio::test]
async fn the_link_checker_tells_alive_from_dead() {
    let site = test_site().await;
    let app = TestApp::with_config(Config {
        trust_proxy: true,
        link_check_allow_private: true,
        link_check_timeout: std::time::Duration::from_millis(1500),
        ..Config::default()
    })
    .await;
    let sec = app.login("secretary").await;
    let paths = [
        "/ok", "/missing", "/slow", "/moved", "/loop", "/to-ftp", "/no-head", "/big",
    ];
    let links: Vec<Value> = paths
        .iter()
        .map(|p| json!({"name": format!("Trang {p}"), "url": format!("{site}{p}")}))
        .collect();
    save_first_links(&app, &sec, links).await;
    let started = std::time::Instant::now();
    let res = post(&app, &sec, "/api/v1/info/links/check", None).await;
    res.expect(200);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(8),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(res.etag().as_deref(), Some("\"1\""));
    let page: LinksPage = serde_json::from_slice(&res.body).unwrap();
    let of = |p: &str| {
        page.checks
            .iter()
            .find(|c| c.url == format!("{site}{p}"))
            .unwrap_or_else(|| panic!("{p} not checked"))
            .clone()
    };
    let ok = of("/ok");
    assert_eq!(
        (ok.alive, ok.status_code, ok.error.clone()),
        (true, Some(200), None)
    );
    assert_eq!(ok.checked_at, app.clock_now());
    let missing = of("/missing");
    assert_eq!((missing.alive, missing.status_code), (false, Some(404)));
    assert!(missing.error.unwrap().contains("404"));
    let slow = of("/slow");
    assert!(!slow.alive);
    assert!(slow.error.unwrap().contains("Quá thời gian chờ"));
    let moved = of("/moved");
    assert_eq!((moved.alive, moved.status_code), (true, Some(200)));
    let looped = of("/loop");
    assert!(!looped.alive);
    assert!(looped.error.unwrap().contains("Chuyển hướng quá"));
    let ftp = of("/to-ftp");
    assert!(!ftp.alive);
    assert!(ftp.error.unwrap().contains("http"));
    assert_eq!(of("/no-head").status_code, Some(200));
    assert!(of("/no-head").alive);
    assert!(of("/big").alive);

    // The dashboard counts the dead ones.
    let status: InfoStatus =
        serde_json::from_slice(&app.get("/api/v1/info/status", Some(&sec)).await.body).unwrap();
    assert_eq!(status.sections[1].dead_links, 4);

    // A link that went away no longer counts, and its old finding is not shown.
    let res = put(
        &app,
        &sec,
        "/api/v1/info/links",
        Some(1),
        json!({"content": {"links": [{"name": "Sở Nội vụ", "url": format!("{site}/ok")}]}}),
    )
    .await;
    let page: LinksPage = serde_json::from_slice(&res.expect(200).body).unwrap();
    assert_eq!(page.checks.len(), 1);
    let status: InfoStatus =
        serde_json::from_slice(&app.get("/api/v1/info/status", Some(&sec)).await.body).unwrap();
    assert_eq!(status.sections[1].dead_links, 0);
}

#[tokio::test]
async fn the_link_checker_never_reaches_the_local_network_by_default() {
    let site = test_site().await;
    let app = TestApp::new().await;
    let sec = app.login("secretary").await;
    let local_name = site.replace("127.0.0.1", "localhost");
    put(
        &app,
        &sec,
        "/api/v1/info/links",
        Some(0),
        json!({"content": {"links": [
            {"name": "IP", "url": format!("{site}/ok")},
            {"name": "Tên", "url": format!("{local_name}/ok")},
            {"name": "Metadata", "url": "http://169.254.169.254/latest/meta-data/"}
        ]}}),
    )
    .await
    .expect(200);
    let res = post(&app, &sec, "/api/v1/info/links/check", None).await;
    let page: LinksPage = serde_json::from_slice(&res.expect(200).body).unwrap();
    assert_eq!(page.checks.len(), 3);
    for c in &page.checks {
        assert!(!c.alive, "{}", c.url);
        assert_eq!(c.status_code, None);
        assert!(c.error.as_deref().unwrap().contains("mạng nội bộ"), "{c:?}");
    }
}

#[tokio::test]
async fn the_demo_shows_a_current_org_page_stale_links_and_dead_ones() {
    use portal_server::clock::ManualClock;
    use portal_server::{demo, router, AppState};
    use std::sync::Arc;
    let db = crate::common::test_db().await;
    let store = db.store();
    let now = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 20, 3, 0, 0).unwrap();
    let state = AppState::with_clock(
        store.clone(),
        Config::default(),
        Arc::new(ManualClock::new(now)),
    );
    demo::seed_if_empty(&state, 10)
        .await
        .unwrap()
        .expect("seeded");
    let app = TestApp {
        router: router(state.clone()),
        state,
        store,
        db,
        clock: Arc::new(ManualClock::new(now)),
        users: Default::default(),
    };
    let chief = app.login("chief").await;
    let status: InfoStatus = serde_json::from_slice(
        &app.get("/api/v1/info/status", Some(&chief))
            .await
            .expect(200)
            .body,
    )
    .unwrap();
    let flags: Vec<(InfoSection, bool, Option<i64>, u32)> = status
        .sections
        .iter()
        .map(|s| (s.section, s.stale, s.days_since_update, s.dead_links))
        .collect();
    assert_eq!(
        flags,
        [
            (InfoSection::Org, false, Some(40), 0),
            (InfoSection::Links, true, Some(120), 2),
            (InfoSection::Training, false, Some(12), 0)
        ]
    );
    let en = public_org(&app, "/api/v1/public/organization?lang=en").await;
    assert!(en
        .units
        .iter()
        .any(|u| u.name == "Health Insurance Assessment Division"));
}

#[tokio::test]
async fn one_pass_of_the_checker_has_a_time_budget() {
    let site = test_site().await;
    let app = TestApp::with_config(Config {
        trust_proxy: true,
        link_check_allow_private: true,
        link_check_timeout: std::time::Duration::from_millis(500),
        ..Config::default()
    })
    .await;
    let sec = app.login("secretary").await;
    // Forty slow links, four at a time, would take 5 s; a pass may take 1.5 s.
    let links: Vec<Value> = (0..40)
        .map(|i| json!({"name": format!("Sở {i}"), "url": format!("{site}/slow?n={i}")}))
        .collect();
    save_first_links(&app, &sec, links).await;
    let started = std::time::Instant::now();
    let res = post(&app, &sec, "/api/v1/info/links/check", None).await;
    let elapsed = started.elapsed();
    let page: LinksPage = serde_json::from_slice(&res.expect(200).body).unwrap();
    assert!(
        elapsed < std::time::Duration::from_millis(3000),
        "{elapsed:?}"
    );
    assert_eq!(page.checks.len(), 40);
    assert!(page.checks.iter().all(|c| !c.alive));
    assert!(page
        .checks
        .iter()
        .any(|c| c.error.as_deref().unwrap().contains("Chưa kiểm tra xong")));
}

#[tokio::test]
async fn the_server_checks_the_links_on_its_own() {
    let site = test_site().await;
    let app = TestApp::with_config(Config {
        trust_proxy: true,
        link_check_allow_private: true,
        link_check_timeout: std::time::Duration::from_secs(2),
        ..Config::default()
    })
    .await;
    let sec = app.login("secretary").await;
    put(
        &app,
        &sec,
        "/api/v1/info/links",
        Some(0),
        json!({"content": {"links": [
            {"name": "Sở Nội vụ", "url": format!("{site}/ok")},
            {"name": "Sở cũ", "url": format!("{site}/missing")}
        ]}}),
    )
    .await
    .expect(200);
    let task = tokio::spawn(
        portal_server::required_info::linkcheck::check_links_periodically(
            app.state.clone(),
            std::time::Duration::from_millis(200),
        ),
    );
    let mut dead = 0;
    for _ in 0..50 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        let status: InfoStatus =
            serde_json::from_slice(&app.get("/api/v1/info/status", Some(&sec)).await.body).unwrap();
        dead = status.sections[1].dead_links;
        if dead > 0 {
            break;
        }
    }
    task.abort();
    assert_eq!(dead, 1);
    // The server's own passes are not anyone's action: no audit line.
    let n: i64 = app
        .db
        .int(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'info.links.check'",
            &[],
        )
        .await;
    assert_eq!(n, 0);
}
