//! The media library's pure rules: sizes as people read them, which file a thumbnail shows,
//! `srcset`, what the file picker offers, and an upload's progress.

use portal_contract::format::number_vn;
pub use portal_contract::format::size_vn;
use portal_contract::media::{MediaItem, MediaKind};

/// What the browser's file picker offers: the types the server accepts (it reads the content
/// anyway; this only spares the user a refusal).
pub const ACCEPT: &str = "image/jpeg,image/png,image/webp,image/gif,video/mp4,video/webm,\
audio/mpeg,audio/mp4,audio/x-m4a,application/pdf,.jpg,.jpeg,.png,.webp,.gif,.mp4,.webm,.mp3,.m4a,.pdf";

/// What the picker offers for one kind of block.
pub fn accept_for(kind: Option<MediaKind>) -> &'static str {
    match kind {
        Some(MediaKind::Image) => "image/jpeg,image/png,image/webp,image/gif",
        Some(MediaKind::Video) => "video/mp4,video/webm",
        Some(MediaKind::Audio) => "audio/mpeg,audio/mp4,audio/x-m4a,.mp3,.m4a",
        Some(MediaKind::Document) => "application/pdf",
        None => ACCEPT,
    }
}

/// Whole percent of an upload sent, 0 to 100.
pub fn percent(sent: f64, total: f64) -> u32 {
    if total <= 0.0 {
        return 0;
    }
    ((sent / total) * 100.0).clamp(0.0, 100.0).floor() as u32
}

/// The file a thumbnail of about `width` pixels shows: the narrowest variant at least that
/// wide (WebP first), else the original. Not an image: `None` (the card shows its kind).
pub fn thumbnail(item: &MediaItem, width: u32) -> Option<&str> {
    if item.kind != MediaKind::Image {
        return None;
    }
    // The narrowest copy wide enough, WebP before its fallback at the same width (a photo
    // often has no WebP, which is kept only when smaller): never the original when a copy
    // will do, since a photo's original can weigh megabytes on a slow link.
    item.variants
        .iter()
        .filter(|v| v.width >= width)
        .min_by_key(|v| (v.width, v.content_type != "image/webp"))
        .map(|v| v.url.as_str())
        .or(Some(item.url.as_str()))
}

/// `srcset` of an image's variants of one type (`image/webp` or the fallback), narrowest
/// first, with the original at its own width last.
pub fn srcset(item: &MediaItem, content_type: &str) -> String {
    let mut parts: Vec<String> = item
        .variants
        .iter()
        .filter(|v| v.content_type == content_type)
        .map(|v| format!("{} {}w", v.url, v.width))
        .collect();
    if let Some(w) = item.width {
        parts.push(format!("{} {w}w", item.url));
    }
    parts.join(", ")
}

/// "1.920 × 1.080" when the item has both, else nothing.
pub fn dimensions(item: &MediaItem) -> Option<String> {
    Some(format!(
        "{} × {}",
        number_vn(i64::from(item.width?)),
        number_vn(i64::from(item.height?))
    ))
}

/// Whether the session may change (and delete) `item`: its uploader with the upload right, or
/// anyone who may edit any item.
pub fn may_edit(item: &MediaItem, me: Option<i64>, may_upload: bool, may_edit_any: bool) -> bool {
    may_edit_any || (may_upload && me == Some(item.uploaded_by))
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_contract::media::MediaVariant;

    fn image(variants: &[(u32, &str)]) -> MediaItem {
        MediaItem {
            id: 1,
            kind: MediaKind::Image,
            filename: "a.jpg".into(),
            content_type: "image/jpeg".into(),
            bytes: 1,
            width: Some(2400),
            height: Some(1600),
            alt: String::new(),
            caption: String::new(),
            url: "/media-files/a.jpg".into(),
            variants: variants
                .iter()
                .map(|(w, t)| MediaVariant {
                    width: *w,
                    url: format!("/media-files/a-{w}.{}", &t[6..]),
                    content_type: (*t).to_string(),
                })
                .collect(),
            poster_url: None,
            captions_url: None,
            used_in: Vec::new(),
            uploaded_by: 7,
            uploaded_by_name: "Biên tập viên".into(),
            uploaded_at: chrono::DateTime::UNIX_EPOCH,
            updated_at: chrono::DateTime::UNIX_EPOCH,
            version: 1,
        }
    }

    #[test]
    fn percent_is_whole_and_bounded() {
        assert_eq!(percent(0.0, 0.0), 0);
        assert_eq!(percent(1.0, 3.0), 33);
        assert_eq!(percent(5.0, 4.0), 100);
    }

    #[test]
    fn thumbnails_take_the_narrowest_wide_enough_copy_webp_first() {
        let item = image(&[
            (320, "image/webp"),
            (320, "image/jpeg"),
            (640, "image/webp"),
            (640, "image/jpeg"),
        ]);
        assert_eq!(thumbnail(&item, 300), Some("/media-files/a-320.webp"));
        assert_eq!(thumbnail(&item, 400), Some("/media-files/a-640.webp"));
        assert_eq!(thumbnail(&item, 1000), Some("/media-files/a.jpg"));
        // A photo without WebP copies: the JPEG copy, not the original.
        let photo = image(&[(320, "image/jpeg"), (640, "image/jpeg")]);
        assert_eq!(thumbnail(&photo, 300), Some("/media-files/a-320.jpeg"));
        let mut pdf = image(&[]);
        pdf.kind = MediaKind::Document;
        assert_eq!(thumbnail(&pdf, 300), None);
    }

    #[test]
    fn srcset_lists_one_type_then_the_original() {
        let item = image(&[
            (320, "image/webp"),
            (320, "image/jpeg"),
            (640, "image/jpeg"),
        ]);
        assert_eq!(
            srcset(&item, "image/jpeg"),
            "/media-files/a-320.jpeg 320w, /media-files/a-640.jpeg 640w, /media-files/a.jpg 2400w"
        );
        assert_eq!(dimensions(&item).as_deref(), Some("2.400 × 1.600"));
    }

    #[test]
    fn own_items_or_any_with_the_right() {
        let item = image(&[]);
        assert!(may_edit(&item, Some(7), true, false));
        assert!(!may_edit(&item, Some(8), true, false));
        assert!(!may_edit(&item, Some(7), false, false));
        assert!(may_edit(&item, Some(8), false, true));
    }
}
