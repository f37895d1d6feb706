//! The administration's tabs.

use crate::i18n::use_i18n;
use crate::pages::admin::strings::AdminMsg;
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use portal_contract::Permission;

/// Where the audit viewer lives.
pub const AUDIT_PATH: &str = "/admin/audit";

/// The tabs of the administration: users and sessions, and (with `audit.read`) the audit log.
#[component]
pub fn AdminTabs() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let location = use_location();
    let current = move |path: &'static str| {
        let here = location.pathname.get();
        if here == path {
            "page"
        } else {
            ""
        }
    };
    view! {
        <nav class="admin-tabs" aria-label=i18n.tr(AdminMsg::Sections)>
            <a href="/admin" class="admin-tab" data-tab="users" aria-current=move || current("/admin")>
                {i18n.tr(AdminMsg::TabUsers)}
            </a>
            {move || {
                session
                    .can(Permission::AuditRead)
                    .then(|| {
                        view! {
                            <a
                                href=AUDIT_PATH
                                class="admin-tab"
                                data-tab="audit"
                                aria-current=move || current(AUDIT_PATH)
                            >
                                {i18n.tr(AdminMsg::TabAudit)}
                            </a>
                        }
                    })
            }}
        </nav>
    }
}
