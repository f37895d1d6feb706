//! Banners (Official Dispatch 3216 asks for "motion-graphic banners"): an image of the media
//! library shown in a placement of the public portal (the top of the home page, the sidebar …)
//! with a link, from a start day to an end day (both included, Asia/Ho_Chi_Minh), in an order
//! within the placement.
//!
//! The banner keeps its image in use: the library refuses to delete an item a banner shows.

use crate::format::day_vn;
use crate::media::MediaVariant;
use crate::text::TextRule;
use crate::FieldError;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Longest title (the image's alternative text on the portal).
pub const MAX_TITLE: usize = 200;
/// Longest link.
pub const MAX_LINK: usize = 2000;
/// Largest position within a placement.
pub const MAX_POSITION: i64 = 999;
/// Earliest and latest year of a start or end day (days are stored as `YYYY-MM-DD` text and
/// compared as text, so a year must have four digits).
pub const FIRST_YEAR: i32 = 2000;
pub const LAST_YEAR: i32 = 2099;
/// "Ending this week": the dashboard's window, today included.
pub const ENDING_SOON_DAYS: u32 = 7;
/// Most banners `GET /public/banners` serves for one placement.
pub const MAX_PUBLIC: u32 = 50;

/// Where on the public portal a banner shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BannerPlacement {
    HomeTop,
    HomeMiddle,
    Sidebar,
}

impl BannerPlacement {
    /// In the order of the page, top to bottom.
    pub const ALL: [BannerPlacement; 3] = [
        BannerPlacement::HomeTop,
        BannerPlacement::HomeMiddle,
        BannerPlacement::Sidebar,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BannerPlacement::HomeTop => "home_top",
            BannerPlacement::HomeMiddle => "home_middle",
            BannerPlacement::Sidebar => "sidebar",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            BannerPlacement::HomeTop => "Đầu trang chủ",
            BannerPlacement::HomeMiddle => "Giữa trang chủ",
            BannerPlacement::Sidebar => "Cột bên",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            BannerPlacement::HomeTop => "Home page, top",
            BannerPlacement::HomeMiddle => "Home page, middle",
            BannerPlacement::Sidebar => "Sidebar",
        }
    }
}

/// Where a banner stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BannerStatus {
    /// Starts after that day.
    Upcoming,
    /// Shown that day.
    Current,
    /// Ended before that day.
    Ended,
}

impl BannerStatus {
    pub const ALL: [BannerStatus; 3] = [
        BannerStatus::Upcoming,
        BannerStatus::Current,
        BannerStatus::Ended,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BannerStatus::Upcoming => "upcoming",
            BannerStatus::Current => "current",
            BannerStatus::Ended => "ended",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            BannerStatus::Upcoming => "Sắp hiển thị",
            BannerStatus::Current => "Đang hiển thị",
            BannerStatus::Ended => "Đã kết thúc",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            BannerStatus::Upcoming => "Upcoming",
            BannerStatus::Current => "Showing",
            BannerStatus::Ended => "Ended",
        }
    }

    /// The status of a banner shown from `starts_on` to `ends_on` (both included) on `day`.
    pub fn on(day: NaiveDate, starts_on: NaiveDate, ends_on: NaiveDate) -> Self {
        if day < starts_on {
            BannerStatus::Upcoming
        } else if day > ends_on {
            BannerStatus::Ended
        } else {
            BannerStatus::Current
        }
    }
}

/// The image of a banner, from its media item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BannerImage {
    /// Where the public portal gets the file.
    pub url: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// Smaller copies for `srcset`, narrowest first.
    pub variants: Vec<MediaVariant>,
}

/// A banner (`GET /banners/{id}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Banner {
    pub id: i64,
    pub placement: BannerPlacement,
    /// What the banner says; the image's alternative text on the portal.
    pub title: String,
    /// The media library's item (an image).
    pub media_id: i64,
    pub image: BannerImage,
    /// Where a click leads (`http(s)`).
    pub link: String,
    /// First day shown (Asia/Ho_Chi_Minh).
    pub starts_on: NaiveDate,
    /// Last day shown, on or after `starts_on`.
    pub ends_on: NaiveDate,
    /// Order within the placement, smallest first.
    pub position: i64,
    pub created_by: i64,
    pub created_by_name: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// ETag version.
    pub version: i64,
}

impl Banner {
    /// The banner's fields as a request would give them (to apply a patch to).
    pub fn as_new(&self) -> NewBanner {
        NewBanner {
            placement: self.placement,
            title: self.title.clone(),
            media_id: self.media_id,
            link: self.link.clone(),
            starts_on: self.starts_on,
            ends_on: self.ends_on,
            position: self.position,
        }
    }

    pub fn status_on(&self, day: NaiveDate) -> BannerStatus {
        BannerStatus::on(day, self.starts_on, self.ends_on)
    }
}

/// `POST /banners`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewBanner {
    pub placement: BannerPlacement,
    pub title: String,
    pub media_id: i64,
    pub link: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    #[serde(default)]
    pub position: i64,
}

/// `PATCH /banners/{id}`: only the fields present change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BannerPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placement: Option<BannerPlacement>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ends_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<i64>,
}

impl BannerPatch {
    /// `to` with the fields of this patch.
    pub fn apply(&self, to: &NewBanner) -> NewBanner {
        NewBanner {
            placement: self.placement.unwrap_or(to.placement),
            title: self.title.clone().unwrap_or_else(|| to.title.clone()),
            media_id: self.media_id.unwrap_or(to.media_id),
            link: self.link.clone().unwrap_or_else(|| to.link.clone()),
            starts_on: self.starts_on.unwrap_or(to.starts_on),
            ends_on: self.ends_on.unwrap_or(to.ends_on),
            position: self.position.unwrap_or(to.position),
        }
    }

    /// The patch that turns `from` into `to` (only the fields that differ).
    pub fn between(from: &NewBanner, to: &NewBanner) -> Self {
        fn changed<T: PartialEq + Clone>(a: &T, b: &T) -> Option<T> {
            (a != b).then(|| b.clone())
        }
        Self {
            placement: changed(&from.placement, &to.placement),
            title: changed(&from.title, &to.title),
            media_id: changed(&from.media_id, &to.media_id),
            link: changed(&from.link, &to.link),
            starts_on: changed(&from.starts_on, &to.starts_on),
            ends_on: changed(&from.ends_on, &to.ends_on),
            position: changed(&from.position, &to.position),
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// A banner as the public portal shows it (`GET /public/banners`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicBanner {
    pub id: i64,
    pub placement: BannerPlacement,
    /// The image's alternative text (the banner's title).
    pub alt: String,
    pub link: String,
    pub image: BannerImage,
    pub position: i64,
}

impl From<&Banner> for PublicBanner {
    fn from(b: &Banner) -> Self {
        Self {
            id: b.id,
            placement: b.placement,
            alt: b.title.clone(),
            link: b.link.clone(),
            image: b.image.clone(),
            position: b.position,
        }
    }
}

/// The query of `GET /banners`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BannerFilter {
    pub placement: Option<BannerPlacement>,
    /// Where the banners stand today.
    pub status: Option<BannerStatus>,
    /// Only banners whose last day is within this many days from today, today included
    /// (7: today and the six days after), soonest first.
    pub ending_within_days: Option<u32>,
}

impl BannerFilter {
    /// The query parameters of the filters that are set.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(p) = self.placement {
            out.push(("placement", p.as_str().to_string()));
        }
        if let Some(s) = self.status {
            out.push(("status", s.as_str().to_string()));
        }
        if let Some(d) = self.ending_within_days {
            out.push(("ending_within_days", d.to_string()));
        }
        out
    }
}

/// The last day of a window of `days` days starting `today` (`days` ≥ 1).
pub fn window_end(today: NaiveDate, days: u32) -> NaiveDate {
    today + Duration::days(i64::from(days.max(1)) - 1)
}

const TITLE: TextRule = TextRule::one_line(MAX_TITLE).required();
const LINK: TextRule = TextRule::one_line(MAX_LINK).required();

fn day_in_range(d: NaiveDate) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&d.year())
}

/// Every problem of `b` by field, in Vietnamese (whether its media item exists and is an image
/// is the server's to say).
pub fn validate_banner(b: &NewBanner) -> Vec<FieldError> {
    let mut errors = Vec::new();
    TITLE.check(&mut errors, "title", &b.title);
    let before = errors.len();
    LINK.check(&mut errors, "link", b.link.trim());
    if errors.len() == before && !crate::blocks::is_http_url(b.link.trim()) {
        errors.push(FieldError::new(
            "link",
            "invalid_url",
            "Liên kết phải là địa chỉ web bắt đầu bằng http:// hoặc https://.",
        ));
    }
    if b.media_id <= 0 {
        errors.push(FieldError::new(
            "media_id",
            "required",
            "Vui lòng chọn ảnh từ thư viện media.",
        ));
    }
    let range = format!("Ngày phải trong khoảng 01/01/{FIRST_YEAR} – 31/12/{LAST_YEAR}.");
    let starts_ok = day_in_range(b.starts_on);
    let ends_ok = day_in_range(b.ends_on);
    if !starts_ok {
        errors.push(FieldError::new("starts_on", "out_of_range", range.clone()));
    }
    if !ends_ok {
        errors.push(FieldError::new("ends_on", "out_of_range", range));
    }
    if starts_ok && ends_ok && b.ends_on < b.starts_on {
        errors.push(FieldError::new(
            "ends_on",
            "before_start",
            format!(
                "Ngày kết thúc phải cùng hoặc sau ngày bắt đầu ({}).",
                day_vn(b.starts_on)
            ),
        ));
    }
    if !(0..=MAX_POSITION).contains(&b.position) {
        errors.push(FieldError::new(
            "position",
            "out_of_range",
            format!("Thứ tự phải là số nguyên từ 0 đến {MAX_POSITION}."),
        ));
    }
    errors
}

/// The problem of a `media_id` that names no item of the library.
pub fn unknown_media() -> FieldError {
    FieldError::new(
        "media_id",
        "not_found",
        "Không tìm thấy ảnh này trong thư viện media.",
    )
}

/// The problem of a `media_id` that names a video, an audio file or a document.
pub fn media_not_image() -> FieldError {
    FieldError::new(
        "media_id",
        "not_image",
        "Banner phải dùng một ảnh của thư viện media (không phải video, âm thanh hay tài liệu).",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn good() -> NewBanner {
        NewBanner {
            placement: BannerPlacement::HomeTop,
            title: "Cài đặt ứng dụng VssID".into(),
            media_id: 4,
            link: "https://vss.gov.vn/vssid".into(),
            starts_on: day(2026, 2, 1),
            ends_on: day(2026, 2, 28),
            position: 0,
        }
    }

    fn fields(b: &NewBanner) -> Vec<(String, String)> {
        validate_banner(b)
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn a_complete_banner_is_valid_and_a_single_day_is_enough() {
        assert!(fields(&good()).is_empty());
        let mut b = good();
        b.ends_on = b.starts_on;
        b.position = MAX_POSITION;
        assert!(fields(&b).is_empty());
    }

    #[test]
    fn bad_inputs_name_their_fields() {
        let mut b = good();
        b.title = "  ".into();
        b.link = "javascript:alert(1)".into();
        b.media_id = 0;
        b.ends_on = day(2026, 1, 31);
        b.position = -1;
        let got = fields(&b);
        let want: Vec<(String, String)> = [
            ("title", "required"),
            ("link", "invalid_url"),
            ("media_id", "required"),
            ("ends_on", "before_start"),
            ("position", "out_of_range"),
        ]
        .iter()
        .map(|(f, c)| (f.to_string(), c.to_string()))
        .collect();
        assert_eq!(got, want);
        let message = &validate_banner(&b)[3].message;
        assert!(message.contains("01/02/2026"), "{message}");
    }

    #[test]
    fn links_titles_and_days_have_limits() {
        let mut b = good();
        b.title = "x".repeat(MAX_TITLE + 1);
        b.link = "ftp://vss.gov.vn".into();
        b.starts_on = day(1999, 12, 31);
        b.ends_on = day(2100, 1, 1);
        let got: Vec<String> = fields(&b).into_iter().map(|(f, _)| f).collect();
        assert_eq!(got, ["title", "link", "starts_on", "ends_on"]);
        b = good();
        b.title = "Dòng 1\nDòng 2".into();
        b.link = "https://vss.gov.vn/a b".into();
        assert_eq!(
            fields(&b),
            [
                ("title".to_string(), "invalid_characters".to_string()),
                ("link".to_string(), "invalid_url".to_string())
            ]
        );
        b.link = format!("https://vss.gov.vn/{}", "a".repeat(MAX_LINK));
        assert_eq!(fields(&b)[1].1, "too_long");
    }

    #[test]
    fn hostile_text_is_just_text() {
        let mut b = good();
        b.title = "<script>alert('x')</script> 🎉 ‏مرحبا".into();
        assert!(fields(&b).is_empty());
        b.title = "😀".repeat(MAX_TITLE);
        assert!(fields(&b).is_empty(), "emoji count as characters");
    }

    #[test]
    fn status_follows_the_days_both_included() {
        let (s, e) = (day(2026, 2, 10), day(2026, 2, 12));
        assert_eq!(
            BannerStatus::on(day(2026, 2, 9), s, e),
            BannerStatus::Upcoming
        );
        assert_eq!(BannerStatus::on(s, s, e), BannerStatus::Current);
        assert_eq!(BannerStatus::on(e, s, e), BannerStatus::Current);
        assert_eq!(
            BannerStatus::on(day(2026, 2, 13), s, e),
            BannerStatus::Ended
        );
        assert_eq!(window_end(s, 7), day(2026, 2, 16));
        assert_eq!(window_end(s, 1), s);
        assert_eq!(window_end(s, 0), s);
    }

    #[test]
    fn patches_apply_and_are_computed() {
        let from = good();
        let mut to = from.clone();
        to.title = "Mới".into();
        to.position = 3;
        let p = BannerPatch::between(&from, &to);
        assert_eq!(
            p,
            BannerPatch {
                title: Some("Mới".into()),
                position: Some(3),
                ..BannerPatch::default()
            }
        );
        assert_eq!(p.apply(&from), to);
        assert!(BannerPatch::between(&from, &from).is_empty());
        assert_eq!(
            serde_json::to_value(&p).unwrap(),
            serde_json::json!({"title": "Mới", "position": 3})
        );
    }

    #[test]
    fn vocabularies_round_trip() {
        for p in BannerPlacement::ALL {
            assert_eq!(BannerPlacement::parse(p.as_str()), Some(p));
            assert_eq!(
                serde_json::to_string(&p).unwrap(),
                format!("\"{}\"", p.as_str())
            );
        }
        for s in BannerStatus::ALL {
            assert_eq!(BannerStatus::parse(s.as_str()), Some(s));
        }
        let f = BannerFilter {
            placement: Some(BannerPlacement::Sidebar),
            status: None,
            ending_within_days: Some(7),
        };
        assert_eq!(
            f.params(),
            vec![
                ("placement", "sidebar".to_string()),
                ("ending_within_days", "7".to_string())
            ]
        );
        // Days travel as YYYY-MM-DD.
        let json = serde_json::to_value(good()).unwrap();
        assert_eq!(json["starts_on"], "2026-02-01");
    }
}
