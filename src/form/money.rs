//! Reading an amount of đồng as a Vietnamese user types it. One rule for every form; each
//! feature adds only its own range (no negatives in a plan's budget or a fraud report).

/// Digits the parser accepts at most: 15 keep every amount exact in a JavaScript number.
const MAX_DIGITS: usize = 15;

/// An amount of đồng as typed, the vi-VN way:
/// - digits, grouped by thousands or not: `1234000`, `1.234.000`, `1 234 000` (a space or a
///   no-break space groups like a dot; after the first group every group has three digits);
/// - an optional unit at the end, with or without a space: `₫`, `đ`, `Đ`, `VND`, `VNĐ`;
/// - an optional leading `-` (each feature decides whether a negative amount is allowed);
/// - nothing typed is 0 đồng (a field that requires an amount checks for blank itself).
///
/// `None` for anything else: a comma (the decimal mark in Vietnamese, and đồng are whole),
/// a lone or misplaced separator, groups of the wrong size, letters, more than 15 digits.
///
/// ```ignore
/// assert_eq!(parse_dong("1.234.000 ₫"), Some(1_234_000));
/// assert_eq!(parse_dong("1,5"), None);
/// ```
pub fn parse_dong(raw: &str) -> Option<i64> {
    let mut s = raw.trim();
    for unit in ["VND", "vnd", "VNĐ", "vnđ", "₫", "đ", "Đ"] {
        if let Some(rest) = s.strip_suffix(unit) {
            s = rest.trim_end();
            break;
        }
    }
    if s.is_empty() {
        return Some(0);
    }
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let groups: Vec<&str> = s.split(['.', ' ', '\u{a0}']).collect();
    let well_grouped = groups.len() == 1
        || (matches!(groups[0].len(), 1..=3) && groups[1..].iter().all(|g| g.len() == 3));
    if !well_grouped || !groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let digits = groups.concat();
    if digits.is_empty() || digits.len() > MAX_DIGITS {
        return None;
    }
    let n: i64 = digits.parse().ok()?;
    Some(if negative { -n } else { n })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_grouped_the_vietnamese_way() {
        for (typed, n) in [
            ("1234000", 1_234_000),
            ("1.234.000", 1_234_000),
            ("1 234 000", 1_234_000),
            ("1\u{a0}234\u{a0}000", 1_234_000),
            (" 1.234.000 ₫ ", 1_234_000),
            ("1 234 000đ", 1_234_000),
            ("250.000 VND", 250_000),
            ("250.000 VNĐ", 250_000),
            ("999.999.999.999.999", 999_999_999_999_999),
            ("0", 0),
        ] {
            assert_eq!(parse_dong(typed), Some(n), "{typed:?}");
        }
    }

    #[test]
    fn blank_is_zero_and_a_sign_is_read() {
        assert_eq!(parse_dong(""), Some(0));
        assert_eq!(parse_dong("  ₫ "), Some(0));
        assert_eq!(parse_dong("-5"), Some(-5));
        assert_eq!(parse_dong("-1.000 ₫"), Some(-1_000));
    }

    #[test]
    fn anything_else_is_refused() {
        for bad in [
            "1,5",
            "12,5",
            "1,234,000",
            "1.23",
            "12.3456",
            ".500",
            "500.",
            "1..000",
            "1  234",
            "--5",
            "+5",
            "-",
            "- 5",
            "abc",
            "1e6",
            "mười",
            "١٠",
            "₫ 5",
            "9999999999999999",
            "99999999999999999999",
        ] {
            assert_eq!(parse_dong(bad), None, "{bad:?}");
        }
    }
}
