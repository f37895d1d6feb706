//! The conflict panel: the server changed the article meanwhile; each field is settled.

use super::diff::{field_label, field_text, WordDiff};
use crate::components::{use_toasts, ToastKind};
use crate::i18n::use_i18n;
use crate::pages::articles::logic::{merge, Draft, Field, Resolution};
use crate::pages::articles::state::{EditorCtx, SaveState};
use crate::pages::articles::strings::ArticleMsg;
use leptos::prelude::*;
use portal_contract::format::datetime_vn;

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
