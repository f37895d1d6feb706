//! The audit log with its filters (`GET /audit`).

use crate::http::error::ApiError;
use crate::http::extract::{CurrentUser, QueryParams};
use crate::state::AppState;
use crate::store::AuditQuery;
use axum::extract::State;
use axum::Json;
use chrono::NaiveDate;
use portal_contract::{
    AuditEntry, AuditFilter, Page, Permission, AUDIT_FILTER_MAX_CHARS, AUDIT_OUTCOMES,
};

/// A text filter of the audit log: trimmed, at most [`AUDIT_FILTER_MAX_CHARS`], one line.
fn audit_text(query: &mut QueryParams, name: &str) -> Option<String> {
    let raw = query.take(name)?;
    let value = raw.trim();
    if value.chars().count() > AUDIT_FILTER_MAX_CHARS {
        query.error(
            name,
            "too_long",
            &format!("Tối đa {AUDIT_FILTER_MAX_CHARS} ký tự."),
        );
        None
    } else if value.chars().any(char::is_control) {
        query.error(name, "invalid_characters", "Chứa ký tự không hợp lệ.");
        None
    } else {
        Some(value.to_string())
    }
}

/// A calendar day `YYYY-MM-DD` (in Asia/Ho_Chi_Minh).
fn audit_day(query: &mut QueryParams, name: &str) -> Option<NaiveDate> {
    let raw = query.take(name)?;
    let raw = raw.trim();
    match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
        Ok(d) if raw.len() == 10 => Some(d),
        _ => {
            query.error(
                name,
                "invalid_date",
                "Ngày phải có dạng YYYY-MM-DD (năm-tháng-ngày).",
            );
            None
        }
    }
}

/// The filters of `GET /audit`, each checked; every problem is reported at once.
pub fn audit_filter(query: &mut QueryParams) -> AuditFilter {
    let actor = audit_text(query, "actor");
    let action = audit_text(query, "action");
    let target = audit_text(query, "target");
    let outcome = audit_text(query, "outcome");
    let outcome = match outcome {
        Some(o) if !AUDIT_OUTCOMES.contains(&o.as_str()) => {
            query.error(
                "outcome",
                "invalid_value",
                "Kết quả chỉ nhận success hoặc failure.",
            );
            None
        }
        o => o,
    };
    let from = audit_day(query, "from");
    let to = audit_day(query, "to");
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            query.error(
                "to",
                "before_from",
                "Ngày kết thúc phải từ ngày bắt đầu trở đi.",
            );
        }
    }
    AuditFilter {
        actor,
        action,
        outcome,
        target,
        from,
        to,
    }
}

/// `GET /audit?page&per_page&actor&action&outcome&target&from&to` (admin): newest first.
/// Read only: no route changes or deletes a line.
pub async fn audit(
    State(state): State<AppState>,
    me: CurrentUser,
    mut query: QueryParams,
) -> Result<Json<Page<AuditEntry>>, ApiError> {
    me.require(Permission::AuditRead)?;
    let (page, per_page) = query.pagination();
    let filter = audit_filter(&mut query);
    query.finish()?;
    let q = AuditQuery {
        page,
        per_page,
        filter,
    };
    Ok(Json(state.store.list_audit(&q).await?))
}
