//! Functions of the next release: a plain notice, never made-up figures.

use crate::i18n::{use_i18n, Msg};
use crate::pages::{use_page_title, RequirePermission};
use leptos::prelude::*;
use portal_contract::Permission;

#[component]
fn ComingSoon(title: Msg, planned: Msg) -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(title);
    view! {
        <div class="page page-coming-soon">
            <h1>{move || i18n.t(title)}</h1>
            <div class="notice" role="note">
                <p class="notice-title">{i18n.tr(Msg::ComingSoon)}</p>
                <p>{move || i18n.t(planned)}</p>
                <p class="notice-small">{i18n.tr(Msg::ComingSoonNoData)}</p>
            </div>
        </div>
    }
}

/// `/plan` (Kế hoạch hoạt động năm).
#[component]
pub fn PlanPage() -> impl IntoView {
    view! {
        <RequirePermission permission=Permission::PlanView>
            <ComingSoon title=Msg::PlanTitle planned=Msg::ComingSoonPlan/>
        </RequirePermission>
    }
}

/// `/spokesperson` (Người phát ngôn).
#[component]
pub fn SpokespersonPage() -> impl IntoView {
    view! {
        <RequirePermission permission=Permission::SpokespersonView>
            <ComingSoon title=Msg::SpokespersonTitle planned=Msg::ComingSoonSpokesperson/>
        </RequirePermission>
    }
}
