//! The required information pages (organisation, links, training), their confirmation, the
//! staleness setting and the link checker.

pub mod demo;
pub mod linkcheck;
mod postgres;
mod routes;
mod sqlite;
pub(crate) mod store;

pub use store::{InfoRecord, InfoStore, StaleSetting};

use crate::state::AppState;
use axum::routing::{get, post};
use axum::Router;

/// `/info/*` and the public organisation page.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/info/org", get(routes::get_org).put(routes::put_org))
        .route("/info/org/confirm", post(routes::confirm_org))
        .route("/info/links", get(routes::get_links).put(routes::put_links))
        .route("/info/links/confirm", post(routes::confirm_links))
        .route("/info/links/check", post(routes::check_links))
        .route(
            "/info/training",
            get(routes::get_training).put(routes::put_training),
        )
        .route("/info/training/confirm", post(routes::confirm_training))
        .route("/info/status", get(routes::status))
        .route(
            "/info/settings",
            get(routes::get_settings).put(routes::put_settings),
        )
        .route("/public/organization", get(routes::public_org))
}
