//! The ingest of beacons and the upkeep of the statistics.
//!
//! One ingest task owns the [`Engine`]: handlers send it their hit and wait for the batch
//! holding it to be committed, so a `204` means counted and stored, and many concurrent
//! beacons share one transaction (group commit).

use super::classify;
use super::engine::{local_day, Delta, Engine, Hit};
use super::store::{Salt, StatsStore};
use crate::clock::Clock;
use crate::store::{StoreError, StoreResult};
use chrono::{DateTime, NaiveDate, Utc};
use portal_contract::stats::Beacon;
use portal_contract::FieldError;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::net::IpAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::{mpsc, oneshot, OnceCell};

/// Most hits one transaction carries.
const MAX_BATCH: usize = 4000;
/// Hits waiting for the ingest task before beacons are refused with 503.
const QUEUE: usize = 20_000;
/// Longest user agent looked at.
const MAX_UA: usize = 512;

/// Per-address limit: a burst of this many beacons, refilled at [`REFILL_PER_SEC`]. An office
/// with a hundred people behind one address stays far below it; a script flooding does not.
pub const BURST: f64 = 120.0;
pub const REFILL_PER_SEC: f64 = 20.0;

/// The keyed hash that stands for a visitor on one day: SHA-256 of the day's secret salt, the
/// site, the IP address and the user agent, cut to 64 bits. Neither the address nor the agent
/// is kept; once the salt is deleted (the day after tomorrow) nobody can recompute it.
pub fn visitor_hash(salt: &Salt, site: &str, ip: &str, user_agent: &str) -> i64 {
    let mut h = Sha256::new();
    h.update(salt);
    for part in [site, ip, user_agent] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    let d = h.finalize();
    i64::from_le_bytes(d[..8].try_into().expect("8 bytes"))
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at_ms: i64,
}

struct Job {
    hit: Hit,
    done: oneshot::Sender<Result<(), ()>>,
}

/// Why a beacon was not counted.
#[derive(Debug)]
pub enum Refusal {
    /// Malformed: 400 with the field errors.
    Invalid(Vec<FieldError>),
    /// This address sent too many: 429, retry after the seconds given.
    Throttled(u64),
    /// The counter cannot keep up or the database failed: 503.
    Unavailable,
}

/// How long the set of published articles' ids is trusted before it is read again.
pub const PUBLIC_IDS_TTL_MS: i64 = 60_000;

/// Most client networks whose flood limit is remembered at once (about 40 bytes each).
pub const MAX_BUCKETS: usize = 100_000;

/// The statistics service shared by the handlers.
pub struct Stats {
    store: Arc<dyn StatsStore>,
    clock: Arc<dyn Clock>,
    bots: isbot::Bots,
    site: String,
    salts: Mutex<Option<(NaiveDate, Salt, Option<Salt>)>>,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
    /// The published articles' ids, read again at most every [`PUBLIC_IDS_TTL_MS`].
    public_ids: Mutex<Option<(i64, Arc<HashSet<i64>>)>>,
    ingest: OnceCell<mpsc::Sender<Job>>,
    refused: AtomicU64,
}

impl Stats {
    pub fn new(store: Arc<dyn StatsStore>, clock: Arc<dyn Clock>, site: &str) -> Self {
        Self {
            store,
            clock,
            bots: isbot::Bots::default(),
            site: site.to_string(),
            salts: Mutex::new(None),
            buckets: Mutex::new(HashMap::new()),
            public_ids: Mutex::new(None),
            ingest: OnceCell::new(),
            refused: AtomicU64::new(0),
        }
    }

    pub fn store(&self) -> &Arc<dyn StatsStore> {
        &self.store
    }

    /// Whether `user_agent` (with `webdriver` as the page reported it) is a bot, crawler or
    /// automated browser: the maintained pattern list of the `isbot` crate, plus
    /// `navigator.webdriver` and an empty agent.
    pub fn is_bot(&self, user_agent: &str, webdriver: bool) -> bool {
        webdriver || user_agent.trim().is_empty() || self.bots.is_bot(user_agent)
    }

    /// How many beacons were refused (malformed, oversized or throttled) since the last call.
    pub fn take_refused(&self) -> u64 {
        self.refused.swap(0, Ordering::Relaxed)
    }

    /// Counts a refused beacon (reported in aggregate by [`maintain`], never one by one).
    pub fn note_refused(&self) {
        self.refused.fetch_add(1, Ordering::Relaxed);
    }

    /// Takes one token of the bucket of `ip`'s network (an IPv6 client's whole /64), or says
    /// how long to wait. At most [`MAX_BUCKETS`] buckets are kept: past it, every refilled one is
    /// forgotten, and if that is not enough all are (the limit then starts afresh rather than
    /// memory growing with an attacker's networks).
    fn throttle(&self, ip: Option<IpAddr>, now_ms: i64) -> Result<(), u64> {
        let Some(ip) = ip else { return Ok(()) };
        let ip = crate::net::client_network(ip);
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if buckets.len() >= MAX_BUCKETS {
            buckets.retain(|_, b| {
                b.tokens + (now_ms - b.at_ms) as f64 / 1000.0 * REFILL_PER_SEC < BURST
            });
            if buckets.len() >= MAX_BUCKETS {
                buckets.clear();
            }
        }
        let b = buckets.entry(ip).or_insert(Bucket {
            tokens: BURST,
            at_ms: now_ms,
        });
        let elapsed = (now_ms - b.at_ms).max(0) as f64 / 1000.0;
        b.tokens = (b.tokens + elapsed * REFILL_PER_SEC).min(BURST);
        b.at_ms = now_ms;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - b.tokens) / REFILL_PER_SEC).ceil().max(1.0) as u64)
        }
    }

    /// Whether `id` is an article the public portal shows (as of at most a minute ago): a
    /// beacon naming anything else (a draft's id guessed by anyone) keeps its pageview but not
    /// the id, so no draft ever enters the article breakdown.
    async fn is_public_article(&self, id: i64, now_ms: i64) -> Result<bool, Refusal> {
        let cached = self
            .public_ids
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .filter(|(at, _)| now_ms - at < PUBLIC_IDS_TTL_MS && now_ms >= *at);
        let ids = match cached {
            Some((_, ids)) => ids,
            None => {
                let ids = Arc::new(
                    self.store
                        .public_article_ids()
                        .await
                        .map_err(|_| Refusal::Unavailable)?,
                );
                *self.public_ids.lock().unwrap_or_else(|p| p.into_inner()) =
                    Some((now_ms, ids.clone()));
                ids
            }
        };
        Ok(ids.contains(&id))
    }

    async fn salts_for(&self, day: NaiveDate) -> StoreResult<(Salt, Option<Salt>)> {
        if let Some((d, cur, prev)) = *self.salts.lock().unwrap_or_else(|p| p.into_inner()) {
            if d == day {
                return Ok((cur, prev));
            }
        }
        let (cur, prev) = self.store.salts(day).await?;
        *self.salts.lock().unwrap_or_else(|p| p.into_inner()) = Some((day, cur, prev));
        Ok((cur, prev))
    }

    /// Checks a beacon and reduces it to a [`Hit`] (without counting it).
    pub async fn hit(
        &self,
        beacon: &Beacon,
        ip: Option<IpAddr>,
        user_agent: &str,
        at: DateTime<Utc>,
    ) -> Result<Hit, Refusal> {
        let at_ms = at.timestamp_millis();
        if let Err(wait) = self.throttle(ip, at_ms) {
            return Err(Refusal::Throttled(wait));
        }
        let mut errors = Vec::new();
        let path = classify::page_path(&beacon.path);
        if path.is_none() {
            errors.push(FieldError::new(
                "path",
                "invalid_value",
                "Đường dẫn trang phải bắt đầu bằng / và không quá 512 ký tự.",
            ));
        }
        if beacon.width.is_some_and(|w| w > 100_000) {
            errors.push(FieldError::new(
                "width",
                "out_of_range",
                "Độ rộng màn hình không hợp lệ.",
            ));
        }
        if beacon.article_id.is_some_and(|a| a <= 0) {
            errors.push(FieldError::new(
                "article_id",
                "out_of_range",
                "Mã bài viết phải là số dương.",
            ));
        }
        let long = |s: &Option<String>| {
            s.as_ref()
                .is_some_and(|s| s.chars().count() > 2 * portal_contract::stats::MAX_BEACON_TEXT)
        };
        if long(&beacon.referrer) || long(&beacon.host) {
            errors.push(FieldError::new("referrer", "too_long", "Quá dài."));
        }
        let Some(path) = path.filter(|_| errors.is_empty()) else {
            return Err(Refusal::Invalid(errors));
        };
        let article_id = match beacon.article_id {
            Some(id) if self.is_public_article(id, at_ms).await? => Some(id),
            _ => None,
        };
        let ua: String = user_agent.chars().take(MAX_UA).collect();
        let bot = self.is_bot(&ua, beacon.webdriver.unwrap_or(false));
        let (visitor, visitor_prev) = if bot {
            (0, None)
        } else {
            let (cur, prev) = self
                .salts_for(local_day(at_ms))
                .await
                .map_err(|_| Refusal::Unavailable)?;
            let ip_text = ip.map(|i| i.to_string()).unwrap_or_default();
            (
                visitor_hash(&cur, &self.site, &ip_text, &ua),
                prev.map(|p| visitor_hash(&p, &self.site, &ip_text, &ua)),
            )
        };
        Ok(Hit {
            at_ms,
            visitor,
            visitor_prev,
            bot,
            path,
            article_id,
            referrer: classify::external_referrer(
                beacon.referrer.as_deref(),
                beacon.host.as_deref(),
            ),
            device: classify::device(beacon.width, &ua),
            browser: classify::browser(&ua),
        })
    }

    /// Starts the counting task, loading its state from the database first (so the first
    /// beacons after a restart do not wait for it). Called by `main`; otherwise the first
    /// beacon starts it.
    pub async fn start(&self) {
        self.sender().await;
    }

    async fn sender(&self) -> &mpsc::Sender<Job> {
        self.ingest
            .get_or_init(|| async {
                let (tx, rx) = mpsc::channel(QUEUE);
                let now = self.clock.now().timestamp_millis();
                let engine = match self.store.resume_engine(now).await {
                    Ok(e) => Some(e),
                    Err(e) => {
                        tracing::warn!(error = %e, "visitor statistics: cannot load counting state yet");
                        None
                    }
                };
                tokio::spawn(ingest_loop(self.store.clone(), rx, engine));
                tx
            })
            .await
    }

    /// Counts a hit; returns once the batch holding it is committed.
    pub async fn record(&self, hit: Hit) -> Result<(), Refusal> {
        let tx = self.sender().await;
        let (done, wait) = oneshot::channel();
        tx.try_send(Job { hit, done })
            .map_err(|_| Refusal::Unavailable)?;
        match wait.await {
            Ok(Ok(())) => Ok(()),
            _ => Err(Refusal::Unavailable),
        }
    }

    /// Deletes raw events and visits older than `days` days.
    pub async fn purge(&self, days: u32) -> StoreResult<u64> {
        let before = self.clock.now() - chrono::Duration::days(i64::from(days));
        self.store.purge_raw(before.timestamp_millis()).await
    }
}

/// The one task that owns the engine: takes every hit waiting, counts them, writes them in one
/// transaction, then answers each. After a failed write it reloads the engine from the
/// database, so memory never runs ahead of what is stored.
async fn ingest_loop(
    store: Arc<dyn StatsStore>,
    mut rx: mpsc::Receiver<Job>,
    mut engine: Option<Engine>,
) {
    while let Some(first) = rx.recv().await {
        let mut jobs = vec![first];
        while jobs.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(j) => jobs.push(j),
                Err(_) => break,
            }
        }
        if engine.is_none() {
            match store.resume_engine(jobs[0].hit.at_ms).await {
                Ok(e) => engine = Some(e),
                Err(e) => {
                    tracing::warn!(error = %e, "visitor statistics: cannot load counting state");
                    for j in jobs {
                        let _ = j.done.send(Err(()));
                    }
                    continue;
                }
            }
        }
        let Some(counting) = engine.as_mut() else {
            continue;
        };
        let mut delta = Delta::default();
        let mut replies = Vec::with_capacity(jobs.len());
        for j in jobs {
            counting.ingest(j.hit, &mut delta);
            replies.push(j.done);
        }
        let outcome = match store.apply(&delta).await {
            Ok(()) => Ok(()),
            Err(e) => {
                tracing::warn!(error = %e, hits = replies.len(), "visitor statistics: batch not stored");
                engine = None;
                Err(())
            }
        };
        for r in replies {
            let _ = r.send(outcome);
        }
    }
}

/// Purges raw events past retention and reports refused beacons, every `every` (from `main`).
pub async fn maintain(stats: Arc<Stats>, retention_days: u32, every: std::time::Duration) {
    let mut tick = tokio::time::interval(every);
    loop {
        tick.tick().await;
        match stats.purge(retention_days).await {
            Ok(n) if n > 0 => tracing::info!(
                events = n,
                "visitor statistics: raw events past retention deleted"
            ),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "visitor statistics: purge failed"),
        }
        let refused = stats.take_refused();
        if refused > 0 {
            tracing::info!(
                beacons = refused,
                "visitor statistics: beacons refused (malformed or throttled)"
            );
        }
    }
}

impl From<StoreError> for Refusal {
    fn from(_: StoreError) -> Self {
        Refusal::Unavailable
    }
}
