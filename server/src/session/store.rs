//! Storage of sessions: the trait, its rows, and its SQL written once for both engines.

use super::model::SessionRecord;
use crate::admin::store::SessionTimesRow;
use crate::db::{NewAudit, StoreResult};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use portal_contract::User;
use sqlx::FromRow;

#[async_trait]
pub trait SessionStore: Send + Sync {
    async fn create_session(&self, session: &SessionRecord, audit: NewAudit) -> StoreResult<()>;
    async fn session(&self, token_hash: &str) -> StoreResult<Option<(SessionRecord, User)>>;
    async fn touch_session(
        &self,
        token_hash: &str,
        idle_expires_at: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Deletes the session; appends `audit` only when there was one. Tells whether there was.
    async fn delete_session(&self, token_hash: &str, audit: Option<NewAudit>) -> StoreResult<bool>;
    async fn delete_expired_sessions(&self, now: DateTime<Utc>) -> StoreResult<u64>;
}

#[derive(FromRow)]
pub(crate) struct SessionRow {
    pub(crate) id: i64,
    pub(crate) token_hash: String,
    pub(crate) user_id: i64,
    #[sqlx(flatten)]
    pub(crate) times: SessionTimesRow,
}

impl SessionRow {
    pub(crate) fn into_record(self) -> StoreResult<SessionRecord> {
        let (created_at, idle_expires_at, absolute_expires_at) = self.times.parse()?;
        Ok(SessionRecord {
            id: self.id,
            token_hash: self.token_hash,
            user_id: self.user_id,
            created_at,
            idle_expires_at,
            absolute_expires_at,
        })
    }
}

pub(crate) const SESSION_SQL: &str = "SELECT id, token_hash, user_id, created_at, \
     idle_expires_at, absolute_expires_at FROM sessions WHERE token_hash = $1";

/// Expands [`SessionStore`] for one engine (`sqlite` or `postgres`, a module of `crate::db`).
macro_rules! session_sql {
    ($engine:ident) => {
        use crate::admin::$engine::fetch_user;
        use crate::db::$engine::{begin_write, insert_audit, Backend};
        use crate::db::{ts, NewAudit, StoreResult};
        use crate::session::model::SessionRecord;
        use crate::session::store::*;
        use chrono::{DateTime, Utc};
        use portal_contract::User;

        #[async_trait::async_trait]
        impl SessionStore for Backend {
            async fn create_session(&self, s: &SessionRecord, audit: NewAudit) -> StoreResult<()> {
                let mut tx = begin_write(self.pool()).await?;
                sqlx::query(
                    "INSERT INTO sessions (token_hash, user_id, created_at, idle_expires_at, \
                     absolute_expires_at) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&s.token_hash)
                .bind(s.user_id)
                .bind(ts(s.created_at))
                .bind(ts(s.idle_expires_at))
                .bind(ts(s.absolute_expires_at))
                .execute(&mut *tx)
                .await?;
                insert_audit(&mut tx, &audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn session(
                &self,
                token_hash: &str,
            ) -> StoreResult<Option<(SessionRecord, User)>> {
                let mut conn = self.pool().acquire().await?;
                let Some(row) = sqlx::query_as::<_, SessionRow>(SESSION_SQL)
                    .bind(token_hash)
                    .fetch_optional(&mut *conn)
                    .await?
                else {
                    return Ok(None);
                };
                let Some(user) = fetch_user(&mut conn, row.user_id).await? else {
                    return Ok(None);
                };
                Ok(Some((row.into_record()?, user)))
            }

            async fn touch_session(
                &self,
                token_hash: &str,
                idle_expires_at: DateTime<Utc>,
            ) -> StoreResult<()> {
                sqlx::query("UPDATE sessions SET idle_expires_at = $1 WHERE token_hash = $2")
                    .bind(ts(idle_expires_at))
                    .bind(token_hash)
                    .execute(self.pool())
                    .await?;
                Ok(())
            }

            async fn delete_session(
                &self,
                token_hash: &str,
                audit: Option<NewAudit>,
            ) -> StoreResult<bool> {
                let mut tx = begin_write(self.pool()).await?;
                let done = sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                    .bind(token_hash)
                    .execute(&mut *tx)
                    .await?;
                let existed = done.rows_affected() > 0;
                if existed {
                    if let Some(a) = audit {
                        insert_audit(&mut tx, &a).await?;
                    }
                }
                tx.commit().await?;
                Ok(existed)
            }

            async fn delete_expired_sessions(&self, now: DateTime<Utc>) -> StoreResult<u64> {
                let done = sqlx::query(
                    "DELETE FROM sessions WHERE idle_expires_at <= $1 OR absolute_expires_at <= $1",
                )
                .bind(ts(now))
                .execute(self.pool())
                .await?;
                Ok(done.rows_affected())
            }
        }
    };
}
pub(crate) use session_sql;
