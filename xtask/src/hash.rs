//! The names and integrity values of bundle files: what the split build and the stylesheet
//! join both write into `index.html`.

use base64::Engine;
use sha2::{Digest, Sha256, Sha384};

/// A subresource-integrity value, as trunk writes them.
pub fn integrity(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

/// The first 8 bytes of the SHA-256 in hex: the content part of a file name.
pub fn short_hash(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes)[..8])
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
