//! `/` (Tổng quan): visitors of the last 30 days (with the stats permission), articles per
//! stage and the latest changes.

use crate::api::query::{encode_pairs, ArticleQuery};
use crate::api::{self, ApiError};
use crate::components::{EmptyState, ErrorState, SkeletonBlock};
use crate::i18n::{stage_label, use_i18n, Msg};
use crate::pages::{use_page_title, PlansAwaitingCard, SpokespersonStaleCard, StatsTeaser};
use crate::session::use_session;
use futures::future::join_all;
use leptos::prelude::*;
use portal_contract::format::{date_vn, number_vn};
use portal_contract::{ArticleSummary, Permission, Stage};

/// How many articles each stage holds (for the session: authors see their own).
async fn pipeline_counts() -> Result<Vec<(Stage, u64)>, ApiError> {
    let pages = join_all(
        Stage::ALL
            .iter()
            .map(|s| api::articles::recent_in_stage(*s, 1)),
    )
    .await;
    Stage::ALL
        .iter()
        .zip(pages)
        .map(|(stage, page)| page.map(|p| (*stage, p.total)))
        .collect()
}

/// Link to the article list filtered by `stage`.
pub fn stage_list_href(stage: Stage) -> String {
    format!(
        "/articles{}",
        encode_pairs(&[("stage", stage.as_str().to_string())])
    )
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    use_page_title(Msg::DashboardTitle);
    let name = move || session.info().map(|s| s.user.full_name).unwrap_or_default();
    let follows_articles = Memo::new(move |_| session.can(Permission::ArticlesRead));
    let sees_stats = Memo::new(move |_| session.can(Permission::StatsView));
    let sees_spokesperson = Memo::new(move |_| session.can(Permission::SpokespersonView));
    let decides_plans = Memo::new(move |_| session.can(Permission::PlanDecide));
    view! {
        <div class="page page-dashboard">
            <h1>{i18n.tr(Msg::DashboardTitle)}</h1>
            <p class="page-intro">{move || i18n.f(Msg::Welcome, &[("name", &name())])}</p>
            {move || sees_spokesperson.get().then(|| view! { <SpokespersonStaleCard/> })}
            {move || decides_plans.get().then(|| view! { <PlansAwaitingCard/> })}
            {move || sees_stats.get().then(|| view! { <StatsTeaser/> })}
            {move || {
                if follows_articles.get() {
                    view! {
                        <Pipeline/>
                        <RecentlyUpdated/>
                    }
                        .into_any()
                } else {
                    view! { <p class="notice">{i18n.tr(Msg::DashboardNoArticles)}</p> }
                        .into_any()
                }
            }}
        </div>
    }
}

#[component]
fn Pipeline() -> impl IntoView {
    let i18n = use_i18n();
    let counts = LocalResource::new(pipeline_counts);
    view! {
        <section class="dashboard-section" aria-labelledby="pipeline-heading">
            <h2 id="pipeline-heading">{i18n.tr(Msg::PipelineHeading)}</h2>
            <p class="section-hint">{i18n.tr(Msg::PipelineHint)}</p>
            <Transition fallback=|| view! { <SkeletonBlock lines=4/> }>
                {move || Suspend::new(async move {
                    match counts.await {
                        Ok(counts) => {
                            view! {
                                <ul class="stage-cards">
                                    {counts
                                        .into_iter()
                                        .map(|(stage, total)| {
                                            view! {
                                                <li>
                                                    <a
                                                        class="stage-card"
                                                        data-stage=stage.as_str()
                                                        href=stage_list_href(stage)
                                                    >
                                                        <span class="stage-count">{number_vn(total as i64)}</span>
                                                        <span class="stage-name">
                                                            {move || stage_label(stage, i18n.lang())}
                                                        </span>
                                                    </a>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
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
                })}
            </Transition>
        </section>
    }
}

#[component]
fn RecentlyUpdated() -> impl IntoView {
    let i18n = use_i18n();
    let recent = LocalResource::new(|| async {
        let query = ArticleQuery {
            per_page: 8,
            ..ArticleQuery::default()
        };
        api::articles::list(&query).await.map(|p| p.items)
    });
    view! {
        <section class="dashboard-section" aria-labelledby="recent-heading">
            <h2 id="recent-heading">{i18n.tr(Msg::RecentHeading)}</h2>
            <Transition fallback=|| view! { <SkeletonBlock lines=5/> }>
                {move || Suspend::new(async move {
                    match recent.await {
                        Ok(items) if items.is_empty() => {
                            view! {
                                <EmptyState title=Signal::derive(move || {
                                    i18n.t(Msg::RecentEmpty).to_string()
                                })/>
                            }
                                .into_any()
                        }
                        Ok(items) => view! { <RecentList items=items/> }.into_any(),
                        Err(e) => {
                            view! {
                                <ErrorState error=Signal::stored(e) on_retry=move |_| recent.refetch()/>
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
            <p>
                <a href="/articles">{i18n.tr(Msg::SeeAllArticles)}</a>
            </p>
        </section>
    }
}

#[component]
fn RecentList(items: Vec<ArticleSummary>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="recent-list">
            {items
                .into_iter()
                .map(|a| {
                    let stage = a.stage;
                    view! {
                        <li class="recent-item">
                            <a href=format!("/articles/{}", a.id)>{a.title}</a>
                            <span class="recent-meta">
                                <span class="stage-badge" data-stage=stage.as_str()>
                                    {move || stage_label(stage, i18n.lang())}
                                </span>
                                " · "
                                <time datetime=a.updated_at.to_rfc3339()>{date_vn(a.updated_at)}</time>
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
