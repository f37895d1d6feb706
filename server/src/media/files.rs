//! The public files at `/media-files/ab/cd/<sha-256>.<ext>`: no session, the exact type of the
//! extension the server chose from the content, never sniffed (`nosniff` is set for every
//! answer of the app), cached for a year (a name never changes content), byte ranges for video
//! seeking, and PDFs as downloads. Anything that is not exactly a stored name is a 404, so a
//! path with `..` (plain or encoded) never reaches the filesystem.

use super::detect::content_type_of_ext;
use super::storage::StoredName;
use crate::http::spa::IMMUTABLE;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use tokio::io::{AsyncReadExt, AsyncSeekExt};
use tokio_util::io::ReaderStream;

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "Not found").into_response()
}

/// The byte range asked for, if one valid range of a `len`-byte file: `Ok(None)` for the whole
/// file (no header, a header this server does not read, several ranges), `Err` when it cannot
/// be satisfied.
fn range_of(headers: &HeaderMap, len: u64) -> Result<Option<(u64, u64)>, ()> {
    let Some(raw) = headers.get(header::RANGE).and_then(|v| v.to_str().ok()) else {
        return Ok(None);
    };
    let Ok(parsed) = http_range_header::parse_range_header(raw) else {
        return Ok(None);
    };
    match parsed.validate(len) {
        Ok(ranges) if ranges.len() == 1 => {
            let r = &ranges[0];
            Ok(Some((*r.start(), *r.end())))
        }
        Ok(_) => Ok(None),
        Err(_) => Err(()),
    }
}

/// `GET /media-files/{*name}` (and `HEAD`).
pub async fn serve(
    State(state): State<AppState>,
    method: Method,
    headers: HeaderMap,
    Path(name): Path<String>,
) -> Response {
    let Some(name) = StoredName::parse(&name) else {
        return not_found();
    };
    let Some(content_type) = content_type_of_ext(name.extension()) else {
        return not_found();
    };
    let (mut file, len) = match state.media.storage.open(&name).await {
        Ok(Some(found)) => found,
        Ok(None) => return not_found(),
        Err(e) => {
            tracing::error!(error = %e, file = %name, "cannot open a media file");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let mut res = Response::new(Body::empty());
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if let Ok(etag) = HeaderValue::from_str(&format!("\"{}\"", name.hash())) {
        h.insert(header::ETAG, etag);
    }
    if content_type == "application/pdf" {
        h.insert(
            header::CONTENT_DISPOSITION,
            HeaderValue::from_static("attachment"),
        );
    }
    let if_none_match = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains(name.hash()));
    if if_none_match {
        *res.status_mut() = StatusCode::NOT_MODIFIED;
        return res;
    }
    let (start, end) = match range_of(&headers, len) {
        Ok(None) => (0, len.saturating_sub(1)),
        Ok(Some(r)) => {
            *res.status_mut() = StatusCode::PARTIAL_CONTENT;
            if let Ok(v) = HeaderValue::from_str(&format!("bytes {}-{}/{len}", r.0, r.1)) {
                res.headers_mut().insert(header::CONTENT_RANGE, v);
            }
            r
        }
        Err(()) => {
            *res.status_mut() = StatusCode::RANGE_NOT_SATISFIABLE;
            if let Ok(v) = HeaderValue::from_str(&format!("bytes */{len}")) {
                res.headers_mut().insert(header::CONTENT_RANGE, v);
            }
            return res;
        }
    };
    let count = if len == 0 { 0 } else { end - start + 1 };
    res.headers_mut()
        .insert(header::CONTENT_LENGTH, HeaderValue::from(count));
    if method == Method::HEAD || count == 0 {
        return res;
    }
    if start > 0 {
        if let Err(e) = file.seek(std::io::SeekFrom::Start(start)).await {
            tracing::error!(error = %e, file = %name, "cannot seek a media file");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    }
    *res.body_mut() = Body::from_stream(ReaderStream::new(file.take(count)));
    res
}
