//! `/articles` (Bài viết): filters, search, sortable columns, pagination — all kept in the
//! URL so a view can be shared and Back works.

use crate::api::query::encode_pairs;
use crate::api::query::{ArticleQuery, Sort, SortKey};
use crate::api::{self};
use crate::components::{EmptyState, Loaded, Pagination, SortHeader, TableSkeleton, VocabSelect};
use crate::i18n::{kind_label, stage_label, use_i18n, Msg};
use crate::pages::articles::strings::ArticleMsg;
use crate::pages::{use_page_title, RequirePermission};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use portal_contract::format::{date_vn, number_vn};
use portal_contract::{ArticleSummary, Kind, Page, Permission, Stage, Topic};
use std::time::Duration;

/// Pause after the last keystroke before searching.
const SEARCH_DEBOUNCE: Duration = Duration::from_millis(300);
/// Columns of the table (for the skeleton and the error row).
const COLUMNS: usize = 6;

/// Link to the article list filtered by `stage`.
pub fn stage_list_href(stage: Stage) -> String {
    format!(
        "/articles{}",
        encode_pairs(&[("stage", stage.as_str().to_string())])
    )
}

#[component]
pub fn ArticlesPage() -> impl IntoView {
    view! {
        <RequirePermission permission=Permission::ArticlesRead>
            <ArticleList/>
        </RequirePermission>
    }
}

#[component]
fn ArticleList() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Msg::ArticlesTitle);
    let session = crate::session::use_session();
    let query_map = use_query_map();
    let query = Memo::new(move |_| query_map.with(|m| ArticleQuery::from_url(|k| m.get(k))));
    let navigate = use_navigate();
    // Each change of the view is a history entry, so Back returns to the previous one.
    let go = Callback::new(move |q: ArticleQuery| {
        navigate(
            &format!("/articles{}", q.to_url_query()),
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    });
    let articles = LocalResource::new(move || {
        let q = query.get();
        async move { api::articles::list(&q).await }
    });
    let (pending, set_pending) = signal(false);
    // Announced once per load, from a region that stays in the page (the count inside the
    // results is re-created on every load, which screen readers would not announce).
    let loaded_total = Memo::new(move |_| articles.get().and_then(|r| r.ok()).map(|p| p.total));
    let sort = Signal::derive(move || query.with(|q| q.sort));
    let on_sort = Callback::new(move |key: SortKey| {
        let mut q = query.get_untracked();
        q.sort = q.sort.toggled(key);
        q.page = 1;
        go.run(q);
    });

    view! {
        <div class="page page-articles">
            <div class="page-heading">
                <h1>{i18n.tr(Msg::ArticlesTitle)}</h1>
                {move || {
                    session
                        .can(Permission::ArticlesCreate)
                        .then(|| {
                            view! {
                                <a class="button button-primary new-article" href="/articles/new">
                                    {i18n.tr(ArticleMsg::EdNewArticle)}
                                </a>
                            }
                        })
                }}
            </div>
            <ArticleFilters query=query go=go/>
            <p class="visually-hidden" aria-live="polite">
                {move || {
                    loaded_total
                        .get()
                        .map(|t| i18n.f(ArticleMsg::ResultCount, &[("total", &number_vn(t as i64))]))
                }}
            </p>
            <div class="list-area" aria-busy=move || pending.get().to_string()>
                <Loaded
                    resource=articles
                    skeleton=move || view! { <ArticleTableSkeleton sort=sort on_sort=on_sort/> }
                    set_pending=set_pending
                    let:page
                >
                    <ArticleResults page=page query=query go=go sort=sort on_sort=on_sort/>
                </Loaded>
            </div>
        </div>
    }
}

/// Stage, kind and topic selects, and the search box (debounced).
#[component]
fn ArticleFilters(query: Memo<ArticleQuery>, go: Callback<ArticleQuery>) -> impl IntoView {
    let i18n = use_i18n();
    let change = move |edit: &dyn Fn(&mut ArticleQuery)| {
        let mut q = query.get_untracked();
        edit(&mut q);
        q.page = 1;
        go.run(q);
    };

    // The search box follows the URL (Back, "clear filters") unless only spacing differs.
    let q_text = RwSignal::new(query.get_untracked().q);
    Effect::new(move |_| {
        let q = query.with(|q| q.q.clone());
        if q_text.get_untracked().trim() != q {
            q_text.set(q);
        }
    });
    let typed = StoredValue::new(0u64);
    let on_search_input = move |ev| {
        let text = event_target_value(&ev);
        q_text.set(text.clone());
        let this = typed.get_value() + 1;
        typed.set_value(this);
        set_timeout(
            move || {
                // A later keystroke (or leaving the page) cancels this search.
                if typed.try_get_value() != Some(this) {
                    return;
                }
                let Some(mut q) = query.try_get_untracked() else {
                    return;
                };
                if q.q == text.trim() {
                    return;
                }
                q.q = text.trim().to_string();
                q.page = 1;
                go.run(q);
            },
            SEARCH_DEBOUNCE,
        );
    };
    let filtered = move || query.with(|q| q.is_filtered());

    view! {
        <form
            class="filters"
            role="search"
            aria-label=i18n.tr(ArticleMsg::FiltersLabel)
            on:submit=|ev| ev.prevent_default()
        >
            <VocabSelect
                id="filter-stage"
                label=ArticleMsg::FilterStage
                options=crate::vocab_options!(Stage)
                selected=Signal::derive(move || query.with(|q| q.stage.map(Stage::as_str)))
                on_change=Callback::new(move |v: String| change(&|q| q.stage = Stage::parse(&v)))
            />
            <VocabSelect
                id="filter-kind"
                label=ArticleMsg::FilterKind
                options=crate::vocab_options!(Kind)
                selected=Signal::derive(move || query.with(|q| q.kind.map(Kind::as_str)))
                on_change=Callback::new(move |v: String| change(&|q| q.kind = Kind::parse(&v)))
            />
            <VocabSelect
                id="filter-topic"
                label=ArticleMsg::FilterTopic
                options=crate::vocab_options!(Topic)
                selected=Signal::derive(move || query.with(|q| q.topic.map(Topic::as_str)))
                on_change=Callback::new(move |v: String| change(&|q| q.topic = Topic::parse(&v)))
            />
            <div class="field field-search">
                <label for="filter-q">{i18n.tr(ArticleMsg::FilterQ)}</label>
                <input
                    id="filter-q"
                    type="search"
                    autocomplete="off"
                    aria-describedby="filter-q-hint"
                    prop:value=move || q_text.get()
                    on:input=on_search_input
                />
                <span id="filter-q-hint" class="field-hint">{i18n.tr(ArticleMsg::FilterQHint)}</span>
            </div>
            <div class="field field-action">
                <button
                    type="button"
                    class="button button-quiet clear-filters"
                    disabled=move || !filtered()
                    on:click=move |_| go.run(query.get_untracked().cleared())
                >
                    {i18n.tr(ArticleMsg::ClearFilters)}
                </button>
            </div>
        </form>
    }
}

/// The table's head row, shared by the results and the loading skeleton.
#[component]
fn ArticleTableHead(#[prop(into)] sort: Signal<Sort>, on_sort: Callback<SortKey>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <thead>
            <tr>
                <SortHeader key=SortKey::Title label=ArticleMsg::ColTitle sort=sort on_sort=on_sort/>
                <th scope="col">{i18n.tr(ArticleMsg::ColKind)}</th>
                <SortHeader key=SortKey::Stage label=ArticleMsg::ColStage sort=sort on_sort=on_sort/>
                <th scope="col">{i18n.tr(ArticleMsg::ColAuthors)}</th>
                <SortHeader key=SortKey::UpdatedAt label=ArticleMsg::ColUpdated sort=sort on_sort=on_sort/>
                <SortHeader
                    key=SortKey::PublishedAt
                    label=ArticleMsg::ColPublished
                    sort=sort
                    on_sort=on_sort
                />
            </tr>
        </thead>
    }
}

#[component]
fn ArticleTableSkeleton(sort: Signal<Sort>, on_sort: Callback<SortKey>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="result-count result-count-loading" role="status">
            {i18n.tr(Msg::Loading)}
        </p>
        <TableSkeleton class="articles-table articles-table-loading" rows=8 columns=COLUMNS>
            <ArticleTableHead sort=sort on_sort=on_sort/>
        </TableSkeleton>
    }
}

/// One page of results: count, table (or empty state), pagination.
#[component]
fn ArticleResults(
    page: Page<ArticleSummary>,
    query: Memo<ArticleQuery>,
    go: Callback<ArticleQuery>,
    sort: Signal<Sort>,
    on_sort: Callback<SortKey>,
) -> impl IntoView {
    let i18n = use_i18n();
    let total = page.total;
    let page_count = page.page_count();
    let count = view! {
        <p class="result-count" data-total=total.to_string()>
            {move || i18n.f(ArticleMsg::ResultCount, &[("total", &number_vn(total as i64))])}
        </p>
    };
    if page.items.is_empty() {
        let filtered = query.with_untracked(|q| q.is_filtered());
        let beyond_last = total > 0;
        let (title, hint) = if filtered {
            (ArticleMsg::Empty, ArticleMsg::EmptyHint)
        } else {
            (ArticleMsg::None, ArticleMsg::NoneHint)
        };
        return view! {
            {count}
            <EmptyState
                title=Signal::derive(move || i18n.t(title).to_string())
                hint=Signal::derive(move || Some(i18n.t(hint).to_string()))
            >
                {filtered
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="button clear-filters"
                                on:click=move |_| go.run(query.get_untracked().cleared())
                            >
                                {i18n.tr(ArticleMsg::ClearFilters)}
                            </button>
                        }
                    })}
                {beyond_last
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="button"
                                on:click=move |_| {
                                    let mut q = query.get_untracked();
                                    q.page = 1;
                                    go.run(q);
                                }
                            >
                                {move || i18n.f(Msg::PageInfo, &[("page", "1"), ("pages", &page_count.to_string())])}
                            </button>
                        }
                    })}
            </EmptyState>
        }
        .into_any();
    }
    let rows = page
        .items
        .into_iter()
        .map(|a| view! { <ArticleRow article=a/> })
        .collect_view();
    view! {
        {count}
        <div class="table-wrap">
            <table class="data-table articles-table">
                <caption class="visually-hidden">{i18n.tr(Msg::ArticlesTitle)}</caption>
                <ArticleTableHead sort=sort on_sort=on_sort/>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <Pagination
            page=Signal::derive(move || query.with(|q| q.page))
            page_count=Signal::stored(page_count)
            on_page=move |p| {
                let mut q = query.get_untracked();
                q.page = p;
                go.run(q);
            }
            per_page=Signal::derive(move || query.with(|q| q.per_page))
            on_per_page=move |n| {
                let mut q = query.get_untracked();
                q.per_page = n;
                q.page = 1;
                go.run(q);
            }
        />
    }
    .into_any()
}

#[component]
fn ArticleRow(article: ArticleSummary) -> impl IntoView {
    let i18n = use_i18n();
    let ArticleSummary {
        id,
        title,
        section,
        kind,
        authors,
        model_example,
        stage,
        updated_at,
        published_at,
        revision_stage,
        ..
    } = article;
    let authors = authors
        .iter()
        .map(|a| a.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let published = published_at.map(date_vn);
    view! {
        <tr data-id=id.to_string()>
            <td class="cell-title" data-label=i18n.tr(ArticleMsg::ColTitle)>
                <a class="article-link" href=format!("/articles/{id}")>{title}</a>
                {model_example
                    .then(|| {
                        view! { <span class="badge badge-model">{i18n.tr(ArticleMsg::ModelExampleBadge)}</span> }
                    })}
                {revision_stage
                    .map(|at| {
                        view! {
                            <span class="badge badge-revision" data-stage=at.as_str()>
                                {move || format!("{} · {}", i18n.t(ArticleMsg::RevBadge), stage_label(at, i18n.lang()))}
                            </span>
                        }
                    })}
                {(!section.is_empty()).then(|| view! { <span class="cell-sub">{section}</span> })}
            </td>
            <td data-label=i18n.tr(ArticleMsg::ColKind)>{move || kind_label(kind, i18n.lang())}</td>
            <td data-label=i18n.tr(ArticleMsg::ColStage)>
                <span class="stage-badge" data-stage=stage.as_str()>
                    {move || stage_label(stage, i18n.lang())}
                </span>
            </td>
            <td data-label=i18n.tr(ArticleMsg::ColAuthors)>{authors}</td>
            <td data-label=i18n.tr(ArticleMsg::ColUpdated)>
                <time datetime=updated_at.to_rfc3339()>{date_vn(updated_at)}</time>
            </td>
            <td data-label=i18n.tr(ArticleMsg::ColPublished)>
                {match published {
                    Some(d) => d.into_any(),
                    None => view! { <span class="muted">{i18n.tr(Msg::Dash)}</span> }.into_any(),
                }}
            </td>
        </tr>
    }
}
