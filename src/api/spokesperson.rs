//! `/spokesperson`: the spokesperson's details the board keeps current, and the address of
//! the public copy the portal reads.

use super::{api_base, get_json, send_json, ApiError};
use portal_contract::spokesperson::{
    Spokesperson, SpokespersonContent, SpokespersonUpdate, SpokespersonVersion,
};

/// `GET /spokesperson` (version 0 and empty before the first save).
pub async fn get() -> Result<Spokesperson, ApiError> {
    get_json("/spokesperson", &Vec::new()).await
}

/// `PUT /spokesperson` with `If-Match: "<version>"` (`"0"` for the first save).
pub async fn save(version: i64, content: &SpokespersonContent) -> Result<Spokesperson, ApiError> {
    let body = SpokespersonUpdate {
        content: content.clone(),
    };
    send_json("PUT", "/spokesperson", &body, Some(version)).await
}

/// `POST /spokesperson/confirm` with `If-Match`: the details were checked and are still right.
pub async fn confirm(version: i64) -> Result<Spokesperson, ApiError> {
    send_json(
        "POST",
        "/spokesperson/confirm",
        &serde_json::json!({}),
        Some(version),
    )
    .await
}

/// `GET /spokesperson/versions`: every saved version, newest first.
pub async fn versions() -> Result<Vec<SpokespersonVersion>, ApiError> {
    get_json("/spokesperson/versions", &Vec::new()).await
}

/// The address of `GET /public/spokesperson`, which the public portal reads (no session).
pub fn public_url() -> String {
    format!("{}/public/spokesperson", api_base())
}
