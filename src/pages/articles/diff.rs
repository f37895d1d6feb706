//! Word diffs of an article's fields, for the conflict panel and the version comparison.

use crate::i18n::{channel_label, kind_label, language_label, topic_label, use_i18n, Lang, Msg};
use crate::pages::articles::logic::{word_runs, Draft, Field, Vocab};
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
