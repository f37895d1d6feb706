//! Health, workflow and the audit log.

use crate::error::ApiError;
use crate::extract::{CurrentUser, QueryParams};
use crate::AppState;
use axum::extract::State;
use axum::Json;
use portal_contract::{AuditEntry, Health, Page, Permission, Workflow};

/// `GET /health` (public).
pub async fn health(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    state.store.ping().await.map_err(|e| {
        tracing::error!(error = %e, "database does not answer");
        ApiError::unavailable()
    })?;
    Ok(Json(Health {
        status: "ok".to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        database: state.store.backend().to_string(),
    }))
}

/// `GET /workflow` (any signed-in user).
pub async fn workflow(State(state): State<AppState>, _me: CurrentUser) -> Json<Workflow> {
    Json((*state.workflow).clone())
}

/// `GET /audit?page&per_page` (admin): newest first.
pub async fn audit(
    State(state): State<AppState>,
    me: CurrentUser,
    mut query: QueryParams,
) -> Result<Json<Page<AuditEntry>>, ApiError> {
    me.require(Permission::AuditRead)?;
    let (page, per_page) = query.pagination();
    query.finish()?;
    Ok(Json(state.store.list_audit(page, per_page).await?))
}
