//! Hand-written SVG charts (no JS chart library): [`LineChart`] for a metric over time with the
//! previous period dashed, [`BarList`] for top rows, [`Sparkline`] for a small trend.
//!
//! The pure parts — ticks, paths, label thinning, formats, the table and its CSV — are plain
//! functions in [`scale`], [`format`] and [`table`]. A chart's lines are two `path` elements
//! whose `d` is built in one pass: 365 points cost two strings, not 365 reactive nodes.
//!
//! ```ignore
//! let data: Memo<ChartSeries> = Memo::new(move |_| build_series());
//! view! { <LineChart id="visits" data=data title=Signal::derive(|| "Lượt truy cập".into())/> }
//! ```

pub mod format;
pub mod scale;
pub mod strings;
pub mod table;

use crate::components::dynamic::{dyn_aria, dyn_flag, dyn_text, dyn_view};
use crate::i18n::{fill, use_i18n, Lang, Msg};
use chrono::NaiveDateTime;
use format::{axis_label, format_value, point_label, tick_label, ValueKind};
use leptos::prelude::*;
use portal_contract::stats::Interval;
use scale::{
    area_path, coord, label_indexes, label_room, label_step, line_path, nice_ticks, Frame,
};
use strings::ChartMsg;
use web_sys::{KeyboardEvent, MouseEvent};

/// One bucket: its value and the value at the same position of the previous period (`None`:
/// no value, e.g. a bounce rate without visits — a gap, not a zero).
#[derive(Debug, Clone, PartialEq)]
pub struct ChartPoint {
    pub start: NaiveDateTime,
    pub value: Option<f64>,
    pub previous_start: Option<NaiveDateTime>,
    pub previous: Option<f64>,
}

/// What a [`LineChart`] draws.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSeries {
    /// The metric's name (`Khách truy cập`): tooltip, table heading, CSV heading.
    pub name: String,
    pub kind: ValueKind,
    pub interval: Interval,
    /// Whether the range spans several days (hour ticks then show the date at midnight).
    pub multi_day: bool,
    /// The period shown and the previous one, as the legend writes them.
    pub period: String,
    pub previous_period: String,
    pub points: Vec<ChartPoint>,
}

impl Default for ChartSeries {
    fn default() -> Self {
        ChartSeries {
            name: String::new(),
            kind: ValueKind::Count,
            interval: Interval::Day,
            multi_day: true,
            period: String::new(),
            previous_period: String::new(),
            points: Vec::new(),
        }
    }
}

impl ChartSeries {
    /// Largest value of either period (0 when empty).
    pub fn max_value(&self) -> f64 {
        self.points
            .iter()
            .flat_map(|p| [p.value, p.previous])
            .flatten()
            .fold(0.0, f64::max)
    }
}

/// Height of the line chart: shorter on a phone.
pub fn chart_height(width: f64) -> f64 {
    if width < 480.0 {
        220.0
    } else {
        280.0
    }
}

/// Everything a line chart draws, computed at once from the series and the width.
#[derive(Debug, Clone, PartialEq)]
pub struct Geometry {
    pub frame: Frame,
    /// The value at the top of the axis.
    pub max: f64,
    pub n: usize,
    /// Value-axis ticks: vertical position and label.
    pub y_ticks: Vec<(f64, String)>,
    /// Time-axis ticks: horizontal position and label.
    pub x_ticks: Vec<(f64, String)>,
    pub line: String,
    pub area: String,
    pub previous: String,
}

impl Geometry {
    pub fn new(series: &ChartSeries, width: f64, lang: Lang) -> Geometry {
        let width = width.max(200.0);
        let ticks = nice_ticks(series.max_value(), series.kind);
        let max = ticks.last().copied().unwrap_or(1.0);
        let labels: Vec<String> = ticks
            .iter()
            .map(|v| axis_label(series.kind, *v, lang))
            .collect();
        let widest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(1);
        let n = series.points.len();
        let x_label = |i: usize| {
            tick_label(
                series.points[i].start,
                series.interval,
                series.multi_day,
                lang,
            )
        };
        let x_chars = if n > 0 { x_label(0).chars().count() } else { 5 };
        let room = label_room(x_chars);
        let frame = Frame {
            width,
            height: chart_height(width),
            left: (widest as f64 * 7.0 + 14.0).max(36.0),
            right: (room / 2.0).max(16.0),
            top: 12.0,
            bottom: 30.0,
        };
        let y_ticks = ticks
            .iter()
            .zip(labels)
            .map(|(v, label)| (frame.y_at(*v, max), label))
            .collect();
        let step = label_step(n, frame.plot_width(), room, series.interval);
        let x_ticks = label_indexes(n, step)
            .map(|i| (frame.x_at(i, n), x_label(i)))
            .collect();
        let current: Vec<Option<f64>> = series.points.iter().map(|p| p.value).collect();
        let previous: Vec<Option<f64>> = series.points.iter().map(|p| p.previous).collect();
        Geometry {
            frame,
            max,
            n,
            y_ticks,
            x_ticks,
            line: line_path(&frame, max, &current),
            area: area_path(&frame, max, &current),
            previous: line_path(&frame, max, &previous),
        }
    }
}

/// What a key pressed on a focused chart does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKey {
    /// Show point `i`.
    Show(usize),
    /// Hide the tooltip.
    Clear,
    /// Not the chart's key: let the browser have it.
    Ignore,
}

/// Left/Right step one point, PageUp/PageDown a tenth of the series, Home/End go to the ends,
/// Escape hides the tooltip. From no point, Right starts at the first and Left at the last.
pub fn chart_key(key: &str, current: Option<usize>, n: usize) -> ChartKey {
    if n == 0 {
        return ChartKey::Ignore;
    }
    let last = n - 1;
    let page = (n / 10).max(1);
    let next = match key {
        "ArrowRight" | "Right" => current.map_or(0, |i| (i + 1).min(last)),
        "ArrowLeft" | "Left" => current.map_or(last, |i| i.saturating_sub(1)),
        "PageDown" => current.map_or(0, |i| (i + page).min(last)),
        "PageUp" => current.map_or(last, |i| i.saturating_sub(page)),
        "Home" => 0,
        "End" => last,
        "Escape" | "Esc" => return ChartKey::Clear,
        _ => return ChartKey::Ignore,
    };
    ChartKey::Show(next.min(last))
}

/// The sentence read for point `i`: when, value, and the previous period's.
pub fn point_sentence(series: &ChartSeries, i: usize, lang: Lang) -> String {
    let Some(p) = series.points.get(i) else {
        return String::new();
    };
    let dash = Msg::Dash.text(lang);
    fill(
        ChartMsg::PointSentence.text(lang),
        &[
            ("when", &point_label(p.start, series.interval, lang)),
            ("name", &series.name),
            (
                "value",
                &p.value
                    .map(|v| format_value(series.kind, v, lang))
                    .unwrap_or_else(|| dash.to_string()),
            ),
            (
                "previous_when",
                &p.previous_start
                    .map(|t| point_label(t, series.interval, lang))
                    .unwrap_or_else(|| dash.to_string()),
            ),
            (
                "previous",
                &p.previous
                    .map(|v| format_value(series.kind, v, lang))
                    .unwrap_or_else(|| dash.to_string()),
            ),
        ],
    )
}

/// Width a chart starts with before it is measured.
const DEFAULT_WIDTH: f64 = 720.0;

/// A metric over time: the period as a solid line over a light area, the previous period
/// dashed; value ticks on round numbers, time ticks thinned so they never overlap. Hover or
/// focus it (Left/Right/Home/End) for a tooltip with both periods' values. The data table is
/// always in the page for screen readers, and shown on "Xem dạng bảng". `children` go beside
/// that button (e.g. a CSV download).
#[component]
pub fn LineChart(
    /// Prefix of the ids inside (unique on the page).
    id: &'static str,
    #[prop(into)] data: Signal<ChartSeries>,
    /// What the chart shows ("Khách truy cập theo ngày"): its name and the table's caption.
    #[prop(into)]
    title: Signal<String>,
    /// The width the chart will have, when the page knows it already (measured while it was
    /// loading): the first drawing is then the right one without asking the browser for a
    /// layout in the middle of building it.
    #[prop(optional)]
    initial_width: Option<f64>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let width = RwSignal::new(initial_width.filter(|w| *w > 0.0).unwrap_or(DEFAULT_WIDTH));
    let wrap = NodeRef::<leptos::html::Div>::new();
    let active = RwSignal::new(None::<usize>);
    let focused = RwSignal::new(false);
    let show_table = RwSignal::new(false);
    let announcement = RwSignal::new(String::new());

    let measure = move || {
        if let Some(el) = wrap.get_untracked() {
            let w = f64::from(el.client_width());
            if w > 0.0 && (w - width.get_untracked()).abs() >= 1.0 {
                width.set(w);
            }
        }
    };
    // With the width known, the check waits for the next frame, when the browser lays the
    // page out anyway: reading it right after building would force a layout of the whole page
    // inside the script. Without it, the first drawing needs the real width at once.
    let width_known = initial_width.is_some_and(|w| w > 0.0);
    Effect::new(move |_| {
        if wrap.get().is_some() {
            if width_known {
                request_animation_frame(measure);
            } else {
                measure();
            }
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    let geometry = Memo::new(move |_| {
        let lang = i18n.lang();
        let w = width.get();
        data.with(|d| Geometry::new(d, w, lang))
    });
    // A new series may be shorter: keep the tooltip on a point that exists.
    Effect::new(move |_| {
        let n = geometry.with(|g| g.n);
        if let Some(i) = active.get_untracked() {
            if i >= n {
                active.set(n.checked_sub(1).filter(|_| n > 0));
            }
        }
    });

    let point_xy = move |i: usize, previous: bool| -> Option<(f64, f64)> {
        let (frame, max, n) = geometry.with(|g| (g.frame, g.max, g.n));
        let v = data.with(|d| {
            d.points
                .get(i)
                .and_then(|p| if previous { p.previous } else { p.value })
        })?;
        Some((frame.x_at(i, n), frame.y_at(v, max)))
    };
    let on_mouse = move |ev: MouseEvent| {
        let Some(el) = wrap.get_untracked() else {
            return;
        };
        let x = f64::from(ev.client_x()) - el.get_bounding_client_rect().left();
        let (frame, n) = geometry.with_untracked(|g| (g.frame, g.n));
        if n > 0 {
            let i = frame.nearest_index(x, n);
            if active.get_untracked() != Some(i) {
                active.set(Some(i));
            }
        }
    };
    let on_key = move |ev: KeyboardEvent| {
        let n = geometry.with_untracked(|g| g.n);
        match chart_key(&ev.key(), active.get_untracked(), n) {
            ChartKey::Ignore => {}
            ChartKey::Clear => {
                ev.prevent_default();
                active.set(None);
            }
            ChartKey::Show(i) => {
                ev.prevent_default();
                active.set(Some(i));
                let lang = i18n.lang_untracked();
                announcement.set(data.with_untracked(|d| point_sentence(d, i, lang)));
            }
        }
    };

    let table_id = format!("{id}-table");
    let hint_id = format!("{id}-hint");
    let described_by = hint_id.clone();
    let controls = table_id.clone();

    let tooltip = dyn_view(move || {
        let Some(i) = active.get() else {
            return ().into_any();
        };
        let lang = i18n.lang();
        let (frame, n) = geometry.with(|g| (g.frame, g.n));
        let x = frame.x_at(i, n);
        // Beside the point, on the side with more room. Set through the CSSOM (`style:`), which
        // the Content-Security-Policy allows, never as a `style="…"` attribute, which it refuses.
        let (left, right) = if x > frame.width / 2.0 {
            (None, Some(format!("{}px", coord(frame.width - x + 12.0))))
        } else {
            (Some(format!("{}px", coord(x + 12.0))), None)
        };
        let top = format!("{}px", coord(frame.top));
        let Some((name, when, value, previous)) = data.with(|d| {
            let p = d.points.get(i)?;
            let previous = p.previous.map(|v| {
                let when = p
                    .previous_start
                    .map(|t| point_label(t, d.interval, lang))
                    .unwrap_or_default();
                (when, format_value(d.kind, v, lang))
            });
            Some((
                d.name.clone(),
                point_label(p.start, d.interval, lang),
                p.value
                    .map(|v| format_value(d.kind, v, lang))
                    .unwrap_or_else(|| Msg::Dash.text(lang).to_string()),
                previous,
            ))
        }) else {
            return ().into_any();
        };
        view! {
            <div
                class="chart-tooltip"
                aria-hidden="true"
                style:left=left
                style:right=right
                style:top=top
            >
                <p class="chart-tooltip-when">{when}</p>
                <p class="chart-tooltip-row">
                    <span class="chart-swatch chart-swatch-current"></span>
                    {name}": "
                    <strong>{value}</strong>
                </p>
                {previous
                    .map(|(when, value)| {
                        view! {
                            <p class="chart-tooltip-row chart-tooltip-previous">
                                <span class="chart-swatch chart-swatch-previous"></span>
                                {format!("{} ({when}): ", ChartMsg::Previous.text(lang))}
                                <strong>{value}</strong>
                            </p>
                        }
                    })}
            </div>
        }
        .into_any()
    });

    // The table (hundreds of rows, hidden unless asked for) is built after the chart has been
    // painted — the first time too: its ~3,000 nodes would otherwise be styled and laid out in
    // the frame that first shows the chart (most of that frame's work) — so a chart reaches
    // the screen within a frame, and the table a frame later. Its rows are one HTML string:
    // a year of days in one parse instead of ~1,500 element calls. It stays laid out while
    // hidden: `content-visibility` would skip that work, but a check of Chromium's
    // accessibility tree once found the skipped rows missing, and screen readers are who the
    // hidden table is for (an e2e test reads that tree).
    let table_turn = RwSignal::new(0u64);
    Effect::new(move |_| {
        i18n.lang();
        data.track();
        request_animation_frame(move || {
            set_timeout(
                move || {
                    table_turn.try_update(|n| *n += 1);
                },
                std::time::Duration::ZERO,
            )
        });
    });
    let rows = dyn_text(move || {
        if table_turn.get() == 0 {
            return String::new();
        }
        let lang = i18n.lang_untracked();
        data.with_untracked(|d| table::table_rows_html(d, lang))
    });
    let header = dyn_view(move || {
        table_turn.track();
        let lang = i18n.lang_untracked();
        data.with_untracked(|d| table::table_header(d, lang))
            .into_iter()
            .map(|h| view! { <th scope="col">{h}</th> })
            .collect_view()
            .into_any()
    });
    let y_axis = dyn_view(move || {
        geometry.with(|g| {
            let x1 = coord(g.frame.left);
            let x2 = coord(g.frame.width - g.frame.right);
            let label_x = coord(g.frame.left - 8.0);
            g.y_ticks
                .iter()
                .map(|(y, label)| {
                    view! {
                        <line class="chart-grid" x1=x1.clone() x2=x2.clone() y1=coord(*y) y2=coord(*y)></line>
                        <text class="chart-tick" x=label_x.clone() y=coord(*y + 4.0) text-anchor="end">
                            {label.clone()}
                        </text>
                    }
                })
                .collect_view()
                .into_any()
        })
    });
    let x_axis = dyn_view(move || {
        geometry.with(|g| {
            let y = coord(g.frame.baseline() + 20.0);
            g.x_ticks
                .iter()
                .map(|(x, label)| {
                    view! {
                        <text class="chart-tick" x=coord(*x) y=y.clone() text-anchor="middle">
                            {label.clone()}
                        </text>
                    }
                })
                .collect_view()
                .into_any()
        })
    });
    let marker = dyn_view(move || {
        let Some(i) = active.get() else {
            return ().into_any();
        };
        let (frame, n) = geometry.with(|g| (g.frame, g.n));
        let x = coord(frame.x_at(i, n));
        let dot = |(x, y): (f64, f64), class: &'static str, r: &'static str| {
            view! { <circle class=class cx=coord(x) cy=coord(y) r=r></circle> }
        };
        view! {
            <line class="chart-guide" x1=x.clone() x2=x y1=coord(frame.top) y2=coord(frame.baseline())></line>
            {point_xy(i, true).map(|p| dot(p, "chart-dot-previous", "3.5"))}
            {point_xy(i, false).map(|p| dot(p, "chart-dot", "4.5"))}
        }
        .into_any()
    });
    let period = move |msg: ChartMsg, pick: fn(&ChartSeries) -> &String| {
        dyn_text(move || format!("{}: {}", i18n.t(msg), data.with(|d| pick(d).clone())))
    };

    view! {
        <div class="line-chart">
            <div
                class="chart-plot"
                class=("is-active", dyn_flag(move || active.get().is_some()))
                node_ref=wrap
                tabindex="0"
                role="group"
                aria-roledescription=dyn_text(move || {
                    if i18n.lang() == Lang::Vi { "biểu đồ" } else { "chart" }.to_string()
                })
                aria-label=title
                aria-describedby=described_by
                on:keydown=on_key
                on:mousemove=on_mouse
                on:click=on_mouse
                on:mouseleave=move |_| {
                    if !focused.get_untracked() {
                        active.set(None);
                    }
                }
                on:focus=move |_| {
                    focused.set(true);
                    if active.get_untracked().is_none() {
                        let n = geometry.with_untracked(|g| g.n);
                        active.set(n.checked_sub(1));
                    }
                }
                on:blur=move |_| {
                    focused.set(false);
                    active.set(None);
                }
            >
                <svg
                    class="chart-svg"
                    aria-hidden="true"
                    focusable="false"
                    width=dyn_text(move || geometry.with(|g| coord(g.frame.width)))
                    height=dyn_text(move || geometry.with(|g| coord(g.frame.height)))
                >
                    <g class="chart-y-axis">{y_axis}</g>
                    <g class="chart-x-axis">{x_axis}</g>
                    <path class="chart-area" d=dyn_text(move || geometry.with(|g| g.area.clone()))></path>
                    <path
                        class="chart-line-previous"
                        d=dyn_text(move || geometry.with(|g| g.previous.clone()))
                    ></path>
                    <path class="chart-line" d=dyn_text(move || geometry.with(|g| g.line.clone()))></path>
                    {marker}
                </svg>
                {tooltip}
            </div>
            <p class="visually-hidden" aria-live="polite" aria-atomic="true">
                {announcement}
            </p>
            <div class="chart-footer">
                <ul class="chart-legend">
                    <li>
                        <span class="chart-swatch chart-swatch-current" aria-hidden="true"></span>
                        {period(ChartMsg::Current, |d| &d.period)}
                    </li>
                    <li>
                        <span class="chart-swatch chart-swatch-previous" aria-hidden="true"></span>
                        {period(ChartMsg::Previous, |d| &d.previous_period)}
                    </li>
                </ul>
                <p class="chart-hint" id=hint_id>{i18n.tr(ChartMsg::KeyboardHint)}</p>
                <div class="chart-actions">
                    <button
                        type="button"
                        class="button chart-table-toggle"
                        aria-expanded=dyn_aria(move || show_table.get())
                        aria-controls=controls
                        on:click=move |_| show_table.update(|s| *s = !*s)
                    >
                        {dyn_text(move || {
                            i18n.t(if show_table.get() { ChartMsg::HideTable } else { ChartMsg::ShowTable })
                                .to_string()
                        })}
                    </button>
                    {children.map(|c| c())}
                </div>
            </div>
            // Scrolls when the rows outgrow it: focusable then, so the keyboard can scroll it.
            <div
                id=table_id
                class="chart-table"
                class=("visually-hidden", dyn_flag(move || !show_table.get()))
                tabindex=move || show_table.get().then_some("0")
                role="region"
                aria-label=title
            >
                <table>
                    <caption>{title}</caption>
                    <thead>
                        <tr>{header}</tr>
                    </thead>
                    <tbody inner_html=rows></tbody>
                </table>
            </div>
        </div>
    }
}

/// A row of a [`BarList`].
#[derive(Debug, Clone, PartialEq)]
pub struct BarItem {
    /// Shown as text (never markup), isolated for right-to-left scripts.
    pub label: String,
    pub value: u64,
    /// Share of the whole, in percent (`None`: unknown).
    pub share: Option<f64>,
    /// Where the label links to, if anywhere in this app.
    pub href: Option<String>,
}

/// Width of a bar, as a CSS percentage of the longest one (`"37.5%"`).
pub fn bar_width(value: u64, max: u64) -> String {
    let share = if max == 0 {
        0.0
    } else {
        value as f64 * 100.0 / max as f64
    };
    let mut out = String::new();
    scale::push_coord(&mut out, share);
    out.push('%');
    out
}

/// Horizontal bars for top rows: label, value, share of the whole. A plain ordered list, so
/// it reads in order with a screen reader; linked labels are reached with Tab.
#[component]
pub fn BarList(
    #[prop(into)] items: Signal<Vec<BarItem>>,
    /// The list's accessible name.
    #[prop(into)]
    label: Signal<String>,
    /// What the values count, read after each value ("khách").
    #[prop(into)]
    unit: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows = dyn_view(move || {
        let lang = i18n.lang();
        let unit = unit.get();
        items.with(|items| {
            let max = items.iter().map(|r| r.value).max().unwrap_or(0);
            items
                .iter()
                .map(|row| bar_row(row, max, &unit, lang))
                .collect_view()
                .into_any()
        })
    });
    view! { <ol class="bar-list" aria-label=label>{rows}</ol> }
}

fn bar_row(row: &BarItem, max: u64, unit: &str, lang: Lang) -> AnyView {
    let text = view! { <bdi>{row.label.clone()}</bdi> };
    let label = match &row.href {
        Some(href) => view! { <a class="bar-label" href=href.clone()>{text}</a> }.into_any(),
        None => view! { <span class="bar-label">{text}</span> }.into_any(),
    };
    let share = row.share.map(|s| {
        let pct = format::percent_vn(s);
        let spoken = fill(ChartMsg::ShareOf.text(lang), &[("share", &pct)]);
        view! {
            <span class="bar-share">
                <span aria-hidden="true">{pct}</span>
                <span class="visually-hidden">{format!(", {spoken}")}</span>
            </span>
        }
    });
    view! {
        <li class="bar-row">
            {label}
            <span class="bar-value">
                {portal_contract::format::number_vn(row.value as i64)}
                <span class="visually-hidden">{format!(" {unit}")}</span>
            </span>
            {share}
            <span class="bar-track" aria-hidden="true">
                <span class="bar-fill" style:width=bar_width(row.value, max)></span>
            </span>
        </li>
    }
    .into_any()
}

/// A tiny line of `values` (oldest first), with a dot on the latest; `label` describes it for
/// screen readers (the SVG is an image).
#[component]
pub fn Sparkline(
    #[prop(into)] values: Signal<Vec<f64>>,
    #[prop(into)] label: Signal<String>,
    #[prop(default = 160.0)] width: f64,
    #[prop(default = 40.0)] height: f64,
) -> impl IntoView {
    let frame = Frame {
        width,
        height,
        left: 3.0,
        right: 5.0,
        top: 5.0,
        bottom: 3.0,
    };
    let max = move || values.with(|v| v.iter().copied().fold(0.0, f64::max));
    let path = dyn_text(move || {
        let max = max();
        values.with(|v| {
            let points: Vec<Option<f64>> = v.iter().map(|x| Some(*x)).collect();
            line_path(&frame, max, &points)
        })
    });
    let last = dyn_view(move || {
        let max = max();
        let n = values.with(Vec::len);
        match values.with(|v| v.last().copied()) {
            Some(x) => view! {
                <circle
                    class="sparkline-dot"
                    cx=coord(frame.x_at(n - 1, n))
                    cy=coord(frame.y_at(x, max))
                    r="2.5"
                ></circle>
            }
            .into_any(),
            None => ().into_any(),
        }
    });
    view! {
        <svg
            class="sparkline"
            role="img"
            aria-label=label
            width=coord(width)
            height=coord(height)
            viewBox=format!("0 0 {} {}", coord(width), coord(height))
        >
            <path class="sparkline-line" d=path></path>
            {last}
        </svg>
    }
}
