//! The time as the app sees it: now by the browser's clock, today in Asia/Ho_Chi_Minh
//! whatever zone the browser is set to, and `datetime-local` values read and written in it.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use portal_contract::format::vn_offset;

/// Now, by the browser's clock.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// Today in Asia/Ho_Chi_Minh at the instant `now_ms` (milliseconds since the epoch, as
/// `Date.now()` gives it), whatever zone the browser is set to.
pub fn today_vn(now_ms: f64) -> NaiveDate {
    let utc = DateTime::<Utc>::from_timestamp_millis(now_ms as i64).unwrap_or_default();
    utc.with_timezone(&vn_offset()).date_naive()
}

/// Today in Vietnam by the browser's clock.
pub fn today() -> NaiveDate {
    today_vn(js_sys::Date::now())
}

/// This year in Vietnam by the browser's clock.
pub fn this_year() -> i32 {
    today().year()
}

/// A `datetime-local` value (`YYYY-MM-DDTHH:MM`, seconds optional) read as Asia/Ho_Chi_Minh
/// time; none when blank or malformed.
pub fn local_input_to_utc(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    let (date, time) = s.split_once('T').or_else(|| s.split_once(' '))?;
    let mut d = date.split('-');
    let year: i32 = d.next()?.parse().ok()?;
    let month: u32 = d.next()?.parse().ok()?;
    let day: u32 = d.next()?.parse().ok()?;
    if d.next().is_some() {
        return None;
    }
    let mut t = time.split(':');
    let hour: u32 = t.next()?.parse().ok()?;
    let minute: u32 = t.next()?.parse().ok()?;
    let second: u32 = match t.next() {
        Some(x) => x.split('.').next()?.parse().ok()?,
        None => 0,
    };
    let naive = NaiveDate::from_ymd_opt(year, month, day)?.and_hms_opt(hour, minute, second)?;
    let local = naive.and_local_timezone(vn_offset()).single()?;
    Some(local.with_timezone(&Utc))
}

/// The `datetime-local` value of a moment (to the minute), in Asia/Ho_Chi_Minh.
pub fn utc_to_local_input(t: DateTime<Utc>) -> String {
    let d = t.with_timezone(&vn_offset());
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        d.year(),
        d.month(),
        d.day(),
        d.hour(),
        d.minute()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn local_times_are_vietnam_time() {
        let t = local_input_to_utc("2026-02-16T08:30").unwrap();
        assert_eq!(t, Utc.with_ymd_and_hms(2026, 2, 16, 1, 30, 0).unwrap());
        assert_eq!(utc_to_local_input(t), "2026-02-16T08:30");
        assert_eq!(
            local_input_to_utc("2026-01-01T00:15:30"),
            Some(Utc.with_ymd_and_hms(2025, 12, 31, 17, 15, 30).unwrap())
        );
        for bad in [
            "",
            "2026-02-30T08:00",
            "16/02/2026 08:30",
            "2026-02-16",
            "2026-02-16T25:00",
        ] {
            assert_eq!(local_input_to_utc(bad), None, "{bad}");
        }
    }
}
