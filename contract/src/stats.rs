//! Visitor statistics of the public portal: the beacon the tracking snippet sends, the answers
//! of the stats API, and the pure rules both sides share (date ranges and their presets, the
//! previous period, buckets of a time series).
//!
//! Days are calendar days in Asia/Ho_Chi_Minh (UTC+7 all year). A range is inclusive of both
//! ends and written `YYYY-MM-DD`.
//!
//! Counting rules (DOMAIN.md): a visit ends after [`VISIT_IDLE_MINUTES`] idle; unique visitors
//! come from a keyed hash of site + IP + user agent whose salt rotates daily, so a person is
//! one visitor per day. The visitors of a range longer than a day are therefore the **sum of
//! daily unique visitors** ("lượt khách theo ngày"): someone who comes back on three days
//! counts three times. Labels say so.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// Largest beacon body accepted by `POST /collect`.
pub const MAX_BEACON_BYTES: usize = 2048;
/// Longest page path or referrer kept from a beacon, in characters.
pub const MAX_BEACON_TEXT: usize = 512;
/// A visit ends after this many minutes without a pageview.
pub const VISIT_IDLE_MINUTES: i64 = 30;
/// "Realtime" means the last this many minutes.
pub const REALTIME_MINUTES: i64 = 5;
/// Longest range the stats API serves, in days.
pub const MAX_RANGE_DAYS: i64 = 3 * 366;
/// Longest range an hourly series may cover, in days.
pub const MAX_HOURLY_DAYS: i64 = 31;
/// Most rows a breakdown returns.
pub const MAX_BREAKDOWN_ROWS: u32 = 100;

/// `POST /api/v1/collect`: one pageview, sent by the snippet (as `text/plain` JSON with
/// `navigator.sendBeacon`, so no CORS preflight is needed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Beacon {
    /// The page's path and query, starting with `/`.
    pub path: String,
    /// The host name the page was served from (tells internal links from referrals).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// `document.referrer`; only its host is kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referrer: Option<String>,
    /// `screen.width` in CSS pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// The article shown, when the page is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article_id: Option<i64>,
    /// `navigator.webdriver`: true in automated and headless browsers, counted as bots.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webdriver: Option<bool>,
}

/// Granularity of a time series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Interval {
    Hour,
    Day,
    Week,
    Month,
}

impl Interval {
    pub const ALL: [Interval; 4] = [
        Interval::Hour,
        Interval::Day,
        Interval::Week,
        Interval::Month,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Interval::Hour => "hour",
            Interval::Day => "day",
            Interval::Week => "week",
            Interval::Month => "month",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|i| i.as_str() == s)
    }

    /// The interval a range is shown in when the user has not picked one: hours for one or
    /// two days, days up to a year and a bit, months beyond.
    pub fn default_for(range: DateRange) -> Self {
        match range.days() {
            0..=2 => Interval::Hour,
            3..=400 => Interval::Day,
            _ => Interval::Month,
        }
    }

    /// Whether a series of `range` may use this interval.
    pub fn allowed_for(self, range: DateRange) -> bool {
        match self {
            Interval::Hour => range.days() <= MAX_HOURLY_DAYS,
            _ => true,
        }
    }

    /// Start of the bucket holding `day` (weeks start on Monday, as in Vietnam).
    pub fn bucket_of(self, day: NaiveDate) -> NaiveDate {
        match self {
            Interval::Hour | Interval::Day => day,
            Interval::Week => day - Duration::days(i64::from(day.weekday().num_days_from_monday())),
            Interval::Month => day.with_day(1).unwrap_or(day),
        }
    }
}

/// The metrics a chart can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    Visitors,
    Visits,
    Pageviews,
    BounceRate,
    VisitDuration,
}

impl Metric {
    pub const ALL: [Metric; 5] = [
        Metric::Visitors,
        Metric::Visits,
        Metric::Pageviews,
        Metric::BounceRate,
        Metric::VisitDuration,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Metric::Visitors => "visitors",
            Metric::Visits => "visits",
            Metric::Pageviews => "pageviews",
            Metric::BounceRate => "bounce_rate",
            Metric::VisitDuration => "visit_duration",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }

    /// Whether a higher value is good news (bounce rate is the one where it is not).
    pub fn higher_is_better(self) -> bool {
        !matches!(self, Metric::BounceRate)
    }
}

/// An inclusive range of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl DateRange {
    /// `None` when `to` is before `from`.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Option<Self> {
        (from <= to).then_some(Self { from, to })
    }

    /// Number of days, both ends included.
    pub fn days(self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// The period of the same length that ends the day before this one starts.
    pub fn previous(self) -> Self {
        let to = self.from - Duration::days(1);
        Self {
            from: to - Duration::days(self.days() - 1),
            to,
        }
    }

    /// Every day of the range, in order.
    pub fn each_day(self) -> impl Iterator<Item = NaiveDate> {
        let from = self.from;
        (0..self.days()).map(move |i| from + Duration::days(i))
    }

    /// The start of every bucket of `interval` in the range, in order. A first week or month
    /// that began before the range is reported from the range's first day.
    pub fn buckets(self, interval: Interval) -> Vec<NaiveDateTime> {
        let mut out = Vec::new();
        match interval {
            Interval::Hour => {
                for day in self.each_day() {
                    for h in 0..24 {
                        out.push(day.and_hms_opt(h, 0, 0).expect("valid hour"));
                    }
                }
            }
            _ => {
                let mut last = None;
                for day in self.each_day() {
                    let b = interval.bucket_of(day).max(self.from);
                    if last != Some(b) {
                        out.push(b.and_hms_opt(0, 0, 0).expect("midnight"));
                        last = Some(b);
                    }
                }
            }
        }
        out
    }
}

/// The date-range presets of the stats page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    Today,
    Last7,
    Last30,
    ThisMonth,
    LastMonth,
    ThisYear,
}

impl Preset {
    pub const ALL: [Preset; 6] = [
        Preset::Today,
        Preset::Last7,
        Preset::Last30,
        Preset::ThisMonth,
        Preset::LastMonth,
        Preset::ThisYear,
    ];

    /// The key kept in the URL (`?range=7d`).
    pub fn key(self) -> &'static str {
        match self {
            Preset::Today => "today",
            Preset::Last7 => "7d",
            Preset::Last30 => "30d",
            Preset::ThisMonth => "month",
            Preset::LastMonth => "last_month",
            Preset::ThisYear => "year",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.key() == s)
    }

    /// The range this preset means when today is `today` ("7 ngày" ends today).
    pub fn range(self, today: NaiveDate) -> DateRange {
        let from = match self {
            Preset::Today => today,
            Preset::Last7 => today - Duration::days(6),
            Preset::Last30 => today - Duration::days(29),
            Preset::ThisMonth => today.with_day(1).unwrap_or(today),
            Preset::LastMonth => {
                let first = today.with_day(1).unwrap_or(today);
                let last = first - Duration::days(1);
                return DateRange {
                    from: last.with_day(1).unwrap_or(last),
                    to: last,
                };
            }
            Preset::ThisYear => NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today),
        };
        DateRange { from, to: today }
    }
}

/// Totals of a period (or of one bucket of a series).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    /// Sum of daily unique visitors (see the module note); within one hour or one day, the
    /// unique visitors of that hour or day.
    pub visitors: u64,
    /// Visits that started in the period.
    pub visits: u64,
    pub pageviews: u64,
    /// Visits of a single pageview, out of all visits (0 when there were none).
    pub bounces: u64,
    /// Seconds from the first to the last pageview, summed over the visits.
    pub visit_seconds: u64,
    /// Pageviews by bots, crawlers and headless browsers: not in any other figure.
    pub bot_pageviews: u64,
}

impl Totals {
    /// Bounce rate in percent, 0 when there were no visits.
    pub fn bounce_rate(&self) -> f64 {
        if self.visits == 0 {
            0.0
        } else {
            self.bounces as f64 * 100.0 / self.visits as f64
        }
    }

    /// Average visit duration in seconds, 0 when there were no visits.
    pub fn avg_visit_seconds(&self) -> f64 {
        if self.visits == 0 {
            0.0
        } else {
            self.visit_seconds as f64 / self.visits as f64
        }
    }

    pub fn value(&self, metric: Metric) -> f64 {
        match metric {
            Metric::Visitors => self.visitors as f64,
            Metric::Visits => self.visits as f64,
            Metric::Pageviews => self.pageviews as f64,
            Metric::BounceRate => self.bounce_rate(),
            Metric::VisitDuration => self.avg_visit_seconds(),
        }
    }

    pub fn add(&mut self, other: &Totals) {
        self.visitors += other.visitors;
        self.visits += other.visits;
        self.pageviews += other.pageviews;
        self.bounces += other.bounces;
        self.visit_seconds += other.visit_seconds;
        self.bot_pageviews += other.bot_pageviews;
    }
}

/// `GET /api/v1/stats/summary?from=&to=`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub range: DateRange,
    pub previous_range: DateRange,
    pub current: Totals,
    pub previous: Totals,
}

/// One bucket of a time series; `start` is local time (Asia/Ho_Chi_Minh).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesPoint {
    pub start: NaiveDateTime,
    #[serde(flatten)]
    pub totals: Totals,
}

/// `GET /api/v1/stats/timeseries?from=&to=&interval=`: `previous` has one point per point of
/// `points`, for the same position in the previous period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub range: DateRange,
    pub previous_range: DateRange,
    pub interval: Interval,
    pub points: Vec<SeriesPoint>,
    pub previous: Vec<SeriesPoint>,
}

/// What a breakdown groups by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// Page paths.
    Pages,
    /// Articles (by id, labelled with their title).
    Articles,
    /// Kinds of source: search, social, government, other sites, direct.
    Sources,
    /// Referring sites, by host.
    Referrers,
    /// Mobile, tablet, desktop.
    Devices,
    Browsers,
}

impl Dimension {
    pub const ALL: [Dimension; 6] = [
        Dimension::Pages,
        Dimension::Articles,
        Dimension::Sources,
        Dimension::Referrers,
        Dimension::Devices,
        Dimension::Browsers,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Pages => "pages",
            Dimension::Articles => "articles",
            Dimension::Sources => "sources",
            Dimension::Referrers => "referrers",
            Dimension::Devices => "devices",
            Dimension::Browsers => "browsers",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == s)
    }

    /// Stable number used by storage.
    pub fn code(self) -> i64 {
        Self::ALL.iter().position(|d| *d == self).unwrap_or(0) as i64
    }
}

/// One row of a breakdown. `visits` counts the visits that started from this source, device or
/// browser; for pages and articles it is 0 (a page is seen within visits, not their start).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BreakdownRow {
    pub key: String,
    /// What to show: the article's title, a source's Vietnamese name, else the key.
    pub label: String,
    pub visitors: u64,
    pub visits: u64,
    pub pageviews: u64,
}

/// `GET /api/v1/stats/breakdown/{dimension}?from=&to=&limit=`, rows by visitors, most first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Breakdown {
    pub range: DateRange,
    pub dimension: Dimension,
    pub rows: Vec<BreakdownRow>,
}

/// Pageviews of one minute in the realtime view; `start` is UTC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MinuteCount {
    pub start: chrono::DateTime<chrono::Utc>,
    pub pageviews: u64,
}

/// `GET /api/v1/stats/realtime`: the last [`REALTIME_MINUTES`] minutes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Realtime {
    pub visitors: u64,
    pub pageviews: u64,
    pub bot_pageviews: u64,
    pub minutes: Vec<MinuteCount>,
    pub pages: Vec<BreakdownRow>,
}

/// The tracking snippet the public portal embeds (under 1 KB), served at
/// `GET /api/v1/collect.js`. Put it on every page as
/// `<script defer src="https://ADMIN-HOST/api/v1/collect.js" data-article="42"></script>`
/// (`data-article` only on an article's page).
pub const SNIPPET_JS: &str = r#"(function(){var s=document.currentScript;if(!s||document.visibilityState==="prerender")return;var u=new URL(s.src).origin+"/api/v1/collect",n=navigator,a=parseInt(s.dataset.article,10),b=JSON.stringify({path:location.pathname+location.search,host:location.hostname,referrer:document.referrer||undefined,width:screen.width,article_id:a>0?a:undefined,webdriver:n.webdriver||undefined});if(n.sendBeacon&&n.sendBeacon(u,b))return;fetch(u,{method:"POST",body:b,keepalive:true,mode:"no-cors"})})();"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn presets_end_today_and_last_month_is_whole() {
        let today = d("2026-03-15");
        assert_eq!(
            Preset::Today.range(today),
            DateRange::new(today, today).unwrap()
        );
        assert_eq!(Preset::Last7.range(today).from, d("2026-03-09"));
        assert_eq!(Preset::Last30.range(today).days(), 30);
        assert_eq!(Preset::ThisMonth.range(today).from, d("2026-03-01"));
        let lm = Preset::LastMonth.range(today);
        assert_eq!((lm.from, lm.to), (d("2026-02-01"), d("2026-02-28")));
        assert_eq!(Preset::ThisYear.range(today).from, d("2026-01-01"));
        let jan = Preset::LastMonth.range(d("2026-01-10"));
        assert_eq!((jan.from, jan.to), (d("2025-12-01"), d("2025-12-31")));
        for p in Preset::ALL {
            assert_eq!(Preset::parse(p.key()), Some(p));
        }
    }

    #[test]
    fn previous_period_has_the_same_length_and_ends_the_day_before() {
        let r = DateRange::new(d("2026-03-01"), d("2026-03-31")).unwrap();
        let p = r.previous();
        assert_eq!((p.from, p.to), (d("2026-01-29"), d("2026-02-28")));
        assert_eq!(p.days(), r.days());
        assert!(DateRange::new(d("2026-03-02"), d("2026-03-01")).is_none());
    }

    #[test]
    fn buckets_cover_the_range_weeks_from_monday() {
        // 2026-03-04 is a Wednesday.
        let r = DateRange::new(d("2026-03-04"), d("2026-03-17")).unwrap();
        let weeks: Vec<String> = r
            .buckets(Interval::Week)
            .iter()
            .map(|t| t.date().to_string())
            .collect();
        assert_eq!(weeks, ["2026-03-04", "2026-03-09", "2026-03-16"]);
        assert_eq!(r.buckets(Interval::Day).len(), 14);
        assert_eq!(r.buckets(Interval::Hour).len(), 14 * 24);
        let y = DateRange::new(d("2025-11-20"), d("2026-02-02")).unwrap();
        assert_eq!(y.buckets(Interval::Month).len(), 4);
        assert_eq!(Interval::default_for(y), Interval::Day);
        assert!(!Interval::Hour.allowed_for(y));
    }

    #[test]
    fn rates_are_zero_without_visits() {
        let t = Totals::default();
        assert_eq!(t.bounce_rate(), 0.0);
        assert_eq!(t.avg_visit_seconds(), 0.0);
        let t = Totals {
            visits: 4,
            bounces: 1,
            visit_seconds: 600,
            ..Totals::default()
        };
        assert_eq!(t.value(Metric::BounceRate), 25.0);
        assert_eq!(t.value(Metric::VisitDuration), 150.0);
    }

    #[test]
    fn snippet_stays_under_one_kilobyte() {
        assert!(SNIPPET_JS.len() < 1024, "{} bytes", SNIPPET_JS.len());
    }

    #[test]
    fn beacon_refuses_unknown_fields() {
        assert!(serde_json::from_str::<Beacon>(r#"{"path":"/","ip":"1.2.3.4"}"#).is_err());
        let b: Beacon = serde_json::from_str(r#"{"path":"/tin/1","width":390}"#).unwrap();
        assert_eq!(b.width, Some(390));
    }
}
