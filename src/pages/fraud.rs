//! `/fraud-reports` (Báo cáo lừa đảo, Official Dispatch 1466): the list with filters by state
//! and channel, the form a local office fills in, and one report with its state actions and
//! the "write a warning article" button. Plus the dashboard's tile of open reports.
//!
//! User text is always rendered as text nodes, never as HTML.

use super::fraud_logic::{local_value, to_request, FraudForm};
use super::plan_editor::{focus_first_invalid, invalid_flag, FieldMessages};
use crate::api::fraud::FraudFilter;
use crate::api::{self, ApiError};
use crate::components::{
    use_toasts, EmptyState, ErrorState, Pagination, SkeletonBlock, SkeletonRows, ToastKind,
};
use crate::i18n::{fraud_channel_label, fraud_state_label, use_i18n, FraudMsg, Msg};
use crate::pages::{use_page_title, RequirePermission};
use crate::session::use_session;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use portal_contract::format::{datetime_vn, number_vn, vnd};
use portal_contract::fraud::{
    FraudAction, FraudChannel, FraudHistoryEntry, FraudReport, FraudReportSummary, FraudState,
};
use portal_contract::{FieldError, Page, Permission};

/// Reports per page of the list.
const PER_PAGE: u32 = 20;

fn now() -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// `/fraud-reports?state=&channel=` with the filters of the list.
pub fn fraud_list_href(states: &[FraudState], channel: Option<FraudChannel>) -> String {
    let mut pairs = Vec::new();
    if !states.is_empty() {
        let s: Vec<&str> = states.iter().map(|s| s.as_str()).collect();
        pairs.push(("state", s.join(",")));
    }
    if let Some(c) = channel {
        pairs.push(("channel", c.as_str().to_string()));
    }
    format!("/fraud-reports{}", crate::api::query::encode_pairs(&pairs))
}

/// The state as a coloured badge (text, never colour alone).
#[component]
pub fn FraudStateBadge(state: FraudState) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class="fraud-state-badge" data-state=state.as_str()>
            {move || fraud_state_label(state, i18n.lang())}
        </span>
    }
}

// ---------------------------------------------------------------------------------------------
// /fraud-reports
// ---------------------------------------------------------------------------------------------

#[component]
pub fn FraudReportsPage() -> impl IntoView {
    view! {
        <RequirePermission permission=Permission::FraudRead>
            <FraudList/>
        </RequirePermission>
    }
}

#[component]
fn FraudList() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    use_page_title(Msg::NavFraud);
    let query = use_query_map();
    let states = Memo::new(move |_| {
        query.with(|q| {
            q.get_str("state")
                .map(|s| {
                    s.split(',')
                        .filter_map(FraudState::parse)
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let channel =
        Memo::new(move |_| query.with(|q| q.get_str("channel").and_then(FraudChannel::parse)));
    let page = Memo::new(move |_| {
        query.with(|q| {
            q.get_str("page")
                .and_then(|p| p.parse::<u32>().ok())
                .filter(|p| *p >= 1)
                .unwrap_or(1)
        })
    });
    let navigate = use_navigate();
    let go = Callback::new(
        move |(s, c, p): (Vec<FraudState>, Option<FraudChannel>, u32)| {
            let mut href = fraud_list_href(&s, c);
            if p > 1 {
                href.push_str(if href.contains('?') { "&" } else { "?" });
                href.push_str(&format!("page={p}"));
            }
            navigate(&href, Default::default());
        },
    );
    let reports = LocalResource::new(move || {
        let filter = FraudFilter {
            states: states.get(),
            channels: channel.get().into_iter().collect(),
            page: page.get(),
            per_page: PER_PAGE,
        };
        async move { api::fraud::list(&filter).await }
    });
    let state_value = move || {
        let s = states.get();
        if s.is_empty() {
            String::new()
        } else {
            s.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(",")
        }
    };
    let on_state = move |ev| {
        let v = event_target_value(&ev);
        let s = v.split(',').filter_map(FraudState::parse).collect();
        go.run((s, channel.get_untracked(), 1));
    };
    let on_channel = move |ev| {
        let v = event_target_value(&ev);
        go.run((states.get_untracked(), FraudChannel::parse(&v), 1));
    };
    let go_to_page = Callback::new(move |p: u32| {
        go.run((states.get_untracked(), channel.get_untracked(), p));
    });
    let clear = Callback::new(move |_: ()| go.run((Vec::new(), None, 1)));
    let filtered = Memo::new(move |_| !states.get().is_empty() || channel.get().is_some());
    let may_file = move || session.can(Permission::FraudCreate);
    view! {
        <div class="page page-fraud">
            <div class="page-head">
                <h1>{i18n.tr(FraudMsg::FraudTitle)}</h1>
                {move || {
                    may_file()
                        .then(|| {
                            view! {
                                <a class="button button-primary" href="/fraud-reports/new" data-action="new-fraud-report">
                                    {i18n.tr(FraudMsg::FraudNew)}
                                </a>
                            }
                        })
                }}
            </div>
            <p class="page-intro">{i18n.tr(FraudMsg::FraudIntro)}</p>
            <fieldset class="filters fraud-filters">
                <legend>{i18n.tr(FraudMsg::FraudFiltersLegend)}</legend>
                <div class="field">
                    <label for="fraud-filter-state">{i18n.tr(FraudMsg::FraudFilterState)}</label>
                    <select id="fraud-filter-state" on:change=on_state prop:value=state_value>
                        <option value="">{i18n.tr(FraudMsg::FraudFilterAll)}</option>
                        <option value="new,verified">{i18n.tr(FraudMsg::FraudFilterOpen)}</option>
                        {FraudState::ALL
                            .into_iter()
                            .map(|s| {
                                view! {
                                    <option value=s.as_str()>{move || fraud_state_label(s, i18n.lang())}</option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="fraud-filter-channel">{i18n.tr(FraudMsg::FraudFilterChannel)}</label>
                    <select
                        id="fraud-filter-channel"
                        on:change=on_channel
                        prop:value=move || channel.get().map(|c| c.as_str()).unwrap_or("")
                    >
                        <option value="">{i18n.tr(FraudMsg::FraudFilterAll)}</option>
                        {FraudChannel::ALL
                            .into_iter()
                            .map(|c| {
                                view! {
                                    <option value=c.as_str()>{move || fraud_channel_label(c, i18n.lang())}</option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
            </fieldset>
            <Transition fallback=|| view! { <FraudTableSkeleton/> }>
                {move || Suspend::new(async move {
                    match reports.await {
                        Ok(list) => {
                            view! {
                                <FraudTable list=list page=page go_to_page=go_to_page filtered=filtered clear=clear/>
                            }
                                .into_any()
                        }
                        Err(e) => {
                            view! {
                                <ErrorState error=Signal::stored(e) on_retry=move |_| reports.refetch()/>
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn FraudTableHead() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <thead>
            <tr>
                <th scope="col">{i18n.tr(FraudMsg::FraudColWhen)}</th>
                <th scope="col">{i18n.tr(FraudMsg::FraudColWhere)}</th>
                <th scope="col">{i18n.tr(FraudMsg::FraudColChannel)}</th>
                <th scope="col" class="num">{i18n.tr(FraudMsg::FraudColAmount)}</th>
                <th scope="col" class="num">{i18n.tr(FraudMsg::FraudColPeople)}</th>
                <th scope="col">{i18n.tr(FraudMsg::FraudColOffice)}</th>
                <th scope="col">{i18n.tr(FraudMsg::FraudColState)}</th>
            </tr>
        </thead>
    }
}

#[component]
fn FraudTableSkeleton() -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="data-table fraud-table">
                <FraudTableHead/>
                <tbody>
                    <SkeletonRows rows=6 columns=7/>
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn FraudTable(
    list: Page<FraudReportSummary>,
    page: Memo<u32>,
    go_to_page: Callback<u32>,
    filtered: Memo<bool>,
    clear: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let total = list.total;
    let page_count = list.page_count();
    if list.items.is_empty() {
        return if filtered.get_untracked() {
            view! {
                <EmptyState title=Signal::derive(move || i18n.t(FraudMsg::FraudEmptyFiltered).to_string())>
                    <button type="button" class="button" on:click=move |_| clear.run(())>
                        {i18n.tr(FraudMsg::FraudClearFilters)}
                    </button>
                </EmptyState>
            }
            .into_any()
        } else {
            view! {
                <EmptyState
                    title=Signal::derive(move || i18n.t(FraudMsg::FraudEmpty).to_string())
                    hint=Signal::derive(move || Some(i18n.t(FraudMsg::FraudEmptyHint).to_string()))
                />
            }
            .into_any()
        };
    }
    let rows = list
        .items
        .into_iter()
        .map(|r| {
            let href = format!("/fraud-reports/{}", r.id);
            let channel = r.channel;
            view! {
                <tr data-id=r.id.to_string() data-state=r.state.as_str()>
                    <td data-label=i18n.tr(FraudMsg::FraudColWhen)>{datetime_vn(r.occurred_at)}</td>
                    <td data-label=i18n.tr(FraudMsg::FraudColWhere)>
                        <a href=href>{r.location}</a>
                        <span class="fraud-excerpt">{r.excerpt}</span>
                    </td>
                    <td data-label=i18n.tr(FraudMsg::FraudColChannel)>
                        {move || fraud_channel_label(channel, i18n.lang())}
                    </td>
                    <td data-label=i18n.tr(FraudMsg::FraudColAmount) class="num">{vnd(r.amount)}</td>
                    <td data-label=i18n.tr(FraudMsg::FraudColPeople) class="num">{number_vn(r.people_affected)}</td>
                    <td data-label=i18n.tr(FraudMsg::FraudColOffice)>{r.office}</td>
                    <td data-label=i18n.tr(FraudMsg::FraudColState)><FraudStateBadge state=r.state/></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="result-count" data-total=total.to_string()>
            {move || i18n.f(FraudMsg::FraudCount, &[("total", &number_vn(total as i64))])}
        </p>
        <div class="table-wrap">
            <table class="data-table fraud-table">
                <caption class="visually-hidden">{i18n.tr(FraudMsg::FraudTitle)}</caption>
                <FraudTableHead/>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <Pagination page=page page_count=Signal::stored(page_count) on_page=go_to_page/>
    }
    .into_any()
}

// ---------------------------------------------------------------------------------------------
// /fraud-reports/new
// ---------------------------------------------------------------------------------------------

#[component]
pub fn NewFraudReportPage() -> impl IntoView {
    view! {
        <RequirePermission permission=Permission::FraudCreate>
            <FraudReportForm/>
        </RequirePermission>
    }
}

/// One labelled control with its hint and errors tied to it by `aria-describedby`.
fn field_ids(name: &str) -> (String, String, String) {
    (
        format!("fraud-{name}"),
        format!("fraud-{name}-hint"),
        format!("fraud-{name}-error"),
    )
}

#[component]
fn FraudReportForm() -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let navigate = use_navigate();
    use_page_title(FraudMsg::FraudNew);
    let form = RwSignal::new(FraudForm {
        when: local_value(now()),
        amount: "0".into(),
        people: "1".into(),
        ..FraudForm::default()
    });
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let request = match to_request(&form.get_untracked(), now()) {
            Ok(r) => r,
            Err(e) => {
                errors.set(e);
                toasts.push(ToastKind::Error, i18n.t(FraudMsg::FraudFixFirst));
                focus_first_invalid(".fraud-form");
                return;
            }
        };
        errors.set(Vec::new());
        failure.set(None);
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = api::fraud::create(&request).await;
            let _ = busy.try_set(false);
            match result {
                Ok(r) => {
                    toasts.push(ToastKind::Success, i18n.t(FraudMsg::FraudFiled));
                    navigate(&format!("/fraud-reports/{}", r.id), Default::default());
                }
                Err(ApiError::Problem { problem, .. }) if !problem.errors.is_empty() => {
                    let _ = errors.try_set(problem.errors.clone());
                    toasts.push(ToastKind::Error, i18n.t(FraudMsg::FraudFixFirst));
                    focus_first_invalid(".fraud-form");
                }
                Err(e) => {
                    let _ = failure.try_set(Some(e));
                }
            }
        });
    };
    let errs: Signal<Vec<FieldError>> = errors.into();
    let text_field = move |name: &'static str,
                           api_field: &'static str,
                           label: FraudMsg,
                           hint: Option<FraudMsg>,
                           get: fn(&FraudForm) -> String,
                           set: fn(&mut FraudForm, String),
                           kind: &'static str,
                           mode: Option<&'static str>| {
        let (id, hint_id, err_id) = field_ids(name);
        let described = match hint {
            Some(_) => format!("{hint_id} {err_id}"),
            None => err_id.clone(),
        };
        view! {
            <div class="field" data-field=api_field>
                <label for=id.clone()>{i18n.tr(label)}</label>
                <input
                    id=id
                    name=api_field
                    type=kind
                    inputmode=mode
                    prop:value=move || form.with(get)
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        form.update(|f| set(f, v));
                    }
                    aria-invalid=invalid_flag(errs, api_field)
                    aria-describedby=described
                />
                {hint.map(|h| view! { <p class="field-hint" id=hint_id>{i18n.tr(h)}</p> })}
                <FieldMessages errors=errs field=api_field id=err_id/>
            </div>
        }
    };
    let (desc_id, _, desc_err) = field_ids("description");
    let (chan_id, _, chan_err) = field_ids("channel");
    let amount_preview = move || {
        super::fraud_logic::parse_whole(&form.with(|f| f.amount.clone()))
            .map(vnd)
            .unwrap_or_default()
    };
    view! {
        <div class="page page-fraud-new">
            <p class="breadcrumb">
                <a href="/fraud-reports">{i18n.tr(FraudMsg::FraudBack)}</a>
            </p>
            <h1>{i18n.tr(FraudMsg::FraudFormTitle)}</h1>
            <p class="page-intro">{i18n.tr(FraudMsg::FraudFormIntro)}</p>
            <form class="fraud-form" novalidate=true on:submit=submit>
                {text_field(
                    "when",
                    "occurred_at",
                    FraudMsg::FraudFieldWhen,
                    Some(FraudMsg::FraudFieldWhenHint),
                    |f| f.when.clone(),
                    |f, v| f.when = v,
                    "datetime-local",
                    None,
                )}
                {text_field(
                    "location",
                    "location",
                    FraudMsg::FraudFieldWhere,
                    Some(FraudMsg::FraudFieldWhereHint),
                    |f| f.location.clone(),
                    |f, v| f.location = v,
                    "text",
                    None,
                )}
                <div class="field" data-field="channel">
                    <label for=chan_id.clone()>{i18n.tr(FraudMsg::FraudFieldChannel)}</label>
                    <select
                        id=chan_id
                        name="channel"
                        prop:value=move || form.with(|f| f.channel.map(|c| c.as_str()).unwrap_or(""))
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            form.update(|f| f.channel = FraudChannel::parse(&v));
                        }
                        aria-invalid=invalid_flag(errs, "channel")
                        aria-describedby=chan_err.clone()
                    >
                        <option value="">"—"</option>
                        {FraudChannel::ALL
                            .into_iter()
                            .map(|c| {
                                view! {
                                    <option value=c.as_str()>{move || fraud_channel_label(c, i18n.lang())}</option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <FieldMessages errors=errs field="channel" id=chan_err/>
                </div>
                <div class="field" data-field="description">
                    <label for=desc_id.clone()>{i18n.tr(FraudMsg::FraudFieldWhat)}</label>
                    <textarea
                        id=desc_id
                        name="description"
                        rows="6"
                        prop:value=move || form.with(|f| f.description.clone())
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            form.update(|f| f.description = v);
                        }
                        aria-invalid=invalid_flag(errs, "description")
                        aria-describedby=desc_err.clone()
                    ></textarea>
                    <FieldMessages errors=errs field="description" id=desc_err/>
                </div>
                <div class="field-row">
                    {text_field(
                        "amount",
                        "amount",
                        FraudMsg::FraudFieldAmount,
                        Some(FraudMsg::FraudFieldAmountHint),
                        |f| f.amount.clone(),
                        |f, v| f.amount = v,
                        "text",
                        Some("numeric"),
                    )}
                    {text_field(
                        "people",
                        "people_affected",
                        FraudMsg::FraudFieldPeople,
                        None,
                        |f| f.people.clone(),
                        |f, v| f.people = v,
                        "text",
                        Some("numeric"),
                    )}
                </div>
                <p class="fraud-amount-preview" aria-live="polite">{amount_preview}</p>
                {text_field(
                    "evidence",
                    "evidence_url",
                    FraudMsg::FraudFieldEvidence,
                    Some(FraudMsg::FraudFieldEvidenceHint),
                    |f| f.evidence.clone(),
                    |f, v| f.evidence = v,
                    "url",
                    None,
                )}
                {text_field(
                    "office",
                    "office",
                    FraudMsg::FraudFieldOffice,
                    None,
                    |f| f.office.clone(),
                    |f, v| f.office = v,
                    "text",
                    None,
                )}
                {move || {
                    failure
                        .get()
                        .map(|e| {
                            view! { <p class="notice notice-error" role="alert">{e.message(i18n.lang())}</p> }
                        })
                }}
                <div class="form-actions">
                    <button type="submit" class="button button-primary" disabled=move || busy.get()>
                        {move || if busy.get() { i18n.t(FraudMsg::FraudSending) } else { i18n.t(FraudMsg::FraudSubmit) }}
                    </button>
                </div>
            </form>
        </div>
    }
}

// ---------------------------------------------------------------------------------------------
// /fraud-reports/:id
// ---------------------------------------------------------------------------------------------

#[component]
pub fn FraudReportPage() -> impl IntoView {
    view! {
        <RequirePermission permission=Permission::FraudRead>
            <FraudDetail/>
        </RequirePermission>
    }
}

#[component]
fn FraudDetail() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Msg::NavFraud);
    let params = use_params_map();
    let id =
        Memo::new(move |_| params.with(|p| p.get_str("id").and_then(|s| s.parse::<i64>().ok())));
    let data = LocalResource::new(move || {
        let id = id.get();
        async move {
            match id {
                Some(id) => api::fraud::get(id).await,
                None => Err(ApiError::from_response(404, "", None)),
            }
        }
    });
    view! {
        <div class="page page-fraud-report">
            <p class="breadcrumb">
                <a href="/fraud-reports">{i18n.tr(FraudMsg::FraudBack)}</a>
            </p>
            <Transition fallback=|| view! { <SkeletonBlock lines=8/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(r) => view! { <FraudReportView report=r/> }.into_any(),
                        Err(e) if e.status() == Some(404) => {
                            view! {
                                <h1>{i18n.tr(FraudMsg::FraudNotFound)}</h1>
                                <EmptyState title=Signal::derive(move || i18n.t(FraudMsg::FraudNotFound).to_string())>
                                    <a class="button" href="/fraud-reports">{i18n.tr(FraudMsg::FraudBack)}</a>
                                </EmptyState>
                            }
                                .into_any()
                        }
                        Err(e) => {
                            view! {
                                <h1>{i18n.tr(Msg::NavFraud)}</h1>
                                <ErrorState error=Signal::stored(e) on_retry=move |_| data.refetch()/>
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </div>
    }
}

fn history_msg(action: &str) -> Option<FraudMsg> {
    Some(match action {
        "create" => FraudMsg::FraudHistCreate,
        "verify" => FraudMsg::FraudHistVerify,
        "communicate" => FraudMsg::FraudHistCommunicate,
        "warning_article" => FraudMsg::FraudHistWarning,
        _ => return None,
    })
}

/// One report: what was reported, its warning article, what the session may do, its history.
#[component]
fn FraudReportView(report: FraudReport) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let current = RwSignal::new(report);
    let comment = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let reads_articles = move || session.can(Permission::ArticlesRead);
    let may = move |p: Permission| session.can(p);

    let act = move |action: FraudAction| {
        if busy.get_untracked() {
            return;
        }
        let r = current.get_untracked();
        let note = comment.get_untracked();
        let note = (!note.trim().is_empty()).then_some(note);
        busy.set(true);
        spawn_local(async move {
            let result = api::fraud::transition(r.id, r.version, action, note).await;
            let _ = busy.try_set(false);
            match result {
                Ok(next) => {
                    let _ = current.try_set(next);
                    let _ = comment.try_set(String::new());
                    let msg = match action {
                        FraudAction::Verify => FraudMsg::FraudVerifiedDone,
                        FraudAction::Communicate => FraudMsg::FraudCommunicatedDone,
                    };
                    toasts.push(ToastKind::Success, i18n.t(msg));
                }
                Err(e) => {
                    if let Some(fresh) = e.current_as::<FraudReport>() {
                        let _ = current.try_set(fresh);
                        toasts.push(ToastKind::Info, i18n.t(FraudMsg::FraudStale));
                    } else {
                        toasts.push_error(&e, i18n.lang());
                    }
                }
            }
        });
    };
    let write_warning = move |_| {
        if busy.get_untracked() {
            return;
        }
        let r = current.get_untracked();
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = api::fraud::warning_article(r.id, r.version).await;
            let _ = busy.try_set(false);
            let linked = match result {
                Ok(next) => Some(next),
                // Someone changed the report meanwhile: its article, if any, is the one to open.
                Err(e) => match e.current_as::<FraudReport>() {
                    Some(fresh) => {
                        let has = fresh.article_id.is_some();
                        let _ = current.try_set(fresh.clone());
                        if !has {
                            toasts.push(ToastKind::Info, i18n.t(FraudMsg::FraudStale));
                        }
                        has.then_some(fresh)
                    }
                    None => {
                        toasts.push_error(&e, i18n.lang());
                        None
                    }
                },
            };
            if let Some(next) = linked {
                let article = next.article_id;
                let _ = current.try_set(next);
                if let Some(aid) = article {
                    navigate(&format!("/articles/{aid}"), Default::default());
                }
            }
        });
    };

    let r = current.get_untracked();
    let title_id = r.id.to_string();
    let channel = r.channel;
    let evidence = r.evidence_url.clone();
    let (comment_id, comment_hint) = ("fraud-comment", "fraud-comment-hint");
    view! {
        <div class="fraud-report" data-id=r.id.to_string()>
            <div class="page-head">
                <h1>{move || i18n.f(FraudMsg::FraudDetailTitle, &[("id", &title_id)])}</h1>
                {move || view! { <FraudStateBadge state=current.with(|r| r.state)/> }}
            </div>
            <dl class="fraud-facts">
                <dt>{i18n.tr(FraudMsg::FraudColWhen)}</dt>
                <dd>{datetime_vn(r.occurred_at)}</dd>
                <dt>{i18n.tr(FraudMsg::FraudColWhere)}</dt>
                <dd>{r.location.clone()}</dd>
                <dt>{i18n.tr(FraudMsg::FraudColChannel)}</dt>
                <dd>{move || fraud_channel_label(channel, i18n.lang())}</dd>
                <dt>{i18n.tr(FraudMsg::FraudColAmount)}</dt>
                <dd class="fraud-amount">{vnd(r.amount)}</dd>
                <dt>{i18n.tr(FraudMsg::FraudColPeople)}</dt>
                <dd>{number_vn(r.people_affected)}</dd>
                <dt>{i18n.tr(FraudMsg::FraudFieldEvidence)}</dt>
                <dd>
                    {match evidence {
                        Some(url) => {
                            let text = url.clone();
                            view! {
                                <a href=url rel="noopener noreferrer nofollow" target="_blank" class="fraud-evidence">
                                    {text}
                                </a>
                                <span class="field-hint">{i18n.tr(FraudMsg::FraudEvidenceNote)}</span>
                            }
                                .into_any()
                        }
                        None => view! { <span class="muted">{i18n.tr(FraudMsg::FraudNone)}</span> }.into_any(),
                    }}
                </dd>
                <dt>{i18n.tr(FraudMsg::FraudColOffice)}</dt>
                <dd>{r.office.clone()}</dd>
                <dt>{i18n.tr(FraudMsg::FraudReportedBy)}</dt>
                <dd>{r.reported_by_name.clone()}</dd>
                <dt>{i18n.tr(FraudMsg::FraudFiledAt)}</dt>
                <dd>{datetime_vn(r.created_at)}</dd>
            </dl>
            <section class="fraud-description" aria-labelledby="fraud-what-heading">
                <h2 id="fraud-what-heading">{i18n.tr(FraudMsg::FraudWhatHeading)}</h2>
                {r.description
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| view! { <p>{l.to_string()}</p> })
                    .collect_view()}
            </section>
            <section class="fraud-actions" aria-labelledby="fraud-actions-heading">
                <h2 id="fraud-actions-heading">{i18n.tr(FraudMsg::FraudActionsHeading)}</h2>
                <p class="section-hint" data-testid="fraud-next">
                    {move || {
                        let msg = match current.with(|r| r.state) {
                            FraudState::New => FraudMsg::FraudWaitVerify,
                            FraudState::Verified => FraudMsg::FraudWaitCommunicate,
                            FraudState::Communicated => FraudMsg::FraudDoneHint,
                        };
                        i18n.t(msg)
                    }}
                </p>
                <div class="fraud-warning-link">
                    <strong>{i18n.tr(FraudMsg::FraudWarningHeading)} ": "</strong>
                    {move || match current.with(|r| r.article_id) {
                        Some(aid) if reads_articles() => {
                            view! {
                                <a href=format!("/articles/{aid}") data-action="open-warning">
                                    {i18n.f(FraudMsg::FraudWarningLink, &[("id", &aid.to_string())])}
                                </a>
                            }
                                .into_any()
                        }
                        Some(aid) => {
                            view! { <span>{i18n.f(FraudMsg::FraudWarningLink, &[("id", &aid.to_string())])}</span> }
                                .into_any()
                        }
                        None => view! { <span class="muted">{i18n.tr(FraudMsg::FraudWarningNone)}</span> }.into_any(),
                    }}
                </div>
                {move || {
                    let (state, linked) = current.with(|r| (r.state, r.article_id.is_some()));
                    let action = FraudAction::from_state(state).filter(|a| may(a.permission()));
                    let writes = state != FraudState::New && !linked
                        && may(Permission::FraudCommunicate) && may(Permission::ArticlesCreate);
                    (action.is_some() || writes)
                        .then(|| {
                            view! {
                                <div class="fraud-action-form">
                                    {action
                                        .map(|a| {
                                            let label = match a {
                                                FraudAction::Verify => FraudMsg::FraudVerify,
                                                FraudAction::Communicate => FraudMsg::FraudCommunicate,
                                            };
                                            view! {
                                                <div class="field">
                                                    <label for=comment_id>{i18n.tr(FraudMsg::FraudComment)}</label>
                                                    <textarea
                                                        id=comment_id
                                                        rows="2"
                                                        aria-describedby=comment_hint
                                                        prop:value=move || comment.get()
                                                        on:input=move |ev| comment.set(event_target_value(&ev))
                                                    ></textarea>
                                                    <p class="field-hint" id=comment_hint>
                                                        {i18n.tr(FraudMsg::FraudCommentHint)}
                                                    </p>
                                                </div>
                                                <div class="form-actions">
                                                    {writes
                                                        .then(|| {
                                                            view! {
                                                                <button
                                                                    type="button"
                                                                    class="button button-primary"
                                                                    data-action="write-warning"
                                                                    disabled=move || busy.get()
                                                                    on:click=write_warning.clone()
                                                                >
                                                                    {i18n.tr(FraudMsg::FraudWriteWarning)}
                                                                </button>
                                                            }
                                                        })}
                                                    <button
                                                        type="button"
                                                        class="button"
                                                        data-action=a.as_str()
                                                        disabled=move || busy.get()
                                                        on:click=move |_| act(a)
                                                    >
                                                        {i18n.tr(label)}
                                                    </button>
                                                </div>
                                            }
                                                .into_any()
                                        })
                                        .unwrap_or_else(|| {
                                            view! {
                                                <div class="form-actions">
                                                    <button
                                                        type="button"
                                                        class="button button-primary"
                                                        data-action="write-warning"
                                                        disabled=move || busy.get()
                                                        on:click=write_warning.clone()
                                                    >
                                                        {i18n.tr(FraudMsg::FraudWriteWarning)}
                                                    </button>
                                                </div>
                                            }
                                                .into_any()
                                        })}
                                </div>
                            }
                        })
                }}
            </section>
            <FraudHistory history=Signal::derive(move || current.with(|r| r.history.clone()))/>
        </div>
    }
}

#[component]
fn FraudHistory(#[prop(into)] history: Signal<Vec<FraudHistoryEntry>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="fraud-history" aria-labelledby="fraud-history-heading">
            <h2 id="fraud-history-heading">{i18n.tr(FraudMsg::FraudHistoryHeading)}</h2>
            <ol class="history-list">
                {move || {
                    history
                        .get()
                        .into_iter()
                        .map(|h| {
                            let action = h.action.clone();
                            let label = move || {
                                history_msg(&action)
                                    .map(|m| i18n.t(m).to_string())
                                    .unwrap_or_else(|| action.clone())
                            };
                            view! {
                                <li data-action=h.action.clone()>
                                    <time datetime=h.at.to_rfc3339()>{datetime_vn(h.at)}</time>
                                    " — "
                                    <strong>{label}</strong>
                                    " — "
                                    {h.actor_name.clone()}
                                    {h.comment.clone().map(|c| view! { <p class="history-comment">{c}</p> })}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// The dashboard's tile
// ---------------------------------------------------------------------------------------------

async fn open_counts() -> Result<(u64, u64), ApiError> {
    let count = |s: FraudState| async move {
        api::fraud::list(&FraudFilter {
            states: vec![s],
            per_page: 1,
            ..FraudFilter::default()
        })
        .await
        .map(|p| p.total)
    };
    let (new, verified) = futures::join!(count(FraudState::New), count(FraudState::Verified));
    Ok((new?, verified?))
}

/// Open fraud reports (new and verified) with a link to them; a local office counts its own.
#[component]
pub fn FraudReportsCard() -> impl IntoView {
    let i18n = use_i18n();
    let counts = LocalResource::new(open_counts);
    let href = fraud_list_href(&[FraudState::New, FraudState::Verified], None);
    view! {
        <section class="dashboard-section dash-card dash-fraud" aria-labelledby="dash-fraud-heading">
            <h2 id="dash-fraud-heading">{i18n.tr(FraudMsg::DashFraudTitle)}</h2>
            <Transition fallback=|| view! { <SkeletonBlock lines=2/> }>
                {move || {
                    let href = href.clone();
                    Suspend::new(async move {
                        match counts.await {
                            Ok((0, 0)) => {
                                view! {
                                    <EmptyState title=Signal::derive(move || i18n.t(FraudMsg::DashFraudNone).to_string())>
                                        <a href="/fraud-reports">{i18n.tr(Msg::NavFraud)}</a>
                                    </EmptyState>
                                }
                                    .into_any()
                            }
                            Ok((new, verified)) => {
                                view! {
                                    <p class="dash-fraud-total" data-open=(new + verified).to_string()>
                                        <span class="big-number">{number_vn((new + verified) as i64)}</span>
                                    </p>
                                    <ul class="dash-fraud-split">
                                        <li data-state="new">
                                            {move || i18n.f(FraudMsg::DashFraudNew, &[("n", &number_vn(new as i64))])}
                                        </li>
                                        <li data-state="verified">
                                            {move || i18n.f(FraudMsg::DashFraudVerified, &[("n", &number_vn(verified as i64))])}
                                        </li>
                                    </ul>
                                    <p>
                                        <a href=href data-action="open-fraud-list">{i18n.tr(FraudMsg::DashFraudOpen)}</a>
                                    </p>
                                }
                                    .into_any()
                            }
                            Err(e) => {
                                view! {
                                    <ErrorState error=Signal::stored(e) on_retry=move |_| counts.refetch()/>
                                }
                                    .into_any()
                            }
                        }
                    })
                }}
            </Transition>
        </section>
    }
}
