//! `/fraud-reports`: the reports the user may see, filtered by state and channel.

use super::badge::FraudStateBadge;
use super::channel::ChannelOptions;
use crate::api::fraud::FraudFilter;
use crate::api::{self};
use crate::components::{empty_list, EmptyListTexts, Loaded, ResultsTable, TableSkeleton};
use crate::i18n::{fraud_channel_label, fraud_state_label, use_i18n, Msg};
use crate::pages::fraud::strings::FraudMsg;

use crate::pages::{use_page_title, RequirePermission};
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use portal_contract::format::{datetime_vn, number_vn, vnd};
use portal_contract::fraud::{FraudChannel, FraudReportSummary, FraudState};
use portal_contract::{Page, Permission};

/// Reports per page of the list.
const PER_PAGE: u32 = 20;

/// `/fraud-reports?state=&channel=` with the filters of the list.
pub fn fraud_list_href(states: &[FraudState], channel: Option<FraudChannel>) -> String {
    let mut pairs = Vec::new();
    if !states.is_empty() {
        let s: Vec<&str> = states.iter().map(|s| s.as_str()).collect();
        pairs.push(("state", s.join(",")));
    }
    if let Some(c) = channel {
        pairs.push(("channel", c.as_str().to_string()));
    }
    format!("/fraud-reports{}", crate::api::query::encode_pairs(&pairs))
}

#[component]
pub fn FraudReportsPage() -> impl IntoView {
    view! {
        <RequirePermission permission=Permission::FraudRead>
            <FraudList/>
        </RequirePermission>
    }
}

#[component]
fn FraudList() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    use_page_title(Msg::NavFraud);
    let query = use_query_map();
    let states = Memo::new(move |_| {
        query.with(|q| {
            q.get_str("state")
                .map(|s| {
                    s.split(',')
                        .filter_map(FraudState::parse)
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let channel =
        Memo::new(move |_| query.with(|q| q.get_str("channel").and_then(FraudChannel::parse)));
    let page = Memo::new(move |_| query.with(|q| crate::api::query::page_param(q.get_str("page"))));
    let navigate = use_navigate();
    let go = Callback::new(
        move |(s, c, p): (Vec<FraudState>, Option<FraudChannel>, u32)| {
            let mut href = fraud_list_href(&s, c);
            if p > 1 {
                href.push_str(if href.contains('?') { "&" } else { "?" });
                href.push_str(&format!("page={p}"));
            }
            navigate(&href, Default::default());
        },
    );
    let reports = LocalResource::new(move || {
        let filter = FraudFilter {
            states: states.get(),
            channels: channel.get().into_iter().collect(),
            page: page.get(),
            per_page: PER_PAGE,
        };
        async move { api::fraud::list(&filter).await }
    });
    let state_value = move || {
        let s = states.get();
        if s.is_empty() {
            String::new()
        } else {
            s.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(",")
        }
    };
    let on_state = move |ev| {
        let v = event_target_value(&ev);
        let s = v.split(',').filter_map(FraudState::parse).collect();
        go.run((s, channel.get_untracked(), 1));
    };
    let on_channel = move |ev| {
        let v = event_target_value(&ev);
        go.run((states.get_untracked(), FraudChannel::parse(&v), 1));
    };
    let go_to_page = Callback::new(move |p: u32| {
        go.run((states.get_untracked(), channel.get_untracked(), p));
    });
    let clear = Callback::new(move |_: ()| go.run((Vec::new(), None, 1)));
    let filtered = Memo::new(move |_| !states.get().is_empty() || channel.get().is_some());
    let may_file = move || session.can(Permission::FraudCreate);
    view! {
        <div class="page page-fraud">
            <div class="page-head">
                <h1>{i18n.tr(FraudMsg::Title)}</h1>
                {move || {
                    may_file()
                        .then(|| {
                            view! {
                                <a class="button button-primary" href="/fraud-reports/new" data-action="new-fraud-report">
                                    {i18n.tr(FraudMsg::New)}
                                </a>
                            }
                        })
                }}
            </div>
            <p class="page-intro">{i18n.tr(FraudMsg::Intro)}</p>
            <fieldset class="filters fraud-filters">
                <legend>{i18n.tr(FraudMsg::FiltersLegend)}</legend>
                <div class="field">
                    <label for="fraud-filter-state">{i18n.tr(FraudMsg::FilterState)}</label>
                    <select id="fraud-filter-state" on:change=on_state prop:value=state_value>
                        <option value="">{i18n.tr(FraudMsg::FilterAll)}</option>
                        <option value="new,verified">{i18n.tr(FraudMsg::FilterOpen)}</option>
                        {FraudState::ALL
                            .into_iter()
                            .map(|s| {
                                view! {
                                    <option value=s.as_str()>{move || fraud_state_label(s, i18n.lang())}</option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="fraud-filter-channel">{i18n.tr(FraudMsg::FilterChannel)}</label>
                    <select
                        id="fraud-filter-channel"
                        on:change=on_channel
                        prop:value=move || channel.get().map(|c| c.as_str()).unwrap_or("")
                    >
                        <option value="">{i18n.tr(FraudMsg::FilterAll)}</option>
                        <ChannelOptions/>
                    </select>
                </div>
            </fieldset>
            <Loaded resource=reports skeleton=|| view! { <FraudTableSkeleton/> } let:list>
                <FraudTable list=list page=page go_to_page=go_to_page filtered=filtered clear=clear/>
            </Loaded>
        </div>
    }
}

#[component]
fn FraudTableHead() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <thead>
            <tr>
                <th scope="col">{i18n.tr(FraudMsg::ColWhen)}</th>
                <th scope="col">{i18n.tr(FraudMsg::ColWhere)}</th>
                <th scope="col">{i18n.tr(FraudMsg::ColChannel)}</th>
                <th scope="col" class="num">{i18n.tr(FraudMsg::ColAmount)}</th>
                <th scope="col" class="num">{i18n.tr(FraudMsg::ColPeople)}</th>
                <th scope="col">{i18n.tr(FraudMsg::ColOffice)}</th>
                <th scope="col">{i18n.tr(FraudMsg::ColState)}</th>
            </tr>
        </thead>
    }
}

#[component]
fn FraudTableSkeleton() -> impl IntoView {
    view! {
        <TableSkeleton class="fraud-table" rows=6 columns=7>
            <FraudTableHead/>
        </TableSkeleton>
    }
}

#[component]
fn FraudTable(
    list: Page<FraudReportSummary>,
    page: Memo<u32>,
    go_to_page: Callback<u32>,
    filtered: Memo<bool>,
    clear: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let total = list.total;
    let page_count = list.page_count();
    if list.items.is_empty() {
        let texts = EmptyListTexts {
            empty: i18n.tr(FraudMsg::Empty),
            hint: Some(i18n.tr(FraudMsg::EmptyHint)),
            filtered: i18n.tr(FraudMsg::EmptyFiltered),
            clear: i18n.tr(FraudMsg::ClearFilters),
        };
        return empty_list(filtered.get_untracked(), texts, clear);
    }
    let rows = list
        .items
        .into_iter()
        .map(|r| {
            let href = format!("/fraud-reports/{}", r.id);
            let channel = r.channel;
            view! {
                <tr data-id=r.id.to_string() data-state=r.state.as_str()>
                    <td data-label=i18n.tr(FraudMsg::ColWhen)>{datetime_vn(r.occurred_at)}</td>
                    <td data-label=i18n.tr(FraudMsg::ColWhere)>
                        <a href=href>{r.location}</a>
                        <span class="fraud-excerpt">{r.excerpt}</span>
                    </td>
                    <td data-label=i18n.tr(FraudMsg::ColChannel)>
                        {move || fraud_channel_label(channel, i18n.lang())}
                    </td>
                    <td data-label=i18n.tr(FraudMsg::ColAmount) class="num">{vnd(r.amount)}</td>
                    <td data-label=i18n.tr(FraudMsg::ColPeople) class="num">{number_vn(r.people_affected)}</td>
                    <td data-label=i18n.tr(FraudMsg::ColOffice)>{r.office}</td>
                    <td data-label=i18n.tr(FraudMsg::ColState)><FraudStateBadge state=r.state/></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <ResultsTable
            class="fraud-table"
            caption=i18n.tr(FraudMsg::Title)
            count=Signal::derive(move || i18n.f(FraudMsg::Count, &[("total", &number_vn(total as i64))]))
            total=total
            page=page
            page_count=page_count
            on_page=go_to_page
            head=|| view! { <FraudTableHead/> }
        >
            {rows}
        </ResultsTable>
    }
    .into_any()
}
