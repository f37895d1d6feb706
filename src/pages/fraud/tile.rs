//! The dashboard's tile: the open reports.

use super::list::fraud_list_href;
use crate::api::fraud::FraudFilter;
use crate::api::{self, ApiError};
use crate::components::{EmptyState, Loaded, SkeletonBlock};
use crate::i18n::{use_i18n, Msg};
use crate::pages::fraud::strings::FraudMsg;

use leptos::prelude::*;
use portal_contract::format::number_vn;
use portal_contract::fraud::FraudState;

async fn open_counts() -> Result<(u64, u64), ApiError> {
    let count = |s: FraudState| async move {
        api::fraud::list(&FraudFilter {
            states: vec![s],
            per_page: 1,
            ..FraudFilter::default()
        })
        .await
        .map(|p| p.total)
    };
    let (new, verified) = futures::join!(count(FraudState::New), count(FraudState::Verified));
    Ok((new?, verified?))
}

/// Open fraud reports (new and verified) with a link to them; a local office counts its own.
#[component]
pub fn FraudReportsCard() -> impl IntoView {
    let i18n = use_i18n();
    let counts = LocalResource::new(open_counts);
    let href = fraud_list_href(&[FraudState::New, FraudState::Verified], None);
    view! {
        <section class="dashboard-section dash-card dash-fraud" aria-labelledby="dash-fraud-heading">
            <h2 id="dash-fraud-heading">{i18n.tr(FraudMsg::DashFraudTitle)}</h2>
            <Loaded resource=counts skeleton=|| view! { <SkeletonBlock lines=2/> } let:value>
                {
                    let href = href.clone();
                    match value {
                        (0, 0) => {
                            view! {
                                <EmptyState title=Signal::derive(move || i18n.t(FraudMsg::DashFraudNone).to_string())>
                                    <a href="/fraud-reports">{i18n.tr(Msg::NavFraud)}</a>
                                </EmptyState>
                            }
                                .into_any()
                        }
                        (new, verified) => {
                            view! {
                                <p class="dash-fraud-total" data-open=(new + verified).to_string()>
                                    <span class="big-number">{number_vn((new + verified) as i64)}</span>
                                </p>
                                <ul class="dash-fraud-split">
                                    <li data-state="new">
                                        {move || i18n.f(FraudMsg::DashFraudNew, &[("n", &number_vn(new as i64))])}
                                    </li>
                                    <li data-state="verified">
                                        {move || i18n.f(FraudMsg::DashFraudVerified, &[("n", &number_vn(verified as i64))])}
                                    </li>
                                </ul>
                                <p>
                                    <a href=href data-action="open-fraud-list">{i18n.tr(FraudMsg::DashFraudOpen)}</a>
                                </p>
                            }
                                .into_any()
                        }
                    }
                }
            </Loaded>
        </section>
    }
}
