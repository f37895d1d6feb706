//! From a received upload to stored files: images processed (off the async threads, a bounded
//! number at once) into a clean original and variants, other kinds stored as uploaded (MP4 and
//! M4A with their metadata boxes blanked, see `mp4.rs`). Every
//! file is written to a temporary file first and renamed into place only when all of them are
//! ready; a refused image leaves nothing.

use super::images::{self, Encoded, ImageProblem, ProcessedImage};
use super::library::Media;
use super::mp4;
use super::storage::{StoredName, TempFile};
use super::store::StoredVariant;
use super::upload::{storage_error, Received};
use crate::http::error::ApiError;
use portal_contract::media::MediaKind;
use portal_contract::FieldError;
use sha2::{Digest, Sha256};

/// What an upload became in storage.
#[derive(Debug, Clone)]
pub struct StoredUpload {
    pub kind: MediaKind,
    pub content_type: String,
    /// Size of the served original.
    pub bytes: u64,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub file: StoredName,
    pub variants: Vec<StoredVariant>,
}

fn image_refused(problem: &ImageProblem, media: &Media) -> ApiError {
    let code = match problem {
        ImageProblem::TooLarge { .. } => "too_many_pixels",
        ImageProblem::TooManyPixels => "decompression_bomb",
        ImageProblem::Corrupt(detail) => {
            tracing::info!(%detail, "image refused");
            "corrupt_image"
        }
        ImageProblem::Io(e) => {
            tracing::error!(error = %e, "cannot read an uploaded image");
            return ApiError::internal();
        }
    };
    let message = problem.message(&media.image_limits());
    let mut e = ApiError::validation(vec![FieldError::new("file", code, message.clone())]);
    e.problem.detail = Some(message);
    e
}

/// Writes `encoded` to a temporary file, named by its hash.
async fn stage(media: &Media, encoded: &Encoded) -> Result<(TempFile, StoredName), ApiError> {
    let hash = hex::encode(Sha256::digest(&encoded.bytes));
    let name = StoredName::of(&hash, encoded.ext).ok_or_else(ApiError::internal)?;
    let mut temp = media.storage.create_temp().await.map_err(storage_error)?;
    temp.write_all(&encoded.bytes)
        .await
        .map_err(storage_error)?;
    temp.flush().await.map_err(storage_error)?;
    Ok((temp, name))
}

/// Removes an MP4's or M4A's metadata boxes in the received file; its new hash when anything
/// was removed.
async fn strip_mp4(path: std::path::PathBuf, len: u64) -> Result<Option<String>, ApiError> {
    let stripped = tokio::task::spawn_blocking(move || -> std::io::Result<Option<String>> {
        use std::io::{Seek, SeekFrom};
        let mut f = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&path)?;
        if mp4::strip_metadata(&mut f, len)? == 0 {
            return Ok(None);
        }
        f.seek(SeekFrom::Start(0))?;
        let mut hasher = Sha256::new();
        std::io::copy(&mut f, &mut hasher)?;
        Ok(Some(hex::encode(hasher.finalize())))
    })
    .await
    .map_err(|e| {
        tracing::error!(error = %e, "MP4 metadata removal panicked");
        ApiError::internal()
    })?;
    stripped.map_err(storage_error)
}

/// Decodes and re-encodes an image upload (a bounded number at once, off the async threads):
/// its clean original and variants, in memory. The upload itself is never served, only what is
/// written from its pixels.
async fn process_image(media: &Media, received: Received) -> Result<ProcessedImage, ApiError> {
    let detected = received.detected;
    let processed = {
        let _permit = media
            .processing
            .acquire()
            .await
            .map_err(|_| ApiError::internal())?;
        let path = received.temp.path.clone();
        let limits = media.image_limits();
        let content_type = detected.content_type;
        tokio::task::spawn_blocking(move || {
            let file = std::fs::File::open(&path).map_err(|e| ImageProblem::Io(e.to_string()))?;
            images::process(file, content_type, &limits)
        })
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "image processing panicked");
            ApiError::internal()
        })?
        .map_err(|p| image_refused(&p, media))?
    };
    drop(received.temp);
    Ok(processed)
}

/// Widest poster kept: posters show at the width of the article's column.
const POSTER_WIDTH: u32 = 1280;

/// Stores an image upload as a video's poster: cleaned like any image of the library, and no
/// wider than [`POSTER_WIDTH`] (the fallback variant of that width when the image is wider).
pub async fn store_poster(media: &Media, received: Received) -> Result<StoredName, ApiError> {
    let processed = process_image(media, received).await?;
    let encoded = processed
        .variants
        .iter()
        .rev()
        .find(|(w, e)| *w <= POSTER_WIDTH && e.content_type != "image/webp")
        .map(|(_, e)| e)
        .filter(|_| processed.width > POSTER_WIDTH)
        .unwrap_or(&processed.original);
    store_encoded(media, encoded).await
}

/// Stores checked captions (WebVTT) under their hash.
pub async fn store_captions(media: &Media, text: &[u8]) -> Result<StoredName, ApiError> {
    let encoded = Encoded {
        bytes: text.to_vec(),
        content_type: "text/vtt",
        ext: "vtt",
    };
    store_encoded(media, &encoded).await
}

/// Writes `encoded` to storage under its hash: a temporary file renamed into place.
async fn store_encoded(media: &Media, encoded: &Encoded) -> Result<StoredName, ApiError> {
    let (temp, name) = stage(media, encoded).await?;
    media
        .storage
        .put(temp, &name)
        .await
        .map_err(storage_error)?;
    Ok(name)
}

/// Stores `received`: processed when it is an image, as it is otherwise (an MP4's or M4A's
/// metadata boxes blanked).
pub async fn store_upload(media: &Media, received: Received) -> Result<StoredUpload, ApiError> {
    let detected = received.detected;
    if detected.kind != MediaKind::Image {
        let hash = match detected.content_type {
            "video/mp4" | "audio/mp4" => {
                strip_mp4(received.temp.path.clone(), received.bytes).await?
            }
            _ => None,
        }
        .unwrap_or_else(|| received.hash.clone());
        let name = StoredName::of(&hash, detected.ext).ok_or_else(ApiError::internal)?;
        media
            .storage
            .put(received.temp, &name)
            .await
            .map_err(storage_error)?;
        return Ok(StoredUpload {
            kind: detected.kind,
            content_type: detected.content_type.to_string(),
            bytes: received.bytes,
            width: None,
            height: None,
            file: name,
            variants: Vec::new(),
        });
    }
    let processed = process_image(media, received).await?;
    let (original_temp, original) = stage(media, &processed.original).await?;
    let mut staged = Vec::new();
    let mut variants = Vec::new();
    for (width, encoded) in &processed.variants {
        let (temp, name) = stage(media, encoded).await?;
        variants.push(StoredVariant {
            width: *width,
            file: name.to_string(),
            content_type: encoded.content_type.to_string(),
        });
        staged.push((temp, name));
    }
    media
        .storage
        .put(original_temp, &original)
        .await
        .map_err(storage_error)?;
    for (temp, name) in staged {
        media
            .storage
            .put(temp, &name)
            .await
            .map_err(storage_error)?;
    }
    Ok(StoredUpload {
        kind: MediaKind::Image,
        content_type: processed.original.content_type.to_string(),
        bytes: processed.original.bytes.len() as u64,
        width: Some(processed.width),
        height: Some(processed.height),
        file: original,
        variants,
    })
}
