//! Royalties: the arithmetic through the API (shares, unit value by date, caps, rounding),
//! roles on every endpoint, bad inputs, versions, payment, the 60-day alert, the sheet and CSV.

use crate::common::*;
use axum::http::Method;
use chrono::Duration;
use portal_contract::royalties::{ArticleRoyalty, OverdueRoyalties, RoyaltySettings, RoyaltySheet};
use portal_contract::{Article, Kind, Stage};
use serde_json::{json, Value};

fn body<T: serde::de::DeserializeOwned>(res: &Resp) -> T {
    serde_json::from_slice(&res.body)
        .unwrap_or_else(|e| panic!("{e}: {} {}", res.status, String::from_utf8_lossy(&res.body)))
}

async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    cookie: &str,
    version: Option<i64>,
    body: Value,
) -> Resp {
    let mut call = Call::new(method, path).cookie(Some(cookie)).json(&body);
    if let Some(v) = version {
        call = call.if_match(v);
    }
    app.send(call).await
}

async fn assess(app: &TestApp, cookie: &str, id: i64, version: i64, body: Value) -> Resp {
    send(
        app,
        Method::PUT,
        &format!("/api/v1/articles/{id}/royalty"),
        cookie,
        Some(version),
        body,
    )
    .await
}

async fn pay(app: &TestApp, cookie: &str, id: i64, version: i64, day: &str) -> Resp {
    send(
        app,
        Method::POST,
        &format!("/api/v1/articles/{id}/royalty/payment"),
        cookie,
        Some(version),
        json!({ "paid_on": day }),
    )
    .await
}

async fn royalty(app: &TestApp, cookie: &str, id: i64) -> ArticleRoyalty {
    body(
        app.get(&format!("/api/v1/articles/{id}/royalty"), Some(cookie))
            .await
            .expect(200),
    )
}

async fn overdue(app: &TestApp, cookie: &str) -> OverdueRoyalties {
    body(
        app.get("/api/v1/royalties/overdue", Some(cookie))
            .await
            .expect(200),
    )
}

async fn settings(app: &TestApp, cookie: &str) -> RoyaltySettings {
    body(
        app.get("/api/v1/royalties/settings", Some(cookie))
            .await
            .expect(200),
    )
}

/// Sets the unit values (the coefficient table stays the default one).
async fn set_unit_values(app: &TestApp, values: Value) {
    let chief = app.login("chief").await;
    let cur = settings(app, &chief).await;
    let res = send(
        app,
        Method::PUT,
        "/api/v1/royalties/settings",
        &chief,
        Some(cur.version),
        json!({ "coefficients": cur.coefficients, "unit_values": values }),
    )
    .await;
    res.expect(200);
}

/// A published article of `kind` whose authors have `shares`.
async fn published(app: &TestApp, kind: Kind, shares: &[u8]) -> Article {
    // Bylines are what readers see: written before publication, straight into the store.
    app.article_made(Stage::Published, "author", kind, |a| {
        a.authors = shares
            .iter()
            .enumerate()
            .map(|(i, s)| portal_contract::AuthorShare {
                name: format!("Tác giả {i}"),
                user_id: None,
                share: *s,
            })
            .collect();
    })
    .await
}

/// (kind, coefficient in tenths, shares, unit value, royalty, the authors' parts)
type Case = (Kind, u32, &'static [u8], i64, i64, &'static [i64]);

#[tokio::test]
async fn royalty_arithmetic_as_a_table_of_cases() {
    let app = TestApp::new().await;
    let chief = app.login("chief").await;
    // (kind, coefficient in tenths, shares, unit value, royalty, parts)
    let cases: [Case; 8] = [
        (Kind::News, 10, &[100], 234_000, 234_000, &[234_000]),
        (
            Kind::News,
            15,
            &[60, 40],
            234_000,
            351_000,
            &[210_600, 140_400],
        ),
        (Kind::News, 100, &[100], 234_000, 2_340_000, &[2_340_000]),
        (
            Kind::Article,
            300,
            &[50, 50],
            234_000,
            7_020_000,
            &[3_510_000, 3_510_000],
        ),
        (
            Kind::InDepth,
            500,
            &[100],
            234_000,
            11_700_000,
            &[11_700_000],
        ),
        // 1,3 × 234.567 = 304.937,1 → 304.937
        (Kind::News, 13, &[100], 234_567, 304_937, &[304_937]),
        // 1,5 × 234.567 = 351.850,5 → half up; the đồng left over go to the largest remainders
        (
            Kind::News,
            15,
            &[33, 33, 34],
            234_567,
            351_851,
            &[116_111, 116_111, 119_629],
        ),
        // 1,1 × 100.001 = 110.001,1 → 110.001 in thirds
        (
            Kind::Photo,
            11,
            &[34, 33, 33],
            100_001,
            110_001,
            &[37_401, 36_300, 36_300],
        ),
    ];
    let mut current_unit = 0;
    for (kind, coefficient, shares, unit, want, parts) in cases {
        if unit != current_unit {
            set_unit_values(
                &app,
                json!([{ "effective_from": "2020-01-01", "vnd": unit }]),
            )
            .await;
            current_unit = unit;
        }
        let a = published(&app, kind, shares).await;
        let res = assess(
            &app,
            &chief,
            a.id,
            0,
            json!({ "coefficient_tenths": coefficient }),
        )
        .await;
        let r: ArticleRoyalty = body(res.expect(200));
        assert_eq!(r.unit_value_vnd, Some(unit), "{kind:?} {coefficient}");
        assert_eq!(r.royalty_vnd, Some(want), "{kind:?} {coefficient} × {unit}");
        let got: Vec<i64> = r.authors.iter().filter_map(|a| a.amount_vnd).collect();
        assert_eq!(got, parts, "{kind:?} {coefficient} {shares:?}");
        assert_eq!(got.iter().sum::<i64>(), want);
        assert_eq!(r.total_vnd, want);
    }
    // The Decree 18 caps bound the default ranges: 10 for news, 30 articles, 50 in depth.
    for (kind, over) in [
        (Kind::News, 101),
        (Kind::Article, 301),
        (Kind::InDepth, 501),
    ] {
        let a = published(&app, kind, &[100]).await;
        let res = assess(&app, &chief, a.id, 0, json!({ "coefficient_tenths": over })).await;
        assert_eq!(
            res.expect(422).error_fields(),
            ["coefficient_tenths"],
            "{kind:?}"
        );
    }
}

#[tokio::test]
async fn the_unit_value_in_force_on_the_publication_day_applies() {
    let app = TestApp::new().await;
    // The clock starts on 16/02/2026 (08:30 in Vietnam).
    set_unit_values(
        &app,
        json!([
            { "effective_from": "2025-07-01", "vnd": 200_000 },
            { "effective_from": "2026-02-17", "vnd": 250_000 }
        ]),
    )
    .await;
    let before = published(&app, Kind::News, &[100]).await;
    app.clock.advance(Duration::days(1));
    let chief = app.login("chief").await;
    let after = published(&app, Kind::News, &[100]).await;
    for (a, unit, want) in [(&before, 200_000, 200_000), (&after, 250_000, 250_000)] {
        let r: ArticleRoyalty = body(
            assess(&app, &chief, a.id, 0, json!({"coefficient_tenths": 10}))
                .await
                .expect(200),
        );
        assert_eq!((r.unit_value_vnd, r.royalty_vnd), (Some(unit), Some(want)));
    }
    // A later change of value does not move a published article's royalty.
    set_unit_values(
        &app,
        json!([
            { "effective_from": "2025-07-01", "vnd": 200_000 },
            { "effective_from": "2026-02-17", "vnd": 250_000 },
            { "effective_from": "2026-03-01", "vnd": 300_000 }
        ]),
    )
    .await;
    assert_eq!(
        royalty(&app, &chief, before.id).await.royalty_vnd,
        Some(200_000)
    );
    // Not published: no unit value, no amount yet.
    let draft = app.article_at(Stage::Draft, "author").await;
    let r = royalty(&app, &chief, draft.id).await;
    assert_eq!(
        (r.unit_value_vnd, r.royalty_vnd, r.version),
        (None, None, 0)
    );
}

#[tokio::test]
async fn every_endpoint_enforces_its_role() {
    let app = TestApp::new().await;
    let a = published(&app, Kind::News, &[100]).await;
    let id = a.id;
    let mut cookies = Vec::new();
    for (name, _) in ROLE_USERS {
        cookies.push((name, app.login(name).await));
    }
    let reads = [
        "/api/v1/royalties/sheet".to_string(),
        "/api/v1/royalties/overdue".to_string(),
        format!("/api/v1/articles/{id}/royalty"),
    ];
    for (name, cookie) in &cookies {
        let can_view = ["editor", "secretary", "chief", "director"].contains(name);
        for path in &reads {
            let want = if can_view { 200 } else { 403 };
            assert_eq!(
                app.get(path, Some(cookie)).await.status,
                want,
                "{name} {path}"
            );
        }
        let want = if can_view || *name == "admin" {
            200
        } else {
            403
        };
        let res = app.get("/api/v1/royalties/settings", Some(cookie)).await;
        assert_eq!(res.status, want, "{name} settings");
    }
    for path in reads
        .iter()
        .chain(["/api/v1/royalties/settings".to_string()].iter())
    {
        assert_eq!(app.get(path, None).await.status, 401, "{path}");
    }
    // Writes: each by its role only (a refused write changes nothing, so versions stay 0).
    let defaults = json!({
        "coefficients": portal_contract::royalties::default_coefficients(),
        "unit_values": [{ "effective_from": "2024-07-01", "vnd": 234_000 }]
    });
    for (name, cookie) in &cookies {
        let res = assess(&app, cookie, id, 0, json!({"coefficient_tenths": 15})).await;
        let want = if *name == "chief" { 200 } else { 403 };
        assert_eq!(res.status, want, "{name} assess");
        let res = send(
            &app,
            Method::PUT,
            "/api/v1/royalties/settings",
            cookie,
            Some(0),
            defaults.clone(),
        )
        .await;
        if ["chief", "admin"].contains(name) {
            assert_ne!(res.status, 403, "{name} settings");
        } else {
            assert_eq!(res.status, 403, "{name} settings");
        }
    }
    let today = app.clock_now().format("%Y-%m-%d").to_string();
    for (name, cookie) in &cookies {
        let res = pay(&app, cookie, id, 1, &today).await;
        let want = if *name == "secretary" { 200 } else { 403 };
        assert_eq!(res.status, want, "{name} pay");
    }
    let writes = [
        (Method::PUT, format!("/api/v1/articles/{id}/royalty")),
        (
            Method::POST,
            format!("/api/v1/articles/{id}/royalty/payment"),
        ),
        (Method::PUT, "/api/v1/royalties/settings".to_string()),
    ];
    for (m, path) in writes {
        let res = app
            .send(Call::new(m, &path).if_match(1).json(&json!({})))
            .await;
        assert_eq!(res.status, 401, "{path}");
    }
}

#[tokio::test]
async fn bad_inputs_are_422_naming_the_fields() {
    let app = TestApp::new().await;
    let chief = app.login("chief").await;
    let editor = app.login("editor").await;
    let a = published(&app, Kind::News, &[100]).await;
    let id = a.id;

    // Shares not summing to 100: refused where shares live, on the article.
    let res = patch(
        &app,
        &editor,
        id,
        a.version,
        json!({"authors": [{"name": "A", "share": 60}, {"name": "B", "share": 30}]}),
    )
    .await;
    assert_eq!(res.expect(422).error_fields(), ["authors"]);
    assert_eq!(res.problem().errors[0].code, "shares_sum");

    let cases: [(Value, &[&str]); 8] = [
        (json!({"coefficient_tenths": 0}), &["coefficient_tenths"]),
        (json!({"coefficient_tenths": 9}), &["coefficient_tenths"]),
        (json!({"coefficient_tenths": 101}), &["coefficient_tenths"]),
        (json!({"coefficient_tenths": -5}), &["coefficient_tenths"]),
        (
            json!({"coefficient_tenths": "1,5"}),
            &["coefficient_tenths"],
        ),
        (
            json!({"coefficient_tenths": 15, "remunerations": [
                {"name": "Biên tập viên", "role": "editor", "amount_vnd": -100_000}
            ]}),
            &["remunerations[0].amount_vnd"],
        ),
        (
            json!({"coefficient_tenths": 15, "remunerations": [
                {"name": " ", "role": "editor", "amount_vnd": 0},
                {"name": "x".repeat(10_000), "role": "supplier", "amount_vnd": 1}
            ]}),
            &[
                "remunerations[0].name",
                "remunerations[0].amount_vnd",
                "remunerations[1].name",
            ],
        ),
        (
            json!({"coefficient_tenths": 15, "remunerations": [
                {"name": "A", "role": "boss", "amount_vnd": 1}
            ]}),
            &["remunerations[0].role"],
        ),
    ];
    for (req, fields) in cases {
        let res = assess(&app, &chief, id, 0, req.clone()).await;
        assert_eq!(res.expect(422).error_fields(), fields, "{req}");
        assert_eq!(
            res.header("content-type").as_deref(),
            Some("application/problem+json")
        );
    }
    let res = assess(
        &app,
        &chief,
        id,
        0,
        json!({"coefficient_tenths": 15, "bonus": 1}),
    )
    .await;
    assert_eq!(res.expect(422).error_fields(), ["bonus"]);
    assert_eq!(
        royalty(&app, &chief, id).await.version,
        0,
        "nothing was saved"
    );

    // Settings: over the Decree 18 cap, min above max, a negative unit value, a repeated day.
    let mut coefficients = portal_contract::royalties::default_coefficients();
    coefficients[0].max_tenths = 110;
    coefficients[1].min_tenths = 400;
    let res = send(
        &app,
        Method::PUT,
        "/api/v1/royalties/settings",
        &chief,
        Some(0),
        json!({"coefficients": coefficients, "unit_values": [
            {"effective_from": "2024-07-01", "vnd": -234_000},
            {"effective_from": "2024-07-01", "vnd": 234_000}
        ]}),
    )
    .await;
    assert_eq!(
        res.expect(422).error_fields(),
        [
            "coefficients[0].max_tenths",
            "coefficients[1].min_tenths",
            "unit_values[0].vnd",
            "unit_values[1].effective_from"
        ]
    );
    let res = send(
        &app,
        Method::PUT,
        "/api/v1/royalties/settings",
        &chief,
        Some(0),
        json!({"coefficients": [], "unit_values": []}),
    )
    .await;
    assert_eq!(
        res.expect(422).error_fields().last().map(String::as_str),
        Some("unit_values")
    );

    // Payment on a day before publication, in the future, or not a date.
    let r: ArticleRoyalty = body(
        assess(&app, &chief, id, 0, json!({"coefficient_tenths": 15}))
            .await
            .expect(200),
    );
    let secretary = app.login("secretary").await;
    for day in ["2026-02-15", "2026-02-17"] {
        let res = pay(&app, &secretary, id, r.version, day).await;
        assert_eq!(res.expect(422).error_fields(), ["paid_on"], "{day}");
    }
    let res = pay(&app, &secretary, id, r.version, "16/02/2026").await;
    assert_eq!(res.expect(422).error_fields(), ["paid_on"]);

    // Query and path: 400.
    for path in [
        "/api/v1/royalties/sheet?month=2026-13",
        "/api/v1/royalties/sheet?month=02-2026",
        "/api/v1/royalties/sheet?format=xlsx",
        "/api/v1/royalties/sheet?year=2026",
        "/api/v1/articles/abc/royalty",
        "/api/v1/articles/0/royalty",
    ] {
        app.get(path, Some(&chief)).await.expect(400);
    }
    app.get("/api/v1/articles/999999/royalty", Some(&chief))
        .await
        .expect(404);
    assess(&app, &chief, 999_999, 0, json!({"coefficient_tenths": 15}))
        .await
        .expect(404);
}

#[tokio::test]
async fn writes_name_the_version_they_change() {
    let app = TestApp::new().await;
    let chief = app.login("chief").await;
    let a = published(&app, Kind::News, &[100]).await;
    let path = format!("/api/v1/articles/{}/royalty", a.id);
    let req = json!({"coefficient_tenths": 15});
    let missing = send(&app, Method::PUT, &path, &chief, None, req.clone()).await;
    missing.expect(428);
    let malformed = app
        .send(
            Call::new(Method::PUT, &path)
                .cookie(Some(&chief))
                .header("if-match", "7")
                .json(&req),
        )
        .await;
    malformed.expect(400);
    let res = assess(&app, &chief, a.id, 0, req.clone()).await;
    assert_eq!(res.expect(200).etag().as_deref(), Some("\"1\""));
    let stale = assess(&app, &chief, a.id, 0, json!({"coefficient_tenths": 20})).await;
    let p = stale.expect(412).problem();
    let current: ArticleRoyalty = serde_json::from_value(p.current.expect("current")).unwrap();
    assert_eq!((current.version, current.coefficient_tenths), (1, Some(15)));
    // The settings too.
    let s = send(
        &app,
        Method::PUT,
        "/api/v1/royalties/settings",
        &chief,
        None,
        json!({
            "coefficients": portal_contract::royalties::default_coefficients(),
            "unit_values": [{"effective_from": "2024-07-01", "vnd": 234_000}]
        }),
    )
    .await;
    s.expect(428);
    let s = send(
        &app,
        Method::PUT,
        "/api/v1/royalties/settings",
        &chief,
        Some(3),
        json!({
            "coefficients": portal_contract::royalties::default_coefficients(),
            "unit_values": [{"effective_from": "2024-07-01", "vnd": 234_000}]
        }),
    )
    .await;
    s.expect(412);
}

#[tokio::test]
async fn payment_clears_the_sixty_day_alert_and_freezes_the_assessment() {
    let app = TestApp::new().await;
    let chief = app.login("chief").await;
    let secretary = app.login("secretary").await;
    let a = published(&app, Kind::News, &[100]).await;
    let unassessed = published(&app, Kind::News, &[100]).await;
    let draft = app.article_at(Stage::Approved, "author").await;

    // Paying needs a published, assessed article.
    pay(&app, &secretary, draft.id, 0, "2026-02-16")
        .await
        .expect(409);
    pay(&app, &secretary, unassessed.id, 0, "2026-02-16")
        .await
        .expect(409);

    let r: ArticleRoyalty = body(
        assess(
            &app,
            &chief,
            a.id,
            0,
            json!({"coefficient_tenths": 15, "remunerations": [
                {"name": "Trần Biên Tập", "role": "editor", "amount_vnd": 100_000},
                {"name": "Phòng Thu", "role": "supplier", "amount_vnd": 50_000, "note": "Ảnh"}
            ]}),
        )
        .await
        .expect(200),
    );
    assert_eq!(
        (r.royalty_vnd, r.remuneration_vnd, r.total_vnd),
        (Some(351_000), 150_000, 501_000)
    );
    assert_eq!(
        r.due_on.map(|d| d.to_string()).as_deref(),
        Some("2026-04-17")
    );

    // Day 60 after publication is still in time; day 61 is overdue.
    app.clock.advance(Duration::days(60));
    let chief = app.login("chief").await;
    assert_eq!(overdue(&app, &chief).await.count, 0);
    app.clock.advance(Duration::days(1));
    let (chief, secretary) = (app.login("chief").await, app.login("secretary").await);
    let o = overdue(&app, &chief).await;
    assert_eq!(o.count, 2);
    assert_eq!(
        o.total_vnd, 501_000,
        "the unassessed one adds nothing known"
    );
    assert!(o.items.iter().all(|i| i.overdue));

    let paid: ArticleRoyalty = body(
        pay(&app, &secretary, a.id, r.version, "2026-04-18")
            .await
            .expect(200),
    );
    assert_eq!(
        paid.paid_on.map(|d| d.to_string()).as_deref(),
        Some("2026-04-18")
    );
    assert_eq!(paid.paid_by_name.as_deref(), Some("Người dùng secretary"));
    assert!(!paid.overdue);
    let o = overdue(&app, &chief).await;
    assert_eq!((o.count, o.items[0].article_id), (1, unassessed.id));

    // Paid: no second payment, no change of coefficient.
    pay(&app, &secretary, a.id, paid.version, "2026-04-18")
        .await
        .expect(409);
    assess(
        &app,
        &chief,
        a.id,
        paid.version,
        json!({"coefficient_tenths": 20}),
    )
    .await
    .expect(409);

    // Every write is in the audit log.
    let admin = app.login("admin").await;
    let log = app
        .get("/api/v1/audit?per_page=200", Some(&admin))
        .await
        .json();
    let actions: Vec<&str> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["action"].as_str())
        .filter(|a| a.starts_with("royalty."))
        .collect();
    assert_eq!(actions, ["royalty.pay", "royalty.assess"]);
}

#[tokio::test]
async fn the_monthly_sheet_totals_per_person_and_exports_csv() {
    let app = TestApp::new().await;
    let chief = app.login("chief").await;
    // Hostile texts for the spreadsheet, written before publication.
    let a = app
        .article_made(Stage::Published, "author", Kind::News, |a| {
            a.title = "=HYPERLINK(\"http://x\")".into();
            a.authors = [("Nguyễn Văn An", 60), ("=cmd|' /C calc'!A0", 40)]
                .map(|(name, share)| portal_contract::AuthorShare {
                    name: name.into(),
                    user_id: None,
                    share,
                })
                .to_vec();
        })
        .await;
    assess(
        &app,
        &chief,
        a.id,
        0,
        json!({"coefficient_tenths": 15, "remunerations": [
            {"name": "Nguyễn Văn An", "role": "editor", "amount_vnd": 30_000}
        ]}),
    )
    .await
    .expect(200);
    let b = published(&app, Kind::News, &[100]).await;

    let s: RoyaltySheet = body(
        app.get("/api/v1/royalties/sheet?month=2026-02", Some(&chief))
            .await
            .expect(200),
    );
    assert_eq!(s.month, "2026-02");
    assert_eq!(
        s.lines.iter().map(|l| l.article_id).collect::<Vec<_>>(),
        [a.id, b.id]
    );
    assert_eq!(
        (s.royalty_vnd, s.remuneration_vnd, s.total_vnd, s.unassessed),
        (351_000, 30_000, 381_000, 1)
    );
    let an = s
        .people
        .iter()
        .find(|p| p.name == "Nguyễn Văn An")
        .expect("An");
    assert_eq!(
        (an.royalty_vnd, an.remuneration_vnd, an.total_vnd),
        (210_600, 30_000, 240_600)
    );
    // The default month is this one; another month is empty.
    let now: RoyaltySheet = body(
        app.get("/api/v1/royalties/sheet", Some(&chief))
            .await
            .expect(200),
    );
    assert_eq!(now.lines.len(), 2);
    let empty: RoyaltySheet = body(
        app.get("/api/v1/royalties/sheet?month=2026-03", Some(&chief))
            .await
            .expect(200),
    );
    assert_eq!((empty.lines.len(), empty.total_vnd), (0, 0));

    let csv = app
        .get(
            "/api/v1/royalties/sheet?month=2026-02&format=csv",
            Some(&chief),
        )
        .await;
    csv.expect(200);
    assert_eq!(
        csv.header("content-type").as_deref(),
        Some("text/csv; charset=utf-8")
    );
    assert!(csv
        .header("content-disposition")
        .unwrap()
        .contains("bang-ke-nhuan-but-2026-02.csv"));
    assert!(
        csv.body.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 byte-order mark"
    );
    let text = String::from_utf8(csv.body.clone()).unwrap();
    assert!(text.contains("Tháng,Mã bài,Tiêu đề"), "{text}");
    assert!(text.contains(&format!("2026-02,{},\"'=HYPERLINK(\"\"http://x\"\")\",Tin,16/02/2026,Nguyễn Văn An,Nhuận bút,60,\"1,5\",234000,210600,", a.id)), "{text}");
    assert!(
        text.contains(",'=cmd|' /C calc'!A0,Nhuận bút,40,"),
        "{text}"
    );
    assert!(
        text.contains("Thù lao – Biên tập,,\"1,5\",234000,30000,"),
        "{text}"
    );
    assert!(
        text.trim_end()
            .ends_with("2026-02,,,,,Tổng cộng,,,,,381000,"),
        "{text}"
    );
}

#[tokio::test]
async fn the_demo_has_assessed_paid_and_overdue_royalties() {
    use chrono::TimeZone;
    use portal_server::clock::ManualClock;
    use portal_server::{config::Config, demo, router, AppState};
    use std::sync::Arc;
    let db = crate::common::test_db().await;
    let store = db.store();
    let now = chrono::Utc.with_ymd_and_hms(2026, 11, 20, 2, 0, 0).unwrap();
    let clock = Arc::new(ManualClock::new(now));
    let state = AppState::with_clock(store.clone(), Config::default(), clock.clone());
    demo::seed_if_empty(&state, demo::DEMO_ARTICLES)
        .await
        .unwrap()
        .expect("seeded");
    let app = TestApp {
        router: router(state.clone()),
        state,
        store,
        db,
        clock,
        users: Default::default(),
    };
    let chief = app.login("chief").await;
    let o = overdue(&app, &chief).await;
    assert!(o.count > 0, "some demo royalties are overdue");
    let mut lines = Vec::new();
    for m in [
        "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11",
    ] {
        let s: RoyaltySheet = body(
            app.get(&format!("/api/v1/royalties/sheet?month={m}"), Some(&chief))
                .await
                .expect(200),
        );
        lines.extend(s.lines);
    }
    assert!(lines.iter().any(|l| l.paid_on.is_some()), "some paid");
    assert!(lines
        .iter()
        .any(|l| l.paid_on.is_none() && l.royalty_vnd.is_some()));
    assert!(
        lines.iter().any(|l| l.coefficient_tenths.is_none()),
        "some to assess"
    );
    assert!(lines.iter().any(|l| !l.remunerations.is_empty()));
    for l in &lines {
        if let Some(c) = l.coefficient_tenths {
            assert!(
                (l.range.min_tenths..=l.range.max_tenths).contains(&c),
                "{l:?}"
            );
        }
    }
}

#[tokio::test]
async fn hostile_text_is_stored_as_text_and_settings_changes_are_audited() {
    let app = TestApp::new().await;
    let chief = app.login("chief").await;
    let a = published(&app, Kind::News, &[100]).await;
    let hostile = "<script>alert(1)</script> 🎉 مرحبا \u{202e}x";
    let r: ArticleRoyalty = body(
        assess(
            &app,
            &chief,
            a.id,
            0,
            json!({"coefficient_tenths": 10, "remunerations": [
                {"name": hostile, "role": "supplier", "amount_vnd": 1, "note": hostile}
            ]}),
        )
        .await
        .expect(200),
    );
    assert_eq!(r.remunerations[0].name, hostile);
    assert_eq!(r.remunerations[0].note, hostile);
    let res = assess(
        &app,
        &chief,
        a.id,
        1,
        json!({"coefficient_tenths": 10, "remunerations": [
            {"name": "a\u{0}b", "role": "supplier", "amount_vnd": 1}
        ]}),
    )
    .await;
    assert_eq!(res.expect(422).error_fields(), ["remunerations[0].name"]);
    let csv = app
        .get(
            "/api/v1/royalties/sheet?month=2026-02&format=csv",
            Some(&chief),
        )
        .await;
    let text = String::from_utf8(csv.expect(200).body.clone()).unwrap();
    assert!(text.contains("<script>alert(1)</script> 🎉"), "{text}");

    set_unit_values(
        &app,
        json!([{ "effective_from": "2024-07-01", "vnd": 250_000 }]),
    )
    .await;
    let admin = app.login("admin").await;
    let log = app
        .get("/api/v1/audit?per_page=200", Some(&admin))
        .await
        .json();
    let settings_lines = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "royalty.settings" && e["target"] == "royalty_settings")
        .count();
    assert_eq!(settings_lines, 1);
    let s = settings(&app, &chief).await;
    assert_eq!((s.version, s.unit_values[0].vnd), (1, 250_000));
    assert_eq!(s.updated_by_name.as_deref(), Some("Người dùng chief"));
}
