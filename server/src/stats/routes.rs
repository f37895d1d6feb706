//! Visitor statistics: the public beacon (`POST /collect`, `GET /collect.js`) and the stats API
//! for the board (`/stats/…`), each answer also as CSV (`?format=csv`).

use crate::http::error::ApiError;
use crate::http::extract::{parse_json, ClientIp, CurrentUser, QueryParams};
use crate::state::AppState;
use crate::stats::classify::{DEVICES, SOURCES};
use crate::stats::store::DimRow;
use crate::stats::Refusal;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use portal_contract::format::number_vn;
use portal_contract::stats::{
    Beacon, Breakdown, BreakdownRow, DateRange, Dimension, Interval, MinuteCount, Realtime, Series,
    SeriesPoint, Summary, Totals, MAX_BEACON_BYTES, MAX_BREAKDOWN_ROWS, MAX_HOURLY_DAYS,
    MAX_RANGE_DAYS, REALTIME_MINUTES, SNIPPET_JS,
};
use portal_contract::{Permission, ProblemKind};
use serde::Serialize;
use std::collections::HashMap;

/// Marks a response the access log leaves out (beacons would drown everything else).
#[derive(Debug, Clone, Copy)]
pub struct Quiet;

fn quiet(mut res: Response) -> Response {
    res.extensions_mut().insert(Quiet);
    res.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    res
}

/// `POST /collect`: counts one pageview. `204` once counted and stored; `400` for a malformed
/// beacon, `413` above [`MAX_BEACON_BYTES`], `429` when one address sends too many, `503` when
/// the counter cannot keep up. None of them is logged one by one.
pub async fn collect(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let outcome = async {
        let bytes = axum::body::to_bytes(body, MAX_BEACON_BYTES)
            .await
            .map_err(|_| {
                ApiError::new(
                    ProblemKind::PayloadTooLarge,
                    format!(
                        "Beacon vượt quá {} byte.",
                        number_vn(MAX_BEACON_BYTES as i64)
                    ),
                )
            })?;
        let beacon: Beacon = parse_json(&bytes)
            .map_err(|e| ApiError::bad_request("Beacon không hợp lệ.", e.problem.errors.clone()))?;
        let ua = headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let stats = &state.stats;
        let hit = stats
            .hit(&beacon, ip, ua, state.clock.now())
            .await
            .map_err(refusal)?;
        stats.record(hit).await.map_err(refusal)?;
        Ok::<_, ApiError>(StatusCode::NO_CONTENT.into_response())
    }
    .await;
    quiet(match outcome {
        Ok(res) => res,
        Err(e) => {
            if e.status() != StatusCode::SERVICE_UNAVAILABLE {
                state.stats.note_refused();
            }
            e.into_response()
        }
    })
}

fn refusal(r: Refusal) -> ApiError {
    match r {
        Refusal::Invalid(errors) => ApiError::bad_request("Beacon không hợp lệ.", errors),
        Refusal::Throttled(secs) => ApiError::new(
            ProblemKind::TooManyRequests,
            "Địa chỉ này gửi quá nhiều lượt xem trong thời gian ngắn.",
        )
        .with_header(
            header::RETRY_AFTER,
            HeaderValue::from_str(&secs.to_string()).unwrap_or(HeaderValue::from_static("1")),
        ),
        Refusal::Unavailable => ApiError::new(
            ProblemKind::Unavailable,
            "Bộ đếm tạm thời quá tải, lượt xem chưa được ghi.",
        )
        .with_header(header::RETRY_AFTER, HeaderValue::from_static("1")),
    }
}

/// `OPTIONS /collect`: lets a page post the beacon with `fetch` and a JSON content type.
pub async fn collect_preflight() -> Response {
    let mut res = quiet(StatusCode::NO_CONTENT.into_response());
    let h = res.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("POST"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("content-type"),
    );
    h.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("86400"),
    );
    res
}

/// `GET /collect.js`: the tracking snippet (under 1 KB), cached for a day.
pub async fn snippet() -> Response {
    let mut res = quiet(SNIPPET_JS.into_response());
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/javascript; charset=utf-8"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    res
}

/// Adds `Server-Timing: app;dur=<ms>` to a stats answer: the time the server spent on it.
pub async fn server_timing(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let started = std::time::Instant::now();
    let mut res = next.run(req).await;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    if let Ok(v) = HeaderValue::from_str(&format!("app;dur={ms:.2}")) {
        res.headers_mut().insert("server-timing", v);
    }
    res
}

fn parse_day(params: &mut QueryParams, name: &str) -> Option<NaiveDate> {
    let raw = params.take(name)?;
    match NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d") {
        Ok(d) if raw.trim().len() == 10 => Some(d),
        _ => {
            params.error(name, "invalid_date", "Ngày phải có dạng YYYY-MM-DD.");
            None
        }
    }
}

/// `from` and `to` (default: the last 30 days up to today), checked.
fn range(params: &mut QueryParams, today: NaiveDate) -> DateRange {
    let from = parse_day(params, "from");
    let to = parse_day(params, "to");
    let to = to.unwrap_or(today);
    let from = from.unwrap_or(to - Duration::days(29));
    match DateRange::new(from, to) {
        None => {
            params.error(
                "to",
                "before_from",
                "Ngày kết thúc phải từ ngày bắt đầu trở đi.",
            );
            DateRange { from: to, to }
        }
        Some(r) if r.days() > MAX_RANGE_DAYS => {
            params.error(
                "from",
                "range_too_long",
                &format!(
                    "Khoảng thời gian tối đa {} ngày.",
                    number_vn(MAX_RANGE_DAYS)
                ),
            );
            DateRange {
                from: to - Duration::days(MAX_RANGE_DAYS - 1),
                to,
            }
        }
        Some(r) => r,
    }
}

/// Whether the answer is CSV: `?format=csv` (or `json`, the default).
fn wants_csv(params: &mut QueryParams) -> bool {
    match params.take("format").as_deref() {
        None | Some("json") => false,
        Some("csv") => true,
        Some(_) => {
            params.error("format", "invalid_value", "Chỉ nhận json hoặc csv.");
            false
        }
    }
}

/// One CSV field: quoted when needed, and with a leading `'` when a spreadsheet would read it
/// as a formula (paths and referrers come from the public).
fn csv_field(s: &str) -> String {
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

/// A CSV answer: UTF-8 with a byte-order mark (Excel then reads Vietnamese correctly).
pub(crate) fn csv_response(
    filename: &str,
    header_row: &[&str],
    rows: Vec<Vec<String>>,
) -> Response {
    let mut out = String::from("\u{feff}");
    out.push_str(&header_row.join(","));
    out.push_str("\r\n");
    for row in rows {
        let fields: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    let mut res = out.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

fn json<T: Serialize>(v: T) -> Response {
    Json(v).into_response()
}

const TOTALS_COLUMNS: [&str; 7] = [
    "visitors",
    "visits",
    "pageviews",
    "bounce_rate",
    "avg_visit_seconds",
    "bounces",
    "bot_pageviews",
];

fn totals_fields(t: &Totals) -> Vec<String> {
    vec![
        t.visitors.to_string(),
        t.visits.to_string(),
        t.pageviews.to_string(),
        format!("{:.1}", t.bounce_rate()),
        format!("{:.0}", t.avg_visit_seconds()),
        t.bounces.to_string(),
        t.bot_pageviews.to_string(),
    ]
}

fn sum_days(rows: &HashMap<NaiveDate, Totals>, range: DateRange) -> Totals {
    let mut t = Totals::default();
    for d in range.each_day() {
        if let Some(row) = rows.get(&d) {
            t.add(row);
        }
    }
    t
}

/// `GET /stats/summary?from=&to=`.
pub async fn summary(
    State(state): State<AppState>,
    me: CurrentUser,
    mut params: QueryParams,
) -> Result<Response, ApiError> {
    me.require(Permission::StatsView)?;
    let range = range(&mut params, state.today());
    let csv = wants_csv(&mut params);
    params.finish()?;
    let previous = range.previous();
    let rows: HashMap<NaiveDate, Totals> = state
        .stats
        .store()
        .daily(DateRange {
            from: previous.from,
            to: range.to,
        })
        .await?
        .into_iter()
        .collect();
    let s = Summary {
        range,
        previous_range: previous,
        current: sum_days(&rows, range),
        previous: sum_days(&rows, previous),
    };
    if csv {
        let mut header_row = vec!["period", "from", "to"];
        header_row.extend(TOTALS_COLUMNS);
        let row = |name: &str, r: DateRange, t: &Totals| {
            let mut v = vec![name.to_string(), r.from.to_string(), r.to.to_string()];
            v.extend(totals_fields(t));
            v
        };
        return Ok(csv_response(
            &format!("tong-quan-{}-{}.csv", range.from, range.to),
            &header_row,
            vec![
                row("current", s.range, &s.current),
                row("previous", s.previous_range, &s.previous),
            ],
        ));
    }
    Ok(json(s))
}

/// Local time → seconds since the epoch (UTC+7 all year).
fn local_to_epoch(t: NaiveDateTime) -> i64 {
    portal_contract::format::vn_to_utc(t).timestamp()
}

/// `GET /stats/timeseries?from=&to=&interval=`.
pub async fn timeseries(
    State(state): State<AppState>,
    me: CurrentUser,
    mut params: QueryParams,
) -> Result<Response, ApiError> {
    me.require(Permission::StatsView)?;
    let range = range(&mut params, state.today());
    let interval = match params.take("interval") {
        None => Interval::default_for(range),
        Some(raw) => match Interval::parse(raw.trim()) {
            Some(i) if i.allowed_for(range) => i,
            Some(_) => {
                params.error(
                    "interval",
                    "range_too_long",
                    &format!("Theo giờ chỉ xem được tối đa {MAX_HOURLY_DAYS} ngày."),
                );
                Interval::Day
            }
            None => {
                params.error(
                    "interval",
                    "invalid_value",
                    "Chỉ nhận hour, day, week hoặc month.",
                );
                Interval::Day
            }
        },
    };
    let csv = wants_csv(&mut params);
    params.finish()?;
    let previous = range.previous();
    let shift = Duration::days(range.days());
    let starts = range.buckets(interval);
    // Each bucket ends where the next begins (the last at the day after the range).
    let end_of_range = (range.to + Duration::days(1))
        .and_hms_opt(0, 0, 0)
        .expect("midnight");
    let bounds: Vec<(NaiveDateTime, NaiveDateTime)> = starts
        .iter()
        .enumerate()
        .map(|(i, s)| (*s, starts.get(i + 1).copied().unwrap_or(end_of_range)))
        .collect();
    let store = state.stats.store();
    let (points, previous_points) = if interval == Interval::Hour {
        let from_s = local_to_epoch(previous.from.and_hms_opt(0, 0, 0).expect("midnight"));
        let rows: HashMap<i64, Totals> = store
            .hourly(from_s, local_to_epoch(end_of_range))
            .await?
            .into_iter()
            .collect();
        let at = |t: NaiveDateTime| rows.get(&local_to_epoch(t)).copied().unwrap_or_default();
        bounds
            .iter()
            .map(|(s, _)| {
                (
                    SeriesPoint {
                        start: *s,
                        totals: at(*s),
                    },
                    SeriesPoint {
                        start: *s - shift,
                        totals: at(*s - shift),
                    },
                )
            })
            .unzip()
    } else {
        let rows: HashMap<NaiveDate, Totals> = store
            .daily(DateRange {
                from: previous.from,
                to: range.to,
            })
            .await?
            .into_iter()
            .collect();
        let sum = |from: NaiveDate, until: NaiveDate| {
            let mut t = Totals::default();
            let mut d = from;
            while d < until {
                if let Some(row) = rows.get(&d) {
                    t.add(row);
                }
                d += Duration::days(1);
            }
            t
        };
        bounds
            .iter()
            .map(|(s, e)| {
                let (s, e) = (s.date(), e.date());
                (
                    SeriesPoint {
                        start: s.and_hms_opt(0, 0, 0).expect("midnight"),
                        totals: sum(s, e),
                    },
                    SeriesPoint {
                        start: (s - shift).and_hms_opt(0, 0, 0).expect("midnight"),
                        totals: sum(s - shift, e - shift),
                    },
                )
            })
            .unzip()
    };
    let series = Series {
        range,
        previous_range: previous,
        interval,
        points,
        previous: previous_points,
    };
    if csv {
        let mut header_row = vec!["start"];
        header_row.extend(TOTALS_COLUMNS);
        header_row.push("previous_start");
        header_row.extend(TOTALS_COLUMNS.map(|c| match c {
            "visitors" => "previous_visitors",
            "visits" => "previous_visits",
            "pageviews" => "previous_pageviews",
            "bounce_rate" => "previous_bounce_rate",
            "avg_visit_seconds" => "previous_avg_visit_seconds",
            "bounces" => "previous_bounces",
            _ => "previous_bot_pageviews",
        }));
        let rows = series
            .points
            .iter()
            .zip(&series.previous)
            .map(|(p, q)| {
                let mut v = vec![p.start.format("%Y-%m-%dT%H:%M").to_string()];
                v.extend(totals_fields(&p.totals));
                v.push(q.start.format("%Y-%m-%dT%H:%M").to_string());
                v.extend(totals_fields(&q.totals));
                v
            })
            .collect();
        return Ok(csv_response(
            &format!("chuoi-thoi-gian-{}-{}.csv", range.from, range.to),
            &header_row,
            rows,
        ));
    }
    Ok(json(series))
}

fn label(dim: Dimension, row: &DimRow) -> String {
    let named = |table: &[(&str, &str)]| {
        table
            .iter()
            .find(|(k, _)| *k == row.key)
            .map(|(_, l)| l.to_string())
    };
    match dim {
        Dimension::Sources => named(&SOURCES),
        Dimension::Devices => named(&DEVICES),
        Dimension::Articles => Some(
            row.title
                .clone()
                .unwrap_or_else(|| format!("Bài viết #{} (không còn trên cổng)", row.key)),
        ),
        _ => None,
    }
    .unwrap_or_else(|| row.key.clone())
}

/// `GET /stats/breakdown/{dimension}?from=&to=&limit=`.
pub async fn breakdown(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(dimension): Path<String>,
    mut params: QueryParams,
) -> Result<Response, ApiError> {
    me.require(Permission::StatsView)?;
    let Some(dim) = Dimension::parse(&dimension) else {
        return Err(ApiError::not_found(
            "Không có cách phân loại này (pages, articles, sources, referrers, devices, browsers).",
        ));
    };
    let range = range(&mut params, state.today());
    let limit = params.number("limit", 10, 1, MAX_BREAKDOWN_ROWS);
    let csv = wants_csv(&mut params);
    params.finish()?;
    let rows: Vec<BreakdownRow> = state
        .stats
        .store()
        .breakdown(range, dim, limit)
        .await?
        .into_iter()
        .map(|r| BreakdownRow {
            label: label(dim, &r),
            key: r.key,
            visitors: r.visitors,
            visits: r.visits,
            pageviews: r.pageviews,
        })
        .collect();
    if csv {
        let out = rows
            .iter()
            .map(|r| {
                vec![
                    r.key.clone(),
                    r.label.clone(),
                    r.visitors.to_string(),
                    r.visits.to_string(),
                    r.pageviews.to_string(),
                ]
            })
            .collect();
        return Ok(csv_response(
            &format!("{}-{}-{}.csv", dim.as_str(), range.from, range.to),
            &["key", "label", "visitors", "visits", "pageviews"],
            out,
        ));
    }
    Ok(json(Breakdown {
        range,
        dimension: dim,
        rows,
    }))
}

/// `GET /stats/realtime`: the last [`REALTIME_MINUTES`] minutes, from the raw events.
pub async fn realtime(
    State(state): State<AppState>,
    me: CurrentUser,
    mut params: QueryParams,
) -> Result<Response, ApiError> {
    me.require(Permission::StatsView)?;
    let csv = wants_csv(&mut params);
    params.finish()?;
    let now_ms = state.clock.now().timestamp_millis();
    let first_minute = (now_ms / 60_000 - (REALTIME_MINUTES - 1)) * 60_000;
    let rows = state.stats.store().realtime(first_minute).await?;
    let counts: HashMap<i64, u64> = rows.minutes.iter().copied().collect();
    let minutes: Vec<MinuteCount> = (0..REALTIME_MINUTES)
        .map(|i| {
            let m = first_minute + i * 60_000;
            MinuteCount {
                start: chrono::DateTime::from_timestamp_millis(m).unwrap_or_default(),
                pageviews: counts.get(&m).copied().unwrap_or(0),
            }
        })
        .collect();
    let r = Realtime {
        visitors: rows.visitors,
        pageviews: rows.pageviews,
        bot_pageviews: rows.bot_pageviews,
        minutes,
        pages: rows
            .pages
            .into_iter()
            .map(|p| BreakdownRow {
                label: p.key.clone(),
                key: p.key,
                visitors: p.visitors,
                visits: 0,
                pageviews: p.pageviews,
            })
            .collect(),
    };
    if csv {
        let out = r
            .minutes
            .iter()
            .map(|m| vec![m.start.to_rfc3339(), m.pageviews.to_string()])
            .collect();
        return Ok(csv_response("truc-tiep.csv", &["minute", "pageviews"], out));
    }
    Ok(json(r))
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=SUM(A1:A9)"), "'=SUM(A1:A9)");
        assert_eq!(csv_field("+84 912"), "'+84 912");
        assert_eq!(csv_field("-1"), "'-1");
        assert_eq!(csv_field("@cmd"), "'@cmd");
        assert_eq!(csv_field("dòng 1\ndòng 2"), "\"dòng 1\ndòng 2\"");
        assert_eq!(csv_field("Bảo hiểm xã hội"), "Bảo hiểm xã hội");
    }
}
