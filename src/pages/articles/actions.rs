//! The workflow moves the user may make on the article, or on its pending revision.

use crate::api::{self, ApiError};
use crate::components::{use_toasts, ToastKind};
use crate::form::{error_id, FieldMessages};
use crate::i18n::{stage_label, use_i18n, Lang};
use crate::pages::articles::logic::{patch_between, Draft};
use crate::pages::articles::state::{EditorCtx, SaveState};
use crate::pages::articles::strings::ArticleMsg;
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_contract::{
    validate_comment, FieldError, Requirement, TransitionRule, Workflow, COMMENT_MAX,
};

/// The moves of the article, or (`revision`) of its pending revision.
#[component]
pub fn WorkflowActions(workflow: Workflow, #[prop(optional)] revision: bool) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let session = use_session();
    let ctx = expect_context::<EditorCtx>();
    let roles = session.info().map(|i| i.user.roles).unwrap_or_default();
    let workflow = StoredValue::new(workflow);
    let roles = StoredValue::new(roles);
    let moves = Memo::new(move |_| {
        let (stage, revision_stage, created_by) = ctx
            .article
            .with(|a| (a.stage, a.revision.as_ref().map(|r| r.stage), a.created_by));
        workflow.with_value(|w| {
            roles.with_value(|r| match (revision, revision_stage) {
                (false, _) => w
                    .moves_for(stage, created_by, ctx.user_id, r)
                    .cloned()
                    .collect::<Vec<_>>(),
                (true, Some(at)) => w
                    .revision_moves_for(at, created_by, ctx.user_id, r)
                    .cloned()
                    .collect(),
                (true, None) => Vec::new(),
            })
        })
    });
    // Ids stay unique with both lists on the page.
    let id = move |name: &str| {
        if revision {
            format!("rev-{name}")
        } else {
            name.to_string()
        }
    };
    let open = RwSignal::new(None::<TransitionRule>);
    let comment = RwSignal::new(String::new());
    let comment_errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);

    let run = move |rule: TransitionRule, text: Option<String>| {
        busy.set(true);
        spawn_local(async move {
            let lang = i18n.lang_untracked();
            // Unsaved edits go first, so the move applies to what the user sees.
            let base = ctx.article.get_untracked();
            let d = ctx.draft.get_untracked();
            let patch = patch_between(&Draft::from_article(&base), &d);
            let mut version = base.version;
            if !patch.is_empty() {
                if !d.validate().is_empty() {
                    ctx.status.set(SaveState::Invalid);
                    toasts.push(ToastKind::Error, i18n.t_untracked(ArticleMsg::EdFixFirst));
                    busy.set(false);
                    return;
                }
                match api::articles::patch(base.id, base.version, &patch).await {
                    Ok(a) => {
                        version = a.version;
                        ctx.article.set(a);
                    }
                    Err(e) => {
                        // The autosave path knows how to handle conflicts and retries.
                        busy.set(false);
                        toasts.push_error(&e, lang);
                        ctx.save.run(());
                        return;
                    }
                }
            }
            let moved = if revision {
                api::articles::revision_transition(base.id, version, rule.to, text).await
            } else {
                api::articles::transition(base.id, version, rule.to, text).await
            };
            match moved {
                Ok(a) => {
                    ctx.checklist_errors.set(Vec::new());
                    ctx.article.set(a);
                    open.set(None);
                    comment.set(String::new());
                    let label = if lang == Lang::Vi {
                        &rule.label_vi
                    } else {
                        &rule.label_en
                    };
                    let label = if revision {
                        crate::i18n::fill(
                            ArticleMsg::HistoryRevision.text(lang),
                            &[("action", label)],
                        )
                    } else {
                        label.clone()
                    };
                    toasts.push(
                        ToastKind::Success,
                        crate::i18n::fill(
                            ArticleMsg::EdMoved.text(lang),
                            &[("action", &label), ("stage", stage_label(rule.to, lang))],
                        ),
                    );
                }
                Err(e) => {
                    if let ApiError::Problem { problem, .. } = &e {
                        let (checks, others): (Vec<_>, Vec<_>) = problem
                            .errors
                            .iter()
                            .cloned()
                            .partition(|x| x.field.starts_with("checklist."));
                        ctx.checklist_errors.set(checks);
                        comment_errors.set(others);
                        if problem.status == 412 {
                            if let Some(a) = ApiError::current_article(problem) {
                                // Nothing unsaved remains here (saved above): take theirs.
                                ctx.article.set(a.clone());
                                ctx.draft.set(Draft::from_article(&a));
                            }
                        }
                    }
                    toasts.push_error(&e, lang);
                }
            }
            busy.set(false);
        });
    };

    view! {
        <section class="workflow-actions" aria-labelledby=id("moves-heading")>
            <h2 id=id("moves-heading")>
                {i18n.tr(if revision { ArticleMsg::RevMoves } else { ArticleMsg::EdMoves })}
            </h2>
            {move || {
                let list = moves.get();
                if list.is_empty() {
                    return view! { <p class="muted">{i18n.tr(ArticleMsg::EdNoMoves)}</p> }.into_any();
                }
                list.into_iter()
                    .map(|rule| {
                        let r = rule.clone();
                        let label = move || {
                            if i18n.lang() == Lang::Vi { rule.label_vi.clone() } else { rule.label_en.clone() }
                        };
                        view! {
                            <button
                                type="button"
                                class="button move-button"
                                data-action=r.action.clone()
                                disabled=busy
                                on:click=move |_| {
                                    if r.requires == Requirement::None {
                                        run(r.clone(), None);
                                    } else {
                                        comment.set(String::new());
                                        comment_errors.set(Vec::new());
                                        open.set(Some(r.clone()));
                                        crate::form::focus_later(id("move-comment"));
                                    }
                                }
                            >
                                {label}
                            </button>
                        }
                    })
                    .collect_view()
                    .into_any()
            }}
            {move || {
                open.get()
                    .map(|rule| {
                        let label = if i18n.lang() == Lang::Vi { rule.label_vi.clone() } else { rule.label_en.clone() };
                        let prompt = if rule.requires == Requirement::Reason { ArticleMsg::EdReason } else { ArticleMsg::EdComment };
                        let r = rule.clone();
                        let submit = move |ev: leptos::ev::SubmitEvent| {
                            ev.prevent_default();
                            let text = comment.get_untracked();
                            let found = validate_comment(Some(&text), true);
                            comment_errors.set(found.clone());
                            if found.is_empty() {
                                run(r.clone(), Some(text.trim().to_string()));
                            }
                        };
                        view! {
                            <form
                                class="move-dialog"
                                role="dialog"
                                aria-labelledby=id("move-dialog-title")
                                on:submit=submit
                                on:keydown=move |ev| {
                                    if ev.key() == "Escape" {
                                        open.set(None);
                                    }
                                }
                                novalidate
                            >
                                <h3 id=id("move-dialog-title")>{label}</h3>
                                <div class="field">
                                    <label for=id("move-comment")>{i18n.tr(prompt)}</label>
                                    <textarea
                                        id=id("move-comment")
                                        rows="4"
                                        maxlength=COMMENT_MAX.to_string()
                                        required
                                        prop:value=comment
                                        on:input=move |ev| comment.set(event_target_value(&ev))
                                        aria-invalid=move || (!comment_errors.with(Vec::is_empty)).then_some("true")
                                        aria-describedby=error_id(&id("ed"), "comment")
                                    ></textarea>
                                    <FieldMessages errors=comment_errors id=error_id(&id("ed"), "comment") field="comment"/>
                                </div>
                                <div class="dialog-actions">
                                    <button type="submit" class="button button-primary" disabled=busy>
                                        {i18n.tr(ArticleMsg::EdConfirmMove)}
                                    </button>
                                    <button type="button" class="button" on:click=move |_| open.set(None)>
                                        {i18n.tr(ArticleMsg::EdCancel)}
                                    </button>
                                </div>
                            </form>
                        }
                    })
            }}
        </section>
    }
}
