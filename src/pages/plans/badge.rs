//! A plan's state as a badge.

use crate::i18n::use_i18n;
use crate::pages::plans::logic::state_msg;
use leptos::prelude::*;
use portal_contract::plans::PlanState;

/// The coloured label of a state.
#[component]
pub fn PlanStateBadge(state: PlanState) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class="plan-state-badge" data-state=state.as_str()>{i18n.tr(state_msg(state))}</span>
    }
}
