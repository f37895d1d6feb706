//! What a video or a sound carries besides its file: a video's poster (an image, cleaned as any
//! other) and captions (WebVTT), set with `PUT` and removed with `DELETE
//! /media/{id}/poster` and `/media/{id}/captions`, each a new version of the item.
//!
//! The article's `<video>` then gets its `poster` and a `<track kind="captions">`
//! (`portal_contract::blocks::render_html_with`). A file no longer attached stays until the
//! sweep, as a replaced file does.

use super::ingest::{store_captions, store_poster};
use super::routes::{for_write, full_item, write};
use super::storage::StoredName;
use super::store::MediaRecord;
use super::upload::{self, broken};
use crate::http::error::ApiError;
use crate::http::extract::{CurrentUser, IfMatch, PathId};
use crate::http::respond::versioned;
use crate::state::AppState;
use crate::store::NewAudit;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use portal_contract::media::{webvtt_problem, MediaAttachment, MediaKind, MAX_CAPTIONS_BYTES};
use portal_contract::{FieldError, ProblemKind};

/// A 422 on `field` whose message is also the problem's detail.
fn invalid(field: &str, code: &str, message: impl Into<String>) -> ApiError {
    let message = message.into();
    let mut e = ApiError::validation(vec![FieldError::new(field, code, message.clone())]);
    e.problem.detail = Some(message);
    e
}

/// 422 unless an item of `r`'s kind may carry `what`.
fn fits(what: MediaAttachment, r: &MediaRecord) -> Result<(), ApiError> {
    if what.fits(r.kind) {
        return Ok(());
    }
    let message = match what {
        MediaAttachment::Poster => "Chỉ video mới có ảnh đại diện (poster).",
        MediaAttachment::Captions => "Chỉ video và âm thanh mới có phụ đề.",
    };
    Err(invalid("file", "not_applicable", message))
}

/// Writes `next` (the item with its attachment changed) as the next version.
async fn save(
    state: &AppState,
    me: &CurrentUser,
    current: MediaRecord,
    mut next: MediaRecord,
    action: &str,
) -> Result<Response, ApiError> {
    let now = state.clock.now();
    next.updated_at = now;
    next.version = current.version + 1;
    let audit = NewAudit::success(
        now,
        &me.user,
        action,
        Some(format!("media_item:{}", current.id)),
        None,
    );
    let saved = write(state, &next, current.version, audit).await?;
    let item = full_item(state, saved).await?;
    Ok(versioned(StatusCode::OK, &item, item.version))
}

/// `PUT /media/{id}/poster` with `If-Match` (multipart: `file`, an image).
pub async fn put_poster(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
    if_match: IfMatch,
    multipart: Multipart,
) -> Result<Response, ApiError> {
    let current = for_write(&state, &me, id, &if_match).await?;
    fits(MediaAttachment::Poster, &current)?;
    let mut upload = upload::read(&state.media, multipart, false).await?;
    let received = upload.file.take().ok_or_else(ApiError::internal)?;
    if received.detected.kind != MediaKind::Image {
        return Err(invalid(
            "file",
            "not_image",
            "Ảnh đại diện phải là ảnh JPEG, PNG, WebP hoặc GIF.",
        ));
    }
    let poster = store_poster(&state.media, received).await?;
    let next = MediaRecord {
        poster: Some(poster),
        ..current.clone()
    };
    save(&state, &me, current, next, "media.poster").await
}

/// Reads the `file` part of a captions upload whole (it is small), refusing it as soon as it
/// passes [`MAX_CAPTIONS_BYTES`]; any other part is a 422.
async fn read_captions(mut multipart: Multipart) -> Result<Vec<u8>, ApiError> {
    let mut file: Option<Vec<u8>> = None;
    while let Some(mut field) = multipart.next_field().await.map_err(broken)? {
        if field.name() != Some("file") || file.is_some() {
            let name = field.name().unwrap_or("").to_string();
            return Err(invalid(
                &name,
                "unknown_field",
                "Chỉ gửi một tệp phụ đề (file).",
            ));
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(broken)? {
            if bytes.len() + chunk.len() > MAX_CAPTIONS_BYTES {
                let mut e =
                    ApiError::new(ProblemKind::PayloadTooLarge, "Tệp phụ đề vượt quá 512 KB.");
                e.problem.errors = vec![FieldError::new(
                    "file",
                    "too_large",
                    "Tệp phụ đề vượt quá 512 KB.",
                )];
                return Err(e);
            }
            bytes.extend_from_slice(&chunk);
        }
        file = Some(bytes);
    }
    file.ok_or_else(|| invalid("file", "required", "Hãy chọn một tệp phụ đề (.vtt)."))
}

/// `PUT /media/{id}/captions` with `If-Match` (multipart: `file`, WebVTT).
pub async fn put_captions(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
    if_match: IfMatch,
    multipart: Multipart,
) -> Result<Response, ApiError> {
    let current = for_write(&state, &me, id, &if_match).await?;
    fits(MediaAttachment::Captions, &current)?;
    let text = read_captions(multipart).await?;
    if let Some(problem) = webvtt_problem(&text) {
        return Err(invalid("file", "not_webvtt", problem));
    }
    let captions = store_captions(&state.media, &text).await?;
    let next = MediaRecord {
        captions: Some(captions),
        ..current.clone()
    };
    save(&state, &me, current, next, "media.captions").await
}

/// `DELETE /media/{id}/poster` or `/captions` with `If-Match`: the item without it.
async fn remove(
    state: AppState,
    me: CurrentUser,
    id: i64,
    if_match: IfMatch,
    what: MediaAttachment,
) -> Result<Response, ApiError> {
    let current = for_write(&state, &me, id, &if_match).await?;
    fits(what, &current)?;
    let mut next = current.clone();
    let slot: &mut Option<StoredName> = match what {
        MediaAttachment::Poster => &mut next.poster,
        MediaAttachment::Captions => &mut next.captions,
    };
    *slot = None;
    let action = match what {
        MediaAttachment::Poster => "media.poster_remove",
        MediaAttachment::Captions => "media.captions_remove",
    };
    save(&state, &me, current, next, action).await
}

/// `DELETE /media/{id}/poster`.
pub async fn delete_poster(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
    if_match: IfMatch,
) -> Result<Response, ApiError> {
    remove(state, me, id, if_match, MediaAttachment::Poster).await
}

/// `DELETE /media/{id}/captions`.
pub async fn delete_captions(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
    if_match: IfMatch,
) -> Result<Response, ApiError> {
    remove(state, me, id, if_match, MediaAttachment::Captions).await
}
