//! `/norms` (Định mức): a year's news and article output month by month against its norms
//! (from the approved plan, else the norms set for the year, else the defaults), and the form
//! where the chief editor or the administrator sets the year's norms (If-Match; a conflict
//! reloads the latest and says so).

use crate::api::query::encode_pairs;
use crate::api::{self, ApiError};
use crate::components::{
    dyn_text, dyn_view, error_state, use_toasts, ColumnHeads, Loaded, SkeletonBlock, ToastKind,
};
use crate::i18n::{use_i18n, I18n};
use crate::pages::duties::strings::DutiesMsg;
use crate::pages::{use_page_title, RequirePermission};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use portal_contract::format::{datetime_vn, number_vn};
use portal_contract::plans::{
    MonthNorm, NormProgress, NormSettings, NormSource, NormYear, MAX_MONTHLY_NORM, YEARS,
};
use portal_contract::{FieldError, Permission};

/// A norm typed in a cell: digits only (dots and spaces of `1.000` allowed), 0 to 1,000.
pub fn parse_norm(raw: &str) -> Option<u32> {
    let digits: String = raw
        .trim()
        .chars()
        .filter(|c| !matches!(c, '.' | ' ' | '\u{a0}'))
        .collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() > 5 {
        return None;
    }
    digits.parse().ok().filter(|n| *n <= MAX_MONTHLY_NORM)
}

/// Which kind of norm a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NormKind {
    News,
    Articles,
}

impl NormKind {
    pub fn wire(self) -> &'static str {
        match self {
            NormKind::News => "news",
            NormKind::Articles => "articles",
        }
    }
}

/// The id of a cell's input (`norm-3-news`), also the target of its error message.
pub fn cell_id(month: u32, kind: NormKind) -> String {
    format!("norm-{month}-{}", kind.wire())
}

/// The cell a server field error points at: `months[2].news` → (3, News) when row 2 is March.
pub fn cell_of_error(e: &FieldError, months: &[MonthNorm]) -> Option<(u32, NormKind)> {
    let rest = e.field.strip_prefix("months[")?;
    let (index, field) = rest.split_once("].")?;
    let month = months.get(index.parse::<usize>().ok()?)?.month;
    let kind = match field {
        "news" => NormKind::News,
        "articles" => NormKind::Articles,
        _ => return None,
    };
    Some((month, kind))
}

/// The twelve months typed, or the cells that are not valid norms.
pub fn read_cells(cells: &[(String, String)]) -> Result<Vec<MonthNorm>, Vec<(u32, NormKind)>> {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    for (i, (news, articles)) in cells.iter().enumerate() {
        let month = i as u32 + 1;
        let n = parse_norm(news);
        let a = parse_norm(articles);
        if n.is_none() {
            bad.push((month, NormKind::News));
        }
        if a.is_none() {
            bad.push((month, NormKind::Articles));
        }
        if let (Some(news), Some(articles)) = (n, a) {
            out.push(MonthNorm {
                month,
                news,
                articles,
            });
        }
    }
    if bad.is_empty() {
        Ok(out)
    } else {
        Err(bad)
    }
}

fn source_msg(s: NormSource) -> DutiesMsg {
    match s {
        NormSource::Plan => DutiesMsg::NormsSourcePlan,
        NormSource::Settings => DutiesMsg::NormsSourceSettings,
        NormSource::Default => DutiesMsg::NormsSourceDefault,
    }
}

/// The year in the address, else this year in Vietnam.
fn year_from_query(raw: Option<String>) -> i32 {
    raw.and_then(|y| y.parse::<i32>().ok())
        .filter(|y| YEARS.contains(y))
        .unwrap_or_else(crate::clock::this_year)
}

#[component]
pub fn NormsPage() -> impl IntoView {
    view! {
        <RequirePermission permission=Permission::DashboardView>
            <NormsScreen/>
        </RequirePermission>
    }
}

#[component]
fn NormsScreen() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(DutiesMsg::NormsPageTitle);
    let query = use_query_map();
    let navigate = use_navigate();
    let year = Memo::new(move |_| year_from_query(query.with(|q| q.get("year"))));
    let this_year = crate::clock::this_year();
    let progress = LocalResource::new(move || api::duties::norm_year(year.get()));
    let on_year = move |ev: leptos::ev::Event| {
        let y = event_target_value(&ev);
        navigate(
            &format!("/norms{}", encode_pairs(&[("year", y)])),
            Default::default(),
        );
    };
    let years = (this_year - 3..=this_year + 1).rev().collect::<Vec<_>>();
    view! {
        <div class="page page-norms">
            <h1>{i18n.tr(DutiesMsg::NormsPageTitle)}</h1>
            <p class="page-intro">{i18n.tr(DutiesMsg::NormsPageIntro)}</p>
            <div class="field field-inline">
                <label for="norms-year">{i18n.tr(DutiesMsg::NormsYearLabel)}</label>
                <select id="norms-year" on:change=on_year prop:value=move || year.get().to_string()>
                    {years
                        .into_iter()
                        .map(|y| view! { <option value=y.to_string()>{y.to_string()}</option> })
                        .collect_view()}
                </select>
            </div>
            <section class="dashboard-section" aria-labelledby="norms-progress-heading">
                <h2 id="norms-progress-heading">
                    {move || i18n.f(DutiesMsg::NormsProgressHeading, &[("year", &year.get().to_string())])}
                </h2>
                <Loaded resource=progress skeleton=|| view! { <SkeletonBlock lines=6/> } let:y>
                    <NormYearTable year=y/>
                </Loaded>
            </section>
            {move || {
                let y = year.get();
                view! {
                    <NormSettingsForm
                        year=y
                        plan_applies=Signal::derive(move || {
                            progress
                                .get()
                                .and_then(|r| r.ok())
                                .is_some_and(|p| p.months.iter().any(|m| m.source == NormSource::Plan))
                        })
                        on_saved=Callback::new(move |_| progress.refetch())
                    />
                }
            }}
        </div>
    }
}

fn figure(done: u32, norm: u32) -> impl IntoView {
    let reached = done >= norm;
    view! {
        <td class="num" class:reached=reached>
            {number_vn(i64::from(done))}
            {reached.then(|| view! { <span aria-hidden="true">" ✓"</span> })}
        </td>
    }
}

/// The year month by month and its sums (mounted alone in the browser tests).
#[component]
pub fn NormYearTable(year: NormYear) -> impl IntoView {
    let i18n = use_i18n();
    let row = move |m: NormProgress| {
        let source = source_msg(m.source);
        view! {
            <tr data-month=m.month>
                <th scope="row">{format!("{:02}/{}", m.month, m.year)}</th>
                <td class="num">{number_vn(i64::from(m.news_norm))}</td>
                {figure(m.news_published, m.news_norm)}
                <td class="num">{number_vn(i64::from(m.article_norm))}</td>
                {figure(m.articles_published, m.article_norm)}
                <td>{i18n.tr(source)}</td>
            </tr>
        }
    };
    view! {
        <div class="table-wrap">
            <table class="data-table norms-table">
                <caption class="section-hint">{i18n.tr(DutiesMsg::NormsProgressCaption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{i18n.tr(DutiesMsg::NormsColMonth)}</th>
                        <th scope="col" class="num">{i18n.tr(DutiesMsg::NormsColNewsNorm)}</th>
                        <th scope="col" class="num">{i18n.tr(DutiesMsg::NormsNews)}</th>
                        <th scope="col" class="num">{i18n.tr(DutiesMsg::NormsColArticleNorm)}</th>
                        <th scope="col" class="num">{i18n.tr(DutiesMsg::NormsArticles)}</th>
                        <th scope="col">{i18n.tr(DutiesMsg::NormsColSource)}</th>
                    </tr>
                </thead>
                <tbody>{year.months.into_iter().map(row).collect_view()}</tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{i18n.tr(DutiesMsg::NormsWholeYear)}</th>
                        <td class="num">{number_vn(i64::from(year.news_norm))}</td>
                        {figure(year.news_published, year.news_norm)}
                        <td class="num">{number_vn(i64::from(year.article_norm))}</td>
                        {figure(year.articles_published, year.article_norm)}
                        <td></td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}

fn cells_of(s: &NormSettings) -> Vec<(String, String)> {
    (1..=12)
        .map(|m| {
            let (n, a) = s.of(m).unwrap_or_default();
            (n.to_string(), a.to_string())
        })
        .collect()
}

/// The norms set for `year`: read-only without `norms.manage`.
#[component]
pub fn NormSettingsForm(
    year: i32,
    /// Whether the year's approved plan overrides these norms (says so above the form).
    #[prop(into)]
    plan_applies: Signal<bool>,
    #[prop(into)] on_saved: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let editable = untrack(|| session.can(Permission::NormsManage));
    let settings = RwSignal::new(None::<Result<NormSettings, ApiError>>);
    let cells = RwSignal::new(Vec::<(String, String)>::new());
    let invalid = RwSignal::new(Vec::<(u32, NormKind)>::new());
    let notice = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let load = move || {
        spawn_local(async move {
            let r = api::duties::norm_settings(year).await;
            if let Ok(s) = &r {
                let _ = cells.try_set(cells_of(s));
            }
            let _ = settings.try_set(Some(r));
        })
    };
    load();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let Some(Ok(current)) = settings.get_untracked() else {
            return;
        };
        let months = match read_cells(&cells.get_untracked()) {
            Ok(m) => m,
            Err(bad) => {
                notice.set(Some(
                    i18n.f(DutiesMsg::NormsFixErrors, &[("n", &bad.len().to_string())]),
                ));
                focus_cell(bad[0]);
                invalid.set(bad);
                return;
            }
        };
        invalid.set(Vec::new());
        notice.set(None);
        saving.set(true);
        spawn_local(async move {
            let r = api::duties::save_norm_settings(year, current.version, months.clone()).await;
            let _ = saving.try_set(false);
            match r {
                Ok(saved) => {
                    let _ = cells.try_set(cells_of(&saved));
                    let _ = settings.try_set(Some(Ok(saved)));
                    toasts.push(
                        ToastKind::Success,
                        i18n.f(DutiesMsg::NormsSaved, &[("year", &year.to_string())]),
                    );
                    on_saved.run(());
                }
                Err(e) if e.status() == Some(412) => {
                    if let Some(latest) = e.current_as::<NormSettings>() {
                        let _ = cells.try_set(cells_of(&latest));
                        let _ = settings.try_set(Some(Ok(latest)));
                    }
                    let _ = notice.try_set(Some(i18n.t(DutiesMsg::NormsConflict).to_string()));
                }
                Err(e) => {
                    if let ApiError::Problem { problem, .. } = &e {
                        let bad: Vec<_> = problem
                            .errors
                            .iter()
                            .filter_map(|fe| cell_of_error(fe, &months))
                            .collect();
                        if let Some(first) = bad.first() {
                            focus_cell(*first);
                        }
                        let _ = invalid.try_set(bad);
                    }
                    let _ = notice.try_set(Some(e.message(i18n.lang())));
                }
            }
        });
    };
    let body = dyn_view(move || match settings.get() {
        None => view! { <SkeletonBlock lines=4/> }.into_any(),
        Some(Err(e)) => error_state(e, load),
        Some(Ok(s)) => {
            let meta = match (s.saved, s.updated_at, s.updated_by_name.clone()) {
                (true, Some(at), Some(name)) => i18n.f(
                    DutiesMsg::NormsSettingsSaved,
                    &[("date", &datetime_vn(at)), ("name", &name)],
                ),
                _ => i18n.t(DutiesMsg::NormsSettingsNotSaved).to_string(),
            };
            view! {
                <p class="section-hint norms-meta">{meta}</p>
                <form class="norms-form" on:submit=save novalidate>
                    <div class="table-wrap">
                        <table class="data-table norms-settings">
                            <ColumnHeads labels=vec![
                                i18n.tr(DutiesMsg::NormsColMonth),
                                i18n.tr(DutiesMsg::NormsColNewsNorm),
                                i18n.tr(DutiesMsg::NormsColArticleNorm),
                            ]/>
                            <tbody>
                                {(1..=12u32)
                                    .map(|m| {
                                        view! {
                                            <tr>
                                                <th scope="row">{format!("{m:02}")}</th>
                                                <td>{norm_cell(i18n, m, NormKind::News, cells, invalid, editable)}</td>
                                                <td>{norm_cell(i18n, m, NormKind::Articles, cells, invalid, editable)}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <p class="form-error" role="alert">{dyn_text(move || notice.get().unwrap_or_default())}</p>
                    {if editable {
                        view! {
                            <button class="button button-primary" type="submit" prop:disabled=move || saving.get()>
                                {move || i18n.t(if saving.get() { DutiesMsg::NormsSaving } else { DutiesMsg::NormsSave }).to_string()}
                            </button>
                        }
                            .into_any()
                    } else {
                        view! { <p class="section-hint">{i18n.tr(DutiesMsg::NormsReadOnly)}</p> }.into_any()
                    }}
                </form>
            }
            .into_any()
        }
    });
    view! {
        <section class="dashboard-section norms-settings-section" aria-labelledby="norms-settings-heading">
            <h2 id="norms-settings-heading">
                {move || i18n.f(DutiesMsg::NormsSettingsHeading, &[("year", &year.to_string())])}
            </h2>
            <p class="notice norms-plan-overrides" hidden=move || !plan_applies.get()>
                {move || i18n.f(DutiesMsg::NormsPlanOverrides, &[("year", &year.to_string())])}
            </p>
            {body}
        </section>
    }
}

fn focus_cell((month, kind): (u32, NormKind)) {
    use wasm_bindgen::JsCast;
    if let Some(el) = document()
        .get_element_by_id(&cell_id(month, kind))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

fn norm_cell(
    i18n: I18n,
    month: u32,
    kind: NormKind,
    cells: RwSignal<Vec<(String, String)>>,
    invalid: RwSignal<Vec<(u32, NormKind)>>,
    editable: bool,
) -> impl IntoView {
    let id = cell_id(month, kind);
    let error_id = format!("{id}-error");
    let label_msg = match kind {
        NormKind::News => DutiesMsg::NormsNewsInput,
        NormKind::Articles => DutiesMsg::NormsArticleInput,
    };
    let value = move || {
        cells.with(|c| {
            c.get(month as usize - 1)
                .map(|(n, a)| {
                    if kind == NormKind::News {
                        n.clone()
                    } else {
                        a.clone()
                    }
                })
                .unwrap_or_default()
        })
    };
    let is_bad = move || invalid.with(|v| v.contains(&(month, kind)));
    let on_input = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        cells.update(|c| {
            if let Some(row) = c.get_mut(month as usize - 1) {
                if kind == NormKind::News {
                    row.0 = v;
                } else {
                    row.1 = v;
                }
            }
        });
        invalid.update(|v| v.retain(|x| *x != (month, kind)));
    };
    let described = error_id.clone();
    view! {
        <input
            id=id
            class="norm-input"
            type="text"
            inputmode="numeric"
            autocomplete="off"
            size="5"
            aria-label=move || i18n.f(label_msg, &[("m", &month.to_string())])
            aria-invalid=move || if is_bad() { "true" } else { "false" }
            aria-describedby=move || is_bad().then(|| described.clone())
            readonly=!editable
            prop:value=value
            on:input=on_input
        />
        <span id=error_id class="field-error" hidden=move || !is_bad()>
            {i18n.tr(DutiesMsg::NormsInvalid)}
        </span>
    }
}
