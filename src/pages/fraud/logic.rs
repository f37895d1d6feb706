//! The fraud report form's rules, as plain functions: reading what was typed (amounts with
//! Vietnamese digit grouping, a `datetime-local` in Asia/Ho_Chi_Minh) and the contract's checks.

use crate::clock::local_input_to_utc;
use crate::form::parse_dong;
use chrono::{DateTime, Utc};
use portal_contract::fraud::{validate_new_report, FraudChannel, NewFraudReport};
use portal_contract::FieldError;

/// What the form holds, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FraudForm {
    /// `YYYY-MM-DDTHH:MM`, Vietnam time.
    pub when: String,
    pub location: String,
    pub channel: Option<FraudChannel>,
    pub description: String,
    pub amount: String,
    pub people: String,
    pub evidence: String,
    pub office: String,
}

/// An amount or a number of people as typed ([`parse_dong`]'s rule); never negative.
pub fn parse_whole(raw: &str) -> Option<i64> {
    parse_dong(raw).filter(|n| *n >= 0)
}

/// The request the form makes, or every problem by field (the server's own rules plus what
/// cannot even be read).
pub fn to_request(form: &FraudForm, now: DateTime<Utc>) -> Result<NewFraudReport, Vec<FieldError>> {
    let mut errors = Vec::new();
    let when = local_input_to_utc(&form.when);
    if when.is_none() {
        errors.push(FieldError::new(
            "occurred_at",
            "required",
            "Vui lòng chọn ngày và giờ xảy ra.",
        ));
    }
    if form.channel.is_none() {
        errors.push(FieldError::new(
            "channel",
            "required",
            "Vui lòng chọn kênh lừa đảo.",
        ));
    }
    let amount = parse_whole(&form.amount);
    if amount.is_none() {
        errors.push(FieldError::new(
            "amount",
            "invalid_number",
            "Số tiền phải là số nguyên không âm (đơn vị đồng).",
        ));
    }
    let people = parse_whole(&form.people);
    if people.is_none() {
        errors.push(FieldError::new(
            "people_affected",
            "invalid_number",
            "Số người phải là số nguyên không âm.",
        ));
    }
    let evidence = form.evidence.trim();
    let request = NewFraudReport {
        occurred_at: when.unwrap_or(now),
        location: form.location.trim().to_string(),
        channel: form.channel.unwrap_or(FraudChannel::Phone),
        description: form.description.trim().to_string(),
        amount: amount.unwrap_or(0),
        people_affected: people.unwrap_or(0),
        evidence_url: (!evidence.is_empty()).then(|| evidence.to_string()),
        office: form.office.trim().to_string(),
    };
    for e in validate_new_report(&request, now) {
        if !errors.iter().any(|x| x.field == e.field) {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        Ok(request)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn amounts_read_with_vietnamese_grouping() {
        assert_eq!(parse_whole(""), Some(0));
        assert_eq!(parse_whole("1234000"), Some(1_234_000));
        assert_eq!(parse_whole("1.234.000"), Some(1_234_000));
        assert_eq!(parse_whole(" 1 234 000 ₫"), Some(1_234_000));
        for bad in ["-5", "12,5", "1e6", "mười", "99999999999999999999"] {
            assert_eq!(parse_whole(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_form_names_every_field_to_fix() {
        let now = Utc.with_ymd_and_hms(2026, 2, 16, 1, 30, 0).unwrap();
        let form = FraudForm {
            when: "2026-02-17T09:00".into(),
            amount: "-1".into(),
            evidence: "www.gia-mao.vn".into(),
            ..FraudForm::default()
        };
        let fields: Vec<String> = to_request(&form, now)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "channel",
                "amount",
                "occurred_at",
                "location",
                "description",
                "evidence_url",
                "office"
            ]
        );
        let good = FraudForm {
            when: "2026-02-15T21:00".into(),
            location: "Xã Tân Lập".into(),
            channel: Some(FraudChannel::Sms),
            description: "Tin nhắn giả mạo".into(),
            amount: "1.234.000".into(),
            people: "3".into(),
            evidence: " ".into(),
            office: "BHXH huyện Đồng Phú".into(),
        };
        let r = to_request(&good, now).unwrap();
        assert_eq!(r.amount, 1_234_000);
        assert_eq!(r.evidence_url, None);
        assert_eq!(
            r.occurred_at,
            Utc.with_ymd_and_hms(2026, 2, 15, 14, 0, 0).unwrap()
        );
    }
}
