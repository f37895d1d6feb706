//! What every page does first: name itself in the tab, and check the session may open it.

use crate::components::ForbiddenState;
use crate::i18n::{use_i18n, Msg, Text};
use crate::session::use_session;
use leptos::prelude::*;
use portal_contract::Permission;

/// Sets the tab title to "<page> — Ban Biên tập", following the language.
pub fn use_page_title(page: impl Text) {
    let i18n = use_i18n();
    Effect::new(move |_| {
        document().set_title(&format!("{} — {}", i18n.t(page), i18n.t(Msg::AppName)));
    });
}

/// Shows `children` only to a session holding `permission`, else a "no access" page (the
/// server would refuse the data anyway).
#[component]
pub fn RequirePermission(permission: Permission, children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let allowed = Memo::new(move |_| session.can(permission));
    move || {
        if allowed.get() {
            children().into_any()
        } else {
            view! { <ForbiddenState/> }.into_any()
        }
    }
}
