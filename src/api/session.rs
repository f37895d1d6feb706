//! `/session`: log in, find the current session, log out.

use super::{delete_with, get_with, post_with, ApiError, On401};
use portal_contract::{LoginRequest, SessionInfo};

/// `GET /session`: the current session; 401 (not logged in) is an ordinary answer here.
pub async fn current() -> Result<SessionInfo, ApiError> {
    get_with("/session", &Vec::new(), On401::Expected).await
}

/// `POST /session`: 401 for wrong credentials, 429 (with `Retry-After`) when throttled.
pub async fn login(username: &str, password: &str) -> Result<SessionInfo, ApiError> {
    let body = LoginRequest {
        username: username.to_string(),
        password: password.to_string(),
    };
    post_with("/session", &body, On401::Expected).await
}

/// `DELETE /session`: ends the session (a 401 means it had already ended).
pub async fn logout() -> Result<(), ApiError> {
    delete_with("/session", On401::Expected).await
}
