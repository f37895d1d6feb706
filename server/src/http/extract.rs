//! Extractors that answer bad input with problem+json instead of axum's plain-text rejections.

use crate::auth;
use crate::http::error::ApiError;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use chrono::{DateTime, Utc};
use portal_contract::text::{Digits, TextMessages, TextRule};
use portal_contract::{
    permissions_for, FieldError, Permission, ProblemKind, User, DEFAULT_PER_PAGE, MAX_PER_PAGE,
};
use serde::de::DeserializeOwned;
use std::net::{IpAddr, SocketAddr};

/// A search box's words (`q`): one line of at most 200 characters. A NUL or another control
/// character is refused here, before it reaches a database that cannot hold it.
pub const SEARCH_TEXT: TextRule = TextRule::one_line(200).messages(TextMessages {
    required: "Vui lòng nhập từ khóa tìm kiếm.",
    too_long: "Từ khóa tìm kiếm tối đa",
    digits: Digits::Plain,
    invalid_characters: "Từ khóa tìm kiếm chứa ký tự không hợp lệ.",
});

/// A JSON body: wrong media type → 415, bad syntax → 400, wrong shape → 422 naming the field,
/// too large → 413.
#[derive(Debug, Clone)]
pub struct ApiJson<T>(pub T);

fn is_json(headers: &HeaderMap) -> bool {
    let Some(ct) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(req.headers()) {
            return Err(ApiError::new(
                ProblemKind::UnsupportedMediaType,
                "Nội dung gửi lên phải là JSON (Content-Type: application/json).",
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|r| {
            if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::payload_too_large()
            } else {
                ApiError::bad_request("Không đọc được nội dung yêu cầu.", vec![])
            }
        })?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// The first `` `name` `` in a serde message.
fn quoted_name(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(&message[start..start + len])
}

/// `parent.name`, unless the path already ends at `name` (serde_path_to_error records the key
/// of an unknown field, not of a missing one).
fn join_path(parent: &str, name: &str) -> String {
    if parent.is_empty() || parent == "." {
        name.to_string()
    } else if parent == name || parent.ends_with(&format!(".{name}")) {
        parent.to_string()
    } else {
        format!("{parent}.{name}")
    }
}

/// Parses a JSON object body, telling syntax errors (400) from shape errors (422 with the
/// field).
///
/// The text is read into a `Value` first, so that every error after that, whatever serde's
/// own category (an integer where an enum belongs is a "syntax" error to serde_json), is about
/// the shape of valid JSON.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        ApiError::bad_request(
            format!(
                "JSON không đúng cú pháp (dòng {}, cột {}).",
                e.line(),
                e.column()
            ),
            vec![],
        )
    })?;
    // Every request body of the contract is an object (serde would read a struct from an
    // array too, and blame its first element).
    if !value.is_object() {
        return Err(ApiError::validation(vec![FieldError::new(
            "$",
            "invalid_type",
            "Nội dung phải là một đối tượng JSON.",
        )]));
    }
    serde_path_to_error::deserialize(value).map_err(|err| {
        let path = err.path().to_string();
        let message = err.into_inner().to_string();
        let at = if path == "." { String::new() } else { path };
        let here = || {
            if at.is_empty() {
                "$".to_string()
            } else {
                at.clone()
            }
        };
        let field_error = if message.starts_with("unknown field") {
            let name = quoted_name(&message).unwrap_or("?");
            FieldError::new(
                join_path(&at, name),
                "unknown_field",
                "Trường này không được hỗ trợ.",
            )
        } else if message.starts_with("missing field") {
            let name = quoted_name(&message).unwrap_or("?");
            FieldError::new(join_path(&at, name), "required", "Thiếu trường bắt buộc.")
        } else if message.starts_with("unknown variant") {
            FieldError::new(
                here(),
                "invalid_value",
                "Giá trị không thuộc danh sách cho phép.",
            )
        } else if message.starts_with("invalid type") {
            FieldError::new(here(), "invalid_type", "Sai kiểu dữ liệu.")
        } else {
            FieldError::new(here(), "invalid_value", "Giá trị không hợp lệ.")
        };
        ApiError::validation(vec![field_error])
    })
}

/// A positive integer id from the path; anything else is a 400 problem.
#[derive(Debug, Clone, Copy)]
pub struct PathId(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for PathId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let invalid = || {
            ApiError::bad_request(
                "Mã trong đường dẫn không hợp lệ.",
                vec![FieldError::new(
                    "id",
                    "invalid",
                    "Mã phải là số nguyên dương.",
                )],
            )
        };
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| invalid())?;
        match raw.parse::<i64>() {
            Ok(id) if id > 0 => Ok(PathId(id)),
            _ => Err(invalid()),
        }
    }
}

/// An article id and a version number from `/articles/{id}/versions/{version}`; both must
/// be positive integers, else a 400 problem naming the bad one.
#[derive(Debug, Clone, Copy)]
pub struct PathIdVersion(pub i64, pub i64);

impl<S: Send + Sync> FromRequestParts<S> for PathIdVersion {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path((id, version)) = Path::<(String, String)>::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::bad_request("Đường dẫn không hợp lệ.", vec![]))?;
        let positive = |raw: &str| raw.parse::<i64>().ok().filter(|n| *n > 0);
        let mut errors = Vec::new();
        if positive(&id).is_none() {
            errors.push(FieldError::new(
                "id",
                "invalid",
                "Mã phải là số nguyên dương.",
            ));
        }
        if positive(&version).is_none() {
            errors.push(FieldError::new(
                "version",
                "invalid",
                "Phiên bản phải là số nguyên dương.",
            ));
        }
        match (positive(&id), positive(&version)) {
            (Some(id), Some(version)) => Ok(PathIdVersion(id, version)),
            _ => Err(ApiError::bad_request(
                "Mã trong đường dẫn không hợp lệ.",
                errors,
            )),
        }
    }
}

/// The `If-Match` header of a request on a versioned resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IfMatch {
    /// No header, or `If-Match: *`: a write must name the version it was based on, or it could
    /// overwrite someone else's change unseen.
    Absent,
    /// The listed entity tags (`"3"` or `W/"3"`); tags that are not versions never match.
    Tags(Vec<Option<i64>>),
}

impl IfMatch {
    /// Parses the header; a malformed one is a 400.
    pub fn from_headers(headers: &HeaderMap) -> Result<Self, ApiError> {
        let values: Vec<_> = headers.get_all(header::IF_MATCH).iter().collect();
        if values.is_empty() {
            return Ok(IfMatch::Absent);
        }
        let malformed = || {
            ApiError::bad_request(
                "Tiêu đề If-Match không hợp lệ.",
                vec![FieldError::new(
                    "If-Match",
                    "invalid",
                    "If-Match phải có dạng \"<phiên bản>\".",
                )],
            )
        };
        let mut tags = Vec::new();
        for value in values {
            let text = value.to_str().map_err(|_| malformed())?;
            for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                if item == "*" {
                    return Ok(IfMatch::Absent);
                }
                let item = item.strip_prefix("W/").unwrap_or(item);
                let inner = item
                    .strip_prefix('"')
                    .and_then(|s| s.strip_suffix('"'))
                    .ok_or_else(malformed)?;
                tags.push(inner.parse::<i64>().ok());
            }
        }
        if tags.is_empty() {
            return Err(malformed());
        }
        Ok(IfMatch::Tags(tags))
    }

    /// 428 when the header is missing.
    pub fn require(&self) -> Result<(), ApiError> {
        match self {
            IfMatch::Absent => Err(ApiError::precondition_required()),
            _ => Ok(()),
        }
    }

    /// The whole precondition of a write on a resource now at `version`: 428 when the header
    /// is missing, 412 with `current` when it names another version.
    pub fn check<T: serde::Serialize>(&self, current: &T, version: i64) -> Result<(), ApiError> {
        self.require()?;
        if self.matches(version) {
            Ok(())
        } else {
            Err(ApiError::precondition_failed(current, version))
        }
    }

    /// Whether the header names `version`.
    pub fn matches(&self, version: i64) -> bool {
        match self {
            IfMatch::Absent => false,
            IfMatch::Tags(tags) => tags.contains(&Some(version)),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for IfMatch {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        IfMatch::from_headers(&parts.headers)
    }
}

/// The signed-in user of a request; 401 when there is no live session. Each request slides
/// the idle expiry forward (never past the absolute one).
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: User,
    pub permissions: Vec<Permission>,
    pub token_hash: String,
    /// The number of this request's session (`GET /sessions` marks it `current`).
    pub session_id: i64,
    pub idle_expires_at: DateTime<Utc>,
    pub absolute_expires_at: DateTime<Utc>,
    /// When the user last typed their password again in this session.
    pub reauthenticated_at: Option<DateTime<Utc>>,
}

impl CurrentUser {
    pub fn can(&self, p: Permission) -> bool {
        self.permissions.contains(&p)
    }

    /// 403 unless the user holds `p`.
    pub fn require(&self, p: Permission) -> Result<(), ApiError> {
        if self.can(p) {
            Ok(())
        } else {
            Err(ApiError::forbidden())
        }
    }

    /// 403 `reauthentication-required` unless the user typed their password again in this
    /// session within [`portal_contract::REAUTH_MINUTES`] before `now`.
    pub fn require_recent_password(&self, now: DateTime<Utc>) -> Result<(), ApiError> {
        let fresh = chrono::Duration::minutes(portal_contract::REAUTH_MINUTES);
        match self.reauthenticated_at {
            Some(at) if at <= now && now - at <= fresh => Ok(()),
            _ => Err(ApiError::custom(
                StatusCode::FORBIDDEN,
                "reauthentication-required",
                "Reauthentication required",
                "Hãy nhập lại mật khẩu của bạn (POST /session/reauthenticate) để xác nhận thay đổi vai trò hoặc mật khẩu của người khác; xác nhận có hiệu lực 5 phút.",
            )),
        }
    }
}

/// How far a session's idle expiry must move before a request writes it.
const TOUCH_STEP: chrono::Duration = chrono::Duration::minutes(1);

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let secure = state.config.secure_cookies;
        let Some(token) = auth::session_token(&parts.headers, state.config.secure_cookies) else {
            return Err(ApiError::unauthenticated());
        };
        // A cookie that no longer opens a session is removed from the browser.
        let refuse = || {
            ApiError::unauthenticated()
                .with_header(header::SET_COOKIE, auth::clear_session_cookie(secure))
        };
        let hash = auth::token_hash(&token);
        let now = state.clock.now();
        let Some((session, user)) = state.store.session(&hash).await? else {
            return Err(refuse());
        };
        if now >= session.idle_expires_at || now >= session.absolute_expires_at || !user.active {
            state.store.delete_session(&hash, None).await?;
            return Err(refuse());
        }
        // Activity slides the idle expiry, written at most once a minute per session: a read
        // then stays a read (no write to queue behind the visitor counter's batches), and the
        // idle timeout is exact to that minute.
        let slid = (now + state.config.session_idle).min(session.absolute_expires_at);
        let idle_expires_at = if slid - session.idle_expires_at >= TOUCH_STEP {
            state.store.touch_session(&hash, slid).await?;
            slid
        } else {
            session.idle_expires_at
        };
        Ok(CurrentUser {
            permissions: permissions_for(&user.roles),
            user,
            token_hash: hash,
            session_id: session.id,
            idle_expires_at,
            absolute_expires_at: session.absolute_expires_at,
            reauthenticated_at: session.reauthenticated_at,
        })
    }
}

/// The client's address, for login throttling only: the socket peer, or behind a trusted
/// proxy the last `X-Forwarded-For` entry.
#[derive(Debug, Clone, Copy)]
pub struct ClientIp(pub Option<IpAddr>);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if state.config.trust_proxy {
            let forwarded = parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .filter_map(|s| s.trim().parse::<IpAddr>().ok())
                .next_back();
            if forwarded.is_some() {
                return Ok(ClientIp(forwarded));
            }
        }
        Ok(ClientIp(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|ConnectInfo(addr)| addr.ip()),
        ))
    }
}

/// Query parameters, checked one by one; unknown names and bad values are a 400 listing every
/// problem.
#[derive(Debug, Default)]
pub struct QueryParams {
    pairs: Vec<(String, String)>,
    errors: Vec<FieldError>,
}

impl<S: Send + Sync> FromRequestParts<S> for QueryParams {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let Query(pairs) = Query::<Vec<(String, String)>>::try_from_uri(&parts.uri)
            .map_err(|_| ApiError::bad_request("Tham số truy vấn không hợp lệ.", vec![]))?;
        Ok(QueryParams {
            pairs,
            errors: Vec::new(),
        })
    }
}

impl QueryParams {
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        Self {
            pairs,
            errors: Vec::new(),
        }
    }

    /// Removes and returns the parameter `name`; an empty value counts as absent.
    pub fn take(&mut self, name: &str) -> Option<String> {
        let mut found: Vec<String> = Vec::new();
        self.pairs.retain(|(k, v)| {
            if k == name {
                found.push(v.clone());
                false
            } else {
                true
            }
        });
        if found.len() > 1 {
            self.error(name, "duplicate", "Tham số chỉ được xuất hiện một lần.");
        }
        found.pop().filter(|v| !v.trim().is_empty())
    }

    /// The free text `name` when it keeps `rule` (required, length, control characters);
    /// otherwise `None`, with the rule's error under `name` if it broke one.
    pub fn text(&mut self, name: &str, rule: &TextRule) -> Option<String> {
        let value = self.take(name).unwrap_or_default();
        let before = self.errors.len();
        rule.check(&mut self.errors, name, &value);
        (self.errors.len() == before && !value.is_empty()).then_some(value)
    }

    pub fn error(&mut self, field: &str, code: &str, message: &str) {
        self.errors.push(FieldError::new(field, code, message));
    }

    /// `name` as a number within `min..=max`, or `default` when absent.
    pub fn number(&mut self, name: &str, default: u32, min: u32, max: u32) -> u32 {
        match self.take(name) {
            None => default,
            Some(raw) => match raw.trim().parse::<u32>() {
                Ok(n) if (min..=max).contains(&n) => n,
                _ => {
                    let msg = format!(
                        "Phải là số nguyên từ {} đến {}.",
                        portal_contract::format::number_vn(i64::from(min)),
                        portal_contract::format::number_vn(i64::from(max))
                    );
                    self.error(name, "out_of_range", &msg);
                    default
                }
            },
        }
    }

    /// `page` (≥ 1) and `per_page` (1..=200, default 20).
    pub fn pagination(&mut self) -> (u32, u32) {
        let page = self.number("page", 1, 1, 1_000_000);
        let per_page = self.number("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE);
        (page, per_page)
    }

    /// A comma-separated list of vocabulary values.
    pub fn list<T>(&mut self, name: &str, parse: impl Fn(&str) -> Option<T>) -> Vec<T> {
        let Some(raw) = self.take(name) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in raw.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            match parse(item) {
                Some(v) => out.push(v),
                None => {
                    self.error(
                        name,
                        "invalid_value",
                        "Giá trị không thuộc danh sách cho phép.",
                    );
                    return Vec::new();
                }
            }
        }
        out
    }

    /// Ends parsing: any parameter left over is unknown; any error is a 400.
    pub fn finish(mut self) -> Result<(), ApiError> {
        let leftovers: Vec<String> = self.pairs.iter().map(|(k, _)| k.clone()).collect();
        for name in leftovers {
            if !self.errors.iter().any(|e| e.field == name) {
                self.error(&name, "unknown_parameter", "Tham số không được hỗ trợ.");
            }
        }
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::bad_request(
                "Tham số truy vấn không hợp lệ, xem chi tiết từng tham số.",
                self.errors,
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn if_match(values: &[&str]) -> Result<IfMatch, ApiError> {
        let mut h = HeaderMap::new();
        for v in values {
            h.append(header::IF_MATCH, HeaderValue::from_str(v).unwrap());
        }
        IfMatch::from_headers(&h)
    }

    #[test]
    fn if_match_accepts_strong_weak_lists_and_star() {
        assert_eq!(if_match(&[]).unwrap(), IfMatch::Absent);
        assert!(if_match(&["\"3\""]).unwrap().matches(3));
        assert!(if_match(&["W/\"3\""]).unwrap().matches(3));
        assert!(!if_match(&["\"3\""]).unwrap().matches(4));
        assert!(if_match(&["\"1\", \"4\""]).unwrap().matches(4));
        assert!(if_match(&["\"1\"", "\"4\""]).unwrap().matches(4));
        assert_eq!(
            if_match(&["*"]).unwrap(),
            IfMatch::Absent,
            "a wildcard names no version"
        );
        assert!(if_match(&["*"]).unwrap().require().is_err());
        // A well-formed tag that is no version matches nothing (412, not 400).
        assert!(!if_match(&["\"abc\""]).unwrap().matches(1));
        for bad in ["3", "\"3", "W/3", ","] {
            assert_eq!(
                if_match(&[bad]).unwrap_err().status(),
                StatusCode::BAD_REQUEST,
                "{bad}"
            );
        }
        assert_eq!(
            IfMatch::Absent.require().unwrap_err().status(),
            StatusCode::PRECONDITION_REQUIRED
        );
    }

    #[test]
    fn json_errors_name_the_field() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Inner {
            n: u8,
        }
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Outer {
            a: String,
            list: Vec<Inner>,
        }
        let field = |body: &str| {
            let e = parse_json::<Outer>(body.as_bytes()).unwrap_err();
            assert_eq!(e.status(), StatusCode::UNPROCESSABLE_ENTITY, "{body}");
            e.problem.errors[0].field.clone()
        };
        assert_eq!(field(r#"{"list": []}"#), "a");
        assert_eq!(field(r#"{"a": 1, "list": []}"#), "a");
        assert_eq!(
            field(r#"{"a": "x", "list": [{"n": 1}, {"n": 256}]}"#),
            "list[1].n"
        );
        assert_eq!(field(r#"{"a": "x", "list": [{}]}"#), "list[0].n");
        assert_eq!(
            field(r#"{"a": "x", "list": [{"n": 1, "m": 2}]}"#),
            "list[0].m"
        );
        assert_eq!(field(r#""text""#), "$");
        let e = parse_json::<Outer>(b"{\"a\": ").unwrap_err();
        assert_eq!(e.status(), StatusCode::BAD_REQUEST);
    }
}
