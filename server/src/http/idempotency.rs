//! `Idempotency-Key`: a write the client retries with the same key happens once.
//!
//! A client that lost the answer to a write (a dropped connection, a server restarted
//! mid-request) sends it again with the same `Idempotency-Key` header. The first request with
//! a key records it (per session, with a fingerprint of method, path and body) before the
//! handler runs; the answer is recorded after it. A retry then gets:
//! - the recorded answer again, with `Idempotent-Replayed: true`;
//! - `409` with `Retry-After` while the first one is still running;
//! - `422` when the key was used for a different request;
//! - `409` (`idempotency-applied`) when the write was committed but the server died before it
//!   recorded the answer. The store marks the key "applied" inside the write's own transaction
//!   (see [`current`], used where the audit line is written), so this is known for certain
//!   and the write is never run twice; `Location` names what it wrote when it can.
//!
//! A first attempt that died before its write committed leaves a lease that expires after
//! [`crate::config::IDEMPOTENCY_LEASE`]; the retry after that runs the request afresh. Records are kept for a day.

use crate::auth;
use crate::http::error::ApiError;
use crate::state::AppState;
use crate::store::idempotency::{Begun, StoredResponse};
use axum::body::Body;
use axum::extract::{OriginalUri, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::Duration;
use portal_contract::FieldError;
use sha2::{Digest, Sha256};

/// The request header.
pub const HEADER: &str = "idempotency-key";
/// Set on a replayed answer.
pub const REPLAYED: &str = "idempotent-replayed";
/// How long keys are remembered.
pub const KEEP: Duration = Duration::hours(24);
/// The largest answer recorded (answers of this API are far smaller).
const MAX_RECORDED: usize = 4 * 1024 * 1024;

pub use crate::db::idempotency::current;

/// The key from the header: 1–255 visible ASCII characters, optionally in quotes (the IETF
/// draft makes it a structured-field string).
fn parse_key(raw: &HeaderValue) -> Option<String> {
    let s = raw.to_str().ok()?.trim();
    let s = s
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(s);
    let ok = (1..=255).contains(&s.len()) && s.bytes().all(|b| (0x21..=0x7e).contains(&b));
    ok.then(|| s.to_string())
}

fn problem(status: StatusCode, slug: &str, title: &str, detail: &str) -> ApiError {
    ApiError::custom(status, slug, title, detail)
}

fn replay(r: StoredResponse) -> Response {
    let mut res = Response::new(Body::from(r.body));
    *res.status_mut() = StatusCode::from_u16(r.status).unwrap_or(StatusCode::OK);
    let h = res.headers_mut();
    for (name, value) in [
        (header::CONTENT_TYPE, r.content_type),
        (header::ETAG, r.etag),
        (header::LOCATION, r.location),
    ] {
        if let Some(v) = value.and_then(|v| HeaderValue::from_str(&v).ok()) {
            h.insert(name, v);
        }
    }
    h.insert(REPLAYED, HeaderValue::from_static("true"));
    res
}

/// Where a written target lives in the API (`article:12` → `/api/v1/articles/12`).
fn location_of(target: &str) -> Option<String> {
    let (kind, id) = target.split_once(':')?;
    id.parse::<i64>().ok()?;
    let collection = match kind {
        "article" => "articles",
        "user" => "users",
        "plan" => "plans",
        "fraud_report" => "fraud-reports",
        "media_item" => "media",
        "quarterly_submission" => "quarterly-submissions",
        _ => return None,
    };
    Some(format!("/api/v1/{collection}/{id}"))
}

/// What identifies a request under its key: SHA-256 of method, path with query, and body.
pub fn fingerprint(method: &str, path_and_query: &str, body: &[u8]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(method.as_bytes());
    hasher.update(b" ");
    hasher.update(path_and_query.as_bytes());
    hasher.update(b"\n");
    hasher.update(body);
    hex::encode(hasher.finalize())
}

/// The middleware (on `/api`, inside the CSRF guard).
pub async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    // An upload is streamed, never buffered, so it cannot be fingerprinted: the same content
    // sent again is stored once anyway (content-addressed), as a second item.
    if crate::media::library::is_upload(req.method(), req.uri().path()) {
        return next.run(req).await;
    }
    let Some(raw) = req.headers().get(HEADER).cloned() else {
        return next.run(req).await;
    };
    let Some(key) = parse_key(&raw) else {
        return ApiError::bad_request(
            "Tiêu đề Idempotency-Key không hợp lệ: cần 1–255 ký tự ASCII nhìn thấy được.",
            vec![FieldError {
                field: "Idempotency-Key".into(),
                code: "invalid".into(),
                message: "Cần 1–255 ký tự ASCII nhìn thấy được.".into(),
            }],
        )
        .into_response();
    };
    // Keys belong to a session: without one the request is simply not deduplicated (a login
    // or a beacon).
    let Some(token) = auth::session_token(req.headers(), state.config.secure_cookies) else {
        return next.run(req).await;
    };
    let scope = auth::token_hash(&token);
    // Only a session that opens: a forged or expired cookie stores nothing (the handler then
    // answers 401), so anonymous requests cannot fill the table.
    let now = state.clock.now();
    match state.store.session(&scope).await {
        Ok(Some((s, user)))
            if now < s.idle_expires_at && now < s.absolute_expires_at && user.active => {}
        Ok(_) => return next.run(req).await,
        Err(e) => return ApiError::from(e).into_response(),
    }
    let (parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, portal_contract::MAX_BODY_BYTES).await {
        Ok(b) => b,
        Err(_) => return ApiError::payload_too_large().into_response(),
    };
    // The URI as the client sent it (inside `/api` the router sees it without the prefix).
    let uri = parts
        .extensions
        .get::<OriginalUri>()
        .map(|o| o.0.clone())
        .unwrap_or_else(|| parts.uri.clone());
    let fingerprint = fingerprint(
        parts.method.as_str(),
        uri.path_and_query().map(|p| p.as_str()).unwrap_or(""),
        &bytes,
    );
    let store = state.store.idempotency();
    let lease = state.config.idempotency_lease;
    let id = match store.begin(&scope, &key, &fingerprint, now, lease).await {
        Ok(Begun::Fresh(id)) => id,
        Ok(Begun::Replay(r)) => return replay(r),
        Ok(Begun::InFlight) => return problem(
            StatusCode::CONFLICT,
            "idempotency-in-flight",
            "Request in progress",
            "Yêu cầu với khóa Idempotency-Key này đang được xử lý. Vui lòng thử lại sau giây lát.",
        )
        .with_header(header::RETRY_AFTER, HeaderValue::from_static("1"))
        .into_response(),
        Ok(Begun::Mismatch) => {
            return problem(
                StatusCode::UNPROCESSABLE_ENTITY,
                "idempotency-mismatch",
                "Idempotency key reused",
                "Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác.",
            )
            .into_response()
        }
        Ok(Begun::Applied { target }) => {
            let mut e = problem(
                StatusCode::CONFLICT,
                "idempotency-applied",
                "Already applied",
                "Yêu cầu này đã được thực hiện trước đó (câu trả lời bị mất khi máy chủ khởi động lại); không thực hiện lại.",
            );
            if let Some(loc) = target.as_deref().and_then(location_of) {
                if let Ok(v) = HeaderValue::from_str(&loc) {
                    e = e.with_header(header::LOCATION, v);
                }
            }
            return e.into_response();
        }
        Err(e) => return ApiError::from(e).into_response(),
    };
    let req = Request::from_parts(parts, Body::from(bytes));
    let res = crate::db::idempotency::within(id, next.run(req)).await;
    let (parts, body) = res.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_RECORDED).await {
        Ok(b) => b,
        Err(_) => {
            let _ = store.abandon(id).await;
            return ApiError::internal().into_response();
        }
    };
    let header_text = |name: header::HeaderName| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let outcome = if parts.status.is_server_error() {
        store.abandon(id).await
    } else {
        store
            .finish(
                id,
                &StoredResponse {
                    status: parts.status.as_u16(),
                    content_type: header_text(header::CONTENT_TYPE),
                    etag: header_text(header::ETAG),
                    location: header_text(header::LOCATION),
                    body: bytes.to_vec(),
                },
            )
            .await
    };
    if let Err(e) = outcome {
        // The write (if any) stands and is marked applied; only the replay copy is missing.
        tracing::warn!(error = %e, "could not record the idempotent answer");
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_visible_ascii_up_to_255_optionally_quoted() {
        let k = |s: &str| parse_key(&HeaderValue::from_str(s).unwrap());
        assert_eq!(k("abc-123").as_deref(), Some("abc-123"));
        assert_eq!(k("\"8e03978e-40d5\"").as_deref(), Some("8e03978e-40d5"));
        assert_eq!(k(""), None);
        assert_eq!(k("\"\""), None);
        assert_eq!(k("a b"), None);
        assert_eq!(k(&"x".repeat(255)).map(|s| s.len()), Some(255));
        assert_eq!(k(&"x".repeat(256)), None);
    }

    #[test]
    fn written_targets_have_locations() {
        assert_eq!(
            location_of("article:12").as_deref(),
            Some("/api/v1/articles/12")
        );
        assert_eq!(location_of("article:x"), None);
        assert_eq!(location_of("session"), None);
    }
}
