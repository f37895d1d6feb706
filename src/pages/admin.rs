//! `/admin` (Quản trị): the user accounts and the live sessions.

use crate::api::{self};
use crate::components::{EmptyState, ErrorState, Pagination, SkeletonRows};
use crate::i18n::{role_label, use_i18n, AdminMsg};
use crate::pages::{use_page_title, AdminTabs, RequirePermission, SessionsSection};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use portal_contract::format::number_vn;
use portal_contract::{Page, Permission, User};

/// Accounts per page.
const USERS_PER_PAGE: u32 = 50;

#[component]
pub fn AdminPage() -> impl IntoView {
    view! {
        <RequirePermission permission=Permission::UsersManage>
            <UserList/>
        </RequirePermission>
    }
}

#[component]
fn UserList() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(AdminMsg::AdminTitle);
    let query = use_query_map();
    let page = Memo::new(move |_| {
        query.with(|q| {
            q.get_str("page")
                .and_then(|p| p.parse::<u32>().ok())
                .filter(|p| *p >= 1)
                .unwrap_or(1)
        })
    });
    let navigate = use_navigate();
    let go_to_page = Callback::new(move |p: u32| {
        let href = if p <= 1 {
            "/admin".to_string()
        } else {
            format!("/admin?page={p}")
        };
        navigate(&href, Default::default());
    });
    let users = LocalResource::new(move || {
        let p = page.get();
        async move { api::users::list(p, USERS_PER_PAGE).await }
    });
    view! {
        <div class="page page-admin">
            <AdminTabs/>
            <h1>{i18n.tr(AdminMsg::AdminTitle)}</h1>
            <Transition fallback=|| view! { <UserTableSkeleton/> }>
                {move || Suspend::new(async move {
                    match users.await {
                        Ok(list) => view! { <UserTable list=list page=page go_to_page=go_to_page/> }.into_any(),
                        Err(e) => {
                            view! {
                                <ErrorState error=Signal::stored(e) on_retry=move |_| users.refetch()/>
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
            <SessionsSection/>
        </div>
    }
}

#[component]
fn UserTableHead() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <thead>
            <tr>
                <th scope="col">{i18n.tr(AdminMsg::ColUsername)}</th>
                <th scope="col">{i18n.tr(AdminMsg::ColFullName)}</th>
                <th scope="col">{i18n.tr(AdminMsg::ColRoles)}</th>
                <th scope="col">{i18n.tr(AdminMsg::ColActive)}</th>
            </tr>
        </thead>
    }
}

#[component]
fn UserTableSkeleton() -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="data-table users-table">
                <UserTableHead/>
                <tbody>
                    <SkeletonRows rows=6 columns=4/>
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn UserTable(list: Page<User>, page: Memo<u32>, go_to_page: Callback<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let total = list.total;
    let page_count = list.page_count();
    if list.items.is_empty() && total == 0 {
        return view! {
            <EmptyState
                title=Signal::derive(move || i18n.t(AdminMsg::UsersEmpty).to_string())
                hint=Signal::derive(move || Some(i18n.t(AdminMsg::UsersEmptyHint).to_string()))
            />
        }
        .into_any();
    }
    let rows = list
        .items
        .into_iter()
        .map(|u| {
            let roles = u.roles.clone();
            let active = u.active;
            view! {
                <tr data-id=u.id.to_string()>
                    <td data-label=i18n.tr(AdminMsg::ColUsername)>
                        <code>{u.username}</code>
                    </td>
                    <td data-label=i18n.tr(AdminMsg::ColFullName)>{u.full_name}</td>
                    <td data-label=i18n.tr(AdminMsg::ColRoles)>
                        {move || {
                            let lang = i18n.lang();
                            roles.iter().map(|r| role_label(*r, lang)).collect::<Vec<_>>().join(", ")
                        }}
                    </td>
                    <td data-label=i18n.tr(AdminMsg::ColActive)>
                        <span class="badge" class:badge-ok=active class:badge-off=!active>
                            {move || {
                                if active { i18n.t(AdminMsg::UserActive) } else { i18n.t(AdminMsg::UserInactive) }
                            }}
                        </span>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="result-count" data-total=total.to_string()>
            {move || i18n.f(AdminMsg::UsersCount, &[("total", &number_vn(total as i64))])}
        </p>
        <div class="table-wrap">
            <table class="data-table users-table">
                <caption class="visually-hidden">{i18n.tr(AdminMsg::AdminTitle)}</caption>
                <UserTableHead/>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <Pagination page=page page_count=Signal::stored(page_count) on_page=go_to_page/>
    }
    .into_any()
}
