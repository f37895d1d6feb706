//! The changes between two versions of a plan.

use super::list::version_options;
use crate::api::{self, ApiError};
use crate::components::{dyn_text, dyn_view};
use crate::i18n::use_i18n;
use crate::pages::plans::html::diff_rows_html;
use crate::pages::plans::logic::{plan_changes, PlanChange};
use crate::pages::plans::strings::PlanMsg;
use crate::sort::sort_small_by_key;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_contract::plans::PlanSummary;

/// Old and new values of every changed cell; within a text, the removed words are struck
/// through on the old side and the added ones marked on the new side.
#[component]
pub fn PlanChangesTable(
    changes: Vec<PlanChange>,
    #[prop(into)] old_label: String,
    #[prop(into)] new_label: String,
) -> impl IntoView {
    let i18n = use_i18n();
    if changes.is_empty() {
        return view! { <p class="plan-diff-same" role="status">{i18n.tr(PlanMsg::CompareSame)}</p> }
            .into_any();
    }
    let n = changes.len();
    let (old, new) = (old_label.clone(), new_label.clone());
    let rows = dyn_text(move || diff_rows_html(&changes, &old, &new, i18n.lang()));
    view! {
        <div class="table-wrap">
            <table class="data-table plan-diff">
                <caption>{dyn_text(move || i18n.f(PlanMsg::ChangesCount, &[("n", &n.to_string())]))}</caption>
                <thead>
                    <tr>
                        <th scope="col">{i18n.tr(PlanMsg::ComparePart)}</th>
                        <th scope="col">{old_label}</th>
                        <th scope="col">{new_label}</th>
                    </tr>
                </thead>
                <tbody inner_html=rows></tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
pub(crate) fn PlanCompare(versions: RwSignal<Vec<PlanSummary>>, current: i64) -> impl IntoView {
    let i18n = use_i18n();
    let from = RwSignal::new(None::<i64>);
    let to = RwSignal::new(Some(current));
    // The version just before the one open (or just after it, for version 1).
    Effect::new(move |_| {
        versions.with(|v| {
            if from.get_untracked().is_none() {
                let mut others: Vec<&PlanSummary> = v.iter().filter(|s| s.id != current).collect();
                let me = v.iter().find(|s| s.id == current).map(|s| s.version_no);
                sort_small_by_key(&mut others, |s| {
                    me.map_or(0, |n| {
                        let d = s.version_no - n;
                        if d < 0 {
                            -d * 2
                        } else {
                            d * 2 + 1
                        }
                    })
                });
                from.set(others.first().map(|s| s.id));
            }
        })
    });
    let result = RwSignal::new(None::<Result<(String, String, Vec<PlanChange>), ApiError>>);
    let busy = RwSignal::new(false);
    let label_of = move |id: i64| {
        versions.with_untracked(|v| {
            v.iter()
                .find(|s| s.id == id)
                .map(|s| i18n.f(PlanMsg::VersionN, &[("n", &s.version_no.to_string())]))
                .unwrap_or_default()
        })
    };
    let run = move |_| {
        let (Some(a), Some(b)) = (from.get_untracked(), to.get_untracked()) else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            let (old, new) = futures::join!(api::plans::get(a), api::plans::get(b));
            // Older on the left, whatever order the selects were in.
            let out = match (old, new) {
                (Ok(x), Ok(y)) => {
                    let (x, y) = if x.version_no <= y.version_no {
                        (x, y)
                    } else {
                        (y, x)
                    };
                    Ok((
                        label_of(x.id),
                        label_of(y.id),
                        plan_changes(&x.content, &y.content),
                    ))
                }
                (Err(e), _) | (_, Err(e)) => Err(e),
            };
            let _ = result.try_set(Some(out));
            let _ = busy.try_set(false);
        });
    };
    let select = move |id: &'static str, label: PlanMsg, value: RwSignal<Option<i64>>| {
        view! {
            <div class="field">
                <label for=id>{i18n.tr(label)}</label>
                <select
                    id=id
                    on:change=move |ev| value.set(event_target_value(&ev).parse().ok())
                >
                    {version_options(i18n, versions, value.into())}
                </select>
            </div>
        }
    };
    view! {
        <section class="plan-compare" aria-labelledby="plan-compare-heading">
            <h2 id="plan-compare-heading">{i18n.tr(PlanMsg::CompareHeading)}</h2>
            {dyn_view(move || {
                if versions.with(|v| v.len() < 2) {
                    view! { <p class="muted">{i18n.tr(PlanMsg::CompareOnlyOne)}</p> }.into_any()
                } else {
                    view! {
                        <div class="plan-compare-form">
                            {select("plan-compare-from", PlanMsg::CompareFrom, from)}
                            {select("plan-compare-to", PlanMsg::CompareTo, to)}
                            <button type="button" class="button plan-compare-run" disabled=busy on:click=run>
                                {i18n.tr(PlanMsg::CompareRun)}
                            </button>
                        </div>
                    }
                        .into_any()
                }
            })}
            {dyn_view(move || match result.get() {
                None => ().into_any(),
                Some(Ok((a, b, changes))) => {
                    view! { <PlanChangesTable changes=changes old_label=a new_label=b/> }.into_any()
                }
                Some(Err(e)) => {
                    view! { <p class="form-error" role="alert">{e.message(i18n.lang())}</p> }.into_any()
                }
            })}
        </section>
    }
}
