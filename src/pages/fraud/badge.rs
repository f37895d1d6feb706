//! A report's state as a badge.

use crate::i18n::{fraud_state_label, use_i18n};

use leptos::prelude::*;
use portal_contract::fraud::FraudState;

/// The state as a coloured badge (text, never colour alone).
#[component]
pub fn FraudStateBadge(state: FraudState) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class="fraud-state-badge" data-state=state.as_str()>
            {move || fraud_state_label(state, i18n.lang())}
        </span>
    }
}
