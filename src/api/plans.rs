//! `/plans`: the annual operation plan's versions, their content, the board's and the
//! Director's transitions, amendments and the year's history.

use super::{get_json, send_json, ApiError, Params};
use portal_contract::plans::{
    NewPlan, NormProgress, Plan, PlanAction, PlanContent, PlanHistoryEntry, PlanPatch, PlanSummary,
    PlanTransition,
};
use portal_contract::{Page, MAX_PER_PAGE};

/// `GET /plans?year=`: every version (of `year` when given), newest year and version first.
/// One page of the largest size: a province keeps a few versions a year.
pub async fn list(year: Option<i32>) -> Result<Page<PlanSummary>, ApiError> {
    let mut params: Params = vec![("per_page", MAX_PER_PAGE.to_string())];
    if let Some(y) = year {
        params.push(("year", y.to_string()));
    }
    get_json("/plans", &params).await
}

/// `GET /plans/{id}`.
pub async fn get(id: i64) -> Result<Plan, ApiError> {
    get_json(&format!("/plans/{id}"), &Vec::new()).await
}

/// `POST /plans`: version 1 of `year`, a draft with the year's occasions (409 if the year
/// already has a plan).
pub async fn create(year: i32) -> Result<Plan, ApiError> {
    send_json("POST", "/plans", &NewPlan { year }, None).await
}

/// `PATCH /plans/{id}` with `If-Match: "<version>"`: a draft's whole new content.
pub async fn save(id: i64, version: i64, content: &PlanContent) -> Result<Plan, ApiError> {
    let body = PlanPatch {
        content: content.clone(),
    };
    send_json("PATCH", &format!("/plans/{id}"), &body, Some(version)).await
}

/// `POST /plans/{id}/transitions` with `If-Match`: submit, approve or return (with comment).
pub async fn transition(
    id: i64,
    version: i64,
    action: PlanAction,
    comment: Option<String>,
) -> Result<Plan, ApiError> {
    let body = PlanTransition { action, comment };
    send_json(
        "POST",
        &format!("/plans/{id}/transitions"),
        &body,
        Some(version),
    )
    .await
}

/// `POST /plans/{id}/amend` with `If-Match`: the next version as a draft copy of this approved
/// one (which stays in force until the new one is approved).
pub async fn amend(id: i64, version: i64) -> Result<Plan, ApiError> {
    send_json(
        "POST",
        &format!("/plans/{id}/amend"),
        &serde_json::json!({}),
        Some(version),
    )
    .await
}

/// `GET /plans/{id}/history`: every line of the plan's year, oldest first.
pub async fn history(id: i64) -> Result<Vec<PlanHistoryEntry>, ApiError> {
    get_json(&format!("/plans/{id}/history"), &Vec::new()).await
}

/// `GET /norms/progress`: this month's published news and articles against the norms of the
/// approved plan (else the defaults).
pub async fn norm_progress() -> Result<NormProgress, ApiError> {
    get_json("/norms/progress", &Vec::new()).await
}
