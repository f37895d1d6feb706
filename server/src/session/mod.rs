//! Signing in and out, the current session, changing one's own password, and the login
//! throttle.

pub mod model;
mod postgres;
mod routes;
mod sqlite;
pub(crate) mod store;
pub mod throttle;

pub use model::SessionRecord;
pub use store::SessionStore;

use crate::state::AppState;
use axum::routing::{get, put};
use axum::Router;

/// `/session` and `/session/password`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/session",
            get(routes::current)
                .post(routes::login)
                .delete(routes::logout),
        )
        .route("/session/password", put(routes::change_password))
}
