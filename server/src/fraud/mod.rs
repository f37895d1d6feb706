//! Fraud reports (Official Dispatch 1466): local offices file them, the IT Centre verifies,
//! the Communication Centre drafts the warning article and marks them communicated.

pub mod demo;
mod postgres;
mod routes;
mod sqlite;
pub(crate) mod store;

pub use store::{FraudEvent, FraudQuery, FraudStore, WarningDraft};

use crate::state::AppState;
use axum::routing::{get, post};
use axum::Router;

/// `/fraud-reports` and its sub-resources.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/fraud-reports", get(routes::list).post(routes::create))
        .route("/fraud-reports/{id}", get(routes::get_one))
        .route("/fraud-reports/{id}/transitions", post(routes::transition))
        .route(
            "/fraud-reports/{id}/warning-article",
            post(routes::warning_article_draft),
        )
}
