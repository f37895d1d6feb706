//! Browser tests of the media library page (grid, search, filter, the item's panel with its
//! alt text, uses, refused delete, a video's poster and captions) and of the editor's picker.

use crate::dom::{
    answer, attr, click, container, fake_backend, find, ok, query, query_all, requests, route,
    session_of, set_url, text, type_into, vietnamese, wait_for, writes,
};
use chrono::{TimeZone, Utc};
use leptos::prelude::*;
use leptos::task::tick;
use leptos_router::components::Router;
use portal_admin::components::provide_toasts;
use portal_admin::pages::media::picker::MediaPicker;
use portal_admin::pages::MediaPage;
use portal_admin::session::{Session, SessionState};
use portal_contract::media::{MediaItem, MediaKind, MediaUse, MediaUseKind, MediaVariant};
use portal_contract::{Page, Role};
use serde_json::{json, Value};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

fn item(id: i64, kind: MediaKind, filename: &str) -> MediaItem {
    let (content_type, ext) = match kind {
        MediaKind::Image => ("image/jpeg", "jpg"),
        MediaKind::Video => ("video/mp4", "mp4"),
        MediaKind::Audio => ("audio/mpeg", "mp3"),
        MediaKind::Document => ("application/pdf", "pdf"),
    };
    let url = format!("/media-files/ab/cd/{id:0>64}.{ext}");
    let image = kind == MediaKind::Image;
    MediaItem {
        id,
        kind,
        filename: filename.into(),
        content_type: content_type.into(),
        bytes: 1_258_291,
        width: image.then_some(1600),
        height: image.then_some(900),
        alt: String::new(),
        caption: String::new(),
        url: url.clone(),
        variants: if image {
            vec![MediaVariant {
                width: 320,
                url: url.replace(".jpg", "-320.jpg"),
                content_type: "image/jpeg".into(),
            }]
        } else {
            vec![]
        },
        poster_url: None,
        captions_url: None,
        used_in: vec![],
        // The session of the tests is user 4.
        uploaded_by: 4,
        uploaded_by_name: "Hoàng Minh Đức".into(),
        uploaded_at: Utc.with_ymd_and_hms(2026, 11, 30, 2, 0, 0).unwrap(),
        updated_at: Utc.with_ymd_and_hms(2026, 11, 30, 2, 0, 0).unwrap(),
        version: 1,
    }
}

fn page(items: Vec<MediaItem>) -> Page<MediaItem> {
    Page {
        total: items.len() as u64,
        items,
        page: 1,
        per_page: 24,
    }
}

fn mount_page(roles: &[Role]) -> HtmlElement {
    let session = Session::new(SessionState::Active(Box::new(session_of(roles))));
    let root = container();
    let mounted = leptos::mount::mount_to(root.clone(), move || {
        vietnamese();
        provide_context(session);
        provide_toasts();
        view! {
            <Router>
                <MediaPage/>
            </Router>
        }
    });
    // The page stays mounted for the test's life.
    std::mem::forget(mounted);
    root
}

fn last_get(prefix: &str) -> String {
    requests()
        .into_iter()
        .filter(|r| r["method"] == "GET")
        .filter_map(|r| r["path"].as_str().map(str::to_string))
        .rfind(|p| p.starts_with(prefix))
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_library_lists_searches_and_edits_an_item_and_a_refused_delete_lists_its_uses() {
    let photo = item(7, MediaKind::Image, "Hội nghị <tổng kết> 🎉.jpg");
    let pdf = item(8, MediaKind::Document, "Mẫu TK1-TS.pdf");
    let mut photo_used = photo.clone();
    photo_used.used_in = vec![MediaUse {
        kind: MediaUseKind::Article,
        id: 12,
        title: "Tin BHXH".into(),
        place: "cover".into(),
    }];
    let mut saved = photo_used.clone();
    saved.alt = "Đại biểu dự hội nghị".into();
    saved.version = 2;
    fake_backend(json!([
        route(
            "GET",
            "/api/v1/media",
            vec![ok(page(vec![photo.clone(), pdf.clone()]))]
        ),
        route("GET", "/api/v1/media/7", vec![ok(&photo_used)]),
        route("PATCH", "/api/v1/media/7", vec![ok(&saved)]),
        route(
            "DELETE",
            "/api/v1/media/7",
            vec![answer(
                409,
                json!({
                    "type": "https://portal.example/problems/conflict",
                    "title": "Xung đột",
                    "status": 409,
                    "detail": "Không thể xóa: tệp đang được dùng trong bài #12 “Tin BHXH” (ảnh bìa).",
                    "current": serde_json::to_value(&saved).unwrap()
                })
            )]
        ),
    ]));
    set_url("/media");
    let root = mount_page(&[Role::Editor]);
    wait_for("the grid", || query_all(&root, ".media-card").len() == 2).await;
    assert_eq!(text(&root, ".results-count"), "2 tệp");
    // Hostile names are text; the image has its 320 px thumbnail, the PDF its kind.
    let names: Vec<String> = query_all(&root, ".media-name")
        .iter()
        .filter_map(|e| e.text_content())
        .collect();
    assert_eq!(names, ["Hội nghị <tổng kết> 🎉.jpg", "Mẫu TK1-TS.pdf"]);
    assert!(query(&root, ".media-card script").is_none());
    assert!(attr(&root, ".media-card[data-id='7'] img", "src")
        .unwrap()
        .ends_with("-320.jpg"));
    assert!(text(&root, ".media-card[data-id='8']").contains("Tài liệu · 1,2 MB"));
    assert!(text(&root, ".media-card[data-id='7']").contains("Chưa có mô tả ảnh"));

    // Searching and filtering ask the server with q and kind.
    type_into(&root, "#media-search", "hoi nghi");
    crate::dom::fire(&root, "form[role='search']", "submit");
    wait_for("the search", || {
        last_get("/api/v1/media?").contains("q=hoi")
    })
    .await;
    let select = find(&root, "#media-kind").unchecked_into::<web_sys::HtmlSelectElement>();
    select.set_value("image");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    wait_for("the filter", || {
        last_get("/api/v1/media?").contains("kind=image")
    })
    .await;
    assert!(
        last_get("/api/v1/media?").contains("q=hoi+nghi")
            || last_get("/api/v1/media?").contains("q=hoi%20nghi")
    );

    // The panel: facts, uses, the alt text saved with If-Match.
    click(&root, ".media-card[data-id='7'] button");
    wait_for("the panel", || query(&root, "#media-alt").is_some()).await;
    assert!(text(&root, ".media-uses").contains("bài #12 “Tin BHXH” (ảnh bìa)"));
    assert_eq!(
        attr(&root, ".media-uses a", "href").as_deref(),
        Some("/articles/12")
    );
    assert!(text(&root, ".media-facts").contains("image/jpeg · 1,2 MB · 1.600 × 900"));
    assert!(
        query(&root, ".media-extras").is_none(),
        "an image has no poster or captions"
    );
    type_into(&root, "#media-alt", "Đại biểu dự hội nghị");
    crate::dom::fire(&root, "form.media-texts", "submit");
    wait_for("the save", || !writes().is_empty()).await;
    let sent = &writes()[0];
    assert_eq!(sent["method"], "PATCH");
    assert_eq!(sent["ifMatch"], "\"1\"");
    let body: Value = serde_json::from_str(sent["body"].as_str().unwrap()).unwrap();
    assert_eq!(body["alt"], "Đại biểu dự hội nghị");

    // Delete: confirmed, refused with the uses, and the version the server sent is kept.
    js_sys::eval("window.confirm = () => true").unwrap();
    // A saved change refreshes the grid: the next list read comes after the PATCH.
    wait_for("the grid's refresh", || {
        let all = requests();
        let patched = all
            .iter()
            .position(|r| r["method"] == "PATCH")
            .unwrap_or(usize::MAX);
        all.iter().skip(patched.saturating_add(1)).any(|r| {
            r["method"] == "GET"
                && r["path"]
                    .as_str()
                    .unwrap_or("")
                    .starts_with("/api/v1/media?")
        })
    })
    .await;
    click(&root, ".media-texts .button-danger");
    wait_for("the refusal", || {
        text(&root, ".media-uses").contains("Không thể xóa")
    })
    .await;
    let delete = writes()
        .into_iter()
        .find(|w| w["method"] == "DELETE")
        .unwrap();
    assert_eq!(delete["ifMatch"], "\"2\"");
    assert_eq!(
        attr(&root, ".media-uses [role='alert']", "role").as_deref(),
        Some("alert")
    );
}

#[wasm_bindgen_test]
async fn a_video_shows_its_poster_and_captions_and_removes_them_with_if_match() {
    let mut video = item(9, MediaKind::Video, "Phóng sự.mp4");
    video.poster_url = Some("/media-files/12/34/poster.jpg".into());
    video.captions_url = Some("/media-files/56/78/vi.vtt".into());
    video.version = 3;
    let mut bare = video.clone();
    bare.poster_url = None;
    bare.version = 4;
    fake_backend(json!([
        route("GET", "/api/v1/media", vec![ok(page(vec![video.clone()]))]),
        route("GET", "/api/v1/media/9", vec![ok(&video), ok(&bare)]),
        route("DELETE", "/api/v1/media/9/poster", vec![ok(&bare)]),
    ]));
    set_url("/media?item=9");
    let root = mount_page(&[Role::Author]);
    wait_for("the panel", || query(&root, ".media-extras").is_some()).await;
    assert_eq!(
        text(&root, "#media-extras-heading"),
        "Ảnh đại diện và phụ đề"
    );
    // The preview plays with the poster and the captions track.
    assert_eq!(
        attr(&root, "video.media-preview", "poster").as_deref(),
        Some("/media-files/12/34/poster.jpg")
    );
    assert_eq!(
        attr(&root, "video.media-preview track", "srclang").as_deref(),
        Some("vi")
    );
    assert_eq!(
        attr(&root, "[data-attachment='poster'] img", "alt").as_deref(),
        Some("Ảnh đại diện của Phóng sự.mp4")
    );
    assert_eq!(
        attr(&root, "[data-attachment='captions'] a", "href").as_deref(),
        Some("/media-files/56/78/vi.vtt")
    );
    // Each hidden file input takes only its kind of file.
    assert_eq!(
        attr(
            &root,
            "[data-attachment='captions'] input[type='file']",
            "accept"
        )
        .as_deref(),
        Some(".vtt,text/vtt")
    );
    let remove = query_all(&root, "[data-attachment='poster'] button")
        .into_iter()
        .find(|b| b.text_content().unwrap_or_default() == "Bỏ ảnh đại diện")
        .expect("a remove button")
        .unchecked_into::<HtmlElement>();
    remove.click();
    wait_for("the removal", || !writes().is_empty()).await;
    assert_eq!(writes()[0]["method"], "DELETE");
    assert_eq!(writes()[0]["path"], "/api/v1/media/9/poster");
    assert_eq!(writes()[0]["ifMatch"], "\"3\"");
    wait_for("the reload", || {
        text(&root, "[data-attachment='poster']").contains("Chưa có ảnh đại diện.")
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_picker_searches_one_kind_and_hands_back_the_chosen_item() {
    let sound = item(11, MediaKind::Audio, "Bản tin số 1.mp3");
    fake_backend(json!([route(
        "GET",
        "/api/v1/media",
        vec![ok(page(vec![sound.clone()]))]
    )]));
    let session = Session::new(SessionState::Active(Box::new(session_of(&[Role::Author]))));
    let picked = RwSignal::new(None::<MediaItem>);
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        vietnamese();
        provide_context(session);
        provide_toasts();
        view! {
            <MediaPicker
                kind=MediaKind::Audio
                purpose="Khối 3"
                on_pick=move |it: MediaItem| picked.set(Some(it))
            />
        }
    });
    tick().await;
    // Nothing is asked before the dialog opens.
    assert!(requests().is_empty());
    assert_eq!(
        attr(&root, "button.media-pick", "aria-haspopup").as_deref(),
        Some("dialog")
    );
    click(&root, "button.media-pick");
    wait_for("the items", || query(&root, "dialog .media-card").is_some()).await;
    assert!(attr(&root, "dialog.media-picker", "open").is_some());
    assert!(text(&root, "dialog h2").ends_with("Khối 3"));
    assert!(last_get("/api/v1/media?").contains("kind=audio"));
    // Enter in the search box searches (and does not submit an enclosing form).
    type_into(&root, "dialog input[type='search']", "ban tin");
    let id = attr(&root, "dialog input[type='search']", "id").unwrap();
    let prevented = js_sys::eval(&format!(
        "(() => {{ const e = new KeyboardEvent('keydown', {{key: 'Enter', bubbles: true, \
         cancelable: true}}); document.getElementById('{id}').dispatchEvent(e); \
         return e.defaultPrevented; }})()"
    ))
    .unwrap();
    assert_eq!(prevented.as_bool(), Some(true));
    wait_for("the search", || {
        last_get("/api/v1/media?").contains("q=ban")
    })
    .await;
    wait_for("the items again", || {
        query(&root, "dialog .media-card button").is_some()
    })
    .await;
    click(&root, "dialog .media-card button");
    wait_for("the choice", || picked.get_untracked().is_some()).await;
    assert_eq!(picked.get_untracked().unwrap().url, sound.url);
    assert!(
        attr(&root, "dialog.media-picker", "open").is_none(),
        "the dialog closes"
    );
}
