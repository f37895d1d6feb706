//! [`StatsStore`] on PostgreSQL.
#![allow(unused_variables, unused_imports)]

use super::engine::{Delta, Engine};
use super::store::{DimRow, RealtimeRows, Salt, StatsStore};
use crate::store::{PgStore, StoreResult};
use async_trait::async_trait;
use chrono::NaiveDate;
use portal_contract::stats::{DateRange, Dimension, Totals};

#[async_trait]
impl StatsStore for PgStore {
    async fn salts(&self, day: NaiveDate) -> StoreResult<(Salt, Option<Salt>)> {
        todo!("postgres")
    }

    async fn resume_engine(&self, now_ms: i64) -> StoreResult<Engine> {
        todo!("postgres")
    }

    async fn apply(&self, delta: &Delta) -> StoreResult<()> {
        todo!("postgres")
    }

    async fn purge_raw(&self, before_ms: i64) -> StoreResult<u64> {
        todo!("postgres")
    }

    async fn daily(&self, range: DateRange) -> StoreResult<Vec<(NaiveDate, Totals)>> {
        todo!("postgres")
    }

    async fn hourly(&self, from_s: i64, to_s: i64) -> StoreResult<Vec<(i64, Totals)>> {
        todo!("postgres")
    }

    async fn breakdown(
        &self,
        range: DateRange,
        dim: Dimension,
        limit: u32,
    ) -> StoreResult<Vec<DimRow>> {
        todo!("postgres")
    }

    async fn realtime(&self, since_ms: i64) -> StoreResult<RealtimeRows> {
        todo!("postgres")
    }

    async fn has_traffic(&self) -> StoreResult<bool> {
        todo!("postgres")
    }
}
