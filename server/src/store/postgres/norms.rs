//! [`NormStore`] on PostgreSQL: the rows and rules of [`crate::store::norms`].

use super::super::norms::*;
use super::super::sqlite::ts;
use super::super::{NewAudit, StoreError, StoreResult};
use super::{insert_audit, PgStore};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use portal_contract::plan::{MonthNorm, NormSettings};
use portal_contract::quarterly::QuarterlySubmission;
use portal_contract::Page;

#[async_trait]
impl NormStore for PgStore {
    async fn norm_settings(&self, year: i32) -> StoreResult<Option<NormSettings>> {
        let row: Option<NormRow> = sqlx::query_as(
            "SELECT year, months, updated_at, updated_by_name, version \
             FROM norm_settings WHERE year = $1",
        )
        .bind(year)
        .fetch_optional(self.pool())
        .await?;
        row.map(NormRow::into_settings).transpose()
    }

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
        let mut sorted = months.to_vec();
        sorted.sort_by_key(|m| m.month);
        let json = to_json(&sorted)?;
        let version = expected_version + 1;
        let mut tx = self.pool().begin().await?;
        // The version check is the write itself: the first save of a year inserts (and finds
        // the year taken if another writer got there first), a later one updates the row only
        // at the expected version. Either way a lost race writes nothing.
        let sql = if expected_version == 0 {
            "INSERT INTO norm_settings \
             (year, months, updated_at, updated_by, updated_by_name, version) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (year) DO NOTHING"
        } else {
            "UPDATE norm_settings SET months = $2, updated_at = $3, updated_by = $4, \
             updated_by_name = $5, version = $6 WHERE year = $1 AND version = $6 - 1"
        };
        let written = sqlx::query(sql)
            .bind(year)
            .bind(&json)
            .bind(ts(at))
            .bind(by_id)
            .bind(by_name)
            .bind(version);
        if written.execute(&mut *tx).await?.rows_affected() == 0 {
            return Err(StoreError::VersionMismatch);
        }
        insert_audit(&mut tx, &audit).await?;
        tx.commit().await?;
        Ok(NormSettings {
            year,
            months: sorted,
            saved: true,
            updated_at: Some(at),
            updated_by_name: Some(by_name.to_string()),
            version,
        })
    }

    async fn record_submission(
        &self,
        s: &NewSubmission,
        mut audit: NewAudit,
    ) -> StoreResult<QuarterlySubmission> {
        let mut tx = self.pool().begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO quarterly_submissions \
             (year, quarter, sent_on, articles, note, recorded_by, recorded_by_name, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(s.year)
        .bind(i64::from(s.quarter))
        .bind(s.sent_on.format("%Y-%m-%d").to_string())
        .bind(to_json(&s.articles)?)
        .bind(&s.note)
        .bind(s.by_id)
        .bind(&s.by_name)
        .bind(ts(s.at))
        .fetch_one(&mut *tx)
        .await?;
        audit.target = Some(format!("quarterly_submission:{id}"));
        insert_audit(&mut tx, &audit).await?;
        tx.commit().await?;
        Ok(QuarterlySubmission {
            id,
            year: s.year,
            quarter: s.quarter,
            sent_on: s.sent_on,
            articles: s.articles.clone(),
            note: s.note.clone(),
            recorded_by_name: s.by_name.clone(),
            recorded_at: s.at,
        })
    }

    async fn submission(&self, id: i64) -> StoreResult<Option<QuarterlySubmission>> {
        let row: Option<SubmissionRow> = sqlx::query_as(&format!(
            "SELECT {SUBMISSION_COLUMNS} FROM quarterly_submissions WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        row.map(SubmissionRow::into_submission).transpose()
    }

    async fn quarter_submissions(
        &self,
        year: i32,
        quarter: u32,
    ) -> StoreResult<Vec<QuarterlySubmission>> {
        let rows: Vec<SubmissionRow> = sqlx::query_as(&format!(
            "SELECT {SUBMISSION_COLUMNS} FROM quarterly_submissions \
             WHERE year = $1 AND quarter = $2 ORDER BY sent_on DESC, id DESC"
        ))
        .bind(year)
        .bind(i64::from(quarter))
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(SubmissionRow::into_submission)
            .collect()
    }

    async fn list_submissions(
        &self,
        year: Option<i32>,
        page: u32,
        per_page: u32,
    ) -> StoreResult<Page<QuarterlySubmission>> {
        let total: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM quarterly_submissions WHERE $1::INT4 IS NULL OR year = $1",
        )
        .bind(year)
        .fetch_one(self.pool())
        .await?;
        let rows: Vec<SubmissionRow> = sqlx::query_as(&format!(
            "SELECT {SUBMISSION_COLUMNS} FROM quarterly_submissions \
             WHERE $1::INT4 IS NULL OR year = $1 \
             ORDER BY year DESC, quarter DESC, sent_on DESC, id DESC LIMIT $2 OFFSET $3"
        ))
        .bind(year)
        .bind(i64::from(per_page))
        .bind(i64::from(page.saturating_sub(1)) * i64::from(per_page))
        .fetch_all(self.pool())
        .await?;
        let items = rows
            .into_iter()
            .map(SubmissionRow::into_submission)
            .collect::<StoreResult<Vec<_>>>()?;
        Ok(Page {
            items,
            total: total.max(0) as u64,
            page,
            per_page,
        })
    }
}
