//! The editorial duties: my work, the monthly norms and their settings, and the quarterly
//! submissions of model articles.

pub mod demo;
mod postgres;
mod routes;
mod sqlite;
pub(crate) mod store;

pub use store::{DutiesStore, NewSubmission};

use crate::state::AppState;
use axum::routing::get;
use axum::Router;

/// `/my-work`, `/norms/*`, `/quarterly` and `/quarterly-submissions*`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/norms/progress", get(routes::norm_progress))
        .route("/norms/year", get(routes::norm_year))
        .route(
            "/norms/settings/{year}",
            get(routes::get_settings).put(routes::put_settings),
        )
        .route("/my-work", get(routes::my_work))
        .route("/quarterly", get(routes::quarter_status))
        .route(
            "/quarterly-submissions",
            get(routes::list_submissions).post(routes::record_submission),
        )
        .route("/quarterly-submissions/{id}", get(routes::get_submission))
}
