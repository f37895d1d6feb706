//! RFC 9457 problem details, the one error shape of the contract.

use serde::{Deserialize, Serialize};

/// Media type of every error response.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// An error response body (`application/problem+json`).
///
/// `type` is a URI under `https://portal.bhxh.invalid/problems/` naming the kind of problem;
/// `errors` lists field-level validation failures (empty otherwise).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// For 412: the current representation of the resource, so the client can merge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<serde_json::Value>,
}

/// One field that failed validation. `code` is stable and machine-readable; `message` is
/// Vietnamese text fit to show next to the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

impl FieldError {
    pub fn new(
        field: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            field: field.into(),
            code: code.into(),
            message: message.into(),
        }
    }
}

/// The problem kinds the reference server uses; the last path segment of `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    BadRequest,
    Unauthenticated,
    Forbidden,
    NotFound,
    Conflict,
    PreconditionFailed,
    PreconditionRequired,
    PayloadTooLarge,
    UnsupportedMediaType,
    Validation,
    TooManyRequests,
    Internal,
    Unavailable,
}

impl ProblemKind {
    pub fn status(self) -> u16 {
        match self {
            Self::BadRequest => 400,
            Self::Unauthenticated => 401,
            Self::Forbidden => 403,
            Self::NotFound => 404,
            Self::Conflict => 409,
            Self::PreconditionFailed => 412,
            Self::PayloadTooLarge => 413,
            Self::UnsupportedMediaType => 415,
            Self::Validation => 422,
            Self::PreconditionRequired => 428,
            Self::TooManyRequests => 429,
            Self::Internal => 500,
            Self::Unavailable => 503,
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Self::BadRequest => "bad-request",
            Self::Unauthenticated => "unauthenticated",
            Self::Forbidden => "forbidden",
            Self::NotFound => "not-found",
            Self::Conflict => "conflict",
            Self::PreconditionFailed => "precondition-failed",
            Self::PreconditionRequired => "precondition-required",
            Self::PayloadTooLarge => "payload-too-large",
            Self::UnsupportedMediaType => "unsupported-media-type",
            Self::Validation => "validation",
            Self::TooManyRequests => "too-many-requests",
            Self::Internal => "internal",
            Self::Unavailable => "unavailable",
        }
    }

    /// Vietnamese title shown to users when the server gives no better detail.
    pub fn title_vi(self) -> &'static str {
        match self {
            Self::BadRequest => "Yêu cầu không hợp lệ",
            Self::Unauthenticated => "Chưa đăng nhập hoặc phiên đã hết hạn",
            Self::Forbidden => "Bạn không có quyền thực hiện thao tác này",
            Self::NotFound => "Không tìm thấy",
            Self::Conflict => "Xung đột dữ liệu",
            Self::PreconditionFailed => "Dữ liệu đã được người khác thay đổi",
            Self::PreconditionRequired => "Thiếu phiên bản (If-Match)",
            Self::PayloadTooLarge => "Dữ liệu gửi lên quá lớn",
            Self::UnsupportedMediaType => "Định dạng dữ liệu không được hỗ trợ",
            Self::Validation => "Dữ liệu chưa hợp lệ",
            Self::TooManyRequests => "Quá nhiều yêu cầu, vui lòng thử lại sau",
            Self::Internal => "Lỗi máy chủ",
            Self::Unavailable => "Máy chủ tạm thời không phục vụ",
        }
    }

    pub fn type_uri(self) -> String {
        format!("https://portal.bhxh.invalid/problems/{}", self.slug())
    }

    pub fn from_status(status: u16) -> Self {
        match status {
            400 => Self::BadRequest,
            401 => Self::Unauthenticated,
            403 => Self::Forbidden,
            404 => Self::NotFound,
            409 => Self::Conflict,
            412 => Self::PreconditionFailed,
            413 => Self::PayloadTooLarge,
            415 => Self::UnsupportedMediaType,
            422 => Self::Validation,
            428 => Self::PreconditionRequired,
            429 => Self::TooManyRequests,
            503 => Self::Unavailable,
            s if s >= 500 => Self::Internal,
            _ => Self::BadRequest,
        }
    }
}

impl Problem {
    pub fn new(kind: ProblemKind, detail: impl Into<String>) -> Self {
        Self {
            kind: kind.type_uri(),
            title: kind.title_vi().to_string(),
            status: kind.status(),
            detail: Some(detail.into()),
            errors: Vec::new(),
            current: None,
        }
    }

    pub fn validation(errors: Vec<FieldError>) -> Self {
        let mut p = Self::new(
            ProblemKind::Validation,
            "Một số trường chưa hợp lệ, xem chi tiết từng trường.",
        );
        p.errors = errors;
        p
    }
}
