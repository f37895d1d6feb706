//! The frame around every logged-in page: skip link, top bar, side navigation, main area.

use crate::api;
use crate::components::states::ErrorState;
use crate::components::toast::{use_toasts, ToastKind};
use crate::i18n::{role_label, use_i18n, Msg};
use crate::nav::{is_current, login_path_with_next, visible_entries};
use crate::session::{use_session, SessionState};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

/// What the shell shows, without the session's details (so that they do not re-render it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Checking,
    LoggedOut,
    Unreachable,
    Active,
}

/// The layout route: checks the session, sends visitors to the login page (with `next`), and
/// frames the matched page.
#[component]
pub fn Shell() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let location = use_location();
    let navigate = use_navigate();
    let phase = Memo::new(move |_| match session.state.get() {
        SessionState::Checking => Phase::Checking,
        SessionState::Anonymous | SessionState::SignedOut => Phase::LoggedOut,
        SessionState::Unreachable(_) => Phase::Unreachable,
        SessionState::Active(_) => Phase::Active,
    });

    Effect::new(move |_| {
        let target = match session.state.get() {
            SessionState::Anonymous => {
                // The router's `search` has no leading `?`.
                let search = location.search.get_untracked();
                let search = search.trim_start_matches('?');
                let mut here = location.pathname.get_untracked();
                if !search.is_empty() {
                    here.push('?');
                    here.push_str(search);
                }
                login_path_with_next(&here)
            }
            SessionState::SignedOut => "/login".to_string(),
            _ => return,
        };
        navigate(
            &target,
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    });

    let menu_open = RwSignal::new(false);
    // Any navigation closes the small-screen menu.
    Effect::new(move |_| {
        location.pathname.track();
        menu_open.set(false);
    });
    // When the app changes page, the keyboard focus is put on the new content, as a full page
    // load would put the reader there: otherwise it stays on the link just used, or on a node
    // that no longer exists (after login) and the next Tab leaves the page. A fresh page load
    // keeps the browser's own order, whose first stop is the skip link.
    Effect::new(move |prev: Option<String>| {
        let path = location.pathname.get();
        let moved = prev.is_some_and(|p| p != path);
        let arrived = moved || ARRIVING_FROM_LOGIN.with(|f| f.replace(false));
        if arrived && phase.get_untracked() == Phase::Active {
            set_timeout(focus_main, std::time::Duration::ZERO);
        }
        path
    });

    move || match phase.get() {
        Phase::Checking | Phase::LoggedOut => view! {
            <div class="splash" role="status">
                <p>{i18n.tr(Msg::CheckingSession)}</p>
            </div>
        }
        .into_any(),
        Phase::Unreachable => {
            let error = Signal::derive(move || match session.state.get() {
                SessionState::Unreachable(e) => e,
                _ => api::ApiError::Network,
            });
            view! {
                <main id="main" class="splash">
                    <ErrorState
                        error=error
                        title=Signal::derive(move || i18n.t(Msg::ServerUnreachableTitle).to_string())
                        on_retry=move |_| session.check()
                    />
                </main>
            }
            .into_any()
        }
        Phase::Active => view! {
            <SkipLink/>
            <div class="app-shell" class:menu-open=move || menu_open.get()>
                <TopBar menu_open=menu_open/>
                <MainNav open=menu_open/>
                <main id="main" class="main" tabindex="-1">
                    <Outlet/>
                </main>
            </div>
        }
        .into_any(),
    }
}

thread_local! {
    static ARRIVING_FROM_LOGIN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Called by the login page before it navigates into the app: the shell then moves the focus
/// to the content it opens.
pub fn focus_content_on_arrival() {
    ARRIVING_FROM_LOGIN.with(|f| f.set(true));
}

/// Puts the keyboard focus on `main#main` (it has `tabindex="-1"`).
fn focus_main() {
    if let Some(main) = document()
        .get_element_by_id("main")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = main.focus();
    }
}

/// "Skip to main content": the first stop of the keyboard.
#[component]
pub fn SkipLink() -> impl IntoView {
    let i18n = use_i18n();
    let skip = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        focus_main();
    };
    view! {
        <a class="skip-link" href="#main" on:click=skip>
            {i18n.tr(Msg::SkipToContent)}
        </a>
    }
}

/// App name, the user and their roles, language switch, logout; the menu button on small
/// screens.
#[component]
pub fn TopBar(menu_open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let toasts = use_toasts();
    let logging_out = RwSignal::new(false);
    let full_name = move || session.info().map(|s| s.user.full_name).unwrap_or_default();
    let roles = move || {
        let lang = i18n.lang();
        session
            .info()
            .map(|s| {
                s.user
                    .roles
                    .iter()
                    .map(|r| role_label(*r, lang))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default()
    };
    let logout = move |_| {
        logging_out.set(true);
        spawn_local(async move {
            match api::session::logout().await {
                Ok(()) => {
                    toasts.push(ToastKind::Info, i18n.t_untracked(Msg::LoggedOut));
                    session.state.set(SessionState::SignedOut);
                }
                Err(e) if e.is_unauthenticated() => session.state.set(SessionState::SignedOut),
                Err(e) => {
                    toasts.push_error(&e, i18n.lang_untracked());
                }
            }
            let _ = logging_out.try_set(false);
        });
    };
    view! {
        <header class="top-bar">
            <button
                type="button"
                class="menu-toggle"
                aria-controls="main-nav"
                aria-expanded=move || menu_open.get().to_string()
                on:click=move |_| menu_open.update(|o| *o = !*o)
            >
                <span class="menu-icon" aria-hidden="true"></span>
                <span>
                    {move || {
                        if menu_open.get() { i18n.t(Msg::MenuClose) } else { i18n.t(Msg::Menu) }
                    }}
                </span>
            </button>
            <a class="app-name" href="/">{i18n.tr(Msg::AppName)}</a>
            <div class="user-box">
                <span class="visually-hidden">{i18n.tr(Msg::SignedInAs)}": "</span>
                <span class="user-name">{full_name}</span>
                <span class="user-meta">
                    <span class="user-roles">
                        <span class="visually-hidden">{i18n.tr(Msg::RolesLabel)}": "</span>
                        {roles}
                    </span>
                    <a class="user-account" href="/account" data-action="account">
                        {i18n.tr(Msg::AccountLink)}
                    </a>
                </span>
            </div>
            <div class="top-actions">
                <LangSwitch/>
                <button
                    type="button"
                    class="button button-quiet logout"
                    disabled=move || logging_out.get()
                    on:click=logout
                >
                    {move || {
                        if logging_out.get() { i18n.t(Msg::LoggingOut) } else { i18n.t(Msg::Logout) }
                    }}
                </button>
            </div>
        </header>
    }
}

/// Switches the interface between Vietnamese and English; shows the language it offers.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            class="button button-quiet lang-switch"
            lang=move || i18n.lang().other().code()
            aria-label=i18n.tr(Msg::LangSwitchLabel)
            on:click=move |_| i18n.set_lang(i18n.lang().other())
        >
            {i18n.tr(Msg::LangSwitch)}
        </button>
    }
}

/// The side navigation: only the entries the session's permissions allow.
#[component]
pub fn MainNav(
    /// Whether the menu is unfolded on small screens.
    #[prop(optional, into)]
    open: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let location = use_location();
    let entries = Memo::new(move |_| visible_entries(&session.permissions()));
    view! {
        <nav
            id="main-nav"
            class="main-nav"
            class:open=move || open.get()
            aria-label=i18n.tr(Msg::MainNavLabel)
        >
            <ul>
                <For each=move || entries.get() key=|e| e.key let:entry>
                    <li>
                        <a
                            href=entry.path
                            data-nav=entry.key
                            aria-current=move || {
                                is_current(entry.path, &location.pathname.get()).then_some("page")
                            }
                        >
                            {move || i18n.t(entry.label)}
                        </a>
                    </li>
                </For>
            </ul>
        </nav>
    }
}
