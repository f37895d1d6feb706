//! A version of the plan laid out as a Vietnamese administrative document: the agency and the
//! national motto at the top, the title, objectives, the 12-month table with its totals, the
//! royalty budget and the Director's approval block (or "DỰ THẢO"). It is the read-only view
//! on screen and what `@media print` puts on A4. The document is Vietnamese whatever the
//! interface language: it is what gets signed.
//!
//! It is written as escaped HTML text rather than as a view: a static page of a few hundred
//! elements would otherwise compile a renderer for each of them (several KB of wasm), and it
//! never needs to react cell by cell.

use crate::components::dyn_text;
use crate::pages::plans::editor::total_of;
use crate::pages::plans::html::escape_html;
use crate::pages::plans::logic::{day_month, CountPart};
use crate::pages::plans::strings::PlanMsg;
use chrono::Datelike;
use leptos::prelude::*;
use portal_contract::format::{date_vn, number_vn, vn_offset, vnd};
use portal_contract::plans::{Plan, PlanContent, PlanState};
use std::fmt::Write;

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
        .unwrap_or_else(|| PlanMsg::DocAgencyBlank.vi().to_string())
}

/// "……, ngày 10 tháng 01 năm 2026" for an approved version; blanks to fill in otherwise.
pub fn place_date_line(plan: &Plan) -> String {
    match plan.approved_at.filter(|_| is_approved(plan)) {
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

/// `<tag class="class">text</tag>` with the text escaped.
fn el(out: &mut String, tag: &str, class: &str, text: &str) {
    let _ = write!(
        out,
        "<{tag} class=\"{class}\">{}</{tag}>",
        escape_html(text)
    );
}

/// The document of `plan` with `content` (the draft being typed, or the version's own), as
/// HTML whose every piece of data is escaped.
pub fn document_html(plan: &Plan, content: &PlanContent, agency: &str) -> String {
    let v = |m: PlanMsg| m.vi();
    let approved = is_approved(plan);
    let totals = content.totals();
    let mut h = String::with_capacity(12_000);
    let _ = write!(
        h,
        "<article class=\"plan-document\" lang=\"vi\" data-state=\"{}\" aria-labelledby=\"plan-doc-title\">",
        plan.state.as_str()
    );
    if !approved {
        let _ = write!(
            h,
            "<p class=\"doc-watermark\" aria-hidden=\"true\">{}</p>",
            v(PlanMsg::DocDraft)
        );
    }
    h.push_str("<header class=\"doc-header\"><div class=\"doc-agency\">");
    el(
        &mut h,
        "p",
        "doc-agency-parent",
        v(PlanMsg::DocAgencyParent),
    );
    el(&mut h, "p", "doc-agency-name", agency);
    el(&mut h, "p", "doc-number", v(PlanMsg::DocNumber));
    h.push_str("</div><div class=\"doc-nation\">");
    el(&mut h, "p", "doc-nation-name", v(PlanMsg::DocNation));
    el(&mut h, "p", "doc-motto", v(PlanMsg::DocMotto));
    el(&mut h, "p", "doc-place-date", &place_date_line(plan));
    h.push_str("</div></header>");
    if !approved {
        el(&mut h, "p", "doc-draft-label", v(PlanMsg::DocDraft));
    }
    let _ = write!(
        h,
        "<h2 class=\"doc-title\" id=\"plan-doc-title\">{}</h2>",
        escape_html(
            &PlanMsg::DocTitle
                .vi()
                .replace("{year}", &plan.year.to_string())
        )
    );
    el(
        &mut h,
        "p",
        "doc-subtitle",
        &PlanMsg::DocSubtitle
            .vi()
            .replace("{n}", &plan.version_no.to_string()),
    );
    el(&mut h, "h3", "doc-section", v(PlanMsg::DocObjectives));
    if content.objectives.trim().is_empty() {
        el(&mut h, "p", "doc-empty", v(PlanMsg::DocEmpty));
    } else {
        el(&mut h, "p", "doc-objectives", &content.objectives);
    }
    el(&mut h, "h3", "doc-section", v(PlanMsg::DocMonths));
    let _ = write!(
        h,
        "<div class=\"doc-table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">\
         <table class=\"doc-months\"><thead><tr>\
         <th scope=\"col\" rowspan=\"2\">{}</th><th scope=\"col\" rowspan=\"2\">{}</th>\
         <th scope=\"col\" rowspan=\"2\">{}</th><th scope=\"colgroup\" colspan=\"2\">{}</th>\
         <th scope=\"colgroup\" colspan=\"5\">{}</th><th scope=\"col\" rowspan=\"2\">{}</th>\
         <th scope=\"col\" rowspan=\"2\">{}</th></tr><tr>",
        v(PlanMsg::DocMonths),
        v(PlanMsg::ColMonth),
        v(PlanMsg::ColTheme),
        v(PlanMsg::ColOccasions),
        v(PlanMsg::ColNorms),
        v(PlanMsg::ColMedia),
        v(PlanMsg::ColTraining),
        v(PlanMsg::ColResponsible),
    );
    for part in CountPart::ALL {
        let _ = write!(h, "<th scope=\"col\">{}</th>", v(part.msg()));
    }
    h.push_str("</tr></thead><tbody>");
    for m in &content.months {
        let _ = write!(
            h,
            "<tr><th scope=\"row\" class=\"num\">{}</th><td>{}</td><td><ul class=\"doc-occasions\">",
            m.month,
            escape_html(&m.theme)
        );
        for o in &m.occasions {
            let _ = write!(
                h,
                "<li><span class=\"doc-occasion-date\">{}</span> {}</li>",
                day_month(o.date),
                escape_html(&o.name)
            );
        }
        h.push_str("</ul></td>");
        for part in CountPart::ALL {
            let _ = write!(h, "<td class=\"num\">{}</td>", part.get(m));
        }
        let _ = write!(
            h,
            "<td>{}</td><td>{}</td></tr>",
            escape_html(&m.training),
            escape_html(&m.responsible)
        );
    }
    let _ = write!(
        h,
        "</tbody><tfoot><tr><th scope=\"row\" colspan=\"2\">{}</th><td>{}</td>",
        v(PlanMsg::Totals),
        PlanMsg::OccasionCount
            .vi()
            .replace("{n}", &totals.occasions.to_string())
    );
    for part in CountPart::ALL {
        let _ = write!(
            h,
            "<td class=\"num\">{}</td>",
            number_vn(i64::from(total_of(&totals, part)))
        );
    }
    let _ = write!(
        h,
        "<td colspan=\"2\">{}</td></tr></tfoot></table></div>",
        PlanMsg::MediaTotal
            .vi()
            .replace("{n}", &number_vn(i64::from(totals.media_total)))
    );
    el(&mut h, "h3", "doc-section", v(PlanMsg::DocBudget));
    let _ = write!(
        h,
        "<p class=\"doc-budget\">{} <strong>{}</strong>.</p>",
        v(PlanMsg::DocBudgetLine),
        vnd(content.royalty_budget)
    );
    h.push_str("<div class=\"doc-bottom\"><div class=\"doc-recipients\">");
    el(
        &mut h,
        "p",
        "doc-recipients-title",
        v(PlanMsg::DocRecipients),
    );
    el(&mut h, "p", "doc-recipient", v(PlanMsg::DocRecipientBoard));
    el(
        &mut h,
        "p",
        "doc-recipient",
        v(PlanMsg::DocRecipientArchive),
    );
    h.push_str("</div><div class=\"doc-signature\">");
    if approved {
        el(
            &mut h,
            "p",
            "doc-sign-date",
            &PlanMsg::DocApprovedOn
                .vi()
                .replace("{date}", &plan.approved_at.map(date_vn).unwrap_or_default()),
        );
    }
    el(&mut h, "p", "doc-sign-role", v(PlanMsg::DocDirector));
    h.push_str("<p class=\"doc-sign-space\" aria-hidden=\"true\"></p>");
    match plan.approved_by_name.as_deref().filter(|_| approved) {
        Some(name) => el(&mut h, "p", "doc-sign-name", name),
        None => el(&mut h, "p", "doc-sign-pending", v(PlanMsg::DocNotApproved)),
    }
    h.push_str("</div></div></article>");
    h
}

/// The document of `plan` (with `content` instead of its own, when given), following both.
#[component]
pub fn PlanDocument(
    #[prop(into)] plan: Signal<Plan>,
    /// The draft being typed, when it is not the version's own content.
    #[prop(optional, into)]
    content: Option<Signal<PlanContent>>,
) -> impl IntoView {
    let agency = agency_name();
    let html = dyn_text(move || {
        plan.with(|p| match content {
            Some(c) => c.with(|c| document_html(p, c, &agency)),
            None => document_html(p, &p.content, &agency),
        })
    });
    view! { <div class="plan-document-host" inner_html=html></div> }
}
