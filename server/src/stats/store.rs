//! Storage of the statistics: the trait, its rows, and its SQL written once for both engines.

use super::engine::{Delta, Engine};
use crate::db::{StoreError, StoreResult};
use async_trait::async_trait;
use chrono::NaiveDate;
use portal_contract::stats::{DateRange, Dimension, Totals};

/// A salt: 32 random bytes, one per local day.
pub type Salt = [u8; 32];

/// One row of a breakdown before labelling.
#[derive(Debug, Clone, PartialEq)]
pub struct DimRow {
    pub key: String,
    pub visitors: u64,
    pub visits: u64,
    pub pageviews: u64,
    /// The article's title (articles only).
    pub title: Option<String>,
}

/// What the realtime view reads from the raw events.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RealtimeRows {
    pub visitors: u64,
    pub pageviews: u64,
    pub bot_pageviews: u64,
    /// (minute start in ms, pageviews)
    pub minutes: Vec<(i64, u64)>,
    pub pages: Vec<DimRow>,
}

#[async_trait]
pub trait StatsStore: Send + Sync {
    /// The salts of `day` (created when missing) and of the day before (if it exists).
    /// Deletes every older salt, so no older hash can ever be recomputed.
    async fn salts(&self, day: NaiveDate) -> StoreResult<(Salt, Option<Salt>)>;
    /// An engine that continues from what is stored, as of `now_ms`.
    async fn resume_engine(&self, now_ms: i64) -> StoreResult<Engine>;
    /// Writes one batch (events, visits, rollups) in one transaction.
    async fn apply(&self, delta: &Delta) -> StoreResult<()>;
    /// Deletes raw events and visits older than `before_ms`; returns how many events went.
    async fn purge_raw(&self, before_ms: i64) -> StoreResult<u64>;
    /// Daily rollup rows within `range` (missing days are simply absent).
    async fn daily(&self, range: DateRange) -> StoreResult<Vec<(NaiveDate, Totals)>>;
    /// Hourly rollup rows with `from_s <= hour < to_s`.
    async fn hourly(&self, from_s: i64, to_s: i64) -> StoreResult<Vec<(i64, Totals)>>;
    /// The top `limit` keys of `dim` in `range`, by visitors then pageviews.
    async fn breakdown(
        &self,
        range: DateRange,
        dim: Dimension,
        limit: u32,
    ) -> StoreResult<Vec<DimRow>>;
    /// Raw events since `since_ms`.
    async fn realtime(&self, since_ms: i64) -> StoreResult<RealtimeRows>;
    /// Whether any traffic was ever counted (the demo seeds only an empty database).
    async fn has_traffic(&self) -> StoreResult<bool>;
    /// The ids of the articles the public portal shows now: the only ones a beacon may name.
    async fn public_article_ids(&self) -> StoreResult<std::collections::HashSet<i64>>;
}

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

/// Rows per multi-row INSERT of `columns` columns.
pub(crate) const fn chunk(max_binds: usize, columns: usize) -> usize {
    max_binds / columns
}

pub(crate) fn count(n: i64) -> u64 {
    n.max(0) as u64
}

/// A day as stored: `YYYY-MM-DD`.
pub(crate) fn day_text(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

pub(crate) fn parse_day(s: &str, column: &str) -> StoreResult<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| StoreError::Internal(format!("unreadable value in column {column}")))
}

pub(crate) type Rollup<K> = (K, i64, i64, i64, i64, i64, i64);

pub(crate) fn rollup<K>(r: Rollup<K>) -> (K, Totals) {
    (r.0, totals((r.1, r.2, r.3, r.4, r.5, r.6)))
}

/// Expands [`StatsStore`] for one engine (`sqlite` or `postgres`, a module of `crate::db`).
///
/// Several server processes may write to one database: every batch upserts its rows in key
/// order, so that two batches touching the same hours and days lock them in the same order and
/// never deadlock; each increment is added in the database (`t.x + excluded.x`). The counting
/// itself is not shared: each process's [`Engine`] keeps its own visits (numbered on from the
/// highest stored id when it resumes) and its own sets of visitors already counted.
macro_rules! stats_sql {
    ($engine:ident) => {
        use crate::db::$engine::{begin_write, Backend, Conn, Db, MAX_BINDS};
        use crate::db::StoreResult;
        use crate::stats::engine::{local_day, Counts, Delta, Engine, RecentEvent, Visit};
        use crate::stats::store::*;
        use chrono::{Duration, NaiveDate};
        use portal_contract::stats::{DateRange, Dimension, Totals, VISIT_IDLE_MINUTES};
        use rand::RngCore;
        use sqlx::QueryBuilder;

        /// Adds `rows` to the rollup `table` keyed by `key_column` (hourly or daily), in key order.
        async fn upsert_totals<K>(
            conn: &mut Conn,
            table: &str,
            key_column: &str,
            mut rows: Vec<(K, &Counts)>,
        ) -> StoreResult<()>
        where
            K: Clone + Ord + Send + Sync + for<'q> sqlx::Encode<'q, Db> + sqlx::Type<Db>,
        {
            rows.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            for part in rows.chunks(chunk(MAX_BINDS, 7)) {
                let mut q: QueryBuilder<Db> = QueryBuilder::new(format!(
                    "INSERT INTO {table} AS t ({key_column}, visitors, visits, pageviews, bounces, \
                     visit_seconds, bot_pageviews) "
                ));
                q.push_values(part, |mut b, (key, c)| {
                    b.push_bind(key.clone())
                        .push_bind(c.visitors)
                        .push_bind(c.visits)
                        .push_bind(c.pageviews)
                        .push_bind(c.bounces)
                        .push_bind(c.visit_seconds)
                        .push_bind(c.bot_pageviews);
                });
                q.push(format!(
                    " ON CONFLICT ({key_column}) DO UPDATE SET visitors = t.visitors + excluded.visitors, \
                     visits = t.visits + excluded.visits, pageviews = t.pageviews + excluded.pageviews, \
                     bounces = t.bounces + excluded.bounces, \
                     visit_seconds = t.visit_seconds + excluded.visit_seconds, \
                     bot_pageviews = t.bot_pageviews + excluded.bot_pageviews"
                ));
                q.build().execute(&mut *conn).await?;
            }
            Ok(())
        }

        #[async_trait::async_trait]
        impl StatsStore for Backend {
            async fn salts(&self, day: NaiveDate) -> StoreResult<(Salt, Option<Salt>)> {
                let mut fresh = [0u8; 32];
                rand::thread_rng().fill_bytes(&mut fresh);
                let yesterday = day - Duration::days(1);
                let mut tx = begin_write(self.pool()).await?;
                // A concurrent first call for the day waits here and then keeps the winner's salt.
                sqlx::query("INSERT INTO stats_salts (day, salt) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                    .bind(day_text(day))
                    .bind(&fresh[..])
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("DELETE FROM stats_salts WHERE day < $1")
                    .bind(day_text(yesterday))
                    .execute(&mut *tx)
                    .await?;
                let current: Vec<u8> = sqlx::query_scalar("SELECT salt FROM stats_salts WHERE day = $1")
                    .bind(day_text(day))
                    .fetch_one(&mut *tx)
                    .await?;
                let previous: Option<Vec<u8>> =
                    sqlx::query_scalar("SELECT salt FROM stats_salts WHERE day = $1")
                        .bind(day_text(yesterday))
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
                     entry_path FROM stats_visits WHERE last_at >= $1",
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
                     WHERE e.at >= $1 AND NOT e.bot",
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
                let mut tx = begin_write(self.pool()).await?;
                for part in delta.events.chunks(chunk(MAX_BINDS, 7)) {
                    let mut q: QueryBuilder<Db> = QueryBuilder::new(
                        "INSERT INTO stats_events (at, visit_id, visitor, path, article_id, referrer, bot) ",
                    );
                    q.push_values(part, |mut b, e| {
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
                let mut visits: Vec<&Visit> = delta.visits.values().collect();
                visits.sort_unstable_by_key(|v| v.id);
                for part in visits.chunks(chunk(MAX_BINDS, 10)) {
                    let mut q: QueryBuilder<Db> = QueryBuilder::new(
                        "INSERT INTO stats_visits (id, visitor, started_at, last_at, pageviews, source, \
                         referrer, device, browser, entry_path) ",
                    );
                    q.push_values(part, |mut b, v| {
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
                let hourly = delta.hourly.iter().map(|(h, c)| (*h, c)).collect();
                upsert_totals(&mut tx, "stats_hourly", "hour", hourly).await?;
                let daily = delta.daily.iter().map(|(d, c)| (day_text(*d), c)).collect();
                upsert_totals(&mut tx, "stats_daily", "day", daily).await?;
                let mut dims: Vec<_> = delta.dims.iter().collect();
                dims.sort_unstable_by(|((d1, m1, k1), _), ((d2, m2, k2), _)| {
                    (m1.code(), d1, k1).cmp(&(m2.code(), d2, k2))
                });
                for part in dims.chunks(chunk(MAX_BINDS, 6)) {
                    let mut q: QueryBuilder<Db> = QueryBuilder::new(
                        "INSERT INTO stats_dims AS t (dim, day, key, visitors, visits, pageviews) ",
                    );
                    q.push_values(part, |mut b, ((day, dim, key), c)| {
                        b.push_bind(dim.code())
                            .push_bind(day_text(*day))
                            .push_bind(key)
                            .push_bind(c.visitors)
                            .push_bind(c.visits)
                            .push_bind(c.pageviews);
                    });
                    q.push(
                        " ON CONFLICT (dim, day, key) DO UPDATE SET \
                         visitors = t.visitors + excluded.visitors, visits = t.visits + excluded.visits, \
                         pageviews = t.pageviews + excluded.pageviews",
                    );
                    q.build().execute(&mut *tx).await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn purge_raw(&self, before_ms: i64) -> StoreResult<u64> {
                let mut tx = begin_write(self.pool()).await?;
                let gone = sqlx::query("DELETE FROM stats_events WHERE at < $1")
                    .bind(before_ms)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                sqlx::query("DELETE FROM stats_visits WHERE last_at < $1")
                    .bind(before_ms)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(gone)
            }

            async fn daily(&self, range: DateRange) -> StoreResult<Vec<(NaiveDate, Totals)>> {
                let rows: Vec<Rollup<String>> = sqlx::query_as(
                    "SELECT day, visitors, visits, pageviews, bounces, visit_seconds, bot_pageviews \
                     FROM stats_daily WHERE day BETWEEN $1 AND $2 ORDER BY day",
                )
                .bind(day_text(range.from))
                .bind(day_text(range.to))
                .fetch_all(self.pool())
                .await?;
                rows.into_iter()
                    .map(|r| {
                        let (day, t) = rollup(r);
                        Ok((parse_day(&day, "stats_daily.day")?, t))
                    })
                    .collect()
            }

            async fn hourly(&self, from_s: i64, to_s: i64) -> StoreResult<Vec<(i64, Totals)>> {
                let rows: Vec<Rollup<i64>> = sqlx::query_as(
                    "SELECT hour, visitors, visits, pageviews, bounces, visit_seconds, bot_pageviews \
                     FROM stats_hourly WHERE hour >= $1 AND hour < $2 ORDER BY hour",
                )
                .bind(from_s)
                .bind(to_s)
                .fetch_all(self.pool())
                .await?;
                Ok(rows.into_iter().map(rollup).collect())
            }

            async fn breakdown(
                &self,
                range: DateRange,
                dim: Dimension,
                limit: u32,
            ) -> StoreResult<Vec<DimRow>> {
                // Only article keys are ids, so only they join the articles for a title; and only
                // a published article's title is shown, which anyone may read on the portal.
                let (title, join) = if dim == Dimension::Articles {
                    (
                        "CASE WHEN a.stage = 'published' THEN a.title END",
                        "LEFT JOIN articles a ON a.id = CAST(t.key AS BIGINT)",
                    )
                } else {
                    ("CAST(NULL AS TEXT)", "")
                };
                let rows: Vec<(String, i64, i64, i64, Option<String>)> = sqlx::query_as(&format!(
                    "SELECT t.key, t.visitors, t.visits, t.pageviews, {title} FROM ( \
                       SELECT key, CAST(SUM(visitors) AS BIGINT) AS visitors, \
                              CAST(SUM(visits) AS BIGINT) AS visits, \
                              CAST(SUM(pageviews) AS BIGINT) AS pageviews \
                       FROM stats_dims WHERE dim = $1 AND day BETWEEN $2 AND $3 GROUP BY key \
                       ORDER BY visitors DESC, pageviews DESC, key LIMIT $4) t \
                     {join} ORDER BY t.visitors DESC, t.pageviews DESC, t.key"
                ))
                .bind(dim.code())
                .bind(day_text(range.from))
                .bind(day_text(range.to))
                .bind(i64::from(limit))
                .fetch_all(self.pool())
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|r| DimRow {
                        key: r.0,
                        visitors: count(r.1),
                        visits: count(r.2),
                        pageviews: count(r.3),
                        title: r.4,
                    })
                    .collect())
            }

            async fn realtime(&self, since_ms: i64) -> StoreResult<RealtimeRows> {
                let pool = self.pool();
                let (visitors, pageviews, bots): (i64, i64, i64) = sqlx::query_as(
                    "SELECT COUNT(DISTINCT visitor), COUNT(*) FILTER (WHERE NOT bot), \
                     COUNT(*) FILTER (WHERE bot) FROM stats_events WHERE at >= $1",
                )
                .bind(since_ms)
                .fetch_one(pool)
                .await?;
                let minutes: Vec<(i64, i64)> = sqlx::query_as(
                    "SELECT (at / 60000) * 60000 AS m, COUNT(*) FROM stats_events \
                     WHERE at >= $1 AND NOT bot GROUP BY m ORDER BY m",
                )
                .bind(since_ms)
                .fetch_all(pool)
                .await?;
                let pages: Vec<(String, i64, i64)> = sqlx::query_as(
                    "SELECT path, COUNT(DISTINCT visitor) AS v, COUNT(*) AS p FROM stats_events \
                     WHERE at >= $1 AND NOT bot GROUP BY path \
                     ORDER BY v DESC, p DESC, path LIMIT 10",
                )
                .bind(since_ms)
                .fetch_all(pool)
                .await?;
                Ok(RealtimeRows {
                    visitors: count(visitors),
                    pageviews: count(pageviews),
                    bot_pageviews: count(bots),
                    minutes: minutes.into_iter().map(|(m, n)| (m, count(n))).collect(),
                    pages: pages
                        .into_iter()
                        .map(|(key, v, p)| DimRow {
                            key,
                            visitors: count(v),
                            visits: 0,
                            pageviews: count(p),
                            title: None,
                        })
                        .collect(),
                })
            }

            async fn has_traffic(&self) -> StoreResult<bool> {
                let any: Option<i32> = sqlx::query_scalar("SELECT 1 FROM stats_daily LIMIT 1")
                    .fetch_optional(self.pool())
                    .await?;
                Ok(any.is_some())
            }

            async fn public_article_ids(&self) -> StoreResult<std::collections::HashSet<i64>> {
                let ids: Vec<i64> =
                    sqlx::query_scalar("SELECT id FROM articles WHERE stage = 'published'")
                        .fetch_all(self.pool())
                        .await?;
                Ok(ids.into_iter().collect())
            }
        }
    };
}
pub(crate) use stats_sql;
