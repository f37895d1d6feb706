//! The editor's panels beside the form: conflict resolution, the publish checklist, workflow
//! moves, history with version comparison, comments; and the body preview. User text is always
//! rendered as text nodes.

use super::editor::{EditorCtx, FieldErrors, SaveState};
use super::editor_logic::{
    changed_fields, merge, patch_between, word_runs, Draft, Field, Resolution, Vocab,
};
use crate::api::{self, ApiError};
use crate::components::{use_toasts, EmptyState, ErrorState, SkeletonBlock, ToastKind};
use crate::i18n::{
    channel_label, kind_label, language_label, stage_label, topic_label, use_i18n, ArticleMsg,
    Lang, Msg,
};
use crate::pages::history_action_label;
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_contract::blocks::Span;
use portal_contract::format::datetime_vn;
use portal_contract::{
    validate_comment, Article, Block, FieldError, Requirement, TransitionRule, Workflow,
    COMMENT_MAX,
};

// ---------------------------------------------------------------------------------------------
// Preview
// ---------------------------------------------------------------------------------------------

fn span_view(s: Span) -> AnyView {
    let inner = match (s.bold, s.italic) {
        (true, true) => view! { <strong><em>{s.text}</em></strong> }.into_any(),
        (true, false) => view! { <strong>{s.text}</strong> }.into_any(),
        (false, true) => view! { <em>{s.text}</em> }.into_any(),
        (false, false) => s.text.into_any(),
    };
    match s.link {
        Some(href) if portal_contract::blocks::is_http_url(&href) => view! {
            <a href=href rel="noopener noreferrer" target="_blank">{inner}</a>
        }
        .into_any(),
        _ => inner,
    }
}

fn spans_view(spans: Vec<Span>) -> AnyView {
    spans.into_iter().map(span_view).collect_view().into_any()
}

/// An article body rendered as views (never as HTML strings).
#[component]
pub fn BodyView(blocks: Vec<Block>) -> impl IntoView {
    let i18n = use_i18n();
    if blocks.is_empty() {
        return view! { <p class="muted">{i18n.tr(ArticleMsg::EmptyBody)}</p> }.into_any();
    }
    blocks
        .into_iter()
        .map(|b| match b {
            Block::Paragraph { spans } => view! { <p>{spans_view(spans)}</p> }.into_any(),
            Block::Heading { level: 3, spans } => view! { <h3>{spans_view(spans)}</h3> }.into_any(),
            Block::Heading { spans, .. } => view! { <h2>{spans_view(spans)}</h2> }.into_any(),
            Block::List { ordered, items } => {
                let items = items
                    .into_iter()
                    .map(|i| view! { <li>{spans_view(i)}</li> })
                    .collect_view();
                if ordered {
                    view! { <ol>{items}</ol> }.into_any()
                } else {
                    view! { <ul>{items}</ul> }.into_any()
                }
            }
            Block::Quote { spans, cite } => view! {
                <blockquote>
                    <p>{spans_view(spans)}</p>
                    {(!cite.is_empty()).then(|| view! { <footer>{cite}</footer> })}
                </blockquote>
            }
            .into_any(),
            Block::Image { url, alt, caption } => {
                let img = portal_contract::blocks::is_image_url(&url)
                    .then(|| view! { <img src=url alt=alt loading="lazy"/> });
                view! {
                    <figure class="body-figure">
                        {img}
                        <figcaption>{caption}</figcaption>
                    </figure>
                }
                .into_any()
            }
            Block::Video { url, caption } => {
                let link = portal_contract::blocks::is_http_url(&url).then(|| {
                    view! {
                        <a href=url.clone() rel="noopener noreferrer" target="_blank">
                            {i18n.tr(ArticleMsg::EdVideoLink)}
                        </a>
                    }
                });
                view! {
                    <figure class="body-video">
                        <p>{link}</p>
                        <figcaption>{caption}</figcaption>
                    </figure>
                }
                .into_any()
            }
        })
        .collect_view()
        .into_any()
}

// ---------------------------------------------------------------------------------------------
// Word diffs
// ---------------------------------------------------------------------------------------------

/// `old` → `new` word by word: removed words in `<del>`, added in `<ins>`, each with a text
/// label for screen readers.
#[component]
pub fn WordDiff(old: String, new: String) -> impl IntoView {
    let i18n = use_i18n();
    let runs = word_runs(&old, &new);
    view! {
        <p class="word-diff">
            {runs
                .into_iter()
                .map(|(k, t)| match k {
                    1 => view! {
                        <ins>
                            <span class="visually-hidden">{i18n.tr(ArticleMsg::EdDiffAdded)}" "</span>
                            {t}
                            <span class="visually-hidden">" "{i18n.tr(ArticleMsg::EdDiffEnd)}</span>
                        </ins>
                    }
                    .into_any(),
                    -1 => view! {
                        <del>
                            <span class="visually-hidden">{i18n.tr(ArticleMsg::EdDiffRemoved)}" "</span>
                            {t}
                            <span class="visually-hidden">" "{i18n.tr(ArticleMsg::EdDiffEnd)}</span>
                        </del>
                    }
                    .into_any(),
                    _ => t.into_any(),
                })
                .collect_view()}
        </p>
    }
}

pub fn field_label(f: Field) -> ArticleMsg {
    match f {
        Field::Title => ArticleMsg::EdTitle,
        Field::Lead => ArticleMsg::FieldLead,
        Field::Body => ArticleMsg::FieldBody,
        Field::Section => ArticleMsg::FieldSection,
        Field::Topics => ArticleMsg::FieldTopics,
        Field::Kind => ArticleMsg::FieldKind,
        Field::Authors => ArticleMsg::FieldAuthors,
        Field::Source => ArticleMsg::FieldSource,
        Field::Cover => ArticleMsg::FieldCover,
        Field::Channels => ArticleMsg::FieldChannels,
        Field::Language => ArticleMsg::FieldLanguage,
        Field::ModelExample => ArticleMsg::FieldModelExample,
        Field::Scheduled => ArticleMsg::EdScheduled,
        Field::Checks => ArticleMsg::EdChecks,
    }
}

/// The text of a field in the interface's language.
pub fn field_text(f: Field, d: &Draft, lang: Lang) -> String {
    f.text(d, &|v| match v {
        Vocab::Topic(t) => topic_label(t, lang).to_string(),
        Vocab::Kind(k) => kind_label(k, lang).to_string(),
        Vocab::Channel(c) => channel_label(c, lang).to_string(),
        Vocab::Language(l) => language_label(l, lang).to_string(),
        Vocab::Flag(b) => if b { Msg::Yes } else { Msg::No }.text(lang).to_string(),
    })
}

// ---------------------------------------------------------------------------------------------
// Conflict
// ---------------------------------------------------------------------------------------------

/// An open conflict: the server's article, the merge's starting point, the user's side, and
/// the fields to settle.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictState {
    pub theirs: Article,
    /// The server's version with the user's changes that do not conflict.
    pub start: Draft,
    /// The user's whole draft.
    pub mine: Draft,
    pub fields: Vec<Field>,
}

#[component]
pub fn ConflictPanel() -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let ctx = expect_context::<EditorCtx>();
    let Some(state) = ctx.conflict.get_untracked() else {
        return ().into_any();
    };
    let theirs_draft = Draft::from_article(&state.theirs);
    let who = state.theirs.updated_by_name.clone();
    let when = datetime_vn(state.theirs.updated_at);
    let choices: Vec<(Field, RwSignal<Resolution>)> = state
        .fields
        .iter()
        .map(|f| (*f, RwSignal::new(Resolution::Mine)))
        .collect();
    let choices = StoredValue::new(choices);
    let mine = StoredValue::new(state.mine.clone());
    let start = StoredValue::new(state.start.clone());
    let article = StoredValue::new(state.theirs.clone());

    let rows = state
        .fields
        .iter()
        .enumerate()
        .map(|(n, f)| {
            let f = *f;
            let choice = choices.with_value(|c| c[n].1);
            let lang = i18n.lang_untracked();
            let mine_text = field_text(f, &state.mine, lang);
            let theirs_text = field_text(f, &theirs_draft, lang);
            let name = format!("conflict-{}", f.wire());
            let edited_id = format!("conflict-{}-edited", f.wire());
            let mine_for_edit = mine_text.clone();
            view! {
                <section class="conflict-field" data-field=f.wire() aria-labelledby=format!("{name}-h")>
                    <h3 id=format!("{name}-h")>{i18n.tr(field_label(f))}</h3>
                    <div class="conflict-sides">
                        <div class="conflict-side">
                            <h4>{i18n.tr(ArticleMsg::EdConflictMine)}</h4>
                            <p class="conflict-text">{mine_text.clone()}</p>
                        </div>
                        <div class="conflict-side">
                            <h4>{i18n.tr(ArticleMsg::EdConflictTheirs)}</h4>
                            <p class="conflict-text">{theirs_text.clone()}</p>
                        </div>
                    </div>
                    <details class="conflict-diff">
                        <summary>{i18n.tr(ArticleMsg::EdConflictDiff)}</summary>
                        <WordDiff old=theirs_text.clone() new=mine_text.clone()/>
                    </details>
                    <fieldset class="conflict-choice">
                        <legend class="visually-hidden">{i18n.tr(field_label(f))}</legend>
                        <label>
                            <input
                                type="radio"
                                name=name.clone()
                                value="mine"
                                prop:checked=move || choice.get() == Resolution::Mine
                                on:change=move |_| choice.set(Resolution::Mine)
                            />
                            {i18n.tr(ArticleMsg::EdKeepMine)}
                        </label>
                        <label>
                            <input
                                type="radio"
                                name=name.clone()
                                value="theirs"
                                prop:checked=move || choice.get() == Resolution::Theirs
                                on:change=move |_| choice.set(Resolution::Theirs)
                            />
                            {i18n.tr(ArticleMsg::EdKeepTheirs)}
                        </label>
                        {f
                            .is_text()
                            .then(|| {
                                let start = mine_for_edit.clone();
                                view! {
                                    <label>
                                        <input
                                            type="radio"
                                            name=name.clone()
                                            value="edit"
                                            prop:checked=move || matches!(choice.get(), Resolution::Edited(_))
                                            on:change=move |_| choice.set(Resolution::Edited(start.clone()))
                                        />
                                        {i18n.tr(ArticleMsg::EdEditMerged)}
                                    </label>
                                }
                            })}
                    </fieldset>
                    {move || match choice.get() {
                        Resolution::Edited(text) => Some(view! {
                            <div class="field">
                                <label for=edited_id.clone()>{i18n.tr(ArticleMsg::EdMergedValue)}</label>
                                <textarea
                                    id=edited_id.clone()
                                    rows="3"
                                    prop:value=text
                                    on:input=move |ev| choice.set(Resolution::Edited(event_target_value(&ev)))
                                ></textarea>
                            </div>
                        }),
                        _ => None,
                    }}
                </section>
            }
        })
        .collect_view();

    let on_save = move |_| {
        let resolutions: Vec<(Field, Resolution)> =
            choices.with_value(|c| c.iter().map(|(f, r)| (*f, r.get_untracked())).collect());
        let merged = merge(&start.get_value(), &mine.get_value(), &resolutions);
        ctx.article.set(article.get_value());
        ctx.conflict.set(None);
        ctx.status.set(SaveState::Dirty);
        ctx.draft.set(merged);
        toasts.push(ToastKind::Info, i18n.t_untracked(ArticleMsg::EdMergeSaving));
        ctx.save.run(());
    };

    view! {
        <section class="conflict-panel" role="region" aria-labelledby="conflict-heading">
            <h2 id="conflict-heading" tabindex="-1">{i18n.tr(ArticleMsg::EdConflictTitle)}</h2>
            <p>{move || i18n.f(ArticleMsg::EdConflictIntro, &[("who", &who), ("when", &when)])}</p>
            {rows}
            <div class="conflict-actions">
                <button type="button" class="button button-primary" on:click=on_save>
                    {i18n.tr(ArticleMsg::EdMergeSave)}
                </button>
            </div>
        </section>
    }
    .into_any()
}

// ---------------------------------------------------------------------------------------------
// Publish checklist
// ---------------------------------------------------------------------------------------------

#[component]
pub fn ChecklistPanel() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<EditorCtx>();
    let checklist = Memo::new(move |_| ctx.article.with(|a| a.checklist.clone()));
    let problems = ctx.checklist_errors;
    // The server lets only editors (not authors) tick manual items.
    let can_tick = use_session().info().is_some_and(|i| {
        i.user.roles.iter().any(|r| {
            matches!(
                r,
                portal_contract::Role::Editor
                    | portal_contract::Role::Secretary
                    | portal_contract::Role::ChiefEditor
            )
        })
    });
    view! {
        <section class="checklist-panel" aria-labelledby="checklist-heading">
            <h2 id="checklist-heading">{i18n.tr(ArticleMsg::EdChecklist)}</h2>
            <p class="checklist-summary" data-failing=move || checklist.with(|c| c.failing)>
                {move || {
                    let n = checklist.with(|c| c.failing);
                    if n == 0 {
                        i18n.t(ArticleMsg::EdChecklistPasses).to_string()
                    } else {
                        i18n.f(ArticleMsg::EdChecklistFailing, &[("n", &n.to_string())])
                    }
                }}
            </p>
            <p class="field-hint">{i18n.tr(ArticleMsg::EdChecklistHint)}</p>
            <ul class="checklist">
                {move || {
                    checklist
                        .get()
                        .items
                        .into_iter()
                        .map(|item| {
                            let id = item.id.clone();
                            let label = move || {
                                if i18n.lang() == Lang::Vi { item.label_vi.clone() } else { item.label_en.clone() }
                            };
                            let problem_field = format!("checklist.{}", item.id);
                            let status = if item.passed { "pass" } else if item.required { "fail" } else { "warn" };
                            let mark = if item.passed { "✓" } else { "✗" };
                            let state_text = if item.passed { ArticleMsg::EdCheckPassed } else { ArticleMsg::EdCheckFailed };
                            let control = if item.automatic {
                                view! {
                                    <span class="check-mark" aria-hidden="true">{mark}</span>
                                    <span class="visually-hidden">{i18n.tr(state_text)}</span>
                                    <span class="check-label">{label}</span>
                                }
                                    .into_any()
                            } else {
                                let input_id = format!("check-{}", css_safe(&id));
                                let checked = {
                                    let id = id.clone();
                                    Memo::new(move |_| ctx.draft.with(|d| d.checks.contains(&id)))
                                };
                                let id2 = id.clone();
                                view! {
                                    <input
                                        type="checkbox"
                                        id=input_id.clone()
                                        prop:checked=checked
                                        disabled=!can_tick
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            let id = id2.clone();
                                            ctx.draft
                                                .update(|d| {
                                                    d.checks.retain(|c| *c != id);
                                                    if on {
                                                        d.checks.push(id);
                                                    }
                                                });
                                            ctx.save.run(());
                                        }
                                    />
                                    <label for=input_id class="check-label">{label}</label>
                                }
                                    .into_any()
                            };
                            view! {
                                <li class="check-item" data-status=status data-id=item.id.clone()>
                                    {control}
                                    {item.required.then(|| view! { <span class="badge">{i18n.tr(ArticleMsg::EdRequired)}</span> })}
                                    {item.detail.clone().map(|d| view! { <p class="check-detail">{d}</p> })}
                                    <FieldErrors errors=Signal::derive(move || problems.get()) field=problem_field/>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}

fn css_safe(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Workflow moves
// ---------------------------------------------------------------------------------------------

#[component]
pub fn WorkflowActions(workflow: Workflow) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let session = use_session();
    let ctx = expect_context::<EditorCtx>();
    let roles = session.info().map(|i| i.user.roles).unwrap_or_default();
    let workflow = StoredValue::new(workflow);
    let roles = StoredValue::new(roles);
    let moves = Memo::new(move |_| {
        let (stage, created_by) = ctx.article.with(|a| (a.stage, a.created_by));
        workflow.with_value(|w| {
            roles.with_value(|r| {
                w.moves_for(stage, created_by, ctx.user_id, r)
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    });
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
            match api::articles::transition(base.id, version, rule.to, text).await {
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
                    toasts.push(
                        ToastKind::Success,
                        crate::i18n::fill(
                            ArticleMsg::EdMoved.text(lang),
                            &[("action", label), ("stage", stage_label(rule.to, lang))],
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
        <section class="workflow-actions" aria-labelledby="moves-heading">
            <h2 id="moves-heading">{i18n.tr(ArticleMsg::EdMoves)}</h2>
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
                                        super::editor::focus_later("move-comment".to_string());
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
                                aria-labelledby="move-dialog-title"
                                on:submit=submit
                                on:keydown=move |ev| {
                                    if ev.key() == "Escape" {
                                        open.set(None);
                                    }
                                }
                                novalidate
                            >
                                <h3 id="move-dialog-title">{label}</h3>
                                <div class="field">
                                    <label for="move-comment">{i18n.tr(prompt)}</label>
                                    <textarea
                                        id="move-comment"
                                        rows="4"
                                        maxlength=COMMENT_MAX.to_string()
                                        required
                                        prop:value=comment
                                        on:input=move |ev| comment.set(event_target_value(&ev))
                                        aria-invalid=move || (!comment_errors.with(Vec::is_empty)).then_some("true")
                                        aria-describedby="err-comment"
                                    ></textarea>
                                    <FieldErrors errors=comment_errors field="comment"/>
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

// ---------------------------------------------------------------------------------------------
// History
// ---------------------------------------------------------------------------------------------

#[component]
pub fn HistoryPanel(workflow: Workflow) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<EditorCtx>();
    let id = ctx.article.with_untracked(|a| a.id);
    let version = Memo::new(move |_| ctx.article.with(|a| a.version));
    let history = LocalResource::new(move || {
        version.track();
        api::articles::history(id)
    });
    let workflow = StoredValue::new(workflow);
    view! {
        <Transition fallback=|| view! { <SkeletonBlock lines=5/> }>
            {move || Suspend::new(async move {
                match history.await {
                    Err(e) => view! {
                        <ErrorState error=Signal::stored(e) on_retry=move |_| history.refetch()/>
                    }
                    .into_any(),
                    Ok(list) if list.is_empty() => view! {
                        <EmptyState title=Signal::derive(move || i18n.t(ArticleMsg::HistoryEmpty).to_string())/>
                    }
                    .into_any(),
                    Ok(list) => {
                        let mut versions: Vec<i64> = list.iter().map(|h| h.version).collect();
                        super::sort_small_by_key(&mut versions, |v| *v);
                        versions.dedup();
                        let rows = list
                            .iter()
                            .rev()
                            .map(|h| {
                                let entry = h.clone();
                                view! {
                                    <tr>
                                        <td data-label=i18n.tr(ArticleMsg::ColWhen)>
                                            <time datetime=h.at.to_rfc3339()>{datetime_vn(h.at)}</time>
                                        </td>
                                        <td data-label=i18n.tr(ArticleMsg::ColWho)>{h.actor_name.clone()}</td>
                                        <td data-label=i18n.tr(ArticleMsg::ColAction)>
                                            {move || workflow.with_value(|w| history_action_label(&entry, w, i18n.lang()))}
                                        </td>
                                        <td data-label=i18n.tr(ArticleMsg::FieldVersion)>{h.version}</td>
                                        <td data-label=i18n.tr(ArticleMsg::ColComment)>
                                            {h.comment.clone().filter(|c| !c.trim().is_empty())}
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view();
                        view! {
                            <div class="table-wrap">
                                <table class="data-table history-table">
                                    <caption class="visually-hidden">{i18n.tr(ArticleMsg::HistoryHeading)}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{i18n.tr(ArticleMsg::ColWhen)}</th>
                                            <th scope="col">{i18n.tr(ArticleMsg::ColWho)}</th>
                                            <th scope="col">{i18n.tr(ArticleMsg::ColAction)}</th>
                                            <th scope="col">{i18n.tr(ArticleMsg::FieldVersion)}</th>
                                            <th scope="col">{i18n.tr(ArticleMsg::ColComment)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>{rows}</tbody>
                                </table>
                            </div>
                            <VersionCompare id=id versions=versions/>
                        }
                        .into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn VersionCompare(id: i64, versions: Vec<i64>) -> impl IntoView {
    let i18n = use_i18n();
    let first = versions.first().copied().unwrap_or(1);
    let last = versions.last().copied().unwrap_or(1);
    let from = RwSignal::new(if versions.len() > 1 {
        versions[versions.len() - 2]
    } else {
        first
    });
    let to = RwSignal::new(last);
    let result = RwSignal::new(None::<Result<(Draft, Draft), ApiError>>);
    let busy = RwSignal::new(false);
    let versions = StoredValue::new(versions);
    let compare = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        let (a, b) = (from.get_untracked(), to.get_untracked());
        spawn_local(async move {
            let (x, y) =
                futures::join!(api::articles::version(id, a), api::articles::version(id, b));
            result.set(Some(match (x, y) {
                (Ok(x), Ok(y)) => Ok((Draft::from_article(&x), Draft::from_article(&y))),
                (Err(e), _) | (_, Err(e)) => Err(e),
            }));
            busy.set(false);
        });
    };
    let select = move |sig: RwSignal<i64>, id_attr: &'static str, label: ArticleMsg| {
        view! {
            <div class="field">
                <label for=id_attr>{i18n.tr(label)}</label>
                <select
                    id=id_attr
                    on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse() {
                            sig.set(v);
                        }
                    }
                >
                    {versions
                        .get_value()
                        .into_iter()
                        .map(|v| view! { <option value=v.to_string() selected=move || sig.get() == v>{v}</option> })
                        .collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <section class="version-compare" aria-labelledby="compare-heading">
            <h3 id="compare-heading">{i18n.tr(ArticleMsg::EdCompare)}</h3>
            <form class="compare-form" on:submit=compare>
                {select(from, "compare-from", ArticleMsg::EdCompareFrom)}
                {select(to, "compare-to", ArticleMsg::EdCompareTo)}
                <button type="submit" class="button" disabled=busy>{i18n.tr(ArticleMsg::EdCompareRun)}</button>
            </form>
            <div class="compare-result" aria-live="polite">
                {move || {
                    result
                        .get()
                        .map(|r| match r {
                            Err(e) => view! { <p class="form-error">{e.message(i18n.lang())}</p> }.into_any(),
                            Ok((a, b)) => {
                                let fields = changed_fields(&a, &b);
                                if fields.is_empty() {
                                    return view! { <p class="muted">{i18n.tr(ArticleMsg::EdCompareSame)}</p> }.into_any();
                                }
                                let lang = i18n.lang();
                                fields
                                    .into_iter()
                                    .map(|f| {
                                        view! {
                                            <div class="compare-field" data-field=f.wire()>
                                                <h4>{i18n.tr(field_label(f))}</h4>
                                                <WordDiff old=field_text(f, &a, lang) new=field_text(f, &b, lang)/>
                                            </div>
                                        }
                                    })
                                    .collect_view()
                                    .into_any()
                            }
                        })
                }}
            </div>
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// Comments
// ---------------------------------------------------------------------------------------------

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
        <Transition fallback=|| view! { <SkeletonBlock lines=4/> }>
            {move || Suspend::new(async move {
                match comments.await {
                    Err(e) => view! {
                        <ErrorState error=Signal::stored(e) on_retry=move |_| comments.refetch()/>
                    }
                    .into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="muted">{i18n.tr(ArticleMsg::EdNoComments)}</p> }.into_any(),
                    Ok(list) => view! {
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
                }
            })}
        </Transition>
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
                    aria-describedby="comment-count err-text"
                ></textarea>
                <p class="field-hint" id="comment-count">
                    {move || format!("{}/{}", text.with(|t| t.chars().count()), COMMENT_MAX)}
                </p>
                <FieldErrors errors=errors field="text"/>
            </div>
            <button type="submit" class="button button-primary" disabled=busy>{i18n.tr(ArticleMsg::EdCommentSend)}</button>
        </form>
    }
}
