//! [`PlanStore`] on PostgreSQL.
#![allow(unused_variables, unused_imports)]

use super::super::plans::*;
use super::super::{NewAudit, StoreResult};
use super::PgStore;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use portal_contract::plan::{Plan, PlanContent, PlanHistoryEntry, PlanState, PlanSummary};
use portal_contract::spokesperson::{SpokespersonContent, SpokespersonVersion};
use portal_contract::Kind;

#[async_trait]
impl PlanStore for PgStore {
    async fn list_plans(&self, year: Option<i32>) -> StoreResult<Vec<PlanSummary>> {
        todo!("postgres")
    }

    async fn get_plan(&self, id: i64) -> StoreResult<Option<Plan>> {
        todo!("postgres")
    }

    async fn insert_plan(
        &self,
        plan: &Plan,
        event: PlanEvent,
        audit: NewAudit,
    ) -> StoreResult<Plan> {
        todo!("postgres")
    }

    async fn update_plan(
        &self,
        plan: &Plan,
        expected_version: i64,
        event: PlanEvent,
        audit: NewAudit,
    ) -> StoreResult<Plan> {
        todo!("postgres")
    }

    async fn plan_history(&self, year: i32) -> StoreResult<Vec<PlanHistoryEntry>> {
        todo!("postgres")
    }

    async fn spokesperson(&self) -> StoreResult<Option<SpokespersonRecord>> {
        todo!("postgres")
    }

    #[allow(clippy::too_many_arguments)]
    async fn save_spokesperson(
        &self,
        content: Option<&SpokespersonContent>,
        expected_version: i64,
        at: DateTime<Utc>,
        by_id: i64,
        by_name: &str,
        audit: NewAudit,
    ) -> StoreResult<SpokespersonRecord> {
        todo!("postgres")
    }

    async fn spokesperson_versions(&self) -> StoreResult<Vec<SpokespersonVersion>> {
        todo!("postgres")
    }

    async fn plan_in_force(&self, year: i32) -> StoreResult<Option<Plan>> {
        todo!("postgres")
    }

    async fn published_counts(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> StoreResult<Vec<(Kind, u64)>> {
        todo!("postgres")
    }
}
