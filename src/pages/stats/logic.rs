//! The pure rules of the statistics page: what the URL says (and what to do when it says
//! nonsense), the custom range's validation, the change against the previous period, and the
//! turning of API answers into chart series, bar rows and CSV.

use crate::api::query::encode_pairs;
use crate::api::stats::{iso_date, parse_iso_date};
use crate::components::chart::format::{date_text, percent_vn, tenths, ValueKind};
use crate::components::chart::table::{push_csv_line, CSV_BOM};
use crate::components::{BarItem, ChartPoint, ChartSeries};
use crate::i18n::{fill, Lang, Msg};
use crate::pages::stats::strings::StatsMsg;
use chrono::NaiveDate;
use portal_contract::format::number_vn;
use portal_contract::stats::{
    BreakdownRow, DateRange, Dimension, Interval, Metric, Preset, Series, Totals, MAX_RANGE_DAYS,
};

/// The range shown when the URL names none (or names a bad one).
pub const DEFAULT_PRESET: Preset = Preset::Last30;
/// Rows asked for each breakdown.
pub const BREAKDOWN_ROWS: u32 = 10;
/// The breakdowns of the page, in the order shown.
pub const PAGE_DIMENSIONS: [Dimension; 6] = [
    Dimension::Articles,
    Dimension::Pages,
    Dimension::Sources,
    Dimension::Referrers,
    Dimension::Devices,
    Dimension::Browsers,
];

/// A preset (relative to today) or fixed days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeChoice {
    Preset(Preset),
    Custom(DateRange),
}

impl RangeChoice {
    pub fn range(self, today: NaiveDate) -> DateRange {
        match self {
            RangeChoice::Preset(p) => p.range(today),
            RangeChoice::Custom(r) => r,
        }
    }
}

/// What the page shows, as kept in its URL: `?range=7d` or `?from=2026-01-01&to=2026-01-31`,
/// with `&metric=` and `&interval=` when not the defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatsQuery {
    pub choice: RangeChoice,
    pub metric: Metric,
    /// `None`: the range's default interval.
    pub interval: Option<Interval>,
}

impl Default for StatsQuery {
    fn default() -> Self {
        StatsQuery {
            choice: RangeChoice::Preset(DEFAULT_PRESET),
            metric: Metric::Visitors,
            interval: None,
        }
    }
}

/// A parameter of the URL that could not be used (its name and the value given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlIssue {
    pub param: &'static str,
    pub value: String,
}

impl UrlIssue {
    fn new(param: &'static str, value: Option<String>) -> UrlIssue {
        // Shown back to the user: keep it short.
        let value: String = value.unwrap_or_default().chars().take(40).collect();
        UrlIssue { param, value }
    }

    /// `range=abc`, as the notice lists it.
    pub fn describe(&self) -> String {
        format!("{}={}", self.param, self.value)
    }
}

impl StatsQuery {
    /// Reads the URL (`get` returns a decoded parameter). Whatever cannot be used falls back
    /// to the default and is reported, so a mistyped link still opens a sensible page.
    pub fn from_url(
        get: impl Fn(&str) -> Option<String>,
        today: NaiveDate,
    ) -> (StatsQuery, Vec<UrlIssue>) {
        let mut issues = Vec::new();
        let d = StatsQuery::default();
        let (from, to) = (get("from"), get("to"));
        let choice = if from.is_some() || to.is_some() {
            let f = from.clone().unwrap_or_default();
            let t = to.clone().unwrap_or_default();
            match validate_custom(&f, &t, today) {
                Ok(r) => RangeChoice::Custom(r),
                Err(_) => {
                    issues.push(UrlIssue::new("from", from));
                    issues.push(UrlIssue::new("to", to));
                    d.choice
                }
            }
        } else {
            match get("range") {
                None => d.choice,
                Some(v) => match Preset::parse(v.trim()) {
                    Some(p) => RangeChoice::Preset(p),
                    None => {
                        issues.push(UrlIssue::new("range", Some(v)));
                        d.choice
                    }
                },
            }
        };
        let metric = match get("metric") {
            None => d.metric,
            Some(v) => Metric::parse(v.trim()).unwrap_or_else(|| {
                issues.push(UrlIssue::new("metric", Some(v)));
                d.metric
            }),
        };
        let range = choice.range(today);
        let interval = match get("interval") {
            None => None,
            Some(v) => match Interval::parse(v.trim()) {
                Some(i) if i.allowed_for(range) => Some(i),
                _ => {
                    issues.push(UrlIssue::new("interval", Some(v)));
                    None
                }
            },
        };
        (
            StatsQuery {
                choice,
                metric,
                interval,
            },
            issues,
        )
    }

    /// The URL query, `?`-prefixed; the defaults are left out (empty for the default view).
    pub fn to_url_query(&self) -> String {
        let d = StatsQuery::default();
        let mut pairs: Vec<(&str, String)> = Vec::new();
        match self.choice {
            RangeChoice::Preset(p) if self.choice != d.choice => {
                pairs.push(("range", p.key().to_string()))
            }
            RangeChoice::Preset(_) => {}
            RangeChoice::Custom(r) => {
                pairs.push(("from", iso_date(r.from)));
                pairs.push(("to", iso_date(r.to)));
            }
        }
        if self.metric != d.metric {
            pairs.push(("metric", self.metric.as_str().to_string()));
        }
        if let Some(i) = self.interval {
            pairs.push(("interval", i.as_str().to_string()));
        }
        encode_pairs(&pairs)
    }

    pub fn range(&self, today: NaiveDate) -> DateRange {
        self.choice.range(today)
    }

    /// The interval of the chart: the one chosen if the range allows it, else the default.
    pub fn interval(&self, today: NaiveDate) -> Interval {
        let range = self.range(today);
        self.interval
            .filter(|i| i.allowed_for(range))
            .unwrap_or_else(|| Interval::default_for(range))
    }

    /// The same view over another range; an interval the new range does not allow is dropped.
    pub fn with_choice(self, choice: RangeChoice, today: NaiveDate) -> StatsQuery {
        let range = choice.range(today);
        StatsQuery {
            choice,
            interval: self.interval.filter(|i| i.allowed_for(range)),
            ..self
        }
    }
}

/// Why a custom range was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeError {
    /// A date is missing.
    Missing,
    /// A date is not a real `YYYY-MM-DD` date.
    Malformed,
    FromAfterTo,
    /// A date is after today.
    Future,
    /// Longer than [`MAX_RANGE_DAYS`].
    TooLong,
}

impl RangeError {
    /// The message, in the language of the interface.
    pub fn message(self, today: NaiveDate, lang: Lang) -> String {
        match self {
            RangeError::Missing => StatsMsg::ErrMissing.text(lang).to_string(),
            RangeError::Malformed => StatsMsg::ErrMalformed.text(lang).to_string(),
            RangeError::FromAfterTo => StatsMsg::ErrFromAfterTo.text(lang).to_string(),
            RangeError::Future => fill(
                StatsMsg::ErrFuture.text(lang),
                &[("today", &day_text(today))],
            ),
            RangeError::TooLong => fill(
                StatsMsg::ErrTooLong.text(lang),
                &[("days", &number_vn(MAX_RANGE_DAYS))],
            ),
        }
    }

    /// Which input the error belongs to: `"from"`, `"to"`.
    pub fn field(self, from: &str, today: NaiveDate) -> &'static str {
        match self {
            RangeError::Missing if from.trim().is_empty() => "from",
            RangeError::Malformed if parse_iso_date(from).is_none() => "from",
            RangeError::Future if parse_iso_date(from).is_some_and(|f| f > today) => "from",
            RangeError::TooLong => "from",
            _ => "to",
        }
    }
}

/// Checks the two dates of the custom range (`YYYY-MM-DD`, as date inputs give them).
pub fn validate_custom(from: &str, to: &str, today: NaiveDate) -> Result<DateRange, RangeError> {
    if from.trim().is_empty() || to.trim().is_empty() {
        return Err(RangeError::Missing);
    }
    let (Some(f), Some(t)) = (parse_iso_date(from), parse_iso_date(to)) else {
        return Err(RangeError::Malformed);
    };
    let range = DateRange::new(f, t).ok_or(RangeError::FromAfterTo)?;
    if t > today {
        return Err(RangeError::Future);
    }
    if range.days() > MAX_RANGE_DAYS {
        return Err(RangeError::TooLong);
    }
    Ok(range)
}

/// `dd/MM/yyyy` of a day.
pub fn day_text(d: NaiveDate) -> String {
    date_text(d.and_time(chrono::NaiveTime::MIN))
}

/// `01/03/2026 – 31/03/2026` (one date for a single day).
pub fn range_text(r: DateRange) -> String {
    if r.from == r.to {
        day_text(r.from)
    } else {
        format!("{} – {}", day_text(r.from), day_text(r.to))
    }
}

/// A figure against the previous period's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Equal ("không đổi").
    Same,
    /// The previous period had nothing to compare with ("—").
    NoBaseline,
    /// Up by this many tenths of a percent.
    Up(i64),
    /// Down by this many tenths of a percent.
    Down(i64),
}

/// How a change reads for the organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Good,
    Bad,
    Neutral,
}

/// The change from `previous` to `current`, in percent of `previous`.
pub fn change(current: f64, previous: f64) -> Change {
    if (current - previous).abs() < 1e-9 {
        return Change::Same;
    }
    if previous.abs() < 1e-9 {
        return Change::NoBaseline;
    }
    let pct = tenths((current - previous) / previous * 100.0).abs();
    if current > previous {
        Change::Up(pct)
    } else {
        Change::Down(pct)
    }
}

/// `12,5 %` from tenths; a change too small to show is `< 0,1 %`, never `0,0 %`.
fn change_pct(t: i64) -> String {
    if t == 0 {
        format!("<\u{a0}{}", percent_vn(0.1))
    } else {
        percent_vn(t as f64 / 10.0)
    }
}

impl Change {
    /// Good news or bad, by [`Metric::higher_is_better`].
    pub fn tone(self, metric: Metric) -> Tone {
        match (self, metric.higher_is_better()) {
            (Change::Up(_), true) | (Change::Down(_), false) => Tone::Good,
            (Change::Up(_), false) | (Change::Down(_), true) => Tone::Bad,
            _ => Tone::Neutral,
        }
    }

    /// What the card shows: `▲ 12,5 %`, `▼ 3,0 %`, `không đổi`, `—`.
    pub fn badge(self, lang: Lang) -> String {
        match self {
            Change::Same => StatsMsg::ChangeSame.text(lang).to_string(),
            Change::NoBaseline => Msg::Dash.text(lang).to_string(),
            Change::Up(t) => format!("▲ {}", change_pct(t)),
            Change::Down(t) => format!("▼ {}", change_pct(t)),
        }
    }

    /// The same as a sentence, for screen readers.
    pub fn sentence(self, lang: Lang) -> String {
        match self {
            Change::Same => StatsMsg::ChangeSameLong.text(lang).to_string(),
            Change::NoBaseline => StatsMsg::ChangeNone.text(lang).to_string(),
            Change::Up(t) => fill(StatsMsg::ChangeUp.text(lang), &[("pct", &change_pct(t))]),
            Change::Down(t) => fill(StatsMsg::ChangeDown.text(lang), &[("pct", &change_pct(t))]),
        }
    }
}

/// How a metric's numbers are written.
pub fn value_kind(metric: Metric) -> ValueKind {
    match metric {
        Metric::Visitors | Metric::Visits | Metric::Pageviews => ValueKind::Count,
        Metric::BounceRate => ValueKind::Percent,
        Metric::VisitDuration => ValueKind::Seconds,
    }
}

pub fn metric_msg(metric: Metric) -> StatsMsg {
    match metric {
        Metric::Visitors => StatsMsg::MetricVisitors,
        Metric::Visits => StatsMsg::MetricVisits,
        Metric::Pageviews => StatsMsg::MetricPageviews,
        Metric::BounceRate => StatsMsg::MetricBounceRate,
        Metric::VisitDuration => StatsMsg::MetricVisitDuration,
    }
}

pub fn interval_msg(interval: Interval) -> StatsMsg {
    match interval {
        Interval::Hour => StatsMsg::IntervalHour,
        Interval::Day => StatsMsg::IntervalDay,
        Interval::Week => StatsMsg::IntervalWeek,
        Interval::Month => StatsMsg::IntervalMonth,
    }
}

pub fn preset_msg(preset: Preset) -> StatsMsg {
    match preset {
        Preset::Today => StatsMsg::PresetToday,
        Preset::Last7 => StatsMsg::Preset7,
        Preset::Last30 => StatsMsg::Preset30,
        Preset::ThisMonth => StatsMsg::PresetThisMonth,
        Preset::LastMonth => StatsMsg::PresetLastMonth,
        Preset::ThisYear => StatsMsg::PresetThisYear,
    }
}

pub fn dimension_msg(dimension: Dimension) -> StatsMsg {
    match dimension {
        Dimension::Pages => StatsMsg::DimPages,
        Dimension::Articles => StatsMsg::DimArticles,
        Dimension::Sources => StatsMsg::DimSources,
        Dimension::Referrers => StatsMsg::DimReferrers,
        Dimension::Devices => StatsMsg::DimDevices,
        Dimension::Browsers => StatsMsg::DimBrowsers,
    }
}

/// The value of `metric` in a bucket; a rate of a bucket without visits has none (its bounce
/// rate or average duration is unknown, not 0).
pub fn bucket_value(totals: &Totals, metric: Metric) -> Option<f64> {
    let rate = matches!(metric, Metric::BounceRate | Metric::VisitDuration);
    (!rate || totals.visits > 0).then(|| totals.value(metric))
}

/// The chart's series of `metric` from a time-series answer; the previous period's points
/// pair with the current ones by position.
pub fn chart_series(series: &Series, metric: Metric, lang: Lang) -> ChartSeries {
    let points = series
        .points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let prev = series.previous.get(i);
            ChartPoint {
                start: p.start,
                value: bucket_value(&p.totals, metric),
                previous_start: prev.map(|q| q.start),
                previous: prev.and_then(|q| bucket_value(&q.totals, metric)),
            }
        })
        .collect();
    ChartSeries {
        name: metric_msg(metric).text(lang).to_string(),
        kind: value_kind(metric),
        interval: series.interval,
        multi_day: series.range.days() > 1,
        period: range_text(series.range),
        previous_period: range_text(series.previous_range),
        points,
    }
}

/// Whether a series has nothing at all to show (both periods zero everywhere).
pub fn series_is_empty(series: &Series) -> bool {
    series
        .points
        .iter()
        .chain(series.previous.iter())
        .all(|p| p.totals.pageviews == 0 && p.totals.visits == 0 && p.totals.visitors == 0)
}

/// Share of `part` in `total`, in percent; `None` when the total is 0.
pub fn share_percent(part: u64, total: u64) -> Option<f64> {
    (total > 0).then(|| (part as f64 * 100.0 / total as f64).min(100.0))
}

/// Bars of a breakdown: visitors of each row and their share of all visitors of the range.
/// Articles link to their page in this app.
pub fn bar_items(dimension: Dimension, rows: &[BreakdownRow], total_visitors: u64) -> Vec<BarItem> {
    rows.iter()
        .map(|r| BarItem {
            label: if r.label.trim().is_empty() {
                r.key.clone()
            } else {
                r.label.clone()
            },
            value: r.visitors,
            share: share_percent(r.visitors, total_visitors),
            href: (dimension == Dimension::Articles)
                .then(|| r.key.parse::<i64>().ok())
                .flatten()
                .map(|id| format!("/articles/{id}")),
        })
        .collect()
}

/// A breakdown as CSV: item, visitors, share of all visitors (`12.5`).
pub fn breakdown_csv(items: &[BarItem], dimension: Dimension, lang: Lang) -> String {
    let mut out = String::from(CSV_BOM);
    push_csv_line(
        &mut out,
        &[
            dimension_msg(dimension).text(lang).to_string(),
            StatsMsg::MetricVisitors.text(lang).to_string(),
            StatsMsg::ColShare.text(lang).to_string(),
        ],
    );
    for item in items {
        push_csv_line(
            &mut out,
            &[
                item.label.clone(),
                item.value.to_string(),
                item.share
                    .map(|s| crate::components::chart::format::csv_value(ValueKind::Percent, s))
                    .unwrap_or_default(),
            ],
        );
    }
    out
}

/// `thong-ke-<what>_<from>_<to>.csv`: ASCII only, safe on every system.
pub fn csv_file_name(what: &str, range: DateRange) -> String {
    format!(
        "thong-ke-{what}_{}_{}.csv",
        iso_date(range.from),
        iso_date(range.to)
    )
}
