//! Administration: users (`/users`), live sessions (`/sessions`), the audit log (`/audit`) and
//! one's own password (`/session/password`).

use super::{delete_with, get_json, ApiError, On401, Params};
use portal_contract::{ActiveSession, AuditEntry, AuditFilter, Page, User};

/// `GET /users?page=&per_page=`.
pub async fn users(page: u32, per_page: u32) -> Result<Page<User>, ApiError> {
    let params = vec![
        ("page", page.max(1).to_string()),
        ("per_page", per_page.to_string()),
    ];
    get_json("/users", &params).await
}

/// `GET /sessions?page=&per_page=`: live sessions, most recently active first.
pub async fn sessions(page: u32, per_page: u32) -> Result<Page<ActiveSession>, ApiError> {
    let params = vec![
        ("page", page.max(1).to_string()),
        ("per_page", per_page.to_string()),
    ];
    get_json("/sessions", &params).await
}

/// `DELETE /sessions/{id}`: ends the session at once.
pub async fn end_session(id: i64) -> Result<(), ApiError> {
    delete_with(&format!("/sessions/{id}"), On401::SessionExpired).await
}

/// The query of `GET /audit`: the filters, then the page.
pub fn audit_params(filter: &AuditFilter, page: u32, per_page: u32) -> Params {
    let mut p: Params = filter.params();
    if page > 1 {
        p.push(("page", page.to_string()));
    }
    p.push(("per_page", per_page.to_string()));
    p
}

/// `GET /audit?actor=&action=&outcome=&target=&from=&to=&page=&per_page=`: newest first.
pub async fn audit(
    filter: &AuditFilter,
    page: u32,
    per_page: u32,
) -> Result<Page<AuditEntry>, ApiError> {
    get_json("/audit", &audit_params(filter, page, per_page)).await
}

/// `PUT /session/password`: changes the signed-in user's own password (204; the user's other
/// sessions end, this one stays).
pub async fn change_password(change: &portal_contract::PasswordChange) -> Result<(), ApiError> {
    let json = super::to_json(change)?;
    super::send_versioned("PUT", "/session/password", json, None)
        .await
        .map(|_| ())
}
