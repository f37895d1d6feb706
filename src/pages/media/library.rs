//! `/media`: the library's grid with search and a kind filter, uploads, and one item's panel
//! (`?item=<id>`).

use super::item::ItemPanel;
use super::logic::{dimensions, size_vn, thumbnail};
use super::strings::MediaMsg;
use super::uploads::UploadZone;
use crate::api;
use crate::components::{empty_list, EmptyListTexts, Loaded, Pagination, SkeletonBlock};
use crate::i18n::{use_i18n, Lang};
use crate::pages::{use_page_title, RequirePermission};
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use portal_contract::format::number_vn;
use portal_contract::media::{MediaFilter, MediaItem, MediaKind};
use portal_contract::{Page, Permission};

/// Items per page of the grid.
const PER_PAGE: u32 = 24;

/// The library's address for a search, a kind, a page and an open item.
fn library_href(q: &str, kind: Option<MediaKind>, page: u32, item: Option<i64>) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    if !q.trim().is_empty() {
        pairs.push(("q", q.trim().to_string()));
    }
    if let Some(k) = kind {
        pairs.push(("kind", k.as_str().to_string()));
    }
    if page > 1 {
        pairs.push(("page", page.to_string()));
    }
    if let Some(id) = item {
        pairs.push(("item", id.to_string()));
    }
    format!("/media{}", crate::api::query::encode_pairs(&pairs))
}

fn kind_label(kind: MediaKind, lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => kind.label_vi(),
        Lang::En => kind.label_en(),
    }
}

#[component]
pub fn MediaPage() -> impl IntoView {
    view! {
        <RequirePermission permission=Permission::MediaRead>
            <MediaLibrary/>
        </RequirePermission>
    }
}

#[component]
fn MediaLibrary() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    use_page_title(MediaMsg::Title);
    let query = use_query_map();
    let q = Memo::new(move |_| query.with(|m| m.get("q").unwrap_or_default()));
    let kind = Memo::new(move |_| query.with(|m| m.get_str("kind").and_then(MediaKind::parse)));
    let page = Memo::new(move |_| query.with(|m| crate::api::query::page_param(m.get_str("page"))));
    let open = Memo::new(move |_| query.with(|m| m.get_str("item").and_then(|i| i.parse().ok())));
    let navigate = use_navigate();
    let go = Callback::new(
        move |(q, kind, page, item): (String, Option<MediaKind>, u32, Option<i64>)| {
            navigate(&library_href(&q, kind, page, item), Default::default());
        },
    );
    let items = LocalResource::new(move || {
        let filter = MediaFilter {
            q: Some(q.get()),
            kind: kind.get(),
        };
        let page = page.get();
        async move { api::media::list(&filter, page, PER_PAGE).await }
    });
    let search_text = RwSignal::new(String::new());
    Effect::new(move |_| search_text.set(q.get()));
    let on_search = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        go.run((search_text.get_untracked(), kind.get_untracked(), 1, None));
    };
    let on_kind = move |ev| {
        let v = event_target_value(&ev);
        go.run((q.get_untracked(), MediaKind::parse(&v), 1, None));
    };
    let select = Callback::new(move |id: Option<i64>| {
        go.run((
            q.get_untracked(),
            kind.get_untracked(),
            page.get_untracked(),
            id,
        ));
    });
    let go_to_page = Callback::new(move |p: u32| {
        go.run((q.get_untracked(), kind.get_untracked(), p, None));
    });
    let clear = Callback::new(move |_: ()| go.run((String::new(), None, 1, None)));
    let filtered = Memo::new(move |_| !q.get().trim().is_empty() || kind.get().is_some());
    let may_upload = move || session.can(Permission::MediaUpload);
    let refresh = Callback::new(move |_: ()| items.refetch());
    let uploaded = Callback::new(move |_: MediaItem| items.refetch());
    let closed = Callback::new(move |changed: bool| {
        if changed {
            items.refetch();
        }
        select.run(None);
    });

    view! {
        <div class="page page-media">
            <div class="page-head">
                <h1>{i18n.tr(MediaMsg::Title)}</h1>
            </div>
            <p class="page-intro">{i18n.tr(MediaMsg::Intro)}</p>
            <Show when=may_upload>
                <UploadZone on_uploaded=uploaded/>
            </Show>
            <form role="search" on:submit=on_search>
                <fieldset class="filters media-filters">
                    <legend>{i18n.tr(MediaMsg::FiltersLegend)}</legend>
                    <div class="field field-search">
                        <label for="media-search">{i18n.tr(MediaMsg::Search)}</label>
                        <input
                            id="media-search"
                            type="search"
                            maxlength="200"
                            prop:value=move || search_text.get()
                            on:input=move |ev| search_text.set(event_target_value(&ev))
                        />
                    </div>
                    <div class="field">
                        <label for="media-kind">{i18n.tr(MediaMsg::Kind)}</label>
                        <select
                            id="media-kind"
                            on:change=on_kind
                            prop:value=move || kind.get().map(|k| k.as_str()).unwrap_or("")
                        >
                            <option value="">{i18n.tr(MediaMsg::AllKinds)}</option>
                            {MediaKind::ALL
                                .into_iter()
                                .map(|k| {
                                    view! {
                                        <option value=k.as_str()>{move || kind_label(k, i18n.lang())}</option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="field-action">
                        <button type="submit" class="button">{i18n.tr(MediaMsg::SearchButton)}</button>
                    </div>
                </fieldset>
            </form>
            <div class="media-layout" class:with-panel=move || open.get().is_some()>
                <div class="media-results">
                    <Loaded resource=items skeleton=|| view! { <SkeletonBlock lines=6/> } let:list>
                        <MediaGrid
                            list=list
                            page=page
                            open=open
                            select=select
                            go_to_page=go_to_page
                            filtered=filtered
                            clear=clear
                        />
                    </Loaded>
                </div>
                {move || {
                    open.get()
                        .map(|id| {
                            view! { <ItemPanel id=id on_close=closed on_changed=refresh/> }
                        })
                }}
            </div>
        </div>
    }
}

#[component]
fn MediaGrid(
    list: Page<MediaItem>,
    page: Memo<u32>,
    open: Memo<Option<i64>>,
    select: Callback<Option<i64>>,
    go_to_page: Callback<u32>,
    filtered: Memo<bool>,
    clear: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let total = list.total;
    let page_count = list.page_count();
    if list.items.is_empty() {
        let texts = EmptyListTexts {
            empty: i18n.tr(MediaMsg::Empty),
            hint: Some(i18n.tr(MediaMsg::EmptyHint)),
            filtered: i18n.tr(MediaMsg::EmptyFiltered),
            clear: i18n.tr(MediaMsg::ClearFilters),
        };
        return empty_list(filtered.get_untracked(), texts, clear);
    }
    let cards = list
        .items
        .into_iter()
        .map(|item| view! { <MediaCard item=item open=open select=select/> })
        .collect_view();
    view! {
        <p class="results-count" role="status">
            {move || i18n.f(MediaMsg::Count, &[("total", &number_vn(total as i64))])}
        </p>
        <ul class="media-grid">{cards}</ul>
        <Pagination page=page page_count=Signal::stored(page_count) on_page=go_to_page/>
    }
    .into_any()
}

#[component]
fn MediaCard(
    item: MediaItem,
    open: Memo<Option<i64>>,
    select: Callback<Option<i64>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = item.id;
    let kind = item.kind;
    let name = item.filename.clone();
    let thumb = thumbnail(&item, 320).map(str::to_string);
    let meta = {
        let size = size_vn(item.bytes);
        match dimensions(&item) {
            Some(d) => format!("{size} · {d}"),
            None => size,
        }
    };
    let no_alt = kind == MediaKind::Image && item.alt.trim().is_empty();
    view! {
        <li class="media-card" class:selected=move || open.get() == Some(id) data-id=id.to_string()>
            <button
                type="button"
                class="media-card-button"
                aria-pressed=move || (open.get() == Some(id)).to_string()
                on:click=move |_| select.run(Some(id))
            >
                <span class="media-thumb" data-kind=kind.as_str()>
                    {match thumb {
                        Some(src) => {
                            // The button is named by its visible text; the alt text is in the item's panel.
                            view! { <img src=src alt="" loading="lazy" width="320" height="180"/> }
                                .into_any()
                        }
                        None => {
                            view! {
                                <span class="media-kind-icon" aria-hidden="true">
                                    {move || kind_label(kind, i18n.lang())}
                                </span>
                            }
                                .into_any()
                        }
                    }}
                </span>
                <span class="media-name">{name}</span>
                <span class="media-meta">
                    {move || kind_label(kind, i18n.lang())} " · " {meta}
                </span>
                {no_alt.then(|| view! { <span class="badge badge-warn">{i18n.tr(MediaMsg::NoAlt)}</span> })}
            </button>
        </li>
    }
}
