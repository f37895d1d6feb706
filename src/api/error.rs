//! The one error type of the API client: problem+json answers and network failures, with
//! readable messages.

use crate::i18n::{fill, problem_title, Lang, Msg};
use portal_contract::{Problem, ProblemKind};

/// Why a call to the backend failed.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// No answer at all: the server is down, the network is cut, or the request was blocked.
    Network,
    /// The server answered with an error status (a problem+json body, or one built from the
    /// status when the body was not one).
    Problem {
        problem: Box<Problem>,
        /// Seconds to wait, from `Retry-After` (429, 503).
        retry_after: Option<u32>,
    },
    /// A success status whose body does not match the contract.
    Decode(String),
}

impl ApiError {
    /// Builds the error of an answer with status `status`, body `body` and the raw value of
    /// its `Retry-After` header.
    pub fn from_response(status: u16, body: &str, retry_after: Option<&str>) -> Self {
        let problem = serde_json::from_str::<Problem>(body)
            .ok()
            .filter(|p| p.status == status || p.status == 0)
            .unwrap_or_else(|| {
                let kind = ProblemKind::from_status(status);
                Problem {
                    kind: kind.type_uri(),
                    title: kind.title_vi().to_string(),
                    status,
                    detail: None,
                    errors: Vec::new(),
                    current: None,
                }
            });
        ApiError::Problem {
            problem: Box::new(problem),
            retry_after: retry_after.and_then(parse_retry_after),
        }
    }

    /// The server's article in a 412 answer's `current`, if it is one. Parsed from text
    /// rather than with `serde_json::from_value`: that would compile a second copy of the
    /// whole `Article` decoder (for `Value`) next to the one for text.
    pub fn current_article(problem: &Problem) -> Option<portal_contract::Article> {
        let text = serde_json::to_string(problem.current.as_ref()?).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// The server's current representation in a 412 answer (a plan, the spokesperson's
    /// details), as `T`; parsed from text like [`ApiError::current_article`].
    pub fn current_as<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        match self {
            ApiError::Problem { problem, .. } => {
                let text = serde_json::to_string(problem.current.as_ref()?).ok()?;
                serde_json::from_str(&text).ok()
            }
            _ => None,
        }
    }

    /// HTTP status of the answer, if there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Problem { problem, .. } => Some(problem.status),
            _ => None,
        }
    }

    pub fn kind(&self) -> Option<ProblemKind> {
        self.status().map(ProblemKind::from_status)
    }

    pub fn is_unauthenticated(&self) -> bool {
        self.status() == Some(401)
    }

    pub fn retry_after(&self) -> Option<u32> {
        match self {
            ApiError::Problem { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// A sentence for the user: the kind's title, the server's detail, the field errors, and
    /// how long to wait when throttled.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ApiError::Network => Msg::NetworkError.text(lang).to_string(),
            ApiError::Decode(_) => Msg::DecodeError.text(lang).to_string(),
            ApiError::Problem {
                problem,
                retry_after,
            } => {
                let kind = ProblemKind::from_status(problem.status);
                let mut out = problem_title(kind, lang).to_string();
                if let Some(detail) = problem.detail.as_deref().map(str::trim) {
                    if !detail.is_empty() && detail != out {
                        out.push_str(": ");
                        out.push_str(detail);
                    }
                }
                if !out.ends_with(['.', '!', '?', '…']) {
                    out.push('.');
                }
                for e in &problem.errors {
                    out.push_str(&format!(
                        " {} ({}).",
                        e.message.trim_end_matches('.'),
                        e.field
                    ));
                }
                if let Some(seconds) = retry_after {
                    out.push(' ');
                    out.push_str(&fill(
                        Msg::RetryAfter.text(lang),
                        &[("seconds", &seconds.to_string())],
                    ));
                }
                out
            }
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::Vi))
    }
}

impl std::error::Error for ApiError {}

/// `Retry-After` as delay-seconds (the only form the backend sends; an HTTP date is ignored).
fn parse_retry_after(raw: &str) -> Option<u32> {
    raw.trim().parse::<u32>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_contract::FieldError;

    #[test]
    fn a_network_failure_says_the_server_is_unreachable() {
        assert!(ApiError::Network
            .message(Lang::Vi)
            .starts_with("Không kết nối được máy chủ"));
        assert!(ApiError::Network
            .message(Lang::En)
            .starts_with("Cannot reach the server"));
        assert_eq!(ApiError::Network.status(), None);
    }

    #[test]
    fn a_problem_shows_title_detail_and_field_errors() {
        let mut p = Problem::validation(vec![FieldError::new(
            "title",
            "required",
            "Vui lòng nhập tiêu đề.",
        )]);
        p.detail = Some("Một số trường chưa hợp lệ.".into());
        let body = serde_json::to_string(&p).unwrap();
        let e = ApiError::from_response(422, &body, None);
        assert_eq!(e.status(), Some(422));
        assert_eq!(
            e.message(Lang::Vi),
            "Dữ liệu chưa hợp lệ: Một số trường chưa hợp lệ. Vui lòng nhập tiêu đề (title)."
        );
    }

    #[test]
    fn throttling_shows_the_wait() {
        let p = Problem::new(ProblemKind::TooManyRequests, "Thử lại sau.");
        let body = serde_json::to_string(&p).unwrap();
        let e = ApiError::from_response(429, &body, Some("30"));
        assert_eq!(e.retry_after(), Some(30));
        assert!(e
            .message(Lang::Vi)
            .ends_with("Vui lòng thử lại sau 30 giây."));
        assert!(e
            .message(Lang::En)
            .ends_with("Please try again in 30 seconds."));
    }

    #[test]
    fn a_non_problem_body_falls_back_to_the_status() {
        let e = ApiError::from_response(502, "<html>Bad gateway</html>", Some("soon"));
        assert_eq!(e.kind(), Some(ProblemKind::Internal));
        assert_eq!(e.message(Lang::Vi), "Lỗi máy chủ.");
        assert_eq!(e.retry_after(), None);
        let e = ApiError::from_response(401, "", None);
        assert!(e.is_unauthenticated());
    }

    #[test]
    fn a_detail_equal_to_the_title_is_not_repeated() {
        let p = Problem::new(ProblemKind::NotFound, "Không tìm thấy");
        let e = ApiError::from_response(404, &serde_json::to_string(&p).unwrap(), None);
        assert_eq!(e.message(Lang::Vi), "Không tìm thấy.");
    }
}
