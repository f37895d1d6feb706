//! Banners of the public portal: an image of the media library in a placement (the top of the
//! home page, its middle, the sidebar) with a link, shown from a start day to an end day in an
//! order. Editors and above manage them, the director reads them; the portal reads today's
//! without a session.

pub mod demo;
pub mod postgres;
mod routes;
pub mod sqlite;
pub(crate) mod store;

pub use store::{
    BannerImageFiles, BannerQuery, BannerRecord, BannerStore, BannerUse, MediaRefusal,
    StoredBanner, Written,
};

use crate::state::AppState;
use axum::routing::get;
use axum::Router;

/// `/banners`, its items, and `/public/banners`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/banners", get(routes::list).post(routes::create))
        .route(
            "/banners/{id}",
            get(routes::get_one)
                .patch(routes::update)
                .delete(routes::delete),
        )
        .route("/public/banners", get(routes::public))
}
