//! `/info/:section` (Thông tin bắt buộc): the organisation structure in Vietnamese and
//! English, the links to the local departments' portals with what the server's link checker
//! found ("Kiểm tra ngay"), and the training sessions. Each page shows when it was last
//! updated (dd/MM/yyyy), warns when that is longer ago than the administrator's threshold
//! (which the page presents as a setting, not a rule), and is edited with If-Match by those
//! with `info.edit`; the others read it. Also the dashboard tile of stale pages.
//!
//! The three forms are one generic form driven by [`SectionSpec`]: rows of text inputs, turned
//! into the contract's content and checked by the contract's own validation before saving.

use crate::api::required_info::AnyInfoPage;
use crate::api::{self, ApiError};
use crate::components::{
    dyn_flag, dyn_text, dyn_view, error_state, use_toasts, EmptyState, SkeletonBlock, ToastKind,
};
use crate::form::{
    error_id, focus_first_invalid, focus_later, input_id, invalid_flag, local_field, FieldMessages,
};
use crate::i18n::{use_i18n, I18n, Msg};

use crate::pages::required_info::strings::RequiredInfoMsg;
use crate::pages::spokesperson::strings::SpokespersonMsg;
use crate::pages::{use_page_title, RequirePermission};
use crate::session::use_session;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use portal_contract::format::{date_vn, datetime_vn};
use portal_contract::required_info::{
    validate_links, validate_org, validate_training, InfoSection, InfoSettings, InfoStatus,
    LinkCheck, LinksContent, OrgContent, TrainingContent,
};
use portal_contract::{FieldError, Permission};
use serde_json::Value;

/// Prefix of the form's input ids (see [`input_id`]).
pub const INFO_IDS: &str = "info";

/// What an input holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Line,
    Text,
    Tel,
    Email,
    Url,
    Date,
    Int,
    Decimal,
}

/// One field of an item of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The contract's field name.
    pub key: &'static str,
    pub label: RequiredInfoMsg,
    pub kind: FieldKind,
}

/// How a page is edited and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectionSpec {
    pub section: InfoSection,
    /// The contract's name of the list (`units`, `links`, `sessions`).
    pub list: &'static str,
    pub tab: RequiredInfoMsg,
    pub item: RequiredInfoMsg,
    pub add: RequiredInfoMsg,
    pub empty: RequiredInfoMsg,
    pub empty_hint: RequiredInfoMsg,
    pub fields: &'static [FieldSpec],
}

const fn field(key: &'static str, label: RequiredInfoMsg, kind: FieldKind) -> FieldSpec {
    FieldSpec { key, label, kind }
}

const ORG_FIELDS: [FieldSpec; 11] = [
    field("name_vi", RequiredInfoMsg::FieldNameVi, FieldKind::Line),
    field("name_en", RequiredInfoMsg::FieldNameEn, FieldKind::Line),
    field(
        "functions_vi",
        RequiredInfoMsg::FieldFunctionsVi,
        FieldKind::Text,
    ),
    field(
        "functions_en",
        RequiredInfoMsg::FieldFunctionsEn,
        FieldKind::Text,
    ),
    field(
        "leader_name",
        RequiredInfoMsg::FieldLeaderName,
        FieldKind::Line,
    ),
    field(
        "leader_position_vi",
        RequiredInfoMsg::FieldLeaderPositionVi,
        FieldKind::Line,
    ),
    field(
        "leader_position_en",
        RequiredInfoMsg::FieldLeaderPositionEn,
        FieldKind::Line,
    ),
    field("phone", RequiredInfoMsg::FieldPhone, FieldKind::Tel),
    field("email", RequiredInfoMsg::FieldEmail, FieldKind::Email),
    field(
        "address_vi",
        RequiredInfoMsg::FieldAddressVi,
        FieldKind::Line,
    ),
    field(
        "address_en",
        RequiredInfoMsg::FieldAddressEn,
        FieldKind::Line,
    ),
];

const LINK_FIELDS: [FieldSpec; 2] = [
    field("name", RequiredInfoMsg::FieldLinkName, FieldKind::Line),
    field("url", RequiredInfoMsg::FieldUrl, FieldKind::Url),
];

const TRAINING_FIELDS: [FieldSpec; 6] = [
    field("date", RequiredInfoMsg::FieldDate, FieldKind::Date),
    field("topic", RequiredInfoMsg::FieldTopic, FieldKind::Line),
    field("trainer", RequiredInfoMsg::FieldTrainer, FieldKind::Line),
    field(
        "participants",
        RequiredInfoMsg::FieldParticipants,
        FieldKind::Text,
    ),
    field(
        "participant_count",
        RequiredInfoMsg::FieldParticipantCount,
        FieldKind::Int,
    ),
    field("hours", RequiredInfoMsg::FieldHours, FieldKind::Decimal),
];

/// The spec of `section`.
pub fn spec(section: InfoSection) -> SectionSpec {
    match section {
        InfoSection::Org => SectionSpec {
            section,
            list: "units",
            tab: RequiredInfoMsg::TabOrg,
            item: RequiredInfoMsg::OrgItem,
            add: RequiredInfoMsg::OrgAdd,
            empty: RequiredInfoMsg::OrgEmpty,
            empty_hint: RequiredInfoMsg::OrgEmptyHint,
            fields: &ORG_FIELDS,
        },
        InfoSection::Links => SectionSpec {
            section,
            list: "links",
            tab: RequiredInfoMsg::TabLinks,
            item: RequiredInfoMsg::LinksItem,
            add: RequiredInfoMsg::LinksAdd,
            empty: RequiredInfoMsg::LinksEmpty,
            empty_hint: RequiredInfoMsg::LinksEmptyHint,
            fields: &LINK_FIELDS,
        },
        InfoSection::Training => SectionSpec {
            section,
            list: "sessions",
            tab: RequiredInfoMsg::TabTraining,
            item: RequiredInfoMsg::TrainingItem,
            add: RequiredInfoMsg::TrainingAdd,
            empty: RequiredInfoMsg::TrainingEmpty,
            empty_hint: RequiredInfoMsg::TrainingEmptyHint,
            fields: &TRAINING_FIELDS,
        },
    }
}

/// The app's address of a page.
pub fn section_href(section: InfoSection) -> String {
    format!("/info/{}", section.as_str())
}

/// The form's rows: one per item, one text per field of the spec.
pub type Rows = Vec<Vec<String>>;

/// The rows of a page's content.
pub fn rows_of(spec: &SectionSpec, content: &Value) -> Rows {
    content[spec.list]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|item| {
                    spec.fields
                        .iter()
                        .map(|f| match &item[f.key] {
                            Value::String(s) => s.clone(),
                            Value::Number(n) => n.to_string(),
                            _ => String::new(),
                        })
                        .collect()
                })
                .collect()
        })
        .unwrap_or_default()
}

fn decimal(raw: &str) -> Option<f64> {
    raw.trim().replace(',', ".").parse::<f64>().ok()
}

/// The content the rows stand for (numbers that do not parse stay text, for the checks to
/// name).
pub fn content_of(spec: &SectionSpec, rows: &Rows) -> Value {
    let items: Vec<Value> = rows
        .iter()
        .map(|row| {
            let mut item = serde_json::Map::new();
            for (f, raw) in spec.fields.iter().zip(row) {
                let v = match f.kind {
                    FieldKind::Int => raw
                        .trim()
                        .parse::<u32>()
                        .map(Value::from)
                        .unwrap_or_else(|_| Value::String(raw.clone())),
                    FieldKind::Decimal => decimal(raw)
                        .and_then(serde_json::Number::from_f64)
                        .map(Value::Number)
                        .unwrap_or_else(|| Value::String(raw.clone())),
                    FieldKind::Date => Value::String(raw.trim().to_string()),
                    _ => Value::String(raw.clone()),
                };
                item.insert(f.key.to_string(), v);
            }
            Value::Object(item)
        })
        .collect();
    let mut content = serde_json::Map::new();
    content.insert(spec.list.to_string(), Value::Array(items));
    Value::Object(content)
}

/// Every problem of the rows: numbers and dates that do not read, then the contract's own
/// validation (the server's rules).
pub fn check_rows(spec: &SectionSpec, rows: &Rows, lang: crate::i18n::Lang) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        for (f, raw) in spec.fields.iter().zip(row) {
            let path = format!("{}[{i}].{}", spec.list, f.key);
            let bad = match f.kind {
                FieldKind::Int => raw
                    .trim()
                    .parse::<u32>()
                    .is_err()
                    .then_some(RequiredInfoMsg::NotNumber),
                FieldKind::Decimal => decimal(raw)
                    .filter(|h| h.is_finite())
                    .is_none()
                    .then_some(RequiredInfoMsg::NotNumber),
                FieldKind::Date => NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
                    .is_err()
                    .then_some(RequiredInfoMsg::BadDate),
                _ => None,
            };
            if let Some(m) = bad {
                errors.push(FieldError::new(path, "invalid_value", m.text(lang)));
            }
        }
    }
    if !errors.is_empty() {
        return errors;
    }
    let content = content_of(spec, rows);
    let checked = match spec.section {
        InfoSection::Org => serde_json::from_value::<OrgContent>(content).map(|c| validate_org(&c)),
        InfoSection::Links => {
            serde_json::from_value::<LinksContent>(content).map(|c| validate_links(&c))
        }
        InfoSection::Training => {
            serde_json::from_value::<TrainingContent>(content).map(|c| validate_training(&c))
        }
    };
    checked.unwrap_or_else(|_| {
        vec![FieldError::new(
            spec.list,
            "invalid_value",
            Msg::DecodeError.text(lang),
        )]
    })
}

/// `dd/MM/yyyy` of a `YYYY-MM-DD` date (as typed when it does not read).
pub fn date_text(raw: &str) -> String {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_else(|_| raw.to_string())
}

/// What the checker last found at `url`, in words.
pub fn check_text(i18n: I18n, checks: &[LinkCheck], url: &str) -> (Option<bool>, String) {
    match checks.iter().find(|c| c.url == url.trim()) {
        None => (None, i18n.t(RequiredInfoMsg::LinkUnchecked).to_string()),
        Some(c) if c.alive => (
            Some(true),
            i18n.f(
                RequiredInfoMsg::LinkAlive,
                &[
                    ("code", &c.status_code.unwrap_or(200).to_string()),
                    ("when", &datetime_vn(c.checked_at)),
                ],
            ),
        ),
        Some(c) => (
            Some(false),
            i18n.f(
                RequiredInfoMsg::LinkDead,
                &[
                    ("error", c.error.as_deref().unwrap_or("")),
                    ("when", &datetime_vn(c.checked_at)),
                ],
            ),
        ),
    }
}

/// The staleness warning of a page, when it is stale.
fn stale_text(i18n: I18n, p: &AnyInfoPage) -> Option<String> {
    p.page.stale.then(|| {
        if p.page.version == 0 {
            i18n.t(RequiredInfoMsg::StaleEmpty).to_string()
        } else {
            i18n.f(
                RequiredInfoMsg::Stale,
                &[
                    (
                        "days",
                        &p.page.days_since_update.unwrap_or_default().to_string(),
                    ),
                    ("limit", &p.page.stale_after_days.to_string()),
                ],
            )
        }
    })
}

#[component]
pub fn RequiredInfoPage() -> impl IntoView {
    view! {
        <RequirePermission permission=Permission::InfoView>
            <InfoScreen/>
        </RequirePermission>
    }
}

#[component]
fn InfoScreen() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(RequiredInfoMsg::Title);
    let params = use_params_map();
    let section = Memo::new(move |_| {
        params
            .with(|p| p.get("section"))
            .and_then(|s| InfoSection::parse(&s))
            .unwrap_or(InfoSection::Org)
    });
    let tabs = InfoSection::ALL
        .into_iter()
        .map(|s| {
            let current = dyn_text(move || {
                if section.get() == s {
                    "page".to_string()
                } else {
                    "false".to_string()
                }
            });
            view! {
                <a href=section_href(s) class="info-tab" data-section=s.as_str() aria-current=current>
                    {i18n.tr(spec(s).tab)}
                </a>
            }
        })
        .collect_view();
    view! {
        <div class="page page-required-info">
            <h1>{i18n.tr(RequiredInfoMsg::Title)}</h1>
            <p class="page-intro">{i18n.tr(RequiredInfoMsg::Intro)}</p>
            <nav class="info-tabs" aria-label=i18n.tr(RequiredInfoMsg::TabsLabel)>{tabs}</nav>
            {dyn_view(move || {
                let s = section.get();
                view! { <SectionScreen spec=spec(s)/> }.into_any()
            })}
        </div>
    }
}

#[component]
fn SectionScreen(spec: SectionSpec) -> impl IntoView {
    let data = RwSignal::new(None::<AnyInfoPage>);
    let settings = RwSignal::new(None::<InfoSettings>);
    let failure = RwSignal::new(None::<ApiError>);
    let load = move || {
        failure.set(None);
        spawn_local(async move {
            match api::required_info::get(spec.section).await {
                Ok(p) => {
                    let _ = data.try_set(Some(p));
                }
                Err(e) => {
                    let _ = failure.try_set(Some(e));
                }
            }
            if let Ok(s) = api::required_info::settings().await {
                let _ = settings.try_set(Some(s));
            }
        });
    };
    load();
    let loaded = Memo::new(move |_| data.with(Option::is_some));
    view! {
        <section class="info-section" data-section=spec.section.as_str()>
            {dyn_view(move || {
                if let Some(e) = failure.get() {
                    return error_state(e, load);
                }
                if !loaded.get() {
                    return view! { <SkeletonBlock lines=6/> }.into_any();
                }
                view! { <SectionBody spec=spec data=data settings=settings reload=Callback::new(move |_| load())/> }
                    .into_any()
            })}
        </section>
    }
}

#[component]
fn SectionBody(
    spec: SectionSpec,
    data: RwSignal<Option<AnyInfoPage>>,
    settings: RwSignal<Option<InfoSettings>>,
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let can_edit = untrack(|| session.can(Permission::InfoEdit));
    let can_set = untrack(|| session.can(Permission::InfoSettings));
    let Some(initial) = data.get_untracked() else {
        return ().into_any();
    };
    let stale = dyn_view(move || {
        data.with(|d| d.as_ref().and_then(|d| stale_text(i18n, d)))
            .map(|text| {
                view! {
                    <div class="notice notice-warning info-stale" role="status">
                        <p class="notice-title">{i18n.tr(RequiredInfoMsg::StaleTitle)}</p>
                        <p>{text}</p>
                    </div>
                }
            })
            .into_any()
    });
    let updated = dyn_text(move || {
        data.with(|d| {
            d.as_ref().map(|d| match d.page.updated_at {
                Some(at) => i18n.f(
                    RequiredInfoMsg::LastUpdated,
                    &[
                        ("date", &date_vn(at)),
                        ("who", d.page.updated_by_name.as_deref().unwrap_or("—")),
                    ],
                ),
                None => i18n.t(RequiredInfoMsg::Never).to_string(),
            })
        })
        .unwrap_or_default()
    });
    let confirmed = dyn_text(move || {
        data.with(|d| {
            d.as_ref().and_then(|d| {
                d.page.confirmed_at.map(|at| {
                    i18n.f(
                        RequiredInfoMsg::LastConfirmed,
                        &[
                            ("date", &date_vn(at)),
                            (
                                "days",
                                &d.page.days_since_update.unwrap_or_default().to_string(),
                            ),
                        ],
                    )
                })
            })
        })
        .unwrap_or_default()
    });
    let threshold = dyn_text(move || {
        data.with(|d| {
            d.as_ref()
                .map(|d| {
                    i18n.f(
                        RequiredInfoMsg::Threshold,
                        &[("n", &d.page.stale_after_days.to_string())],
                    )
                })
                .unwrap_or_default()
        })
    });
    let threshold_source = dyn_text(move || {
        settings
            .with(|s| s.as_ref().map(|s| s.is_default))
            .map(|default| {
                i18n.t(if default {
                    RequiredInfoMsg::ThresholdDefault
                } else {
                    RequiredInfoMsg::ThresholdSet
                })
                .to_string()
            })
            .unwrap_or_default()
    });
    let public = (spec.section == InfoSection::Org).then(|| {
        view! {
            <p class="info-public">
                {i18n.tr(RequiredInfoMsg::PublicUrl)}
                " "
                <code class="sp-public-url">{api::required_info::public_org_url()}</code>
            </p>
        }
    });
    let checker = (spec.section == InfoSection::Links && can_edit)
        .then(|| view! { <LinkCheckBar data=data/> });
    let main = if can_edit {
        view! { <SectionForm spec=spec initial=initial data=data/> }.into_any()
    } else {
        view! {
            <p class="notice info-readonly-note">{i18n.tr(RequiredInfoMsg::ReadOnly)}</p>
            <SectionView spec=spec data=data/>
        }
        .into_any()
    };
    view! {
        {stale}
        <div class="sp-meta info-meta">
            <p class="info-updated">{updated}</p>
            <p class="info-confirmed">{confirmed}</p>
            <p class="info-threshold">{threshold} " " {threshold_source}</p>
            {public}
        </div>
        {can_set.then(|| view! { <ThresholdForm settings=settings reload=reload/> })}
        {checker}
        {main}
    }
    .into_any()
}

/// The administrator's threshold, changed in place.
#[component]
fn ThresholdForm(settings: RwSignal<Option<InfoSettings>>, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let value = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(s) = settings.get() {
            value.set(s.stale_after_days.to_string());
        }
    });
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = i18n.lang_untracked();
        let Some(version) = settings.with_untracked(|s| s.as_ref().map(|s| s.version)) else {
            return;
        };
        let days = match value.get_untracked().trim().parse::<u32>() {
            Ok(d) if (1..=3650).contains(&d) => d,
            _ => {
                error.set(Some(RequiredInfoMsg::NotNumber.text(lang).to_string()));
                return;
            }
        };
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match api::required_info::save_settings(version, days).await {
                Ok(s) => {
                    let _ = settings.try_set(Some(s));
                    toasts.push(
                        ToastKind::Success,
                        i18n.t_untracked(RequiredInfoMsg::ThresholdSaved),
                    );
                    reload.run(());
                }
                Err(e) => {
                    let msg = match &e {
                        ApiError::Problem { problem, .. } if !problem.errors.is_empty() => {
                            problem.errors[0].message.clone()
                        }
                        _ => e.message(lang),
                    };
                    let _ = error.try_set(Some(msg));
                }
            }
            let _ = busy.try_set(false);
        });
    };
    view! {
        <form class="info-threshold-form" novalidate on:submit=on_submit>
            <div class="field">
                <label for="info-threshold-days">{i18n.tr(RequiredInfoMsg::ThresholdLabel)}</label>
                <input
                    id="info-threshold-days"
                    type="number"
                    min="1"
                    max="3650"
                    inputmode="numeric"
                    prop:value=value
                    on:input=move |ev| value.set(event_target_value(&ev))
                    aria-invalid=dyn_text(move || error.with(|e| e.is_some()).to_string())
                    aria-describedby="info-threshold-error"
                />
                <div class="field-errors" id="info-threshold-error">
                    {dyn_view(move || error.get().map(|m| view! { <p class="field-error">{m}</p> }).into_any())}
                </div>
            </div>
            <button type="submit" class="button info-threshold-save" disabled=busy>
                {i18n.tr(RequiredInfoMsg::ThresholdSave)}
            </button>
        </form>
    }
}

/// "Kiểm tra ngay" and what it found.
#[component]
fn LinkCheckBar(data: RwSignal<Option<AnyInfoPage>>) -> impl IntoView {
    let i18n = use_i18n();
    let busy = RwSignal::new(false);
    let result = RwSignal::new(None::<String>);
    let run = move |_| {
        busy.set(true);
        result.set(None);
        spawn_local(async move {
            let lang = i18n.lang_untracked();
            let text = match api::required_info::check_links().await {
                Ok(p) => {
                    let alive = p.checks.iter().filter(|c| c.alive).count();
                    let dead = p.checks.len() - alive;
                    let _ = data.try_set(Some(p));
                    i18n.f(
                        RequiredInfoMsg::Checked,
                        &[("alive", &alive.to_string()), ("dead", &dead.to_string())],
                    )
                }
                Err(e) => e.message(lang),
            };
            let _ = result.try_set(Some(text));
            let _ = busy.try_set(false);
        });
    };
    view! {
        <div class="info-checkbar">
            <button type="button" class="button info-check-now" disabled=busy on:click=run>
                {i18n.tr(RequiredInfoMsg::CheckNow)}
            </button>
            <p class="field-hint">{i18n.tr(RequiredInfoMsg::CheckHint)}</p>
            <p class="info-check-result" role="status" aria-live="polite">
                {dyn_text(move || {
                    if busy.get() {
                        i18n.t(RequiredInfoMsg::Checking).to_string()
                    } else {
                        result.get().unwrap_or_default()
                    }
                })}
            </p>
        </div>
    }
}

/// The page read-only: one card per item.
#[component]
fn SectionView(spec: SectionSpec, data: RwSignal<Option<AnyInfoPage>>) -> impl IntoView {
    let i18n = use_i18n();
    dyn_view(move || {
        let Some(page) = data.get() else {
            return ().into_any();
        };
        let rows = rows_of(&spec, &page.page.content);
        if rows.is_empty() {
            return view! { <EmptyState title=i18n.tr(spec.empty) hint=i18n.t(spec.empty_hint).to_string()/> }
                .into_any();
        }
        let checks = page.checks.clone();
        let cards = rows
            .into_iter()
            .enumerate()
            .map(|(i, row)| {
                let title = if spec.section == InfoSection::Training {
                    format!("{} — {}", date_text(&row[0]), row.get(1).cloned().unwrap_or_default())
                } else {
                    row[0].clone()
                };
                let items = spec
                    .fields
                    .iter()
                    .zip(row.iter())
                    .map(|(f, v)| {
                        let shown = match f.kind {
                            FieldKind::Date => date_text(v),
                            _ => v.clone(),
                        };
                        let value = match f.kind {
                            FieldKind::Url => {
                                let (alive, text) = check_text(i18n, &checks, v);
                                let state = match alive {
                                    Some(true) => "alive",
                                    Some(false) => "dead",
                                    None => "unchecked",
                                };
                                view! {
                                    <dd>
                                        <a href=v.clone() rel="noopener noreferrer" target="_blank">{shown}</a>
                                        <span class="info-link-status" data-state=state>{text}</span>
                                    </dd>
                                }
                                .into_any()
                            }
                            _ => view! { <dd class=format!("info-value info-{}", f.key)>{shown}</dd> }.into_any(),
                        };
                        view! {
                            <dt>{i18n.tr(f.label)}</dt>
                            {value}
                        }
                    })
                    .collect_view();
                view! {
                    <article class="info-item" data-index=i.to_string()>
                        <h2 class="info-item-title">{title}</h2>
                        <dl class="info-dl">{items}</dl>
                    </article>
                }
            })
            .collect_view();
        view! { <div class="info-items">{cards}</div> }.into_any()
    })
}

/// The editable page: one fieldset per item, add and remove, save and confirm.
#[component]
fn SectionForm(
    spec: SectionSpec,
    initial: AnyInfoPage,
    data: RwSignal<Option<AnyInfoPage>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let start = rows_of(&spec, &initial.page.content);
    let rows = RwSignal::new(start.clone());
    let base = RwSignal::new(start);
    let dirty = Memo::new(move |_| rows.with(|r| base.with(|b| r != b)));
    let touched = RwSignal::new(Vec::<String>::new());
    let show_all = RwSignal::new(false);
    let server = RwSignal::new(Vec::<FieldError>::new());
    let errors = Memo::new(move |_| {
        let lang = i18n.lang();
        let mut out: Vec<FieldError> = rows.with(|r| check_rows(&spec, r, lang));
        let all = show_all.get();
        touched.with(|t| out.retain(|e| all || t.iter().any(|f| f == &e.field)));
        server.with(|s| {
            for e in s {
                let f = local_field(&e.field).to_string();
                if !out.iter().any(|o| o.field == f && o.message == e.message) {
                    out.push(FieldError::new(f, e.code.clone(), e.message.clone()));
                }
            }
        });
        out
    });
    let busy = RwSignal::new(false);
    let notice = RwSignal::new(None::<String>);
    let conflict = RwSignal::new(None::<AnyInfoPage>);

    let failed = move |e: ApiError| {
        let lang = i18n.lang_untracked();
        if e.status() == Some(412) {
            if let Some(theirs) = e.current_as::<AnyInfoPage>() {
                let _ = conflict.try_set(Some(theirs));
                focus_later("info-conflict-heading".into());
                return;
            }
        }
        if let ApiError::Problem { problem, .. } = &e {
            if !problem.errors.is_empty() {
                let _ = server.try_set(problem.errors.clone());
                focus_first_invalid(".info-form");
            }
        }
        let _ = notice.try_set(Some(e.message(lang)));
    };
    let save = move || {
        show_all.set(true);
        let lang = i18n.lang_untracked();
        if !rows.with_untracked(|r| check_rows(&spec, r, lang).is_empty()) {
            notice.set(Some(
                i18n.t_untracked(RequiredInfoMsg::FixFirst).to_string(),
            ));
            focus_first_invalid(".info-form");
            return;
        }
        let Some(version) = data.with_untracked(|d| d.as_ref().map(|d| d.page.version)) else {
            return;
        };
        let current = rows.get_untracked();
        let content = content_of(&spec, &current);
        busy.set(true);
        notice.set(None);
        spawn_local(async move {
            match api::required_info::save(spec.section, version, &content).await {
                Ok(p) => {
                    let _ = base.try_set(current);
                    let _ = server.try_set(Vec::new());
                    toasts.push(ToastKind::Success, i18n.t_untracked(RequiredInfoMsg::Saved));
                    let _ = data.try_set(Some(p));
                }
                Err(e) => failed(e),
            }
            let _ = busy.try_set(false);
        });
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !busy.get_untracked() && conflict.with_untracked(Option::is_none) {
            save();
        }
    };
    let confirm = move |_| {
        if dirty.get_untracked() {
            notice.set(Some(
                i18n.t_untracked(RequiredInfoMsg::ConfirmSaveFirst)
                    .to_string(),
            ));
            return;
        }
        let Some(version) = data.with_untracked(|d| d.as_ref().map(|d| d.page.version)) else {
            return;
        };
        busy.set(true);
        notice.set(None);
        spawn_local(async move {
            match api::required_info::confirm(spec.section, version).await {
                Ok(p) => {
                    toasts.push(
                        ToastKind::Success,
                        i18n.t_untracked(RequiredInfoMsg::Confirmed),
                    );
                    let _ = data.try_set(Some(p));
                }
                Err(e) => failed(e),
            }
            let _ = busy.try_set(false);
        });
    };
    let never_saved =
        Memo::new(move |_| data.with(|d| d.as_ref().is_none_or(|d| d.page.version == 0)));
    let count = Memo::new(move |_| rows.with(Vec::len));
    let add = move |_| {
        rows.update(|r| r.push(vec![String::new(); spec.fields.len()]));
        let n = rows.with_untracked(Vec::len);
        focus_later(input_id(
            INFO_IDS,
            &format!("{}[{}].{}", spec.list, n - 1, spec.fields[0].key),
        ));
    };
    let checks =
        Memo::new(move |_| data.with(|d| d.as_ref().map(|d| d.checks.clone()).unwrap_or_default()));

    let conflict_panel = dyn_view(move || {
        conflict
            .get()
            .map(|theirs| {
                let who = theirs.page.updated_by_name.clone().unwrap_or_default();
                let when = theirs.page.updated_at.map(datetime_vn).unwrap_or_default();
                let theirs = StoredValue::new(theirs);
                view! {
                    <section class="plan-conflict info-conflict" role="region" aria-labelledby="info-conflict-heading">
                        <h2 id="info-conflict-heading" tabindex="-1">{i18n.tr(SpokespersonMsg::ConflictTitle)}</h2>
                        <p>{dyn_text(move || i18n.f(RequiredInfoMsg::Conflict, &[("who", &who), ("when", &when)]))}</p>
                        <button
                            type="button"
                            class="button info-conflict-reload"
                            on:click=move |_| {
                                let t = theirs.get_value();
                                let fresh = rows_of(&spec, &t.page.content);
                                conflict.set(None);
                                base.set(fresh.clone());
                                rows.set(fresh);
                                server.set(Vec::new());
                                data.set(Some(t));
                            }
                        >
                            {i18n.tr(RequiredInfoMsg::ConflictReload)}
                        </button>
                    </section>
                }
            })
            .into_any()
    });
    let items = dyn_view(move || {
        let n = count.get();
        if n == 0 {
            return view! { <EmptyState title=i18n.tr(spec.empty) hint=i18n.t(spec.empty_hint).to_string()/> }
                .into_any();
        }
        (0..n)
            .map(|i| {
                let remove = move |_| {
                    rows.update(|r| {
                        if i < r.len() {
                            r.remove(i);
                        }
                    });
                    server.set(Vec::new());
                };
                let legend = dyn_text(move || i18n.f(spec.item, &[("n", &(i + 1).to_string())]));
                let inputs = spec
                    .fields
                    .iter()
                    .enumerate()
                    .map(|(j, f)| view! { <ItemInput spec=spec row=i col=j field=*f rows=rows touched=touched errors=errors server=server checks=checks/> })
                    .collect_view();
                view! {
                    <fieldset class="field-group info-fieldset" data-index=i.to_string()>
                        <legend>{legend}</legend>
                        <div class="info-grid">{inputs}</div>
                        <button type="button" class="button button-quiet info-remove" on:click=remove>
                            {i18n.tr(RequiredInfoMsg::Remove)}
                            <span class="visually-hidden">" " {dyn_text(move || i18n.f(spec.item, &[("n", &(i + 1).to_string())]))}</span>
                        </button>
                    </fieldset>
                }
            })
            .collect_view()
            .into_any()
    });
    view! {
        {conflict_panel}
        <form class="info-form" novalidate on:submit=on_submit>
            {items}
            <button type="button" class="button info-add" on:click=add>{i18n.tr(spec.add)}</button>
            <p class="form-error info-notice" role="alert">{dyn_text(move || notice.get().unwrap_or_default())}</p>
            <div class="sp-actions info-actions">
                <button type="submit" class="button button-primary info-save" disabled=busy>
                    {dyn_text(move || i18n.t(if busy.get() { RequiredInfoMsg::Saving } else { RequiredInfoMsg::Save }).to_string())}
                </button>
                <button
                    type="button"
                    class="button info-confirm"
                    disabled=dyn_flag(move || busy.get() || never_saved.get())
                    on:click=confirm
                >
                    {i18n.tr(RequiredInfoMsg::Confirm)}
                </button>
                <span class="sp-dirty" role="status">
                    {dyn_text(move || if dirty.get() { i18n.t(RequiredInfoMsg::Unsaved).to_string() } else { String::new() })}
                </span>
            </div>
        </form>
    }
}

#[allow(clippy::too_many_arguments)]
#[component]
fn ItemInput(
    spec: SectionSpec,
    row: usize,
    col: usize,
    field: FieldSpec,
    rows: RwSignal<Rows>,
    touched: RwSignal<Vec<String>>,
    errors: Memo<Vec<FieldError>>,
    server: RwSignal<Vec<FieldError>>,
    checks: Memo<Vec<LinkCheck>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let path = format!("{}[{row}].{}", spec.list, field.key);
    let id = input_id(INFO_IDS, &path);
    let err = error_id(INFO_IDS, &path);
    let value = Memo::new(move |_| {
        rows.with(|r| {
            r.get(row)
                .and_then(|x| x.get(col))
                .cloned()
                .unwrap_or_default()
        })
    });
    let p = path.clone();
    let on_input = move |ev| {
        let v = event_target_value(&ev);
        rows.update(|r| {
            if let Some(cell) = r.get_mut(row).and_then(|x| x.get_mut(col)) {
                *cell = v;
            }
        });
        if server.with_untracked(|s| s.iter().any(|e| local_field(&e.field) == p)) {
            server.update(|s| s.retain(|e| local_field(&e.field) != p));
        }
    };
    let p = path.clone();
    let on_blur = move |_| {
        if !touched.with_untracked(|t| t.contains(&p)) {
            touched.update(|t| t.push(p.clone()));
        }
    };
    let invalid = invalid_flag(errors.into(), path.clone());
    let status_id = format!("{id}-status");
    let status = (field.kind == FieldKind::Url).then(|| {
        let text = dyn_text(move || checks.with(|c| check_text(i18n, c, &value.get()).1));
        let state = dyn_text(move || {
            checks
                .with(|c| check_text(i18n, c, &value.get()).0)
                .map(|a| if a { "alive" } else { "dead" })
                .unwrap_or("unchecked")
                .to_string()
        });
        view! { <p class="field-hint info-link-status" id=status_id.clone() data-state=state>{text}</p> }
    });
    let described = if field.kind == FieldKind::Url {
        format!("{status_id} {err}")
    } else {
        err.clone()
    };
    let wide = matches!(field.kind, FieldKind::Text | FieldKind::Url);
    let data_field = path.clone();
    let control = if field.kind == FieldKind::Text {
        view! {
            <textarea
                id=id.clone()
                rows="3"
                prop:value=value
                on:input=on_input
                on:blur=on_blur
                aria-invalid=invalid
                aria-describedby=described
            ></textarea>
        }
        .into_any()
    } else {
        let (kind, mode, step) = match field.kind {
            FieldKind::Tel => ("tel", Some("tel"), None),
            FieldKind::Email => ("email", Some("email"), None),
            FieldKind::Url => ("url", Some("url"), None),
            FieldKind::Date => ("date", None, None),
            FieldKind::Int => ("number", Some("numeric"), Some("1")),
            FieldKind::Decimal => ("number", Some("decimal"), Some("0.5")),
            _ => ("text", None, None),
        };
        view! {
            <input
                id=id.clone()
                type=kind
                inputmode=mode
                step=step
                prop:value=value
                on:input=on_input
                on:blur=on_blur
                aria-invalid=invalid
                aria-describedby=described
            />
        }
        .into_any()
    };
    view! {
        <div class="field" class:info-wide=wide data-field=data_field>
            <label for=id>{i18n.tr(field.label)}</label>
            {control}
            {status}
            <FieldMessages errors=errors field=path id=err/>
        </div>
    }
}

/// On the dashboard, for those who see the pages: which required pages are stale or have
/// dead links, each linking to where the work is done.
#[component]
pub fn InfoStaleTile() -> impl IntoView {
    let i18n = use_i18n();
    let status = RwSignal::new(None::<InfoStatus>);
    let failure = RwSignal::new(None::<ApiError>);
    let load = move || {
        failure.set(None);
        spawn_local(async move {
            match api::required_info::status().await {
                Ok(s) => {
                    let _ = status.try_set(Some(s));
                }
                Err(e) => {
                    let _ = failure.try_set(Some(e));
                }
            }
        });
    };
    load();
    let body = dyn_view(move || {
        if let Some(e) = failure.get() {
            return error_state(e, load);
        }
        let Some(s) = status.get() else {
            return view! { <SkeletonBlock lines=3/> }.into_any();
        };
        let limit = s.stale_after_days.to_string();
        let lines: Vec<_> = s
            .sections
            .iter()
            .filter(|x| x.stale || x.dead_links > 0)
            .map(|x| {
                let mut parts = Vec::new();
                if x.stale {
                    parts.push(match x.days_since_update {
                        Some(d) => i18n.f(
                            RequiredInfoMsg::DashInfoStale,
                            &[("days", &d.to_string()), ("limit", &limit)],
                        ),
                        None => i18n.t(RequiredInfoMsg::DashInfoNever).to_string(),
                    });
                }
                if x.dead_links > 0 {
                    parts.push(i18n.f(
                        RequiredInfoMsg::DashInfoDead,
                        &[("n", &x.dead_links.to_string())],
                    ));
                }
                view! {
                    <li data-section=x.section.as_str()>
                        <a href=section_href(x.section)>{i18n.tr(spec(x.section).tab)}</a>
                        " — "
                        {parts.join("; ")}
                    </li>
                }
            })
            .collect();
        if lines.is_empty() {
            return view! { <EmptyState title=i18n.tr(RequiredInfoMsg::DashInfoAllCurrent)/> }
                .into_any();
        }
        view! { <ul class="dash-info-list">{lines}</ul> }.into_any()
    });
    view! {
        <section class="dashboard-section dash-card dash-info" aria-labelledby="dash-info-heading">
            <h2 id="dash-info-heading">{i18n.tr(RequiredInfoMsg::DashInfoTitle)}</h2>
            {body}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn rows_and_content_round_trip_and_are_checked_like_the_server() {
        let s = spec(InfoSection::Training);
        let content = serde_json::json!({"sessions": [{"date": "2026-03-12", "topic": "Viết tin", "trainer": "VSS", "participants": "Ban Biên tập", "participant_count": 12, "hours": 3.5}]});
        let rows = rows_of(&s, &content);
        assert_eq!(
            rows[0],
            ["2026-03-12", "Viết tin", "VSS", "Ban Biên tập", "12", "3.5"]
        );
        assert_eq!(content_of(&s, &rows), content);
        assert!(check_rows(&s, &rows, Lang::Vi).is_empty());
        let mut bad = rows.clone();
        bad[0][4] = "mười".into();
        bad[0][5] = "3,5".into();
        let fields: Vec<String> = check_rows(&s, &bad, Lang::Vi)
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["sessions[0].participant_count"]);
        bad[0][4] = "12".into();
        bad[0][5] = "-1".into();
        bad[0][1] = String::new();
        let fields: Vec<String> = check_rows(&s, &bad, Lang::Vi)
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["sessions[0].topic", "sessions[0].hours"]);
        assert_eq!(date_text("2026-03-12"), "12/03/2026");

        let links = spec(InfoSection::Links);
        let rows = vec![vec![
            "Sở Y tế".to_string(),
            "javascript:alert(1)".to_string(),
        ]];
        let errs = check_rows(&links, &rows, Lang::Vi);
        assert_eq!(errs[0].field, "links[0].url");
    }
}
