//! The one error type of the handlers: an RFC 9457 `application/problem+json` response.

use crate::db::StoreError;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use portal_contract::{FieldError, Problem, ProblemKind, PROBLEM_JSON};

/// An error answer: the problem body plus any headers it needs (`Retry-After`, `ETag`,
/// `Set-Cookie`).
#[derive(Debug, Clone)]
pub struct ApiError {
    /// Boxed: handlers return `Result<_, ApiError>` everywhere, so keep the error small.
    pub problem: Box<Problem>,
    pub headers: HeaderMap,
}

impl ApiError {
    pub fn new(kind: ProblemKind, detail: impl Into<String>) -> Self {
        Self {
            problem: Box::new(Problem::new(kind, detail)),
            headers: HeaderMap::new(),
        }
    }

    /// A problem with a status the contract's kinds do not name (405).
    pub fn custom(status: StatusCode, slug: &str, title: &str, detail: impl Into<String>) -> Self {
        Self {
            problem: Box::new(Problem {
                kind: format!("https://portal.bhxh.invalid/problems/{slug}"),
                title: title.to_string(),
                status: status.as_u16(),
                detail: Some(detail.into()),
                errors: Vec::new(),
                current: None,
            }),
            headers: HeaderMap::new(),
        }
    }

    /// 422 with field errors.
    pub fn validation(errors: Vec<FieldError>) -> Self {
        Self {
            problem: Box::new(Problem::validation(errors)),
            headers: HeaderMap::new(),
        }
    }

    /// 422 with `errors` when there are any.
    pub fn unless_valid(errors: Vec<FieldError>) -> Result<(), Self> {
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Self::validation(errors))
        }
    }

    /// 400 with field errors (bad query parameters, bad path ids).
    pub fn bad_request(detail: impl Into<String>, errors: Vec<FieldError>) -> Self {
        let mut e = Self::new(ProblemKind::BadRequest, detail);
        e.problem.errors = errors;
        e
    }

    pub fn unauthenticated() -> Self {
        Self::new(
            ProblemKind::Unauthenticated,
            "Vui lòng đăng nhập để tiếp tục.",
        )
    }

    pub fn forbidden() -> Self {
        Self::new(
            ProblemKind::Forbidden,
            "Tài khoản của bạn không có quyền thực hiện thao tác này.",
        )
    }

    pub fn not_found(detail: impl Into<String>) -> Self {
        Self::new(ProblemKind::NotFound, detail)
    }

    pub fn conflict(detail: impl Into<String>) -> Self {
        Self::new(ProblemKind::Conflict, detail)
    }

    pub fn precondition_required() -> Self {
        Self::new(
            ProblemKind::PreconditionRequired,
            "Thiếu tiêu đề If-Match: hãy tải lại dữ liệu rồi gửi kèm phiên bản hiện có.",
        )
    }

    /// 412 carrying the current representation so the client can merge.
    pub fn precondition_failed<T: serde::Serialize>(current: &T, version: i64) -> Self {
        let mut e = Self::new(
            ProblemKind::PreconditionFailed,
            "Dữ liệu đã được người khác thay đổi kể từ khi bạn mở. Hãy xem bản hiện tại rồi thử lại.",
        );
        e.problem.current = Some(serde_json::to_value(current).unwrap_or_default());
        e.with_header(header::ETAG, etag(version))
    }

    pub fn payload_too_large() -> Self {
        Self::new(
            ProblemKind::PayloadTooLarge,
            format!(
                "Nội dung gửi lên vượt quá {} byte.",
                portal_contract::format::number_vn(portal_contract::MAX_BODY_BYTES as i64)
            ),
        )
    }

    pub fn internal() -> Self {
        Self::new(
            ProblemKind::Internal,
            "Máy chủ gặp sự cố khi xử lý yêu cầu. Vui lòng thử lại sau.",
        )
    }

    /// 503 while the database cannot be reached, with the seconds to wait before retrying.
    pub fn unavailable() -> Self {
        Self::new(
            ProblemKind::Unavailable,
            "Cơ sở dữ liệu tạm thời không kết nối được. Vui lòng thử lại sau ít giây.",
        )
        .with_header(header::RETRY_AFTER, HeaderValue::from_static("2"))
    }

    pub fn with_header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.append(name, value);
        self
    }

    pub fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

/// The strong ETag of a version: `"<version>"`.
pub fn etag(version: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{version}\"")).unwrap_or(HeaderValue::from_static("\"0\""))
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => ApiError::not_found("Không tìm thấy dữ liệu."),
            StoreError::Conflict(_) => ApiError::conflict("Dữ liệu trùng với bản đã có."),
            StoreError::VersionMismatch => ApiError::new(
                ProblemKind::PreconditionFailed,
                "Dữ liệu đã được người khác thay đổi.",
            ),
            StoreError::Unavailable(msg) => {
                tracing::warn!(error = %msg, "database unavailable");
                ApiError::unavailable()
            }
            StoreError::Internal(msg) => {
                tracing::error!(error = %msg, "store failure");
                ApiError::internal()
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&self.problem).unwrap_or_else(|_| {
            br#"{"type":"about:blank","title":"Internal Server Error","status":500}"#.to_vec()
        });
        let mut res = (self.status(), body).into_response();
        res.headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        for (name, value) in self.headers.iter() {
            res.headers_mut().append(name, value.clone());
        }
        res
    }
}
