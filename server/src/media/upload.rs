//! Reading a `multipart/form-data` upload: the `file` part is streamed chunk by chunk into a
//! temporary file while it is hashed (SHA-256) and counted, and refused as soon as its first
//! bytes show a type that is not accepted or its size passes its kind's limit. The file is
//! never held whole in memory; a refused or broken upload leaves nothing behind (the
//! temporary file is removed when dropped).

use super::detect::{detect, Detected, Refused, SNIFF_BYTES};
use super::library::{size_vi, Media};
use super::storage::TempFile;
use crate::http::error::ApiError;
use axum::extract::multipart::{Field, MultipartError};
use axum::extract::Multipart;
use axum::http::StatusCode;
use portal_contract::media::{clean_filename, MediaKind};
use portal_contract::{FieldError, ProblemKind};
use sha2::{Digest, Sha256};

/// Longest text part (`alt`, `caption`) read, in bytes; the contract's limits are checked
/// after.
const MAX_TEXT_PART: usize = 16 * 1024;

/// A file received whole into a temporary file.
pub struct Received {
    pub temp: TempFile,
    /// SHA-256 of the content, hex.
    pub hash: String,
    pub bytes: u64,
    pub detected: Detected,
    /// The uploader's name for it, cleaned.
    pub filename: String,
}

/// The parts of an upload.
#[derive(Default)]
pub struct Upload {
    pub file: Option<Received>,
    pub alt: Option<String>,
    pub caption: Option<String>,
}

/// A multipart body that cannot be read to its end: cut off, malformed, or over the body limit.
pub(super) fn broken(e: MultipartError) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return ApiError::new(
            ProblemKind::PayloadTooLarge,
            "Nội dung tải lên vượt quá giới hạn dung lượng.",
        );
    }
    ApiError::bad_request(
        "Tải lên bị gián đoạn hoặc không đúng định dạng multipart/form-data; không có gì được lưu. Hãy tải lại.",
        vec![FieldError::new(
            "file",
            "incomplete",
            "Tệp chưa được gửi trọn vẹn.",
        )],
    )
}

/// A failure of the storage while writing: a full disk is 507, anything else 500.
pub fn storage_error(e: std::io::Error) -> ApiError {
    if e.kind() == std::io::ErrorKind::StorageFull || e.raw_os_error() == Some(28) {
        tracing::error!(error = %e, "media storage is full");
        return ApiError::custom(
            StatusCode::INSUFFICIENT_STORAGE,
            "insufficient-storage",
            "Không đủ dung lượng lưu trữ",
            "Máy chủ đã hết dung lượng lưu trữ; tệp chưa được lưu. Hãy báo quản trị hệ thống.",
        );
    }
    tracing::error!(error = %e, "media storage failed");
    ApiError::internal()
}

fn refused(r: Refused) -> ApiError {
    let (kind, code) = match r {
        Refused::Empty => (ProblemKind::Validation, "empty"),
        _ => (ProblemKind::UnsupportedMediaType, "unsupported_type"),
    };
    let mut e = ApiError::new(kind, r.message());
    e.problem.errors = vec![FieldError::new("file", code, r.message())];
    e
}

/// 413: the file is larger than its kind allows.
fn too_large(kind: MediaKind, limit: u64) -> ApiError {
    let message = format!(
        "Tệp {} vượt quá giới hạn {}.",
        kind.label_vi().to_lowercase(),
        size_vi(limit)
    );
    let mut e = ApiError::new(ProblemKind::PayloadTooLarge, message.clone());
    e.problem.errors = vec![FieldError::new("file", "too_large", message)];
    e
}

/// Reads every part of the upload. `text_fields` says whether `alt` and `caption` may come
/// with the file; any other part is a 422.
pub async fn read(
    media: &Media,
    mut multipart: Multipart,
    text_fields: bool,
) -> Result<Upload, ApiError> {
    let mut upload = Upload::default();
    let mut unknown = Vec::new();
    while let Some(field) = multipart.next_field().await.map_err(broken)? {
        let name = field.name().unwrap_or("").to_string();
        match name.as_str() {
            "file" if upload.file.is_some() => {
                unknown.push(FieldError::new(
                    "file",
                    "duplicate",
                    "Mỗi lần chỉ tải lên một tệp.",
                ));
                drain(field).await?;
            }
            "file" => upload.file = Some(receive(media, field).await?),
            "alt" | "caption" if text_fields => {
                let text = read_text(field, &name).await?;
                if name == "alt" {
                    upload.alt = Some(text);
                } else {
                    upload.caption = Some(text);
                }
            }
            _ => {
                unknown.push(FieldError::new(
                    name.clone(),
                    "unknown_field",
                    "Trường này không được hỗ trợ.",
                ));
                drain(field).await?;
            }
        }
    }
    if !unknown.is_empty() {
        return Err(ApiError::validation(unknown));
    }
    if upload.file.is_none() {
        return Err(ApiError::validation(vec![FieldError::new(
            "file",
            "required",
            "Hãy chọn một tệp để tải lên.",
        )]));
    }
    Ok(upload)
}

/// Reads a part to its end, keeping nothing.
async fn drain(mut field: Field<'_>) -> Result<(), ApiError> {
    while field.chunk().await.map_err(broken)?.is_some() {}
    Ok(())
}

async fn read_text(mut field: Field<'_>, name: &str) -> Result<String, ApiError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(broken)? {
        bytes.extend_from_slice(&chunk);
        if bytes.len() > MAX_TEXT_PART {
            return Err(ApiError::validation(vec![FieldError::new(
                name,
                "too_long",
                "Nội dung quá dài.",
            )]));
        }
    }
    String::from_utf8(bytes).map_err(|_| {
        ApiError::validation(vec![FieldError::new(
            name,
            "invalid_characters",
            "Chứa ký tự không hợp lệ.",
        )])
    })
}

/// Streams the `file` part into a temporary file.
async fn receive(media: &Media, mut field: Field<'_>) -> Result<Received, ApiError> {
    let filename = clean_filename(field.file_name().unwrap_or(""));
    let mut head: Vec<u8> = Vec::with_capacity(SNIFF_BYTES);
    let mut open: Option<(TempFile, Detected, u64)> = None;
    let mut hasher = Sha256::new();
    let mut total: u64 = 0;
    loop {
        let chunk = field.chunk().await.map_err(broken)?;
        let Some(chunk) = chunk else { break };
        total += chunk.len() as u64;
        match &mut open {
            Some((temp, detected, limit)) => {
                if total > *limit {
                    return Err(too_large(detected.kind, *limit));
                }
                hasher.update(&chunk);
                temp.write_all(&chunk).await.map_err(storage_error)?;
            }
            None => {
                head.extend_from_slice(&chunk);
                if head.len() >= SNIFF_BYTES {
                    open = Some(begin(media, &head, total, &mut hasher).await?);
                    head = Vec::new();
                }
            }
        }
    }
    let (temp, detected) = match open {
        Some((temp, detected, _)) => (temp, detected),
        None => {
            let (temp, detected, _) = begin(media, &head, total, &mut hasher).await?;
            (temp, detected)
        }
    };
    let mut temp = temp;
    temp.flush().await.map_err(storage_error)?;
    Ok(Received {
        temp,
        hash: hex::encode(hasher.finalize()),
        bytes: total,
        detected,
        filename,
    })
}

/// A file already in memory (the demo's images) received as an upload would be.
pub async fn receive_bytes(
    media: &Media,
    bytes: &[u8],
    filename: &str,
) -> Result<Received, ApiError> {
    let mut hasher = Sha256::new();
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let (mut temp, detected, limit) = begin(media, head, head.len() as u64, &mut hasher).await?;
    if bytes.len() as u64 > limit {
        return Err(too_large(detected.kind, limit));
    }
    let rest = &bytes[head.len()..];
    hasher.update(rest);
    temp.write_all(rest).await.map_err(storage_error)?;
    temp.flush().await.map_err(storage_error)?;
    Ok(Received {
        temp,
        hash: hex::encode(hasher.finalize()),
        bytes: bytes.len() as u64,
        detected,
        filename: clean_filename(filename),
    })
}

/// Tells the type from the first bytes, checks the size so far, and opens the temporary file
/// with those bytes in it.
async fn begin(
    media: &Media,
    head: &[u8],
    total: u64,
    hasher: &mut Sha256,
) -> Result<(TempFile, Detected, u64), ApiError> {
    let detected = detect(head).map_err(refused)?;
    let limit = media.limit(detected.kind);
    if total > limit {
        return Err(too_large(detected.kind, limit));
    }
    let mut temp = media.storage.create_temp().await.map_err(storage_error)?;
    hasher.update(head);
    temp.write_all(head).await.map_err(storage_error)?;
    Ok((temp, detected, limit))
}
