//! Choosing a file of the library from the article editor (the cover, an image or video
//! block): a button that opens a modal dialog with search, the items of one kind, and an
//! upload in place whose item is chosen as soon as it arrives.

use super::logic::{size_vn, thumbnail};
use super::strings::MediaMsg;
use super::uploads::UploadZone;
use crate::api;
use crate::components::{EmptyState, Loaded, SkeletonBlock};
use crate::i18n::use_i18n;
use crate::session::use_session;
use leptos::html;
use leptos::prelude::*;
use portal_contract::media::{MediaFilter, MediaItem, MediaKind};
use portal_contract::{Page, Permission};
use std::sync::atomic::{AtomicU32, Ordering};

/// Numbers the pickers on a page.
static NEXT_PICKER: AtomicU32 = AtomicU32::new(0);

/// Items shown at once in the picker (searching narrows them).
const PICKER_ITEMS: u32 = 24;

/// "Chọn từ thư viện": opens the picker for `kind`; `on_pick` hears the chosen item. Shown only
/// to sessions that may read the library.
#[component]
pub fn MediaPicker(
    kind: MediaKind,
    /// Names the dialog's purpose, as "Ảnh bìa" or "Khối 3".
    #[prop(into)]
    purpose: Signal<String>,
    #[prop(into)] on_pick: Callback<MediaItem>,
) -> impl IntoView {
    let session = use_session();
    let may_read = move || session.can(Permission::MediaRead);
    view! { <Show when=may_read>{move || view! { <PickerDialog kind=kind purpose=purpose on_pick=on_pick/> }}</Show> }
}

#[component]
fn PickerDialog(
    kind: MediaKind,
    purpose: Signal<String>,
    on_pick: Callback<MediaItem>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let dialog = NodeRef::<html::Dialog>::new();
    let opener = NodeRef::<html::Button>::new();
    let open = RwSignal::new(false);
    let typed = RwSignal::new(String::new());
    let words = RwSignal::new(String::new());
    let items = LocalResource::new(move || {
        let filter = MediaFilter {
            q: Some(words.get()),
            kind: Some(kind),
        };
        let wanted = open.get();
        async move {
            if wanted {
                api::media::list(&filter, 1, PICKER_ITEMS).await
            } else {
                Ok(Page {
                    items: Vec::new(),
                    total: 0,
                    page: 1,
                    per_page: PICKER_ITEMS,
                })
            }
        }
    });
    let close = move || {
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
        open.set(false);
        if let Some(b) = opener.get_untracked() {
            let _ = b.focus();
        }
    };
    let show = move |_| {
        open.set(true);
        if let Some(d) = dialog.get_untracked() {
            let _ = d.show_modal();
        }
    };
    let choose = Callback::new(move |item: MediaItem| {
        on_pick.run(item);
        close();
    });
    let search = move || words.set(typed.get_untracked());
    let may_upload = move || session.can(Permission::MediaUpload);
    let title = move || format!("{} — {}", i18n.t(MediaMsg::PickTitle), purpose.get());
    // Several pickers share the editor (the cover, each image block): ids of their own.
    let n = NEXT_PICKER.fetch_add(1, Ordering::Relaxed);
    let heading_id = format!("media-picker-{n}-heading");
    let labelled_by = heading_id.clone();
    let search_id = format!("media-picker-{n}-search");
    view! {
        <button
            type="button"
            class="button button-small media-pick"
            node_ref=opener
            aria-haspopup="dialog"
            on:click=show
        >
            {i18n.tr(MediaMsg::Pick)}
        </button>
        <dialog
            class="media-picker"
            node_ref=dialog
            aria-labelledby=labelled_by
            on:close=move |_| open.set(false)
        >
            <div class="media-picker-head">
                <h2 id=heading_id>{title}</h2>
                <button type="button" class="button button-small" on:click=move |_| close()>
                    {i18n.tr(MediaMsg::Close)}
                </button>
            </div>
            // Not a <form>: the picker sits inside the editor's form, and Enter here must
            // search, not save the article.
            <div role="search" class="media-picker-search">
                <label for=search_id.clone()>{i18n.tr(MediaMsg::Search)}</label>
                <input
                    id=search_id
                    type="search"
                    maxlength="200"
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))
                    on:keydown=move |ev: web_sys::KeyboardEvent| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            search();
                        }
                    }
                />
                <button type="button" class="button" on:click=move |_| search()>
                    {i18n.tr(MediaMsg::SearchButton)}
                </button>
            </div>
            <Show when=may_upload>
                <UploadZone kind=kind on_uploaded=choose/>
            </Show>
            <Show when=move || open.get()>
                <Loaded resource=items skeleton=|| view! { <SkeletonBlock lines=4/> } let:list>
                    <PickerGrid list=list choose=choose/>
                </Loaded>
            </Show>
        </dialog>
    }
}

#[component]
fn PickerGrid(list: Page<MediaItem>, choose: Callback<MediaItem>) -> impl IntoView {
    let i18n = use_i18n();
    if list.items.is_empty() {
        return view! {
            <EmptyState title=Signal::derive(move || i18n.t(MediaMsg::EmptyFiltered).to_string())/>
        }
        .into_any();
    }
    let cards = list
        .items
        .into_iter()
        .map(|item| {
            let thumb = thumbnail(&item, 320).map(str::to_string);
            let name = item.filename.clone();
            let meta = size_vn(item.bytes);
            view! {
                <li class="media-card">
                    <button
                        type="button"
                        class="media-card-button"
                        on:click=move |_| choose.run(item.clone())
                    >
                        <span class="media-thumb">
                            {thumb.map(|src| view! { <img src=src alt="" loading="lazy" width="320" height="180"/> })}
                        </span>
                        <span class="media-name">{name}</span>
                        <span class="media-meta">{meta}</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="media-grid">{cards}</ul> }.into_any()
}
