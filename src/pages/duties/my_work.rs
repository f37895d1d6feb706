//! Dashboard tiles of the board's recurring duties: "Việc của tôi", this quarter's model
//! articles, this year's operation plan and the spokesperson's last confirmation. Each tile
//! has its loading, empty and error state and links to where the work is done.

use crate::api::query::encode_pairs;
use crate::api::{self, ApiError};
use crate::components::{dyn_view, error_state, EmptyState, Loaded, SkeletonBlock};
use crate::i18n::{stage_label, use_i18n, I18n};
use crate::pages::articles::format::days_since;
use crate::pages::articles::list::stage_list_href;
use crate::pages::articles::strings::ArticleMsg;
use crate::pages::duties::strings::DutiesMsg;
use crate::pages::plans::strings::PlanMsg;
use crate::pages::spokesperson::strings::SpokespersonMsg;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_contract::duties::Quarter;
use portal_contract::duties::{MyWork, MyWorkGroup};
use portal_contract::format::{date_vn, number_vn};
use portal_contract::plans::{PlanState, PlanSummary};
use portal_contract::spokesperson::Spokesperson;
use portal_contract::{ArticleSummary, Stage};

/// Items listed per stage on the dashboard.
pub const MY_WORK_ITEMS: u32 = 3;

/// The article list of `stage`, longest-waiting first (where "see all" goes).
pub fn my_work_href(stage: Stage) -> String {
    let base = stage_list_href(stage);
    format!("{base}&sort=stage_changed_at")
}

/// "chờ 3 ngày" / "chờ từ hôm nay".
pub fn waiting_text(i18n: I18n, now_ms: f64, a: &ArticleSummary) -> String {
    match days_since(now_ms, a.stage_changed_at) {
        0 => i18n.t(DutiesMsg::MyWorkToday).to_string(),
        n => i18n.f(DutiesMsg::MyWorkWaiting, &[("n", &number_vn(n))]),
    }
}

/// "Việc của tôi": per stage where the user acts, how many wait and the oldest few.
#[component]
pub fn MyWorkCard() -> impl IntoView {
    let i18n = use_i18n();
    let work = LocalResource::new(|| api::duties::my_work(MY_WORK_ITEMS));
    view! {
        <section class="dashboard-section dash-card dash-my-work" aria-labelledby="dash-work-heading">
            <h2 id="dash-work-heading">{i18n.tr(DutiesMsg::MyWorkTitle)}</h2>
            <Loaded resource=work skeleton=|| view! { <SkeletonBlock lines=4/> } let:w>
                <MyWorkBody work=w/>
            </Loaded>
        </section>
    }
}

/// The groups of [`MyWorkCard`] (mounted alone in the browser tests).
#[component]
pub fn MyWorkBody(work: MyWork) -> impl IntoView {
    let i18n = use_i18n();
    if work.groups.is_empty() {
        return view! {
            <EmptyState title=Signal::derive(move || i18n.t(DutiesMsg::MyWorkNoRole).to_string())/>
        }
        .into_any();
    }
    if work.total == 0 {
        return view! {
            <EmptyState title=Signal::derive(move || i18n.t(DutiesMsg::MyWorkEmpty).to_string())/>
        }
        .into_any();
    }
    let now_ms = js_sys::Date::now();
    view! {
        <ul class="my-work">
            {work
                .groups
                .into_iter()
                .filter(|g| g.total > 0)
                .map(|g| my_work_group(i18n, now_ms, g))
                .collect_view()}
        </ul>
    }
    .into_any()
}

fn my_work_group(i18n: I18n, now_ms: f64, g: MyWorkGroup) -> impl IntoView {
    let stage = g.stage;
    let total = g.total;
    let more = (total as usize > g.items.len()).then(|| {
        view! {
            <a class="my-work-all" href=my_work_href(stage)>
                {move || i18n.f(DutiesMsg::MyWorkSeeAll, &[("n", &number_vn(total as i64))])}
            </a>
        }
    });
    let items = g
        .items
        .into_iter()
        .map(|a| {
            // A revision's wait is its own, not the published article's.
            let waiting = match a.revision_stage {
                Some(_) => ArticleMsg::RevBadge.text(i18n.lang_untracked()).to_string(),
                None => waiting_text(i18n, now_ms, &a),
            };
            let class = if a.revision_stage.is_some() {
                "my-work-since badge badge-revision"
            } else {
                "my-work-since"
            };
            view! {
                <li>
                    <a href=format!("/articles/{}", a.id)>{a.title}</a>
                    " "
                    <span class=class>{waiting}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <li class="my-work-group" data-stage=stage.as_str()>
            <h3>
                <span class="stage-badge" data-stage=stage.as_str()>
                    {move || stage_label(stage, i18n.lang())}
                </span>
                " "
                <span class="my-work-count">
                    {move || i18n.f(DutiesMsg::MyWorkCount, &[("n", &number_vn(total as i64))])}
                </span>
            </h3>
            <ol class="my-work-items">{items}</ol>
            {more}
        </li>
    }
}

/// This quarter's model articles: sent against the target, and the candidates.
#[component]
pub fn QuarterlyCard() -> impl IntoView {
    let i18n = use_i18n();
    let status = LocalResource::new(|| api::duties::quarter(None));
    view! {
        <section class="dashboard-section dash-card dash-quarterly" aria-labelledby="dash-quarter-heading">
            <Loaded resource=status skeleton=|| view! { <SkeletonBlock lines=3/> } let:s>
                {
                    let q = Quarter::new(s.year, s.quarter).unwrap_or(Quarter { year: s.year, quarter: 1 });
                    let label = move || if i18n.lang() == crate::i18n::Lang::Vi { q.label_vi() } else { q.label_en() };
                    let (sent, target) = (s.sent_count, s.target);
                    let open = s.candidates.iter().filter(|c| !c.sent).count();
                    let percent = (sent * 100).checked_div(target).unwrap_or(100).min(100);
                    view! {
                        <h2 id="dash-quarter-heading">
                            {move || i18n.f(DutiesMsg::DashQuarterTitle, &[("quarter", &label())])}
                        </h2>
                        <p class="dash-quarter-sent" class:reached={sent >= target}>
                            {move || {
                                i18n.f(
                                    DutiesMsg::DashQuarterSent,
                                    &[("sent", &sent.to_string()), ("target", &target.to_string())],
                                )
                            }}
                        </p>
                        <progress max=target.max(1).to_string() value=sent.min(target.max(1)).to_string()>
                            {format!("{percent} %")}
                        </progress>
                        <p class="section-hint">
                            {move || i18n.f(DutiesMsg::DashQuarterCandidates, &[("n", &open.to_string())])}
                        </p>
                        <p>
                            <a href=format!("/quarterly{}", encode_pairs(&[("year", s.year.to_string()), ("quarter", s.quarter.to_string())]))>
                                {i18n.tr(DutiesMsg::DashQuarterOpen)}
                            </a>
                        </p>
                    }
                        .into_any()
                }
            </Loaded>
        </section>
    }
}

/// The text of a plan's state, as the plan pages say it.
pub fn plan_state_text(i18n: I18n, state: PlanState) -> &'static str {
    i18n.t(match state {
        PlanState::Draft => PlanMsg::StateDraft,
        PlanState::Submitted => PlanMsg::StateSubmitted,
        PlanState::Approved => PlanMsg::StateApproved,
        PlanState::Superseded => PlanMsg::StateSuperseded,
    })
}

/// The version of `year` that matters now: the one being worked on, else the one in force.
pub fn current_plan(plans: &[PlanSummary], year: i32) -> Option<&PlanSummary> {
    let of_year = || plans.iter().filter(move |p| p.year == year);
    of_year()
        .filter(|p| matches!(p.state, PlanState::Draft | PlanState::Submitted))
        .max_by_key(|p| p.version_no)
        .or_else(|| {
            of_year()
                .filter(|p| p.state == PlanState::Approved)
                .max_by_key(|p| p.version_no)
        })
}

/// This year's operation plan: its state, or that there is none yet.
#[component]
pub fn PlanYearCard() -> impl IntoView {
    let i18n = use_i18n();
    let year_no = crate::clock::this_year();
    let year = year_no.to_string();
    let plans = LocalResource::new(move || api::plans::list(Some(year_no)));
    view! {
        <section class="dashboard-section dash-card dash-plan-year" aria-labelledby="dash-plan-year-heading">
            <h2 id="dash-plan-year-heading">
                {move || i18n.f(DutiesMsg::DashPlanTitle, &[("year", &year)])}
            </h2>
            <Loaded resource=plans skeleton=|| view! { <SkeletonBlock lines=2/> } let:page>
                {
                    match current_plan(&page.items, year_no) {
                        Some(p) => {
                            let (v, state, id) = (p.version_no, p.state, p.id);
                            view! {
                                <p class="dash-plan-state" data-state=state.as_str()>
                                    {move || {
                                        i18n.f(
                                            DutiesMsg::DashPlanVersion,
                                            &[("v", &v.to_string()), ("state", plan_state_text(i18n, state))],
                                        )
                                    }}
                                </p>
                                <p><a href=format!("/plan/{id}")>{i18n.tr(DutiesMsg::DashPlanOpen)}</a></p>
                            }
                                .into_any()
                        }
                        None => {
                            view! {
                                <EmptyState title=Signal::derive(move || {
                                    i18n.f(DutiesMsg::DashPlanNone, &[("year", &year_no.to_string())])
                                })>
                                    <a href="/plan">{i18n.tr(DutiesMsg::DashPlanOpen)}</a>
                                </EmptyState>
                            }
                                .into_any()
                        }
                    }
                }
            </Loaded>
        </section>
    }
}

/// The spokesperson's details: when they were last confirmed, or a warning when stale.
#[component]
pub fn SpokespersonCard() -> impl IntoView {
    let i18n = use_i18n();
    let current = RwSignal::new(None::<Result<Spokesperson, ApiError>>);
    let load = move || {
        spawn_local(async move {
            let r = api::spokesperson::get().await;
            let _ = current.try_set(Some(r));
        })
    };
    load();
    let body = dyn_view(move || match current.get() {
        None => view! { <SkeletonBlock lines=2/> }.into_any(),
        Some(Err(e)) => error_state(e, load),
        Some(Ok(s)) => {
            let confirmed = s.confirmed_at.map(date_vn);
            let stale = crate::pages::spokesperson::page::stale_text(i18n, &s);
            view! {
                {confirmed.map(|d| view! {
                    <p>{move || i18n.f(DutiesMsg::DashSpConfirmed, &[("date", &d)])}</p>
                })}
                {stale.map(|t| view! { <p class="notice notice-warning">{t}</p> })}
                <p><a href="/spokesperson">{i18n.tr(SpokespersonMsg::DashSpOpen)}</a></p>
            }
            .into_any()
        }
    });
    let stale = move || matches!(current.get(), Some(Ok(ref s)) if s.stale);
    view! {
        <section class="dashboard-section dash-card dash-spokesperson" class:dash-warn=stale aria-labelledby="dash-sp-heading">
            <h2 id="dash-sp-heading">{i18n.tr(DutiesMsg::DashSpTitle)}</h2>
            {body}
        </section>
    }
}
