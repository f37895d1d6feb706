//! Security (issue #7): the response headers, the administrator's view of live sessions, and
//! the audit log's filters and immutability.

use crate::common::*;
use axum::http::Method;
use base64::Engine;
use chrono::{Duration, TimeZone, Utc};
use portal_contract::{ActiveSession, AuditEntry, Page};
use portal_server::config::Config;
use portal_server::store::NewAudit;
use serde_json::json;
use sha2::{Digest, Sha256};

/// An `index.html` shaped like trunk's: the inline module bootstrap with the bundle's hash in it.
fn index_html(bundle: &str, api_base: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n    <meta charset=\"utf-8\">\n    \
         <meta name=\"portal-api-base\" content=\"{api_base}\">\n    <title>Ban Biên tập</title>\n\
         <script type=\"module\">\nimport init, * as bindings from '/{bundle}.js';\n\
         const wasm = await init({{ module_or_path: '/{bundle}_bg.wasm' }});\n</script>\n\
         <link rel=\"modulepreload\" href=\"/{bundle}.js\"></head>\n<body></body>\n</html>\n"
    )
}

fn script_hash(bundle: &str) -> String {
    let text = format!(
        "\nimport init, * as bindings from '/{bundle}.js';\n\
         const wasm = await init({{ module_or_path: '/{bundle}_bg.wasm' }});\n"
    );
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()))
    )
}

/// The directives of a policy, by name.
fn directives(policy: &str) -> std::collections::HashMap<String, Vec<String>> {
    policy
        .split(';')
        .filter_map(|d| {
            let mut words = d.split_whitespace();
            let name = words.next()?.to_string();
            Some((name, words.map(str::to_string).collect()))
        })
        .collect()
}

async fn spa_app(dir: &std::path::Path, config: Config) -> TestApp {
    TestApp::with_config(Config {
        static_dir: Some(dir.to_path_buf()),
        ..config
    })
    .await
}

#[tokio::test]
async fn every_response_carries_a_policy_that_allows_the_built_app_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        index_html("portal-admin-1a2b", "https://api.bhxh.example.vn/api/v1"),
    )
    .unwrap();
    let app = spa_app(dir.path(), Config::default()).await;

    let page = app.get("/", None).await;
    page.expect(200);
    assert!(page
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    let csp = page
        .header("content-security-policy")
        .expect("CSP on the page");
    let d = directives(&csp);
    assert_eq!(d["default-src"], ["'self'"]);
    assert_eq!(
        d["script-src"],
        [
            "'self'".to_string(),
            "'wasm-unsafe-eval'".to_string(),
            script_hash("portal-admin-1a2b")
        ]
    );
    assert_eq!(d["style-src"], ["'self'"]);
    assert_eq!(
        d["connect-src"],
        ["'self'", "https://api.bhxh.example.vn"],
        "the API base of the meta tag is another origin"
    );
    assert_eq!(d["object-src"], ["'none'"]);
    assert_eq!(d["base-uri"], ["'none'"]);
    assert_eq!(d["frame-ancestors"], ["'none'"]);
    assert_eq!(d["form-action"], ["'self'"]);
    for (name, sources) in &d {
        for s in sources {
            assert!(
                !s.contains("unsafe-inline") && s != "'unsafe-eval'" && s != "*",
                "{name} allows {s}"
            );
        }
    }
    assert_eq!(
        page.header("x-content-type-options").as_deref(),
        Some("nosniff")
    );
    assert_eq!(
        page.header("referrer-policy").as_deref(),
        Some("same-origin")
    );
    assert_eq!(page.header("strict-transport-security"), None, "plain HTTP");

    // A client route (index.html by fallback), an API answer, an error: the same policy.
    for res in [
        app.get("/articles/42", None).await,
        app.get("/api/v1/health", None).await,
        app.get("/api/v1/session", None).await,
        app.get("/api/v1/nothing-here", None).await,
    ] {
        assert_eq!(
            res.header("content-security-policy").as_deref(),
            Some(csp.as_str())
        );
        assert_eq!(
            res.header("x-content-type-options").as_deref(),
            Some("nosniff")
        );
    }

    // A new build under the running server: the new bootstrap's hash replaces the old one.
    std::fs::write(
        dir.path().join("index.html"),
        index_html("portal-admin-ffee99887766", "/api/v1"),
    )
    .unwrap();
    let csp = app
        .get("/", None)
        .await
        .header("content-security-policy")
        .unwrap();
    let d = directives(&csp);
    assert_eq!(d["script-src"][2], script_hash("portal-admin-ffee99887766"));
    assert_eq!(d["script-src"].len(), 3, "the old hash is gone");
    assert_eq!(
        d["connect-src"],
        ["'self'"],
        "a relative API base is this origin"
    );
}

#[tokio::test]
async fn hsts_is_sent_over_https_only() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), index_html("b", "/api/v1")).unwrap();
    let app = spa_app(dir.path(), Config::default()).await;
    // A request header does not make a plain-HTTP site send HSTS.
    let claimed = app
        .send(Call::new(Method::GET, "/api/v1/health").header("x-forwarded-proto", "https"))
        .await;
    assert_eq!(claimed.header("strict-transport-security"), None);
    let secure = spa_app(
        dir.path(),
        Config {
            secure_cookies: true,
            ..Config::default()
        },
    )
    .await;
    assert_eq!(
        secure
            .get("/", None)
            .await
            .header("strict-transport-security")
            .as_deref(),
        Some("max-age=31536000")
    );
}

async fn sessions(app: &TestApp, cookie: &str) -> Page<ActiveSession> {
    let res = app.get("/api/v1/sessions?per_page=200", Some(cookie)).await;
    res.expect(200);
    serde_json::from_slice(&res.body).unwrap()
}

#[tokio::test]
async fn the_admin_sees_live_sessions_without_secrets_and_ends_one() {
    let app = TestApp::new().await;
    let editor_a = app.login("editor").await;
    app.clock.advance(Duration::minutes(5));
    let editor_b = app.login("editor").await;
    let author = app.login("author").await;
    app.clock.advance(Duration::minutes(10));
    let admin = app.login("admin").await;
    app.get("/api/v1/session", Some(&editor_b))
        .await
        .expect(200);

    let res = app.get("/api/v1/sessions", Some(&admin)).await;
    res.expect(200);
    let body = String::from_utf8_lossy(&res.body).to_string();
    for cookie in [&editor_a, &editor_b, &author, &admin] {
        let token = cookie.split_once('=').unwrap().1;
        assert!(!body.contains(token), "a token leaked");
        assert!(
            !body.contains(&portal_server::auth::token_hash(token)),
            "a token hash leaked"
        );
    }
    let raw: serde_json::Value = serde_json::from_str(&body).unwrap();
    for item in raw["items"].as_array().unwrap() {
        let mut keys: Vec<&str> = item
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "absolute_expires_at",
                "created_at",
                "current",
                "full_name",
                "id",
                "idle_expires_at",
                "user_id",
                "username"
            ],
            "who and when only: no token, hash or address"
        );
    }
    let list: Page<ActiveSession> = serde_json::from_str(&body).unwrap();
    assert_eq!(list.total, 4);
    let who: Vec<(&str, bool)> = list
        .items
        .iter()
        .map(|s| (s.username.as_str(), s.current))
        .collect();
    // Most recently active first: the admin (logged in last), editor B (just asked), then the
    // author and editor A.
    assert_eq!(
        who,
        [
            ("admin", true),
            ("editor", false),
            ("author", false),
            ("editor", false)
        ]
    );
    let editor = app.user("editor");
    let b = &list.items[1];
    assert_eq!(b.user_id, editor.id);
    assert_eq!(b.full_name, editor.full_name);
    assert_eq!(b.created_at, app.clock_now() - Duration::minutes(10));
    assert_eq!(b.idle_expires_at, app.clock_now() + Duration::minutes(30));
    assert_eq!(b.absolute_expires_at, b.created_at + Duration::hours(12));

    // Ending editor B's session signs B out at once and only B.
    let res = app
        .send(Call::new(Method::DELETE, &format!("/api/v1/sessions/{}", b.id)).cookie(Some(&admin)))
        .await;
    res.expect(204);
    assert_eq!(
        res.header("set-cookie"),
        None,
        "not the admin's own session"
    );
    app.get("/api/v1/session", Some(&editor_b))
        .await
        .expect(401);
    app.get("/api/v1/session", Some(&editor_a))
        .await
        .expect(200);
    assert_eq!(sessions(&app, &admin).await.total, 3);

    let audit: Page<AuditEntry> = serde_json::from_slice(
        &app.get("/api/v1/audit?action=session.end", Some(&admin))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(audit.total, 1);
    let line = &audit.items[0];
    assert_eq!(line.actor_name, "admin");
    assert_eq!(
        line.target.as_deref(),
        Some(format!("user:{}", editor.id).as_str())
    );
    assert_eq!(
        line.detail.as_deref(),
        Some(format!("session: {}", b.id).as_str())
    );
    assert_eq!(line.outcome, "success");

    // Again: gone (no second audit line); a bad number; no such number.
    let again = app
        .send(Call::new(Method::DELETE, &format!("/api/v1/sessions/{}", b.id)).cookie(Some(&admin)))
        .await;
    again.expect(404);
    assert!(again.problem().detail.unwrap().contains("phiên"));
    for bad in ["abc", "0", "-3", "99999999999999999999"] {
        app.send(
            Call::new(Method::DELETE, &format!("/api/v1/sessions/{bad}")).cookie(Some(&admin)),
        )
        .await
        .expect(400)
        .problem();
    }
    app.get("/api/v1/sessions?per_page=201", Some(&admin))
        .await
        .expect(400);
    app.get("/api/v1/sessions?ip=1", Some(&admin))
        .await
        .expect(400);
    let ended: i64 = app
        .db
        .int(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'session.end'",
            &[],
        )
        .await;
    assert_eq!(ended, 1);

    // Only the administrator.
    let chief = app.login("chief").await;
    app.get("/api/v1/sessions", Some(&chief))
        .await
        .expect(403)
        .problem();
    app.send(Call::new(Method::DELETE, "/api/v1/sessions/1").cookie(Some(&chief)))
        .await
        .expect(403);
    app.get("/api/v1/sessions", None).await.expect(401);

    // The administrator ending their own session is signed out, cookie cleared.
    let own = sessions(&app, &admin)
        .await
        .items
        .into_iter()
        .find(|s| s.current)
        .unwrap();
    let res = app
        .send(
            Call::new(Method::DELETE, &format!("/api/v1/sessions/{}", own.id)).cookie(Some(&admin)),
        )
        .await;
    res.expect(204);
    assert!(res.header("set-cookie").unwrap().contains("Max-Age=0"));
    app.get("/api/v1/session", Some(&admin)).await.expect(401);

    // Sessions past their idle expiry are not live any more.
    app.clock.advance(Duration::minutes(31));
    let admin = app.login("admin").await;
    let live = sessions(&app, &admin).await;
    assert_eq!(live.total, 1);
    assert!(live.items[0].current);
}

#[tokio::test]
async fn a_disabled_user_disappears_from_the_sessions_at_once() {
    let app = TestApp::new().await;
    let a = app.login("secretary").await;
    let b = app.login("secretary").await;
    let admin = app.login("admin").await;
    assert_eq!(sessions(&app, &admin).await.total, 3);
    let secretary = app.user("secretary").clone();
    patch_user(&app, &admin, &secretary, json!({ "active": false }))
        .await
        .expect(200);
    app.get("/api/v1/session", Some(&a)).await.expect(401);
    app.get("/api/v1/session", Some(&b)).await.expect(401);
    let left = sessions(&app, &admin).await;
    assert_eq!(left.total, 1);
    assert_eq!(left.items[0].username, "admin");
}

#[tokio::test]
async fn changing_ones_own_password_ends_the_other_sessions_only() {
    let app = TestApp::new().await;
    let here = app.login("admin").await;
    let elsewhere = app.login("admin").await;
    let editor = app.login("editor").await;
    let me = app.user("admin").clone();
    patch_user(
        &app,
        &here,
        &me,
        json!({ "password": "Moi@2026x mạnh hơn" }),
    )
    .await
    .expect(200);
    app.get("/api/v1/session", Some(&here)).await.expect(200);
    app.get("/api/v1/session", Some(&elsewhere))
        .await
        .expect(401);
    app.get("/api/v1/session", Some(&editor)).await.expect(200);
    // A change without a password ends nothing.
    let again = app.login_with("admin", "Moi@2026x mạnh hơn").await;
    patch_json(
        &app,
        &here,
        &format!("/api/v1/users/{}", me.id),
        me.version + 1,
        json!({ "full_name": "Quản trị viên" }),
    )
    .await
    .expect(200);
    app.get("/api/v1/session", Some(&again)).await.expect(200);
}

/// Appends an audit line at `at` straight into the store.
async fn line(
    app: &TestApp,
    at: chrono::DateTime<Utc>,
    actor: &str,
    action: &str,
    target: &str,
    ok: bool,
) {
    app.store
        .append_audit(NewAudit {
            at,
            actor_id: None,
            actor_name: actor.to_string(),
            action: action.to_string(),
            target: Some(target.to_string()),
            outcome: if ok { "success" } else { "failure" }.to_string(),
            detail: None,
        })
        .await
        .unwrap();
}

async fn audit_ids(app: &TestApp, cookie: &str, query: &str) -> Vec<(String, String)> {
    let res = app
        .get(&format!("/api/v1/audit?{query}"), Some(cookie))
        .await;
    res.expect(200);
    let page: Page<AuditEntry> = serde_json::from_slice(&res.body).unwrap();
    page.items
        .into_iter()
        .filter(|e| e.action != "login")
        .map(|e| (e.actor_name, e.action))
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[tokio::test]
async fn the_audit_log_filters_by_actor_action_outcome_target_and_vietnam_days() {
    let app = TestApp::new().await;
    // 16:59:59 UTC is 23:59:59 in Hà Nội; 17:00 UTC is midnight of the next day there.
    let t = |d, h, m, s| Utc.with_ymd_and_hms(2026, 3, d, h, m, s).unwrap();
    for (at, actor, action, target, ok) in [
        (
            t(1, 16, 59, 59),
            "nguyen.van.a",
            "user.create",
            "user:7",
            true,
        ),
        (
            t(1, 17, 0, 0),
            "nguyen.van.a",
            "user.update",
            "user:7",
            true,
        ),
        (
            t(2, 3, 0, 0),
            "tran.thi.b",
            "article.update",
            "article:12",
            true,
        ),
        (t(3, 16, 0, 0), "ke_gian", "login_failed", "user:1", false),
        (
            t(3, 17, 30, 0),
            "tran.thi.b",
            "users.export",
            "user:70",
            true,
        ),
    ] {
        line(&app, at, actor, action, target, ok).await;
    }
    let admin = app.login("admin").await;

    let a_create = ("nguyen.van.a", "user.create");
    let a_update = ("nguyen.van.a", "user.update");
    let b_article = ("tran.thi.b", "article.update");
    let all_filters =
        "actor=tran&action=article&outcome=success&target=article:12&from=2026-03-01&to=2026-03-31";
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("actor=VAN.A", &[a_update, a_create]),
        // `user` is the actions under `user.`, not `users.export`.
        ("action=user", &[a_update, a_create]),
        ("action=user.create", &[a_create]),
        ("outcome=failure", &[("ke_gian", "login_failed")]),
        ("target=user:7", &[a_update, a_create]),
        ("target=article", &[b_article]),
        // Days in Asia/Ho_Chi_Minh, both ends included.
        ("from=2026-03-02&to=2026-03-02", &[b_article, a_update]),
        ("to=2026-03-01", &[a_create]),
        (
            "from=2026-03-04&to=2026-03-04",
            &[("tran.thi.b", "users.export")],
        ),
        // Every filter at once.
        (all_filters, &[b_article]),
    ];
    for &(query, want) in cases {
        assert_eq!(audit_ids(&app, &admin, query).await, pairs(want), "{query}");
    }
    // LIKE wildcards are literal characters.
    assert!(audit_ids(&app, &admin, "actor=%25").await.is_empty());
    assert_eq!(
        audit_ids(&app, &admin, "actor=_").await,
        pairs(&[("ke_gian", "login_failed")])
    );

    // Pagination with filters: total counts the filtered lines.
    let res = app
        .get("/api/v1/audit?target=user&per_page=2&page=2", Some(&admin))
        .await;
    let page: Page<AuditEntry> = serde_json::from_slice(&res.expect(200).body).unwrap();
    assert!(
        page.total >= 5,
        "four target=user lines and the admin's login"
    );
    assert_eq!(page.items.len(), 2);
    assert_eq!((page.page, page.per_page), (2, 2));
}

#[tokio::test]
async fn bad_audit_filters_are_400_problems_naming_each_parameter() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let long = "a".repeat(101);
    for (query, fields) in [
        ("outcome=maybe", vec!["outcome"]),
        ("from=2026-13-01", vec!["from"]),
        ("from=01/03/2026", vec!["from"]),
        ("to=2026-3-1", vec!["to"]),
        ("from=2026-03-05&to=2026-03-04", vec!["to"]),
        (&*format!("actor={long}"), vec!["actor"]),
        ("target=a%0Ab", vec!["target"]),
        ("page=0&per_page=100000", vec!["page", "per_page"]),
        ("actor=a&actor=b", vec!["actor"]),
        ("sort=at", vec!["sort"]),
    ] {
        let res = app
            .get(&format!("/api/v1/audit?{query}"), Some(&admin))
            .await;
        res.expect(400);
        let mut got = res.error_fields();
        got.sort();
        got.dedup();
        assert_eq!(got, fields, "{query}");
        assert!(res.problem().errors.iter().all(|e| !e.message.is_empty()));
    }
    let chief = app.login("chief").await;
    app.get("/api/v1/audit?outcome=failure", Some(&chief))
        .await
        .expect(403);
}

#[tokio::test]
async fn no_route_changes_or_deletes_audit_lines() {
    let app = TestApp::new().await;
    let admin = app.login("admin").await;
    let count = || async { app.db.int("SELECT COUNT(*) FROM audit_log", &[]).await };
    let before = count().await;
    let first: i64 = app.db.int("SELECT MIN(id) FROM audit_log", &[]).await;
    let snapshot = || async {
        app.db
            .texts(
                "SELECT CAST(id AS TEXT) || ' ' || at || ' ' || action || ' ' || outcome \
                 FROM audit_log ORDER BY id",
            )
            .await
    };
    let lines = snapshot().await;
    for method in [Method::POST, Method::PUT, Method::PATCH, Method::DELETE] {
        let res = app
            .send(
                Call::new(method.clone(), "/api/v1/audit")
                    .cookie(Some(&admin))
                    .json(&json!({ "outcome": "success" })),
            )
            .await;
        res.expect(405);
        assert_eq!(res.problem().status, 405);
        let allow = res.header("allow").unwrap();
        assert!(
            allow.contains("GET") && !allow.contains(method.as_str()),
            "{allow}"
        );
        for path in [
            format!("/api/v1/audit/{first}"),
            "/api/v1/audit/anything".to_string(),
            "/api/v1/audit/1/2".to_string(),
        ] {
            let res = app
                .send(
                    Call::new(method.clone(), &path)
                        .cookie(Some(&admin))
                        .json(&json!({ "outcome": "failure" })),
                )
                .await;
            res.expect(404).problem();
        }
    }
    app.get(&format!("/api/v1/audit/{first}"), Some(&admin))
        .await
        .expect(404);
    assert_eq!(count().await, before);
    assert_eq!(snapshot().await, lines, "every line as it was");
}

/// The storage interface offers appending and reading audit lines and nothing else: no method
/// of any store trait updates or deletes one.
#[test]
fn no_store_method_changes_or_deletes_audit_lines() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    // Every store: the shared `db/` and `store/` folders, and each feature's `store.rs` (its SQL)
    // with its `sqlite.rs` / `postgres.rs`.
    fn walk(dir: &std::path::Path, files: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, files);
            } else {
                files.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(&src, &mut files);
    files.retain(|f| {
        let under = |d: &str| f.parent().is_some_and(|p| p.ends_with(d));
        under("db")
            || under("store")
            || ["store.rs", "sqlite.rs", "postgres.rs"]
                .iter()
                .any(|n| f.file_name().is_some_and(|f| f == *n))
    });
    assert!(files.iter().any(|f| f.ends_with("db/postgres.rs")));
    let mut audit_methods = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        for l in text.lines() {
            let l = l.trim();
            let l = l
                .strip_prefix("pub(crate) ")
                .or_else(|| l.strip_prefix("pub "))
                .unwrap_or(l);
            if let Some(rest) = l
                .strip_prefix("async fn ")
                .or_else(|| l.strip_prefix("fn "))
            {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if name.contains("audit") {
                    audit_methods.push(name);
                }
            }
        }
        // No SQL statement of the stores touches the log but to insert into it or read it.
        let lower = text.to_ascii_lowercase();
        for bad in [
            "update audit_log",
            "delete from audit_log",
            "drop table audit_log",
        ] {
            assert!(!lower.contains(bad), "{} has {bad}", path.display());
        }
    }
    audit_methods.sort();
    audit_methods.dedup();
    assert_eq!(
        audit_methods,
        [
            "append_audit",
            "insert_audit",
            "list_audit",
            "push_audit_filters"
        ]
    );
}

#[tokio::test]
async fn any_user_changes_their_own_password_and_keeps_only_this_session() {
    let app = TestApp::new().await;
    let here = app.login("author").await;
    let laptop = app.login("author").await;
    let editor = app.login("editor").await;
    let change = |cookie: &str, current: &str, new: &str| {
        Call::new(Method::PUT, "/api/v1/session/password")
            .cookie(Some(cookie))
            .json(&json!({ "current_password": current, "new_password": new }))
    };

    // A wrong current password: 422 on that field, nothing changed, audited as a failure.
    let res = app
        .send(change(&here, "khong-dung-1", "MatKhauMoi2026"))
        .await;
    res.expect(422);
    assert_eq!(res.error_fields(), ["current_password"]);
    assert_eq!(
        res.problem().errors[0].message,
        "Mật khẩu hiện tại không đúng."
    );
    app.get("/api/v1/session", Some(&laptop)).await.expect(200);
    // A weak new password.
    let res = app.send(change(&here, PASSWORD, "ngan")).await;
    res.expect(422);
    assert_eq!(res.error_fields(), ["new_password"]);
    // Shape and media type.
    app.send(
        Call::new(Method::PUT, "/api/v1/session/password")
            .cookie(Some(&here))
            .json(&json!({ "new_password": "MatKhauMoi2026" })),
    )
    .await
    .expect(422);
    app.send(
        Call::new(Method::PUT, "/api/v1/session/password")
            .cookie(Some(&here))
            .raw(Some("text/plain"), b"x".to_vec()),
    )
    .await
    .expect(415);
    app.send(change(
        "portal_session=00000000000000000000000000000000",
        PASSWORD,
        "MatKhauMoi2026",
    ))
    .await
    .expect(401);

    // The change: this session stays, the author's other one ends, nobody else's does.
    app.send(change(&here, PASSWORD, "MatKhauMoi2026"))
        .await
        .expect(204);
    app.get("/api/v1/session", Some(&here)).await.expect(200);
    app.get("/api/v1/session", Some(&laptop)).await.expect(401);
    app.get("/api/v1/session", Some(&editor)).await.expect(200);
    app.login_with("author", "MatKhauMoi2026").await;
    app.send(
        Call::new(Method::POST, "/api/v1/session")
            .json(&json!({ "username": "author", "password": PASSWORD })),
    )
    .await
    .expect(401);

    let admin = app.login("admin").await;
    let res = app
        .get("/api/v1/audit?action=user.password_change", Some(&admin))
        .await;
    let page: Page<AuditEntry> = serde_json::from_slice(&res.expect(200).body).unwrap();
    let lines: Vec<(&str, &str)> = page
        .items
        .iter()
        .map(|e| (e.outcome.as_str(), e.actor_name.as_str()))
        .collect();
    assert_eq!(lines, [("success", "author"), ("failure", "author")]);
    let target = format!("user:{}", app.user("author").id);
    assert!(page
        .items
        .iter()
        .all(|e| e.target.as_deref() == Some(target.as_str())));
    // Neither password is in the log.
    let all = app
        .db
        .texts("SELECT COALESCE(detail, '') FROM audit_log")
        .await;
    assert!(all
        .iter()
        .flatten()
        .all(|d| !d.contains("MatKhauMoi2026") && !d.contains(PASSWORD)));
}

#[tokio::test]
async fn guessing_the_current_password_is_throttled() {
    let app = TestApp::new().await;
    let cookie = app.login("editor").await;
    for i in 0..5 {
        app.send(
            Call::new(Method::PUT, "/api/v1/session/password")
                .cookie(Some(&cookie))
                .json(&json!({ "current_password": format!("doan{i}sai"), "new_password": "MatKhauMoi2026" })),
        )
        .await
        .expect(422);
    }
    let res = app
        .send(
            Call::new(Method::PUT, "/api/v1/session/password")
                .cookie(Some(&cookie))
                .json(&json!({ "current_password": PASSWORD, "new_password": "MatKhauMoi2026" })),
        )
        .await;
    res.expect(429);
    assert!(res.header("retry-after").is_some());
    assert!(res.problem().detail.unwrap().contains("phút"));
}
