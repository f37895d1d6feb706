//! The article page's royalty panel: coefficients and remunerations of one article.

use super::logic::field_errors_of;
use super::logic::{parse_amount, parse_tenths, RoyaltyStatus};
use super::sheet::{money, role_label, status_text, PayForm};
use crate::api::{self};
use crate::components::{use_toasts, Loaded, SkeletonBlock, ToastKind};
use crate::form::{error_id, input_id, FieldMessages};
use crate::i18n::use_i18n;

use crate::pages::royalties::strings::RoyaltyMsg;
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_contract::format::vnd;
use portal_contract::royalties::{
    tenths_vn, validate_assessment, ArticleRoyalty, Remuneration, RemunerationRole,
    RoyaltyAssessment,
};
use portal_contract::{FieldError, Permission};

#[derive(Debug, Clone, PartialEq)]
struct RemRow {
    key: u32,
    name: String,
    role: RemunerationRole,
    amount: String,
    note: String,
}

/// The royalty of the article `article_id`: amounts per author, the chief editor's coefficient
/// and remuneration entries (`royalties.assess`), and "paid" (`royalties.pay`).
#[component]
pub fn ArticleRoyaltyPanel(article_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let data = LocalResource::new(move || api::royalties::of_article(article_id));
    view! {
        <section class="roy-panel" aria-labelledby="roy-panel-heading">
            <h2 id="roy-panel-heading">{i18n.tr(RoyaltyMsg::PanelTitle)}</h2>
            <Loaded resource=data skeleton=|| view! { <SkeletonBlock lines=3/> } let:r>
                <RoyaltyEditor royalty=r on_reload=move |_| data.refetch()/>
            </Loaded>
        </section>
    }
}

#[component]
fn RoyaltyEditor(royalty: ArticleRoyalty, #[prop(into)] on_reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let session = use_session();
    let can_assess = session.can(Permission::RoyaltiesAssess) && royalty.paid_on.is_none();
    let can_pay = session.can(Permission::RoyaltiesPay);
    let id = royalty.article_id;
    let range = royalty.range;
    let version = royalty.version;
    let coef = RwSignal::new(
        royalty
            .coefficient_tenths
            .map(tenths_vn)
            .unwrap_or_default(),
    );
    let next_key = StoredValue::new(royalty.remunerations.len() as u32);
    let rems = RwSignal::new(
        royalty
            .remunerations
            .iter()
            .enumerate()
            .map(|(i, r)| RemRow {
                key: i as u32,
                name: r.name.clone(),
                role: r.role,
                amount: r.amount_vnd.to_string(),
                note: r.note.clone(),
            })
            .collect::<Vec<_>>(),
    );
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);

    let build = move || -> Result<RoyaltyAssessment, Vec<FieldError>> {
        let mut errs = Vec::new();
        let c = parse_tenths(&coef.get_untracked());
        if c.is_none() {
            errs.push(FieldError::new(
                "coefficient_tenths",
                "invalid",
                i18n.t_untracked(RoyaltyMsg::CoefficientInvalid),
            ));
        }
        let remunerations = rems.with_untracked(|rows| {
            rows.iter()
                .enumerate()
                .map(|(i, r)| Remuneration {
                    name: r.name.clone(),
                    user_id: None,
                    role: r.role,
                    amount_vnd: parse_amount(&r.amount).unwrap_or_else(|| {
                        errs.push(FieldError::new(
                            format!("remunerations[{i}].amount_vnd"),
                            "invalid",
                            i18n.t_untracked(RoyaltyMsg::AmountInvalid),
                        ));
                        1
                    }),
                    note: r.note.clone(),
                })
                .collect::<Vec<_>>()
        });
        let a = RoyaltyAssessment {
            coefficient_tenths: c.unwrap_or(0),
            remunerations,
        };
        let mut all = errs;
        if c.is_some() {
            all.extend(validate_assessment(&a, range));
        } else {
            all.extend(
                validate_assessment(&a, range)
                    .into_iter()
                    .filter(|e| e.field != "coefficient_tenths"),
            );
        }
        if all.is_empty() {
            Ok(a)
        } else {
            Err(all)
        }
    };
    let save = move |_| match build() {
        Err(e) => errors.set(e),
        Ok(a) => {
            errors.set(Vec::new());
            busy.set(true);
            spawn_local(async move {
                match api::royalties::assess(id, version, &a).await {
                    Ok(_) => {
                        toasts.push(ToastKind::Success, i18n.t_untracked(RoyaltyMsg::Saved));
                        on_reload.run(());
                    }
                    Err(e) => {
                        let _ = errors.try_set(field_errors_of(&e));
                        toasts.push(ToastKind::Error, e.message(i18n.lang_untracked()));
                        if e.status() == Some(412) {
                            on_reload.run(());
                        }
                    }
                }
                let _ = busy.try_set(false);
            });
        }
    };

    let authors = royalty
        .authors
        .iter()
        .map(|a| {
            view! {
                <tr>
                    <th scope="row">{a.name.clone()}</th>
                    <td class="num">{format!("{}%", a.share)}</td>
                    <td class="num">{money(a.amount_vnd)}</td>
                </tr>
            }
        })
        .collect_view();
    let no_authors = royalty.authors.is_empty();
    let coef_id = "roy-coefficient";
    let coef_err = error_id("roy", "coefficient_tenths");
    let range_text = move || {
        i18n.f(
            RoyaltyMsg::Range,
            &[
                ("min", &tenths_vn(range.min_tenths)),
                ("max", &tenths_vn(range.max_tenths)),
            ],
        )
    };
    let status_line = {
        let r = royalty.clone();
        move || status_text(i18n, &r)
    };
    let status = RoyaltyStatus::of(&royalty);
    let unit = royalty.unit_value_vnd;
    let rem_rows = move || {
        rems.get()
            .into_iter()
            .enumerate()
            .map(|(i, r)| view! { <RemunerationRow index=i row=r rems=rems errors=errors editable=can_assess/> })
            .collect_view()
    };
    let add = move |_| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        rems.update(|rows| {
            rows.push(RemRow {
                key,
                name: String::new(),
                role: RemunerationRole::Editor,
                amount: String::new(),
                note: String::new(),
            })
        });
    };
    view! {
        <div class="roy-editor" data-status=status.wire()>
            <dl class="field-list">
                <dt>{i18n.tr(RoyaltyMsg::ColCoefficient)}</dt>
                <dd>
                    {if can_assess {
                        view! {
                            <div class="field roy-coef-field">
                                <label for=coef_id>{i18n.tr(RoyaltyMsg::CoefficientLabel)}</label>
                                <p class="field-hint" id="roy-coef-hint">{range_text}</p>
                                <input
                                    id=coef_id
                                    type="text"
                                    inputmode="decimal"
                                    prop:value=move || coef.get()
                                    on:input=move |ev| coef.set(event_target_value(&ev))
                                    aria-invalid=move || errors.with(|e| e.iter().any(|x| x.field == "coefficient_tenths")).to_string()
                                    aria-describedby=format!("roy-coef-hint {coef_err}")
                                />
                                <FieldMessages errors=errors field="coefficient_tenths" id=coef_err.clone()/>
                            </div>
                        }
                            .into_any()
                    } else {
                        view! {
                            <span class="roy-coefficient">{royalty.coefficient_tenths.map(tenths_vn).unwrap_or_else(|| "—".into())}</span>
                            " "
                            <span class="muted">{range_text}</span>
                        }
                            .into_any()
                    }}
                </dd>
                <dt>{i18n.tr(RoyaltyMsg::UnitValue)}</dt>
                <dd>{move || unit.map(vnd).unwrap_or_else(|| i18n.t(RoyaltyMsg::NotPublished).to_string())}</dd>
                <dt>{i18n.tr(RoyaltyMsg::ColRoyalty)}</dt>
                <dd class="roy-amount">{money(royalty.royalty_vnd)}</dd>
                <dt>{i18n.tr(RoyaltyMsg::ColRemuneration)}</dt>
                <dd>{vnd(royalty.remuneration_vnd)}</dd>
                <dt>{i18n.tr(RoyaltyMsg::ColStatus)}</dt>
                <dd><span class="badge roy-status" data-status=status.wire()>{status_line}</span></dd>
            </dl>
            <h3>{i18n.tr(RoyaltyMsg::AuthorsHeading)}</h3>
            {if no_authors {
                view! { <p class="muted">{i18n.tr(RoyaltyMsg::NoAuthors)}</p> }.into_any()
            } else {
                view! {
                    <table class="data-table roy-authors">
                        <thead>
                            <tr>
                                <th scope="col">{i18n.tr(RoyaltyMsg::ColPerson)}</th>
                                <th scope="col" class="num">{i18n.tr(RoyaltyMsg::ColShare)}</th>
                                <th scope="col" class="num">{i18n.tr(RoyaltyMsg::ColAmount)}</th>
                            </tr>
                        </thead>
                        <tbody>{authors}</tbody>
                    </table>
                }
                    .into_any()
            }}
            <h3>{i18n.tr(RoyaltyMsg::RemunerationsHeading)}</h3>
            <FieldMessages errors=errors field="remunerations" id="roy-rems-err"/>
            <div class="roy-rems">{rem_rows}</div>
            {move || (rems.with(Vec::is_empty) && !can_assess).then(|| view! { <p class="muted">{i18n.tr(RoyaltyMsg::NoRemunerations)}</p> })}
            {can_assess.then(|| view! {
                <p class="roy-actions">
                    <button type="button" class="button button-small roy-add-rem" on:click=add>{i18n.tr(RoyaltyMsg::AddRemuneration)}</button>
                    " "
                    <button type="button" class="button button-primary roy-save" disabled=move || busy.get() on:click=save>
                        {i18n.tr(RoyaltyMsg::Save)}
                    </button>
                </p>
            })}
            {(can_pay && status != RoyaltyStatus::Paid && status != RoyaltyStatus::Unassessed)
                .then(|| view! { <PayForm line=royalty.clone() on_paid=on_reload/> })}
        </div>
    }
}

#[component]
fn RemunerationRow(
    index: usize,
    row: RemRow,
    rems: RwSignal<Vec<RemRow>>,
    errors: RwSignal<Vec<FieldError>>,
    editable: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let key = row.key;
    let update = move |f: fn(&mut RemRow, String), v: String| {
        rems.update(|rows| {
            if let Some(r) = rows.iter_mut().find(|r| r.key == key) {
                f(r, v)
            }
        })
    };
    let text_field = move |name: &'static str,
                           label: RoyaltyMsg,
                           value: String,
                           set: fn(&mut RemRow, String),
                           numeric: bool| {
        let field = format!("remunerations[{index}].{name}");
        let id = input_id("roy", &field);
        let err = error_id("roy", &field);
        let f2 = field.clone();
        view! {
            <div class="field">
                <label for=id.clone()>{i18n.tr(label)}</label>
                <input
                    id=id
                    type="text"
                    inputmode=if numeric { "numeric" } else { "text" }
                    value=value
                    disabled=!editable
                    aria-invalid=move || errors.with(|e| e.iter().any(|x| x.field == f2)).to_string()
                    aria-describedby=err.clone()
                    on:change=move |ev| update(set, event_target_value(&ev))
                />
                <FieldMessages errors=errors field=field id=err/>
            </div>
        }
    };
    let role_id = input_id("roy", &format!("remunerations[{index}].role"));
    let role = row.role;
    view! {
        <fieldset class="roy-rem-row" data-index=index.to_string()>
            <legend>{move || i18n.f(RoyaltyMsg::RemunerationN, &[("n", &(index + 1).to_string())])}</legend>
            {text_field("name", RoyaltyMsg::RemName, row.name.clone(), |r, v| r.name = v, false)}
            <div class="field">
                <label for=role_id.clone()>{i18n.tr(RoyaltyMsg::RemRole)}</label>
                <select id=role_id disabled=!editable on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(r) = RemunerationRole::parse(&v) {
                        rems.update(|rows| if let Some(x) = rows.iter_mut().find(|x| x.key == key) { x.role = r });
                    }
                }>
                    {RemunerationRole::ALL
                        .into_iter()
                        .map(|r| view! { <option value=r.as_str() selected=r == role>{move || role_label(r, i18n.lang())}</option> })
                        .collect_view()}
                </select>
            </div>
            {text_field("amount_vnd", RoyaltyMsg::RemAmount, row.amount.clone(), |r, v| r.amount = v, true)}
            {text_field("note", RoyaltyMsg::RemNote, row.note.clone(), |r, v| r.note = v, false)}
            {editable.then(|| view! {
                <button type="button" class="button button-quiet button-small"
                    on:click=move |_| rems.update(|rows| rows.retain(|r| r.key != key))>
                    {i18n.tr(RoyaltyMsg::Remove)}
                </button>
            })}
        </fieldset>
    }
}
