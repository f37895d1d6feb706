//! Sign in, who am I, sign out.

use crate::auth;
use crate::http::error::ApiError;
use crate::http::extract::{ApiJson, ClientIp, CurrentUser};
use crate::session::throttle::{self, Verdict};
use crate::state::AppState;
use crate::store::{EndSessions, NewAudit, SessionRecord, StoreError};
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use portal_contract::{
    permissions_for, FieldError, LoginRequest, PasswordChange, ProblemKind, Reauthentication,
    SessionInfo, MAX_LOGIN_PASSWORD, MAX_LOGIN_USERNAME,
};
use tokio::sync::OwnedSemaphorePermit;

/// The one answer to every failed login, whatever the reason.
fn bad_credentials() -> ApiError {
    ApiError::new(
        ProblemKind::Unauthenticated,
        "Tên đăng nhập hoặc mật khẩu không đúng.",
    )
}

fn failed_login_audit(state: &AppState, tried: &str, detail: Option<&str>) -> NewAudit {
    NewAudit {
        at: state.clock.now(),
        actor_id: None,
        actor_name: tried.to_string(),
        action: "login_failed".to_string(),
        target: None,
        outcome: "failure".to_string(),
        detail: detail.map(str::to_string),
    }
}

/// 503 when every core is already checking a password: the client tries again in a second.
fn busy() -> ApiError {
    ApiError::custom(
        StatusCode::SERVICE_UNAVAILABLE,
        "login-busy",
        "Server busy",
        "Máy chủ đang bận kiểm tra đăng nhập. Vui lòng thử lại sau giây lát.",
    )
    .with_header(header::RETRY_AFTER, HeaderValue::from_static("1"))
}

/// 422 for a username or password longer than any the product accepts, before any hashing.
fn over_long(username: &str, password: &str) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    if username.chars().count() > MAX_LOGIN_USERNAME {
        errors.push(FieldError::new(
            "username",
            "too_long",
            format!("Tên đăng nhập tối đa {MAX_LOGIN_USERNAME} ký tự."),
        ));
    }
    if password.chars().count() > MAX_LOGIN_PASSWORD {
        errors.push(FieldError::new(
            "password",
            "too_long",
            format!("Mật khẩu tối đa {MAX_LOGIN_PASSWORD} ký tự."),
        ));
    }
    ApiError::unless_valid(errors)
}

/// What must hold before a password is hashed, cheapest first: a free core (else 503), then
/// the throttle, which counts this attempt as it checks it (else 429 saying `refused` and when
/// to try again; `audit` is appended for the first refusal of a key in its window only). Gives
/// the core's permit, to hold while hashing, and the keys counted, to give back on success.
async fn before_hashing(
    state: &AppState,
    username: &str,
    client: Option<std::net::IpAddr>,
    refused: &str,
    audit: Option<NewAudit>,
) -> Result<(OwnedSemaphorePermit, Vec<(String, u32)>), ApiError> {
    let Ok(permit) = state.logins.hashes.clone().try_acquire_owned() else {
        return Err(busy());
    };
    let secret = state.logins.secret(state.store.as_ref()).await?;
    let client = client.map(|ip| throttle::client_key(secret, ip));
    let keys = throttle::keys(username, client.as_deref(), &state.logins.policy);
    let verdict = state
        .store
        .login_attempt(&keys, state.clock.now(), &state.logins.policy)
        .await?;
    let Verdict::Refused {
        retry_after_secs,
        audit: first,
    } = verdict
    else {
        return Ok((permit, keys));
    };
    if let Some(a) = audit.filter(|_| first) {
        state.store.append_audit(a).await?;
    }
    let minutes = retry_after_secs.div_ceil(60);
    Err(ApiError::new(
        ProblemKind::TooManyRequests,
        format!("{refused} Vui lòng thử lại sau khoảng {minutes} phút."),
    )
    .with_header(
        header::RETRY_AFTER,
        HeaderValue::from_str(&retry_after_secs.to_string())
            .unwrap_or(HeaderValue::from_static("900")),
    ))
}

/// Checks `password` against `phc` off the async workers (Argon2id is slow on purpose),
/// holding the core's `permit` until it is done.
async fn verify_off_thread(password: String, phc: String, permit: OwnedSemaphorePermit) -> bool {
    tokio::task::spawn_blocking(move || {
        let ok = auth::verify_password(&password, &phc);
        drop(permit);
        ok
    })
    .await
    .unwrap_or(false)
}

/// `POST /session`: checks the password and opens a session.
///
/// Each step is cheaper than the next: the body's size (the route's limit) and the fields'
/// lengths; a free core; the throttle; then Argon2id.
pub async fn login(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    headers: HeaderMap,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<Response, ApiError> {
    over_long(&req.username, &req.password)?;
    let now = state.clock.now();
    let username = req.username.trim().to_lowercase();
    // What the audit log shows of the name that was tried: bounded, one line.
    let tried: String = username
        .chars()
        .filter(|c| !c.is_control())
        .take(64)
        .collect();
    let throttled = failed_login_audit(
        &state,
        &tried,
        Some("throttled: further refusals of this key in this window are not logged"),
    );
    let (permit, keys) = before_hashing(
        &state,
        &username,
        client,
        "Đăng nhập sai quá nhiều lần.",
        Some(throttled),
    )
    .await?;

    // The server's own actor never logs in, whatever its row says; it costs a full hash like
    // an unknown name, so timing does not tell it apart either.
    let credentials = state
        .store
        .user_credentials(&username)
        .await?
        .filter(|(user, _)| !crate::admin::is_system_user(user));
    let phc = credentials
        .as_ref()
        .map(|(_, h)| h.clone())
        .unwrap_or_else(|| auth::dummy_hash().to_string());
    let password_ok = verify_off_thread(req.password, phc, permit).await;

    let user = match credentials {
        Some((user, _)) if password_ok && user.active => user,
        _ => {
            state
                .store
                .append_audit(failed_login_audit(&state, &tried, None))
                .await?;
            return Err(bad_credentials());
        }
    };
    state.store.login_succeeded(&keys).await?;

    // A session cookie the browser still had is replaced, not kept alive beside the new one.
    if let Some(old) = auth::session_token(&headers, state.config.secure_cookies) {
        state
            .store
            .delete_session(&auth::token_hash(&old), None)
            .await?;
    }
    let token = auth::new_session_token();
    let absolute_expires_at = now + state.config.session_absolute;
    let session = SessionRecord {
        id: 0,
        token_hash: auth::token_hash(&token),
        user_id: user.id,
        created_at: now,
        idle_expires_at: (now + state.config.session_idle).min(absolute_expires_at),
        absolute_expires_at,
        reauthenticated_at: None,
    };
    state
        .store
        .create_session(
            &session,
            NewAudit::success(now, &user, "login", Some(format!("user:{}", user.id)), None),
        )
        .await?;
    let secure = state.config.secure_cookies;
    let info = SessionInfo {
        permissions: permissions_for(&user.roles),
        user,
        idle_expires_at: session.idle_expires_at,
        absolute_expires_at: session.absolute_expires_at,
    };
    let mut res = (StatusCode::OK, Json(info)).into_response();
    res.headers_mut()
        .insert(header::SET_COOKIE, auth::session_cookie(&token, secure));
    Ok(res)
}

/// `GET /session`: who is signed in, with what permissions, until when.
pub async fn current(me: CurrentUser) -> Json<SessionInfo> {
    Json(SessionInfo {
        user: me.user,
        permissions: me.permissions,
        idle_expires_at: me.idle_expires_at,
        absolute_expires_at: me.absolute_expires_at,
    })
}

/// `DELETE /session`: ends the session (if any) and clears the cookie. Always 204.
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if let Some(token) = auth::session_token(&headers, state.config.secure_cookies) {
        let hash = auth::token_hash(&token);
        let audit = match state.store.session(&hash).await? {
            Some((_, user)) => Some(NewAudit::success(
                state.clock.now(),
                &user,
                "logout",
                Some(format!("user:{}", user.id)),
                None,
            )),
            None => None,
        };
        state.store.delete_session(&hash, audit).await?;
    }
    let secure = state.config.secure_cookies;
    let mut res = StatusCode::NO_CONTENT.into_response();
    res.headers_mut()
        .insert(header::SET_COOKIE, auth::clear_session_cookie(secure));
    Ok(res)
}

/// The signed-in user's own password typed again (to change it, or to confirm a change of
/// roles), checked as a login is: its length, a free core, the throttle, then Argon2id. A right
/// one gives its attempts back; a wrong one is audited as `action` (with `detail`) failing and
/// answered 422 on `field` with `message`.
async fn check_own_password(
    state: &AppState,
    me: &CurrentUser,
    client: Option<std::net::IpAddr>,
    password: String,
    (field, message): (&str, &str),
    (action, detail): (&str, Option<&str>),
) -> Result<(), ApiError> {
    over_long(&me.user.username, &password)?;
    let username = me.user.username.to_lowercase();
    let (permit, keys) = before_hashing(
        state,
        &username,
        client,
        "Nhập sai mật khẩu quá nhiều lần.",
        None,
    )
    .await?;
    let phc = state
        .store
        .user_credentials(&username)
        .await?
        .map(|(_, h)| h)
        .ok_or_else(ApiError::unauthenticated)?;
    if verify_off_thread(password, phc, permit).await {
        state.store.login_succeeded(&keys).await?;
        return Ok(());
    }
    let target = Some(format!("user:{}", me.user.id));
    state
        .store
        .append_audit(NewAudit {
            outcome: "failure".to_string(),
            ..NewAudit::success(
                state.clock.now(),
                &me.user,
                action,
                target,
                detail.map(str::to_string),
            )
        })
        .await?;
    Err(ApiError::validation(vec![FieldError::new(
        field, "wrong", message,
    )]))
}

/// `PUT /session/password`: the signed-in user changes their own password. The current one
/// must be right (a wrong one counts toward the login throttle); every other session of the
/// user ends, this one stays.
pub async fn change_password(
    State(state): State<AppState>,
    me: CurrentUser,
    ClientIp(client): ClientIp,
    ApiJson(req): ApiJson<PasswordChange>,
) -> Result<StatusCode, ApiError> {
    let now = state.clock.now();
    if let Some((code, message)) = auth::new_password_problem(&req.new_password) {
        return Err(ApiError::validation(vec![FieldError::new(
            "new_password",
            code,
            message,
        )]));
    }
    check_own_password(
        &state,
        &me,
        client,
        req.current_password,
        ("current_password", "Mật khẩu hiện tại không đúng."),
        ("user.password_change", Some("wrong current password")),
    )
    .await?;
    let new_password = req.new_password;
    let hash = tokio::task::spawn_blocking(move || auth::hash_password(&new_password))
        .await
        .map_err(|_| ApiError::internal())?
        .map_err(|e| {
            tracing::error!(error = %e, "password hashing failed");
            ApiError::internal()
        })?;
    // The account may have changed since this request read it (an administrator's edit): read
    // it again once before giving up.
    for _ in 0..2 {
        let fresh = state
            .store
            .user(me.user.id)
            .await?
            .ok_or_else(ApiError::unauthenticated)?;
        let mut next = fresh.clone();
        next.version = fresh.version + 1;
        next.updated_at = now;
        let audit = NewAudit::success(
            now,
            &me.user,
            "user.password_change",
            Some(format!("user:{}", me.user.id)),
            None,
        );
        match state
            .store
            .update_user(
                &next,
                fresh.version,
                Some(&hash),
                EndSessions::AllBut(me.token_hash.clone()),
                audit,
            )
            .await
        {
            Ok(_) => return Ok(StatusCode::NO_CONTENT),
            Err(StoreError::VersionMismatch) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(ApiError::conflict(
        "Tài khoản vừa được thay đổi ở nơi khác; vui lòng thử lại.",
    ))
}

/// `POST /session/reauthenticate`: the signed-in user types their password again; for
/// [`portal_contract::REAUTH_MINUTES`] minutes this session may change roles and other users'
/// passwords. A wrong password counts toward the login throttle, as at login.
pub async fn reauthenticate(
    State(state): State<AppState>,
    me: CurrentUser,
    ClientIp(client): ClientIp,
    ApiJson(req): ApiJson<Reauthentication>,
) -> Result<StatusCode, ApiError> {
    check_own_password(
        &state,
        &me,
        client,
        req.password,
        ("password", "Mật khẩu không đúng."),
        ("session.reauthenticate", None),
    )
    .await?;
    let now = state.clock.now();
    let target = Some(format!("user:{}", me.user.id));
    let audit = NewAudit::success(now, &me.user, "session.reauthenticate", target, None);
    state
        .store
        .mark_reauthenticated(&me.token_hash, now, audit)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
