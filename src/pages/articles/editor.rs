//! The article editor of one article (`/articles/:id` for those who may edit): autosave to
//! local storage and to the server, conflicts, the tabs and the save status.

use super::fields::ArticleForm;
use super::leave::{install_leave_listeners, LEAVE_GUARD};
use super::state::{EditorCtx, SaveState, Tab};
use crate::api::{self, ApiError};
use crate::components::{use_toasts, ToastKind};
use crate::i18n::{stage_label, use_i18n};
use crate::pages::articles::actions::WorkflowActions;
use crate::pages::articles::body_view::BodyView;
use crate::pages::articles::checklist::ChecklistPanel;
use crate::pages::articles::comments::CommentsPanel;
use crate::pages::articles::conflict::ConflictPanel;
use crate::pages::articles::history::HistoryPanel;
use crate::pages::articles::logic::{
    auto_merge, conflict_fields, load_local, local_key, may_edit, offers_restore, patch_between,
    remove_local, retry_delay_secs, store_local, time_vn, Draft, LocalDraft,
};
use crate::pages::articles::revision::{RevisionNotice, RevisionPanel};
use crate::pages::articles::state::ConflictState;
use crate::pages::articles::strings::ArticleMsg;
use crate::session::use_session;
use chrono::{DateTime, Utc};
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_contract::format::datetime_vn;
use portal_contract::{Article, FieldError, Workflow};
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// Pause after the last keystroke before the draft goes to local storage.
const LOCAL_DEBOUNCE: Duration = Duration::from_millis(500);
/// Pause after the last keystroke before the changed fields go to the server.
const SERVER_DEBOUNCE: Duration = Duration::from_millis(2_000);

// ---------------------------------------------------------------------------------------------

/// The editor of one article. `on_reload` reloads the page's data (after a move that ends the
/// user's right to edit).
#[component]
pub fn ArticleEditor(
    article: Article,
    workflow: Workflow,
    #[prop(into)] on_reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let session = use_session();
    let info = session.info();
    let user_id = info.as_ref().map(|i| i.user.id).unwrap_or_default();
    let id = article.id;
    let key = local_key(user_id, id);

    let draft = RwSignal::new(Draft::from_article(&article));
    let article = RwSignal::new(article);
    let status = RwSignal::new(SaveState::Clean);
    let server_errors = RwSignal::new(Vec::<FieldError>::new());
    let checklist_errors = RwSignal::new(Vec::<FieldError>::new());
    let conflict = RwSignal::new(None::<ConflictState>);
    let base_draft = Memo::new(move |_| article.with(Draft::from_article));
    let client_errors = Memo::new(move |_| draft.with(Draft::validate));
    let errors = Signal::derive(move || {
        let mut all = client_errors.get();
        for e in server_errors.get() {
            if !all.contains(&e) {
                all.push(e);
            }
        }
        all
    });

    // Offer back what local storage holds when the server lacks it.
    let recovered = RwSignal::new(None::<LocalDraft>);
    {
        let local = load_local(&key);
        if offers_restore(local.as_ref(), &article.get_untracked()) {
            recovered.set(local);
        } else if local.is_some() {
            remove_local(&key);
        }
    }

    let saving = StoredValue::new(false);
    let last_saved = StoredValue::new(None::<DateTime<Utc>>);
    let again = StoredValue::new(false);
    let attempt = StoredValue::new(0u32);
    let edit_gen = StoredValue::new(0u64);
    let saver = StoredValue::new(None::<Callback<()>>);

    let saver_for_conflict = saver;
    let open_conflict = move |theirs: Article, base: Option<Draft>, mine: Draft| {
        let theirs_draft = Draft::from_article(&theirs);
        let fields = conflict_fields(base.as_ref(), &mine, &theirs_draft);
        let start = auto_merge(base.as_ref(), &mine, &theirs_draft);
        if fields.is_empty() {
            // Different fields on each side: both kept, saved on top of theirs.
            article.set(theirs);
            draft.set(start);
            status.set(SaveState::Dirty);
            if let Some(Some(s)) = saver_for_conflict.try_get_value() {
                s.run(());
            }
            return;
        }
        conflict.set(Some(ConflictState {
            theirs,
            start,
            mine,
            fields,
        }));
        status.set(SaveState::Conflict);
    };

    let key_for_save = key.clone();
    let save = Callback::new(move |_: ()| {
        let Some(d) = draft.try_get_untracked() else {
            return; // the editor has gone
        };
        if conflict.with_untracked(Option::is_some) {
            return;
        }
        if saving.get_value() {
            again.set_value(true);
            return;
        }
        let base = article.get_untracked();
        let base_d = Draft::from_article(&base);
        let patch = patch_between(&base_d, &d);
        if patch.is_empty() {
            remove_local(&key_for_save);
            if matches!(
                status.get_untracked(),
                SaveState::Dirty | SaveState::Invalid
            ) {
                status.set(
                    last_saved
                        .get_value()
                        .map_or(SaveState::Clean, SaveState::Saved),
                );
            }
            return;
        }
        if !d.validate().is_empty() {
            status.set(SaveState::Invalid);
            return;
        }
        saving.set_value(true);
        status.set(SaveState::Saving);
        let key = key_for_save.clone();
        spawn_local(async move {
            let result = api::articles::patch(base.id, base.version, &patch).await;
            if draft.try_get_untracked().is_none() {
                return;
            }
            saving.set_value(false);
            match result {
                Ok(a) => {
                    attempt.set_value(0);
                    server_errors.set(Vec::new());
                    let now = Draft::from_article(&a);
                    article.set(a);
                    let at = crate::clock::now();
                    last_saved.set_value(Some(at));
                    status.set(SaveState::Saved(at));
                    if draft.get_untracked() == now {
                        remove_local(&key);
                    } else {
                        again.set_value(true);
                    }
                }
                Err(e) if e.status() == Some(412) => {
                    let current = match &e {
                        ApiError::Problem { problem, .. } => ApiError::current_article(problem),
                        _ => None,
                    };
                    let current = match current {
                        Some(c) => Some(c),
                        None => api::articles::get(base.id).await.ok(),
                    };
                    match current {
                        Some(c) => open_conflict(c, Some(base_d), draft.get_untracked()),
                        None => status.set(SaveState::Failed(e.message(i18n.lang_untracked()))),
                    }
                    again.set_value(false);
                }
                Err(e) if e.status() == Some(422) => {
                    if let ApiError::Problem { problem, .. } = &e {
                        server_errors.set(problem.errors.clone());
                    }
                    status.set(SaveState::Invalid);
                    again.set_value(false);
                }
                Err(e) if is_transient(&e) => {
                    let n = attempt.get_value() + 1;
                    attempt.set_value(n);
                    let secs = e.retry_after().unwrap_or_else(|| retry_delay_secs(n));
                    status.set(SaveState::Offline { secs });
                    set_timeout(
                        move || {
                            if let Some(Some(s)) = saver.try_get_value() {
                                s.run(());
                            }
                        },
                        Duration::from_secs(secs.into()),
                    );
                    again.set_value(false);
                }
                Err(e) => {
                    status.set(SaveState::Failed(e.message(i18n.lang_untracked())));
                    again.set_value(false);
                }
            }
            if again.get_value() {
                again.set_value(false);
                if let Some(Some(s)) = saver.try_get_value() {
                    s.run(());
                }
            }
        });
    });
    saver.set_value(Some(save));

    // Each edit: to local storage soon, to the server after a pause.
    let key_for_local = key.clone();
    Effect::new(move |first: Option<()>| {
        draft.track();
        if first.is_none() {
            return;
        }
        let generation = edit_gen.get_value() + 1;
        edit_gen.set_value(generation);
        if !matches!(
            status.get_untracked(),
            SaveState::Saving | SaveState::Conflict | SaveState::Offline { .. }
        ) {
            status.set(SaveState::Dirty);
        }
        let key = key_for_local.clone();
        set_timeout(
            move || {
                if edit_gen.try_get_value() != Some(generation) {
                    return;
                }
                let (Some(d), Some(a)) = (draft.try_get_untracked(), article.try_get_untracked())
                else {
                    return;
                };
                if d == Draft::from_article(&a) && conflict.with_untracked(Option::is_none) {
                    remove_local(&key);
                } else {
                    // While a conflict is open the stored base stays the old one.
                    let base_version = conflict
                        .with_untracked(|c| c.as_ref().map(|_| a.version))
                        .unwrap_or(a.version);
                    store_local(
                        &key,
                        &LocalDraft {
                            base_version,
                            draft: d,
                            saved_at_ms: js_sys::Date::now() as i64,
                        },
                    );
                }
            },
            LOCAL_DEBOUNCE,
        );
        set_timeout(
            move || {
                if edit_gen.try_get_value() == Some(generation) {
                    save.run(());
                }
            },
            SERVER_DEBOUNCE,
        );
    });

    // Ask before leaving with changes the server does not have.
    install_leave_listeners();
    LEAVE_GUARD.with(|g| {
        *g.borrow_mut() = Some(Rc::new(move || {
            let unsaved = draft
                .try_with_untracked(|d| Some(d) != base_draft.try_get_untracked().as_ref())
                .unwrap_or(false);
            unsaved.then(|| i18n.t_untracked(ArticleMsg::EdLeaveQuestion).to_string())
        }));
    });
    on_cleanup(|| LEAVE_GUARD.with(|g| *g.borrow_mut() = None));

    let ctx = EditorCtx {
        article,
        draft,
        status,
        errors,
        checklist_errors,
        conflict,
        save,
        user_id,
    };
    provide_context(ctx);

    let restore = move |_| {
        let Some(local) = recovered.get_untracked() else {
            return;
        };
        recovered.set(None);
        let current = article.get_untracked();
        if local.base_version == current.version {
            draft.set(local.draft);
        } else {
            // The server moved on since: nothing of theirs may be overwritten silently.
            open_conflict(current, None, local.draft);
        }
        toasts.push(ToastKind::Info, i18n.t_untracked(ArticleMsg::EdRestored));
    };
    let key_for_discard = key.clone();
    let discard = move |_| {
        recovered.set(None);
        remove_local(&key_for_discard);
    };

    let tab = RwSignal::new(Tab::Content);
    let workflow = StoredValue::new(workflow);
    let stage = Memo::new(move |_| article.with(|a| a.stage));

    // After a move, an author whose article left the draft stage sees the read-only page.
    let roles = info.map(|i| i.user.roles).unwrap_or_default();
    Effect::new(move |_| {
        let (stage, created_by) = article.with(|a| (a.stage, a.created_by));
        if !may_edit(stage, created_by, user_id, &roles) {
            on_reload.run(());
        }
    });

    view! {
        <div class="editor" data-id=id.to_string()>
            <header class="editor-header">
                <p>
                    <span class="stage-badge" data-stage=move || stage.get().as_str()>
                        {move || stage_label(stage.get(), i18n.lang())}
                    </span>
                </p>
                <h1 class="editor-title">
                    {move || {
                        let t = draft.with(|d| d.title.trim().to_string());
                        if t.is_empty() { i18n.t(ArticleMsg::EdUntitled).to_string() } else { t }
                    }}
                </h1>
                <SaveStatus/>
            </header>
            <RevisionNotice/>
            {move || {
                recovered
                    .get()
                    .map(|l| {
                        let when = DateTime::from_timestamp_millis(l.saved_at_ms)
                            .map(datetime_vn)
                            .unwrap_or_default();
                        view! {
                            <div class="editor-restore" role="alert">
                                <p>{move || i18n.f(ArticleMsg::EdRestoreOffer, &[("when", &when)])}</p>
                                <div class="editor-restore-actions">
                                    <button type="button" class="button button-primary" on:click=restore>
                                        {i18n.tr(ArticleMsg::EdRestore)}
                                    </button>
                                    <button type="button" class="button" on:click=discard.clone()>
                                        {i18n.tr(ArticleMsg::EdDiscard)}
                                    </button>
                                </div>
                            </div>
                        }
                    })
            }}
            {move || conflict.get().is_some().then(|| view! { <ConflictPanel/> })}
            <div class="editor-layout">
                <div class="editor-main">
                    <TabList tab=tab/>
                    <div
                        class="tab-panel"
                        role="tabpanel"
                        id="panel-content"
                        aria-labelledby="tab-content"
                        hidden=move || tab.get() != Tab::Content
                    >
                        <ArticleForm/>
                    </div>
                    <div
                        class="tab-panel"
                        role="tabpanel"
                        id="panel-preview"
                        aria-labelledby="tab-preview"
                        hidden=move || tab.get() != Tab::Preview
                    >
                        {move || {
                            (tab.get() == Tab::Preview)
                                .then(|| {
                                    let d = draft.get();
                                    view! {
                                        <article class="editor-preview">
                                            <h1>{d.title.clone()}</h1>
                                            {(!d.lead.trim().is_empty())
                                                .then(|| view! { <p class="article-lead">{d.lead.clone()}</p> })}
                                            <BodyView blocks=d.blocks()/>
                                        </article>
                                    }
                                })
                        }}
                    </div>
                    <div
                        class="tab-panel"
                        role="tabpanel"
                        id="panel-history"
                        aria-labelledby="tab-history"
                        hidden=move || tab.get() != Tab::History
                    >
                        {move || {
                            (tab.get() == Tab::History)
                                .then(|| view! { <HistoryPanel workflow=workflow.get_value()/> })
                        }}
                    </div>
                    <div
                        class="tab-panel"
                        role="tabpanel"
                        id="panel-comments"
                        aria-labelledby="tab-comments"
                        hidden=move || tab.get() != Tab::Comments
                    >
                        {move || (tab.get() == Tab::Comments).then(|| view! { <CommentsPanel/> })}
                    </div>
                </div>
                <aside class="editor-side">
                    <RevisionPanel workflow=workflow.get_value()/>
                    <WorkflowActions workflow=workflow.get_value()/>
                    <ChecklistPanel/>
                </aside>
            </div>
        </div>
    }
}

fn is_transient(e: &ApiError) -> bool {
    match e {
        ApiError::Network => true,
        _ => matches!(e.status(), Some(408 | 429 | 500..=599)),
    }
}

/// A tablist: arrow keys, Home and End move between tabs; only the chosen tab is in the tab
/// order.
#[component]
fn TabList(tab: RwSignal<Tab>) -> impl IntoView {
    let i18n = use_i18n();
    let focus_tab = |t: Tab| {
        if let Some(el) = document().get_element_by_id(&format!("tab-{}", t.id())) {
            let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    };
    let on_key = move |ev: ev::KeyboardEvent| {
        let i = Tab::ALL
            .iter()
            .position(|t| *t == tab.get_untracked())
            .unwrap_or(0);
        let n = Tab::ALL.len();
        let next = match ev.key().as_str() {
            "ArrowRight" => (i + 1) % n,
            "ArrowLeft" => (i + n - 1) % n,
            "Home" => 0,
            "End" => n - 1,
            _ => return,
        };
        ev.prevent_default();
        tab.set(Tab::ALL[next]);
        focus_tab(Tab::ALL[next]);
    };
    view! {
        <div class="editor-tabs" role="tablist" aria-label=i18n.tr(ArticleMsg::EdTabsLabel) on:keydown=on_key>
            {Tab::ALL
                .iter()
                .map(|t| {
                    let t = *t;
                    view! {
                        <button
                            type="button"
                            role="tab"
                            class="editor-tab"
                            id=format!("tab-{}", t.id())
                            aria-controls=format!("panel-{}", t.id())
                            aria-selected=move || if tab.get() == t { "true" } else { "false" }
                            tabindex=move || if tab.get() == t { "0" } else { "-1" }
                            on:click=move |_| tab.set(t)
                        >
                            {i18n.tr(t.label())}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// "Đang lưu…", "Đã lưu lúc 14:05", … and a button to save now.
#[component]
fn SaveStatus() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<EditorCtx>();
    let status = ctx.status;
    let text = move || match status.get() {
        SaveState::Clean => i18n.t(ArticleMsg::EdStatusClean).to_string(),
        SaveState::Dirty => i18n.t(ArticleMsg::EdStatusDirty).to_string(),
        SaveState::Saving => i18n.t(ArticleMsg::EdStatusSaving).to_string(),
        SaveState::Saved(t) => i18n.f(ArticleMsg::EdStatusSaved, &[("time", &time_vn(t))]),
        SaveState::Offline { secs } => i18n.f(
            ArticleMsg::EdStatusOffline,
            &[("seconds", &secs.to_string())],
        ),
        SaveState::Invalid => i18n.t(ArticleMsg::EdStatusInvalid).to_string(),
        SaveState::Failed(m) => i18n.f(ArticleMsg::EdStatusFailed, &[("reason", &m)]),
        SaveState::Conflict => i18n.t(ArticleMsg::EdStatusConflict).to_string(),
    };
    let kind = move || match status.get() {
        SaveState::Saved(_) | SaveState::Clean => "ok",
        SaveState::Saving | SaveState::Dirty => "busy",
        _ => "problem",
    };
    view! {
        <div class="save-bar">
            <p class="save-status" data-state=kind role="status" aria-live="polite">
                {text}
            </p>
            <button
                type="button"
                class="button"
                on:click=move |_| ctx.save.run(())
                disabled=move || matches!(status.get(), SaveState::Saving | SaveState::Conflict)
            >
                {i18n.tr(ArticleMsg::EdSaveNow)}
            </button>
        </div>
    }
}

// ---------------------------------------------------------------------------------------------
