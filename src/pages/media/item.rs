//! One item of the library beside the grid: its preview and file facts, where it is used,
//! its alternative text and caption, replacing its file, deleting it.

use super::extras::Extras;
use super::logic::{dimensions, may_edit, percent, size_vn, srcset};
use super::strings::MediaMsg;
use crate::api::media::{upload, UploadEvent, UploadTarget};
use crate::api::{self, ApiError};
use crate::components::{use_toasts, Loaded, SkeletonBlock, ToastKind};
use crate::form::field::{error_id, FieldMessages};
use crate::i18n::use_i18n;
use crate::session::use_session;
use leptos::html;
use leptos::prelude::*;
use portal_contract::format::datetime_vn;
use portal_contract::media::{MediaItem, MediaKind, MediaPatch, MediaUse, MediaUseKind};
use portal_contract::{FieldError, Permission, ProblemKind};
use wasm_bindgen::JsCast;

/// The panel of item `id`; `on_close` hears whether anything changed, `on_changed` each change
/// (the grid refreshes).
#[component]
pub fn ItemPanel(
    id: i64,
    #[prop(into)] on_close: Callback<bool>,
    #[prop(into)] on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let item = LocalResource::new(move || api::media::get(id));
    let panel = NodeRef::<html::Aside>::new();
    // Keyboard users land in the panel, and Escape leaves it.
    Effect::new(move |_| {
        if let Some(el) = panel.get() {
            let _ = el.focus();
        }
    });
    view! {
        <aside
            class="media-panel"
            node_ref=panel
            tabindex="-1"
            aria-labelledby="media-panel-heading"
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                if ev.key() == "Escape" {
                    on_close.run(false);
                }
            }
        >
            <div class="media-panel-head">
                <h2 id="media-panel-heading">{i18n.tr(MediaMsg::DetailHeading)}</h2>
                <button type="button" class="button button-small" on:click=move |_| on_close.run(false)>
                    {i18n.tr(MediaMsg::Close)}
                </button>
            </div>
            <Loaded resource=item skeleton=|| view! { <SkeletonBlock lines=6/> } let:value>
                <ItemDetail
                    value=value
                    reload=Callback::new(move |_: ()| item.refetch())
                    on_close=on_close
                    on_changed=on_changed
                />
            </Loaded>
        </aside>
    }
}

#[component]
fn ItemDetail(
    value: MediaItem,
    reload: Callback<()>,
    on_close: Callback<bool>,
    on_changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let me = session.info().map(|s| s.user.id);
    let editable = may_edit(
        &value,
        me,
        session.can(Permission::MediaUpload),
        session.can(Permission::MediaEditAny),
    );
    let id = value.id;
    let version = RwSignal::new(value.version);
    let alt = RwSignal::new(value.alt.clone());
    let caption = RwSignal::new(value.caption.clone());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let saving = RwSignal::new(false);
    let uses = RwSignal::new(value.used_in.clone());
    let refused = RwSignal::new(false);
    let replacing = RwSignal::new(None::<u32>);
    let replace_input = NodeRef::<html::Input>::new();

    let save = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let patch = MediaPatch {
            alt: Some(alt.get_untracked()),
            caption: Some(caption.get_untracked()),
        };
        let local =
            portal_contract::media::validate_texts(patch.alt.as_deref(), patch.caption.as_deref());
        errors.set(local.clone());
        if !local.is_empty() {
            return;
        }
        saving.set(true);
        let lang = i18n.lang_untracked();
        leptos::task::spawn_local(async move {
            match api::media::patch(id, version.get_untracked(), &patch).await {
                Ok(saved) => {
                    version.set(saved.version);
                    toasts.push(ToastKind::Success, i18n.t_untracked(MediaMsg::Saved));
                    on_changed.run(());
                }
                Err(e) if e.kind() == Some(ProblemKind::PreconditionFailed) => {
                    toasts.push(ToastKind::Info, i18n.t_untracked(MediaMsg::Stale));
                    reload.run(());
                }
                Err(ApiError::Problem { problem, .. }) if !problem.errors.is_empty() => {
                    errors.set(problem.errors.clone());
                }
                Err(e) => {
                    toasts.push_error(&e, lang);
                }
            }
            saving.set(false);
        });
    };

    let name_for_delete = value.filename.clone();
    let delete = move |_| {
        let question = i18n.f(MediaMsg::ConfirmDelete, &[("name", &name_for_delete)]);
        let confirmed = window().confirm_with_message(&question).unwrap_or(false);
        if !confirmed {
            return;
        }
        let name = name_for_delete.clone();
        let lang = i18n.lang_untracked();
        leptos::task::spawn_local(async move {
            match api::media::delete(id, version.get_untracked()).await {
                Ok(()) => {
                    toasts.push(
                        ToastKind::Success,
                        i18n.f(MediaMsg::Deleted, &[("name", &name)]),
                    );
                    on_close.run(true);
                }
                Err(e) if e.status() == Some(409) => {
                    if let Some(current) = e.current_as::<MediaItem>() {
                        uses.set(current.used_in);
                        version.set(current.version);
                    }
                    refused.set(true);
                }
                Err(e) if e.kind() == Some(ProblemKind::PreconditionFailed) => {
                    toasts.push(ToastKind::Info, i18n.t_untracked(MediaMsg::Stale));
                    reload.run(());
                }
                Err(e) => {
                    toasts.push_error(&e, lang);
                }
            }
        });
    };

    let on_replace = move |ev: web_sys::Event| {
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
        let lang = i18n.lang_untracked();
        replacing.set(Some(0));
        let started = upload(
            UploadTarget::Replace {
                id,
                version: version.get_untracked(),
            },
            &file,
            "",
            "",
            move |event| match event {
                UploadEvent::Progress { sent, total } => {
                    replacing.try_set(Some(percent(sent, total)));
                }
                UploadEvent::Done(result) => {
                    replacing.try_set(None);
                    match result {
                        Ok(_) => {
                            toasts.push(ToastKind::Success, i18n.t_untracked(MediaMsg::Replaced));
                            on_changed.run(());
                            reload.run(());
                        }
                        Err(e) => {
                            toasts.push_error(&e, lang);
                        }
                    }
                }
            },
        );
        if let Err(e) = started {
            replacing.set(None);
            toasts.push_error(&e, lang);
        }
    };

    let facts = {
        let mut facts = vec![value.content_type.clone(), size_vn(value.bytes)];
        facts.extend(dimensions(&value));
        facts.join(" · ")
    };
    let uploaded = i18n.f(
        MediaMsg::UploadedBy,
        &[
            ("name", &value.uploaded_by_name),
            ("when", &datetime_vn(value.uploaded_at)),
        ],
    );
    let url = value.url.clone();
    let sizes = value
        .variants
        .iter()
        .map(|v| {
            let label = format!("{} px · {}", v.width, v.content_type);
            view! { <li><a href=v.url.clone() target="_blank" rel="noopener">{label}</a></li> }
        })
        .collect_view();
    let has_variants = !value.variants.is_empty();
    let alt_id = "media-alt";
    let caption_id = "media-caption";

    view! {
        <div class="media-detail" data-id=id.to_string()>
            <h3 class="media-detail-name">{value.filename.clone()}</h3>
            <Preview item=value.clone()/>
            <dl class="media-facts">
                <dt>{i18n.tr(MediaMsg::FileInfo)}</dt>
                <dd>{facts}</dd>
                <dd>{uploaded}</dd>
                <dt>{i18n.tr(MediaMsg::PublicLink)}</dt>
                <dd><a href=url.clone() target="_blank" rel="noopener" class="media-url">{url.clone()}</a></dd>
            </dl>
            {has_variants.then(|| view! {
                <details class="media-variants">
                    <summary>{i18n.tr(MediaMsg::Variants)}</summary>
                    <ul>{sizes}</ul>
                </details>
            })}
            <section class="media-uses" aria-labelledby="media-uses-heading">
                <h3 id="media-uses-heading">{i18n.tr(MediaMsg::UsedIn)}</h3>
                <Show when=move || refused.get()>
                    <p class="form-error" role="alert">{i18n.tr(MediaMsg::InUse)}</p>
                </Show>
                {move || {
                    let list = uses.get();
                    if list.is_empty() {
                        view! { <p class="field-hint">{i18n.tr(MediaMsg::NotUsed)}</p> }.into_any()
                    } else {
                        view! { <ul>{list.into_iter().map(use_link).collect_view()}</ul> }.into_any()
                    }
                }}
            </section>
            {if editable {
                view! {
                    <form class="media-texts" on:submit=save novalidate>
                        <div class="field">
                            <label for=alt_id>{i18n.tr(MediaMsg::FieldAlt)}</label>
                            <input
                                id=alt_id
                                type="text"
                                prop:value=move || alt.get()
                                on:input=move |ev| alt.set(event_target_value(&ev))
                                aria-describedby=format!("{alt_id}-hint {}", error_id("media", "alt"))
                                aria-invalid=move || errors.with(|e| e.iter().any(|e| e.field == "alt")).to_string()
                            />
                            <p class="field-hint" id=format!("{alt_id}-hint")>{i18n.tr(MediaMsg::FieldAltHint)}</p>
                            <FieldMessages errors=errors field="alt" id=error_id("media", "alt")/>
                        </div>
                        <div class="field">
                            <label for=caption_id>{i18n.tr(MediaMsg::FieldCaption)}</label>
                            <textarea
                                id=caption_id
                                rows="3"
                                prop:value=move || caption.get()
                                on:input=move |ev| caption.set(event_target_value(&ev))
                                aria-describedby=error_id("media", "caption")
                                aria-invalid=move || errors.with(|e| e.iter().any(|e| e.field == "caption")).to_string()
                            ></textarea>
                            <FieldMessages errors=errors field="caption" id=error_id("media", "caption")/>
                        </div>
                        <div class="form-actions">
                            <button type="submit" class="button button-primary" disabled=move || saving.get()>
                                {move || if saving.get() { i18n.t(MediaMsg::Saving) } else { i18n.t(MediaMsg::Save) }}
                            </button>
                            <input
                                node_ref=replace_input
                                type="file"
                                class="visually-hidden"
                                tabindex="-1"
                                aria-hidden="true"
                                accept=super::logic::accept_for(Some(value.kind))
                                on:change=on_replace
                            />
                            <button
                                type="button"
                                class="button"
                                title=i18n.tr(MediaMsg::ReplaceHint)
                                disabled=move || replacing.get().is_some()
                                on:click=move |_| {
                                    if let Some(el) = replace_input.get() {
                                        el.click();
                                    }
                                }
                            >
                                {i18n.tr(MediaMsg::Replace)}
                            </button>
                            <button type="button" class="button button-danger" on:click=delete.clone()>
                                {i18n.tr(MediaMsg::Delete)}
                            </button>
                        </div>
                        {move || replacing.get().map(|p| view! {
                            <progress class="upload-progress" max="100" value=p.to_string()
                                aria-label=i18n.tr(MediaMsg::Replace)></progress>
                        })}
                    </form>
                    <Extras item=value.clone() version=version reload=reload on_changed=on_changed/>
                }
                    .into_any()
            } else {
                view! {
                    <dl class="media-facts">
                        <dt>{i18n.tr(MediaMsg::FieldAlt)}</dt>
                        <dd>{value.alt.clone()}</dd>
                        <dt>{i18n.tr(MediaMsg::FieldCaption)}</dt>
                        <dd>{value.caption.clone()}</dd>
                    </dl>
                    <p class="field-hint">{i18n.tr(MediaMsg::ReadOnly)}</p>
                }
                    .into_any()
            }}
        </div>
    }
}

/// A link to where the item is used.
fn use_link(u: MediaUse) -> impl IntoView {
    let href = match u.kind {
        MediaUseKind::Article => format!("/articles/{}", u.id),
        MediaUseKind::Banner => "/banners".to_string(),
    };
    view! { <li><a href=href>{u.describe_vi()}</a></li> }
}

/// The file itself: an image at a sensible width, a player, or a link.
#[component]
fn Preview(item: MediaItem) -> impl IntoView {
    match item.kind {
        MediaKind::Image => {
            let webp = srcset(&item, "image/webp");
            view! {
                <picture class="media-preview">
                    <source type="image/webp" srcset=webp sizes="(max-width: 600px) 100vw, 480px"/>
                    <img
                        src=item.url.clone()
                        alt=item.alt.clone()
                        width=item.width.map(|w| w.to_string())
                        height=item.height.map(|h| h.to_string())
                    />
                </picture>
            }
            .into_any()
        }
        MediaKind::Video => view! {
            <video class="media-preview" controls preload="metadata" src=item.url.clone()
                poster=item.poster_url.clone()>
                {item.captions_url.clone().map(|src| view! {
                    <track kind="captions" src=src srclang="vi" label="Tiếng Việt" default/>
                })}
            </video>
        }
        .into_any(),
        MediaKind::Audio => view! {
            <audio class="media-preview" controls preload="metadata" src=item.url.clone()></audio>
        }
        .into_any(),
        MediaKind::Document => view! {
            <p class="media-preview">
                <a href=item.url.clone() download=item.filename.clone()>{item.filename.clone()}</a>
            </p>
        }
        .into_any(),
    }
}
