//! The workflow: its stages and transitions, the board and the changes feed.

pub mod model;
mod routes;

pub use model::ChangesPage;
pub use routes::{decode_cursor, encode_cursor, CHANGES_MAX};

use crate::state::AppState;
use axum::routing::get;
use axum::Router;

/// `/workflow`, `/board` and `/changes`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/workflow", get(routes::workflow))
        .route("/board", get(routes::board))
        .route("/changes", get(routes::changes))
}
