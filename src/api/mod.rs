//! The one place that talks HTTP to the backend (contract base `/api/v1`).
//!
//! Every request carries `X-Requested-With: portal-admin` and the session cookie
//! (`credentials: same-origin`). Errors become [`ApiError`]. The base URL is read at run time
//! from `<meta name="portal-api-base">`, so one build can point at any backend.
//!
//! ```ignore
//! let page = api::articles::list(&ArticleQuery::default()).await?;
//! ```

pub mod admin;
pub mod articles;
pub mod banners;
pub mod duties;
mod error;
pub mod fraud;
pub mod media;
pub mod plans;
pub mod query;
pub mod required_info;
pub mod royalties;
pub mod session;
pub mod spokesperson;
pub mod stats;
pub mod workflow;

pub use error::ApiError;

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::RequestCredentials;

/// Value of the CSRF guard header the backend requires.
const REQUESTED_WITH: &str = "portal-admin";

thread_local! {
    static BASE: RefCell<Option<String>> = const { RefCell::new(None) };
    static ON_UNAUTHENTICATED: RefCell<Option<Rc<dyn Fn()>>> = const { RefCell::new(None) };
}

/// The API base: `content` of `<meta name="portal-api-base">`, else the contract's `/api/v1`.
pub fn api_base() -> String {
    BASE.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| normalise_base(read_meta_base().as_deref()))
            .clone()
    })
}

fn read_meta_base() -> Option<String> {
    let meta = web_sys::window()?
        .document()?
        .query_selector("meta[name='portal-api-base']")
        .ok()??
        .dyn_into::<web_sys::HtmlMetaElement>()
        .ok()?;
    Some(meta.content())
}

/// Trims the trailing slash; an absent or blank value means the contract's default.
pub fn normalise_base(raw: Option<&str>) -> String {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => s.trim_end_matches('/').to_string(),
        None => portal_contract::API_BASE.to_string(),
    }
}

/// Registers what to do when a call answers 401 after start-up: the session has expired.
pub fn on_unauthenticated(handler: impl Fn() + 'static) {
    ON_UNAUTHENTICATED.with(|cell| *cell.borrow_mut() = Some(Rc::new(handler)));
}

fn notify_unauthenticated() {
    // Clone out of the cell first: the handler may register a new one.
    let handler = ON_UNAUTHENTICATED.with(|cell| cell.borrow().clone());
    if let Some(handler) = handler {
        handler();
    }
}

/// What a 401 means for this call.
#[derive(Clone, Copy, PartialEq, Eq)]
enum On401 {
    /// The session expired: tell the app (which goes to the login page).
    SessionExpired,
    /// An expected answer (probing the session, wrong password): just return the error.
    Expected,
}

fn url(path: &str) -> String {
    format!("{}{}", api_base(), path)
}

fn prepare(builder: RequestBuilder) -> RequestBuilder {
    builder
        .header("X-Requested-With", REQUESTED_WITH)
        .header("Accept", "application/json, application/problem+json")
        .credentials(RequestCredentials::SameOrigin)
}

async fn finish(
    sent: Result<Response, gloo_net::Error>,
    on401: On401,
) -> Result<Response, ApiError> {
    let response = sent.map_err(|_| ApiError::Network)?;
    if response.ok() {
        return Ok(response);
    }
    let status = response.status();
    let retry_after = response.headers().get("Retry-After");
    let body = response.text().await.unwrap_or_default();
    let error = ApiError::from_response(status, &body, retry_after.as_deref());
    if status == 401 && on401 == On401::SessionExpired {
        notify_unauthenticated();
    }
    Err(error)
}

/// The body of a success answer as text. Not generic: the HTTP code exists once in the wasm,
/// and only [`parse`] is compiled per answer type.
async fn body_text(response: Response) -> Result<String, ApiError> {
    response.text().await.map_err(|_| ApiError::Network)
}

fn parse<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    serde_json::from_str(text).map_err(|e| ApiError::Decode(e.to_string()))
}

fn to_json<B: Serialize>(body: &B) -> Result<String, ApiError> {
    serde_json::to_string(body).map_err(|e| ApiError::Decode(e.to_string()))
}

/// Query parameters of a GET, in order (gloo-net encodes them).
pub(crate) type Params = Vec<(&'static str, String)>;

async fn get_text(path: &str, params: &Params, on401: On401) -> Result<String, ApiError> {
    let builder = prepare(Request::get(&url(path)));
    let builder = if params.is_empty() {
        builder
    } else {
        builder.query(params.iter().map(|(k, v)| (*k, v.as_str())))
    };
    body_text(finish(builder.send().await, on401).await?).await
}

async fn get_with<T: DeserializeOwned>(
    path: &str,
    params: &Params,
    on401: On401,
) -> Result<T, ApiError> {
    parse(&get_text(path, params, on401).await?)
}

pub(crate) async fn get_json<T: DeserializeOwned>(
    path: &str,
    params: &Params,
) -> Result<T, ApiError> {
    get_with(path, params, On401::SessionExpired).await
}

/// Sends `json` (already serialised) as the body, as gloo-net's `RequestBuilder::json` does.
async fn send_text(
    builder: RequestBuilder,
    json: String,
    on401: On401,
) -> Result<String, ApiError> {
    let request = builder
        .header("Content-Type", "application/json")
        .body(json)
        .map_err(|e| ApiError::Decode(e.to_string()))?;
    body_text(finish(request.send().await, on401).await?).await
}

async fn post_with<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
    on401: On401,
) -> Result<T, ApiError> {
    let json = to_json(body)?;
    parse(&send_text(prepare(Request::post(&url(path))), json, on401).await?)
}

/// A write with a JSON body: `method` is `POST`, `PATCH` or `PUT`; `version`, when given,
/// goes out as `If-Match: "<version>"` (the contract's optimistic locking). A 412 comes back as
/// [`ApiError::Problem`] whose `current` holds the server's representation.
pub(crate) async fn send_json<B: Serialize, T: DeserializeOwned>(
    method: &str,
    path: &str,
    body: &B,
    version: Option<i64>,
) -> Result<T, ApiError> {
    let json = to_json(body)?;
    parse(&send_versioned(method, path, json, version).await?)
}

async fn send_versioned(
    method: &str,
    path: &str,
    json: String,
    version: Option<i64>,
) -> Result<String, ApiError> {
    let target = url(path);
    let builder = match method {
        "PATCH" => Request::patch(&target),
        "PUT" => Request::put(&target),
        _ => Request::post(&target),
    };
    let builder = prepare(builder);
    let builder = match version {
        Some(v) => builder.header("If-Match", &format!("\"{v}\"")),
        None => builder,
    };
    send_text(builder, json, On401::SessionExpired).await
}

/// `DELETE` with `If-Match: "<version>"`.
async fn delete_versioned(path: &str, version: i64) -> Result<(), ApiError> {
    let builder =
        prepare(Request::delete(&url(path))).header("If-Match", &format!("\"{version}\""));
    finish(builder.send().await, On401::SessionExpired)
        .await
        .map(|_| ())
}

/// `DELETE` with `If-Match: "<version>"` answered with a representation.
pub(crate) async fn delete_versioned_json<T: DeserializeOwned>(
    path: &str,
    version: i64,
) -> Result<T, ApiError> {
    let builder =
        prepare(Request::delete(&url(path))).header("If-Match", &format!("\"{version}\""));
    let response = finish(builder.send().await, On401::SessionExpired).await?;
    parse(&body_text(response).await?)
}

async fn delete_with(path: &str, on401: On401) -> Result<(), ApiError> {
    let sent = prepare(Request::delete(&url(path))).send().await;
    finish(sent, on401).await.map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_defaults_to_the_contract_and_drops_the_trailing_slash() {
        assert_eq!(normalise_base(None), "/api/v1");
        assert_eq!(normalise_base(Some("  ")), "/api/v1");
        assert_eq!(
            normalise_base(Some("https://api.example.vn/api/v1/")),
            "https://api.example.vn/api/v1"
        );
        assert_eq!(normalise_base(Some("/other/v1")), "/other/v1");
    }
}
