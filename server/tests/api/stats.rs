//! Visitor statistics: counting accuracy against a scripted traffic set with known truth, the
//! stats API's answers and CSV, and the beacon's bad inputs.

use crate::common::*;
use axum::http::Method;
use chrono::{Duration, TimeZone, Utc};
use portal_contract::stats::{Breakdown, Realtime, Series, Summary, Totals};
use portal_server::config::Config;
use portal_server::{router, AppState};
use serde_json::json;

const CHROME_WIN: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
const FIREFOX_WIN: &str =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0";
const IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
const COCCOC: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) coc_coc_browser/123.0.0 Chrome/117.0.0.0 Safari/537.36";

/// User agents of real crawlers, tools and headless browsers, as they appear in access logs.
const BOTS: [&str; 16] = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.201 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)",
    "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
    "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    "Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)",
    "DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.0.0 Safari/537.36",
    "python-requests/2.31.0",
    "curl/8.5.0",
    "Mozilla/5.0 (compatible; MJ12bot/v1.4.8; http://mj12bot.com/)",
];

const IP_OFFICE: &str = "203.113.130.7";
const IP_HOME: &str = "2001:ee0:4f1c:9e0::17";
const IP_CAFE: &str = "113.161.44.201";
const IP_BOTS: &str = "66.249.66.1";

/// An app whose clock reads 23:40 on 10/03/2026 in Hà Nội.
async fn app_at_2340() -> TestApp {
    let app = TestApp::new().await;
    let target = Utc.with_ymd_and_hms(2026, 3, 10, 16, 40, 0).unwrap();
    app.clock.advance(target - app.clock_now());
    app
}

/// The breakdown by `dimension` of 10/03/2026 (Hà Nội).
async fn breakdown_of_march_10(app: &TestApp, cookie: &str, dimension: &str) -> Breakdown {
    get_json(
        app,
        cookie,
        &format!("/api/v1/stats/breakdown/{dimension}?from=2026-03-10&to=2026-03-11"),
    )
    .await
}

async fn get_json<T: serde::de::DeserializeOwned>(app: &TestApp, cookie: &str, path: &str) -> T {
    let res = app.get(path, Some(cookie)).await;
    assert_eq!(
        res.status.as_u16(),
        200,
        "{path}: {}",
        String::from_utf8_lossy(&res.body)
    );
    serde_json::from_slice(&res.body).expect("answer")
}

fn totals(
    visitors: u64,
    visits: u64,
    pageviews: u64,
    bounces: u64,
    secs: u64,
    bots: u64,
) -> Totals {
    Totals {
        visitors,
        visits,
        pageviews,
        bounces,
        visit_seconds: secs,
        bot_pageviews: bots,
    }
}

/// The scripted traffic (local time, UTC+7):
/// - A (office IP, Chrome): 23:40 `/` from Google, 23:41 reload, 23:55 article 7, [server
///   restart], 00:10 `/tin-tuc` (same visit across midnight), 01:00 `/` (new visit: 50 min idle);
/// - B (same office IP, Firefox): 23:45 `/`, a different person behind the same address;
/// - E (café IP, Cốc Cốc): 23:50 `/` — Cốc Cốc is a browser, not the coccoc crawler;
/// - D (home IPv6, iPhone 390 px): 00:20 `/lien-he`, straight in;
/// - 16 bots with real user agents at 23:46 and a webdriver-driven Chrome at 00:30.
#[tokio::test]
async fn scripted_traffic_gives_exactly_the_known_counts() {
    let mut app = app_at_2340().await;
    let min = |m: i64| Duration::minutes(m);
    view(&app, IP_OFFICE, CHROME_WIN, json!({"path": "/", "host": "bhxh.example.vn", "referrer": "https://www.google.com.vn/search?q=tra+c%E1%BB%A9u", "width": 1920})).await;
    for (after, ua, body) in [
        (
            1,
            CHROME_WIN,
            json!({"path": "/", "host": "bhxh.example.vn", "width": 1920}),
        ),
        (
            4,
            FIREFOX_WIN,
            json!({"path": "/?utm=x", "host": "bhxh.example.vn", "width": 1366}),
        ),
    ] {
        app.clock.advance(min(after));
        view(&app, IP_OFFICE, ua, body).await;
    }
    app.clock.advance(min(1));
    for ua in BOTS {
        view(&app, IP_BOTS, ua, json!({"path": "/robots-see-this"})).await;
    }
    app.clock.advance(min(4));
    view(&app, IP_CAFE, COCCOC, json!({"path": "/", "host": "bhxh.example.vn", "referrer": "https://bhxh.example.vn/", "width": 1280})).await;
    app.clock.advance(min(5));
    view(&app, IP_OFFICE, CHROME_WIN, json!({"path": "/tin-tuc/bai-7", "host": "bhxh.example.vn", "referrer": "https://bhxh.example.vn/", "article_id": 7, "width": 1920})).await;

    // The server restarts mid-visit: a new state on the same database picks the visit up.
    let state = AppState::with_clock(
        app.store.clone(),
        app.state.config.as_ref().clone(),
        app.clock.clone(),
    );
    app.router = router(state.clone());
    app.state = state;

    // Minutes after the view before, then who views what.
    for (after, ip, ua, body) in [
        // 00:10 on 11/03
        (
            15,
            IP_OFFICE,
            CHROME_WIN,
            json!({"path": "/tin-tuc", "host": "bhxh.example.vn", "width": 1920}),
        ),
        // 00:20
        (
            10,
            IP_HOME,
            IPHONE,
            json!({"path": "/lien-he", "host": "bhxh.example.vn", "width": 390}),
        ),
        // 00:30
        (
            10,
            IP_HOME,
            CHROME_WIN,
            json!({"path": "/", "webdriver": true}),
        ),
        // 01:00
        (
            30,
            IP_OFFICE,
            CHROME_WIN,
            json!({"path": "/", "host": "bhxh.example.vn", "width": 1920}),
        ),
    ] {
        app.clock.advance(min(after));
        view(&app, ip, ua, body).await;
    }

    let cookie = app.login("chief").await;
    let day1: Summary = get_json(
        &app,
        &cookie,
        "/api/v1/stats/summary?from=2026-03-10&to=2026-03-10",
    )
    .await;
    // A, B, E; visits A1, B, E; pageviews 3 + 1 + 1; B and E bounced; A1 lasted 23:40 → 00:10.
    assert_eq!(day1.current, totals(3, 3, 5, 2, 1800, 16));
    let day2: Summary = get_json(
        &app,
        &cookie,
        "/api/v1/stats/summary?from=2026-03-11&to=2026-03-11",
    )
    .await;
    // A and D; visits A2 and D (A1 counts on the day it began); A 00:10 and 01:00, D 00:20.
    assert_eq!(day2.current, totals(2, 2, 3, 2, 0, 1));
    assert_eq!(day2.previous, day1.current);
    let both: Summary = get_json(
        &app,
        &cookie,
        "/api/v1/stats/summary?from=2026-03-10&to=2026-03-11",
    )
    .await;
    assert_eq!(both.current, totals(5, 5, 8, 4, 1800, 17));
    assert_eq!(both.current.bounce_rate(), 80.0);

    let hours: Series = get_json(
        &app,
        &cookie,
        "/api/v1/stats/timeseries?from=2026-03-10&to=2026-03-11&interval=hour",
    )
    .await;
    assert_eq!(hours.points.len(), 48);
    let at = |h: usize| hours.points[h].totals;
    assert_eq!(hours.points[23].start.to_string(), "2026-03-10 23:00:00");
    assert_eq!(at(23), totals(3, 3, 5, 2, 1800, 16));
    assert_eq!(at(24), totals(2, 1, 2, 1, 0, 1)); // A (continuing) and D; only D's visit began
    assert_eq!(at(25), totals(1, 1, 1, 1, 0, 0));
    let sum: u64 = hours.points.iter().map(|p| p.totals.pageviews).sum();
    assert_eq!(sum, 8);

    let sources = breakdown_of_march_10(&app, &cookie, "sources").await;
    let visits_of =
        |b: &Breakdown, key: &str| b.rows.iter().find(|r| r.key == key).map(|r| r.visits);
    assert_eq!(visits_of(&sources, "direct"), Some(4));
    assert_eq!(visits_of(&sources, "search"), Some(1));
    let pages = breakdown_of_march_10(&app, &cookie, "pages").await;
    let home = pages.rows.iter().find(|r| r.key == "/").expect("home page");
    assert_eq!((home.pageviews, home.visitors), (5, 4)); // A, B, E on day 1; A on day 2
    assert!(
        pages.rows.iter().all(|r| !r.key.contains('?')),
        "queries are dropped"
    );
    assert!(
        !pages.rows.iter().any(|r| r.key == "/robots-see-this"),
        "bots stay apart"
    );
    let browsers = breakdown_of_march_10(&app, &cookie, "browsers").await;
    assert_eq!(visits_of(&browsers, "Cốc Cốc"), Some(1));
    assert_eq!(visits_of(&browsers, "Chrome"), Some(2));
    let devices = breakdown_of_march_10(&app, &cookie, "devices").await;
    assert_eq!(visits_of(&devices, "mobile"), Some(1));
    assert_eq!(visits_of(&devices, "desktop"), Some(4));
    // Article 7 is no article of the portal: its id is not kept (issue #18).
    let articles = breakdown_of_march_10(&app, &cookie, "articles").await;
    assert!(articles.rows.is_empty(), "{:?}", articles.rows);
    let referrers = breakdown_of_march_10(&app, &cookie, "referrers").await;
    let hosts: Vec<&str> = referrers.rows.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(
        hosts,
        ["google.com.vn"],
        "internal referrers are not sources"
    );

    // Realtime: the last five minutes hold A's 01:00 view only.
    let live: Realtime = get_json(&app, &cookie, "/api/v1/stats/realtime").await;
    assert_eq!((live.visitors, live.pageviews), (1, 1));
    assert_eq!(live.minutes.len(), 5);
    assert_eq!(live.minutes.iter().map(|m| m.pageviews).sum::<u64>(), 1);
}

#[tokio::test]
async fn no_ip_address_or_user_agent_is_stored_anywhere() {
    let app = app_at_2340().await;
    let ips = [IP_OFFICE, IP_HOME, IP_CAFE, IP_BOTS];
    for (i, ip) in ips.iter().enumerate() {
        view(&app, ip, CHROME_WIN, json!({"path": format!("/p{i}")})).await;
        view(&app, ip, BOTS[i], json!({"path": "/"})).await;
    }
    app.clock.advance(Duration::hours(1)); // across midnight: a new salt
    view(&app, IP_OFFICE, CHROME_WIN, json!({"path": "/"})).await;
    let mut cells = 0;
    for (table, column, text) in app.db.dump().await {
        cells += 1;
        for ip in ips {
            assert!(!text.contains(ip), "{table}.{column} holds an IP address");
        }
        assert!(
            !text.contains("Mozilla/5.0"),
            "{table}.{column} holds a user agent"
        );
    }
    assert!(cells > 50, "the scan read the database ({cells} cells)");
    // Only today's and yesterday's salts exist.
    let salts: i64 = app.db.int("SELECT COUNT(*) FROM stats_salts", &[]).await;
    assert_eq!(salts, 2);
    app.clock.advance(Duration::days(2));
    view(&app, IP_OFFICE, CHROME_WIN, json!({"path": "/"})).await;
    let days = app.db.texts("SELECT day FROM stats_salts").await;
    assert_eq!(
        days,
        [Some("2026-03-13".to_string())],
        "older salts are deleted as days pass"
    );
}

#[tokio::test]
async fn a_visitor_is_a_new_hash_each_day_and_reloads_only_add_pageviews() {
    let app = TestApp::new().await; // 08:30 local
    for _ in 0..10 {
        view(&app, IP_OFFICE, CHROME_WIN, json!({"path": "/"})).await;
        app.clock.advance(Duration::seconds(20));
    }
    app.clock.advance(Duration::days(1));
    view(&app, IP_OFFICE, CHROME_WIN, json!({"path": "/"})).await;
    let cookie = app.login("chief").await;
    let s: Summary = get_json(
        &app,
        &cookie,
        "/api/v1/stats/summary?from=2026-02-16&to=2026-02-17",
    )
    .await;
    assert_eq!(s.current, totals(2, 2, 11, 1, 180, 0));
    let visitors = app
        .db
        .int("SELECT COUNT(DISTINCT visitor) FROM stats_events", &[])
        .await;
    assert_eq!(
        visitors, 2,
        "the same person hashes differently on the next day"
    );
}

#[tokio::test]
async fn raw_events_past_retention_are_purged_but_rollups_stay() {
    let app = TestApp::with_config(Config {
        trust_proxy: true,
        stats_retention_days: 2,
        ..Config::default()
    })
    .await;
    view(&app, IP_OFFICE, CHROME_WIN, json!({"path": "/"})).await;
    app.clock.advance(Duration::days(3));
    view(&app, IP_CAFE, CHROME_WIN, json!({"path": "/a"})).await;
    let gone = app
        .state
        .stats
        .purge(app.state.config.stats_retention_days)
        .await
        .unwrap();
    assert_eq!(gone, 1);
    let left: i64 = app.db.int("SELECT COUNT(*) FROM stats_events", &[]).await;
    assert_eq!(left, 1);
    let cookie = app.login("chief").await;
    let s: Summary = get_json(
        &app,
        &cookie,
        "/api/v1/stats/summary?from=2026-02-16&to=2026-02-19",
    )
    .await;
    assert_eq!(
        s.current.pageviews, 2,
        "queries read rollups, not raw events"
    );
}

#[tokio::test]
async fn one_address_flooding_is_throttled_without_blocking_others() {
    let app = TestApp::new().await;
    let mut refused = 0;
    let mut retry_after = None;
    for i in 0..300 {
        let res = beacon(&app, IP_BOTS, CHROME_WIN, json!({"path": format!("/{i}")})).await;
        match res.status.as_u16() {
            204 => {}
            429 => {
                refused += 1;
                retry_after = res.header("retry-after");
                res.problem();
            }
            s => panic!("unexpected {s}"),
        }
    }
    assert_eq!(refused, 300 - portal_server::stats::BURST as usize);
    assert_eq!(retry_after.as_deref(), Some("1"));
    view(&app, IP_CAFE, CHROME_WIN, json!({"path": "/"})).await;
    view(&app, IP_OFFICE, CHROME_WIN, json!({"path": "/"})).await;
    app.clock.advance(Duration::seconds(1));
    let res = beacon(&app, IP_BOTS, CHROME_WIN, json!({"path": "/later"})).await;
    res.expect_for(204, "the address recovers as its bucket refills");
}

#[tokio::test]
async fn beacon_comes_cross_origin_and_the_snippet_is_served() {
    let app = TestApp::new().await;
    let res = app
        .send(
            Call::new(Method::POST, "/api/v1/collect")
                .no_csrf()
                .header("origin", "https://bhxh.example.vn")
                .header("x-forwarded-for", IP_CAFE)
                .header("user-agent", CHROME_WIN)
                .raw(Some("text/plain"), br#"{"path":"/"}"#.to_vec()),
        )
        .await;
    res.expect(204);
    assert_eq!(
        res.header("access-control-allow-origin").as_deref(),
        Some("*")
    );
    let pre = app
        .send(Call::new(Method::OPTIONS, "/api/v1/collect").no_csrf())
        .await;
    pre.expect(204);
    assert_eq!(
        pre.header("access-control-allow-methods").as_deref(),
        Some("POST")
    );
    let js = app.get("/api/v1/collect.js", None).await;
    js.expect(200);
    assert!(js
        .header("content-type")
        .unwrap()
        .starts_with("text/javascript"));
    assert!(js.body.len() < 1024);
    assert!(String::from_utf8_lossy(&js.body).contains("sendBeacon"));
}

#[tokio::test]
async fn stats_need_a_session_and_the_permission() {
    let mut app = TestApp::new().await;
    let res = app.get("/api/v1/stats/summary", None).await;
    res.expect(401);
    app.add_user("nobody", &[]).await;
    let cookie = app.login("nobody").await;
    for path in [
        "/api/v1/stats/summary",
        "/api/v1/stats/timeseries",
        "/api/v1/stats/breakdown/pages",
        "/api/v1/stats/realtime",
    ] {
        let res = app.get(path, Some(&cookie)).await;
        assert_eq!(res.status.as_u16(), 403, "{path}");
    }
    for (user, role) in ROLE_USERS {
        let cookie = app.login(user).await;
        let may = portal_contract::permissions_for(&[role])
            .contains(&portal_contract::Permission::StatsView);
        let status = app
            .get("/api/v1/stats/summary", Some(&cookie))
            .await
            .status
            .as_u16();
        assert_eq!(status, if may { 200 } else { 403 }, "{user}");
    }
}

#[tokio::test]
async fn bad_ranges_and_parameters_are_400_with_field_errors() {
    let app = TestApp::new().await;
    let cookie = app.login("chief").await;
    let cases = [
        ("/api/v1/stats/summary?from=2026-03-10&to=2026-03-01", "to"),
        ("/api/v1/stats/summary?from=10/03/2026", "from"),
        (
            "/api/v1/stats/summary?from=2020-01-01&to=2026-03-01",
            "from",
        ),
        (
            "/api/v1/stats/timeseries?from=2026-01-01&to=2026-03-01&interval=hour",
            "interval",
        ),
        ("/api/v1/stats/timeseries?interval=minute", "interval"),
        ("/api/v1/stats/breakdown/pages?limit=0", "limit"),
        ("/api/v1/stats/breakdown/pages?limit=101", "limit"),
        ("/api/v1/stats/summary?format=xml", "format"),
        ("/api/v1/stats/summary?colour=red", "colour"),
    ];
    for (path, field) in cases {
        let res = app.get(path, Some(&cookie)).await;
        assert_eq!(res.status.as_u16(), 400, "{path}");
        assert_eq!(res.error_fields(), [field], "{path}");
    }
    let res = app
        .get("/api/v1/stats/breakdown/cookies", Some(&cookie))
        .await;
    res.expect(404);
    res.problem();
}

#[tokio::test]
async fn csv_answers_match_the_json_and_neutralise_formulas() {
    let app = app_at_2340().await;
    view(
        &app,
        IP_OFFICE,
        CHROME_WIN,
        json!({"path": "/=HYPERLINK(\"x\")"}),
    )
    .await;
    view(&app, IP_CAFE, IPHONE, json!({"path": "/tin,tuc"})).await;
    let cookie = app.login("chief").await;
    let res = app
        .get(
            "/api/v1/stats/breakdown/pages?from=2026-03-10&to=2026-03-10&format=csv",
            Some(&cookie),
        )
        .await;
    res.expect(200);
    assert_eq!(
        res.header("content-type").as_deref(),
        Some("text/csv; charset=utf-8")
    );
    assert!(res
        .header("content-disposition")
        .unwrap()
        .starts_with("attachment"));
    let text = String::from_utf8(res.body.clone()).unwrap();
    assert!(text.starts_with('\u{feff}'), "a BOM for Excel");
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "key,label,visitors,visits,pageviews");
    assert!(
        lines.contains(&"\"/tin,tuc\",\"/tin,tuc\",1,0,1"),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"\"/=HYPERLINK(\"\"x\"\")\",\"/=HYPERLINK(\"\"x\"\")\",1,0,1"),
        "quotes doubled; a path starting with / is no formula: {lines:?}"
    );

    let series: Series = get_json(
        &app,
        &cookie,
        "/api/v1/stats/timeseries?from=2026-03-04&to=2026-03-10&interval=day",
    )
    .await;
    let res = app
        .get(
            "/api/v1/stats/timeseries?from=2026-03-04&to=2026-03-10&interval=day&format=csv",
            Some(&cookie),
        )
        .await;
    let text = String::from_utf8(res.body.clone()).unwrap();
    let rows: Vec<Vec<String>> = text
        .trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    assert_eq!(rows.len(), series.points.len());
    for (row, p) in rows.iter().zip(&series.points) {
        assert_eq!(row[0], p.start.format("%Y-%m-%dT%H:%M").to_string());
        assert_eq!(row[1], p.totals.visitors.to_string());
        assert_eq!(row[3], p.totals.pageviews.to_string());
    }
    assert_eq!(rows.last().unwrap()[3], "2");
}

#[tokio::test]
async fn week_and_month_series_sum_the_days_and_align_the_previous_period() {
    let app = TestApp::new().await; // 16/02/2026 08:30, a Monday
    for d in 0..10 {
        for _ in 0..=d {
            view(&app, IP_OFFICE, CHROME_WIN, json!({"path": "/"})).await;
        }
        app.clock.advance(Duration::days(1));
    }
    let cookie = app.login("chief").await;
    let weeks: Series = get_json(
        &app,
        &cookie,
        "/api/v1/stats/timeseries?from=2026-02-18&to=2026-02-25&interval=week",
    )
    .await;
    let starts: Vec<String> = weeks
        .points
        .iter()
        .map(|p| p.start.date().to_string())
        .collect();
    assert_eq!(starts, ["2026-02-18", "2026-02-23"]);
    // Days 18..22 hold 3+4+5+6+7 views, 23..25 hold 8+9+10.
    assert_eq!(weeks.points[0].totals.pageviews, 25);
    assert_eq!(weeks.points[1].totals.pageviews, 27);
    assert_eq!(weeks.points[0].totals.visitors, 5, "sum of daily visitors");
    assert_eq!(weeks.previous.len(), 2);
    assert_eq!(weeks.previous[0].start.date().to_string(), "2026-02-10");
    // The previous period's second bucket (15..17) holds 16/02 and 17/02: 1 + 2.
    assert_eq!(weeks.previous[1].totals.pageviews, 3);
    let month: Series = get_json(
        &app,
        &cookie,
        "/api/v1/stats/timeseries?from=2026-02-01&to=2026-02-28&interval=month",
    )
    .await;
    assert_eq!(month.points.len(), 1);
    assert_eq!(month.points[0].totals.pageviews, 55);
}

#[tokio::test]
async fn an_ipv6_network_rotating_addresses_is_one_flooding_client() {
    let app = TestApp::new().await;
    let burst = portal_server::stats::BURST as usize;
    let mut refused = 0;
    for i in 0..(burst + 40) {
        // Every beacon from another address of the same /64.
        let ip = format!("2001:db8:42:7:{:x}::{:x}", i / 7, i + 1);
        let res = beacon(&app, &ip, CHROME_WIN, json!({"path": format!("/v6-{i}")})).await;
        if res.status.as_u16() == 429 {
            refused += 1;
        }
    }
    assert_eq!(refused, 40, "the /64 shares one bucket");
    // Another /64 is another client.
    let res = beacon(&app, "2001:db8:42:8::1", CHROME_WIN, json!({"path": "/"})).await;
    res.expect_for(204, "a neighbouring network is not throttled");
}

#[tokio::test]
async fn beacons_keep_only_public_article_ids_and_never_show_a_drafts_title() {
    let app = app_at_2340().await;
    let published = app
        .article_at(portal_contract::Stage::Published, "author")
        .await;
    let draft = app
        .article_at(portal_contract::Stage::Draft, "author")
        .await;
    // Anyone can send a beacon naming any id; only the published article's is kept.
    for (i, id) in [published.id, draft.id, 999_999].into_iter().enumerate() {
        view(
            &app,
            IP_OFFICE,
            CHROME_WIN,
            json!({"path": format!("/bai/{i}"), "article_id": id}),
        )
        .await;
    }
    let cookie = app.login("chief").await;
    let articles = breakdown_of_march_10(&app, &cookie, "articles").await;
    let keys: Vec<&str> = articles.rows.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, [published.id.to_string()]);
    assert_eq!(articles.rows[0].label, published.title);
    // The pageviews themselves are counted.
    let pages = breakdown_of_march_10(&app, &cookie, "pages").await;
    assert_eq!(pages.rows.len(), 3);
    // An article taken off the portal keeps its counts, not its title.
    let admin_store = app.store.clone();
    let mut removed = published.clone();
    removed.stage = portal_contract::Stage::Removed;
    removed.version += 1;
    admin_store
        .update_article(
            &removed,
            published.version,
            portal_server::store::NewHistory {
                at: app.clock_now(),
                actor_id: app.user("chief").id,
                actor_name: "chief".into(),
                action: "remove".into(),
                from_stage: Some(portal_contract::Stage::Published),
                to_stage: Some(portal_contract::Stage::Removed),
                comment: None,
                version: removed.version,
            },
            portal_server::store::NewAudit::success(
                app.clock_now(),
                app.user("chief"),
                "article.transition",
                None,
                None,
            ),
        )
        .await
        .unwrap();
    let articles = breakdown_of_march_10(&app, &cookie, "articles").await;
    assert_eq!(articles.rows[0].key, published.id.to_string());
    assert!(!articles.rows[0].label.contains(&published.title));
}
