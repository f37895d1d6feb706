//! Login, session, logout, throttling, expiry, CSRF.

use crate::common::*;
use axum::http::Method;
use chrono::Duration;
use portal_contract::{Permission, SessionInfo};
use serde_json::json;

fn login_call(username: &str, password: &str) -> Call {
    Call::new(Method::POST, "/api/v1/session")
        .json(&json!({ "username": username, "password": password }))
}

#[tokio::test]
async fn login_sets_a_strict_http_only_cookie_and_returns_the_session() {
    let app = TestApp::new().await;
    let res = app.send(login_call("chief", PASSWORD)).await;
    res.expect(200);
    let set = res.header("set-cookie").unwrap();
    assert!(set.starts_with("portal_session="), "{set}");
    for part in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(set.contains(part), "{set}");
    }
    assert!(
        !set.contains("Secure"),
        "plain HTTP gets no Secure flag: {set}"
    );
    let token = set
        .split(';')
        .next()
        .unwrap()
        .trim_start_matches("portal_session=");
    assert_eq!(token.len(), 32);

    let info: SessionInfo = serde_json::from_slice(&res.body).unwrap();
    assert_eq!(info.user.username, "chief");
    assert!(info.can(Permission::ArticlesEdit));
    assert!(!info.can(Permission::UsersManage));
    let now = app.clock_now();
    assert_eq!(info.idle_expires_at, now + Duration::minutes(30));
    assert_eq!(info.absolute_expires_at, now + Duration::hours(12));

    // Only the token's hash is stored.
    let stored = app.db.texts("SELECT token_hash FROM sessions").await;
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0].as_deref(), Some(token));
    assert_eq!(stored[0], Some(portal_server::auth::token_hash(token)));

    let cookie = cookie_of(&res).unwrap();
    let me = app.get("/api/v1/session", Some(&cookie)).await;
    me.expect(200);
    assert_eq!(me.json()["user"]["username"], "chief");
}

#[tokio::test]
async fn an_https_site_uses_a_secure_host_only_cookie_and_no_header_decides_it() {
    // A client's X-Forwarded-Proto makes nothing Secure on a plain-HTTP site.
    let plain = TestApp::new().await;
    let res = plain
        .send(login_call("editor", PASSWORD).header("x-forwarded-proto", "https"))
        .await;
    res.expect(200);
    let set = res.header("set-cookie").unwrap();
    assert!(
        set.starts_with("portal_session=") && !set.contains("Secure"),
        "{set}"
    );
    // The operator's https:// public URL does.
    let https = TestApp::with_config(portal_server::config::Config {
        secure_cookies: true,
        trust_proxy: true,
        ..portal_server::config::Config::default()
    })
    .await;
    let res = https.send(login_call("editor", PASSWORD)).await;
    res.expect(200);
    let set = res.header("set-cookie").unwrap();
    assert!(set.starts_with("__Host-portal_session="), "{set}");
    assert!(set.contains("; Secure") && set.contains("Path=/") && !set.contains("Domain"));
    let cookie = cookie_of(&res).unwrap();
    https
        .get("/api/v1/session", Some(&cookie))
        .await
        .expect(200);
    // The plain-named cookie with the same token is not read there.
    let token = cookie.trim_start_matches("__Host-portal_session=");
    https
        .get("/api/v1/session", Some(&format!("portal_session={token}")))
        .await
        .expect(401);
}

#[tokio::test]
async fn username_is_matched_case_insensitively() {
    let app = TestApp::new().await;
    app.send(login_call("  Chief ", PASSWORD)).await.expect(200);
}

#[tokio::test]
async fn session_requires_a_cookie() {
    let app = TestApp::new().await;
    let res = app.get("/api/v1/session", None).await;
    res.expect(401);
    assert_eq!(res.problem().status, 401);
    let res = app
        .get(
            "/api/v1/session",
            Some("portal_session=00000000000000000000000000000000"),
        )
        .await;
    res.expect(401);
    // A dead cookie is cleared.
    assert!(res.header("set-cookie").unwrap().contains("Max-Age=0"));
}

#[tokio::test]
async fn unknown_user_and_wrong_password_get_identical_answers() {
    let app = TestApp::new().await;
    let unknown = app.send(login_call("nobody", "Wrong@2026")).await;
    let wrong = app.send(login_call("editor", "Wrong@2026")).await;
    unknown.expect(401);
    wrong.expect(401);
    assert_eq!(unknown.body, wrong.body);
    assert_eq!(unknown.headers, wrong.headers);
    assert!(unknown.header("set-cookie").is_none());
    let p = unknown.problem();
    assert_eq!(
        p.detail.as_deref(),
        Some("Tên đăng nhập hoặc mật khẩu không đúng.")
    );
}

#[tokio::test]
async fn logout_ends_the_session_and_clears_the_cookie() {
    let app = TestApp::new().await;
    let cookie = app.login("secretary").await;
    let res = app
        .send(Call::new(Method::DELETE, "/api/v1/session").cookie(Some(&cookie)))
        .await;
    res.expect(204);
    assert!(res.header("set-cookie").unwrap().contains("Max-Age=0"));
    app.get("/api/v1/session", Some(&cookie)).await.expect(401);
    // Logging out again (or without a session) is harmless.
    app.send(Call::new(Method::DELETE, "/api/v1/session").cookie(Some(&cookie)))
        .await
        .expect(204);
}

#[tokio::test]
async fn five_attempts_lock_the_account_for_that_client_only_and_the_next_window_doubles() {
    let app = TestApp::new().await;
    let attacker = "198.51.100.7";
    for _ in 0..5 {
        let res = app
            .send(login_call("editor", "Wrong@2026").header("x-forwarded-for", attacker))
            .await;
        res.expect(401);
        app.clock.advance(Duration::seconds(10));
    }
    // The sixth from that client is refused even with the right password, without a hash.
    let res = app
        .send(login_call("editor", PASSWORD).header("x-forwarded-for", attacker))
        .await;
    res.expect(429);
    res.problem();
    let retry: i64 = res.header("retry-after").unwrap().parse().unwrap();
    // The window opened with the first attempt: 15 min − 50 s from now.
    assert_eq!(retry, 15 * 60 - 50);
    // The editor's own office is not locked out by someone elsewhere.
    app.send(login_call("editor", PASSWORD).header("x-forwarded-for", "203.0.113.20"))
        .await
        .expect(200);
    // After the window the right password works from there too; the next window of that pair
    // lasts 30 minutes, since the last one ended over the limit.
    app.clock.advance(Duration::seconds(retry));
    for _ in 0..5 {
        app.send(login_call("editor", "Wrong@2026").header("x-forwarded-for", attacker))
            .await
            .expect(401);
    }
    let res = app
        .send(login_call("editor", PASSWORD).header("x-forwarded-for", attacker))
        .await;
    res.expect(429);
    let retry: i64 = res.header("retry-after").unwrap().parse().unwrap();
    assert_eq!(retry, 30 * 60);
    // IPv6: every address of one /64 is one client.
    for i in 0..5 {
        app.send(
            login_call("chief", "Wrong@2026")
                .header("x-forwarded-for", &format!("2001:db8:7:7::{i:x}")),
        )
        .await
        .expect(401);
    }
    app.send(login_call("chief", PASSWORD).header("x-forwarded-for", "2001:db8:7:7:ffff::1"))
        .await
        .expect(429);
    app.send(login_call("chief", PASSWORD).header("x-forwarded-for", "2001:db8:7:8::1"))
        .await
        .expect(200);
}

#[tokio::test]
async fn parallel_guesses_are_counted_as_they_are_checked() {
    let app = TestApp::new().await;
    let calls = (0..24).map(|_| {
        app.send(login_call("secretary", "Wrong@2026").header("x-forwarded-for", "192.0.2.50"))
    });
    let answers = futures::future::join_all(calls).await;
    let statuses: Vec<u16> = answers.iter().map(|r| r.status.as_u16()).collect();
    let wrong = statuses.iter().filter(|s| **s == 401).count();
    // At most five passwords were checked; the rest were refused (429) or found every core
    // busy (503), none of them hashed.
    assert!(wrong <= 5, "{statuses:?}");
    assert!(
        statuses.iter().all(|s| [401, 429, 503].contains(s)),
        "{statuses:?}"
    );
    let audited = app
        .db
        .int(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'login_failed' AND detail IS NULL",
            &[],
        )
        .await;
    assert_eq!(audited as usize, wrong);
}

#[tokio::test]
async fn logins_wait_for_a_free_core_nowhere_but_answer_503_at_once() {
    let app = TestApp::new().await;
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get()) as u32;
    let held = app
        .state
        .logins
        .hashes
        .clone()
        .acquire_many_owned(cores)
        .await
        .unwrap();
    let res = app.send(login_call("chief", PASSWORD)).await;
    res.expect(503);
    assert_eq!(res.header("retry-after").as_deref(), Some("1"));
    assert!(res.problem().detail.unwrap().contains("bận"));
    drop(held);
    app.send(login_call("chief", PASSWORD)).await.expect(200);
}

#[tokio::test]
async fn over_long_names_and_passwords_are_refused_before_any_hash() {
    let app = TestApp::new().await;
    let res = app.send(login_call(&"a".repeat(65), "x")).await;
    res.expect(422);
    assert_eq!(res.error_fields(), ["username"]);
    let res = app.send(login_call("chief", &"p".repeat(257))).await;
    res.expect(422);
    assert_eq!(res.error_fields(), ["password"]);
    // A megabyte-long name is not even read.
    let res = app.send(login_call(&"ễ".repeat(400_000), "x")).await;
    res.expect(413);
    assert_eq!(
        app.db
            .int(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'login_failed'",
                &[]
            )
            .await,
        0,
        "nothing was checked, nothing is logged"
    );
    assert_eq!(
        app.db.int("SELECT COUNT(*) FROM login_throttle", &[]).await,
        0
    );
    // 64 and 256 characters are still checked.
    app.send(login_call(&"a".repeat(64), &"p".repeat(256)))
        .await
        .expect(401);
}

#[tokio::test]
async fn twenty_failures_from_one_client_lock_that_client() {
    let app = TestApp::new().await;
    let ip = "203.0.113.9";
    for i in 0..20 {
        app.send(login_call(&format!("guess{i}"), "Wrong@2026").header("x-forwarded-for", ip))
            .await
            .expect(401);
    }
    let res = app
        .send(login_call("chief", PASSWORD).header("x-forwarded-for", ip))
        .await;
    res.expect(429);
    let retry: u64 = res.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=900).contains(&retry), "{retry}");
    // Another client logs in to the same account fine.
    app.send(login_call("chief", PASSWORD).header("x-forwarded-for", "203.0.113.10"))
        .await
        .expect(200);
}

#[tokio::test]
async fn forwarded_for_is_ignored_unless_the_proxy_is_trusted() {
    let app = TestApp::with_config(portal_server::config::Config::default()).await;
    // Without a socket address and without trust, no client limit can apply: 20 failures from
    // "one" forwarded address still leave another account usable.
    for i in 0..20 {
        app.send(login_call(&format!("guess{i}"), "x").header("x-forwarded-for", "203.0.113.9"))
            .await
            .expect(401);
    }
    app.send(login_call("chief", PASSWORD).header("x-forwarded-for", "203.0.113.9"))
        .await
        .expect(200);
}

#[tokio::test]
async fn socket_address_is_the_client_without_a_proxy() {
    use axum::extract::ConnectInfo;
    use std::net::SocketAddr;
    let app = TestApp::with_config(portal_server::config::Config::default()).await;
    let addr: SocketAddr = "192.0.2.1:40000".parse().unwrap();
    for i in 0..20 {
        let mut req = login_call(&format!("guess{i}"), "x").build();
        req.extensions_mut().insert(ConnectInfo(addr));
        app.send_request(req).await.expect(401);
    }
    let mut req = login_call("chief", PASSWORD).build();
    req.extensions_mut().insert(ConnectInfo(addr));
    app.send_request(req).await.expect(429);
}

#[tokio::test]
async fn inactive_user_cannot_log_in_and_loses_every_session() {
    let app = TestApp::new().await;
    let editor_a = app.login("editor").await;
    let editor_b = app.login("editor").await;
    let admin = app.login("admin").await;
    let editor = app.user("editor").clone();
    patch_user(&app, &admin, &editor, json!({ "active": false }))
        .await
        .expect(200);
    app.get("/api/v1/session", Some(&editor_a))
        .await
        .expect(401);
    app.get("/api/v1/session", Some(&editor_b))
        .await
        .expect(401);

    let inactive = app.send(login_call("editor", PASSWORD)).await;
    let wrong = app.send(login_call("nobody", PASSWORD)).await;
    inactive.expect(401);
    assert_eq!(inactive.body, wrong.body);
}

#[tokio::test]
async fn idle_sessions_expire_after_thirty_minutes_and_requests_slide_the_window() {
    let app = TestApp::new().await;
    let cookie = app.login("author").await;
    app.clock.advance(Duration::minutes(29));
    let res = app.get("/api/v1/session", Some(&cookie)).await;
    res.expect(200);
    let info: SessionInfo = serde_json::from_slice(&res.body).unwrap();
    assert_eq!(
        info.idle_expires_at,
        app.clock_now() + Duration::minutes(30)
    );
    app.clock.advance(Duration::minutes(29));
    app.get("/api/v1/workflow", Some(&cookie)).await.expect(200);
    app.clock.advance(Duration::minutes(30));
    app.get("/api/v1/session", Some(&cookie)).await.expect(401);
    // Gone for good, even if time were to go back.
    let left: i64 = app.db.int("SELECT COUNT(*) FROM sessions", &[]).await;
    assert_eq!(left, 0);
}

#[tokio::test]
async fn the_idle_expiry_is_written_at_most_once_a_minute() {
    let app = TestApp::new().await;
    let cookie = app.login("author").await;
    let logged_in = app.clock_now();
    let stored = || async { app.db.texts("SELECT idle_expires_at FROM sessions").await };
    let at_login = stored().await;
    // Within the minute: the request reads the session and writes nothing.
    app.clock.advance(Duration::seconds(59));
    let res = app.get("/api/v1/session", Some(&cookie)).await;
    res.expect(200);
    let info: SessionInfo = serde_json::from_slice(&res.body).unwrap();
    assert_eq!(info.idle_expires_at, logged_in + Duration::minutes(30));
    assert_eq!(stored().await, at_login);
    // A minute on: the window slides, in the answer and in the database.
    app.clock.advance(Duration::seconds(1));
    let res = app.get("/api/v1/session", Some(&cookie)).await;
    let info: SessionInfo = serde_json::from_slice(&res.body).unwrap();
    assert_eq!(
        info.idle_expires_at,
        app.clock_now() + Duration::minutes(30)
    );
    assert_ne!(stored().await, at_login);
    // The session still ends 30 minutes after the last write, not later.
    app.clock.advance(Duration::minutes(30));
    app.get("/api/v1/session", Some(&cookie)).await.expect(401);
}

#[tokio::test]
async fn sessions_end_after_twelve_hours_whatever_the_activity() {
    let app = TestApp::new().await;
    let cookie = app.login("author").await;
    for _ in 0..35 {
        app.clock.advance(Duration::minutes(20));
        app.get("/api/v1/session", Some(&cookie)).await.expect(200);
    }
    // 11 h 40 min: the idle expiry is capped at the absolute one.
    let res = app.get("/api/v1/session", Some(&cookie)).await;
    let info: SessionInfo = serde_json::from_slice(&res.body).unwrap();
    assert_eq!(info.idle_expires_at, info.absolute_expires_at);
    app.clock.advance(Duration::minutes(20));
    app.get("/api/v1/session", Some(&cookie)).await.expect(401);
}

#[tokio::test]
async fn mutations_without_the_csrf_header_are_refused() {
    let app = TestApp::new().await;
    let cookie = app.login("author").await;
    let create = || {
        Call::new(Method::POST, "/api/v1/articles")
            .cookie(Some(&cookie))
            .json(&new_article("Tin"))
            .no_csrf()
    };
    let res = app.send(create()).await;
    res.expect(403);
    res.problem();
    // Login too.
    let res = app.send(login_call("author", PASSWORD).no_csrf()).await;
    res.expect(403);
    res.problem();
    for (header, value, status) in [
        // A foreign Origin does not help; our own does.
        ("origin", "https://evil.example", 403),
        ("origin", "http://localhost", 201),
        // An empty header is not a header.
        ("x-requested-with", "", 403),
    ] {
        app.send(create().header(header, value))
            .await
            .expect_for(status, &format!("{header}: {value:?}"));
    }
}

#[tokio::test]
async fn login_and_logout_are_audited_without_secrets() {
    let app = TestApp::new().await;
    app.send(login_call("editor", "Wrong@2026"))
        .await
        .expect(401);
    let cookie = app.login("editor").await;
    app.send(Call::new(Method::DELETE, "/api/v1/session").cookie(Some(&cookie)))
        .await
        .expect(204);
    let rows = app
        .db
        .texts(
            "SELECT coalesce(CAST(actor_id AS TEXT), '-') || ' ' || actor_name || ' ' || action \
             || ' ' || outcome FROM audit_log ORDER BY id",
        )
        .await;
    let editor_id = app.user("editor").id;
    assert_eq!(
        rows,
        [
            Some("- editor login_failed failure".to_string()),
            Some(format!("{editor_id} editor login success")),
            Some(format!("{editor_id} editor logout success")),
        ]
    );
    let dump = app
        .db
        .texts(
            "SELECT coalesce(actor_name,'') || coalesce(target,'') || coalesce(detail,'') \
             FROM audit_log",
        )
        .await;
    let token = cookie.trim_start_matches("portal_session=");
    for line in dump.into_iter().flatten() {
        assert!(!line.contains("Wrong@2026") && !line.contains(PASSWORD));
        assert!(!line.contains(token));
    }
}

#[tokio::test]
async fn throttled_logins_are_audited_once_per_key_and_window() {
    let app = TestApp::new().await;
    for _ in 0..30 {
        app.send(login_call("chief", "Wrong@2026")).await;
    }
    let details = app
        .db
        .texts("SELECT detail FROM audit_log WHERE action = 'login_failed' ORDER BY id")
        .await;
    assert_eq!(
        details.len(),
        6,
        "five failures and one refusal: {details:?}"
    );
    assert!(details[..5].iter().all(Option::is_none));
    assert!(details[5].as_deref().unwrap().starts_with("throttled"));
    // The next window's first refusal is logged again.
    app.clock.advance(Duration::minutes(15));
    for _ in 0..8 {
        app.send(login_call("chief", "Wrong@2026")).await;
    }
    let throttled = app
        .db
        .int(
            "SELECT COUNT(*) FROM audit_log WHERE detail LIKE 'throttled%'",
            &[],
        )
        .await;
    assert_eq!(throttled, 2);
}

#[tokio::test]
async fn an_office_where_many_sign_in_is_not_throttled_for_it() {
    let app = TestApp::new().await;
    // Thirty right passwords from one address (more than the client's 20 attempts), with a
    // few wrong ones among them: only the wrong ones add up.
    for i in 0..30 {
        let who = ["editor", "secretary", "chief", "author", "director"][i % 5];
        if i % 10 == 0 {
            app.send(login_call(who, "Wrong@2026").header("x-forwarded-for", "203.0.113.60"))
                .await
                .expect(401);
        }
        app.send(login_call(who, PASSWORD).header("x-forwarded-for", "203.0.113.60"))
            .await
            .expect(200);
    }
}
