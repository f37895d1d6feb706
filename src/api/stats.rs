//! `/stats/*`: visitor statistics of the public portal (summary, time series, breakdowns,
//! realtime). Dates go out as `YYYY-MM-DD`, days in Asia/Ho_Chi_Minh.

use super::{get_json, ApiError, Params};
use chrono::{Datelike, NaiveDate};
use portal_contract::stats::{
    Breakdown, DateRange, Dimension, Interval, Realtime, Series, Summary, MAX_BREAKDOWN_ROWS,
};

/// `YYYY-MM-DD`, written by hand (chrono's formatter would ship its format parser).
pub fn iso_date(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Reads `YYYY-MM-DD` (what `<input type="date">` and the URL hold); `None` for anything else,
/// including dates that do not exist (`2026-02-30`).
pub fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let mut parts = s.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || y.len() != 4
        || m.len() != 2
        || d.len() != 2
        || !s.bytes().all(|b| b.is_ascii_digit() || b == b'-')
    {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// `from` and `to` of a range, as every stats endpoint takes them.
pub fn range_params(range: DateRange) -> Params {
    vec![("from", iso_date(range.from)), ("to", iso_date(range.to))]
}

/// `GET /stats/summary?from=&to=`: totals of the range and of the period before it.
pub async fn summary(range: DateRange) -> Result<Summary, ApiError> {
    get_json("/stats/summary", &range_params(range)).await
}

/// `GET /stats/timeseries?from=&to=&interval=`; without an interval the server picks
/// [`Interval::default_for`] the range.
pub async fn timeseries(range: DateRange, interval: Option<Interval>) -> Result<Series, ApiError> {
    let mut params = range_params(range);
    if let Some(i) = interval {
        params.push(("interval", i.as_str().to_string()));
    }
    get_json("/stats/timeseries", &params).await
}

/// `GET /stats/breakdown/{dimension}?from=&to=&limit=`: the top rows, most visitors first.
pub async fn breakdown(
    dimension: Dimension,
    range: DateRange,
    limit: u32,
) -> Result<Breakdown, ApiError> {
    let mut params = range_params(range);
    params.push(("limit", limit.clamp(1, MAX_BREAKDOWN_ROWS).to_string()));
    get_json(&format!("/stats/breakdown/{}", dimension.as_str()), &params).await
}

/// `GET /stats/realtime`: the last five minutes.
pub async fn realtime() -> Result<Realtime, ApiError> {
    get_json("/stats/realtime", &Vec::new()).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_and_bad_ones_are_refused() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        assert_eq!(iso_date(d), "2026-03-05");
        assert_eq!(parse_iso_date("2026-03-05"), Some(d));
        for bad in [
            "2026-02-30",
            "2026-3-05",
            "26-03-05",
            "2026/03/05",
            "",
            "2026-03-05x",
            "+026-03-05",
        ] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
    }
}
