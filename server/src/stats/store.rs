//! Storage of the statistics behind one trait, as for the rest of the store.

use super::engine::{Delta, Engine};
use crate::store::StoreResult;
use async_trait::async_trait;
use chrono::NaiveDate;
use portal_contract::stats::{DateRange, Dimension, Totals};

/// A salt: 32 random bytes, one per local day.
pub type Salt = [u8; 32];

/// One row of a breakdown before labelling.
#[derive(Debug, Clone, PartialEq)]
pub struct DimRow {
    pub key: String,
    pub visitors: u64,
    pub visits: u64,
    pub pageviews: u64,
    /// The article's title (articles only).
    pub title: Option<String>,
}

/// What the realtime view reads from the raw events.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RealtimeRows {
    pub visitors: u64,
    pub pageviews: u64,
    pub bot_pageviews: u64,
    /// (minute start in ms, pageviews)
    pub minutes: Vec<(i64, u64)>,
    pub pages: Vec<DimRow>,
}

#[async_trait]
pub trait StatsStore: Send + Sync {
    /// The salts of `day` (created when missing) and of the day before (if it exists).
    /// Deletes every older salt, so no older hash can ever be recomputed.
    async fn salts(&self, day: NaiveDate) -> StoreResult<(Salt, Option<Salt>)>;
    /// An engine that continues from what is stored, as of `now_ms`.
    async fn resume_engine(&self, now_ms: i64) -> StoreResult<Engine>;
    /// Writes one batch (events, visits, rollups) in one transaction.
    async fn apply(&self, delta: &Delta) -> StoreResult<()>;
    /// Deletes raw events and visits older than `before_ms`; returns how many events went.
    async fn purge_raw(&self, before_ms: i64) -> StoreResult<u64>;
    /// Daily rollup rows within `range` (missing days are simply absent).
    async fn daily(&self, range: DateRange) -> StoreResult<Vec<(NaiveDate, Totals)>>;
    /// Hourly rollup rows with `from_s <= hour < to_s`.
    async fn hourly(&self, from_s: i64, to_s: i64) -> StoreResult<Vec<(i64, Totals)>>;
    /// The top `limit` keys of `dim` in `range`, by visitors then pageviews.
    async fn breakdown(
        &self,
        range: DateRange,
        dim: Dimension,
        limit: u32,
    ) -> StoreResult<Vec<DimRow>>;
    /// Raw events since `since_ms`.
    async fn realtime(&self, since_ms: i64) -> StoreResult<RealtimeRows>;
    /// Whether any traffic was ever counted (the demo seeds only an empty database).
    async fn has_traffic(&self) -> StoreResult<bool>;
}
