//! The designed states of every list and page: loading, empty, error, forbidden; a resource
//! through all three of loading, error-with-retry and loaded; and the bar that says the next
//! page is on its way.

use crate::api::ApiError;
use crate::i18n::{use_i18n, Msg};
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// Grey placeholder rows of a table while its data loads.
///
/// ```ignore
/// view! { <table><tbody><SkeletonRows rows=5 columns=4/></tbody></table> }
/// ```
#[component]
pub fn SkeletonRows(
    #[prop(default = 5)] rows: usize,
    #[prop(default = 4)] columns: usize,
) -> impl IntoView {
    (0..rows)
        .map(|_| {
            view! {
                <tr class="skeleton-row" aria-hidden="true">
                    {(0..columns)
                        .map(|_| view! { <td><span class="skeleton-bar"></span></td> })
                        .collect_view()}
                </tr>
            }
        })
        .collect_view()
}

/// A block of placeholder lines for content that is not a table; announces "loading".
#[component]
pub fn SkeletonBlock(#[prop(default = 3)] lines: usize) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="skeleton-block" role="status">
            <span class="visually-hidden">{i18n.tr(Msg::Loading)}</span>
            {(0..lines)
                .map(|_| view! { <span class="skeleton-bar" aria-hidden="true"></span> })
                .collect_view()}
        </div>
    }
}

/// Nothing to show: says so, and what to do next (`children`, e.g. a "clear filters" button).
#[component]
pub fn EmptyState(
    #[prop(into)] title: Signal<String>,
    #[prop(optional, into)] hint: MaybeProp<String>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="state state-empty" role="status">
            <p class="state-title">{title}</p>
            {move || hint.get().map(|h| view! { <p class="state-hint">{h}</p> })}
            {children.map(|c| view! { <div class="state-actions">{c()}</div> })}
        </div>
    }
}

/// The texts of an empty list: with nothing in it yet (`empty`, and a `hint` of what to do),
/// and with filters that match nothing (`filtered`, and `clear` on the button that drops them).
pub struct EmptyListTexts {
    pub empty: Signal<&'static str>,
    pub hint: Option<Signal<&'static str>>,
    pub filtered: Signal<&'static str>,
    pub clear: Signal<&'static str>,
}

/// A list with no items: [`EmptyState`] saying so, with a button that clears the filters when
/// they are why. Not generic: one copy for every list page.
pub fn empty_list(filtered: bool, texts: EmptyListTexts, clear: Callback<()>) -> AnyView {
    let EmptyListTexts {
        empty,
        hint,
        filtered: filtered_title,
        clear: clear_label,
    } = texts;
    if filtered {
        view! {
            <EmptyState title=Signal::derive(move || filtered_title.get().to_string())>
                <button type="button" class="button" on:click=move |_| clear.run(())>
                    {clear_label}
                </button>
            </EmptyState>
        }
        .into_any()
    } else {
        view! {
            <EmptyState
                title=Signal::derive(move || empty.get().to_string())
                hint=Signal::derive(move || hint.map(|h| h.get().to_string()))
            />
        }
        .into_any()
    }
}

/// Something failed: what happened, and a "Thử lại" button that calls `on_retry`.
#[component]
pub fn ErrorState(
    #[prop(into)] error: Signal<ApiError>,
    #[prop(into)] on_retry: Callback<()>,
    #[prop(optional, into)] title: MaybeProp<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="state state-error" role="alert">
            <p class="state-title">
                {move || title.get().unwrap_or_else(|| i18n.t(Msg::ErrorHeading).to_string())}
            </p>
            <p class="state-hint">{move || error.get().message(i18n.lang())}</p>
            <div class="state-actions">
                <button type="button" class="button retry" on:click=move |_| on_retry.run(())>
                    {i18n.tr(Msg::Retry)}
                </button>
            </div>
        </div>
    }
}

/// [`ErrorState`] as a view, for a match arm: one copy of it in the bundle for every page.
pub fn error_state(error: ApiError, on_retry: impl Fn() + Send + Sync + 'static) -> AnyView {
    view! { <ErrorState error=Signal::stored(error) on_retry=move |_| on_retry()/> }.into_any()
}

/// A resource in its three states: `skeleton` while it loads, [`ErrorState`] with a retry that
/// fetches it again when it failed, `children` with its value once it arrived. Inside a
/// `<Transition>`, so a refetch keeps the old value on screen.
///
/// ```ignore
/// let users = LocalResource::new(move || api::admin::users(page.get(), 20));
/// view! {
///     <Loaded resource=users skeleton=|| view! { <SkeletonRows/> } let:list>
///         <UserTable list=list/>
///     </Loaded>
/// }
/// ```
#[component]
pub fn Loaded<T, F, V>(
    resource: LocalResource<Result<T, ApiError>>,
    #[prop(optional, into)] skeleton: ViewFnOnce,
    /// Told whether a refetch is under way (the old value stays on screen meanwhile).
    #[prop(optional, into)]
    set_pending: Option<SignalSetter<bool>>,
    children: F,
) -> impl IntoView
where
    T: Clone + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let children = Arc::new(children);
    let body: LoadedBody = Arc::new(move || {
        let children = Arc::clone(&children);
        Box::pin(async move {
            match resource.await {
                Ok(value) => children(value).into_any(),
                Err(e) => error_state(e, move || resource.refetch()),
            }
        })
    });
    loaded_transition(skeleton, set_pending, body)
}

/// What [`Loaded`] awaits for its view, with the value's type erased.
type LoadedBody = Arc<dyn Fn() -> Pin<Box<dyn Future<Output = AnyView> + Send>> + Send + Sync>;

// Not generic: the bundle holds one `<Transition>` for every `<Loaded>` on every page, instead
// of one per resource type.
fn loaded_transition(
    skeleton: ViewFnOnce,
    set_pending: Option<SignalSetter<bool>>,
    body: LoadedBody,
) -> AnyView {
    Transition(TransitionProps {
        fallback: skeleton,
        set_pending,
        children: TypedChildren::to_children(move || move || Suspend::new(body())),
    })
    .into_any()
}

/// The session may not open this page (the server would refuse it anyway).
#[component]
pub fn ForbiddenState() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="state state-forbidden">
            <h1>{i18n.tr(Msg::NoPermissionTitle)}</h1>
            <p class="state-hint">{i18n.tr(Msg::NoPermissionHint)}</p>
            <p>
                <a href="/" class="button">{i18n.tr(Msg::BackToDashboard)}</a>
            </p>
        </div>
    }
}

/// A thin bar across the top of the window while the router gets the next page ready (its
/// code, in the release build, is downloaded first), so a click never seems ignored. Shown only
/// after 200 ms: quick page changes show nothing.
///
/// ```ignore
/// let routing = RwSignal::new(false);
/// view! { <Router set_is_routing=routing>…</Router> <NavigationProgress active=routing/> }
/// ```
#[component]
pub fn NavigationProgress(#[prop(into)] active: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let shown = RwSignal::new(false);
    Effect::new(move |_| {
        if active.get() {
            set_timeout(
                move || {
                    if active.get_untracked() {
                        shown.set(true);
                    }
                },
                std::time::Duration::from_millis(200),
            );
        } else {
            shown.set(false);
        }
    });
    view! {
        <div class="navigation-progress" class:active=move || shown.get() role="status">
            {move || {
                shown
                    .get()
                    .then(|| view! { <span class="visually-hidden">{i18n.tr(Msg::PageLoading)}</span> })
            }}
        </div>
    }
}
