//! Articles: the list, one article, its editing, transitions, history, versions and discussion.

pub mod demo;
pub(crate) mod filters;
pub mod model;
pub(crate) mod postgres;
pub(crate) mod routes;
pub(crate) mod rows;
mod sql;
pub(crate) mod sqlite;
pub(crate) mod store;

pub use model::{
    is_public, ArticleQuery, ArticleSortField, ImportedArticle, NewCommentRecord, NewHistory,
};
pub use store::ArticleStore;

use crate::state::AppState;
use axum::routing::{get, post};
use axum::Router;

/// `/articles` and its sub-resources.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/articles", get(routes::list).post(routes::create))
        .route("/articles/{id}", get(routes::get_one).patch(routes::update))
        .route("/articles/{id}/transitions", post(routes::transition))
        .route("/articles/{id}/history", get(routes::history))
        .route("/articles/{id}/versions/{version}", get(routes::version))
        .route(
            "/articles/{id}/versions/{version}/restore",
            post(routes::restore),
        )
        .route(
            "/articles/{id}/revision",
            axum::routing::delete(routes::discard_revision),
        )
        .route(
            "/articles/{id}/revision/transitions",
            post(routes::revision_transition),
        )
        .route(
            "/articles/{id}/comments",
            get(routes::comments).post(routes::add_comment),
        )
}
