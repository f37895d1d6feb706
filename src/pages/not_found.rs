//! Any address the app does not know.

use crate::i18n::{use_i18n, Msg};
use crate::pages::use_page_title;
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(Msg::NotFoundTitle);
    view! {
        <div class="page page-not-found">
            <h1>{i18n.tr(Msg::NotFoundTitle)}</h1>
            <p class="state-hint">{i18n.tr(Msg::NotFoundHint)}</p>
            <p>
                <a href="/" class="button">{i18n.tr(Msg::BackToDashboard)}</a>
            </p>
        </div>
    }
}
