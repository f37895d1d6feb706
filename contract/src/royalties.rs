//! Royalties (nhuận bút, Decree 18/2014/NĐ-CP and Decision 1334/QĐ-BHXH): royalty = coefficient
//! × unit value, split among the authors by share. Everything is integer đồng; coefficients are
//! kept in tenths (`15` is 1.5) so the arithmetic is exact.

use crate::text::TextRule;
use crate::{Article, FieldError, Kind, Stage};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The base salary (lương cơ sở) the default unit value comes from, in VND.
pub const DEFAULT_BASE_SALARY: i64 = 2_340_000;
/// One unit = 10 % of the base salary: 234.000 ₫.
pub const DEFAULT_UNIT_VALUE: i64 = DEFAULT_BASE_SALARY / 10;
/// Unpaid royalties are flagged this many days after publication.
pub const PAY_WITHIN_DAYS: i64 = 60;

/// The Decree 18 cap of a kind, in tenths: news, photos and drawings ≤ 10; commentary,
/// reportage and interviews ≤ 30; any work ≤ 50.
pub fn decree_cap_tenths(kind: Kind) -> u32 {
    match kind {
        Kind::News | Kind::Photo | Kind::Infographic | Kind::Banner => 100,
        Kind::Article | Kind::MotionGraphic => 300,
        Kind::InDepth | Kind::Video => 500,
    }
}

/// The range a kind's coefficient may be chosen in, in tenths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoefficientRange {
    pub kind: Kind,
    pub min_tenths: u32,
    pub max_tenths: u32,
}

/// The default table: each kind from a sensible minimum up to its Decree 18 cap.
pub fn default_coefficients() -> Vec<CoefficientRange> {
    Kind::ALL
        .iter()
        .map(|k| CoefficientRange {
            kind: *k,
            min_tenths: match k {
                Kind::News | Kind::Photo | Kind::Banner => 10,
                Kind::Infographic => 20,
                Kind::Article | Kind::MotionGraphic | Kind::Video => 50,
                Kind::InDepth => 100,
            },
            max_tenths: decree_cap_tenths(*k),
        })
        .collect()
}

/// Problems of a coefficient table: one row per kind, `0 < min ≤ max ≤ cap`.
pub fn validate_coefficients(table: &[CoefficientRange]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for kind in Kind::ALL {
        if table.iter().filter(|r| r.kind == *kind).count() != 1 {
            errors.push(FieldError::new(
                format!("coefficients.{}", kind.as_str()),
                "required",
                "Mỗi thể loại cần đúng một dòng hệ số.",
            ));
        }
    }
    for (i, r) in table.iter().enumerate() {
        let cap = decree_cap_tenths(r.kind);
        if r.min_tenths == 0 || r.min_tenths > r.max_tenths {
            errors.push(FieldError::new(
                format!("coefficients[{i}].min_tenths"),
                "out_of_range",
                "Hệ số tối thiểu phải lớn hơn 0 và không vượt hệ số tối đa.",
            ));
        }
        if r.max_tenths > cap {
            errors.push(FieldError::new(
                format!("coefficients[{i}].max_tenths"),
                "over_cap",
                format!(
                    "Vượt mức trần của Nghị định 18/2014/NĐ-CP ({}).",
                    tenths_vn(cap)
                ),
            ));
        }
    }
    errors
}

/// A coefficient in tenths, written the Vietnamese way: `15` → `1,5`, `100` → `10`.
pub fn tenths_vn(t: u32) -> String {
    if t.is_multiple_of(10) {
        (t / 10).to_string()
    } else {
        format!("{},{}", t / 10, t % 10)
    }
}

/// The unit value in force from a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitValue {
    pub effective_from: NaiveDate,
    pub vnd: i64,
}

/// The value in force on `day`: the latest whose `effective_from` is not after it.
pub fn unit_value_on(history: &[UnitValue], day: NaiveDate) -> Option<i64> {
    history
        .iter()
        .filter(|u| u.effective_from <= day)
        .max_by_key(|u| u.effective_from)
        .map(|u| u.vnd)
}

/// Royalty of one work: coefficient (tenths) × unit value, rounded half up to the đồng.
pub fn royalty(coefficient_tenths: u32, unit_value: i64) -> i64 {
    (i64::from(coefficient_tenths) * unit_value + 5) / 10
}

/// Splits `total` by `shares` (percent, summing to 100) so the parts sum to `total` exactly:
/// each gets the floor of its share, and the đồng left over go one by one to the largest
/// remainders (ties to the earlier author).
pub fn split(total: i64, shares: &[u8]) -> Vec<i64> {
    let mut parts: Vec<(usize, i64, i64)> = shares
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let exact = total * i64::from(*s);
            (i, exact / 100, exact % 100)
        })
        .collect();
    let mut left = total - parts.iter().map(|p| p.1).sum::<i64>();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|a, b| parts[*b].2.cmp(&parts[*a].2).then(a.cmp(b)));
    for i in order.iter().cycle().take(parts.len().max(1) * 2) {
        if left <= 0 || parts.is_empty() {
            break;
        }
        parts[*i].1 += 1;
        left -= 1;
    }
    parts.into_iter().map(|p| p.1).collect()
}

/// The unit values in force until an administrator records another: 234.000 ₫ from 01/07/2024
/// (10 % of the base salary of Decree 73/2024/NĐ-CP).
pub fn default_unit_values() -> Vec<UnitValue> {
    vec![UnitValue {
        effective_from: NaiveDate::from_ymd_opt(2024, 7, 1).expect("a valid date"),
        vnd: DEFAULT_UNIT_VALUE,
    }]
}

/// Largest unit value accepted, in đồng (a typo guard, far above any base salary).
pub const MAX_UNIT_VALUE: i64 = 100_000_000;
/// Largest single remuneration entry, in đồng.
pub const MAX_REMUNERATION: i64 = 1_000_000_000;
/// Remuneration entries per article.
pub const MAX_REMUNERATIONS: usize = 20;
/// Longest name or note of a remuneration entry.
pub const MAX_REMUNERATION_TEXT: usize = 200;

/// `GET /royalties/settings`: the coefficient table and the history of unit values (version 0
/// and the defaults before the first save).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoyaltySettings {
    pub coefficients: Vec<CoefficientRange>,
    /// Newest first.
    pub unit_values: Vec<UnitValue>,
    pub updated_at: Option<DateTime<Utc>>,
    pub updated_by_name: Option<String>,
    pub version: i64,
}

/// `PUT /royalties/settings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoyaltySettingsUpdate {
    pub coefficients: Vec<CoefficientRange>,
    pub unit_values: Vec<UnitValue>,
}

/// Problems of a history of unit values: at least one, each above 0, no two from the same day.
pub fn validate_unit_values(values: &[UnitValue]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if values.is_empty() {
        errors.push(FieldError::new(
            "unit_values",
            "required",
            "Cần ít nhất một giá trị đơn vị nhuận bút.",
        ));
    }
    if values.len() > 100 {
        errors.push(FieldError::new(
            "unit_values",
            "too_many",
            "Tối đa 100 giá trị.",
        ));
    }
    for (i, u) in values.iter().enumerate() {
        if u.vnd <= 0 || u.vnd > MAX_UNIT_VALUE {
            errors.push(FieldError::new(
                format!("unit_values[{i}].vnd"),
                "out_of_range",
                format!(
                    "Giá trị đơn vị phải từ 1 đến {} đồng.",
                    crate::format::number_vn(MAX_UNIT_VALUE)
                ),
            ));
        }
        if values[..i]
            .iter()
            .any(|o| o.effective_from == u.effective_from)
        {
            errors.push(FieldError::new(
                format!("unit_values[{i}].effective_from"),
                "duplicate",
                "Đã có giá trị áp dụng từ ngày này.",
            ));
        }
    }
    errors
}

/// Every problem of new settings.
pub fn validate_settings(s: &RoyaltySettingsUpdate) -> Vec<FieldError> {
    let mut errors = validate_coefficients(&s.coefficients);
    errors.extend(validate_unit_values(&s.unit_values));
    errors
}

/// The range of `kind` in `table` (the default when the table lacks it).
pub fn range_of(table: &[CoefficientRange], kind: Kind) -> CoefficientRange {
    table
        .iter()
        .find(|r| r.kind == kind)
        .copied()
        .or_else(|| default_coefficients().into_iter().find(|r| r.kind == kind))
        .unwrap_or(CoefficientRange {
            kind,
            min_tenths: 1,
            max_tenths: decree_cap_tenths(kind),
        })
}

/// Who a remuneration (thù lao) goes to: those who edit, and those who collect or supply
/// content (Decision 1334/QĐ-BHXH), kept apart from the authors' royalty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemunerationRole {
    Editor,
    Supplier,
}

impl RemunerationRole {
    pub const ALL: [RemunerationRole; 2] = [RemunerationRole::Editor, RemunerationRole::Supplier];

    pub fn as_str(self) -> &'static str {
        match self {
            RemunerationRole::Editor => "editor",
            RemunerationRole::Supplier => "supplier",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            RemunerationRole::Editor => "Biên tập",
            RemunerationRole::Supplier => "Cung cấp tin, ảnh, tư liệu",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            RemunerationRole::Editor => "Editing",
            RemunerationRole::Supplier => "Supplying news, photos, material",
        }
    }
}

/// One remuneration entry of an article, a fixed amount in đồng.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Remuneration {
    pub name: String,
    #[serde(default)]
    pub user_id: Option<i64>,
    pub role: RemunerationRole,
    pub amount_vnd: i64,
    #[serde(default)]
    pub note: String,
}

/// `PUT /articles/{id}/royalty`: the chief editor's assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoyaltyAssessment {
    pub coefficient_tenths: u32,
    #[serde(default)]
    pub remunerations: Vec<Remuneration>,
}

const REMUNERATION_TEXT: TextRule = TextRule::one_line(MAX_REMUNERATION_TEXT).plain_digits();

/// Every problem of an assessment of an article whose kind allows `range`.
pub fn validate_assessment(a: &RoyaltyAssessment, range: CoefficientRange) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if a.coefficient_tenths < range.min_tenths || a.coefficient_tenths > range.max_tenths {
        errors.push(FieldError::new(
            "coefficient_tenths",
            "out_of_range",
            format!(
                "Hệ số phải từ {} đến {}.",
                tenths_vn(range.min_tenths),
                tenths_vn(range.max_tenths)
            ),
        ));
    }
    if a.remunerations.len() > MAX_REMUNERATIONS {
        errors.push(FieldError::new(
            "remunerations",
            "too_many",
            format!("Tối đa {MAX_REMUNERATIONS} dòng thù lao."),
        ));
    }
    for (i, r) in a.remunerations.iter().enumerate() {
        REMUNERATION_TEXT.required().check(
            &mut errors,
            format!("remunerations[{i}].name"),
            &r.name,
        );
        REMUNERATION_TEXT.check(&mut errors, format!("remunerations[{i}].note"), &r.note);
        if r.amount_vnd <= 0 || r.amount_vnd > MAX_REMUNERATION {
            errors.push(FieldError::new(
                format!("remunerations[{i}].amount_vnd"),
                "out_of_range",
                format!(
                    "Số tiền phải từ 1 đến {} đồng.",
                    crate::format::number_vn(MAX_REMUNERATION)
                ),
            ));
        }
    }
    errors
}

/// `POST /articles/{id}/royalty/payment`: paid on a day (Asia/Ho_Chi_Minh).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoyaltyPayment {
    pub paid_on: NaiveDate,
}

/// An author's part of an article's royalty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorAmount {
    pub name: String,
    pub user_id: Option<i64>,
    pub share: u8,
    /// `None` while the royalty is unknown (no coefficient yet, or not published).
    pub amount_vnd: Option<i64>,
}

/// `GET /articles/{id}/royalty`: an article's royalty and remuneration, computed by the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleRoyalty {
    pub article_id: i64,
    pub title: String,
    pub kind: Kind,
    pub stage: Stage,
    pub published_at: Option<DateTime<Utc>>,
    /// The range the coefficient may be chosen in, for the article's kind.
    pub range: CoefficientRange,
    /// Chosen by the chief editor; `None` until assessed.
    pub coefficient_tenths: Option<u32>,
    /// The unit value in force on the publication day.
    pub unit_value_vnd: Option<i64>,
    /// Coefficient × unit value, rounded to the đồng.
    pub royalty_vnd: Option<i64>,
    pub authors: Vec<AuthorAmount>,
    pub remunerations: Vec<Remuneration>,
    pub remuneration_vnd: i64,
    /// Royalty (when known) plus remuneration.
    pub total_vnd: i64,
    pub assessed_at: Option<DateTime<Utc>>,
    pub assessed_by_name: Option<String>,
    pub paid_on: Option<NaiveDate>,
    pub paid_by_name: Option<String>,
    /// Publication day + 60 days.
    pub due_on: Option<NaiveDate>,
    /// Published, unpaid, and past `due_on`.
    pub overdue: bool,
    /// 0 before the first assessment; the ETag is `"<version>"`.
    pub version: i64,
}

/// What the store keeps of an assessment and a payment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RoyaltyRecord {
    pub coefficient_tenths: Option<u32>,
    pub remunerations: Vec<Remuneration>,
    pub assessed_at: Option<DateTime<Utc>>,
    pub assessed_by_name: Option<String>,
    pub paid_on: Option<NaiveDate>,
    pub paid_by_name: Option<String>,
    pub version: i64,
}

pub use crate::format::vn_day;

/// An article's royalty from its assessment and the settings, on `today` (Asia/Ho_Chi_Minh).
pub fn compute(
    article: &Article,
    record: &RoyaltyRecord,
    settings: &RoyaltySettings,
    today: NaiveDate,
) -> ArticleRoyalty {
    let published_on = article.published_at.map(vn_day);
    let unit_value_vnd = published_on.and_then(|d| unit_value_on(&settings.unit_values, d));
    let royalty_vnd = match (record.coefficient_tenths, unit_value_vnd) {
        (Some(c), Some(u)) => Some(royalty(c, u)),
        _ => None,
    };
    let shares: Vec<u8> = article.authors.iter().map(|a| a.share).collect();
    let parts = royalty_vnd.map(|r| split(r, &shares));
    let authors = article
        .authors
        .iter()
        .enumerate()
        .map(|(i, a)| AuthorAmount {
            name: a.name.clone(),
            user_id: a.user_id,
            share: a.share,
            amount_vnd: parts.as_ref().and_then(|p| p.get(i).copied()),
        })
        .collect();
    let remuneration_vnd = record.remunerations.iter().map(|r| r.amount_vnd).sum();
    let due_on = published_on.map(|d| d + chrono::Duration::days(PAY_WITHIN_DAYS));
    ArticleRoyalty {
        article_id: article.id,
        title: article.title.clone(),
        kind: article.kind,
        stage: article.stage,
        published_at: article.published_at,
        range: range_of(&settings.coefficients, article.kind),
        coefficient_tenths: record.coefficient_tenths,
        unit_value_vnd,
        royalty_vnd,
        authors,
        remunerations: record.remunerations.clone(),
        remuneration_vnd,
        total_vnd: royalty_vnd.unwrap_or(0) + remuneration_vnd,
        assessed_at: record.assessed_at,
        assessed_by_name: record.assessed_by_name.clone(),
        paid_on: record.paid_on,
        paid_by_name: record.paid_by_name.clone(),
        overdue: record.paid_on.is_none() && due_on.is_some_and(|d| today > d),
        due_on,
        version: record.version,
    }
}

/// One person's line of the monthly sheet: what the articles of the month owe them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetPerson {
    pub name: String,
    pub user_id: Option<i64>,
    /// As an author.
    pub royalty_vnd: i64,
    /// As an editor or supplier.
    pub remuneration_vnd: i64,
    pub total_vnd: i64,
    /// Of `total_vnd`, what is not paid yet.
    pub unpaid_vnd: i64,
}

/// `GET /royalties/sheet?month=YYYY-MM`: the royalty sheet (bảng kê nhuận bút) of the articles
/// published in a month (Asia/Ho_Chi_Minh).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoyaltySheet {
    /// `YYYY-MM`.
    pub month: String,
    /// Oldest publication first.
    pub lines: Vec<ArticleRoyalty>,
    /// By name, with those who have an account grouped by it.
    pub people: Vec<SheetPerson>,
    pub royalty_vnd: i64,
    pub remuneration_vnd: i64,
    pub total_vnd: i64,
    pub unpaid_vnd: i64,
    /// Published articles of the month with no coefficient yet.
    pub unassessed: u32,
}

/// The sheet of `month` from its lines.
pub fn sheet(month: String, lines: Vec<ArticleRoyalty>) -> RoyaltySheet {
    let mut people: Vec<SheetPerson> = Vec::new();
    let mut add = |name: &str, user_id: Option<i64>, royalty: i64, rem: i64, paid: bool| {
        let i = match people.iter().position(|p| match (user_id, p.user_id) {
            (Some(a), Some(b)) => a == b,
            (None, None) => p.name == name,
            _ => false,
        }) {
            Some(i) => i,
            None => {
                people.push(SheetPerson {
                    name: name.to_string(),
                    user_id,
                    royalty_vnd: 0,
                    remuneration_vnd: 0,
                    total_vnd: 0,
                    unpaid_vnd: 0,
                });
                people.len() - 1
            }
        };
        let p = &mut people[i];
        p.royalty_vnd += royalty;
        p.remuneration_vnd += rem;
        p.total_vnd += royalty + rem;
        if !paid {
            p.unpaid_vnd += royalty + rem;
        }
    };
    for l in &lines {
        let paid = l.paid_on.is_some();
        for a in &l.authors {
            add(&a.name, a.user_id, a.amount_vnd.unwrap_or(0), 0, paid);
        }
        for r in &l.remunerations {
            add(&r.name, r.user_id, 0, r.amount_vnd, paid);
        }
    }
    people.sort_by(|a, b| {
        crate::format::fold_vi(&a.name)
            .cmp(&crate::format::fold_vi(&b.name))
            .then(a.user_id.cmp(&b.user_id))
    });
    let royalty_vnd = lines.iter().filter_map(|l| l.royalty_vnd).sum();
    let remuneration_vnd = lines.iter().map(|l| l.remuneration_vnd).sum();
    RoyaltySheet {
        month,
        unassessed: lines
            .iter()
            .filter(|l| l.coefficient_tenths.is_none())
            .count() as u32,
        unpaid_vnd: lines
            .iter()
            .filter(|l| l.paid_on.is_none())
            .map(|l| l.total_vnd)
            .sum(),
        royalty_vnd,
        remuneration_vnd,
        total_vnd: royalty_vnd + remuneration_vnd,
        people,
        lines,
    }
}

/// `GET /royalties/overdue`: published articles unpaid more than 60 days after publication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverdueRoyalties {
    pub count: u32,
    /// The known amounts (royalty and remuneration) of all of them.
    pub total_vnd: i64,
    /// The longest overdue first, at most 20.
    pub items: Vec<ArticleRoyalty>,
}

/// `YYYY-MM` → its first day; `None` for anything else.
pub fn parse_month(s: &str) -> Option<NaiveDate> {
    let (y, m) = s.split_once('-')?;
    if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = y.parse().ok()?;
    if !(2000..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m.parse().ok()?, 1)
}

/// The first day of the month after the one starting `first`.
pub fn next_month(first: NaiveDate) -> NaiveDate {
    let (y, m) = if first.month() == 12 {
        (first.year() + 1, 1)
    } else {
        (first.year(), first.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn royalty_arithmetic_table() {
        // (coefficient in tenths, unit value, expected đồng)
        let cases = [
            (10, 234_000, 234_000),
            (15, 234_000, 351_000),
            (100, 234_000, 2_340_000),
            (500, 234_000, 11_700_000),
            (13, 234_567, 304_937), // 304.937,1 → 304.937
            (15, 234_567, 351_851), // 351.850,5 → half up
            (0, 234_000, 0),
        ];
        for (c, u, want) in cases {
            assert_eq!(royalty(c, u), want, "{c} × {u}");
        }
    }

    #[test]
    fn shares_split_to_the_dong() {
        assert_eq!(split(351_000, &[100]), [351_000]);
        assert_eq!(split(351_000, &[60, 40]), [210_600, 140_400]);
        // 100.001 in thirds: 33.334 + 33.334 + 33.333 (remainders equal: earlier first).
        assert_eq!(split(100_001, &[34, 33, 33]), [34_001, 33_000, 33_000]);
        let parts = split(351_851, &[33, 33, 34]);
        assert_eq!(parts.iter().sum::<i64>(), 351_851);
        assert_eq!(parts, [116_111, 116_111, 119_629]);
        assert_eq!(split(1, &[50, 50]), [1, 0]);
        assert_eq!(split(0, &[50, 50]), [0, 0]);
        assert!(split(5, &[]).is_empty());
    }

    #[test]
    fn unit_value_in_force_on_a_date() {
        let h = [
            UnitValue {
                effective_from: d("2024-07-01"),
                vnd: 234_000,
            },
            UnitValue {
                effective_from: d("2023-07-01"),
                vnd: 180_000,
            },
        ];
        assert_eq!(unit_value_on(&h, d("2024-06-30")), Some(180_000));
        assert_eq!(unit_value_on(&h, d("2024-07-01")), Some(234_000));
        assert_eq!(unit_value_on(&h, d("2023-01-01")), None);
    }

    #[test]
    fn coefficient_tables_respect_the_decree_caps() {
        let table = default_coefficients();
        assert_eq!(validate_coefficients(&table), vec![]);
        let mut bad = table.clone();
        bad[0].max_tenths = 110; // news over 10
        bad[1].min_tenths = 0;
        bad.pop();
        let fields: Vec<String> = validate_coefficients(&bad)
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "coefficients.banner",
                "coefficients[0].max_tenths",
                "coefficients[1].min_tenths"
            ]
        );
        assert_eq!(tenths_vn(15), "1,5");
        assert_eq!(tenths_vn(300), "30");
    }
}

#[cfg(test)]
mod sheet_tests {
    use super::*;
    use crate::AuthorShare;

    fn settings() -> RoyaltySettings {
        RoyaltySettings {
            coefficients: default_coefficients(),
            unit_values: vec![
                UnitValue {
                    effective_from: NaiveDate::from_ymd_opt(2024, 7, 1).unwrap(),
                    vnd: 234_000,
                },
                UnitValue {
                    effective_from: NaiveDate::from_ymd_opt(2023, 7, 1).unwrap(),
                    vnd: 180_000,
                },
            ],
            updated_at: None,
            updated_by_name: None,
            version: 0,
        }
    }

    fn published(at: &str, authors: &[(&str, Option<i64>, u8)]) -> Article {
        let t: DateTime<Utc> = at.parse().unwrap();
        let json = serde_json::json!({
            "id": 7, "title": "Tin", "lead": "", "body": [], "section": "", "topics": [],
            "kind": "news", "authors": [], "source": "", "cover": null, "channels": [],
            "language": "vi", "model_example": false, "checks": [],
            "checklist": {"items": [], "failing": 0}, "stage": "published",
            "scheduled_at": null, "published_at": t, "removal_reason": null, "created_by": 1,
            "created_at": t, "updated_at": t, "updated_by": 1, "updated_by_name": "x",
            "stage_changed_at": t, "version": 3
        });
        let mut a: Article = serde_json::from_value(json).unwrap();
        a.authors = authors
            .iter()
            .map(|(n, id, s)| AuthorShare {
                name: n.to_string(),
                user_id: *id,
                share: *s,
            })
            .collect();
        a
    }

    #[test]
    fn the_unit_value_of_the_publication_day_in_vietnam_applies() {
        // 30/06/2024 18:00 UTC is already 01/07/2024 in Vietnam: the new value.
        let a = published("2024-06-30T18:00:00Z", &[("An", None, 100)]);
        let rec = RoyaltyRecord {
            coefficient_tenths: Some(15),
            ..Default::default()
        };
        let today = NaiveDate::from_ymd_opt(2024, 7, 2).unwrap();
        let r = compute(&a, &rec, &settings(), today);
        assert_eq!(r.unit_value_vnd, Some(234_000));
        assert_eq!(r.royalty_vnd, Some(351_000));
        let a = published("2024-06-30T16:00:00Z", &[("An", None, 100)]);
        let r = compute(&a, &rec, &settings(), today);
        assert_eq!(r.unit_value_vnd, Some(180_000));
        assert_eq!(r.royalty_vnd, Some(270_000));
        assert_eq!(r.due_on, NaiveDate::from_ymd_opt(2024, 8, 29));
    }

    #[test]
    fn overdue_after_sixty_days_unless_paid() {
        let a = published("2024-07-01T03:00:00Z", &[("An", None, 100)]);
        let rec = RoyaltyRecord::default();
        let day = |d| NaiveDate::from_ymd_opt(2024, 8, d).unwrap();
        assert!(!compute(&a, &rec, &settings(), day(30)).overdue);
        assert!(compute(&a, &rec, &settings(), day(31)).overdue);
        let paid = RoyaltyRecord {
            paid_on: Some(day(1)),
            ..Default::default()
        };
        assert!(!compute(&a, &paid, &settings(), day(31)).overdue);
    }

    #[test]
    fn the_sheet_groups_people_and_keeps_remuneration_apart() {
        let a = published(
            "2024-07-01T03:00:00Z",
            &[("An", Some(4), 60), ("Bình", None, 40)],
        );
        let rec = RoyaltyRecord {
            coefficient_tenths: Some(10),
            remunerations: vec![Remuneration {
                name: "An".into(),
                user_id: Some(4),
                role: RemunerationRole::Editor,
                amount_vnd: 50_000,
                note: String::new(),
            }],
            ..Default::default()
        };
        let today = NaiveDate::from_ymd_opt(2024, 7, 2).unwrap();
        let line = compute(&a, &rec, &settings(), today);
        let unassessed = compute(&a, &RoyaltyRecord::default(), &settings(), today);
        let s = sheet("2024-07".into(), vec![line, unassessed]);
        assert_eq!(s.royalty_vnd, 234_000);
        assert_eq!(s.remuneration_vnd, 50_000);
        assert_eq!(s.total_vnd, 284_000);
        assert_eq!(s.unpaid_vnd, 284_000);
        assert_eq!(s.unassessed, 1);
        let people: Vec<(&str, i64, i64)> = s
            .people
            .iter()
            .map(|p| (p.name.as_str(), p.royalty_vnd, p.remuneration_vnd))
            .collect();
        assert_eq!(people, [("An", 140_400, 50_000), ("Bình", 93_600, 0)]);
    }

    #[test]
    fn assessments_stay_within_the_range_and_amounts_are_positive() {
        let range = range_of(&default_coefficients(), Kind::News);
        let mut a = RoyaltyAssessment {
            coefficient_tenths: 15,
            remunerations: vec![],
        };
        assert_eq!(validate_assessment(&a, range), vec![]);
        a.coefficient_tenths = 101;
        a.remunerations.push(Remuneration {
            name: " ".into(),
            user_id: None,
            role: RemunerationRole::Supplier,
            amount_vnd: -5,
            note: String::new(),
        });
        let fields: Vec<String> = validate_assessment(&a, range)
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "coefficient_tenths",
                "remunerations[0].name",
                "remunerations[0].amount_vnd"
            ]
        );
    }

    #[test]
    fn months_parse_strictly() {
        assert_eq!(parse_month("2026-02"), NaiveDate::from_ymd_opt(2026, 2, 1));
        for bad in [
            "2026-13",
            "2026-2",
            "26-02",
            "2026-02-01",
            "abcd-ef",
            "",
            "1999-12",
        ] {
            assert_eq!(parse_month(bad), None, "{bad}");
        }
        let dec = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(
            next_month(dec),
            NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
        );
    }
}
