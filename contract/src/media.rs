//! The media library: photos, infographics, video, audio and documents uploaded once and placed
//! in articles (cover, body) and, later, banners.
//!
//! An upload's type is read from its content, never from its name: JPEG, PNG, WebP and GIF
//! images; MP4 and WebM video; MP3 and M4A audio; PDF documents. SVG and AVIF are refused (see
//! the server's README: an SVG can carry script, and an AVIF cannot be decoded here to remove
//! its metadata). Every file has a content-addressed public `url` that never changes content;
//! images also have smaller `variants` for `srcset`.

use crate::text::TextRule;
use crate::FieldError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Longest alternative text (one line).
pub const MAX_ALT: usize = 300;
/// Longest caption.
pub const MAX_CAPTION: usize = 1000;
/// Longest file name kept for display, in characters (its extension included).
pub const MAX_FILENAME: usize = 255;
/// The widths of the responsive variants of an image, each made when the image is wider.
pub const VARIANT_WIDTHS: [u32; 4] = [320, 640, 1280, 1920];

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaKind {
    Image,
    Video,
    Audio,
    Document,
}

impl MediaKind {
    pub const ALL: [MediaKind; 4] = [
        MediaKind::Image,
        MediaKind::Video,
        MediaKind::Audio,
        MediaKind::Document,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MediaKind::Image => "image",
            MediaKind::Video => "video",
            MediaKind::Audio => "audio",
            MediaKind::Document => "document",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            MediaKind::Image => "Ảnh",
            MediaKind::Video => "Video",
            MediaKind::Audio => "Âm thanh",
            MediaKind::Document => "Tài liệu",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            MediaKind::Image => "Image",
            MediaKind::Video => "Video",
            MediaKind::Audio => "Audio",
            MediaKind::Document => "Document",
        }
    }
}

/// A smaller copy of an image, `width` pixels wide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaVariant {
    pub width: u32,
    pub url: String,
    /// `image/webp`, or the fallback `image/jpeg` / `image/png` (images with transparency).
    pub content_type: String,
}

/// What uses an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaUseKind {
    Article,
    /// Banners come with their own feature; the library already names them.
    Banner,
}

/// One place an item is used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaUse {
    pub kind: MediaUseKind,
    /// The article's (or banner's) id.
    pub id: i64,
    pub title: String,
    /// Where in it: `cover` or `body` for an article; a banner's placement.
    pub place: String,
}

impl MediaUse {
    /// "bài #12 “Tiêu đề” (ảnh bìa)".
    pub fn describe_vi(&self) -> String {
        let what = match self.kind {
            MediaUseKind::Article => "bài",
            MediaUseKind::Banner => "banner",
        };
        let place = match self.place.as_str() {
            "cover" => "ảnh bìa",
            "body" => "nội dung",
            other => other,
        };
        format!("{what} #{} “{}” ({place})", self.id, self.title)
    }
}

/// An item of the library (`GET /media/{id}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaItem {
    pub id: i64,
    pub kind: MediaKind,
    /// The uploader's file name, cleaned (see [`clean_filename`]); for display only.
    pub filename: String,
    /// The type read from the content (never the client's).
    pub content_type: String,
    /// Size of the file served at `url`.
    pub bytes: u64,
    /// Images (after EXIF orientation) and, when known, video.
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub alt: String,
    pub caption: String,
    /// Where the public portal gets the file; its content never changes.
    pub url: String,
    /// Smaller copies of an image, narrowest first (empty for other kinds).
    pub variants: Vec<MediaVariant>,
    /// A video's still shown before it plays (`PUT /media/{id}/poster`), cleaned as any image.
    #[serde(default)]
    pub poster_url: Option<String>,
    /// A video's or a sound's captions, WebVTT (`PUT /media/{id}/captions`).
    #[serde(default)]
    pub captions_url: Option<String>,
    /// Articles (cover, body) and banners that use the file.
    pub used_in: Vec<MediaUse>,
    pub uploaded_by: i64,
    pub uploaded_by_name: String,
    pub uploaded_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// ETag version.
    pub version: i64,
}

/// Largest captions file (WebVTT), in bytes: an hour of dense subtitles is about 100 KB.
pub const MAX_CAPTIONS_BYTES: usize = 512 * 1024;

/// What a video or a sound may carry besides its file: `PUT` and `DELETE
/// /media/{id}/{attachment}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaAttachment {
    /// An image shown before a video plays.
    Poster,
    /// Captions, WebVTT.
    Captions,
}

impl MediaAttachment {
    pub fn as_str(self) -> &'static str {
        match self {
            MediaAttachment::Poster => "poster",
            MediaAttachment::Captions => "captions",
        }
    }

    /// Whether an item of `kind` may carry it: posters for video, captions for video and
    /// sound.
    pub fn fits(self, kind: MediaKind) -> bool {
        match self {
            MediaAttachment::Poster => kind == MediaKind::Video,
            MediaAttachment::Captions => matches!(kind, MediaKind::Video | MediaKind::Audio),
        }
    }
}

/// Why a captions file is refused, in Vietnamese; `None` when it is WebVTT as browsers read it:
/// UTF-8 (a byte-order mark allowed), the `WEBVTT` signature alone on the first line or
/// followed by a space or tab, no NUL, at most [`MAX_CAPTIONS_BYTES`].
///
/// ```
/// use portal_contract::media::webvtt_problem;
/// assert_eq!(webvtt_problem(b"WEBVTT\n\n00:00.000 --> 00:02.000\nXin ch\xc3\xa0o\n"), None);
/// assert!(webvtt_problem(b"1\n00:00:00,000 --> 00:00:02,000\nSRT\n").is_some());
/// ```
pub fn webvtt_problem(bytes: &[u8]) -> Option<&'static str> {
    if bytes.is_empty() {
        return Some("Tệp phụ đề trống.");
    }
    if bytes.len() > MAX_CAPTIONS_BYTES {
        return Some("Tệp phụ đề vượt quá 512 KB.");
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Some("Tệp phụ đề phải được mã hóa UTF-8.");
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let first = text.split(['\n', '\r']).next().unwrap_or("");
    let signed = first == "WEBVTT" || first.starts_with("WEBVTT ") || first.starts_with("WEBVTT\t");
    if !signed {
        return Some(
            "Tệp phụ đề phải là WebVTT (dòng đầu “WEBVTT”); hãy chuyển tệp .srt sang .vtt.",
        );
    }
    if text.contains('\0') {
        return Some("Tệp phụ đề chứa ký tự không hợp lệ.");
    }
    None
}

/// `PATCH /media/{id}`: only the fields present change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MediaPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
}

const ALT: TextRule = TextRule::one_line(MAX_ALT);
const CAPTION: TextRule = TextRule::multi_line(MAX_CAPTION);

/// The problems of an alternative text and a caption, by field, in Vietnamese.
pub fn validate_texts(alt: Option<&str>, caption: Option<&str>) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if let Some(alt) = alt {
        ALT.check(&mut errors, "alt", alt);
    }
    if let Some(caption) = caption {
        CAPTION.check(&mut errors, "caption", caption);
    }
    errors
}

/// Whether `c` reorders text (the bidirectional embeddings, overrides and isolates): a name
/// such as `photo<U+202E>gpj.exe` would read as `photoexe.jpg`.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// The uploader's file name made safe to show and to put in a header: the last path component
/// only, no control or bidirectional-override characters, trimmed, at most [`MAX_FILENAME`]
/// characters with the extension kept; `tep-tin` when nothing is left. Emoji and Vietnamese
/// stay.
///
/// ```
/// use portal_contract::media::clean_filename;
/// assert_eq!(clean_filename("../../etc/passwd"), "passwd");
/// assert_eq!(clean_filename("C:\\Ảnh\\bìa.jpg"), "bìa.jpg");
/// assert_eq!(clean_filename("a\u{0}b\u{202E}gpj.exe"), "abgpj.exe");
/// ```
pub fn clean_filename(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let kept: String = last
        .chars()
        .filter(|c| !c.is_control() && !is_bidi_control(*c))
        .collect();
    let trimmed = kept.trim().trim_start_matches('.').trim();
    if trimmed.is_empty() {
        return "tep-tin".to_string();
    }
    if trimmed.chars().count() <= MAX_FILENAME {
        return trimmed.to_string();
    }
    // Keep a short extension; cut the stem.
    let (stem, ext) = match trimmed.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() && (1..=10).contains(&e.chars().count()) => (s, Some(e)),
        _ => (trimmed, None),
    };
    let room = MAX_FILENAME - ext.map_or(0, |e| e.chars().count() + 1);
    let mut out: String = stem.chars().take(room).collect();
    if let Some(e) = ext {
        out.push('.');
        out.push_str(e);
    }
    out
}

/// The query of `GET /media`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MediaFilter {
    /// Words searched in the file name, alt text and caption, without diacritics.
    pub q: Option<String>,
    pub kind: Option<MediaKind>,
}

impl MediaFilter {
    /// The query parameters of the filters that are set.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(q) = self.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
            out.push(("q", q.to_string()));
        }
        if let Some(k) = self.kind {
            out.push(("kind", k.as_str().to_string()));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for k in MediaKind::ALL {
            assert_eq!(MediaKind::parse(k.as_str()), Some(k));
            assert_eq!(
                serde_json::to_string(&k).unwrap(),
                format!("\"{}\"", k.as_str())
            );
        }
        assert_eq!(MediaKind::parse("svg"), None);
    }

    #[test]
    fn file_names_lose_paths_controls_and_overrides() {
        assert_eq!(clean_filename("../../../etc/passwd"), "passwd");
        assert_eq!(clean_filename("..\\..\\boot.ini"), "boot.ini");
        assert_eq!(clean_filename("ảnh\u{0}bìa.jpg"), "ảnhbìa.jpg");
        assert_eq!(clean_filename("invoice\u{202E}fdp.exe"), "invoicefdp.exe");
        assert_eq!(clean_filename("x\u{2066}y\u{2069}.png"), "xy.png");
        assert_eq!(clean_filename("🎉 Tết 2026 🧧.png"), "🎉 Tết 2026 🧧.png");
        assert_eq!(clean_filename(""), "tep-tin");
        assert_eq!(clean_filename("../"), "tep-tin");
        assert_eq!(clean_filename("..."), "tep-tin");
        assert_eq!(clean_filename("  .hidden.jpg "), "hidden.jpg");
    }

    #[test]
    fn long_names_keep_their_extension() {
        let long = format!("{}.jpeg", "ả".repeat(1000));
        let clean = clean_filename(&long);
        assert_eq!(clean.chars().count(), MAX_FILENAME);
        assert!(clean.ends_with(".jpeg"), "{clean}");
        let no_ext = "b".repeat(1000);
        assert_eq!(clean_filename(&no_ext).chars().count(), MAX_FILENAME);
        let emoji = "😀".repeat(300) + ".png";
        let clean = clean_filename(&emoji);
        assert_eq!(clean.chars().count(), MAX_FILENAME);
        assert!(clean.ends_with("😀.png"));
    }

    #[test]
    fn alt_is_one_line_and_caption_may_break() {
        assert!(validate_texts(Some("Ảnh bìa"), Some("Dòng 1\nDòng 2")).is_empty());
        let e = validate_texts(Some("a\nb"), Some(&"x".repeat(MAX_CAPTION + 1)));
        let got: Vec<(&str, &str)> = e
            .iter()
            .map(|e| (e.field.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            got,
            [("alt", "invalid_characters"), ("caption", "too_long")]
        );
        assert_eq!(
            validate_texts(Some(&"a".repeat(MAX_ALT + 1)), None)[0].field,
            "alt"
        );
        assert!(validate_texts(None, None).is_empty());
    }

    #[test]
    fn uses_read_in_vietnamese() {
        let u = MediaUse {
            kind: MediaUseKind::Article,
            id: 12,
            title: "Tin BHXH".into(),
            place: "cover".into(),
        };
        assert_eq!(u.describe_vi(), "bài #12 “Tin BHXH” (ảnh bìa)");
    }

    #[test]
    fn filter_params_skip_blanks() {
        let f = MediaFilter {
            q: Some("  ".into()),
            kind: Some(MediaKind::Video),
        };
        assert_eq!(f.params(), vec![("kind", "video".to_string())]);
    }

    #[test]
    fn captions_must_be_webvtt() {
        assert_eq!(
            webvtt_problem(
                "\u{FEFF}WEBVTT - Bản tin\r\n\r\n00:01.000 --> 00:02.000\r\nXin chào 👋\r\n"
                    .as_bytes()
            ),
            None
        );
        assert_eq!(webvtt_problem(b"WEBVTT"), None);
        assert!(webvtt_problem(b"").is_some());
        assert!(webvtt_problem(b"WEBVTTX\n").is_some());
        assert!(webvtt_problem(b"<html>WEBVTT").is_some());
        assert!(webvtt_problem(b"WEBVTT\n\xff\xfe").is_some());
        assert!(webvtt_problem(b"WEBVTT\n\0").is_some());
        let big = format!("WEBVTT\n{}", "a".repeat(MAX_CAPTIONS_BYTES));
        assert!(webvtt_problem(big.as_bytes()).is_some());
        assert!(MediaAttachment::Poster.fits(MediaKind::Video));
        assert!(!MediaAttachment::Poster.fits(MediaKind::Audio));
        assert!(MediaAttachment::Captions.fits(MediaKind::Audio));
        assert!(!MediaAttachment::Captions.fits(MediaKind::Image));
    }
}
