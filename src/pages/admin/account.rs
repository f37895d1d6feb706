//! `/account`: one's own password.

use super::sessions::focus_id;
use crate::api::{self, ApiError};
use crate::components::{use_toasts, ToastKind};
use crate::i18n::use_i18n;
use crate::pages::admin::strings::AdminMsg;
use crate::pages::use_page_title;
use leptos::prelude::*;

/// What is wrong with the password form, field by field (`current`, `new`, `confirm`).
pub fn password_form_errors(
    current: &str,
    new: &str,
    confirm: &str,
) -> Vec<(&'static str, AdminMsg)> {
    let mut out = Vec::new();
    if current.is_empty() {
        out.push(("current", AdminMsg::CurrentPasswordRequired));
    }
    if !portal_contract::password_is_acceptable(new) {
        out.push(("new", AdminMsg::NewPasswordWeak));
    } else if new != confirm {
        out.push(("confirm", AdminMsg::PasswordMismatch));
    }
    out
}

/// `/account`: the signed-in user changes their own password; their other sessions end.
#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    use_page_title(AdminMsg::AccountTitle);
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    // Field errors: (field, text); a text rather than a key, so the server's words can show.
    let errors = RwSignal::new(Vec::<(&'static str, String)>::new());
    let form_error = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let field_id = |f: &str| format!("account-{f}");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let lang = i18n.lang_untracked();
        form_error.set(None);
        let found = password_form_errors(
            &current.get_untracked(),
            &new.get_untracked(),
            &confirm.get_untracked(),
        );
        if let Some((first, _)) = found.first() {
            focus_id(&field_id(first));
            errors.set(
                found
                    .into_iter()
                    .map(|(f, m)| (f, m.text(lang).to_string()))
                    .collect(),
            );
            return;
        }
        errors.set(Vec::new());
        saving.set(true);
        let change = portal_contract::PasswordChange {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            match api::admin::change_password(&change).await {
                Ok(()) => {
                    current.set(String::new());
                    new.set(String::new());
                    confirm.set(String::new());
                    toasts.push(ToastKind::Success, AdminMsg::PasswordChanged.text(lang));
                }
                Err(ApiError::Problem { problem, .. }) if !problem.errors.is_empty() => {
                    let mapped: Vec<(&'static str, String)> = problem
                        .errors
                        .iter()
                        .map(|e| {
                            let field = if e.field == "current_password" {
                                "current"
                            } else {
                                "new"
                            };
                            (field, e.message.clone())
                        })
                        .collect();
                    if let Some((first, _)) = mapped.first() {
                        focus_id(&field_id(first));
                    }
                    errors.set(mapped);
                }
                Err(e) => form_error.set(Some(e.message(lang))),
            }
            saving.set(false);
        });
    };
    let field = move |f: &'static str,
                      label: AdminMsg,
                      hint: Option<AdminMsg>,
                      value: RwSignal<String>,
                      autocomplete: &'static str| {
        let id = field_id(f);
        let error_id = format!("{id}-error");
        let hint_id = format!("{id}-hint");
        let has_error = move || errors.with(|e| e.iter().any(|(x, _)| *x == f));
        let described = {
            let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
            move || {
                let mut ids = Vec::new();
                if hint.is_some() {
                    ids.push(hint_id.clone());
                }
                if has_error() {
                    ids.push(error_id.clone());
                }
                ids.join(" ")
            }
        };
        let message =
            move || errors.with(|e| e.iter().find(|(x, _)| *x == f).map(|(_, m)| m.clone()));
        view! {
            <div class="field">
                <label for=id.clone()>{i18n.tr(label)}</label>
                <input
                    id=id
                    type="password"
                    autocomplete=autocomplete
                    aria-invalid=move || if has_error() { "true" } else { "false" }
                    aria-describedby=described
                    prop:value=value
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
                {hint.map(|h| view! { <p class="field-hint" id=hint_id.clone()>{i18n.tr(h)}</p> })}
                {move || message().map(|m| view! { <p class="field-error" id=error_id.clone()>{m}</p> })}
            </div>
        }
    };
    view! {
        <div class="page page-account">
            <h1>{i18n.tr(AdminMsg::AccountTitle)}</h1>
            <p class="page-intro">{i18n.tr(AdminMsg::AccountIntro)}</p>
            <form class="account-form" novalidate=true on:submit=submit>
                {field("current", AdminMsg::CurrentPassword, None, current, "current-password")}
                {field("new", AdminMsg::NewPassword, Some(AdminMsg::NewPasswordHint), new, "new-password")}
                {field("confirm", AdminMsg::ConfirmPassword, None, confirm, "new-password")}
                <p class="form-error" role="alert">{move || form_error.get()}</p>
                <button
                    type="submit"
                    class="button button-primary"
                    data-action="change-password"
                    aria-disabled=move || if saving.get() { "true" } else { "false" }
                >
                    {move || if saving.get() { i18n.t(AdminMsg::PasswordSaving) } else { i18n.t(AdminMsg::PasswordSave) }}
                </button>
            </form>
        </div>
    }
}
