//! Quarterly model articles (Official Dispatch 3216): about two model articles a quarter are
//! sent to the VSS portal board by e-mail. The product lists the candidates (public articles
//! flagged "model example"), prepares the e-mail as a `mailto:` link and records what was sent.

use crate::text::{Digits, TextMessages, TextRule};
use crate::{ArticleSummary, FieldError};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Where the VSS portal board receives model articles.
pub const VSS_PORTAL_EMAIL: &str = "congthongtindientu@vss.gov.vn";
/// Model articles asked for each quarter ("khoảng 2 bài/quý").
pub const QUARTERLY_TARGET: u32 = 2;
/// Most articles one submission may list.
pub const MAX_SUBMISSION_ARTICLES: usize = 10;
/// Longest note on a submission, in characters.
pub const MAX_SUBMISSION_NOTE: usize = 2000;

/// A calendar quarter (1–4) of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Quarter {
    pub year: i32,
    pub quarter: u32,
}

impl Quarter {
    /// The quarter `day` falls in.
    pub fn of(day: NaiveDate) -> Self {
        Self {
            year: day.year(),
            quarter: (day.month() - 1) / 3 + 1,
        }
    }

    /// The quarter of the instant `t` in Asia/Ho_Chi_Minh (01/04 00:30 there is Q2 although it
    /// is still 31/03 in UTC).
    pub fn at(t: DateTime<Utc>) -> Self {
        Self::of(crate::format::vn_day(t))
    }

    /// `Some` when `quarter` is 1–4.
    pub fn new(year: i32, quarter: u32) -> Option<Self> {
        (1..=4).contains(&quarter).then_some(Self { year, quarter })
    }

    /// Its first day.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, (self.quarter - 1) * 3 + 1, 1).unwrap_or_default()
    }

    /// The first day of the next quarter (the end, exclusive).
    pub fn next(self) -> Self {
        if self.quarter == 4 {
            Self {
                year: self.year + 1,
                quarter: 1,
            }
        } else {
            Self {
                year: self.year,
                quarter: self.quarter + 1,
            }
        }
    }

    /// Its last day.
    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or_default()
    }

    /// Whether `day` falls in it.
    pub fn contains(self, day: NaiveDate) -> bool {
        Self::of(day) == self
    }

    /// Start and end (exclusive) as instants: local midnights in Asia/Ho_Chi_Minh.
    pub fn bounds_utc(self) -> (DateTime<Utc>, DateTime<Utc>) {
        (
            crate::format::vn_midnight(self.first_day()),
            crate::format::vn_midnight(self.next().first_day()),
        )
    }

    /// "Quý IV/2026".
    pub fn label_vi(self) -> String {
        format!("Quý {}/{}", roman(self.quarter), self.year)
    }

    /// "Q4 2026".
    pub fn label_en(self) -> String {
        format!("Q{} {}", self.quarter, self.year)
    }
}

fn roman(q: u32) -> &'static str {
    match q {
        1 => "I",
        2 => "II",
        3 => "III",
        _ => "IV",
    }
}

/// One article of a recorded submission, as it was when sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmittedArticle {
    pub id: i64,
    pub title: String,
    pub public_url: String,
}

/// A submission recorded as sent (append-only: a record is never changed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuarterlySubmission {
    pub id: i64,
    pub year: i32,
    pub quarter: u32,
    /// The day the e-mail was sent (Asia/Ho_Chi_Minh).
    pub sent_on: NaiveDate,
    pub articles: Vec<SubmittedArticle>,
    pub note: String,
    pub recorded_by_name: String,
    pub recorded_at: DateTime<Utc>,
}

/// `POST /quarterly-submissions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewQuarterlySubmission {
    pub year: i32,
    pub quarter: u32,
    pub sent_on: NaiveDate,
    pub article_ids: Vec<i64>,
    #[serde(default)]
    pub note: String,
}

/// A public article that may be sent: flagged "model example" and published in the quarter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub article: ArticleSummary,
    pub public_url: String,
    /// Already listed in a submission of this quarter.
    pub sent: bool,
}

/// `GET /quarterly/{year}/{quarter}`: where a quarter stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuarterStatus {
    pub year: i32,
    pub quarter: u32,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub target: u32,
    /// Distinct articles sent for this quarter.
    pub sent_count: u32,
    pub candidates: Vec<Candidate>,
    /// This quarter's submissions, newest first.
    pub submissions: Vec<QuarterlySubmission>,
    /// Where the e-mail goes.
    pub email_to: String,
}

const NOTE: TextRule = TextRule::multi_line(MAX_SUBMISSION_NOTE).messages(TextMessages {
    too_long: "Ghi chú tối đa",
    digits: Digits::Plain,
    invalid_characters: "Ghi chú chứa ký tự không hợp lệ.",
    ..TextMessages::DEFAULT
});

/// Checks a submission against the rules that need no database: the quarter, the day it was
/// sent (from the quarter's first day up to `today`), the list and the note. The server adds
/// the checks of the articles themselves.
pub fn validate_submission(s: &NewQuarterlySubmission, today: NaiveDate) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let quarter = Quarter::new(s.year, s.quarter);
    if !crate::plans::YEARS.contains(&s.year) {
        errors.push(FieldError::new(
            "year",
            "out_of_range",
            format!(
                "Năm phải từ {} đến {}.",
                crate::plans::YEARS.start(),
                crate::plans::YEARS.end()
            ),
        ));
    }
    match quarter {
        None => errors.push(FieldError::new(
            "quarter",
            "out_of_range",
            "Quý phải từ 1 đến 4.",
        )),
        Some(q) => {
            if s.sent_on < q.first_day() {
                errors.push(FieldError::new(
                    "sent_on",
                    "before_quarter",
                    format!(
                        "Ngày gửi không được trước ngày đầu quý ({}).",
                        crate::format::day_vn(q.first_day())
                    ),
                ));
            }
        }
    }
    if s.sent_on > today {
        errors.push(FieldError::new(
            "sent_on",
            "in_future",
            "Ngày gửi không được ở tương lai.",
        ));
    }
    if s.article_ids.is_empty() {
        errors.push(FieldError::new(
            "article_ids",
            "required",
            "Chọn ít nhất một bài tiêu biểu.",
        ));
    } else if s.article_ids.len() > MAX_SUBMISSION_ARTICLES {
        errors.push(FieldError::new(
            "article_ids",
            "too_many",
            format!("Mỗi lần gửi tối đa {MAX_SUBMISSION_ARTICLES} bài."),
        ));
    } else {
        let mut ids = s.article_ids.clone();
        ids.sort_unstable();
        ids.dedup();
        if ids.len() != s.article_ids.len() {
            errors.push(FieldError::new(
                "article_ids",
                "duplicate",
                "Một bài được chọn hai lần.",
            ));
        }
    }
    NOTE.check(&mut errors, "note", &s.note);
    errors
}

/// The e-mail to the VSS portal board, ready for a `mailto:` link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailDraft {
    pub to: String,
    pub subject: String,
    pub body: String,
}

impl MailDraft {
    /// `mailto:` with the subject and body percent-encoded (RFC 6068; line breaks as CRLF).
    pub fn href(&self) -> String {
        let body = self.body.replace("\r\n", "\n").replace('\n', "\r\n");
        format!(
            "mailto:{}?subject={}&body={}",
            self.to,
            percent(&self.subject),
            percent(&body)
        )
    }
}

fn percent(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The Vietnamese cover e-mail for `articles` (title, public link) sent for `quarter`, signed
/// by `sender`.
pub fn mail_draft(quarter: Quarter, articles: &[(String, String)], sender: &str) -> MailDraft {
    let subject = format!(
        "Gửi bài viết tiêu biểu {} - Cổng Thông tin điện tử",
        quarter.label_vi()
    );
    let mut body = String::new();
    body.push_str("Kính gửi: Ban Biên tập Cổng Thông tin điện tử BHXH Việt Nam.\n\n");
    body.push_str(&format!(
        "Thực hiện Công văn số 3216/BHXH-TT ngày 05/10/2023 của BHXH Việt Nam, Ban Biên tập \
         Cổng Thông tin điện tử trân trọng gửi {} bài viết tiêu biểu {}:\n\n",
        articles.len(),
        quarter.label_vi().replacen("Quý", "quý", 1)
    ));
    for (i, (title, url)) in articles.iter().enumerate() {
        let title: String = title.chars().filter(|c| !c.is_control()).collect();
        body.push_str(&format!("{}. {}\n   {}\n", i + 1, title.trim(), url));
    }
    body.push_str("\nTrân trọng.\n");
    let sender = sender.trim();
    if !sender.is_empty() {
        body.push_str(sender);
        body.push('\n');
    }
    MailDraft {
        to: VSS_PORTAL_EMAIL.to_string(),
        subject,
        body,
    }
}

/// The public link of article `id` from a template holding `{id}`.
pub fn public_url(template: &str, id: i64) -> String {
    template.replace("{id}", &id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn quarters_of_days_at_their_boundaries() {
        for (day, q) in [
            (d(2026, 1, 1), 1),
            (d(2026, 3, 31), 1),
            (d(2026, 4, 1), 2),
            (d(2026, 6, 30), 2),
            (d(2026, 7, 1), 3),
            (d(2026, 9, 30), 3),
            (d(2026, 10, 1), 4),
            (d(2026, 12, 31), 4),
        ] {
            assert_eq!(Quarter::of(day).quarter, q, "{day}");
        }
        let q4 = Quarter::new(2026, 4).unwrap();
        assert_eq!(q4.first_day(), d(2026, 10, 1));
        assert_eq!(q4.last_day(), d(2026, 12, 31));
        assert_eq!(q4.next(), Quarter::new(2027, 1).unwrap());
        assert_eq!(Quarter::new(2024, 1).unwrap().last_day(), d(2024, 3, 31));
        assert!(Quarter::new(2026, 0).is_none());
        assert!(Quarter::new(2026, 5).is_none());
    }

    #[test]
    fn the_quarter_of_an_instant_is_the_one_in_vietnam() {
        // 31/03 17:30 UTC is 01/04 00:30 in Hà Nội: the second quarter has begun there.
        let t = Utc.with_ymd_and_hms(2026, 3, 31, 17, 30, 0).unwrap();
        assert_eq!(Quarter::at(t), Quarter::new(2026, 2).unwrap());
        let t = Utc.with_ymd_and_hms(2026, 3, 31, 16, 59, 59).unwrap();
        assert_eq!(Quarter::at(t), Quarter::new(2026, 1).unwrap());
        // New Year's Eve 2026, 23:00 in Hà Nội = 16:00 UTC: still Q4 2026.
        let t = Utc.with_ymd_and_hms(2026, 12, 31, 16, 0, 0).unwrap();
        assert_eq!(Quarter::at(t), Quarter::new(2026, 4).unwrap());
        let (from, to) = Quarter::new(2026, 2).unwrap().bounds_utc();
        assert_eq!(from, Utc.with_ymd_and_hms(2026, 3, 31, 17, 0, 0).unwrap());
        assert_eq!(to, Utc.with_ymd_and_hms(2026, 6, 30, 17, 0, 0).unwrap());
    }

    #[test]
    fn labels() {
        let q = Quarter::new(2026, 4).unwrap();
        assert_eq!(q.label_vi(), "Quý IV/2026");
        assert_eq!(q.label_en(), "Q4 2026");
    }

    fn submission() -> NewQuarterlySubmission {
        NewQuarterlySubmission {
            year: 2026,
            quarter: 4,
            sent_on: d(2026, 11, 20),
            article_ids: vec![3, 7],
            note: String::new(),
        }
    }

    fn codes(s: &NewQuarterlySubmission) -> Vec<(String, String)> {
        validate_submission(s, d(2026, 11, 22))
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn a_submission_is_checked_field_by_field() {
        assert!(codes(&submission()).is_empty());
        let pair = |f: &str, c: &str| vec![(f.to_string(), c.to_string())];
        let mut s = submission();
        s.quarter = 5;
        assert_eq!(codes(&s), pair("quarter", "out_of_range"));
        let mut s = submission();
        s.sent_on = d(2026, 11, 23);
        assert_eq!(codes(&s), pair("sent_on", "in_future"));
        let mut s = submission();
        s.sent_on = d(2026, 9, 30);
        assert_eq!(codes(&s), pair("sent_on", "before_quarter"));
        // A quarter's articles may be sent after it ended (early next quarter).
        let mut s = submission();
        s.quarter = 3;
        s.sent_on = d(2026, 10, 2);
        assert!(codes(&s).is_empty());
        let mut s = submission();
        s.article_ids.clear();
        assert_eq!(codes(&s), pair("article_ids", "required"));
        let mut s = submission();
        s.article_ids = vec![3, 3];
        assert_eq!(codes(&s), pair("article_ids", "duplicate"));
        let mut s = submission();
        s.article_ids = (1..=11).collect();
        assert_eq!(codes(&s), pair("article_ids", "too_many"));
        let mut s = submission();
        s.note = "x".repeat(MAX_SUBMISSION_NOTE + 1);
        assert_eq!(codes(&s), pair("note", "too_long"));
        let mut s = submission();
        s.note = "a\u{0}b".into();
        assert_eq!(codes(&s), pair("note", "invalid_characters"));
        let mut s = submission();
        s.year = 1999;
        assert_eq!(codes(&s), pair("year", "out_of_range"));
    }

    #[test]
    fn the_mail_lists_each_article_with_its_link_and_encodes_as_mailto() {
        let q = Quarter::new(2026, 4).unwrap();
        let mail = mail_draft(
            q,
            &[
                (
                    "Tăng cường phòng chống lừa đảo & giả mạo".into(),
                    "https://portal.example/bai-viet/7".into(),
                ),
                (
                    "Ngày BHYT Việt Nam 1/7".into(),
                    "https://portal.example/bai-viet/9".into(),
                ),
            ],
            "Nguyễn Văn An",
        );
        assert_eq!(mail.to, VSS_PORTAL_EMAIL);
        assert_eq!(
            mail.subject,
            "Gửi bài viết tiêu biểu Quý IV/2026 - Cổng Thông tin điện tử"
        );
        assert!(mail.body.starts_with("Kính gửi: Ban Biên tập"));
        assert!(mail
            .body
            .contains("trân trọng gửi 2 bài viết tiêu biểu quý IV/2026"));
        assert!(mail.body.contains(
            "1. Tăng cường phòng chống lừa đảo & giả mạo\n   https://portal.example/bai-viet/7\n"
        ));
        assert!(mail.body.contains("2. Ngày BHYT Việt Nam 1/7\n"));
        assert!(mail.body.ends_with("Nguyễn Văn An\n"));
        let href = mail.href();
        assert!(href.starts_with("mailto:congthongtindientu@vss.gov.vn?subject=G%E1%BB%ADi%20"));
        // The ampersand of a title must not end the body parameter; lines end CRLF.
        assert!(!href[href.find("&body=").unwrap() + 6..].contains('&'));
        assert!(href.contains("%26%20gi%E1%BA%A3%20m%E1%BA%A1o%0D%0A"));
        assert!(!href.contains('\n') && !href.contains(' '));
    }

    #[test]
    fn public_links_come_from_the_template() {
        assert_eq!(
            public_url("https://bhxh.example/tin/{id}.html", 42),
            "https://bhxh.example/tin/42.html"
        );
    }
}
