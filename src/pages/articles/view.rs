//! `/articles/:id`: every field of one article, and its history. User text is always rendered
//! as text nodes, never as HTML.

use crate::api::{self, ApiError};
use crate::components::{error_state, ColumnHeads, EmptyState, SkeletonBlock};
use crate::i18n::{
    channel_label, kind_label, language_label, stage_label, topic_label, use_i18n, Msg,
};
use crate::pages::articles::format::{days_since, displayable_image, history_action_label};
use crate::pages::articles::logic::may_edit;
use crate::pages::articles::strings::ArticleMsg;
use crate::pages::{use_page_title, ArticleEditor, BodyView, RequirePermission};
use crate::session::use_session;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use portal_contract::format::{date_vn, datetime_vn, number_vn};
use portal_contract::{default_workflow, Article, HistoryEntry, Permission, Workflow};

#[derive(Debug, Clone, PartialEq)]
struct ArticleView {
    article: Article,
    history: Vec<HistoryEntry>,
    workflow: Workflow,
}

async fn load(id: Option<i64>) -> Result<ArticleView, ApiError> {
    // A malformed id cannot name an article: answer as the server would.
    let Some(id) = id else {
        return Err(ApiError::from_response(404, "", None));
    };
    let (article, history, workflow) = futures::join!(
        api::articles::get(id),
        api::articles::history(id),
        api::workflow::get()
    );
    Ok(ArticleView {
        article: article?,
        history: history?,
        // History labels can fall back to the default workflow.
        workflow: workflow.unwrap_or_else(|_| default_workflow()),
    })
}

#[component]
pub fn ArticlePage() -> impl IntoView {
    view! {
        <RequirePermission permission=Permission::ArticlesRead>
            <ArticleDetail/>
        </RequirePermission>
    }
}

#[component]
fn ArticleDetail() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // Mirrors the server's rule; the server refuses the save anyway if this is wrong.
    let editable = move |a: &Article| {
        session.info().is_some_and(|i| {
            i.can(Permission::ArticlesCreate)
                && may_edit(a.stage, a.created_by, i.user.id, &i.user.roles)
        })
    };
    use_page_title(Msg::NavArticles);
    let params = use_params_map();
    let id =
        Memo::new(move |_| params.with(|p| p.get_str("id").and_then(|s| s.parse::<i64>().ok())));
    let data = LocalResource::new(move || load(id.get()));
    view! {
        <div class="page page-article">
            <p class="breadcrumb">
                <a href="/articles">{i18n.tr(ArticleMsg::BackToArticles)}</a>
            </p>
            <Transition fallback=|| view! { <SkeletonBlock lines=8/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(v) if editable(&v.article) => {
                            view! {
                                <ArticleEditor
                                    article=v.article
                                    workflow=v.workflow
                                    on_reload=move |_| data.refetch()
                                />
                            }
                                .into_any()
                        }
                        Ok(v) => view! { <ArticleFull view=v/> }.into_any(),
                        Err(e) if e.status() == Some(404) => {
                            view! {
                                <h1>{i18n.tr(ArticleMsg::NotFound)}</h1>
                                <EmptyState title=Signal::derive(move || {
                                    i18n.t(ArticleMsg::NotFoundHint).to_string()
                                })>
                                    <a class="button" href="/articles">{i18n.tr(ArticleMsg::BackToArticles)}</a>
                                </EmptyState>
                            }
                                .into_any()
                        }
                        Err(e) => {
                            view! {
                                <h1>{i18n.tr(Msg::NavArticles)}</h1>
                                {error_state(e, move || data.refetch())}
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
            {move || id.get().filter(|_| session.can(Permission::RoyaltiesView)).map(|id| view! { <crate::pages::ArticleRoyaltyPanel article_id=id/> })}
        </div>
    }
}

#[component]
fn ArticleFull(view: ArticleView) -> impl IntoView {
    let i18n = use_i18n();
    let ArticleView {
        article: a,
        history,
        workflow,
    } = view;
    let stage = a.stage;
    let kind = a.kind;
    let language = a.language;
    let topics = a.topics.clone();
    let channels = a.channels.clone();
    let body = a.body.clone();
    let days_in_stage = days_since(js_sys::Date::now(), a.stage_changed_at);
    let stage_since = date_vn(a.stage_changed_at);
    let dash = i18n.tr(Msg::Dash);
    let opt_date = move |d: Option<DateTime<Utc>>| d.map(datetime_vn);

    let body_view = view! { <BodyView blocks=body/> };

    let cover_view = match a.cover.clone() {
        None => view! { <p class="muted">{i18n.tr(ArticleMsg::NoCover)}</p> }.into_any(),
        Some(c) => {
            let picture = if displayable_image(&c.url) {
                view! {
                    <figure class="cover-figure">
                        <img src=c.url.clone() alt=c.alt.clone() loading="lazy"/>
                        <figcaption>{c.caption.clone()}</figcaption>
                    </figure>
                }
                .into_any()
            } else {
                view! { <p class="muted">{i18n.tr(ArticleMsg::CoverNotShown)}</p> }.into_any()
            };
            view! {
                {picture}
                <dl class="field-list">
                    <dt>{i18n.tr(ArticleMsg::FieldCoverAlt)}</dt>
                    <dd>{c.alt}</dd>
                    <dt>{i18n.tr(ArticleMsg::FieldCoverCaption)}</dt>
                    <dd>{c.caption}</dd>
                    <dt>{i18n.tr(ArticleMsg::FieldCoverUrl)}</dt>
                    <dd class="break-all">{c.url}</dd>
                </dl>
            }
            .into_any()
        }
    };

    let authors_view = if a.authors.is_empty() {
        view! { <span class="muted">{i18n.tr(Msg::NoneYet)}</span> }.into_any()
    } else {
        view! {
            <ul class="plain-list">
                {a
                    .authors
                    .iter()
                    .map(|au| view! { <li>{format!("{} ({}%)", au.name, au.share)}</li> })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };

    let text_or_dash = move |s: String| {
        if s.trim().is_empty() {
            view! { <span class="muted">{dash}</span> }.into_any()
        } else {
            s.into_any()
        }
    };

    let scheduled = opt_date(a.scheduled_at);
    let published = opt_date(a.published_at);

    view! {
        <article class="article-detail" data-id=a.id.to_string()>
            <header class="article-header">
                <p>
                    <span class="stage-badge" data-stage=stage.as_str()>
                        {move || stage_label(stage, i18n.lang())}
                    </span>
                    {a
                        .model_example
                        .then(|| {
                            view! { <span class="badge badge-model">{i18n.tr(ArticleMsg::ModelExampleBadge)}</span> }
                        })}
                </p>
                <h1>{a.title.clone()}</h1>
                {(!a.lead.trim().is_empty())
                    .then(|| view! { <p class="article-lead">{a.lead.clone()}</p> })}
            </header>
            <div class="detail-grid">
                <section class="article-body" aria-labelledby="body-heading">
                    <h2 id="body-heading">{i18n.tr(ArticleMsg::FieldBody)}</h2>
                    {body_view}
                    <h2>{i18n.tr(ArticleMsg::FieldCover)}</h2>
                    {cover_view}
                </section>
                <aside class="detail-meta" aria-labelledby="meta-heading">
                    <h2 id="meta-heading">{i18n.tr(ArticleMsg::DetailsHeading)}</h2>
                    <dl class="field-list">
                        <dt>{i18n.tr(ArticleMsg::FieldStage)}</dt>
                        <dd>{move || stage_label(stage, i18n.lang())}</dd>
                        <dt>{i18n.tr(ArticleMsg::FieldStageSince)}</dt>
                        <dd>
                            {move || {
                                i18n.f(
                                    ArticleMsg::DaysCount,
                                    &[("n", &number_vn(days_in_stage)), ("date", &stage_since)],
                                )
                            }}
                        </dd>
                        <dt>{i18n.tr(ArticleMsg::FieldKind)}</dt>
                        <dd>{move || kind_label(kind, i18n.lang())}</dd>
                        <dt>{i18n.tr(ArticleMsg::FieldSection)}</dt>
                        <dd>{text_or_dash(a.section.clone())}</dd>
                        <dt>{i18n.tr(ArticleMsg::FieldTopics)}</dt>
                        <dd>
                            {move || {
                                let lang = i18n.lang();
                                if topics.is_empty() {
                                    i18n.t(Msg::NoneYet).to_string()
                                } else {
                                    topics
                                        .iter()
                                        .map(|t| topic_label(*t, lang))
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                }
                            }}
                        </dd>
                        <dt>{i18n.tr(ArticleMsg::FieldAuthors)}</dt>
                        <dd>{authors_view}</dd>
                        <dt>{i18n.tr(ArticleMsg::FieldSource)}</dt>
                        <dd>{text_or_dash(a.source.clone())}</dd>
                        <dt>{i18n.tr(ArticleMsg::FieldChannels)}</dt>
                        <dd>
                            {move || {
                                let lang = i18n.lang();
                                if channels.is_empty() {
                                    i18n.t(Msg::NoneYet).to_string()
                                } else {
                                    channels
                                        .iter()
                                        .map(|c| channel_label(*c, lang))
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                }
                            }}
                        </dd>
                        <dt>{i18n.tr(ArticleMsg::FieldLanguage)}</dt>
                        <dd>{move || language_label(language, i18n.lang())}</dd>
                        <dt>{i18n.tr(ArticleMsg::FieldModelExample)}</dt>
                        <dd>
                            {move || {
                                if a.model_example { i18n.t(Msg::Yes) } else { i18n.t(Msg::No) }
                            }}
                        </dd>
                        <dt>{i18n.tr(ArticleMsg::FieldScheduled)}</dt>
                        <dd>{text_or_dash(scheduled.unwrap_or_default())}</dd>
                        <dt>{i18n.tr(ArticleMsg::FieldPublished)}</dt>
                        <dd>{text_or_dash(published.unwrap_or_default())}</dd>
                        <dt>{i18n.tr(ArticleMsg::FieldRemovalReason)}</dt>
                        <dd>{text_or_dash(a.removal_reason.clone().unwrap_or_default())}</dd>
                        <dt>{i18n.tr(ArticleMsg::FieldCreated)}</dt>
                        <dd>{datetime_vn(a.created_at)}</dd>
                        <dt>{i18n.tr(ArticleMsg::FieldUpdated)}</dt>
                        <dd>{datetime_vn(a.updated_at)}</dd>
                        <dt>{i18n.tr(ArticleMsg::FieldVersion)}</dt>
                        <dd>{a.version}</dd>
                    </dl>
                </aside>
            </div>
            <ArticleHistory history=history workflow=workflow/>
        </article>
    }
}

#[component]
fn ArticleHistory(history: Vec<HistoryEntry>, workflow: Workflow) -> impl IntoView {
    let i18n = use_i18n();
    let content = if history.is_empty() {
        view! { <p class="muted">{i18n.tr(ArticleMsg::HistoryEmpty)}</p> }.into_any()
    } else {
        let workflow = StoredValue::new(workflow);
        let rows = history
            .into_iter()
            .map(|h| {
                let change = match (h.from_stage, h.to_stage) {
                    (Some(from), Some(to)) => Some((from, to)),
                    _ => None,
                };
                let entry = h.clone();
                view! {
                    <tr>
                        <td data-label=i18n.tr(ArticleMsg::ColWhen)>
                            <time datetime=h.at.to_rfc3339()>{datetime_vn(h.at)}</time>
                        </td>
                        <td data-label=i18n.tr(ArticleMsg::ColWho)>{h.actor_name}</td>
                        <td data-label=i18n.tr(ArticleMsg::ColAction)>
                            {move || {
                                workflow.with_value(|w| history_action_label(&entry, w, i18n.lang()))
                            }}
                        </td>
                        <td data-label=i18n.tr(ArticleMsg::ColStageChange)>
                            {move || {
                                change
                                    .map(|(from, to)| {
                                        let lang = i18n.lang();
                                        format!("{} → {}", stage_label(from, lang), stage_label(to, lang))
                                    })
                                    .unwrap_or_else(|| i18n.t(Msg::Dash).to_string())
                            }}
                        </td>
                        <td data-label=i18n.tr(ArticleMsg::ColComment)>
                            {h.comment.filter(|c| !c.trim().is_empty())}
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap">
                <table class="data-table history-table">
                    <ColumnHeads labels=vec![
                        i18n.tr(ArticleMsg::ColWhen), i18n.tr(ArticleMsg::ColWho),
                        i18n.tr(ArticleMsg::ColAction), i18n.tr(ArticleMsg::ColStageChange),
                        i18n.tr(ArticleMsg::ColComment),
                    ]/>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="article-history" aria-labelledby="history-heading">
            <h2 id="history-heading">{i18n.tr(ArticleMsg::HistoryHeading)}</h2>
            {content}
        </section>
    }
}
