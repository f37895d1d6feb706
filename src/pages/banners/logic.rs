//! The banners page's rules, as plain functions: reading the form (days of `<input
//! type="date">`, the order as typed), the contract's checks, what a change sends, and how a
//! banner's days and image are shown.

use crate::i18n::Lang;
use chrono::{Datelike, NaiveDate};
use portal_contract::banners::{
    validate_banner, Banner, BannerImage, BannerPatch, BannerPlacement, BannerStatus, NewBanner,
    MAX_POSITION,
};
use portal_contract::format::day_vn;
use portal_contract::FieldError;

/// What the form holds, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BannerForm {
    pub placement: BannerPlacement,
    pub title: String,
    pub link: String,
    /// `YYYY-MM-DD`, the value of an `<input type="date">`.
    pub starts_on: String,
    pub ends_on: String,
    pub position: String,
    /// The chosen image of the library: its id and what to show of it.
    pub media_id: Option<i64>,
    pub image_url: String,
    pub image_name: String,
}

impl BannerForm {
    /// An empty form whose days run from `today` for a week.
    pub fn new(today: NaiveDate) -> Self {
        Self {
            placement: BannerPlacement::HomeTop,
            title: String::new(),
            link: "https://".to_string(),
            starts_on: iso_date(today),
            ends_on: iso_date(today + chrono::Duration::days(6)),
            position: "0".to_string(),
            media_id: None,
            image_url: String::new(),
            image_name: String::new(),
        }
    }

    /// The form of an existing banner.
    pub fn of(b: &Banner) -> Self {
        Self {
            placement: b.placement,
            title: b.title.clone(),
            link: b.link.clone(),
            starts_on: iso_date(b.starts_on),
            ends_on: iso_date(b.ends_on),
            position: b.position.to_string(),
            media_id: Some(b.media_id),
            image_url: thumbnail(&b.image, 320).to_string(),
            image_name: b.title.clone(),
        }
    }
}

/// `YYYY-MM-DD`, written by hand (chrono's formatter would ship its format parser).
pub fn iso_date(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Reads `YYYY-MM-DD`; `None` for anything else, days that do not exist included.
pub fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let mut parts = s.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || y.len() != 4
        || m.len() != 2
        || d.len() != 2
        || !s.bytes().all(|b| b.is_ascii_digit() || b == b'-')
    {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// The order as typed: a whole number (blank reads as 0).
pub fn parse_position(raw: &str) -> Option<i64> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Some(0);
    }
    if raw.len() > 6 || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    raw.parse().ok().filter(|n| *n <= MAX_POSITION)
}

/// The request the form makes, or every problem by field (what cannot even be read, then the
/// contract's own checks).
pub fn to_request(form: &BannerForm) -> Result<NewBanner, Vec<FieldError>> {
    let mut errors = Vec::new();
    let day_missing =
        |field: &str| FieldError::new(field, "required", "Vui lòng chọn ngày (dd/mm/yyyy).");
    let starts = parse_iso_date(&form.starts_on);
    if starts.is_none() {
        errors.push(day_missing("starts_on"));
    }
    let ends = parse_iso_date(&form.ends_on);
    if ends.is_none() {
        errors.push(day_missing("ends_on"));
    }
    let position = parse_position(&form.position);
    if position.is_none() {
        errors.push(FieldError::new(
            "position",
            "invalid_number",
            format!("Thứ tự phải là số nguyên từ 0 đến {MAX_POSITION}."),
        ));
    }
    if form.media_id.is_none() {
        errors.push(FieldError::new(
            "media_id",
            "required",
            "Vui lòng chọn ảnh từ thư viện media.",
        ));
    }
    let fallback = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    let request = NewBanner {
        placement: form.placement,
        title: form.title.trim().to_string(),
        media_id: form.media_id.unwrap_or(1),
        link: form.link.trim().to_string(),
        starts_on: starts.or(ends).unwrap_or(fallback),
        ends_on: ends.or(starts).unwrap_or(fallback),
        position: position.unwrap_or(0),
    };
    for e in validate_banner(&request) {
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

/// What a save sends for `form`: a new banner, or the changes to `before` (`None` when nothing
/// changed).
pub fn changes(before: &Banner, next: &NewBanner) -> Option<BannerPatch> {
    let patch = BannerPatch::between(&before.as_new(), next);
    (!patch.is_empty()).then_some(patch)
}

/// The placement's name in `lang`.
pub fn placement_label(p: BannerPlacement, lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => p.label_vi(),
        Lang::En => p.label_en(),
    }
}

/// The status's name in `lang`.
pub fn status_label(s: BannerStatus, lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => s.label_vi(),
        Lang::En => s.label_en(),
    }
}

/// `01/02/2026 – 28/02/2026` (one day: `16/02/2026`).
pub fn days_vn(starts_on: NaiveDate, ends_on: NaiveDate) -> String {
    if starts_on == ends_on {
        day_vn(starts_on)
    } else {
        format!("{} – {}", day_vn(starts_on), day_vn(ends_on))
    }
}

/// Days from `today` to the banner's last day (0: it ends today).
pub fn days_left(ends_on: NaiveDate, today: NaiveDate) -> i64 {
    (ends_on - today).num_days()
}

/// The file a thumbnail about `width` pixels wide shows: the narrowest WebP variant at least
/// that wide, else the original.
pub fn thumbnail(image: &BannerImage, width: u32) -> &str {
    image
        .variants
        .iter()
        .filter(|v| v.width >= width && v.content_type == "image/webp")
        .min_by_key(|v| v.width)
        .map(|v| v.url.as_str())
        .unwrap_or(image.url.as_str())
}

/// The list's banners grouped by placement in the page's order (top to bottom), each group
/// in the order the server gave.
pub fn by_placement(banners: Vec<Banner>) -> Vec<(BannerPlacement, Vec<Banner>)> {
    let mut out: Vec<(BannerPlacement, Vec<Banner>)> = Vec::new();
    for p in BannerPlacement::ALL {
        let group: Vec<Banner> = banners
            .iter()
            .filter(|b| b.placement == p)
            .cloned()
            .collect();
        if !group.is_empty() {
            out.push((p, group));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use portal_contract::media::MediaVariant;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn banner() -> Banner {
        Banner {
            id: 4,
            placement: BannerPlacement::Sidebar,
            title: "VssID".into(),
            media_id: 9,
            image: BannerImage {
                url: "/media-files/a.png".into(),
                width: Some(1600),
                height: Some(400),
                variants: vec![
                    MediaVariant {
                        width: 640,
                        url: "/media-files/b.webp".into(),
                        content_type: "image/webp".into(),
                    },
                    MediaVariant {
                        width: 320,
                        url: "/media-files/c.webp".into(),
                        content_type: "image/webp".into(),
                    },
                    MediaVariant {
                        width: 320,
                        url: "/media-files/c.png".into(),
                        content_type: "image/png".into(),
                    },
                ],
            },
            link: "https://baohiemxahoi.gov.vn".into(),
            starts_on: day(2026, 2, 1),
            ends_on: day(2026, 2, 28),
            position: 2,
            created_by: 1,
            created_by_name: "A".into(),
            created_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            updated_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            version: 3,
        }
    }

    #[test]
    fn days_are_read_as_date_inputs_write_them() {
        assert_eq!(parse_iso_date("2026-02-16"), Some(day(2026, 2, 16)));
        assert_eq!(iso_date(day(2026, 2, 6)), "2026-02-06");
        for bad in [
            "",
            "16/02/2026",
            "2026-02-30",
            "2026-2-16",
            "+2026-02-16",
            "20260-02-16",
        ] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn positions_are_whole_numbers_up_to_the_limit() {
        assert_eq!(parse_position(""), Some(0));
        assert_eq!(parse_position(" 12 "), Some(12));
        assert_eq!(parse_position("999"), Some(999));
        for bad in ["1000", "-1", "1.5", "một", "99999999999999999999"] {
            assert_eq!(parse_position(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_form_names_every_field_to_fix() {
        let form = BannerForm {
            title: " ".into(),
            link: "www.vss.gov.vn".into(),
            starts_on: "".into(),
            position: "-3".into(),
            ..BannerForm::new(day(2026, 2, 16))
        };
        let fields: Vec<String> = to_request(&form)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            ["starts_on", "position", "media_id", "title", "link"]
        );
        let backwards = BannerForm {
            title: "Tết".into(),
            link: "https://vss.gov.vn".into(),
            starts_on: "2026-02-20".into(),
            ends_on: "2026-02-19".into(),
            media_id: Some(3),
            ..BannerForm::new(day(2026, 2, 16))
        };
        let e = to_request(&backwards).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].field, "ends_on");
        assert!(e[0].message.contains("20/02/2026"), "{}", e[0].message);
    }

    #[test]
    fn a_good_form_makes_the_request_and_an_edit_sends_only_changes() {
        let b = banner();
        let form = BannerForm::of(&b);
        assert_eq!(form.image_url, "/media-files/c.webp");
        let same = to_request(&form).unwrap();
        assert_eq!(same, b.as_new());
        assert_eq!(changes(&b, &same), None);
        let moved = BannerForm {
            title: "  VssID mới ".into(),
            ends_on: "2026-03-01".into(),
            ..form
        };
        let next = to_request(&moved).unwrap();
        assert_eq!(next.title, "VssID mới");
        let patch = changes(&b, &next).unwrap();
        assert_eq!(patch.title.as_deref(), Some("VssID mới"));
        assert_eq!(patch.ends_on, Some(day(2026, 3, 1)));
        assert_eq!(patch.starts_on, None);
        let fresh = BannerForm::new(day(2026, 2, 16));
        assert_eq!(
            (fresh.starts_on.as_str(), fresh.ends_on.as_str()),
            ("2026-02-16", "2026-02-22")
        );
    }

    #[test]
    fn days_and_images_are_shown_for_people() {
        assert_eq!(
            days_vn(day(2026, 2, 1), day(2026, 2, 28)),
            "01/02/2026 – 28/02/2026"
        );
        assert_eq!(days_vn(day(2026, 2, 1), day(2026, 2, 1)), "01/02/2026");
        assert_eq!(days_left(day(2026, 2, 16), day(2026, 2, 16)), 0);
        assert_eq!(days_left(day(2026, 2, 22), day(2026, 2, 16)), 6);
        let b = banner();
        assert_eq!(thumbnail(&b.image, 200), "/media-files/c.webp");
        assert_eq!(thumbnail(&b.image, 500), "/media-files/b.webp");
        assert_eq!(thumbnail(&b.image, 1000), "/media-files/a.png");
    }

    #[test]
    fn groups_follow_the_page_top_to_bottom() {
        let side = banner();
        let top = Banner {
            id: 5,
            placement: BannerPlacement::HomeTop,
            ..banner()
        };
        let groups = by_placement(vec![side.clone(), top.clone()]);
        let order: Vec<(BannerPlacement, usize)> =
            groups.iter().map(|(p, g)| (*p, g.len())).collect();
        assert_eq!(
            order,
            [(BannerPlacement::HomeTop, 1), (BannerPlacement::Sidebar, 1)]
        );
        assert!(by_placement(Vec::new()).is_empty());
    }
}
