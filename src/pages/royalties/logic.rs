//! The royalties' pure rules: reading amounts and coefficients, months, a line's status.

use crate::api::ApiError;
use crate::form::parse_dong;
use crate::pages::royalties::strings::RoyaltyMsg;
use chrono::{Datelike, NaiveDate};
use portal_contract::royalties::ArticleRoyalty;
use portal_contract::FieldError;

/// A coefficient typed as `1,5`, `1.5` or `15` into tenths; `None` for anything else (more
/// than one decimal, signs, letters).
pub fn parse_tenths(raw: &str) -> Option<u32> {
    let s = raw.trim().replace(',', ".");
    let (whole, frac) = match s.split_once('.') {
        Some((_, "")) => return None,
        Some((w, f)) => (w, f),
        None => (s.as_str(), ""),
    };
    if whole.is_empty() || whole.len() > 4 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if frac.len() > 1 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let w: u32 = whole.parse().ok()?;
    let f: u32 = if frac.is_empty() {
        0
    } else {
        frac.parse().ok()?
    };
    Some(w * 10 + f)
}

/// An amount as typed ([`parse_dong`]'s rule), required: blank is `None`. A negative amount
/// is read, and the contract's range check says why it is refused.
pub fn parse_amount(raw: &str) -> Option<i64> {
    parse_dong(raw).filter(|_| !raw.trim().is_empty())
}

/// `YYYY-MM` of a day.
pub fn month_of(day: NaiveDate) -> String {
    format!("{:04}-{:02}", day.year(), day.month())
}

/// `YYYY-MM` → `MM/YYYY`, as the sheet's title writes it.
pub fn month_label(month: &str) -> String {
    match month.split_once('-') {
        Some((y, m)) => format!("{m}/{y}"),
        None => month.to_string(),
    }
}

/// Where a line of the sheet stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoyaltyStatus {
    /// No coefficient yet: the chief editor's turn.
    Unassessed,
    Paid,
    /// Unpaid, more than 60 days after publication.
    Overdue,
    Unpaid,
}

impl RoyaltyStatus {
    pub fn of(r: &ArticleRoyalty) -> Self {
        if r.paid_on.is_some() {
            RoyaltyStatus::Paid
        } else if r.coefficient_tenths.is_none() {
            RoyaltyStatus::Unassessed
        } else if r.overdue {
            RoyaltyStatus::Overdue
        } else {
            RoyaltyStatus::Unpaid
        }
    }

    pub fn wire(self) -> &'static str {
        match self {
            RoyaltyStatus::Unassessed => "unassessed",
            RoyaltyStatus::Paid => "paid",
            RoyaltyStatus::Overdue => "overdue",
            RoyaltyStatus::Unpaid => "unpaid",
        }
    }

    pub fn msg(self) -> RoyaltyMsg {
        match self {
            RoyaltyStatus::Unassessed => RoyaltyMsg::StatusUnassessed,
            RoyaltyStatus::Paid => RoyaltyMsg::StatusPaid,
            RoyaltyStatus::Overdue => RoyaltyMsg::StatusOverdue,
            RoyaltyStatus::Unpaid => RoyaltyMsg::StatusUnpaid,
        }
    }
}

pub fn field_errors_of(e: &ApiError) -> Vec<FieldError> {
    match e {
        ApiError::Problem { problem, .. } => problem.errors.clone(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coefficients_are_typed_with_a_comma_or_a_dot() {
        assert_eq!(parse_tenths("1,5"), Some(15));
        assert_eq!(parse_tenths("1.5"), Some(15));
        assert_eq!(parse_tenths(" 10 "), Some(100));
        assert_eq!(parse_tenths("0,1"), Some(1));
        for bad in ["", "1,55", "-1", "1,", "a", "1.2.3", "١٠", "1e3", ",5"] {
            assert_eq!(parse_tenths(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn amounts_are_whole_dong() {
        assert_eq!(parse_amount("1.234.000"), Some(1_234_000));
        assert_eq!(parse_amount("50 000"), Some(50_000));
        assert_eq!(parse_amount("234.000 ₫"), Some(234_000));
        assert_eq!(parse_amount("-5"), Some(-5));
        for bad in ["", "1,5", "abc", "--5", "9999999999999999"] {
            assert_eq!(parse_amount(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn months_read_the_vietnamese_way() {
        assert_eq!(month_label("2026-02"), "02/2026");
        assert_eq!(
            month_of(NaiveDate::from_ymd_opt(2026, 11, 5).unwrap()),
            "2026-11"
        );
    }
}
