//! `/users` (administrators only).

use super::{get_json, ApiError};
use portal_contract::{Page, User};

/// `GET /users?page=&per_page=`.
pub async fn list(page: u32, per_page: u32) -> Result<Page<User>, ApiError> {
    let params = vec![
        ("page", page.max(1).to_string()),
        ("per_page", per_page.to_string()),
    ];
    get_json("/users", &params).await
}
