//! The data table beside a line chart (its alternative for screen readers and for reading
//! exact figures), and the CSV of that same table.

use super::format::{csv_date, csv_value, format_value, point_label, ValueKind};
use super::strings::ChartMsg;
use super::ChartSeries;
use crate::components::markup::push_escaped;
use crate::i18n::{fill, Lang, Msg};

/// UTF-8 byte order mark: Excel on Vietnamese office PCs needs it to read diacritics.
pub const CSV_BOM: &str = "\u{feff}";

/// The four column headings: when, the value, when in the previous period, its value.
pub fn table_header(series: &ChartSeries, lang: Lang) -> [String; 4] {
    [
        ChartMsg::ColWhen.text(lang).to_string(),
        series.name.clone(),
        ChartMsg::ColPreviousWhen.text(lang).to_string(),
        fill(ChartMsg::ColPrevious.text(lang), &[("name", &series.name)]),
    ]
}

/// The cells of every row, as the table shows them (`05/03/2026`, `1.234`, `42,5 %`).
pub fn table_rows(series: &ChartSeries, lang: Lang) -> Vec<[String; 4]> {
    let kind = series.kind;
    series
        .points
        .iter()
        .map(|p| {
            [
                point_label(p.start, series.interval, lang),
                p.value
                    .map(|v| format_value(kind, v, lang))
                    .unwrap_or_else(|| Msg::Dash.text(lang).to_string()),
                p.previous_start
                    .map(|t| point_label(t, series.interval, lang))
                    .unwrap_or_default(),
                p.previous
                    .map(|v| format_value(kind, v, lang))
                    .unwrap_or_else(|| Msg::Dash.text(lang).to_string()),
            ]
        })
        .collect()
}

/// The rows of [`table_rows`] as the `<tbody>`'s HTML: one string parsed by the browser at
/// once instead of some 1,500 elements created one call at a time (a year of days).
pub fn table_rows_html(series: &ChartSeries, lang: Lang) -> String {
    let rows = table_rows(series, lang);
    let mut out = String::with_capacity(rows.len() * 120);
    for [when, value, previous_when, previous] in &rows {
        out.push_str("<tr><th scope=\"row\">");
        push_escaped(when, &mut out);
        out.push_str("</th><td class=\"num\">");
        push_escaped(value, &mut out);
        out.push_str("</td><td>");
        push_escaped(previous_when, &mut out);
        out.push_str("</td><td class=\"num\">");
        push_escaped(previous, &mut out);
        out.push_str("</td></tr>");
    }
    out
}

/// One CSV field (RFC 4180): quoted when it holds a separator, quote or line break; text that
/// a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is prefixed with `'` (the
/// numbers written here are never negative).
pub fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// Appends one CSV line (CRLF-terminated) of `fields`.
pub fn push_csv_line(out: &mut String, fields: &[String]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&csv_field(f));
    }
    out.push_str("\r\n");
}

/// The table as CSV: same rows and columns, dates `dd/MM/yyyy` (`HH:00` for hours), plain
/// numbers (`1234`, `42.5`; durations in whole seconds).
pub fn series_csv(series: &ChartSeries, lang: Lang) -> String {
    let mut header = table_header(series, lang);
    let unit = match series.kind {
        ValueKind::Count => None,
        ValueKind::Percent => Some("%"),
        ValueKind::Seconds => Some(ChartMsg::UnitSeconds.text(lang)),
    };
    if let Some(unit) = unit {
        for i in [1, 3] {
            header[i].push_str(&format!(" ({unit})"));
        }
    }
    let kind = series.kind;
    let mut out = String::with_capacity(64 + series.points.len() * 40);
    out.push_str(CSV_BOM);
    push_csv_line(&mut out, &header);
    for p in &series.points {
        push_csv_line(
            &mut out,
            &[
                csv_date(p.start, series.interval),
                p.value.map(|v| csv_value(kind, v)).unwrap_or_default(),
                p.previous_start
                    .map(|t| csv_date(t, series.interval))
                    .unwrap_or_default(),
                p.previous.map(|v| csv_value(kind, v)).unwrap_or_default(),
            ],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::chart::ChartPoint;
    use chrono::NaiveDate;

    fn day(d: u32) -> chrono::NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, d)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .expect("a date")
    }

    #[test]
    fn the_rows_as_html_are_the_rows_cell_by_cell() {
        let series = ChartSeries {
            name: "<b>Khách</b>".into(),
            points: vec![
                ChartPoint {
                    start: day(1),
                    value: Some(1234.0),
                    previous_start: Some(day(2)),
                    previous: None,
                },
                ChartPoint {
                    start: day(3),
                    value: None,
                    previous_start: None,
                    previous: Some(7.0),
                },
            ],
            ..ChartSeries::default()
        };
        assert_eq!(
            table_rows_html(&series, Lang::Vi),
            "<tr><th scope=\"row\">01/03/2026</th><td class=\"num\">1.234</td>\
             <td>02/03/2026</td><td class=\"num\">—</td></tr>\
             <tr><th scope=\"row\">03/03/2026</th><td class=\"num\">—</td>\
             <td></td><td class=\"num\">7</td></tr>"
        );
    }
}
