//! A labelled `<select>` over one of the contract's vocabularies (stages, kinds, topics), with
//! "Tất cả" first. One non-generic component serves every filter: options are wire names with
//! their two labels, so the code is compiled once whatever the vocabulary.

use crate::i18n::{use_i18n, Lang, Text};
use crate::pages::articles::strings::ArticleMsg;
use leptos::prelude::*;

/// An option: the wire value and its Vietnamese and English labels.
pub type VocabOption = (&'static str, &'static str, &'static str);

/// Options of a contract vocabulary, from its `ALL`, `as_str`, `label_vi` and `label_en`.
#[macro_export]
macro_rules! vocab_options {
    ($ty:ty) => {
        <$ty>::ALL
            .iter()
            .map(|v| (v.as_str(), v.label_vi(), v.label_en()))
            .collect::<Vec<$crate::components::VocabOption>>()
    };
}

/// The select: `selected` is the chosen wire value (`None`: all); `on_change` gets the new
/// value (`""` for all). With `required`, there is no "all" choice (a form field, not a filter).
#[component]
pub fn VocabSelect(
    id: &'static str,
    label: impl Text,
    options: Vec<VocabOption>,
    #[prop(into)] selected: Signal<Option<&'static str>>,
    on_change: Callback<String>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field">
            <label for=id>{i18n.tr(label)}</label>
            <select id=id on:change=move |ev| on_change.run(event_target_value(&ev))>
                {(!required)
                    .then(|| {
                        view! {
                            <option value="" selected=move || selected.get().is_none()>
                                {i18n.tr(ArticleMsg::FilterAll)}
                            </option>
                        }
                    })}
                {options
                    .into_iter()
                    .map(|(value, vi, en)| {
                        let chosen = move || selected.get() == Some(value);
                        view! {
                            <option value=value selected=chosen prop:selected=chosen>
                                {move || if i18n.lang() == Lang::Vi { vi } else { en }}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
