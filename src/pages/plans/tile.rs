//! The dashboard's tile: plans awaiting the Director's decision.

use super::list::{awaiting_line, plan_href};
use crate::api::{self};
use crate::components::dyn_view;
use crate::i18n::use_i18n;
use crate::pages::plans::strings::PlanMsg;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_contract::plans::{PlanState, PlanSummary};

/// For the Director on the dashboard: the plans waiting for a decision (nothing when none,
/// or when they cannot be read).
#[component]
pub fn PlansAwaitingCard() -> impl IntoView {
    let i18n = use_i18n();
    let waiting = RwSignal::new(Vec::<PlanSummary>::new());
    spawn_local(async move {
        if let Ok(page) = api::plans::list(None).await {
            let submitted = page
                .items
                .into_iter()
                .filter(|s| s.state == PlanState::Submitted)
                .collect();
            let _ = waiting.try_set(submitted);
        }
    });
    let card = dyn_view(move || {
        if waiting.with(Vec::is_empty) {
            return ().into_any();
        }
        let list = waiting
            .get()
            .into_iter()
            .map(|p| view! { <li><a href=plan_href(p.id)>{awaiting_line(i18n, &p)}</a></li> })
            .collect_view();
        view! {
            <section class="dashboard-section dash-card dash-plans" aria-labelledby="dash-plans-heading">
                <h2 id="dash-plans-heading">{i18n.tr(PlanMsg::DashPlansTitle)}</h2>
                <ul>{list}</ul>
            </section>
        }
        .into_any()
    });
    view! { {card} }
}
