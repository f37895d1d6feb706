//! The media library: uploads streamed to storage and typed by their content, images cleaned
//! of metadata and given responsive variants, items placed in articles, and the files served
//! publicly at content-addressed URLs. See the server's README, "Media".
//!
//! SVG is refused: an SVG is a document that can hold script, event handlers and external
//! references, and sanitising it is an attack surface of its own; the board exports
//! infographics as PNG, JPEG or PDF. AVIF is refused until it can be decoded here (the `image`
//! crate decodes it only through a native library), since its metadata could not be removed.

mod attachments;
pub mod demo;
mod detect;
mod files;
pub mod images;
mod ingest;
pub mod library;
mod mp4;
mod postgres;
mod routes;
mod sqlite;
pub mod storage;
pub mod store;
pub mod sweep;
mod upload;
pub mod uses;

pub use detect::{content_type_of_ext, detect, Detected, Refused};
pub use ingest::{store_upload, StoredUpload};
pub use library::{is_upload, size_vi, Media, MULTIPART_OVERHEAD};
pub(crate) use routes::{library_for, library_of_article, media_urls};
pub use storage::{LocalStorage, MediaStorage, StoredName, TempFile};
pub use store::{Deleted, MediaQuery, MediaRecord, MediaStore, StoredVariant};
pub use upload::Received;

use crate::config::MediaSettings;
use crate::state::AppState;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, put};
use axum::Router;

/// `/media` and its items, under `/api/v1`.
pub fn router(settings: &MediaSettings) -> Router<AppState> {
    let body_limit = settings
        .max_upload_bytes()
        .saturating_add(MULTIPART_OVERHEAD);
    let body_limit = usize::try_from(body_limit).unwrap_or(usize::MAX);
    Router::new()
        .route(
            "/media",
            get(routes::list)
                .post(routes::upload)
                .layer(DefaultBodyLimit::max(body_limit)),
        )
        .route(
            "/media/{id}",
            get(routes::get_one)
                .patch(routes::update)
                .delete(routes::delete),
        )
        .route(
            "/media/{id}/file",
            put(routes::replace_file).layer(DefaultBodyLimit::max(body_limit)),
        )
        .route(
            "/media/{id}/poster",
            put(attachments::put_poster)
                .delete(attachments::delete_poster)
                .layer(DefaultBodyLimit::max(body_limit)),
        )
        .route(
            "/media/{id}/captions",
            put(attachments::put_captions)
                .delete(attachments::delete_captions)
                .layer(DefaultBodyLimit::max(body_limit)),
        )
}

/// The public files: `/media-files/ab/cd/<sha-256>.<ext>`, outside the API (no session, long
/// caching).
pub fn files_router() -> Router<AppState> {
    Router::new().route("/media-files/{*name}", get(files::serve))
}
