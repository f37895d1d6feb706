//! Royalties (nhuận bút, Decree 18/2014/NĐ-CP and Decision 1334/QĐ-BHXH): royalty = coefficient
//! × unit value, split among the authors by share. Everything is integer đồng; coefficients are
//! kept in tenths (`15` is 1.5) so the arithmetic is exact.

use crate::{FieldError, Kind};
use chrono::NaiveDate;
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
