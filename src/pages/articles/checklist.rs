//! The publish checklist of the approval.

use crate::form::{error_id, FieldMessages};
use crate::i18n::{use_i18n, Lang};
use crate::pages::articles::state::EditorCtx;
use crate::pages::articles::strings::ArticleMsg;
use crate::session::use_session;
use leptos::prelude::*;

#[component]
pub fn ChecklistPanel() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<EditorCtx>();
    // A pending revision is what the next approval is about.
    let checklist = Memo::new(move |_| ctx.article.with(|a| a.working_copy().checklist.clone()));
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
                                    <FieldMessages errors=Signal::derive(move || problems.get()) id=error_id("ed", &problem_field) field=problem_field/>
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
