//! Storage of royalties: the settings' versions and each article's assessment and payment;
//! the trait, its rows, and its SQL written once for both engines.

use crate::db::{corrupt, parse_opt_ts, NewAudit, StoreResult};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use portal_contract::royalties::{
    CoefficientRange, Remuneration, RoyaltyRecord, RoyaltySettingsUpdate, UnitValue,
};

/// The settings as last saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsRecord {
    pub coefficients: Vec<CoefficientRange>,
    pub unit_values: Vec<UnitValue>,
    pub at: DateTime<Utc>,
    pub by_name: String,
    pub version: i64,
}

#[async_trait]
pub trait RoyaltyStore: Send + Sync {
    /// The last saved settings; `None` before the first save.
    async fn settings(&self) -> StoreResult<Option<SettingsRecord>>;
    /// Saves new settings if the current version is `expected_version` (0 before the first).
    async fn save_settings(
        &self,
        update: &RoyaltySettingsUpdate,
        expected_version: i64,
        at: DateTime<Utc>,
        by_id: i64,
        by_name: &str,
        audit: NewAudit,
    ) -> StoreResult<SettingsRecord>;
    /// An article's assessment and payment (`None`: never assessed nor paid).
    async fn royalty(&self, article_id: i64) -> StoreResult<Option<RoyaltyRecord>>;
    /// Writes `record` (its `version` is the new one) if the stored version is still
    /// `expected_version` (0: none stored yet), with the audit line.
    async fn save_royalty(
        &self,
        article_id: i64,
        record: &RoyaltyRecord,
        expected_version: i64,
        audit: NewAudit,
    ) -> StoreResult<RoyaltyRecord>;
    /// Ids of the articles published in `from..to`, oldest publication first.
    async fn published_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> StoreResult<Vec<i64>>;
    /// Ids of the articles published before `before` and not paid, oldest publication first.
    async fn unpaid_published_before(&self, before: DateTime<Utc>) -> StoreResult<Vec<i64>>;
}

pub(crate) type RoyaltyRow = (
    Option<i64>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    i64,
);

pub(crate) fn royalty_of(r: RoyaltyRow) -> StoreResult<RoyaltyRecord> {
    Ok(RoyaltyRecord {
        coefficient_tenths: r
            .0
            .map(|c| u32::try_from(c).map_err(|_| corrupt("article_royalties.coefficient")))
            .transpose()?,
        remunerations: serde_json::from_str::<Vec<Remuneration>>(&r.1)
            .map_err(|_| corrupt("article_royalties.remunerations"))?,
        assessed_at: parse_opt_ts(r.2.as_deref(), "article_royalties.assessed_at")?,
        assessed_by_name: r.3,
        paid_on: r
            .4
            .map(|d| {
                NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                    .map_err(|_| corrupt("article_royalties.paid_on"))
            })
            .transpose()?,
        paid_by_name: r.5,
        version: r.6,
    })
}

pub(crate) const ROYALTY_SELECT: &str = "SELECT coefficient_tenths, remunerations, assessed_at, \
    assessed_by_name, paid_on, paid_by_name, version FROM article_royalties WHERE article_id = $1";

/// Expands the store for one engine (`sqlite` or `postgres`, a module of `crate::db`).
macro_rules! royalties_sql {
    ($engine:ident) => {
        use crate::db::$engine::{begin_write, insert_audit, Backend, Conn, FOR_UPDATE};
        use crate::db::{corrupt, lost_race, parse_ts, to_json, ts, NewAudit, StoreError, StoreResult};
        use crate::royalties::store::*;
        use chrono::{DateTime, Utc};
        use portal_contract::royalties::{RoyaltyRecord, RoyaltySettingsUpdate};

        async fn current_settings(conn: &mut Conn) -> StoreResult<Option<SettingsRecord>> {
            let row: Option<(String, String, String, String, i64)> = sqlx::query_as(
                "SELECT coefficients, unit_values, at, by_name, version FROM royalty_settings \
                 ORDER BY version DESC LIMIT 1",
            )
            .fetch_optional(conn)
            .await?;
            row.map(|(c, u, at, by_name, version)| {
                Ok(SettingsRecord {
                    coefficients: serde_json::from_str(&c)
                        .map_err(|_| corrupt("royalty_settings.coefficients"))?,
                    unit_values: serde_json::from_str(&u)
                        .map_err(|_| corrupt("royalty_settings.unit_values"))?,
                    at: parse_ts(&at, "royalty_settings.at")?,
                    by_name,
                    version,
                })
            })
            .transpose()
        }

        /// The article's royalty; with `lock`, its row stays locked until the transaction ends.
        async fn fetch_royalty(
            conn: &mut Conn,
            article_id: i64,
            lock: bool,
        ) -> StoreResult<Option<RoyaltyRecord>> {
            let sql = if lock {
                format!("{ROYALTY_SELECT}{FOR_UPDATE}")
            } else {
                ROYALTY_SELECT.to_string()
            };
            let row: Option<RoyaltyRow> = sqlx::query_as(&sql)
                .bind(article_id)
                .fetch_optional(conn)
                .await?;
            row.map(royalty_of).transpose()
        }

        #[async_trait::async_trait]
        impl RoyaltyStore for Backend {
            async fn settings(&self) -> StoreResult<Option<SettingsRecord>> {
                let mut conn = self.pool().acquire().await?;
                current_settings(&mut conn).await
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
                let mut tx = begin_write(self.pool()).await?;
                let current = current_settings(&mut tx).await?;
                if current.as_ref().map_or(0, |c| c.version) != expected_version {
                    return Err(StoreError::VersionMismatch);
                }
                let mut unit_values = update.unit_values.clone();
                unit_values.sort_by_key(|u| std::cmp::Reverse(u.effective_from));
                // A concurrent save of the same next version waits for this one, then fails on the key.
                sqlx::query(
                    "INSERT INTO royalty_settings (version, coefficients, unit_values, at, by_id, by_name) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(expected_version + 1)
                .bind(to_json(&update.coefficients)?)
                .bind(to_json(&unit_values)?)
                .bind(ts(at))
                .bind(by_id)
                .bind(by_name)
                .execute(&mut *tx)
                .await
                .map_err(lost_race)?;
                insert_audit(&mut tx, &audit).await?;
                let saved = current_settings(&mut tx)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                tx.commit().await?;
                Ok(saved)
            }

            async fn royalty(&self, article_id: i64) -> StoreResult<Option<RoyaltyRecord>> {
                let mut conn = self.pool().acquire().await?;
                fetch_royalty(&mut conn, article_id, false).await
            }

            async fn save_royalty(
                &self,
                article_id: i64,
                r: &RoyaltyRecord,
                expected_version: i64,
                audit: NewAudit,
            ) -> StoreResult<RoyaltyRecord> {
                let mut tx = begin_write(self.pool()).await?;
                let stored = fetch_royalty(&mut tx, article_id, true).await?;
                if stored.as_ref().map_or(0, |s| s.version) != expected_version {
                    return Err(StoreError::VersionMismatch);
                }
                // No row to lock when none is stored yet: a concurrent first save inserts it, and the
                // version condition of the update then leaves it alone.
                let done = sqlx::query(
                    "INSERT INTO article_royalties (article_id, coefficient_tenths, remunerations, \
                     assessed_at, assessed_by_name, paid_on, paid_by_name, version) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                     ON CONFLICT (article_id) DO UPDATE SET coefficient_tenths = excluded.coefficient_tenths, \
                     remunerations = excluded.remunerations, assessed_at = excluded.assessed_at, \
                     assessed_by_name = excluded.assessed_by_name, paid_on = excluded.paid_on, \
                     paid_by_name = excluded.paid_by_name, version = excluded.version \
                     WHERE article_royalties.version = $9",
                )
                .bind(article_id)
                .bind(r.coefficient_tenths.map(i64::from))
                .bind(to_json(&r.remunerations)?)
                .bind(r.assessed_at.map(ts))
                .bind(&r.assessed_by_name)
                .bind(r.paid_on.map(|d| d.format("%Y-%m-%d").to_string()))
                .bind(&r.paid_by_name)
                .bind(r.version)
                .bind(expected_version)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::VersionMismatch);
                }
                insert_audit(&mut tx, &audit).await?;
                let saved = fetch_royalty(&mut tx, article_id, false)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                tx.commit().await?;
                Ok(saved)
            }

            async fn published_between(
                &self,
                from: DateTime<Utc>,
                to: DateTime<Utc>,
            ) -> StoreResult<Vec<i64>> {
                Ok(sqlx::query_scalar(
                    "SELECT id FROM articles WHERE published_at >= $1 AND published_at < $2 \
                     ORDER BY published_at, id",
                )
                .bind(ts(from))
                .bind(ts(to))
                .fetch_all(self.pool())
                .await?)
            }

            async fn unpaid_published_before(&self, before: DateTime<Utc>) -> StoreResult<Vec<i64>> {
                Ok(sqlx::query_scalar(
                    "SELECT a.id FROM articles a LEFT JOIN article_royalties r ON r.article_id = a.id \
                     WHERE a.published_at IS NOT NULL AND a.published_at < $1 AND r.paid_on IS NULL \
                     ORDER BY a.published_at, a.id",
                )
                .bind(ts(before))
                .fetch_all(self.pool())
                .await?)
            }
        }
    };
}
pub(crate) use royalties_sql;
