//! Storage of the monthly norm settings and the quarterly submissions of model articles: the
//! trait, its rows, and its SQL written once for both engines.

use crate::db::{corrupt, parse_ts, NewAudit, StoreResult};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use portal_contract::duties::{QuarterlySubmission, SubmittedArticle};
use portal_contract::plans::{MonthNorm, NormSettings};
use portal_contract::Page;
use sqlx::FromRow;

/// A submission to record (`id`, `recorded_at` are the store's).
#[derive(Debug, Clone)]
pub struct NewSubmission {
    pub year: i32,
    pub quarter: u32,
    pub sent_on: NaiveDate,
    pub articles: Vec<SubmittedArticle>,
    pub note: String,
    pub by_id: i64,
    pub by_name: String,
    pub at: DateTime<Utc>,
}

#[async_trait]
pub trait DutiesStore: Send + Sync {
    /// What was saved for `year`, if anything.
    async fn norm_settings(&self, year: i32) -> StoreResult<Option<NormSettings>>;
    /// Saves `year`'s months if the stored version is still `expected_version` (0: none yet).
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
    ) -> StoreResult<NormSettings>;
    async fn record_submission(
        &self,
        s: &NewSubmission,
        audit: NewAudit,
    ) -> StoreResult<QuarterlySubmission>;
    async fn submission(&self, id: i64) -> StoreResult<Option<QuarterlySubmission>>;
    /// The submissions of one quarter, newest first.
    async fn quarter_submissions(
        &self,
        year: i32,
        quarter: u32,
    ) -> StoreResult<Vec<QuarterlySubmission>>;
    /// Every submission (of `year`, or of all years), newest first.
    async fn list_submissions(
        &self,
        year: Option<i32>,
        page: u32,
        per_page: u32,
    ) -> StoreResult<Page<QuarterlySubmission>>;
}

#[derive(FromRow)]
pub(crate) struct NormRow {
    year: i64,
    months: String,
    updated_at: String,
    updated_by_name: String,
    version: i64,
}

impl NormRow {
    pub(crate) fn into_settings(self) -> StoreResult<NormSettings> {
        Ok(NormSettings {
            year: self.year as i32,
            months: serde_json::from_str(&self.months)
                .map_err(|_| corrupt("norm_settings.months"))?,
            saved: true,
            updated_at: Some(parse_ts(&self.updated_at, "norm_settings.updated_at")?),
            updated_by_name: Some(self.updated_by_name),
            version: self.version,
        })
    }
}

#[derive(FromRow)]
pub(crate) struct SubmissionRow {
    id: i64,
    year: i64,
    quarter: i64,
    sent_on: String,
    articles: String,
    note: String,
    recorded_by_name: String,
    recorded_at: String,
}

pub(crate) const SUBMISSION_COLUMNS: &str =
    "id, year, quarter, sent_on, articles, note, recorded_by_name, recorded_at";

impl SubmissionRow {
    pub(crate) fn into_submission(self) -> StoreResult<QuarterlySubmission> {
        Ok(QuarterlySubmission {
            id: self.id,
            year: self.year as i32,
            quarter: self.quarter as u32,
            sent_on: NaiveDate::parse_from_str(&self.sent_on, "%Y-%m-%d")
                .map_err(|_| corrupt("quarterly_submissions.sent_on"))?,
            articles: serde_json::from_str(&self.articles)
                .map_err(|_| corrupt("quarterly_submissions.articles"))?,
            note: self.note,
            recorded_by_name: self.recorded_by_name,
            recorded_at: parse_ts(&self.recorded_at, "quarterly_submissions.recorded_at")?,
        })
    }
}

/// Expands [`DutiesStore`] for one engine (`sqlite` or `postgres`, a module of `crate::db`).
macro_rules! duties_sql {
    ($engine:ident) => {
        use crate::db::$engine::{begin_write, insert_audit, Backend};
        use crate::db::{to_json, ts, NewAudit, StoreError, StoreResult};
        use crate::duties::store::*;
        use chrono::{DateTime, Utc};
        use portal_contract::duties::QuarterlySubmission;
        use portal_contract::plans::{MonthNorm, NormSettings};
        use portal_contract::Page;

        #[async_trait::async_trait]
        impl DutiesStore for Backend {
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
                let mut tx = begin_write(self.pool()).await?;
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
                let mut tx = begin_write(self.pool()).await?;
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
                    "SELECT COUNT(*) FROM quarterly_submissions WHERE CAST($1 AS INTEGER) IS NULL OR year = $1",
                )
                .bind(year)
                .fetch_one(self.pool())
                .await?;
                let rows: Vec<SubmissionRow> = sqlx::query_as(&format!(
                    "SELECT {SUBMISSION_COLUMNS} FROM quarterly_submissions \
                     WHERE CAST($1 AS INTEGER) IS NULL OR year = $1 \
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
    };
}
pub(crate) use duties_sql;
