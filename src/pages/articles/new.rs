//! `/articles/new`: the short form that creates an article, then opens it in the editor.

use crate::api::{self, ApiError};
use crate::form::{error_id, focus_first_invalid, FieldMessages};
use crate::i18n::{kind_label, use_i18n};
use crate::pages::articles::strings::ArticleMsg;
use crate::pages::{use_page_title, RequirePermission};
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use portal_contract::{validate_fields, FieldError, Kind, Language, NewArticle, Permission};

// /articles/new
// ---------------------------------------------------------------------------------------------

#[component]
pub fn NewArticlePage() -> impl IntoView {
    view! {
        <RequirePermission permission=Permission::ArticlesCreate>
            <NewArticleForm/>
        </RequirePermission>
    }
}

#[component]
fn NewArticleForm() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(ArticleMsg::EdNewTitle);
    let navigate = use_navigate();
    let title = RwSignal::new(String::new());
    let kind = RwSignal::new(Kind::News);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let on_submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let new = NewArticle {
            title: title.get_untracked().trim().to_string(),
            lead: String::new(),
            body: vec![],
            section: String::new(),
            topics: vec![],
            kind: kind.get_untracked(),
            authors: vec![],
            source: String::new(),
            cover: None,
            channels: vec![],
            language: Language::Vi,
            model_example: false,
            scheduled_at: None,
        };
        let found = validate_fields(&new.title, "", &[], "", "", &[], None);
        errors.set(found.clone());
        if !found.is_empty() {
            focus_first_invalid("body");
            return;
        }
        busy.set(true);
        failure.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::articles::create(&new).await {
                Ok(a) => navigate(&format!("/articles/{}", a.id), Default::default()),
                Err(e) => {
                    if let ApiError::Problem { problem, .. } = &e {
                        errors.set(problem.errors.clone());
                    }
                    failure.set(Some(e.message(i18n.lang_untracked())));
                    busy.set(false);
                }
            }
        });
    };
    let errs: Signal<Vec<FieldError>> = errors.into();
    view! {
        <div class="page page-new-article">
            <p class="breadcrumb">
                <a href="/articles">{i18n.tr(ArticleMsg::BackToArticles)}</a>
            </p>
            <h1>{i18n.tr(ArticleMsg::EdNewTitle)}</h1>
            <form class="editor-new" on:submit=on_submit novalidate>
                <div class="field">
                    <label for="new-kind">{i18n.tr(ArticleMsg::FieldKind)}</label>
                    <select
                        id="new-kind"
                        on:change=move |ev| {
                            if let Some(k) = Kind::parse(&event_target_value(&ev)) {
                                kind.set(k);
                            }
                        }
                    >
                        {Kind::ALL
                            .iter()
                            .map(|k| {
                                let k = *k;
                                view! {
                                    <option value=k.as_str() selected=move || kind.get() == k>
                                        {move || kind_label(k, i18n.lang())}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="new-title">{i18n.tr(ArticleMsg::EdTitle)}</label>
                    <input
                        id="new-title"
                        type="text"
                        maxlength="300"
                        required
                        prop:value=title
                        on:input=move |ev| title.set(event_target_value(&ev))
                        aria-invalid=move || has_errors(&errs.get(), "title").then_some("true")
                        aria-describedby=error_id("ed", "title")
                    />
                    <FieldMessages errors=errs id=error_id("ed", "title") field="title"/>
                </div>
                <p class="form-error" role="alert">{move || failure.get()}</p>
                <button type="submit" class="button button-primary" disabled=busy>
                    {move || if busy.get() { i18n.t(ArticleMsg::EdCreating) } else { i18n.t(ArticleMsg::EdCreate) }}
                </button>
            </form>
        </div>
    }
}

pub(crate) fn has_errors(errors: &[FieldError], field: &str) -> bool {
    errors.iter().any(|e| e.field == field)
}

// ---------------------------------------------------------------------------------------------
