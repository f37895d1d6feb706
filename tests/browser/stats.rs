//! Browser tests of the visitor statistics: the pure rules (ticks, formats, paths, label
//! thinning, CSV, the URL and its fallbacks, the change against the previous period), the
//! charts mounted on their own (points drawn, keyboard and mouse tooltips, the table beside
//! the chart, hostile labels), and the whole page against a fake backend.

use crate::dom::{
    click, container_of_width, find, location, query_all, reset_lang, session_as, set_url, text,
    vietnamese, wait_for,
};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::tick;
use portal_admin::api::stats::{iso_date, parse_iso_date, range_params};
use portal_admin::clock::today_vn;
use portal_admin::components::chart::format::{
    axis_label, csv_date, csv_value, decimal_vn, duration_text, format_value, percent_vn,
    point_label, tick_label, ValueKind,
};
use portal_admin::components::chart::scale::{
    area_path, label_indexes, label_room, label_step, line_path, nice_ticks, push_coord, Frame,
};
use portal_admin::components::chart::table::{csv_field, series_csv, table_rows, CSV_BOM};
use portal_admin::components::chart::{chart_key, point_sentence, ChartKey, Geometry};
use portal_admin::components::{BarItem, BarList, ChartSeries, LineChart, Sparkline};
use portal_admin::i18n::Lang;
use portal_admin::pages::stats::logic::{
    bar_items, breakdown_csv, change, chart_series, validate_custom, Change, RangeChoice,
    RangeError, StatsQuery, Tone, DEFAULT_PRESET,
};
use portal_contract::stats::{
    Breakdown, BreakdownRow, DateRange, Dimension, Interval, Metric, MinuteCount, Preset, Realtime,
    Series, SeriesPoint, Summary, Totals, MAX_RANGE_DAYS,
};
use portal_contract::{Role, SessionInfo};
use serde_json::{json, Value};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

const NBSP: char = '\u{a0}';

fn day(s: &str) -> NaiveDate {
    parse_iso_date(s).unwrap_or_else(|| panic!("bad test date {s}"))
}

fn at(s: &str, hour: u32) -> NaiveDateTime {
    day(s).and_hms_opt(hour, 0, 0).expect("valid hour")
}

fn range(from: &str, to: &str) -> DateRange {
    DateRange::new(day(from), day(to)).expect("ordered range")
}

// ─── formats ────────────────────────────────────────────────────────────────────────────

#[wasm_bindgen_test]
fn numbers_percentages_and_durations_read_as_in_vietnam() {
    assert_eq!(
        format_value(ValueKind::Count, 1_234_567.0, Lang::Vi),
        "1.234.567"
    );
    assert_eq!(format_value(ValueKind::Count, 0.0, Lang::Vi), "0");
    assert_eq!(decimal_vn(1234.56), "1.234,6");
    assert_eq!(decimal_vn(-0.04), "0,0");
    assert_eq!(percent_vn(42.46), format!("42,5{NBSP}%"));
    assert_eq!(percent_vn(100.0), format!("100,0{NBSP}%"));
    assert_eq!(duration_text(125.0, Lang::Vi), "2 phút 05 giây");
    assert_eq!(duration_text(45.4, Lang::Vi), "45 giây");
    assert_eq!(duration_text(0.0, Lang::Vi), "0 giây");
    assert_eq!(duration_text(3725.0, Lang::Vi), "1 giờ 02 phút");
    assert_eq!(duration_text(125.0, Lang::En), "2 min 05 s");
    assert_eq!(duration_text(f64::NAN, Lang::Vi), "0 giây");
    // Axis ticks are round: no needless decimals.
    assert_eq!(axis_label(ValueKind::Count, 25_000.0, Lang::Vi), "25.000");
    assert_eq!(
        axis_label(ValueKind::Percent, 40.0, Lang::Vi),
        format!("40{NBSP}%")
    );
    assert_eq!(
        axis_label(ValueKind::Percent, 12.5, Lang::Vi),
        format!("12,5{NBSP}%")
    );
    assert_eq!(axis_label(ValueKind::Seconds, 120.0, Lang::Vi), "2 phút");
    assert_eq!(
        axis_label(ValueKind::Seconds, 90.0, Lang::Vi),
        "1 phút 30 giây"
    );
    assert_eq!(axis_label(ValueKind::Seconds, 30.0, Lang::Vi), "30 giây");
    // CSV: plain numbers, a dot for decimals.
    assert_eq!(csv_value(ValueKind::Count, 1_234_567.0), "1234567");
    assert_eq!(csv_value(ValueKind::Percent, 42.46), "42.5");
    assert_eq!(csv_value(ValueKind::Percent, 7.0), "7.0");
    assert_eq!(csv_value(ValueKind::Seconds, 125.4), "125");
}

#[wasm_bindgen_test]
fn time_labels_follow_the_interval() {
    let t = at("2026-03-05", 14);
    assert_eq!(tick_label(t, Interval::Day, true, Lang::Vi), "05/03");
    assert_eq!(tick_label(t, Interval::Hour, false, Lang::Vi), "14:00");
    assert_eq!(
        tick_label(at("2026-03-05", 0), Interval::Hour, true, Lang::Vi),
        "05/03",
        "midnight of a several-day hourly chart names the day"
    );
    assert_eq!(
        tick_label(at("2026-03-05", 0), Interval::Hour, false, Lang::Vi),
        "00:00"
    );
    assert_eq!(tick_label(t, Interval::Week, true, Lang::Vi), "Tuần 05/03");
    assert_eq!(tick_label(t, Interval::Week, true, Lang::En), "Week 05/03");
    assert_eq!(tick_label(t, Interval::Month, true, Lang::Vi), "03/2026");
    assert_eq!(point_label(t, Interval::Day, Lang::Vi), "05/03/2026");
    assert_eq!(point_label(t, Interval::Hour, Lang::Vi), "05/03/2026 14:00");
    assert_eq!(
        point_label(t, Interval::Week, Lang::Vi),
        "Tuần từ 05/03/2026"
    );
    assert_eq!(point_label(t, Interval::Month, Lang::Vi), "Tháng 03/2026");
    assert_eq!(csv_date(t, Interval::Day), "05/03/2026");
    assert_eq!(csv_date(t, Interval::Hour), "05/03/2026 14:00");
    assert_eq!(csv_date(t, Interval::Month), "05/03/2026");
}

#[wasm_bindgen_test]
fn today_is_the_day_in_ho_chi_minh_city_whatever_the_browser_zone() {
    // 2025-12-31 17:30 UTC is already 00:30 on 1 January in Vietnam.
    let ms = |s: &str| {
        chrono::DateTime::parse_from_rfc3339(s)
            .expect("rfc3339")
            .timestamp_millis() as f64
    };
    assert_eq!(today_vn(ms("2025-12-31T17:30:00Z")), day("2026-01-01"));
    assert_eq!(today_vn(ms("2025-12-31T16:59:59Z")), day("2025-12-31"));
    assert_eq!(today_vn(ms("2026-06-15T23:59:59-05:00")), day("2026-06-16"));
}

// ─── ticks and geometry ─────────────────────────────────────────────────────────────────

#[wasm_bindgen_test]
fn value_ticks_are_round_cover_the_data_and_stay_few() {
    assert_eq!(nice_ticks(0.0, ValueKind::Count), vec![0.0, 1.0]);
    assert_eq!(
        nice_ticks(7.0, ValueKind::Count),
        vec![0.0, 2.0, 4.0, 6.0, 8.0]
    );
    assert_eq!(
        nice_ticks(1234.0, ValueKind::Count),
        vec![0.0, 250.0, 500.0, 750.0, 1000.0, 1250.0]
    );
    assert_eq!(
        nice_ticks(42.5, ValueKind::Percent),
        vec![0.0, 10.0, 20.0, 30.0, 40.0, 50.0]
    );
    assert_eq!(
        nice_ticks(125.0, ValueKind::Seconds),
        vec![0.0, 30.0, 60.0, 90.0, 120.0, 150.0]
    );
    let mut max = 0.37;
    while max < 5.0e7 {
        for kind in [ValueKind::Count, ValueKind::Percent, ValueKind::Seconds] {
            if kind == ValueKind::Percent && max > 100.0 {
                continue;
            }
            let t = nice_ticks(max, kind);
            let top = *t.last().expect("ticks");
            let step = t[1] - t[0];
            assert_eq!(t[0], 0.0);
            assert!(top >= max, "{kind:?} {max}: top {top}");
            assert!(top - step < max, "{kind:?} {max}: one step too many");
            assert!(t.len() >= 2 && t.len() <= 7, "{kind:?} {max}: {t:?}");
            if kind == ValueKind::Count {
                assert!(t.iter().all(|v| v.fract() == 0.0), "{max}: {t:?}");
            }
            if kind == ValueKind::Percent {
                assert!(top <= 100.0 + 1e-9, "{max}: {t:?}");
            }
            // Labels are distinct (no two ticks read the same).
            let labels: Vec<String> = t.iter().map(|v| axis_label(kind, *v, Lang::Vi)).collect();
            let mut unique = labels.clone();
            unique.dedup();
            assert_eq!(labels, unique, "{kind:?} {max}");
        }
        max *= 1.7;
    }
}

fn frame(width: f64) -> Frame {
    Frame {
        width,
        height: 280.0,
        left: 50.0,
        right: 20.0,
        top: 12.0,
        bottom: 30.0,
    }
}

#[wasm_bindgen_test]
fn a_path_of_365_points_is_one_move_and_364_lines_inside_the_plot() {
    let f = frame(900.0);
    let values: Vec<Option<f64>> = (0..365).map(|i| Some((i % 50) as f64 * 10.0)).collect();
    let d = line_path(&f, 500.0, &values);
    assert_eq!(d.matches('M').count(), 1);
    assert_eq!(d.matches('L').count(), 364);
    assert!(d.starts_with("M50 "), "{}", &d[..20]);
    let numbers: Vec<f64> = d
        .split(['M', 'L', ' '])
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<f64>().expect("a number"))
        .collect();
    assert_eq!(numbers.len(), 730);
    for xy in numbers.chunks(2) {
        assert!(xy[0] >= f.left - 0.05 && xy[0] <= f.width - f.right + 0.05);
        assert!(xy[1] >= f.top - 0.05 && xy[1] <= f.baseline() + 0.05);
    }
    // A missing value lifts the pen; the area needs every value.
    let gap = [Some(1.0), Some(2.0), None, Some(3.0)];
    let d = line_path(&f, 4.0, &gap);
    assert_eq!((d.matches('M').count(), d.matches('L').count()), (2, 1));
    assert_eq!(area_path(&f, 4.0, &gap), "");
    let area = area_path(&f, 4.0, &[Some(1.0), Some(2.0)]);
    assert!(area.ends_with('Z'));
    let mut s = String::new();
    for v in [12.34, 7.0, -0.5, 0.04, f64::NAN] {
        push_coord(&mut s, v);
        s.push(' ');
    }
    assert_eq!(s, "12.3 7 -0.5 0 0 ");
}

#[wasm_bindgen_test]
fn the_mouse_finds_the_nearest_point() {
    let f = frame(470.0); // plot 400 px wide
    assert_eq!(f.nearest_index(50.0, 5), 0);
    assert_eq!(f.nearest_index(450.0, 5), 4);
    assert_eq!(f.nearest_index(150.0, 5), 1);
    assert_eq!(f.nearest_index(199.0, 5), 1);
    assert_eq!(f.nearest_index(201.0, 5), 2);
    assert_eq!(f.nearest_index(-100.0, 5), 0);
    assert_eq!(f.nearest_index(9999.0, 5), 4);
    assert_eq!(f.nearest_index(300.0, 1), 0);
    assert_eq!(f.x_at(0, 1), 250.0, "a lone point is centred");
}

#[wasm_bindgen_test]
fn time_labels_are_thinned_so_they_never_overlap() {
    for (interval, chars) in [
        (Interval::Day, 5),
        (Interval::Hour, 5),
        (Interval::Week, 10),
        (Interval::Month, 7),
    ] {
        for n in [1usize, 2, 7, 24, 30, 31, 90, 366, 744] {
            for width in [240.0, 320.0, 640.0, 1200.0] {
                let room = label_room(chars);
                let step = label_step(n, width, room, interval);
                let kept: Vec<usize> = label_indexes(n, step).collect();
                assert_eq!(kept.first(), Some(&0));
                if n > 1 {
                    let spacing = width / (n - 1) as f64 * step as f64;
                    assert!(
                        spacing >= room - 1e-9,
                        "{interval:?} n={n} width={width}: step {step} gives {spacing} px for {room} px"
                    );
                }
            }
        }
    }
    // Whole calendar units where they fit: a week of days.
    assert_eq!(label_step(30, 300.0, label_room(5), Interval::Day), 7);
}

#[wasm_bindgen_test]
fn the_keyboard_walks_the_points() {
    assert_eq!(chart_key("ArrowRight", None, 10), ChartKey::Show(0));
    assert_eq!(chart_key("ArrowLeft", None, 10), ChartKey::Show(9));
    assert_eq!(chart_key("ArrowRight", Some(3), 10), ChartKey::Show(4));
    assert_eq!(chart_key("ArrowRight", Some(9), 10), ChartKey::Show(9));
    assert_eq!(chart_key("ArrowLeft", Some(0), 10), ChartKey::Show(0));
    assert_eq!(chart_key("Home", Some(5), 10), ChartKey::Show(0));
    assert_eq!(chart_key("End", Some(5), 10), ChartKey::Show(9));
    assert_eq!(chart_key("PageDown", Some(0), 365), ChartKey::Show(36));
    assert_eq!(chart_key("PageUp", Some(10), 365), ChartKey::Show(0));
    assert_eq!(chart_key("Escape", Some(5), 10), ChartKey::Clear);
    assert_eq!(chart_key("a", Some(5), 10), ChartKey::Ignore);
    assert_eq!(chart_key("ArrowRight", None, 0), ChartKey::Ignore);
}

// ─── series, table, CSV ─────────────────────────────────────────────────────────────────

fn totals(visitors: u64) -> Totals {
    Totals {
        visitors,
        visits: visitors + visitors / 4,
        pageviews: visitors * 3,
        bounces: visitors / 2,
        visit_seconds: visitors * 100,
        bot_pageviews: visitors / 10,
    }
}

/// A daily series over `r`, visitors `100 + (i·37 mod 500)`, the previous period 20 fewer.
fn daily_series(r: DateRange) -> Series {
    let previous = r.previous();
    let visitors = |i: i64| 100 + (i * 37 % 500) as u64;
    Series {
        range: r,
        previous_range: previous,
        interval: Interval::Day,
        points: r
            .each_day()
            .enumerate()
            .map(|(i, d)| SeriesPoint {
                start: d.and_hms_opt(0, 0, 0).expect("midnight"),
                totals: totals(visitors(i as i64)),
            })
            .collect(),
        previous: previous
            .each_day()
            .enumerate()
            .map(|(i, d)| SeriesPoint {
                start: d.and_hms_opt(0, 0, 0).expect("midnight"),
                totals: totals(visitors(i as i64) - 20),
            })
            .collect(),
    }
}

#[wasm_bindgen_test]
fn a_series_pairs_the_previous_period_by_position() {
    let s = daily_series(range("2026-03-01", "2026-03-31"));
    let c = chart_series(&s, Metric::Visitors, Lang::Vi);
    assert_eq!(c.points.len(), 31);
    assert_eq!(c.name, "Khách truy cập");
    assert_eq!(c.period, "01/03/2026 – 31/03/2026");
    assert_eq!(c.previous_period, "29/01/2026 – 28/02/2026");
    assert!(c.multi_day);
    let p = &c.points[2];
    assert_eq!((p.value, p.previous), (Some(174.0), Some(154.0)));
    assert_eq!(p.previous_start.map(|t| t.date()), Some(day("2026-01-31")));
    let rate = chart_series(&s, Metric::BounceRate, Lang::Vi);
    assert_eq!(rate.kind, ValueKind::Percent);
    assert_eq!(rate.points[0].value, Some(s.points[0].totals.bounce_rate()));
    assert_eq!(
        point_sentence(&c, 2, Lang::Vi),
        "03/03/2026, Khách truy cập: 174. Kỳ trước (31/01/2026): 154."
    );
}

#[wasm_bindgen_test]
fn a_rate_without_visits_is_a_gap_not_a_zero() {
    let mut s = daily_series(range("2026-03-01", "2026-03-05"));
    s.points[2].totals = Totals::default();
    s.previous[4].totals = Totals::default();
    let rate = chart_series(&s, Metric::BounceRate, Lang::Vi);
    assert_eq!(rate.points[2].value, None);
    assert_eq!(rate.points[4].previous, None);
    // Counts of the same bucket are a real 0.
    let visits = chart_series(&s, Metric::Visits, Lang::Vi);
    assert_eq!(visits.points[2].value, Some(0.0));
    let rows = table_rows(&rate, Lang::Vi);
    assert_eq!(rows[2][1], "—");
    assert_eq!(rows[4][3], "—");
    let csv = series_csv(&rate, Lang::Vi);
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines[3], "03/03/2026,,26/02/2026,40.1");
    let g = Geometry::new(&rate, 800.0, Lang::Vi);
    assert_eq!(g.line.matches('M').count(), 2, "the line breaks at the gap");
    assert_eq!(g.area, "", "no area under a broken line");
    assert!(point_sentence(&rate, 2, Lang::Vi).contains("Tỷ lệ thoát: —"));
}

#[wasm_bindgen_test]
fn the_csv_is_the_table_in_plain_numbers_with_a_bom() {
    let s = daily_series(range("2026-03-01", "2026-03-07"));
    let c = chart_series(&s, Metric::Visitors, Lang::Vi);
    let csv = series_csv(&c, Lang::Vi);
    assert!(csv.starts_with(CSV_BOM));
    let lines: Vec<&str> = csv[CSV_BOM.len()..].split("\r\n").collect();
    assert_eq!(lines.len(), 7 + 2, "header, 7 rows, and the final line end");
    assert_eq!(lines[8], "");
    assert_eq!(
        lines[0],
        "Thời điểm,Khách truy cập,Thời điểm kỳ trước,Khách truy cập kỳ trước"
    );
    assert_eq!(lines[1], "01/03/2026,100,22/02/2026,80");
    let table = table_rows(&c, Lang::Vi);
    for (row, line) in table.iter().zip(&lines[1..]) {
        let fields: Vec<&str> = line.split(',').collect();
        assert_eq!(row[0], fields[0], "same dates");
        assert_eq!(row[1].replace('.', ""), fields[1], "same numbers");
        assert_eq!(row[2], fields[2]);
        assert_eq!(row[3].replace('.', ""), fields[3]);
    }
    let rate = series_csv(&chart_series(&s, Metric::BounceRate, Lang::Vi), Lang::Vi);
    assert!(rate.contains("Tỷ lệ thoát (%)"));
    assert!(rate.contains(",40.0,"), "{rate}");
    let duration = series_csv(&chart_series(&s, Metric::VisitDuration, Lang::En), Lang::En);
    assert!(
        duration.contains("Average visit duration (seconds)"),
        "{duration}"
    );
}

#[wasm_bindgen_test]
fn csv_fields_are_quoted_and_never_formulas() {
    assert_eq!(csv_field("plain"), "plain");
    assert_eq!(csv_field("a,b"), "\"a,b\"");
    assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    assert_eq!(csv_field("+1"), "'+1");
    assert_eq!(csv_field("@cmd"), "'@cmd");
    assert_eq!(csv_field("line\nbreak"), "\"line\nbreak\"");
    let items = vec![BarItem {
        label: "Tin, \"hot\"".into(),
        value: 12,
        share: Some(12.34),
        href: None,
    }];
    let csv = breakdown_csv(&items, Dimension::Articles, Lang::Vi);
    assert_eq!(
        csv,
        format!("{CSV_BOM}Bài viết xem nhiều,Khách truy cập,Tỷ lệ (%)\r\n\"Tin, \"\"hot\"\"\",12,12.3\r\n")
    );
}

#[wasm_bindgen_test]
fn bars_link_articles_and_share_all_visitors() {
    let row = |key: &str, label: &str, visitors| BreakdownRow {
        key: key.into(),
        label: label.into(),
        visitors,
        visits: 0,
        pageviews: visitors * 2,
    };
    let items = bar_items(
        Dimension::Articles,
        &[row("42", "Tăng lương hưu", 250), row("x", " ", 50)],
        1000,
    );
    assert_eq!(items[0].href.as_deref(), Some("/articles/42"));
    assert_eq!(items[0].share, Some(25.0));
    assert_eq!(items[1].href, None);
    assert_eq!(items[1].label, "x", "a blank label shows the key");
    let pages = bar_items(Dimension::Pages, &[row("/tin/1", "/tin/1", 5)], 0);
    assert_eq!((pages[0].href.clone(), pages[0].share), (None, None));
}

// ─── the URL, the custom range, the change ──────────────────────────────────────────────

fn parse_url(pairs: &[(&str, &str)], today: NaiveDate) -> (StatsQuery, Vec<String>) {
    let (q, issues) = StatsQuery::from_url(
        |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        },
        today,
    );
    (q, issues.iter().map(|i| i.describe()).collect())
}

#[wasm_bindgen_test]
fn the_url_round_trips_and_bad_values_fall_back_with_a_notice() {
    let today = day("2026-03-15");
    let (q, issues) = parse_url(&[], today);
    assert_eq!(q, StatsQuery::default());
    assert!(issues.is_empty());
    assert_eq!(q.to_url_query(), "");
    assert_eq!(q.choice, RangeChoice::Preset(DEFAULT_PRESET));
    assert_eq!(q.range(today), range("2026-02-14", "2026-03-15"));

    let (q, issues) = parse_url(
        &[
            ("range", "7d"),
            ("metric", "pageviews"),
            ("interval", "hour"),
        ],
        today,
    );
    assert!(issues.is_empty());
    assert_eq!(q.to_url_query(), "?range=7d&metric=pageviews&interval=hour");
    assert_eq!(q.interval(today), Interval::Hour);

    let (q, _) = parse_url(&[("from", "2026-01-01"), ("to", "2026-01-31")], today);
    assert_eq!(
        q.choice,
        RangeChoice::Custom(range("2026-01-01", "2026-01-31"))
    );
    assert_eq!(q.to_url_query(), "?from=2026-01-01&to=2026-01-31");
    assert_eq!(q.interval(today), Interval::Day);

    for (pairs, expected) in [
        (vec![("range", "abc")], vec!["range=abc"]),
        (
            vec![("from", "2026-02-10"), ("to", "2026-02-01")],
            vec!["from=2026-02-10", "to=2026-02-01"],
        ),
        (
            vec![("from", "2026-03-01"), ("to", "2026-04-01")],
            vec!["from=2026-03-01", "to=2026-04-01"],
        ),
        (
            vec![("from", "2020-01-01"), ("to", "2026-01-01")],
            vec!["from=2020-01-01", "to=2026-01-01"],
        ),
        (vec![("from", "2026-01-01")], vec!["from=2026-01-01", "to="]),
        (
            vec![("from", "01/01/2026"), ("to", "2026-02-30")],
            vec!["from=01/01/2026", "to=2026-02-30"],
        ),
        (vec![("metric", "<script>")], vec!["metric=<script>"]),
        (vec![("interval", "minute")], vec!["interval=minute"]),
    ] {
        let (q, issues) = parse_url(&pairs, today);
        assert_eq!(issues, expected, "{pairs:?}");
        assert_eq!(
            q,
            StatsQuery::default(),
            "{pairs:?} falls back to the default"
        );
    }
    // Hours are not allowed over a year: the interval alone is dropped.
    let (q, issues) = parse_url(&[("range", "year"), ("interval", "hour")], today);
    assert_eq!(issues, vec!["interval=hour"]);
    assert_eq!(q.choice, RangeChoice::Preset(Preset::ThisYear));
    assert_eq!(q.interval(today), Interval::Day);
}

#[wasm_bindgen_test]
fn a_new_range_keeps_the_metric_and_drops_an_interval_it_does_not_allow() {
    let today = day("2026-12-15");
    let q = StatsQuery {
        choice: RangeChoice::Preset(Preset::Last7),
        metric: Metric::BounceRate,
        interval: Some(Interval::Hour),
    };
    let year = q.with_choice(RangeChoice::Preset(Preset::ThisYear), today);
    assert_eq!(year.metric, Metric::BounceRate);
    assert_eq!(year.interval, None);
    assert_eq!(year.to_url_query(), "?range=year&metric=bounce_rate");
    let today_only = q.with_choice(RangeChoice::Preset(Preset::Today), today);
    assert_eq!(today_only.interval, Some(Interval::Hour));
}

#[wasm_bindgen_test]
fn the_custom_range_is_checked_with_vietnamese_messages() {
    let today = day("2026-03-15");
    assert_eq!(
        validate_custom("2026-03-01", "2026-03-15", today),
        Ok(range("2026-03-01", "2026-03-15"))
    );
    assert_eq!(
        validate_custom("", "2026-03-15", today),
        Err(RangeError::Missing)
    );
    assert_eq!(
        validate_custom("2026-02-30", "2026-03-15", today),
        Err(RangeError::Malformed)
    );
    assert_eq!(
        validate_custom("2026-03-10", "2026-03-01", today),
        Err(RangeError::FromAfterTo)
    );
    assert_eq!(
        validate_custom("2026-03-10", "2026-03-16", today),
        Err(RangeError::Future)
    );
    let from = today - Duration::days(MAX_RANGE_DAYS);
    assert_eq!(
        validate_custom(&iso_date(from), "2026-03-15", today),
        Err(RangeError::TooLong)
    );
    let from = today - Duration::days(MAX_RANGE_DAYS - 1);
    assert!(validate_custom(&iso_date(from), "2026-03-15", today).is_ok());
    assert_eq!(
        RangeError::FromAfterTo.message(today, Lang::Vi),
        "Ngày bắt đầu phải trước hoặc trùng ngày kết thúc."
    );
    assert_eq!(
        RangeError::Future.message(today, Lang::Vi),
        "Không chọn được ngày trong tương lai (hôm nay là 15/03/2026)."
    );
    assert_eq!(
        RangeError::TooLong.message(today, Lang::Vi),
        "Khoảng thời gian dài nhất là 3 năm (1.098 ngày)."
    );
    assert_eq!(RangeError::TooLong.field("2020-01-01", today), "from");
    assert_eq!(RangeError::Future.field("2026-03-01", today), "to");
    assert_eq!(RangeError::Future.field("2026-04-01", today), "from");
    assert_eq!(
        range_params(range("2026-01-01", "2026-01-31")),
        vec![
            ("from", "2026-01-01".to_string()),
            ("to", "2026-01-31".to_string())
        ]
    );
}

#[wasm_bindgen_test]
fn changes_read_right_for_each_metric() {
    assert_eq!(change(150.0, 100.0), Change::Up(500));
    assert_eq!(change(75.0, 100.0), Change::Down(250));
    assert_eq!(change(100.0, 100.0), Change::Same);
    assert_eq!(change(0.0, 0.0), Change::Same);
    assert_eq!(change(10.0, 0.0), Change::NoBaseline);
    assert_eq!(change(100_001.0, 100_000.0), Change::Up(0));
    assert_eq!(Change::Up(500).badge(Lang::Vi), format!("▲ 50,0{NBSP}%"));
    assert_eq!(Change::Down(250).badge(Lang::Vi), format!("▼ 25,0{NBSP}%"));
    assert_eq!(
        Change::Up(0).badge(Lang::Vi),
        format!("▲ <{NBSP}0,1{NBSP}%")
    );
    assert_eq!(Change::Same.badge(Lang::Vi), "không đổi");
    assert_eq!(Change::NoBaseline.badge(Lang::Vi), "—");
    assert_eq!(
        Change::Down(250).sentence(Lang::Vi),
        format!("Giảm 25,0{NBSP}% so với kỳ trước")
    );
    // More bounces is bad news; more visitors good.
    assert_eq!(Change::Up(10).tone(Metric::Visitors), Tone::Good);
    assert_eq!(Change::Up(10).tone(Metric::BounceRate), Tone::Bad);
    assert_eq!(Change::Down(10).tone(Metric::BounceRate), Tone::Good);
    assert_eq!(Change::Down(10).tone(Metric::VisitDuration), Tone::Bad);
    assert_eq!(Change::Same.tone(Metric::Visitors), Tone::Neutral);
    assert_eq!(Change::NoBaseline.tone(Metric::Visitors), Tone::Neutral);
}

// ─── components ─────────────────────────────────────────────────────────────────────────

fn container() -> HtmlElement {
    container_of_width(900)
}

/// Fires a `keydown` of `key` on the element matching `selector` (in the whole document).
fn press(selector: &str, key: &str) {
    js_sys::eval(&format!(
        "document.querySelector({}).dispatchEvent(new KeyboardEvent('keydown', {{key: {}, bubbles: true, cancelable: true}}))",
        json!(selector),
        json!(key)
    ))
    .expect("dispatch keydown");
}

fn year_chart() -> ChartSeries {
    chart_series(
        &daily_series(range("2025-01-01", "2025-12-31")),
        Metric::Visitors,
        Lang::Vi,
    )
}

#[wasm_bindgen_test]
async fn the_line_chart_draws_every_point_with_labels_that_never_overlap() {
    let data = year_chart();
    let n = data.points.len();
    assert_eq!(n, 365);
    let root = container();
    root.set_id("chart-year");
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        vietnamese();
        view! { <LineChart id="t1" data=Signal::stored(data) title=Signal::stored("Khách truy cập theo ngày".to_string())/> }
    });
    tick().await;
    TimeoutFuture::new(30).await;
    tick().await;

    let line = find(&root, "path.chart-line")
        .get_attribute("d")
        .unwrap_or_default();
    assert_eq!(line.matches('M').count(), 1);
    assert_eq!(line.matches('L').count(), n - 1, "one segment per point");
    let previous = find(&root, "path.chart-line-previous")
        .get_attribute("d")
        .unwrap_or_default();
    assert_eq!(previous.matches('L').count(), n - 1);
    // Only the two paths carry the points: no element per point.
    assert!(query_all(&root, "svg circle").is_empty());
    assert!(query_all(&root, "svg *").len() < 60);

    // The SVG takes the measured width, and the date labels really do not overlap.
    let svg_width: f64 = find(&root, "svg.chart-svg")
        .get_attribute("width")
        .and_then(|w| w.parse().ok())
        .unwrap_or_default();
    assert!((svg_width - 900.0).abs() < 2.0, "svg width {svg_width}");
    let labels = query_all(&root, ".chart-x-axis text");
    assert!(labels.len() >= 6, "{} labels", labels.len());
    let boxes: Vec<(f64, f64)> = labels
        .iter()
        .map(|e| {
            let r = e.get_bounding_client_rect();
            (r.left(), r.right())
        })
        .collect();
    for pair in boxes.windows(2) {
        assert!(pair[0].1 <= pair[1].0, "labels overlap: {boxes:?}");
    }
    assert_eq!(labels[0].text_content().as_deref(), Some("01/01"));
    let y_labels: Vec<String> = query_all(&root, ".chart-y-axis text")
        .iter()
        .filter_map(|e| e.text_content())
        .collect();
    // Data up to 599: round steps of 200.
    assert_eq!(y_labels, ["0", "200", "400", "600"]);

    // The table beside the chart: one row per point (built once the chart is painted), hidden
    // until asked for.
    table_has(&root, n).await;
    let table = find(&root, ".chart-table");
    assert!(table.class_list().contains("visually-hidden"));
    let toggle = find(&root, "button.chart-table-toggle");
    assert_eq!(toggle.text_content().as_deref(), Some("Xem dạng bảng"));
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    toggle.unchecked_ref::<HtmlElement>().click();
    tick().await;
    assert!(!table.class_list().contains("visually-hidden"));
    assert_eq!(
        toggle.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert_eq!(toggle.text_content().as_deref(), Some("Ẩn bảng"));
    root.remove();
}

/// The cells of table row `i`.
fn row_cells(root: &HtmlElement, i: usize) -> Vec<String> {
    let row = query_all(root, ".chart-table tbody tr")
        .into_iter()
        .nth(i)
        .expect("row exists");
    let cells = row.query_selector_all("th, td").expect("cells");
    (0..cells.length())
        .filter_map(|k| cells.item(k))
        .filter_map(|c| c.text_content())
        .collect()
}

/// Waits until the table beside the chart has `n` rows (it is built after the chart paints).
async fn table_has(root: &HtmlElement, n: usize) {
    for _ in 0..100 {
        tick().await;
        if query_all(root, ".chart-table tbody tr").len() == n {
            return;
        }
        TimeoutFuture::new(10).await;
    }
    panic!(
        "the table has {} rows, not {n}",
        query_all(root, ".chart-table tbody tr").len()
    );
}

#[wasm_bindgen_test]
async fn keyboard_focus_moves_the_tooltip_and_the_table_has_the_same_numbers() {
    let data = year_chart();
    let expected = data.clone();
    let root = container();
    root.set_id("chart-keys");
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        vietnamese();
        view! { <LineChart id="t2" data=Signal::stored(data) title=Signal::stored("Khách truy cập theo ngày".to_string())/> }
    });
    tick().await;
    table_has(&root, 365).await;
    let plot = "#chart-keys .chart-plot";
    assert_eq!(
        find(&root, ".chart-plot")
            .get_attribute("tabindex")
            .as_deref(),
        Some("0")
    );
    assert!(root
        .query_selector(".chart-tooltip")
        .expect("selector")
        .is_none());

    let tooltip_is = |i: usize| {
        let p = &expected.points[i];
        let when = point_label(p.start, Interval::Day, Lang::Vi);
        let value = format_value(ValueKind::Count, p.value.expect("a value"), Lang::Vi);
        let prev = format_value(ValueKind::Count, p.previous.expect("previous"), Lang::Vi);
        let shown = text(&root, ".chart-tooltip");
        assert!(shown.contains(&when), "tooltip of {i}: {shown}");
        assert!(
            shown.contains(&format!("Khách truy cập: {value}")),
            "{shown}"
        );
        assert!(
            shown.contains("Kỳ trước (") && shown.ends_with(&prev),
            "{shown}"
        );
        // The table says the same.
        let cells = row_cells(&root, i);
        assert_eq!(cells[0], when);
        assert_eq!(cells[1], value);
        assert_eq!(cells[3], prev);
        assert!(
            shown.contains(&cells[2]),
            "previous date {} in {shown}",
            cells[2]
        );
        // The guide sits on the point.
        let guide_x: f64 = find(&root, "line.chart-guide")
            .get_attribute("x1")
            .and_then(|x| x.parse().ok())
            .expect("guide x");
        let dot_x: f64 = find(&root, "circle.chart-dot")
            .get_attribute("cx")
            .and_then(|x| x.parse().ok())
            .expect("dot x");
        assert!((guide_x - dot_x).abs() < 0.2);
    };

    press(plot, "ArrowRight");
    tick().await;
    tooltip_is(0);
    assert_eq!(
        text(&root, "[aria-live='polite']"),
        point_sentence(&expected, 0, Lang::Vi),
        "the point is read out"
    );
    press(plot, "ArrowRight");
    press(plot, "ArrowRight");
    tick().await;
    tooltip_is(2);
    press(plot, "End");
    tick().await;
    tooltip_is(364);
    press(plot, "ArrowRight");
    tick().await;
    tooltip_is(364);
    press(plot, "PageUp");
    tick().await;
    tooltip_is(364 - 36);
    press(plot, "Home");
    tick().await;
    tooltip_is(0);
    press(plot, "Escape");
    tick().await;
    assert!(root
        .query_selector(".chart-tooltip")
        .expect("selector")
        .is_none());

    // Every row of the table has the chart's numbers.
    for (i, p) in expected.points.iter().enumerate().step_by(29) {
        let cells = row_cells(&root, i);
        assert_eq!(
            cells[1],
            format_value(ValueKind::Count, p.value.expect("a value"), Lang::Vi)
        );
    }

    // The mouse: the point nearest to the pointer.
    let plot_el = find(&root, ".chart-plot");
    let rect = plot_el.get_bounding_client_rect();
    let g = Geometry::new(&expected, rect.width(), Lang::Vi);
    let x = rect.left() + g.frame.x_at(100, 365) + 0.4;
    js_sys::eval(&format!(
        "document.querySelector('{plot}').dispatchEvent(new MouseEvent('mousemove', {{clientX: {x}, clientY: {}, bubbles: true}}))",
        rect.top() + 50.0
    ))
    .expect("mousemove");
    tick().await;
    tooltip_is(100);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_shorter_series_keeps_the_tooltip_on_a_real_point() {
    let data = RwSignal::new(year_chart());
    let root = container();
    root.set_id("chart-shrink");
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        vietnamese();
        view! { <LineChart id="t3" data=data title=Signal::stored("Biểu đồ".to_string())/> }
    });
    tick().await;
    press("#chart-shrink .chart-plot", "End");
    tick().await;
    let mut week = year_chart();
    week.points.truncate(7);
    data.set(week);
    table_has(&root, 7).await;
    assert!(text(&root, ".chart-tooltip").contains("07/01/2025"));
    let line = find(&root, "path.chart-line")
        .get_attribute("d")
        .unwrap_or_default();
    assert_eq!(line.matches('L').count(), 6);
    root.remove();
}

#[wasm_bindgen_test]
async fn bar_lists_keep_hostile_emoji_and_right_to_left_labels_as_text() {
    let hostile = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned=2\">";
    let items = vec![
        BarItem {
            label: hostile.into(),
            value: 1200,
            share: Some(60.0),
            href: Some("/articles/7".into()),
        },
        BarItem {
            label: "Tết an vui 🎉🧧".into(),
            value: 600,
            share: Some(30.0),
            href: None,
        },
        BarItem {
            label: "مرحبا بالعالم".into(),
            value: 300,
            share: None,
            href: None,
        },
    ];
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        vietnamese();
        view! {
            <BarList
                items=Signal::stored(items)
                label=Signal::stored("Bài viết xem nhiều".to_string())
                unit=Signal::stored("khách".to_string())
            />
        }
    });
    tick().await;
    let rows = query_all(&root, "ol.bar-list > li.bar-row");
    assert_eq!(rows.len(), 3);
    assert_eq!(
        find(&root, "ol.bar-list")
            .get_attribute("aria-label")
            .as_deref(),
        Some("Bài viết xem nhiều")
    );
    assert!(
        query_all(&root, "script, img").is_empty(),
        "labels are text, never markup"
    );
    assert!(js_sys::eval("window.__pwned === undefined")
        .expect("eval")
        .as_bool()
        .unwrap_or(false));
    let labels: Vec<String> = query_all(&root, ".bar-label bdi")
        .iter()
        .filter_map(|e| e.text_content())
        .collect();
    assert_eq!(labels, [hostile, "Tết an vui 🎉🧧", "مرحبا بالعالم"]);
    // The linked row is reachable with Tab; values and shares are vi-VN.
    assert_eq!(
        find(&root, "a.bar-label").get_attribute("href").as_deref(),
        Some("/articles/7")
    );
    assert_eq!(text(&root, "li:first-child .bar-value"), "1.200 khách");
    assert!(text(&root, "li:first-child .bar-share").starts_with(&format!("60,0{NBSP}%")));
    assert!(root
        .query_selector("li:nth-child(3) .bar-share")
        .expect("selector")
        .is_none());
    let widths: Vec<String> = query_all(&root, ".bar-fill")
        .iter()
        .filter_map(|e| e.get_attribute("style"))
        .collect();
    assert_eq!(widths, ["width: 100%;", "width: 50%;", "width: 25%;"]);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_sparkline_is_one_described_image() {
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <Sparkline
                values=Signal::stored(vec![3.0, 5.0, 4.0, 8.0])
                label=Signal::stored("Khách truy cập 30 ngày qua".to_string())
            />
        }
    });
    tick().await;
    let svg = find(&root, "svg.sparkline");
    assert_eq!(svg.get_attribute("role").as_deref(), Some("img"));
    assert_eq!(
        svg.get_attribute("aria-label").as_deref(),
        Some("Khách truy cập 30 ngày qua")
    );
    let d = find(&root, "path.sparkline-line")
        .get_attribute("d")
        .unwrap_or_default();
    assert_eq!(d.matches('L').count(), 3);
    assert_eq!(
        query_all(&root, "circle.sparkline-dot").len(),
        1,
        "the latest point"
    );
    root.remove();
}

// ─── the page against a fake backend ────────────────────────────────────────────────────

/// Replaces `window.fetch`: each route (by method and path) answers with its body; anything
/// else is a 404 problem. Requests are recorded in `window.__requests`. `URL.createObjectURL`
/// keeps the blobs it is given in `window.__blobs`, and anchors are not followed.
fn fake_backend(routes: Value) {
    let script = format!(
        r#"
        window.__requests = [];
        window.__routes = {routes};
        window.__blobs = [];
        if (!window.__realCreateObjectURL) {{ window.__realCreateObjectURL = URL.createObjectURL; }}
        URL.createObjectURL = function (blob) {{ window.__blobs.push(blob); return window.__realCreateObjectURL(blob); }};
        HTMLAnchorElement.prototype.click = function () {{ window.__downloads = (window.__downloads || []).concat([this.download]); }};
        window.fetch = async function (input, init) {{
            const url = new URL(typeof input === 'string' ? input : input.url, location.href);
            window.__requests.push(url.pathname + url.search);
            const route = window.__routes.find(r => r.path === url.pathname);
            if (!route) {{
                return new Response(JSON.stringify({{type: 'about:blank', title: 'Không tìm thấy', status: 404}}),
                    {{status: 404, headers: {{'content-type': 'application/problem+json'}}}});
            }}
            return new Response(JSON.stringify(route.body), {{status: route.status || 200, headers: {{'content-type': 'application/json'}}}});
        }};
        "#
    );
    js_sys::eval(&script).expect("install the fake backend");
}

fn requests() -> Vec<String> {
    let value = js_sys::eval("JSON.stringify(window.__requests)").expect("read requests");
    serde_json::from_str(&value.as_string().unwrap_or_default()).unwrap_or_default()
}

fn director() -> SessionInfo {
    let t = chrono::DateTime::from_timestamp(1_767_225_600, 0).expect("valid time");
    session_as(5, "director", "Phạm Văn Giám", &[Role::Director], t, t)
}

fn stats_routes(today: NaiveDate) -> Value {
    let r = Preset::Last30.range(today);
    let series = daily_series(r);
    let mut current = Totals::default();
    let mut previous = Totals::default();
    for p in &series.points {
        current.add(&p.totals);
    }
    for p in &series.previous {
        previous.add(&p.totals);
    }
    // Same visits and bounces in both periods: "không đổi".
    previous.visits = current.visits;
    previous.bounces = current.bounces;
    let summary = Summary {
        range: r,
        previous_range: r.previous(),
        current,
        previous,
    };
    let breakdown = |d: Dimension| Breakdown {
        range: r,
        dimension: d,
        rows: vec![
            BreakdownRow {
                key: "42".into(),
                label: format!("Hàng đầu của {}", d.as_str()),
                visitors: 900,
                visits: 0,
                pageviews: 1800,
            },
            BreakdownRow {
                key: "43".into(),
                label: "<b>không in đậm</b>".into(),
                visitors: 300,
                visits: 0,
                pageviews: 400,
            },
        ],
    };
    let realtime = Realtime {
        visitors: 12,
        pageviews: 30,
        bot_pageviews: 4,
        minutes: (0..5)
            .map(|i| MinuteCount {
                start: chrono::DateTime::from_timestamp(1_767_225_600 + i * 60, 0)
                    .expect("valid time"),
                pageviews: 5 + i as u64,
            })
            .collect(),
        pages: vec![BreakdownRow {
            key: "/tin-tuc/1".into(),
            label: "/tin-tuc/1".into(),
            visitors: 8,
            visits: 0,
            pageviews: 9,
        }],
    };
    let mut routes = vec![
        json!({"path": "/api/v1/session", "body": director()}),
        json!({"path": "/api/v1/stats/summary", "body": summary}),
        json!({"path": "/api/v1/stats/timeseries", "body": series}),
        json!({"path": "/api/v1/stats/realtime", "body": realtime}),
    ];
    for d in Dimension::ALL {
        routes.push(json!({"path": format!("/api/v1/stats/breakdown/{}", d.as_str()), "body": breakdown(d)}));
    }
    Value::Array(routes)
}

#[wasm_bindgen_test]
async fn the_stats_page_shows_every_part_and_keeps_its_state_in_the_url() {
    reset_lang();
    let today = today_vn(js_sys::Date::now());
    fake_backend(stats_routes(today));
    set_url("/stats?range=nonsense&metric=visits");
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), portal_admin::App);

    wait_for("the chart", || {
        root.query_selector("path.chart-line")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    wait_for("the bar lists", || {
        query_all(&root, "ol.bar-list").len() == 7
    })
    .await;
    assert_eq!(text(&root, "h1"), "Thống kê truy cập");
    // The bad range falls back to 30 days, with a notice; the good metric is kept.
    assert!(text(&root, ".stats-url-notice").contains("range=nonsense"));
    assert_eq!(
        find(&root, "[data-range='30d']")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true"),
        "the default it fell back to is the range shown"
    );
    assert_eq!(
        find(&root, ".metric-card[data-metric='visits']")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        text(&root, "#stats-chart-heading"),
        "Lượt truy cập theo ngày"
    );
    let sent = requests();
    let r = Preset::Last30.range(today);
    let range_q = format!("from={}&to={}", iso_date(r.from), iso_date(r.to));
    assert!(
        sent.contains(&format!("/api/v1/stats/summary?{range_q}")),
        "{sent:?}"
    );
    assert!(sent.contains(&format!("/api/v1/stats/timeseries?{range_q}&interval=day")));
    for d in Dimension::ALL {
        assert!(
            sent.contains(&format!(
                "/api/v1/stats/breakdown/{}?{range_q}&limit=10",
                d.as_str()
            )),
            "{d:?}: {sent:?}"
        );
    }
    assert!(sent.contains(&"/api/v1/stats/realtime".to_string()));

    // Cards: values, changes, the visitors note.
    let card =
        |m: &str, part: &str| text(&root, &format!(".metric-card[data-metric='{m}'] {part}"));
    assert!(card("visitors", ".metric-change").starts_with("▲"));
    assert_eq!(
        find(&root, ".metric-card[data-metric='visitors'] .metric-change")
            .get_attribute("data-tone")
            .as_deref(),
        Some("good")
    );
    assert_eq!(card("visitors", ".metric-note"), "cộng theo từng ngày");
    assert!(card("bounce_rate", ".metric-change").starts_with("không đổi"));
    assert_eq!(
        find(
            &root,
            ".metric-card[data-metric='bounce_rate'] .metric-change"
        )
        .get_attribute("data-tone")
        .as_deref(),
        Some("neutral")
    );
    assert!(card("visit_duration", ".metric-value").contains("phút"));
    assert!(text(&root, ".stats-bots").starts_with("Đã lọc "));
    assert!(text(&root, ".stats-how summary").contains("Khách truy cập được đếm"));
    assert!(text(&root, ".stats-how")
        .contains("một người quay lại vào ngày khác được đếm thêm một lần"));
    assert!(text(&root, ".stats-realtime").contains("12 khách"));
    assert!(
        query_all(&root, ".stats-panels b").is_empty(),
        "labels are text"
    );

    // Picking a card charts its metric and writes it in the URL.
    click(&root, ".metric-card[data-metric='pageviews']");
    wait_for("the pageviews chart", || {
        text(&root, "#stats-chart-heading") == "Lượt xem trang theo ngày"
    })
    .await;
    assert_eq!(location(), "/stats?metric=pageviews");
    // The load and the switch are timed for the benchmark (at the next frame and once the
    // effects have run).
    let measures = |name: &str| {
        js_sys::eval(&format!("performance.getEntriesByName('{name}').length"))
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0)
    };
    wait_for("the chart render measures", || {
        measures("stats:chart-render") >= 2.0 && measures("stats:chart-script") >= 2.0
    })
    .await;

    // A preset: a new URL and new requests.
    click(&root, "[data-range='7d']");
    wait_for("the 7-day URL", || {
        location() == "/stats?range=7d&metric=pageviews"
    })
    .await;
    let r7 = Preset::Last7.range(today);
    wait_for("the 7-day summary request", || {
        requests().contains(&format!(
            "/api/v1/stats/summary?from={}&to={}",
            iso_date(r7.from),
            iso_date(r7.to)
        ))
    })
    .await;
    // Hours are allowed for 7 days, not for a year.
    assert!(!find(&root, "[data-interval='hour']").has_attribute("disabled"));

    // The custom range refuses a start after the end, in Vietnamese, without a request.
    click(&root, "[data-range='custom']");
    wait_for("the custom form", || {
        root.query_selector("#stats-from").ok().flatten().is_some()
    })
    .await;
    let before = requests().len();
    let set = |id: &str, v: &str| {
        js_sys::eval(&format!(
            "const i = document.getElementById('{id}'); i.value = '{v}'; i.dispatchEvent(new Event('input', {{bubbles: true}}));"
        ))
        .expect("type a date");
    };
    set("stats-from", "2026-01-20");
    set("stats-to", "2026-01-10");
    click(&root, "#stats-custom button[type=submit]");
    wait_for("the range error", || {
        text(&root, "#stats-range-error") == "Ngày bắt đầu phải trước hoặc trùng ngày kết thúc."
    })
    .await;
    assert_eq!(
        find(&root, "#stats-to")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        text(&root, ".stats-custom-chosen"),
        "Đã chọn: 20/01/2026 – 10/01/2026",
        "the chosen dates read as dd/MM/yyyy whatever the browser's date input shows"
    );
    assert_eq!(requests().len(), before);
    let from = today - Duration::days(9);
    set("stats-from", &iso_date(from));
    set("stats-to", &iso_date(today));
    click(&root, "#stats-custom button[type=submit]");
    wait_for("the custom URL", || {
        location()
            == format!(
                "/stats?from={}&to={}&metric=pageviews",
                iso_date(from),
                iso_date(today)
            )
    })
    .await;

    // Back returns to the 7-day view.
    window().history().expect("history").back().expect("back");
    wait_for("Back", || location() == "/stats?range=7d&metric=pageviews").await;
    wait_for("the 7-day preset pressed", || {
        find(&root, "[data-range='7d']")
            .get_attribute("aria-pressed")
            .as_deref()
            == Some("true")
    })
    .await;

    // The CSV download is the table: BOM, header, then one line per row.
    wait_for("the chart again", || {
        root.query_selector("button.stats-csv")
            .ok()
            .flatten()
            .is_some()
    })
    .await;
    click(&root, "button.stats-csv");
    js_sys::eval(
        "window.__csv = null; (async () => { const b = window.__blobs[window.__blobs.length - 1]; const bytes = new Uint8Array(await b.arrayBuffer()); window.__csv = JSON.stringify({type: b.type, bom: Array.from(bytes.slice(0, 3)), text: new TextDecoder('utf-8', {ignoreBOM: true}).decode(bytes)}); })()",
    )
    .expect("read the blob");
    let read = || {
        js_sys::eval("window.__csv")
            .ok()
            .and_then(|v| v.as_string())
    };
    wait_for("the CSV blob", || read().is_some()).await;
    let out: Value = serde_json::from_str(&read().unwrap_or_default()).expect("json");
    assert_eq!(out["type"], "text/csv;charset=utf-8");
    assert_eq!(out["bom"], json!([0xEF, 0xBB, 0xBF]));
    let text_csv = out["text"].as_str().unwrap_or_default();
    let lines: Vec<&str> = text_csv
        .trim_start_matches('\u{feff}')
        .trim_end()
        .split("\r\n")
        .collect();
    table_has(&root, 30).await;
    let rows = query_all(&root, ".chart-table tbody tr");
    assert_eq!(lines.len(), rows.len() + 1);
    assert!(lines[0].starts_with("Thời điểm,Lượt xem trang,"));
    for (i, line) in lines[1..].iter().enumerate() {
        let cells = row_cells(&root, i);
        let fields: Vec<&str> = line.split(',').collect();
        assert_eq!(fields[0], cells[0]);
        assert_eq!(fields[1], cells[1].replace('.', ""));
        assert_eq!(fields[2], cells[2]);
        assert_eq!(fields[3], cells[3].replace('.', ""));
    }
    let downloads = js_sys::eval("JSON.stringify(window.__downloads)").expect("downloads");
    assert!(downloads
        .as_string()
        .unwrap_or_default()
        .contains("thong-ke-truy-cap-pageviews_"));
    set_url("/");
    root.remove();
}

#[wasm_bindgen_test]
fn monday_weeks_and_months_have_the_labels_the_chart_uses() {
    // Not a chart test as such: the contract's buckets feed these labels.
    let r = range("2026-03-04", "2026-03-17");
    let weeks = r.buckets(Interval::Week);
    let labels: Vec<String> = weeks
        .iter()
        .map(|t| tick_label(*t, Interval::Week, true, Lang::Vi))
        .collect();
    assert_eq!(labels, ["Tuần 04/03", "Tuần 09/03", "Tuần 16/03"]);
    assert_eq!(weeks[1].date().weekday(), chrono::Weekday::Mon);
}
