//! Pure rules of the plan and spokesperson pages: what the inputs accept (money with dots,
//! counts, dates), where a field path of the contract or the server lands in the form, which
//! errors show, and what changed between two versions of a plan.

use crate::form::{local_field, parse_dong};
use crate::i18n::{fill, Lang};
use crate::pages::plans::strings::PlanMsg;
use chrono::{Datelike, NaiveDate};
use portal_contract::diff::{diff_words, Change};
use portal_contract::format::{number_vn, vnd};
use portal_contract::plans::{
    validate_content, MediaCounts, Occasion, PlanAction, PlanContent, PlanMonth, PlanState,
    PlanSummary, MAX_COMMENT,
};
use portal_contract::FieldError;

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

/// The royalty budget as typed ([`parse_dong`]'s rule); a budget is never negative.
pub fn parse_vnd(raw: &str) -> Option<i64> {
    parse_dong(raw).filter(|n| *n >= 0)
}

/// A count as typed (a norm, a number of products): digits only, empty means 0.
pub fn parse_count(raw: &str) -> Option<u32> {
    let s = raw.trim();
    if s.is_empty() {
        return Some(0);
    }
    if s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `yyyy-mm-dd`, the value of an `<input type="date">`, parsed by hand (no format parser in
/// the bundle).
pub fn parse_iso_date(raw: &str) -> Option<NaiveDate> {
    let mut parts = raw.trim().split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// The value an `<input type="date">` takes.
pub fn iso_date(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// `dd/MM` of an occasion.
pub fn day_month(d: NaiveDate) -> String {
    format!("{:02}/{:02}", d.day(), d.month())
}

/// The first and last day of `month` of `year`, the bounds of its occasions' dates.
pub fn month_bounds(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    Some((first, next.pred_opt()?))
}

/// The year the "create" form proposes: this year if it has no plan yet, else the first
/// later year without one.
pub fn next_plan_year(existing: &[i32], this_year: i32) -> i32 {
    (this_year..)
        .find(|y| !existing.contains(y))
        .unwrap_or(this_year)
}

/// The errors the plan form shows: the contract's own check of the content (with what a
/// submission needs once the board has tried to submit), the inputs whose text is not a value
/// (which replace the check of the value they could not set), and the server's answer (paths
/// made local, without repeating a message already there).
pub fn plan_errors(
    year: i32,
    content: &PlanContent,
    for_submit: bool,
    unparsed: &[FieldError],
    server: &[FieldError],
) -> Vec<FieldError> {
    let mut out: Vec<FieldError> = unparsed.to_vec();
    for e in validate_content(year, content, for_submit) {
        if !unparsed.iter().any(|u| u.field == e.field) {
            out.push(e);
        }
    }
    for e in server {
        let field = local_field(&e.field);
        if !out
            .iter()
            .any(|o| o.field == field && o.message == e.message)
        {
            out.push(FieldError::new(field, e.code.clone(), e.message.clone()));
        }
    }
    out
}

/// The Director's comment as the server checks it: required to return a plan, at most
/// [`MAX_COMMENT`] characters, no control characters but line breaks and tabs.
pub fn comment_error(action: PlanAction, comment: &str) -> Option<FieldError> {
    let c = comment.trim();
    if c.is_empty() {
        return action.needs_comment().then(|| {
            FieldError::new(
                "comment",
                "required",
                "Vui lòng ghi ý kiến của Giám đốc khi trả lại kế hoạch.",
            )
        });
    }
    if c.chars().count() > MAX_COMMENT {
        return Some(FieldError::new(
            "comment",
            "too_long",
            format!("Tối đa {MAX_COMMENT} ký tự."),
        ));
    }
    c.chars()
        .any(|ch| ch.is_control() && !matches!(ch, '\n' | '\r' | '\t'))
        .then(|| FieldError::new("comment", "invalid_characters", "Chứa ký tự không hợp lệ."))
}

// ---------------------------------------------------------------------------------------------
// States, history, amendments
// ---------------------------------------------------------------------------------------------

pub fn state_msg(s: PlanState) -> PlanMsg {
    match s {
        PlanState::Draft => PlanMsg::StateDraft,
        PlanState::Submitted => PlanMsg::StateSubmitted,
        PlanState::Approved => PlanMsg::StateApproved,
        PlanState::Superseded => PlanMsg::StateSuperseded,
    }
}

/// The label of a history line's action (`create`, `edit`, `submit` …); unknown actions
/// show as sent.
pub fn history_action_label(action: &str, lang: Lang) -> String {
    let msg = match action {
        "create" => PlanMsg::HistoryCreate,
        "edit" => PlanMsg::HistoryEdit,
        "submit" => PlanMsg::HistorySubmit,
        "approve" => PlanMsg::HistoryApprove,
        "return" => PlanMsg::HistoryReturn,
        "amend" => PlanMsg::HistoryAmend,
        "supersede" => PlanMsg::HistorySupersede,
        other => return other.to_string(),
    };
    msg.text(lang).to_string()
}

/// Whether the approved version `state` may be amended: the year has no version being
/// drafted or waiting for the Director (the server allows one at a time).
pub fn may_amend(state: PlanState, year_versions: &[PlanSummary]) -> bool {
    state == PlanState::Approved
        && !year_versions
            .iter()
            .any(|v| matches!(v.state, PlanState::Draft | PlanState::Submitted))
}

// ---------------------------------------------------------------------------------------------
// Differences between two versions
// ---------------------------------------------------------------------------------------------

/// A media type of the plan, in the order of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaKind {
    Infographic,
    MotionGraphic,
    Video,
    Photo,
    Banner,
}

impl MediaKind {
    pub const ALL: [MediaKind; 5] = [
        MediaKind::Infographic,
        MediaKind::MotionGraphic,
        MediaKind::Video,
        MediaKind::Photo,
        MediaKind::Banner,
    ];

    /// The contract's name (`months[i].media.<name>`).
    pub fn wire(self) -> &'static str {
        match self {
            MediaKind::Infographic => "infographic",
            MediaKind::MotionGraphic => "motion_graphic",
            MediaKind::Video => "video",
            MediaKind::Photo => "photo",
            MediaKind::Banner => "banner",
        }
    }

    pub fn msg(self) -> PlanMsg {
        match self {
            MediaKind::Infographic => PlanMsg::ColInfographic,
            MediaKind::MotionGraphic => PlanMsg::ColMotion,
            MediaKind::Video => PlanMsg::ColVideo,
            MediaKind::Photo => PlanMsg::ColPhoto,
            MediaKind::Banner => PlanMsg::ColBanner,
        }
    }

    pub fn get(self, m: &MediaCounts) -> u32 {
        match self {
            MediaKind::Infographic => m.infographic,
            MediaKind::MotionGraphic => m.motion_graphic,
            MediaKind::Video => m.video,
            MediaKind::Photo => m.photo,
            MediaKind::Banner => m.banner,
        }
    }

    pub fn get_mut(self, m: &mut MediaCounts) -> &mut u32 {
        match self {
            MediaKind::Infographic => &mut m.infographic,
            MediaKind::MotionGraphic => &mut m.motion_graphic,
            MediaKind::Video => &mut m.video,
            MediaKind::Photo => &mut m.photo,
            MediaKind::Banner => &mut m.banner,
        }
    }
}

/// A count column of the month table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountPart {
    News,
    Articles,
    Media(MediaKind),
}

impl CountPart {
    pub const ALL: [CountPart; 7] = [
        CountPart::News,
        CountPart::Articles,
        CountPart::Media(MediaKind::Infographic),
        CountPart::Media(MediaKind::MotionGraphic),
        CountPart::Media(MediaKind::Video),
        CountPart::Media(MediaKind::Photo),
        CountPart::Media(MediaKind::Banner),
    ];

    /// The field's name within a month (`news_norm`, `media.video` …).
    pub fn wire(self) -> String {
        match self {
            CountPart::News => "news_norm".into(),
            CountPart::Articles => "article_norm".into(),
            CountPart::Media(k) => format!("media.{}", k.wire()),
        }
    }

    pub fn msg(self) -> PlanMsg {
        match self {
            CountPart::News => PlanMsg::ColNews,
            CountPart::Articles => PlanMsg::ColArticles,
            CountPart::Media(k) => k.msg(),
        }
    }

    pub fn get(self, m: &PlanMonth) -> u32 {
        match self {
            CountPart::News => m.news_norm,
            CountPart::Articles => m.article_norm,
            CountPart::Media(k) => k.get(&m.media),
        }
    }

    pub fn get_mut(self, m: &mut PlanMonth) -> &mut u32 {
        match self {
            CountPart::News => &mut m.news_norm,
            CountPart::Articles => &mut m.article_norm,
            CountPart::Media(k) => k.get_mut(&mut m.media),
        }
    }
}

/// A text column of the month table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextPart {
    Theme,
    Training,
    Responsible,
}

impl TextPart {
    pub fn wire(self) -> &'static str {
        match self {
            TextPart::Theme => "theme",
            TextPart::Training => "training",
            TextPart::Responsible => "responsible",
        }
    }

    pub fn msg(self) -> PlanMsg {
        match self {
            TextPart::Theme => PlanMsg::ColTheme,
            TextPart::Training => PlanMsg::ColTraining,
            TextPart::Responsible => PlanMsg::ColResponsible,
        }
    }

    pub fn get(self, m: &PlanMonth) -> &String {
        match self {
            TextPart::Theme => &m.theme,
            TextPart::Training => &m.training,
            TextPart::Responsible => &m.responsible,
        }
    }

    pub fn get_mut(self, m: &mut PlanMonth) -> &mut String {
        match self {
            TextPart::Theme => &mut m.theme,
            TextPart::Training => &mut m.training,
            TextPart::Responsible => &mut m.responsible,
        }
    }
}

/// The path of a month's field (`months[2].news_norm`), as errors name it.
pub fn month_field(index: usize, name: &str) -> String {
    format!("months[{index}].{name}")
}

/// What part of the content a change is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanPart {
    Objectives,
    RoyaltyBudget,
    Month(u32, MonthPart),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthPart {
    Text(TextPart),
    Occasions,
    Count(CountPart),
}

/// One changed cell between two versions, with both values as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanChange {
    pub part: PlanPart,
    pub old: String,
    pub new: String,
}

/// The occasions of a month as one line: `16/02 Ngày truyền thống…; 03/02 …`.
pub fn occasions_text(occasions: &[Occasion]) -> String {
    occasions
        .iter()
        .map(|o| format!("{} {}", day_month(o.date), o.name.trim()))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Every cell that differs between `old` and `new`, in the order of the document.
pub fn plan_changes(old: &PlanContent, new: &PlanContent) -> Vec<PlanChange> {
    let mut out = Vec::new();
    let mut push = |part: PlanPart, a: String, b: String| {
        if a != b {
            out.push(PlanChange {
                part,
                old: a,
                new: b,
            });
        }
    };
    push(
        PlanPart::Objectives,
        old.objectives.clone(),
        new.objectives.clone(),
    );
    push(
        PlanPart::RoyaltyBudget,
        vnd(old.royalty_budget),
        vnd(new.royalty_budget),
    );
    let empty = |month: u32| PlanMonth {
        month,
        theme: String::new(),
        occasions: Vec::new(),
        news_norm: 0,
        article_norm: 0,
        media: MediaCounts::default(),
        training: String::new(),
        responsible: String::new(),
    };
    for month in 1..=12u32 {
        let a = old
            .months
            .iter()
            .find(|m| m.month == month)
            .cloned()
            .unwrap_or_else(|| empty(month));
        let b = new
            .months
            .iter()
            .find(|m| m.month == month)
            .cloned()
            .unwrap_or_else(|| empty(month));
        let text = |p: TextPart, m: &PlanMonth| p.get(m).clone();
        push(
            PlanPart::Month(month, MonthPart::Text(TextPart::Theme)),
            text(TextPart::Theme, &a),
            text(TextPart::Theme, &b),
        );
        push(
            PlanPart::Month(month, MonthPart::Occasions),
            occasions_text(&a.occasions),
            occasions_text(&b.occasions),
        );
        for c in CountPart::ALL {
            push(
                PlanPart::Month(month, MonthPart::Count(c)),
                number_vn(i64::from(c.get(&a))),
                number_vn(i64::from(c.get(&b))),
            );
        }
        for t in [TextPart::Training, TextPart::Responsible] {
            push(
                PlanPart::Month(month, MonthPart::Text(t)),
                text(t, &a),
                text(t, &b),
            );
        }
    }
    out
}

/// The name of a changed part: `Mục tiêu`, `Tháng 3 · Tin`.
pub fn part_label(part: PlanPart, lang: Lang) -> String {
    match part {
        PlanPart::Objectives => PlanMsg::Objectives.text(lang).to_string(),
        PlanPart::RoyaltyBudget => PlanMsg::RoyaltyBudget.text(lang).to_string(),
        PlanPart::Month(m, p) => {
            let what = match p {
                MonthPart::Text(t) => t.msg(),
                MonthPart::Occasions => PlanMsg::ColOccasions,
                MonthPart::Count(c) => c.msg(),
            };
            format!(
                "{} · {}",
                fill(PlanMsg::MonthN.text(lang), &[("m", &m.to_string())]),
                what.text(lang)
            )
        }
    }
}

/// One side of a word diff: the text of `old` (with the removed words marked) or of `new`
/// (with the added words marked), as runs of `(marked, text)`.
pub fn diff_side(old: &str, new: &str, new_side: bool) -> Vec<(bool, String)> {
    let mut runs: Vec<(bool, String)> = Vec::new();
    for change in diff_words(old, new) {
        let piece = match (change, new_side) {
            (Change::Same(t), _) => Some((false, t)),
            (Change::Removed(t), false) | (Change::Added(t), true) => Some((true, t)),
            _ => None,
        };
        if let Some((marked, text)) = piece {
            match runs.last_mut() {
                Some((m, t)) if *m == marked => t.push_str(&text),
                _ => runs.push((marked, text)),
            }
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_accepts_digits_with_dots() {
        assert_eq!(parse_vnd("180.000.000"), Some(180_000_000));
        assert_eq!(parse_vnd(" 1234000 ₫"), Some(1_234_000));
        assert_eq!(parse_vnd(""), Some(0));
        assert_eq!(parse_vnd("1.23"), None);
        assert_eq!(parse_vnd("1,5"), None);
        assert_eq!(parse_vnd("-5"), None);
    }
}
