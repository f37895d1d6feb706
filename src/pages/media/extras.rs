//! What a video or a sound carries besides its file, in the item's panel: a video's poster
//! (an image) and captions (WebVTT), each uploaded with a progress bar or removed.

use super::logic::percent;
use super::strings::MediaMsg;
use crate::api::media::{detach, upload, UploadEvent, UploadTarget};
use crate::api::ApiError;
use crate::components::{use_toasts, ToastKind};
use crate::i18n::use_i18n;
use leptos::html;
use leptos::prelude::*;
use portal_contract::media::{MediaAttachment, MediaItem, MediaKind};
use portal_contract::ProblemKind;
use wasm_bindgen::JsCast;

/// The poster and captions of `item` (nothing for images and documents); `version` is the
/// panel's current version, `reload` fetches the item again after a change.
#[component]
pub fn Extras(
    item: MediaItem,
    version: RwSignal<i64>,
    reload: Callback<()>,
    on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows: Vec<(MediaAttachment, Option<String>)> = [
        (MediaAttachment::Poster, item.poster_url.clone()),
        (MediaAttachment::Captions, item.captions_url.clone()),
    ]
    .into_iter()
    .filter(|(what, _)| what.fits(item.kind))
    .collect();
    if rows.is_empty() {
        return ().into_any();
    }
    let heading = if item.kind == MediaKind::Video {
        MediaMsg::ExtrasHeading
    } else {
        MediaMsg::ExtrasHeadingAudio
    };
    let name = item.filename.clone();
    view! {
        <section class="media-extras" aria-labelledby="media-extras-heading">
            <h3 id="media-extras-heading">{i18n.tr(heading)}</h3>
            {rows
                .into_iter()
                .map(|(what, current)| {
                    view! {
                        <AttachmentRow
                            id=item.id
                            name=name.clone()
                            what=what
                            current=current
                            version=version
                            reload=reload
                            on_changed=on_changed
                        />
                    }
                })
                .collect_view()}
        </section>
    }
    .into_any()
}

/// The texts of one attachment: label, hint, none yet, upload, remove, saved, removed.
fn texts(what: MediaAttachment) -> [MediaMsg; 7] {
    match what {
        MediaAttachment::Poster => [
            MediaMsg::Poster,
            MediaMsg::PosterHint,
            MediaMsg::PosterNone,
            MediaMsg::PosterChoose,
            MediaMsg::PosterRemove,
            MediaMsg::PosterSaved,
            MediaMsg::PosterRemoved,
        ],
        MediaAttachment::Captions => [
            MediaMsg::Captions,
            MediaMsg::CaptionsHint,
            MediaMsg::CaptionsNone,
            MediaMsg::CaptionsChoose,
            MediaMsg::CaptionsRemove,
            MediaMsg::CaptionsSaved,
            MediaMsg::CaptionsRemoved,
        ],
    }
}

#[component]
fn AttachmentRow(
    id: i64,
    name: String,
    what: MediaAttachment,
    current: Option<String>,
    version: RwSignal<i64>,
    reload: Callback<()>,
    on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let [label, hint, none, choose, remove, saved, removed] = texts(what);
    let busy = RwSignal::new(None::<u32>);
    let input = NodeRef::<html::Input>::new();
    let key = what.as_str();
    let hint_id = format!("media-{key}-hint");

    let done = move |result: Result<(), ApiError>, message: MediaMsg| {
        busy.try_set(None);
        match result {
            Ok(()) => {
                toasts.push(ToastKind::Success, i18n.t_untracked(message));
                on_changed.run(());
                reload.run(());
            }
            Err(e) if e.kind() == Some(ProblemKind::PreconditionFailed) => {
                toasts.push(ToastKind::Info, i18n.t_untracked(MediaMsg::Stale));
                reload.run(());
            }
            Err(e) => {
                toasts.push_error(&e, i18n.lang_untracked());
            }
        }
    };

    let on_file = move |ev: web_sys::Event| {
        let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = el.files().and_then(|f| f.get(0)) else {
            return;
        };
        el.set_value("");
        busy.set(Some(0));
        let target = UploadTarget::Attach {
            id,
            version: version.get_untracked(),
            what,
        };
        let started = upload(target, &file, "", "", move |event| match event {
            UploadEvent::Progress { sent, total } => {
                busy.try_set(Some(percent(sent, total)));
            }
            UploadEvent::Done(result) => done(result.map(|_| ()), saved),
        });
        if let Err(e) = started {
            done(Err(e), saved);
        }
    };

    let on_remove = move |_| {
        busy.set(Some(0));
        leptos::task::spawn_local(async move {
            let result = detach(id, version.get_untracked(), what).await;
            done(result, removed);
        });
    };

    let shown = match (what, current.clone()) {
        (_, None) => view! { <p class="field-hint">{i18n.tr(none)}</p> }.into_any(),
        (MediaAttachment::Poster, Some(url)) => {
            let alt = i18n.f(MediaMsg::PosterAlt, &[("name", &name)]);
            view! { <img class="media-poster" src=url alt=alt loading="lazy"/> }.into_any()
        }
        (MediaAttachment::Captions, Some(url)) => view! {
            <p><a href=url target="_blank" rel="noopener">{i18n.tr(MediaMsg::CaptionsFile)}</a></p>
        }
        .into_any(),
    };
    let accept = match what {
        MediaAttachment::Poster => "image/jpeg,image/png,image/webp,image/gif",
        MediaAttachment::Captions => ".vtt,text/vtt",
    };
    let has_current = current.is_some();

    view! {
        <div class="media-extra" data-attachment=key>
            <h4>{i18n.tr(label)}</h4>
            <p class="field-hint" id=hint_id.clone()>{i18n.tr(hint)}</p>
            {shown}
            <div class="form-actions">
                <input
                    node_ref=input
                    type="file"
                    class="visually-hidden"
                    tabindex="-1"
                    aria-hidden="true"
                    accept=accept
                    on:change=on_file
                />
                <button
                    type="button"
                    class="button"
                    aria-describedby=hint_id
                    disabled=move || busy.get().is_some()
                    on:click=move |_| {
                        if let Some(el) = input.get() {
                            el.click();
                        }
                    }
                >
                    {i18n.tr(choose)}
                </button>
                {has_current.then(|| view! {
                    <button
                        type="button"
                        class="button"
                        disabled=move || busy.get().is_some()
                        on:click=on_remove
                    >
                        {i18n.tr(remove)}
                    </button>
                })}
            </div>
            {move || busy.get().map(|p| view! {
                <progress class="upload-progress" max="100" value=p.to_string() aria-label=i18n.tr(label)></progress>
            })}
        </div>
    }
}
