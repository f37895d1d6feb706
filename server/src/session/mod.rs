//! Signing in and out, the current session, changing one's own password, and the login
//! throttle.

pub mod guard;
pub mod model;
mod postgres;
mod routes;
mod sqlite;
pub(crate) mod store;
pub mod throttle;

pub use model::SessionRecord;
pub use store::SessionStore;

use crate::state::AppState;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post, put};

/// Largest login body read: a 64-character name and a 256-character password in JSON, escaped
/// at worst, fit in 4 KiB; a megabyte-long name is refused before it is read.
pub const LOGIN_BODY_BYTES: usize = 4 * 1024;
use axum::Router;

/// `/session` and `/session/password`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/session",
            get(routes::current)
                .post(routes::login)
                .layer(DefaultBodyLimit::max(LOGIN_BODY_BYTES))
                .delete(routes::logout),
        )
        .route("/session/password", put(routes::change_password))
        .route(
            "/session/reauthenticate",
            post(routes::reauthenticate).layer(DefaultBodyLimit::max(LOGIN_BODY_BYTES)),
        )
}
