//! `/stats` (Thống kê truy cập): metric cards against the previous period, the main line
//! chart with its interval switch, top articles/pages/sources/referrers/devices/browsers, the
//! realtime box, range presets and a custom range — all kept in the URL, so a view can be
//! shared and Back/Forward work. The dashboard's [`StatsTeaser`] lives here too.
//!
//! Requests go out in parallel; while a new range loads, the previous figures stay (dimmed).
//! The pure rules are in [`crate::pages::stats::logic`].

use crate::api::{self, ApiError};
use crate::components::chart::format::{format_value, ValueKind};
use crate::components::chart::table::series_csv;
use crate::components::{
    dyn_aria, dyn_flag, dyn_text, dyn_view, error_state, BarList, DynView, EmptyState, ErrorState,
    LineChart, SkeletonBlock, Sparkline,
};
use crate::i18n::{fill, use_i18n, I18n};
use crate::pages::stats::logic::{
    bar_items, breakdown_csv, change, chart_series, csv_file_name, day_text, dimension_msg,
    interval_msg, metric_msg, preset_msg, range_text, series_is_empty, validate_custom, value_kind,
    RangeChoice, StatsQuery, Tone, UrlIssue, BREAKDOWN_ROWS, PAGE_DIMENSIONS,
};
use crate::pages::stats::strings::StatsMsg;
use crate::pages::{use_page_title, RequirePermission};
use crate::perf;
use chrono::{NaiveDate, Timelike};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use portal_contract::format::{number_vn, vn_offset};
use portal_contract::stats::{
    Breakdown, DateRange, Dimension, Interval, Metric, Preset, Realtime, Series, Summary,
};
use portal_contract::Permission;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};

// Performance entries the chart benchmark reads, from the data received (or the metric picked):
// `…-render` until the frame that shows the chart has been laid out and painted (a task queued
// from that frame's callback), `…-script` to the DOM updated (before layout and paint).
const MARK_CHART: &str = "stats:chart-start";
const MEASURE_CHART: &str = "stats:chart-render";
const MEASURE_CHART_SCRIPT: &str = "stats:chart-script";
// The frame's own work: from its callback (before style and layout) to the task after paint.
const MARK_CHART_FRAME: &str = "stats:chart-frame";
const MEASURE_CHART_PAINT: &str = "stats:chart-paint";

/// Measures the chart's update started at [`MARK_CHART`]: once the effects woken by it have
/// run, and once the frame that shows it is painted; then lets the waiting panels in.
fn measure_chart(gate: ChartGate) {
    spawn_local(async {
        leptos::task::tick().await;
        perf::measure(MEASURE_CHART_SCRIPT, MARK_CHART);
    });
    // A task queued from the next frame's callback runs once that frame is painted.
    request_animation_frame(move || {
        perf::mark(MARK_CHART_FRAME);
        set_timeout(
            move || {
                perf::measure(MEASURE_CHART, MARK_CHART);
                perf::measure(MEASURE_CHART_PAINT, MARK_CHART_FRAME);
                gate.open();
            },
            Duration::ZERO,
        )
    });
}

/// The left and right padding of `el` in pixels: its content box, where the chart goes, is
/// that much narrower than its `clientWidth`.
fn horizontal_padding(el: &web_sys::Element) -> f64 {
    let px = |style: &web_sys::CssStyleDeclaration, side: &str| {
        style
            .get_property_value(side)
            .ok()
            .and_then(|v| v.trim_end_matches("px").parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    web_sys::window()
        .and_then(|w| w.get_computed_style(el).ok().flatten())
        .map(|style| px(&style, "padding-left") + px(&style, "padding-right"))
        .unwrap_or(0.0)
}

/// Closed from a new series' arrival until the frame that shows it: the other panels' answers
/// that land meanwhile wait (a frame, at most [`ChartGate::MAX_WAIT_MS`]), so the main chart
/// reaches the screen first instead of sharing its frame with six lists and the cards.
#[derive(Clone, Copy)]
struct ChartGate(StoredValue<bool>);

impl ChartGate {
    const MAX_WAIT_MS: u32 = 200;
    const STEP_MS: u32 = 4;

    fn new() -> Self {
        ChartGate(StoredValue::new(false))
    }

    fn close(self) {
        self.0.set_value(true);
    }

    fn open(self) {
        self.0.try_set_value(false);
    }

    async fn pass(self) {
        let mut waited = 0;
        while self.0.try_get_value() == Some(true) && waited < Self::MAX_WAIT_MS {
            gloo_timers::future::TimeoutFuture::new(Self::STEP_MS).await;
            waited += Self::STEP_MS;
        }
    }
}
/// Pause between two refreshes of the realtime box.
const REALTIME_EVERY: Duration = Duration::from_secs(30);

/// One API answer the page shows: the latest data (kept, dimmed, while the next one loads),
/// the error, and whether a request is under way. An answer to a superseded request is dropped.
struct Feed<T: Send + Sync + 'static> {
    data: RwSignal<Option<T>>,
    error: RwSignal<Option<ApiError>>,
    loading: RwSignal<bool>,
    generation: StoredValue<u64>,
    /// Waited for before showing an answer (`None`: the chart's own feed).
    gate: Option<ChartGate>,
}

impl<T: Send + Sync + 'static> Clone for Feed<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Feed<T> {}

impl<T: Send + Sync + 'static> Feed<T> {
    fn new(gate: Option<ChartGate>) -> Self {
        Feed {
            data: RwSignal::new(None),
            error: RwSignal::new(None),
            loading: RwSignal::new(false),
            generation: StoredValue::new(0),
            gate,
        }
    }

    fn load(self, request: impl Future<Output = Result<T, ApiError>> + 'static) {
        self.load_boxed(Box::pin(request));
    }

    /// The request boxed: the waiting code is compiled once per answer type, not per request.
    fn load_boxed(self, request: Pin<Box<dyn Future<Output = Result<T, ApiError>>>>) {
        let Some(generation) = self.generation.try_get_value().map(|g| g + 1) else {
            return;
        };
        self.generation.set_value(generation);
        self.loading.set(true);
        // A failed answer is not kept on screen while the next one loads.
        if self.error.with_untracked(Option::is_some) {
            self.error.set(None);
        }
        spawn_local(async move {
            let answer = request.await;
            if let Some(gate) = self.gate {
                gate.pass().await;
            }
            if self.generation.try_get_value() != Some(generation) {
                return;
            }
            match answer {
                Ok(data) => {
                    self.error.set(None);
                    self.data.set(Some(data));
                }
                Err(e) => {
                    self.data.set(None);
                    self.error.set(Some(e));
                }
            }
            self.loading.set(false);
        });
    }

    /// Old data on screen while new data loads.
    fn stale(self) -> bool {
        self.loading.get() && self.data.with(Option::is_some)
    }

    /// What a panel shows now (tracked).
    fn state(self, is_empty: impl Fn(&T) -> bool) -> PanelState {
        if self.error.with(Option::is_some) {
            PanelState::Failed
        } else {
            match self.data.with(|d| d.as_ref().map(&is_empty)) {
                None => PanelState::Loading,
                Some(true) => PanelState::Empty,
                Some(false) => PanelState::Ready,
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PanelState {
    Loading,
    Failed,
    Empty,
    Ready,
}

/// The URL, read.
#[derive(Debug, Clone, PartialEq)]
struct Parsed {
    today: NaiveDate,
    query: StatsQuery,
    issues: Vec<UrlIssue>,
}

/// What the page's pieces share. Copy it into closures freely.
#[derive(Clone, Copy)]
struct StatsCtx {
    i18n: I18n,
    parsed: Memo<Parsed>,
    range: Memo<DateRange>,
    interval: Memo<Interval>,
    metric: Memo<Metric>,
    summary: Feed<Summary>,
    series: Feed<Series>,
    breakdowns: [Feed<Breakdown>; PAGE_DIMENSIONS.len()],
    go: Callback<StatsQuery>,
    chart_gate: ChartGate,
}

impl StatsCtx {
    fn query(&self) -> StatsQuery {
        self.parsed.with_untracked(|p| p.query)
    }

    fn today(&self) -> NaiveDate {
        self.parsed.with_untracked(|p| p.today)
    }

    fn load_summary(&self) {
        self.summary
            .load(api::stats::summary(self.range.get_untracked()));
    }

    fn load_series(&self) {
        let (range, interval) = (self.range.get_untracked(), self.interval.get_untracked());
        let gate = self.chart_gate;
        self.series.load(async move {
            let answer = api::stats::timeseries(range, Some(interval)).await;
            perf::mark(MARK_CHART);
            if answer.is_ok() {
                // Timed from here, before the chart's own frame callbacks are queued.
                gate.close();
                measure_chart(gate);
            }
            answer
        });
    }

    fn load_breakdown(&self, index: usize) {
        let range = self.range.get_untracked();
        if let (Some(feed), Some(dimension)) =
            (self.breakdowns.get(index), PAGE_DIMENSIONS.get(index))
        {
            feed.load(api::stats::breakdown(*dimension, range, BREAKDOWN_ROWS));
        }
    }

    /// Shows `metric` in the chart, timing the redraw for the benchmark.
    fn pick_metric(&self, metric: Metric) {
        let q = self.query();
        if q.metric == metric {
            return;
        }
        perf::mark(MARK_CHART);
        self.go.run(StatsQuery { metric, ..q });
        measure_chart(self.chart_gate);
    }
}

/// Offers `text` as a file download (UTF-8; the text carries its BOM). The object URL lives a
/// minute, long enough for the browser to save it.
fn download_csv(file_name: &str, text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let (Ok(a), Some(body)) = (document.create_element("a"), document.body()) {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(file_name);
        a.set_class_name("visually-hidden");
        if body.append_child(&a).is_ok() {
            a.click();
            a.remove();
        }
    }
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        Duration::from_secs(60),
    );
}

/// `/stats` (Thống kê truy cập).
#[component]
pub fn StatsPage() -> impl IntoView {
    view! {
        <RequirePermission permission=Permission::StatsView>
            <StatsDashboard/>
        </RequirePermission>
    }
}

#[component]
fn StatsDashboard() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(StatsMsg::Title);
    let query_map = use_query_map();
    let parsed = Memo::new(move |_| {
        let today = crate::clock::today();
        let (query, issues) = query_map.with(|m| StatsQuery::from_url(|k| m.get(k), today));
        Parsed {
            today,
            query,
            issues,
        }
    });
    let navigate = use_navigate();
    // Each change of the view is a history entry, so Back returns to the previous one.
    let go = Callback::new(move |q: StatsQuery| {
        navigate(
            &format!("/stats{}", q.to_url_query()),
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    });
    let chart_gate = ChartGate::new();
    let ctx = StatsCtx {
        i18n,
        parsed,
        range: Memo::new(move |_| parsed.with(|p| p.query.range(p.today))),
        interval: Memo::new(move |_| parsed.with(|p| p.query.interval(p.today))),
        metric: Memo::new(move |_| parsed.with(|p| p.query.metric)),
        summary: Feed::new(Some(chart_gate)),
        series: Feed::new(None),
        breakdowns: [(); PAGE_DIMENSIONS.len()].map(|_| Feed::new(Some(chart_gate))),
        go,
        chart_gate,
    };
    provide_context(ctx);

    // All requests of a range go out together; a new metric needs none.
    Effect::new(move |_| {
        ctx.range.track();
        ctx.load_summary();
        for i in 0..PAGE_DIMENSIONS.len() {
            ctx.load_breakdown(i);
        }
    });
    Effect::new(move |_| {
        ctx.range.track();
        ctx.interval.track();
        ctx.load_series();
    });

    let busy = dyn_text(move || {
        let busy =
            ctx.summary.stale() || ctx.series.stale() || ctx.breakdowns.iter().any(|b| b.stale());
        if busy {
            i18n.t(StatsMsg::LoadingNew).to_string()
        } else {
            String::new()
        }
    });
    let notice = dyn_view(move || {
        let issues = parsed.with(|p| p.issues.clone());
        if issues.is_empty() {
            return ().into_any();
        }
        let params = issues
            .iter()
            .map(UrlIssue::describe)
            .collect::<Vec<_>>()
            .join(", ");
        view! {
            <div class="notice stats-url-notice" role="status">
                <p>{i18n.f(StatsMsg::UrlIgnored, &[("params", &params)])}</p>
            </div>
        }
        .into_any()
    });

    view! {
        <div class="page page-stats">
            <h1>{i18n.tr(StatsMsg::Title)}</h1>
            <p class="page-intro">{i18n.tr(StatsMsg::Intro)}</p>
            {notice}
            <RangePicker/>
            <p class="visually-hidden" aria-live="polite">{busy}</p>
            <MetricCards/>
            <StatsNotes/>
            <MainChart/>
            <section class="stats-breakdowns" aria-labelledby="stats-breakdowns-heading">
                <h2 id="stats-breakdowns-heading">{i18n.tr(StatsMsg::BreakdownsHeading)}</h2>
                <div class="stats-panels">
                    <RealtimeBox/>
                    {PAGE_DIMENSIONS
                        .iter()
                        .enumerate()
                        .map(|(index, dimension)| {
                            view! { <BreakdownPanel index=index dimension=*dimension/> }
                        })
                        .collect_view()}
                </div>
            </section>
        </div>
    }
}

/// The presets, the custom range and what the range means.
#[component]
fn RangePicker() -> impl IntoView {
    let ctx = expect_context::<StatsCtx>();
    let i18n = ctx.i18n;
    let is_custom = Memo::new(move |_| {
        ctx.parsed
            .with(|p| matches!(p.query.choice, RangeChoice::Custom(_)))
    });
    let open = RwSignal::new(is_custom.get_untracked());
    let caption = dyn_text(move || {
        let r = ctx.range.get();
        let p = r.previous();
        i18n.f(
            StatsMsg::RangeShown,
            &[
                ("from", &day_text(r.from)),
                ("to", &day_text(r.to)),
                ("days", &number_vn(r.days())),
                ("prev_from", &day_text(p.from)),
                ("prev_to", &day_text(p.to)),
            ],
        )
    });
    let custom = dyn_view(move || {
        if open.get() {
            view! { <CustomRange/> }.into_any()
        } else {
            ().into_any()
        }
    });
    view! {
        <div class="stats-range" role="group" aria-labelledby="stats-range-label">
            <span id="stats-range-label" class="stats-range-label">
                {i18n.tr(StatsMsg::RangeLabel)}
            </span>
            <div class="segmented stats-presets">
                {Preset::ALL
                    .into_iter()
                    .map(|preset| {
                        view! {
                            <button
                                type="button"
                                class="segment"
                                data-range=preset.key()
                                aria-pressed=dyn_aria(move || {
                                    ctx.parsed.with(|p| p.query.choice == RangeChoice::Preset(preset))
                                })
                                on:click=move |_| {
                                    open.set(false);
                                    let q = ctx.query();
                                    ctx.go.run(q.with_choice(RangeChoice::Preset(preset), ctx.today()));
                                }
                            >
                                {i18n.tr(preset_msg(preset))}
                            </button>
                        }
                    })
                    .collect_view()}
                <button
                    type="button"
                    class="segment"
                    data-range="custom"
                    aria-pressed=dyn_aria(move || is_custom.get())
                    aria-expanded=dyn_aria(move || open.get())
                    aria-controls="stats-custom"
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    {i18n.tr(StatsMsg::Custom)}
                </button>
            </div>
            {custom}
            <p class="stats-range-caption">{caption}</p>
        </div>
    }
}

/// Two date inputs and "Áp dụng", checked before the URL changes.
#[component]
fn CustomRange() -> impl IntoView {
    let ctx = expect_context::<StatsCtx>();
    let i18n = ctx.i18n;
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    // The inputs follow the range shown (a preset, Back/Forward).
    Effect::new(move |_| {
        let r = ctx.range.get();
        from.set(api::stats::iso_date(r.from));
        to.set(api::stats::iso_date(r.to));
    });
    let error = RwSignal::new(None::<(String, &'static str)>);
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let today = ctx.today();
        let (f, t) = (from.get_untracked(), to.get_untracked());
        match validate_custom(&f, &t, today) {
            Ok(range) => {
                error.set(None);
                let q = ctx.query();
                ctx.go.run(q.with_choice(RangeChoice::Custom(range), today));
            }
            Err(e) => {
                let field = e.field(&f, today);
                error.set(Some((e.message(today, i18n.lang_untracked()), field)));
                let id = if field == "from" {
                    "stats-from"
                } else {
                    "stats-to"
                };
                if let Some(el) = document()
                    .get_element_by_id(id)
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = el.focus();
                }
            }
        }
    };
    // Date inputs write dates as the browser's language does; this says them as dd/MM/yyyy.
    let chosen = dyn_text(move || {
        match (
            api::stats::parse_iso_date(&from.get()),
            api::stats::parse_iso_date(&to.get()),
        ) {
            (Some(f), Some(t)) => i18n.f(
                StatsMsg::CustomChosen,
                &[("range", &format!("{} – {}", day_text(f), day_text(t)))],
            ),
            _ => String::new(),
        }
    });
    let message = dyn_view(move || match error.get() {
        Some((message, _)) => view! {
            <p id="stats-range-error" class="field-error" role="alert">
                {message}
            </p>
        }
        .into_any(),
        None => ().into_any(),
    });
    view! {
        <form id="stats-custom" class="stats-custom" novalidate=true on:submit=apply>
            <fieldset>
                <legend class="visually-hidden">{i18n.tr(StatsMsg::CustomLegend)}</legend>
                {date_input(ctx, "from", StatsMsg::From, from, error)}
                {date_input(ctx, "to", StatsMsg::To, to, error)}
                <div class="field field-action">
                    <button type="submit" class="button button-primary">
                        {i18n.tr(StatsMsg::Apply)}
                    </button>
                </div>
            </fieldset>
            <p class="stats-custom-chosen">{chosen}</p>
            {message}
        </form>
    }
}

/// `<input type="date">` of the custom range's `field` (`from`, `to`).
fn date_input(
    ctx: StatsCtx,
    field: &'static str,
    label: StatsMsg,
    value: RwSignal<String>,
    error: RwSignal<Option<(String, &'static str)>>,
) -> AnyView {
    let i18n = ctx.i18n;
    let id = if field == "from" {
        "stats-from"
    } else {
        "stats-to"
    };
    view! {
        <div class="field">
            <label for=id>{i18n.tr(label)}</label>
            <input
                id=id
                type="date"
                required=true
                max=dyn_text(move || api::stats::iso_date(ctx.parsed.with(|p| p.today)))
                aria-invalid=dyn_aria(move || {
                    error.with(|e| e.as_ref().is_some_and(|(_, f)| *f == field))
                })
                aria-describedby=dyn_text(move || {
                    if error.with(Option::is_some) { "stats-range-error" } else { "" }.to_string()
                })
                prop:value=value
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    error.set(None);
                }
            />
        </div>
    }
    .into_any()
}

/// The five figures of the range against the previous period; a card is also the switch
/// that puts its metric in the chart.
#[component]
fn MetricCards() -> impl IntoView {
    let ctx = expect_context::<StatsCtx>();
    let i18n = ctx.i18n;
    let summary = ctx.summary;
    let error = dyn_view(move || match summary.error.get() {
        Some(e) => error_state(e, move || ctx.load_summary()),
        None => ().into_any(),
    });
    view! {
        <section class="stats-cards-section" aria-labelledby="stats-cards-heading">
            <h2 id="stats-cards-heading" class="visually-hidden">{i18n.tr(StatsMsg::CardsLabel)}</h2>
            <div
                class="metric-cards"
                class=("is-stale", dyn_flag(move || summary.stale()))
                aria-busy=dyn_aria(move || summary.loading.get())
            >
                {Metric::ALL.into_iter().map(|metric| metric_card(ctx, metric)).collect_view()}
            </div>
            {error}
        </section>
    }
}

fn metric_card(ctx: StatsCtx, metric: Metric) -> AnyView {
    let i18n = ctx.i18n;
    let summary = ctx.summary;
    let kind = value_kind(metric);
    let note = dyn_view(move || {
        if metric == Metric::Visitors && ctx.range.get().days() > 1 {
            view! { <span class="metric-note">{i18n.tr(StatsMsg::VisitorsSummed)}</span> }
                .into_any()
        } else {
            ().into_any()
        }
    });
    let figures = dyn_view(move || {
        let lang = i18n.lang();
        let Some((current, previous)) = summary.data.with(|s| {
            s.as_ref()
                .map(|s| (s.current.value(metric), s.previous.value(metric)))
        }) else {
            return view! {
                <span class="metric-value metric-value-loading" aria-hidden="true">
                    <span class="skeleton-bar"></span>
                </span>
            }
            .into_any();
        };
        let c = change(current, previous);
        let tone = match c.tone(metric) {
            Tone::Good => "good",
            Tone::Bad => "bad",
            Tone::Neutral => "neutral",
        };
        view! {
            <span class="metric-value">{format_value(kind, current, lang)}</span>
            <span class="metric-change" data-tone=tone>
                <span aria-hidden="true">{c.badge(lang)}</span>
                <span class="visually-hidden">{c.sentence(lang)}</span>
            </span>
            <span class="metric-previous">
                {fill(
                    StatsMsg::PreviousValue.text(lang),
                    &[("value", &format_value(kind, previous, lang))],
                )}
            </span>
        }
        .into_any()
    });
    view! {
        <button
            type="button"
            class="metric-card"
            data-metric=metric.as_str()
            aria-pressed=dyn_aria(move || ctx.metric.get() == metric)
            on:click=move |_| ctx.pick_metric(metric)
        >
            <span class="metric-name">{i18n.tr(metric_msg(metric))}</span>
            {note}
            {figures}
        </button>
    }
    .into_any()
}

/// Bots filtered out, and how visitors are counted (what "Khách truy cập" of a range means).
#[component]
fn StatsNotes() -> impl IntoView {
    let ctx = expect_context::<StatsCtx>();
    let i18n = ctx.i18n;
    let bots = dyn_view(move || {
        let Some(n) = ctx
            .summary
            .data
            .with(|s| s.as_ref().map(|s| s.current.bot_pageviews))
        else {
            return ().into_any();
        };
        view! {
            <p class="stats-bots">
                {i18n.f(StatsMsg::Bots, &[("n", &number_vn(n as i64))])}
                " "
                <span class="muted">{i18n.tr(StatsMsg::BotsHint)}</span>
            </p>
        }
        .into_any()
    });
    view! {
        <div class="stats-notes">
            {bots}
            <details class="stats-how">
                <summary>{i18n.tr(StatsMsg::VisitorsHow)}</summary>
                <p>{i18n.tr(StatsMsg::VisitorsExplain1)}</p>
                <p>{i18n.tr(StatsMsg::VisitorsExplain2)}</p>
                <p>{i18n.tr(StatsMsg::VisitorsExplain3)}</p>
            </details>
        </div>
    }
}

/// What a panel shows in each state; `ready` builds the content.
fn panel_body(
    i18n: I18n,
    state: Memo<PanelState>,
    error: RwSignal<Option<ApiError>>,
    retry: Callback<()>,
    empty: StatsMsg,
    ready: impl Fn() -> AnyView + Send + 'static,
) -> DynView {
    dyn_view(move || match state.get() {
        PanelState::Loading => view! { <SkeletonBlock lines=4/> }.into_any(),
        PanelState::Failed => {
            let error = Signal::derive(move || error.get().unwrap_or(ApiError::Network));
            view! { <ErrorState error=error on_retry=retry/> }.into_any()
        }
        PanelState::Empty => view! { <p class="stats-panel-empty">{i18n.tr(empty)}</p> }.into_any(),
        PanelState::Ready => ready(),
    })
}

/// The chosen metric over time, the interval switch, the table and its CSV.
#[component]
fn MainChart() -> impl IntoView {
    let ctx = expect_context::<StatsCtx>();
    let i18n = ctx.i18n;
    let series = ctx.series;
    let data = Memo::new(move |_| {
        let lang = i18n.lang();
        let metric = ctx.metric.get();
        series.data.with(|s| {
            s.as_ref()
                .map(|s| chart_series(s, metric, lang))
                .unwrap_or_default()
        })
    });
    let heading = dyn_text(move || {
        i18n.f(
            StatsMsg::ChartHeading,
            &[
                ("metric", i18n.t(metric_msg(ctx.metric.get()))),
                ("interval", i18n.t(interval_msg(ctx.interval.get()))),
            ],
        )
    });
    let title = dyn_text(move || {
        match series
            .data
            .with(|s| s.as_ref().map(|s| range_text(s.range)))
        {
            Some(r) => format!("{}, {r}", heading.get()),
            None => heading.get(),
        }
    });
    let state = Memo::new(move |_| series.state(series_is_empty));
    // The chart's width, read while the skeleton stands in its place (at a frame, when the
    // layout is done anyway), so the chart is drawn at its size at once.
    let chart_body = NodeRef::<leptos::html::Div>::new();
    let body_width = StoredValue::new(None::<f64>);
    let read_width = move || {
        if let Some(el) = chart_body.get_untracked() {
            let w = f64::from(el.client_width()) - horizontal_padding(&el);
            if w > 0.0 {
                body_width.set_value(Some(w));
            }
        }
    };
    Effect::new(move |_| {
        if chart_body.get().is_some() {
            request_animation_frame(read_width);
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| read_width());
    on_cleanup(move || resize.remove());
    let download = move |_| {
        let lang = i18n.lang_untracked();
        let text = data.with_untracked(|d| series_csv(d, lang));
        let name = format!("truy-cap-{}", ctx.metric.get_untracked().as_str());
        download_csv(&csv_file_name(&name, ctx.range.get_untracked()), &text);
    };
    let body = dyn_view(move || match state.get() {
        PanelState::Loading => view! { <SkeletonBlock lines=6/> }.into_any(),
        PanelState::Failed => {
            let error = Signal::derive(move || series.error.get().unwrap_or(ApiError::Network));
            view! { <ErrorState error=error on_retry=move |_| ctx.load_series()/> }.into_any()
        }
        PanelState::Empty => view! {
            <EmptyState
                title=Signal::derive(move || i18n.t(StatsMsg::EmptyTitle).to_string())
                hint=Signal::derive(move || Some(i18n.t(StatsMsg::EmptyHint).to_string()))
            />
        }
        .into_any(),
        PanelState::Ready => view! {
            <LineChart
                id="stats-chart"
                data=data
                title=title
                initial_width=body_width.get_value().unwrap_or_default()
            >
                <button type="button" class="button stats-csv" on:click=download>
                    {i18n.tr(StatsMsg::DownloadCsv)}
                </button>
            </LineChart>
        }
        .into_any(),
    });
    view! {
        <section class="stats-chart-section" aria-labelledby="stats-chart-heading">
            <div class="stats-section-head">
                <h2 id="stats-chart-heading">{heading}</h2>
                <IntervalSwitch/>
            </div>
            <div
                node_ref=chart_body
                class="stats-chart-body"
                class=("is-stale", dyn_flag(move || series.stale()))
                aria-busy=dyn_aria(move || series.loading.get())
            >
                {body}
            </div>
        </section>
    }
}

/// giờ / ngày / tuần / tháng; hours only for ranges the API allows them for.
#[component]
fn IntervalSwitch() -> impl IntoView {
    let ctx = expect_context::<StatsCtx>();
    let i18n = ctx.i18n;
    let hint = dyn_view(move || {
        if Interval::Hour.allowed_for(ctx.range.get()) {
            ().into_any()
        } else {
            view! { <p class="stats-interval-hint">{i18n.tr(StatsMsg::IntervalHourOff)}</p> }
                .into_any()
        }
    });
    view! {
        <div class="stats-interval">
            <div class="segmented" role="group" aria-label=i18n.tr(StatsMsg::IntervalLabel)>
                {Interval::ALL
                    .into_iter()
                    .map(|interval| {
                        view! {
                            <button
                                type="button"
                                class="segment"
                                data-interval=interval.as_str()
                                aria-pressed=dyn_aria(move || ctx.interval.get() == interval)
                                disabled=dyn_flag(move || !interval.allowed_for(ctx.range.get()))
                                on:click=move |_| {
                                    let q = ctx.query();
                                    ctx.go.run(StatsQuery { interval: Some(interval), ..q });
                                }
                            >
                                {i18n.tr(interval_msg(interval))}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            {hint}
        </div>
    }
}

/// One breakdown: its top rows as bars, with a CSV of them.
#[component]
fn BreakdownPanel(index: usize, dimension: Dimension) -> impl IntoView {
    let ctx = expect_context::<StatsCtx>();
    let i18n = ctx.i18n;
    let Some(feed) = ctx.breakdowns.get(index).copied() else {
        return ().into_any();
    };
    let items = Memo::new(move |_| {
        let total = ctx
            .summary
            .data
            .with(|s| s.as_ref().map_or(0, |s| s.current.visitors));
        feed.data.with(|b| {
            b.as_ref()
                .map(|b| bar_items(dimension, &b.rows, total))
                .unwrap_or_default()
        })
    });
    let state = Memo::new(move |_| feed.state(|b| b.rows.is_empty()));
    let heading_id = format!("stats-dim-{}", dimension.as_str());
    let labelled_by = heading_id.clone();
    let name = move || i18n.t(dimension_msg(dimension));
    let download = move |_| {
        let lang = i18n.lang_untracked();
        let text = items.with_untracked(|rows| breakdown_csv(rows, dimension, lang));
        download_csv(
            &csv_file_name(dimension.as_str(), ctx.range.get_untracked()),
            &text,
        );
    };
    let body = panel_body(
        i18n,
        state,
        feed.error,
        Callback::new(move |_| ctx.load_breakdown(index)),
        StatsMsg::BreakdownEmpty,
        move || {
            view! {
                <BarList
                    items=items
                    label=dyn_text(move || name().to_string())
                    unit=dyn_text(move || i18n.t(StatsMsg::UnitVisitors).to_string())
                />
            }
            .into_any()
        },
    );
    view! {
        <section class="stats-panel" data-dimension=dimension.as_str() aria-labelledby=labelled_by>
            <div class="stats-panel-head">
                <h3 id=heading_id>{i18n.tr(dimension_msg(dimension))}</h3>
                <button
                    type="button"
                    class="button button-quiet button-small stats-panel-csv"
                    aria-label=dyn_text(move || i18n.f(StatsMsg::DownloadCsvOf, &[("what", name())]))
                    disabled=dyn_flag(move || state.get() != PanelState::Ready)
                    on:click=download
                >
                    "CSV"
                </button>
            </div>
            <div class="stats-panel-body" class=("is-stale", dyn_flag(move || feed.stale()))>
                {body}
            </div>
        </section>
    }
    .into_any()
}

/// `HH:mm:ss` now in Vietnam.
fn clock_vn() -> String {
    let now = crate::clock::now().with_timezone(&vn_offset());
    format!("{:02}:{:02}:{:02}", now.hour(), now.minute(), now.second())
}

/// "Đang truy cập (5 phút qua)": refreshed every 30 seconds while the tab is visible.
#[component]
fn RealtimeBox() -> impl IntoView {
    let i18n = use_i18n();
    let feed = Feed::<Realtime>::new(None);
    let updated = RwSignal::new(String::new());
    Effect::new(move |_| {
        if feed.data.with(Option::is_some) {
            updated.set(clock_vn());
        }
    });
    spawn_local(async move {
        loop {
            if feed.generation.is_disposed() {
                return;
            }
            if !document().hidden() {
                feed.load(api::stats::realtime());
            }
            gloo_timers::future::sleep(REALTIME_EVERY).await;
        }
    });
    let state = Memo::new(move |_| feed.state(|r| r.visitors == 0 && r.pageviews == 0));
    let pages = Memo::new(move |_| {
        feed.data.with(|r| {
            r.as_ref()
                .map(|r| bar_items(Dimension::Pages, &r.pages, r.visitors))
                .unwrap_or_default()
        })
    });
    let minutes = Signal::derive(move || {
        feed.data.with(|r| {
            r.as_ref()
                .map(|r| r.minutes.iter().map(|m| m.pageviews as f64).collect())
                .unwrap_or_default()
        })
    });
    let figure = move |pick: fn(&Realtime) -> u64| {
        feed.data.with(|r| r.as_ref().map(pick).unwrap_or(0) as i64)
    };
    let body = panel_body(
        i18n,
        state,
        feed.error,
        Callback::new(move |_| feed.load(api::stats::realtime())),
        StatsMsg::RealtimeNone,
        move || {
            view! {
                <p class="realtime-count">
                    <strong>{dyn_text(move || number_vn(figure(|r| r.visitors)))}</strong>
                    " "
                    {i18n.tr(StatsMsg::UnitVisitors)}
                </p>
                <p class="realtime-sub">
                    {dyn_text(move || {
                        format!(
                            "{} · {}",
                            i18n.f(StatsMsg::RealtimePageviews, &[("n", &number_vn(figure(|r| r.pageviews)))]),
                            i18n.f(StatsMsg::RealtimeBots, &[("n", &number_vn(figure(|r| r.bot_pageviews)))]),
                        )
                    })}
                </p>
                <Sparkline
                    values=minutes
                    label=dyn_text(move || {
                        let list = minutes
                            .get()
                            .iter()
                            .map(|v| number_vn(*v as i64))
                            .collect::<Vec<_>>()
                            .join(", ");
                        format!("{}: {list}", i18n.t(StatsMsg::RealtimeMinutes))
                    })
                    width=200.0
                    height=36.0
                />
                <h4 class="realtime-pages-heading">{i18n.tr(StatsMsg::RealtimePages)}</h4>
                <BarList
                    items=pages
                    label=dyn_text(move || i18n.t(StatsMsg::RealtimePages).to_string())
                    unit=dyn_text(move || i18n.t(StatsMsg::UnitVisitors).to_string())
                />
            }
            .into_any()
        },
    );
    view! {
        <section class="stats-panel stats-realtime" aria-labelledby="stats-realtime-heading">
            <div class="stats-panel-head">
                <h3 id="stats-realtime-heading">
                    <span class="live-dot" aria-hidden="true"></span>
                    {i18n.tr(StatsMsg::Realtime)}
                </h3>
            </div>
            {body}
            <p class="realtime-updated">
                {dyn_text(move || {
                    let at = updated.get();
                    if at.is_empty() {
                        at
                    } else {
                        i18n.f(StatsMsg::RealtimeUpdated, &[("time", &at)])
                    }
                })}
            </p>
        </section>
    }
}

/// The dashboard's card: visitors of the last 30 days as a sparkline, today's figure, and a
/// link to `/stats`. Shown only to sessions with [`Permission::StatsView`].
#[component]
pub fn StatsTeaser() -> impl IntoView {
    let i18n = use_i18n();
    let today = crate::clock::today();
    let range = Preset::Last30.range(today);
    let feed = Feed::<Series>::new(None);
    let load = move || feed.load(api::stats::timeseries(range, Some(Interval::Day)));
    load();
    let state = Memo::new(move |_| feed.state(|_| false));
    let body = panel_body(
        i18n,
        state,
        feed.error,
        Callback::new(move |_| load()),
        StatsMsg::BreakdownEmpty,
        move || {
            feed.data
                .with(|s| s.as_ref().map(|s| teaser_card(i18n, s, today)))
                .unwrap_or_else(|| ().into_any())
        },
    );
    view! {
        <section class="dashboard-section stats-teaser" aria-labelledby="stats-teaser-heading">
            <h2 id="stats-teaser-heading">{i18n.tr(StatsMsg::DashStatsHeading)}</h2>
            {body}
        </section>
    }
}

fn teaser_card(i18n: I18n, series: &Series, today: NaiveDate) -> AnyView {
    let values: Vec<f64> = series
        .points
        .iter()
        .map(|p| p.totals.visitors as f64)
        .collect();
    let today_visitors = series
        .points
        .iter()
        .find(|p| p.start.date() == today)
        .or(series.points.last())
        .map_or(0, |p| p.totals.visitors);
    let total: u64 = series.points.iter().map(|p| p.totals.visitors).sum();
    let (min, max) = values
        .iter()
        .fold((f64::MAX, 0.0f64), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    let min = if values.is_empty() { 0.0 } else { min };
    let last = values.last().copied().unwrap_or(0.0);
    let range = series.range;
    let label = dyn_text(move || {
        let lang = i18n.lang();
        let n = |v: f64| format_value(ValueKind::Count, v, lang);
        fill(
            StatsMsg::SparklineLabel.text(lang),
            &[
                ("name", StatsMsg::MetricVisitors.text(lang)),
                ("from", &day_text(range.from)),
                ("to", &day_text(range.to)),
                ("min", &n(min)),
                ("max", &n(max)),
                ("last", &n(last)),
            ],
        )
    });
    view! {
        <a class="stats-teaser-card" href="/stats">
            <span class="teaser-today">
                <span class="teaser-label">{i18n.tr(StatsMsg::DashStatsToday)}</span>
                <span class="teaser-value">{number_vn(today_visitors as i64)}</span>
            </span>
            <Sparkline values=Signal::stored(values) label=label width=320.0 height=56.0/>
            <span class="teaser-total">
                {dyn_text(move || i18n.f(StatsMsg::DashStatsTotal, &[("n", &number_vn(total as i64))]))}
            </span>
            <span class="teaser-link">{i18n.tr(StatsMsg::DashStatsLink)}" →"</span>
        </a>
    }
    .into_any()
}
