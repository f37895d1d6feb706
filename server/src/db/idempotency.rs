//! Storage of `Idempotency-Key` records (see [`crate::http::idempotency`]), written once for both
//! engines.

use super::{parse_ts, StoreResult};
use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use sqlx::FromRow;

/// An answer as recorded for replay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResponse {
    pub status: u16,
    pub content_type: Option<String>,
    pub etag: Option<String>,
    pub location: Option<String>,
    pub body: Vec<u8>,
}

/// What [`IdempotencyStore::begin`] found for a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Begun {
    /// First use (or an expired attempt that wrote nothing): run the request; the record's id.
    Fresh(i64),
    /// Answered before: send this again.
    Replay(StoredResponse),
    /// Another attempt with this key is running.
    InFlight,
    /// The key was used with a different request.
    Mismatch,
    /// The write was committed but its answer was never recorded; `target` is the audit
    /// target of what it wrote (`article:12`), if any.
    Applied { target: Option<String> },
}

#[async_trait]
pub trait IdempotencyStore: Send + Sync {
    /// Looks up (`scope`, `key`) and, when the request may run, records or renews its lease
    /// until `now + lease`. Atomic: of two concurrent first attempts exactly one is `Fresh`.
    async fn begin(
        &self,
        scope: &str,
        key: &str,
        fingerprint: &str,
        now: DateTime<Utc>,
        lease: Duration,
    ) -> StoreResult<Begun>;
    /// Records the answer of record `id`.
    async fn finish(&self, id: i64, response: &StoredResponse) -> StoreResult<()>;
    /// The request failed on the server: forgets the key unless its write was applied.
    async fn abandon(&self, id: i64) -> StoreResult<()>;
    /// Deletes records created before `before`; how many.
    async fn purge(&self, before: DateTime<Utc>) -> StoreResult<u64>;
}

/// A stored record as both stores read it.
#[derive(Debug, Clone, FromRow)]
pub struct KeyRow {
    pub id: i64,
    pub fingerprint: String,
    pub lease_until: String,
    pub applied: bool,
    pub applied_target: Option<String>,
    pub status: Option<i64>,
    pub content_type: Option<String>,
    pub etag: Option<String>,
    pub location: Option<String>,
    pub body: Option<Vec<u8>>,
}

tokio::task_local! {
    static CURRENT: i64;
}

/// The idempotency record of the request being handled, if it carries a key. The stores mark
/// it applied in the same transaction as the audit line of the write.
pub fn current() -> Option<i64> {
    CURRENT.try_with(|id| *id).ok()
}

/// Runs `f` as the request of idempotency record `id`.
pub async fn within<F: std::future::Future>(id: i64, f: F) -> F::Output {
    CURRENT.scope(id, f).await
}

// `$n` parameters are numbered on PostgreSQL and on SQLite; TRUE and NOT mean the same in both.
pub const FIND_SQL: &str = "SELECT id, fingerprint, lease_until, applied, applied_target, \
     status, content_type, etag, location, body FROM idempotency_keys \
     WHERE scope = $1 AND key = $2";
/// Of two first attempts (two server processes, say) exactly one inserts.
pub const INSERT_SQL: &str = "INSERT INTO idempotency_keys \
     (scope, key, fingerprint, created_at, lease_until) VALUES ($1, $2, $3, $4, $5) \
     ON CONFLICT (scope, key) DO NOTHING RETURNING id";
pub const RENEW_SQL: &str = "UPDATE idempotency_keys SET lease_until = $1 WHERE id = $2";
pub const FINISH_SQL: &str = "UPDATE idempotency_keys SET status = $1, content_type = $2, \
     etag = $3, location = $4, body = $5 WHERE id = $6";
pub const ABANDON_SQL: &str = "DELETE FROM idempotency_keys WHERE id = $1 AND NOT applied";
pub const PURGE_SQL: &str = "DELETE FROM idempotency_keys WHERE created_at < $1";
pub const MARK_SQL: &str = "UPDATE idempotency_keys SET applied = TRUE, \
     applied_target = COALESCE(applied_target, $1) WHERE id = $2";

/// What a found record means for a new attempt; `None`: the lease has expired with nothing
/// written, so the new attempt takes the record over (the caller renews the lease).
pub fn decide(row: &KeyRow, fingerprint: &str, now: DateTime<Utc>) -> StoreResult<Option<Begun>> {
    if row.fingerprint != fingerprint {
        return Ok(Some(Begun::Mismatch));
    }
    if let Some(status) = row.status {
        return Ok(Some(Begun::Replay(StoredResponse {
            status: u16::try_from(status).unwrap_or(200),
            content_type: row.content_type.clone(),
            etag: row.etag.clone(),
            location: row.location.clone(),
            body: row.body.clone().unwrap_or_default(),
        })));
    }
    if row.applied {
        return Ok(Some(Begun::Applied {
            target: row.applied_target.clone(),
        }));
    }
    if parse_ts(&row.lease_until, "idempotency_keys.lease_until")? > now {
        return Ok(Some(Begun::InFlight));
    }
    Ok(None)
}

/// Expands [`IdempotencyStore`] and `mark_applied` for one engine (a module of `crate::db`).
macro_rules! idempotency_sql {
    ($engine:ident) => {
        #[async_trait::async_trait]
        impl crate::db::idempotency::IdempotencyStore for crate::db::$engine::Backend {
            async fn begin(
                &self,
                scope: &str,
                key: &str,
                fingerprint: &str,
                now: chrono::DateTime<chrono::Utc>,
                lease: chrono::Duration,
            ) -> crate::db::StoreResult<crate::db::idempotency::Begun> {
                use crate::db::idempotency::{
                    decide, Begun, KeyRow, FIND_SQL, INSERT_SQL, RENEW_SQL,
                };
                use crate::db::ts;
                let mut tx = crate::db::$engine::begin_write(self.pool()).await?;
                let inserted: Option<i64> = sqlx::query_scalar(INSERT_SQL)
                    .bind(scope)
                    .bind(key)
                    .bind(fingerprint)
                    .bind(ts(now))
                    .bind(ts(now + lease))
                    .fetch_optional(&mut *tx)
                    .await?;
                if let Some(id) = inserted {
                    tx.commit().await?;
                    return Ok(Begun::Fresh(id));
                }
                let found = format!("{FIND_SQL}{}", crate::db::$engine::FOR_UPDATE);
                let row: KeyRow = sqlx::query_as(&found)
                    .bind(scope)
                    .bind(key)
                    .fetch_one(&mut *tx)
                    .await?;
                if let Some(answer) = decide(&row, fingerprint, now)? {
                    return Ok(answer);
                }
                sqlx::query(RENEW_SQL)
                    .bind(ts(now + lease))
                    .bind(row.id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(Begun::Fresh(row.id))
            }

            async fn finish(
                &self,
                id: i64,
                r: &crate::db::idempotency::StoredResponse,
            ) -> crate::db::StoreResult<()> {
                sqlx::query(crate::db::idempotency::FINISH_SQL)
                    .bind(i64::from(r.status))
                    .bind(&r.content_type)
                    .bind(&r.etag)
                    .bind(&r.location)
                    .bind(&r.body)
                    .bind(id)
                    .execute(self.pool())
                    .await?;
                Ok(())
            }

            async fn abandon(&self, id: i64) -> crate::db::StoreResult<()> {
                sqlx::query(crate::db::idempotency::ABANDON_SQL)
                    .bind(id)
                    .execute(self.pool())
                    .await?;
                Ok(())
            }

            async fn purge(
                &self,
                before: chrono::DateTime<chrono::Utc>,
            ) -> crate::db::StoreResult<u64> {
                let done = sqlx::query(crate::db::idempotency::PURGE_SQL)
                    .bind(crate::db::ts(before))
                    .execute(self.pool())
                    .await?;
                Ok(done.rows_affected())
            }
        }

        /// Marks the record of the request being handled (if any) applied, inside the write's
        /// own transaction: called where the audit line of every write is appended.
        pub(crate) async fn mark_applied(
            conn: &mut crate::db::$engine::Conn,
            target: Option<&str>,
        ) -> crate::db::StoreResult<()> {
            if let Some(id) = crate::db::idempotency::current() {
                sqlx::query(crate::db::idempotency::MARK_SQL)
                    .bind(target)
                    .bind(id)
                    .execute(conn)
                    .await?;
            }
            Ok(())
        }
    };
}
pub(crate) use idempotency_sql;
