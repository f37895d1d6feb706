//! The read-only parts of the plan pages (tables of versions, the history, the changed cells)
//! written as HTML text: a view
//! compiles a renderer for every element it holds, and these parts never change cell by cell,
//! so one string function each keeps the wasm smaller. Every piece of data goes through
//! [`escape_html`]; the tests feed them hostile text.

use crate::i18n::{fill, Lang, Text};
use crate::pages::articles::strings::ArticleMsg;
use crate::pages::plans::logic::{
    diff_side, history_action_label, part_label, state_msg, PlanChange,
};
use crate::pages::plans::strings::PlanMsg;
use portal_contract::format::{date_vn, datetime_vn, number_vn};
use portal_contract::plans::{PlanHistoryEntry, PlanState, PlanSummary};
use std::fmt::Write;

pub use crate::components::markup::escape_html;

/// The coloured label of a state.
pub fn state_badge_html(state: PlanState, lang: Lang) -> String {
    format!(
        "<span class=\"plan-state-badge\" data-state=\"{}\">{}</span>",
        state.as_str(),
        escape_html(state_msg(state).text(lang))
    )
}

/// A cell with the label the narrow-screen card shows above it.
fn cell(out: &mut String, label: impl Text, lang: Lang, class: &str, html: &str) {
    let _ = write!(
        out,
        "<td class=\"{class}\" data-label=\"{}\">{html}</td>",
        escape_html(label.text(lang))
    );
}

/// The rows of a year's versions: version (a link), state, last change, submitted, approved,
/// the year's norms.
pub fn year_rows_html(versions: &[PlanSummary], lang: Lang) -> String {
    let mut h = String::new();
    for p in versions {
        let _ = write!(
            h,
            "<tr data-plan-id=\"{id}\"><th scope=\"row\"><a href=\"/plan/{id}\" class=\"plan-version-link\">{}</a></th>",
            escape_html(&fill(PlanMsg::VersionN.text(lang), &[("n", &p.version_no.to_string())])),
            id = p.id
        );
        cell(
            &mut h,
            PlanMsg::ColState,
            lang,
            "",
            &state_badge_html(p.state, lang),
        );
        cell(
            &mut h,
            PlanMsg::ColUpdated,
            lang,
            "",
            &format!(
                "{}<span class=\"cell-sub\">{}</span>",
                datetime_vn(p.updated_at),
                escape_html(&p.updated_by_name)
            ),
        );
        let day = |t: Option<_>| t.map(date_vn).unwrap_or_else(|| "—".to_string());
        cell(
            &mut h,
            PlanMsg::ColSubmitted,
            lang,
            "",
            &day(p.submitted_at),
        );
        cell(&mut h, PlanMsg::ColApproved, lang, "", &day(p.approved_at));
        cell(
            &mut h,
            PlanMsg::ColYearNorms,
            lang,
            "num",
            &format!(
                "{} / {}",
                number_vn(i64::from(p.totals.news_norm)),
                number_vn(i64::from(p.totals.article_norm))
            ),
        );
        h.push_str("</tr>");
    }
    h
}

/// The rows of the history, newest first; the Director's comments stand out.
pub fn history_rows_html(entries: &[PlanHistoryEntry], lang: Lang) -> String {
    let mut h = String::new();
    for e in entries.iter().rev() {
        let moved = match (e.from_state, e.to_state) {
            (Some(a), Some(b)) => {
                format!("{} → {}", state_msg(a).text(lang), state_msg(b).text(lang))
            }
            (None, Some(b)) => state_msg(b).text(lang).to_string(),
            _ => String::new(),
        };
        let _ = write!(h, "<tr data-action=\"{}\">", escape_html(&e.action));
        cell(
            &mut h,
            ArticleMsg::ColWhen,
            lang,
            "",
            &format!(
                "<time datetime=\"{}\">{}</time>",
                e.at.to_rfc3339(),
                datetime_vn(e.at)
            ),
        );
        cell(
            &mut h,
            PlanMsg::ColVersion,
            lang,
            "",
            &escape_html(&fill(
                PlanMsg::VersionN.text(lang),
                &[("n", &e.version_no.to_string())],
            )),
        );
        cell(
            &mut h,
            ArticleMsg::ColWho,
            lang,
            "",
            &escape_html(&e.actor_name),
        );
        cell(
            &mut h,
            ArticleMsg::ColAction,
            lang,
            "",
            &format!(
                "{}<span class=\"cell-sub\">{}</span>",
                escape_html(&history_action_label(&e.action, lang)),
                escape_html(&moved)
            ),
        );
        let by_director = matches!(e.action.as_str(), "approve" | "return") && e.comment.is_some();
        cell(
            &mut h,
            ArticleMsg::ColComment,
            lang,
            if by_director {
                "plan-director-comment"
            } else {
                ""
            },
            &escape_html(e.comment.as_deref().unwrap_or("")),
        );
        h.push_str("</tr>");
    }
    h
}

/// One side of a changed cell: the removed (old side) or added (new side) words marked, with
/// a text label for screen readers.
fn diff_cell_html(old: &str, new: &str, new_side: bool, lang: Lang) -> String {
    let (tag, start) = if new_side {
        ("ins", ArticleMsg::EdDiffAdded)
    } else {
        ("del", ArticleMsg::EdDiffRemoved)
    };
    let mut h = String::new();
    for (marked, text) in diff_side(old, new, new_side) {
        if marked {
            let _ = write!(
                h,
                "<{tag}><span class=\"visually-hidden\">{} </span>{}<span class=\"visually-hidden\"> {}</span></{tag}>",
                escape_html(start.text(lang)),
                escape_html(&text),
                escape_html(ArticleMsg::EdDiffEnd.text(lang))
            );
        } else {
            h.push_str(&escape_html(&text));
        }
    }
    h
}

/// The rows of the changed cells: what, the old value, the new value.
pub fn diff_rows_html(
    changes: &[PlanChange],
    old_label: &str,
    new_label: &str,
    lang: Lang,
) -> String {
    let mut h = String::new();
    for c in changes {
        let _ = write!(
            h,
            "<tr><th scope=\"row\">{}</th><td class=\"plan-diff-old\" data-label=\"{}\">{}</td><td class=\"plan-diff-new\" data-label=\"{}\">{}</td></tr>",
            escape_html(&part_label(c.part, lang)),
            escape_html(old_label),
            diff_cell_html(&c.old, &c.new, false, lang),
            escape_html(new_label),
            diff_cell_html(&c.old, &c.new, true, lang),
        );
    }
    h
}
