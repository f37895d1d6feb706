//! `/royalties` and `/articles/{id}/royalty`: the royalty settings, an article's royalty and
//! its payment, the monthly sheet (and the address of its CSV), the 60-day alert.

use super::{api_base, get_json, send_json, ApiError};
use crate::api::query::encode_component;
use portal_contract::royalties::{
    ArticleRoyalty, OverdueRoyalties, RoyaltyAssessment, RoyaltyPayment, RoyaltySettings,
    RoyaltySettingsUpdate, RoyaltySheet,
};

/// `GET /royalties/settings`.
pub async fn settings() -> Result<RoyaltySettings, ApiError> {
    get_json("/royalties/settings", &Vec::new()).await
}

/// `PUT /royalties/settings` with `If-Match` (`"0"` before the first save).
pub async fn save_settings(
    version: i64,
    update: &RoyaltySettingsUpdate,
) -> Result<RoyaltySettings, ApiError> {
    send_json("PUT", "/royalties/settings", update, Some(version)).await
}

/// `GET /royalties/sheet?month=YYYY-MM`.
pub async fn sheet(month: String) -> Result<RoyaltySheet, ApiError> {
    get_json("/royalties/sheet", &vec![("month", month)]).await
}

/// The address of the month's sheet as CSV (the browser downloads it with the session).
pub fn sheet_csv_url(month: &str) -> String {
    format!(
        "{}/royalties/sheet?month={}&format=csv",
        api_base(),
        encode_component(month)
    )
}

/// `GET /royalties/overdue`.
pub async fn overdue() -> Result<OverdueRoyalties, ApiError> {
    get_json("/royalties/overdue", &Vec::new()).await
}

/// `GET /articles/{id}/royalty`.
pub async fn of_article(id: i64) -> Result<ArticleRoyalty, ApiError> {
    get_json(&format!("/articles/{id}/royalty"), &Vec::new()).await
}

/// `PUT /articles/{id}/royalty` with `If-Match`: the coefficient and remuneration entries.
pub async fn assess(
    id: i64,
    version: i64,
    assessment: &RoyaltyAssessment,
) -> Result<ArticleRoyalty, ApiError> {
    send_json(
        "PUT",
        &format!("/articles/{id}/royalty"),
        assessment,
        Some(version),
    )
    .await
}

/// `POST /articles/{id}/royalty/payment` with `If-Match`.
pub async fn pay(
    id: i64,
    version: i64,
    payment: &RoyaltyPayment,
) -> Result<ArticleRoyalty, ApiError> {
    send_json(
        "POST",
        &format!("/articles/{id}/royalty/payment"),
        payment,
        Some(version),
    )
    .await
}
