//! The spokesperson's details: edited, confirmed, versioned, and shown on the public portal.

pub mod demo;
mod postgres;
mod routes;
mod sqlite;
pub(crate) mod store;

pub use store::{SpokespersonRecord, SpokespersonStore};

use crate::state::AppState;
use axum::routing::{get, post};
use axum::Router;

/// `/spokesperson*` and the public page's details.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/spokesperson",
            get(routes::get_current).put(routes::update),
        )
        .route("/spokesperson/confirm", post(routes::confirm))
        .route("/spokesperson/versions", get(routes::versions))
        .route("/public/spokesperson", get(routes::public))
}
