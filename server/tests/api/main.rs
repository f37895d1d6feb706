//! Integration tests: the whole router driven with `tower::ServiceExt::oneshot`, each test on
//! its own in-memory SQLite database and a clock it moves by hand.

mod common;
#[path = "../../../contract/tests/support/openapi.rs"]
mod openapi_doc;

mod articles;
mod audit;
mod auth;
// Banners of the public portal (issue #17).
mod banners;
mod demo;
mod editorial;
mod errors;
mod matrix;
mod migration;
mod migration_postgres;
mod norms;
mod openapi;
mod plans;
mod public;
// Revisions after approval (issue #18).
mod revisions;
mod royalties;
mod safeguards;
mod stats;
mod users;
mod workflow;
// Fraud reports (Official Dispatch 1466).
mod fraud;
mod idempotency;
// Required information (issue #6).
mod info;
// The media library (issue #17).
mod media;
mod processes;
// Security (issue #7).
mod security;
// The SPA's files.
mod spa;
