//! [`StatsStore`] on SQLite.

use super::engine::{local_day, Counts, Delta, Engine, RecentEvent, Visit};
use super::store::{DimRow, RealtimeRows, Salt, StatsStore};
use crate::store::{SqliteStore, StoreError, StoreResult};
use async_trait::async_trait;
use chrono::{Duration, NaiveDate};
use portal_contract::stats::{DateRange, Dimension, Totals, VISIT_IDLE_MINUTES};
use rand::RngCore;
use sqlx::{QueryBuilder, Sqlite};
use std::collections::HashMap;

/// Rows per multi-row INSERT (7 binds each, well under SQLite's 32,766).
const CHUNK: usize = 1000;

pub(crate) type TotalsRow = (i64, i64, i64, i64, i64, i64);

pub(crate) fn totals(r: TotalsRow) -> Totals {
    let u = |n: i64| n.max(0) as u64;
    Totals {
        visitors: u(r.0),
        visits: u(r.1),
        pageviews: u(r.2),
        bounces: u(r.3),
        visit_seconds: u(r.4),
        bot_pageviews: u(r.5),
    }
}

pub(crate) fn salt_of(bytes: Vec<u8>) -> StoreResult<Salt> {
    bytes
        .try_into()
        .map_err(|_| StoreError::Internal("unreadable value in column stats_salts.salt".into()))
}

/// Adds `rows` to the rollup `table` keyed by `key_column` (hourly or daily), in chunks.
async fn upsert_totals<K>(
    tx: &mut sqlx::SqliteConnection,
    table: &str,
    key_column: &str,
    rows: &HashMap<K, Counts>,
) -> StoreResult<()>
where
    K: Copy + Send + Sync + for<'q> sqlx::Encode<'q, Sqlite> + sqlx::Type<Sqlite> + 'static,
{
    let rows: Vec<(&K, &Counts)> = rows.iter().collect();
    for chunk in rows.chunks(CHUNK) {
        let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(format!(
            "INSERT INTO {table} ({key_column}, visitors, visits, pageviews, bounces, \
             visit_seconds, bot_pageviews) "
        ));
        q.push_values(chunk, |mut b, (key, c)| {
            b.push_bind(**key)
                .push_bind(c.visitors)
                .push_bind(c.visits)
                .push_bind(c.pageviews)
                .push_bind(c.bounces)
                .push_bind(c.visit_seconds)
                .push_bind(c.bot_pageviews);
        });
        q.push(format!(
            " ON CONFLICT ({key_column}) DO UPDATE SET visitors = visitors + excluded.visitors, \
             visits = visits + excluded.visits, pageviews = pageviews + excluded.pageviews, \
             bounces = bounces + excluded.bounces, \
             visit_seconds = visit_seconds + excluded.visit_seconds, \
             bot_pageviews = bot_pageviews + excluded.bot_pageviews"
        ));
        q.build().execute(&mut *tx).await?;
    }
    Ok(())
}

#[async_trait]
impl StatsStore for SqliteStore {
    async fn salts(&self, day: NaiveDate) -> StoreResult<(Salt, Option<Salt>)> {
        let mut fresh = [0u8; 32];
        rand::thread_rng().fill_bytes(&mut fresh);
        let yesterday = day - Duration::days(1);
        let mut tx = self.pool().begin_with(crate::store::IMMEDIATE).await?;
        sqlx::query("INSERT OR IGNORE INTO stats_salts (day, salt) VALUES (?, ?)")
            .bind(day)
            .bind(&fresh[..])
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM stats_salts WHERE day < ?")
            .bind(yesterday)
            .execute(&mut *tx)
            .await?;
        let current: Vec<u8> = sqlx::query_scalar("SELECT salt FROM stats_salts WHERE day = ?")
            .bind(day)
            .fetch_one(&mut *tx)
            .await?;
        let previous: Option<Vec<u8>> =
            sqlx::query_scalar("SELECT salt FROM stats_salts WHERE day = ?")
                .bind(yesterday)
                .fetch_optional(&mut *tx)
                .await?;
        tx.commit().await?;
        Ok((salt_of(current)?, previous.map(salt_of).transpose()?))
    }

    async fn resume_engine(&self, now_ms: i64) -> StoreResult<Engine> {
        let pool = self.pool();
        let idle_ms = VISIT_IDLE_MINUTES * 60 * 1000;
        type VisitRow = (
            i64,
            i64,
            i64,
            i64,
            i64,
            String,
            Option<String>,
            String,
            String,
            String,
        );
        let rows: Vec<VisitRow> = sqlx::query_as(
            "SELECT id, visitor, started_at, last_at, pageviews, source, referrer, device, browser, \
             entry_path FROM stats_visits WHERE last_at >= ?",
        )
        .bind(now_ms - idle_ms)
        .fetch_all(pool)
        .await?;
        let visits = rows
            .into_iter()
            .map(|r| Visit {
                id: r.0,
                visitor: r.1,
                started_ms: r.2,
                last_ms: r.3,
                pageviews: r.4,
                source: r.5,
                referrer: r.6,
                device: r.7,
                browser: r.8,
                entry_path: r.9,
            })
            .collect();
        let next: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM stats_visits")
            .fetch_one(pool)
            .await?;
        // Everyone seen since the start of yesterday (local time).
        let yesterday = local_day(now_ms) - Duration::days(1);
        let since = portal_contract::format::vn_midnight(yesterday).timestamp_millis();
        type Recent = (
            i64,
            i64,
            String,
            Option<i64>,
            String,
            Option<String>,
            String,
            String,
        );
        let recent: Vec<Recent> = sqlx::query_as(
            "SELECT e.at, e.visitor, e.path, e.article_id, v.source, v.referrer, v.device, \
             v.browser FROM stats_events e JOIN stats_visits v ON v.id = e.visit_id \
             WHERE e.at >= ? AND e.bot = 0",
        )
        .bind(since)
        .fetch_all(pool)
        .await?;
        let recent: Vec<RecentEvent> = recent
            .into_iter()
            .map(|r| RecentEvent {
                at_ms: r.0,
                visitor: r.1,
                path: r.2,
                article_id: r.3,
                source: r.4,
                referrer: r.5,
                device: r.6,
                browser: r.7,
            })
            .collect();
        Ok(Engine::resume(visits, next, &recent))
    }

    async fn apply(&self, delta: &Delta) -> StoreResult<()> {
        if delta.is_empty() {
            return Ok(());
        }
        let mut tx = self.pool().begin_with(crate::store::IMMEDIATE).await?;
        for chunk in delta.events.chunks(CHUNK) {
            let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
                "INSERT INTO stats_events (at, visit_id, visitor, path, article_id, referrer, bot) ",
            );
            q.push_values(chunk, |mut b, e| {
                b.push_bind(e.at_ms)
                    .push_bind(e.visit_id)
                    .push_bind(e.visitor)
                    .push_bind(&e.path)
                    .push_bind(e.article_id)
                    .push_bind(&e.referrer)
                    .push_bind(e.bot);
            });
            q.build().execute(&mut *tx).await?;
        }
        let visits: Vec<&Visit> = delta.visits.values().collect();
        for chunk in visits.chunks(CHUNK / 2) {
            let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
                "INSERT INTO stats_visits (id, visitor, started_at, last_at, pageviews, source, \
                 referrer, device, browser, entry_path) ",
            );
            q.push_values(chunk, |mut b, v| {
                b.push_bind(v.id)
                    .push_bind(v.visitor)
                    .push_bind(v.started_ms)
                    .push_bind(v.last_ms)
                    .push_bind(v.pageviews)
                    .push_bind(&v.source)
                    .push_bind(&v.referrer)
                    .push_bind(&v.device)
                    .push_bind(&v.browser)
                    .push_bind(&v.entry_path);
            });
            q.push(
                " ON CONFLICT (id) DO UPDATE SET visitor = excluded.visitor, \
                 last_at = excluded.last_at, pageviews = excluded.pageviews",
            );
            q.build().execute(&mut *tx).await?;
        }
        upsert_totals(&mut tx, "stats_hourly", "hour", &delta.hourly).await?;
        upsert_totals(&mut tx, "stats_daily", "day", &delta.daily).await?;
        let dims: Vec<_> = delta.dims.iter().collect();
        for chunk in dims.chunks(CHUNK) {
            let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(
                "INSERT INTO stats_dims (dim, day, key, visitors, visits, pageviews) ",
            );
            q.push_values(chunk, |mut b, ((day, dim, key), c)| {
                b.push_bind(dim.code())
                    .push_bind(*day)
                    .push_bind(key)
                    .push_bind(c.visitors)
                    .push_bind(c.visits)
                    .push_bind(c.pageviews);
            });
            q.push(
                " ON CONFLICT (dim, day, key) DO UPDATE SET \
                 visitors = visitors + excluded.visitors, visits = visits + excluded.visits, \
                 pageviews = pageviews + excluded.pageviews",
            );
            q.build().execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn purge_raw(&self, before_ms: i64) -> StoreResult<u64> {
        let mut tx = self.pool().begin_with(crate::store::IMMEDIATE).await?;
        let gone = sqlx::query("DELETE FROM stats_events WHERE at < ?")
            .bind(before_ms)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        sqlx::query("DELETE FROM stats_visits WHERE last_at < ?")
            .bind(before_ms)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(gone)
    }

    async fn daily(&self, range: DateRange) -> StoreResult<Vec<(NaiveDate, Totals)>> {
        let rows: Vec<(NaiveDate, i64, i64, i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT day, visitors, visits, pageviews, bounces, visit_seconds, bot_pageviews \
             FROM stats_daily WHERE day BETWEEN ? AND ? ORDER BY day",
        )
        .bind(range.from)
        .bind(range.to)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| (r.0, totals((r.1, r.2, r.3, r.4, r.5, r.6))))
            .collect())
    }

    async fn hourly(&self, from_s: i64, to_s: i64) -> StoreResult<Vec<(i64, Totals)>> {
        let rows: Vec<(i64, i64, i64, i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT hour, visitors, visits, pageviews, bounces, visit_seconds, bot_pageviews \
             FROM stats_hourly WHERE hour >= ? AND hour < ? ORDER BY hour",
        )
        .bind(from_s)
        .bind(to_s)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| (r.0, totals((r.1, r.2, r.3, r.4, r.5, r.6))))
            .collect())
    }

    async fn breakdown(
        &self,
        range: DateRange,
        dim: Dimension,
        limit: u32,
    ) -> StoreResult<Vec<DimRow>> {
        let rows: Vec<(String, i64, i64, i64, Option<String>)> = sqlx::query_as(
            "SELECT t.key, t.visitors, t.visits, t.pageviews, a.title FROM ( \
               SELECT key, SUM(visitors) AS visitors, SUM(visits) AS visits, \
                      SUM(pageviews) AS pageviews \
               FROM stats_dims WHERE dim = ? AND day BETWEEN ? AND ? GROUP BY key \
               ORDER BY visitors DESC, pageviews DESC, key LIMIT ?) t \
             LEFT JOIN articles a ON ? = 1 AND a.id = CAST(t.key AS INTEGER) \
             ORDER BY t.visitors DESC, t.pageviews DESC, t.key",
        )
        .bind(dim.code())
        .bind(range.from)
        .bind(range.to)
        .bind(i64::from(limit))
        .bind(dim.code())
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| DimRow {
                key: r.0,
                visitors: r.1.max(0) as u64,
                visits: r.2.max(0) as u64,
                pageviews: r.3.max(0) as u64,
                title: r.4,
            })
            .collect())
    }

    async fn realtime(&self, since_ms: i64) -> StoreResult<RealtimeRows> {
        let pool = self.pool();
        let (visitors, pageviews, bots): (i64, i64, i64) = sqlx::query_as(
            "SELECT COUNT(DISTINCT visitor), COALESCE(SUM(bot = 0), 0), COALESCE(SUM(bot), 0) \
             FROM stats_events WHERE at >= ?",
        )
        .bind(since_ms)
        .fetch_one(pool)
        .await?;
        let minutes: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT (at / 60000) * 60000 AS m, COUNT(*) FROM stats_events \
             WHERE at >= ? AND bot = 0 GROUP BY m ORDER BY m",
        )
        .bind(since_ms)
        .fetch_all(pool)
        .await?;
        let pages: Vec<(String, i64, i64)> = sqlx::query_as(
            "SELECT path, COUNT(DISTINCT visitor) AS v, COUNT(*) AS p FROM stats_events \
             WHERE at >= ? AND bot = 0 GROUP BY path ORDER BY v DESC, p DESC, path LIMIT 10",
        )
        .bind(since_ms)
        .fetch_all(pool)
        .await?;
        Ok(RealtimeRows {
            visitors: visitors.max(0) as u64,
            pageviews: pageviews.max(0) as u64,
            bot_pageviews: bots.max(0) as u64,
            minutes: minutes
                .into_iter()
                .map(|(m, n)| (m, n.max(0) as u64))
                .collect(),
            pages: pages
                .into_iter()
                .map(|(key, v, p)| DimRow {
                    key,
                    visitors: v.max(0) as u64,
                    visits: 0,
                    pageviews: p.max(0) as u64,
                    title: None,
                })
                .collect(),
        })
    }

    async fn has_traffic(&self) -> StoreResult<bool> {
        let any: Option<i64> = sqlx::query_scalar("SELECT 1 FROM stats_daily LIMIT 1")
            .fetch_optional(self.pool())
            .await?;
        Ok(any.is_some())
    }
}
