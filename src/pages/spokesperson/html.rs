//! The spokesperson's details and saved versions written as HTML text, as the plan pages'
//! read-only parts are (see `pages::plans::html`): every piece of data goes through
//! [`escape_html`].

use crate::components::markup::escape_html;
use crate::i18n::{fill, Lang, Text};
use crate::pages::spokesperson::strings::SpokespersonMsg;
use portal_contract::format::datetime_vn;
use portal_contract::spokesperson::{Contact, SpokespersonContent, SpokespersonVersion};
use std::fmt::Write;

fn contact_html(h: &mut String, c: &Contact, heading: impl Text, lang: Lang) {
    let _ = write!(
        h,
        "<section class=\"sp-contact\"><h3>{}</h3><dl class=\"sp-details\">",
        escape_html(heading.text(lang))
    );
    for (label, value) in [
        (SpokespersonMsg::FullName, &c.full_name),
        (SpokespersonMsg::Position, &c.position),
        (SpokespersonMsg::Unit, &c.unit),
        (SpokespersonMsg::Phone, &c.phone),
        (SpokespersonMsg::Email, &c.email),
    ] {
        let _ = write!(
            h,
            "<dt>{}</dt><dd>{}</dd>",
            escape_html(label.text(lang)),
            escape_html(value)
        );
    }
    h.push_str("</dl></section>");
}

/// The spokesperson's details as text: the person, the deputy (or that there is none), the
/// press information.
pub fn spokesperson_details_html(content: &SpokespersonContent, lang: Lang) -> String {
    let mut h = String::from("<div class=\"sp-read\">");
    contact_html(&mut h, &content.spokesperson, SpokespersonMsg::Main, lang);
    match &content.deputy {
        Some(d) => contact_html(&mut h, d, SpokespersonMsg::Deputy, lang),
        None => {
            let _ = write!(
                h,
                "<p class=\"muted\">{}</p>",
                escape_html(SpokespersonMsg::NoDeputy.text(lang))
            );
        }
    }
    let press = if content.press_info.trim().is_empty() {
        SpokespersonMsg::PressNone.text(lang)
    } else {
        content.press_info.as_str()
    };
    let _ = write!(
        h,
        "<section class=\"sp-contact\"><h3>{}</h3><p class=\"sp-press\">{}</p></section></div>",
        escape_html(SpokespersonMsg::PressInfo.text(lang)),
        escape_html(press)
    );
    h
}

/// Every saved version, newest first, each a `<details>` unfolding to the details; the
/// newest is marked as the one in use.
pub fn spokesperson_versions_html(versions: &[SpokespersonVersion], lang: Lang) -> String {
    let newest = versions.iter().map(|v| v.version).max().unwrap_or(0);
    let mut h = String::new();
    for v in versions {
        let line = fill(
            SpokespersonMsg::VersionLine.text(lang),
            &[
                ("n", &v.version.to_string()),
                ("when", &datetime_vn(v.at)),
                ("who", &v.by_name),
            ],
        );
        let s = &v.content.spokesperson;
        let _ = write!(
            h,
            "<details class=\"sp-version\" data-version=\"{}\"><summary><span class=\"sp-version-line\">{}</span>",
            v.version,
            escape_html(&line)
        );
        if v.version == newest {
            let _ = write!(
                h,
                " <span class=\"sp-version-current\">{}</span>",
                escape_html(SpokespersonMsg::VersionCurrent.text(lang))
            );
        }
        let _ = write!(
            h,
            "<span class=\"cell-sub\">{}</span></summary>{}</details>",
            escape_html(&format!("{} · {} · {}", s.full_name, s.phone, s.email)),
            spokesperson_details_html(&v.content, lang)
        );
    }
    h
}
