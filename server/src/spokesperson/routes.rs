//! The spokesperson's details: the board keeps them current, the portal reads them.

use super::SpokespersonRecord;
use crate::http::error::ApiError;
use crate::http::extract::{ApiJson, CurrentUser, IfMatch};
use crate::http::respond::versioned;
use crate::state::AppState;
use crate::store::{NewAudit, StoreError};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use portal_contract::spokesperson::{
    validate, PublicSpokesperson, Spokesperson, SpokespersonUpdate, SpokespersonVersion,
};
use portal_contract::Permission;

fn view(state: &AppState, r: Option<SpokespersonRecord>) -> Spokesperson {
    let days = state.config.spokesperson_stale_days;
    let now = state.clock.now();
    match r {
        None => Spokesperson {
            content: Default::default(),
            updated_at: None,
            updated_by_name: None,
            confirmed_at: None,
            stale_after_days: days,
            stale: true,
            version: 0,
        },
        Some(r) => Spokesperson {
            stale: now - r.confirmed_at > chrono::Duration::days(i64::from(days)),
            content: r.content,
            updated_at: Some(r.updated_at),
            updated_by_name: Some(r.updated_by_name),
            confirmed_at: Some(r.confirmed_at),
            stale_after_days: days,
            version: r.version,
        },
    }
}

async fn current(state: &AppState) -> Result<Spokesperson, ApiError> {
    let r = state.store.spokesperson().spokesperson().await?;
    Ok(view(state, r))
}

/// `GET /spokesperson` (version 0 and empty before the first save).
pub async fn get_current(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Response, ApiError> {
    me.require(Permission::SpokespersonView)?;
    let s = current(&state).await?;
    Ok(versioned(StatusCode::OK, &s, s.version))
}

async fn save(
    state: &AppState,
    me: &CurrentUser,
    if_match: IfMatch,
    update: Option<SpokespersonUpdate>,
) -> Result<Response, ApiError> {
    me.require(Permission::SpokespersonEdit)?;
    let cur = current(state).await?;
    if_match.check(&cur, cur.version)?;
    if let Some(u) = &update {
        ApiError::unless_valid(validate(&u.content))?;
    } else if cur.version == 0 {
        return Err(ApiError::conflict(
            "Chưa có thông tin người phát ngôn để xác nhận.",
        ));
    }
    let now = state.clock.now();
    let action = if update.is_some() {
        "spokesperson.update"
    } else {
        "spokesperson.confirm"
    };
    let audit = NewAudit::success(now, &me.user, action, Some("spokesperson".into()), None);
    let saved = state
        .store
        .spokesperson()
        .save_spokesperson(
            update.as_ref().map(|u| &u.content),
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
    let s = view(state, Some(saved));
    Ok(versioned(StatusCode::OK, &s, s.version))
}

/// `PUT /spokesperson`: new details (validated as the form does).
pub async fn update(
    State(state): State<AppState>,
    me: CurrentUser,
    if_match: IfMatch,
    ApiJson(req): ApiJson<SpokespersonUpdate>,
) -> Result<Response, ApiError> {
    save(&state, &me, if_match, Some(req)).await
}

/// `POST /spokesperson/confirm`: the details were checked and are still right.
pub async fn confirm(
    State(state): State<AppState>,
    me: CurrentUser,
    if_match: IfMatch,
) -> Result<Response, ApiError> {
    save(&state, &me, if_match, None).await
}

/// `GET /spokesperson/versions`: every saved version, newest first.
pub async fn versions(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Json<Vec<SpokespersonVersion>>, ApiError> {
    me.require(Permission::SpokespersonView)?;
    Ok(Json(
        state.store.spokesperson().spokesperson_versions().await?,
    ))
}

/// `GET /public/spokesperson`: what the portal shows; 404 before the first save.
pub async fn public(State(state): State<AppState>) -> Result<Json<PublicSpokesperson>, ApiError> {
    let r = state
        .store
        .spokesperson()
        .spokesperson()
        .await?
        .ok_or_else(|| ApiError::not_found("Chưa có thông tin người phát ngôn."))?;
    Ok(Json(PublicSpokesperson {
        spokesperson: r.content.spokesperson,
        press_info: r.content.press_info,
        deputy: r.content.deputy,
        updated_at: r.updated_at,
    }))
}
