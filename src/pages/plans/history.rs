//! A plan's history.

use crate::components::{dyn_text, dyn_view, ColumnHeads};
use crate::i18n::use_i18n;
use crate::pages::articles::strings::ArticleMsg;
use crate::pages::plans::html::history_rows_html;
use crate::pages::plans::strings::PlanMsg;
use leptos::prelude::*;
use portal_contract::plans::PlanHistoryEntry;

/// Who did what when, newest first, with the Director's comments.
#[component]
pub fn PlanHistory(#[prop(into)] history: Signal<Vec<PlanHistoryEntry>>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = dyn_text(move || history.with(|h| history_rows_html(h, i18n.lang())));
    view! {
        <section class="plan-history" aria-labelledby="plan-history-heading">
            <h2 id="plan-history-heading">{i18n.tr(PlanMsg::HistoryHeading)}</h2>
            {dyn_view(move || {
                if history.with(Vec::is_empty) {
                    view! { <p class="muted">{i18n.tr(ArticleMsg::HistoryEmpty)}</p> }.into_any()
                } else {
                    view! {
                        <div class="table-wrap">
                            <table class="data-table plan-history-table">
                                <ColumnHeads labels=vec![
                                    i18n.tr(ArticleMsg::ColWhen), i18n.tr(PlanMsg::ColVersion),
                                    i18n.tr(ArticleMsg::ColWho), i18n.tr(ArticleMsg::ColAction),
                                    i18n.tr(ArticleMsg::ColComment),
                                ]/>
                                <tbody inner_html=rows></tbody>
                            </table>
                        </div>
                    }
                        .into_any()
                }
            })}
        </section>
    }
}
