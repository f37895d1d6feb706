//! The editor of the body: blocks added, moved and removed, and the formatting toolbar.

use super::new::has_errors;
use super::state::EditorCtx;
use crate::api::media::{upload, UploadEvent, UploadTarget};
use crate::form::{error_id, focus_later, FieldMessages};
use crate::i18n::use_i18n;
use crate::pages::articles::logic::{
    insert_block, move_block, remove_block, wrap_selection, BlockDraft, BlockKind, Format,
};
use crate::pages::articles::strings::ArticleMsg;
use crate::pages::media::picker::MediaPicker;
use leptos::ev;
use leptos::prelude::*;
use portal_contract::media::{MediaItem, MediaKind};
use wasm_bindgen::JsCast;

fn block_kind_label(k: BlockKind) -> ArticleMsg {
    match k {
        BlockKind::Paragraph => ArticleMsg::EdBlockParagraph,
        BlockKind::Heading => ArticleMsg::EdBlockHeading,
        BlockKind::List => ArticleMsg::EdBlockList,
        BlockKind::Quote => ArticleMsg::EdBlockQuote,
        BlockKind::Image => ArticleMsg::EdBlockImage,
        BlockKind::Video => ArticleMsg::EdBlockVideo,
        BlockKind::Audio => ArticleMsg::EdBlockAudio,
        BlockKind::Document => ArticleMsg::EdBlockDocument,
    }
}

/// The body: a list of blocks, each with its controls, and buttons to add more.
#[component]
pub(crate) fn BodyEditor() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<EditorCtx>();
    let draft = ctx.draft;
    let errors = ctx.errors;
    let count = Memo::new(move |_| draft.with(|d| d.body.len()));
    let uploads = UploadCtx::new();
    view! {
        <fieldset
            class="field-group body-editor"
            on:dragover=move |ev: web_sys::DragEvent| {
                let has_files = ev
                    .data_transfer()
                    .is_some_and(|d| d.types().includes(&"Files".into(), 0));
                if has_files {
                    ev.prevent_default();
                }
            }
            on:drop=move |ev: web_sys::DragEvent| {
                if upload_images(&uploads, ev.data_transfer().and_then(|d| d.files()), usize::MAX) {
                    ev.prevent_default();
                }
            }
        >
            <legend>{i18n.tr(ArticleMsg::FieldBody)}</legend>
            <p class="field-hint">{i18n.tr(ArticleMsg::EdMarkupHint)}</p>
            <FieldMessages errors=errors id=error_id("ed", "body") field="body"/>
            {move || {
                (count.get() == 0).then(|| view! { <p class="muted">{i18n.tr(ArticleMsg::EdBodyEmpty)}</p> })
            }}
            <ol class="block-list">
                <For each=move || 0..count.get() key=|i| *i let:i>
                    <BlockEditor index=i/>
                </For>
            </ol>
            <div class="block-add" role="group" aria-label=i18n.tr(ArticleMsg::EdAddBlock)>
                <span class="block-add-label" aria-hidden="true">{i18n.tr(ArticleMsg::EdAddBlock)}</span>
                {BlockKind::ALL
                    .iter()
                    .map(|k| {
                        let k = *k;
                        view! {
                            <button
                                type="button"
                                class="button"
                                aria-label=move || {
                                    format!("{}: {}", i18n.t(ArticleMsg::EdAddBlock), i18n.t(block_kind_label(k)))
                                }
                                on:click=move |_| {
                                    let mut at = 0;
                                    draft.update(|d| at = insert_block(&mut d.body, usize::MAX, k));
                                    focus_later(first_control_id(k, at));
                                }
                            >
                                "+ "
                                {i18n.tr(block_kind_label(k))}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}

/// What [`upload_images`] needs, taken from the context while the view is built (an event
/// handler runs outside it).
#[derive(Clone, Copy)]
struct UploadCtx {
    i18n: crate::i18n::I18n,
    toasts: crate::components::Toasts,
    draft: RwSignal<super::logic::Draft>,
}

impl UploadCtx {
    fn new() -> Self {
        Self {
            i18n: use_i18n(),
            toasts: crate::components::use_toasts(),
            draft: expect_context::<EditorCtx>().draft,
        }
    }
}

/// Uploads the images among `files` (pasted or dropped into the body) to the media library and
/// puts each, as it arrives, in an image block after block `after` (`usize::MAX`: at the end),
/// with the library's alt text and caption. Returns whether there was any image.
fn upload_images(ctx: &UploadCtx, files: Option<web_sys::FileList>, after: usize) -> bool {
    let Some(files) = files else { return false };
    let images: Vec<web_sys::File> = (0..files.length())
        .filter_map(|n| files.get(n))
        .filter(|f| f.type_().starts_with("image/"))
        .collect();
    if images.is_empty() {
        return false;
    }
    let UploadCtx {
        i18n,
        toasts,
        draft,
    } = *ctx;
    let lang = i18n.lang_untracked();
    for file in images {
        toasts.push(
            crate::components::ToastKind::Info,
            i18n.f(ArticleMsg::EdImageUploading, &[("name", &file.name())]),
        );
        let started = upload(UploadTarget::New, &file, "", "", move |event| {
            if let UploadEvent::Done(result) = event {
                match result {
                    Ok(item) => {
                        draft.try_update(|d| {
                            let at = insert_block(
                                &mut d.body,
                                after.saturating_add(1),
                                BlockKind::Image,
                            );
                            let b = &mut d.body[at];
                            b.url = item.url;
                            b.alt = item.alt;
                            b.caption = item.caption;
                        });
                    }
                    Err(e) => {
                        toasts.push_error(&e, lang);
                    }
                }
            }
        });
        if let Err(e) = started {
            toasts.push_error(&e, lang);
        }
    }
    true
}

fn first_control_id(k: BlockKind, i: usize) -> String {
    if k.has_text() {
        format!("ed-block-{i}-text")
    } else {
        format!("ed-block-{i}-url")
    }
}

/// Applies a toolbar format to the textarea `id`, whose value is bound to `set`.
fn apply_format(id: &str, format: Format, set: impl Fn(String)) {
    let Some(area) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    else {
        return;
    };
    let start = area.selection_start().ok().flatten().unwrap_or(0);
    let end = area.selection_end().ok().flatten().unwrap_or(start);
    let (text, a, b) = wrap_selection(&area.value(), start, end, format);
    area.set_value(&text);
    set(text);
    let _ = area.focus();
    let _ = area.set_selection_range(a, b);
}

#[component]
fn BlockEditor(index: usize) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<EditorCtx>();
    let draft = ctx.draft;
    let errors = ctx.errors;
    let i = index;
    let kind = Memo::new(move |_| {
        draft.with(|d| {
            d.body
                .get(i)
                .map(|b| b.kind)
                .unwrap_or(BlockKind::Paragraph)
        })
    });
    let count = Memo::new(move |_| draft.with(|d| d.body.len()));
    let uploads = UploadCtx::new();
    let field = format!("body[{i}]");
    let heading_id = format!("ed-block-{i}-heading");
    let n = (i + 1).to_string();
    let n2 = n.clone();
    let n3 = n.clone();

    let move_to = move |up: bool| {
        let mut to = i;
        draft.update(|d| to = move_block(&mut d.body, i, up));
        let dir = if up { "up" } else { "down" };
        focus_later(format!("ed-block-{to}-{dir}"));
    };

    let content = move || {
        let k = kind.get();
        let upd = move |f: fn(&mut BlockDraft, String)| {
            move |ev: ev::Event| {
                let v = event_target_value(&ev);
                draft.update(|d| {
                    if let Some(b) = d.body.get_mut(i) {
                        f(b, v)
                    }
                });
            }
        };
        let read = move |f: fn(&BlockDraft) -> String| {
            Memo::new(move |_| draft.with(|d| d.body.get(i).map(f).unwrap_or_default()))
        };
        if k.has_text() {
            let text = read(|b| b.text.clone());
            let text_id = format!("ed-block-{i}-text");
            let set_text = move |v: String| {
                draft.update(|d| {
                    if let Some(b) = d.body.get_mut(i) {
                        b.text = v
                    }
                })
            };
            let tid = text_id.clone();
            let tid2 = text_id.clone();
            let tid3 = text_id.clone();
            let tid4 = text_id.clone();
            let on_key = move |ev: ev::KeyboardEvent| {
                if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
                    return;
                }
                let format = match ev.key().to_lowercase().as_str() {
                    "b" => Format::Bold,
                    "i" => Format::Italic,
                    "k" => Format::Link,
                    _ => return,
                };
                ev.prevent_default();
                apply_format(&tid4, format, set_text);
            };
            let extra = match k {
                BlockKind::Heading => {
                    let level = read(|b| b.level.to_string());
                    view! {
                        <div class="field field-inline">
                            <label for=format!("ed-block-{i}-level")>{i18n.tr(ArticleMsg::EdHeadingLevel)}</label>
                            <select
                                id=format!("ed-block-{i}-level")
                                on:change=move |ev| {
                                    let l = event_target_value(&ev).parse::<u8>().unwrap_or(2);
                                    draft.update(|d| if let Some(b) = d.body.get_mut(i) { b.level = l });
                                }
                            >
                                <option value="2" selected=move || level.get() == "2">{i18n.tr(ArticleMsg::EdHeading2)}</option>
                                <option value="3" selected=move || level.get() == "3">{i18n.tr(ArticleMsg::EdHeading3)}</option>
                            </select>
                        </div>
                    }
                    .into_any()
                }
                BlockKind::List => {
                    let ordered = Memo::new(move |_| {
                        draft.with(|d| d.body.get(i).map(|b| b.ordered).unwrap_or(false))
                    });
                    view! {
                        <div class="field-check">
                            <input
                                id=format!("ed-block-{i}-ordered")
                                type="checkbox"
                                prop:checked=ordered
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    draft.update(|d| if let Some(b) = d.body.get_mut(i) { b.ordered = on });
                                }
                            />
                            <label for=format!("ed-block-{i}-ordered")>{i18n.tr(ArticleMsg::EdListOrdered)}</label>
                        </div>
                    }
                    .into_any()
                }
                BlockKind::Quote => {
                    let cite = read(|b| b.cite.clone());
                    view! {
                        <div class="field">
                            <label for=format!("ed-block-{i}-cite")>{i18n.tr(ArticleMsg::EdQuoteCite)}</label>
                            <input
                                id=format!("ed-block-{i}-cite")
                                type="text"
                                prop:value=cite
                                on:input=upd(|b, v| b.cite = v)
                            />
                        </div>
                    }
                    .into_any()
                }
                _ => ().into_any(),
            };
            let hint = if k == BlockKind::List {
                Some(view! { <p class="field-hint">{i18n.tr(ArticleMsg::EdListHint)}</p> })
            } else {
                None
            };
            view! {
                {extra}
                <div class="markup-toolbar" role="toolbar" aria-label=i18n.tr(ArticleMsg::EdToolbar) aria-controls=text_id.clone()>
                    <button
                        type="button"
                        class="tool tool-bold"
                        title=i18n.tr(ArticleMsg::EdBold)
                        aria-label=i18n.tr(ArticleMsg::EdBold)
                        on:click=move |_| apply_format(&tid, Format::Bold, set_text)
                    >
                        <b aria-hidden="true">"B"</b>
                    </button>
                    <button
                        type="button"
                        class="tool tool-italic"
                        title=i18n.tr(ArticleMsg::EdItalic)
                        aria-label=i18n.tr(ArticleMsg::EdItalic)
                        on:click=move |_| apply_format(&tid2, Format::Italic, set_text)
                    >
                        <i aria-hidden="true">"I"</i>
                    </button>
                    <button
                        type="button"
                        class="tool tool-link"
                        title=i18n.tr(ArticleMsg::EdLink)
                        aria-label=i18n.tr(ArticleMsg::EdLink)
                        on:click=move |_| apply_format(&tid3, Format::Link, set_text)
                    >
                        <span aria-hidden="true">{i18n.tr(ArticleMsg::EdLinkShort)}</span>
                    </button>
                </div>
                <label class="visually-hidden" for=text_id.clone()>
                    {move || i18n.f(ArticleMsg::EdBlockText, &[("n", &(i + 1).to_string())])}
                </label>
                <textarea
                    id=text_id
                    class="block-text"
                    rows=if k == BlockKind::Heading { "2" } else { "4" }
                    prop:value=text
                    on:input=upd(|b, v| b.text = v)
                    on:keydown=on_key
                    on:paste=move |ev: web_sys::ClipboardEvent| {
                        if upload_images(&uploads, ev.clipboard_data().and_then(|d| d.files()), i) {
                            ev.prevent_default();
                        }
                    }
                ></textarea>
                {hint}
            }
            .into_any()
        } else {
            let url = read(|b| b.url.clone());
            let alt = read(|b| b.alt.clone());
            let caption = read(|b| b.caption.clone());
            let url_field = format!("body[{i}].url");
            let url_invalid = {
                let f = url_field.clone();
                move || errors.with(|e| has_errors(e, &f)).then_some("true")
            };
            let url_label = match k {
                BlockKind::Image => ArticleMsg::EdImageUrl,
                BlockKind::Audio => ArticleMsg::EdAudioUrl,
                BlockKind::Document => ArticleMsg::EdDocumentUrl,
                _ => ArticleMsg::EdVideoUrl,
            };
            let caption_label = if k == BlockKind::Document {
                ArticleMsg::EdDocumentTitle
            } else {
                ArticleMsg::FieldCoverCaption
            };
            view! {
                <div class="field">
                    <label for=format!("ed-block-{i}-url")>{i18n.tr(url_label)}</label>
                    <input
                        id=format!("ed-block-{i}-url")
                        type="url"
                        inputmode="url"
                        placeholder="https://"
                        prop:value=url
                        aria-invalid=url_invalid
                        aria-describedby=error_id("ed", &url_field)
                        on:input=upd(|b, v| b.url = v)
                    />
                    <FieldMessages errors=errors id=error_id("ed", &url_field.clone()) field=url_field.clone()/>
                    <MediaPicker
                        kind=k.media_kind().unwrap_or(MediaKind::Image)
                        purpose=Signal::derive(move || {
                            format!("{} ({})", i18n.t(url_label), i + 1)
                        })
                        on_pick=move |item: MediaItem| {
                            draft.update(|d| {
                                if let Some(b) = d.body.get_mut(i) {
                                    b.url = item.url.clone();
                                    if b.alt.trim().is_empty() {
                                        b.alt = item.alt.clone();
                                    }
                                    if b.caption.trim().is_empty() {
                                        // A document's link text: its caption, else its name.
                                        b.caption = match b.kind {
                                            BlockKind::Document if item.caption.trim().is_empty() => {
                                                item.filename.clone()
                                            }
                                            _ => item.caption.clone(),
                                        };
                                    }
                                }
                            })
                        }
                    />
                </div>
                {(k == BlockKind::Image)
                    .then(|| {
                        view! {
                            <div class="field">
                                <label for=format!("ed-block-{i}-alt")>{i18n.tr(ArticleMsg::FieldCoverAlt)}</label>
                                <input
                                    id=format!("ed-block-{i}-alt")
                                    type="text"
                                    prop:value=alt
                                    on:input=upd(|b, v| b.alt = v)
                                />
                            </div>
                        }
                    })}
                <div class="field">
                    <label for=format!("ed-block-{i}-caption")>{i18n.tr(caption_label)}</label>
                    <input
                        id=format!("ed-block-{i}-caption")
                        type="text"
                        prop:value=caption
                        on:input=upd(|b, v| b.caption = v)
                    />
                </div>
            }
            .into_any()
        }
    };

    view! {
        <li class="block" data-kind=move || kind.get().as_str() aria-labelledby=heading_id.clone()>
            <div class="block-head">
                <h3 class="block-title" id=heading_id.clone()>
                    {move || format!("{} {} · {}", i18n.t(ArticleMsg::EdBlock), n, i18n.t(block_kind_label(kind.get())))}
                </h3>
                <div class="block-actions">
                    <button
                        type="button"
                        class="button button-quiet"
                        id=format!("ed-block-{i}-up")
                        aria-label=move || i18n.f(ArticleMsg::EdBlockUp, &[("n", &n2)])
                        disabled=move || i == 0
                        on:click=move |_| move_to(true)
                    >
                        "↑"
                    </button>
                    <button
                        type="button"
                        class="button button-quiet"
                        id=format!("ed-block-{i}-down")
                        aria-label=move || i18n.f(ArticleMsg::EdBlockDown, &[("n", &n3)])
                        disabled=move || { count.get() <= i + 1 }
                        on:click=move |_| move_to(false)
                    >
                        "↓"
                    </button>
                    <button
                        type="button"
                        class="button button-quiet block-remove"
                        aria-label=move || i18n.f(ArticleMsg::EdBlockRemove, &[("n", &(i + 1).to_string())])
                        on:click=move |_| draft.update(|d| remove_block(&mut d.body, i))
                    >
                        {i18n.tr(ArticleMsg::EdRemove)}
                    </button>
                </div>
            </div>
            {content}
            <FieldMessages errors=errors id=error_id("ed", &field.clone()) field=field.clone() under=true/>
        </li>
    }
}
