//! Storage of sessions: the trait, its rows, and its SQL written once for both engines.

use super::model::SessionRecord;
use super::throttle::{KeyState, Policy, Verdict};
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
    /// Records that the session's user typed their password again at `at`, with `audit`.
    async fn mark_reauthenticated(
        &self,
        token_hash: &str,
        at: DateTime<Utc>,
        audit: NewAudit,
    ) -> StoreResult<()>;
    /// Counts a login attempt on `keys` (each with its limit; see `throttle::keys`) in one
    /// transaction, each key's row locked while it is read and written, and tells whether the
    /// password may be checked.
    async fn login_attempt(
        &self,
        keys: &[(String, u32)],
        now: DateTime<Utc>,
        policy: &Policy,
    ) -> StoreResult<Verdict>;
    /// A password that was right: the pair (the first of `keys`) forgets its attempts, and each
    /// other key gives this attempt back, so only wrong passwords add up for a client (an office
    /// where many people sign in is not throttled for it).
    async fn login_succeeded(&self, keys: &[(String, u32)]) -> StoreResult<()>;
    /// Drops the throttle's keys whose window ended before `before`.
    async fn purge_login_throttle(&self, before: DateTime<Utc>) -> StoreResult<u64>;
    /// The installation's secret named `name`, made from `fresh` by the first process that
    /// asks (every later one reads the same).
    async fn server_secret(&self, name: &str, fresh: &str) -> StoreResult<String>;
}

#[derive(FromRow)]
pub(crate) struct ThrottleRow {
    attempts: i64,
    window_ends_at: String,
    strikes: i64,
    refusal_audited: bool,
}

impl ThrottleRow {
    pub(crate) fn into_state(self) -> StoreResult<KeyState> {
        Ok(KeyState {
            attempts: u32::try_from(self.attempts).unwrap_or(u32::MAX),
            window_ends_at: crate::db::parse_ts(
                &self.window_ends_at,
                "login_throttle.window_ends_at",
            )?,
            strikes: u32::try_from(self.strikes).unwrap_or(0),
            refusal_audited: self.refusal_audited,
        })
    }
}

/// A key seen for the first time: a row whose window has long ended, so that the row exists
/// (and can be locked) before it is counted.
pub(crate) const THROTTLE_PLACEHOLDER_SQL: &str = "INSERT INTO login_throttle (key, attempts, \
     window_ends_at, strikes, refusal_audited) VALUES ($1, 0, '1970-01-01T00:00:00.000000Z', 0, \
     FALSE) ON CONFLICT (key) DO NOTHING";
pub(crate) const THROTTLE_SELECT: &str =
    "SELECT attempts, window_ends_at, strikes, refusal_audited FROM login_throttle WHERE key = $1";
pub(crate) const THROTTLE_UPDATE_SQL: &str = "UPDATE login_throttle SET attempts = $1, \
     window_ends_at = $2, strikes = $3, refusal_audited = $4 WHERE key = $5";

#[derive(FromRow)]
pub(crate) struct SessionRow {
    pub(crate) id: i64,
    pub(crate) token_hash: String,
    pub(crate) user_id: i64,
    #[sqlx(flatten)]
    pub(crate) times: SessionTimesRow,
    pub(crate) reauthenticated_at: Option<String>,
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
            reauthenticated_at: self
                .reauthenticated_at
                .map(|t| crate::db::parse_ts(&t, "sessions.reauthenticated_at"))
                .transpose()?,
        })
    }
}

pub(crate) const SESSION_SQL: &str = "SELECT id, token_hash, user_id, created_at, \
     idle_expires_at, absolute_expires_at, reauthenticated_at FROM sessions WHERE token_hash = $1";

/// Expands [`SessionStore`] for one engine (`sqlite` or `postgres`, a module of `crate::db`).
macro_rules! session_sql {
    ($engine:ident) => {
        use crate::admin::$engine::fetch_user;
        use crate::db::$engine::{begin_write, insert_audit, Backend, FOR_UPDATE};
        use crate::db::{ts, NewAudit, StoreResult};
        use crate::session::model::SessionRecord;
        use crate::session::store::*;
        use crate::session::throttle::{count, KeyState, Policy, Verdict};
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

            async fn mark_reauthenticated(
                &self,
                token_hash: &str,
                at: DateTime<Utc>,
                audit: NewAudit,
            ) -> StoreResult<()> {
                let mut tx = begin_write(self.pool()).await?;
                sqlx::query("UPDATE sessions SET reauthenticated_at = $1 WHERE token_hash = $2")
                    .bind(ts(at))
                    .bind(token_hash)
                    .execute(&mut *tx)
                    .await?;
                insert_audit(&mut tx, &audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn login_attempt(
                &self,
                keys: &[(String, u32)],
                now: DateTime<Utc>,
                policy: &Policy,
            ) -> StoreResult<Verdict> {
                let mut tx = begin_write(self.pool()).await?;
                let mut verdict = Verdict::Allowed;
                for (key, max) in keys {
                    let max = *max;
                    sqlx::query(THROTTLE_PLACEHOLDER_SQL)
                        .bind(key)
                        .execute(&mut *tx)
                        .await?;
                    let row: ThrottleRow =
                        sqlx::query_as(&format!("{THROTTLE_SELECT}{FOR_UPDATE}"))
                            .bind(key)
                            .fetch_one(&mut *tx)
                            .await?;
                    let (after, ok) = count(Some(row.into_state()?), now, policy, max);
                    let first_refusal = !ok && !after.refusal_audited;
                    let after = KeyState {
                        refusal_audited: after.refusal_audited || !ok,
                        ..after
                    };
                    sqlx::query(THROTTLE_UPDATE_SQL)
                        .bind(i64::from(after.attempts))
                        .bind(ts(after.window_ends_at))
                        .bind(i64::from(after.strikes))
                        .bind(after.refusal_audited)
                        .bind(key)
                        .execute(&mut *tx)
                        .await?;
                    if !ok && verdict == Verdict::Allowed {
                        let wait = (after.window_ends_at - now).num_milliseconds().max(0) as u64;
                        verdict = Verdict::Refused {
                            retry_after_secs: wait.div_ceil(1000).max(1),
                            audit: first_refusal,
                        };
                    }
                }
                tx.commit().await?;
                Ok(verdict)
            }

            async fn login_succeeded(&self, keys: &[(String, u32)]) -> StoreResult<()> {
                let Some(((pair, _), others)) = keys.split_first() else {
                    return Ok(());
                };
                let mut tx = begin_write(self.pool()).await?;
                sqlx::query("DELETE FROM login_throttle WHERE key = $1")
                    .bind(pair)
                    .execute(&mut *tx)
                    .await?;
                for (key, _) in others {
                    sqlx::query(
                        "UPDATE login_throttle SET attempts = attempts - 1 \
                         WHERE key = $1 AND attempts > 0",
                    )
                    .bind(key)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn purge_login_throttle(&self, before: DateTime<Utc>) -> StoreResult<u64> {
                let done = sqlx::query("DELETE FROM login_throttle WHERE window_ends_at < $1")
                    .bind(ts(before))
                    .execute(self.pool())
                    .await?;
                Ok(done.rows_affected())
            }

            async fn server_secret(&self, name: &str, fresh: &str) -> StoreResult<String> {
                sqlx::query(
                    "INSERT INTO server_secrets (name, value) VALUES ($1, $2) \
                     ON CONFLICT (name) DO NOTHING",
                )
                .bind(name)
                .bind(fresh)
                .execute(self.pool())
                .await?;
                let value: String =
                    sqlx::query_scalar("SELECT value FROM server_secrets WHERE name = $1")
                        .bind(name)
                        .fetch_one(self.pool())
                        .await?;
                Ok(value)
            }
        }
    };
}
pub(crate) use session_sql;
