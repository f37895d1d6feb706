//! Answers and input checks every feature's handlers share.

use crate::http::error::etag;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use portal_contract::FieldError;
use serde::Serialize;

/// A JSON answer for a versioned resource, with `ETag: "<version>"`.
pub(crate) fn versioned<T: Serialize>(status: StatusCode, body: &T, version: i64) -> Response {
    let mut res = (status, Json(body)).into_response();
    res.headers_mut().insert(header::ETAG, etag(version));
    res
}

/// `201 Created` with `Location` and `ETag`.
pub(crate) fn created<T: Serialize>(location: &str, body: &T, version: i64) -> Response {
    let mut res = versioned(StatusCode::CREATED, body, version);
    if let Ok(v) = HeaderValue::from_str(location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}

pub(crate) fn has_control_chars(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
}

/// A required one-line text of at most `max` characters.
pub(crate) fn check_name(errors: &mut Vec<FieldError>, field: &str, value: &str, max: usize) {
    if value.trim().is_empty() {
        errors.push(FieldError::new(
            field,
            "required",
            "Vui lòng nhập trường này.",
        ));
    } else if value.chars().count() > max {
        errors.push(FieldError::new(
            field,
            "too_long",
            format!("Tối đa {max} ký tự."),
        ));
    } else if has_control_chars(value) || value.contains(['\n', '\r']) {
        errors.push(FieldError::new(
            field,
            "invalid_characters",
            "Chứa ký tự không hợp lệ.",
        ));
    }
}
