//! The portal contract: the serde types of every request and response of `/api/v1`.
//!
//! `openapi.yaml` beside this crate is the source of truth that any backend implements; these
//! types mirror it for the two Rust sides (the SPA and the reference server). Pure rules that
//! both sides apply the same way (workflow defaults, validation, permissions, date format) live
//! here too, so the UI hides exactly what the server would refuse.

pub mod articles;
pub mod auth;
pub mod banners;
pub mod blocks;
pub mod checklist;
pub mod diff;
pub mod duties;
pub mod editorial;
pub mod format;
pub mod fraud;
pub mod media;
pub mod plans;
pub mod problem;
pub mod required_info;
pub mod royalties;
pub mod spokesperson;
pub mod stats;
pub mod text;
pub mod workflow;

pub use articles::*;
pub use auth::*;
pub use blocks::{Block, Span};
pub use checklist::{Checklist, ChecklistItem, ChecklistSettings};
pub use editorial::*;
pub use problem::*;
pub use workflow::*;

use serde::{Deserialize, Serialize};

/// Base path of every endpoint of the contract.
pub const API_BASE: &str = "/api/v1";
/// Header every mutation must carry (or a same-origin `Origin`), as a CSRF guard.
pub const CSRF_HEADER: &str = "x-requested-with";
/// Largest accepted request body.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// Largest page a list endpoint serves.
pub const MAX_PER_PAGE: u32 = 200;
/// Page size when the client does not ask for one.
pub const DEFAULT_PER_PAGE: u32 = 20;

/// One page of a list: `{items, total, page, per_page}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

impl<T> Page<T> {
    /// Number of pages needed for `total` items (at least 1, so "page 1 of 1" reads right).
    pub fn page_count(&self) -> u32 {
        let per = u64::from(self.per_page.max(1));
        (self.total.div_ceil(per)).max(1) as u32
    }
}

/// `GET /api/v1/health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    pub version: String,
    pub database: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_count_rounds_up_and_is_never_zero() {
        let p = |total, per_page| Page::<()> {
            items: vec![],
            total,
            page: 1,
            per_page,
        };
        assert_eq!(p(0, 20).page_count(), 1);
        assert_eq!(p(20, 20).page_count(), 1);
        assert_eq!(p(21, 20).page_count(), 2);
        assert_eq!(p(200, 7).page_count(), 29);
    }
}
