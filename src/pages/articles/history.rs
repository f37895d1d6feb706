//! The article's history and the comparison of two versions.

use super::diff::field_diffs;
use crate::api::{self, ApiError};
use crate::components::{use_toasts, ColumnHeads, EmptyState, Loaded, SkeletonBlock, ToastKind};
use crate::i18n::use_i18n;
use crate::pages::articles::format::history_action_label;
use crate::pages::articles::logic::Draft;
use crate::pages::articles::state::EditorCtx;
use crate::pages::articles::strings::ArticleMsg;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_contract::format::datetime_vn;
use portal_contract::Workflow;

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
        <Loaded resource=history skeleton=|| view! { <SkeletonBlock lines=5/> } let:value>
            {match value {
                list if list.is_empty() => view! {
                    <EmptyState title=Signal::derive(move || i18n.t(ArticleMsg::HistoryEmpty).to_string())/>
                }
                .into_any(),
                list => {
                    let mut versions: Vec<i64> = list.iter().map(|h| h.version).collect();
                    crate::sort::sort_small_by_key(&mut versions, |v| *v);
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
                                <ColumnHeads labels=vec![
                                    i18n.tr(ArticleMsg::ColWhen), i18n.tr(ArticleMsg::ColWho),
                                    i18n.tr(ArticleMsg::ColAction),
                                    i18n.tr(ArticleMsg::FieldVersion),
                                    i18n.tr(ArticleMsg::ColComment),
                                ]/>
                                <tbody>{rows}</tbody>
                            </table>
                        </div>
                        <VersionCompare id=id versions=versions/>
                    }
                    .into_any()
                }
            }}
        </Loaded>
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
    let ctx = expect_context::<EditorCtx>();
    let toasts = use_toasts();
    let restoring = RwSignal::new(false);
    // The older side of the comparison comes back: directly before approval, as a revision after.
    let restore = move |_| {
        let old = from.get_untracked();
        let lang = i18n.lang_untracked();
        let current = ctx.article.get_untracked();
        if ctx.draft.get_untracked() != Draft::from_article(&current) {
            toasts.push(ToastKind::Info, ArticleMsg::RevSaveFirst.text(lang));
            ctx.save.run(());
            return;
        }
        restoring.set(true);
        spawn_local(async move {
            match api::articles::restore(id, old, current.version).await {
                Ok(a) => {
                    let said = if a.revision.is_some() {
                        ArticleMsg::RevRestoredAsRevision
                    } else {
                        ArticleMsg::RevRestored
                    };
                    ctx.draft.set(Draft::from_article(&a));
                    ctx.article.set(a);
                    toasts.push(
                        ToastKind::Success,
                        crate::i18n::fill(said.text(lang), &[("version", &old.to_string())]),
                    );
                }
                Err(e) => {
                    toasts.push_error(&e, lang);
                }
            }
            restoring.set(false);
        });
    };
    view! {
        <section class="version-compare" aria-labelledby="compare-heading">
            <h3 id="compare-heading">{i18n.tr(ArticleMsg::EdCompare)}</h3>
            <form class="compare-form" on:submit=compare>
                {select(from, "compare-from", ArticleMsg::EdCompareFrom)}
                {select(to, "compare-to", ArticleMsg::EdCompareTo)}
                <button type="submit" class="button" disabled=busy>{i18n.tr(ArticleMsg::EdCompareRun)}</button>
                <button type="button" class="button version-restore" disabled=restoring on:click=restore>
                    {move || i18n.f(ArticleMsg::RevRestore, &[("version", &from.get().to_string())])}
                </button>
            </form>
            <div class="compare-result" aria-live="polite">
                {move || {
                    result
                        .get()
                        .map(|r| match r {
                            Err(e) => view! { <p class="form-error">{e.message(i18n.lang())}</p> }.into_any(),
                            Ok((a, b)) => field_diffs(i18n, &a, &b, ArticleMsg::EdCompareSame, 4),
                        })
                }}
            </div>
        </section>
    }
}
