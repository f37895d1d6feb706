//! Revisions after approval: the notice that edits of an approved article wait for approval,
//! and the pending revision's panel (where it stands, its moves, discarding it, and what it
//! changes against the approved version readers see).

use super::actions::WorkflowActions;
use super::diff::field_diffs;
use crate::api;
use crate::components::{use_toasts, ToastKind};
use crate::i18n::{stage_label, use_i18n};
use crate::pages::articles::logic::Draft;
use crate::pages::articles::state::EditorCtx;
use crate::pages::articles::strings::ArticleMsg;
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_contract::{Article, Role, Workflow};

/// The approved content of `a` (what readers see), as the editor's fields hold it.
pub fn approved_draft(a: &Article) -> Draft {
    let mut approved = a.clone();
    approved.revision = None;
    Draft::from_article(&approved)
}

/// Above the form of an approved article: edits go into a revision (or: this is the revision).
#[component]
pub fn RevisionNotice() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<EditorCtx>();
    let state = Memo::new(move |_| {
        ctx.article.with(|a| {
            a.stage
                .edits_make_revision()
                .then(|| a.revision.as_ref().map(|r| r.stage))
        })
    });
    move || {
        state.get().map(|revision| {
            let text = if revision.is_some() {
                ArticleMsg::RevNoticeLive
            } else {
                ArticleMsg::RevNoticeNone
            };
            view! {
                <p class="revision-notice" role="note" data-revision=revision.map(|s| s.as_str())>
                    {i18n.tr(text)}
                </p>
            }
        })
    }
}

/// The pending revision, when there is one: its stage, moves, discarding, and comparison.
#[component]
pub fn RevisionPanel(workflow: Workflow) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<EditorCtx>();
    let stage = Memo::new(move |_| ctx.article.with(|a| a.revision.as_ref().map(|r| r.stage)));
    let workflow = StoredValue::new(workflow);
    move || {
        stage.get().map(|at| {
            view! {
                <section class="revision-panel" aria-labelledby="revision-heading">
                    <h2 id="revision-heading">{i18n.tr(ArticleMsg::RevHeading)}</h2>
                    <p>
                        {move || {
                            i18n.f(ArticleMsg::RevStage, &[("stage", stage_label(at, i18n.lang()))])
                        }}
                    </p>
                    <WorkflowActions workflow=workflow.get_value() revision=true/>
                    <DiscardRevision/>
                    <details class="revision-compare">
                        <summary>{i18n.tr(ArticleMsg::RevCompare)}</summary>
                        <RevisionDiff/>
                    </details>
                </section>
            }
        })
    }
}

/// Drops the revision after a confirmation (editors, secretaries and the chief editor).
#[component]
fn DiscardRevision() -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let ctx = expect_context::<EditorCtx>();
    let may = use_session().info().is_some_and(|i| {
        i.user
            .roles
            .iter()
            .any(|r| matches!(r, Role::Editor | Role::Secretary | Role::ChiefEditor))
    });
    let busy = RwSignal::new(false);
    let discard = move |_| {
        let question = i18n.t_untracked(ArticleMsg::RevDiscardConfirm);
        if !window().confirm_with_message(question).unwrap_or(false) {
            return;
        }
        let (id, version) = ctx.article.with_untracked(|a| (a.id, a.version));
        busy.set(true);
        spawn_local(async move {
            let lang = i18n.lang_untracked();
            match api::articles::discard_revision(id, version).await {
                Ok(a) => {
                    ctx.draft.set(Draft::from_article(&a));
                    ctx.article.set(a);
                    ctx.checklist_errors.set(Vec::new());
                    toasts.push(ToastKind::Success, ArticleMsg::RevDiscarded.text(lang));
                }
                Err(e) => {
                    toasts.push_error(&e, lang);
                }
            }
            busy.set(false);
        });
    };
    may.then(|| {
        view! {
            <button type="button" class="button button-danger revision-discard" disabled=busy on:click=discard>
                {i18n.tr(ArticleMsg::RevDiscard)}
            </button>
        }
    })
}

/// What the revision (as saved) changes against the approved version, field by field.
#[component]
fn RevisionDiff() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<EditorCtx>();
    let sides = Memo::new(move |_| {
        ctx.article
            .with(|a| (approved_draft(a), Draft::from_article(a)))
    });
    move || {
        let (approved, revised) = sides.get();
        field_diffs(i18n, &approved, &revised, ArticleMsg::RevSame, 3)
    }
}
