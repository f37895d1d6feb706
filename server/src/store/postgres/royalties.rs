//! [`RoyaltyStore`] on PostgreSQL.
#![allow(unused_variables, unused_imports)]

use super::super::royalties::*;
use super::super::{NewAudit, StoreResult};
use super::PgStore;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use portal_contract::royalty::{
    CoefficientRange, Remuneration, RoyaltyRecord, RoyaltySettingsUpdate, UnitValue,
};

#[async_trait]
impl RoyaltyStore for PgStore {
    async fn settings(&self) -> StoreResult<Option<SettingsRecord>> {
        todo!("postgres")
    }

    async fn save_settings(
        &self,
        update: &RoyaltySettingsUpdate,
        expected_version: i64,
        at: DateTime<Utc>,
        by_id: i64,
        by_name: &str,
        audit: NewAudit,
    ) -> StoreResult<SettingsRecord> {
        todo!("postgres")
    }

    async fn royalty(&self, article_id: i64) -> StoreResult<Option<RoyaltyRecord>> {
        todo!("postgres")
    }

    async fn save_royalty(
        &self,
        article_id: i64,
        record: &RoyaltyRecord,
        expected_version: i64,
        audit: NewAudit,
    ) -> StoreResult<RoyaltyRecord> {
        todo!("postgres")
    }

    async fn published_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> StoreResult<Vec<i64>> {
        todo!("postgres")
    }

    async fn unpaid_published_before(&self, before: DateTime<Utc>) -> StoreResult<Vec<i64>> {
        todo!("postgres")
    }
}
