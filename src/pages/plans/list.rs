//! `/plan`: the plans by year, the ones awaiting a decision, a new plan.

use crate::api::{self, ApiError};
use crate::components::{
    dyn_text, dyn_view, error_state, use_toasts, ColumnHeads, DynView, EmptyState, SkeletonBlock,
    ToastKind,
};
use crate::form::{invalid_flag, FieldMessages};
use crate::i18n::{use_i18n, I18n, Msg};
use crate::pages::plans::html::year_rows_html;
use crate::pages::plans::logic::{next_plan_year, state_msg};
use crate::pages::plans::strings::PlanMsg;
use crate::pages::{use_page_title, RequirePermission};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use portal_contract::format::date_vn;
use portal_contract::plans::{PlanState, PlanSummary, YEARS};
use portal_contract::{FieldError, Permission};

/// Where one version opens.
pub fn plan_href(id: i64) -> String {
    format!("/plan/{id}")
}

/// "Kế hoạch năm 2027, phiên bản 1 — trình ngày 22/11/2026".
pub(crate) fn awaiting_line(i18n: I18n, p: &PlanSummary) -> Signal<String> {
    let (year, n) = (p.year.to_string(), p.version_no.to_string());
    let date = p.submitted_at.map(date_vn).unwrap_or_default();
    dyn_text(move || {
        i18n.f(
            PlanMsg::AwaitingItem,
            &[("year", &year), ("n", &n), ("date", &date)],
        )
    })
}

/// The `<option>`s of the year's versions ("Phiên bản 2 — Bản nháp"), `selected` chosen.
pub(crate) fn version_options(
    i18n: I18n,
    versions: RwSignal<Vec<PlanSummary>>,
    selected: Signal<Option<i64>>,
) -> DynView {
    dyn_view(move || {
        versions.with(|v| {
            v.iter()
                .map(|s| {
                    let label = i18n.f(
                        PlanMsg::VersionOption,
                        &[
                            ("n", &s.version_no.to_string()),
                            ("state", i18n.t(state_msg(s.state))),
                        ],
                    );
                    view! {
                        <option value=s.id.to_string() selected=selected.get() == Some(s.id)>{label}</option>
                    }
                })
                .collect_view()
                .into_any()
        })
    })
}

#[component]
pub fn PlanPage() -> impl IntoView {
    view! {
        <RequirePermission permission=Permission::PlanView>
            <PlanList/>
        </RequirePermission>
    }
}

#[component]
fn PlanList() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Msg::PlanTitle);
    // A signal filled by a task rather than a resource: no async view machinery per page.
    let plans = RwSignal::new(None::<Result<Vec<PlanSummary>, ApiError>>);
    let load = move || {
        plans.set(None);
        spawn_local(async move {
            let answer = api::plans::list(None).await.map(|p| p.items);
            let _ = plans.try_set(Some(answer));
        });
    };
    load();
    let body = dyn_view(move || match plans.get() {
        None => view! { <SkeletonBlock lines=5/> }.into_any(),
        Some(Ok(items)) => view! { <PlanListBody items=items/> }.into_any(),
        Some(Err(e)) => error_state(e, load),
    });
    view! {
        <div class="page page-plan">
            <h1>{i18n.tr(Msg::PlanTitle)}</h1>
            <p class="page-intro">{i18n.tr(PlanMsg::Intro)}</p>
            {body}
        </div>
    }
}

#[component]
fn PlanListBody(items: Vec<PlanSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let can_edit = untrack(|| session.can(Permission::PlanEdit));
    let can_decide = untrack(|| session.can(Permission::PlanDecide));
    let waiting: Vec<PlanSummary> = items
        .iter()
        .filter(|p| p.state == PlanState::Submitted)
        .cloned()
        .collect();
    let mut years: Vec<i32> = items.iter().map(|p| p.year).collect();
    years.dedup();
    let existing = years.clone();
    let by_year = years
        .into_iter()
        .map(|y| {
            let versions: Vec<PlanSummary> =
                items.iter().filter(|p| p.year == y).cloned().collect();
            view! { <PlanYear year=y versions=versions/> }
        })
        .collect_view();
    let empty = items.is_empty();
    view! {
        {(can_decide && !waiting.is_empty()).then(|| view! { <AwaitingDecision items=waiting/> })}
        {can_edit.then(|| view! { <CreatePlan existing=existing/> })}
        <section class="plan-years" aria-labelledby="plan-years-heading">
            <h2 id="plan-years-heading">{i18n.tr(PlanMsg::YearsHeading)}</h2>
            {if empty {
                view! {
                    <EmptyState
                        title=dyn_text(move || i18n.t(PlanMsg::None).to_string())
                        hint=dyn_text(move || i18n.t(PlanMsg::NoneHint).to_string())
                    />
                }
                    .into_any()
            } else {
                by_year.into_any()
            }}
        </section>
    }
}

/// For the Director: the versions waiting for a decision, at the top.
#[component]
fn AwaitingDecision(items: Vec<PlanSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = items
        .into_iter()
        .map(|p| {
            view! {
                <li>
                    <span>{awaiting_line(i18n, &p)}</span>
                    " "
                    <a class="button button-primary" href=plan_href(p.id)>{i18n.tr(PlanMsg::OpenToDecide)}</a>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="plan-awaiting" aria-labelledby="plan-awaiting-heading">
            <h2 id="plan-awaiting-heading">{i18n.tr(PlanMsg::AwaitingHeading)}</h2>
            <ul class="plan-awaiting-list">{rows}</ul>
        </section>
    }
}

/// "Tạo kế hoạch năm …": the year proposed is the first without a plan.
#[component]
fn CreatePlan(existing: Vec<i32>) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let this_year = crate::clock::this_year();
    let year = RwSignal::new(next_plan_year(&existing, this_year).to_string());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let y = year
            .get_untracked()
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|y| YEARS.contains(y));
        let Some(y) = y else {
            errors.set(vec![FieldError::new(
                "year",
                "out_of_range",
                i18n.t_untracked(PlanMsg::YearInvalid),
            )]);
            return;
        };
        errors.set(Vec::new());
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::plans::create(y).await {
                Ok(p) => {
                    toasts.push(
                        ToastKind::Success,
                        i18n.f(PlanMsg::Created, &[("year", &y.to_string())]),
                    );
                    navigate(&plan_href(p.id), Default::default());
                }
                Err(e) => {
                    let message = e.message(i18n.lang_untracked());
                    let _ = errors.try_set(vec![FieldError::new("year", "refused", message)]);
                    let _ = busy.try_set(false);
                }
            }
        });
    };
    let label = dyn_text(move || i18n.f(PlanMsg::Create, &[("year", year.get().trim())]));
    view! {
        <form class="plan-create" novalidate on:submit=on_submit>
            <div class="field">
                <label for="plan-new-year">{i18n.tr(PlanMsg::CreateYear)}</label>
                <input
                    id="plan-new-year"
                    type="text"
                    inputmode="numeric"
                    maxlength="4"
                    autocomplete="off"
                    prop:value=year
                    on:input=move |ev| year.set(event_target_value(&ev))
                    aria-invalid=invalid_flag(errors.into(), "year")
                    aria-describedby="err-plan-new-year"
                />
                <FieldMessages errors=errors field="year" id="err-plan-new-year"/>
            </div>
            <button type="submit" class="button button-primary plan-create-button" disabled=busy>
                {label}
            </button>
        </form>
    }
}

/// One year: its versions with their states.
#[component]
fn PlanYear(year: i32, versions: Vec<PlanSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let heading_id = format!("plan-year-{year}");
    let labelled_by = heading_id.clone();
    let rows = dyn_text(move || year_rows_html(&versions, i18n.lang()));
    view! {
        <section class="plan-year" aria-labelledby=labelled_by>
            <h3 id=heading_id>
                {dyn_text(move || i18n.f(PlanMsg::YearHeading, &[("year", &year.to_string())]))}
            </h3>
            <div class="table-wrap">
                <table class="data-table plan-year-table">
                    <ColumnHeads labels=vec![
                        i18n.tr(PlanMsg::ColVersion), i18n.tr(PlanMsg::ColState),
                        i18n.tr(PlanMsg::ColUpdated), i18n.tr(PlanMsg::ColSubmitted),
                        i18n.tr(PlanMsg::ColApproved), i18n.tr(PlanMsg::ColYearNorms),
                    ]/>
                    <tbody inner_html=rows></tbody>
                </table>
            </div>
        </section>
    }
}
