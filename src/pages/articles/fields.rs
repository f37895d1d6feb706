//! The editor's form: every field of an article but the body.

use super::body_editor::BodyEditor;
use super::new::has_errors;
use super::state::EditorCtx;
use crate::clock::local_input_to_utc;
use crate::components::VocabSelect;
use crate::form::{error_id, focus_later, FieldMessages};
use crate::i18n::{channel_label, topic_label, use_i18n};
use crate::pages::articles::logic::Draft;
use crate::pages::articles::strings::ArticleMsg;
use crate::pages::media::picker::MediaPicker;
use leptos::ev;
use leptos::prelude::*;
use portal_contract::format::datetime_vn;
use portal_contract::media::{MediaItem, MediaKind};
use portal_contract::{Channel, Kind, Language, Topic};

// The form
// ---------------------------------------------------------------------------------------------

/// A text field bound to one `String` of the draft.
fn text_binding(
    draft: RwSignal<Draft>,
    get: fn(&Draft) -> &String,
    set: fn(&mut Draft) -> &mut String,
) -> (Memo<String>, impl Fn(ev::Event) + Copy) {
    let value = Memo::new(move |_| draft.with(|d| get(d).clone()));
    let on_input = move |ev: ev::Event| {
        let v = event_target_value(&ev);
        draft.update(|d| *set(d) = v);
    };
    (value, on_input)
}

/// A labelled one-line input bound to one `String` of the draft, with its field errors.
#[component]
fn DraftInput(
    id: &'static str,
    label: ArticleMsg,
    /// The contract's name of the field (`title`, `cover.url`), which errors are keyed by.
    field: &'static str,
    get: fn(&Draft) -> &String,
    set: fn(&mut Draft) -> &mut String,
    #[prop(optional)] url: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<EditorCtx>();
    let errors = ctx.errors;
    let (value, on_input) = text_binding(ctx.draft, get, set);
    view! {
        <div class="field">
            <label for=id>{i18n.tr(label)}</label>
            <input
                id=id
                type=if url { "url" } else { "text" }
                inputmode=url.then_some("url")
                placeholder=url.then_some("https://")
                prop:value=value
                on:input=on_input
                aria-invalid=move || errors.with(|e| has_errors(e, field)).then_some("true")
                aria-describedby=error_id("ed", field)
            />
            <FieldMessages errors=errors id=error_id("ed", field) field=field/>
        </div>
    }
}

#[component]
pub(crate) fn ArticleForm() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<EditorCtx>();
    let draft = ctx.draft;
    let errors = ctx.errors;
    let invalid =
        move |f: &'static str| move || errors.with(|e| has_errors(e, f)).then_some("true");
    let (lead, on_lead) = text_binding(draft, |d| &d.lead, |d| &mut d.lead);
    let (scheduled, on_scheduled) = text_binding(draft, |d| &d.scheduled, |d| &mut d.scheduled);
    let kind = Memo::new(move |_| draft.with(|d| d.kind));
    let language = Memo::new(move |_| draft.with(|d| d.language));
    let model = Memo::new(move |_| draft.with(|d| d.model_example));
    let save = ctx.save;

    view! {
        <form
            class="editor-form"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                save.run(());
            }
            on:focusout=move |_| save.run(())
        >
            <DraftInput
                id="ed-title"
                label=ArticleMsg::EdTitle
                field="title"
                get=|d| &d.title
                set=|d| &mut d.title
            />
            <div class="field">
                <label for="ed-lead">{i18n.tr(ArticleMsg::FieldLead)}</label>
                <textarea
                    id="ed-lead"
                    rows="3"
                    prop:value=lead
                    on:input=on_lead
                    aria-invalid=invalid("lead")
                    aria-describedby=error_id("ed", "lead")
                ></textarea>
                <FieldMessages errors=errors id=error_id("ed", "lead") field="lead"/>
            </div>
            <BodyEditor/>
            <div class="field-row">
                <VocabSelect
                    id="ed-kind"
                    label=ArticleMsg::FieldKind
                    required=true
                    options=crate::vocab_options!(Kind)
                    selected=Signal::derive(move || Some(kind.get().as_str()))
                    on_change=Callback::new(move |v: String| {
                        if let Some(k) = Kind::parse(&v) {
                            draft.update(|d| d.kind = k);
                        }
                    })
                />
                <DraftInput
                    id="ed-section"
                    label=ArticleMsg::FieldSection
                    field="section"
                    get=|d| &d.section
                    set=|d| &mut d.section
                />
                <VocabSelect
                    id="ed-language"
                    label=ArticleMsg::FieldLanguage
                    required=true
                    options=crate::vocab_options!(Language)
                    selected=Signal::derive(move || Some(language.get().as_str()))
                    on_change=Callback::new(move |v: String| {
                        if let Some(l) = Language::parse(&v) {
                            draft.update(|d| d.language = l);
                        }
                    })
                />
            </div>
            <CheckGroup
                legend=ArticleMsg::FieldTopics
                name="topics"
                options=Topic::ALL.iter().map(|t| (t.as_str(), *t)).collect()
                label=|t: Topic, lang| topic_label(t, lang)
                get=|d: &Draft| d.topics.clone()
                set=|d: &mut Draft, v| d.topics = v
            />
            <AuthorsEditor/>
            <DraftInput
                id="ed-source"
                label=ArticleMsg::FieldSource
                field="source"
                get=|d| &d.source
                set=|d| &mut d.source
            />
            <fieldset class="field-group">
                <legend>{i18n.tr(ArticleMsg::FieldCover)}</legend>
                <MediaPicker
                    kind=MediaKind::Image
                    purpose=Signal::derive(move || i18n.t(ArticleMsg::FieldCover).to_string())
                    on_pick=move |item: MediaItem| {
                        draft.update(|d| {
                            d.cover_url = item.url.clone();
                            if d.cover_alt.trim().is_empty() {
                                d.cover_alt = item.alt.clone();
                            }
                            if d.cover_caption.trim().is_empty() {
                                d.cover_caption = item.caption.clone();
                            }
                        })
                    }
                />
                <DraftInput
                    id="ed-cover-url"
                    label=ArticleMsg::FieldCoverUrl
                    field="cover.url"
                    get=|d| &d.cover_url
                    set=|d| &mut d.cover_url
                    url=true
                />
                <DraftInput
                    id="ed-cover-alt"
                    label=ArticleMsg::FieldCoverAlt
                    field="cover.alt"
                    get=|d| &d.cover_alt
                    set=|d| &mut d.cover_alt
                />
                <DraftInput
                    id="ed-cover-caption"
                    label=ArticleMsg::FieldCoverCaption
                    field="cover.caption"
                    get=|d| &d.cover_caption
                    set=|d| &mut d.cover_caption
                />
                <FieldMessages errors=errors id=error_id("ed", "cover") field="cover"/>
            </fieldset>
            <CheckGroup
                legend=ArticleMsg::FieldChannels
                name="channels"
                options=Channel::ALL.iter().map(|c| (c.as_str(), *c)).collect()
                label=|c: Channel, lang| channel_label(c, lang)
                get=|d: &Draft| d.channels.clone()
                set=|d: &mut Draft, v| d.channels = v
            />
            <div class="field field-check">
                <input
                    id="ed-model"
                    type="checkbox"
                    prop:checked=model
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        draft.update(|d| d.model_example = on);
                    }
                />
                <label for="ed-model">{i18n.tr(ArticleMsg::FieldModelExample)}</label>
            </div>
            <div class="field">
                <label for="ed-scheduled">{i18n.tr(ArticleMsg::EdScheduled)}</label>
                <input
                    id="ed-scheduled"
                    type="datetime-local"
                    prop:value=scheduled
                    on:input=on_scheduled
                    on:change=on_scheduled
                    aria-invalid=invalid("scheduled_at")
                    aria-describedby=format!("ed-scheduled-hint {}", error_id("ed", "scheduled_at"))
                />
                <p class="field-hint" id="ed-scheduled-hint">
                    {move || match local_input_to_utc(&scheduled.get()) {
                        Some(t) => i18n.f(ArticleMsg::EdScheduledShown, &[("when", &datetime_vn(t))]),
                        None => i18n.t(ArticleMsg::EdScheduledNone).to_string(),
                    }}
                </p>
                <FieldMessages errors=errors id=error_id("ed", "scheduled_at") field="scheduled_at"/>
            </div>
        </form>
    }
}

/// A group of checkboxes over a vocabulary (topics, channels).
#[component]
fn CheckGroup<T>(
    legend: ArticleMsg,
    name: &'static str,
    options: Vec<(&'static str, T)>,
    label: fn(T, crate::i18n::Lang) -> &'static str,
    get: fn(&Draft) -> Vec<T>,
    set: fn(&mut Draft, Vec<T>),
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let ctx = expect_context::<EditorCtx>();
    let draft = ctx.draft;
    let errors = ctx.errors;
    let order: Vec<T> = options.iter().map(|(_, t)| *t).collect();
    view! {
        <fieldset class="field-group check-group">
            <legend>{i18n.tr(legend)}</legend>
            <div class="check-options">
                {options
                    .into_iter()
                    .map(|(wire, t)| {
                        let id = format!("ed-{name}-{wire}");
                        let order = order.clone();
                        let checked = Memo::new(move |_| draft.with(|d| get(d).contains(&t)));
                        view! {
                            <div class="field-check">
                                <input
                                    id=id.clone()
                                    type="checkbox"
                                    prop:checked=checked
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let order = order.clone();
                                        draft
                                            .update(|d| {
                                                let mut v = get(d);
                                                v.retain(|x| *x != t);
                                                if on {
                                                    v.push(t);
                                                }
                                                crate::sort::sort_small_by_key(&mut v, |x| order.iter().position(|o| o == x));
                                                set(d, v);
                                            });
                                    }
                                />
                                <label for=id>{move || label(t, i18n.lang())}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
            <FieldMessages errors=errors id=error_id("ed", name) field=name under=true/>
        </fieldset>
    }
}

#[component]
fn AuthorsEditor() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<EditorCtx>();
    let draft = ctx.draft;
    let errors = ctx.errors;
    let count = Memo::new(move |_| draft.with(|d| d.authors.len()));
    let sum = Memo::new(move |_| {
        draft.with(|d| d.authors.iter().map(|a| u32::from(a.share)).sum::<u32>())
    });
    view! {
        <fieldset class="field-group authors">
            <legend>{i18n.tr(ArticleMsg::FieldAuthors)}</legend>
            <For each=move || 0..count.get() key=|i| *i let:i>
                {
                    let name = Memo::new(move |_| {
                        draft.with(|d| d.authors.get(i).map(|a| a.name.clone()).unwrap_or_default())
                    });
                    let share = Memo::new(move |_| {
                        draft.with(|d| d.authors.get(i).map(|a| a.share).unwrap_or_default())
                    });
                    let name_field = format!("authors[{i}].name");
                    let share_field = format!("authors[{i}].share");
                    let name_invalid = {
                        let f = name_field.clone();
                        move || errors.with(|e| has_errors(e, &f)).then_some("true")
                    };
                    let share_invalid = {
                        let f = share_field.clone();
                        move || errors.with(|e| has_errors(e, &f)).then_some("true")
                    };
                    view! {
                        <div class="author-row">
                            <div class="field">
                                <label for=format!("ed-author-{i}")>
                                    {move || i18n.f(ArticleMsg::EdAuthorName, &[("n", &(i + 1).to_string())])}
                                </label>
                                <input
                                    id=format!("ed-author-{i}")
                                    type="text"
                                    prop:value=name
                                    aria-invalid=name_invalid
                                    aria-describedby=error_id("ed", &name_field)
                                    on:input=move |ev| {
                                        let v = event_target_value(&ev);
                                        draft.update(|d| if let Some(a) = d.authors.get_mut(i) { a.name = v });
                                    }
                                />
                                <FieldMessages errors=errors id=error_id("ed", &name_field.clone()) field=name_field.clone()/>
                            </div>
                            <div class="field field-share">
                                <label for=format!("ed-share-{i}")>{i18n.tr(ArticleMsg::EdShare)}</label>
                                <input
                                    id=format!("ed-share-{i}")
                                    type="number"
                                    min="0"
                                    max="100"
                                    step="1"
                                    inputmode="numeric"
                                    prop:value=move || share.get().to_string()
                                    aria-invalid=share_invalid
                                    aria-describedby=error_id("ed", &share_field)
                                    on:input=move |ev| {
                                        let v = event_target_value(&ev).trim().parse::<u32>().unwrap_or(0).min(255) as u8;
                                        draft.update(|d| if let Some(a) = d.authors.get_mut(i) { a.share = v });
                                    }
                                />
                                <FieldMessages errors=errors id=error_id("ed", &share_field.clone()) field=share_field.clone()/>
                            </div>
                            <button
                                type="button"
                                class="button button-quiet"
                                aria-label=move || i18n.f(ArticleMsg::EdAuthorRemove, &[("n", &(i + 1).to_string())])
                                on:click=move |_| draft.update(|d| if i < d.authors.len() { d.authors.remove(i); })
                            >
                                {i18n.tr(ArticleMsg::EdRemove)}
                            </button>
                        </div>
                    }
                }
            </For>
            <p class="field-hint">{move || i18n.f(ArticleMsg::EdShareSum, &[("sum", &sum.get().to_string())])}</p>
            <FieldMessages errors=errors id=error_id("ed", "authors") field="authors"/>
            <button
                type="button"
                class="button"
                on:click=move |_| {
                    draft.update(|d| {
                        let share = if d.authors.is_empty() { 100 } else { 0 };
                        d.authors.push(crate::pages::articles::logic::AuthorDraft {
                            name: String::new(),
                            user_id: None,
                            share,
                        });
                    });
                    let n = draft.with_untracked(|d| d.authors.len()) - 1;
                    focus_later(format!("ed-author-{n}"));
                }
            >
                {i18n.tr(ArticleMsg::EdAuthorAdd)}
            </button>
        </fieldset>
    }
}
