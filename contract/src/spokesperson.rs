//! The spokesperson (Người phát ngôn) whose details the portal posts promptly (Official
//! Dispatch 3216), with the validation both sides apply: Vietnamese phone numbers and e-mail.

use crate::text::TextRule;
use crate::FieldError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Longest name, position or unit.
pub const MAX_LINE: usize = 200;
/// Longest press information text.
pub const MAX_PRESS_INFO: usize = 4000;
/// Days after which unconfirmed details are flagged stale, unless the server says otherwise.
pub const DEFAULT_STALE_DAYS: u32 = 90;

/// A person: the spokesperson or the authorised deputy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub full_name: String,
    pub position: String,
    pub unit: String,
    pub phone: String,
    pub email: String,
}

/// What the board edits.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpokespersonContent {
    pub spokesperson: Contact,
    /// The press information the office provides (how to reach it, hours, procedure).
    #[serde(default)]
    pub press_info: String,
    /// An optional authorised deputy.
    #[serde(default)]
    pub deputy: Option<Contact>,
}

/// `GET /spokesperson`: the current details (version 0 and empty before the first save).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Spokesperson {
    pub content: SpokespersonContent,
    pub updated_at: Option<DateTime<Utc>>,
    pub updated_by_name: Option<String>,
    /// When the board last saved or confirmed that the details are still right.
    pub confirmed_at: Option<DateTime<Utc>>,
    /// Days without confirmation after which the details count as stale.
    pub stale_after_days: u32,
    /// Whether they are stale now (or were never entered).
    pub stale: bool,
    pub version: i64,
}

/// `PUT /spokesperson`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpokespersonUpdate {
    pub content: SpokespersonContent,
}

/// An earlier version, as kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpokespersonVersion {
    pub version: i64,
    pub content: SpokespersonContent,
    pub at: DateTime<Utc>,
    pub by_name: String,
}

/// `GET /public/spokesperson`: what the portal shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicSpokesperson {
    pub spokesperson: Contact,
    pub press_info: String,
    pub deputy: Option<Contact>,
    pub updated_at: DateTime<Utc>,
}

/// The digits of a phone number written with spaces, dots, dashes or parentheses, with `+84`
/// turned into the leading `0`; `None` when anything else is in it.
pub fn phone_digits(raw: &str) -> Option<String> {
    let mut s: String = raw
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')'))
        .collect();
    if let Some(rest) = s.strip_prefix("+84") {
        s = format!("0{rest}");
    }
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then_some(s)
}

/// Whether `raw` is a Vietnamese phone number: a mobile `0` + 9 digits with prefix 03, 05,
/// 07, 08 or 09, or a landline `02xx` + 7–8 digits; `+84` may replace the leading `0`.
pub fn is_vn_phone(raw: &str) -> bool {
    let Some(d) = phone_digits(raw) else {
        return false;
    };
    let b = d.as_bytes();
    match (b.first(), b.get(1)) {
        (Some(b'0'), Some(b'3' | b'5' | b'7' | b'8' | b'9')) => d.len() == 10,
        (Some(b'0'), Some(b'2')) => d.len() == 11 || d.len() == 12,
        _ => false,
    }
}

/// A plain check of an e-mail address: one `@`, a local part of allowed characters, a domain
/// of at least two labels of letters, digits and hyphens.
pub fn is_email(raw: &str) -> bool {
    let s = raw.trim();
    if s.len() > 254 || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    local_ok && domain_ok
}

const LINE: TextRule = TextRule::one_line(MAX_LINE).required().plain_digits();
const PRESS_INFO: TextRule = TextRule::multi_line(MAX_PRESS_INFO).plain_digits();

/// A required Vietnamese phone number ([`is_vn_phone`]).
pub(crate) fn check_phone(errors: &mut Vec<FieldError>, field: String, raw: &str) {
    if raw.trim().is_empty() {
        errors.push(FieldError::new(
            field,
            "required",
            "Vui lòng nhập số điện thoại.",
        ));
    } else if !is_vn_phone(raw) {
        errors.push(FieldError::new(
            field,
            "invalid_phone",
            "Số điện thoại không hợp lệ: di động 0 + 9 số (đầu 03, 05, 07, 08, 09), cố định 02xx + 7–8 số; có thể thay 0 bằng +84.",
        ));
    }
}

/// A required e-mail address ([`is_email`]); the message shows `example` as a valid one.
pub(crate) fn check_email(errors: &mut Vec<FieldError>, field: String, raw: &str, example: &str) {
    if raw.trim().is_empty() {
        errors.push(FieldError::new(
            field,
            "required",
            "Vui lòng nhập thư điện tử.",
        ));
    } else if !is_email(raw) {
        errors.push(FieldError::new(
            field,
            "invalid_email",
            format!("Địa chỉ thư điện tử không hợp lệ (ví dụ: {example})."),
        ));
    }
}

fn contact(errors: &mut Vec<FieldError>, at: &str, c: &Contact) {
    LINE.check(errors, format!("{at}.full_name"), &c.full_name);
    LINE.check(errors, format!("{at}.position"), &c.position);
    LINE.check(errors, format!("{at}.unit"), &c.unit);
    check_phone(errors, format!("{at}.phone"), &c.phone);
    check_email(
        errors,
        format!("{at}.email"),
        &c.email,
        "phatngon@bhxh.gov.vn",
    );
}

/// Every problem of `content`, by field path (`spokesperson.phone`, `deputy.email` …).
pub fn validate(content: &SpokespersonContent) -> Vec<FieldError> {
    let mut errors = Vec::new();
    contact(&mut errors, "spokesperson", &content.spokesperson);
    if let Some(d) = &content.deputy {
        contact(&mut errors, "deputy", d);
    }
    PRESS_INFO.check(&mut errors, "press_info", &content.press_info);
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_phone_numbers() {
        for ok in [
            "0912345678",
            "0912 345 678",
            "091.234.5678",
            "+84912345678",
            "+84 91 234 5678",
            "0387654321",
            "0561234567",
            "0701234567",
            "0812345678",
            "02438251234",
            "(0236) 382 2123",
            "+842438251234",
            "024 3825 12345",
        ] {
            assert!(is_vn_phone(ok), "{ok} should be valid");
        }
        for bad in [
            "",
            "091234567",
            "09123456789",
            "0112345678",
            "0412345678",
            "0612345678",
            "912345678",
            "+85512345678",
            "0243825123",
            "0243825123456",
            "0912345678x",
            "٠٩١٢٣٤٥٦٧٨",
            "09１2345678",
            "+84+84912345678",
        ] {
            assert!(!is_vn_phone(bad), "{bad} should be invalid");
        }
    }

    #[test]
    fn email_addresses() {
        for ok in ["phatngon@bhxh.gov.vn", "a.b-c+d@sub.domain.vn", "X@Y.COM"] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in [
            "",
            "phatngon",
            "@bhxh.gov.vn",
            "a@b",
            "a@@b.vn",
            "a b@c.vn",
            "a@b..vn",
            "a@-b.vn",
            ".a@b.vn",
            "a..b@c.vn",
            "nguyễn@bhxh.vn",
            "a@b.v1",
            "<script>@x.vn",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn validation_names_the_fields() {
        let mut c = SpokespersonContent {
            spokesperson: Contact {
                full_name: "Nguyễn Thị Lan".into(),
                position: "Phó Giám đốc".into(),
                unit: "BHXH tỉnh".into(),
                phone: "0912345678".into(),
                email: "phatngon@bhxh.gov.vn".into(),
            },
            press_info: "Liên hệ trong giờ hành chính.".into(),
            deputy: None,
        };
        assert_eq!(validate(&c), vec![]);
        c.spokesperson.phone = "12345".into();
        c.deputy = Some(Contact::default());
        let fields: Vec<String> = validate(&c).into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "spokesperson.phone",
                "deputy.full_name",
                "deputy.position",
                "deputy.unit",
                "deputy.phone",
                "deputy.email"
            ]
        );
    }
}
