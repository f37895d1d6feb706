//! `/workflow` (Quy trình biên tập): the kanban board. One column per stage of the workflow
//! the server serves; cards move by drag and drop, by a "Chuyển sang…" menu, or by keyboard,
//! and only when the server confirms. Changes by others arrive through `GET /changes`.
//!
//! Rendering is fine-grained: the model lives outside the reactive graph, each column tracks
//! its own trigger, and a card only re-renders when its own signal changes. The pure logic is
//! in [`crate::pages::workflow::logic`].

use crate::api::{self, ApiError};
use crate::components::{
    use_toasts, EmptyState, Loaded, SkeletonBlock, ToastKind, Toasts, VocabSelect,
};
use crate::i18n::{fill, kind_label, stage_label, use_i18n, I18n, Lang};
use crate::pages::articles::strings::ArticleMsg;
use crate::pages::workflow::logic::{
    allowed_moves, days_in_stage, ordered_stages, AllowedMove, BoardFilter, BoardModel,
    CompiledFilter, KeyMove, KeyOutcome, Upsert,
};
use crate::pages::workflow::strings::WorkflowMsg;
use crate::pages::{use_page_title, RequirePermission};
use crate::perf::{mark as perf_mark, measure as perf_measure};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use portal_contract::format::{datetime_vn, number_vn};
use portal_contract::{
    ArticleSummary, Board, Kind, Permission, Requirement, Role, Stage, Topic, Workflow,
};
use std::collections::HashMap;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DragEvent, HtmlElement, KeyboardEvent};

/// Cards rendered per column before "Hiện thêm".
pub const CARD_WINDOW: usize = 12;
/// Pause between two polls of `GET /changes`.
const POLL_EVERY: Duration = Duration::from_secs(5);
/// Pause after the last keystroke before the search goes into the URL.
const URL_DEBOUNCE: Duration = Duration::from_millis(300);

// Performance entries the benchmark reads with `performance.getEntriesByName(...)`.
const MARK_DATA: &str = "board:data";
const MEASURE_FIRST_RENDER: &str = "board:first-render";
const MARK_MOVE: &str = "board:move-start";
const MEASURE_MOVE: &str = "board:move";
const MARK_FILTER: &str = "board:filter-start";
const MEASURE_FILTER: &str = "board:filter";

/// Runs `f` once the reactive updates queued now have reached the DOM (they run as
/// microtasks; a zero timeout comes after them).
fn after_dom_update(f: impl FnOnce() + 'static) {
    set_timeout(f, Duration::ZERO);
}

/// Runs `f` once the effects woken by the signals just set have run (they are tasks of the
/// same local executor, queued before this one), before the browser lays out and paints: what
/// the timings measure is script.
fn after_effects(f: impl FnOnce() + 'static) {
    spawn_local(async move {
        leptos::task::tick().await;
        f();
    });
}

/// Adds or removes a class on the card `id` where it is on screen. Drag and keyboard states
/// touch one card, so they are set directly instead of through a signal every card watches.
fn card_class(id: i64, class: &str, on: bool) {
    let selector = format!("[data-card-id=\"{id}\"]");
    if let Ok(Some(el)) = document().query_selector(&selector) {
        let list = el.class_list();
        let _ = if on {
            list.add_1(class)
        } else {
            list.remove_1(class)
        };
    }
}

/// A card being dragged (or held by the keyboard) and where it may go.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Drag {
    card: i64,
    from: Stage,
    targets: Vec<Stage>,
}

/// Where the focus goes back to after a dialog or a move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ReturnFocus {
    Card(i64),
    MenuButton(i64),
}

impl ReturnFocus {
    fn card(self) -> i64 {
        match self {
            ReturnFocus::Card(id) | ReturnFocus::MenuButton(id) => id,
        }
    }

    fn focus(self) {
        let selector = match self {
            ReturnFocus::Card(id) => format!("[data-card-id=\"{id}\"]"),
            ReturnFocus::MenuButton(id) => format!("[data-card-id=\"{id}\"] .card-move-button"),
        };
        let found = document()
            .query_selector(&selector)
            .ok()
            .flatten()
            .or_else(|| {
                document()
                    .query_selector(&format!("[data-card-id=\"{}\"]", self.card()))
                    .ok()
                    .flatten()
            });
        if let Some(el) = found.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
            let _ = el.focus();
        }
    }
}

/// A move waiting for the comment or reason its rule requires.
#[derive(Debug, Clone, PartialEq, Eq)]
struct DialogRequest {
    card: i64,
    title: String,
    from: Stage,
    rule: AllowedMove,
    return_to: ReturnFocus,
}

/// The reactive handles of one card.
#[derive(Debug, Clone, Copy)]
struct CardSlot {
    data: RwSignal<ArticleSummary>,
    pending: RwSignal<bool>,
}

/// Everything the board's pieces share. Copy it into closures freely.
#[derive(Clone, Copy)]
struct BoardCtx {
    i18n: I18n,
    toasts: Toasts,
    me: i64,
    roles: StoredValue<Vec<Role>>,
    workflow: StoredValue<Workflow>,
    stages: StoredValue<Vec<Stage>>,
    model: StoredValue<BoardModel>,
    slots: StoredValue<HashMap<i64, CardSlot>>,
    columns: StoredValue<HashMap<Stage, Trigger>>,
    /// Sections and authors offered by the filters.
    choices: RwSignal<(Vec<String>, Vec<String>)>,
    filter: RwSignal<BoardFilter>,
    compiled: Memo<CompiledFilter>,
    drag: RwSignal<Option<Drag>>,
    keymove: RwSignal<KeyMove>,
    announcement: RwSignal<String>,
    dialog: RwSignal<Option<DialogRequest>>,
    owner: StoredValue<Owner>,
}

impl BoardCtx {
    fn lang(&self) -> Lang {
        self.i18n.lang_untracked()
    }

    fn text(&self, msg: WorkflowMsg, values: &[(&str, &str)]) -> String {
        fill(msg.text(self.lang()), values)
    }

    fn stage_label(&self, stage: Stage) -> String {
        let lang = self.lang();
        self.workflow.with_value(|w| {
            w.stages
                .iter()
                .find(|s| s.id == stage)
                .map(|s| match lang {
                    Lang::Vi => s.label_vi.clone(),
                    Lang::En => s.label_en.clone(),
                })
                .unwrap_or_else(|| stage.as_str().to_string())
        })
    }

    fn card(&self, id: i64) -> Option<ArticleSummary> {
        self.model.with_value(|m| m.card(id).cloned())
    }

    fn moves(&self, card: &ArticleSummary) -> Vec<AllowedMove> {
        let me = self.me;
        self.workflow
            .with_value(|w| self.roles.with_value(|r| allowed_moves(w, card, me, r)))
    }

    /// The card's reactive handles, created on first render under the board's owner.
    fn slot(&self, id: i64) -> Option<CardSlot> {
        if let Some(s) = self.slots.with_value(|m| m.get(&id).copied()) {
            return Some(s);
        }
        let card = self.card(id)?;
        let slot = self.owner.with_value(|o| {
            o.with(|| CardSlot {
                data: RwSignal::new(card),
                pending: RwSignal::new(false),
            })
        });
        self.slots.update_value(|m| {
            m.insert(id, slot);
        });
        Some(slot)
    }

    fn trigger(&self, stage: Stage) -> Option<Trigger> {
        self.columns.with_value(|c| c.get(&stage).copied())
    }

    fn notify(&self, stage: Stage) {
        if let Some(t) = self.trigger(stage) {
            t.notify();
        }
    }

    /// Puts a newer version of a card in the model and tells the columns involved.
    fn apply(&self, card: ArticleSummary) -> Upsert {
        let id = card.id;
        let Some(done) = self.model.try_update_value(|m| m.upsert(card.clone())) else {
            return Upsert::Stale;
        };
        if done != Upsert::Stale {
            if let Some(slot) = self.slots.with_value(|m| m.get(&id).copied()) {
                slot.data.set(card);
            }
        }
        match done {
            Upsert::Stale => {}
            Upsert::Added { to } => self.notify(to),
            Upsert::Updated { stage } => self.notify(stage),
            Upsert::Moved { from, to } => {
                self.notify(from);
                self.notify(to);
            }
        }
        done
    }

    fn announce(&self, text: String) {
        // The same sentence twice would not be read again: make it differ.
        let same = self.announcement.with_untracked(|a| a.trim_end() == text);
        self.announcement
            .set(if same { format!("{text}\u{a0}") } else { text });
    }

    fn set_filter(&self, filter: BoardFilter) {
        perf_mark(MARK_FILTER);
        self.filter.set(filter);
        after_effects(|| perf_measure(MEASURE_FILTER, MARK_FILTER));
    }

    /// Asks for `to`: through the dialog when the rule wants a comment or a reason.
    fn request_move(&self, id: i64, to: Stage, return_to: ReturnFocus) {
        let Some(card) = self.card(id) else { return };
        let Some(rule) = self.moves(&card).into_iter().find(|m| m.to == to) else {
            let text = self.text(
                WorkflowMsg::NotAllowed,
                &[("title", &card.title), ("stage", &self.stage_label(to))],
            );
            self.announce(text);
            return;
        };
        if rule.requires == Requirement::None {
            self.commit(id, to, None, Some(return_to));
        } else {
            self.dialog.set(Some(DialogRequest {
                card: id,
                title: card.title,
                from: card.stage,
                rule,
                return_to,
            }));
        }
    }

    /// Sends the transition; the card moves only when the server confirms it.
    fn commit(&self, id: i64, to: Stage, comment: Option<String>, refocus: Option<ReturnFocus>) {
        let ctx = *self;
        let Some(card) = self.card(id) else { return };
        let slot = self.slot(id);
        if let Some(s) = slot {
            if s.pending.get_untracked() {
                return;
            }
            s.pending.set(true);
        }
        self.announce(self.text(WorkflowMsg::Pending, &[]));
        spawn_local(async move {
            let answer = api::articles::transition(id, card.version, to, comment.clone()).await;
            if ctx.model.is_disposed() {
                return;
            }
            if let Some(s) = slot {
                s.pending.set(false);
            }
            match answer {
                Ok(article) => {
                    perf_mark(MARK_MOVE);
                    let mut summary = ArticleSummary::from(&article);
                    // The answer is a whole article, which carries no comment count.
                    summary.comment_count = card.comment_count + u32::from(comment.is_some());
                    ctx.apply(summary);
                    let text = ctx.text(
                        WorkflowMsg::Moved,
                        &[("title", &card.title), ("stage", &ctx.stage_label(to))],
                    );
                    // The notice comes after the columns (and after the measure of their update).
                    after_effects(move || {
                        perf_measure(MEASURE_MOVE, MARK_MOVE);
                        ctx.announce(text.clone());
                        ctx.toasts.push(ToastKind::Success, text);
                    });
                    after_dom_update(move || {
                        if let Some(r) = refocus {
                            ReturnFocus::Card(r.card()).focus();
                        }
                    });
                }
                Err(e) => ctx.refused(&card, e, refocus),
            }
        });
    }

    /// The server refused: the card stays, the user reads why; a 412 refreshes the card.
    fn refused(&self, card: &ArticleSummary, error: ApiError, refocus: Option<ReturnFocus>) {
        let current = match &error {
            ApiError::Problem { problem, .. } if problem.status == 412 => {
                ApiError::current_article(problem)
            }
            _ => None,
        };
        let text = match current {
            Some(article) => {
                let mut summary = ArticleSummary::from(&article);
                summary.comment_count = card.comment_count;
                let text = self.text(
                    WorkflowMsg::Conflict,
                    &[
                        ("title", &card.title),
                        ("name", &article.updated_by_name),
                        ("time", &datetime_vn(article.updated_at)),
                    ],
                );
                self.apply(summary);
                text
            }
            None => self.text(
                WorkflowMsg::MoveFailed,
                &[
                    ("title", &card.title),
                    ("reason", &error.message(self.lang())),
                ],
            ),
        };
        self.announce(text.clone());
        self.toasts.push(ToastKind::Error, text);
        if let Some(r) = refocus {
            after_dom_update(move || r.focus());
        }
    }

    /// A key pressed on card `id` itself (not on its link or menu).
    fn card_key(&self, ev: &KeyboardEvent, id: i64) {
        let Some(card) = self.card(id) else { return };
        let holding_other = self.keymove.with_untracked(|k| match k {
            KeyMove::Holding { card, .. } => *card != id,
            KeyMove::Idle => false,
        });
        if holding_other {
            if let KeyMove::Holding { card, .. } = self.keymove.get_untracked() {
                card_class(card, "is-held", false);
            }
            self.keymove.set(KeyMove::Idle);
            self.drag.set(None);
        }
        let targets: Vec<Stage> = self.moves(&card).into_iter().map(|m| m.to).collect();
        let before = self.stages.with_value(|stages| {
            let pos = |s: Stage| stages.iter().position(|x| *x == s).unwrap_or(usize::MAX);
            let origin = pos(card.stage);
            targets.iter().filter(|t| pos(**t) < origin).count()
        });
        let Some(outcome) = self
            .keymove
            .try_update(|k| k.key(&ev.key(), id, card.stage, &targets, before))
        else {
            return;
        };
        let title = card.title.as_str();
        let text = match outcome {
            KeyOutcome::Ignored => return,
            KeyOutcome::PickedUp { targets: n, .. } => {
                card_class(id, "is-held", true);
                self.drag.set(Some(Drag {
                    card: id,
                    from: card.stage,
                    targets: targets.clone(),
                }));
                self.text(
                    WorkflowMsg::PickedUp,
                    &[("title", title), ("n", &n.to_string())],
                )
            }
            KeyOutcome::NoTargets { .. } => self.text(WorkflowMsg::NoTargets, &[("title", title)]),
            KeyOutcome::Chose { to, position, of } => self.text(
                WorkflowMsg::Chose,
                &[
                    ("stage", &self.stage_label(to)),
                    ("position", &position.to_string()),
                    ("of", &of.to_string()),
                ],
            ),
            KeyOutcome::ChooseFirst => self.text(WorkflowMsg::ChooseFirst, &[]),
            KeyOutcome::Drop { card: held, to, .. } => {
                ev.prevent_default();
                card_class(held, "is-held", false);
                self.drag.set(None);
                self.request_move(held, to, ReturnFocus::Card(held));
                return;
            }
            KeyOutcome::Cancelled { .. } => {
                card_class(id, "is-held", false);
                self.drag.set(None);
                self.text(WorkflowMsg::Cancelled, &[("title", title)])
            }
        };
        ev.prevent_default();
        self.announce(text);
    }

    /// Applies a `/changes` answer.
    fn merge(&self, changes: Vec<ArticleSummary>) {
        if changes.is_empty() {
            return;
        }
        for card in changes {
            self.apply(card);
        }
        let choices = self.model.with_value(|m| m.sections_and_authors());
        self.choices.set(choices);
    }
}

#[component]
pub fn WorkflowPage() -> impl IntoView {
    view! {
        <RequirePermission permission=Permission::WorkflowView>
            <KanbanBoard/>
        </RequirePermission>
    }
}

async fn load() -> Result<(Workflow, Board), ApiError> {
    let (workflow, board) = futures::join!(api::workflow::get(), api::workflow::board());
    let loaded = (workflow?, board?);
    perf_mark(MARK_DATA);
    Ok(loaded)
}

#[component]
fn KanbanBoard() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(WorkflowMsg::Title);
    let data = LocalResource::new(load);
    view! {
        <div class="page page-board">
            <h1>{i18n.tr(WorkflowMsg::Title)}</h1>
            <p class="page-intro">{i18n.tr(WorkflowMsg::Intro)}</p>
            <p class="board-help" id="board-help">{i18n.tr(WorkflowMsg::KeyboardHelp)}</p>
            <Loaded resource=data skeleton=|| view! { <SkeletonBlock lines=6/> } let:value>
                {
                    let (workflow, board) = value;
                    view! { <LoadedBoard workflow=workflow board=board/> }.into_any()
                }
            </Loaded>
        </div>
    }
}

#[component]
fn LoadedBoard(workflow: Workflow, board: Board) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let session = use_session();
    let (me, roles) = untrack(|| session.info())
        .map(|i| (i.user.id, i.user.roles))
        .unwrap_or_default();
    let stages = ordered_stages(&workflow);
    let Board { cards, cursor } = board;
    let model = BoardModel::new(&workflow, cards);
    let empty = model.cards.is_empty();
    let choices = model.sections_and_authors();
    let columns: HashMap<Stage, Trigger> = stages.iter().map(|s| (*s, Trigger::new())).collect();

    let query_map = use_query_map();
    let url_filter = move || query_map.with(|m| BoardFilter::from_url(|k| m.get(k)));
    let filter = RwSignal::new(url_filter());
    let compiled = Memo::new(move |_| filter.with(BoardFilter::compile));

    let ctx = BoardCtx {
        i18n,
        toasts,
        me,
        roles: StoredValue::new(roles),
        workflow: StoredValue::new(workflow),
        stages: StoredValue::new(stages.clone()),
        model: StoredValue::new(model),
        slots: StoredValue::new(HashMap::new()),
        columns: StoredValue::new(columns),
        choices: RwSignal::new(choices),
        filter,
        compiled,
        drag: RwSignal::new(None),
        keymove: RwSignal::new(KeyMove::Idle),
        announcement: RwSignal::new(String::new()),
        dialog: RwSignal::new(None),
        owner: StoredValue::new(Owner::current().unwrap_or_default()),
    };
    provide_context(ctx);

    // Back/Forward and shared links: the URL wins when it says something else.
    Effect::new(move |_| {
        let from_url = url_filter();
        if from_url.to_url_query() != filter.get_untracked().to_url_query() {
            ctx.set_filter(from_url);
        }
    });

    poll_changes(ctx, cursor);
    request_animation_frame(|| perf_measure(MEASURE_FIRST_RENDER, MARK_DATA));

    view! {
        <BoardFilters/>
        {empty
            .then(|| {
                view! {
                    <EmptyState
                        title=Signal::derive(move || i18n.t(WorkflowMsg::Empty).to_string())
                        hint=Signal::derive(move || Some(i18n.t(WorkflowMsg::EmptyHint).to_string()))
                    />
                }
            })}
        <div class="board-scroll" role="region" aria-label=i18n.tr(WorkflowMsg::ColumnsLabel) tabindex="0">
            <div class="board-columns">
                {stages
                    .into_iter()
                    .map(|stage| view! { <BoardColumn stage=stage/> })
                    .collect_view()}
            </div>
        </div>
        <p class="visually-hidden" aria-live="polite" aria-atomic="true">
            {move || ctx.announcement.get()}
        </p>
        {move || ctx.dialog.get().map(|req| view! { <TransitionDialog request=req/> })}
    }
}

/// Polls `GET /changes` every few seconds while the page is shown and the tab visible.
fn poll_changes(ctx: BoardCtx, cursor: String) {
    spawn_local(async move {
        let mut cursor = cursor;
        loop {
            gloo_timers::future::sleep(POLL_EVERY).await;
            if ctx.model.is_disposed() {
                return;
            }
            if document().hidden() {
                continue;
            }
            // `more`: ask again at once with the new cursor. A failure waits for the next
            // tick; a 401 sends the user to log in.
            while let Ok(answer) = api::workflow::changes(&cursor).await {
                if ctx.model.is_disposed() {
                    return;
                }
                cursor = answer.cursor;
                ctx.merge(answer.changes);
                if !answer.more {
                    break;
                }
            }
        }
    });
}

/// "Của tôi", kind, topic, section, author and the search box; all kept in the URL.
#[component]
fn BoardFilters() -> impl IntoView {
    let ctx = expect_context::<BoardCtx>();
    let i18n = ctx.i18n;
    let navigate = use_navigate();
    let write_url = move |replace: bool| {
        let query = ctx.filter.get_untracked().to_url_query();
        navigate(
            &format!("/workflow{query}"),
            NavigateOptions {
                replace,
                scroll: false,
                ..Default::default()
            },
        );
    };
    let write_url = StoredValue::new_local(write_url);
    let change = move |edit: &dyn Fn(&mut BoardFilter)| {
        let mut f = ctx.filter.get_untracked();
        edit(&mut f);
        ctx.set_filter(f);
        write_url.with_value(|w| w(false));
    };
    let typed = StoredValue::new(0u64);
    let on_search = move |ev: web_sys::Event| {
        let text = event_target_value(&ev);
        let mut f = ctx.filter.get_untracked();
        f.q = text;
        ctx.set_filter(f);
        let this = typed.get_value() + 1;
        typed.set_value(this);
        set_timeout(
            move || {
                if typed.try_get_value() == Some(this) {
                    write_url.with_value(|w| w(true));
                }
            },
            URL_DEBOUNCE,
        );
    };
    let filter = ctx.filter;

    view! {
        <form
            class="filters board-filters"
            role="search"
            aria-label=i18n.tr(ArticleMsg::FiltersLabel)
            on:submit=|ev| ev.prevent_default()
        >
            <div class="field field-check">
                <input
                    id="board-mine"
                    type="checkbox"
                    prop:checked=move || filter.with(|f| f.mine)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        change(&|f| f.mine = on);
                    }
                />
                <label for="board-mine">{i18n.tr(WorkflowMsg::FilterMine)}</label>
            </div>
            <VocabSelect
                id="board-kind"
                label=ArticleMsg::FilterKind
                options=crate::vocab_options!(Kind)
                selected=Signal::derive(move || filter.with(|f| f.kind.map(Kind::as_str)))
                on_change=Callback::new(move |v: String| change(&|f| f.kind = Kind::parse(&v)))
            />
            <VocabSelect
                id="board-topic"
                label=ArticleMsg::FilterTopic
                options=crate::vocab_options!(Topic)
                selected=Signal::derive(move || filter.with(|f| f.topic.map(Topic::as_str)))
                on_change=Callback::new(move |v: String| change(&|f| f.topic = Topic::parse(&v)))
            />
            <div class="field">
                <label for="board-section">{i18n.tr(WorkflowMsg::FilterSection)}</label>
                <select
                    id="board-section"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        change(&|f| f.section = Some(v.clone()).filter(|v| !v.is_empty()));
                    }
                >
                    <option value="" selected=move || filter.with(|f| f.section.is_none())>
                        {i18n.tr(ArticleMsg::FilterAll)}
                    </option>
                    {move || {
                        ctx.choices
                            .with(|(sections, _)| name_options(sections, filter, |f| &f.section))
                    }}
                </select>
            </div>
            <div class="field">
                <label for="board-author">{i18n.tr(WorkflowMsg::FilterAuthor)}</label>
                <select
                    id="board-author"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        change(&|f| f.author = Some(v.clone()).filter(|v| !v.is_empty()));
                    }
                >
                    <option value="" selected=move || filter.with(|f| f.author.is_none())>
                        {i18n.tr(ArticleMsg::FilterAll)}
                    </option>
                    {move || {
                        ctx.choices
                            .with(|(_, authors)| name_options(authors, filter, |f| &f.author))
                    }}
                </select>
            </div>
            <div class="field field-search">
                <label for="board-q">{i18n.tr(ArticleMsg::FilterQ)}</label>
                <input
                    id="board-q"
                    type="search"
                    autocomplete="off"
                    aria-describedby="board-q-hint"
                    prop:value=move || filter.with(|f| f.q.clone())
                    on:input=on_search
                />
                <span id="board-q-hint" class="field-hint">{i18n.tr(ArticleMsg::FilterQHint)}</span>
            </div>
            <div class="field field-action">
                <button
                    type="button"
                    class="button button-quiet clear-filters"
                    disabled=move || !ctx.compiled.with(CompiledFilter::is_active)
                    on:click=move |_| {
                        ctx.set_filter(BoardFilter::default());
                        write_url.with_value(|w| w(false));
                    }
                >
                    {i18n.tr(ArticleMsg::ClearFilters)}
                </button>
            </div>
        </form>
    }
}

fn name_options(
    names: &[String],
    filter: RwSignal<BoardFilter>,
    field: fn(&BoardFilter) -> &Option<String>,
) -> impl IntoView {
    names
        .iter()
        .map(|name| {
            let value = name.clone();
            let chosen = move || filter.with(|f| field(f).as_deref() == Some(value.as_str()));
            view! {
                <option value=name.clone() selected=chosen.clone() prop:selected=chosen>
                    {name.clone()}
                </option>
            }
        })
        .collect_view()
}

/// One stage: heading with counts, the first cards passing the filters, "Hiện thêm".
#[component]
fn BoardColumn(stage: Stage) -> impl IntoView {
    let ctx = expect_context::<BoardCtx>();
    let i18n = ctx.i18n;
    let trigger = ctx.trigger(stage).unwrap_or_default();
    let visible = Memo::new(move |_| {
        trigger.track();
        ctx.compiled
            .with(|f| ctx.model.with_value(|m| m.visible(stage, f, ctx.me)))
    });
    let total = Memo::new(move |_| {
        trigger.track();
        ctx.model.with_value(|m| m.column_len(stage))
    });
    let limit = RwSignal::new(CARD_WINDOW);
    let window = Memo::new(move |_| {
        let n = limit.get();
        visible.with(|v| v[..v.len().min(n)].to_vec())
    });
    let hidden = Memo::new(move |_| visible.with(Vec::len).saturating_sub(limit.get()));
    let drop_state = Memo::new(move |_| {
        ctx.drag.with(|d| match d {
            None => "",
            Some(d) if d.from == stage => "origin",
            Some(d) if d.targets.contains(&stage) => "allowed",
            Some(_) => "refused",
        })
    });
    let chosen = Memo::new(move |_| ctx.keymove.with(|k| k.chosen() == Some(stage)));
    let hover = RwSignal::new(false);
    let heading_id = format!("board-stage-{}", stage.as_str());
    let labelled_by = heading_id.clone();
    let label = move || {
        i18n.lang();
        ctx.stage_label(stage)
    };
    let section_ref = NodeRef::<leptos::html::Section>::new();

    let on_dragover = move |ev: DragEvent| {
        // Not calling preventDefault refuses the drop.
        if drop_state.get_untracked() == "allowed" {
            ev.prevent_default();
            if let Some(dt) = ev.data_transfer() {
                dt.set_drop_effect("move");
            }
            if !hover.get_untracked() {
                hover.set(true);
            }
        }
    };
    let on_dragleave = move |ev: DragEvent| {
        let inside = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .zip(section_ref.get_untracked())
            .is_some_and(|(node, section)| section.contains(Some(&node)));
        if !inside {
            hover.set(false);
        }
    };
    let on_drop = move |ev: DragEvent| {
        ev.prevent_default();
        hover.set(false);
        let Some(drag) = ctx.drag.get_untracked() else {
            return;
        };
        ctx.drag.set(None);
        if drag.targets.contains(&stage) {
            ctx.request_move(drag.card, stage, ReturnFocus::Card(drag.card));
        }
    };

    view! {
        <section
            class="board-column"
            class:drop-allowed=move || drop_state.get() == "allowed"
            class:drop-refused=move || drop_state.get() == "refused"
            class:drop-origin=move || drop_state.get() == "origin"
            class:drop-hover=move || hover.get()
            class:drop-chosen=move || chosen.get()
            data-stage=stage.as_str()
            aria-labelledby=labelled_by
            node_ref=section_ref
            on:dragover=on_dragover
            on:dragleave=on_dragleave
            on:drop=on_drop
        >
            <h2 id=heading_id class="board-column-heading">
                <span class="column-label">{label}</span>
                <span class="column-count" aria-hidden="true">
                    {move || format!("{}/{}", number_vn(visible.with(Vec::len) as i64), number_vn(total.get() as i64))}
                </span>
                <span class="visually-hidden">
                    {move || {
                        i18n.f(
                            WorkflowMsg::CountLabel,
                            &[
                                ("shown", &number_vn(visible.with(Vec::len) as i64)),
                                ("total", &number_vn(total.get() as i64)),
                            ],
                        )
                    }}
                </span>
            </h2>
            <p class="drop-hint" aria-hidden="true">
                {move || match drop_state.get() {
                    "allowed" => i18n.t(WorkflowMsg::DropHere),
                    "refused" => i18n.t(WorkflowMsg::DropRefused),
                    _ => "",
                }}
            </p>
            <ol class="board-cards">
                <For each=move || window.get() key=|id| *id let:id>
                    <BoardCard id=id/>
                </For>
            </ol>
            {move || {
                (visible.with(Vec::is_empty))
                    .then(|| {
                        let msg = if total.get() == 0 {
                            WorkflowMsg::ColumnEmpty
                        } else {
                            WorkflowMsg::ColumnFiltered
                        };
                        view! { <p class="column-empty">{i18n.tr(msg)}</p> }
                    })
            }}
            {move || {
                let rest = hidden.get();
                (rest > 0)
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="button button-quiet board-show-more"
                                on:click=move |_| limit.update(|n| *n += CARD_WINDOW)
                            >
                                {move || i18n.f(WorkflowMsg::ShowMore, &[("n", &number_vn(rest as i64))])}
                            </button>
                        }
                    })
            }}
        </section>
    }
}

/// A card of the board: draggable, focusable, with its "Chuyển sang…" menu.
#[component]
fn BoardCard(id: i64) -> impl IntoView {
    let ctx = expect_context::<BoardCtx>();
    let i18n = ctx.i18n;
    let Some(slot) = ctx.slot(id) else {
        return ().into_any();
    };
    let held = move || {
        ctx.keymove
            .with_untracked(|k| matches!(k, KeyMove::Holding { card, .. } if *card == id))
    };
    let has_moves = Memo::new(move |_| slot.data.with(|c| !ctx.moves(c).is_empty()));
    let title_id = format!("card-title-{id}");
    let labelled_by = title_id.clone();

    let on_dragstart = move |ev: DragEvent| {
        let Some(card) = ctx.card(id) else { return };
        if slot.pending.get_untracked() {
            ev.prevent_default();
            return;
        }
        if let Some(dt) = ev.data_transfer() {
            let _ = dt.set_data("text/plain", &id.to_string());
            dt.set_effect_allowed("move");
        }
        ctx.keymove.set(KeyMove::Idle);
        card_class(id, "is-dragging", true);
        ctx.drag.set(Some(Drag {
            card: id,
            from: card.stage,
            targets: ctx.moves(&card).into_iter().map(|m| m.to).collect(),
        }));
    };
    let on_keydown = move |ev: KeyboardEvent| {
        let on_card = ev.target().map(JsValue::from) == ev.current_target().map(JsValue::from);
        if on_card && !slot.pending.get_untracked() {
            ctx.card_key(&ev, id);
        }
    };
    let on_focusout = move |_| {
        // Leaving a held card cancels the keyboard move.
        if held() {
            card_class(id, "is-held", false);
            ctx.keymove.set(KeyMove::Idle);
            ctx.drag.set(None);
        }
    };

    view! {
        <li class="board-card-item">
            <article
                class="board-card"
                class:is-pending=move || slot.pending.get()
                data-card-id=id.to_string()
                data-stage=move || slot.data.with(|c| c.stage.as_str())
                tabindex="0"
                draggable="true"
                aria-labelledby=labelled_by
                aria-describedby="board-help"
                aria-busy=move || slot.pending.get().to_string()
                on:dragstart=on_dragstart
                on:dragend=move |_| {
                    card_class(id, "is-dragging", false);
                    ctx.drag.set(None);
                }
                on:keydown=on_keydown
                on:focusout=on_focusout
            >
                {move || {
                    let lang = i18n.lang();
                    slot.data.with(|c| card_face(c, lang, crate::clock::now(), &title_id))
                }}
                {move || {
                    slot.pending
                        .get()
                        .then(|| view! { <p class="card-pending">{i18n.tr(WorkflowMsg::Pending)}</p> })
                }}
                {move || has_moves.get().then(|| view! { <MoveMenu id=id/> })}
            </article>
        </li>
    }
    .into_any()
}

/// What a card shows, from its summary alone (text only: hostile titles stay text).
pub fn card_face(
    card: &ArticleSummary,
    lang: Lang,
    now: chrono::DateTime<chrono::Utc>,
    title_id: &str,
) -> AnyView {
    let authors = card
        .authors
        .iter()
        .map(|a| a.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let days = days_in_stage(card.stage_changed_at, now);
    let checklist = if card.checklist_failing == 0 {
        view! { <li class="card-check card-check-ok">{WorkflowMsg::ChecklistOk.text(lang)}</li> }
            .into_any()
    } else {
        let text = fill(
            WorkflowMsg::ChecklistFailing.text(lang),
            &[("n", &card.checklist_failing.to_string())],
        );
        view! { <li class="card-check card-check-failing">{text}</li> }.into_any()
    };
    let removal = matches!(card.stage, Stage::RemovalRequested | Stage::Removed)
        .then(|| card.removal_reason.clone())
        .flatten()
        .map(|reason| {
            view! {
                <p class="card-removal">
                    <span class="card-removal-label">{ArticleMsg::FieldRemovalReason.text(lang)}": "</span>
                    {reason}
                </p>
            }
        });
    view! {
        <h3 class="card-title" id=title_id.to_string()>
            <a href=format!("/articles/{}", card.id) draggable="false">{card.title.clone()}</a>
        </h3>
        <p class="card-meta">
            <span class="card-kind">{kind_label(card.kind, lang)}</span>
            {(!card.section.is_empty()).then(|| view! { <span class="card-section">{card.section.clone()}</span> })}
        </p>
        {(!authors.is_empty()).then(|| view! { <p class="card-authors">{authors}</p> })}
        <ul class="card-facts">
            <li class="card-days">{fill(WorkflowMsg::DaysInStage.text(lang), &[("n", &days.to_string())])}</li>
            {card
                .scheduled_at
                .map(|at| {
                    view! {
                        <li class="card-scheduled">
                            <time datetime=at.to_rfc3339()>
                                {fill(WorkflowMsg::Scheduled.text(lang), &[("time", &datetime_vn(at))])}
                            </time>
                        </li>
                    }
                })}
            {card.model_example.then(|| view! { <li class="badge badge-model">{ArticleMsg::ModelExampleBadge.text(lang)}</li> })}
            {card.revision_stage.map(|at| {
                view! {
                    <li class="badge badge-revision" data-stage=at.as_str()>
                        {format!("{} · {}", ArticleMsg::RevBadge.text(lang), stage_label(at, lang))}
                    </li>
                }
            })}
            <li class="card-comments">
                {fill(WorkflowMsg::Comments.text(lang), &[("n", &card.comment_count.to_string())])}
            </li>
            {checklist}
        </ul>
        {removal}
    }
    .into_any()
}

/// A card's face mounted on its own (used by tests and anywhere a static card is wanted).
#[component]
pub fn BoardCardFace(card: ArticleSummary) -> impl IntoView {
    let i18n = use_i18n();
    let title_id = format!("card-title-{}", card.id);
    let card_id = card.id.to_string();
    view! {
        <article class="board-card" data-card-id=card_id>
            {move || card_face(&card, i18n.lang(), crate::clock::now(), &title_id)}
        </article>
    }
}

/// "Chuyển sang…": a menu button listing only the moves this user may make.
#[component]
fn MoveMenu(id: i64) -> impl IntoView {
    let ctx = expect_context::<BoardCtx>();
    let i18n = ctx.i18n;
    let open = RwSignal::new(false);
    let moves = RwSignal::new(Vec::<AllowedMove>::new());
    let menu_id = format!("card-menu-{id}");
    let controls = menu_id.clone();
    let button_ref = NodeRef::<leptos::html::Button>::new();
    let menu_ref = NodeRef::<leptos::html::Ul>::new();
    let wrap_ref = NodeRef::<leptos::html::Div>::new();

    let items = move || -> Vec<HtmlElement> {
        let Some(menu) = menu_ref.get_untracked() else {
            return Vec::new();
        };
        let Ok(list) = menu.query_selector_all("[role='menuitem']") else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
            .collect()
    };
    let focus_item = move |index: isize| {
        let all = items();
        if all.is_empty() {
            return;
        }
        let n = all.len() as isize;
        let i = ((index % n) + n) % n;
        let _ = all[i as usize].focus();
    };
    let open_menu = move |first: bool| {
        let Some(card) = ctx.card(id) else { return };
        moves.set(ctx.moves(&card));
        open.set(true);
        after_dom_update(move || focus_item(if first { 0 } else { -1 }));
    };
    let close = move |refocus: bool| {
        open.set(false);
        if refocus {
            if let Some(b) = button_ref.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    let current = move || -> isize {
        let active = document().active_element();
        items()
            .iter()
            .position(|el| {
                active
                    .as_ref()
                    .is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>())
            })
            .map_or(-1, |p| p as isize)
    };
    let on_menu_key = move |ev: KeyboardEvent| {
        match ev.key().as_str() {
            "ArrowDown" | "Down" => focus_item(current() + 1),
            "ArrowUp" | "Up" => focus_item(current() - 1),
            "Home" => focus_item(0),
            "End" => focus_item(-1),
            "Escape" | "Esc" => close(true),
            "Tab" => {
                open.set(false);
                return;
            }
            _ => return,
        }
        ev.prevent_default();
        ev.stop_propagation();
    };
    let on_focusout = move |ev: web_sys::FocusEvent| {
        let inside = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .zip(wrap_ref.get_untracked())
            .is_some_and(|(node, wrap)| wrap.contains(Some(&node)));
        if !inside {
            open.set(false);
        }
    };

    view! {
        <div class="card-move" node_ref=wrap_ref on:focusout=on_focusout>
            <button
                type="button"
                class="button button-quiet card-move-button"
                aria-haspopup="menu"
                aria-expanded=move || open.get().to_string()
                aria-controls=move || open.get().then(|| controls.clone())
                aria-describedby=format!("card-title-{id}")
                node_ref=button_ref
                on:click=move |_| {
                    if open.get_untracked() { close(false) } else { open_menu(true) }
                }
                on:keydown=move |ev: KeyboardEvent| {
                    match ev.key().as_str() {
                        "ArrowDown" | "Down" => open_menu(true),
                        "ArrowUp" | "Up" => open_menu(false),
                        _ => return,
                    }
                    ev.prevent_default();
                }
            >
                {i18n.tr(WorkflowMsg::MoveMenu)}
            </button>
            // The list exists only while open: hundreds of closed menus cost nothing.
            <Show when=move || open.get()>
            <ul
                id=menu_id.clone()
                class="card-move-menu"
                role="menu"
                aria-label=i18n.tr(WorkflowMsg::MoveMenu)
                node_ref=menu_ref
                on:keydown=on_menu_key
            >
                {move || {
                    let lang = i18n.lang();
                    moves
                        .get()
                        .into_iter()
                        .map(|m| {
                            let to = m.to;
                            let label = match lang {
                                Lang::Vi => m.label_vi.clone(),
                                Lang::En => m.label_en.clone(),
                            };
                            let stage = ctx.stage_label(to);
                            view! {
                                <li role="none">
                                    <button
                                        type="button"
                                        role="menuitem"
                                        tabindex="-1"
                                        data-to=to.as_str()
                                        on:click=move |_| {
                                            open.set(false);
                                            ctx.request_move(id, to, ReturnFocus::MenuButton(id));
                                        }
                                    >
                                        {label}
                                        " → "
                                        {stage}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            </Show>
        </div>
    }
}

/// The comment or reason a move requires: a modal dialog (Esc cancels, focus kept inside and
/// returned afterwards).
#[component]
fn TransitionDialog(request: DialogRequest) -> impl IntoView {
    let ctx = expect_context::<BoardCtx>();
    let i18n = ctx.i18n;
    let text = RwSignal::new(String::new());
    let missing = RwSignal::new(false);
    let dialog_ref = NodeRef::<leptos::html::Div>::new();
    let textarea_ref = NodeRef::<leptos::html::Textarea>::new();
    Effect::new(move |_| {
        if let Some(t) = textarea_ref.get() {
            let _ = t.focus();
        }
    });
    let reason = request.rule.requires == Requirement::Reason;
    let (label, required) = if reason {
        (WorkflowMsg::ReasonLabel, WorkflowMsg::ReasonRequired)
    } else {
        (WorkflowMsg::CommentLabel, WorkflowMsg::CommentRequired)
    };
    let heading = match i18n.lang_untracked() {
        Lang::Vi => request.rule.label_vi.clone(),
        Lang::En => request.rule.label_en.clone(),
    };
    let describe = ctx.text(
        WorkflowMsg::DialogMove,
        &[
            ("title", &request.title),
            ("from", &ctx.stage_label(request.from)),
            ("to", &ctx.stage_label(request.rule.to)),
        ],
    );
    let req = StoredValue::new(request);
    let cancel = move || {
        let r = req.get_value();
        ctx.dialog.set(None);
        ctx.announce(ctx.text(WorkflowMsg::Cancelled, &[("title", &r.title)]));
        after_dom_update(move || r.return_to.focus());
    };
    let confirm = move || {
        let value = text.get_untracked().trim().to_string();
        if value.is_empty() {
            missing.set(true);
            if let Some(t) = textarea_ref.get_untracked() {
                let _ = t.focus();
            }
            return;
        }
        let r = req.get_value();
        ctx.dialog.set(None);
        after_dom_update(move || r.return_to.focus());
        ctx.commit(r.card, r.rule.to, Some(value), Some(r.return_to));
    };
    let on_keydown = move |ev: KeyboardEvent| match ev.key().as_str() {
        "Escape" | "Esc" => {
            ev.prevent_default();
            cancel();
        }
        "Tab" => {
            let Some(dialog) = dialog_ref.get_untracked() else {
                return;
            };
            let Ok(list) = dialog.query_selector_all("textarea, button") else {
                return;
            };
            let all: Vec<web_sys::Element> = (0..list.length())
                .filter_map(|i| list.item(i))
                .filter_map(|n| n.dyn_into().ok())
                .collect();
            let (Some(first), Some(last)) = (all.first(), all.last()) else {
                return;
            };
            let active = document().active_element();
            let edge = if ev.shift_key() { first } else { last };
            let wrap_to = if ev.shift_key() { last } else { first };
            if active.as_ref() == Some(edge) || active.is_none() {
                ev.prevent_default();
                if let Some(el) = wrap_to.dyn_ref::<HtmlElement>() {
                    let _ = el.focus();
                }
            }
        }
        _ => {}
    };

    view! {
        <div class="board-dialog-backdrop">
            <div
                class="board-dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby="board-dialog-title"
                aria-describedby="board-dialog-desc"
                node_ref=dialog_ref
                on:keydown=on_keydown
            >
                <h2 id="board-dialog-title">{heading}</h2>
                <p id="board-dialog-desc" class="board-dialog-desc">{describe}</p>
                <form
                    novalidate=true
                    on:submit=move |ev| {
                        ev.prevent_default();
                        confirm();
                    }
                >
                    <div class="field">
                        <label for="board-dialog-text">{i18n.tr(label)}</label>
                        <textarea
                            id="board-dialog-text"
                            rows="4"
                            required=true
                            aria-required="true"
                            aria-invalid=move || missing.get().to_string()
                            aria-describedby=move || missing.get().then_some("board-dialog-error")
                            node_ref=textarea_ref
                            prop:value=move || text.get()
                            on:input=move |ev| {
                                text.set(event_target_value(&ev));
                                if missing.get_untracked() {
                                    missing.set(false);
                                }
                            }
                        ></textarea>
                        {move || {
                            missing
                                .get()
                                .then(|| {
                                    view! {
                                        <p id="board-dialog-error" class="field-error" role="alert">
                                            {i18n.tr(required)}
                                        </p>
                                    }
                                })
                        }}
                    </div>
                    <div class="board-dialog-actions">
                        <button type="submit" class="button button-primary">
                            {i18n.tr(WorkflowMsg::Confirm)}
                        </button>
                        <button type="button" class="button" on:click=move |_| cancel()>
                            {i18n.tr(WorkflowMsg::Cancel)}
                        </button>
                    </div>
                </form>
            </div>
        </div>
    }
}
