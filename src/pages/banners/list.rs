//! `/banners`: the portal's banners grouped by placement (top of the page first), filtered by
//! placement and status; editors and above add, change and delete them, the director reads.

use super::form::{BannerFormPanel, Editing};
use super::logic::{by_placement, days_vn, placement_label, status_label, thumbnail};
use super::strings::BannerMsg;
use crate::api;
use crate::components::{use_toasts, EmptyState, Loaded, ResultsTable, TableSkeleton, ToastKind};
use crate::i18n::{use_i18n, Msg};
use crate::pages::{use_page_title, RequirePermission};
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use portal_contract::banners::{Banner, BannerFilter, BannerPlacement, BannerStatus};
use portal_contract::format::number_vn;
use portal_contract::{Page, Permission};

/// Banners per page of the list.
const PER_PAGE: u32 = 50;

/// `/banners?placement=&status=&page=` with the filters of the list.
pub fn banners_href(
    placement: Option<BannerPlacement>,
    status: Option<BannerStatus>,
    page: u32,
) -> String {
    let mut pairs = Vec::new();
    if let Some(p) = placement {
        pairs.push(("placement", p.as_str().to_string()));
    }
    if let Some(s) = status {
        pairs.push(("status", s.as_str().to_string()));
    }
    if page > 1 {
        pairs.push(("page", page.to_string()));
    }
    format!("/banners{}", crate::api::query::encode_pairs(&pairs))
}

#[component]
pub fn BannersPage() -> impl IntoView {
    view! {
        <RequirePermission permission=Permission::BannersRead>
            <BannerList/>
        </RequirePermission>
    }
}

#[component]
fn BannerList() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    use_page_title(Msg::NavBanners);
    let query = use_query_map();
    let placement =
        Memo::new(move |_| query.with(|q| q.get_str("placement").and_then(BannerPlacement::parse)));
    let status =
        Memo::new(move |_| query.with(|q| q.get_str("status").and_then(BannerStatus::parse)));
    let page = Memo::new(move |_| query.with(|q| crate::api::query::page_param(q.get_str("page"))));
    let navigate = use_navigate();
    let go = Callback::new(
        move |(p, s, n): (Option<BannerPlacement>, Option<BannerStatus>, u32)| {
            navigate(&banners_href(p, s, n), Default::default());
        },
    );
    let reload = RwSignal::new(0u32);
    let banners = LocalResource::new(move || {
        reload.track();
        let filter = BannerFilter {
            placement: placement.get(),
            status: status.get(),
            ending_within_days: None,
        };
        let page = page.get();
        async move { api::banners::list(&filter, page, PER_PAGE).await }
    });
    let editing = RwSignal::new(None::<Editing>);
    let may_manage = Memo::new(move |_| session.can(Permission::BannersManage));
    let on_done = Callback::new(move |saved: bool| {
        editing.set(None);
        if saved {
            reload.update(|n| *n += 1);
        }
        crate::form::focus_later("banner-new".to_string());
    });
    let on_edit = Callback::new(move |b: Banner| editing.set(Some(Editing::Existing(Box::new(b)))));
    let on_delete = Callback::new(move |b: Banner| {
        let title = b.title.clone();
        let question = i18n.f(BannerMsg::ConfirmDelete, &[("title", &title)]);
        if !window().confirm_with_message(&question).unwrap_or(false) {
            return;
        }
        let lang = i18n.lang_untracked();
        leptos::task::spawn_local(async move {
            match api::banners::delete(b.id, b.version).await {
                Ok(()) => {
                    toasts.push(
                        ToastKind::Success,
                        i18n.f(BannerMsg::Deleted, &[("title", &title)]),
                    );
                }
                Err(e) if e.status() == Some(412) => {
                    toasts.push(ToastKind::Info, i18n.t_untracked(BannerMsg::Stale));
                }
                Err(e) => {
                    toasts.push_error(&e, lang);
                }
            }
            let _ = reload.try_update(|n| *n += 1);
        });
    });
    let on_placement = move |ev| {
        let v = event_target_value(&ev);
        go.run((BannerPlacement::parse(&v), status.get_untracked(), 1));
    };
    let on_status = move |ev| {
        let v = event_target_value(&ev);
        go.run((placement.get_untracked(), BannerStatus::parse(&v), 1));
    };
    let go_to_page = Callback::new(move |n: u32| {
        go.run((placement.get_untracked(), status.get_untracked(), n));
    });
    let clear = Callback::new(move |_: ()| go.run((None, None, 1)));
    let filtered = Memo::new(move |_| placement.get().is_some() || status.get().is_some());
    view! {
        <div class="page page-banners">
            <div class="page-head">
                <h1>{i18n.tr(BannerMsg::Title)}</h1>
                <Show when=move || may_manage.get()>
                    <button
                        type="button"
                        id="banner-new"
                        class="button button-primary"
                        data-action="new-banner"
                        aria-expanded=move || if matches!(editing.get(), Some(Editing::New)) { "true" } else { "false" }
                        on:click=move |_| editing.set(Some(Editing::New))
                    >
                        {i18n.tr(BannerMsg::New)}
                    </button>
                </Show>
            </div>
            <p class="page-intro">{i18n.tr(BannerMsg::Intro)}</p>
            <Show when=move || !may_manage.get()>
                <p class="notice">{i18n.tr(BannerMsg::ReadOnly)}</p>
            </Show>
            {move || {
                editing
                    .get()
                    .map(|e| view! { <BannerFormPanel editing=e on_done=on_done/> })
            }}
            <fieldset class="filters banner-filters">
                <legend>{i18n.tr(BannerMsg::FiltersLegend)}</legend>
                <div class="field">
                    <label for="banner-filter-placement">{i18n.tr(BannerMsg::FilterPlacement)}</label>
                    <select
                        id="banner-filter-placement"
                        on:change=on_placement
                        prop:value=move || placement.get().map(|p| p.as_str()).unwrap_or("")
                    >
                        <option value="">{i18n.tr(BannerMsg::FilterAll)}</option>
                        {BannerPlacement::ALL
                            .into_iter()
                            .map(|p| view! { <option value=p.as_str()>{move || placement_label(p, i18n.lang())}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="banner-filter-status">{i18n.tr(BannerMsg::FilterStatus)}</label>
                    <select
                        id="banner-filter-status"
                        on:change=on_status
                        prop:value=move || status.get().map(|s| s.as_str()).unwrap_or("")
                    >
                        <option value="">{i18n.tr(BannerMsg::FilterAll)}</option>
                        {BannerStatus::ALL
                            .into_iter()
                            .map(|s| view! { <option value=s.as_str()>{move || status_label(s, i18n.lang())}</option> })
                            .collect_view()}
                    </select>
                </div>
            </fieldset>
            <Loaded resource=banners skeleton=|| view! { <BannerTableSkeleton/> } let:list>
                <BannerTable
                    list=list
                    page=page
                    go_to_page=go_to_page
                    filtered=filtered
                    clear=clear
                    may_manage=may_manage.get_untracked()
                    on_edit=on_edit
                    on_delete=on_delete
                />
            </Loaded>
        </div>
    }
}

/// The columns of the table (the actions only for those who manage).
const COLUMNS: usize = 7;

#[component]
fn BannerTableHead() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <thead>
            <tr>
                <th scope="col">{i18n.tr(BannerMsg::ColImage)}</th>
                <th scope="col">{i18n.tr(BannerMsg::ColTitle)}</th>
                <th scope="col">{i18n.tr(BannerMsg::ColPlacement)}</th>
                <th scope="col">{i18n.tr(BannerMsg::ColDays)}</th>
                <th scope="col" class="num">{i18n.tr(BannerMsg::ColPosition)}</th>
                <th scope="col">{i18n.tr(BannerMsg::ColStatus)}</th>
                <th scope="col">{i18n.tr(BannerMsg::ColActions)}</th>
            </tr>
        </thead>
    }
}

#[component]
fn BannerTableSkeleton() -> impl IntoView {
    view! {
        <TableSkeleton class="banner-table" rows=4 columns=COLUMNS>
            <BannerTableHead/>
        </TableSkeleton>
    }
}

#[component]
fn BannerTable(
    list: Page<Banner>,
    page: Memo<u32>,
    go_to_page: Callback<u32>,
    filtered: Memo<bool>,
    clear: Callback<()>,
    may_manage: bool,
    on_edit: Callback<Banner>,
    on_delete: Callback<Banner>,
) -> impl IntoView {
    let i18n = use_i18n();
    let total = list.total;
    let page_count = list.page_count();
    if list.items.is_empty() {
        return if filtered.get_untracked() {
            view! {
                <EmptyState title=Signal::derive(move || i18n.t(BannerMsg::EmptyFiltered).to_string())>
                    <button type="button" class="button" on:click=move |_| clear.run(())>
                        {i18n.tr(BannerMsg::ClearFilters)}
                    </button>
                </EmptyState>
            }
            .into_any()
        } else {
            view! {
                <EmptyState
                    title=Signal::derive(move || i18n.t(BannerMsg::Empty).to_string())
                    hint=Signal::derive(move || Some(i18n.t(BannerMsg::EmptyHint).to_string()))
                />
            }
            .into_any()
        };
    }
    let today = crate::clock::today();
    let rows = by_placement(list.items)
        .into_iter()
        .map(|(placement, group)| {
            let rows = group
                .into_iter()
                .map(|b| banner_row(b, today, may_manage, on_edit, on_delete))
                .collect_view();
            view! {
                <tr class="banner-group" data-placement=placement.as_str()>
                    <th scope="colgroup" colspan=COLUMNS.to_string()>
                        {move || placement_label(placement, i18n.lang())}
                    </th>
                </tr>
                {rows}
            }
        })
        .collect_view();
    view! {
        <ResultsTable
            class="banner-table"
            caption=i18n.tr(BannerMsg::Title)
            count=Signal::derive(move || i18n.f(BannerMsg::Count, &[("total", &number_vn(total as i64))]))
            total=total
            page=page
            page_count=page_count
            on_page=go_to_page
            head=|| view! { <BannerTableHead/> }
        >
            {rows}
        </ResultsTable>
    }
    .into_any()
}

fn banner_row(
    b: Banner,
    today: chrono::NaiveDate,
    may_manage: bool,
    on_edit: Callback<Banner>,
    on_delete: Callback<Banner>,
) -> impl IntoView {
    let i18n = use_i18n();
    let status = b.status_on(today);
    let placement = b.placement;
    let thumb = thumbnail(&b.image, 160).to_string();
    let days = days_vn(b.starts_on, b.ends_on);
    let title = b.title.clone();
    let (edit_title, delete_title) = (title.clone(), title.clone());
    let actions = may_manage.then(|| {
        let (for_edit, for_delete) = (b.clone(), b.clone());
        view! {
            <div class="banner-actions">
                <button
                    type="button"
                    class="button button-small"
                    data-action="edit-banner"
                    aria-label=move || i18n.f(BannerMsg::EditNamed, &[("title", &edit_title)])
                    on:click=move |_| on_edit.run(for_edit.clone())
                >
                    {i18n.tr(BannerMsg::Edit)}
                </button>
                <button
                    type="button"
                    class="button button-small button-danger"
                    data-action="delete-banner"
                    aria-label=move || i18n.f(BannerMsg::DeleteNamed, &[("title", &delete_title)])
                    on:click=move |_| on_delete.run(for_delete.clone())
                >
                    {i18n.tr(BannerMsg::Delete)}
                </button>
            </div>
        }
    });
    view! {
        <tr data-id=b.id.to_string() data-status=status.as_str()>
            <td data-label=i18n.tr(BannerMsg::ColImage) class="banner-thumb">
                // The title beside it says what the image is for.
                <img src=thumb alt="" loading="lazy" width="160" height="60"/>
            </td>
            <td data-label=i18n.tr(BannerMsg::ColTitle)>
                <span class="banner-title">{title}</span>
                <a class="banner-link" href=b.link.clone() rel="noopener noreferrer">
                    {b.link.clone()}
                </a>
            </td>
            <td data-label=i18n.tr(BannerMsg::ColPlacement)>
                {move || placement_label(placement, i18n.lang())}
            </td>
            <td data-label=i18n.tr(BannerMsg::ColDays) class="banner-days">{days}</td>
            <td data-label=i18n.tr(BannerMsg::ColPosition) class="num">{b.position}</td>
            <td data-label=i18n.tr(BannerMsg::ColStatus)>
                <span class="badge banner-status" data-status=status.as_str()>
                    {move || status_label(status, i18n.lang())}
                </span>
            </td>
            <td data-label=i18n.tr(BannerMsg::ColActions)>{actions}</td>
        </tr>
    }
}
