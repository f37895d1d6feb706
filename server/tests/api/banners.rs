//! Banners: add, read, change and delete with If-Match; bad inputs by field; who may do what;
//! the public portal's banners of the day (Asia/Ho_Chi_Minh, the test clock moved across
//! midnight); the dashboard's "ending this week"; and a media item kept while a banner shows it.

use crate::common::*;
use axum::http::Method;
use chrono::Duration;
use portal_contract::banners::{Banner, BannerPlacement, PublicBanner};
use portal_contract::media::MediaKind;
use portal_contract::Page;
use portal_server::banners::BannerRecord;
use portal_server::media::{MediaRecord, StoredName, StoredVariant};
use portal_server::store::NewAudit;
use serde_json::{json, Value};

/// A media item of `kind` put straight in the store (its files need not exist: banners only
/// name them). `seed` makes its content hash differ from the others'.
pub async fn media_item(app: &TestApp, kind: MediaKind, seed: u8) -> i64 {
    let editor = app.user("editor").clone();
    let now = app.clock_now();
    let hash = format!("{seed:02x}").repeat(32);
    let (ext, content_type) = match kind {
        MediaKind::Image => ("png", "image/png"),
        MediaKind::Video => ("mp4", "video/mp4"),
        MediaKind::Audio => ("mp3", "audio/mpeg"),
        MediaKind::Document => ("pdf", "application/pdf"),
    };
    let file = StoredName::of(&hash, ext).expect("stored name");
    let variants = if kind == MediaKind::Image {
        let small = StoredName::of(&(format!("{seed:02x}").repeat(31) + "ff"), "webp")
            .expect("variant name");
        vec![StoredVariant {
            width: 320,
            file: small.as_str().to_string(),
            content_type: "image/webp".into(),
        }]
    } else {
        Vec::new()
    };
    let record = MediaRecord {
        id: 0,
        kind,
        filename: format!("tep-{seed}.{ext}"),
        content_type: content_type.into(),
        bytes: 1234,
        width: (kind == MediaKind::Image).then_some(1600),
        height: (kind == MediaKind::Image).then_some(400),
        alt: "Ảnh banner".into(),
        caption: String::new(),
        file,
        variants,
        poster: None,
        captions: None,
        uploaded_by: editor.id,
        uploaded_by_name: editor.full_name.clone(),
        uploaded_at: now,
        updated_at: now,
        version: 1,
    };
    let audit = NewAudit::success(now, &editor, "media.upload", None, None);
    app.store
        .media()
        .insert_media(&record, audit)
        .await
        .expect("media item")
        .id
}

/// A valid `POST /banners` body on media item `media_id` (the test clock's day is 16/02/2026).
pub fn new_banner(media_id: i64) -> Value {
    json!({
        "placement": "home_top",
        "title": "Cài đặt ứng dụng VssID",
        "media_id": media_id,
        "link": "https://baohiemxahoi.gov.vn/vssid",
        "starts_on": "2026-02-10",
        "ends_on": "2026-02-28",
        "position": 1,
    })
}

pub fn post(cookie: Option<&str>, body: &Value) -> Call {
    Call::new(Method::POST, "/api/v1/banners")
        .cookie(cookie)
        .json(body)
}

fn banner(res: &Resp) -> Banner {
    serde_json::from_slice(&res.body).expect("banner")
}

/// A banner made through the API by the editor.
pub async fn banner_on(app: &TestApp, body: &Value) -> Banner {
    let editor = app.login("editor").await;
    banner(app.send(post(Some(&editor), body)).await.expect(201))
}

/// A banner on a new image, current on the test clock's day, put straight in the store; its
/// id.
pub async fn stored_banner(app: &TestApp) -> i64 {
    let image = media_item(app, MediaKind::Image, 9).await;
    let editor = app.user("editor").clone();
    let now = app.clock_now();
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 2, d).expect("day");
    let record = BannerRecord {
        id: 0,
        placement: BannerPlacement::Sidebar,
        title: "Banner thử".into(),
        media_id: image,
        link: "https://baohiemxahoi.gov.vn".into(),
        starts_on: day(1),
        ends_on: day(28),
        position: 0,
        created_by: editor.id,
        created_by_name: editor.full_name.clone(),
        created_at: now,
        updated_at: now,
        version: 1,
    };
    let audit = NewAudit::success(now, &editor, "banner.create", None, None);
    app.store
        .banners()
        .insert_banner(&record, audit)
        .await
        .expect("store")
        .expect("an image")
        .record
        .id
}

async fn banner_rows(app: &TestApp) -> i64 {
    app.db.int("SELECT COUNT(*) FROM banners", &[]).await
}

async fn public(app: &TestApp, placement: &str) -> Vec<PublicBanner> {
    let res = app
        .get(
            &format!("/api/v1/public/banners?placement={placement}"),
            None,
        )
        .await;
    serde_json::from_slice(&res.expect(200).body).expect("public banners")
}

fn titles(list: &[PublicBanner]) -> Vec<&str> {
    list.iter().map(|b| b.alt.as_str()).collect()
}

#[tokio::test]
async fn editors_add_read_change_and_delete_banners() {
    let app = TestApp::new().await;
    let editor = app.login("editor").await;
    let e = Some(editor.as_str());
    let image = media_item(&app, MediaKind::Image, 1).await;

    let res = app.send(post(e, &new_banner(image))).await;
    res.expect(201);
    let b = banner(&res);
    assert_eq!(res.etag().as_deref(), Some("\"1\""));
    assert_eq!(
        res.header("location"),
        Some(format!("/api/v1/banners/{}", b.id))
    );
    assert_eq!(b.title, "Cài đặt ứng dụng VssID");
    assert_eq!(b.media_id, image);
    assert_eq!(b.created_by, app.user("editor").id);
    let hash = "01".repeat(32);
    assert!(
        b.image.url.ends_with(&format!("{hash}.png")),
        "{}",
        b.image.url
    );
    assert_eq!((b.image.width, b.image.height), (Some(1600), Some(400)));
    assert_eq!(b.image.variants.len(), 1);
    assert_eq!(b.image.variants[0].content_type, "image/webp");

    let got = app.get(&format!("/api/v1/banners/{}", b.id), e).await;
    assert_eq!(got.expect(200).etag().as_deref(), Some("\"1\""));
    assert_eq!(banner(&got), b);
    let list: Page<Banner> =
        serde_json::from_slice(&app.get("/api/v1/banners", e).await.expect(200).body).unwrap();
    assert_eq!(list.total, 1);
    assert_eq!(list.items[0], b);

    // Only what the patch names changes; the rest is checked again.
    let path = format!("/api/v1/banners/{}", b.id);
    let res = app
        .send(
            Call::new(Method::PATCH, &path)
                .cookie(e)
                .if_match(1)
                .json(&json!({ "title": "  VssID – BHXH số  ", "position": 0 })),
        )
        .await;
    let changed = banner(res.expect(200));
    assert_eq!(res.etag().as_deref(), Some("\"2\""));
    assert_eq!(changed.title, "VssID – BHXH số");
    assert_eq!(changed.position, 0);
    assert_eq!(changed.link, b.link);
    assert_eq!(changed.version, 2);

    // A patch that changes nothing writes nothing.
    let same = app
        .send(
            Call::new(Method::PATCH, &path)
                .cookie(e)
                .if_match(2)
                .json(&json!({ "title": "VssID – BHXH số", "position": 0 })),
        )
        .await;
    assert_eq!(banner(same.expect(200)), changed);

    // A stale or missing If-Match changes nothing.
    let stale = app
        .send(
            Call::new(Method::PATCH, &path)
                .cookie(e)
                .if_match(1)
                .json(&json!({ "title": "Cũ" })),
        )
        .await;
    stale.expect(412);
    assert_eq!(stale.etag().as_deref(), Some("\"2\""));
    let p = stale.problem();
    assert_eq!(p.current.as_ref().unwrap()["title"], "VssID – BHXH số");
    app.send(
        Call::new(Method::PATCH, &path)
            .cookie(e)
            .json(&json!({ "title": "Cũ" })),
    )
    .await
    .expect(428);
    app.send(Call::new(Method::DELETE, &path).cookie(e).if_match(1))
        .await
        .expect(412);
    app.send(Call::new(Method::DELETE, &path).cookie(e))
        .await
        .expect(428);
    app.send(
        Call::new(Method::PATCH, "/api/v1/banners/999999")
            .cookie(e)
            .if_match(1)
            .json(&json!({})),
    )
    .await
    .expect(404);

    app.send(Call::new(Method::DELETE, &path).cookie(e).if_match(2))
        .await
        .expect(204);
    app.get(&path, e).await.expect(404);
    app.send(Call::new(Method::DELETE, &path).cookie(e).if_match(2))
        .await
        .expect(404);
    // The image stays in the library.
    app.get(&format!("/api/v1/media/{image}"), e)
        .await
        .expect(200);
    let audited = app
        .db
        .int(
            "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'banner.%'",
            &[],
        )
        .await;
    assert_eq!(audited, 3, "create, update, delete");
}

#[tokio::test]
async fn bad_banners_are_422_by_field_and_write_nothing() {
    let app = TestApp::new().await;
    let editor = app.login("editor").await;
    let e = Some(editor.as_str());
    let image = media_item(&app, MediaKind::Image, 1).await;
    let video = media_item(&app, MediaKind::Video, 2).await;
    let pdf = media_item(&app, MediaKind::Document, 3).await;
    let with = |changes: Value| {
        let mut body = new_banner(image);
        for (k, v) in changes.as_object().unwrap() {
            body[k] = v.clone();
        }
        body
    };
    let cases: Vec<(&str, Value, Vec<&str>)> = vec![
        ("no title", with(json!({ "title": "   " })), vec!["title"]),
        (
            "javascript link",
            with(json!({ "link": "javascript:alert(1)" })),
            vec!["link"],
        ),
        (
            "relative link",
            with(json!({ "link": "/vssid" })),
            vec!["link"],
        ),
        (
            "link with a space",
            with(json!({ "link": "https://vss.gov.vn/a b" })),
            vec!["link"],
        ),
        ("empty link", with(json!({ "link": "" })), vec!["link"]),
        (
            "ends before it starts",
            with(json!({ "starts_on": "2026-03-01", "ends_on": "2026-02-28" })),
            vec!["ends_on"],
        ),
        (
            "a year after 2099",
            with(json!({ "ends_on": "2100-01-01" })),
            vec!["ends_on"],
        ),
        (
            "negative position",
            with(json!({ "position": -1 })),
            vec!["position"],
        ),
        (
            "position too large",
            with(json!({ "position": 1000 })),
            vec!["position"],
        ),
        (
            "unknown media",
            with(json!({ "media_id": 999_999 })),
            vec!["media_id"],
        ),
        (
            "a video",
            with(json!({ "media_id": video })),
            vec!["media_id"],
        ),
        (
            "a document",
            with(json!({ "media_id": pdf })),
            vec!["media_id"],
        ),
        (
            "no such day",
            with(json!({ "starts_on": "2026-02-30" })),
            vec!["starts_on"],
        ),
        (
            "a day written dd/MM/yyyy",
            with(json!({ "starts_on": "10/02/2026" })),
            vec!["starts_on"],
        ),
        (
            "unknown placement",
            with(json!({ "placement": "footer" })),
            vec!["placement"],
        ),
        (
            "unknown field",
            with(json!({ "colour": "red" })),
            vec!["colour"],
        ),
    ];
    for (case, body, fields) in cases {
        let res = app.send(post(e, &body)).await;
        res.expect_for(422, case);
        assert_eq!(res.error_fields(), fields, "{case}");
    }
    let res = app.send(post(e, &with(json!({ "media_id": pdf })))).await;
    let p = res.problem();
    assert_eq!(p.errors[0].code, "not_image");
    assert!(
        p.errors[0].message.contains("ảnh"),
        "{}",
        p.errors[0].message
    );
    let res = app
        .send(post(e, &with(json!({ "media_id": 999_999 }))))
        .await;
    assert_eq!(res.problem().errors[0].code, "not_found");
    let res = app
        .send(post(
            e,
            &with(json!({ "starts_on": "2026-03-01", "ends_on": "2026-02-28" })),
        ))
        .await;
    let p = res.problem();
    assert_eq!(p.errors[0].code, "before_start");
    assert!(
        p.errors[0].message.contains("01/03/2026"),
        "{}",
        p.errors[0].message
    );
    assert_eq!(banner_rows(&app).await, 0);

    // A change is checked as a whole: the end may not move before the start, nor the image
    // become a video.
    let b = banner_on(&app, &new_banner(image)).await;
    let path = format!("/api/v1/banners/{}", b.id);
    for (case, patch, field) in [
        (
            "end before start",
            json!({ "ends_on": "2026-02-01" }),
            "ends_on",
        ),
        ("a video", json!({ "media_id": video }), "media_id"),
        ("bad link", json!({ "link": "ftp://vss.gov.vn" }), "link"),
    ] {
        let res = app
            .send(
                Call::new(Method::PATCH, &path)
                    .cookie(e)
                    .if_match(1)
                    .json(&patch),
            )
            .await;
        res.expect_for(422, case);
        assert_eq!(res.error_fields(), [field], "{case}");
    }
    assert_eq!(banner(app.get(&path, e).await.expect(200)), b);
}

#[tokio::test]
async fn hostile_titles_are_kept_as_text_within_limits() {
    let app = TestApp::new().await;
    let editor = app.login("editor").await;
    let e = Some(editor.as_str());
    let image = media_item(&app, MediaKind::Image, 1).await;
    for title in [
        "<script>alert('x')</script>",
        "<img src=x onerror=alert(1)>",
        "\u{202E}gnp.exe \u{200F}مرحبا بالعالم",
        "Tết 2026 🎉🧧 Chúc mừng năm mới",
        &"😀".repeat(200),
    ] {
        let mut body = new_banner(image);
        body["title"] = json!(title);
        let b = banner(app.send(post(e, &body)).await.expect(201));
        assert_eq!(b.title, title);
        let public = public(&app, "home_top").await;
        assert!(public.iter().any(|p| p.alt == title), "{title}");
    }
    for (case, title, code) in [
        ("10,000 characters", "x".repeat(10_000), "too_long"),
        ("201 emoji", "😀".repeat(201), "too_long"),
        (
            "a line break",
            "Dòng 1\nDòng 2".to_string(),
            "invalid_characters",
        ),
        ("a NUL", "a\u{0}b".to_string(), "invalid_characters"),
    ] {
        let mut body = new_banner(image);
        body["title"] = json!(title);
        let res = app.send(post(e, &body)).await;
        res.expect_for(422, case);
        let p = res.problem();
        assert_eq!(p.errors[0].field, "title", "{case}");
        assert_eq!(p.errors[0].code, code, "{case}");
    }
    let mut body = new_banner(image);
    body["link"] = json!(format!("https://vss.gov.vn/{}", "a".repeat(10_000)));
    let res = app.send(post(e, &body)).await;
    res.expect(422);
    assert_eq!(res.error_fields(), ["link"]);
    assert_eq!(banner_rows(&app).await, 5);
}

#[tokio::test]
async fn editors_and_above_manage_the_director_reads_others_are_refused() {
    let app = TestApp::new().await;
    let image = media_item(&app, MediaKind::Image, 1).await;
    let b = banner_on(&app, &new_banner(image)).await;
    let path = format!("/api/v1/banners/{}", b.id);
    for (who, manages, reads) in [
        ("editor", true, true),
        ("secretary", true, true),
        ("chief", true, true),
        ("director", false, true),
        ("author", false, false),
        ("admin", false, false),
        ("local_office", false, false),
        ("it_centre", false, false),
        ("communication_centre", false, false),
    ] {
        let cookie = app.login(who).await;
        let c = Some(cookie.as_str());
        let read = if reads { 200 } else { 403 };
        app.get("/api/v1/banners", c).await.expect_for(read, who);
        app.get(&path, c).await.expect_for(read, who);
        let write = if manages { 201 } else { 403 };
        app.send(post(c, &new_banner(image)))
            .await
            .expect_for(write, who);
        let current = app
            .db
            .int("SELECT version FROM banners WHERE id = ?", &[b.id])
            .await;
        app.send(
            Call::new(Method::PATCH, &path)
                .cookie(c)
                .if_match(current)
                .json(&json!({ "position": 2 })),
        )
        .await
        .expect_for(if manages { 200 } else { 403 }, who);
    }
    for call in [
        Call::new(Method::GET, "/api/v1/banners"),
        Call::new(Method::GET, &path),
        post(None, &new_banner(image)),
        Call::new(Method::DELETE, &path).if_match(1),
    ] {
        let case = call.describe();
        app.send(call).await.expect_for(401, &case);
    }
    // The public endpoint needs no session.
    assert_eq!(public(&app, "home_top").await.len(), 4);
}

#[tokio::test]
async fn the_public_portal_gets_the_banners_of_today_in_vietnam_by_position() {
    let app = TestApp::new().await;
    // The test clock: 16/02/2026 08:30 in Asia/Ho_Chi_Minh (01:30 UTC).
    let image = media_item(&app, MediaKind::Image, 1).await;
    let other = media_item(&app, MediaKind::Image, 2).await;
    let make = |title: &str, placement: &str, from: &str, to: &str, position: i64, media: i64| {
        let mut body = new_banner(media);
        body["title"] = json!(title);
        body["placement"] = json!(placement);
        body["starts_on"] = json!(from);
        body["ends_on"] = json!(to);
        body["position"] = json!(position);
        body
    };
    for body in [
        make(
            "Hết hôm nay",
            "home_top",
            "2026-02-10",
            "2026-02-16",
            2,
            image,
        ),
        make(
            "Từ hôm nay",
            "home_top",
            "2026-02-16",
            "2026-02-20",
            1,
            other,
        ),
        make(
            "Từ ngày mai",
            "home_top",
            "2026-02-17",
            "2026-02-18",
            0,
            image,
        ),
        make("Đã hết", "home_top", "2026-02-01", "2026-02-15", 0, image),
        make("Cột bên", "sidebar", "2026-02-16", "2026-02-16", 0, image),
    ] {
        banner_on(&app, &body).await;
    }
    let today = public(&app, "home_top").await;
    assert_eq!(titles(&today), ["Từ hôm nay", "Hết hôm nay"]);
    let first = &today[0];
    assert_eq!(first.link, "https://baohiemxahoi.gov.vn/vssid");
    assert!(first
        .image
        .url
        .ends_with(&format!("{}.png", "02".repeat(32))));
    assert_eq!(first.image.variants.len(), 1);
    assert_eq!(titles(&public(&app, "sidebar").await), ["Cột bên"]);
    assert!(public(&app, "home_middle").await.is_empty());

    // 23:59 in Vietnam is still the 16th (16:59 UTC).
    app.clock
        .advance(Duration::hours(15) + Duration::minutes(29));
    assert_eq!(
        titles(&public(&app, "home_top").await),
        ["Từ hôm nay", "Hết hôm nay"]
    );
    // Midnight in Vietnam (17:00 UTC, still the 16th in UTC) starts the 17th.
    app.clock.advance(Duration::minutes(1));
    assert_eq!(
        titles(&public(&app, "home_top").await),
        ["Từ ngày mai", "Từ hôm nay"]
    );
    assert!(public(&app, "sidebar").await.is_empty());
    app.clock.advance(Duration::days(2));
    assert_eq!(titles(&public(&app, "home_top").await), ["Từ hôm nay"]);
    // The last day (20/02) is included.
    app.clock.advance(Duration::days(1));
    assert_eq!(titles(&public(&app, "home_top").await), ["Từ hôm nay"]);
    app.clock.advance(Duration::days(1));
    assert!(public(&app, "home_top").await.is_empty());

    for (query, field) in [
        ("", "placement"),
        ("?placement=footer", "placement"),
        ("?placement=home_top&page=2", "page"),
    ] {
        let res = app
            .get(&format!("/api/v1/public/banners{query}"), None)
            .await;
        res.expect_for(400, query);
        assert_eq!(res.error_fields(), [field], "{query}");
    }
}

#[tokio::test]
async fn the_dashboard_lists_the_banners_ending_this_week() {
    let app = TestApp::new().await;
    let director = app.login("director").await;
    let d = Some(director.as_str());
    let image = media_item(&app, MediaKind::Image, 1).await;
    let make = |title: &str, placement: &str, from: &str, to: &str| {
        let mut body = new_banner(image);
        body["title"] = json!(title);
        body["placement"] = json!(placement);
        body["starts_on"] = json!(from);
        body["ends_on"] = json!(to);
        body
    };
    // Today is 16/02/2026: the week is 16/02 to 22/02.
    for body in [
        make("Hết ngày 22", "sidebar", "2026-02-01", "2026-02-22"),
        make("Hết hôm nay", "home_top", "2026-02-01", "2026-02-16"),
        make("Hết ngày 23", "home_top", "2026-02-01", "2026-02-23"),
        make("Đã hết hôm qua", "home_top", "2026-02-01", "2026-02-15"),
        make(
            "Chưa bắt đầu, hết ngày 20",
            "home_middle",
            "2026-02-18",
            "2026-02-20",
        ),
    ] {
        banner_on(&app, &body).await;
    }
    let list = |query: &'static str| {
        let app = &app;
        async move {
            let res = app.get(&format!("/api/v1/banners{query}"), d).await;
            let page: Page<Banner> = serde_json::from_slice(&res.expect(200).body).unwrap();
            (
                page.total,
                page.items.into_iter().map(|b| b.title).collect::<Vec<_>>(),
            )
        }
    };
    assert_eq!(
        list("?ending_within_days=7").await,
        (
            3,
            vec![
                "Hết hôm nay".to_string(),
                "Chưa bắt đầu, hết ngày 20".to_string(),
                "Hết ngày 22".to_string()
            ]
        )
    );
    assert_eq!(
        list("?ending_within_days=1").await.1,
        ["Hết hôm nay".to_string()]
    );
    assert_eq!(list("?ending_within_days=7&placement=home_top").await.0, 1);
    assert_eq!(
        list("?status=ended").await.1,
        ["Đã hết hôm qua".to_string()]
    );
    assert_eq!(
        list("?status=upcoming").await.1,
        ["Chưa bắt đầu, hết ngày 20".to_string()]
    );
    assert_eq!(list("?status=current").await.0, 3);
    // By placement, top of the page first.
    assert_eq!(
        list("?per_page=2").await,
        (
            5,
            vec!["Hết hôm nay".to_string(), "Hết ngày 23".to_string()]
        )
    );
    for (query, field) in [
        ("?ending_within_days=0", "ending_within_days"),
        ("?ending_within_days=abc", "ending_within_days"),
        ("?ending_within_days=367", "ending_within_days"),
        ("?status=soon", "status"),
        ("?placement=footer", "placement"),
        ("?colour=red", "colour"),
    ] {
        let res = app.get(&format!("/api/v1/banners{query}"), d).await;
        res.expect_for(400, query);
        assert_eq!(res.error_fields(), [field], "{query}");
    }
}

#[tokio::test]
async fn a_media_item_a_banner_shows_is_not_deleted() {
    let app = TestApp::new().await;
    let editor = app.login("editor").await;
    let e = Some(editor.as_str());
    let image = media_item(&app, MediaKind::Image, 1).await;
    let spare = media_item(&app, MediaKind::Image, 2).await;
    let b = banner_on(&app, &new_banner(image)).await;

    let uses = app
        .store
        .banners()
        .banners_using_media(image)
        .await
        .unwrap();
    assert_eq!(uses.len(), 1);
    assert_eq!(
        (uses[0].id, uses[0].title.as_str()),
        (b.id, "Cài đặt ứng dụng VssID")
    );
    let described = uses[0].media_use();
    assert_eq!(described.kind, portal_contract::media::MediaUseKind::Banner);
    assert_eq!(described.place, "home_top");
    assert!(app
        .store
        .banners()
        .banners_using_media(spare)
        .await
        .unwrap()
        .is_empty());

    // The library's delete is refused with 409 listing the banner, and nothing is lost (the
    // database's foreign key would refuse it too).
    let res = app
        .send(
            Call::new(Method::DELETE, &format!("/api/v1/media/{image}"))
                .cookie(e)
                .if_match(1),
        )
        .await;
    res.expect(409);
    let current: portal_contract::media::MediaItem =
        serde_json::from_value(res.problem().current.expect("the item")).unwrap();
    assert!(
        current
            .used_in
            .iter()
            .any(|u| u.kind == portal_contract::media::MediaUseKind::Banner
                && u.id == b.id
                && u.place == "home_top"),
        "{:?}",
        current.used_in
    );
    app.get(&format!("/api/v1/media/{image}"), e)
        .await
        .expect(200);
    assert_eq!(
        titles(&public(&app, "home_top").await),
        ["Cài đặt ứng dụng VssID"]
    );
    assert!(
        app.db
            .exec("DELETE FROM media_items WHERE id = ?", &[image])
            .await
            .is_err(),
        "the foreign key refuses the delete"
    );

    // Moved to another image, the first is free again.
    let path = format!("/api/v1/banners/{}", b.id);
    let moved = app
        .send(
            Call::new(Method::PATCH, &path)
                .cookie(e)
                .if_match(1)
                .json(&json!({ "media_id": spare })),
        )
        .await;
    assert_eq!(banner(moved.expect(200)).media_id, spare);
    let media = app.get(&format!("/api/v1/media/{image}"), e).await;
    let version = media.json()["version"].as_i64().unwrap();
    app.send(
        Call::new(Method::DELETE, &format!("/api/v1/media/{image}"))
            .cookie(e)
            .if_match(version),
    )
    .await
    .expect(204);
    // A banner cannot be made on the deleted item.
    let res = app.send(post(e, &new_banner(image))).await;
    res.expect(422);
    assert_eq!(res.problem().errors[0].code, "not_found");
}

#[tokio::test]
async fn the_demo_shows_a_banner_of_a_library_image_ending_this_week() {
    use portal_server::config::Config;
    let app = TestApp::on(
        test_db().await,
        Config::default(),
        std::sync::Arc::new(portal_server::clock::ManualClock::new(
            chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 3, 10, 2, 0, 0).unwrap(),
        )),
    );
    portal_server::demo::seed_if_empty(&app.state, 12)
        .await
        .unwrap()
        .expect("seeded");
    let shown = public(&app, "home_top").await;
    assert_eq!(
        titles(&shown),
        ["Cài đặt ứng dụng VssID – Bảo hiểm xã hội số"]
    );
    let editor = app
        .login_with("editor", portal_server::demo::DEMO_PASSWORD)
        .await;
    let ending: Page<Banner> = serde_json::from_slice(
        &app.get("/api/v1/banners?ending_within_days=7", Some(&editor))
            .await
            .expect(200)
            .body,
    )
    .unwrap();
    assert_eq!(ending.total, 1);
    let media = app
        .get(
            &format!("/api/v1/media/{}", ending.items[0].media_id),
            Some(&editor),
        )
        .await;
    assert_eq!(media.expect(200).json()["filename"], "vssid-huong-dan.png");
}
