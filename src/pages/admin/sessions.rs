//! The live sessions, a section of `/admin`: who is signed in where, and ending a session.

use crate::api::{self, ApiError};
use crate::components::{
    use_toasts, ColumnHeads, EmptyState, Loaded, ResultsTable, TableSkeleton, ToastKind,
};
use crate::i18n::use_i18n;
use crate::pages::admin::strings::AdminMsg;
use crate::pages::articles::strings::ArticleMsg;
use leptos::prelude::*;
use portal_contract::format::{datetime_vn, number_vn};
use portal_contract::{ActiveSession, Page};
use wasm_bindgen::JsCast;

/// Sessions asked for at once (a province office has a few dozen people).
const SESSIONS_PER_PAGE: u32 = 50;

/// Puts the keyboard focus on the element with `id` (after a row it was on went away).
pub(crate) fn focus_id(id: &str) {
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// "Phiên đăng nhập đang hoạt động": who is signed in, since and until when, and ending a
/// session. Never shows a token or an address (the server sends neither).
#[component]
pub fn SessionsSection() -> impl IntoView {
    let i18n = use_i18n();
    let page = RwSignal::new(1u32);
    let sessions = LocalResource::new(move || {
        let p = page.get();
        async move { api::admin::sessions(p, SESSIONS_PER_PAGE).await }
    });
    let on_changed = Callback::new(move |_: ()| {
        sessions.refetch();
        focus_id("sessions-heading");
    });
    view! {
        <section class="admin-sessions" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading" tabindex="-1">{i18n.tr(AdminMsg::SessionsTitle)}</h2>
            <p class="page-intro">{i18n.tr(AdminMsg::SessionsIntro)}</p>
            <Loaded resource=sessions skeleton=|| view! { <SessionTableSkeleton/> } let:list>
                <SessionTable list=list page=page on_changed=on_changed/>
            </Loaded>
        </section>
    }
}

#[component]
fn SessionTableHead() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ColumnHeads labels=vec![
            i18n.tr(AdminMsg::ColSessionUser), i18n.tr(AdminMsg::ColSessionCreated),
            i18n.tr(AdminMsg::ColSessionIdle), i18n.tr(AdminMsg::ColSessionAbsolute),
            i18n.tr(ArticleMsg::ColAction),
        ]/>
    }
}

#[component]
fn SessionTableSkeleton() -> impl IntoView {
    view! {
        <TableSkeleton class="sessions-table" rows=3 columns=5>
            <SessionTableHead/>
        </TableSkeleton>
    }
}

#[component]
fn SessionTable(
    list: Page<ActiveSession>,
    page: RwSignal<u32>,
    on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let total = list.total;
    let page_count = list.page_count();
    if list.items.is_empty() {
        return view! {
            <EmptyState title=Signal::derive(move || i18n.t(AdminMsg::SessionsEmpty).to_string())/>
        }
        .into_any();
    }
    let rows = list
        .items
        .into_iter()
        .map(|s| view! { <SessionRow session=s on_changed=on_changed/> })
        .collect_view();
    view! {
        <ResultsTable
            class="sessions-table"
            caption=i18n.tr(AdminMsg::SessionsTitle)
            count=Signal::derive(move || i18n.f(AdminMsg::SessionsCount, &[("total", &number_vn(total as i64))]))
            total=total
            page=page
            page_count=page_count
            on_page=move |p| page.set(p)
            head=|| view! { <SessionTableHead/> }
        >
            {rows}
        </ResultsTable>
    }
    .into_any()
}

#[component]
fn SessionRow(session: ActiveSession, on_changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let busy = RwSignal::new(false);
    let id = session.id;
    let name = session.full_name.clone();
    let end = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let name = name.clone();
        leptos::task::spawn_local(async move {
            let lang = i18n.lang_untracked();
            match api::admin::end_session(id).await {
                Ok(()) => {
                    toasts.push(
                        ToastKind::Success,
                        crate::i18n::fill(AdminMsg::SessionEnded.text(lang), &[("name", &name)]),
                    );
                    on_changed.run(());
                }
                Err(ApiError::Problem { problem, .. }) if problem.status == 404 => {
                    toasts.push(ToastKind::Info, AdminMsg::SessionGone.text(lang));
                    on_changed.run(());
                }
                Err(e) => {
                    busy.set(false);
                    toasts.push_error(&e, lang);
                }
            }
        });
    };
    let label_name = session.full_name.clone();
    let action = if session.current {
        view! { <span class="badge badge-ok">{i18n.tr(AdminMsg::SessionCurrent)}</span> }.into_any()
    } else {
        view! {
            <button
                type="button"
                class="button button-danger"
                data-action="end-session"
                aria-label=move || i18n.f(AdminMsg::SessionEndLabel, &[("name", &label_name)])
                aria-disabled=move || if busy.get() { "true" } else { "false" }
                on:click=end
            >
                {move || if busy.get() { i18n.t(AdminMsg::SessionEnding) } else { i18n.t(AdminMsg::SessionEnd) }}
            </button>
        }
        .into_any()
    };
    view! {
        <tr data-id=session.id.to_string() data-user=session.username.clone()>
            <th scope="row" data-label=i18n.tr(AdminMsg::ColSessionUser)>
                {session.full_name.clone()}
                " "
                <code>{session.username.clone()}</code>
            </th>
            <td data-label=i18n.tr(AdminMsg::ColSessionCreated)>{datetime_vn(session.created_at)}</td>
            <td data-label=i18n.tr(AdminMsg::ColSessionIdle)>{datetime_vn(session.idle_expires_at)}</td>
            <td data-label=i18n.tr(AdminMsg::ColSessionAbsolute)>
                {datetime_vn(session.absolute_expires_at)}
            </td>
            <td data-label=i18n.tr(ArticleMsg::ColAction)>{action}</td>
        </tr>
    }
}
