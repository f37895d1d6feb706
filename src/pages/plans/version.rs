//! `/plan/:id`: one version of a plan, read or edited, with its header and actions.

use super::badge::PlanStateBadge;
use super::changes::PlanCompare;
use super::decision::DecisionPanel;
use super::history::PlanHistory;
use super::list::{plan_href, version_options};
use crate::api::{self, ApiError};
use crate::components::{
    dyn_flag, dyn_text, dyn_view, error_state, use_toasts, SkeletonBlock, ToastKind,
};
use crate::i18n::{use_i18n, Msg};
use crate::pages::plans::document::PlanDocument;
use crate::pages::plans::editor::PlanEditor;
use crate::pages::plans::logic::may_amend;
use crate::pages::plans::strings::PlanMsg;
use crate::pages::{use_page_title, RequirePermission};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use portal_contract::format::datetime_vn;
use portal_contract::plans::{Plan, PlanHistoryEntry, PlanState, PlanSummary};
use portal_contract::Permission;

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
                <a href="/plan">{i18n.tr(PlanMsg::BackToList)}</a>
            </p>
            {dyn_view(move || match (failure.get(), shape.get()) {
                (Some(e), _) => error_state(e, move || {
                    if let Some(id) = id.get_untracked() {
                        load(id);
                    }
                }),
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
                        <h2 id="plan-returned-heading">{i18n.tr(PlanMsg::ReturnedHeading)}</h2>
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
        PlanState::Approved => PlanMsg::ReadOnlyApproved,
        PlanState::Submitted => PlanMsg::ReadOnlySubmitted,
        PlanState::Superseded => PlanMsg::ReadOnlySuperseded,
        PlanState::Draft => PlanMsg::ReadOnlyDraft,
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
                        PlanMsg::MetaUpdated,
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
                        i18n.f(PlanMsg::Amended, &[("n", &p.version_no.to_string())]),
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
            <h1>{dyn_text(move || i18n.f(PlanMsg::DocHeading, &[("year", &shape.year.to_string())]))}</h1>
            <p class="plan-meta">
                <PlanStateBadge state=shape.state/>
                " "
                <span>{meta}</span>
            </p>
            <div class="plan-toolbar">
                <div class="field field-inline">
                    <label for="plan-version-select">{i18n.tr(PlanMsg::VersionSelect)}</label>
                    <select id="plan-version-select" on:change=on_pick>
                        {options}
                    </select>
                </div>
                <button type="button" class="button plan-print" on:click=print>
                    {i18n.tr(PlanMsg::Print)}
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
                                    {i18n.tr(PlanMsg::Amend)}
                                </button>
                                <p id="plan-amend-hint" class="field-hint plan-amend-hint">{i18n.tr(PlanMsg::AmendHint)}</p>
                            }
                        })
                        .into_any()
                })}
            </div>
        </header>
    }
}
