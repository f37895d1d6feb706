//! Visitor statistics of the public portal: the beacon endpoint's rules, counting, rollups.
//!
//! - `classify` reduces a beacon to coarse facts (path, referring host, device, browser);
//! - `engine` applies the counting rules in memory and yields rollup increments;
//! - `ingest` owns the engine in one task and commits waiting beacons together;
//! - `store` with `sqlite`/`postgres` keep salts, raw events (for a configurable number of
//!   days), visits and the hourly, daily and breakdown rollups that every query reads;
//! - `routes` the beacon, the snippet and the dashboards' queries; `demo` synthetic traffic.

pub mod classify;
pub mod demo;
pub mod engine;
pub(crate) mod ingest;
mod postgres;
pub(crate) mod routes;
mod sqlite;
pub mod store;

pub use ingest::{maintain, visitor_hash, Refusal, Stats, BURST, REFILL_PER_SEC};
pub use routes::Quiet;
pub use store::StatsStore;

use crate::state::AppState;
use axum::routing::{get, post};
use axum::{middleware, Router};

/// `/collect`, `/collect.js` and `/stats/*`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/collect",
            post(routes::collect).options(routes::collect_preflight),
        )
        .route("/collect.js", get(routes::snippet))
        .merge(
            Router::new()
                .route("/stats/summary", get(routes::summary))
                .route("/stats/timeseries", get(routes::timeseries))
                .route("/stats/breakdown/{dimension}", get(routes::breakdown))
                .route("/stats/realtime", get(routes::realtime))
                .route_layer(middleware::from_fn(routes::server_timing)),
        )
}
