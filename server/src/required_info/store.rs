//! Storage of the required information pages, the link checker's findings and the staleness
//! setting: the trait, its rows, and its SQL written once for both engines.

use crate::db::{NewAudit, StoreResult};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use portal_contract::required_info::{InfoSection, LinkCheck};

/// A page as stored: the last saved content (JSON) and the last confirmation.
#[derive(Debug, Clone, PartialEq)]
pub struct InfoRecord {
    /// The page's content type as JSON (the handlers know which type).
    pub content: String,
    pub updated_at: DateTime<Utc>,
    pub updated_by_name: String,
    pub confirmed_at: DateTime<Utc>,
    pub version: i64,
}

/// The administrator's staleness threshold, when one was set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleSetting {
    pub stale_after_days: u32,
    pub version: i64,
}

#[async_trait]
pub trait InfoStore: Send + Sync {
    async fn page(&self, section: InfoSection) -> StoreResult<Option<InfoRecord>>;
    /// Saves new content (`Some`, as JSON) or confirms the current one (`None`) if the page is
    /// still at `expected_version` (0 before the first save), else `VersionMismatch`.
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
    ) -> StoreResult<InfoRecord>;

    /// The last check of each of `urls` that was ever checked.
    async fn link_checks(&self, urls: &[String]) -> StoreResult<Vec<LinkCheck>>;
    /// Records checks (replacing earlier ones of the same URLs), with an audit line when given.
    async fn record_link_checks(
        &self,
        checks: &[LinkCheck],
        audit: Option<NewAudit>,
    ) -> StoreResult<()>;

    async fn stale_setting(&self) -> StoreResult<Option<StaleSetting>>;
    /// Sets the threshold if the setting is still at `expected_version` (0: never set).
    async fn save_stale_setting(
        &self,
        days: u32,
        expected_version: i64,
        at: DateTime<Utc>,
        by_name: &str,
        audit: NewAudit,
    ) -> StoreResult<StaleSetting>;
}

/// Expands the store for one engine (`sqlite` or `postgres`, a module of `crate::db`).
macro_rules! required_info_sql {
    ($engine:ident) => {
        use crate::db::$engine::{begin_write, insert_audit, Backend, Conn, Db, FOR_UPDATE};
        use crate::db::{lost_race, parse_ts, ts, NewAudit, StoreError, StoreResult};
        use crate::required_info::store::*;
        use chrono::{DateTime, Utc};
        use portal_contract::required_info::{InfoSection, LinkCheck};
        use std::collections::HashMap;

        async fn current_page(
            conn: &mut Conn,
            section: InfoSection,
        ) -> StoreResult<Option<InfoRecord>> {
            let last_save: Option<(String, String, String)> = sqlx::query_as(
                "SELECT content, at, by_name FROM info_versions WHERE section = $1 AND kind = 'save' \
                 ORDER BY version DESC LIMIT 1",
            )
            .bind(section.as_str())
            .fetch_optional(&mut *conn)
            .await?;
            let Some((content, updated_at, by_name)) = last_save else {
                return Ok(None);
            };
            let (version, confirmed_at): (i64, String) = sqlx::query_as(
                "SELECT version, at FROM info_versions WHERE section = $1 ORDER BY version DESC LIMIT 1",
            )
            .bind(section.as_str())
            .fetch_one(&mut *conn)
            .await?;
            Ok(Some(InfoRecord {
                content,
                updated_at: parse_ts(&updated_at, "info_versions.at")?,
                updated_by_name: by_name,
                confirmed_at: parse_ts(&confirmed_at, "info_versions.at")?,
                version,
            }))
        }

        /// The staleness setting; with `lock`, its row stays locked until the transaction ends.
        async fn current_setting(conn: &mut Conn, lock: bool) -> StoreResult<Option<StaleSetting>> {
            let lock = if lock { FOR_UPDATE } else { "" };
            let sql = format!("SELECT stale_after_days, version FROM info_settings WHERE id = 1{lock}");
            let row: Option<(i64, i64)> = sqlx::query_as(&sql).fetch_optional(&mut *conn).await?;
            Ok(row.map(|(days, version)| StaleSetting {
                stale_after_days: days.clamp(1, i64::from(u32::MAX)) as u32,
                version,
            }))
        }

        #[async_trait::async_trait]
        impl InfoStore for Backend {
            async fn page(&self, section: InfoSection) -> StoreResult<Option<InfoRecord>> {
                let mut conn = self.pool().acquire().await?;
                current_page(&mut conn, section).await
            }

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
                let mut tx = begin_write(self.pool()).await?;
                let current = current_page(&mut tx, section).await?;
                if current.as_ref().map_or(0, |c| c.version) != expected_version {
                    return Err(StoreError::VersionMismatch);
                }
                let (json, kind) = match (content, &current) {
                    (Some(c), _) => (c.to_string(), "save"),
                    (None, Some(cur)) => (cur.content.clone(), "confirm"),
                    (None, None) => return Err(StoreError::NotFound),
                };
                // A concurrent save of the same next version waits for this one, then fails on the key.
                sqlx::query(
                    "INSERT INTO info_versions (section, version, content, at, by_id, by_name, kind) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(section.as_str())
                .bind(expected_version + 1)
                .bind(json)
                .bind(ts(at))
                .bind(by_id)
                .bind(by_name)
                .bind(kind)
                .execute(&mut *tx)
                .await
                .map_err(lost_race)?;
                insert_audit(&mut tx, &audit).await?;
                let saved = current_page(&mut tx, section)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                tx.commit().await?;
                Ok(saved)
            }

            async fn link_checks(&self, urls: &[String]) -> StoreResult<Vec<LinkCheck>> {
                if urls.is_empty() {
                    return Ok(Vec::new());
                }
                let mut select = sqlx::QueryBuilder::<Db>::new(
                    "SELECT url, alive, status_code, checked_at, error FROM link_checks \
                     WHERE url IN (",
                );
                let mut list = select.separated(", ");
                for url in urls {
                    list.push_bind(url);
                }
                select.push(")");
                let rows: Vec<(String, bool, Option<i64>, String, Option<String>)> =
                    select.build_query_as().fetch_all(self.pool()).await?;
                let mut found = HashMap::with_capacity(rows.len());
                for (url, alive, status, at, error) in rows {
                    let check = LinkCheck {
                        url: url.clone(),
                        alive,
                        status_code: status.and_then(|s| u16::try_from(s).ok()),
                        checked_at: parse_ts(&at, "link_checks.checked_at")?,
                        error,
                    };
                    found.insert(url, check);
                }
                // In the order asked.
                Ok(urls.iter().filter_map(|u| found.get(u).cloned()).collect())
            }

            async fn record_link_checks(
                &self,
                checks: &[LinkCheck],
                audit: Option<NewAudit>,
            ) -> StoreResult<()> {
                // Rows are locked in URL order, so two server processes recording the same URLs at
                // once cannot deadlock (the sort is stable: the last check of a URL still wins).
                let mut ordered: Vec<&LinkCheck> = checks.iter().collect();
                ordered.sort_by(|a, b| a.url.cmp(&b.url));
                let mut tx = begin_write(self.pool()).await?;
                for c in ordered {
                    sqlx::query(
                        "INSERT INTO link_checks (url, alive, status_code, checked_at, error) \
                         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (url) DO UPDATE SET \
                         alive = excluded.alive, status_code = excluded.status_code, \
                         checked_at = excluded.checked_at, error = excluded.error",
                    )
                    .bind(&c.url)
                    .bind(c.alive)
                    .bind(c.status_code.map(i64::from))
                    .bind(ts(c.checked_at))
                    .bind(&c.error)
                    .execute(&mut *tx)
                    .await?;
                }
                if let Some(a) = audit {
                    insert_audit(&mut tx, &a).await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn stale_setting(&self) -> StoreResult<Option<StaleSetting>> {
                let mut conn = self.pool().acquire().await?;
                current_setting(&mut conn, false).await
            }

            async fn save_stale_setting(
                &self,
                days: u32,
                expected_version: i64,
                at: DateTime<Utc>,
                by_name: &str,
                audit: NewAudit,
            ) -> StoreResult<StaleSetting> {
                let mut tx = begin_write(self.pool()).await?;
                let current = current_setting(&mut tx, true).await?;
                if current.as_ref().map_or(0, |c| c.version) != expected_version {
                    return Err(StoreError::VersionMismatch);
                }
                // No row to lock before the first save: a concurrent first save inserts it, and the
                // version condition of the update then leaves it alone.
                let done = sqlx::query(
                    "INSERT INTO info_settings (id, stale_after_days, version, updated_at, updated_by_name) \
                     VALUES (1, $1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET \
                     stale_after_days = excluded.stale_after_days, version = excluded.version, \
                     updated_at = excluded.updated_at, updated_by_name = excluded.updated_by_name \
                     WHERE info_settings.version = $5",
                )
                .bind(i64::from(days))
                .bind(expected_version + 1)
                .bind(ts(at))
                .bind(by_name)
                .bind(expected_version)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::VersionMismatch);
                }
                insert_audit(&mut tx, &audit).await?;
                let saved = current_setting(&mut tx, false)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                tx.commit().await?;
                Ok(saved)
            }
        }
    };
}
pub(crate) use required_info_sql;
