//! The library as the handlers share it: its storage, its settings, and the bound on images
//! processed at once; and which requests are uploads (the API's guards let those stream).

use super::images::ImageLimits;
use super::storage::{LocalStorage, MediaStorage, StoredName};
use crate::config::MediaSettings;
use axum::http::Method;
use portal_contract::media::MediaKind;
use std::sync::Arc;
use tokio::sync::Semaphore;

/// Room for the multipart framing and the text fields around the file.
pub const MULTIPART_OVERHEAD: u64 = 64 * 1024;

/// The library's files and settings, shared by the handlers.
pub struct Media {
    pub storage: Arc<dyn MediaStorage>,
    pub settings: MediaSettings,
    /// Images decoded at once: each may take up to the memory cap, so their number is bounded
    /// (one per core), whatever the number of uploads.
    pub(crate) processing: Semaphore,
}

impl Media {
    pub fn new(storage: Arc<dyn MediaStorage>, settings: MediaSettings) -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Self {
            storage,
            settings,
            processing: Semaphore::new(cores),
        }
    }

    /// The library of `settings`: its folder, or a temporary one.
    pub fn from_settings(settings: &MediaSettings) -> Self {
        let storage: Arc<dyn MediaStorage> = match &settings.dir {
            Some(dir) => Arc::new(LocalStorage::new(dir)),
            None => match LocalStorage::temporary() {
                Ok(s) => Arc::new(s),
                Err(e) => {
                    let dir =
                        std::env::temp_dir().join(format!("portal-media-{}", std::process::id()));
                    tracing::warn!(error = %e, dir = %dir.display(), "no temporary media folder");
                    Arc::new(LocalStorage::new(dir))
                }
            },
        };
        Self::new(storage, settings.clone())
    }

    /// The largest file of `kind`, in bytes.
    pub fn limit(&self, kind: MediaKind) -> u64 {
        match kind {
            MediaKind::Image => self.settings.max_image_bytes,
            MediaKind::Video => self.settings.max_video_bytes,
            MediaKind::Audio => self.settings.max_audio_bytes,
            MediaKind::Document => self.settings.max_document_bytes,
        }
    }

    pub fn image_limits(&self) -> ImageLimits {
        ImageLimits {
            max_width: self.settings.max_image_pixels_side,
            max_height: self.settings.max_image_pixels_side,
            max_alloc: self.settings.max_image_alloc,
            ..ImageLimits::default()
        }
    }

    /// The public URL of a stored file.
    pub fn url(&self, name: &StoredName) -> String {
        format!("{}/{name}", self.settings.public_base.trim_end_matches('/'))
    }
}

/// Whether a request (as `/api` sees it) is an upload, whose body may be far larger than the
/// API's limit and is streamed, never buffered.
pub fn is_upload(method: &Method, path: &str) -> bool {
    match *method {
        Method::POST => path == "/v1/media",
        Method::PUT => path
            .strip_prefix("/v1/media/")
            .and_then(|rest| {
                ["/file", "/poster", "/captions"]
                    .iter()
                    .find_map(|end| rest.strip_suffix(end))
            })
            .is_some_and(|id| !id.is_empty() && !id.contains('/')),
        _ => false,
    }
}

/// The Vietnamese size: "25 MB", "1 GB".
pub fn size_vi(bytes: u64) -> String {
    const GB: u64 = 1024 * 1024 * 1024;
    if bytes >= GB && bytes.is_multiple_of(GB) {
        format!("{} GB", bytes / GB)
    } else {
        format!(
            "{} MB",
            portal_contract::format::number_vn(i64::try_from(bytes / (1024 * 1024)).unwrap_or(0))
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_vietnamese() {
        assert_eq!(size_vi(25 * 1024 * 1024), "25 MB");
        assert_eq!(size_vi(1024 * 1024 * 1024), "1 GB");
        assert_eq!(size_vi(1536 * 1024 * 1024), "1.536 MB");
    }

    #[test]
    fn uploads_are_told_by_method_and_path() {
        assert!(is_upload(&Method::POST, "/v1/media"));
        assert!(is_upload(&Method::PUT, "/v1/media/12/file"));
        assert!(is_upload(&Method::PUT, "/v1/media/12/poster"));
        assert!(is_upload(&Method::PUT, "/v1/media/12/captions"));
        assert!(!is_upload(&Method::DELETE, "/v1/media/12/captions"));
        assert!(!is_upload(&Method::GET, "/v1/media"));
        assert!(!is_upload(&Method::PATCH, "/v1/media/12"));
        assert!(!is_upload(&Method::PUT, "/v1/media//file"));
        assert!(!is_upload(&Method::POST, "/v1/articles"));
    }
}
