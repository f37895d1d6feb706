//! `/plan` (Kế hoạch hoạt động năm): the years and their versions, the plans waiting for the
//! Director, "Tạo kế hoạch năm …"; and `/plan/:id`, one version: the draft's form for the
//! board, the Director's decision, the read-only document (also what prints on A4), "Sửa
//! đổi", a version selector, the changes between two versions and the year's history.

use super::plan_document::PlanDocument;
use super::plan_editor::{invalid_flag, FieldMessages, PlanEditor};
use super::plan_html::{diff_rows_html, history_rows_html, year_rows_html};
use super::plan_logic::{
    comment_error, may_amend, next_plan_year, plan_changes, state_msg, PlanChange,
};
use crate::api::{self, ApiError};
use crate::components::{
    dyn_flag, dyn_text, dyn_view, use_toasts, DynView, EmptyState, ErrorState, SkeletonBlock,
    ToastKind,
};
use crate::i18n::{use_i18n, ArticleMsg, I18n, Msg, PlanMsg};
use crate::pages::{sort_small_by_key, use_page_title, RequirePermission};
use crate::session::use_session;
use chrono::{DateTime, Datelike, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use portal_contract::format::{date_vn, datetime_vn, vn_offset};
use portal_contract::plan::{Plan, PlanAction, PlanHistoryEntry, PlanState, PlanSummary, YEARS};
use portal_contract::{FieldError, Permission};

/// Now, from the browser's clock.
fn now_utc() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// Where one version opens.
pub fn plan_href(id: i64) -> String {
    format!("/plan/{id}")
}

/// "Kế hoạch năm 2027, phiên bản 1 — trình ngày 22/11/2026".
fn awaiting_line(i18n: I18n, p: &PlanSummary) -> Signal<String> {
    let (year, n) = (p.year.to_string(), p.version_no.to_string());
    let date = p.submitted_at.map(date_vn).unwrap_or_default();
    dyn_text(move || {
        i18n.f(
            PlanMsg::PlanAwaitingItem,
            &[("year", &year), ("n", &n), ("date", &date)],
        )
    })
}

/// The `<option>`s of the year's versions ("Phiên bản 2 — Bản nháp"), `selected` chosen.
fn version_options(
    i18n: I18n,
    versions: RwSignal<Vec<PlanSummary>>,
    selected: Signal<Option<i64>>,
) -> DynView {
    dyn_view(move || {
        versions.with(|v| {
            v.iter()
                .map(|s| {
                    let label = i18n.f(
                        PlanMsg::PlanVersionOption,
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

/// The coloured label of a state.
#[component]
pub fn PlanStateBadge(state: PlanState) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class="plan-state-badge" data-state=state.as_str()>{i18n.tr(state_msg(state))}</span>
    }
}

// ---------------------------------------------------------------------------------------------
// /plan
// ---------------------------------------------------------------------------------------------

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
        Some(Err(e)) => {
            view! { <ErrorState error=Signal::stored(e) on_retry=move |_| load()/> }.into_any()
        }
    });
    view! {
        <div class="page page-plan">
            <h1>{i18n.tr(Msg::PlanTitle)}</h1>
            <p class="page-intro">{i18n.tr(PlanMsg::PlanIntro)}</p>
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
            <h2 id="plan-years-heading">{i18n.tr(PlanMsg::PlanYearsHeading)}</h2>
            {if empty {
                view! {
                    <EmptyState
                        title=dyn_text(move || i18n.t(PlanMsg::PlanNone).to_string())
                        hint=dyn_text(move || i18n.t(PlanMsg::PlanNoneHint).to_string())
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
                    <a class="button button-primary" href=plan_href(p.id)>{i18n.tr(PlanMsg::PlanOpenToDecide)}</a>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="plan-awaiting" aria-labelledby="plan-awaiting-heading">
            <h2 id="plan-awaiting-heading">{i18n.tr(PlanMsg::PlanAwaitingHeading)}</h2>
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
    let this_year = now_utc().with_timezone(&vn_offset()).year();
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
                i18n.t_untracked(PlanMsg::PlanYearInvalid),
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
                        i18n.f(PlanMsg::PlanCreated, &[("year", &y.to_string())]),
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
    let label = dyn_text(move || i18n.f(PlanMsg::PlanCreate, &[("year", year.get().trim())]));
    view! {
        <form class="plan-create" novalidate on:submit=on_submit>
            <div class="field">
                <label for="plan-new-year">{i18n.tr(PlanMsg::PlanCreateYear)}</label>
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
                {dyn_text(move || i18n.f(PlanMsg::PlanYearHeading, &[("year", &year.to_string())]))}
            </h3>
            <div class="table-wrap">
                <table class="data-table plan-year-table">
                    <thead>
                        <tr>
                            <th scope="col">{i18n.tr(PlanMsg::PlanColVersion)}</th>
                            <th scope="col">{i18n.tr(PlanMsg::PlanColState)}</th>
                            <th scope="col">{i18n.tr(PlanMsg::PlanColUpdated)}</th>
                            <th scope="col">{i18n.tr(PlanMsg::PlanColSubmitted)}</th>
                            <th scope="col">{i18n.tr(PlanMsg::PlanColApproved)}</th>
                            <th scope="col">{i18n.tr(PlanMsg::PlanColYearNorms)}</th>
                        </tr>
                    </thead>
                    <tbody inner_html=rows></tbody>
                </table>
            </div>
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// /plan/:id
// ---------------------------------------------------------------------------------------------

#[component]
pub fn PlanVersionPage() -> impl IntoView {
    view! {
        <RequirePermission permission=Permission::PlanView>
            <PlanVersion/>
        </RequirePermission>
    }
}

/// What decides which view of a version shows (the form, the decision, read-only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shape {
    id: i64,
    year: i32,
    state: PlanState,
}

#[component]
fn PlanVersion() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Msg::PlanTitle);
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse::<i64>().ok())));
    let plan = RwSignal::new(None::<Plan>);
    let versions = RwSignal::new(Vec::<PlanSummary>::new());
    let history = RwSignal::new(Vec::<PlanHistoryEntry>::new());
    let failure = RwSignal::new(None::<ApiError>);

    let load_side = move |id: i64, year: i32| {
        spawn_local(async move {
            let (list, lines) =
                futures::join!(api::plans::list(Some(year)), api::plans::history(id));
            if let Ok(list) = list {
                let _ = versions.try_set(list.items);
            }
            if let Ok(lines) = lines {
                let _ = history.try_set(lines);
            }
        });
    };
    let load = move |id: i64| {
        failure.set(None);
        spawn_local(async move {
            match api::plans::get(id).await {
                Ok(p) => {
                    let year = p.year;
                    let _ = plan.try_set(Some(p));
                    load_side(id, year);
                }
                Err(e) => {
                    let _ = failure.try_set(Some(e));
                }
            }
        });
    };
    Effect::new(move |_| match id.get() {
        Some(id) => {
            if plan.with_untracked(|p| p.as_ref().map(|p| p.id)) != Some(id) {
                plan.set(None);
            }
            load(id);
        }
        None => failure.set(Some(ApiError::from_response(404, "", None))),
    });
    let on_changed = Callback::new(move |p: Plan| {
        let (id, year) = (p.id, p.year);
        plan.set(Some(p));
        load_side(id, year);
    });
    let shape = Memo::new(move |_| {
        plan.with(|p| {
            p.as_ref().map(|p| Shape {
                id: p.id,
                year: p.year,
                state: p.state,
            })
        })
    });

    view! {
        <div class="page page-plan-version">
            <p class="breadcrumb plan-screen-only">
                <a href="/plan">{i18n.tr(PlanMsg::PlanBackToList)}</a>
            </p>
            {dyn_view(move || match (failure.get(), shape.get()) {
                (Some(e), _) => {
                    view! {
                        <ErrorState
                            error=Signal::stored(e)
                            on_retry=move |_| {
                                if let Some(id) = id.get_untracked() {
                                    load(id);
                                }
                            }
                        />
                    }
                        .into_any()
                }
                (None, None) => view! { <SkeletonBlock lines=8/> }.into_any(),
                (None, Some(shape)) => {
                    view! {
                        <PlanVersionBody
                            shape=shape
                            plan=plan
                            versions=versions
                            history=history
                            on_changed=on_changed
                        />
                    }
                        .into_any()
                }
            })}
        </div>
    }
}

#[component]
fn PlanVersionBody(
    shape: Shape,
    plan: RwSignal<Option<Plan>>,
    versions: RwSignal<Vec<PlanSummary>>,
    history: RwSignal<Vec<PlanHistoryEntry>>,
    on_changed: Callback<Plan>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let Some(initial) = plan.get_untracked() else {
        return ().into_any();
    };
    // Decided once per version shown (the body is rebuilt when the state changes).
    let editing = shape.state == PlanState::Draft && untrack(|| session.can(Permission::PlanEdit));
    let deciding =
        shape.state == PlanState::Submitted && untrack(|| session.can(Permission::PlanDecide));
    let doc_content = RwSignal::new(initial.content.clone());
    let fallback = initial.clone();
    let doc_plan = Signal::derive(move || plan.get().unwrap_or_else(|| fallback.clone()));
    // A returned draft keeps the Director's comment until it is submitted again.
    let returned = initial
        .return_comment
        .clone()
        .filter(|_| shape.state == PlanState::Draft);
    let version = Signal::derive(move || plan.with(|p| p.as_ref().map_or(0, |p| p.version)));
    let body = if editing {
        view! {
            <PlanEditor initial=initial.clone() plan=plan on_changed=on_changed doc_content=doc_content/>
            <div class="plan-print-only">
                <PlanDocument plan=doc_plan content=doc_content/>
            </div>
        }
        .into_any()
    } else {
        view! {
            <p class="plan-readonly-note plan-screen-only">{i18n.tr(readonly_msg(shape.state))}</p>
            <PlanDocument plan=doc_plan/>
        }
        .into_any()
    };
    view! {
        <PlanHeader plan=plan versions=versions shape=shape on_changed=on_changed/>
        {returned
            .map(|comment| {
                view! {
                    <section class="plan-returned plan-screen-only" role="note" aria-labelledby="plan-returned-heading">
                        <h2 id="plan-returned-heading">{i18n.tr(PlanMsg::PlanReturnedHeading)}</h2>
                        <p class="plan-returned-comment">{comment}</p>
                    </section>
                }
            })}
        {deciding
            .then(|| {
                view! {
                    <DecisionPanel
                        plan_id=shape.id
                        year=shape.year
                        version=version
                        on_done=on_changed
                        on_stale=Callback::new(move |_| {
                            spawn_local(async move {
                                if let Ok(p) = api::plans::get(shape.id).await {
                                    on_changed.run(p);
                                }
                            });
                        })
                    />
                }
            })}
        {body}
        <div class="plan-screen-only">
            <PlanCompare versions=versions current=shape.id/>
            <PlanHistory history=history/>
        </div>
    }
    .into_any()
}

fn readonly_msg(state: PlanState) -> PlanMsg {
    match state {
        PlanState::Approved => PlanMsg::PlanReadOnlyApproved,
        PlanState::Submitted => PlanMsg::PlanReadOnlySubmitted,
        PlanState::Superseded => PlanMsg::PlanReadOnlySuperseded,
        PlanState::Draft => PlanMsg::PlanReadOnlyDraft,
    }
}

/// Title, state, version selector, print, amend.
#[component]
fn PlanHeader(
    plan: RwSignal<Option<Plan>>,
    versions: RwSignal<Vec<PlanSummary>>,
    shape: Shape,
    on_changed: Callback<Plan>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let meta = dyn_text(move || {
        plan.with(|p| {
            p.as_ref()
                .map(|p| {
                    i18n.f(
                        PlanMsg::PlanMetaUpdated,
                        &[
                            ("n", &p.version_no.to_string()),
                            ("when", &datetime_vn(p.updated_at)),
                            ("who", &p.updated_by_name),
                        ],
                    )
                })
                .unwrap_or_default()
        })
    });
    // The header is rebuilt with the page when the state changes.
    let may_edit = untrack(|| session.can(Permission::PlanEdit));
    let can_amend = dyn_flag(move || may_edit && versions.with(|v| may_amend(shape.state, v)));
    let amending = RwSignal::new(false);
    let nav = navigate.clone();
    let amend = move |_| {
        let Some((id, version)) = plan.with_untracked(|p| p.as_ref().map(|p| (p.id, p.version)))
        else {
            return;
        };
        amending.set(true);
        let navigate = nav.clone();
        spawn_local(async move {
            match api::plans::amend(id, version).await {
                Ok(p) => {
                    toasts.push(
                        ToastKind::Success,
                        i18n.f(PlanMsg::PlanAmended, &[("n", &p.version_no.to_string())]),
                    );
                    navigate(&plan_href(p.id), Default::default());
                }
                Err(e) => {
                    toasts.push_error(&e, i18n.lang_untracked());
                    if e.status() == Some(412) {
                        if let Some(p) = e.current_as::<Plan>() {
                            on_changed.run(p);
                        }
                    }
                }
            }
            let _ = amending.try_set(false);
        });
    };
    let options = version_options(i18n, versions, Signal::stored(Some(shape.id)));
    let on_pick = move |ev| {
        if let Ok(id) = event_target_value(&ev).parse::<i64>() {
            if id != shape.id {
                navigate(&plan_href(id), Default::default());
            }
        }
    };
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        <header class="plan-header plan-screen-only">
            <h1>{dyn_text(move || i18n.f(PlanMsg::PlanDocHeading, &[("year", &shape.year.to_string())]))}</h1>
            <p class="plan-meta">
                <PlanStateBadge state=shape.state/>
                " "
                <span>{meta}</span>
            </p>
            <div class="plan-toolbar">
                <div class="field field-inline">
                    <label for="plan-version-select">{i18n.tr(PlanMsg::PlanVersionSelect)}</label>
                    <select id="plan-version-select" on:change=on_pick>
                        {options}
                    </select>
                </div>
                <button type="button" class="button plan-print" on:click=print>
                    {i18n.tr(PlanMsg::PlanPrint)}
                </button>
                {dyn_view(move || {
                    let amend = amend.clone();
                    can_amend
                        .get()
                        .then(move || {
                            view! {
                                <button
                                    type="button"
                                    class="button plan-amend"
                                    aria-describedby="plan-amend-hint"
                                    disabled=amending
                                    on:click=amend
                                >
                                    {i18n.tr(PlanMsg::PlanAmend)}
                                </button>
                                <p id="plan-amend-hint" class="field-hint plan-amend-hint">{i18n.tr(PlanMsg::PlanAmendHint)}</p>
                            }
                        })
                        .into_any()
                })}
            </div>
        </header>
    }
}

// ---------------------------------------------------------------------------------------------
// The Director's decision
// ---------------------------------------------------------------------------------------------

/// "Phê duyệt" and "Trả lại" in one place, with the Director's comment (required to return:
/// the message shows next to the field before anything is sent).
#[component]
pub fn DecisionPanel(
    plan_id: i64,
    year: i32,
    #[prop(into)] version: Signal<i64>,
    on_done: Callback<Plan>,
    on_stale: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let comment = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let decide = move |action: PlanAction| {
        if busy.get_untracked() {
            return;
        }
        let text = comment.get_untracked();
        if let Some(e) = comment_error(action, &text) {
            errors.set(vec![e]);
            super::editor::focus_later("plan-decision-comment".into());
            return;
        }
        errors.set(Vec::new());
        failure.set(None);
        busy.set(true);
        let note = Some(text.trim().to_string()).filter(|c| !c.is_empty());
        spawn_local(async move {
            match api::plans::transition(plan_id, version.get_untracked(), action, note).await {
                Ok(p) => {
                    let done = match action {
                        PlanAction::Approve => {
                            i18n.f(PlanMsg::PlanApprovedDone, &[("year", &year.to_string())])
                        }
                        _ => i18n.t_untracked(PlanMsg::PlanReturnedDone).to_string(),
                    };
                    toasts.push(ToastKind::Success, done);
                    on_done.run(p);
                }
                Err(e) => {
                    if let ApiError::Problem { problem, .. } = &e {
                        let _ = errors.try_set(problem.errors.clone());
                    }
                    let _ = failure.try_set(Some(e.message(i18n.lang_untracked())));
                    if matches!(e.status(), Some(409 | 412)) {
                        on_stale.run(());
                    }
                }
            }
            let _ = busy.try_set(false);
        });
    };
    view! {
        <section class="plan-decision plan-screen-only" aria-labelledby="plan-decision-heading">
            <h2 id="plan-decision-heading">{i18n.tr(PlanMsg::PlanDecisionHeading)}</h2>
            <p>{dyn_text(move || i18n.f(PlanMsg::PlanDecisionIntro, &[("year", &year.to_string())]))}</p>
            <div class="field">
                <label for="plan-decision-comment">{i18n.tr(PlanMsg::PlanDecisionComment)}</label>
                <textarea
                    id="plan-decision-comment"
                    rows="4"
                    prop:value=comment
                    on:input=move |ev| {
                        comment.set(event_target_value(&ev));
                        if errors.with_untracked(|e| !e.is_empty()) {
                            errors.set(Vec::new());
                        }
                    }
                    aria-invalid=invalid_flag(errors.into(), "comment")
                    aria-describedby="err-plan-decision-comment"
                ></textarea>
                <FieldMessages errors=errors field="comment" id="err-plan-decision-comment"/>
            </div>
            <p class="form-error" role="alert">{dyn_text(move || failure.get().unwrap_or_default())}</p>
            <div class="plan-decision-actions">
                <button
                    type="button"
                    class="button button-primary plan-approve"
                    disabled=busy
                    on:click=move |_| decide(PlanAction::Approve)
                >
                    {i18n.tr(PlanMsg::PlanApprove)}
                </button>
                <button
                    type="button"
                    class="button plan-return"
                    disabled=busy
                    on:click=move |_| decide(PlanAction::Return)
                >
                    {i18n.tr(PlanMsg::PlanReturn)}
                </button>
            </div>
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// Changes between two versions
// ---------------------------------------------------------------------------------------------

/// Old and new values of every changed cell; within a text, the removed words are struck
/// through on the old side and the added ones marked on the new side.
#[component]
pub fn PlanChangesTable(
    changes: Vec<PlanChange>,
    #[prop(into)] old_label: String,
    #[prop(into)] new_label: String,
) -> impl IntoView {
    let i18n = use_i18n();
    if changes.is_empty() {
        return view! { <p class="plan-diff-same" role="status">{i18n.tr(PlanMsg::PlanCompareSame)}</p> }
            .into_any();
    }
    let n = changes.len();
    let (old, new) = (old_label.clone(), new_label.clone());
    let rows = dyn_text(move || diff_rows_html(&changes, &old, &new, i18n.lang()));
    view! {
        <div class="table-wrap">
            <table class="data-table plan-diff">
                <caption>{dyn_text(move || i18n.f(PlanMsg::PlanChangesCount, &[("n", &n.to_string())]))}</caption>
                <thead>
                    <tr>
                        <th scope="col">{i18n.tr(PlanMsg::PlanComparePart)}</th>
                        <th scope="col">{old_label}</th>
                        <th scope="col">{new_label}</th>
                    </tr>
                </thead>
                <tbody inner_html=rows></tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn PlanCompare(versions: RwSignal<Vec<PlanSummary>>, current: i64) -> impl IntoView {
    let i18n = use_i18n();
    let from = RwSignal::new(None::<i64>);
    let to = RwSignal::new(Some(current));
    // The version just before the one open (or just after it, for version 1).
    Effect::new(move |_| {
        versions.with(|v| {
            if from.get_untracked().is_none() {
                let mut others: Vec<&PlanSummary> = v.iter().filter(|s| s.id != current).collect();
                let me = v.iter().find(|s| s.id == current).map(|s| s.version_no);
                sort_small_by_key(&mut others, |s| {
                    me.map_or(0, |n| {
                        let d = s.version_no - n;
                        if d < 0 {
                            -d * 2
                        } else {
                            d * 2 + 1
                        }
                    })
                });
                from.set(others.first().map(|s| s.id));
            }
        })
    });
    let result = RwSignal::new(None::<Result<(String, String, Vec<PlanChange>), ApiError>>);
    let busy = RwSignal::new(false);
    let label_of = move |id: i64| {
        versions.with_untracked(|v| {
            v.iter()
                .find(|s| s.id == id)
                .map(|s| i18n.f(PlanMsg::PlanVersionN, &[("n", &s.version_no.to_string())]))
                .unwrap_or_default()
        })
    };
    let run = move |_| {
        let (Some(a), Some(b)) = (from.get_untracked(), to.get_untracked()) else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            let (old, new) = futures::join!(api::plans::get(a), api::plans::get(b));
            // Older on the left, whatever order the selects were in.
            let out = match (old, new) {
                (Ok(x), Ok(y)) => {
                    let (x, y) = if x.version_no <= y.version_no {
                        (x, y)
                    } else {
                        (y, x)
                    };
                    Ok((
                        label_of(x.id),
                        label_of(y.id),
                        plan_changes(&x.content, &y.content),
                    ))
                }
                (Err(e), _) | (_, Err(e)) => Err(e),
            };
            let _ = result.try_set(Some(out));
            let _ = busy.try_set(false);
        });
    };
    let select = move |id: &'static str, label: PlanMsg, value: RwSignal<Option<i64>>| {
        view! {
            <div class="field">
                <label for=id>{i18n.tr(label)}</label>
                <select
                    id=id
                    on:change=move |ev| value.set(event_target_value(&ev).parse().ok())
                >
                    {version_options(i18n, versions, value.into())}
                </select>
            </div>
        }
    };
    view! {
        <section class="plan-compare" aria-labelledby="plan-compare-heading">
            <h2 id="plan-compare-heading">{i18n.tr(PlanMsg::PlanCompareHeading)}</h2>
            {dyn_view(move || {
                if versions.with(|v| v.len() < 2) {
                    view! { <p class="muted">{i18n.tr(PlanMsg::PlanCompareOnlyOne)}</p> }.into_any()
                } else {
                    view! {
                        <div class="plan-compare-form">
                            {select("plan-compare-from", PlanMsg::PlanCompareFrom, from)}
                            {select("plan-compare-to", PlanMsg::PlanCompareTo, to)}
                            <button type="button" class="button plan-compare-run" disabled=busy on:click=run>
                                {i18n.tr(PlanMsg::PlanCompareRun)}
                            </button>
                        </div>
                    }
                        .into_any()
                }
            })}
            {dyn_view(move || match result.get() {
                None => ().into_any(),
                Some(Ok((a, b, changes))) => {
                    view! { <PlanChangesTable changes=changes old_label=a new_label=b/> }.into_any()
                }
                Some(Err(e)) => {
                    view! { <p class="form-error" role="alert">{e.message(i18n.lang())}</p> }.into_any()
                }
            })}
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// History
// ---------------------------------------------------------------------------------------------

/// Who did what when, newest first, with the Director's comments.
#[component]
pub fn PlanHistory(#[prop(into)] history: Signal<Vec<PlanHistoryEntry>>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = dyn_text(move || history.with(|h| history_rows_html(h, i18n.lang())));
    view! {
        <section class="plan-history" aria-labelledby="plan-history-heading">
            <h2 id="plan-history-heading">{i18n.tr(PlanMsg::PlanHistoryHeading)}</h2>
            {dyn_view(move || {
                if history.with(Vec::is_empty) {
                    view! { <p class="muted">{i18n.tr(ArticleMsg::HistoryEmpty)}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-wrap">
                            <table class="data-table plan-history-table">
                                <thead>
                                    <tr>
                                        <th scope="col">{i18n.tr(ArticleMsg::ColWhen)}</th>
                                        <th scope="col">{i18n.tr(PlanMsg::PlanColVersion)}</th>
                                        <th scope="col">{i18n.tr(ArticleMsg::ColWho)}</th>
                                        <th scope="col">{i18n.tr(ArticleMsg::ColAction)}</th>
                                        <th scope="col">{i18n.tr(ArticleMsg::ColComment)}</th>
                                    </tr>
                                </thead>
                                <tbody inner_html=rows></tbody>
                            </table>
                        </div>
                    }
                        .into_any()
                }
            })}
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// Dashboard
// ---------------------------------------------------------------------------------------------

/// For the Director on the dashboard: the plans waiting for a decision (nothing when none,
/// or when they cannot be read).
#[component]
pub fn PlansAwaitingCard() -> impl IntoView {
    let i18n = use_i18n();
    let waiting = RwSignal::new(Vec::<PlanSummary>::new());
    spawn_local(async move {
        if let Ok(page) = api::plans::list(None).await {
            let submitted = page
                .items
                .into_iter()
                .filter(|s| s.state == PlanState::Submitted)
                .collect();
            let _ = waiting.try_set(submitted);
        }
    });
    let card = dyn_view(move || {
        if waiting.with(Vec::is_empty) {
            return ().into_any();
        }
        let list = waiting
            .get()
            .into_iter()
            .map(|p| view! { <li><a href=plan_href(p.id)>{awaiting_line(i18n, &p)}</a></li> })
            .collect_view();
        view! {
            <section class="dashboard-section dash-card dash-plans" aria-labelledby="dash-plans-heading">
                <h2 id="dash-plans-heading">{i18n.tr(PlanMsg::DashPlansTitle)}</h2>
                <ul>{list}</ul>
            </section>
        }
        .into_any()
    });
    view! { {card} }
}
