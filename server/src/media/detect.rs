//! What an upload is, read from its first bytes (the `infer` crate's signatures), never from
//! its name or the client's `Content-Type`: a page of HTML named `anh.jpg` is HTML.

use portal_contract::media::MediaKind;

/// How many first bytes are enough to tell every accepted type (WebM names itself within its
/// first 256 bytes).
pub const SNIFF_BYTES: usize = 4096;

/// An accepted type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detected {
    pub kind: MediaKind,
    pub content_type: &'static str,
    /// The extension of its stored name.
    pub ext: &'static str,
}

/// Why an upload's type is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    Empty,
    Svg,
    Avif,
    QuickTime,
    Unknown,
}

impl Refused {
    /// The Vietnamese message for the uploader.
    pub fn message(&self) -> &'static str {
        match self {
            Refused::Empty => "Tệp rỗng (0 byte): hãy chọn lại tệp.",
            Refused::Svg => {
                "Không nhận ảnh SVG: tệp SVG có thể chứa mã chạy trên trình duyệt. \
                 Hãy xuất đồ họa (infographic) sang PNG, JPEG hoặc PDF."
            }
            Refused::Avif => {
                "Chưa nhận ảnh AVIF (máy chủ chưa đọc được để xóa siêu dữ liệu và tạo bản thu \
                 nhỏ). Hãy xuất ảnh sang JPEG, PNG hoặc WebP."
            }
            Refused::QuickTime => {
                "Chưa nhận video QuickTime (.mov). Hãy xuất video sang MP4 (H.264) hoặc WebM."
            }
            Refused::Unknown => {
                "Nội dung tệp không phải loại được nhận (ảnh JPEG, PNG, WebP, GIF; video MP4, \
                 WebM; âm thanh MP3, M4A; tài liệu PDF). Loại tệp được xác định theo nội dung, \
                 không theo tên hay phần mở rộng."
            }
        }
    }
}

const IMAGE: MediaKind = MediaKind::Image;

/// Whether a file's first bytes are of one type.
type Matcher = fn(&[u8]) -> bool;

/// The accepted types, in the order they are tried.
const ACCEPTED: [(Matcher, Detected); 9] = [
    (infer::image::is_jpeg, detected(IMAGE, "image/jpeg", "jpg")),
    (infer::image::is_png, detected(IMAGE, "image/png", "png")),
    (infer::image::is_gif, detected(IMAGE, "image/gif", "gif")),
    (infer::image::is_webp, detected(IMAGE, "image/webp", "webp")),
    (
        infer::video::is_mp4,
        detected(MediaKind::Video, "video/mp4", "mp4"),
    ),
    (
        infer::video::is_webm,
        detected(MediaKind::Video, "video/webm", "webm"),
    ),
    (
        infer::audio::is_m4a,
        detected(MediaKind::Audio, "audio/mp4", "m4a"),
    ),
    (
        infer::audio::is_mp3,
        detected(MediaKind::Audio, "audio/mpeg", "mp3"),
    ),
    (
        infer::archive::is_pdf,
        detected(MediaKind::Document, "application/pdf", "pdf"),
    ),
];

const fn detected(kind: MediaKind, content_type: &'static str, ext: &'static str) -> Detected {
    Detected {
        kind,
        content_type,
        ext,
    }
}

/// The type of a file that starts with `head` (its first [`SNIFF_BYTES`], or all of it).
pub fn detect(head: &[u8]) -> Result<Detected, Refused> {
    if head.is_empty() {
        return Err(Refused::Empty);
    }
    if infer::image::is_avif(head) {
        return Err(Refused::Avif);
    }
    if let Some((_, d)) = ACCEPTED.iter().find(|(matches, _)| matches(head)) {
        return Ok(*d);
    }
    if infer::video::is_mov(head) {
        return Err(Refused::QuickTime);
    }
    if looks_like_svg(head) {
        return Err(Refused::Svg);
    }
    Err(Refused::Unknown)
}

/// An XML or SVG text start (`<?xml`, `<svg`, a comment or doctype before them), after an
/// optional byte-order mark and white space.
fn looks_like_svg(head: &[u8]) -> bool {
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = text
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(text.len());
    let lower: Vec<u8> = text[start..]
        .iter()
        .take(SNIFF_BYTES)
        .map(u8::to_ascii_lowercase)
        .collect();
    lower.starts_with(b"<") && lower.windows(4).any(|w| w == b"<svg")
}

/// The content type of a stored file's extension (what the public server answers).
pub fn content_type_of_ext(ext: &str) -> Option<&'static str> {
    if ext == "vtt" {
        // Captions, checked as WebVTT when attached (never detected as an upload's type).
        return Some("text/vtt; charset=utf-8");
    }
    ACCEPTED
        .iter()
        .map(|(_, d)| d)
        .find(|d| d.ext == ext)
        .map(|d| d.content_type)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_the_bytes() {
        let kind = |b: &[u8]| detect(b).map(|d| d.content_type);
        assert_eq!(kind(b"\xFF\xD8\xFF\xE0\0\x10JFIF"), Ok("image/jpeg"));
        assert_eq!(kind(b"\x89PNG\r\n\x1a\n\0\0"), Ok("image/png"));
        assert_eq!(kind(b"GIF89a\x01\0"), Ok("image/gif"));
        assert_eq!(kind(b"RIFF\0\0\0\0WEBPVP8 "), Ok("image/webp"));
        assert_eq!(kind(b"\0\0\0\x18ftypisom\0\0\0\0"), Ok("video/mp4"));
        assert_eq!(kind(b"\0\0\0\x18ftypM4A \0\0\0\0"), Ok("audio/mp4"));
        assert_eq!(kind(b"ID3\x04\0\0\0\0\0\0"), Ok("audio/mpeg"));
        assert_eq!(kind(b"%PDF-1.7\n"), Ok("application/pdf"));
        let mut webm = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm".to_vec();
        webm.resize(300, 0);
        assert_eq!(kind(&webm), Ok("video/webm"));
    }

    #[test]
    fn other_content_is_refused_whatever_its_name() {
        assert_eq!(detect(b""), Err(Refused::Empty));
        assert_eq!(
            detect(b"<!DOCTYPE html><html><script>alert(1)</script>"),
            Err(Refused::Unknown)
        );
        assert_eq!(detect(b"PK\x03\x04\x14\0"), Err(Refused::Unknown));
        assert_eq!(detect(b"MZ\x90\0\x03\0"), Err(Refused::Unknown));
        assert_eq!(detect(b"\x7fELF\x02\x01"), Err(Refused::Unknown));
        assert_eq!(
            detect(b"\xEF\xBB\xBF <?xml version=\"1.0\"?>\n<svg onload=\"alert(1)\"/>"),
            Err(Refused::Svg)
        );
        assert_eq!(
            detect(b"<svg xmlns=\"http://www.w3.org/2000/svg\">"),
            Err(Refused::Svg)
        );
        assert_eq!(
            detect(b"\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf"),
            Err(Refused::Avif)
        );
        assert_eq!(
            detect(b"\0\0\0\x14ftypqt  \0\0\0\0qt  "),
            Err(Refused::QuickTime)
        );
    }

    #[test]
    fn stored_extensions_name_one_type() {
        assert_eq!(content_type_of_ext("jpg"), Some("image/jpeg"));
        assert_eq!(content_type_of_ext("m4a"), Some("audio/mp4"));
        assert_eq!(content_type_of_ext("svg"), None);
        for ext in super::super::storage::EXTENSIONS {
            assert!(content_type_of_ext(ext).is_some(), "{ext}");
        }
    }
}
