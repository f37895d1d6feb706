//! The comments on an article.

use crate::api::{self, ApiError};
use crate::components::{use_toasts, Loaded, SkeletonBlock, ToastKind};
use crate::form::{error_id, FieldMessages};
use crate::i18n::{stage_label, use_i18n};
use crate::pages::articles::state::EditorCtx;
use crate::pages::articles::strings::ArticleMsg;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_contract::format::datetime_vn;
use portal_contract::{validate_comment, FieldError, COMMENT_MAX};

#[component]
pub fn CommentsPanel() -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let ctx = expect_context::<EditorCtx>();
    let id = ctx.article.with_untracked(|a| a.id);
    let version = Memo::new(move |_| ctx.article.with(|a| a.version));
    let comments = LocalResource::new(move || {
        version.track();
        api::articles::comments(id)
    });
    let text = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = text.get_untracked();
        let mut found = validate_comment(Some(&t), true);
        for e in &mut found {
            e.field = "text".into();
        }
        errors.set(found.clone());
        if !found.is_empty() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match api::articles::add_comment(id, t.trim()).await {
                Ok(_) => {
                    text.set(String::new());
                    comments.refetch();
                    toasts.push(
                        ToastKind::Success,
                        i18n.t_untracked(ArticleMsg::EdCommentAdded),
                    );
                }
                Err(e) => {
                    if let ApiError::Problem { problem, .. } = &e {
                        errors.set(problem.errors.clone());
                    }
                    toasts.push_error(&e, i18n.lang_untracked());
                }
            }
            busy.set(false);
        });
    };
    view! {
        <Loaded resource=comments skeleton=|| view! { <SkeletonBlock lines=4/> } let:value>
            {match value {
                list if list.is_empty() => view! { <p class="muted">{i18n.tr(ArticleMsg::EdNoComments)}</p> }.into_any(),
                list => view! {
                    <ol class="comment-list">
                        {list
                            .into_iter()
                            .map(|c| {
                                let action = c.action.clone();
                                let change = c.from_stage.zip(c.to_stage);
                                view! {
                                    <li class="comment" data-action=action.clone().unwrap_or_default()>
                                        <p class="comment-meta">
                                            <strong>{c.author_name.clone()}</strong>
                                            " · "
                                            <time datetime=c.at.to_rfc3339()>{datetime_vn(c.at)}</time>
                                            {change
                                                .map(|(f, t)| {
                                                    view! {
                                                        " · "
                                                        <span class="comment-move">
                                                            {move || format!("{} → {}", stage_label(f, i18n.lang()), stage_label(t, i18n.lang()))}
                                                        </span>
                                                    }
                                                })}
                                        </p>
                                        <p class="comment-text">{c.text.clone()}</p>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                .into_any(),
            }}
        </Loaded>
        <form class="comment-form" on:submit=submit novalidate>
            <div class="field">
                <label for="comment-text">{i18n.tr(ArticleMsg::EdCommentLabel)}</label>
                <textarea
                    id="comment-text"
                    rows="4"
                    maxlength=COMMENT_MAX.to_string()
                    required
                    prop:value=text
                    on:input=move |ev| text.set(event_target_value(&ev))
                    aria-invalid=move || (!errors.with(Vec::is_empty)).then_some("true")
                    aria-describedby=format!("comment-count {}", error_id("ed", "text"))
                ></textarea>
                <p class="field-hint" id="comment-count">
                    {move || format!("{}/{}", text.with(|t| t.chars().count()), COMMENT_MAX)}
                </p>
                <FieldMessages errors=errors id=error_id("ed", "text") field="text"/>
            </div>
            <button type="submit" class="button button-primary" disabled=busy>{i18n.tr(ArticleMsg::EdCommentSend)}</button>
        </form>
    }
}
