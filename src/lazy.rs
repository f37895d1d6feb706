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
//! "Thử lại" button that tries the download again.
//!
//! ```ignore
//! lazy_pages! {
//!     stats { StatsRoute => StatsPage },
//! }
//! view! { <Route path=path!("stats") view=Lazy::<StatsRoute>::new()/> }
//! ```

use crate::i18n::{use_i18n, Msg};
use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;
use std::future::Future;
use std::pin::Pin;

/// A failed chunk download (details are in the browser console).
pub type ChunkError = leptos::wasm_split::SplitLoaderError;

/// A page being built, once its chunk is downloaded.
pub type PageFuture = Pin<Box<dyn Future<Output = Result<AnyView, ChunkError>>>>;

/// Downloads a page's chunk (once; a failed download is not remembered) and builds the page.
pub type PageLoad = fn() -> PageFuture;

/// Declares lazily loaded pages, grouped by chunk: `chunk { RouteType => PageComponent, … }`.
///
/// For each page it defines `RouteType`, a [`leptos_router::LazyRoute`] to use as
/// `view=Lazy::<RouteType>::new()`. Pages listed under the same chunk name share one chunk.
/// The page components are named from `crate::pages`.
macro_rules! lazy_pages {
    ($($chunk:ident { $($route:ident => $page:ident),+ $(,)? }),* $(,)?) => {
        $($(
            #[doc = concat!("The route of [`crate::pages::", stringify!($page), "`] (chunk `",
                stringify!($chunk), "`).")]
            pub struct $route;

            impl ::leptos_router::LazyRoute for $route {
                fn data() -> Self {
                    $route
                }

                async fn view(_: Self) -> ::leptos::prelude::AnyView {
                    $crate::lazy::open_page(|| -> $crate::lazy::PageFuture {
                        ::std::boxed::Box::pin(split_points::$page())
                    })
                    .await
                }

                async fn preload() {
                    // A failure shows when the view loads the chunk again.
                    let _ = split_points::$route().await;
                }
            }
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
                pub async fn $route() -> Result<(), ChunkError> {
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

/// Where a retry of a chunk download stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Retry {
    Failed,
    Loading,
    Loaded,
}

/// The page's code did not arrive: says so in the interface language, with a "Thử lại" button
/// that downloads it again and shows the page in place when it arrives.
#[component]
pub fn PageLoadFailed(load: PageLoad) -> impl IntoView {
    let i18n = use_i18n();
    let state = RwSignal::new(Retry::Failed);
    let page = StoredValue::new_local(None::<AnyView>);
    let retry = move |_| {
        state.set(Retry::Loading);
        // Scoped: the page is built under this component's owner, so it reads the same
        // contexts (session, route parameters) and is dropped with it.
        spawn_local_scoped_with_cancellation(async move {
            match load().await {
                Ok(view) => {
                    page.set_value(Some(view));
                    state.set(Retry::Loaded);
                }
                Err(_) => state.set(Retry::Failed),
            }
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
                        on:click=retry
                    >
                        {i18n.tr(if retry_state == Retry::Loading {
                            Msg::Loading
                        } else {
                            Msg::Retry
                        })}
                    </button>
                </div>
            </div>
        }
        .into_any(),
    }
}
