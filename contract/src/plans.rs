//! The annual operation plan (Kế hoạch hoạt động năm) that the board drafts and the Director
//! approves (Decision 2474, Official Dispatch 3216), and its validation, shared by both sides.
//!
//! A plan is a series of versions for one year. Version 1 starts as a draft; `submit` sends it
//! to the Director, who `approve`s it or `return`s it with a comment (it is then a draft
//! again). An approved version is read-only and in force; `amend` opens version n+1 as a draft
//! (a copy) while version n stays in force until n+1 is approved, when n becomes superseded.

use crate::text::TextRule;
use crate::{FieldError, Permission};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Longest objectives text.
pub const MAX_OBJECTIVES: usize = 5000;
/// Longest one-line text (theme, person responsible, occasion).
pub const MAX_LINE: usize = 300;
/// Longest free text of a month (training).
pub const MAX_TRAINING: usize = 1000;
/// Largest monthly norm or product count.
pub const MAX_COUNT: u32 = 1000;
/// Largest royalty budget in VND (100 billion).
pub const MAX_BUDGET: i64 = 100_000_000_000;
/// Most occasions in one month.
pub const MAX_OCCASIONS: usize = 20;
/// Longest Director's comment.
pub const MAX_COMMENT: usize = 2000;
/// Monthly norm of news a new plan starts with.
pub const DEFAULT_NEWS_NORM: u32 = 20;
/// Monthly norm of articles a new plan starts with.
pub const DEFAULT_ARTICLE_NORM: u32 = 4;
/// Years a plan may be for.
pub const YEARS: std::ops::RangeInclusive<i32> = 2020..=2100;

/// Where a version of a plan stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanState {
    Draft,
    Submitted,
    Approved,
    /// Was approved; a later approved version replaced it.
    Superseded,
}

impl PlanState {
    pub const ALL: [PlanState; 4] = [
        PlanState::Draft,
        PlanState::Submitted,
        PlanState::Approved,
        PlanState::Superseded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PlanState::Draft => "draft",
            PlanState::Submitted => "submitted",
            PlanState::Approved => "approved",
            PlanState::Superseded => "superseded",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// What can be done to a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanAction {
    /// draft → submitted (the board).
    Submit,
    /// submitted → approved (the Director).
    Approve,
    /// submitted → draft, with a required comment (the Director).
    Return,
}

impl PlanAction {
    pub const ALL: [PlanAction; 3] = [PlanAction::Submit, PlanAction::Approve, PlanAction::Return];

    pub fn as_str(self) -> &'static str {
        match self {
            PlanAction::Submit => "submit",
            PlanAction::Approve => "approve",
            PlanAction::Return => "return",
        }
    }

    /// The state the action starts from and the one it leads to.
    pub fn moves(self) -> (PlanState, PlanState) {
        match self {
            PlanAction::Submit => (PlanState::Draft, PlanState::Submitted),
            PlanAction::Approve => (PlanState::Submitted, PlanState::Approved),
            PlanAction::Return => (PlanState::Submitted, PlanState::Draft),
        }
    }

    /// The permission the action needs.
    pub fn permission(self) -> Permission {
        match self {
            PlanAction::Submit => Permission::PlanEdit,
            PlanAction::Approve | PlanAction::Return => Permission::PlanDecide,
        }
    }

    /// Whether a comment is required.
    pub fn needs_comment(self) -> bool {
        matches!(self, PlanAction::Return)
    }
}

/// Planned media products of a month, by type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MediaCounts {
    #[serde(default)]
    pub infographic: u32,
    #[serde(default)]
    pub motion_graphic: u32,
    #[serde(default)]
    pub video: u32,
    #[serde(default)]
    pub photo: u32,
    #[serde(default)]
    pub banner: u32,
}

impl MediaCounts {
    pub fn total(&self) -> u32 {
        self.infographic + self.motion_graphic + self.video + self.photo + self.banner
    }

    fn add(&mut self, o: &MediaCounts) {
        self.infographic += o.infographic;
        self.motion_graphic += o.motion_graphic;
        self.video += o.video;
        self.photo += o.photo;
        self.banner += o.banner;
    }

    fn fields(&self) -> [(&'static str, u32); 5] {
        [
            ("infographic", self.infographic),
            ("motion_graphic", self.motion_graphic),
            ("video", self.video),
            ("photo", self.photo),
            ("banner", self.banner),
        ]
    }
}

/// A dated occasion of the year (Tết, 16/2, 1/7 …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Occasion {
    pub date: NaiveDate,
    pub name: String,
}

/// One month of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanMonth {
    /// 1 to 12; the months are always all twelve, in order.
    pub month: u32,
    #[serde(default)]
    pub theme: String,
    #[serde(default)]
    pub occasions: Vec<Occasion>,
    /// Norm of news items (tin) for the month.
    #[serde(default)]
    pub news_norm: u32,
    /// Norm of articles (bài) for the month.
    #[serde(default)]
    pub article_norm: u32,
    #[serde(default)]
    pub media: MediaCounts,
    #[serde(default)]
    pub training: String,
    #[serde(default)]
    pub responsible: String,
}

/// The content of a version: what the board edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanContent {
    #[serde(default)]
    pub objectives: String,
    pub months: Vec<PlanMonth>,
    /// Royalty budget of the year in VND.
    #[serde(default)]
    pub royalty_budget: i64,
}

/// Sums of the twelve months, computed (never stored).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanTotals {
    pub news_norm: u32,
    pub article_norm: u32,
    pub media: MediaCounts,
    pub media_total: u32,
    pub occasions: u32,
}

impl PlanContent {
    /// A new year's plan: twelve months with the year's fixed occasions and `news`/`articles`
    /// as each month's norms.
    pub fn new_year(year: i32, news: u32, articles: u32) -> Self {
        let months = (1..=12)
            .map(|m| PlanMonth {
                month: m,
                theme: String::new(),
                occasions: occasions_of(year)
                    .into_iter()
                    .filter(|o| o.date.month() == m)
                    .collect(),
                news_norm: news,
                article_norm: articles,
                media: MediaCounts::default(),
                training: String::new(),
                responsible: String::new(),
            })
            .collect();
        Self {
            objectives: String::new(),
            months,
            royalty_budget: 0,
        }
    }

    pub fn totals(&self) -> PlanTotals {
        let mut t = PlanTotals::default();
        for m in &self.months {
            t.news_norm += m.news_norm;
            t.article_norm += m.article_norm;
            t.media.add(&m.media);
            t.occasions += m.occasions.len() as u32;
        }
        t.media_total = t.media.total();
        t
    }

    /// The norms of `month` (1–12), if the plan has it.
    pub fn norms_of(&self, month: u32) -> Option<(u32, u32)> {
        self.months
            .iter()
            .find(|m| m.month == month)
            .map(|m| (m.news_norm, m.article_norm))
    }
}

/// The occasions every plan starts with (dates editable): the fixed-date days of DOMAIN.md
/// and the lunar New Year's day of the years it knows.
pub fn occasions_of(year: i32) -> Vec<Occasion> {
    let d = |m: u32, day: u32| NaiveDate::from_ymd_opt(year, m, day).expect("valid date");
    let mut out = Vec::new();
    if let Some(tet) = tet_of(year) {
        out.push(Occasion {
            date: tet,
            name: "Tết Nguyên đán".into(),
        });
    }
    for (date, name) in [
        (d(1, 1), "Tết Dương lịch"),
        (d(2, 3), "Ngày thành lập Đảng Cộng sản Việt Nam (3/2)"),
        (
            d(2, 16),
            "Ngày truyền thống ngành Bảo hiểm xã hội Việt Nam (16/2)",
        ),
        (
            d(4, 30),
            "Ngày Giải phóng miền Nam, thống nhất đất nước (30/4)",
        ),
        (d(5, 1), "Ngày Quốc tế Lao động (1/5)"),
        (d(5, 19), "Ngày sinh Chủ tịch Hồ Chí Minh (19/5)"),
        (d(7, 1), "Ngày Bảo hiểm y tế Việt Nam (1/7)"),
        (d(7, 27), "Ngày Thương binh - Liệt sĩ (27/7)"),
        (d(9, 2), "Ngày Quốc khánh (2/9)"),
        (d(10, 20), "Ngày Phụ nữ Việt Nam (20/10)"),
        (d(11, 9), "Ngày Pháp luật Việt Nam (9/11)"),
        (
            d(12, 22),
            "Ngày thành lập Quân đội nhân dân Việt Nam (22/12)",
        ),
    ] {
        out.push(Occasion {
            date,
            name: name.into(),
        });
    }
    out.sort_by_key(|o| o.date);
    out
}

/// The first day of the lunar year (Tết) for the years 2024–2035.
fn tet_of(year: i32) -> Option<NaiveDate> {
    let (m, d) = match year {
        2024 => (2, 10),
        2025 => (1, 29),
        2026 => (2, 17),
        2027 => (2, 6),
        2028 => (1, 26),
        2029 => (2, 13),
        2030 => (2, 3),
        2031 => (1, 23),
        2032 => (2, 11),
        2033 => (1, 31),
        2034 => (2, 19),
        2035 => (2, 8),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, m, d)
}

const OBJECTIVES: TextRule = TextRule::multi_line(MAX_OBJECTIVES).plain_digits();
const LINE: TextRule = TextRule::one_line(MAX_LINE).plain_digits();
const TRAINING: TextRule = TextRule::multi_line(MAX_TRAINING).plain_digits();

fn count_error(errors: &mut Vec<FieldError>, field: String, n: u32) {
    if n > MAX_COUNT {
        errors.push(FieldError::new(
            field,
            "out_of_range",
            format!("Tối đa {MAX_COUNT}."),
        ));
    }
}

/// Every problem of `content` for a plan of `year`, with field paths such as
/// `months[2].news_norm` and messages in Vietnamese. `for_submit` adds what a plan needs
/// before it goes to the Director (objectives, each month's theme and person responsible).
pub fn validate_content(year: i32, content: &PlanContent, for_submit: bool) -> Vec<FieldError> {
    let mut errors = Vec::new();
    OBJECTIVES
        .required_if(for_submit)
        .check(&mut errors, "objectives", &content.objectives);
    if !(0..=MAX_BUDGET).contains(&content.royalty_budget) {
        errors.push(FieldError::new(
            "royalty_budget",
            "out_of_range",
            "Kinh phí nhuận bút phải từ 0 đến 100 tỷ đồng.",
        ));
    }
    let in_order = content.months.len() == 12
        && content
            .months
            .iter()
            .enumerate()
            .all(|(i, m)| m.month as usize == i + 1);
    if !in_order {
        errors.push(FieldError::new(
            "months",
            "invalid_value",
            "Kế hoạch phải có đủ 12 tháng, theo thứ tự từ tháng 1 đến tháng 12.",
        ));
        return errors;
    }
    for (i, m) in content.months.iter().enumerate() {
        let at = |f: &str| format!("months[{i}].{f}");
        let line = LINE.required_if(for_submit);
        line.check(&mut errors, at("theme"), &m.theme);
        line.check(&mut errors, at("responsible"), &m.responsible);
        TRAINING.check(&mut errors, at("training"), &m.training);
        count_error(&mut errors, at("news_norm"), m.news_norm);
        count_error(&mut errors, at("article_norm"), m.article_norm);
        for (name, n) in m.media.fields() {
            count_error(&mut errors, at(&format!("media.{name}")), n);
        }
        if m.occasions.len() > MAX_OCCASIONS {
            errors.push(FieldError::new(
                at("occasions"),
                "too_many",
                format!("Tối đa {MAX_OCCASIONS} dịp trong một tháng."),
            ));
        }
        for (j, o) in m.occasions.iter().enumerate() {
            let f = format!("months[{i}].occasions[{j}]");
            LINE.required()
                .check(&mut errors, format!("{f}.name"), &o.name);
            if o.date.year() != year || o.date.month() != m.month {
                errors.push(FieldError::new(
                    format!("{f}.date"),
                    "wrong_month",
                    format!("Ngày phải thuộc tháng {}/{year}.", m.month),
                ));
            }
        }
    }
    errors
}

/// One version of a year's plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub id: i64,
    pub year: i32,
    /// 1, 2, … within the year.
    pub version_no: i32,
    pub state: PlanState,
    pub content: PlanContent,
    pub totals: PlanTotals,
    /// The Director's comment when the version was last returned (kept until resubmitted).
    pub return_comment: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub updated_by: i64,
    pub updated_by_name: String,
    pub submitted_at: Option<DateTime<Utc>>,
    pub approved_at: Option<DateTime<Utc>>,
    /// Who approved it (the Director's full name, for the signature block).
    pub approved_by_name: Option<String>,
    /// ETag version (optimistic locking).
    pub version: i64,
}

/// A version in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanSummary {
    pub id: i64,
    pub year: i32,
    pub version_no: i32,
    pub state: PlanState,
    pub updated_at: DateTime<Utc>,
    pub updated_by_name: String,
    pub submitted_at: Option<DateTime<Utc>>,
    pub approved_at: Option<DateTime<Utc>>,
    pub totals: PlanTotals,
}

impl From<&Plan> for PlanSummary {
    fn from(p: &Plan) -> Self {
        Self {
            id: p.id,
            year: p.year,
            version_no: p.version_no,
            state: p.state,
            updated_at: p.updated_at,
            updated_by_name: p.updated_by_name.clone(),
            submitted_at: p.submitted_at,
            approved_at: p.approved_at,
            totals: p.totals,
        }
    }
}

/// `POST /plans`: starts a year's plan (version 1, a draft with the occasions pre-filled).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewPlan {
    pub year: i32,
}

/// `PATCH /plans/{id}` (a draft only): the new content, whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanPatch {
    pub content: PlanContent,
}

/// `POST /plans/{id}/transitions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanTransition {
    pub action: PlanAction,
    #[serde(default)]
    pub comment: Option<String>,
}

/// A line of a plan's history (every version of the year).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanHistoryEntry {
    pub at: DateTime<Utc>,
    pub plan_id: i64,
    pub version_no: i32,
    pub actor_name: String,
    /// `create`, `edit`, `submit`, `approve`, `return`, `amend`, `supersede`.
    pub action: String,
    pub from_state: Option<PlanState>,
    pub to_state: Option<PlanState>,
    pub comment: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_year_has_twelve_months_with_its_occasions() {
        let p = PlanContent::new_year(2027, 20, 4);
        assert_eq!(p.months.len(), 12);
        let feb: Vec<&str> = p.months[1]
            .occasions
            .iter()
            .map(|o| o.name.as_str())
            .collect();
        assert!(feb.iter().any(|n| n.contains("16/2")), "{feb:?}");
        assert!(feb.contains(&"Tết Nguyên đán"), "Tết 2027 is 6/2");
        assert!(p.months[6]
            .occasions
            .iter()
            .any(|o| o.name.contains("Bảo hiểm y tế")));
        let t = p.totals();
        assert_eq!((t.news_norm, t.article_norm), (240, 48));
        assert_eq!(validate_content(2027, &p, false), vec![]);
        let submit: Vec<String> = validate_content(2027, &p, true)
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert!(submit.contains(&"objectives".to_string()));
        assert!(submit.contains(&"months[0].theme".to_string()));
    }

    #[test]
    fn validation_names_each_field() {
        let mut p = PlanContent::new_year(2027, 20, 4);
        p.months[2].news_norm = 5000;
        p.months[3].media.video = 1001;
        p.months[4].occasions.push(Occasion {
            date: NaiveDate::from_ymd_opt(2027, 6, 1).unwrap(),
            name: String::new(),
        });
        p.months[5].theme = "x".repeat(301);
        p.months[6].responsible = "A\nB".into();
        p.royalty_budget = -1;
        let fields: Vec<String> = validate_content(2027, &p, false)
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "royalty_budget",
                "months[2].news_norm",
                "months[3].media.video",
                "months[4].occasions[2].name",
                "months[4].occasions[2].date",
                "months[5].theme",
                "months[6].responsible",
            ]
        );
        p.months.pop();
        let fields: Vec<String> = validate_content(2027, &p, false)
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert!(fields.contains(&"months".to_string()));
    }

    #[test]
    fn norm_settings_need_twelve_distinct_months_within_bounds() {
        let ok = NormSettings::defaults(2026).months;
        assert!(validate_norm_months(&ok).is_empty());
        let codes = |m: &[MonthNorm]| -> Vec<(String, String)> {
            validate_norm_months(m)
                .into_iter()
                .map(|e| (e.field, e.code))
                .collect()
        };
        let mut m = ok.clone();
        m.pop();
        assert_eq!(codes(&m), vec![("months".into(), "incomplete".into())]);
        let mut m = ok.clone();
        m[3].month = 3;
        assert_eq!(
            codes(&m),
            vec![("months[3].month".into(), "duplicate".into())]
        );
        let mut m = ok.clone();
        m[0].month = 13;
        assert_eq!(
            codes(&m),
            vec![("months[0].month".into(), "out_of_range".into())]
        );
        let mut m = ok.clone();
        m[11].articles = MAX_MONTHLY_NORM + 1;
        assert_eq!(
            codes(&m),
            vec![("months[11].articles".into(), "out_of_range".into())]
        );
        let mut m = ok;
        m[5].news = 0;
        assert!(
            validate_norm_months(&m).is_empty(),
            "a month may have no norm"
        );
    }

    #[test]
    fn actions_move_between_states() {
        assert_eq!(
            PlanAction::Return.moves(),
            (PlanState::Submitted, PlanState::Draft)
        );
        assert!(PlanAction::Return.needs_comment());
        assert_eq!(PlanAction::Approve.permission(), Permission::PlanDecide);
        assert_eq!(PlanAction::Submit.permission(), Permission::PlanEdit);
    }
}

/// Where the norms of a month come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NormSource {
    /// The approved annual plan of the year.
    Plan,
    /// No approved plan: the norms the board set for the year (`/norms/settings/{year}`).
    Settings,
    /// Neither: the built-in defaults (a setting, not a rule of law).
    Default,
}

/// Largest monthly norm accepted for one kind.
pub const MAX_MONTHLY_NORM: u32 = 1000;

/// The norms of one month: news (`tin`) and articles (`bài`, in-depth included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonthNorm {
    pub month: u32,
    pub news: u32,
    pub articles: u32,
}

/// `GET /norms/settings/{year}`: the norms the board set for a year, used when the year has no
/// approved plan. `version` 0 means nothing was saved yet and `months` holds the defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NormSettings {
    pub year: i32,
    pub months: Vec<MonthNorm>,
    pub saved: bool,
    pub updated_at: Option<DateTime<Utc>>,
    pub updated_by_name: Option<String>,
    pub version: i64,
}

impl NormSettings {
    /// The defaults for a year nobody set.
    pub fn defaults(year: i32) -> Self {
        Self {
            year,
            months: (1..=12)
                .map(|month| MonthNorm {
                    month,
                    news: DEFAULT_NEWS_NORM,
                    articles: DEFAULT_ARTICLE_NORM,
                })
                .collect(),
            saved: false,
            updated_at: None,
            updated_by_name: None,
            version: 0,
        }
    }

    /// (news, articles) of `month`.
    pub fn of(&self, month: u32) -> Option<(u32, u32)> {
        self.months
            .iter()
            .find(|m| m.month == month)
            .map(|m| (m.news, m.articles))
    }
}

/// `PUT /norms/settings/{year}`: all twelve months at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NormSettingsUpdate {
    pub months: Vec<MonthNorm>,
}

/// Twelve months, each once, each norm at most [`MAX_MONTHLY_NORM`]. Field names point at the
/// row: `months[3].news`.
pub fn validate_norm_months(months: &[MonthNorm]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut seen = [false; 13];
    for (i, m) in months.iter().enumerate() {
        if !(1..=12).contains(&m.month) {
            errors.push(FieldError::new(
                format!("months[{i}].month"),
                "out_of_range",
                "Tháng phải từ 1 đến 12.",
            ));
            continue;
        }
        if std::mem::replace(&mut seen[m.month as usize], true) {
            errors.push(FieldError::new(
                format!("months[{i}].month"),
                "duplicate",
                format!("Tháng {} xuất hiện hai lần.", m.month),
            ));
        }
        for (field, value) in [("news", m.news), ("articles", m.articles)] {
            if value > MAX_MONTHLY_NORM {
                errors.push(FieldError::new(
                    format!("months[{i}].{field}"),
                    "out_of_range",
                    format!("Định mức tối đa {MAX_MONTHLY_NORM} mỗi tháng."),
                ));
            }
        }
    }
    if errors.is_empty() && months.len() != 12 {
        errors.push(FieldError::new(
            "months",
            "incomplete",
            "Cần định mức của đủ 12 tháng.",
        ));
    }
    errors
}

/// `GET /norms/year?year=`: each month's progress and the year's sums.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NormYear {
    pub year: i32,
    pub months: Vec<NormProgress>,
    pub news_norm: u32,
    pub article_norm: u32,
    pub news_published: u32,
    pub articles_published: u32,
}

/// `GET /norms/progress?year=&month=`: a month's output against its norms. News counts kind
/// `news`; articles count kinds `article` and `in_depth`; both by publication date in
/// Asia/Ho_Chi_Minh, among articles that are public now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NormProgress {
    pub year: i32,
    pub month: u32,
    pub source: NormSource,
    /// The approved plan the norms come from.
    pub plan_id: Option<i64>,
    pub news_norm: u32,
    pub article_norm: u32,
    pub news_published: u32,
    pub articles_published: u32,
    pub days_in_month: u32,
    /// Days left after today (0 for a past month, all of them for a future one).
    pub days_left: u32,
}

/// Days in `month` of `year`.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    let first = NaiveDate::from_ymd_opt(year, month, 1);
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    match (first, next) {
        (Some(a), Some(b)) => (b - a).num_days() as u32,
        _ => 0,
    }
}

/// Days of `year`/`month` left after `today` (both in Asia/Ho_Chi_Minh).
pub fn days_left(year: i32, month: u32, today: NaiveDate) -> u32 {
    let total = days_in_month(year, month);
    let this = (today.year(), today.month());
    if this < (year, month) {
        total
    } else if this > (year, month) {
        0
    } else {
        total - today.day()
    }
}

#[cfg(test)]
mod norm_tests {
    use super::*;

    #[test]
    fn days_left_across_month_and_year_boundaries() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(days_in_month(2028, 2), 29);
        assert_eq!(days_in_month(2026, 2), 28);
        assert_eq!(days_in_month(2026, 12), 31);
        assert_eq!(days_left(2026, 11, d(2026, 11, 23)), 7);
        assert_eq!(days_left(2026, 11, d(2026, 11, 30)), 0);
        assert_eq!(days_left(2026, 12, d(2026, 11, 30)), 31);
        assert_eq!(days_left(2026, 12, d(2027, 1, 1)), 0);
    }
}
