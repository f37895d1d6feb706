//! Integration tests: the whole router driven with `tower::ServiceExt::oneshot`, each test on
//! its own in-memory SQLite database and a clock it moves by hand.

mod common;

mod articles;
mod audit;
mod auth;
mod demo;
mod errors;
mod matrix;
mod users;
mod workflow;
