//! `/fraud-reports/:id`: one report, its history and the moves the user may make.

use super::badge::FraudStateBadge;
use crate::api::{self, ApiError};
use crate::components::{error_state, use_toasts, EmptyState, SkeletonBlock, ToastKind};
use crate::i18n::{fraud_channel_label, use_i18n, Msg};
use crate::pages::fraud::strings::FraudMsg;

use crate::pages::{use_page_title, RequirePermission};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use portal_contract::format::{datetime_vn, number_vn, vnd};
use portal_contract::fraud::{FraudAction, FraudHistoryEntry, FraudReport, FraudState};
use portal_contract::Permission;

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
                <a href="/fraud-reports">{i18n.tr(FraudMsg::Back)}</a>
            </p>
            <Transition fallback=|| view! { <SkeletonBlock lines=8/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(r) => view! { <FraudReportView report=r/> }.into_any(),
                        Err(e) if e.status() == Some(404) => {
                            view! {
                                <h1>{i18n.tr(FraudMsg::NotFound)}</h1>
                                <EmptyState title=Signal::derive(move || i18n.t(FraudMsg::NotFound).to_string())>
                                    <a class="button" href="/fraud-reports">{i18n.tr(FraudMsg::Back)}</a>
                                </EmptyState>
                            }
                                .into_any()
                        }
                        Err(e) => {
                            view! {
                                <h1>{i18n.tr(Msg::NavFraud)}</h1>
                                {error_state(e, move || data.refetch())}
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
        "create" => FraudMsg::HistCreate,
        "verify" => FraudMsg::HistVerify,
        "communicate" => FraudMsg::HistCommunicate,
        "warning_article" => FraudMsg::HistWarning,
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
                        FraudAction::Verify => FraudMsg::VerifiedDone,
                        FraudAction::Communicate => FraudMsg::CommunicatedDone,
                    };
                    toasts.push(ToastKind::Success, i18n.t(msg));
                }
                Err(e) => {
                    if let Some(fresh) = e.current_as::<FraudReport>() {
                        let _ = current.try_set(fresh);
                        toasts.push(ToastKind::Info, i18n.t(FraudMsg::Stale));
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
                            toasts.push(ToastKind::Info, i18n.t(FraudMsg::Stale));
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
                <h1>{move || i18n.f(FraudMsg::DetailTitle, &[("id", &title_id)])}</h1>
                {move || view! { <FraudStateBadge state=current.with(|r| r.state)/> }}
            </div>
            <dl class="fraud-facts">
                <dt>{i18n.tr(FraudMsg::ColWhen)}</dt>
                <dd>{datetime_vn(r.occurred_at)}</dd>
                <dt>{i18n.tr(FraudMsg::ColWhere)}</dt>
                <dd>{r.location.clone()}</dd>
                <dt>{i18n.tr(FraudMsg::ColChannel)}</dt>
                <dd>{move || fraud_channel_label(channel, i18n.lang())}</dd>
                <dt>{i18n.tr(FraudMsg::ColAmount)}</dt>
                <dd class="fraud-amount">{vnd(r.amount)}</dd>
                <dt>{i18n.tr(FraudMsg::ColPeople)}</dt>
                <dd>{number_vn(r.people_affected)}</dd>
                <dt>{i18n.tr(FraudMsg::FieldEvidence)}</dt>
                <dd>
                    {match evidence {
                        Some(url) => {
                            let text = url.clone();
                            view! {
                                <a href=url rel="noopener noreferrer nofollow" target="_blank" class="fraud-evidence">
                                    {text}
                                </a>
                                <span class="field-hint">{i18n.tr(FraudMsg::EvidenceNote)}</span>
                            }
                                .into_any()
                        }
                        None => view! { <span class="muted">{i18n.tr(FraudMsg::None)}</span> }.into_any(),
                    }}
                </dd>
                <dt>{i18n.tr(FraudMsg::ColOffice)}</dt>
                <dd>{r.office.clone()}</dd>
                <dt>{i18n.tr(FraudMsg::ReportedBy)}</dt>
                <dd>{r.reported_by_name.clone()}</dd>
                <dt>{i18n.tr(FraudMsg::FiledAt)}</dt>
                <dd>{datetime_vn(r.created_at)}</dd>
            </dl>
            <section class="fraud-description" aria-labelledby="fraud-what-heading">
                <h2 id="fraud-what-heading">{i18n.tr(FraudMsg::WhatHeading)}</h2>
                {r.description
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| view! { <p>{l.to_string()}</p> })
                    .collect_view()}
            </section>
            <section class="fraud-actions" aria-labelledby="fraud-actions-heading">
                <h2 id="fraud-actions-heading">{i18n.tr(FraudMsg::ActionsHeading)}</h2>
                <p class="section-hint" data-testid="fraud-next">
                    {move || {
                        let msg = match current.with(|r| r.state) {
                            FraudState::New => FraudMsg::WaitVerify,
                            FraudState::Verified => FraudMsg::WaitCommunicate,
                            FraudState::Communicated => FraudMsg::DoneHint,
                        };
                        i18n.t(msg)
                    }}
                </p>
                <div class="fraud-warning-link">
                    <strong>{i18n.tr(FraudMsg::WarningHeading)} ": "</strong>
                    {move || match current.with(|r| r.article_id) {
                        Some(aid) if reads_articles() => {
                            view! {
                                <a href=format!("/articles/{aid}") data-action="open-warning">
                                    {i18n.f(FraudMsg::WarningLink, &[("id", &aid.to_string())])}
                                </a>
                            }
                                .into_any()
                        }
                        Some(aid) => {
                            view! { <span>{i18n.f(FraudMsg::WarningLink, &[("id", &aid.to_string())])}</span> }
                                .into_any()
                        }
                        None => view! { <span class="muted">{i18n.tr(FraudMsg::WarningNone)}</span> }.into_any(),
                    }}
                </div>
                {move || {
                    let (state, linked) = current.with(|r| (r.state, r.article_id.is_some()));
                    let me = session.info().map(|s| s.user.id).unwrap_or(0);
                    let action = FraudAction::from_state(state).filter(|a| may(a.permission()));
                    // Someone else verifies what this user filed.
                    let own = action.is_some_and(|a| current.with(|r| !a.separates(r, me)));
                    let action = action.filter(|_| !own);
                    let writes = state != FraudState::New && !linked
                        && may(Permission::FraudCommunicate) && may(Permission::ArticlesCreate);
                    let note = own.then(|| view! {
                        <p class="field-hint fraud-own-report">{i18n.tr(FraudMsg::OwnReport)}</p>
                    });
                    let form = (action.is_some() || writes)
                        .then(|| {
                            view! {
                                <div class="fraud-action-form">
                                    {action
                                        .map(|a| {
                                            let label = match a {
                                                FraudAction::Verify => FraudMsg::Verify,
                                                FraudAction::Communicate => FraudMsg::Communicate,
                                            };
                                            view! {
                                                <div class="field">
                                                    <label for=comment_id>{i18n.tr(FraudMsg::Comment)}</label>
                                                    <textarea
                                                        id=comment_id
                                                        rows="2"
                                                        aria-describedby=comment_hint
                                                        prop:value=move || comment.get()
                                                        on:input=move |ev| comment.set(event_target_value(&ev))
                                                    ></textarea>
                                                    <p class="field-hint" id=comment_hint>
                                                        {i18n.tr(FraudMsg::CommentHint)}
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
                                                                    {i18n.tr(FraudMsg::WriteWarning)}
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
                                                        {i18n.tr(FraudMsg::WriteWarning)}
                                                    </button>
                                                </div>
                                            }
                                                .into_any()
                                        })}
                                </div>
                            }
                        });
                    view! { {note} {form} }
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
            <h2 id="fraud-history-heading">{i18n.tr(FraudMsg::HistoryHeading)}</h2>
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
