//! Storage of the spokesperson's details: every save and confirmation is a version; the trait,
//! its record, and its SQL written once for both engines. A version is claimed with
//! `ON CONFLICT DO NOTHING`, so of two concurrent writers the loser gets `VersionMismatch`.

use crate::db::{NewAudit, StoreResult};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use portal_contract::spokesperson::{SpokespersonContent, SpokespersonVersion};

/// The spokesperson's details as stored: the last saved content and the last confirmation.
#[derive(Debug, Clone, PartialEq)]
pub struct SpokespersonRecord {
    pub content: SpokespersonContent,
    pub updated_at: DateTime<Utc>,
    pub updated_by_name: String,
    pub confirmed_at: DateTime<Utc>,
    pub version: i64,
}

#[async_trait]
pub trait SpokespersonStore: Send + Sync {
    async fn spokesperson(&self) -> StoreResult<Option<SpokespersonRecord>>;
    /// Saves new details (`content: Some`) or confirms the current ones (`None`) if the
    /// current version is `expected_version` (0 before the first save).
    #[allow(clippy::too_many_arguments)]
    async fn save_spokesperson(
        &self,
        content: Option<&SpokespersonContent>,
        expected_version: i64,
        at: DateTime<Utc>,
        by_id: i64,
        by_name: &str,
        audit: NewAudit,
    ) -> StoreResult<SpokespersonRecord>;
    /// Every saved version, newest first.
    async fn spokesperson_versions(&self) -> StoreResult<Vec<SpokespersonVersion>>;
}

/// Expands [`SpokespersonStore`] for one engine (`sqlite` or `postgres`, a module of `crate::db`).
macro_rules! spokesperson_sql {
    ($engine:ident) => {
        use crate::db::$engine::{begin_write, insert_audit, Backend, Conn};
        use crate::db::{corrupt, parse_ts, to_json, ts, NewAudit, StoreError, StoreResult};
        use crate::spokesperson::store::*;
        use chrono::{DateTime, Utc};
        use portal_contract::spokesperson::{SpokespersonContent, SpokespersonVersion};

        /// The current details: the last save, and the last version (a save or a confirmation), read
        /// in one statement so that both come from the same snapshot.
        async fn current_spokesperson(conn: &mut Conn) -> StoreResult<Option<SpokespersonRecord>> {
            let row: Option<(String, String, String, i64, String)> = sqlx::query_as(
                "SELECT s.content, s.at, s.by_name, l.version, l.at FROM \
                 (SELECT content, at, by_name FROM spokesperson_versions WHERE kind = 'save' \
                  ORDER BY version DESC LIMIT 1) s, \
                 (SELECT version, at FROM spokesperson_versions ORDER BY version DESC LIMIT 1) l",
            )
            .fetch_optional(conn)
            .await?;
            let Some((content, updated_at, by_name, version, confirmed_at)) = row else {
                return Ok(None);
            };
            Ok(Some(SpokespersonRecord {
                content: serde_json::from_str(&content)
                    .map_err(|_| corrupt("spokesperson_versions.content"))?,
                updated_at: parse_ts(&updated_at, "spokesperson_versions.at")?,
                updated_by_name: by_name,
                confirmed_at: parse_ts(&confirmed_at, "spokesperson_versions.at")?,
                version,
            }))
        }

        #[async_trait::async_trait]
        impl SpokespersonStore for Backend {
            async fn spokesperson(&self) -> StoreResult<Option<SpokespersonRecord>> {
                let mut conn = self.pool().acquire().await?;
                current_spokesperson(&mut conn).await
            }

            async fn save_spokesperson(
                &self,
                content: Option<&SpokespersonContent>,
                expected_version: i64,
                at: DateTime<Utc>,
                by_id: i64,
                by_name: &str,
                audit: NewAudit,
            ) -> StoreResult<SpokespersonRecord> {
                let mut tx = begin_write(self.pool()).await?;
                let current = current_spokesperson(&mut tx).await?;
                if current.as_ref().map_or(0, |c| c.version) != expected_version {
                    return Err(StoreError::VersionMismatch);
                }
                let (json, kind) = match (content, &current) {
                    (Some(c), _) => (to_json(c)?, "save"),
                    (None, Some(cur)) => (to_json(&cur.content)?, "confirm"),
                    (None, None) => return Err(StoreError::NotFound),
                };
                // Whoever claims the next version first wins; a concurrent claim waits for that
                // transaction and then finds the version taken.
                let inserted = sqlx::query(
                    "INSERT INTO spokesperson_versions (version, content, at, by_id, by_name, kind) \
                     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (version) DO NOTHING",
                )
                .bind(expected_version + 1)
                .bind(json)
                .bind(ts(at))
                .bind(by_id)
                .bind(by_name)
                .bind(kind)
                .execute(&mut *tx)
                .await?;
                if inserted.rows_affected() == 0 {
                    return Err(StoreError::VersionMismatch);
                }
                insert_audit(&mut tx, &audit).await?;
                let saved = current_spokesperson(&mut tx)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                tx.commit().await?;
                Ok(saved)
            }

            async fn spokesperson_versions(&self) -> StoreResult<Vec<SpokespersonVersion>> {
                let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
                    "SELECT version, content, at, by_name FROM spokesperson_versions \
                     WHERE kind = 'save' ORDER BY version DESC",
                )
                .fetch_all(self.pool())
                .await?;
                rows.into_iter()
                    .map(|(version, content, at, by_name)| {
                        Ok(SpokespersonVersion {
                            version,
                            content: serde_json::from_str(&content)
                                .map_err(|_| corrupt("spokesperson_versions.content"))?,
                            at: parse_ts(&at, "spokesperson_versions.at")?,
                            by_name,
                        })
                    })
                    .collect()
            }
        }
    };
}
pub(crate) use spokesperson_sql;
