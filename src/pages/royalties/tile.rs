//! The dashboard's tile: overdue royalties.

use crate::api::{self};
use crate::components::{Loaded, SkeletonBlock};
use crate::i18n::use_i18n;

use crate::pages::royalties::strings::RoyaltyMsg;
use leptos::prelude::*;
use portal_contract::format::vnd;

/// Royalties unpaid more than 60 days after publication: how many, how much, the oldest, and
/// a link to the sheet where they are paid.
#[component]
pub fn RoyaltyOverdueCard() -> impl IntoView {
    let i18n = use_i18n();
    let overdue = LocalResource::new(api::royalties::overdue);
    view! {
        <section class="dashboard-section dash-card dash-royalties" aria-labelledby="dash-roy-heading">
            <h2 id="dash-roy-heading">{i18n.tr(RoyaltyMsg::OverdueTitle)}</h2>
            <Loaded resource=overdue skeleton=|| view! { <SkeletonBlock lines=2/> } let:value>
                {match value {
                    o if o.count == 0 => {
                        view! {
                            <p class="roy-overdue-none">{i18n.tr(RoyaltyMsg::OverdueNone)}</p>
                            <p><a href="/royalties">{i18n.tr(RoyaltyMsg::OpenSheet)}</a></p>
                        }
                            .into_any()
                    }
                    o => {
                        let count = o.count.to_string();
                        let total = vnd(o.total_vnd);
                        let items = o
                            .items
                            .into_iter()
                            .take(5)
                            .map(|r| {
                                let due = r.due_on.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default();
                                view! {
                                    <li>
                                        <a href=format!("/articles/{}", r.article_id)>{r.title}</a>
                                        " — "
                                        <span class="muted">{move || i18n.f(RoyaltyMsg::DueOn, &[("date", &due)])}</span>
                                    </li>
                                }
                            })
                            .collect_view();
                        view! {
                            <p class="notice notice-warning roy-overdue-count">
                                {move || i18n.f(RoyaltyMsg::OverdueCount, &[("n", &count), ("total", &total)])}
                            </p>
                            <ul class="plain-list">{items}</ul>
                            <p><a href="/royalties">{i18n.tr(RoyaltyMsg::OpenSheet)}</a></p>
                        }
                            .into_any()
                    }
                }}
            </Loaded>
        </section>
    }
}
