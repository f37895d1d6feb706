//! The article editor (`/articles/new` and `/articles/:id` for those who may edit): every
//! field, the body as blocks, autosave to local storage and to the server, conflicts, the
//! publish checklist, workflow moves, history and comments.

use super::editor_logic::{
    auto_merge, conflict_fields, insert_block, load_local, local_input_to_utc, local_key, may_edit,
    messages_for, messages_under, move_block, offers_restore, patch_between, remove_block,
    remove_local, retry_delay_secs, store_local, time_vn, wrap_selection, BlockDraft, BlockKind,
    Draft, Format, LocalDraft,
};
use super::editor_panels::{
    BodyView, ChecklistPanel, CommentsPanel, ConflictPanel, ConflictState, HistoryPanel,
    WorkflowActions,
};
use crate::api::{self, ApiError};
use crate::components::{use_toasts, ToastKind, VocabSelect};
use crate::i18n::{channel_label, kind_label, stage_label, topic_label, use_i18n, ArticleMsg};
use crate::pages::{use_page_title, RequirePermission};
use crate::session::use_session;
use chrono::{DateTime, Utc};
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use portal_contract::format::datetime_vn;
use portal_contract::{
    validate_fields, Article, Channel, FieldError, Kind, Language, NewArticle, Permission, Topic,
    Workflow,
};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Pause after the last keystroke before the draft goes to local storage.
const LOCAL_DEBOUNCE: Duration = Duration::from_millis(500);
/// Pause after the last keystroke before the changed fields go to the server.
const SERVER_DEBOUNCE: Duration = Duration::from_millis(2_000);

// ---------------------------------------------------------------------------------------------
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
            focus_first_invalid();
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
                        aria-describedby="err-title"
                    />
                    <FieldErrors errors=errs field="title"/>
                </div>
                <p class="form-error" role="alert">{move || failure.get()}</p>
                <button type="submit" class="button button-primary" disabled=busy>
                    {move || if busy.get() { i18n.t(ArticleMsg::EdCreating) } else { i18n.t(ArticleMsg::EdCreate) }}
                </button>
            </form>
        </div>
    }
}

fn has_errors(errors: &[FieldError], field: &str) -> bool {
    errors.iter().any(|e| e.field == field)
}

/// Moves focus to the first control marked invalid (after the view has updated).
fn focus_first_invalid() {
    set_timeout(
        || {
            if let Some(el) = document()
                .query_selector("[aria-invalid='true']")
                .ok()
                .flatten()
            {
                let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        },
        Duration::from_millis(30),
    );
}

/// Field-level messages (Vietnamese, from the contract or the server) under a control.
/// `under` also shows messages of the field's parts (`body[3]` → `body[3].url`).
#[component]
pub fn FieldErrors(
    #[prop(into)] errors: Signal<Vec<FieldError>>,
    #[prop(into)] field: String,
    #[prop(optional)] under: bool,
) -> impl IntoView {
    let id = format!("err-{}", css_id(&field));
    let list = move || {
        errors.with(|e| {
            if under {
                messages_under(e, &field)
            } else {
                messages_for(e, &field)
            }
        })
    };
    view! {
        <div class="field-errors" id=id>
            {move || {
                list()
                    .into_iter()
                    .map(|m| view! { <p class="field-error">{m}</p> })
                    .collect_view()
            }}
        </div>
    }
}

/// An id-safe form of a field path (`body[3].url` → `body-3-url`).
pub fn css_id(field: &str) -> String {
    field
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

// ---------------------------------------------------------------------------------------------
// Leaving with unsaved changes
// ---------------------------------------------------------------------------------------------

/// Returns the question to ask before leaving, when there are unsaved changes.
type LeaveGuard = Rc<dyn Fn() -> Option<String>>;

thread_local! {
    static LEAVE_GUARD: RefCell<Option<LeaveGuard>> = const { RefCell::new(None) };
    static LISTENING: Cell<bool> = const { Cell::new(false) };
}

fn leave_question() -> Option<String> {
    let guard = LEAVE_GUARD.with(|g| g.borrow().clone());
    guard.and_then(|g| g())
}

/// Installs (once) the page-wide listeners that ask before leaving: `beforeunload` for tab
/// close and reload, and a click listener on the document, which runs before the router's
/// listener on the window and cancels an in-app link when the user says no.
fn install_leave_listeners() {
    if LISTENING.with(|l| l.replace(true)) {
        return;
    }
    let before_unload =
        Closure::<dyn Fn(web_sys::BeforeUnloadEvent)>::new(|ev: web_sys::BeforeUnloadEvent| {
            if let Some(q) = leave_question() {
                ev.prevent_default();
                ev.set_return_value(&q);
            }
        });
    let _ = window()
        .add_event_listener_with_callback("beforeunload", before_unload.as_ref().unchecked_ref());
    before_unload.forget();

    let click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(|ev: web_sys::MouseEvent| {
        if ev.default_prevented() || ev.button() != 0 || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        let Some(target) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let Some(anchor) = target.closest("a[href]").ok().flatten() else {
            return;
        };
        if anchor
            .get_attribute("target")
            .is_some_and(|t| t == "_blank")
            || anchor.has_attribute("download")
        {
            return;
        }
        let href = anchor.get_attribute("href").unwrap_or_default();
        let here = window().location().pathname().unwrap_or_default();
        if href.starts_with('#') || href == here {
            return;
        }
        if let Some(q) = leave_question() {
            if !window().confirm_with_message(&q).unwrap_or(true) {
                ev.prevent_default();
                ev.stop_propagation();
            }
        }
    });
    let _ = document().add_event_listener_with_callback("click", click.as_ref().unchecked_ref());
    click.forget();
}

// ---------------------------------------------------------------------------------------------
// The editor
// ---------------------------------------------------------------------------------------------

/// Where autosave stands.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    /// Nothing changed since the page opened.
    Clean,
    Dirty,
    Saving,
    Saved(DateTime<Utc>),
    /// No answer (or a passing server error): retries after `secs`.
    Offline {
        secs: u32,
    },
    /// The form has errors to fix first.
    Invalid,
    Failed(String),
    Conflict,
}

/// The editor's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Content,
    Preview,
    History,
    Comments,
}

impl Tab {
    const ALL: [Tab; 4] = [Tab::Content, Tab::Preview, Tab::History, Tab::Comments];

    fn id(self) -> &'static str {
        match self {
            Tab::Content => "content",
            Tab::Preview => "preview",
            Tab::History => "history",
            Tab::Comments => "comments",
        }
    }

    fn label(self) -> ArticleMsg {
        match self {
            Tab::Content => ArticleMsg::EdTabContent,
            Tab::Preview => ArticleMsg::EdTabPreview,
            Tab::History => ArticleMsg::EdTabHistory,
            Tab::Comments => ArticleMsg::EdTabComments,
        }
    }
}

/// Everything the editor's parts share. Copy it freely.
#[derive(Clone, Copy)]
pub struct EditorCtx {
    /// The article as the server last returned it.
    pub article: RwSignal<Article>,
    /// What the user is editing.
    pub draft: RwSignal<Draft>,
    pub status: RwSignal<SaveState>,
    /// Contract checks and server messages together.
    pub errors: Signal<Vec<FieldError>>,
    /// 422 `checklist.<id>` errors of the last approval.
    pub checklist_errors: RwSignal<Vec<FieldError>>,
    pub conflict: RwSignal<Option<ConflictState>>,
    /// Saves now (if anything changed).
    pub save: Callback<()>,
    pub user_id: i64,
}

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
                    let at = Utc::now_from_js();
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

/// The current time from the browser clock.
trait NowFromJs {
    fn now_from_js() -> DateTime<Utc>;
}

impl NowFromJs for Utc {
    fn now_from_js() -> DateTime<Utc> {
        DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
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
// The form
// ---------------------------------------------------------------------------------------------

/// A text field bound to one `String` of the draft.
fn text_binding(
    draft: RwSignal<Draft>,
    get: fn(&Draft) -> &String,
    set: fn(&mut Draft) -> &mut String,
) -> (Memo<String>, impl Fn(ev::Event) + Copy) {
    let value = Memo::new(move |_| draft.with(|d| get(d).clone()));
    let on_input = move |ev: ev::Event| {
        let v = event_target_value(&ev);
        draft.update(|d| *set(d) = v);
    };
    (value, on_input)
}

/// A labelled one-line input bound to one `String` of the draft, with its field errors.
#[component]
fn DraftInput(
    id: &'static str,
    label: ArticleMsg,
    /// The contract's name of the field (`title`, `cover.url`), which errors are keyed by.
    field: &'static str,
    get: fn(&Draft) -> &String,
    set: fn(&mut Draft) -> &mut String,
    #[prop(optional)] url: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<EditorCtx>();
    let errors = ctx.errors;
    let (value, on_input) = text_binding(ctx.draft, get, set);
    view! {
        <div class="field">
            <label for=id>{i18n.tr(label)}</label>
            <input
                id=id
                type=if url { "url" } else { "text" }
                inputmode=url.then_some("url")
                placeholder=url.then_some("https://")
                prop:value=value
                on:input=on_input
                aria-invalid=move || errors.with(|e| has_errors(e, field)).then_some("true")
                aria-describedby=format!("err-{}", css_id(field))
            />
            <FieldErrors errors=errors field=field/>
        </div>
    }
}

#[component]
fn ArticleForm() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<EditorCtx>();
    let draft = ctx.draft;
    let errors = ctx.errors;
    let invalid =
        move |f: &'static str| move || errors.with(|e| has_errors(e, f)).then_some("true");
    let (lead, on_lead) = text_binding(draft, |d| &d.lead, |d| &mut d.lead);
    let (scheduled, on_scheduled) = text_binding(draft, |d| &d.scheduled, |d| &mut d.scheduled);
    let kind = Memo::new(move |_| draft.with(|d| d.kind));
    let language = Memo::new(move |_| draft.with(|d| d.language));
    let model = Memo::new(move |_| draft.with(|d| d.model_example));
    let save = ctx.save;

    view! {
        <form
            class="editor-form"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                save.run(());
            }
            on:focusout=move |_| save.run(())
        >
            <DraftInput
                id="ed-title"
                label=ArticleMsg::EdTitle
                field="title"
                get=|d| &d.title
                set=|d| &mut d.title
            />
            <div class="field">
                <label for="ed-lead">{i18n.tr(ArticleMsg::FieldLead)}</label>
                <textarea
                    id="ed-lead"
                    rows="3"
                    prop:value=lead
                    on:input=on_lead
                    aria-invalid=invalid("lead")
                    aria-describedby="err-lead"
                ></textarea>
                <FieldErrors errors=errors field="lead"/>
            </div>
            <BodyEditor/>
            <div class="field-row">
                <VocabSelect
                    id="ed-kind"
                    label=ArticleMsg::FieldKind
                    required=true
                    options=crate::vocab_options!(Kind)
                    selected=Signal::derive(move || Some(kind.get().as_str()))
                    on_change=Callback::new(move |v: String| {
                        if let Some(k) = Kind::parse(&v) {
                            draft.update(|d| d.kind = k);
                        }
                    })
                />
                <DraftInput
                    id="ed-section"
                    label=ArticleMsg::FieldSection
                    field="section"
                    get=|d| &d.section
                    set=|d| &mut d.section
                />
                <VocabSelect
                    id="ed-language"
                    label=ArticleMsg::FieldLanguage
                    required=true
                    options=crate::vocab_options!(Language)
                    selected=Signal::derive(move || Some(language.get().as_str()))
                    on_change=Callback::new(move |v: String| {
                        if let Some(l) = Language::parse(&v) {
                            draft.update(|d| d.language = l);
                        }
                    })
                />
            </div>
            <CheckGroup
                legend=ArticleMsg::FieldTopics
                name="topics"
                options=Topic::ALL.iter().map(|t| (t.as_str(), *t)).collect()
                label=|t: Topic, lang| topic_label(t, lang)
                get=|d: &Draft| d.topics.clone()
                set=|d: &mut Draft, v| d.topics = v
            />
            <AuthorsEditor/>
            <DraftInput
                id="ed-source"
                label=ArticleMsg::FieldSource
                field="source"
                get=|d| &d.source
                set=|d| &mut d.source
            />
            <fieldset class="field-group">
                <legend>{i18n.tr(ArticleMsg::FieldCover)}</legend>
                <DraftInput
                    id="ed-cover-url"
                    label=ArticleMsg::FieldCoverUrl
                    field="cover.url"
                    get=|d| &d.cover_url
                    set=|d| &mut d.cover_url
                    url=true
                />
                <DraftInput
                    id="ed-cover-alt"
                    label=ArticleMsg::FieldCoverAlt
                    field="cover.alt"
                    get=|d| &d.cover_alt
                    set=|d| &mut d.cover_alt
                />
                <DraftInput
                    id="ed-cover-caption"
                    label=ArticleMsg::FieldCoverCaption
                    field="cover.caption"
                    get=|d| &d.cover_caption
                    set=|d| &mut d.cover_caption
                />
                <FieldErrors errors=errors field="cover"/>
            </fieldset>
            <CheckGroup
                legend=ArticleMsg::FieldChannels
                name="channels"
                options=Channel::ALL.iter().map(|c| (c.as_str(), *c)).collect()
                label=|c: Channel, lang| channel_label(c, lang)
                get=|d: &Draft| d.channels.clone()
                set=|d: &mut Draft, v| d.channels = v
            />
            <div class="field field-check">
                <input
                    id="ed-model"
                    type="checkbox"
                    prop:checked=model
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        draft.update(|d| d.model_example = on);
                    }
                />
                <label for="ed-model">{i18n.tr(ArticleMsg::FieldModelExample)}</label>
            </div>
            <div class="field">
                <label for="ed-scheduled">{i18n.tr(ArticleMsg::EdScheduled)}</label>
                <input
                    id="ed-scheduled"
                    type="datetime-local"
                    prop:value=scheduled
                    on:input=on_scheduled
                    on:change=on_scheduled
                    aria-invalid=invalid("scheduled_at")
                    aria-describedby="ed-scheduled-hint err-scheduled-at"
                />
                <p class="field-hint" id="ed-scheduled-hint">
                    {move || match local_input_to_utc(&scheduled.get()) {
                        Some(t) => i18n.f(ArticleMsg::EdScheduledShown, &[("when", &datetime_vn(t))]),
                        None => i18n.t(ArticleMsg::EdScheduledNone).to_string(),
                    }}
                </p>
                <FieldErrors errors=errors field="scheduled_at"/>
            </div>
        </form>
    }
}

/// A group of checkboxes over a vocabulary (topics, channels).
#[component]
fn CheckGroup<T>(
    legend: ArticleMsg,
    name: &'static str,
    options: Vec<(&'static str, T)>,
    label: fn(T, crate::i18n::Lang) -> &'static str,
    get: fn(&Draft) -> Vec<T>,
    set: fn(&mut Draft, Vec<T>),
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let ctx = expect_context::<EditorCtx>();
    let draft = ctx.draft;
    let errors = ctx.errors;
    let order: Vec<T> = options.iter().map(|(_, t)| *t).collect();
    view! {
        <fieldset class="field-group check-group">
            <legend>{i18n.tr(legend)}</legend>
            <div class="check-options">
                {options
                    .into_iter()
                    .map(|(wire, t)| {
                        let id = format!("ed-{name}-{wire}");
                        let order = order.clone();
                        let checked = Memo::new(move |_| draft.with(|d| get(d).contains(&t)));
                        view! {
                            <div class="field-check">
                                <input
                                    id=id.clone()
                                    type="checkbox"
                                    prop:checked=checked
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let order = order.clone();
                                        draft
                                            .update(|d| {
                                                let mut v = get(d);
                                                v.retain(|x| *x != t);
                                                if on {
                                                    v.push(t);
                                                }
                                                super::sort_small_by_key(&mut v, |x| order.iter().position(|o| o == x));
                                                set(d, v);
                                            });
                                    }
                                />
                                <label for=id>{move || label(t, i18n.lang())}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
            <FieldErrors errors=errors field=name under=true/>
        </fieldset>
    }
}

#[component]
fn AuthorsEditor() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<EditorCtx>();
    let draft = ctx.draft;
    let errors = ctx.errors;
    let count = Memo::new(move |_| draft.with(|d| d.authors.len()));
    let sum = Memo::new(move |_| {
        draft.with(|d| d.authors.iter().map(|a| u32::from(a.share)).sum::<u32>())
    });
    view! {
        <fieldset class="field-group authors">
            <legend>{i18n.tr(ArticleMsg::FieldAuthors)}</legend>
            <For each=move || 0..count.get() key=|i| *i let:i>
                {
                    let name = Memo::new(move |_| {
                        draft.with(|d| d.authors.get(i).map(|a| a.name.clone()).unwrap_or_default())
                    });
                    let share = Memo::new(move |_| {
                        draft.with(|d| d.authors.get(i).map(|a| a.share).unwrap_or_default())
                    });
                    let name_field = format!("authors[{i}].name");
                    let share_field = format!("authors[{i}].share");
                    let name_invalid = {
                        let f = name_field.clone();
                        move || errors.with(|e| has_errors(e, &f)).then_some("true")
                    };
                    let share_invalid = {
                        let f = share_field.clone();
                        move || errors.with(|e| has_errors(e, &f)).then_some("true")
                    };
                    view! {
                        <div class="author-row">
                            <div class="field">
                                <label for=format!("ed-author-{i}")>
                                    {move || i18n.f(ArticleMsg::EdAuthorName, &[("n", &(i + 1).to_string())])}
                                </label>
                                <input
                                    id=format!("ed-author-{i}")
                                    type="text"
                                    prop:value=name
                                    aria-invalid=name_invalid
                                    aria-describedby=format!("err-{}", css_id(&name_field))
                                    on:input=move |ev| {
                                        let v = event_target_value(&ev);
                                        draft.update(|d| if let Some(a) = d.authors.get_mut(i) { a.name = v });
                                    }
                                />
                                <FieldErrors errors=errors field=name_field.clone()/>
                            </div>
                            <div class="field field-share">
                                <label for=format!("ed-share-{i}")>{i18n.tr(ArticleMsg::EdShare)}</label>
                                <input
                                    id=format!("ed-share-{i}")
                                    type="number"
                                    min="0"
                                    max="100"
                                    step="1"
                                    inputmode="numeric"
                                    prop:value=move || share.get().to_string()
                                    aria-invalid=share_invalid
                                    aria-describedby=format!("err-{}", css_id(&share_field))
                                    on:input=move |ev| {
                                        let v = event_target_value(&ev).trim().parse::<u32>().unwrap_or(0).min(255) as u8;
                                        draft.update(|d| if let Some(a) = d.authors.get_mut(i) { a.share = v });
                                    }
                                />
                                <FieldErrors errors=errors field=share_field.clone()/>
                            </div>
                            <button
                                type="button"
                                class="button button-quiet"
                                aria-label=move || i18n.f(ArticleMsg::EdAuthorRemove, &[("n", &(i + 1).to_string())])
                                on:click=move |_| draft.update(|d| if i < d.authors.len() { d.authors.remove(i); })
                            >
                                {i18n.tr(ArticleMsg::EdRemove)}
                            </button>
                        </div>
                    }
                }
            </For>
            <p class="field-hint">{move || i18n.f(ArticleMsg::EdShareSum, &[("sum", &sum.get().to_string())])}</p>
            <FieldErrors errors=errors field="authors"/>
            <button
                type="button"
                class="button"
                on:click=move |_| {
                    draft.update(|d| {
                        let share = if d.authors.is_empty() { 100 } else { 0 };
                        d.authors.push(super::editor_logic::AuthorDraft {
                            name: String::new(),
                            user_id: None,
                            share,
                        });
                    });
                    let n = draft.with_untracked(|d| d.authors.len()) - 1;
                    focus_later(format!("ed-author-{n}"));
                }
            >
                {i18n.tr(ArticleMsg::EdAuthorAdd)}
            </button>
        </fieldset>
    }
}

/// Focuses the element `id` once the view has caught up.
pub(crate) fn focus_later(id: String) {
    set_timeout(
        move || {
            if let Some(el) = document().get_element_by_id(&id) {
                let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        },
        Duration::from_millis(30),
    );
}

fn block_kind_label(k: BlockKind) -> ArticleMsg {
    match k {
        BlockKind::Paragraph => ArticleMsg::EdBlockParagraph,
        BlockKind::Heading => ArticleMsg::EdBlockHeading,
        BlockKind::List => ArticleMsg::EdBlockList,
        BlockKind::Quote => ArticleMsg::EdBlockQuote,
        BlockKind::Image => ArticleMsg::EdBlockImage,
        BlockKind::Video => ArticleMsg::EdBlockVideo,
    }
}

/// The body: a list of blocks, each with its controls, and buttons to add more.
#[component]
fn BodyEditor() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<EditorCtx>();
    let draft = ctx.draft;
    let errors = ctx.errors;
    let count = Memo::new(move |_| draft.with(|d| d.body.len()));
    view! {
        <fieldset class="field-group body-editor">
            <legend>{i18n.tr(ArticleMsg::FieldBody)}</legend>
            <p class="field-hint">{i18n.tr(ArticleMsg::EdMarkupHint)}</p>
            <FieldErrors errors=errors field="body"/>
            {move || {
                (count.get() == 0).then(|| view! { <p class="muted">{i18n.tr(ArticleMsg::EdBodyEmpty)}</p> })
            }}
            <ol class="block-list">
                <For each=move || 0..count.get() key=|i| *i let:i>
                    <BlockEditor index=i/>
                </For>
            </ol>
            <div class="block-add" role="group" aria-label=i18n.tr(ArticleMsg::EdAddBlock)>
                <span class="block-add-label" aria-hidden="true">{i18n.tr(ArticleMsg::EdAddBlock)}</span>
                {BlockKind::ALL
                    .iter()
                    .map(|k| {
                        let k = *k;
                        view! {
                            <button
                                type="button"
                                class="button"
                                aria-label=move || {
                                    format!("{}: {}", i18n.t(ArticleMsg::EdAddBlock), i18n.t(block_kind_label(k)))
                                }
                                on:click=move |_| {
                                    let mut at = 0;
                                    draft.update(|d| at = insert_block(&mut d.body, usize::MAX, k));
                                    focus_later(first_control_id(k, at));
                                }
                            >
                                "+ "
                                {i18n.tr(block_kind_label(k))}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}

fn first_control_id(k: BlockKind, i: usize) -> String {
    if k.has_text() {
        format!("ed-block-{i}-text")
    } else {
        format!("ed-block-{i}-url")
    }
}

/// Applies a toolbar format to the textarea `id`, whose value is bound to `set`.
fn apply_format(id: &str, format: Format, set: impl Fn(String)) {
    let Some(area) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    else {
        return;
    };
    let start = area.selection_start().ok().flatten().unwrap_or(0);
    let end = area.selection_end().ok().flatten().unwrap_or(start);
    let (text, a, b) = wrap_selection(&area.value(), start, end, format);
    area.set_value(&text);
    set(text);
    let _ = area.focus();
    let _ = area.set_selection_range(a, b);
}

#[component]
fn BlockEditor(index: usize) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<EditorCtx>();
    let draft = ctx.draft;
    let errors = ctx.errors;
    let i = index;
    let kind = Memo::new(move |_| {
        draft.with(|d| {
            d.body
                .get(i)
                .map(|b| b.kind)
                .unwrap_or(BlockKind::Paragraph)
        })
    });
    let count = Memo::new(move |_| draft.with(|d| d.body.len()));
    let field = format!("body[{i}]");
    let heading_id = format!("ed-block-{i}-heading");
    let n = (i + 1).to_string();
    let n2 = n.clone();
    let n3 = n.clone();

    let move_to = move |up: bool| {
        let mut to = i;
        draft.update(|d| to = move_block(&mut d.body, i, up));
        let dir = if up { "up" } else { "down" };
        focus_later(format!("ed-block-{to}-{dir}"));
    };

    let content = move || {
        let k = kind.get();
        let upd = move |f: fn(&mut BlockDraft, String)| {
            move |ev: ev::Event| {
                let v = event_target_value(&ev);
                draft.update(|d| {
                    if let Some(b) = d.body.get_mut(i) {
                        f(b, v)
                    }
                });
            }
        };
        let read = move |f: fn(&BlockDraft) -> String| {
            Memo::new(move |_| draft.with(|d| d.body.get(i).map(f).unwrap_or_default()))
        };
        if k.has_text() {
            let text = read(|b| b.text.clone());
            let text_id = format!("ed-block-{i}-text");
            let set_text = move |v: String| {
                draft.update(|d| {
                    if let Some(b) = d.body.get_mut(i) {
                        b.text = v
                    }
                })
            };
            let tid = text_id.clone();
            let tid2 = text_id.clone();
            let tid3 = text_id.clone();
            let tid4 = text_id.clone();
            let on_key = move |ev: ev::KeyboardEvent| {
                if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
                    return;
                }
                let format = match ev.key().to_lowercase().as_str() {
                    "b" => Format::Bold,
                    "i" => Format::Italic,
                    "k" => Format::Link,
                    _ => return,
                };
                ev.prevent_default();
                apply_format(&tid4, format, set_text);
            };
            let extra = match k {
                BlockKind::Heading => {
                    let level = read(|b| b.level.to_string());
                    view! {
                        <div class="field field-inline">
                            <label for=format!("ed-block-{i}-level")>{i18n.tr(ArticleMsg::EdHeadingLevel)}</label>
                            <select
                                id=format!("ed-block-{i}-level")
                                on:change=move |ev| {
                                    let l = event_target_value(&ev).parse::<u8>().unwrap_or(2);
                                    draft.update(|d| if let Some(b) = d.body.get_mut(i) { b.level = l });
                                }
                            >
                                <option value="2" selected=move || level.get() == "2">{i18n.tr(ArticleMsg::EdHeading2)}</option>
                                <option value="3" selected=move || level.get() == "3">{i18n.tr(ArticleMsg::EdHeading3)}</option>
                            </select>
                        </div>
                    }
                    .into_any()
                }
                BlockKind::List => {
                    let ordered = Memo::new(move |_| {
                        draft.with(|d| d.body.get(i).map(|b| b.ordered).unwrap_or(false))
                    });
                    view! {
                        <div class="field-check">
                            <input
                                id=format!("ed-block-{i}-ordered")
                                type="checkbox"
                                prop:checked=ordered
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    draft.update(|d| if let Some(b) = d.body.get_mut(i) { b.ordered = on });
                                }
                            />
                            <label for=format!("ed-block-{i}-ordered")>{i18n.tr(ArticleMsg::EdListOrdered)}</label>
                        </div>
                    }
                    .into_any()
                }
                BlockKind::Quote => {
                    let cite = read(|b| b.cite.clone());
                    view! {
                        <div class="field">
                            <label for=format!("ed-block-{i}-cite")>{i18n.tr(ArticleMsg::EdQuoteCite)}</label>
                            <input
                                id=format!("ed-block-{i}-cite")
                                type="text"
                                prop:value=cite
                                on:input=upd(|b, v| b.cite = v)
                            />
                        </div>
                    }
                    .into_any()
                }
                _ => ().into_any(),
            };
            let hint = if k == BlockKind::List {
                Some(view! { <p class="field-hint">{i18n.tr(ArticleMsg::EdListHint)}</p> })
            } else {
                None
            };
            view! {
                {extra}
                <div class="markup-toolbar" role="toolbar" aria-label=i18n.tr(ArticleMsg::EdToolbar) aria-controls=text_id.clone()>
                    <button
                        type="button"
                        class="tool tool-bold"
                        title=i18n.tr(ArticleMsg::EdBold)
                        aria-label=i18n.tr(ArticleMsg::EdBold)
                        on:click=move |_| apply_format(&tid, Format::Bold, set_text)
                    >
                        <b aria-hidden="true">"B"</b>
                    </button>
                    <button
                        type="button"
                        class="tool tool-italic"
                        title=i18n.tr(ArticleMsg::EdItalic)
                        aria-label=i18n.tr(ArticleMsg::EdItalic)
                        on:click=move |_| apply_format(&tid2, Format::Italic, set_text)
                    >
                        <i aria-hidden="true">"I"</i>
                    </button>
                    <button
                        type="button"
                        class="tool tool-link"
                        title=i18n.tr(ArticleMsg::EdLink)
                        aria-label=i18n.tr(ArticleMsg::EdLink)
                        on:click=move |_| apply_format(&tid3, Format::Link, set_text)
                    >
                        <span aria-hidden="true">{i18n.tr(ArticleMsg::EdLinkShort)}</span>
                    </button>
                </div>
                <label class="visually-hidden" for=text_id.clone()>
                    {move || i18n.f(ArticleMsg::EdBlockText, &[("n", &(i + 1).to_string())])}
                </label>
                <textarea
                    id=text_id
                    class="block-text"
                    rows=if k == BlockKind::Heading { "2" } else { "4" }
                    prop:value=text
                    on:input=upd(|b, v| b.text = v)
                    on:keydown=on_key
                ></textarea>
                {hint}
            }
            .into_any()
        } else {
            let url = read(|b| b.url.clone());
            let alt = read(|b| b.alt.clone());
            let caption = read(|b| b.caption.clone());
            let url_field = format!("body[{i}].url");
            let url_invalid = {
                let f = url_field.clone();
                move || errors.with(|e| has_errors(e, &f)).then_some("true")
            };
            let url_label = if k == BlockKind::Image {
                ArticleMsg::EdImageUrl
            } else {
                ArticleMsg::EdVideoUrl
            };
            view! {
                <div class="field">
                    <label for=format!("ed-block-{i}-url")>{i18n.tr(url_label)}</label>
                    <input
                        id=format!("ed-block-{i}-url")
                        type="url"
                        inputmode="url"
                        placeholder="https://"
                        prop:value=url
                        aria-invalid=url_invalid
                        aria-describedby=format!("err-{}", css_id(&url_field))
                        on:input=upd(|b, v| b.url = v)
                    />
                    <FieldErrors errors=errors field=url_field.clone()/>
                </div>
                {(k == BlockKind::Image)
                    .then(|| {
                        view! {
                            <div class="field">
                                <label for=format!("ed-block-{i}-alt")>{i18n.tr(ArticleMsg::FieldCoverAlt)}</label>
                                <input
                                    id=format!("ed-block-{i}-alt")
                                    type="text"
                                    prop:value=alt
                                    on:input=upd(|b, v| b.alt = v)
                                />
                            </div>
                        }
                    })}
                <div class="field">
                    <label for=format!("ed-block-{i}-caption")>{i18n.tr(ArticleMsg::FieldCoverCaption)}</label>
                    <input
                        id=format!("ed-block-{i}-caption")
                        type="text"
                        prop:value=caption
                        on:input=upd(|b, v| b.caption = v)
                    />
                </div>
            }
            .into_any()
        }
    };

    view! {
        <li class="block" data-kind=move || kind.get().as_str() aria-labelledby=heading_id.clone()>
            <div class="block-head">
                <h3 class="block-title" id=heading_id.clone()>
                    {move || format!("{} {} · {}", i18n.t(ArticleMsg::EdBlock), n, i18n.t(block_kind_label(kind.get())))}
                </h3>
                <div class="block-actions">
                    <button
                        type="button"
                        class="button button-quiet"
                        id=format!("ed-block-{i}-up")
                        aria-label=move || i18n.f(ArticleMsg::EdBlockUp, &[("n", &n2)])
                        disabled=move || i == 0
                        on:click=move |_| move_to(true)
                    >
                        "↑"
                    </button>
                    <button
                        type="button"
                        class="button button-quiet"
                        id=format!("ed-block-{i}-down")
                        aria-label=move || i18n.f(ArticleMsg::EdBlockDown, &[("n", &n3)])
                        disabled=move || { count.get() <= i + 1 }
                        on:click=move |_| move_to(false)
                    >
                        "↓"
                    </button>
                    <button
                        type="button"
                        class="button button-quiet block-remove"
                        aria-label=move || i18n.f(ArticleMsg::EdBlockRemove, &[("n", &(i + 1).to_string())])
                        on:click=move |_| draft.update(|d| remove_block(&mut d.body, i))
                    >
                        {i18n.tr(ArticleMsg::EdRemove)}
                    </button>
                </div>
            </div>
            {content}
            <FieldErrors errors=errors field=field.clone() under=true/>
        </li>
    }
}
