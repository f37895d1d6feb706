//! The counting rules, in memory and free of I/O: pageviews in, rollup increments out.
//!
//! One [`Engine`] is fed every hit in time order (by the one ingest task, or by the demo
//! generator). For each hit it decides whether a new visit starts (none active for this
//! visitor within [`VISIT_IDLE_MINUTES`]), whether the visitor is new for the hour and the day,
//! and adds the resulting increments to a [`Delta`] that the store writes in one transaction.
//!
//! A visit counts in the hour and day it started; its bounce and duration are corrected there
//! when later pageviews arrive. A visitor counts in every hour and day they were seen. The
//! visitor key rotates at local midnight with the salt, so a visit running across midnight is
//! found again under the previous day's key ([`Hit::visitor_prev`]) and moves to the new key.

use chrono::{Duration, NaiveDate};
use portal_contract::format::vn_offset;
use portal_contract::stats::{Dimension, VISIT_IDLE_MINUTES};
use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

const IDLE_MS: i64 = VISIT_IDLE_MINUTES * 60 * 1000;
const HOUR_MS: i64 = 3600 * 1000;
const MIN_PRUNE_ABOVE: usize = 100_000;

/// One pageview after the handler checked and reduced it.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Milliseconds since the Unix epoch, UTC.
    pub at_ms: i64,
    /// Keyed hash of site + IP + user agent with today's salt (0 for bots).
    pub visitor: i64,
    /// The same with yesterday's salt, to find a visit running across midnight.
    pub visitor_prev: Option<i64>,
    pub bot: bool,
    pub path: String,
    pub article_id: Option<i64>,
    /// External referring host.
    pub referrer: Option<String>,
    pub device: &'static str,
    pub browser: &'static str,
}

/// Increments of one hour's or one day's rollup row (bounces may go down).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub visitors: i64,
    pub visits: i64,
    pub pageviews: i64,
    pub bounces: i64,
    pub visit_seconds: i64,
    pub bot_pageviews: i64,
}

/// Increments of one breakdown row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DimCounts {
    pub visitors: i64,
    pub visits: i64,
    pub pageviews: i64,
}

/// A raw event as stored (never the IP or the user agent).
#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    pub at_ms: i64,
    pub visit_id: Option<i64>,
    pub visitor: Option<i64>,
    pub path: String,
    pub article_id: Option<i64>,
    pub referrer: Option<String>,
    pub bot: bool,
}

/// A visit as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Visit {
    pub id: i64,
    pub visitor: i64,
    pub started_ms: i64,
    pub last_ms: i64,
    pub pageviews: i64,
    pub source: String,
    pub referrer: Option<String>,
    pub device: String,
    pub browser: String,
    pub entry_path: String,
}

/// Everything one batch of hits changes.
#[derive(Debug, Default)]
pub struct Delta {
    /// By hour start (seconds since the epoch).
    pub hourly: HashMap<i64, Counts>,
    pub daily: HashMap<NaiveDate, Counts>,
    pub dims: HashMap<(NaiveDate, Dimension, String), DimCounts>,
    pub events: Vec<EventRow>,
    /// Visits to insert or update, by id.
    pub visits: HashMap<i64, Visit>,
}

impl Delta {
    pub fn is_empty(&self) -> bool {
        self.hourly.is_empty() && self.events.is_empty()
    }
}

/// The local (Asia/Ho_Chi_Minh) day of an instant.
pub fn local_day(at_ms: i64) -> NaiveDate {
    chrono::DateTime::from_timestamp_millis(at_ms)
        .unwrap_or_default()
        .with_timezone(&vn_offset())
        .date_naive()
}

/// Start of the hour of an instant, in seconds (hours are whole in UTC+7 too).
pub fn hour_start(at_ms: i64) -> i64 {
    at_ms.div_euclid(HOUR_MS) * 3600
}

fn scope(dim: Dimension, key: &str) -> u64 {
    let mut h = DefaultHasher::new();
    dim.code().hash(&mut h);
    key.hash(&mut h);
    // 0 is the scope of "seen today at all".
    h.finish() | 1
}

/// How much the counting may remember, whatever arrives (issue #18): a flood of made-up
/// visitors (random agents and addresses) cannot grow the server's memory past these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caps {
    /// Open visits (about 250 bytes each: 200,000 is about 50 MB). Past it, a new visitor's
    /// pageview is counted as a visit of its own but not remembered.
    pub visits: usize,
    /// "Already counted today" marks, one per visitor and breakdown key (about 30 bytes each:
    /// 2,000,000 is about 60 MB). Past it, someone not yet marked is not counted again as a
    /// new visitor of that day and key: unique counts may come out low during a flood, never
    /// high.
    pub seen_day: usize,
    /// "Already counted this hour" marks (about 20 bytes each: 500,000 is about 10 MB).
    pub seen_hour: usize,
}

impl Default for Caps {
    fn default() -> Self {
        Self {
            visits: 200_000,
            seen_day: 2_000_000,
            seen_hour: 500_000,
        }
    }
}

/// What the counting remembers between hits: active visits and who was already seen in the
/// current and previous hour and day (for unique counts). Bounded: older entries are dropped
/// as time moves on, and nothing grows past its [`Caps`].
#[derive(Debug, Default)]
pub struct Engine {
    visits: HashMap<i64, Visit>,
    next_visit_id: i64,
    seen_day: HashSet<(NaiveDate, u64, i64)>,
    seen_hour: HashSet<(i64, i64)>,
    pruned_at_hour: i64,
    /// Above this many visits in memory, ended ones are dropped at once (not just hourly).
    prune_above: usize,
    caps: Caps,
}

impl Engine {
    /// An engine that continues from stored state: the active `visits`, the next visit id,
    /// and the events of the current and previous day (to know who was already counted).
    pub fn resume(visits: Vec<Visit>, next_visit_id: i64, recent: &[RecentEvent]) -> Self {
        let mut e = Engine {
            next_visit_id: next_visit_id.max(1),
            ..Engine::default()
        };
        for v in visits {
            e.visits.insert(v.visitor, v);
        }
        for r in recent {
            let day = local_day(r.at_ms);
            e.seen_day.insert((day, 0, r.visitor));
            e.seen_hour.insert((hour_start(r.at_ms), r.visitor));
            for (dim, key) in r.keys() {
                e.seen_day.insert((day, scope(dim, &key), r.visitor));
            }
        }
        e
    }

    /// Visits held in memory (ended ones go at the next prune).
    pub fn visits_in_memory(&self) -> usize {
        self.visits.len()
    }

    /// What the engine holds: open visits, day marks, hour marks.
    pub fn held(&self) -> (usize, usize, usize) {
        (self.visits.len(), self.seen_day.len(), self.seen_hour.len())
    }

    /// The same engine with other caps (tests use small ones).
    pub fn with_caps(mut self, caps: Caps) -> Self {
        self.caps = caps;
        self
    }

    /// Marks `entry` as counted today; whether it is new. At the cap, an unmarked entry is
    /// taken as already counted (see [`Caps::seen_day`]).
    fn mark_day(&mut self, entry: (NaiveDate, u64, i64)) -> bool {
        if self.seen_day.len() >= self.caps.seen_day && !self.seen_day.contains(&entry) {
            return false;
        }
        self.seen_day.insert(entry)
    }

    /// Marks `entry` as counted this hour; whether it is new (the same rule at the cap).
    fn mark_hour(&mut self, entry: (i64, i64)) -> bool {
        if self.seen_hour.len() >= self.caps.seen_hour && !self.seen_hour.contains(&entry) {
            return false;
        }
        self.seen_hour.insert(entry)
    }

    /// Drops what can no longer matter once time is at `at_ms`.
    fn prune(&mut self, at_ms: i64) {
        if self.visits.len() > self.prune_above.max(MIN_PRUNE_ABOVE) {
            self.visits.retain(|_, v| at_ms - v.last_ms <= IDLE_MS);
            self.prune_above = self.visits.len() * 2;
        }
        let hour = hour_start(at_ms);
        if hour == self.pruned_at_hour {
            return;
        }
        self.pruned_at_hour = hour;
        let yesterday = local_day(at_ms) - Duration::days(1);
        self.seen_day.retain(|(d, _, _)| *d >= yesterday);
        self.seen_hour.retain(|(h, _)| *h >= hour - 3600);
        self.visits.retain(|_, v| at_ms - v.last_ms <= IDLE_MS);
    }

    fn seen(&mut self, day: NaiveDate, dim: Dimension, key: &str, visitor: i64) -> bool {
        !self.mark_day((day, scope(dim, key), visitor))
    }

    /// Counts one hit into `delta`.
    pub fn ingest(&mut self, hit: Hit, delta: &mut Delta) {
        self.prune(hit.at_ms);
        let day = local_day(hit.at_ms);
        let hour = hour_start(hit.at_ms);
        if hit.bot {
            delta.hourly.entry(hour).or_default().bot_pageviews += 1;
            delta.daily.entry(day).or_default().bot_pageviews += 1;
            delta.events.push(EventRow {
                at_ms: hit.at_ms,
                visit_id: None,
                visitor: None,
                path: hit.path,
                article_id: hit.article_id,
                referrer: hit.referrer,
                bot: true,
            });
            return;
        }
        let v = hit.visitor;
        // Unique visitors of the hour and the day.
        if self.mark_hour((hour, v)) {
            delta.hourly.entry(hour).or_default().visitors += 1;
        }
        if self.mark_day((day, 0, v)) {
            delta.daily.entry(day).or_default().visitors += 1;
        }
        // The visit: continue an active one (under today's or yesterday's key) or start one.
        let active =
            |visit: Option<&Visit>| visit.is_some_and(|x| hit.at_ms - x.last_ms <= IDLE_MS);
        if !active(self.visits.get(&v)) {
            if let Some(prev) = hit.visitor_prev.filter(|p| *p != v) {
                if active(self.visits.get(&prev)) {
                    if let Some(mut moved) = self.visits.remove(&prev) {
                        moved.visitor = v;
                        self.visits.insert(v, moved);
                    }
                }
            }
        }
        let visit = match self
            .visits
            .get_mut(&v)
            .filter(|x| hit.at_ms - x.last_ms <= IDLE_MS)
        {
            Some(visit) => {
                let start_hour = hour_start(visit.started_ms);
                let start_day = local_day(visit.started_ms);
                let before = (visit.last_ms - visit.started_ms) / 1000;
                let after = (hit.at_ms.max(visit.last_ms) - visit.started_ms) / 1000;
                let bounced = visit.pageviews == 1;
                visit.pageviews += 1;
                visit.last_ms = hit.at_ms.max(visit.last_ms);
                for c in [
                    delta.hourly.entry(start_hour).or_default(),
                    delta.daily.entry(start_day).or_default(),
                ] {
                    c.visit_seconds += after - before;
                    if bounced {
                        c.bounces -= 1;
                    }
                }
                visit.clone()
            }
            None => {
                let id = self.next_visit_id;
                self.next_visit_id += 1;
                let visit = Visit {
                    id,
                    visitor: v,
                    started_ms: hit.at_ms,
                    last_ms: hit.at_ms,
                    pageviews: 1,
                    source: super::classify::source_kind(hit.referrer.as_deref()).to_string(),
                    referrer: hit.referrer.clone(),
                    device: hit.device.to_string(),
                    browser: hit.browser.to_string(),
                    entry_path: hit.path.clone(),
                };
                for c in [
                    delta.hourly.entry(hour).or_default(),
                    delta.daily.entry(day).or_default(),
                ] {
                    c.visits += 1;
                    c.bounces += 1;
                }
                for (dim, key) in visit_keys(&visit) {
                    delta.dims.entry((day, dim, key)).or_default().visits += 1;
                }
                // Ended visits leave at the next prune; meanwhile a full table remembers no more.
                if self.visits.len() < self.caps.visits {
                    self.visits.insert(v, visit.clone());
                }
                visit
            }
        };
        delta.hourly.entry(hour).or_default().pageviews += 1;
        delta.daily.entry(day).or_default().pageviews += 1;
        let mut keys = visit_keys(&visit);
        keys.push((Dimension::Pages, hit.path.clone()));
        if let Some(a) = hit.article_id {
            keys.push((Dimension::Articles, a.to_string()));
        }
        for (dim, key) in keys {
            let new_visitor = !self.seen(day, dim, &key, v);
            let row = delta.dims.entry((day, dim, key)).or_default();
            row.pageviews += 1;
            if new_visitor {
                row.visitors += 1;
            }
        }
        delta.events.push(EventRow {
            at_ms: hit.at_ms,
            visit_id: Some(visit.id),
            visitor: Some(v),
            path: hit.path,
            article_id: hit.article_id,
            referrer: hit.referrer,
            bot: false,
        });
        delta.visits.insert(visit.id, visit);
    }
}

/// The breakdown keys a visit counts under (source, referrer, device, browser).
fn visit_keys(v: &Visit) -> Vec<(Dimension, String)> {
    let mut keys = vec![
        (Dimension::Sources, v.source.clone()),
        (Dimension::Devices, v.device.clone()),
        (Dimension::Browsers, v.browser.clone()),
    ];
    if let Some(r) = &v.referrer {
        keys.push((Dimension::Referrers, r.clone()));
    }
    keys
}

/// A stored event of the current or previous day, with its visit's keys, for [`Engine::resume`].
#[derive(Debug, Clone)]
pub struct RecentEvent {
    pub at_ms: i64,
    pub visitor: i64,
    pub path: String,
    pub article_id: Option<i64>,
    pub source: String,
    pub referrer: Option<String>,
    pub device: String,
    pub browser: String,
}

impl RecentEvent {
    fn keys(&self) -> Vec<(Dimension, String)> {
        let mut keys = vec![
            (Dimension::Pages, self.path.clone()),
            (Dimension::Sources, self.source.clone()),
            (Dimension::Devices, self.device.clone()),
            (Dimension::Browsers, self.browser.clone()),
        ];
        if let Some(a) = self.article_id {
            keys.push((Dimension::Articles, a.to_string()));
        }
        if let Some(r) = &self.referrer {
            keys.push((Dimension::Referrers, r.clone()));
        }
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(at_ms: i64, visitor: i64) -> Hit {
        Hit {
            at_ms,
            visitor,
            visitor_prev: None,
            bot: false,
            path: "/".into(),
            article_id: None,
            referrer: None,
            device: "desktop",
            browser: "Chrome",
        }
    }

    #[test]
    fn ended_visits_leave_memory_when_many_people_come() {
        let mut e = Engine::default();
        let mut d = Delta::default();
        let t0 = 1_780_000_000_000;
        for v in 0..(MIN_PRUNE_ABOVE as i64 + 1) {
            e.ingest(hit(t0, v), &mut d);
        }
        assert_eq!(e.visits_in_memory(), MIN_PRUNE_ABOVE + 1);
        // 31 minutes later, within the same hour or not, one more visitor: the rest ended.
        e.ingest(hit(t0 + 31 * 60_000, -1), &mut d);
        assert_eq!(e.visits_in_memory(), 1);
    }

    #[test]
    fn a_late_pageview_never_shortens_a_visit() {
        let mut e = Engine::default();
        let mut d = Delta::default();
        let t0 = 1_780_000_000_000;
        e.ingest(hit(t0, 1), &mut d);
        e.ingest(hit(t0 + 60_000, 1), &mut d);
        e.ingest(hit(t0 + 30_000, 1), &mut d); // arrived out of order
        let day = local_day(t0);
        assert_eq!(d.daily[&day].visit_seconds, 60);
        assert_eq!(d.daily[&day].pageviews, 3);
        assert_eq!(d.daily[&day].visits, 1);
        assert_eq!(d.daily[&day].bounces, 0);
    }

    #[test]
    fn a_flood_of_made_up_visitors_fills_the_caps_and_no_more() {
        let caps = Caps {
            visits: 50,
            seen_day: 200,
            seen_hour: 60,
        };
        let mut e = Engine::default().with_caps(caps);
        let mut d = Delta::default();
        let t0 = 1_780_000_000_000;
        for v in 0..10_000 {
            e.ingest(hit(t0 + v, v), &mut d);
        }
        let (visits, day, hour) = e.held();
        assert_eq!((visits, hour), (50, 60));
        assert!(day <= 200, "{day}");
        // Every pageview and visit is still counted; unique visitors stop at what fits.
        let today = d.daily.values().next().unwrap();
        assert_eq!((today.pageviews, today.visits), (10_000, 10_000));
        assert!(today.visitors <= 200, "{}", today.visitors);
        // A visitor already remembered still continues their visit.
        let before = e.held();
        e.ingest(hit(t0 + 20_000, 3), &mut d);
        assert_eq!(e.held().0, before.0);
    }
}
