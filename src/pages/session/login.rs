//! `/login`: username and password; afterwards back to `next`.

use crate::api::{self, ApiError};
use crate::components::LangSwitch;
use crate::i18n::{fill, use_i18n, Lang, Msg};
use crate::nav::safe_next;
use crate::pages::use_page_title;
use crate::session::use_session;
use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// Why the login did not go through.
#[derive(Debug, Clone, PartialEq)]
enum LoginProblem {
    MissingFields,
    Refused(ApiError),
}

/// The message for a refused login: wrong credentials and throttling get their own words;
/// anything else (server down…) the error's own message.
pub fn login_error_message(error: &ApiError, lang: Lang) -> String {
    match error.status() {
        Some(401) => Msg::LoginWrong.text(lang).to_string(),
        Some(429) => {
            let mut text = Msg::TooManyAttempts.text(lang).to_string();
            if let Some(seconds) = error.retry_after() {
                text.push(' ');
                text.push_str(&fill(
                    Msg::RetryAfter.text(lang),
                    &[("seconds", &seconds.to_string())],
                ));
            }
            text
        }
        _ => error.message(lang),
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let query = use_query_map();
    let navigate = use_navigate();
    use_page_title(Msg::LoginTitle);

    let next = Memo::new(move |_| query.with(|q| safe_next(q.get_str("next"))));
    // Logged in (already at start-up, or just now): go where the user was heading.
    Effect::new(move |_| {
        if session.is_active() {
            crate::components::layout::focus_content_on_arrival();
            navigate(
                &next.get_untracked(),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });

    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<LoginProblem>);
    let login = Action::new_local(move |(user, pass): &(String, String)| {
        let (user, pass) = (user.clone(), pass.clone());
        async move { api::session::login(&user, &pass).await }
    });
    let submitting = login.pending();
    Effect::new(move |_| match login.value().get() {
        Some(Ok(info)) => {
            password.set(String::new());
            session.set_active(info);
        }
        Some(Err(e)) => problem.set(Some(LoginProblem::Refused(e))),
        None => {}
    });

    let username_input = NodeRef::<html::Input>::new();
    Effect::new(move |_| {
        if let Some(input) = username_input.get() {
            let _ = input.focus();
        }
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if submitting.get_untracked() {
            return;
        }
        let user = username.get_untracked().trim().to_string();
        let pass = password.get_untracked();
        if user.is_empty() || pass.is_empty() {
            problem.set(Some(LoginProblem::MissingFields));
            return;
        }
        problem.set(None);
        login.dispatch_local((user, pass));
    };

    let error_text = move || {
        problem.get().map(|p| match p {
            LoginProblem::MissingFields => i18n.t(Msg::LoginRequired).to_string(),
            LoginProblem::Refused(e) => login_error_message(&e, i18n.lang()),
        })
    };

    view! {
        <div class="login-page">
            <div class="login-lang">
                <LangSwitch/>
            </div>
            <main id="main" class="login-card" tabindex="-1">
                <p class="login-app-name">{i18n.tr(Msg::AppName)}</p>
                <h1>{i18n.tr(Msg::LoginTitle)}</h1>
                <p class="login-intro">{i18n.tr(Msg::LoginIntro)}</p>
                <form class="login-form" on:submit=on_submit novalidate=true>
                    <div class="field">
                        <label for="login-username">{i18n.tr(Msg::Username)}</label>
                        <input
                            id="login-username"
                            name="username"
                            type="text"
                            autocomplete="username"
                            autocapitalize="none"
                            spellcheck="false"
                            required=true
                            node_ref=username_input
                            aria-invalid=move || problem.get().is_some().to_string()
                            aria-describedby="login-error"
                            prop:value=move || username.get()
                            on:input=move |ev| username.set(event_target_value(&ev))
                        />
                    </div>
                    <div class="field">
                        <label for="login-password">{i18n.tr(Msg::Password)}</label>
                        <input
                            id="login-password"
                            name="password"
                            type="password"
                            autocomplete="current-password"
                            required=true
                            aria-invalid=move || problem.get().is_some().to_string()
                            aria-describedby="login-error"
                            prop:value=move || password.get()
                            on:input=move |ev| password.set(event_target_value(&ev))
                        />
                    </div>
                    <p id="login-error" class="form-error" role="alert">
                        {error_text}
                    </p>
                    <button
                        type="submit"
                        class="button button-primary"
                        disabled=move || submitting.get()
                        aria-busy=move || submitting.get().to_string()
                    >
                        {move || {
                            if submitting.get() {
                                i18n.t(Msg::LoggingIn)
                            } else {
                                i18n.t(Msg::LoginSubmit)
                            }
                        }}
                    </button>
                </form>
            </main>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_credentials_and_throttling_have_their_own_words() {
        let wrong = ApiError::from_response(401, "", None);
        assert_eq!(
            login_error_message(&wrong, Lang::Vi),
            "Tên đăng nhập hoặc mật khẩu không đúng."
        );
        let slow = ApiError::from_response(429, "", Some("42"));
        assert_eq!(
            login_error_message(&slow, Lang::Vi),
            "Bạn đã thử đăng nhập quá nhiều lần. Vui lòng thử lại sau 42 giây."
        );
        assert!(login_error_message(&ApiError::Network, Lang::Vi)
            .starts_with("Không kết nối được máy chủ"));
    }
}
