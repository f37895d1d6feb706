//! The guards every `/api` request passes: CSRF, declared body size, problem+json for any error.

use crate::http::error::ApiError;
use crate::http::security;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use portal_contract::{ProblemKind, MAX_BODY_BYTES, PROBLEM_JSON};

/// A mutation must prove it comes from our own pages: `X-Requested-With` (which a cross-site
/// form cannot send) or an `Origin` equal to ours.
pub async fn csrf_guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    // The beacon comes from the public portal's pages, another origin by design; it changes
    // nothing but counters and carries no credentials.
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        || req.uri().path() == "/v1/collect"
    {
        return next.run(req).await;
    }
    let headers = req.headers();
    let marked = headers
        .get(portal_contract::CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| !v.trim().is_empty());
    let same_origin = || {
        let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok())?;
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok())?;
        let scheme = if state.config.secure_cookies {
            "https"
        } else {
            "http"
        };
        Some(origin.eq_ignore_ascii_case(&format!("{scheme}://{host}")))
    };
    if marked || same_origin().unwrap_or(false) {
        next.run(req).await
    } else {
        ApiError::new(
            ProblemKind::Forbidden,
            "Yêu cầu thiếu tiêu đề X-Requested-With (chống giả mạo yêu cầu).",
        )
        .into_response()
    }
}

/// Refuses a declared oversized body before reading any of it: over 1 MiB, or for a media
/// upload over the largest file the library takes (with room for the multipart framing).
pub async fn content_length_guard(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if crate::media::library::is_upload(req.method(), req.uri().path()) {
        let limit = state
            .config
            .media
            .max_upload_bytes()
            .saturating_add(crate::media::library::MULTIPART_OVERHEAD);
        if declared.is_some_and(|n| n > limit) {
            return ApiError::new(
                ProblemKind::PayloadTooLarge,
                format!(
                    "Tệp tải lên vượt quá giới hạn lớn nhất của thư viện ({}).",
                    crate::media::library::size_vi(state.config.media.max_upload_bytes())
                ),
            )
            .into_response();
        }
        return next.run(req).await;
    }
    if declared.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        return ApiError::payload_too_large().into_response();
    }
    next.run(req).await
}

/// Turns any error answer under `/api` that is not yet problem+json (axum's 405, a panic's 500)
/// into one, keeping its headers (e.g. `Allow`).
pub async fn problem_fallback(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let is_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(PROBLEM_JSON.as_bytes()));
    if is_problem {
        return res;
    }
    let (parts, _) = res.into_parts();
    let error = if status == StatusCode::METHOD_NOT_ALLOWED {
        ApiError::custom(
            status,
            "method-not-allowed",
            "Phương thức không được hỗ trợ",
            "Địa chỉ này không nhận phương thức HTTP đã dùng.",
        )
    } else {
        let kind = ProblemKind::from_status(status.as_u16());
        let mut e = ApiError::new(kind, kind.title_vi());
        e.problem.status = status.as_u16();
        e
    };
    let mut out = error.into_response();
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            out.headers_mut().insert(name, value.clone());
        }
    }
    out
}

/// Adds the CSP to every response, and security::HSTS to those sent over HTTPS.
pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let https = state.config.secure_cookies;
    let mut res = next.run(req).await;
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if is_html {
        state.csp.refresh();
    }
    let headers = res.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, state.csp.header());
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(security::HSTS),
        );
    }
    res
}
