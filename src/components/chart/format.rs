//! How the charts write values and dates: vi-VN numbers (`1.234.567`, `42,5 %`), durations
//! (`2 phút 05 giây`), bucket labels (`05/03`, `14:00`, `Tuần 02/03`, `03/2026`) and their
//! CSV forms (`42.5`, `05/03/2026`). Integer arithmetic only: float formatting would add its
//! whole machinery to the wasm.

use crate::i18n::Lang;
use chrono::{Datelike, NaiveDateTime, Timelike};
use portal_contract::format::number_vn;
use portal_contract::stats::Interval;

/// What a series' numbers are: they decide ticks, formats and CSV columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// Whole things: visitors, visits, pageviews.
    Count,
    /// A rate in percent (0–100).
    Percent,
    /// A duration in seconds.
    Seconds,
}

/// `v` rounded to tenths, as an integer (`42.46` → `425`).
pub fn tenths(v: f64) -> i64 {
    if v.is_finite() {
        (v * 10.0).round() as i64
    } else {
        0
    }
}

/// One decimal, vi-VN: `1234.56` → `1.234,6`; `-0.04` → `0,0`.
pub fn decimal_vn(v: f64) -> String {
    let t = tenths(v);
    let sign = if t < 0 { "-" } else { "" };
    let t = t.unsigned_abs();
    format!("{sign}{},{}", number_vn((t / 10) as i64), t % 10)
}

/// A percentage with one decimal and a no-break space before the sign: `42,5 %`.
pub fn percent_vn(v: f64) -> String {
    format!("{}\u{a0}%", decimal_vn(v))
}

/// `v` rounded to a whole number, never negative.
fn whole(v: f64) -> u64 {
    if v.is_finite() && v > 0.0 {
        v.round() as u64
    } else {
        0
    }
}

/// A duration: `45 giây`, `2 phút 05 giây`, `1 giờ 02 phút` (English `45 s`, `2 min 05 s`,
/// `1 h 02 min`).
pub fn duration_text(seconds: f64, lang: Lang) -> String {
    let s = whole(seconds);
    let (h, m, sec) = (s / 3600, (s % 3600) / 60, s % 60);
    let (uh, um, us) = match lang {
        Lang::Vi => ("giờ", "phút", "giây"),
        Lang::En => ("h", "min", "s"),
    };
    if h > 0 {
        format!("{h} {uh} {m:02} {um}")
    } else if m > 0 {
        format!("{m} {um} {sec:02} {us}")
    } else {
        format!("{sec} {us}")
    }
}

/// A value as the table, cards and tooltips show it.
pub fn format_value(kind: ValueKind, v: f64, lang: Lang) -> String {
    match kind {
        ValueKind::Count => number_vn(whole(v) as i64),
        ValueKind::Percent => percent_vn(v),
        ValueKind::Seconds => duration_text(v, lang),
    }
}

/// A tick of the value axis: round numbers, so no needless decimals (`40 %`, `2 phút`).
pub fn axis_label(kind: ValueKind, v: f64, lang: Lang) -> String {
    match kind {
        ValueKind::Count if tenths(v) % 10 != 0 => decimal_vn(v),
        ValueKind::Count => number_vn(tenths(v) / 10),
        ValueKind::Percent if tenths(v) % 10 == 0 => {
            format!("{}\u{a0}%", number_vn(tenths(v) / 10))
        }
        ValueKind::Percent => percent_vn(v),
        ValueKind::Seconds => {
            let s = whole(v);
            if s >= 60 && s.is_multiple_of(60) && s < 3600 {
                let unit = if lang == Lang::Vi { "phút" } else { "min" };
                format!("{} {unit}", s / 60)
            } else {
                duration_text(v, lang)
            }
        }
    }
}

/// A value in a CSV cell: plain integers, or one decimal with a `.` for rates.
pub fn csv_value(kind: ValueKind, v: f64) -> String {
    match kind {
        ValueKind::Count | ValueKind::Seconds => whole(v).to_string(),
        ValueKind::Percent => {
            let t = tenths(v);
            let sign = if t < 0 { "-" } else { "" };
            let t = t.unsigned_abs();
            format!("{sign}{}.{}", t / 10, t % 10)
        }
    }
}

/// `dd/MM/yyyy`.
pub fn date_text(t: NaiveDateTime) -> String {
    format!("{:02}/{:02}/{:04}", t.day(), t.month(), t.year())
}

/// A tick of the time axis: `05/03` for days, `14:00` for hours (`05/03` at midnight when
/// the range spans several days), `Tuần 02/03` for weeks, `03/2026` for months.
pub fn tick_label(t: NaiveDateTime, interval: Interval, multi_day: bool, lang: Lang) -> String {
    let day_month = format!("{:02}/{:02}", t.day(), t.month());
    match interval {
        Interval::Hour if multi_day && t.hour() == 0 => day_month,
        Interval::Hour => format!("{:02}:00", t.hour()),
        Interval::Day => day_month,
        Interval::Week => match lang {
            Lang::Vi => format!("Tuần {day_month}"),
            Lang::En => format!("Week {day_month}"),
        },
        Interval::Month => format!("{:02}/{:04}", t.month(), t.year()),
    }
}

/// A bucket in full, for tooltips and the data table: `05/03/2026`, `05/03/2026 14:00`,
/// `Tuần từ 02/03/2026`, `Tháng 03/2026`.
pub fn point_label(t: NaiveDateTime, interval: Interval, lang: Lang) -> String {
    match (interval, lang) {
        (Interval::Hour, _) => format!("{} {:02}:00", date_text(t), t.hour()),
        (Interval::Day, _) => date_text(t),
        (Interval::Week, Lang::Vi) => format!("Tuần từ {}", date_text(t)),
        (Interval::Week, Lang::En) => format!("Week of {}", date_text(t)),
        (Interval::Month, Lang::Vi) => format!("Tháng {:02}/{:04}", t.month(), t.year()),
        (Interval::Month, Lang::En) => format!("{:02}/{:04}", t.month(), t.year()),
    }
}

/// A bucket in a CSV cell: its first day `dd/MM/yyyy`, with `HH:00` for hours.
pub fn csv_date(t: NaiveDateTime, interval: Interval) -> String {
    match interval {
        Interval::Hour => format!("{} {:02}:00", date_text(t), t.hour()),
        _ => date_text(t),
    }
}
