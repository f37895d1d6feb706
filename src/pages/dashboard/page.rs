//! `/` (Tổng quan): visitors of the last 30 days (with the stats permission), articles per
//! stage and the latest changes.

use crate::api::query::ArticleQuery;
use crate::api::{self, ApiError};
use crate::components::{EmptyState, Loaded, SkeletonBlock};
use crate::i18n::{stage_label, use_i18n};
use crate::pages::articles::list::stage_list_href;
use crate::pages::dashboard::strings::DashboardMsg;
use crate::pages::duties::strings::DutiesMsg;
use crate::pages::{
    use_page_title, MyWorkCard, PlanYearCard, PlansAwaitingCard, QuarterlyCard, SpokespersonCard,
    StatsTeaser,
};
use crate::session::use_session;
use futures::future::join_all;
use leptos::prelude::*;
use portal_contract::format::{date_vn, number_vn};
use portal_contract::plans::NormSource;
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

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    use_page_title(DashboardMsg::Title);
    let name = move || session.info().map(|s| s.user.full_name).unwrap_or_default();
    let follows_articles = Memo::new(move |_| session.can(Permission::ArticlesRead));
    let sees_stats = Memo::new(move |_| session.can(Permission::StatsView));
    let sees_spokesperson = Memo::new(move |_| session.can(Permission::SpokespersonView));
    let decides_plans = Memo::new(move |_| session.can(Permission::PlanDecide));
    let in_workflow = Memo::new(move |_| session.can(Permission::WorkflowView));
    let reads_all = Memo::new(move |_| session.can(Permission::ArticlesReadAll));
    let sees_plan = Memo::new(move |_| session.can(Permission::PlanView));
    view! {
        <div class="page page-dashboard">
            <h1>{i18n.tr(DashboardMsg::Title)}</h1>
            <p class="page-intro">{move || i18n.f(DashboardMsg::Welcome, &[("name", &name())])}</p>
            {move || decides_plans.get().then(|| view! { <PlansAwaitingCard/> })}
            <div class="dash-layout">
                {move || in_workflow.get().then(|| view! { <MyWorkCard/> })}
                <div class="dash-grid">
                {move || follows_articles.get().then(|| view! { <NormsCard/> })}
                {move || reads_all.get().then(|| view! { <QuarterlyCard/> })}
                {move || sees_plan.get().then(|| view! { <PlanYearCard/> })}
                {move || sees_spokesperson.get().then(|| view! { <SpokespersonCard/> })}
                {move || session.can(Permission::InfoView).then(|| view! { <crate::pages::InfoStaleTile/> })}
                {move || session.can(Permission::RoyaltiesView).then(|| view! { <crate::pages::RoyaltyOverdueCard/> })}
                {move || session.can(Permission::FraudRead).then(|| view! { <crate::pages::FraudReportsCard/> })}
                {move || session.can(Permission::BannersRead).then(|| view! { <crate::pages::BannersEndingCard/> })}
                </div>
            </div>
            {move || sees_stats.get().then(|| view! { <StatsTeaser/> })}
            {move || {
                if follows_articles.get() {
                    view! {
                        <Pipeline/>
                        <RecentlyUpdated/>
                    }
                        .into_any()
                } else {
                    view! { <p class="notice">{i18n.tr(DashboardMsg::NoArticles)}</p> }
                        .into_any()
                }
            }}
        </div>
    }
}

/// One norm's bar: `done` of `norm`, full (and marked) once reached.
fn norm_row(label: DutiesMsg, done: u32, norm: u32) -> impl IntoView {
    let i18n = use_i18n();
    let percent = (done * 100).checked_div(norm).unwrap_or(100).min(100);
    let reached = done >= norm;
    view! {
        <div class="norm-row" class:reached=reached>
            <span class="norm-label">{i18n.tr(label)}</span>
            <span class="norm-figure">
                {move || {
                    i18n.f(
                        DutiesMsg::NormsOf,
                        &[("done", &number_vn(i64::from(done))), ("norm", &number_vn(i64::from(norm)))],
                    )
                }}
                {reached.then(|| view! { <span class="norm-reached">" ✓ " {i18n.tr(DutiesMsg::NormsReached)}</span> })}
            </span>
            <progress max=norm.max(1).to_string() value=done.min(norm.max(1)).to_string() aria-label=move || i18n.t(label)>
                {format!("{percent} %")}
            </progress>
        </div>
    }
}

/// This month's output against the norms (of the approved plan, else the defaults).
#[component]
fn NormsCard() -> impl IntoView {
    let i18n = use_i18n();
    let progress = LocalResource::new(api::plans::norm_progress);
    view! {
        <section class="dashboard-section dash-card dash-norms" aria-labelledby="dash-norms-heading">
            <Loaded resource=progress skeleton=|| view! { <SkeletonBlock lines=3/> } let:p>
                {
                    let month = format!("{:02}/{}", p.month, p.year);
                    let year = p.year.to_string();
                    let days = p.days_left;
                    let source = p.source;
                    let href = p.plan_id.map(|id| format!("/plan/{id}")).unwrap_or_else(|| "/norms".to_string());
                    view! {
                        <h2 id="dash-norms-heading">
                            {move || i18n.f(DutiesMsg::NormsTitle, &[("month", &month)])}
                        </h2>
                        {norm_row(DutiesMsg::NormsNews, p.news_published, p.news_norm)}
                        {norm_row(DutiesMsg::NormsArticles, p.articles_published, p.article_norm)}
                        <p class="section-hint">
                            {move || {
                                if days == 0 {
                                    i18n.t(DutiesMsg::NormsLastDay).to_string()
                                } else {
                                    i18n.f(DutiesMsg::NormsDaysLeft, &[("n", &days.to_string())])
                                }
                            }}
                            " "
                            <a href=href>
                                {move || {
                                    let msg = match source {
                                        NormSource::Plan => DutiesMsg::NormsFromPlan,
                                        NormSource::Settings => DutiesMsg::NormsFromSettings,
                                        NormSource::Default => DutiesMsg::NormsFromDefault,
                                    };
                                    i18n.f(msg, &[("year", &year)])
                                }}
                            </a>
                        </p>
                        <p><a href="/norms">{i18n.tr(DutiesMsg::NormsOpenPage)}</a></p>
                    }
                        .into_any()
                }
            </Loaded>
        </section>
    }
}

#[component]
fn Pipeline() -> impl IntoView {
    let i18n = use_i18n();
    let counts = LocalResource::new(pipeline_counts);
    view! {
        <section class="dashboard-section" aria-labelledby="pipeline-heading">
            <h2 id="pipeline-heading">{i18n.tr(DashboardMsg::PipelineHeading)}</h2>
            <p class="section-hint">{i18n.tr(DashboardMsg::PipelineHint)}</p>
            <Loaded resource=counts skeleton=|| view! { <SkeletonBlock lines=4/> } let:counts>
                {
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
            </Loaded>
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
            <h2 id="recent-heading">{i18n.tr(DashboardMsg::RecentHeading)}</h2>
            <Loaded resource=recent skeleton=|| view! { <SkeletonBlock lines=5/> } let:value>
                {match value {
                    items if items.is_empty() => {
                        view! {
                            <EmptyState title=Signal::derive(move || {
                                i18n.t(DashboardMsg::RecentEmpty).to_string()
                            })/>
                        }
                            .into_any()
                    }
                    items => view! { <RecentList items=items/> }.into_any(),
                }}
            </Loaded>
            <p>
                <a href="/articles">{i18n.tr(DashboardMsg::SeeAllArticles)}</a>
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
