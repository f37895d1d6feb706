//! Pages whose code the browser downloads only when they are first opened.
//!
//! The release build (`cargo xtask run`) compiles with `--cfg portal_split`: each page declared
//! with [`lazy_pages!`] becomes a `wasm_split` split point (Leptos re-exports the
//! `wasm_split_helpers` crate as `leptos::wasm_split`), and xtask's split step moves its code
//! into a chunk of its own. Every other build (`trunk serve`, the browser tests, clippy) has no
//! split step, so there the pages are plain `async fn`s and everything is in one module.
//!
//! A chunk that fails to download (the network is down, a slow link dropped) must not abort the
//! app: the split points are `fallible`, and the page then shows [`PageLoadFailed`] with a
//! "Thử lại" button that tries the download again. (Leptos's own `#[lazy]` and `#[lazy_route]`
//! are not fallible: a failed download panics, which aborts the whole module.)
//!
//! ```ignore
//! lazy_pages! {
//!     stats { STATS => StatsPage },
//! }
//! view! { <Route path=path!("stats") view=STATS/> }
//! ```

use crate::i18n::{use_i18n, Msg};
use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;
use std::future::Future;
use std::pin::Pin;

/// A page's chunk could not be downloaded (the browser console says why).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkError;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkError
    }
}

/// A page being built, once its chunk is downloaded.
pub type PageFuture = Pin<Box<dyn Future<Output = Result<AnyView, ChunkError>>>>;

/// Downloads a page's chunk (once; a failed download is not remembered) and builds the page.
pub type PageLoad = fn() -> PageFuture;

/// Only downloads a page's chunk (the failure, if any, shows when the page is built).
pub type ChunkPreload = fn() -> Pin<Box<dyn Future<Output = ()>>>;

/// The view of a route whose page is in a chunk: the router downloads the chunk while the
/// current page stays on screen (`preload`), then builds the page (`choose`). One type for all
/// such routes, so the router's code is compiled once for them rather than once per page.
#[derive(Clone, Copy)]
pub struct LazyPage {
    load: PageLoad,
    preload: ChunkPreload,
}

impl LazyPage {
    pub const fn new(load: PageLoad, preload: ChunkPreload) -> Self {
        Self { load, preload }
    }
}

impl leptos_router::ChooseView for LazyPage {
    async fn choose(self) -> AnyView {
        open_page(self.load).await
    }

    async fn preload(&self) {
        (self.preload)().await
    }
}

/// Declares lazily loaded pages, grouped by chunk: `chunk { ROUTE => PageComponent, … }`.
///
/// For each page it defines the constant `ROUTE`, a [`LazyPage`] to use as `view=ROUTE`.
/// Pages listed under the same chunk name share one chunk. The page components are named from
/// `crate::pages`.
macro_rules! lazy_pages {
    ($($chunk:ident { $($route:ident => $page:ident),+ $(,)? }),* $(,)?) => {
        $($(
            #[doc = concat!("The route of [`crate::pages::", stringify!($page), "`] (chunk `",
                stringify!($chunk), "`).")]
            pub const $route: $crate::lazy::LazyPage = $crate::lazy::LazyPage::new(
                || ::std::boxed::Box::pin(split_points::$page()),
                || ::std::boxed::Box::pin(async {
                    let _ = split_points::$route().await;
                }),
            );
        )+)*

        /// One function per page that builds it, and one (named like the route) that only
        /// downloads its chunk.
        #[allow(non_snake_case)]
        mod split_points {
            use $crate::lazy::ChunkError;
            use ::leptos::prelude::*;

            $($(
                #[cfg(portal_split)]
                #[::leptos::wasm_split::wasm_split(
                    $chunk,
                    wasm_split_path = ::leptos::wasm_split,
                    fallible,
                    preload(#[allow(non_snake_case)] $route)
                )]
                pub fn $page() -> Result<AnyView, ChunkError> {
                    Ok(view! { <crate::pages::$page/> }.into_any())
                }

                #[cfg(not(portal_split))]
                pub async fn $page() -> Result<AnyView, ChunkError> {
                    Ok(view! { <crate::pages::$page/> }.into_any())
                }

                #[cfg(not(portal_split))]
                pub async fn $route() -> Result<(), ::leptos::wasm_split::SplitLoaderError> {
                    Ok(())
                }
            )+)*
        }
    };
}

pub(crate) use lazy_pages;

/// The page `load` builds, or [`PageLoadFailed`] when its chunk could not be downloaded.
pub async fn open_page(load: PageLoad) -> AnyView {
    match load().await {
        Ok(page) => page,
        Err(_) => view! { <PageLoadFailed load=load/> }.into_any(),
    }
}

/// A new build replaces the chunks of the old one: a tab still running the old one gets its
/// chunks only after loading the app again.
fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// Where a retry of a chunk download stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Retry {
    Failed,
    Loading,
    Loaded,
}

/// The page's code did not arrive: says so in the interface language, with a "Thử lại" button
/// that downloads it again and shows the page in place when it arrives, and one that loads
/// the app again.
#[component]
pub fn PageLoadFailed(load: PageLoad) -> impl IntoView {
    let i18n = use_i18n();
    let state = RwSignal::new(Retry::Failed);
    let page = StoredValue::new_local(None::<AnyView>);
    // The page is built under this component's owner (not the button's, which goes when the
    // notice does), so it reads the same contexts (session, route parameters) and is dropped
    // with the route; leaving the route also cancels a download under way.
    let owner = Owner::current().unwrap_or_default();
    let retry = move |_| {
        state.set(Retry::Loading);
        owner.with(|| {
            spawn_local_scoped_with_cancellation(async move {
                match load().await {
                    Ok(view) => {
                        page.set_value(Some(view));
                        state.set(Retry::Loaded);
                    }
                    Err(_) => state.set(Retry::Failed),
                }
            })
        });
    };
    move || match state.get() {
        Retry::Loaded => page
            .try_update_value(Option::take)
            .flatten()
            .unwrap_or_else(|| ().into_any()),
        retry_state => view! {
            <div class="state state-error page-load-failed" role="alert">
                <p class="state-title">{i18n.tr(Msg::PageLoadFailedTitle)}</p>
                <p class="state-hint">{i18n.tr(Msg::PageLoadFailedHint)}</p>
                <div class="state-actions">
                    <button
                        type="button"
                        class="button retry"
                        disabled=retry_state == Retry::Loading
                        on:click=retry.clone()
                    >
                        {i18n.tr(if retry_state == Retry::Loading {
                            Msg::Loading
                        } else {
                            Msg::Retry
                        })}
                    </button>
                    <button type="button" class="button button-quiet reload" on:click=|_| reload()>
                        {i18n.tr(Msg::ReloadPage)}
                    </button>
                </div>
            </div>
        }
        .into_any(),
    }
}
