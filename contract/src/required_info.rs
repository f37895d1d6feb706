//! Required information (thông tin bắt buộc) a state portal keeps current (Decree 42/2022,
//! Official Dispatch 3216): the organisation structure in Vietnamese and English, links to the
//! local departments' portals (checked by the server), and the board's training sessions.
//!
//! Each of the three is one versioned page; each shows when it was last updated and is flagged
//! stale after a number of days that an administrator sets (a default, not a rule of law).

use crate::spokesperson::{check_email, check_phone};
use crate::text::TextRule;
use crate::FieldError;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Days after which a page counts as stale until an administrator sets another number.
pub const DEFAULT_STALE_DAYS: u32 = 90;
/// Bounds of the staleness setting.
pub const MIN_STALE_DAYS: u32 = 1;
pub const MAX_STALE_DAYS: u32 = 3650;
/// Longest one-line text (names, positions, addresses, topics).
pub const MAX_LINE: usize = 300;
/// Longest multi-line text (functions and duties of a unit).
pub const MAX_TEXT: usize = 4000;
/// Longest link.
pub const MAX_URL: usize = 2000;
/// Most units, links and training sessions a page holds.
pub const MAX_UNITS: usize = 100;
pub const MAX_LINKS: usize = 200;
pub const MAX_SESSIONS: usize = 500;
/// Most hours one training session lasts.
pub const MAX_HOURS: f64 = 200.0;
/// Most participants of one session.
pub const MAX_PARTICIPANTS: u32 = 100_000;

/// The three pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InfoSection {
    /// Cơ cấu tổ chức.
    Org,
    /// Liên kết (local departments' portals).
    Links,
    /// Đào tạo.
    Training,
}

impl InfoSection {
    pub const ALL: [InfoSection; 3] = [InfoSection::Org, InfoSection::Links, InfoSection::Training];

    pub fn as_str(self) -> &'static str {
        match self {
            InfoSection::Org => "org",
            InfoSection::Links => "links",
            InfoSection::Training => "training",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// One unit of the office (Văn phòng, Phòng Thu …), with the texts Decree 42 asks for in both
/// languages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrgUnit {
    pub name_vi: String,
    pub name_en: String,
    pub functions_vi: String,
    pub functions_en: String,
    pub leader_name: String,
    pub leader_position_vi: String,
    pub leader_position_en: String,
    pub phone: String,
    pub email: String,
    pub address_vi: String,
    pub address_en: String,
}

/// The organisation structure page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrgContent {
    pub units: Vec<OrgUnit>,
}

/// A link to a local department's portal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortalLink {
    pub name: String,
    pub url: String,
}

/// The links page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinksContent {
    pub links: Vec<PortalLink>,
}

/// A training session of the board and its contributors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingSession {
    pub date: NaiveDate,
    pub topic: String,
    pub trainer: String,
    /// Who took part (units, groups or names).
    pub participants: String,
    pub participant_count: u32,
    /// Length in hours (half hours and the like allowed).
    pub hours: f64,
}

/// The training page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingContent {
    pub sessions: Vec<TrainingSession>,
}

/// `GET /info/{org,links,training}`: a page with when it was last updated and whether that is
/// too long ago. Version 0 and empty before the first save.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InfoPage<C> {
    pub content: C,
    pub updated_at: Option<DateTime<Utc>>,
    pub updated_by_name: Option<String>,
    /// Last save or confirmation that the page is still right.
    pub confirmed_at: Option<DateTime<Utc>>,
    /// Calendar days (Asia/Ho_Chi_Minh) since `confirmed_at`.
    pub days_since_update: Option<i64>,
    pub stale_after_days: u32,
    pub stale: bool,
    pub version: i64,
}

pub type OrgPage = InfoPage<OrgContent>;
pub type TrainingPage = InfoPage<TrainingContent>;

/// The links page with what the checker last found for each link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinksPage {
    #[serde(flatten)]
    pub page: InfoPage<LinksContent>,
    /// One per distinct URL of the page that was ever checked.
    pub checks: Vec<LinkCheck>,
}

/// What the link checker found at a URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkCheck {
    pub url: String,
    /// A 2xx answer, after at most a few redirects.
    pub alive: bool,
    /// The last HTTP status received, if any.
    pub status_code: Option<u16>,
    pub checked_at: DateTime<Utc>,
    /// Why it is dead, in Vietnamese.
    pub error: Option<String>,
}

/// `PUT /info/{org,links,training}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InfoUpdate<C> {
    pub content: C,
}

/// `GET /info/settings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InfoSettings {
    pub stale_after_days: u32,
    /// Whether no administrator has set it yet (the server's default applies).
    pub is_default: bool,
    pub version: i64,
}

/// `PUT /info/settings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InfoSettingsUpdate {
    pub stale_after_days: u32,
}

/// One page on `GET /info/status` (the dashboard tile).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionStatus {
    pub section: InfoSection,
    pub updated_at: Option<DateTime<Utc>>,
    pub days_since_update: Option<i64>,
    pub stale: bool,
    /// Only for `links`: links the checker last found dead.
    pub dead_links: u32,
}

/// `GET /info/status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InfoStatus {
    pub stale_after_days: u32,
    pub sections: Vec<SectionStatus>,
}

/// A unit as the public portal shows it, in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicOrgUnit {
    pub name: String,
    pub functions: String,
    pub leader_name: String,
    pub leader_position: String,
    pub phone: String,
    pub email: String,
    pub address: String,
}

/// `GET /public/organization?lang=vi|en`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicOrganization {
    pub lang: String,
    pub units: Vec<PublicOrgUnit>,
    pub updated_at: DateTime<Utc>,
}

impl PublicOrganization {
    /// The units of `content` in `lang` (`en`, else Vietnamese).
    pub fn from_content(content: &OrgContent, lang: &str, updated_at: DateTime<Utc>) -> Self {
        let en = lang == "en";
        let pick = |vi: &str, en_text: &str| if en { en_text } else { vi }.to_string();
        Self {
            lang: if en { "en" } else { "vi" }.to_string(),
            units: content
                .units
                .iter()
                .map(|u| PublicOrgUnit {
                    name: pick(&u.name_vi, &u.name_en),
                    functions: pick(&u.functions_vi, &u.functions_en),
                    leader_name: u.leader_name.clone(),
                    leader_position: pick(&u.leader_position_vi, &u.leader_position_en),
                    phone: u.phone.clone(),
                    email: u.email.clone(),
                    address: pick(&u.address_vi, &u.address_en),
                })
                .collect(),
            updated_at,
        }
    }
}

/// Calendar days from `then` to `now`, both read in Asia/Ho_Chi_Minh: a page saved at 23:59
/// is one day old at 00:00 the next morning.
pub fn days_between(then: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    let tz = crate::format::vn_offset();
    let a = then.with_timezone(&tz).date_naive();
    let b = now.with_timezone(&tz).date_naive();
    (b - a).num_days()
}

/// Whether a page confirmed at `confirmed_at` is stale at `now`: more than `days` calendar
/// days ago (exactly `days` is still current), or never entered.
pub fn is_stale(confirmed_at: Option<DateTime<Utc>>, now: DateTime<Utc>, days: u32) -> bool {
    confirmed_at.is_none_or(|t| days_between(t, now) > i64::from(days))
}

const LINE: TextRule = TextRule::one_line(MAX_LINE).required().plain_digits();
const TEXT: TextRule = TextRule::multi_line(MAX_TEXT).required().plain_digits();

fn too_many(errors: &mut Vec<FieldError>, field: &str, len: usize, max: usize) {
    if len > max {
        errors.push(FieldError::new(
            field,
            "too_many",
            format!("Tối đa {max} mục."),
        ));
    }
}

/// Every problem of the organisation structure, by field path (`units[0].email` …).
pub fn validate_org(content: &OrgContent) -> Vec<FieldError> {
    let mut errors = Vec::new();
    too_many(&mut errors, "units", content.units.len(), MAX_UNITS);
    for (i, u) in content.units.iter().enumerate().take(MAX_UNITS) {
        let at = |f: &str| format!("units[{i}].{f}");
        LINE.check(&mut errors, at("name_vi"), &u.name_vi);
        LINE.check(&mut errors, at("name_en"), &u.name_en);
        TEXT.check(&mut errors, at("functions_vi"), &u.functions_vi);
        TEXT.check(&mut errors, at("functions_en"), &u.functions_en);
        LINE.check(&mut errors, at("leader_name"), &u.leader_name);
        LINE.check(&mut errors, at("leader_position_vi"), &u.leader_position_vi);
        LINE.check(&mut errors, at("leader_position_en"), &u.leader_position_en);
        check_phone(&mut errors, at("phone"), &u.phone);
        check_email(&mut errors, at("email"), &u.email, "vanphong@bhxh.gov.vn");
        LINE.check(&mut errors, at("address_vi"), &u.address_vi);
        LINE.check(&mut errors, at("address_en"), &u.address_en);
    }
    errors
}

/// Whether `raw` is an absolute `http(s)` URL with a host, no spaces or control characters and
/// no user name or password in it.
pub fn is_http_url(raw: &str) -> bool {
    let s = raw.trim();
    if s.len() > MAX_URL || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    let rest = if let Some(r) = lower.strip_prefix("https://") {
        r
    } else if let Some(r) = lower.strip_prefix("http://") {
        r
    } else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return false;
    }
    let host = match authority.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((h, port)) => {
                if !(port.is_empty() || port.strip_prefix(':').is_some_and(valid_port)) {
                    return false;
                }
                return !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit() || c == ':');
            }
            None => return false,
        },
        None => match authority.rsplit_once(':') {
            Some((h, port)) => {
                if !valid_port(port) {
                    return false;
                }
                h
            }
            None => authority,
        },
    };
    !host.is_empty()
        && !host.starts_with('.')
        && !host.ends_with('.')
        && !host.contains("..")
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
}

fn valid_port(p: &str) -> bool {
    !p.is_empty() && p.len() <= 5 && p.parse::<u16>().is_ok_and(|n| n > 0)
}

/// Every problem of the links page.
pub fn validate_links(content: &LinksContent) -> Vec<FieldError> {
    let mut errors = Vec::new();
    too_many(&mut errors, "links", content.links.len(), MAX_LINKS);
    for (i, l) in content.links.iter().enumerate().take(MAX_LINKS) {
        LINE.check(&mut errors, format!("links[{i}].name"), &l.name);
        let field = format!("links[{i}].url");
        if l.url.trim().is_empty() {
            errors.push(FieldError::new(field, "required", "Vui lòng nhập địa chỉ."));
        } else if !is_http_url(&l.url) {
            errors.push(FieldError::new(
                field,
                "invalid_url",
                "Địa chỉ phải bắt đầu bằng http:// hoặc https:// và có tên miền (ví dụ: https://sonv.example.gov.vn).",
            ));
        }
    }
    errors
}

/// Every problem of the training page.
pub fn validate_training(content: &TrainingContent) -> Vec<FieldError> {
    let mut errors = Vec::new();
    too_many(
        &mut errors,
        "sessions",
        content.sessions.len(),
        MAX_SESSIONS,
    );
    for (i, s) in content.sessions.iter().enumerate().take(MAX_SESSIONS) {
        let at = |f: &str| format!("sessions[{i}].{f}");
        if !(2000..=2100).contains(&chrono::Datelike::year(&s.date)) {
            errors.push(FieldError::new(
                at("date"),
                "out_of_range",
                "Ngày phải trong khoảng năm 2000–2100.",
            ));
        }
        LINE.check(&mut errors, at("topic"), &s.topic);
        LINE.check(&mut errors, at("trainer"), &s.trainer);
        TEXT.check(&mut errors, at("participants"), &s.participants);
        if s.participant_count == 0 || s.participant_count > MAX_PARTICIPANTS {
            errors.push(FieldError::new(
                at("participant_count"),
                "out_of_range",
                format!("Số người tham gia từ 1 đến {MAX_PARTICIPANTS}."),
            ));
        }
        if !s.hours.is_finite() || s.hours <= 0.0 || s.hours > MAX_HOURS {
            errors.push(FieldError::new(
                at("hours"),
                "out_of_range",
                format!("Số giờ phải lớn hơn 0 và không quá {MAX_HOURS}."),
            ));
        }
    }
    errors
}

/// Every problem of the staleness setting.
pub fn validate_settings(s: &InfoSettingsUpdate) -> Vec<FieldError> {
    if (MIN_STALE_DAYS..=MAX_STALE_DAYS).contains(&s.stale_after_days) {
        Vec::new()
    } else {
        vec![FieldError::new(
            "stale_after_days",
            "out_of_range",
            format!("Số ngày từ {MIN_STALE_DAYS} đến {MAX_STALE_DAYS}."),
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn unit() -> OrgUnit {
        OrgUnit {
            name_vi: "Phòng Thu".into(),
            name_en: "Revenue Collection Division".into(),
            functions_vi: "Tổ chức thu BHXH, BHYT, BHTN.".into(),
            functions_en: "Collects social, health and unemployment insurance.".into(),
            leader_name: "Trần Văn Bình".into(),
            leader_position_vi: "Trưởng phòng".into(),
            leader_position_en: "Head of Division".into(),
            phone: "0236 382 2123".into(),
            email: "phongthu@bhxh.gov.vn".into(),
            address_vi: "Số 1 Lê Lợi".into(),
            address_en: "1 Le Loi Street".into(),
        }
    }

    #[test]
    fn staleness_counts_calendar_days_in_vietnam() {
        // 23:59 on 01/03/2026 in Hà Nội is 16:59 UTC.
        let saved = Utc.with_ymd_and_hms(2026, 3, 1, 16, 59, 0).unwrap();
        // Two minutes later it is already the next day there.
        let next_morning = Utc.with_ymd_and_hms(2026, 3, 1, 17, 1, 0).unwrap();
        assert_eq!(days_between(saved, next_morning), 1);
        assert_eq!(days_between(saved, saved), 0);
        let day_n = saved + chrono::Duration::days(30);
        assert!(!is_stale(Some(saved), day_n, 30));
        // 00:00 of day N+1 local time: stale, though not 31×24 hours have passed.
        let midnight = Utc.with_ymd_and_hms(2026, 3, 31, 17, 0, 0).unwrap();
        assert_eq!(days_between(saved, midnight), 31);
        assert!(is_stale(Some(saved), midnight, 30));
        assert!(!is_stale(
            Some(saved),
            midnight - chrono::Duration::seconds(1),
            30
        ));
        assert!(is_stale(None, saved, 30));
    }

    #[test]
    fn links_must_be_http_or_https_with_a_host() {
        for ok in [
            "https://sonv.danang.gov.vn",
            "http://example.com:8080/a?b=c#d",
            "HTTPS://Example.COM/",
            "http://127.0.0.1:3000/",
            "http://[::1]:8080/x",
        ] {
            assert!(is_http_url(ok), "{ok}");
        }
        for bad in [
            "",
            "javascript:alert(1)",
            "ftp://example.com",
            "file:///etc/passwd",
            "//example.com",
            "https://",
            "https://exa mple.com",
            "https://user:pw@example.com",
            "https://example.com:99999",
            "https://.example.com",
            "https://<script>.vn",
            "data:text/html,<script>alert(1)</script>",
        ] {
            assert!(!is_http_url(bad), "{bad}");
        }
    }

    #[test]
    fn validation_names_the_fields() {
        let mut org = OrgContent {
            units: vec![unit()],
        };
        assert_eq!(validate_org(&org), vec![]);
        org.units[0].email = "not-an-email".into();
        org.units[0].phone = "12345".into();
        org.units[0].name_en = " ".into();
        org.units[0].functions_vi = "x".repeat(MAX_TEXT + 1);
        let fields: Vec<String> = validate_org(&org).into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "units[0].name_en",
                "units[0].functions_vi",
                "units[0].phone",
                "units[0].email"
            ]
        );

        let training = TrainingContent {
            sessions: vec![TrainingSession {
                date: NaiveDate::from_ymd_opt(2026, 3, 12).unwrap(),
                topic: "".into(),
                trainer: "Trung tâm Truyền thông".into(),
                participants: "Ban Biên tập".into(),
                participant_count: 0,
                hours: -1.5,
            }],
        };
        let fields: Vec<String> = validate_training(&training)
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "sessions[0].topic",
                "sessions[0].participant_count",
                "sessions[0].hours"
            ]
        );
        assert_eq!(
            validate_settings(&InfoSettingsUpdate {
                stale_after_days: 0
            })
            .len(),
            1
        );
    }
}
