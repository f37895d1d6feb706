//! Fraud reports (Official Dispatch 1466/BHXH-TT): a local office reports online fraud about
//! social or health insurance; the IT Centre verifies it; the Communication Centre warns the
//! public, starting from a warning article drafted from the report.
//!
//! States: `new` → `verified` (IT Centre) → `communicated` (Communication Centre). Every change
//! is a line of the report's history.

use crate::blocks::{is_http_url, Block, Span};
use crate::format::{datetime_vn, number_vn, vnd};
use crate::text::TextRule;
use crate::{Channel, FieldError, Kind, Language, NewArticle, Permission, Topic};
use chrono::{DateTime, Duration, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// Longest place or reporting office.
pub const MAX_LINE: usize = 200;
/// Longest account of what happened.
pub const MAX_DESCRIPTION: usize = 5000;
/// Longest evidence link.
pub const MAX_URL: usize = 2000;
/// Largest amount in đồng (1.000 tỷ).
pub const MAX_AMOUNT: i64 = 1_000_000_000_000;
/// Most people affected by one report.
pub const MAX_PEOPLE: i64 = 10_000_000;
/// Longest comment of a state change.
pub const MAX_COMMENT: usize = 2000;
/// How far ahead of the server's clock "when" may be (clocks of office PCs drift).
pub const FUTURE_TOLERANCE_MINUTES: i64 = 5;

/// How the fraud reached people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FraudChannel {
    Phone,
    Sms,
    SocialNetwork,
    FakeWebsite,
    App,
}

impl FraudChannel {
    pub const ALL: [FraudChannel; 5] = [
        FraudChannel::Phone,
        FraudChannel::Sms,
        FraudChannel::SocialNetwork,
        FraudChannel::FakeWebsite,
        FraudChannel::App,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FraudChannel::Phone => "phone",
            FraudChannel::Sms => "sms",
            FraudChannel::SocialNetwork => "social_network",
            FraudChannel::FakeWebsite => "fake_website",
            FraudChannel::App => "app",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            FraudChannel::Phone => "Điện thoại",
            FraudChannel::Sms => "Tin nhắn SMS",
            FraudChannel::SocialNetwork => "Mạng xã hội",
            FraudChannel::FakeWebsite => "Trang web giả mạo",
            FraudChannel::App => "Ứng dụng giả mạo",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            FraudChannel::Phone => "Phone call",
            FraudChannel::Sms => "SMS",
            FraudChannel::SocialNetwork => "Social network",
            FraudChannel::FakeWebsite => "Fake website",
            FraudChannel::App => "Fake app",
        }
    }

    /// How the warning names the trick ("gọi điện", "nhắn tin" …).
    fn trick_vi(self) -> &'static str {
        match self {
            FraudChannel::Phone => "gọi điện thoại",
            FraudChannel::Sms => "nhắn tin SMS",
            FraudChannel::SocialNetwork => "nhắn tin, kết bạn qua mạng xã hội",
            FraudChannel::FakeWebsite => "lập trang web giả mạo",
            FraudChannel::App => "dụ cài ứng dụng giả mạo",
        }
    }
}

/// Where a report stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FraudState {
    New,
    Verified,
    Communicated,
}

impl FraudState {
    pub const ALL: [FraudState; 3] = [
        FraudState::New,
        FraudState::Verified,
        FraudState::Communicated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FraudState::New => "new",
            FraudState::Verified => "verified",
            FraudState::Communicated => "communicated",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            FraudState::New => "Mới",
            FraudState::Verified => "Đã xác minh",
            FraudState::Communicated => "Đã truyền thông",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            FraudState::New => "New",
            FraudState::Verified => "Verified",
            FraudState::Communicated => "Communicated",
        }
    }

    /// Still waiting for someone to act (the dashboard's "open" reports).
    pub fn is_open(self) -> bool {
        self != FraudState::Communicated
    }
}

/// What can be done to a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FraudAction {
    /// new → verified (the IT Centre).
    Verify,
    /// verified → communicated (the Communication Centre).
    Communicate,
}

impl FraudAction {
    pub const ALL: [FraudAction; 2] = [FraudAction::Verify, FraudAction::Communicate];

    pub fn as_str(self) -> &'static str {
        match self {
            FraudAction::Verify => "verify",
            FraudAction::Communicate => "communicate",
        }
    }

    /// The state the action starts from and the one it leads to.
    pub fn moves(self) -> (FraudState, FraudState) {
        match self {
            FraudAction::Verify => (FraudState::New, FraudState::Verified),
            FraudAction::Communicate => (FraudState::Verified, FraudState::Communicated),
        }
    }

    pub fn permission(self) -> Permission {
        match self {
            FraudAction::Verify => Permission::FraudVerify,
            FraudAction::Communicate => Permission::FraudCommunicate,
        }
    }

    /// The action available from `state`, if any.
    pub fn from_state(state: FraudState) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.moves().0 == state)
    }

    /// Separation of duties: whoever filed a report cannot verify it (someone else at the IT
    /// Centre must), whatever roles they hold.
    pub fn separates(self, report: &FraudReport, user_id: i64) -> bool {
        !(self == FraudAction::Verify && report.reported_by == user_id)
    }
}

/// Why a user may not verify their own report, in Vietnamese.
pub const OWN_REPORT_VI: &str =
    "Người gửi báo cáo không thể tự xác minh báo cáo của mình; một cán bộ khác của Trung tâm Công nghệ thông tin cần xác minh.";

/// `POST /fraud-reports`: what a local office reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewFraudReport {
    /// When it happened (not in the future).
    pub occurred_at: DateTime<Utc>,
    /// Where: commune, district, or the place people were targeted.
    pub location: String,
    pub channel: FraudChannel,
    /// What happened.
    pub description: String,
    /// Money lost, in đồng (0 when none).
    #[serde(default)]
    pub amount: i64,
    #[serde(default)]
    pub people_affected: i64,
    /// A link to the evidence (`http(s)` only).
    #[serde(default)]
    pub evidence_url: Option<String>,
    /// The reporting office (BHXH huyện …).
    pub office: String,
}

/// A line of a report's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FraudHistoryEntry {
    pub at: DateTime<Utc>,
    pub actor_name: String,
    /// `create`, `verify`, `communicate`, `warning_article`.
    pub action: String,
    pub from_state: Option<FraudState>,
    pub to_state: Option<FraudState>,
    pub comment: Option<String>,
    /// The warning article drafted (for `warning_article`).
    pub article_id: Option<i64>,
}

/// A whole report (`GET /fraud-reports/{id}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FraudReport {
    pub id: i64,
    pub occurred_at: DateTime<Utc>,
    pub location: String,
    pub channel: FraudChannel,
    pub description: String,
    pub amount: i64,
    pub people_affected: i64,
    pub evidence_url: Option<String>,
    pub office: String,
    pub state: FraudState,
    /// The warning article drafted from this report.
    pub article_id: Option<i64>,
    pub reported_by: i64,
    pub reported_by_name: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Oldest first.
    pub history: Vec<FraudHistoryEntry>,
    /// ETag version.
    pub version: i64,
}

/// A report in a list (no history; the account shortened).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FraudReportSummary {
    pub id: i64,
    pub occurred_at: DateTime<Utc>,
    pub location: String,
    pub channel: FraudChannel,
    /// The first characters of what happened.
    pub excerpt: String,
    pub amount: i64,
    pub people_affected: i64,
    pub office: String,
    pub state: FraudState,
    pub article_id: Option<i64>,
    pub reported_by_name: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

/// Characters of the excerpt in a list.
pub const EXCERPT_CHARS: usize = 160;

impl From<&FraudReport> for FraudReportSummary {
    fn from(r: &FraudReport) -> Self {
        let mut excerpt: String = r.description.chars().take(EXCERPT_CHARS).collect();
        if r.description.chars().count() > EXCERPT_CHARS {
            excerpt.push('…');
        }
        Self {
            id: r.id,
            occurred_at: r.occurred_at,
            location: r.location.clone(),
            channel: r.channel,
            excerpt,
            amount: r.amount,
            people_affected: r.people_affected,
            office: r.office.clone(),
            state: r.state,
            article_id: r.article_id,
            reported_by_name: r.reported_by_name.clone(),
            created_at: r.created_at,
            updated_at: r.updated_at,
            version: r.version,
        }
    }
}

/// `POST /fraud-reports/{id}/transitions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FraudTransition {
    pub action: FraudAction,
    #[serde(default)]
    pub comment: Option<String>,
}

const LINE: TextRule = TextRule::one_line(MAX_LINE).required();
const DESCRIPTION: TextRule = TextRule::multi_line(MAX_DESCRIPTION).required();
const COMMENT: TextRule = TextRule::multi_line(MAX_COMMENT);
const EVIDENCE_URL: TextRule = TextRule::length_only(MAX_URL);

/// The earliest "when" accepted (older reports belong to the archive, not to this form).
pub fn earliest_occurrence() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// Every problem of `r` when the server's clock reads `now`, by field, in Vietnamese.
pub fn validate_new_report(r: &NewFraudReport, now: DateTime<Utc>) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if r.occurred_at > now + Duration::minutes(FUTURE_TOLERANCE_MINUTES) {
        errors.push(FieldError::new(
            "occurred_at",
            "in_future",
            "Thời điểm xảy ra không được ở tương lai.",
        ));
    } else if r.occurred_at < earliest_occurrence() {
        errors.push(FieldError::new(
            "occurred_at",
            "out_of_range",
            "Thời điểm xảy ra phải từ năm 2000 trở đi.",
        ));
    }
    LINE.check(&mut errors, "location", &r.location);
    DESCRIPTION.check(&mut errors, "description", &r.description);
    if !(0..=MAX_AMOUNT).contains(&r.amount) {
        errors.push(FieldError::new(
            "amount",
            "out_of_range",
            format!("Số tiền phải từ 0 đến {} (đơn vị đồng).", vnd(MAX_AMOUNT)),
        ));
    }
    if !(0..=MAX_PEOPLE).contains(&r.people_affected) {
        errors.push(FieldError::new(
            "people_affected",
            "out_of_range",
            format!(
                "Số người bị ảnh hưởng phải từ 0 đến {}.",
                number_vn(MAX_PEOPLE)
            ),
        ));
    }
    if let Some(url) = r.evidence_url.as_deref().filter(|u| !u.trim().is_empty()) {
        let before = errors.len();
        EVIDENCE_URL.check(&mut errors, "evidence_url", url);
        if errors.len() == before && !is_http_url(url) {
            errors.push(FieldError::new(
                "evidence_url",
                "invalid_url",
                "Đường dẫn bằng chứng phải bắt đầu bằng http:// hoặc https://.",
            ));
        }
    }
    LINE.check(&mut errors, "office", &r.office);
    errors
}

/// The comment of a state change: optional, at most [`MAX_COMMENT`] characters.
pub fn validate_transition_comment(comment: Option<&str>) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if let Some(c) = comment {
        COMMENT.check(&mut errors, "comment", c);
    }
    errors
}

/// The section warning articles go in.
pub const WARNING_SECTION: &str = "Cảnh báo lừa đảo";

/// The warning article a report starts: a news item in the online-fraud warning topic, with
/// what happened, the harm done and the standing advice. The evidence link stays in the report:
/// a public article must not link readers to a fraudster's page.
pub fn warning_article(r: &FraudReport) -> NewArticle {
    let place: String = r.location.trim().chars().take(120).collect();
    let title = format!(
        "Cảnh báo thủ đoạn {} giả danh cơ quan BHXH tại {place}",
        r.channel.trick_vi()
    );
    let lead = format!(
        "BHXH tỉnh cảnh báo người dân về thủ đoạn {} mạo danh cơ quan Bảo hiểm xã hội, \
         xảy ra lúc {} tại {place}. Người dân tuyệt đối không cung cấp thông tin cá nhân, \
         mã OTP hay chuyển tiền theo yêu cầu của người lạ.",
        r.channel.trick_vi(),
        datetime_vn(r.occurred_at),
    );
    let mut body = vec![Block::Heading {
        level: 2,
        spans: vec![Span::plain("Diễn biến vụ việc")],
    }];
    body.extend(
        r.description
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(Block::paragraph),
    );
    let harm = match (r.amount, r.people_affected) {
        (0, 0) => "Chưa ghi nhận thiệt hại về tiền.".to_string(),
        (0, p) => format!(
            "{} người bị ảnh hưởng; chưa ghi nhận thiệt hại về tiền.",
            number_vn(p)
        ),
        (a, 0) => format!("Số tiền bị chiếm đoạt: {}.", vnd(a)),
        (a, p) => format!(
            "{} người bị ảnh hưởng, số tiền bị chiếm đoạt: {}.",
            number_vn(p),
            vnd(a)
        ),
    };
    body.push(Block::paragraph(harm));
    body.push(Block::Heading {
        level: 2,
        spans: vec![Span::plain("Khuyến cáo của cơ quan BHXH")],
    });
    body.push(Block::List {
        ordered: false,
        items: [
            "Cơ quan BHXH không gọi điện, nhắn tin yêu cầu chuyển tiền, cung cấp mật khẩu hay mã OTP.",
            "Chỉ cài ứng dụng VssID từ App Store hoặc Google Play; không bấm vào đường dẫn lạ.",
            "Khi nghi ngờ, liên hệ cơ quan BHXH nơi gần nhất hoặc tổng đài 1900 9068 để xác minh.",
            "Nếu đã bị lừa, báo ngay cho cơ quan Công an nơi gần nhất.",
        ]
        .iter()
        .map(|t| vec![Span::plain(*t)])
        .collect(),
    });
    NewArticle {
        title,
        lead,
        body,
        section: WARNING_SECTION.to_string(),
        topics: vec![Topic::FraudWarning],
        kind: Kind::News,
        authors: Vec::new(),
        source: format!("BHXH tỉnh, theo báo cáo của {}", r.office.trim()),
        cover: None,
        channels: vec![Channel::Portal, Channel::Social, Channel::Vssid],
        language: Language::Vi,
        model_example: false,
        scheduled_at: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate_new_article;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 5, 21, 3, 0, 0).unwrap()
    }

    fn good() -> NewFraudReport {
        NewFraudReport {
            occurred_at: now() - Duration::days(2),
            location: "Xã Tân Phú, huyện Đồng Phú".into(),
            channel: FraudChannel::Phone,
            description: "Đối tượng gọi điện xưng là cán bộ BHXH huyện.\nYêu cầu chuyển 1.500.000 đồng để “cập nhật sổ BHXH”.".into(),
            amount: 1_500_000,
            people_affected: 3,
            evidence_url: Some("https://example.vn/ghi-am".into()),
            office: "BHXH huyện Đồng Phú".into(),
        }
    }

    fn fields(r: &NewFraudReport) -> Vec<String> {
        validate_new_report(r, now())
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn a_complete_report_is_valid() {
        assert_eq!(fields(&good()), Vec::<String>::new());
        let mut r = good();
        r.evidence_url = None;
        r.amount = 0;
        r.people_affected = 0;
        assert_eq!(fields(&r), Vec::<String>::new());
    }

    #[test]
    fn bad_inputs_name_their_fields() {
        let mut r = good();
        r.occurred_at = now() + Duration::hours(1);
        r.location = "  ".into();
        r.description = "x".repeat(MAX_DESCRIPTION + 1);
        r.amount = -1;
        r.people_affected = -5;
        r.evidence_url = Some("javascript:alert(1)".into());
        r.office = "BHXH\nhuyện".into();
        assert_eq!(
            fields(&r),
            [
                "occurred_at",
                "location",
                "description",
                "amount",
                "people_affected",
                "evidence_url",
                "office"
            ]
        );
        let codes: Vec<String> = validate_new_report(&r, now())
            .into_iter()
            .map(|e| e.code)
            .collect();
        assert_eq!(codes[0], "in_future");
        assert_eq!(codes[5], "invalid_url");
        // A few minutes of clock drift is not the future.
        let mut r = good();
        r.occurred_at = now() + Duration::minutes(2);
        assert!(fields(&r).is_empty());
        r.evidence_url = Some("ftp://example.vn/x".into());
        r.amount = MAX_AMOUNT + 1;
        assert_eq!(fields(&r), ["amount", "evidence_url"]);
    }

    #[test]
    fn hostile_text_is_just_text() {
        let mut r = good();
        r.description = "<script>alert('x')</script> 🎣 ‏مرحبا".into();
        r.location = "<img src=x onerror=alert(1)>".into();
        assert!(fields(&r).is_empty());
        let a = warning_article(&FraudReport {
            id: 1,
            occurred_at: r.occurred_at,
            location: r.location.clone(),
            channel: r.channel,
            description: r.description.clone(),
            amount: 0,
            people_affected: 0,
            evidence_url: None,
            office: r.office.clone(),
            state: FraudState::Verified,
            article_id: None,
            reported_by: 1,
            reported_by_name: "A".into(),
            created_at: now(),
            updated_at: now(),
            history: vec![],
            version: 2,
        });
        let html = crate::blocks::render_html(&a.body);
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn the_warning_article_is_a_valid_fraud_warning_draft() {
        let r = good();
        let report = FraudReport {
            id: 7,
            occurred_at: r.occurred_at,
            location: r.location,
            channel: FraudChannel::Sms,
            description: r.description,
            amount: 1_234_000,
            people_affected: 3,
            evidence_url: r.evidence_url,
            office: r.office,
            state: FraudState::Verified,
            article_id: None,
            reported_by: 1,
            reported_by_name: "Cán bộ".into(),
            created_at: now(),
            updated_at: now(),
            history: vec![],
            version: 2,
        };
        let a = warning_article(&report);
        assert_eq!(validate_new_article(&a), vec![]);
        assert_eq!(a.topics, [Topic::FraudWarning]);
        assert!(a.title.contains("nhắn tin SMS"), "{}", a.title);
        assert!(a.title.contains("Xã Tân Phú"), "{}", a.title);
        assert!(a.lead.contains("19/05/2026 10:00"), "{}", a.lead);
        let text = crate::blocks::body_text(&a.body);
        assert!(text.contains("1.234.000 ₫"), "{text}");
        assert!(text.contains("cập nhật sổ BHXH"), "{text}");
        assert!(!text.contains("example.vn"), "evidence stays out: {text}");
        assert_eq!(a.source, "BHXH tỉnh, theo báo cáo của BHXH huyện Đồng Phú");
        // The longest place still makes a title the article accepts.
        let long = FraudReport {
            location: "Đ".repeat(MAX_LINE),
            office: "B".repeat(MAX_LINE),
            description: "x".repeat(MAX_DESCRIPTION),
            ..report
        };
        assert_eq!(validate_new_article(&warning_article(&long)), vec![]);
    }

    #[test]
    fn actions_follow_the_states() {
        assert_eq!(
            FraudAction::from_state(FraudState::New),
            Some(FraudAction::Verify)
        );
        assert_eq!(
            FraudAction::from_state(FraudState::Verified),
            Some(FraudAction::Communicate)
        );
        assert_eq!(FraudAction::from_state(FraudState::Communicated), None);
        assert_eq!(FraudAction::Verify.permission(), Permission::FraudVerify);
        for c in FraudChannel::ALL {
            assert_eq!(FraudChannel::parse(c.as_str()), Some(c));
            assert_eq!(
                serde_json::to_string(&c).unwrap(),
                format!("\"{}\"", c.as_str())
            );
        }
        for s in FraudState::ALL {
            assert_eq!(FraudState::parse(s.as_str()), Some(s));
        }
        assert!(FraudState::New.is_open() && !FraudState::Communicated.is_open());
    }
}
