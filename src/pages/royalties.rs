//! `/royalties` (Nhuận bút): the monthly royalty sheet (bảng kê nhuận bút) per article and per
//! person, printable on A4 and exportable as CSV, with "paid" recorded by the secretary; the
//! settings (coefficient table, unit values); the royalty panel of the article page where the
//! chief editor chooses the coefficient and the remuneration entries; the dashboard tile of
//! royalties unpaid 60 days after publication. Every amount comes computed from the server.

use super::plan_editor::FieldMessages;
use super::plan_logic::{error_id, input_id};
use crate::api::{self, ApiError};
use crate::components::{
    use_toasts, EmptyState, ErrorState, ForbiddenState, SkeletonBlock, ToastKind,
};
use crate::i18n::{kind_label, use_i18n, I18n, Lang, Msg, RoyaltyMsg};
use crate::pages::use_page_title;
use crate::session::use_session;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_contract::format::{date_vn, vnd};
use portal_contract::royalty::{
    tenths_vn, validate_assessment, validate_settings, ArticleRoyalty, CoefficientRange,
    Remuneration, RemunerationRole, RoyaltyAssessment, RoyaltyPayment, RoyaltySettings,
    RoyaltySettingsUpdate, RoyaltySheet, UnitValue,
};
use portal_contract::{FieldError, Permission};

// ---------------------------------------------------------------------------------------------
// Pure helpers
// ---------------------------------------------------------------------------------------------

/// A coefficient typed as `1,5`, `1.5` or `15` into tenths; `None` for anything else (more
/// than one decimal, signs, letters).
pub fn parse_tenths(raw: &str) -> Option<u32> {
    let s = raw.trim().replace(',', ".");
    let (whole, frac) = match s.split_once('.') {
        Some((_, "")) => return None,
        Some((w, f)) => (w, f),
        None => (s.as_str(), ""),
    };
    if whole.is_empty() || whole.len() > 4 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if frac.len() > 1 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let w: u32 = whole.parse().ok()?;
    let f: u32 = if frac.is_empty() {
        0
    } else {
        frac.parse().ok()?
    };
    Some(w * 10 + f)
}

/// An amount in đồng typed with or without thousands dots or spaces (`1.234.000`, `1234000`,
/// `-5`); `None` when it is not a whole number.
pub fn parse_amount(raw: &str) -> Option<i64> {
    let s: String = raw
        .trim()
        .trim_end_matches('₫')
        .trim_end_matches("đ")
        .chars()
        .filter(|c| !matches!(c, '.' | ' ' | '\u{a0}'))
        .collect();
    let (neg, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.as_str()),
    };
    if digits.is_empty() || digits.len() > 15 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = digits.parse().ok()?;
    Some(if neg { -n } else { n })
}

/// `YYYY-MM` of a day.
pub fn month_of(day: NaiveDate) -> String {
    format!("{:04}-{:02}", day.year(), day.month())
}

/// `YYYY-MM` → `MM/YYYY`, as the sheet's title writes it.
pub fn month_label(month: &str) -> String {
    match month.split_once('-') {
        Some((y, m)) => format!("{m}/{y}"),
        None => month.to_string(),
    }
}

/// Where a line of the sheet stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoyaltyStatus {
    /// No coefficient yet: the chief editor's turn.
    Unassessed,
    Paid,
    /// Unpaid, more than 60 days after publication.
    Overdue,
    Unpaid,
}

impl RoyaltyStatus {
    pub fn of(r: &ArticleRoyalty) -> Self {
        if r.paid_on.is_some() {
            RoyaltyStatus::Paid
        } else if r.coefficient_tenths.is_none() {
            RoyaltyStatus::Unassessed
        } else if r.overdue {
            RoyaltyStatus::Overdue
        } else {
            RoyaltyStatus::Unpaid
        }
    }

    pub fn wire(self) -> &'static str {
        match self {
            RoyaltyStatus::Unassessed => "unassessed",
            RoyaltyStatus::Paid => "paid",
            RoyaltyStatus::Overdue => "overdue",
            RoyaltyStatus::Unpaid => "unpaid",
        }
    }

    fn msg(self) -> RoyaltyMsg {
        match self {
            RoyaltyStatus::Unassessed => RoyaltyMsg::RoyStatusUnassessed,
            RoyaltyStatus::Paid => RoyaltyMsg::RoyStatusPaid,
            RoyaltyStatus::Overdue => RoyaltyMsg::RoyStatusOverdue,
            RoyaltyStatus::Unpaid => RoyaltyMsg::RoyStatusUnpaid,
        }
    }
}

fn status_text(i18n: I18n, r: &ArticleRoyalty) -> String {
    let status = RoyaltyStatus::of(r);
    match (status, r.paid_on) {
        (RoyaltyStatus::Paid, Some(d)) => i18n.f(
            RoyaltyMsg::RoyPaidOn,
            &[("date", &d.format("%d/%m/%Y").to_string())],
        ),
        _ => i18n.t(status.msg()).to_string(),
    }
}

fn role_label(r: RemunerationRole, lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => r.label_vi(),
        Lang::En => r.label_en(),
    }
}

fn money(v: Option<i64>) -> String {
    v.map(vnd).unwrap_or_else(|| "—".to_string())
}

fn field_errors_of(e: &ApiError) -> Vec<FieldError> {
    match e {
        ApiError::Problem { problem, .. } => problem.errors.clone(),
        _ => Vec::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------------------------

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
                    <h1>{i18n.tr(RoyaltyMsg::RoyTitle)}</h1>
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
    let month = RwSignal::new(month_of(super::stats_logic::today_now()));
    let sheet = LocalResource::new(move || api::royalties::sheet(month.get()));
    let can_pay = Memo::new(move |_| session.can(Permission::RoyaltiesPay));
    let print = move |_| {
        let _ = window().print();
    };
    view! {
            <h1 class="roy-screen-only">{i18n.tr(RoyaltyMsg::RoyTitle)}</h1>
            <p class="page-intro roy-screen-only">{i18n.tr(RoyaltyMsg::RoyIntro)}</p>
            <div class="roy-toolbar roy-screen-only">
                <div class="field">
                    <label for="roy-month">{i18n.tr(RoyaltyMsg::RoyMonth)}</label>
                    <input
                        id="roy-month"
                        type="month"
                        prop:value=move || month.get()
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if portal_contract::royalty::parse_month(&v).is_some()
                                && v != month.get_untracked()
                            {
                                month.set(v);
                            }
                        }
                    />
                </div>
                <button type="button" class="button" on:click=print>{i18n.tr(RoyaltyMsg::RoyPrint)}</button>
                <a class="button roy-csv" href=move || api::royalties::sheet_csv_url(&month.get()) download="">
                    {i18n.tr(RoyaltyMsg::RoyCsv)}
                </a>
            </div>
            <Transition fallback=|| view! { <SkeletonBlock lines=6/> }>
                {move || Suspend::new(async move {
                    match sheet.await {
                        Ok(s) => {
                            view! {
                                <SheetDocument sheet=s can_pay=can_pay.get_untracked() on_changed=move |_| sheet.refetch()/>
                            }
                                .into_any()
                        }
                        Err(e) => {
                            view! { <ErrorState error=Signal::stored(e) on_retry=move |_| sheet.refetch()/> }
                                .into_any()
                        }
                    }
                })}
            </Transition>
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
    let title = move || i18n.f(RoyaltyMsg::RoySheetTitle, &[("month", &title_label)]);
    if sheet.lines.is_empty() {
        return view! {
            <section class="roy-sheet" aria-labelledby="roy-sheet-heading">
                <h2 id="roy-sheet-heading">{title}</h2>
                <EmptyState
                    title=Signal::derive(move || i18n.t(RoyaltyMsg::RoyEmpty).to_string())
                    hint=Signal::derive(move || i18n.t(RoyaltyMsg::RoyEmptyHint).to_string())
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
            <p class="roy-print-only roy-agency">{i18n.tr(RoyaltyMsg::RoyAgency)}</p>
            <h2 id="roy-sheet-heading">{title}</h2>
            <dl class="roy-totals">
                <div><dt>{i18n.tr(RoyaltyMsg::RoyTotalRoyalty)}</dt><dd class="num">{vnd(sheet.royalty_vnd)}</dd></div>
                <div><dt>{i18n.tr(RoyaltyMsg::RoyTotalRemuneration)}</dt><dd class="num">{vnd(sheet.remuneration_vnd)}</dd></div>
                <div><dt>{i18n.tr(RoyaltyMsg::RoyTotal)}</dt><dd class="num roy-total">{vnd(sheet.total_vnd)}</dd></div>
                <div><dt>{i18n.tr(RoyaltyMsg::RoyUnpaid)}</dt><dd class="num">{vnd(sheet.unpaid_vnd)}</dd></div>
            </dl>
            {(unassessed > 0)
                .then(|| {
                    view! {
                        <p class="notice notice-warning roy-screen-only">
                            {move || i18n.f(RoyaltyMsg::RoyUnassessedNotice, &[("n", &unassessed.to_string())])}
                        </p>
                    }
                })}
            <h3>{i18n.tr(RoyaltyMsg::RoyByArticle)}</h3>
            <div class="table-wrap">
                <table class="data-table roy-lines">
                    <thead>
                        <tr>
                            <th scope="col">{i18n.tr(RoyaltyMsg::RoyColNo)}</th>
                            <th scope="col">{i18n.tr(RoyaltyMsg::RoyColArticle)}</th>
                            <th scope="col">{i18n.tr(RoyaltyMsg::RoyColAuthors)}</th>
                            <th scope="col" class="num">{i18n.tr(RoyaltyMsg::RoyColCoefficient)}</th>
                            <th scope="col" class="num">{i18n.tr(RoyaltyMsg::RoyColRoyalty)}</th>
                            <th scope="col" class="num">{i18n.tr(RoyaltyMsg::RoyColRemuneration)}</th>
                            <th scope="col" class="num">{i18n.tr(RoyaltyMsg::RoyColTotal)}</th>
                            <th scope="col">{i18n.tr(RoyaltyMsg::RoyColStatus)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <h3>{i18n.tr(RoyaltyMsg::RoyByPerson)}</h3>
            <div class="table-wrap">
                <table class="data-table roy-people">
                    <thead>
                        <tr>
                            <th scope="col">{i18n.tr(RoyaltyMsg::RoyColPerson)}</th>
                            <th scope="col" class="num">{i18n.tr(RoyaltyMsg::RoyColRoyalty)}</th>
                            <th scope="col" class="num">{i18n.tr(RoyaltyMsg::RoyColRemuneration)}</th>
                            <th scope="col" class="num">{i18n.tr(RoyaltyMsg::RoyColTotal)}</th>
                            <th scope="col" class="num">{i18n.tr(RoyaltyMsg::RoyUnpaid)}</th>
                        </tr>
                    </thead>
                    <tbody>{person_rows}</tbody>
                    <tfoot>
                        <tr>
                            <th scope="row">{i18n.tr(RoyaltyMsg::RoyTotal)}</th>
                            <td class="num">{vnd(sheet.royalty_vnd)}</td>
                            <td class="num">{vnd(sheet.remuneration_vnd)}</td>
                            <td class="num">{vnd(sheet.total_vnd)}</td>
                            <td class="num">{vnd(sheet.unpaid_vnd)}</td>
                        </tr>
                    </tfoot>
                </table>
            </div>
            <div class="roy-signatures roy-print-only">
                <div><p class="roy-sign-role">{i18n.tr(RoyaltyMsg::RoyMadeBy)}</p><p class="roy-sign-hint">{i18n.tr(RoyaltyMsg::RoySignHint)}</p></div>
                <div><p class="roy-sign-role">{i18n.tr(RoyaltyMsg::RoyChief)}</p><p class="roy-sign-hint">{i18n.tr(RoyaltyMsg::RoySignHint)}</p></div>
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
                    {move || kind_label(kind, i18n.lang())} " · " {i18n.tr(RoyaltyMsg::RoyColPublished)} " "
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
fn PayForm(line: ArticleRoyalty, #[prop(into)] on_paid: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let open = RwSignal::new(false);
    let day = RwSignal::new(
        super::stats_logic::today_now()
            .format("%Y-%m-%d")
            .to_string(),
    );
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let id = line.article_id;
    let version = line.version;
    let input = format!("roy-pay-{id}");
    let err = format!("roy-pay-err-{id}");
    let submit = move |_| {
        let Ok(paid_on) = NaiveDate::parse_from_str(&day.get_untracked(), "%Y-%m-%d") else {
            error.set(Some(i18n.t(RoyaltyMsg::RoyPayDateInvalid).to_string()));
            return;
        };
        busy.set(true);
        spawn_local(async move {
            match api::royalties::pay(id, version, &RoyaltyPayment { paid_on }).await {
                Ok(_) => {
                    toasts.push(
                        ToastKind::Success,
                        i18n.t_untracked(RoyaltyMsg::RoyPaidSaved),
                    );
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
                            <label for=input.clone()>{i18n.tr(RoyaltyMsg::RoyPaidOnLabel)}</label>
                            <input
                                id=input
                                type="date"
                                prop:value=move || day.get()
                                on:input=move |ev| day.set(event_target_value(&ev))
                                aria-invalid=move || error.with(Option::is_some).to_string()
                                aria-describedby=err.clone()
                            />
                            <button type="button" class="button button-primary button-small" disabled=move || busy.get() on:click=submit>
                                {i18n.tr(RoyaltyMsg::RoyPayConfirm)}
                            </button>
                            <button type="button" class="button button-quiet button-small" on:click=move |_| open.set(false)>
                                {i18n.tr(RoyaltyMsg::RoyCancel)}
                            </button>
                            <p class="field-error" id=err role="alert">{move || error.get().unwrap_or_default()}</p>
                        </div>
                    }
                        .into_any()
                } else {
                    view! {
                        <button type="button" class="button button-small roy-pay-open" on:click=move |_| open.set(true)>
                            {i18n.tr(RoyaltyMsg::RoyPay)}
                        </button>
                    }
                        .into_any()
                }
            }}
        </div>
    }
}

// ---------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
struct RangeRow {
    range: CoefficientRange,
    min: String,
    max: String,
}

#[derive(Debug, Clone, PartialEq)]
struct UnitRow {
    key: u32,
    from: String,
    vnd: String,
}

#[component]
fn RoyaltySettingsPanel(editable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let settings = LocalResource::new(api::royalties::settings);
    view! {
        <section class="roy-settings roy-screen-only" aria-labelledby="roy-settings-heading">
            <h2 id="roy-settings-heading">{i18n.tr(RoyaltyMsg::RoySettingsTitle)}</h2>
            <p class="section-hint">{i18n.tr(RoyaltyMsg::RoySettingsHint)}</p>
            <Transition fallback=|| view! { <SkeletonBlock lines=4/> }>
                {move || Suspend::new(async move {
                    match settings.await {
                        Ok(s) => view! { <SettingsForm settings=s editable=editable/> }.into_any(),
                        Err(e) => {
                            view! { <ErrorState error=Signal::stored(e) on_retry=move |_| settings.refetch()/> }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn SettingsForm(settings: RoyaltySettings, editable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let version = RwSignal::new(settings.version);
    let ranges = RwSignal::new(
        settings
            .coefficients
            .iter()
            .map(|r| RangeRow {
                range: *r,
                min: tenths_vn(r.min_tenths),
                max: tenths_vn(r.max_tenths),
            })
            .collect::<Vec<_>>(),
    );
    let next_key = StoredValue::new(settings.unit_values.len() as u32);
    let units = RwSignal::new(
        settings
            .unit_values
            .iter()
            .enumerate()
            .map(|(i, u)| UnitRow {
                key: i as u32,
                from: u.effective_from.format("%Y-%m-%d").to_string(),
                vnd: u.vnd.to_string(),
            })
            .collect::<Vec<_>>(),
    );
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let updated = settings.updated_at.map(|t| {
        (
            date_vn(t),
            settings.updated_by_name.clone().unwrap_or_default(),
        )
    });

    let build = move || -> Result<RoyaltySettingsUpdate, Vec<FieldError>> {
        let mut errs = Vec::new();
        let coefficients = ranges.with_untracked(|rows| {
            rows.iter()
                .enumerate()
                .map(|(i, r)| {
                    let min = parse_tenths(&r.min).unwrap_or_else(|| {
                        errs.push(FieldError::new(
                            format!("coefficients[{i}].min_tenths"),
                            "invalid",
                            i18n.t_untracked(RoyaltyMsg::RoyCoefficientInvalid),
                        ));
                        0
                    });
                    let max = parse_tenths(&r.max).unwrap_or_else(|| {
                        errs.push(FieldError::new(
                            format!("coefficients[{i}].max_tenths"),
                            "invalid",
                            i18n.t_untracked(RoyaltyMsg::RoyCoefficientInvalid),
                        ));
                        0
                    });
                    CoefficientRange {
                        kind: r.range.kind,
                        min_tenths: min,
                        max_tenths: max,
                    }
                })
                .collect::<Vec<_>>()
        });
        let unit_values = units.with_untracked(|rows| {
            rows.iter()
                .enumerate()
                .filter_map(|(i, u)| {
                    let from = NaiveDate::parse_from_str(&u.from, "%Y-%m-%d").ok();
                    if from.is_none() {
                        errs.push(FieldError::new(
                            format!("unit_values[{i}].effective_from"),
                            "invalid",
                            i18n.t_untracked(RoyaltyMsg::RoyDateInvalid),
                        ));
                    }
                    let amount = parse_amount(&u.vnd);
                    if amount.is_none() {
                        errs.push(FieldError::new(
                            format!("unit_values[{i}].vnd"),
                            "invalid",
                            i18n.t_untracked(RoyaltyMsg::RoyAmountInvalid),
                        ));
                    }
                    Some(UnitValue {
                        effective_from: from?,
                        vnd: amount?,
                    })
                })
                .collect::<Vec<_>>()
        });
        let update = RoyaltySettingsUpdate {
            coefficients,
            unit_values,
        };
        if errs.is_empty() {
            errs = validate_settings(&update);
        }
        if errs.is_empty() {
            Ok(update)
        } else {
            Err(errs)
        }
    };
    let save = move |_| match build() {
        Err(e) => errors.set(e),
        Ok(update) => {
            errors.set(Vec::new());
            busy.set(true);
            spawn_local(async move {
                match api::royalties::save_settings(version.get_untracked(), &update).await {
                    Ok(s) => {
                        let _ = version.try_set(s.version);
                        toasts.push(
                            ToastKind::Success,
                            i18n.t_untracked(RoyaltyMsg::RoySettingsSaved),
                        );
                    }
                    Err(e) => {
                        if e.status() == Some(412) {
                            if let Some(theirs) = e.current_as::<RoyaltySettings>() {
                                let _ = version.try_set(theirs.version);
                            }
                        }
                        let _ = errors.try_set(field_errors_of(&e));
                        toasts.push(ToastKind::Error, e.message(i18n.lang_untracked()));
                    }
                }
                let _ = busy.try_set(false);
            });
        }
    };
    let range_rows = move || {
        ranges
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let kind = r.range.kind;
                let min_field = format!("coefficients[{i}].min_tenths");
                let max_field = format!("coefficients[{i}].max_tenths");
                let cap = tenths_vn(portal_contract::royalty::decree_cap_tenths(kind));
                let cell = move |field: String, value: String, label: RoyaltyMsg, set: fn(&mut RangeRow, String)| {
                    let id = input_id("roy-set", &field);
                    let err = error_id("roy-set", &field);
                    let f2 = field.clone();
                    view! {
                        <td>
                            <label class="visually-hidden" for=id.clone()>
                                {move || format!("{} — {}", i18n.t(label), kind_label(kind, i18n.lang()))}
                            </label>
                            <input
                                id=id
                                type="text"
                                inputmode="decimal"
                                class="roy-coef-input"
                                value=value
                                disabled=!editable
                                aria-invalid=move || errors.with(|e| e.iter().any(|x| x.field == f2)).to_string()
                                aria-describedby=err.clone()
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    ranges.update(|rows| if let Some(r) = rows.get_mut(i) { set(r, v) });
                                }
                            />
                            <FieldMessages errors=errors field=field id=err/>
                        </td>
                    }
                };
                view! {
                    <tr>
                        <th scope="row">{move || kind_label(kind, i18n.lang())}</th>
                        {cell(min_field, r.min.clone(), RoyaltyMsg::RoyMin, |r, v| r.min = v)}
                        {cell(max_field, r.max.clone(), RoyaltyMsg::RoyMax, |r, v| r.max = v)}
                        <td class="num">{cap}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let unit_rows = move || {
        units
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, u)| {
                let key = u.key;
                let from_field = format!("unit_values[{i}].effective_from");
                let vnd_field = format!("unit_values[{i}].vnd");
                let (from_id, from_err) = (input_id("roy-set", &from_field), error_id("roy-set", &from_field));
                let (vnd_id, vnd_err) = (input_id("roy-set", &vnd_field), error_id("roy-set", &vnd_field));
                let (ff, vf) = (from_field.clone(), vnd_field.clone());
                view! {
                    <tr data-key=key.to_string()>
                        <td>
                            <label class="visually-hidden" for=from_id.clone()>{i18n.tr(RoyaltyMsg::RoyEffectiveFrom)}</label>
                            <input id=from_id type="date" value=u.from.clone() disabled=!editable
                                aria-invalid=move || errors.with(|e| e.iter().any(|x| x.field == ff)).to_string()
                                aria-describedby=from_err.clone()
                                on:change=move |ev| { let v = event_target_value(&ev); units.update(|rows| if let Some(r) = rows.iter_mut().find(|r| r.key == key) { r.from = v }); }
                            />
                            <FieldMessages errors=errors field=from_field id=from_err/>
                        </td>
                        <td>
                            <label class="visually-hidden" for=vnd_id.clone()>{i18n.tr(RoyaltyMsg::RoyUnitValue)}</label>
                            <input id=vnd_id type="text" inputmode="numeric" value=u.vnd.clone() disabled=!editable
                                aria-invalid=move || errors.with(|e| e.iter().any(|x| x.field == vf)).to_string()
                                aria-describedby=vnd_err.clone()
                                on:change=move |ev| { let v = event_target_value(&ev); units.update(|rows| if let Some(r) = rows.iter_mut().find(|r| r.key == key) { r.vnd = v }); }
                            />
                            <FieldMessages errors=errors field=vnd_field id=vnd_err/>
                        </td>
                        <td>
                            {editable.then(|| view! {
                                <button type="button" class="button button-quiet button-small"
                                    on:click=move |_| units.update(|rows| rows.retain(|r| r.key != key))>
                                    {i18n.tr(RoyaltyMsg::RoyRemove)}
                                </button>
                            })}
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    let add_unit = move |_| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        units.update(|rows| {
            rows.insert(
                0,
                UnitRow {
                    key,
                    from: super::stats_logic::today_now()
                        .format("%Y-%m-%d")
                        .to_string(),
                    vnd: String::new(),
                },
            )
        });
    };
    view! {
        {updated.map(|(when, who)| view! {
            <p class="section-hint">{move || i18n.f(RoyaltyMsg::RoySettingsUpdated, &[("date", &when), ("who", &who)])}</p>
        })}
        <FieldMessages errors=errors field="unit_values" id="roy-set-unit-values-err"/>
        <div class="roy-settings-grid">
            <div class="table-wrap">
                <table class="data-table roy-coefficients">
                    <caption>{i18n.tr(RoyaltyMsg::RoyCoefficientsCaption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{i18n.tr(RoyaltyMsg::RoyColKind)}</th>
                            <th scope="col">{i18n.tr(RoyaltyMsg::RoyMin)}</th>
                            <th scope="col">{i18n.tr(RoyaltyMsg::RoyMax)}</th>
                            <th scope="col" class="num">{i18n.tr(RoyaltyMsg::RoyCap)}</th>
                        </tr>
                    </thead>
                    <tbody>{range_rows}</tbody>
                </table>
            </div>
            <div class="table-wrap">
                <table class="data-table roy-unit-values">
                    <caption>{i18n.tr(RoyaltyMsg::RoyUnitValuesCaption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{i18n.tr(RoyaltyMsg::RoyEffectiveFrom)}</th>
                            <th scope="col">{i18n.tr(RoyaltyMsg::RoyUnitValue)}</th>
                            <th scope="col"><span class="visually-hidden">{i18n.tr(RoyaltyMsg::RoyRemove)}</span></th>
                        </tr>
                    </thead>
                    <tbody>{unit_rows}</tbody>
                </table>
                {editable.then(|| view! {
                    <button type="button" class="button button-small" on:click=add_unit>{i18n.tr(RoyaltyMsg::RoyAddUnitValue)}</button>
                })}
            </div>
        </div>
        {editable.then(|| view! {
            <p>
                <button type="button" class="button button-primary roy-settings-save" disabled=move || busy.get() on:click=save>
                    {i18n.tr(RoyaltyMsg::RoySettingsSave)}
                </button>
            </p>
        })}
    }
}

// ---------------------------------------------------------------------------------------------
// The article page's panel
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
struct RemRow {
    key: u32,
    name: String,
    role: RemunerationRole,
    amount: String,
    note: String,
}

/// The royalty of the article `article_id`: amounts per author, the chief editor's coefficient
/// and remuneration entries (`royalties.assess`), and "paid" (`royalties.pay`).
#[component]
pub fn ArticleRoyaltyPanel(article_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let data = LocalResource::new(move || api::royalties::of_article(article_id));
    view! {
        <section class="roy-panel" aria-labelledby="roy-panel-heading">
            <h2 id="roy-panel-heading">{i18n.tr(RoyaltyMsg::RoyPanelTitle)}</h2>
            <Transition fallback=|| view! { <SkeletonBlock lines=3/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(r) => view! { <RoyaltyEditor royalty=r on_reload=move |_| data.refetch()/> }.into_any(),
                        Err(e) => {
                            view! { <ErrorState error=Signal::stored(e) on_retry=move |_| data.refetch()/> }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn RoyaltyEditor(royalty: ArticleRoyalty, #[prop(into)] on_reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let session = use_session();
    let can_assess = session.can(Permission::RoyaltiesAssess) && royalty.paid_on.is_none();
    let can_pay = session.can(Permission::RoyaltiesPay);
    let id = royalty.article_id;
    let range = royalty.range;
    let version = royalty.version;
    let coef = RwSignal::new(
        royalty
            .coefficient_tenths
            .map(tenths_vn)
            .unwrap_or_default(),
    );
    let next_key = StoredValue::new(royalty.remunerations.len() as u32);
    let rems = RwSignal::new(
        royalty
            .remunerations
            .iter()
            .enumerate()
            .map(|(i, r)| RemRow {
                key: i as u32,
                name: r.name.clone(),
                role: r.role,
                amount: r.amount_vnd.to_string(),
                note: r.note.clone(),
            })
            .collect::<Vec<_>>(),
    );
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);

    let build = move || -> Result<RoyaltyAssessment, Vec<FieldError>> {
        let mut errs = Vec::new();
        let c = parse_tenths(&coef.get_untracked());
        if c.is_none() {
            errs.push(FieldError::new(
                "coefficient_tenths",
                "invalid",
                i18n.t_untracked(RoyaltyMsg::RoyCoefficientInvalid),
            ));
        }
        let remunerations = rems.with_untracked(|rows| {
            rows.iter()
                .enumerate()
                .map(|(i, r)| Remuneration {
                    name: r.name.clone(),
                    user_id: None,
                    role: r.role,
                    amount_vnd: parse_amount(&r.amount).unwrap_or_else(|| {
                        errs.push(FieldError::new(
                            format!("remunerations[{i}].amount_vnd"),
                            "invalid",
                            i18n.t_untracked(RoyaltyMsg::RoyAmountInvalid),
                        ));
                        1
                    }),
                    note: r.note.clone(),
                })
                .collect::<Vec<_>>()
        });
        let a = RoyaltyAssessment {
            coefficient_tenths: c.unwrap_or(0),
            remunerations,
        };
        let mut all = errs;
        if c.is_some() {
            all.extend(validate_assessment(&a, range));
        } else {
            all.extend(
                validate_assessment(&a, range)
                    .into_iter()
                    .filter(|e| e.field != "coefficient_tenths"),
            );
        }
        if all.is_empty() {
            Ok(a)
        } else {
            Err(all)
        }
    };
    let save = move |_| match build() {
        Err(e) => errors.set(e),
        Ok(a) => {
            errors.set(Vec::new());
            busy.set(true);
            spawn_local(async move {
                match api::royalties::assess(id, version, &a).await {
                    Ok(_) => {
                        toasts.push(ToastKind::Success, i18n.t_untracked(RoyaltyMsg::RoySaved));
                        on_reload.run(());
                    }
                    Err(e) => {
                        let _ = errors.try_set(field_errors_of(&e));
                        toasts.push(ToastKind::Error, e.message(i18n.lang_untracked()));
                        if e.status() == Some(412) {
                            on_reload.run(());
                        }
                    }
                }
                let _ = busy.try_set(false);
            });
        }
    };

    let authors = royalty
        .authors
        .iter()
        .map(|a| {
            view! {
                <tr>
                    <th scope="row">{a.name.clone()}</th>
                    <td class="num">{format!("{}%", a.share)}</td>
                    <td class="num">{money(a.amount_vnd)}</td>
                </tr>
            }
        })
        .collect_view();
    let no_authors = royalty.authors.is_empty();
    let coef_id = "roy-coefficient";
    let coef_err = error_id("roy", "coefficient_tenths");
    let range_text = move || {
        i18n.f(
            RoyaltyMsg::RoyRange,
            &[
                ("min", &tenths_vn(range.min_tenths)),
                ("max", &tenths_vn(range.max_tenths)),
            ],
        )
    };
    let status_line = {
        let r = royalty.clone();
        move || status_text(i18n, &r)
    };
    let status = RoyaltyStatus::of(&royalty);
    let unit = royalty.unit_value_vnd;
    let rem_rows = move || {
        rems.get()
            .into_iter()
            .enumerate()
            .map(|(i, r)| view! { <RemunerationRow index=i row=r rems=rems errors=errors editable=can_assess/> })
            .collect_view()
    };
    let add = move |_| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        rems.update(|rows| {
            rows.push(RemRow {
                key,
                name: String::new(),
                role: RemunerationRole::Editor,
                amount: String::new(),
                note: String::new(),
            })
        });
    };
    view! {
        <div class="roy-editor" data-status=status.wire()>
            <dl class="field-list">
                <dt>{i18n.tr(RoyaltyMsg::RoyColCoefficient)}</dt>
                <dd>
                    {if can_assess {
                        view! {
                            <div class="field roy-coef-field">
                                <label for=coef_id>{i18n.tr(RoyaltyMsg::RoyCoefficientLabel)}</label>
                                <p class="field-hint" id="roy-coef-hint">{range_text}</p>
                                <input
                                    id=coef_id
                                    type="text"
                                    inputmode="decimal"
                                    prop:value=move || coef.get()
                                    on:input=move |ev| coef.set(event_target_value(&ev))
                                    aria-invalid=move || errors.with(|e| e.iter().any(|x| x.field == "coefficient_tenths")).to_string()
                                    aria-describedby=format!("roy-coef-hint {coef_err}")
                                />
                                <FieldMessages errors=errors field="coefficient_tenths" id=coef_err.clone()/>
                            </div>
                        }
                            .into_any()
                    } else {
                        view! {
                            <span class="roy-coefficient">{royalty.coefficient_tenths.map(tenths_vn).unwrap_or_else(|| "—".into())}</span>
                            " "
                            <span class="muted">{range_text}</span>
                        }
                            .into_any()
                    }}
                </dd>
                <dt>{i18n.tr(RoyaltyMsg::RoyUnitValue)}</dt>
                <dd>{move || unit.map(vnd).unwrap_or_else(|| i18n.t(RoyaltyMsg::RoyNotPublished).to_string())}</dd>
                <dt>{i18n.tr(RoyaltyMsg::RoyColRoyalty)}</dt>
                <dd class="roy-amount">{money(royalty.royalty_vnd)}</dd>
                <dt>{i18n.tr(RoyaltyMsg::RoyColRemuneration)}</dt>
                <dd>{vnd(royalty.remuneration_vnd)}</dd>
                <dt>{i18n.tr(RoyaltyMsg::RoyColStatus)}</dt>
                <dd><span class="badge roy-status" data-status=status.wire()>{status_line}</span></dd>
            </dl>
            <h3>{i18n.tr(RoyaltyMsg::RoyAuthorsHeading)}</h3>
            {if no_authors {
                view! { <p class="muted">{i18n.tr(RoyaltyMsg::RoyNoAuthors)}</p> }.into_any()
            } else {
                view! {
                    <table class="data-table roy-authors">
                        <thead>
                            <tr>
                                <th scope="col">{i18n.tr(RoyaltyMsg::RoyColPerson)}</th>
                                <th scope="col" class="num">{i18n.tr(RoyaltyMsg::RoyColShare)}</th>
                                <th scope="col" class="num">{i18n.tr(RoyaltyMsg::RoyColAmount)}</th>
                            </tr>
                        </thead>
                        <tbody>{authors}</tbody>
                    </table>
                }
                    .into_any()
            }}
            <h3>{i18n.tr(RoyaltyMsg::RoyRemunerationsHeading)}</h3>
            <FieldMessages errors=errors field="remunerations" id="roy-rems-err"/>
            <div class="roy-rems">{rem_rows}</div>
            {move || (rems.with(Vec::is_empty) && !can_assess).then(|| view! { <p class="muted">{i18n.tr(RoyaltyMsg::RoyNoRemunerations)}</p> })}
            {can_assess.then(|| view! {
                <p class="roy-actions">
                    <button type="button" class="button button-small roy-add-rem" on:click=add>{i18n.tr(RoyaltyMsg::RoyAddRemuneration)}</button>
                    " "
                    <button type="button" class="button button-primary roy-save" disabled=move || busy.get() on:click=save>
                        {i18n.tr(RoyaltyMsg::RoySave)}
                    </button>
                </p>
            })}
            {(can_pay && status != RoyaltyStatus::Paid && status != RoyaltyStatus::Unassessed)
                .then(|| view! { <PayForm line=royalty.clone() on_paid=on_reload/> })}
        </div>
    }
}

#[component]
fn RemunerationRow(
    index: usize,
    row: RemRow,
    rems: RwSignal<Vec<RemRow>>,
    errors: RwSignal<Vec<FieldError>>,
    editable: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let key = row.key;
    let update = move |f: fn(&mut RemRow, String), v: String| {
        rems.update(|rows| {
            if let Some(r) = rows.iter_mut().find(|r| r.key == key) {
                f(r, v)
            }
        })
    };
    let text_field = move |name: &'static str,
                           label: RoyaltyMsg,
                           value: String,
                           set: fn(&mut RemRow, String),
                           numeric: bool| {
        let field = format!("remunerations[{index}].{name}");
        let id = input_id("roy", &field);
        let err = error_id("roy", &field);
        let f2 = field.clone();
        view! {
            <div class="field">
                <label for=id.clone()>{i18n.tr(label)}</label>
                <input
                    id=id
                    type="text"
                    inputmode=if numeric { "numeric" } else { "text" }
                    value=value
                    disabled=!editable
                    aria-invalid=move || errors.with(|e| e.iter().any(|x| x.field == f2)).to_string()
                    aria-describedby=err.clone()
                    on:change=move |ev| update(set, event_target_value(&ev))
                />
                <FieldMessages errors=errors field=field id=err/>
            </div>
        }
    };
    let role_id = input_id("roy", &format!("remunerations[{index}].role"));
    let role = row.role;
    view! {
        <fieldset class="roy-rem-row" data-index=index.to_string()>
            <legend>{move || i18n.f(RoyaltyMsg::RoyRemunerationN, &[("n", &(index + 1).to_string())])}</legend>
            {text_field("name", RoyaltyMsg::RoyRemName, row.name.clone(), |r, v| r.name = v, false)}
            <div class="field">
                <label for=role_id.clone()>{i18n.tr(RoyaltyMsg::RoyRemRole)}</label>
                <select id=role_id disabled=!editable on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(r) = RemunerationRole::parse(&v) {
                        rems.update(|rows| if let Some(x) = rows.iter_mut().find(|x| x.key == key) { x.role = r });
                    }
                }>
                    {RemunerationRole::ALL
                        .into_iter()
                        .map(|r| view! { <option value=r.as_str() selected=r == role>{move || role_label(r, i18n.lang())}</option> })
                        .collect_view()}
                </select>
            </div>
            {text_field("amount_vnd", RoyaltyMsg::RoyRemAmount, row.amount.clone(), |r, v| r.amount = v, true)}
            {text_field("note", RoyaltyMsg::RoyRemNote, row.note.clone(), |r, v| r.note = v, false)}
            {editable.then(|| view! {
                <button type="button" class="button button-quiet button-small"
                    on:click=move |_| rems.update(|rows| rows.retain(|r| r.key != key))>
                    {i18n.tr(RoyaltyMsg::RoyRemove)}
                </button>
            })}
        </fieldset>
    }
}

// ---------------------------------------------------------------------------------------------
// The dashboard tile
// ---------------------------------------------------------------------------------------------

/// Royalties unpaid more than 60 days after publication: how many, how much, the oldest, and
/// a link to the sheet where they are paid.
#[component]
pub fn RoyaltyOverdueCard() -> impl IntoView {
    let i18n = use_i18n();
    let overdue = LocalResource::new(api::royalties::overdue);
    view! {
        <section class="dashboard-section dash-card dash-royalties" aria-labelledby="dash-roy-heading">
            <h2 id="dash-roy-heading">{i18n.tr(RoyaltyMsg::RoyOverdueTitle)}</h2>
            <Transition fallback=|| view! { <SkeletonBlock lines=2/> }>
                {move || Suspend::new(async move {
                    match overdue.await {
                        Ok(o) if o.count == 0 => {
                            view! {
                                <p class="roy-overdue-none">{i18n.tr(RoyaltyMsg::RoyOverdueNone)}</p>
                                <p><a href="/royalties">{i18n.tr(RoyaltyMsg::RoyOpenSheet)}</a></p>
                            }
                                .into_any()
                        }
                        Ok(o) => {
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
                                            <span class="muted">{move || i18n.f(RoyaltyMsg::RoyDueOn, &[("date", &due)])}</span>
                                        </li>
                                    }
                                })
                                .collect_view();
                            view! {
                                <p class="notice notice-warning roy-overdue-count">
                                    {move || i18n.f(RoyaltyMsg::RoyOverdueCount, &[("n", &count), ("total", &total)])}
                                </p>
                                <ul class="plain-list">{items}</ul>
                                <p><a href="/royalties">{i18n.tr(RoyaltyMsg::RoyOpenSheet)}</a></p>
                            }
                                .into_any()
                        }
                        Err(e) => {
                            view! { <ErrorState error=Signal::stored(e) on_retry=move |_| overdue.refetch()/> }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coefficients_are_typed_with_a_comma_or_a_dot() {
        assert_eq!(parse_tenths("1,5"), Some(15));
        assert_eq!(parse_tenths("1.5"), Some(15));
        assert_eq!(parse_tenths(" 10 "), Some(100));
        assert_eq!(parse_tenths("0,1"), Some(1));
        for bad in ["", "1,55", "-1", "1,", "a", "1.2.3", "١٠", "1e3", ",5"] {
            assert_eq!(parse_tenths(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn amounts_are_whole_dong() {
        assert_eq!(parse_amount("1.234.000"), Some(1_234_000));
        assert_eq!(parse_amount("50 000"), Some(50_000));
        assert_eq!(parse_amount("234.000 ₫"), Some(234_000));
        assert_eq!(parse_amount("-5"), Some(-5));
        for bad in ["", "1,5", "abc", "--5", "9999999999999999"] {
            assert_eq!(parse_amount(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn months_read_the_vietnamese_way() {
        assert_eq!(month_label("2026-02"), "02/2026");
        assert_eq!(
            month_of(NaiveDate::from_ymd_opt(2026, 11, 5).unwrap()),
            "2026-11"
        );
    }
}
