//! The public portal's endpoints: published articles and their search.

mod routes;

use crate::state::AppState;
use axum::routing::get;
use axum::Router;

/// `/public/articles*` and `/public/search`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/public/articles", get(routes::list))
        .route("/public/articles/{id}", get(routes::get_one))
        .route("/public/search", get(routes::search))
}
