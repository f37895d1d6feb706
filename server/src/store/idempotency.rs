//! Storage of `Idempotency-Key` records (see [`crate::idempotency`]), and its SQLite version.

use super::sqlite::{parse_ts, ts, IMMEDIATE};
use super::{SqliteStore, StoreResult};
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
pub(crate) struct KeyRow {
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

// The statements both stores run as written: `$n` parameters are numbered on PostgreSQL and
// taken in order on SQLite; TRUE and NOT mean the same in both.
pub(crate) const FIND_SQL: &str = "SELECT id, fingerprint, lease_until, applied, applied_target, \
     status, content_type, etag, location, body FROM idempotency_keys \
     WHERE scope = $1 AND key = $2";
pub(crate) const INSERT_SQL: &str = "INSERT INTO idempotency_keys \
     (scope, key, fingerprint, created_at, lease_until) VALUES ($1, $2, $3, $4, $5)";
pub(crate) const RENEW_SQL: &str = "UPDATE idempotency_keys SET lease_until = $1 WHERE id = $2";
pub(crate) const FINISH_SQL: &str = "UPDATE idempotency_keys SET status = $1, content_type = $2, \
     etag = $3, location = $4, body = $5 WHERE id = $6";
pub(crate) const ABANDON_SQL: &str = "DELETE FROM idempotency_keys WHERE id = $1 AND NOT applied";
pub(crate) const PURGE_SQL: &str = "DELETE FROM idempotency_keys WHERE created_at < $1";
pub(crate) const MARK_SQL: &str = "UPDATE idempotency_keys SET applied = TRUE, \
     applied_target = COALESCE(applied_target, $1) WHERE id = $2";

/// What a found record means for a new attempt; `None`: the lease has expired with nothing
/// written, so the new attempt takes the record over (the caller renews the lease).
pub(crate) fn decide(
    row: &KeyRow,
    fingerprint: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<Begun>> {
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

#[async_trait]
impl IdempotencyStore for SqliteStore {
    async fn begin(
        &self,
        scope: &str,
        key: &str,
        fingerprint: &str,
        now: DateTime<Utc>,
        lease: Duration,
    ) -> StoreResult<Begun> {
        let mut tx = self.pool().begin_with(IMMEDIATE).await?;
        let found: Option<KeyRow> = sqlx::query_as(FIND_SQL)
            .bind(scope)
            .bind(key)
            .fetch_optional(&mut *tx)
            .await?;
        let id = match found {
            Some(row) => {
                if let Some(answer) = decide(&row, fingerprint, now)? {
                    return Ok(answer);
                }
                sqlx::query(RENEW_SQL)
                    .bind(ts(now + lease))
                    .bind(row.id)
                    .execute(&mut *tx)
                    .await?;
                row.id
            }
            None => {
                sqlx::query_scalar(&format!("{INSERT_SQL} RETURNING id"))
                    .bind(scope)
                    .bind(key)
                    .bind(fingerprint)
                    .bind(ts(now))
                    .bind(ts(now + lease))
                    .fetch_one(&mut *tx)
                    .await?
            }
        };
        tx.commit().await?;
        Ok(Begun::Fresh(id))
    }

    async fn finish(&self, id: i64, r: &StoredResponse) -> StoreResult<()> {
        sqlx::query(FINISH_SQL)
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

    async fn abandon(&self, id: i64) -> StoreResult<()> {
        sqlx::query(ABANDON_SQL)
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    async fn purge(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        let done = sqlx::query(PURGE_SQL)
            .bind(ts(before))
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected())
    }
}

/// Marks the record of the request being handled (if any) applied, inside the write's own
/// transaction: called where the audit line of every write is appended.
pub(crate) async fn mark_applied(
    conn: &mut sqlx::SqliteConnection,
    target: Option<&str>,
) -> StoreResult<()> {
    if let Some(id) = crate::idempotency::current() {
        sqlx::query(MARK_SQL)
            .bind(target)
            .bind(id)
            .execute(conn)
            .await?;
    }
    Ok(())
}
