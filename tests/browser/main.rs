//! The browser tests (wasm-bindgen-test in headless Chromium), one module per area.
//!
//! One binary: every test binary links the whole app, so one link instead of one per area. The
//! fraud reports' tests are a binary of their own (`tests/fraud.rs`): one of them follows a link
//! of a mounted app, and the routers of apps other modules mounted in the same page (still
//! listening until their tasks end) take that click first.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::wasm_bindgen_test_configure;

wasm_bindgen_test_configure!(run_in_browser);

mod dom;

mod app;
mod board;
mod components;
mod duties;
mod editor;
mod info;
mod media;
mod plan;
mod royalties;
mod security;
mod stats;
