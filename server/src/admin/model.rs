//! What the user and audit storage is asked and told.

use chrono::{DateTime, Utc};
use portal_contract::{AuditFilter, Role};

/// Username of the reserved, inactive user that acts for the server itself (scheduled
/// publishing). Created by the migrations; never listed, never able to log in.
pub const SYSTEM_USERNAME: &str = "system";

/// A user to create, with the PHC string of their password.
#[derive(Debug, Clone)]
pub struct NewUserRecord {
    pub username: String,
    pub full_name: String,
    pub email: Option<String>,
    pub roles: Vec<Role>,
    pub active: bool,
    pub password_hash: String,
    pub at: DateTime<Utc>,
}

/// Which sessions of a user a change to the user ends (`Store::update_user`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EndSessions {
    /// None of them.
    None,
    /// Every one (the account was disabled, or someone else set its password).
    All,
    /// Every one but the session with this token hash (the user changed their own password).
    AllBut(String),
}

/// A filtered page of the audit log (`GET /audit`).
#[derive(Debug, Clone)]
pub struct AuditQuery {
    pub page: u32,
    pub per_page: u32,
    /// `from`/`to` are calendar days in Asia/Ho_Chi_Minh, both included.
    pub filter: AuditFilter,
}
