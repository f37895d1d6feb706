//! `portal-server`: the reference backend of the portal contract (`/api/v1`), axum with SQLite
//! or PostgreSQL.
//!
//! [`router`] builds the whole application from an [`AppState`], so tests drive it with
//! `tower::ServiceExt::oneshot` and `main.rs` only mounts it. One folder per feature (its
//! `router()`, handlers, storage written once for both engines, demo data); `http/` and `db/`
//! hold what every feature shares.

pub mod admin;
pub mod app;
pub mod articles;
pub mod auth;
pub mod banners;
pub mod bench;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod duties;
pub mod fraud;
pub mod http;
pub mod jobs;
pub mod media;
pub mod middleware;
pub mod net;
pub mod plans;
pub mod public;
pub mod required_info;
pub mod royalties;
pub mod session;
pub mod spokesperson;
pub mod state;
pub mod stats;
pub mod store;
pub mod workflow;

pub use app::router;
pub use jobs::{publish_due, publish_scheduled, sweep_sessions};
pub use state::AppState;
