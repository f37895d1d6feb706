//! Form fields: ids from field paths, their messages, `aria-invalid`, and where the focus goes.
//!
//! A field is named by its contract path (`content.months[2].theme`, `body[3].url`); its input
//! is `input_id(prefix, path)` and its message box `error_id(prefix, path)`, tied together by
//! `aria-describedby`.

use crate::components::dyn_view;
use leptos::prelude::*;
use portal_contract::FieldError;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// A field path of the server's 422 as the form knows it: the submit check names the
/// content's fields `content.months[2].theme`, the form `months[2].theme`.
pub fn local_field(server_field: &str) -> &str {
    server_field
        .strip_prefix("content.")
        .unwrap_or(server_field)
}

/// The id of the input that edits `field` (a contract or server path) in a form whose ids
/// start with `prefix`: `("plan", "content.months[2].news_norm")` → `plan-months-2-news-norm`,
/// `("sp", "deputy.email")` → `sp-deputy-email`.
pub fn input_id(prefix: &str, field: &str) -> String {
    let mut out = String::from(prefix);
    let mut gap = true;
    for c in local_field(field).chars() {
        if c.is_ascii_alphanumeric() {
            if gap {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
            gap = false;
        } else {
            gap = true;
        }
    }
    out
}

/// The id of the message box under the input of `field`.
pub fn error_id(prefix: &str, field: &str) -> String {
    format!("err-{}", input_id(prefix, field))
}

/// Messages for exactly `field`.
pub fn messages_of(errors: &[FieldError], field: &str) -> Vec<String> {
    errors
        .iter()
        .filter(|e| e.field == field)
        .map(|e| e.message.clone())
        .collect()
}

/// Messages of `errors` for `prefix` and anything under it (`body[3]` → `body[3].url`, …).
pub fn messages_under(errors: &[FieldError], prefix: &str) -> Vec<String> {
    errors
        .iter()
        .filter(|e| {
            e.field == prefix
                || e.field.starts_with(&format!("{prefix}."))
                || e.field.starts_with(&format!("{prefix}["))
        })
        .map(|e| e.message.clone())
        .collect()
}

/// `aria-invalid` of the control of `field`: `"true"` while `errors` name it.
pub fn invalid_flag(
    errors: Signal<Vec<FieldError>>,
    field: impl Into<String>,
) -> Signal<Option<&'static str>> {
    let field = field.into();
    Signal::derive(move || {
        errors
            .with(|e| e.iter().any(|x| x.field == field))
            .then_some("true")
    })
}

/// Moves the focus to the first control of `root_css` marked invalid, once the view shows it.
pub fn focus_first_invalid(root_css: &'static str) {
    set_timeout(
        move || {
            if let Some(el) = document()
                .query_selector(&format!("{root_css} [aria-invalid='true']"))
                .ok()
                .flatten()
            {
                let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        },
        Duration::from_millis(30),
    );
}

/// The messages of one field, under its input (the input's `aria-describedby` names `id`);
/// `under` also shows the messages of the field's parts (`body[3]` → `body[3].url`).
#[component]
pub fn FieldMessages(
    #[prop(into)] errors: Signal<Vec<FieldError>>,
    #[prop(into)] field: String,
    #[prop(into)] id: String,
    #[prop(optional)] under: bool,
) -> impl IntoView {
    let list = Memo::new(move |_| {
        errors.with(|e| {
            if under {
                messages_under(e, &field)
            } else {
                messages_of(e, &field)
            }
        })
    });
    let messages = dyn_view(move || {
        list.get()
            .into_iter()
            .map(|m| view! { <p class="field-error">{m}</p> })
            .collect_view()
            .into_any()
    });
    view! { <div class="field-errors" id=id>{messages}</div> }
}

/// Focuses the element `id` once the view has caught up.
pub fn focus_later(id: String) {
    set_timeout(
        move || {
            if let Some(el) = document().get_element_by_id(&id) {
                let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        },
        Duration::from_millis(30),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_ids_follow_the_path() {
        assert_eq!(
            input_id("plan", "content.months[2].news_norm"),
            "plan-months-2-news-norm"
        );
        assert_eq!(input_id("sp", "deputy.email"), "sp-deputy-email");
    }

    #[test]
    fn messages_of_a_field_and_its_parts() {
        let e = |f: &str| FieldError::new(f, "invalid", f);
        let errors = vec![e("body[3]"), e("body[3].url"), e("body[30]"), e("title")];
        assert_eq!(messages_of(&errors, "body[3]"), vec!["body[3]"]);
        assert_eq!(
            messages_under(&errors, "body[3]"),
            vec!["body[3]", "body[3].url"]
        );
    }
}
