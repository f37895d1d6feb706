//! [`IdempotencyStore`] on PostgreSQL.

use super::PgStore;
use crate::store::idempotency::{
    decide, Begun, IdempotencyStore, KeyRow, StoredResponse, ABANDON_SQL, FIND_SQL, FINISH_SQL,
    INSERT_SQL, MARK_SQL, PURGE_SQL, RENEW_SQL,
};
use crate::store::sqlite::ts;
use crate::store::StoreResult;
use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};

#[async_trait]
impl IdempotencyStore for PgStore {
    async fn begin(
        &self,
        scope: &str,
        key: &str,
        fingerprint: &str,
        now: DateTime<Utc>,
        lease: Duration,
    ) -> StoreResult<Begun> {
        let mut tx = self.pool().begin().await?;
        // Of two first attempts (two server processes, say) exactly one inserts.
        let inserted: Option<i64> = sqlx::query_scalar(&format!(
            "{INSERT_SQL} ON CONFLICT (scope, key) DO NOTHING RETURNING id"
        ))
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
        let row: KeyRow = sqlx::query_as(&format!("{FIND_SQL} FOR UPDATE"))
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
    conn: &mut sqlx::PgConnection,
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
