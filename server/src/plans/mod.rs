//! The annual operation plans: versions of a year's plan, their workflow and history.

pub mod demo;
mod postgres;
mod routes;
mod sqlite;
pub(crate) mod store;

pub use store::{PlanEvent, PlanStore};

use crate::state::AppState;
use axum::routing::{get, post};
use axum::Router;

/// `/plans` and its sub-resources.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/plans", get(routes::list).post(routes::create))
        .route("/plans/{id}", get(routes::get_one).patch(routes::update))
        .route("/plans/{id}/transitions", post(routes::transition))
        .route("/plans/{id}/amend", post(routes::amend))
        .route("/plans/{id}/history", get(routes::history))
}
