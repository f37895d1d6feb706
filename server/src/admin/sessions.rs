//! Live sessions, for the administrator: who is signed in, and ending a session.

use crate::auth;
use crate::http::error::ApiError;
use crate::http::extract::{CurrentUser, PathId, QueryParams};
use crate::state::AppState;
use crate::store::NewAudit;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use portal_contract::{ActiveSession, Page, Permission};

/// `GET /sessions?page&per_page` (`users.manage`): live sessions, most recently active first.
/// No token, no hash, no address: who, since when, until when.
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    mut query: QueryParams,
) -> Result<Json<Page<ActiveSession>>, ApiError> {
    me.require(Permission::UsersManage)?;
    let (page, per_page) = query.pagination();
    query.finish()?;
    let mut list = state
        .store
        .list_sessions(state.clock.now(), page, per_page)
        .await?;
    for s in &mut list.items {
        s.current = s.id == me.session_id;
    }
    Ok(Json(list))
}

/// `DELETE /sessions/{id}` (`users.manage`): ends the session at once (audited as
/// `session.end`). Ending one's own session signs out, and the cookie is cleared.
pub async fn end(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
) -> Result<Response, ApiError> {
    me.require(Permission::UsersManage)?;
    let audit = NewAudit::success(
        state.clock.now(),
        &me.user,
        "session.end",
        None,
        Some(format!("session: {id}")),
    );
    if !state.store.end_session(id, audit).await? {
        return Err(ApiError::not_found(
            "Không tìm thấy phiên đăng nhập này (có thể phiên đã kết thúc).",
        ));
    }
    let mut res = StatusCode::NO_CONTENT.into_response();
    if id == me.session_id {
        let secure = state.config.secure_cookies;
        res.headers_mut()
            .insert(header::SET_COOKIE, auth::clear_session_cookie(secure));
    }
    Ok(res)
}
