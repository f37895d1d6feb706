//! Demo media: four images drawn by code (gradients with a band of colour, no downloads),
//! uploaded through the same path as the board's (typed from their bytes, re-encoded, given
//! variants), and set as the covers of the newest published demo articles.

use super::ingest::store_upload;
use super::library::Media;
use super::store::MediaRecord;
use super::upload::receive_bytes;
use crate::state::AppState;
use crate::store::{NewAudit, NewHistory};
use chrono::{DateTime, Utc};
use image::{ImageFormat, Rgb, RgbImage};
use portal_contract::{CoverImage, User};

struct DemoImage {
    filename: &'static str,
    alt: &'static str,
    caption: &'static str,
    from: [u8; 3],
    to: [u8; 3],
    format: ImageFormat,
}

const IMAGES: [DemoImage; 4] = [
    DemoImage {
        filename: "bhxh-tuyen-truyen.jpg",
        alt: "Nền xanh lam chuyển dần sang xanh lục, màu nhận diện của ngành BHXH",
        caption: "Ảnh minh họa: tuyên truyền chính sách BHXH, BHYT.",
        from: [0, 84, 166],
        to: [0, 158, 96],
        format: ImageFormat::Jpeg,
    },
    DemoImage {
        filename: "vssid-huong-dan.png",
        alt: "Nền cam chuyển dần sang vàng",
        caption: "Ảnh minh họa: hướng dẫn cài đặt ứng dụng VssID.",
        from: [230, 92, 0],
        to: [250, 204, 21],
        format: ImageFormat::Png,
    },
    DemoImage {
        filename: "canh-bao-lua-dao.jpg",
        alt: "Nền đỏ sẫm chuyển dần sang cam",
        caption: "Ảnh minh họa: cảnh báo lừa đảo qua mạng.",
        from: [153, 27, 27],
        to: [234, 88, 12],
        format: ImageFormat::Jpeg,
    },
    DemoImage {
        filename: "ngay-bhyt-viet-nam.png",
        alt: "Nền tím chuyển dần sang xanh da trời",
        caption: "Ảnh minh họa: hưởng ứng Ngày Bảo hiểm y tế Việt Nam 1/7.",
        from: [91, 33, 182],
        to: [14, 165, 233],
        format: ImageFormat::Png,
    },
];

/// A 1600 × 900 diagonal gradient with a lighter band across it.
fn draw(d: &DemoImage) -> Result<Vec<u8>, String> {
    let (w, h) = (1600u32, 900u32);
    let img = RgbImage::from_fn(w, h, |x, y| {
        let t = (x + y) as f32 / (w + h) as f32;
        let band = ((y as f32 / h as f32 - 0.62).abs() < 0.06) as u8 as f32 * 40.0;
        let mix = |a: u8, b: u8| (a as f32 + (b as f32 - a as f32) * t + band).min(255.0) as u8;
        Rgb([
            mix(d.from[0], d.to[0]),
            mix(d.from[1], d.to[1]),
            mix(d.from[2], d.to[2]),
        ])
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    img.write_to(&mut bytes, d.format)
        .map_err(|e| e.to_string())?;
    Ok(bytes.into_inner())
}

async fn upload(
    state: &AppState,
    media: &Media,
    d: &DemoImage,
    by: &User,
    now: DateTime<Utc>,
) -> Result<MediaRecord, String> {
    let bytes = draw(d)?;
    let problem = |e: crate::http::error::ApiError| {
        e.problem
            .detail
            .clone()
            .unwrap_or_else(|| e.problem.title.clone())
    };
    let received = receive_bytes(media, &bytes, d.filename)
        .await
        .map_err(problem)?;
    let stored = store_upload(media, received).await.map_err(problem)?;
    let record = MediaRecord {
        id: 0,
        kind: stored.kind,
        filename: d.filename.to_string(),
        content_type: stored.content_type,
        bytes: stored.bytes,
        width: stored.width,
        height: stored.height,
        alt: d.alt.to_string(),
        caption: d.caption.to_string(),
        file: stored.file,
        variants: stored.variants,
        poster: None,
        captions: None,
        uploaded_by: by.id,
        uploaded_by_name: by.full_name.clone(),
        uploaded_at: now,
        updated_at: now,
        version: 1,
    };
    let audit = NewAudit::success(now, by, "media.upload", None, None);
    state
        .store
        .media()
        .insert_media(&record, audit)
        .await
        .map_err(|e| e.to_string())
}

/// Seeds the demo images (by the editor) and puts them on the newest published articles
/// without a cover.
pub async fn seed(state: &AppState, users: &[User], now: DateTime<Utc>) -> Result<(), String> {
    let Some(editor) = users.iter().find(|u| u.username == "editor") else {
        return Ok(());
    };
    let mut records = Vec::new();
    for d in &IMAGES {
        records.push(upload(state, &state.media, d, editor, now).await?);
    }
    let published = state
        .store
        .published_articles(1, records.len() as u32)
        .await
        .map_err(|e| e.to_string())?;
    for (article, record) in published.items.into_iter().zip(&records) {
        if article.cover.is_some() {
            continue;
        }
        let mut next = article.clone();
        next.cover = Some(CoverImage {
            url: state.media.url(&record.file),
            alt: record.alt.clone(),
            caption: record.caption.clone(),
        });
        // Just after the article's last change: the demo's past stays in the past.
        let at = article.updated_at + chrono::Duration::seconds(1);
        next.version = article.version + 1;
        next.updated_at = at;
        next.updated_by = editor.id;
        next.updated_by_name = editor.full_name.clone();
        next.checklist = portal_contract::checklist::evaluate(&next, &state.checklist);
        let history = NewHistory {
            at,
            actor_id: editor.id,
            actor_name: editor.full_name.clone(),
            action: "update".to_string(),
            from_stage: None,
            to_stage: None,
            comment: None,
            version: next.version,
        };
        let audit = NewAudit::success(
            at,
            editor,
            "article.update",
            Some(format!("article:{}", article.id)),
            Some("cover".to_string()),
        );
        state
            .store
            .update_article(&next, article.version, history, audit)
            .await
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}
