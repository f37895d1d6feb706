//! `/info/*`: the required information pages (org structure, links, training), the link
//! checker, the staleness setting, the dashboard's status.

use super::{api_base, get_json, send_json, ApiError};
use portal_contract::required_info::{
    InfoPage, InfoSection, InfoSettings, InfoSettingsUpdate, InfoStatus, LinkCheck,
};
use serde::Deserialize;

/// A page of any section: its content kept as JSON (the form edits it field by field), with
/// the link checker's findings for the links page.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AnyInfoPage {
    #[serde(flatten)]
    pub page: InfoPage<serde_json::Value>,
    #[serde(default)]
    pub checks: Vec<LinkCheck>,
}

fn path(section: InfoSection) -> String {
    format!("/info/{}", section.as_str())
}

/// `GET /info/{section}`.
pub async fn get(section: InfoSection) -> Result<AnyInfoPage, ApiError> {
    get_json(&path(section), &Vec::new()).await
}

/// `PUT /info/{section}` with `If-Match: "<version>"` (`"0"` for the first save).
pub async fn save(
    section: InfoSection,
    version: i64,
    content: &serde_json::Value,
) -> Result<AnyInfoPage, ApiError> {
    let body = serde_json::json!({ "content": content });
    send_json("PUT", &path(section), &body, Some(version)).await
}

/// `POST /info/{section}/confirm` with `If-Match`: the page is still right.
pub async fn confirm(section: InfoSection, version: i64) -> Result<AnyInfoPage, ApiError> {
    let at = format!("{}/confirm", path(section));
    send_json("POST", &at, &serde_json::json!({}), Some(version)).await
}

/// `POST /info/links/check` ("Kiểm tra ngay").
pub async fn check_links() -> Result<AnyInfoPage, ApiError> {
    send_json("POST", "/info/links/check", &serde_json::json!({}), None).await
}

/// `GET /info/status`: each page's age, for the dashboard.
pub async fn status() -> Result<InfoStatus, ApiError> {
    get_json("/info/status", &Vec::new()).await
}

/// `GET /info/settings`.
pub async fn settings() -> Result<InfoSettings, ApiError> {
    get_json("/info/settings", &Vec::new()).await
}

/// `PUT /info/settings` with `If-Match`.
pub async fn save_settings(version: i64, days: u32) -> Result<InfoSettings, ApiError> {
    let body = InfoSettingsUpdate {
        stale_after_days: days,
    };
    send_json("PUT", "/info/settings", &body, Some(version)).await
}

/// The address of `GET /public/organization`, which the public portal reads (no session).
pub fn public_org_url() -> String {
    format!("{}/public/organization?lang=en", api_base())
}
