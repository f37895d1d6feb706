//! `/royalties`: the month's royalty sheet, payments, and the settings beside it.

use super::logic::{month_label, month_of, RoyaltyStatus};
use super::settings::RoyaltySettingsPanel;
use crate::api;
use crate::components::{use_toasts, EmptyState, ForbiddenState, Loaded, SkeletonBlock, ToastKind};
use crate::i18n::{kind_label, use_i18n, I18n, Lang, Msg};

use crate::pages::royalties::strings::RoyaltyMsg;
use crate::pages::use_page_title;
use crate::session::use_session;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_contract::format::{date_vn, vnd};
use portal_contract::royalties::{
    tenths_vn, ArticleRoyalty, RemunerationRole, RoyaltyPayment, RoyaltySheet,
};
use portal_contract::Permission;

pub(crate) fn status_text(i18n: I18n, r: &ArticleRoyalty) -> String {
    let status = RoyaltyStatus::of(r);
    match (status, r.paid_on) {
        (RoyaltyStatus::Paid, Some(d)) => i18n.f(
            RoyaltyMsg::PaidOn,
            &[("date", &d.format("%d/%m/%Y").to_string())],
        ),
        _ => i18n.t(status.msg()).to_string(),
    }
}

pub(crate) fn role_label(r: RemunerationRole, lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => r.label_vi(),
        Lang::En => r.label_en(),
    }
}

pub(crate) fn money(v: Option<i64>) -> String {
    v.map(vnd).unwrap_or_else(|| "—".to_string())
}

/// The sheet for `royalties.view`, the settings below it (editable with `royalties.settings`);
/// an administrator without `royalties.view` sees the settings alone.
#[component]
pub fn RoyaltiesPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    use_page_title(Msg::NavRoyalties);
    let edits = Memo::new(move |_| session.can(Permission::RoyaltiesSettings));
    let views = Memo::new(move |_| session.can(Permission::RoyaltiesView));
    move || {
        if views.get() {
            view! {
                <div class="page page-royalties">
                    <RoyaltySheetView/>
                    <RoyaltySettingsPanel editable=edits.get()/>
                </div>
            }
            .into_any()
        } else if edits.get() {
            view! {
                <div class="page page-royalties">
                    <h1>{i18n.tr(RoyaltyMsg::Title)}</h1>
                    <RoyaltySettingsPanel editable=true/>
                </div>
            }
            .into_any()
        } else {
            view! { <ForbiddenState/> }.into_any()
        }
    }
}

#[component]
fn RoyaltySheetView() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let month = RwSignal::new(month_of(crate::clock::today()));
    let sheet = LocalResource::new(move || api::royalties::sheet(month.get()));
    let can_pay = Memo::new(move |_| session.can(Permission::RoyaltiesPay));
    let print = move |_| {
        let _ = window().print();
    };
    view! {
            <h1 class="roy-screen-only">{i18n.tr(RoyaltyMsg::Title)}</h1>
            <p class="page-intro roy-screen-only">{i18n.tr(RoyaltyMsg::Intro)}</p>
            <div class="roy-toolbar roy-screen-only">
                <div class="field">
                    <label for="roy-month">{i18n.tr(RoyaltyMsg::Month)}</label>
                    <input
                        id="roy-month"
                        type="month"
                        prop:value=move || month.get()
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if portal_contract::royalties::parse_month(&v).is_some()
                                && v != month.get_untracked()
                            {
                                month.set(v);
                            }
                        }
                    />
                </div>
                <button type="button" class="button" on:click=print>{i18n.tr(RoyaltyMsg::Print)}</button>
                <a class="button roy-csv" href=move || api::royalties::sheet_csv_url(&month.get()) download="">
                    {i18n.tr(RoyaltyMsg::Csv)}
                </a>
            </div>
            <Loaded resource=sheet skeleton=|| view! { <SkeletonBlock lines=6/> } let:s>
                <SheetDocument sheet=s can_pay=can_pay.get_untracked() on_changed=move |_| sheet.refetch()/>
            </Loaded>
    }
}

/// The sheet itself: what prints.
#[component]
fn SheetDocument(
    sheet: RoyaltySheet,
    can_pay: bool,
    #[prop(into)] on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = month_label(&sheet.month);
    let title_label = label.clone();
    let title = move || i18n.f(RoyaltyMsg::SheetTitle, &[("month", &title_label)]);
    if sheet.lines.is_empty() {
        return view! {
            <section class="roy-sheet" aria-labelledby="roy-sheet-heading">
                <h2 id="roy-sheet-heading">{title}</h2>
                <EmptyState
                    title=Signal::derive(move || i18n.t(RoyaltyMsg::Empty).to_string())
                    hint=Signal::derive(move || i18n.t(RoyaltyMsg::EmptyHint).to_string())
                />
            </section>
        }
        .into_any();
    }
    let unassessed = sheet.unassessed;
    let lines = sheet.lines.clone();
    let people = sheet.people.clone();
    let rows = lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| view! { <SheetLine index=i + 1 line=l can_pay=can_pay on_changed=on_changed/> })
        .collect_view();
    let person_rows = people
        .into_iter()
        .map(|p| {
            view! {
                <tr>
                    <th scope="row">{p.name}</th>
                    <td class="num">{vnd(p.royalty_vnd)}</td>
                    <td class="num">{vnd(p.remuneration_vnd)}</td>
                    <td class="num">{vnd(p.total_vnd)}</td>
                    <td class="num">{vnd(p.unpaid_vnd)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="roy-sheet" aria-labelledby="roy-sheet-heading" data-month=sheet.month.clone()>
            <p class="roy-print-only roy-agency">{i18n.tr(RoyaltyMsg::Agency)}</p>
            <h2 id="roy-sheet-heading">{title}</h2>
            <dl class="roy-totals">
                <div><dt>{i18n.tr(RoyaltyMsg::TotalRoyalty)}</dt><dd class="num">{vnd(sheet.royalty_vnd)}</dd></div>
                <div><dt>{i18n.tr(RoyaltyMsg::TotalRemuneration)}</dt><dd class="num">{vnd(sheet.remuneration_vnd)}</dd></div>
                <div><dt>{i18n.tr(RoyaltyMsg::Total)}</dt><dd class="num roy-total">{vnd(sheet.total_vnd)}</dd></div>
                <div><dt>{i18n.tr(RoyaltyMsg::Unpaid)}</dt><dd class="num">{vnd(sheet.unpaid_vnd)}</dd></div>
            </dl>
            {(unassessed > 0)
                .then(|| {
                    view! {
                        <p class="notice notice-warning roy-screen-only">
                            {move || i18n.f(RoyaltyMsg::UnassessedNotice, &[("n", &unassessed.to_string())])}
                        </p>
                    }
                })}
            <h3>{i18n.tr(RoyaltyMsg::ByArticle)}</h3>
            <div class="table-wrap">
                <table class="data-table roy-lines">
                    <thead>
                        <tr>
                            <th scope="col">{i18n.tr(RoyaltyMsg::ColNo)}</th>
                            <th scope="col">{i18n.tr(RoyaltyMsg::ColArticle)}</th>
                            <th scope="col">{i18n.tr(RoyaltyMsg::ColAuthors)}</th>
                            <th scope="col" class="num">{i18n.tr(RoyaltyMsg::ColCoefficient)}</th>
                            <th scope="col" class="num">{i18n.tr(RoyaltyMsg::ColRoyalty)}</th>
                            <th scope="col" class="num">{i18n.tr(RoyaltyMsg::ColRemuneration)}</th>
                            <th scope="col" class="num">{i18n.tr(RoyaltyMsg::ColTotal)}</th>
                            <th scope="col">{i18n.tr(RoyaltyMsg::ColStatus)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <h3>{i18n.tr(RoyaltyMsg::ByPerson)}</h3>
            <div class="table-wrap">
                <table class="data-table roy-people">
                    <thead>
                        <tr>
                            <th scope="col">{i18n.tr(RoyaltyMsg::ColPerson)}</th>
                            <th scope="col" class="num">{i18n.tr(RoyaltyMsg::ColRoyalty)}</th>
                            <th scope="col" class="num">{i18n.tr(RoyaltyMsg::ColRemuneration)}</th>
                            <th scope="col" class="num">{i18n.tr(RoyaltyMsg::ColTotal)}</th>
                            <th scope="col" class="num">{i18n.tr(RoyaltyMsg::Unpaid)}</th>
                        </tr>
                    </thead>
                    <tbody>{person_rows}</tbody>
                    <tfoot>
                        <tr>
                            <th scope="row">{i18n.tr(RoyaltyMsg::Total)}</th>
                            <td class="num">{vnd(sheet.royalty_vnd)}</td>
                            <td class="num">{vnd(sheet.remuneration_vnd)}</td>
                            <td class="num">{vnd(sheet.total_vnd)}</td>
                            <td class="num">{vnd(sheet.unpaid_vnd)}</td>
                        </tr>
                    </tfoot>
                </table>
            </div>
            <div class="roy-signatures roy-print-only">
                <div><p class="roy-sign-role">{i18n.tr(RoyaltyMsg::MadeBy)}</p><p class="roy-sign-hint">{i18n.tr(RoyaltyMsg::SignHint)}</p></div>
                <div><p class="roy-sign-role">{i18n.tr(RoyaltyMsg::Chief)}</p><p class="roy-sign-hint">{i18n.tr(RoyaltyMsg::SignHint)}</p></div>
            </div>
        </section>
    }
    .into_any()
}

#[component]
fn SheetLine(
    index: usize,
    line: ArticleRoyalty,
    can_pay: bool,
    #[prop(into)] on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let status = RoyaltyStatus::of(&line);
    let kind = line.kind;
    let authors = line
        .authors
        .iter()
        .map(|a| view! { <li>{format!("{} ({}%)", a.name, a.share)} " " <span class="num">{money(a.amount_vnd)}</span></li> })
        .collect_view();
    let remunerations = line
        .remunerations
        .iter()
        .map(|r| {
            let role = r.role;
            let name = r.name.clone();
            view! {
                <li class="roy-rem">
                    {name} " (" {move || role_label(role, i18n.lang())} ") " <span class="num">{vnd(r.amount_vnd)}</span>
                </li>
            }
        })
        .collect_view();
    let paid_text = {
        let l = line.clone();
        move || status_text(i18n, &l)
    };
    let payable = can_pay && status != RoyaltyStatus::Paid && status != RoyaltyStatus::Unassessed;
    view! {
        <tr data-article=line.article_id.to_string() data-status=status.wire()>
            <td>{index}</td>
            <td>
                <a class="article-link" href=format!("/articles/{}", line.article_id)>{line.title.clone()}</a>
                <span class="cell-sub">
                    {move || kind_label(kind, i18n.lang())} " · " {i18n.tr(RoyaltyMsg::ColPublished)} " "
                    {line.published_at.map(date_vn).unwrap_or_default()}
                </span>
            </td>
            <td><ul class="plain-list">{authors}{remunerations}</ul></td>
            <td class="num">{line.coefficient_tenths.map(tenths_vn).unwrap_or_else(|| "—".into())}</td>
            <td class="num roy-amount">{money(line.royalty_vnd)}</td>
            <td class="num">{vnd(line.remuneration_vnd)}</td>
            <td class="num">{vnd(line.total_vnd)}</td>
            <td>
                <span class="badge roy-status" data-status=status.wire()>{paid_text}</span>
                {payable.then(|| view! { <PayForm line=line.clone() on_paid=on_changed/> })}
            </td>
        </tr>
    }
}

/// "Đã chi trả" with the day (today by default), for `royalties.pay`.
#[component]
pub(crate) fn PayForm(line: ArticleRoyalty, #[prop(into)] on_paid: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let open = RwSignal::new(false);
    let day = RwSignal::new(crate::clock::today().format("%Y-%m-%d").to_string());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let id = line.article_id;
    let version = line.version;
    let input = format!("roy-pay-{id}");
    let err = format!("roy-pay-err-{id}");
    let submit = move |_| {
        let Ok(paid_on) = NaiveDate::parse_from_str(&day.get_untracked(), "%Y-%m-%d") else {
            error.set(Some(i18n.t(RoyaltyMsg::PayDateInvalid).to_string()));
            return;
        };
        busy.set(true);
        spawn_local(async move {
            match api::royalties::pay(id, version, &RoyaltyPayment { paid_on }).await {
                Ok(_) => {
                    toasts.push(ToastKind::Success, i18n.t_untracked(RoyaltyMsg::PaidSaved));
                    on_paid.run(());
                }
                Err(e) => {
                    let _ = error.try_set(Some(e.message(i18n.lang_untracked())));
                }
            }
            let _ = busy.try_set(false);
        });
    };
    let (input2, err2) = (input.clone(), err.clone());
    view! {
        <div class="roy-pay roy-screen-only">
            {move || {
                if open.get() {
                    let (input, err) = (input2.clone(), err2.clone());
                    view! {
                        <div class="roy-pay-form">
                            <label for=input.clone()>{i18n.tr(RoyaltyMsg::PaidOnLabel)}</label>
                            <input
                                id=input
                                type="date"
                                prop:value=move || day.get()
                                on:input=move |ev| day.set(event_target_value(&ev))
                                aria-invalid=move || error.with(Option::is_some).to_string()
                                aria-describedby=err.clone()
                            />
                            <button type="button" class="button button-primary button-small" disabled=move || busy.get() on:click=submit>
                                {i18n.tr(RoyaltyMsg::PayConfirm)}
                            </button>
                            <button type="button" class="button button-quiet button-small" on:click=move |_| open.set(false)>
                                {i18n.tr(RoyaltyMsg::Cancel)}
                            </button>
                            <p class="field-error" id=err role="alert">{move || error.get().unwrap_or_default()}</p>
                        </div>
                    }
                        .into_any()
                } else {
                    view! {
                        <button type="button" class="button button-small roy-pay-open" on:click=move |_| open.set(true)>
                            {i18n.tr(RoyaltyMsg::Pay)}
                        </button>
                    }
                        .into_any()
                }
            }}
        </div>
    }
}
