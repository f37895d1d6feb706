//! The draft of a year's plan: objectives, royalty budget and the 12-month table (themes,
//! occasions, norms, media products, training, who is responsible), with the totals as you type
//! and each field's messages beside it; save with If-Match, a 412 conflict, submit.

use crate::api::{self, ApiError};
use crate::components::{dyn_flag, dyn_text, dyn_view, use_toasts, ToastKind};
use crate::form::{
    error_id, focus_first_invalid, focus_later, input_id, invalid_flag, local_field, FieldMessages,
};
use crate::i18n::use_i18n;

use crate::pages::plans::logic::{
    iso_date, month_bounds, month_field, parse_count, parse_iso_date, parse_vnd, plan_errors,
    CountPart, TextPart,
};
use crate::pages::plans::strings::PlanMsg;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_contract::format::{datetime_vn, number_vn, vnd};
use portal_contract::plans::{
    validate_content, Occasion, Plan, PlanAction, PlanContent, PlanTotals,
};
use portal_contract::FieldError;
use std::time::Duration;

/// Prefix of every input id of the plan form (see [`input_id`]).
pub const PLAN_IDS: &str = "plan";

/// The state of the plan form, shared by its parts. Copy it into closures freely.
#[derive(Debug, Clone, Copy)]
pub struct PlanForm {
    pub year: i32,
    /// What the board is editing.
    pub draft: RwSignal<PlanContent>,
    /// Inputs whose text is not a value (a count with letters, a malformed amount).
    pub unparsed: RwSignal<Vec<FieldError>>,
    /// The server's field errors of the last save or submit.
    pub server: RwSignal<Vec<FieldError>>,
    /// Once the board has tried to submit, what a submission needs shows too.
    pub submit_tried: RwSignal<bool>,
    /// Everything shown next to the fields.
    pub errors: Memo<Vec<FieldError>>,
}

impl PlanForm {
    pub fn new(year: i32, content: PlanContent) -> Self {
        let draft = RwSignal::new(content);
        let unparsed = RwSignal::new(Vec::new());
        let server = RwSignal::new(Vec::new());
        let submit_tried = RwSignal::new(false);
        let errors = Memo::new(move |_| {
            draft.with(|d| {
                unparsed.with(|u| server.with(|s| plan_errors(year, d, submit_tried.get(), u, s)))
            })
        });
        Self {
            year,
            draft,
            unparsed,
            server,
            submit_tried,
            errors,
        }
    }

    /// Changes the draft; the server's message about `field` no longer applies.
    pub fn edit(&self, field: &str, change: impl FnOnce(&mut PlanContent)) {
        self.draft.update(change);
        let stale = |e: &FieldError| local_field(&e.field).starts_with(field);
        if self.server.with_untracked(|s| s.iter().any(stale)) {
            self.server.update(|s| s.retain(|e| !stale(e)));
        }
    }

    /// Records (or clears, with `None`) that the input of `field` holds no value.
    pub fn set_unparsed(&self, field: &str, message: Option<&str>) {
        let has = self
            .unparsed
            .with_untracked(|u| u.iter().any(|e| e.field == field));
        match message {
            Some(m) => self.unparsed.update(|u| {
                u.retain(|e| e.field != field);
                u.push(FieldError::new(field, "invalid_value", m));
            }),
            None if has => self.unparsed.update(|u| u.retain(|e| e.field != field)),
            None => {}
        }
    }

    /// Replaces the draft (a reload): no leftover messages.
    pub fn reset(&self, content: PlanContent) {
        self.unparsed.set(Vec::new());
        self.server.set(Vec::new());
        self.draft.set(content);
    }

    /// Problems that stop a save (a submission needs more; see [`validate_content`]).
    pub fn blocks_save(&self) -> bool {
        !self.unparsed.with_untracked(Vec::is_empty)
            || self
                .draft
                .with_untracked(|d| !validate_content(self.year, d, false).is_empty())
    }

    /// Problems that stop a submission.
    pub fn blocks_submit(&self) -> bool {
        !self.unparsed.with_untracked(Vec::is_empty)
            || self
                .draft
                .with_untracked(|d| !validate_content(self.year, d, true).is_empty())
    }

    fn invalid(&self, field: String) -> Signal<Option<&'static str>> {
        invalid_flag(self.errors.into(), field)
    }
}

// ---------------------------------------------------------------------------------------------
// The editor
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Busy {
    Idle,
    Saving,
    Submitting,
}

/// The form of a draft version. `plan` is the page's copy of the version (its `version` goes
/// out as If-Match); `on_changed` receives every new copy the server answers with.
#[component]
pub fn PlanEditor(
    initial: Plan,
    plan: RwSignal<Option<Plan>>,
    #[prop(into)] on_changed: Callback<Plan>,
    /// The content as the print view shows it (kept a moment behind the typing).
    doc_content: RwSignal<PlanContent>,
) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let form = PlanForm::new(initial.year, initial.content.clone());
    let base = RwSignal::new(initial.content.clone());
    let busy = RwSignal::new(Busy::Idle);
    let notice = RwSignal::new(None::<String>);
    let conflict = RwSignal::new(None::<Plan>);
    let dirty = Memo::new(move |_| form.draft.with(|d| base.with(|b| d != b)));

    // The print view follows the draft a moment later, not at every keystroke.
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        form.draft.track();
        let g = generation.get_value() + 1;
        generation.set_value(g);
        set_timeout(
            move || {
                if generation.try_get_value() == Some(g) {
                    if let Some(c) = form.draft.try_get_untracked() {
                        let _ = doc_content.try_set(c);
                    }
                }
            },
            Duration::from_millis(300),
        );
    });

    let failed = move |e: ApiError| {
        let lang = i18n.lang_untracked();
        if e.status() == Some(412) {
            match e.current_as::<Plan>() {
                Some(theirs) => {
                    let _ = conflict.try_set(Some(theirs));
                }
                None => {
                    let _ = notice.try_set(Some(e.message(lang)));
                }
            }
            return;
        }
        if let ApiError::Problem { problem, .. } = &e {
            if !problem.errors.is_empty() {
                let _ = form.server.try_set(problem.errors.clone());
                focus_first_invalid(".plan-editor");
            }
        }
        let _ = notice.try_set(Some(e.message(lang)));
    };

    // Sends the draft; the new copy on success.
    let save = move || async move {
        let (id, version) = plan.with_untracked(|p| p.as_ref().map(|p| (p.id, p.version)))?;
        if form.blocks_save() {
            notice.set(Some(i18n.t_untracked(PlanMsg::FixFirst).to_string()));
            focus_first_invalid(".plan-editor");
            return None;
        }
        let content = form.draft.get_untracked();
        busy.set(Busy::Saving);
        notice.set(None);
        let answer = api::plans::save(id, version, &content).await;
        let _ = busy.try_set(Busy::Idle);
        match answer {
            Ok(p) => {
                let _ = base.try_set(content);
                let _ = form.server.try_set(Vec::new());
                on_changed.run(p.clone());
                Some(p)
            }
            Err(e) => {
                failed(e);
                None
            }
        }
    };

    let on_save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() != Busy::Idle || conflict.with_untracked(Option::is_some) {
            return;
        }
        spawn_local(async move {
            if save().await.is_some() {
                toasts.push(ToastKind::Success, i18n.t_untracked(PlanMsg::Saved));
            }
        });
    };

    let on_submit = move |_| {
        if busy.get_untracked() != Busy::Idle || conflict.with_untracked(Option::is_some) {
            return;
        }
        form.submit_tried.set(true);
        if form.blocks_submit() {
            notice.set(Some(
                i18n.t_untracked(PlanMsg::SubmitIncomplete).to_string(),
            ));
            focus_first_invalid(".plan-editor");
            return;
        }
        spawn_local(async move {
            let current = if dirty.get_untracked() {
                save().await
            } else {
                plan.get_untracked()
            };
            let Some(current) = current else {
                return;
            };
            let _ = busy.try_set(Busy::Submitting);
            let answer =
                api::plans::transition(current.id, current.version, PlanAction::Submit, None).await;
            let _ = busy.try_set(Busy::Idle);
            match answer {
                Ok(p) => {
                    toasts.push(ToastKind::Success, i18n.t_untracked(PlanMsg::SubmittedDone));
                    on_changed.run(p);
                }
                Err(e) => failed(e),
            }
        });
    };

    let status_text = dyn_text(move || {
        match busy.get() {
            Busy::Saving => i18n.t(PlanMsg::Saving),
            Busy::Submitting => i18n.t(PlanMsg::Submitting),
            Busy::Idle if dirty.get() => i18n.t(PlanMsg::Unsaved),
            Busy::Idle => i18n.t(PlanMsg::AllSaved),
        }
        .to_string()
    });
    let error_count = dyn_text(move || {
        let n = form.errors.with(Vec::len);
        if n == 0 {
            String::new()
        } else {
            format!(
                " · {}",
                i18n.f(PlanMsg::ErrorsCount, &[("n", &n.to_string())])
            )
        }
    });
    let idle = dyn_flag(move || busy.get() != Busy::Idle);

    let objectives_field = "objectives";
    let on_objectives = move |ev| {
        let v = event_target_value(&ev);
        form.edit(objectives_field, |d| d.objectives = v);
    };
    let objectives = Memo::new(move |_| form.draft.with(|d| d.objectives.clone()));

    let save_again = Callback::new(move |_| {
        spawn_local(async move {
            if save().await.is_some() {
                toasts.push(ToastKind::Success, i18n.t_untracked(PlanMsg::Saved));
            }
        });
    });
    let conflict_panel = dyn_view(move || match conflict.get() {
        Some(theirs) => view! {
            <PlanConflict
                theirs=theirs
                form=form
                base=base
                conflict=conflict
                plan=plan
                on_changed=on_changed
                save_again=save_again
            />
        }
        .into_any(),
        None => ().into_any(),
    });
    view! {
        {conflict_panel}
        <form class="plan-editor" novalidate on:submit=on_save>
            <div class="field">
                <label for=input_id(PLAN_IDS, objectives_field)>{i18n.tr(PlanMsg::Objectives)}</label>
                <textarea
                    id=input_id(PLAN_IDS, objectives_field)
                    rows="3"
                    prop:value=objectives
                    on:input=on_objectives
                    aria-invalid=form.invalid(objectives_field.to_string())
                    aria-describedby=error_id(PLAN_IDS, objectives_field)
                ></textarea>
                <FieldMessages
                    errors=form.errors
                    field=objectives_field
                    id=error_id(PLAN_IDS, objectives_field)
                />
            </div>
            <BudgetInput form=form/>
            <h2 id="plan-months-heading">{i18n.tr(PlanMsg::MonthsHeading)}</h2>
            <p class="section-hint">{i18n.tr(PlanMsg::MonthsHint)}</p>
            <PlanMonthTable form=form/>
            // Actions first: the notices of the app appear at the bottom right.
            <div class="plan-editor-bar">
                <div class="plan-editor-actions">
                    <button
                        type="submit"
                        class="button plan-save"
                        disabled=idle
                    >
                        {i18n.tr(PlanMsg::Save)}
                    </button>
                    <button
                        type="button"
                        class="button button-primary plan-submit"
                        disabled=idle
                        on:click=on_submit
                    >
                        {i18n.tr(PlanMsg::Submit)}
                    </button>
                </div>
                <p class="plan-save-status" role="status" aria-live="polite">
                    {status_text}
                    <span class="plan-error-count">{error_count}</span>
                </p>
                <p class="form-error plan-notice" role="alert">{dyn_text(move || notice.get().unwrap_or_default())}</p>
            </div>
        </form>
    }
}

/// "Someone else changed it": reload theirs, or keep mine and save over it.
#[component]
fn PlanConflict(
    theirs: Plan,
    form: PlanForm,
    base: RwSignal<PlanContent>,
    conflict: RwSignal<Option<Plan>>,
    plan: RwSignal<Option<Plan>>,
    on_changed: Callback<Plan>,
    save_again: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let who = theirs.updated_by_name.clone();
    let when = datetime_vn(theirs.updated_at);
    let still_draft = theirs.state == portal_contract::plans::PlanState::Draft;
    let theirs = StoredValue::new(theirs);
    let reload = move |_| {
        let t = theirs.get_value();
        conflict.set(None);
        base.set(t.content.clone());
        form.reset(t.content.clone());
        on_changed.run(t);
    };
    let keep = move |_| {
        plan.set(Some(theirs.get_value()));
        conflict.set(None);
        save_again.run(());
    };
    focus_later("plan-conflict-heading".into());
    view! {
        <section class="plan-conflict" role="region" aria-labelledby="plan-conflict-heading">
            <h2 id="plan-conflict-heading" tabindex="-1">{i18n.tr(PlanMsg::ConflictTitle)}</h2>
            <p>{dyn_text(move || i18n.f(PlanMsg::ConflictIntro, &[("who", &who), ("when", &when)]))}</p>
            {(!still_draft).then(|| view! { <p>{i18n.tr(PlanMsg::ConflictNotDraft)}</p> })}
            <div class="plan-conflict-actions">
                <button type="button" class="button plan-conflict-reload" on:click=reload>
                    {i18n.tr(PlanMsg::ConflictReload)}
                </button>
                {still_draft
                    .then(|| {
                        view! {
                            <button type="button" class="button button-primary plan-conflict-keep" on:click=keep>
                                {i18n.tr(PlanMsg::ConflictKeep)}
                            </button>
                        }
                    })}
            </div>
        </section>
    }
}

/// The royalty budget: digits with dots as the board writes amounts, shown back grouped.
#[component]
fn BudgetInput(form: PlanForm) -> impl IntoView {
    let i18n = use_i18n();
    let field = "royalty_budget";
    let id = input_id(PLAN_IDS, field);
    let model = Memo::new(move |_| form.draft.with(|d| d.royalty_budget));
    let raw = RwSignal::new(number_vn(model.get_untracked()));
    // A reload replaces the amount: the text follows, unless it already says the same.
    Effect::new(move |_| {
        let m = model.get();
        if parse_vnd(&raw.get_untracked()) != Some(m) {
            raw.set(number_vn(m));
            form.set_unparsed(field, None);
        }
    });
    let on_input = move |ev| {
        let v = event_target_value(&ev);
        raw.set(v.clone());
        match parse_vnd(&v) {
            Some(n) => {
                form.set_unparsed(field, None);
                form.edit(field, |d| d.royalty_budget = n);
            }
            None => form.set_unparsed(field, Some(i18n.t_untracked(PlanMsg::BudgetInvalid))),
        }
    };
    // Grouped again once the board leaves the field.
    let on_blur = move |_| {
        if let Some(n) = parse_vnd(&raw.get_untracked()) {
            raw.set(number_vn(n));
        }
    };
    let hint_id = format!("{id}-hint");
    let described = format!("{hint_id} {}", error_id(PLAN_IDS, field));
    view! {
        <div class="field plan-budget">
            <label for=id.clone()>{i18n.tr(PlanMsg::RoyaltyBudget)}</label>
            <div class="money-input">
                <input
                    id=id
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    prop:value=raw
                    on:input=on_input
                    on:blur=on_blur
                    aria-invalid=form.invalid(field.to_string())
                    aria-describedby=described
                />
                <span class="money-unit" aria-hidden="true">"₫"</span>
            </div>
            <p class="field-hint" id=hint_id>
                {i18n.tr(PlanMsg::RoyaltyHint)}
                " "
                <output class="money-preview">{dyn_text(move || vnd(model.get()))}</output>
            </p>
            <FieldMessages errors=form.errors field=field id=error_id(PLAN_IDS, field)/>
        </div>
    }
}

// ---------------------------------------------------------------------------------------------
// The 12-month table
// ---------------------------------------------------------------------------------------------

/// A total of the year in the column of `part`.
pub fn total_of(t: &PlanTotals, part: CountPart) -> u32 {
    match part {
        CountPart::News => t.news_norm,
        CountPart::Articles => t.article_norm,
        CountPart::Media(k) => k.get(&t.media),
    }
}

/// "Tháng 3" in the current language.
fn month_name(i18n: crate::i18n::I18n, month: u32) -> String {
    i18n.f(PlanMsg::MonthN, &[("m", &month.to_string())])
}

/// The twelve months as rows, every cell an input with its messages, and the year's totals
/// in the footer (computed as the board types). Scrolls sideways inside itself on narrow
/// screens; the month column stays.
#[component]
pub fn PlanMonthTable(form: PlanForm) -> impl IntoView {
    let i18n = use_i18n();
    let totals = Memo::new(move |_| form.draft.with(PlanContent::totals));
    let rows = (0..12usize)
        .map(|i| view! { <MonthRow form=form index=i/> })
        .collect_view();
    let count_heads = CountPart::ALL
        .iter()
        .map(|c| view! { <th scope="col" class="col-count">{i18n.tr(c.msg())}</th> })
        .collect_view();
    let count_totals = CountPart::ALL
        .iter()
        .map(|c| {
            let c = *c;
            view! {
                <td class="col-count" data-total=c.wire()>
                    {dyn_text(move || number_vn(i64::from(total_of(&totals.get(), c))))}
                </td>
            }
        })
        .collect_view();
    view! {
        <div
            class="plan-months-scroll"
            role="region"
            tabindex="0"
            aria-labelledby="plan-months-heading"
        >
            <table class="plan-months">
                <thead>
                    <tr>
                        <th scope="col" rowspan="2" class="col-month">{i18n.tr(PlanMsg::ColMonth)}</th>
                        <th scope="col" rowspan="2" class="col-theme">{i18n.tr(PlanMsg::ColTheme)}</th>
                        <th scope="col" rowspan="2" class="col-occasions">{i18n.tr(PlanMsg::ColOccasions)}</th>
                        <th scope="colgroup" colspan="2">{i18n.tr(PlanMsg::ColNorms)}</th>
                        <th scope="colgroup" colspan="5">{i18n.tr(PlanMsg::ColMedia)}</th>
                        <th scope="col" rowspan="2" class="col-training">{i18n.tr(PlanMsg::ColTraining)}</th>
                        <th scope="col" rowspan="2" class="col-responsible">{i18n.tr(PlanMsg::ColResponsible)}</th>
                    </tr>
                    <tr>{count_heads}</tr>
                </thead>
                <tbody>{rows}</tbody>
                <tfoot>
                    <tr class="plan-totals">
                        <th scope="row" class="col-month">{i18n.tr(PlanMsg::Totals)}</th>
                        <td></td>
                        <td data-total="occasions">
                            {dyn_text(move || i18n.f(PlanMsg::OccasionCount, &[("n", &totals.get().occasions.to_string())]))}
                        </td>
                        {count_totals}
                        <td colspan="2" data-total="media_total">
                            {dyn_text(move || i18n.f(PlanMsg::MediaTotal, &[("n", &number_vn(i64::from(totals.get().media_total)))]))}
                        </td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}

#[component]
fn MonthRow(form: PlanForm, index: usize) -> impl IntoView {
    let i18n = use_i18n();
    let month = index as u32 + 1;
    let counts = CountPart::ALL
        .iter()
        .map(|c| view! { <td class="col-count"><CountCell form=form index=index part=*c/></td> })
        .collect_view();
    view! {
        <tr data-month=month>
            <th scope="row" class="col-month">{dyn_text(move || month_name(i18n, month))}</th>
            <td class="col-theme"><TextCell form=form index=index part=TextPart::Theme/></td>
            <td class="col-occasions"><OccasionsCell form=form index=index/></td>
            {counts}
            <td class="col-training"><TextCell form=form index=index part=TextPart::Training/></td>
            <td class="col-responsible"><TextCell form=form index=index part=TextPart::Responsible/></td>
        </tr>
    }
}

/// The accessible name of a cell's input: "Tháng 3 — Chủ đề".
fn cell_label(i18n: crate::i18n::I18n, month: u32, what: PlanMsg) -> Signal<String> {
    dyn_text(move || format!("{} — {}", month_name(i18n, month), i18n.t(what)))
}

#[component]
fn TextCell(form: PlanForm, index: usize, part: TextPart) -> impl IntoView {
    let i18n = use_i18n();
    let field = month_field(index, part.wire());
    let id = input_id(PLAN_IDS, &field);
    let err = error_id(PLAN_IDS, &field);
    let value = Memo::new(move |_| {
        form.draft.with(|d| {
            d.months
                .get(index)
                .map(|m| part.get(m).clone())
                .unwrap_or_default()
        })
    });
    let f = field.clone();
    let on_input = move |ev| {
        let v = event_target_value(&ev);
        form.edit(&f, |d| {
            if let Some(m) = d.months.get_mut(index) {
                *part.get_mut(m) = v;
            }
        });
    };
    let label = cell_label(i18n, index as u32 + 1, part.msg());
    let invalid = form.invalid(field.clone());
    let control = if part == TextPart::Training {
        view! {
            <textarea
                id=id
                rows="2"
                aria-label=label
                prop:value=value
                on:input=on_input
                aria-invalid=invalid
                aria-describedby=err.clone()
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id
                type="text"
                aria-label=label
                prop:value=value
                on:input=on_input
                aria-invalid=invalid
                aria-describedby=err.clone()
            />
        }
        .into_any()
    };
    view! {
        {control}
        <FieldMessages errors=form.errors field=field id=err/>
    }
}

#[component]
fn CountCell(form: PlanForm, index: usize, part: CountPart) -> impl IntoView {
    let i18n = use_i18n();
    let field = month_field(index, &part.wire());
    let id = input_id(PLAN_IDS, &field);
    let err = error_id(PLAN_IDS, &field);
    let model = Memo::new(move |_| {
        form.draft
            .with(|d| d.months.get(index).map(|m| part.get(m)).unwrap_or(0))
    });
    // The text as typed; the draft holds its value when it has one.
    let raw = RwSignal::new(model.get_untracked().to_string());
    let f = field.clone();
    Effect::new(move |_| {
        let m = model.get();
        if parse_count(&raw.get_untracked()) != Some(m) {
            raw.set(m.to_string());
            form.set_unparsed(&f, None);
        }
    });
    let f = field.clone();
    let on_input = move |ev| {
        let v = event_target_value(&ev);
        raw.set(v.clone());
        match parse_count(&v) {
            Some(n) => {
                form.set_unparsed(&f, None);
                form.edit(&f, |d| {
                    if let Some(m) = d.months.get_mut(index) {
                        *part.get_mut(m) = n;
                    }
                });
            }
            None => form.set_unparsed(&f, Some(i18n.t_untracked(PlanMsg::CountInvalid))),
        }
    };
    view! {
        <input
            id=id
            class="count-input"
            type="text"
            inputmode="numeric"
            autocomplete="off"
            size="4"
            aria-label=cell_label(i18n, index as u32 + 1, part.msg())
            prop:value=raw
            on:input=on_input
            aria-invalid=form.invalid(field.clone())
            aria-describedby=err.clone()
        />
        <FieldMessages errors=form.errors field=field id=err/>
    }
}

/// A month's occasions: pre-filled dates and names, each editable and removable, and a button
/// to add one.
#[component]
fn OccasionsCell(form: PlanForm, index: usize) -> impl IntoView {
    let i18n = use_i18n();
    let month = index as u32 + 1;
    let field = month_field(index, "occasions");
    let count = Memo::new(move |_| {
        form.draft
            .with(|d| d.months.get(index).map(|m| m.occasions.len()).unwrap_or(0))
    });
    let bounds = month_bounds(form.year, month);
    let add_id = format!("{}-add", input_id(PLAN_IDS, &field));
    let f = field.clone();
    let add = move |_| {
        let Some((first, _)) = bounds else {
            return;
        };
        let j = count.get_untracked();
        form.edit(&f, |d| {
            if let Some(m) = d.months.get_mut(index) {
                m.occasions.push(Occasion {
                    date: first,
                    name: String::new(),
                });
            }
        });
        focus_later(input_id(
            PLAN_IDS,
            &format!("{}[{j}].date", month_field(index, "occasions")),
        ));
    };
    // Rebuilt only when an occasion is added or removed (the focus then moves on purpose).
    let rows = dyn_view(move || {
        (0..count.get())
            .map(|j| view! { <OccasionRow form=form index=index j=j/> })
            .collect_view()
            .into_any()
    });
    view! {
        <ul class="occasion-list">{rows}</ul>
        <button
            type="button"
            id=add_id
            class="button button-small occasion-add"
            aria-label=dyn_text(move || i18n.f(PlanMsg::OccasionAddTo, &[("month", &month_name(i18n, month))]))
            on:click=add
        >
            {i18n.tr(PlanMsg::OccasionAdd)}
        </button>
        <FieldMessages errors=form.errors field=field.clone() id=error_id(PLAN_IDS, &field)/>
    }
}

#[component]
fn OccasionRow(form: PlanForm, index: usize, j: usize) -> impl IntoView {
    let i18n = use_i18n();
    let month = index as u32 + 1;
    let list = month_field(index, "occasions");
    let date_field = format!("{list}[{j}].date");
    let name_field = format!("{list}[{j}].name");
    let occasion = Memo::new(move |_| {
        form.draft.with(|d| {
            d.months
                .get(index)
                .and_then(|m| m.occasions.get(j))
                .cloned()
        })
    });
    let (min, max) = month_bounds(form.year, month)
        .map(|(a, b)| (iso_date(a), iso_date(b)))
        .unwrap_or_default();
    let df = date_field.clone();
    let on_date = move |ev| {
        let v = event_target_value(&ev);
        match parse_iso_date(&v) {
            Some(date) => {
                form.set_unparsed(&df, None);
                form.edit(&df, |d| {
                    if let Some(o) = d.months.get_mut(index).and_then(|m| m.occasions.get_mut(j)) {
                        o.date = date;
                    }
                });
            }
            None => form.set_unparsed(&df, Some(i18n.t_untracked(PlanMsg::DateInvalid))),
        }
    };
    let nf = name_field.clone();
    let on_name = move |ev| {
        let v = event_target_value(&ev);
        form.edit(&nf, |d| {
            if let Some(o) = d.months.get_mut(index).and_then(|m| m.occasions.get_mut(j)) {
                o.name = v;
            }
        });
    };
    let l = list.clone();
    let remove = move |_| {
        // Later occasions move up one place: their messages no longer match.
        let under = format!("{l}[");
        form.unparsed
            .update(|u| u.retain(|e| !e.field.starts_with(&under)));
        form.edit(&l, |d| {
            if let Some(m) = d.months.get_mut(index) {
                if j < m.occasions.len() {
                    m.occasions.remove(j);
                }
            }
        });
        focus_later(format!("{}-add", input_id(PLAN_IDS, &l)));
    };
    let name_now =
        dyn_text(move || occasion.with(|o| o.as_ref().map(|o| o.name.clone()).unwrap_or_default()));
    let date_label = dyn_text(move || {
        i18n.f(
            PlanMsg::OccasionDateOf,
            &[
                ("n", &(j + 1).to_string()),
                ("month", &month_name(i18n, month)),
            ],
        )
    });
    let name_label = dyn_text(move || {
        i18n.f(
            PlanMsg::OccasionNameOf,
            &[
                ("n", &(j + 1).to_string()),
                ("month", &month_name(i18n, month)),
            ],
        )
    });
    let date_err = error_id(PLAN_IDS, &date_field);
    let name_err = error_id(PLAN_IDS, &name_field);
    view! {
        <li class="occasion">
            <div class="occasion-inputs">
                <input
                    id=input_id(PLAN_IDS, &date_field)
                    class="occasion-date"
                    type="date"
                    min=min
                    max=max
                    aria-label=date_label
                    prop:value=dyn_text(move || occasion.with(|o| o.as_ref().map(|o| iso_date(o.date)).unwrap_or_default()))
                    on:change=on_date
                    aria-invalid=form.invalid(date_field.clone())
                    aria-describedby=date_err.clone()
                />
                <input
                    id=input_id(PLAN_IDS, &name_field)
                    class="occasion-name"
                    type="text"
                    aria-label=name_label
                    prop:value=name_now
                    on:input=on_name
                    aria-invalid=form.invalid(name_field.clone())
                    aria-describedby=name_err.clone()
                />
                <button
                    type="button"
                    class="button button-quiet occasion-remove"
                    aria-label=dyn_text(move || i18n.f(PlanMsg::OccasionRemove, &[("name", &name_now.get())]))
                    on:click=remove
                >
                    <span aria-hidden="true">"×"</span>
                </button>
            </div>
            <FieldMessages errors=form.errors field=date_field id=date_err/>
            <FieldMessages errors=form.errors field=name_field id=name_err/>
        </li>
    }
}
