//! A version of the plan laid out as a Vietnamese administrative document: the agency and the
//! national motto at the top, the title, objectives, the 12-month table with its totals, the
//! royalty budget and the Director's approval block (or "DỰ THẢO"). It is the read-only view
//! on screen and what `@media print` puts on A4. The document is Vietnamese whatever the
//! interface language: it is what gets signed.

use super::plan_editor::total_of;
use super::plan_logic::{day_month, CountPart};
use crate::i18n::Msg;
use chrono::Datelike;
use leptos::prelude::*;
use portal_contract::format::{date_vn, number_vn, vn_offset, vnd};
use portal_contract::plan::{Plan, PlanContent, PlanState};

/// The province office's name as printed (`<meta name="portal-agency">`, set per deployment),
/// upper-cased; a line to fill in by hand when the build does not say.
pub fn agency_name() -> String {
    document()
        .query_selector("meta[name='portal-agency']")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .map(|s| s.trim().to_uppercase())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| Msg::PlanDocAgencyBlank.vi().to_string())
}

/// "…, ngày 10 tháng 01 năm 2026" for an approved version; blanks to fill in otherwise.
pub fn place_date_line(plan: &Plan) -> String {
    match plan.approved_at.filter(|_| plan.state != PlanState::Draft) {
        Some(t) => {
            let d = t.with_timezone(&vn_offset());
            format!(
                "……, ngày {:02} tháng {:02} năm {}",
                d.day(),
                d.month(),
                d.year()
            )
        }
        None => "……, ngày …… tháng …… năm ……".to_string(),
    }
}

/// Whether the version carries the Director's approval (in force, or in force earlier).
pub fn is_approved(plan: &Plan) -> bool {
    matches!(plan.state, PlanState::Approved | PlanState::Superseded) && plan.approved_at.is_some()
}

/// The document of `plan`, with `content` (the draft being typed, or the version's own).
#[component]
pub fn PlanDocument(
    #[prop(into)] plan: Signal<Plan>,
    #[prop(into)] content: Signal<PlanContent>,
) -> impl IntoView {
    move || {
        let p = plan.get();
        content.with(|c| document_view(&p, c))
    }
}

fn document_view(p: &Plan, c: &PlanContent) -> AnyView {
    let approved = is_approved(p);
    let totals = c.totals();
    let v = |m: Msg| m.vi();
    let rows = c
        .months
        .iter()
        .map(|m| {
            let occasions = m
                .occasions
                .iter()
                .map(|o| {
                    view! {
                        <li>
                            <span class="doc-occasion-date">{day_month(o.date)}</span>
                            " "
                            {o.name.clone()}
                        </li>
                    }
                })
                .collect_view();
            let counts = CountPart::ALL
                .iter()
                .map(|part| view! { <td class="num">{part.get(m).to_string()}</td> })
                .collect_view();
            view! {
                <tr>
                    <th scope="row" class="num">{m.month.to_string()}</th>
                    <td>{m.theme.clone()}</td>
                    <td><ul class="doc-occasions">{occasions}</ul></td>
                    {counts}
                    <td>{m.training.clone()}</td>
                    <td>{m.responsible.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let total_cells = CountPart::ALL
        .iter()
        .map(|part| view! { <td class="num">{number_vn(i64::from(total_of(&totals, *part)))}</td> })
        .collect_view();
    let count_heads = CountPart::ALL
        .iter()
        .map(|part| view! { <th scope="col">{v(part.msg())}</th> })
        .collect_view();
    let objectives = if c.objectives.trim().is_empty() {
        view! { <p class="doc-empty">{v(Msg::PlanDocEmpty)}</p> }.into_any()
    } else {
        view! { <p class="doc-objectives">{c.objectives.clone()}</p> }.into_any()
    };
    let signature = if approved {
        view! {
            <p class="doc-sign-date">
                {Msg::PlanDocApprovedOn.vi().replace("{date}", &p.approved_at.map(date_vn).unwrap_or_default())}
            </p>
            <p class="doc-sign-role">{v(Msg::PlanDocDirector)}</p>
            <p class="doc-sign-space" aria-hidden="true"></p>
            <p class="doc-sign-name">{p.approved_by_name.clone().unwrap_or_default()}</p>
        }
        .into_any()
    } else {
        view! {
            <p class="doc-sign-role">{v(Msg::PlanDocDirector)}</p>
            <p class="doc-sign-space" aria-hidden="true"></p>
            <p class="doc-sign-pending">{v(Msg::PlanDocNotApproved)}</p>
        }
        .into_any()
    };
    view! {
        <article class="plan-document" lang="vi" data-state=p.state.as_str() aria-labelledby="plan-doc-title">
            {(!approved).then(|| view! { <p class="doc-watermark" aria-hidden="true">{v(Msg::PlanDocDraft)}</p> })}
            <header class="doc-header">
                <div class="doc-agency">
                    <p class="doc-agency-parent">{v(Msg::PlanDocAgencyParent)}</p>
                    <p class="doc-agency-name">{agency_name()}</p>
                    <p class="doc-number">{v(Msg::PlanDocNumber)}</p>
                </div>
                <div class="doc-nation">
                    <p class="doc-nation-name">{v(Msg::PlanDocNation)}</p>
                    <p class="doc-motto">{v(Msg::PlanDocMotto)}</p>
                    <p class="doc-place-date">{place_date_line(p)}</p>
                </div>
            </header>
            {(!approved).then(|| view! { <p class="doc-draft-label">{v(Msg::PlanDocDraft)}</p> })}
            <h2 class="doc-title" id="plan-doc-title">
                {Msg::PlanDocTitle.vi().replace("{year}", &p.year.to_string())}
            </h2>
            <p class="doc-subtitle">
                {Msg::PlanDocSubtitle.vi().replace("{n}", &p.version_no.to_string())}
            </p>
            <h3 class="doc-section">{v(Msg::PlanDocObjectives)}</h3>
            {objectives}
            <h3 class="doc-section">{v(Msg::PlanDocMonths)}</h3>
            <div class="doc-table-scroll" role="region" tabindex="0" aria-label=v(Msg::PlanDocMonths)>
                <table class="doc-months">
                    <thead>
                        <tr>
                            <th scope="col" rowspan="2">{v(Msg::PlanColMonth)}</th>
                            <th scope="col" rowspan="2">{v(Msg::PlanColTheme)}</th>
                            <th scope="col" rowspan="2">{v(Msg::PlanColOccasions)}</th>
                            <th scope="colgroup" colspan="2">{v(Msg::PlanColNorms)}</th>
                            <th scope="colgroup" colspan="5">{v(Msg::PlanColMedia)}</th>
                            <th scope="col" rowspan="2">{v(Msg::PlanColTraining)}</th>
                            <th scope="col" rowspan="2">{v(Msg::PlanColResponsible)}</th>
                        </tr>
                        <tr>{count_heads}</tr>
                    </thead>
                    <tbody>{rows}</tbody>
                    <tfoot>
                        <tr>
                            <th scope="row" colspan="2">{v(Msg::PlanTotals)}</th>
                            <td>{Msg::PlanOccasionCount.vi().replace("{n}", &totals.occasions.to_string())}</td>
                            {total_cells}
                            <td colspan="2">
                                {Msg::PlanMediaTotal.vi().replace("{n}", &number_vn(i64::from(totals.media_total)))}
                            </td>
                        </tr>
                    </tfoot>
                </table>
            </div>
            <h3 class="doc-section">{v(Msg::PlanDocBudget)}</h3>
            <p class="doc-budget">
                {v(Msg::PlanDocBudgetLine)}
                " "
                <strong>{vnd(c.royalty_budget)}</strong>
                "."
            </p>
            <div class="doc-bottom">
                <div class="doc-recipients">
                    <p class="doc-recipients-title">{v(Msg::PlanDocRecipients)}</p>
                    <p>{v(Msg::PlanDocRecipientBoard)}</p>
                    <p>{v(Msg::PlanDocRecipientArchive)}</p>
                </div>
                <div class="doc-signature">{signature}</div>
            </div>
        </article>
    }
    .into_any()
}
