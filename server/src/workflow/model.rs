//! A page of the changes feed.

use portal_contract::ArticleSummary;

/// Articles changed after a cursor (`GET /changes`).
#[derive(Debug, Clone)]
pub struct ChangesPage {
    /// Oldest change first.
    pub items: Vec<ArticleSummary>,
    /// Where to ask from next time.
    pub cursor: i64,
    /// More changes wait beyond `cursor`.
    pub more: bool,
}
