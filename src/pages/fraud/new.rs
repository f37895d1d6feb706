//! `/fraud-reports/new`: a local office files a report.

use super::channel::ChannelOptions;
use crate::api::{self, ApiError};
use crate::clock::utc_to_local_input;
use crate::components::{use_toasts, ToastKind};
use crate::form::{focus_first_invalid, invalid_flag, FieldMessages};
use crate::i18n::use_i18n;
use crate::pages::fraud::logic::{to_request, FraudForm};
use crate::pages::fraud::strings::FraudMsg;

use crate::pages::{use_page_title, RequirePermission};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use portal_contract::format::vnd;
use portal_contract::fraud::FraudChannel;
use portal_contract::{FieldError, Permission};

#[component]
pub fn NewFraudReportPage() -> impl IntoView {
    view! {
        <RequirePermission permission=Permission::FraudCreate>
            <FraudReportForm/>
        </RequirePermission>
    }
}

/// One labelled control with its hint and errors tied to it by `aria-describedby`.
fn field_ids(name: &str) -> (String, String, String) {
    (
        format!("fraud-{name}"),
        format!("fraud-{name}-hint"),
        format!("fraud-{name}-error"),
    )
}

#[component]
fn FraudReportForm() -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let navigate = use_navigate();
    use_page_title(FraudMsg::New);
    let form = RwSignal::new(FraudForm {
        when: utc_to_local_input(crate::clock::now()),
        amount: "0".into(),
        people: "1".into(),
        ..FraudForm::default()
    });
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let request = match to_request(&form.get_untracked(), crate::clock::now()) {
            Ok(r) => r,
            Err(e) => {
                errors.set(e);
                toasts.push(ToastKind::Error, i18n.t(FraudMsg::FixFirst));
                focus_first_invalid(".fraud-form");
                return;
            }
        };
        errors.set(Vec::new());
        failure.set(None);
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = api::fraud::create(&request).await;
            let _ = busy.try_set(false);
            match result {
                Ok(r) => {
                    toasts.push(ToastKind::Success, i18n.t(FraudMsg::Filed));
                    navigate(&format!("/fraud-reports/{}", r.id), Default::default());
                }
                Err(ApiError::Problem { problem, .. }) if !problem.errors.is_empty() => {
                    let _ = errors.try_set(problem.errors.clone());
                    toasts.push(ToastKind::Error, i18n.t(FraudMsg::FixFirst));
                    focus_first_invalid(".fraud-form");
                }
                Err(e) => {
                    let _ = failure.try_set(Some(e));
                }
            }
        });
    };
    let errs: Signal<Vec<FieldError>> = errors.into();
    let text_field = move |name: &'static str,
                           api_field: &'static str,
                           label: FraudMsg,
                           hint: Option<FraudMsg>,
                           get: fn(&FraudForm) -> String,
                           set: fn(&mut FraudForm, String),
                           kind: &'static str,
                           mode: Option<&'static str>| {
        let (id, hint_id, err_id) = field_ids(name);
        let described = match hint {
            Some(_) => format!("{hint_id} {err_id}"),
            None => err_id.clone(),
        };
        view! {
            <div class="field" data-field=api_field>
                <label for=id.clone()>{i18n.tr(label)}</label>
                <input
                    id=id
                    name=api_field
                    type=kind
                    inputmode=mode
                    prop:value=move || form.with(get)
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        form.update(|f| set(f, v));
                    }
                    aria-invalid=invalid_flag(errs, api_field)
                    aria-describedby=described
                />
                {hint.map(|h| view! { <p class="field-hint" id=hint_id>{i18n.tr(h)}</p> })}
                <FieldMessages errors=errs field=api_field id=err_id/>
            </div>
        }
    };
    let (desc_id, _, desc_err) = field_ids("description");
    let (chan_id, _, chan_err) = field_ids("channel");
    let amount_preview = move || {
        crate::pages::fraud::logic::parse_whole(&form.with(|f| f.amount.clone()))
            .map(vnd)
            .unwrap_or_default()
    };
    view! {
        <div class="page page-fraud-new">
            <p class="breadcrumb">
                <a href="/fraud-reports">{i18n.tr(FraudMsg::Back)}</a>
            </p>
            <h1>{i18n.tr(FraudMsg::FormTitle)}</h1>
            <p class="page-intro">{i18n.tr(FraudMsg::FormIntro)}</p>
            <form class="fraud-form" novalidate=true on:submit=submit>
                {text_field(
                    "when",
                    "occurred_at",
                    FraudMsg::FieldWhen,
                    Some(FraudMsg::FieldWhenHint),
                    |f| f.when.clone(),
                    |f, v| f.when = v,
                    "datetime-local",
                    None,
                )}
                {text_field(
                    "location",
                    "location",
                    FraudMsg::FieldWhere,
                    Some(FraudMsg::FieldWhereHint),
                    |f| f.location.clone(),
                    |f, v| f.location = v,
                    "text",
                    None,
                )}
                <div class="field" data-field="channel">
                    <label for=chan_id.clone()>{i18n.tr(FraudMsg::FieldChannel)}</label>
                    <select
                        id=chan_id
                        name="channel"
                        prop:value=move || form.with(|f| f.channel.map(|c| c.as_str()).unwrap_or(""))
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            form.update(|f| f.channel = FraudChannel::parse(&v));
                        }
                        aria-invalid=invalid_flag(errs, "channel")
                        aria-describedby=chan_err.clone()
                    >
                        <option value="">"—"</option>
                        <ChannelOptions/>
                    </select>
                    <FieldMessages errors=errs field="channel" id=chan_err/>
                </div>
                <div class="field" data-field="description">
                    <label for=desc_id.clone()>{i18n.tr(FraudMsg::FieldWhat)}</label>
                    <textarea
                        id=desc_id
                        name="description"
                        rows="6"
                        prop:value=move || form.with(|f| f.description.clone())
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            form.update(|f| f.description = v);
                        }
                        aria-invalid=invalid_flag(errs, "description")
                        aria-describedby=desc_err.clone()
                    ></textarea>
                    <FieldMessages errors=errs field="description" id=desc_err/>
                </div>
                <div class="field-row">
                    {text_field(
                        "amount",
                        "amount",
                        FraudMsg::FieldAmount,
                        Some(FraudMsg::FieldAmountHint),
                        |f| f.amount.clone(),
                        |f, v| f.amount = v,
                        "text",
                        Some("numeric"),
                    )}
                    {text_field(
                        "people",
                        "people_affected",
                        FraudMsg::FieldPeople,
                        None,
                        |f| f.people.clone(),
                        |f, v| f.people = v,
                        "text",
                        Some("numeric"),
                    )}
                </div>
                <p class="fraud-amount-preview" aria-live="polite">{amount_preview}</p>
                {text_field(
                    "evidence",
                    "evidence_url",
                    FraudMsg::FieldEvidence,
                    Some(FraudMsg::FieldEvidenceHint),
                    |f| f.evidence.clone(),
                    |f, v| f.evidence = v,
                    "url",
                    None,
                )}
                {text_field(
                    "office",
                    "office",
                    FraudMsg::FieldOffice,
                    None,
                    |f| f.office.clone(),
                    |f, v| f.office = v,
                    "text",
                    None,
                )}
                {move || {
                    failure
                        .get()
                        .map(|e| {
                            view! { <p class="notice notice-error" role="alert">{e.message(i18n.lang())}</p> }
                        })
                }}
                <div class="form-actions">
                    <button type="submit" class="button button-primary" disabled=move || busy.get()>
                        {move || if busy.get() { i18n.t(FraudMsg::Sending) } else { i18n.t(FraudMsg::Submit) }}
                    </button>
                </div>
            </form>
        </div>
    }
}
