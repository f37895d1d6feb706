//! The public side: published articles only, rendered safely, and diacritic-insensitive
//! search.

use crate::common::*;
use axum::http::Method;
use portal_contract::{Block, Page, PublicArticle, SearchHit, Stage};
use serde_json::json;

/// A published article with these texts, straight into the store (the texts are short for
/// the checklist, and edits past approval wait in revisions); the store indexes it as it saves.
async fn publish(app: &TestApp, title: &str, lead: &str, body: &str) -> i64 {
    app.article_with(Stage::Published, "author", |a| {
        a.title = title.to_string();
        a.lead = lead.to_string();
        a.body = vec![Block::paragraph(body)];
    })
    .await
    .id
}

async fn search(app: &TestApp, q: &str) -> Page<SearchHit> {
    let res = app
        .get(&format!("/api/v1/public/search?q={}", enc(q)), None)
        .await;
    res.expect(200);
    serde_json::from_slice(&res.body).unwrap()
}

fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[tokio::test]
async fn only_published_articles_are_public_and_their_html_is_escaped() {
    let app = TestApp::new().await;
    let draft = app.article_at(Stage::Draft, "author").await;
    let approved = app.article_at(Stage::Approved, "author").await;
    let removed = app.article_at(Stage::Removed, "author").await;
    let id = publish(
        &app,
        "<script>alert('tiêu đề')</script>",
        "Sapo <b>đậm</b>",
        "<img src=x onerror=alert(1)> & \"trích\"",
    )
    .await;

    let res = app.get("/api/v1/public/articles", None).await;
    res.expect(200);
    let page: Page<PublicArticle> = serde_json::from_slice(&res.body).unwrap();
    assert_eq!(page.items.iter().map(|a| a.id).collect::<Vec<_>>(), [id]);
    let one = &page.items[0];
    assert_eq!(
        one.title, "<script>alert('tiêu đề')</script>",
        "JSON keeps the text"
    );
    assert_eq!(
        one.html,
        "<p>&lt;img src=x onerror=alert(1)&gt; &amp; &quot;trích&quot;</p>\n"
    );
    assert!(!one.html.contains("<img"));

    let res = app
        .get(&format!("/api/v1/public/articles/{id}"), None)
        .await;
    res.expect(200);
    for hidden in [draft.id, approved.id, removed.id, 999_999] {
        app.get(&format!("/api/v1/public/articles/{hidden}"), None)
            .await
            .expect(404)
            .problem();
    }
    app.get("/api/v1/public/articles/abc", None)
        .await
        .expect(400);
    app.get("/api/v1/public/articles?per_page=0", None)
        .await
        .expect(400);
    app.get("/api/v1/public/articles?page=x", None)
        .await
        .expect(400);
    app.get("/api/v1/public/articles?draft=1", None)
        .await
        .expect(400);
}

#[tokio::test]
async fn search_ignores_diacritics_and_ranks_titles_first() {
    let app = TestApp::new().await;
    let in_body = publish(
        &app,
        "Tin hoạt động tháng Giêng của cơ quan",
        "Sapo của tin.",
        "Người dân Đà Nẵng tham gia bảo hiểm xã hội tự nguyện ngày càng đông.",
    )
    .await;
    let in_title = publish(
        &app,
        "Bảo hiểm xã hội tự nguyện tại Đà Nẵng",
        "Sapo khác.",
        "Nội dung không nhắc lại từ khóa.",
    )
    .await;
    let hits = search(&app, "bao hiem").await;
    assert_eq!(
        hits.items.iter().map(|h| h.id).collect::<Vec<_>>(),
        [in_title, in_body]
    );
    assert!(hits.items[0].score > hits.items[1].score);
    assert_eq!(hits.total, 2);
    let hits = search(&app, "da nang").await;
    assert_eq!(hits.items[0].id, in_title);
    assert_eq!(search(&app, "ĐÀ NẴNG").await.total, 2);
    assert_eq!(search(&app, "Bảo Hiểm").await.total, 2);
    assert_eq!(search(&app, "giêng").await.items[0].id, in_body);
    assert_eq!(
        search(&app, "bao hiem that nghiep").await.total,
        0,
        "every word must match"
    );

    // Query syntax in the input is only text: never a 500.
    for q in [
        "\"",
        "\"bao",
        "bao*",
        "bao AND hiem",
        "bao OR",
        "NEAR(bao hiem)",
        "-bao",
        "bao -hiem",
        "\u{345}",
        "\u{93f}",
        "a\u{300}\u{301}",
        "ⅷ",
        "x\u{200d}y",
        "hiem:bao",
        "title:bao",
        "^bao",
        "(bao",
        "bao)",
        "{title}: x",
        "NOT",
        "a\"b\"c",
    ] {
        let res = app
            .get(&format!("/api/v1/public/search?q={}", enc(q)), None)
            .await;
        assert!(
            res.status == 200 || res.status == 400,
            "{q}: {} {}",
            res.status,
            String::from_utf8_lossy(&res.body)
        );
    }
    assert_eq!(
        search(&app, "bao AND hiem").await.total,
        0,
        "AND is a word here"
    );
    assert_eq!(search(&app, "\"bảo hiểm\"").await.total, 2);
    assert_eq!(search(&app, "NEAR(bao hiem)").await.total, 0);
    for q in ["***", "\"\"", " - ", "🎉"] {
        let res = app
            .get(&format!("/api/v1/public/search?q={}", enc(q)), None)
            .await;
        res.expect(400);
        assert_eq!(res.error_fields(), ["q"], "{q}");
    }
    app.get("/api/v1/public/search", None).await.expect(400);
    let long = "a".repeat(201);
    app.get(&format!("/api/v1/public/search?q={long}"), None)
        .await
        .expect(400);
    app.get("/api/v1/public/search?q=bao&per_page=500", None)
        .await
        .expect(400);

    // A removal request alone keeps the article public; the approved removal takes it out.
    let editor = app.login("editor").await;
    let chief = app.login("chief").await;
    let hits = |page: Page<SearchHit>| {
        let mut ids: Vec<i64> = page.items.iter().map(|h| h.id).collect();
        ids.sort();
        ids
    };
    let mut both = vec![in_title, in_body];
    both.sort();
    for (who, to, version, comment) in [
        (&editor, "removal_requested", 1, "Trùng bài"),
        (&chief, "removed", 2, "Đồng ý gỡ"),
    ] {
        app.send(
            Call::new(
                Method::POST,
                &format!("/api/v1/articles/{in_title}/transitions"),
            )
            .cookie(Some(who))
            .if_match(version)
            .json(&json!({ "to": to, "comment": comment })),
        )
        .await
        .expect(200);
        let expected = if to == "removed" {
            vec![in_body]
        } else {
            both.clone()
        };
        assert_eq!(hits(search(&app, "bao hiem").await), expected, "{to}");
    }
}

#[tokio::test]
async fn a_library_image_is_published_with_its_variants_and_lends_its_texts() {
    use crate::media::{file_part, item, jpeg_with_gps, served, text_part, upload_parts};
    let app = TestApp::new().await;
    let author = app.login("author").await;
    let photo = jpeg_with_gps(1600, 900, 1);
    let res = upload_parts(
        &app,
        &author,
        &[
            file_part("hoi-nghi.jpg", &photo),
            text_part("alt", "Đại biểu dự hội nghị"),
            text_part("caption", "Ảnh: BHXH tỉnh"),
        ],
    )
    .await;
    res.expect(201);
    let photo = item(&res);
    assert!(!photo.variants.is_empty());

    // An article whose image block has no texts of its own: the library's count for the
    // checklist and appear in the published HTML.
    let chief = app.login("chief").await;
    let a = app.article_at(Stage::PendingApproval, "author").await;
    patch_json(
        &app,
        &chief,
        &format!("/api/v1/articles/{}", a.id),
        1,
        json!({ "body": [
            Block::paragraph("Hội nghị tổng kết công tác truyền thông năm 2026 của BHXH tỉnh. ".repeat(6)),
            { "type": "image", "url": photo.url, "alt": "", "caption": "" },
        ]}),
    )
    .await
    .expect(200);
    let got = app
        .get(&format!("/api/v1/articles/{}", a.id), Some(&chief))
        .await;
    got.expect(200);
    let images = article(&got)
        .checklist
        .items
        .into_iter()
        .find(|i| i.id == "images_described")
        .expect("images_described");
    assert!(images.passed, "{images:?}");
    for (version, to) in [(2, Stage::Approved), (3, Stage::Published)] {
        transition(&app, &chief, a.id, version, to, None)
            .await
            .expect_for(200, to.as_str());
    }

    let public = app
        .get(&format!("/api/v1/public/articles/{}", a.id), None)
        .await;
    public.expect(200);
    let html = serde_json::from_slice::<PublicArticle>(&public.body)
        .unwrap()
        .html;
    assert!(html.contains("<picture>"), "{html}");
    assert!(html.contains("width=\"1600\" height=\"900\""), "{html}");
    assert!(html.contains("alt=\"Đại biểu dự hội nghị\""), "{html}");
    assert!(
        html.contains("<figcaption>Ảnh: BHXH tỉnh</figcaption>"),
        "{html}"
    );
    for v in &photo.variants {
        assert!(html.contains(&format!("{} {}w", v.url, v.width)), "{html}");
        // Every file the srcset names is served, and carries no Exif (GPS) block.
        let file = served(&app, &v.url).await;
        file.expect(200);
        assert!(
            !file.body.windows(6).any(|w| w == b"Exif\0\0"),
            "{} has Exif",
            v.url
        );
    }
    // The list of public articles renders the same way.
    let list = app.get("/api/v1/public/articles", None).await;
    list.expect(200);
    let page: Page<PublicArticle> = serde_json::from_slice(&list.body).unwrap();
    let listed = page.items.iter().find(|p| p.id == a.id).expect("listed");
    assert_eq!(listed.html, html);
}
