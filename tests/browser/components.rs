//! Browser tests of the reusable components: mount, act, `tick().await`, assert.

use crate::dom::{click, container, find, query_all, session_as, text, vietnamese, wait_for};
use chrono::DateTime;
use leptos::prelude::*;
use leptos::task::tick;
use leptos_router::components::Router;
use portal_admin::api::query::{Sort, SortKey};
use portal_admin::api::ApiError;
use portal_admin::components::{
    provide_toasts, EmptyState, ErrorState, LangSwitch, Loaded, MainNav, NavigationProgress,
    Pagination, SkeletonBlock, SortHeader, ToastKind, ToastRegion,
};
use portal_admin::i18n::Msg;
use portal_admin::lazy::{ChunkError, PageFuture, PageLoadFailed};
use portal_admin::pages::articles::strings::ArticleMsg;
use portal_admin::session::{Session, SessionState};
use portal_contract::{Role, SessionInfo};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

fn session_of(roles: &[Role]) -> SessionInfo {
    let t = DateTime::from_timestamp(1_767_225_600, 0).expect("valid time");
    session_as(1, "tester", "Nguyễn Thị Thử", roles, t, t)
}

fn nav_keys(root: &HtmlElement) -> Vec<String> {
    query_all(root, "nav.main-nav a[data-nav]")
        .iter()
        .filter_map(|a| a.get_attribute("data-nav"))
        .collect()
}

#[wasm_bindgen_test]
async fn navigation_shows_only_what_the_permissions_allow() {
    let session = Session::new(SessionState::Active(Box::new(session_of(&[Role::Author]))));
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        vietnamese();
        provide_context(session);
        view! {
            <Router>
                <MainNav/>
            </Router>
        }
    });
    tick().await;
    assert_eq!(
        nav_keys(&root),
        ["dashboard", "workflow", "articles", "media"]
    );

    session.set_active(session_of(&[Role::Admin]));
    tick().await;
    assert_eq!(
        nav_keys(&root),
        ["dashboard", "stats", "info", "norms", "royalties", "admin"]
    );

    session.set_active(session_of(&[Role::Director]));
    tick().await;
    assert_eq!(
        nav_keys(&root),
        [
            "dashboard",
            "workflow",
            "articles",
            "stats",
            "plan",
            "spokesperson",
            "info",
            "norms",
            "quarterly",
            "fraud",
            "media",
            "banners",
            "royalties"
        ]
    );
    let stats = find(&root, "a[data-nav='stats']");
    assert_eq!(stats.get_attribute("href").as_deref(), Some("/stats"));
    assert_eq!(stats.text_content().as_deref(), Some("Thống kê truy cập"));

    session.state.set(SessionState::Anonymous);
    tick().await;
    assert!(nav_keys(&root).is_empty());
}

#[wasm_bindgen_test]
async fn pagination_moves_between_pages_and_shows_where_it_is() {
    let page = RwSignal::new(1u32);
    let per_page = RwSignal::new(20u32);
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        vietnamese();
        view! {
            <Pagination
                page=page
                page_count=Signal::stored(3)
                on_page=move |p| page.set(p)
                per_page=per_page
                on_per_page=move |n| per_page.set(n)
            />
        }
    });
    tick().await;
    let prev =
        |root: &HtmlElement| find(root, ".pagination button.page-prev").has_attribute("disabled");
    let next =
        |root: &HtmlElement| find(root, ".pagination button.page-next").has_attribute("disabled");

    assert_eq!(text(&root, ".pagination .page-info"), "Trang 1/3");
    assert!(prev(&root), "no previous page on page 1");
    assert!(!next(&root));

    click(&root, "button.page-next");
    tick().await;
    assert_eq!(page.get_untracked(), 2);
    assert_eq!(text(&root, ".page-info"), "Trang 2/3");
    assert!(!prev(&root));

    click(&root, "button.page-next");
    tick().await;
    assert_eq!(text(&root, ".page-info"), "Trang 3/3");
    assert!(next(&root), "no next page on the last page");
    // A click on a disabled button does nothing.
    click(&root, "button.page-next");
    tick().await;
    assert_eq!(page.get_untracked(), 3);

    click(&root, "button.page-prev");
    tick().await;
    assert_eq!(page.get_untracked(), 2);

    let select = find(&root, ".per-page select").unchecked_into::<web_sys::HtmlSelectElement>();
    assert_eq!(select.value(), "20");
    select.set_value("50");
    let change = web_sys::Event::new("change").expect("event");
    select.dispatch_event(&change).expect("dispatch");
    tick().await;
    assert_eq!(per_page.get_untracked(), 50);
}

#[wasm_bindgen_test]
async fn toast_region_announces_messages() {
    let root = container();
    let toasts = Rc::new(Cell::new(None));
    let handle = toasts.clone();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        vietnamese();
        handle.set(Some(provide_toasts()));
        view! { <ToastRegion/> }
    });
    tick().await;
    let toasts = toasts.get().expect("toasts provided");
    let region = find(&root, ".toast-region");
    assert_eq!(region.get_attribute("aria-live").as_deref(), Some("polite"));
    assert_eq!(region.text_content().unwrap_or_default().trim(), "");

    toasts.push(ToastKind::Success, "Đã lưu bài viết.");
    tick().await;
    assert!(text(&root, ".toast-region").contains("Đã lưu bài viết."));
    assert!(query_all(&root, ".toast-region [role='alert']").is_empty());

    let id = toasts.push(ToastKind::Error, "Không lưu được.");
    tick().await;
    let alerts = query_all(&root, ".toast-region [role='alert']");
    assert_eq!(alerts.len(), 1, "errors are alerts");
    assert!(alerts[0]
        .text_content()
        .unwrap_or_default()
        .contains("Không lưu được."));

    toasts.dismiss(id);
    tick().await;
    assert!(!text(&root, ".toast-region").contains("Không lưu được."));
    assert_eq!(query_all(&root, ".toast").len(), 1);
}

#[wasm_bindgen_test]
async fn error_state_explains_and_retries() {
    let root = container();
    let retries = RwSignal::new(0);
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        vietnamese();
        view! { <ErrorState error=ApiError::Network on_retry=move |_| retries.update(|n| *n += 1)/> }
    });
    tick().await;
    assert_eq!(
        find(&root, ".state-error").get_attribute("role").as_deref(),
        Some("alert")
    );
    assert!(text(&root, ".state-error").contains("Không kết nối được máy chủ"));
    assert_eq!(text(&root, "button.retry"), "Thử lại");
    assert_eq!(retries.get_untracked(), 0);
    click(&root, "button.retry");
    click(&root, "button.retry");
    tick().await;
    assert_eq!(retries.get_untracked(), 2);
}

thread_local! {
    /// Loads of the flaky resource so far; the first fails.
    static LOADS: Cell<u32> = const { Cell::new(0) };
}

/// A resource that answers after a moment: a network error the first time, a value after.
async fn flaky_load() -> Result<String, ApiError> {
    let attempt = LOADS.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    gloo_timers::future::TimeoutFuture::new(50).await;
    if attempt == 1 {
        Err(ApiError::Network)
    } else {
        Ok(format!("Lần tải {attempt}"))
    }
}

#[wasm_bindgen_test]
async fn a_resource_shows_its_skeleton_then_its_error_then_after_a_retry_its_value() {
    LOADS.with(|n| n.set(0));
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        vietnamese();
        let resource = LocalResource::new(flaky_load);
        view! {
            <Loaded resource=resource skeleton=|| view! { <SkeletonBlock lines=2/> } let:value>
                <p class="loaded">{value}</p>
            </Loaded>
        }
    });
    tick().await;
    assert_eq!(query_all(&root, ".skeleton-block .skeleton-bar").len(), 2);
    assert!(query_all(&root, ".state-error").is_empty());

    wait_for("the error", || !query_all(&root, ".state-error").is_empty()).await;
    assert!(text(&root, ".state-error").contains("Không kết nối được máy chủ"));
    assert!(query_all(&root, ".skeleton-block").is_empty());
    assert!(query_all(&root, ".loaded").is_empty());
    assert_eq!(LOADS.with(Cell::get), 1);

    click(&root, ".state-error button.retry");
    wait_for("the value", || !query_all(&root, ".loaded").is_empty()).await;
    assert_eq!(LOADS.with(Cell::get), 2);
    assert_eq!(text(&root, ".loaded"), "Lần tải 2");
    assert!(query_all(&root, ".state-error").is_empty());
}

thread_local! {
    /// Downloads of the flaky chunk so far; the first two fail.
    static CHUNK_ATTEMPTS: Cell<u32> = const { Cell::new(0) };
}

/// A page whose chunk fails to download twice, then arrives.
fn flaky_chunk() -> PageFuture {
    Box::pin(async {
        let attempt = CHUNK_ATTEMPTS.with(|n| {
            n.set(n.get() + 1);
            n.get()
        });
        if attempt <= 2 {
            Err(ChunkError)
        } else {
            Ok(view! { <h1 class="arrived">"Thống kê truy cập"</h1> }.into_any())
        }
    })
}

#[wasm_bindgen_test]
async fn a_page_whose_code_did_not_download_says_so_and_retries_in_place() {
    CHUNK_ATTEMPTS.with(|n| n.set(1)); // the route's own attempt failed
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        vietnamese();
        view! { <PageLoadFailed load=flaky_chunk/> }
    });
    tick().await;
    assert_eq!(
        find(&root, ".page-load-failed")
            .get_attribute("role")
            .as_deref(),
        Some("alert")
    );
    assert_eq!(text(&root, ".state-title"), "Không tải được trang này");
    assert!(text(&root, ".state-hint").contains("Kiểm tra kết nối mạng"));
    assert_eq!(text(&root, "button.reload"), "Tải lại trang");

    // The network is still down: the same notice again, nothing crashed.
    click(&root, "button.retry");
    for _ in 0..3 {
        tick().await;
    }
    assert_eq!(CHUNK_ATTEMPTS.with(Cell::get), 2);
    assert_eq!(text(&root, "button.retry"), "Thử lại");

    // Back online: the page replaces the notice.
    click(&root, "button.retry");
    for _ in 0..3 {
        tick().await;
    }
    assert_eq!(CHUNK_ATTEMPTS.with(Cell::get), 3);
    assert_eq!(text(&root, "h1.arrived"), "Thống kê truy cập");
    assert!(query_all(&root, ".page-load-failed").is_empty());
}

#[wasm_bindgen_test]
async fn navigation_progress_shows_only_when_the_next_page_is_slow() {
    let root = container();
    let routing = RwSignal::new(false);
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        vietnamese();
        view! { <NavigationProgress active=routing/> }
    });
    tick().await;
    let active = || query_all(&root, ".navigation-progress.active").len();
    assert_eq!(active(), 0);

    // A quick page change: nothing shows.
    routing.set(true);
    tick().await;
    routing.set(false);
    gloo_timers::future::TimeoutFuture::new(250).await;
    assert_eq!(active(), 0);

    // A slow one: the bar, and "loading" for screen readers, until the page is there.
    routing.set(true);
    gloo_timers::future::TimeoutFuture::new(250).await;
    assert_eq!(active(), 1);
    assert_eq!(text(&root, ".navigation-progress"), "Đang tải trang…");
    routing.set(false);
    tick().await;
    assert_eq!(active(), 0);
    assert_eq!(text(&root, ".navigation-progress"), "");
}

#[wasm_bindgen_test]
async fn empty_state_says_what_to_do_next() {
    let root = container();
    let cleared = RwSignal::new(false);
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <EmptyState title="Không có bài viết nào khớp bộ lọc".to_string() hint="Thử bỏ bớt điều kiện lọc.".to_string()>
                <button class="clear-filters" on:click=move |_| cleared.set(true)>"Xoá bộ lọc"</button>
            </EmptyState>
        }
    });
    tick().await;
    assert_eq!(
        text(&root, ".state-title"),
        "Không có bài viết nào khớp bộ lọc"
    );
    assert_eq!(text(&root, ".state-hint"), "Thử bỏ bớt điều kiện lọc.");
    click(&root, "button.clear-filters");
    tick().await;
    assert!(cleared.get_untracked());
}

#[wasm_bindgen_test]
async fn sort_header_tells_its_order_and_reports_clicks() {
    let root = container();
    let sort = RwSignal::new(Sort::default());
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        vietnamese();
        view! {
            <table>
                <thead>
                    <tr>
                        <SortHeader key=SortKey::Title label=ArticleMsg::ColTitle sort=sort on_sort=move |k| sort.update(|s| *s = s.toggled(k))/>
                        <SortHeader key=SortKey::UpdatedAt label=ArticleMsg::ColUpdated sort=sort on_sort=move |k| sort.update(|s| *s = s.toggled(k))/>
                    </tr>
                </thead>
            </table>
        }
    });
    tick().await;
    let aria = |key: &str| {
        find(&root, &format!("th[data-sort-key='{key}']"))
            .get_attribute("aria-sort")
            .unwrap_or_default()
    };
    assert_eq!(aria("title"), "none");
    assert_eq!(aria("updated_at"), "descending");
    click(&root, "th[data-sort-key='title'] button");
    tick().await;
    assert_eq!(aria("title"), "ascending");
    assert_eq!(aria("updated_at"), "none");
    click(&root, "th[data-sort-key='title'] button");
    tick().await;
    assert_eq!(aria("title"), "descending");
}

#[wasm_bindgen_test]
async fn language_switch_changes_labels_and_html_lang() {
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        let i18n = vietnamese();
        view! {
            <LangSwitch/>
            <h1 class="label">{move || i18n.t(Msg::NavArticles)}</h1>
        }
    });
    tick().await;
    let html_lang = || {
        document()
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
            .unwrap_or_default()
    };
    assert_eq!(text(&root, ".label"), "Bài viết");
    assert_eq!(text(&root, "button.lang-switch"), "English");
    assert_eq!(html_lang(), "vi");

    click(&root, "button.lang-switch");
    tick().await;
    assert_eq!(text(&root, ".label"), "Articles");
    assert_eq!(text(&root, "button.lang-switch"), "Tiếng Việt");
    assert_eq!(html_lang(), "en");
    let stored = window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item("portal-admin.lang").ok().flatten());
    assert_eq!(stored.as_deref(), Some("en"));

    click(&root, "button.lang-switch");
    tick().await;
    assert_eq!(text(&root, ".label"), "Bài viết");
    assert_eq!(html_lang(), "vi");
}
