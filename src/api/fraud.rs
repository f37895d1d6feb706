//! `/fraud-reports`: fraud reports of the local offices (Official Dispatch 1466), their state
//! changes and the warning article drafted from one.

use super::{get_json, send_json, ApiError, Params};
use portal_contract::fraud::{
    FraudAction, FraudChannel, FraudReport, FraudReportSummary, FraudState, FraudTransition,
    NewFraudReport,
};
use portal_contract::Page;

/// What the list shows: any of `states`, any of `channels` (empty: all), page `page`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FraudFilter {
    pub states: Vec<FraudState>,
    pub channels: Vec<FraudChannel>,
    pub page: u32,
    pub per_page: u32,
}

impl FraudFilter {
    /// The query parameters, leaving out what is empty or default.
    pub fn params(&self) -> Params {
        let mut p: Params = Vec::new();
        if !self.states.is_empty() {
            let s: Vec<&str> = self.states.iter().map(|s| s.as_str()).collect();
            p.push(("state", s.join(",")));
        }
        if !self.channels.is_empty() {
            let c: Vec<&str> = self.channels.iter().map(|c| c.as_str()).collect();
            p.push(("channel", c.join(",")));
        }
        if self.page > 1 {
            p.push(("page", self.page.to_string()));
        }
        if self.per_page > 0 {
            p.push(("per_page", self.per_page.to_string()));
        }
        p
    }
}

/// `GET /fraud-reports`: newest first (a local office gets its own only).
pub async fn list(filter: &FraudFilter) -> Result<Page<FraudReportSummary>, ApiError> {
    get_json("/fraud-reports", &filter.params()).await
}

/// `GET /fraud-reports/{id}` with its history.
pub async fn get(id: i64) -> Result<FraudReport, ApiError> {
    get_json(&format!("/fraud-reports/{id}"), &Vec::new()).await
}

/// `POST /fraud-reports`: files a report (state `new`).
pub async fn create(report: &NewFraudReport) -> Result<FraudReport, ApiError> {
    send_json("POST", "/fraud-reports", report, None).await
}

/// `POST /fraud-reports/{id}/transitions` with `If-Match`: verify or communicate.
pub async fn transition(
    id: i64,
    version: i64,
    action: FraudAction,
    comment: Option<String>,
) -> Result<FraudReport, ApiError> {
    send_json(
        "POST",
        &format!("/fraud-reports/{id}/transitions"),
        &FraudTransition { action, comment },
        Some(version),
    )
    .await
}

/// `POST /fraud-reports/{id}/warning-article` with `If-Match`: drafts the warning article (or
/// finds the one already drafted); the answer's `article_id` is the draft to open.
pub async fn warning_article(id: i64, version: i64) -> Result<FraudReport, ApiError> {
    send_json(
        "POST",
        &format!("/fraud-reports/{id}/warning-article"),
        &serde_json::json!({}),
        Some(version),
    )
    .await
}
