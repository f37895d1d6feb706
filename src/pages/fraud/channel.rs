//! The channels a report can name, as the options of a `<select>` (the list's filter and the
//! new report's form).

use crate::i18n::{fraud_channel_label, use_i18n};
use leptos::prelude::*;
use portal_contract::fraud::FraudChannel;

/// One `<option>` per channel, its value the contract's name, its label in the chosen language.
#[component]
pub fn ChannelOptions() -> impl IntoView {
    let i18n = use_i18n();
    FraudChannel::ALL
        .into_iter()
        .map(|c| view! { <option value=c.as_str()>{move || fraud_channel_label(c, i18n.lang())}</option> })
        .collect_view()
}
