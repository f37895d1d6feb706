//! Uploading to the library: a button and a drop zone, then one row per file with its own
//! progress bar and a cancel button. Used by the library page and by the editor's picker.

use super::logic::{accept_for, percent, size_vn};
use super::strings::MediaMsg;
use crate::api::media::{upload, Upload, UploadEvent, UploadTarget};
use crate::i18n::use_i18n;
use leptos::html;
use leptos::prelude::*;
use portal_contract::media::{MediaItem, MediaKind};
use wasm_bindgen::JsCast;

/// Where one file's upload is.
#[derive(Debug, Clone, PartialEq)]
enum JobState {
    Sending { sent: f64, total: f64 },
    Done,
    Failed(String),
    Cancelled,
}

/// One file of the queue.
#[derive(Clone)]
struct Job {
    id: u32,
    name: String,
    bytes: u64,
    state: RwSignal<JobState>,
}

/// A button and a drop zone that upload each chosen file as a new item, listing them with
/// their progress; `on_uploaded` hears each item the server accepted.
#[component]
pub fn UploadZone(
    #[prop(into)] on_uploaded: Callback<MediaItem>,
    /// Only files of this kind are offered (the picker of an image block, say).
    #[prop(optional)]
    kind: Option<MediaKind>,
    /// `id` of the file input, for a label elsewhere.
    #[prop(optional, into)]
    input_id: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let jobs = RwSignal::new(Vec::<Job>::new());
    let handles = StoredValue::new_local(Vec::<(u32, Upload)>::new());
    let next_id = StoredValue::new(0_u32);
    let dragging = RwSignal::new(false);
    let input = NodeRef::<html::Input>::new();

    let start = move |file: web_sys::File| {
        let id = next_id.get_value();
        next_id.set_value(id + 1);
        let bytes = file.size() as u64;
        let state = RwSignal::new(JobState::Sending {
            sent: 0.0,
            total: bytes as f64,
        });
        jobs.update(|j| {
            j.push(Job {
                id,
                name: file.name(),
                bytes,
                state,
            })
        });
        let lang = i18n.lang_untracked();
        let started = upload(UploadTarget::New, &file, "", "", move |event| match event {
            UploadEvent::Progress { sent, total } => {
                state.try_set(JobState::Sending { sent, total });
            }
            UploadEvent::Done(result) => {
                handles.try_update_value(|h| h.retain(|(i, _)| *i != id));
                match result {
                    Ok(item) => {
                        state.try_set(JobState::Done);
                        on_uploaded.run(*item);
                    }
                    Err(e) => {
                        state.try_set(JobState::Failed(e.message(lang)));
                    }
                }
            }
        });
        match started {
            Ok(up) => handles.update_value(|h| h.push((id, up))),
            Err(e) => state.set(JobState::Failed(e.message(lang))),
        }
    };
    let start_all = move |files: Option<web_sys::FileList>| {
        let Some(files) = files else { return };
        for i in 0..files.length() {
            if let Some(file) = files.get(i) {
                start(file);
            }
        }
    };
    let cancel = move |id: u32, state: RwSignal<JobState>| {
        handles.update_value(|h| {
            if let Some(pos) = h.iter().position(|(i, _)| *i == id) {
                h.remove(pos).1.cancel();
            }
        });
        state.set(JobState::Cancelled);
    };
    let dismiss = move |_| {
        jobs.update(|j| {
            j.retain(|job| matches!(job.state.get_untracked(), JobState::Sending { .. }))
        })
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        start_all(ev.data_transfer().and_then(|d| d.files()));
    };
    let on_change = move |ev: web_sys::Event| {
        let target = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(el) = target {
            start_all(el.files());
            // The same file may be chosen again after a failure.
            el.set_value("");
        }
    };
    let finished = move || {
        jobs.with(|j| {
            j.iter()
                .any(|job| !matches!(job.state.get(), JobState::Sending { .. }))
        })
    };

    view! {
        <div
            class="media-drop"
            class:dragging=move || dragging.get()
            on:dragover=move |ev: web_sys::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <input
                node_ref=input
                id=input_id
                type="file"
                class="visually-hidden"
                multiple=kind.is_none()
                accept=accept_for(kind)
                tabindex="-1"
                aria-hidden="true"
                on:change=on_change
            />
            <button
                type="button"
                class="button button-primary"
                on:click=move |_| {
                    if let Some(el) = input.get() {
                        el.click();
                    }
                }
            >
                {i18n.tr(MediaMsg::Upload)}
            </button>
            <p class="media-drop-text">
                {move || {
                    if dragging.get() {
                        i18n.t(MediaMsg::DropNow)
                    } else {
                        i18n.t(MediaMsg::DropHere)
                    }
                }}
            </p>
            <p class="field-hint">{i18n.tr(MediaMsg::Accepted)}</p>
        </div>
        <Show when=move || jobs.with(|j| !j.is_empty())>
            <section class="upload-queue" aria-labelledby="upload-queue-heading">
                <h2 id="upload-queue-heading" class="visually-hidden">
                    {i18n.tr(MediaMsg::UploadsHeading)}
                </h2>
                <ul class="upload-list">
                    <For each=move || jobs.get() key=|job| job.id let:job>
                        <UploadRow job=job.clone() on_cancel=move |_| cancel(job.id, job.state)/>
                    </For>
                </ul>
                <Show when=finished>
                    <button type="button" class="button button-quiet" on:click=dismiss>
                        {i18n.tr(MediaMsg::Dismiss)}
                    </button>
                </Show>
            </section>
        </Show>
    }
}

#[component]
fn UploadRow(job: Job, #[prop(into)] on_cancel: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let state = job.state;
    let name = job.name.clone();
    let sending = move || matches!(state.get(), JobState::Sending { .. });
    let pct = move || match state.get() {
        JobState::Sending { sent, total } => percent(sent, total),
        _ => 100,
    };
    let status = {
        let name = name.clone();
        move || match state.get() {
            JobState::Sending { .. } => i18n.f(
                MediaMsg::Uploading,
                &[("name", &name), ("percent", &pct().to_string())],
            ),
            JobState::Done => i18n.t(MediaMsg::Uploaded).to_string(),
            JobState::Failed(message) => message,
            JobState::Cancelled => i18n.t(MediaMsg::Cancelled).to_string(),
        }
    };
    let row_class = move || match state.get() {
        JobState::Sending { .. } => "upload-row sending",
        JobState::Done => "upload-row done",
        JobState::Failed(_) => "upload-row failed",
        JobState::Cancelled => "upload-row cancelled",
    };
    let cancel_label = {
        let name = name.clone();
        move || i18n.f(MediaMsg::CancelUpload, &[("name", &name)])
    };
    view! {
        <li class=row_class>
            <span class="upload-name">{name.clone()}</span>
            <span class="upload-size">{size_vn(job.bytes)}</span>
            <progress
                class="upload-progress"
                max="100"
                value=move || pct().to_string()
                aria-label=name.clone()
            ></progress>
            <span
                class="upload-status"
                role=move || if matches!(state.get(), JobState::Failed(_)) { "alert" } else { "status" }
            >
                {status}
            </span>
            <Show when=sending>
                <button
                    type="button"
                    class="button button-small"
                    aria-label=cancel_label.clone()
                    on:click=move |_| on_cancel.run(())
                >
                    {i18n.tr(MediaMsg::Cancel)}
                </button>
            </Show>
        </li>
    }
}
