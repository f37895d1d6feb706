//! Previous / next, "Trang X/Y" and the page size of a list.

use crate::api::query::PER_PAGE_CHOICES;
use crate::i18n::{use_i18n, Msg};
use leptos::prelude::*;

/// Pagination of a list.
///
/// ```ignore
/// view! {
///     <Pagination page=page page_count=pages per_page=per_page
///         on_page=move |p| go_to_page(p) on_per_page=move |n| set_size(n)/>
/// }
/// ```
#[component]
pub fn Pagination(
    /// The current page, from 1.
    #[prop(into)]
    page: Signal<u32>,
    /// How many pages there are (at least 1).
    #[prop(into)]
    page_count: Signal<u32>,
    /// Called with the page to show.
    #[prop(into)]
    on_page: Callback<u32>,
    /// The page size; with `on_per_page`, shows the 20/50/100 choice.
    #[prop(optional, into)]
    per_page: Option<Signal<u32>>,
    #[prop(optional, into)] on_per_page: Option<Callback<u32>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let at_first = move || page.get() <= 1;
    let at_last = move || page.get() >= page_count.get();
    let size_choice = per_page.zip(on_per_page).map(|(per_page, on_per_page)| {
        view! {
            <label class="per-page">
                <span>{i18n.tr(Msg::PerPage)}</span>
                <select
                    class="per-page-select"
                    on:change=move |ev| {
                        if let Ok(n) = event_target_value(&ev).parse::<u32>() {
                            on_per_page.run(n);
                        }
                    }
                >
                    {PER_PAGE_CHOICES
                        .iter()
                        .map(|n| {
                            let n = *n;
                            view! {
                                <option
                                    value=n.to_string()
                                    selected=move || per_page.get() == n
                                    prop:selected=move || per_page.get() == n
                                >
                                    {n}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        }
    });
    view! {
        <nav class="pagination" aria-label=i18n.tr(Msg::PaginationLabel)>
            <button
                type="button"
                class="button page-prev"
                disabled=at_first
                on:click=move |_| {
                    if !at_first() {
                        on_page.run(page.get_untracked() - 1);
                    }
                }
            >
                <span aria-hidden="true">"‹ "</span>
                {i18n.tr(Msg::PagePrev)}
            </button>
            <span class="page-info">
                {move || {
                    i18n.f(
                        Msg::PageInfo,
                        &[
                            ("page", &page.get().to_string()),
                            ("pages", &page_count.get().max(1).to_string()),
                        ],
                    )
                }}
            </span>
            <button
                type="button"
                class="button page-next"
                disabled=at_last
                on:click=move |_| {
                    if !at_last() {
                        on_page.run(page.get_untracked() + 1);
                    }
                }
            >
                {i18n.tr(Msg::PageNext)}
                <span aria-hidden="true">" ›"</span>
            </button>
            {size_choice}
        </nav>
    }
}
