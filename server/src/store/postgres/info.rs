//! [`InfoStore`] on PostgreSQL.
#![allow(unused_variables, unused_imports)]

use super::super::info::*;
use super::super::{NewAudit, StoreResult};
use super::PgStore;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use portal_contract::info::{InfoSection, LinkCheck};

#[async_trait]
impl InfoStore for PgStore {
    async fn page(&self, section: InfoSection) -> StoreResult<Option<InfoRecord>> {
        todo!("postgres")
    }

    #[allow(clippy::too_many_arguments)]
    async fn save_page(
        &self,
        section: InfoSection,
        content: Option<&str>,
        expected_version: i64,
        at: DateTime<Utc>,
        by_id: i64,
        by_name: &str,
        audit: NewAudit,
    ) -> StoreResult<InfoRecord> {
        todo!("postgres")
    }

    async fn link_checks(&self, urls: &[String]) -> StoreResult<Vec<LinkCheck>> {
        todo!("postgres")
    }

    async fn record_link_checks(
        &self,
        checks: &[LinkCheck],
        audit: Option<NewAudit>,
    ) -> StoreResult<()> {
        todo!("postgres")
    }

    async fn stale_setting(&self) -> StoreResult<Option<StaleSetting>> {
        todo!("postgres")
    }

    async fn save_stale_setting(
        &self,
        days: u32,
        expected_version: i64,
        at: DateTime<Utc>,
        by_name: &str,
        audit: NewAudit,
    ) -> StoreResult<StaleSetting> {
        todo!("postgres")
    }
}
