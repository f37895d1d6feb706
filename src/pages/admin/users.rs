//! `/admin` (Quản trị): the user accounts and the live sessions.

use crate::api::{self};
use crate::components::{ColumnHeads, EmptyState, Loaded, ResultsTable, TableSkeleton};
use crate::i18n::{role_label, use_i18n};
use crate::pages::admin::strings::AdminMsg;
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
    use_page_title(AdminMsg::Title);
    let query = use_query_map();
    let page = Memo::new(move |_| query.with(|q| crate::api::query::page_param(q.get_str("page"))));
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
        async move { api::admin::users(p, USERS_PER_PAGE).await }
    });
    view! {
        <div class="page page-admin">
            <AdminTabs/>
            <h1>{i18n.tr(AdminMsg::Title)}</h1>
            <Loaded resource=users skeleton=|| view! { <UserTableSkeleton/> } let:list>
                <UserTable list=list page=page go_to_page=go_to_page/>
            </Loaded>
            <SessionsSection/>
        </div>
    }
}

#[component]
fn UserTableHead() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ColumnHeads labels=vec![
            i18n.tr(AdminMsg::ColUsername), i18n.tr(AdminMsg::ColFullName),
            i18n.tr(AdminMsg::ColRoles), i18n.tr(AdminMsg::ColActive),
        ]/>
    }
}

#[component]
fn UserTableSkeleton() -> impl IntoView {
    view! {
        <TableSkeleton class="users-table" rows=6 columns=4>
            <UserTableHead/>
        </TableSkeleton>
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
        <ResultsTable
            class="users-table"
            caption=i18n.tr(AdminMsg::Title)
            count=Signal::derive(move || i18n.f(AdminMsg::UsersCount, &[("total", &number_vn(total as i64))]))
            total=total
            page=page
            page_count=page_count
            on_page=go_to_page
            head=|| view! { <UserTableHead/> }
        >
            {rows}
        </ResultsTable>
    }
    .into_any()
}
