//! The board's recurring duties: "Việc của tôi", monthly norms (settings and a year's
//! progress) and the quarterly submission of model articles to the VSS portal board.

use super::{get_json, send_json, ApiError, Params};
use portal_contract::duties::MyWork;
use portal_contract::duties::{NewQuarterlySubmission, QuarterStatus, QuarterlySubmission};
use portal_contract::plans::{MonthNorm, NormSettings, NormSettingsUpdate, NormYear};
use portal_contract::{Page, MAX_PER_PAGE};

/// `GET /my-work?limit=`: per stage where the user acts, the longest-waiting first.
pub async fn my_work(limit: u32) -> Result<MyWork, ApiError> {
    get_json("/my-work", &vec![("limit", limit.to_string())]).await
}

/// `GET /norms/settings/{year}` (the defaults with version 0 before the first save).
pub async fn norm_settings(year: i32) -> Result<NormSettings, ApiError> {
    get_json(&format!("/norms/settings/{year}"), &Vec::new()).await
}

/// `PUT /norms/settings/{year}` with `If-Match: "<version>"`.
pub async fn save_norm_settings(
    year: i32,
    version: i64,
    months: Vec<MonthNorm>,
) -> Result<NormSettings, ApiError> {
    send_json(
        "PUT",
        &format!("/norms/settings/{year}"),
        &NormSettingsUpdate { months },
        Some(version),
    )
    .await
}

/// `GET /norms/year?year=`: the twelve months' progress and the year's sums.
pub async fn norm_year(year: i32) -> Result<NormYear, ApiError> {
    get_json("/norms/year", &vec![("year", year.to_string())]).await
}

/// `GET /quarterly?year=&quarter=` (this quarter when `None`).
pub async fn quarter(which: Option<(i32, u32)>) -> Result<QuarterStatus, ApiError> {
    let params: Params = match which {
        Some((y, q)) => vec![("year", y.to_string()), ("quarter", q.to_string())],
        None => Vec::new(),
    };
    get_json("/quarterly", &params).await
}

/// `POST /quarterly-submissions`: the e-mail was sent.
pub async fn record_submission(
    s: &NewQuarterlySubmission,
) -> Result<QuarterlySubmission, ApiError> {
    send_json("POST", "/quarterly-submissions", s, None).await
}

/// `GET /quarterly-submissions?year=`: one page of the largest size (a few a quarter).
pub async fn submissions(year: Option<i32>) -> Result<Page<QuarterlySubmission>, ApiError> {
    let mut params: Params = vec![("per_page", MAX_PER_PAGE.to_string())];
    if let Some(y) = year {
        params.push(("year", y.to_string()));
    }
    get_json("/quarterly-submissions", &params).await
}
