//! Administration: users, live sessions, and the audit log.

mod audit;
pub mod demo;
pub mod model;
pub(crate) mod postgres;
mod sessions;
pub(crate) mod sqlite;
pub(crate) mod store;
mod users;

pub use audit::audit_filter;
pub use model::{AuditQuery, EndSessions, NewUserRecord, SYSTEM_USERNAME};
pub use store::AdminStore;
pub(crate) use users::is_system_user;

use crate::state::AppState;
use axum::routing::{delete, get};
use axum::Router;

/// `/users`, `/sessions` and `/audit`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/users", get(users::list).post(users::create))
        .route("/users/{id}", get(users::get_one).patch(users::update))
        .route("/sessions", get(sessions::list))
        .route("/sessions/{id}", delete(sessions::end))
        .route("/audit", get(audit::audit))
}
