//! Royalties: the settings (coefficients, unit values), each article's assessment and payment,
//! the monthly sheet and the overdue list.

pub mod demo;
mod postgres;
mod routes;
mod sqlite;
pub(crate) mod store;

pub use store::{RoyaltyStore, SettingsRecord};

use crate::state::AppState;
use axum::routing::{get, post};
use axum::Router;

/// `/royalties/*` and `/articles/{id}/royalty*`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/royalties/settings",
            get(routes::get_settings).put(routes::put_settings),
        )
        .route("/royalties/sheet", get(routes::get_sheet))
        .route("/royalties/overdue", get(routes::get_overdue))
        .route(
            "/articles/{id}/royalty",
            get(routes::get_article).put(routes::put_article),
        )
        .route("/articles/{id}/royalty/payment", post(routes::pay_article))
}
