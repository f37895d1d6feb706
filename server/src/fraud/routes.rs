//! Fraud reports (Official Dispatch 1466): local offices file them, the IT Centre verifies,
//! the Communication Centre drafts the warning article and marks them communicated.

use super::{FraudEvent, FraudQuery, WarningDraft};
use crate::http::error::ApiError;
use crate::http::extract::{ApiJson, CurrentUser, IfMatch, PathId, QueryParams};
use crate::http::respond::versioned;
use crate::state::AppState;
use crate::store::{NewAudit, NewHistory, StoreError};
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use axum::Json;
use portal_contract::fraud::{
    validate_new_report, validate_transition_comment, warning_article, FraudChannel, FraudReport,
    FraudReportSummary, FraudState, FraudTransition, NewFraudReport,
};
use portal_contract::{validate_new_article, Page, Permission, ProblemKind, Stage};

fn state_vi(s: FraudState) -> &'static str {
    s.label_vi()
}

fn event(me: &CurrentUser, at: chrono::DateTime<chrono::Utc>, action: &str) -> FraudEvent {
    FraudEvent {
        at,
        actor_id: me.user.id,
        actor_name: me.user.full_name.clone(),
        action: action.to_string(),
        from_state: None,
        to_state: None,
        comment: None,
    }
}

/// The report `id` as `me` may see it: 404 if absent, 403 if it is another office's and `me`
/// reads only their own.
async fn visible_report(
    state: &AppState,
    me: &CurrentUser,
    id: i64,
) -> Result<FraudReport, ApiError> {
    me.require(Permission::FraudRead)?;
    let report = state
        .store
        .fraud()
        .get_report(id)
        .await?
        .ok_or_else(|| ApiError::not_found("Không tìm thấy báo cáo lừa đảo này."))?;
    if !me.can(Permission::FraudReadAll) && report.reported_by != me.user.id {
        return Err(ApiError::forbidden());
    }
    Ok(report)
}

async fn fresh_precondition_failed(state: &AppState, id: i64) -> ApiError {
    match state.store.fraud().get_report(id).await {
        Ok(Some(r)) => ApiError::precondition_failed(&r, r.version),
        Ok(None) => ApiError::not_found("Không tìm thấy báo cáo lừa đảo này."),
        Err(e) => e.into(),
    }
}

/// `GET /fraud-reports?state&channel&page&per_page`: newest first; local offices see their own.
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    mut params: QueryParams,
) -> Result<Json<Page<FraudReportSummary>>, ApiError> {
    me.require(Permission::FraudRead)?;
    let (page, per_page) = params.pagination();
    let query = FraudQuery {
        page,
        per_page,
        states: params.list("state", FraudState::parse),
        channels: params.list("channel", FraudChannel::parse),
        reported_by: (!me.can(Permission::FraudReadAll)).then_some(me.user.id),
    };
    params.finish()?;
    Ok(Json(state.store.fraud().list_reports(&query).await?))
}

/// `POST /fraud-reports`: a new report, state `new`; 201 with `Location` and `ETag`.
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(req): ApiJson<NewFraudReport>,
) -> Result<Response, ApiError> {
    me.require(Permission::FraudCreate)?;
    let now = state.clock.now();
    ApiError::unless_valid(validate_new_report(&req, now))?;
    let report = FraudReport {
        id: 0,
        occurred_at: req.occurred_at,
        location: req.location.trim().to_string(),
        channel: req.channel,
        description: req.description.trim().to_string(),
        amount: req.amount,
        people_affected: req.people_affected,
        evidence_url: req
            .evidence_url
            .map(|u| u.trim().to_string())
            .filter(|u| !u.is_empty()),
        office: req.office.trim().to_string(),
        state: FraudState::New,
        article_id: None,
        reported_by: me.user.id,
        reported_by_name: me.user.full_name.clone(),
        created_at: now,
        updated_at: now,
        history: Vec::new(),
        version: 1,
    };
    let mut e = event(&me, now, "create");
    e.to_state = Some(FraudState::New);
    let audit = NewAudit::success(
        now,
        &me.user,
        "fraud_report.create",
        None,
        Some(format!("channel: {}", req.channel.as_str())),
    );
    let saved = state.store.fraud().insert_report(&report, e, audit).await?;
    Ok(crate::http::respond::created(
        &format!("/api/v1/fraud-reports/{}", saved.id),
        &saved,
        saved.version,
    ))
}

/// `GET /fraud-reports/{id}`: the report with its history.
pub async fn get_one(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
) -> Result<Response, ApiError> {
    let report = visible_report(&state, &me, id).await?;
    Ok(versioned(StatusCode::OK, &report, report.version))
}

/// `POST /fraud-reports/{id}/transitions`: verify (IT Centre), communicate (Communication
/// Centre).
pub async fn transition(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
    if_match: IfMatch,
    ApiJson(req): ApiJson<FraudTransition>,
) -> Result<Response, ApiError> {
    me.require(req.action.permission())?;
    let current = visible_report(&state, &me, id).await?;
    if !req.action.separates(&current, me.user.id) {
        return Err(ApiError::new(
            ProblemKind::Forbidden,
            portal_contract::fraud::OWN_REPORT_VI,
        ));
    }
    if_match.check(&current, current.version)?;
    let (from, to) = req.action.moves();
    if current.state != from {
        return Err(ApiError::conflict(format!(
            "Không thể thực hiện khi báo cáo đang ở trạng thái “{}”.",
            state_vi(current.state)
        )));
    }
    ApiError::unless_valid(validate_transition_comment(req.comment.as_deref()))?;
    let now = state.clock.now();
    let mut e = event(&me, now, req.action.as_str());
    e.from_state = Some(from);
    e.to_state = Some(to);
    e.comment = req
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string);
    let audit = NewAudit::success(
        now,
        &me.user,
        &format!("fraud_report.{}", req.action.as_str()),
        Some(format!("fraud_report:{id}")),
        Some(format!("{} → {}", from.as_str(), to.as_str())),
    );
    match state
        .store
        .fraud()
        .change_state(id, current.version, e, audit)
        .await
    {
        Ok(saved) => Ok(versioned(StatusCode::OK, &saved, saved.version)),
        Err(StoreError::VersionMismatch) => Err(fresh_precondition_failed(&state, id).await),
        Err(e) => Err(e.into()),
    }
}

/// `POST /fraud-reports/{id}/warning-article`: drafts the warning article from a verified
/// report through the normal article path (a draft in the online-fraud warning topic, with its
/// history and audit lines) and links it to the report. Idempotent: once the report has its
/// article, every call answers 200 with it.
pub async fn warning_article_draft(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
    if_match: IfMatch,
) -> Result<Response, ApiError> {
    me.require(Permission::FraudCommunicate)?;
    me.require(Permission::ArticlesCreate)?;
    if_match.require()?;
    let current = visible_report(&state, &me, id).await?;
    if current.article_id.is_some() {
        return Ok(versioned(StatusCode::OK, &current, current.version));
    }
    if !if_match.matches(current.version) {
        return Err(ApiError::precondition_failed(&current, current.version));
    }
    if current.state == FraudState::New {
        return Err(ApiError::conflict(
            "Báo cáo cần được Trung tâm Công nghệ thông tin xác minh trước khi viết bài cảnh báo.",
        ));
    }
    let new = warning_article(&current);
    let errors = validate_new_article(&new);
    if !errors.is_empty() {
        // The draft is made from a validated report; a failure here is the server's fault.
        tracing::error!(report = id, "warning article draft failed validation");
        return Err(ApiError::internal());
    }
    let now = state.clock.now();
    let article = crate::articles::routes::new_draft(&state, &me.user, new, now);
    let history = NewHistory {
        at: now,
        actor_id: me.user.id,
        actor_name: me.user.full_name.clone(),
        action: "create".to_string(),
        from_stage: None,
        to_stage: Some(Stage::Draft),
        comment: Some(format!("Soạn từ báo cáo lừa đảo số {id}.")),
        version: 1,
    };
    let article_audit = NewAudit::success(
        now,
        &me.user,
        "article.create",
        None,
        Some(format!("from fraud_report:{id}")),
    );
    let mut e = event(&me, now, "warning_article");
    e.comment = Some("Đã mở bản nháp bài cảnh báo.".into());
    let audit = NewAudit::success(
        now,
        &me.user,
        "fraud_report.warning_article",
        Some(format!("fraud_report:{id}")),
        None,
    );
    let draft = WarningDraft {
        article,
        history,
        article_audit,
        event: e,
        audit,
    };
    match state
        .store
        .fraud()
        .draft_warning(id, current.version, draft)
        .await
    {
        Ok((saved, true)) => {
            let mut res = versioned(StatusCode::CREATED, &saved, saved.version);
            if let Some(aid) = saved.article_id {
                if let Ok(v) = HeaderValue::from_str(&format!("/api/v1/articles/{aid}")) {
                    res.headers_mut().insert(header::LOCATION, v);
                }
            }
            Ok(res)
        }
        Ok((saved, false)) => Ok(versioned(StatusCode::OK, &saved, saved.version)),
        Err(StoreError::VersionMismatch) => Err(fresh_precondition_failed(&state, id).await),
        Err(e) => Err(e.into()),
    }
}
