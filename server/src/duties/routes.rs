//! The board's recurring duties on the dashboard: "Việc của tôi", monthly norm settings and
//! progress over a year, and the quarterly submission of model articles to the VSS portal.

use super::NewSubmission;
use crate::http::error::ApiError;
use crate::http::extract::{ApiJson, CurrentUser, IfMatch, PathId, QueryParams};
use crate::http::respond::{created, versioned};
use crate::state::AppState;
use crate::store::{is_public, ArticleQuery, ArticleSortField, NewAudit, StoreError};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use chrono::{Datelike, NaiveDate};
use portal_contract::duties::{
    public_url, validate_submission, Candidate, NewQuarterlySubmission, Quarter, QuarterStatus,
    QuarterlySubmission, SubmittedArticle, QUARTERLY_TARGET, VSS_PORTAL_EMAIL,
};
use portal_contract::duties::{
    waiting_scope, MyWork, MyWorkGroup, MY_WORK_DEFAULT_ITEMS, MY_WORK_MAX_ITEMS,
};
use portal_contract::plans::{
    days_in_month, days_left, validate_norm_months, NormProgress, NormSettings, NormSettingsUpdate,
    NormSource, NormYear, YEARS,
};
use portal_contract::{FieldError, Kind, Page, Permission, Stage, Workflow};

/// `GET /my-work?limit=`: per stage where the user acts, the articles waiting for them, the
/// longest-waiting first. Approved articles with a scheduled time wait for the clock, not for
/// a person, and are left out.
pub async fn my_work(
    State(state): State<AppState>,
    me: CurrentUser,
    mut params: QueryParams,
) -> Result<Json<MyWork>, ApiError> {
    me.require(Permission::DashboardView)?;
    let limit = params.number("limit", MY_WORK_DEFAULT_ITEMS, 1, MY_WORK_MAX_ITEMS);
    params.finish()?;
    let mut groups = Vec::new();
    for stage in Stage::ALL {
        let Some(own_only) = waiting_scope(&state.workflow, stage, &me.user.roles) else {
            continue;
        };
        let query = ArticleQuery {
            page: 1,
            per_page: limit,
            sort: ArticleSortField::StageChangedAt,
            descending: false,
            stages: vec![stage],
            visible_to: (own_only || !me.can(Permission::ArticlesReadAll)).then_some(me.user.id),
            unscheduled: stage == Stage::Approved,
            ..ArticleQuery::default()
        };
        let mut page = state.store.list_articles(&query).await?;
        // Revisions of approved articles wait at the same stages for the same people.
        if Workflow::revision_may_reach(stage) && stage != Stage::Approved {
            let revisions = ArticleQuery {
                stages: Vec::new(),
                revision_stages: vec![stage],
                unscheduled: false,
                ..query
            };
            let found = state.store.list_articles(&revisions).await?;
            page.total += found.total;
            page.items.extend(found.items);
            page.items.truncate(limit as usize);
        }
        let actions = state
            .workflow
            .allowed_from(stage, &me.user.roles)
            .map(|t| t.action.clone())
            .collect();
        groups.push(MyWorkGroup {
            stage,
            actions,
            total: page.total,
            items: page.items,
        });
    }
    let total = groups.iter().map(|g| g.total).sum();
    Ok(Json(MyWork { groups, total }))
}

/// A year from the path; outside the years the product plans for, 404.
fn year_of(id: i64) -> Result<i32, ApiError> {
    i32::try_from(id)
        .ok()
        .filter(|y| YEARS.contains(y))
        .ok_or_else(|| ApiError::not_found("Năm không nằm trong phạm vi quản lý."))
}

async fn settings_of(state: &AppState, year: i32) -> Result<NormSettings, ApiError> {
    Ok(state
        .store
        .duties()
        .norm_settings(year)
        .await?
        .unwrap_or_else(|| NormSettings::defaults(year)))
}

/// `GET /norms/settings/{year}`: what the board set, else the defaults (version 0).
pub async fn get_settings(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(year): PathId,
) -> Result<Response, ApiError> {
    me.require(Permission::DashboardView)?;
    let s = settings_of(&state, year_of(year)?).await?;
    Ok(versioned(StatusCode::OK, &s, s.version))
}

/// `PUT /norms/settings/{year}` with `If-Match` (`"0"` for a year never saved).
pub async fn put_settings(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(year): PathId,
    if_match: IfMatch,
    ApiJson(req): ApiJson<NormSettingsUpdate>,
) -> Result<Response, ApiError> {
    me.require(Permission::NormsManage)?;
    let year = year_of(year)?;
    let current = settings_of(&state, year).await?;
    if_match.check(&current, current.version)?;
    ApiError::unless_valid(validate_norm_months(&req.months))?;
    let now = state.clock.now();
    let audit = NewAudit::success(
        now,
        &me.user,
        "norms.update",
        Some(format!("norms:{year}")),
        None,
    );
    let saved = state
        .store
        .duties()
        .save_norm_settings(
            year,
            &req.months,
            current.version,
            me.user.id,
            &me.user.full_name,
            now,
            audit,
        )
        .await
        .map_err(|e| match e {
            StoreError::VersionMismatch => ApiError::precondition_failed(&current, current.version),
            other => other.into(),
        })?;
    Ok(versioned(StatusCode::OK, &saved, saved.version))
}

/// The progress of one month: norms from the approved plan, else the year's settings, else
/// the defaults; output counted by publication date in Asia/Ho_Chi_Minh.
pub async fn month_progress(
    state: &AppState,
    year: i32,
    month: u32,
    settings: Option<&NormSettings>,
) -> Result<NormProgress, ApiError> {
    let plans = state.store.plans();
    let plan = plans.plan_in_force(year).await?;
    let from_plan = plan
        .as_ref()
        .and_then(|p| p.content.norms_of(month).map(|n| (p.id, n)));
    let (source, plan_id, (news_norm, article_norm)) = match (from_plan, settings) {
        (Some((id, norms)), _) => (NormSource::Plan, Some(id), norms),
        (None, Some(s)) if s.saved => (
            NormSource::Settings,
            None,
            s.of(month).ok_or_else(ApiError::internal)?,
        ),
        (None, _) => {
            let d = NormSettings::defaults(year);
            (
                NormSource::Default,
                None,
                d.of(month).ok_or_else(ApiError::internal)?,
            )
        }
    };
    let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(ApiError::internal)?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }
    .ok_or_else(ApiError::internal)?;
    let counts = plans
        .published_counts(
            portal_contract::format::vn_midnight(first),
            portal_contract::format::vn_midnight(next),
        )
        .await?;
    let count = |kinds: &[Kind]| {
        counts
            .iter()
            .filter(|(k, _)| kinds.contains(k))
            .map(|(_, n)| *n as u32)
            .sum::<u32>()
    };
    Ok(NormProgress {
        year,
        month,
        source,
        plan_id,
        news_norm,
        article_norm,
        news_published: count(&[Kind::News]),
        articles_published: count(&[Kind::Article, Kind::InDepth]),
        days_in_month: days_in_month(year, month),
        days_left: days_left(year, month, state.today()),
    })
}

/// `GET /norms/progress?year=&month=` (default: this month).
pub async fn norm_progress(
    State(state): State<AppState>,
    me: CurrentUser,
    mut params: QueryParams,
) -> Result<Json<NormProgress>, ApiError> {
    me.require(Permission::DashboardView)?;
    let today = state.today();
    let year = params.number(
        "year",
        today.year() as u32,
        *YEARS.start() as u32,
        *YEARS.end() as u32,
    ) as i32;
    let month = params.number("month", today.month(), 1, 12);
    params.finish()?;
    let settings = state.store.duties().norm_settings(year).await?;
    Ok(Json(
        month_progress(&state, year, month, settings.as_ref()).await?,
    ))
}

/// `GET /norms/year?year=` (default: this year): the twelve months and the year's sums.
pub async fn norm_year(
    State(state): State<AppState>,
    me: CurrentUser,
    mut params: QueryParams,
) -> Result<Json<NormYear>, ApiError> {
    me.require(Permission::DashboardView)?;
    let year = params.number(
        "year",
        state.today().year() as u32,
        *YEARS.start() as u32,
        *YEARS.end() as u32,
    ) as i32;
    params.finish()?;
    let settings = state.store.duties().norm_settings(year).await?;
    let mut months = Vec::with_capacity(12);
    for month in 1..=12 {
        months.push(month_progress(&state, year, month, settings.as_ref()).await?);
    }
    Ok(Json(NormYear {
        year,
        news_norm: months.iter().map(|m| m.news_norm).sum(),
        article_norm: months.iter().map(|m| m.article_norm).sum(),
        news_published: months.iter().map(|m| m.news_published).sum(),
        articles_published: months.iter().map(|m| m.articles_published).sum(),
        months,
    }))
}

/// `GET /quarterly?year=&quarter=` (default: this quarter in Asia/Ho_Chi_Minh): candidates
/// (public articles flagged "model example" published in the quarter), what was sent, and
/// where the e-mail goes.
pub async fn quarter_status(
    State(state): State<AppState>,
    me: CurrentUser,
    mut params: QueryParams,
) -> Result<Json<QuarterStatus>, ApiError> {
    me.require(Permission::DashboardView)?;
    let now = Quarter::at(state.clock.now());
    let year = params.number(
        "year",
        now.year as u32,
        *YEARS.start() as u32,
        *YEARS.end() as u32,
    ) as i32;
    let quarter = params.number("quarter", now.quarter, 1, 4);
    params.finish()?;
    let q = Quarter::new(year, quarter).ok_or_else(ApiError::internal)?;
    let (from, before) = q.bounds_utc();
    let page = state
        .store
        .list_articles(&ArticleQuery {
            page: 1,
            per_page: portal_contract::MAX_PER_PAGE,
            sort: ArticleSortField::PublishedAt,
            descending: true,
            stages: vec![Stage::Published, Stage::RemovalRequested],
            model_example: Some(true),
            published_from: Some(from),
            published_before: Some(before),
            ..ArticleQuery::default()
        })
        .await?;
    let submissions = state
        .store
        .duties()
        .quarter_submissions(year, quarter)
        .await?;
    let mut sent: Vec<i64> = submissions
        .iter()
        .flat_map(|s| s.articles.iter().map(|a| a.id))
        .collect();
    sent.sort_unstable();
    sent.dedup();
    let template = &state.config.public_article_url;
    let candidates = page
        .items
        .into_iter()
        .map(|article| Candidate {
            public_url: public_url(template, article.id),
            sent: sent.binary_search(&article.id).is_ok(),
            article,
        })
        .collect();
    Ok(Json(QuarterStatus {
        year,
        quarter,
        first_day: q.first_day(),
        last_day: q.last_day(),
        target: QUARTERLY_TARGET,
        sent_count: sent.len() as u32,
        candidates,
        submissions,
        email_to: VSS_PORTAL_EMAIL.to_string(),
    }))
}

/// `POST /quarterly-submissions`: records that the e-mail was sent. Every article must be
/// public now; the record keeps each title and link as sent. Append-only.
pub async fn record_submission(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(req): ApiJson<NewQuarterlySubmission>,
) -> Result<Response, ApiError> {
    me.require(Permission::QuarterlyRecord)?;
    let mut errors = validate_submission(&req, state.today());
    let mut articles = Vec::new();
    if errors.iter().all(|e| e.field != "article_ids") {
        for (i, id) in req.article_ids.iter().enumerate() {
            match state.store.article(*id).await? {
                Some(a) if is_public(a.stage) => articles.push(SubmittedArticle {
                    id: a.id,
                    public_url: public_url(&state.config.public_article_url, a.id),
                    title: a.title,
                }),
                Some(_) => errors.push(FieldError::new(
                    format!("article_ids[{i}]"),
                    "not_public",
                    format!("Bài số {id} chưa được đăng trên Cổng."),
                )),
                None => errors.push(FieldError::new(
                    format!("article_ids[{i}]"),
                    "not_found",
                    format!("Không có bài số {id}."),
                )),
            }
        }
    }
    ApiError::unless_valid(errors)?;
    let now = state.clock.now();
    let audit = NewAudit::success(
        now,
        &me.user,
        "quarterly.record",
        None,
        Some(format!(
            "{}: {} bài",
            Quarter::new(req.year, req.quarter)
                .map(Quarter::label_vi)
                .unwrap_or_default(),
            articles.len()
        )),
    );
    let saved = state
        .store
        .duties()
        .record_submission(
            &NewSubmission {
                year: req.year,
                quarter: req.quarter,
                sent_on: req.sent_on,
                articles,
                note: req.note.trim().to_string(),
                by_id: me.user.id,
                by_name: me.user.full_name.clone(),
                at: now,
            },
            audit,
        )
        .await?;
    Ok(created(
        &format!("/api/v1/quarterly-submissions/{}", saved.id),
        &saved,
        1,
    ))
}

/// `GET /quarterly-submissions?year=&page=&per_page=`: the history, newest first.
pub async fn list_submissions(
    State(state): State<AppState>,
    me: CurrentUser,
    mut params: QueryParams,
) -> Result<Json<Page<QuarterlySubmission>>, ApiError> {
    me.require(Permission::DashboardView)?;
    let year = params
        .take("year")
        .map(|raw| match raw.trim().parse::<i32>() {
            Ok(y) if YEARS.contains(&y) => Ok(y),
            _ => Err(()),
        });
    let year = match year {
        Some(Err(())) => {
            params.error("year", "out_of_range", "Năm không hợp lệ.");
            None
        }
        Some(Ok(y)) => Some(y),
        None => None,
    };
    let (page, per_page) = params.pagination();
    params.finish()?;
    Ok(Json(
        state
            .store
            .duties()
            .list_submissions(year, page, per_page)
            .await?,
    ))
}

/// `GET /quarterly-submissions/{id}`.
pub async fn get_submission(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
) -> Result<Response, ApiError> {
    me.require(Permission::DashboardView)?;
    let s = state
        .store
        .duties()
        .submission(id)
        .await?
        .ok_or_else(|| ApiError::not_found("Không có lần gửi này."))?;
    Ok(versioned(StatusCode::OK, &s, 1))
}
