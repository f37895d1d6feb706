//! The role × endpoint matrix: every demo role (and no session) against every endpoint and
//! method, each cell asserted.

use crate::common::*;
use axum::http::Method;
use portal_contract::fraud::FraudState;
use portal_contract::Stage;
use portal_server::media::storage::StoredName;
use serde_json::json;

/// Who asks: one of the nine roles, or nobody.
const WHO: [&str; 10] = [
    "anonymous",
    "author",
    "editor",
    "secretary",
    "chief",
    "director",
    "admin",
    "local_office",
    "it_centre",
    "communication_centre",
];

/// One row: what to call and the status each of [`WHO`] gets, in order.
struct Row {
    name: &'static str,
    expect: [u16; 10],
}

const ROWS: &[Row] = &[
    Row {
        name: "GET /health",
        expect: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    },
    Row {
        name: "POST /session",
        expect: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    },
    Row {
        name: "GET /session",
        expect: [401, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    },
    Row {
        name: "DELETE /session",
        expect: [204, 204, 204, 204, 204, 204, 204, 204, 204, 204],
    },
    Row {
        name: "GET /workflow",
        expect: [401, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    },
    Row {
        name: "GET /users",
        expect: [401, 403, 403, 403, 403, 403, 200, 403, 403, 403],
    },
    Row {
        name: "POST /users",
        expect: [401, 403, 403, 403, 403, 403, 201, 403, 403, 403],
    },
    Row {
        name: "GET /users/{id}",
        expect: [401, 403, 403, 403, 403, 403, 200, 403, 403, 403],
    },
    Row {
        name: "PATCH /users/{id}",
        expect: [401, 403, 403, 403, 403, 403, 200, 403, 403, 403],
    },
    Row {
        name: "GET /articles",
        expect: [401, 200, 200, 200, 200, 200, 403, 403, 403, 200],
    },
    Row {
        name: "POST /articles",
        expect: [401, 201, 201, 201, 201, 403, 403, 403, 403, 201],
    },
    Row {
        name: "GET /articles/{own}",
        expect: [401, 200, 200, 200, 200, 200, 403, 403, 403, 403],
    },
    Row {
        name: "GET /articles/{other}",
        expect: [401, 403, 200, 200, 200, 200, 403, 403, 403, 403],
    },
    Row {
        name: "PATCH /articles/{own draft}",
        expect: [401, 200, 200, 200, 200, 403, 403, 403, 403, 403],
    },
    Row {
        name: "PATCH /articles/{other draft}",
        expect: [401, 403, 200, 200, 200, 403, 403, 403, 403, 403],
    },
    Row {
        name: "PATCH /articles/{own published}",
        expect: [401, 403, 200, 200, 200, 403, 403, 403, 403, 403],
    },
    Row {
        name: "POST /articles/{own}/transitions submit",
        expect: [401, 200, 200, 403, 403, 403, 403, 403, 403, 403],
    },
    Row {
        name: "POST /articles/{approved}/transitions publish",
        expect: [401, 403, 403, 200, 200, 403, 403, 403, 403, 403],
    },
    Row {
        name: "GET /articles/{own}/history",
        expect: [401, 200, 200, 200, 200, 200, 403, 403, 403, 403],
    },
    Row {
        name: "GET /articles/{other}/history",
        expect: [401, 403, 200, 200, 200, 200, 403, 403, 403, 403],
    },
    Row {
        name: "GET /articles/{own}/versions/1",
        expect: [401, 200, 200, 200, 200, 200, 403, 403, 403, 403],
    },
    Row {
        name: "GET /articles/{other}/versions/1",
        expect: [401, 403, 200, 200, 200, 200, 403, 403, 403, 403],
    },
    Row {
        name: "GET /articles/{own}/comments",
        expect: [401, 200, 200, 200, 200, 200, 403, 403, 403, 403],
    },
    Row {
        name: "POST /articles/{own}/comments",
        expect: [401, 201, 201, 201, 201, 201, 403, 403, 403, 403],
    },
    Row {
        name: "POST /articles/{other}/comments",
        expect: [401, 403, 201, 201, 201, 201, 403, 403, 403, 403],
    },
    Row {
        name: "GET /board",
        expect: [401, 200, 200, 200, 200, 200, 403, 403, 403, 200],
    },
    Row {
        name: "GET /changes",
        expect: [401, 200, 200, 200, 200, 200, 403, 403, 403, 200],
    },
    Row {
        name: "GET /public/articles",
        expect: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    },
    Row {
        name: "GET /public/articles/{published}",
        expect: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    },
    Row {
        name: "GET /public/articles/{draft}",
        expect: [404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
    },
    Row {
        name: "GET /public/search",
        expect: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    },
    Row {
        name: "GET /audit",
        expect: [401, 403, 403, 403, 403, 403, 200, 403, 403, 403],
    },
    // Security (issue #7).
    Row {
        name: "GET /audit filtered",
        expect: [401, 403, 403, 403, 403, 403, 200, 403, 403, 403],
    },
    Row {
        name: "PUT /session/password wrong current",
        expect: [401, 422, 422, 422, 422, 422, 422, 422, 422, 422],
    },
    Row {
        name: "GET /sessions",
        expect: [401, 403, 403, 403, 403, 403, 200, 403, 403, 403],
    },
    Row {
        name: "DELETE /sessions/{another}",
        expect: [401, 403, 403, 403, 403, 403, 204, 403, 403, 403],
    },
    // Fraud reports (Official Dispatch 1466).
    Row {
        name: "GET /fraud-reports",
        expect: [401, 403, 403, 200, 200, 200, 403, 200, 200, 200],
    },
    Row {
        name: "POST /fraud-reports",
        expect: [401, 403, 403, 403, 403, 403, 403, 201, 201, 403],
    },
    Row {
        name: "GET /fraud-reports/{own}",
        expect: [401, 403, 403, 200, 200, 200, 403, 200, 200, 200],
    },
    Row {
        name: "GET /fraud-reports/{other office}",
        expect: [401, 403, 403, 200, 200, 200, 403, 403, 200, 200],
    },
    Row {
        name: "POST /fraud-reports/{new}/transitions verify",
        expect: [401, 403, 403, 403, 403, 403, 403, 403, 200, 403],
    },
    Row {
        name: "POST /fraud-reports/{verified}/transitions communicate",
        expect: [401, 403, 403, 403, 403, 403, 403, 403, 403, 200],
    },
    Row {
        name: "POST /fraud-reports/{verified}/warning-article",
        expect: [401, 403, 403, 403, 403, 403, 403, 403, 403, 201],
    },
    // The media library: authors and above upload and change their own, editors and above
    // anyone's, the director reads.
    Row {
        name: "GET /media",
        expect: [401, 200, 200, 200, 200, 200, 403, 403, 403, 403],
    },
    Row {
        name: "POST /media",
        expect: [401, 201, 201, 201, 201, 403, 403, 403, 403, 403],
    },
    Row {
        name: "GET /media/{id}",
        expect: [401, 200, 200, 200, 200, 200, 403, 403, 403, 403],
    },
    Row {
        name: "PATCH /media/{own}",
        expect: [401, 200, 200, 200, 200, 403, 403, 403, 403, 403],
    },
    Row {
        name: "PATCH /media/{other}",
        expect: [401, 403, 200, 200, 200, 403, 403, 403, 403, 403],
    },
    Row {
        name: "PUT /media/{own}/file",
        expect: [401, 200, 200, 200, 200, 403, 403, 403, 403, 403],
    },
    Row {
        name: "DELETE /media/{own}",
        expect: [401, 204, 204, 204, 204, 403, 403, 403, 403, 403],
    },
    Row {
        name: "DELETE /media/{other}",
        expect: [401, 403, 204, 204, 204, 403, 403, 403, 403, 403],
    },
    Row {
        name: "GET /media-files/{name}",
        expect: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    },
    // Banners: editors and above manage, the director reads, the portal reads today's.
    Row {
        name: "GET /banners",
        expect: [401, 403, 200, 200, 200, 200, 403, 403, 403, 403],
    },
    Row {
        name: "POST /banners",
        expect: [401, 403, 201, 201, 201, 403, 403, 403, 403, 403],
    },
    Row {
        name: "GET /banners/{id}",
        expect: [401, 403, 200, 200, 200, 200, 403, 403, 403, 403],
    },
    Row {
        name: "PATCH /banners/{id}",
        expect: [401, 403, 200, 200, 200, 403, 403, 403, 403, 403],
    },
    Row {
        name: "DELETE /banners/{id}",
        expect: [401, 403, 204, 204, 204, 403, 403, 403, 403, 403],
    },
    Row {
        name: "GET /public/banners",
        expect: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    },
];

async fn call(app: &TestApp, row: &str, who: &str, cookie: Option<&str>, n: usize) -> Resp {
    // Fresh fixtures per cell, so no cell depends on another.
    let own = app.article_at(Stage::Draft, "author").await;
    let other = app.article_at(Stage::Draft, "editor").await;
    let own_published = app.article_at(Stage::Published, "author").await;
    let approved = app.article_at(Stage::Approved, "author").await;
    let target_user = app.user("director").clone();
    let a = |id: i64| format!("/api/v1/articles/{id}");
    let c = |m: Method, p: &str| Call::new(m, p).cookie(cookie);
    // Giving roles needs the session's password confirmed (any signed-in user may confirm;
    // the permission is checked after).
    if row == "POST /users" {
        if let Some(ck) = cookie {
            app.send(
                Call::new(Method::POST, "/api/v1/session/reauthenticate")
                    .cookie(Some(ck))
                    .json(&json!({ "password": PASSWORD })),
            )
            .await;
        }
    }
    let call = match row {
        "GET /health" => c(Method::GET, "/api/v1/health"),
        "POST /session" => Call::new(Method::POST, "/api/v1/session").json(&json!({
            "username": if who == "anonymous" { "author" } else { who },
            "password": PASSWORD,
        })),
        "GET /session" => c(Method::GET, "/api/v1/session"),
        "DELETE /session" => c(Method::DELETE, "/api/v1/session"),
        "GET /workflow" => c(Method::GET, "/api/v1/workflow"),
        "GET /users" => c(Method::GET, "/api/v1/users"),
        "POST /users" => c(Method::POST, "/api/v1/users").json(&json!({
            "username": format!("user{n}"),
            "full_name": "Người mới",
            "roles": ["author"],
            "password": "Abcdef12 mới hơn",
        })),
        "GET /users/{id}" => c(Method::GET, &format!("/api/v1/users/{}", target_user.id)),
        "PATCH /users/{id}" => {
            // Read the current version first: earlier admin cells changed it.
            let current = app.store.user(target_user.id).await.unwrap().unwrap();
            c(Method::PATCH, &format!("/api/v1/users/{}", target_user.id))
                .if_match(current.version)
                .json(&json!({ "full_name": format!("Giám đốc {n}") }))
        }
        "GET /articles" => c(Method::GET, "/api/v1/articles"),
        "POST /articles" => c(Method::POST, "/api/v1/articles").json(&new_article("Tin mới")),
        "GET /articles/{own}" => c(Method::GET, &a(own.id)),
        "GET /articles/{other}" => c(Method::GET, &a(other.id)),
        "PATCH /articles/{own draft}" => c(Method::PATCH, &a(own.id))
            .if_match(own.version)
            .json(&json!({ "lead": "Sapo mới" })),
        "PATCH /articles/{other draft}" => c(Method::PATCH, &a(other.id))
            .if_match(other.version)
            .json(&json!({ "lead": "Sapo mới" })),
        "PATCH /articles/{own published}" => c(Method::PATCH, &a(own_published.id))
            .if_match(own_published.version)
            .json(&json!({ "lead": "Sapo mới" })),
        "POST /articles/{own}/transitions submit" => {
            c(Method::POST, &format!("{}/transitions", a(own.id)))
                .if_match(own.version)
                .json(&json!({ "to": "editing" }))
        }
        "POST /articles/{approved}/transitions publish" => {
            c(Method::POST, &format!("{}/transitions", a(approved.id)))
                .if_match(approved.version)
                .json(&json!({ "to": "published" }))
        }
        "GET /articles/{own}/history" => c(Method::GET, &format!("{}/history", a(own.id))),
        "GET /articles/{other}/history" => c(Method::GET, &format!("{}/history", a(other.id))),
        "GET /articles/{own}/versions/1" => c(Method::GET, &format!("{}/versions/1", a(own.id))),
        "GET /articles/{other}/versions/1" => {
            c(Method::GET, &format!("{}/versions/1", a(other.id)))
        }
        "GET /articles/{own}/comments" => c(Method::GET, &format!("{}/comments", a(own.id))),
        "POST /articles/{own}/comments" => {
            c(Method::POST, &format!("{}/comments", a(own.id))).json(&json!({ "text": "Ý kiến" }))
        }
        "POST /articles/{other}/comments" => {
            c(Method::POST, &format!("{}/comments", a(other.id))).json(&json!({ "text": "Ý kiến" }))
        }
        "GET /board" => c(Method::GET, "/api/v1/board"),
        "GET /changes" => c(Method::GET, "/api/v1/changes?since=v1.0"),
        "GET /public/articles" => c(Method::GET, "/api/v1/public/articles"),
        "GET /public/articles/{published}" => c(
            Method::GET,
            &format!("/api/v1/public/articles/{}", own_published.id),
        ),
        "GET /public/articles/{draft}" => {
            c(Method::GET, &format!("/api/v1/public/articles/{}", own.id))
        }
        "GET /public/search" => c(Method::GET, "/api/v1/public/search?q=bao%20hiem"),
        "GET /audit" => c(Method::GET, "/api/v1/audit"),
        "GET /audit filtered" => c(
            Method::GET,
            "/api/v1/audit?actor=a&action=login&outcome=success&target=user&from=2026-01-01&to=2026-12-31",
        ),
        "PUT /session/password wrong current" => c(Method::PUT, "/api/v1/session/password")
            .json(&json!({ "current_password": "khong-dung-1", "new_password": "MatKhauMoi2026" })),
        "GET /sessions" => c(Method::GET, "/api/v1/sessions"),
        "DELETE /sessions/{another}" => {
            // A fresh session of someone else, so the rows after this one keep theirs.
            app.login("director").await;
            let id: i64 = app.db.int("SELECT MAX(id) FROM sessions", &[]).await;
            c(Method::DELETE, &format!("/api/v1/sessions/{id}"))
        }
        // Fraud reports (Official Dispatch 1466).
        "GET /fraud-reports" => c(Method::GET, "/api/v1/fraud-reports"),
        "POST /fraud-reports" => {
            c(Method::POST, "/api/v1/fraud-reports").json(&crate::fraud::new_report())
        }
        "GET /fraud-reports/{own}" => {
            let r = crate::fraud::report_at(app, FraudState::New, "local_office").await;
            c(Method::GET, &format!("/api/v1/fraud-reports/{}", r.id))
        }
        "GET /fraud-reports/{other office}" => {
            let r = crate::fraud::report_at(app, FraudState::New, "it_centre").await;
            c(Method::GET, &format!("/api/v1/fraud-reports/{}", r.id))
        }
        "POST /fraud-reports/{new}/transitions verify" => {
            let r = crate::fraud::report_at(app, FraudState::New, "local_office").await;
            c(
                Method::POST,
                &format!("/api/v1/fraud-reports/{}/transitions", r.id),
            )
            .if_match(r.version)
            .json(&json!({ "action": "verify" }))
        }
        "POST /fraud-reports/{verified}/transitions communicate" => {
            let r = crate::fraud::report_at(app, FraudState::Verified, "local_office").await;
            c(
                Method::POST,
                &format!("/api/v1/fraud-reports/{}/transitions", r.id),
            )
            .if_match(r.version)
            .json(&json!({ "action": "communicate" }))
        }
        "POST /fraud-reports/{verified}/warning-article" => {
            let r = crate::fraud::report_at(app, FraudState::Verified, "local_office").await;
            c(
                Method::POST,
                &format!("/api/v1/fraud-reports/{}/warning-article", r.id),
            )
            .if_match(r.version)
        }
        // The media library.
        "GET /media" => c(Method::GET, "/api/v1/media?q=anh&kind=image"),
        "POST /media" => {
            let (ct, body) = crate::media::multipart(&[crate::media::file_part(
                "anh.png",
                &crate::media::png(12, 8, n as u32),
            )]);
            c(Method::POST, "/api/v1/media").raw(Some(&ct), body)
        }
        "GET /media/{id}" => {
            let id = crate::media::stored_item(app, "editor", n as u32).await;
            c(Method::GET, &format!("/api/v1/media/{id}"))
        }
        "PATCH /media/{own}" | "PATCH /media/{other}" | "DELETE /media/{own}"
        | "DELETE /media/{other}" | "PUT /media/{own}/file" => {
            // "own": uploaded by the caller (by the author for nobody and for those who may
            // not upload); "other": by the secretary, or the editor for the secretary.
            let uploader = if row.contains("{other}") {
                if who == "secretary" { "editor" } else { "secretary" }
            } else if ["author", "editor", "secretary", "chief"].contains(&who) {
                who
            } else {
                "author"
            };
            let id = crate::media::stored_item(app, uploader, n as u32).await;
            let path = format!("/api/v1/media/{id}");
            if row.starts_with("PATCH") {
                c(Method::PATCH, &path)
                    .if_match(1)
                    .json(&json!({ "alt": "Ảnh" }))
            } else if row.starts_with("DELETE") {
                c(Method::DELETE, &path).if_match(1)
            } else {
                let (ct, body) = crate::media::multipart(&[crate::media::file_part(
                    "moi.png",
                    &crate::media::png(12, 8, n as u32),
                )]);
                c(Method::PUT, &format!("{path}/file"))
                    .if_match(1)
                    .raw(Some(&ct), body)
            }
        }
        "GET /media-files/{name}" => {
            let name = StoredName::of(&format!("{n:0>64x}"), "pdf").unwrap();
            let mut t = app.state.media.storage.create_temp().await.unwrap();
            t.write_all(b"%PDF-1.4\n").await.unwrap();
            app.state.media.storage.put(t, &name).await.unwrap();
            Call::new(Method::GET, &format!("/media-files/{name}"))
        }
        "GET /banners" => c(Method::GET, "/api/v1/banners"),
        "POST /banners" => {
            let image =
                crate::banners::media_item(app, portal_contract::media::MediaKind::Image, 7).await;
            c(Method::POST, "/api/v1/banners").json(&crate::banners::new_banner(image))
        }
        "GET /banners/{id}" => {
            let id = crate::banners::stored_banner(app).await;
            c(Method::GET, &format!("/api/v1/banners/{id}"))
        }
        "PATCH /banners/{id}" => {
            let id = crate::banners::stored_banner(app).await;
            c(Method::PATCH, &format!("/api/v1/banners/{id}"))
                .if_match(1)
                .json(&json!({ "position": 3 }))
        }
        "DELETE /banners/{id}" => {
            let id = crate::banners::stored_banner(app).await;
            c(Method::DELETE, &format!("/api/v1/banners/{id}")).if_match(1)
        }
        "GET /public/banners" => c(Method::GET, "/api/v1/public/banners?placement=sidebar"),
        other => panic!("no call for row {other}"),
    };
    app.send(call).await
}

#[tokio::test]
async fn every_role_against_every_endpoint() {
    let app = TestApp::new().await;
    let mut cookies = Vec::new();
    for who in WHO {
        cookies.push(if who == "anonymous" {
            None
        } else {
            Some(app.login(who).await)
        });
    }
    let mut n = 0;
    let mut failures = Vec::new();
    for row in ROWS {
        for (i, who) in WHO.iter().enumerate() {
            n += 1;
            // Logging out would end the session the next rows use: use a spare one.
            let spare;
            let cookie = if row.name == "DELETE /session" && i > 0 {
                spare = app.login(who).await;
                Some(spare.as_str())
            } else {
                cookies[i].as_deref()
            };
            let res = call(&app, row.name, who, cookie, n).await;
            let want = row.expect[i];
            if res.status.as_u16() != want {
                failures.push(format!(
                    "{} as {who}: got {}, want {want}: {}",
                    row.name,
                    res.status,
                    String::from_utf8_lossy(&res.body)
                ));
                continue;
            }
            if want >= 400 {
                let p = res.problem();
                assert_eq!(p.status, want);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(n, ROWS.len() * WHO.len());
}
