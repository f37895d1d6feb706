//! The fraud report form's rules, as plain functions: reading what was typed (amounts with
//! Vietnamese digit grouping, a `datetime-local` in Asia/Ho_Chi_Minh) and the contract's checks.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Timelike, Utc};
use portal_contract::format::{vn_offset, vn_to_utc};
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

/// A whole number of đồng as typed: `1234000`, `1.234.000`, `1 234 000 ₫`; empty is 0.
/// `None` for anything else (a sign, decimals, letters).
pub fn parse_whole(raw: &str) -> Option<i64> {
    let cleaned: String = raw
        .trim()
        .trim_end_matches(['₫', 'đ', 'Đ'])
        .chars()
        .filter(|c| !matches!(c, '.' | ' ' | '\u{a0}'))
        .collect();
    if cleaned.is_empty() {
        return Some(0);
    }
    if !cleaned.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    cleaned.parse::<i64>().ok()
}

/// The instant of a `datetime-local` value (`YYYY-MM-DDTHH:MM[:SS]`) read as Vietnam time.
pub fn parse_local(raw: &str) -> Option<DateTime<Utc>> {
    let (date, time) = raw.trim().split_once('T')?;
    let mut d = date.split('-').map(|p| p.parse::<u32>().ok());
    let (y, m, day) = (d.next()??, d.next()??, d.next()??);
    if d.next().is_some() {
        return None;
    }
    let mut t = time.split(':').map(|p| p.parse::<u32>().ok());
    let (h, min) = (t.next()??, t.next()??);
    let s = t.next().flatten().unwrap_or(0);
    let date = NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, day)?;
    let time = NaiveTime::from_hms_opt(h, min, s)?;
    Some(vn_to_utc(date.and_time(time)))
}

/// `t` as a `datetime-local` value in Vietnam time (minutes).
pub fn local_value(t: DateTime<Utc>) -> String {
    let d = t.with_timezone(&vn_offset());
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        d.year(),
        d.month(),
        d.day(),
        d.hour(),
        d.minute()
    )
}

/// The request the form makes, or every problem by field (the server's own rules plus what
/// cannot even be read).
pub fn to_request(form: &FraudForm, now: DateTime<Utc>) -> Result<NewFraudReport, Vec<FieldError>> {
    let mut errors = Vec::new();
    let when = parse_local(&form.when);
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
    fn local_times_are_vietnam_time() {
        let t = parse_local("2026-02-16T08:30").unwrap();
        assert_eq!(t, Utc.with_ymd_and_hms(2026, 2, 16, 1, 30, 0).unwrap());
        assert_eq!(local_value(t), "2026-02-16T08:30");
        assert_eq!(
            parse_local("2026-01-01T00:15:30"),
            Some(Utc.with_ymd_and_hms(2025, 12, 31, 17, 15, 30).unwrap())
        );
        for bad in [
            "",
            "2026-02-30T08:00",
            "16/02/2026 08:30",
            "2026-02-16",
            "2026-02-16T25:00",
        ] {
            assert_eq!(parse_local(bad), None, "{bad}");
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
