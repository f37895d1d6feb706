//! A table of one page of results: grey rows while it loads, then the count, the table and the
//! pagination. The page supplies the table's class, its header row and its rows.

use crate::components::{Pagination, SkeletonRows};
use leptos::prelude::*;

/// The table's header over grey rows while its page of results loads.
///
/// ```ignore
/// view! { <TableSkeleton class="users-table" rows=6 columns=4><UserTableHead/></TableSkeleton> }
/// ```
#[component]
pub fn TableSkeleton(
    /// Classes after `data-table`.
    class: &'static str,
    rows: usize,
    columns: usize,
    /// The header row (`<thead>`).
    children: Children,
) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class=format!("data-table {class}")>
                {children()}
                <tbody>
                    <SkeletonRows rows=rows columns=columns/>
                </tbody>
            </table>
        </div>
    }
}

/// "N results", the table (a caption for screen readers, `head`, the rows) and the pagination.
///
/// ```ignore
/// view! {
///     <ResultsTable class="users-table" caption=i18n.tr(AdminMsg::Title) count=count total=total
///         page=page page_count=page_count on_page=go_to_page head=|| view! { <UserTableHead/> }>
///         {rows}
///     </ResultsTable>
/// }
/// ```
#[component]
pub fn ResultsTable(
    /// Classes after `data-table`.
    class: &'static str,
    #[prop(into)] caption: Signal<&'static str>,
    /// The line above the table ("12 kết quả").
    #[prop(into)]
    count: Signal<String>,
    total: u64,
    /// `status` when the count should be announced as it changes.
    #[prop(optional)]
    count_role: Option<&'static str>,
    #[prop(into)] page: Signal<u32>,
    page_count: u32,
    #[prop(into)] on_page: Callback<u32>,
    #[prop(into)] head: ViewFnOnce,
    /// The rows (`<tr>`s).
    children: Children,
) -> impl IntoView {
    view! {
        <p class="result-count" data-total=total.to_string() role=count_role>
            {count}
        </p>
        <div class="table-wrap">
            <table class=format!("data-table {class}")>
                <caption class="visually-hidden">{caption}</caption>
                {head.run()}
                <tbody>{children()}</tbody>
            </table>
        </div>
        <Pagination page=page page_count=Signal::stored(page_count) on_page=on_page/>
    }
}

/// A table's header row: one `<th scope="col">` per label, in order.
///
/// ```ignore
/// view! { <ColumnHeads labels=vec![i18n.tr(AdminMsg::ColUsername), i18n.tr(AdminMsg::ColRoles)]/> }
/// ```
#[component]
pub fn ColumnHeads(labels: Vec<Signal<&'static str>>) -> impl IntoView {
    view! {
        <thead>
            <tr>{labels.into_iter().map(|l| view! { <th scope="col">{l}</th> }).collect_view()}</tr>
        </thead>
    }
}
