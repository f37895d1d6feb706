//! [`NormStore`] on PostgreSQL.
#![allow(unused_variables, unused_imports)]

use super::super::norms::*;
use super::super::{NewAudit, StoreResult};
use super::PgStore;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use portal_contract::plan::{MonthNorm, NormSettings};
use portal_contract::quarterly::{QuarterlySubmission, SubmittedArticle};
use portal_contract::Page;

#[async_trait]
impl NormStore for PgStore {
    async fn norm_settings(&self, year: i32) -> StoreResult<Option<NormSettings>> {
        todo!("postgres")
    }

    #[allow(clippy::too_many_arguments)]
    async fn save_norm_settings(
        &self,
        year: i32,
        months: &[MonthNorm],
        expected_version: i64,
        by_id: i64,
        by_name: &str,
        at: DateTime<Utc>,
        audit: NewAudit,
    ) -> StoreResult<NormSettings> {
        todo!("postgres")
    }

    async fn record_submission(
        &self,
        s: &NewSubmission,
        audit: NewAudit,
    ) -> StoreResult<QuarterlySubmission> {
        todo!("postgres")
    }

    async fn submission(&self, id: i64) -> StoreResult<Option<QuarterlySubmission>> {
        todo!("postgres")
    }

    async fn quarter_submissions(
        &self,
        year: i32,
        quarter: u32,
    ) -> StoreResult<Vec<QuarterlySubmission>> {
        todo!("postgres")
    }

    async fn list_submissions(
        &self,
        year: Option<i32>,
        page: u32,
        per_page: u32,
    ) -> StoreResult<Page<QuarterlySubmission>> {
        todo!("postgres")
    }
}
