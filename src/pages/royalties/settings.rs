//! The royalty settings: coefficient ranges and unit values.

use super::logic::field_errors_of;
use super::logic::{parse_amount, parse_tenths};
use crate::api::{self};
use crate::components::{use_toasts, Loaded, SkeletonBlock, ToastKind};
use crate::form::{error_id, input_id, FieldMessages};
use crate::i18n::{kind_label, use_i18n};

use crate::pages::royalties::strings::RoyaltyMsg;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_contract::format::date_vn;
use portal_contract::royalties::{
    tenths_vn, validate_settings, CoefficientRange, RoyaltySettings, RoyaltySettingsUpdate,
    UnitValue,
};
use portal_contract::FieldError;

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
pub(crate) fn RoyaltySettingsPanel(editable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let settings = LocalResource::new(api::royalties::settings);
    view! {
        <section class="roy-settings roy-screen-only" aria-labelledby="roy-settings-heading">
            <h2 id="roy-settings-heading">{i18n.tr(RoyaltyMsg::SettingsTitle)}</h2>
            <p class="section-hint">{i18n.tr(RoyaltyMsg::SettingsHint)}</p>
            <Loaded resource=settings skeleton=|| view! { <SkeletonBlock lines=4/> } let:s>
                <SettingsForm settings=s editable=editable/>
            </Loaded>
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
                            i18n.t_untracked(RoyaltyMsg::CoefficientInvalid),
                        ));
                        0
                    });
                    let max = parse_tenths(&r.max).unwrap_or_else(|| {
                        errs.push(FieldError::new(
                            format!("coefficients[{i}].max_tenths"),
                            "invalid",
                            i18n.t_untracked(RoyaltyMsg::CoefficientInvalid),
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
                            i18n.t_untracked(RoyaltyMsg::DateInvalid),
                        ));
                    }
                    let amount = parse_amount(&u.vnd);
                    if amount.is_none() {
                        errs.push(FieldError::new(
                            format!("unit_values[{i}].vnd"),
                            "invalid",
                            i18n.t_untracked(RoyaltyMsg::AmountInvalid),
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
                            i18n.t_untracked(RoyaltyMsg::SettingsSaved),
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
                let cap = tenths_vn(portal_contract::royalties::decree_cap_tenths(kind));
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
                        {cell(min_field, r.min.clone(), RoyaltyMsg::Min, |r, v| r.min = v)}
                        {cell(max_field, r.max.clone(), RoyaltyMsg::Max, |r, v| r.max = v)}
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
                            <label class="visually-hidden" for=from_id.clone()>{i18n.tr(RoyaltyMsg::EffectiveFrom)}</label>
                            <input id=from_id type="date" value=u.from.clone() disabled=!editable
                                aria-invalid=move || errors.with(|e| e.iter().any(|x| x.field == ff)).to_string()
                                aria-describedby=from_err.clone()
                                on:change=move |ev| { let v = event_target_value(&ev); units.update(|rows| if let Some(r) = rows.iter_mut().find(|r| r.key == key) { r.from = v }); }
                            />
                            <FieldMessages errors=errors field=from_field id=from_err/>
                        </td>
                        <td>
                            <label class="visually-hidden" for=vnd_id.clone()>{i18n.tr(RoyaltyMsg::UnitValue)}</label>
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
                                    {i18n.tr(RoyaltyMsg::Remove)}
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
                    from: crate::clock::today().format("%Y-%m-%d").to_string(),
                    vnd: String::new(),
                },
            )
        });
    };
    view! {
        {updated.map(|(when, who)| view! {
            <p class="section-hint">{move || i18n.f(RoyaltyMsg::SettingsUpdated, &[("date", &when), ("who", &who)])}</p>
        })}
        <FieldMessages errors=errors field="unit_values" id="roy-set-unit-values-err"/>
        <div class="roy-settings-grid">
            <div class="table-wrap">
                <table class="data-table roy-coefficients">
                    <caption>{i18n.tr(RoyaltyMsg::CoefficientsCaption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{i18n.tr(RoyaltyMsg::ColKind)}</th>
                            <th scope="col">{i18n.tr(RoyaltyMsg::Min)}</th>
                            <th scope="col">{i18n.tr(RoyaltyMsg::Max)}</th>
                            <th scope="col" class="num">{i18n.tr(RoyaltyMsg::Cap)}</th>
                        </tr>
                    </thead>
                    <tbody>{range_rows}</tbody>
                </table>
            </div>
            <div class="table-wrap">
                <table class="data-table roy-unit-values">
                    <caption>{i18n.tr(RoyaltyMsg::UnitValuesCaption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{i18n.tr(RoyaltyMsg::EffectiveFrom)}</th>
                            <th scope="col">{i18n.tr(RoyaltyMsg::UnitValue)}</th>
                            <th scope="col"><span class="visually-hidden">{i18n.tr(RoyaltyMsg::Remove)}</span></th>
                        </tr>
                    </thead>
                    <tbody>{unit_rows}</tbody>
                </table>
                {editable.then(|| view! {
                    <button type="button" class="button button-small" on:click=add_unit>{i18n.tr(RoyaltyMsg::AddUnitValue)}</button>
                })}
            </div>
        </div>
        {editable.then(|| view! {
            <p>
                <button type="button" class="button button-primary roy-settings-save" disabled=move || busy.get() on:click=save>
                    {i18n.tr(RoyaltyMsg::SettingsSave)}
                </button>
            </p>
        })}
    }
}
