//! The Director's decision on a submitted plan.

use crate::api::{self, ApiError};
use crate::components::{dyn_text, use_toasts, ToastKind};
use crate::form::{invalid_flag, FieldMessages};
use crate::i18n::use_i18n;
use crate::pages::plans::logic::comment_error;
use crate::pages::plans::strings::PlanMsg;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_contract::plans::{Plan, PlanAction};
use portal_contract::FieldError;

/// "Phê duyệt" and "Trả lại" in one place, with the Director's comment (required to return:
/// the message shows next to the field before anything is sent).
#[component]
pub fn DecisionPanel(
    plan_id: i64,
    year: i32,
    #[prop(into)] version: Signal<i64>,
    on_done: Callback<Plan>,
    on_stale: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let comment = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let decide = move |action: PlanAction| {
        if busy.get_untracked() {
            return;
        }
        let text = comment.get_untracked();
        if let Some(e) = comment_error(action, &text) {
            errors.set(vec![e]);
            crate::form::focus_later("plan-decision-comment".into());
            return;
        }
        errors.set(Vec::new());
        failure.set(None);
        busy.set(true);
        let note = Some(text.trim().to_string()).filter(|c| !c.is_empty());
        spawn_local(async move {
            match api::plans::transition(plan_id, version.get_untracked(), action, note).await {
                Ok(p) => {
                    let done = match action {
                        PlanAction::Approve => {
                            i18n.f(PlanMsg::ApprovedDone, &[("year", &year.to_string())])
                        }
                        _ => i18n.t_untracked(PlanMsg::ReturnedDone).to_string(),
                    };
                    toasts.push(ToastKind::Success, done);
                    on_done.run(p);
                }
                Err(e) => {
                    if let ApiError::Problem { problem, .. } = &e {
                        let _ = errors.try_set(problem.errors.clone());
                    }
                    let _ = failure.try_set(Some(e.message(i18n.lang_untracked())));
                    if matches!(e.status(), Some(409 | 412)) {
                        on_stale.run(());
                    }
                }
            }
            let _ = busy.try_set(false);
        });
    };
    view! {
        <section class="plan-decision plan-screen-only" aria-labelledby="plan-decision-heading">
            <h2 id="plan-decision-heading">{i18n.tr(PlanMsg::DecisionHeading)}</h2>
            <p>{dyn_text(move || i18n.f(PlanMsg::DecisionIntro, &[("year", &year.to_string())]))}</p>
            <div class="field">
                <label for="plan-decision-comment">{i18n.tr(PlanMsg::DecisionComment)}</label>
                <textarea
                    id="plan-decision-comment"
                    rows="4"
                    prop:value=comment
                    on:input=move |ev| {
                        comment.set(event_target_value(&ev));
                        if errors.with_untracked(|e| !e.is_empty()) {
                            errors.set(Vec::new());
                        }
                    }
                    aria-invalid=invalid_flag(errors.into(), "comment")
                    aria-describedby="err-plan-decision-comment"
                ></textarea>
                <FieldMessages errors=errors field="comment" id="err-plan-decision-comment"/>
            </div>
            <p class="form-error" role="alert">{dyn_text(move || failure.get().unwrap_or_default())}</p>
            <div class="plan-decision-actions">
                <button
                    type="button"
                    class="button button-primary plan-approve"
                    disabled=busy
                    on:click=move |_| decide(PlanAction::Approve)
                >
                    {i18n.tr(PlanMsg::Approve)}
                </button>
                <button
                    type="button"
                    class="button plan-return"
                    disabled=busy
                    on:click=move |_| decide(PlanAction::Return)
                >
                    {i18n.tr(PlanMsg::Return)}
                </button>
            </div>
        </section>
    }
}
