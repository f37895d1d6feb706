//! `/media`: the media library — list, read, change alt and caption, delete, and uploads.
//!
//! An upload goes through `XMLHttpRequest` rather than `fetch`: only it reports how many bytes
//! have left the browser (the progress bar of a 200 MB video on a slow link) and can be
//! cancelled midway.

use super::{delete_versioned, get_json, send_json, url, ApiError, Params, REQUESTED_WITH};
use portal_contract::media::{MediaAttachment, MediaFilter, MediaItem, MediaPatch};
use portal_contract::Page;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{FormData, ProgressEvent, XmlHttpRequest};

/// `GET /media`: newest first, page `page` of `per_page`.
pub async fn list(
    filter: &MediaFilter,
    page: u32,
    per_page: u32,
) -> Result<Page<MediaItem>, ApiError> {
    let mut params: Params = filter.params();
    if page > 1 {
        params.push(("page", page.to_string()));
    }
    params.push(("per_page", per_page.to_string()));
    get_json("/media", &params).await
}

/// `GET /media/{id}` with the places that use it.
pub async fn get(id: i64) -> Result<MediaItem, ApiError> {
    get_json(&format!("/media/{id}"), &Vec::new()).await
}

/// `PATCH /media/{id}` with `If-Match`: the alternative text and caption.
pub async fn patch(id: i64, version: i64, patch: &MediaPatch) -> Result<MediaItem, ApiError> {
    send_json("PATCH", &format!("/media/{id}"), patch, Some(version)).await
}

/// `DELETE /media/{id}` with `If-Match`; a `409` while anything uses the item lists the uses
/// (the problem's `current` is the item).
pub async fn delete(id: i64, version: i64) -> Result<(), ApiError> {
    delete_versioned(&format!("/media/{id}"), version).await
}

/// Where an upload goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadTarget {
    /// `POST /media`: a new item.
    New,
    /// `PUT /media/{id}/file` with `If-Match`: a new file for an item, its uses kept.
    Replace { id: i64, version: i64 },
    /// `PUT /media/{id}/poster` or `/captions` with `If-Match`: a video's poster, captions.
    Attach {
        id: i64,
        version: i64,
        what: MediaAttachment,
    },
}

/// `DELETE /media/{id}/poster` or `/captions` with `If-Match`.
pub async fn detach(id: i64, version: i64, what: MediaAttachment) -> Result<(), ApiError> {
    delete_versioned(&format!("/media/{id}/{}", what.as_str()), version).await
}

/// What an upload reports while it runs and when it ends.
pub enum UploadEvent {
    /// Bytes sent so far, and of how many (the whole request body).
    Progress { sent: f64, total: f64 },
    /// The server's answer (or why there was none), boxed: an item is far larger than a
    /// progress report.
    Done(Result<Box<MediaItem>, ApiError>),
}

/// The progress and end handlers of a request, kept alive while it runs.
type Handlers = Rc<RefCell<Vec<Closure<dyn FnMut(ProgressEvent)>>>>;

/// An upload under way; [`Upload::cancel`] stops it (the server keeps nothing of it).
#[derive(Clone)]
pub struct Upload {
    xhr: XmlHttpRequest,
    // The handlers live as long as the request; dropped when it ends.
    handlers: Handlers,
}

impl Upload {
    /// Stops sending; the upload then ends with nothing reported (the caller shows "cancelled").
    pub fn cancel(&self) {
        let _ = self.xhr.abort();
        self.handlers.borrow_mut().clear();
    }
}

/// Starts uploading `file` with its `alt` and `caption` (left out when blank) to `target`;
/// `on_event` hears the progress and the end. Not cancelled: exactly one `Done` follows.
pub fn upload(
    target: UploadTarget,
    file: &web_sys::File,
    alt: &str,
    caption: &str,
    on_event: impl Fn(UploadEvent) + 'static,
) -> Result<Upload, ApiError> {
    let form = FormData::new().map_err(|_| ApiError::Network)?;
    if !alt.trim().is_empty() {
        form.append_with_str("alt", alt)
            .map_err(|_| ApiError::Network)?;
    }
    if !caption.trim().is_empty() {
        form.append_with_str("caption", caption)
            .map_err(|_| ApiError::Network)?;
    }
    form.append_with_blob_and_filename("file", file, &file.name())
        .map_err(|_| ApiError::Network)?;
    let xhr = XmlHttpRequest::new().map_err(|_| ApiError::Network)?;
    let (method, path, version) = match target {
        UploadTarget::New => ("POST", "/media".to_string(), None),
        UploadTarget::Replace { id, version } => {
            ("PUT", format!("/media/{id}/file"), Some(version))
        }
        UploadTarget::Attach { id, version, what } => (
            "PUT",
            format!("/media/{id}/{}", what.as_str()),
            Some(version),
        ),
    };
    xhr.open(method, &url(&path))
        .map_err(|_| ApiError::Network)?;
    xhr.set_with_credentials(false);
    let headers = [
        ("X-Requested-With", REQUESTED_WITH.to_string()),
        (
            "Accept",
            "application/json, application/problem+json".to_string(),
        ),
    ]
    .into_iter()
    .chain(version.map(|v| ("If-Match", format!("\"{v}\""))));
    for (name, value) in headers {
        xhr.set_request_header(name, &value)
            .map_err(|_| ApiError::Network)?;
    }
    let handlers: Handlers = Rc::default();
    let on_event = Rc::new(on_event);
    let progress = {
        let on_event = Rc::clone(&on_event);
        Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
            if e.length_computable() {
                on_event(UploadEvent::Progress {
                    sent: e.loaded(),
                    total: e.total(),
                });
            }
        })
    };
    let finished = {
        let xhr = xhr.clone();
        let handlers = Rc::clone(&handlers);
        Closure::<dyn FnMut(ProgressEvent)>::new(move |_| {
            on_event(UploadEvent::Done(answer(&xhr).map(Box::new)));
            // Dropping the handlers here would free this closure while it runs: later.
            let handlers = Rc::clone(&handlers);
            leptos::task::spawn_local(async move { handlers.borrow_mut().clear() });
        })
    };
    if let Ok(up) = xhr.upload() {
        up.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    }
    // `loadend` follows `load`, `error` and `timeout`, but `abort` too: cancelling clears the
    // handlers first, so a cancelled upload reports nothing.
    xhr.set_onload(Some(finished.as_ref().unchecked_ref()));
    xhr.set_onerror(Some(finished.as_ref().unchecked_ref()));
    handlers.borrow_mut().extend([progress, finished]);
    xhr.send_with_opt_form_data(Some(&form))
        .map_err(|_| ApiError::Network)?;
    Ok(Upload { xhr, handlers })
}

/// The item of a finished request, or its error.
fn answer(xhr: &XmlHttpRequest) -> Result<MediaItem, ApiError> {
    let status = xhr.status().unwrap_or(0);
    let body = xhr.response_text().ok().flatten().unwrap_or_default();
    if status == 0 {
        return Err(ApiError::Network);
    }
    if status == 401 {
        super::notify_unauthenticated();
    }
    if !(200..300).contains(&status) {
        let retry_after = xhr.get_response_header("Retry-After").ok().flatten();
        return Err(ApiError::from_response(
            status,
            &body,
            retry_after.as_deref(),
        ));
    }
    serde_json::from_str(&body).map_err(|e| ApiError::Decode(e.to_string()))
}
