//! A sortable column header: a button inside the `<th>`, whose `aria-sort` tells the order.

use crate::api::query::{Sort, SortKey};
use crate::i18n::{use_i18n, Text};
use crate::pages::articles::strings::ArticleMsg;
use leptos::prelude::*;

/// Header of a column the list can be sorted by.
///
/// ```ignore
/// view! { <SortHeader key=SortKey::Title label=ArticleMsg::ColTitle sort=sort on_sort=set_sort/> }
/// ```
#[component]
pub fn SortHeader(
    key: SortKey,
    label: impl Text,
    #[prop(into)] sort: Signal<Sort>,
    /// Called with the column's key when its header is clicked.
    #[prop(into)]
    on_sort: Callback<SortKey>,
) -> impl IntoView {
    let i18n = use_i18n();
    let aria_sort = move || {
        let s = sort.get();
        match (s.key == key, s.desc) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        }
    };
    let arrow = move || match aria_sort() {
        "ascending" => "▲",
        "descending" => "▼",
        _ => "↕",
    };
    view! {
        <th scope="col" aria-sort=aria_sort data-sort-key=key.as_str()>
            <button
                type="button"
                class="sort-button"
                title=move || i18n.f(ArticleMsg::SortBy, &[("col", i18n.t(label))])
                on:click=move |_| on_sort.run(key)
            >
                <span>{move || i18n.t(label)}</span>
                <span class="sort-arrow" aria-hidden="true">{arrow}</span>
            </button>
        </th>
    }
}
