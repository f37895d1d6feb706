//! The dashboard's tile: the banners whose last day falls in the next seven days.

use super::list::banners_href;
use super::logic::{days_left, placement_label};
use super::strings::BannerMsg;
use crate::api;
use crate::components::{EmptyState, Loaded, SkeletonBlock};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use portal_contract::banners::{BannerFilter, ENDING_SOON_DAYS};
use portal_contract::format::{day_vn, number_vn};

/// Banners shown in the tile (the rest are counted).
const TILE_ITEMS: u32 = 5;

/// Banners ending this week (today and the six days after), soonest first, with a link to the
/// banners page.
#[component]
pub fn BannersEndingCard() -> impl IntoView {
    let i18n = use_i18n();
    let ending = LocalResource::new(|| async {
        let filter = BannerFilter {
            ending_within_days: Some(ENDING_SOON_DAYS),
            ..BannerFilter::default()
        };
        api::banners::list(&filter, 1, TILE_ITEMS).await
    });
    view! {
        <section class="dashboard-section dash-card dash-banners" aria-labelledby="dash-banners-heading">
            <h2 id="dash-banners-heading">{i18n.tr(BannerMsg::DashTitle)}</h2>
            <Loaded resource=ending skeleton=|| view! { <SkeletonBlock lines=3/> } let:page>
                {
                    if page.items.is_empty() {
                        view! {
                            <EmptyState title=Signal::derive(move || i18n.t(BannerMsg::DashNone).to_string())>
                                <a href="/banners">{i18n.tr(BannerMsg::DashOpen)}</a>
                            </EmptyState>
                        }
                            .into_any()
                    } else {
                        let today = crate::clock::today();
                        let more = page.total.saturating_sub(page.items.len() as u64);
                        let items = page
                            .items
                            .into_iter()
                            .map(|b| {
                                let left = days_left(b.ends_on, today);
                                let date = day_vn(b.ends_on);
                                let placement = b.placement;
                                view! {
                                    <li data-id=b.id.to_string()>
                                        <span class="dash-banner-title">{b.title}</span>
                                        " · "
                                        <span>{move || placement_label(placement, i18n.lang())}</span>
                                        " · "
                                        <span class="dash-banner-end">
                                            {move || {
                                                if left <= 0 {
                                                    i18n.t(BannerMsg::DashEndsToday).to_string()
                                                } else {
                                                    i18n.f(
                                                        BannerMsg::DashEndsIn,
                                                        &[("date", &date), ("n", &left.to_string())],
                                                    )
                                                }
                                            }}
                                        </span>
                                    </li>
                                }
                            })
                            .collect_view();
                        view! {
                            <ul class="dash-banner-list">{items}</ul>
                            {(more > 0)
                                .then(|| {
                                    view! {
                                        <p class="section-hint">
                                            {move || i18n.f(BannerMsg::DashMore, &[("n", &number_vn(more as i64))])}
                                        </p>
                                    }
                                })}
                            <p>
                                <a href=banners_href(None, None, 1) data-action="open-banners">
                                    {i18n.tr(BannerMsg::DashOpen)}
                                </a>
                            </p>
                        }
                            .into_any()
                    }
                }
            </Loaded>
        </section>
    }
}
