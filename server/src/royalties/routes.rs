//! Royalties (nhuận bút) and remuneration (thù lao): the settings, each article's assessment
//! and payment, the monthly sheet (JSON or CSV) and the 60-day alert. Every amount is computed
//! here, in integer đồng.

use super::SettingsRecord;
use crate::http::error::ApiError;
use crate::http::extract::{ApiJson, CurrentUser, IfMatch, PathId, QueryParams};
use crate::http::respond::versioned;
use crate::state::AppState;
use crate::stats::routes::csv_response;
use crate::store::{NewAudit, StoreError};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{Datelike, NaiveDate};
use portal_contract::format::{date_vn, number_vn, vn_midnight};
use portal_contract::royalties::{
    compute, default_coefficients, default_unit_values, next_month, parse_month, range_of, sheet,
    tenths_vn, validate_assessment, validate_settings, vn_day, ArticleRoyalty, OverdueRoyalties,
    RoyaltyAssessment, RoyaltyPayment, RoyaltyRecord, RoyaltySettings, RoyaltySettingsUpdate,
    RoyaltySheet, PAY_WITHIN_DAYS,
};
use portal_contract::{Article, FieldError, Permission};

/// The most overdue items `GET /royalties/overdue` lists.
const OVERDUE_LISTED: usize = 20;

fn settings_view(r: Option<SettingsRecord>) -> RoyaltySettings {
    match r {
        None => RoyaltySettings {
            coefficients: default_coefficients(),
            unit_values: default_unit_values(),
            updated_at: None,
            updated_by_name: None,
            version: 0,
        },
        Some(r) => RoyaltySettings {
            coefficients: r.coefficients,
            unit_values: r.unit_values,
            updated_at: Some(r.at),
            updated_by_name: Some(r.by_name),
            version: r.version,
        },
    }
}

async fn current_settings(state: &AppState) -> Result<RoyaltySettings, ApiError> {
    Ok(settings_view(state.store.royalties().settings().await?))
}

async fn load_article(state: &AppState, id: i64) -> Result<Article, ApiError> {
    state
        .store
        .article(id)
        .await?
        .ok_or_else(|| ApiError::not_found("Không tìm thấy bài viết."))
}

async fn royalty_of(
    state: &AppState,
    article: &Article,
    settings: &RoyaltySettings,
) -> Result<ArticleRoyalty, ApiError> {
    let record = state
        .store
        .royalties()
        .royalty(article.id)
        .await?
        .unwrap_or_default();
    Ok(compute(article, &record, settings, state.today()))
}

/// The royalties of `ids`, in that order.
async fn royalties_of(state: &AppState, ids: &[i64]) -> Result<Vec<ArticleRoyalty>, ApiError> {
    let settings = current_settings(state).await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(a) = state.store.article(*id).await? {
            out.push(royalty_of(state, &a, &settings).await?);
        }
    }
    Ok(out)
}

/// `GET /royalties/settings` (version 0 and the defaults before the first save).
pub async fn get_settings(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Response, ApiError> {
    if !me.can(Permission::RoyaltiesSettings) {
        me.require(Permission::RoyaltiesView)?;
    }
    let s = current_settings(&state).await?;
    Ok(versioned(StatusCode::OK, &s, s.version))
}

/// `PUT /royalties/settings`: a new coefficient table and history of unit values.
pub async fn put_settings(
    State(state): State<AppState>,
    me: CurrentUser,
    if_match: IfMatch,
    ApiJson(req): ApiJson<RoyaltySettingsUpdate>,
) -> Result<Response, ApiError> {
    me.require(Permission::RoyaltiesSettings)?;
    let cur = current_settings(&state).await?;
    if_match.check(&cur, cur.version)?;
    ApiError::unless_valid(validate_settings(&req))?;
    let now = state.clock.now();
    let audit = NewAudit::success(
        now,
        &me.user,
        "royalty.settings",
        Some("royalty_settings".into()),
        Some(format!("version: {}", cur.version + 1)),
    );
    let saved = state
        .store
        .royalties()
        .save_settings(
            &req,
            cur.version,
            now,
            me.user.id,
            &me.user.full_name,
            audit,
        )
        .await
        .map_err(|e| match e {
            StoreError::VersionMismatch => ApiError::precondition_failed(&cur, cur.version),
            other => other.into(),
        })?;
    let s = settings_view(Some(saved));
    Ok(versioned(StatusCode::OK, &s, s.version))
}

/// `GET /articles/{id}/royalty`.
pub async fn get_article(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
) -> Result<Response, ApiError> {
    me.require(Permission::RoyaltiesView)?;
    let article = load_article(&state, id).await?;
    let settings = current_settings(&state).await?;
    let r = royalty_of(&state, &article, &settings).await?;
    Ok(versioned(StatusCode::OK, &r, r.version))
}

async fn save(
    state: &AppState,
    cur: &ArticleRoyalty,
    next: RoyaltyRecord,
    audit: NewAudit,
    article: &Article,
    settings: &RoyaltySettings,
) -> Result<Response, ApiError> {
    let saved = state
        .store
        .royalties()
        .save_royalty(article.id, &next, cur.version, audit)
        .await
        .map_err(|e| match e {
            StoreError::VersionMismatch => ApiError::precondition_failed(cur, cur.version),
            other => other.into(),
        })?;
    let r = compute(article, &saved, settings, state.today());
    Ok(versioned(StatusCode::OK, &r, r.version))
}

fn record_of(r: &ArticleRoyalty) -> RoyaltyRecord {
    RoyaltyRecord {
        coefficient_tenths: r.coefficient_tenths,
        remunerations: r.remunerations.clone(),
        assessed_at: r.assessed_at,
        assessed_by_name: r.assessed_by_name.clone(),
        paid_on: r.paid_on,
        paid_by_name: r.paid_by_name.clone(),
        version: r.version,
    }
}

/// `PUT /articles/{id}/royalty`: the chief editor's coefficient and remuneration entries.
pub async fn put_article(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
    if_match: IfMatch,
    ApiJson(req): ApiJson<RoyaltyAssessment>,
) -> Result<Response, ApiError> {
    me.require(Permission::RoyaltiesAssess)?;
    let article = load_article(&state, id).await?;
    let settings = current_settings(&state).await?;
    let cur = royalty_of(&state, &article, &settings).await?;
    if_match.check(&cur, cur.version)?;
    if cur.paid_on.is_some() {
        return Err(ApiError::conflict(
            "Nhuận bút của bài này đã chi trả, không sửa được hệ số và thù lao.",
        ));
    }
    ApiError::unless_valid(validate_assessment(
        &req,
        range_of(&settings.coefficients, article.kind),
    ))?;
    let now = state.clock.now();
    let next = RoyaltyRecord {
        coefficient_tenths: Some(req.coefficient_tenths),
        remunerations: req.remunerations,
        assessed_at: Some(now),
        assessed_by_name: Some(me.user.full_name.clone()),
        version: cur.version + 1,
        ..record_of(&cur)
    };
    let audit = NewAudit::success(
        now,
        &me.user,
        "royalty.assess",
        Some(format!("article:{id}")),
        Some(format!(
            "coefficient: {}; remunerations: {}",
            tenths_vn(req.coefficient_tenths),
            next.remunerations.len()
        )),
    );
    save(&state, &cur, next, audit, &article, &settings).await
}

/// `POST /articles/{id}/royalty/payment`: the royalty and remuneration were paid on a day.
pub async fn pay_article(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
    if_match: IfMatch,
    ApiJson(req): ApiJson<RoyaltyPayment>,
) -> Result<Response, ApiError> {
    me.require(Permission::RoyaltiesPay)?;
    let article = load_article(&state, id).await?;
    let settings = current_settings(&state).await?;
    let cur = royalty_of(&state, &article, &settings).await?;
    if_match.check(&cur, cur.version)?;
    let Some(published) = article.published_at else {
        return Err(ApiError::conflict(
            "Bài chưa đăng: chưa thể chi trả nhuận bút.",
        ));
    };
    if cur.coefficient_tenths.is_none() {
        return Err(ApiError::conflict(
            "Trưởng Ban Biên tập chưa chấm hệ số nhuận bút cho bài này.",
        ));
    }
    if cur.paid_on.is_some() {
        return Err(ApiError::conflict("Nhuận bút của bài này đã được chi trả."));
    }
    let published_on = vn_day(published);
    if req.paid_on < published_on || req.paid_on > state.today() {
        return Err(ApiError::validation(vec![FieldError::new(
            "paid_on",
            "out_of_range",
            format!(
                "Ngày chi trả phải từ ngày đăng bài ({}) đến hôm nay.",
                date_vn(published)
            ),
        )]));
    }
    let now = state.clock.now();
    let next = RoyaltyRecord {
        paid_on: Some(req.paid_on),
        paid_by_name: Some(me.user.full_name.clone()),
        version: cur.version + 1,
        ..record_of(&cur)
    };
    let audit = NewAudit::success(
        now,
        &me.user,
        "royalty.pay",
        Some(format!("article:{id}")),
        Some(format!(
            "paid_on: {}; total: {}",
            req.paid_on,
            number_vn(cur.total_vnd)
        )),
    );
    save(&state, &cur, next, audit, &article, &settings).await
}

/// `month=YYYY-MM` (default: this month in Asia/Ho_Chi_Minh) as its first day.
fn month_param(state: &AppState, params: &mut QueryParams) -> NaiveDate {
    let this_month = state.today().with_day(1).unwrap_or_else(|| state.today());
    match params.take("month") {
        None => this_month,
        Some(raw) => parse_month(raw.trim()).unwrap_or_else(|| {
            params.error(
                "month",
                "invalid_value",
                "Tháng phải có dạng YYYY-MM (năm 2000–2100).",
            );
            this_month
        }),
    }
}

fn wants_csv(params: &mut QueryParams) -> bool {
    match params.take("format").as_deref() {
        None | Some("json") => false,
        Some("csv") => true,
        Some(_) => {
            params.error("format", "invalid_value", "Chỉ nhận json hoặc csv.");
            false
        }
    }
}

const CSV_HEADER: [&str; 12] = [
    "Tháng",
    "Mã bài",
    "Tiêu đề",
    "Thể loại",
    "Ngày đăng",
    "Người nhận",
    "Loại",
    "Tỷ lệ (%)",
    "Hệ số",
    "Giá trị đơn vị (đồng)",
    "Số tiền (đồng)",
    "Ngày chi trả",
];

/// One row per person and article: authors (royalty) first, then remuneration; a total last.
fn sheet_rows(s: &RoyaltySheet) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for l in &s.lines {
        let base = |name: &str, what: &str, share: String, amount: String| {
            vec![
                s.month.clone(),
                l.article_id.to_string(),
                l.title.clone(),
                l.kind.label_vi().to_string(),
                l.published_at.map(date_vn).unwrap_or_default(),
                name.to_string(),
                what.to_string(),
                share,
                l.coefficient_tenths.map(tenths_vn).unwrap_or_default(),
                l.unit_value_vnd.map(|u| u.to_string()).unwrap_or_default(),
                amount,
                l.paid_on
                    .map(|d| d.format("%d/%m/%Y").to_string())
                    .unwrap_or_default(),
            ]
        };
        for a in &l.authors {
            rows.push(base(
                &a.name,
                "Nhuận bút",
                a.share.to_string(),
                a.amount_vnd.map(|v| v.to_string()).unwrap_or_default(),
            ));
        }
        for r in &l.remunerations {
            rows.push(base(
                &r.name,
                &format!("Thù lao – {}", r.role.label_vi()),
                String::new(),
                r.amount_vnd.to_string(),
            ));
        }
    }
    let mut total = vec![String::new(); CSV_HEADER.len()];
    total[0] = s.month.clone();
    total[5] = "Tổng cộng".into();
    total[10] = s.total_vnd.to_string();
    rows.push(total);
    rows
}

/// `GET /royalties/sheet?month=YYYY-MM&format=json|csv`: the month's royalty sheet.
pub async fn get_sheet(
    State(state): State<AppState>,
    me: CurrentUser,
    mut params: QueryParams,
) -> Result<Response, ApiError> {
    me.require(Permission::RoyaltiesView)?;
    let first = month_param(&state, &mut params);
    let csv = wants_csv(&mut params);
    params.finish()?;
    let ids = state
        .store
        .royalties()
        .published_between(vn_midnight(first), vn_midnight(next_month(first)))
        .await?;
    let lines = royalties_of(&state, &ids).await?;
    let month = format!("{:04}-{:02}", first.year(), first.month());
    let s = sheet(month, lines);
    if csv {
        let rows = sheet_rows(&s);
        return Ok(csv_response(
            &format!("bang-ke-nhuan-but-{}.csv", s.month),
            &CSV_HEADER,
            rows,
        ));
    }
    Ok(Json(s).into_response())
}

/// `GET /royalties/overdue`: published more than 60 days ago and not paid.
pub async fn get_overdue(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Json<OverdueRoyalties>, ApiError> {
    me.require(Permission::RoyaltiesView)?;
    // Due on publication day + 60: overdue when published before the start of the day 60
    // days before today.
    let cutoff = vn_midnight(state.today() - chrono::Duration::days(PAY_WITHIN_DAYS));
    let ids = state
        .store
        .royalties()
        .unpaid_published_before(cutoff)
        .await?;
    let items: Vec<ArticleRoyalty> = royalties_of(&state, &ids)
        .await?
        .into_iter()
        .filter(|r| r.overdue)
        .collect();
    Ok(Json(OverdueRoyalties {
        count: items.len() as u32,
        total_vnd: items.iter().map(|r| r.total_vnd).sum(),
        items: items.into_iter().take(OVERDUE_LISTED).collect(),
    }))
}
