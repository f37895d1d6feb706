//! The annual operation plan: the board drafts and submits, the Director approves or returns,
//! an approved version is read-only and `amend` opens the next one.

use super::PlanEvent;
use crate::http::error::ApiError;
use crate::http::extract::{ApiJson, CurrentUser, IfMatch, PathId, QueryParams};
use crate::http::respond::{created, versioned};
use crate::state::AppState;
use crate::store::{NewAudit, StoreError};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use portal_contract::plans::{
    validate_content, NewPlan, Plan, PlanAction, PlanContent, PlanHistoryEntry, PlanPatch,
    PlanState, PlanSummary, PlanTransition, DEFAULT_ARTICLE_NORM, DEFAULT_NEWS_NORM, MAX_COMMENT,
    YEARS,
};
use portal_contract::{FieldError, Page, Permission};

fn state_vi(s: PlanState) -> &'static str {
    match s {
        PlanState::Draft => "Bản nháp",
        PlanState::Submitted => "Chờ Giám đốc duyệt",
        PlanState::Approved => "Đã duyệt",
        PlanState::Superseded => "Đã được thay thế",
    }
}

async fn load(state: &AppState, id: i64) -> Result<Plan, ApiError> {
    state
        .store
        .plans()
        .get_plan(id)
        .await?
        .ok_or_else(|| ApiError::not_found("Không tìm thấy kế hoạch này."))
}

fn event(me: &CurrentUser, at: chrono::DateTime<chrono::Utc>, action: &str) -> PlanEvent {
    PlanEvent {
        at,
        actor_id: me.user.id,
        actor_name: me.user.full_name.clone(),
        action: action.to_string(),
        from_state: None,
        to_state: None,
        comment: None,
    }
}

fn store_conflict(e: StoreError, current: &Plan) -> ApiError {
    match e {
        StoreError::VersionMismatch => ApiError::precondition_failed(current, current.version),
        StoreError::Conflict(_) => {
            ApiError::conflict("Năm này đã có một phiên bản kế hoạch đang soạn hoặc chờ duyệt.")
        }
        other => other.into(),
    }
}

/// `GET /plans?year=`: every version, newest year and version first.
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    mut params: QueryParams,
) -> Result<Json<Page<PlanSummary>>, ApiError> {
    me.require(Permission::PlanView)?;
    let year = params
        .take("year")
        .map(|raw| match raw.trim().parse::<i32>() {
            Ok(y) if YEARS.contains(&y) => y,
            _ => {
                params.error("year", "out_of_range", "Năm phải từ 2020 đến 2100.");
                0
            }
        });
    let (page, per_page) = params.pagination();
    params.finish()?;
    let all = state.store.plans().list_plans(year).await?;
    let total = all.len() as u64;
    let items = all
        .into_iter()
        .skip(((page - 1) * per_page) as usize)
        .take(per_page as usize)
        .collect();
    Ok(Json(Page {
        items,
        total,
        page,
        per_page,
    }))
}

/// `POST /plans`: version 1 of a year, a draft with the year's occasions and default norms.
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(req): ApiJson<NewPlan>,
) -> Result<Response, ApiError> {
    me.require(Permission::PlanEdit)?;
    if !YEARS.contains(&req.year) {
        return Err(ApiError::validation(vec![FieldError::new(
            "year",
            "out_of_range",
            "Năm phải từ 2020 đến 2100.",
        )]));
    }
    let plans = state.store.plans();
    if !plans.list_plans(Some(req.year)).await?.is_empty() {
        return Err(ApiError::conflict(format!(
            "Năm {} đã có kế hoạch; hãy mở kế hoạch đó hoặc sửa đổi bản đã duyệt.",
            req.year
        )));
    }
    let now = state.clock.now();
    let content = PlanContent::new_year(req.year, DEFAULT_NEWS_NORM, DEFAULT_ARTICLE_NORM);
    let plan = Plan {
        id: 0,
        year: req.year,
        version_no: 1,
        state: PlanState::Draft,
        totals: content.totals(),
        content,
        return_comment: None,
        created_at: now,
        updated_at: now,
        updated_by: me.user.id,
        updated_by_name: me.user.full_name.clone(),
        submitted_at: None,
        approved_at: None,
        approved_by_name: None,
        version: 1,
    };
    let mut e = event(&me, now, "create");
    e.to_state = Some(PlanState::Draft);
    let audit = NewAudit::success(
        now,
        &me.user,
        "plan.create",
        None,
        Some(format!("year: {}", req.year)),
    );
    let saved = plans
        .insert_plan(&plan, e, audit)
        .await
        .map_err(|e| match e {
            StoreError::Conflict(_) => {
                ApiError::conflict(format!("Năm {} đã có kế hoạch.", req.year))
            }
            other => other.into(),
        })?;
    Ok(created(
        &format!("/api/v1/plans/{}", saved.id),
        &saved,
        saved.version,
    ))
}

/// `GET /plans/{id}`.
pub async fn get_one(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
) -> Result<Response, ApiError> {
    me.require(Permission::PlanView)?;
    let plan = load(&state, id).await?;
    Ok(versioned(StatusCode::OK, &plan, plan.version))
}

/// `PATCH /plans/{id}`: a draft's new content.
pub async fn update(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
    if_match: IfMatch,
    ApiJson(req): ApiJson<PlanPatch>,
) -> Result<Response, ApiError> {
    me.require(Permission::PlanEdit)?;
    let current = load(&state, id).await?;
    if_match.check(&current, current.version)?;
    if current.state != PlanState::Draft {
        return Err(ApiError::conflict(format!(
            "Chỉ sửa được bản nháp; phiên bản này đang ở trạng thái “{}”.{}",
            state_vi(current.state),
            if current.state == PlanState::Approved {
                " Hãy dùng “Sửa đổi” để mở phiên bản mới."
            } else {
                ""
            }
        )));
    }
    ApiError::unless_valid(validate_content(current.year, &req.content, false))?;
    if req.content == current.content {
        return Ok(versioned(StatusCode::OK, &current, current.version));
    }
    let now = state.clock.now();
    let mut next = current.clone();
    next.totals = req.content.totals();
    next.content = req.content;
    next.updated_at = now;
    next.updated_by = me.user.id;
    next.updated_by_name = me.user.full_name.clone();
    next.version = current.version + 1;
    let audit = NewAudit::success(now, &me.user, "plan.edit", Some(format!("plan:{id}")), None);
    let saved = state
        .store
        .plans()
        .update_plan(&next, current.version, event(&me, now, "edit"), audit)
        .await
        .map_err(|e| store_conflict(e, &current))?;
    Ok(versioned(StatusCode::OK, &saved, saved.version))
}

/// `POST /plans/{id}/transitions`: submit (the board), approve or return (the Director).
pub async fn transition(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
    if_match: IfMatch,
    ApiJson(req): ApiJson<PlanTransition>,
) -> Result<Response, ApiError> {
    me.require(req.action.permission())?;
    let current = load(&state, id).await?;
    if_match.check(&current, current.version)?;
    let (from, to) = req.action.moves();
    if current.state != from {
        return Err(ApiError::conflict(format!(
            "Không thể thực hiện khi kế hoạch đang ở trạng thái “{}”.",
            state_vi(current.state)
        )));
    }
    let comment = req
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string);
    let mut errors = Vec::new();
    match &comment {
        None if req.action.needs_comment() => errors.push(FieldError::new(
            "comment",
            "required",
            "Vui lòng ghi ý kiến của Giám đốc khi trả lại kế hoạch.",
        )),
        Some(c) if c.chars().count() > MAX_COMMENT => errors.push(FieldError::new(
            "comment",
            "too_long",
            format!("Tối đa {MAX_COMMENT} ký tự."),
        )),
        Some(c)
            if c.chars()
                .any(|ch| ch.is_control() && !matches!(ch, '\n' | '\r' | '\t')) =>
        {
            errors.push(FieldError::new(
                "comment",
                "invalid_characters",
                "Chứa ký tự không hợp lệ.",
            ))
        }
        _ => {}
    }
    if req.action == PlanAction::Submit {
        errors.extend(
            validate_content(current.year, &current.content, true)
                .into_iter()
                .map(|e| FieldError::new(format!("content.{}", e.field), e.code, e.message)),
        );
    }
    if !errors.is_empty() {
        let mut e = ApiError::validation(errors);
        if req.action == PlanAction::Submit {
            e.problem.detail = Some("Kế hoạch chưa đủ nội dung để trình Giám đốc.".into());
        }
        return Err(e);
    }
    let now = state.clock.now();
    let mut next = current.clone();
    next.state = to;
    next.version = current.version + 1;
    next.updated_at = now;
    next.updated_by = me.user.id;
    next.updated_by_name = me.user.full_name.clone();
    match req.action {
        PlanAction::Submit => {
            next.submitted_at = Some(now);
        }
        PlanAction::Approve => {
            next.approved_at = Some(now);
            next.approved_by_name = Some(me.user.full_name.clone());
            next.return_comment = None;
        }
        PlanAction::Return => {
            next.return_comment = comment.clone();
        }
    }
    let mut e = event(&me, now, req.action.as_str());
    e.from_state = Some(from);
    e.to_state = Some(to);
    e.comment = comment;
    let audit = NewAudit::success(
        now,
        &me.user,
        &format!("plan.{}", req.action.as_str()),
        Some(format!("plan:{id}")),
        Some(format!("{} → {}", from.as_str(), to.as_str())),
    );
    let saved = state
        .store
        .plans()
        .update_plan(&next, current.version, e, audit)
        .await
        .map_err(|e| store_conflict(e, &current))?;
    Ok(versioned(StatusCode::OK, &saved, saved.version))
}

/// `POST /plans/{id}/amend`: opens the next version as a draft copy of an approved one, which
/// stays in force until the new one is approved.
pub async fn amend(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
    if_match: IfMatch,
) -> Result<Response, ApiError> {
    me.require(Permission::PlanEdit)?;
    let current = load(&state, id).await?;
    if_match.check(&current, current.version)?;
    if current.state != PlanState::Approved {
        return Err(ApiError::conflict(
            "Chỉ sửa đổi được phiên bản đang có hiệu lực (đã duyệt).",
        ));
    }
    let plans = state.store.plans();
    let versions = plans.list_plans(Some(current.year)).await?;
    if versions
        .iter()
        .any(|v| matches!(v.state, PlanState::Draft | PlanState::Submitted))
    {
        return Err(ApiError::conflict(
            "Năm này đã có một phiên bản đang soạn hoặc chờ duyệt.",
        ));
    }
    let next_no = versions.iter().map(|v| v.version_no).max().unwrap_or(0) + 1;
    let now = state.clock.now();
    let draft = Plan {
        id: 0,
        version_no: next_no,
        state: PlanState::Draft,
        return_comment: None,
        created_at: now,
        updated_at: now,
        updated_by: me.user.id,
        updated_by_name: me.user.full_name.clone(),
        submitted_at: None,
        approved_at: None,
        approved_by_name: None,
        version: 1,
        ..current.clone()
    };
    let mut e = event(&me, now, "amend");
    e.to_state = Some(PlanState::Draft);
    e.comment = Some(format!("Sửa đổi từ phiên bản {}", current.version_no));
    let audit = NewAudit::success(
        now,
        &me.user,
        "plan.amend",
        None,
        Some(format!("from plan:{id}")),
    );
    let saved = plans
        .insert_plan(&draft, e, audit)
        .await
        .map_err(|e| store_conflict(e, &current))?;
    Ok(created(
        &format!("/api/v1/plans/{}", saved.id),
        &saved,
        saved.version,
    ))
}

/// `GET /plans/{id}/history`: every line of the plan's year, all versions, oldest first.
pub async fn history(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
) -> Result<Json<Vec<PlanHistoryEntry>>, ApiError> {
    me.require(Permission::PlanView)?;
    let plan = load(&state, id).await?;
    Ok(Json(state.store.plans().plan_history(plan.year).await?))
}
