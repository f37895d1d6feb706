//! [`FraudStore`] on PostgreSQL.
#![allow(unused_variables, unused_imports)]

use super::super::fraud::*;
use super::super::{NewAudit, NewHistory, StoreResult};
use super::PgStore;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use portal_contract::fraud::{
    FraudChannel, FraudHistoryEntry, FraudReport, FraudReportSummary, FraudState,
};
use portal_contract::{Article, Page};

#[async_trait]
impl FraudStore for PgStore {
    async fn list_reports(&self, q: &FraudQuery) -> StoreResult<Page<FraudReportSummary>> {
        todo!("postgres")
    }

    async fn get_report(&self, id: i64) -> StoreResult<Option<FraudReport>> {
        todo!("postgres")
    }

    async fn insert_report(
        &self,
        report: &FraudReport,
        event: FraudEvent,
        audit: NewAudit,
    ) -> StoreResult<FraudReport> {
        todo!("postgres")
    }

    async fn change_state(
        &self,
        id: i64,
        expected_version: i64,
        event: FraudEvent,
        audit: NewAudit,
    ) -> StoreResult<FraudReport> {
        todo!("postgres")
    }

    async fn draft_warning(
        &self,
        id: i64,
        expected_version: i64,
        draft: WarningDraft,
    ) -> StoreResult<(FraudReport, bool)> {
        todo!("postgres")
    }
}
