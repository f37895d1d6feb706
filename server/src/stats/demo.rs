//! Eighteen months of synthetic portal traffic for the demo: a weekly rhythm (busy weekdays,
//! quiet Sundays), office-hour peaks, holiday and policy-change peaks, slow growth, repeat
//! visits, and bots. It runs through the same [`Engine`] as real beacons, so the rollups
//! agree with each other exactly as they would in production; raw events are kept only for
//! the retention window, as the purge would leave them.

use super::engine::{local_day, Delta, Engine, Hit};
use super::store::StatsStore;
use crate::store::StoreResult;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Days of demo traffic (about 18 months).
pub const DEMO_DAYS: i64 = 548;

const PAGES: [&str; 9] = [
    "/",
    "/tin-tuc",
    "/tra-cuu/qua-trinh-tham-gia",
    "/tra-cuu/ma-so-bhxh",
    "/thu-tuc-hanh-chinh",
    "/van-ban-phap-luat",
    "/hoi-dap",
    "/lien-he",
    "/gioi-thieu/co-cau-to-chuc",
];

const REFERRERS: [(Option<&str>, u32); 9] = [
    (None, 38),
    (Some("google.com.vn"), 20),
    (Some("google.com"), 9),
    (Some("coccoc.com"), 6),
    (Some("facebook.com"), 12),
    (Some("zalo.me"), 6),
    (Some("baohiemxahoi.gov.vn"), 5),
    (Some("vnexpress.net"), 2),
    (Some("thanhnien.vn"), 2),
];

const BROWSERS: [(&str, u32); 8] = [
    ("Chrome", 44),
    ("Safari", 20),
    ("Cốc Cốc", 15),
    ("Zalo", 7),
    ("Edge", 6),
    ("Samsung Internet", 4),
    ("Facebook", 2),
    ("Firefox", 2),
];

const DEVICES: [(&str, u32); 3] = [("mobile", 62), ("tablet", 5), ("desktop", 33)];

/// Share of traffic by local hour (office hours and the evening).
const HOURS: [u32; 24] = [
    1, 1, 1, 1, 1, 2, 4, 7, 10, 11, 10, 8, 5, 6, 9, 10, 9, 7, 5, 6, 7, 6, 4, 2,
];

fn pick<T: Copy>(rng: &mut StdRng, table: &[(T, u32)]) -> T {
    let total: u32 = table.iter().map(|(_, w)| w).sum();
    let mut n = rng.gen_range(0..total);
    for (v, w) in table {
        if n < *w {
            return *v;
        }
        n -= w;
    }
    table[0].0
}

/// How busy `day` is compared with an ordinary weekday.
fn day_factor(day: NaiveDate) -> f64 {
    let weekly = match day.weekday() {
        Weekday::Sat => 0.5,
        Weekday::Sun => 0.35,
        _ => 1.0,
    };
    let (m, d) = (day.month(), day.day());
    let peak = match (m, d) {
        // New rules on 1 July (the 2024 Social Insurance Law took effect 01/07/2025).
        (6, 25..=30) | (7, 1..=10) => 2.4,
        // Before and after Tết (late January or February): pensions, health cards.
        (1, 15..=31) | (2, 1..=10) => 1.7,
        // Year end: renewals of voluntary and household health insurance.
        (12, 10..=31) => 1.4,
        // The Tết holiday itself is quiet.
        (2, 11..=20) => 0.5,
        _ => 1.0,
    };
    weekly * peak
}

/// About how many raw events (pageviews of people and bots) one day of [`seed`] makes at
/// `scale` 1, averaged over weekdays, weekends, peaks and growth.
pub const EVENTS_PER_DAY_AT_SCALE_1: f64 = 950.0;

/// Seeds traffic for the `days` days up to `now` (today only up to `now`), keeping raw events
/// of the last `retention_days` days; `scale` multiplies the number of people (1 is a
/// provincial portal of about 300 visitors on a weekday). Returns the number of pageviews of
/// people generated.
pub async fn seed(
    store: &dyn StatsStore,
    now: DateTime<Utc>,
    days: i64,
    retention_days: u32,
    article_ids: &[i64],
    scale: f64,
) -> StoreResult<u64> {
    let mut rng = StdRng::seed_from_u64(2474);
    let mut engine = Engine::default();
    let now_ms = now.timestamp_millis();
    let today = local_day(now_ms);
    let keep_raw_from = now_ms - i64::from(retention_days) * 86_400_000;
    let hours: Vec<(i64, u32)> = (0..24).map(|h| (h as i64, HOURS[h])).collect();
    let mut total = 0u64;
    for back in (0..days).rev() {
        let day = today - Duration::days(back);
        let growth = 0.75 + 0.25 * (days - back) as f64 / days as f64;
        let noise = rng.gen_range(0.85..1.15);
        let people = (300.0 * scale * day_factor(day) * growth * noise) as usize;
        let midnight_ms = portal_contract::format::vn_midnight(day).timestamp_millis();
        let mut hits: Vec<Hit> = Vec::with_capacity(people * 3);
        for _ in 0..people {
            let visitor: i64 = rng.gen();
            let device = pick(&mut rng, &DEVICES);
            let browser = pick(&mut rng, &BROWSERS);
            let visits = if rng.gen_bool(0.15) { 2 } else { 1 };
            let mut t =
                midnight_ms + pick(&mut rng, &hours) * 3_600_000 + rng.gen_range(0..3_600_000);
            for _ in 0..visits {
                let referrer = pick(&mut rng, &REFERRERS).map(str::to_string);
                let pageviews = if rng.gen_bool(0.45) {
                    1
                } else {
                    rng.gen_range(2..=6)
                };
                for n in 0..pageviews {
                    let (path, article_id) = if !article_ids.is_empty() && rng.gen_bool(0.45) {
                        // The lower of two draws: a few articles draw most readers.
                        let n = article_ids.len();
                        let a = article_ids[rng.gen_range(0..n).min(rng.gen_range(0..n))];
                        (format!("/tin-tuc/bai-viet-{a}"), Some(a))
                    } else {
                        (PAGES[rng.gen_range(0..PAGES.len())].to_string(), None)
                    };
                    hits.push(Hit {
                        at_ms: t,
                        visitor,
                        visitor_prev: None,
                        bot: false,
                        path,
                        article_id,
                        referrer: if n == 0 { referrer.clone() } else { None },
                        device,
                        browser,
                    });
                    t += rng.gen_range(15_000..240_000);
                }
                t += rng.gen_range(31 * 60_000..180 * 60_000);
            }
        }
        // Crawlers: about a third as many pageviews as people, spread over the day.
        for _ in 0..people {
            hits.push(Hit {
                at_ms: midnight_ms + rng.gen_range(0..86_400_000),
                visitor: 0,
                visitor_prev: None,
                bot: true,
                path: PAGES[rng.gen_range(0..PAGES.len())].to_string(),
                article_id: None,
                referrer: None,
                device: "desktop",
                browser: "Khác",
            });
        }
        hits.retain(|h| h.at_ms <= now_ms && local_day(h.at_ms) == day);
        hits.sort_by_key(|h| h.at_ms);
        let mut delta = Delta::default();
        for h in hits {
            total += u64::from(!h.bot);
            engine.ingest(h, &mut delta);
        }
        delta.events.retain(|e| e.at_ms >= keep_raw_from);
        delta.visits.retain(|_, v| v.last_ms >= keep_raw_from);
        store.apply(&delta).await?;
    }
    Ok(total)
}
