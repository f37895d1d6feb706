//! Word diffs of an article's fields, for the conflict panel and the version comparison.

use crate::i18n::{
    channel_label, kind_label, language_label, topic_label, use_i18n, I18n, Lang, Msg,
};
use crate::pages::articles::logic::{changed_fields, word_runs, Draft, Field, Vocab};
use crate::pages::articles::strings::ArticleMsg;
use leptos::prelude::*;

/// `old` → `new` word by word: removed words in `<del>`, added in `<ins>`, each with a text
/// label for screen readers.
#[component]
pub fn WordDiff(old: String, new: String) -> impl IntoView {
    let i18n = use_i18n();
    let runs = word_runs(&old, &new);
    view! {
        <p class="word-diff">
            {runs
                .into_iter()
                .map(|(k, t)| match k {
                    1 => view! {
                        <ins>
                            <span class="visually-hidden">{i18n.tr(ArticleMsg::EdDiffAdded)}" "</span>
                            {t}
                            <span class="visually-hidden">" "{i18n.tr(ArticleMsg::EdDiffEnd)}</span>
                        </ins>
                    }
                    .into_any(),
                    -1 => view! {
                        <del>
                            <span class="visually-hidden">{i18n.tr(ArticleMsg::EdDiffRemoved)}" "</span>
                            {t}
                            <span class="visually-hidden">" "{i18n.tr(ArticleMsg::EdDiffEnd)}</span>
                        </del>
                    }
                    .into_any(),
                    _ => t.into_any(),
                })
                .collect_view()}
        </p>
    }
}

pub fn field_label(f: Field) -> ArticleMsg {
    match f {
        Field::Title => ArticleMsg::EdTitle,
        Field::Lead => ArticleMsg::FieldLead,
        Field::Body => ArticleMsg::FieldBody,
        Field::Section => ArticleMsg::FieldSection,
        Field::Topics => ArticleMsg::FieldTopics,
        Field::Kind => ArticleMsg::FieldKind,
        Field::Authors => ArticleMsg::FieldAuthors,
        Field::Source => ArticleMsg::FieldSource,
        Field::Cover => ArticleMsg::FieldCover,
        Field::Channels => ArticleMsg::FieldChannels,
        Field::Language => ArticleMsg::FieldLanguage,
        Field::ModelExample => ArticleMsg::FieldModelExample,
        Field::Scheduled => ArticleMsg::EdScheduled,
        Field::Checks => ArticleMsg::EdChecks,
    }
}

/// The text of a field in the interface's language.
pub fn field_text(f: Field, d: &Draft, lang: Lang) -> String {
    f.text(d, &|v| match v {
        Vocab::Topic(t) => topic_label(t, lang).to_string(),
        Vocab::Kind(k) => kind_label(k, lang).to_string(),
        Vocab::Channel(c) => channel_label(c, lang).to_string(),
        Vocab::Language(l) => language_label(l, lang).to_string(),
        Vocab::Flag(b) => if b { Msg::Yes } else { Msg::No }.text(lang).to_string(),
    })
}

/// The fields that differ from `old` to `new`, each under its label (a heading of `level` 3, or
/// else 4, to fit the page's outline) with its word diff; `same` when none differs.
pub fn field_diffs(i18n: I18n, old: &Draft, new: &Draft, same: ArticleMsg, level: u8) -> AnyView {
    let fields = changed_fields(old, new);
    if fields.is_empty() {
        return view! { <p class="muted">{i18n.tr(same)}</p> }.into_any();
    }
    let lang = i18n.lang();
    fields
        .into_iter()
        .map(|f| {
            let label = i18n.tr(field_label(f));
            let heading = if level == 3 {
                view! { <h3>{label}</h3> }.into_any()
            } else {
                view! { <h4>{label}</h4> }.into_any()
            };
            view! {
                <div class="compare-field" data-field=f.wire()>
                    {heading}
                    <WordDiff old=field_text(f, old, lang) new=field_text(f, new, lang)/>
                </div>
            }
        })
        .collect_view()
        .into_any()
}
