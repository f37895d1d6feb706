//! The panel that adds a banner or changes one: placement, title, link, days, order and the
//! image, chosen in the media library's picker.

use super::logic::{changes, days_vn, parse_iso_date, placement_label, to_request, BannerForm};
use super::strings::BannerMsg;
use crate::api::{self, ApiError};
use crate::components::{use_toasts, ToastKind};
use crate::form::{focus_first_invalid, focus_later, invalid_flag, FieldMessages};
use crate::i18n::use_i18n;
use crate::pages::media::picker::MediaPicker;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_contract::banners::{Banner, BannerPlacement};
use portal_contract::media::{MediaItem, MediaKind};
use portal_contract::FieldError;
use wasm_bindgen::JsCast;

/// What the panel edits.
#[derive(Debug, Clone, PartialEq)]
pub enum Editing {
    New,
    Existing(Box<Banner>),
}

/// The ids of a field's control, hint and messages.
fn field_ids(name: &str) -> (String, String, String) {
    (
        format!("banner-{name}"),
        format!("banner-{name}-hint"),
        format!("banner-{name}-error"),
    )
}

/// Focuses the first control the errors name; the image's picker button when only the image
/// is missing (it comes last in the form).
fn focus_errors(errors: &[FieldError]) {
    if errors.iter().any(|e| e.field != "media_id") {
        focus_first_invalid(".banner-form");
        return;
    }
    set_timeout(
        || {
            if let Some(el) = document()
                .query_selector(".banner-form .media-pick")
                .ok()
                .flatten()
            {
                let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        },
        std::time::Duration::from_millis(30),
    );
}

/// The picked item's smallest WebP variant of a thumbnail's width, else its file.
fn picked_thumbnail(item: &MediaItem) -> String {
    item.variants
        .iter()
        .filter(|v| v.width >= 320 && v.content_type == "image/webp")
        .min_by_key(|v| v.width)
        .map(|v| v.url.clone())
        .unwrap_or_else(|| item.url.clone())
}

/// Adds (`Editing::New`) or changes a banner; `on_done` hears whether something was saved.
#[component]
pub fn BannerFormPanel(editing: Editing, #[prop(into)] on_done: Callback<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let before = match &editing {
        Editing::Existing(b) => Some((**b).clone()),
        Editing::New => None,
    };
    let is_new = before.is_none();
    let form = RwSignal::new(match &before {
        Some(b) => BannerForm::of(b),
        None => BannerForm::new(crate::clock::today()),
    });
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    focus_later("banner-placement".to_string());

    let submit = move |ev: leptos::ev::SubmitEvent| {
        // The picker's search is a form of its own inside this one: its submit bubbles here.
        let own = matches!((ev.target(), ev.current_target()), (Some(t), Some(c)) if t == c);
        if !own {
            return;
        }
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let request = match to_request(&form.get_untracked()) {
            Ok(r) => r,
            Err(e) => {
                focus_errors(&e);
                errors.set(e);
                toasts.push(ToastKind::Error, i18n.t(BannerMsg::FixFirst));
                return;
            }
        };
        let patch = match &before {
            None => None,
            Some(b) => match changes(b, &request) {
                Some(p) => Some((b.id, b.version, p)),
                None => {
                    toasts.push(ToastKind::Info, i18n.t(BannerMsg::NoChange));
                    on_done.run(false);
                    return;
                }
            },
        };
        errors.set(Vec::new());
        failure.set(None);
        busy.set(true);
        spawn_local(async move {
            let result = match &patch {
                None => api::banners::create(&request).await,
                Some((id, version, p)) => api::banners::patch(*id, *version, p).await,
            };
            let _ = busy.try_set(false);
            match result {
                Ok(_) => {
                    let done = if patch.is_none() {
                        BannerMsg::Created
                    } else {
                        BannerMsg::Saved
                    };
                    toasts.push(ToastKind::Success, i18n.t_untracked(done));
                    on_done.run(true);
                }
                Err(e) if e.status() == Some(412) => {
                    toasts.push(ToastKind::Info, i18n.t_untracked(BannerMsg::Stale));
                    on_done.run(true);
                }
                Err(ApiError::Problem { problem, .. }) if !problem.errors.is_empty() => {
                    focus_errors(&problem.errors);
                    let _ = errors.try_set(problem.errors.clone());
                    toasts.push(ToastKind::Error, i18n.t_untracked(BannerMsg::FixFirst));
                }
                Err(e) => {
                    let _ = failure.try_set(Some(e));
                }
            }
        });
    };

    let errs: Signal<Vec<FieldError>> = errors.into();
    let text_field = move |name: &'static str,
                           api_field: &'static str,
                           label: BannerMsg,
                           hint: Option<BannerMsg>,
                           get: fn(&BannerForm) -> String,
                           set: fn(&mut BannerForm, String),
                           kind: &'static str,
                           extra_described: Option<&'static str>| {
        let (id, hint_id, err_id) = field_ids(name);
        let mut described = Vec::new();
        if hint.is_some() {
            described.push(hint_id.clone());
        }
        if let Some(x) = extra_described {
            described.push(x.to_string());
        }
        described.push(err_id.clone());
        view! {
            <div class="field" data-field=api_field>
                <label for=id.clone()>{i18n.tr(label)}</label>
                <input
                    id=id
                    name=api_field
                    type=kind
                    prop:value=move || form.with(get)
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        form.update(|f| set(f, v));
                    }
                    aria-invalid=invalid_flag(errs, api_field)
                    aria-describedby=described.join(" ")
                />
                {hint.map(|h| view! { <p class="field-hint" id=hint_id>{i18n.tr(h)}</p> })}
                <FieldMessages errors=errs field=api_field id=err_id/>
            </div>
        }
    };

    // Date inputs show days as the browser's language does; this says them as dd/MM/yyyy.
    let chosen_days = move || {
        let (from, to) = form.with(|f| (parse_iso_date(&f.starts_on), parse_iso_date(&f.ends_on)));
        match (from, to) {
            (Some(a), Some(b)) if a <= b => {
                i18n.f(BannerMsg::DaysChosen, &[("range", &days_vn(a, b))])
            }
            _ => String::new(),
        }
    };
    let (place_id, _, place_err) = field_ids("placement");
    let (_, _, media_err) = field_ids("media");
    let heading = if is_new {
        BannerMsg::FormNew
    } else {
        BannerMsg::FormEdit
    };
    let on_pick = Callback::new(move |item: MediaItem| {
        form.update(|f| {
            f.media_id = Some(item.id);
            f.image_url = picked_thumbnail(&item);
            f.image_name = if item.alt.trim().is_empty() {
                item.filename.clone()
            } else {
                item.alt.clone()
            };
        });
        errors.update(|e| e.retain(|x| x.field != "media_id"));
    });
    let image = move || {
        let (url, name) = form.with(|f| (f.image_url.clone(), f.image_name.clone()));
        if url.is_empty() {
            view! { <p class="banner-image-none">{i18n.tr(BannerMsg::ImageNone)}</p> }.into_any()
        } else {
            view! {
                <figure class="banner-image-chosen">
                    <img src=url alt=""/>
                    <figcaption>{move || i18n.f(BannerMsg::ImageChosen, &[("name", &name)])}</figcaption>
                </figure>
            }
            .into_any()
        }
    };
    let cancel = move |_| on_done.run(false);
    view! {
        <section class="banner-panel" aria-labelledby="banner-form-heading">
            <h2 id="banner-form-heading">{i18n.tr(heading)}</h2>
            <p class="section-hint">{i18n.tr(BannerMsg::FormIntro)}</p>
            <form class="banner-form" novalidate=true on:submit=submit>
                <div class="field" data-field="placement">
                    <label for=place_id.clone()>{i18n.tr(BannerMsg::FieldPlacement)}</label>
                    <select
                        id=place_id
                        name="placement"
                        prop:value=move || form.with(|f| f.placement.as_str())
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some(p) = BannerPlacement::parse(&v) {
                                form.update(|f| f.placement = p);
                            }
                        }
                        aria-invalid=invalid_flag(errs, "placement")
                        aria-describedby=place_err.clone()
                    >
                        {BannerPlacement::ALL
                            .into_iter()
                            .map(|p| view! { <option value=p.as_str()>{move || placement_label(p, i18n.lang())}</option> })
                            .collect_view()}
                    </select>
                    <FieldMessages errors=errs field="placement" id=place_err/>
                </div>
                {text_field(
                    "title",
                    "title",
                    BannerMsg::FieldTitle,
                    Some(BannerMsg::FieldTitleHint),
                    |f| f.title.clone(),
                    |f, v| f.title = v,
                    "text",
                    None,
                )}
                {text_field(
                    "link",
                    "link",
                    BannerMsg::FieldLink,
                    Some(BannerMsg::FieldLinkHint),
                    |f| f.link.clone(),
                    |f, v| f.link = v,
                    "url",
                    None,
                )}
                <div class="field-row">
                    {text_field(
                        "starts-on",
                        "starts_on",
                        BannerMsg::FieldStarts,
                        None,
                        |f| f.starts_on.clone(),
                        |f, v| f.starts_on = v,
                        "date",
                        Some("banner-days-chosen"),
                    )}
                    {text_field(
                        "ends-on",
                        "ends_on",
                        BannerMsg::FieldEnds,
                        None,
                        |f| f.ends_on.clone(),
                        |f, v| f.ends_on = v,
                        "date",
                        Some("banner-days-chosen"),
                    )}
                    {text_field(
                        "position",
                        "position",
                        BannerMsg::FieldPosition,
                        Some(BannerMsg::FieldPositionHint),
                        |f| f.position.clone(),
                        |f, v| f.position = v,
                        "number",
                        None,
                    )}
                </div>
                <p id="banner-days-chosen" class="field-hint" aria-live="polite">{chosen_days}</p>
                <fieldset class="banner-image" data-field="media_id" aria-describedby=media_err.clone()>
                    <legend>{i18n.tr(BannerMsg::FieldImage)}</legend>
                    {image}
                    <MediaPicker
                        kind=MediaKind::Image
                        purpose=Signal::derive(move || i18n.t(BannerMsg::ImagePurpose).to_string())
                        on_pick=on_pick
                    />
                    <FieldMessages errors=errs field="media_id" id=media_err.clone()/>
                </fieldset>
                {move || {
                    failure
                        .get()
                        .map(|e| {
                            view! { <p class="notice notice-error" role="alert">{e.message(i18n.lang())}</p> }
                        })
                }}
                <div class="form-actions">
                    <button type="submit" class="button button-primary" disabled=move || busy.get()>
                        {move || if busy.get() { i18n.t(BannerMsg::Saving) } else { i18n.t(BannerMsg::Save) }}
                    </button>
                    <button type="button" class="button" on:click=cancel>
                        {i18n.tr(BannerMsg::Cancel)}
                    </button>
                </div>
            </form>
        </section>
    }
}
