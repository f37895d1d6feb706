//! User accounts (admin only).

use crate::auth;
use crate::http::error::ApiError;
use crate::http::extract::{ApiJson, CurrentUser, IfMatch, PathId, QueryParams};
use crate::http::respond::{check_name, created, versioned};
use crate::state::AppState;
use crate::store::{EndSessions, NewAudit, NewUserRecord, StoreError, SYSTEM_USERNAME};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use portal_contract::{
    admin_with_editorial, username_is_acceptable, FieldError, NewUser, Page, Permission,
    ProblemKind, Role, User, UserPatch,
};

const FULL_NAME_MAX: usize = 300;
const EMAIL_MAX: usize = 254;

fn check_email(errors: &mut Vec<FieldError>, email: &str) {
    let ok = email.chars().count() <= EMAIL_MAX
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
        });
    if !ok {
        errors.push(FieldError::new(
            "email",
            "invalid",
            "Địa chỉ email không hợp lệ.",
        ));
    }
}

fn check_password(errors: &mut Vec<FieldError>, password: &str) {
    if let Some((code, message)) = auth::new_password_problem(password) {
        errors.push(FieldError::new("password", code, message));
    }
}

fn check_roles(errors: &mut Vec<FieldError>, roles: &[Role], state: &AppState) {
    if roles.is_empty() {
        errors.push(FieldError::new(
            "roles",
            "required",
            "Chọn ít nhất một vai trò.",
        ));
    }
    if admin_with_editorial(roles) && !state.config.allow_admin_with_editorial_roles {
        errors.push(FieldError::new(
            "roles",
            "separation_of_duties",
            "Quản trị hệ thống không kiêm vai trò biên tập, duyệt hay đăng bài (tách biệt nhiệm vụ). Hãy dùng một tài khoản khác cho công việc biên tập.",
        ));
    }
}

fn normalise_roles(roles: &[Role]) -> Vec<Role> {
    let mut out = roles.to_vec();
    out.sort();
    out.dedup();
    out
}

/// Empty or blank e-mail means "none".
fn normalise_email(email: Option<&str>) -> Option<String> {
    email
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(str::to_string)
}

async fn hash(password: String) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || auth::hash_password(&password))
        .await
        .map_err(|_| ApiError::internal())?
        .map_err(|e| {
            tracing::error!(error = %e, "password hashing failed");
            ApiError::internal()
        })
}

/// The reserved user that acts for the server (scheduled publishing).
pub(crate) fn is_system_user(user: &User) -> bool {
    user.username.eq_ignore_ascii_case(SYSTEM_USERNAME)
}

/// `GET /users?page&per_page`.
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    mut query: QueryParams,
) -> Result<Json<Page<User>>, ApiError> {
    me.require(Permission::UsersManage)?;
    let (page, per_page) = query.pagination();
    query.finish()?;
    Ok(Json(state.store.list_users(page, per_page).await?))
}

/// `POST /users`: 201 with `Location` and `ETag`; a taken username is a 409.
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(new): ApiJson<NewUser>,
) -> Result<Response, ApiError> {
    me.require(Permission::UsersManage)?;
    let mut errors = Vec::new();
    if !username_is_acceptable(&new.username) {
        errors.push(FieldError::new(
            "username",
            "invalid",
            "Tên đăng nhập gồm 3–64 ký tự a-z, 0-9, dấu chấm, gạch dưới, gạch ngang và bắt đầu bằng chữ cái.",
        ));
    }
    check_name(&mut errors, "full_name", &new.full_name, FULL_NAME_MAX);
    let email = normalise_email(new.email.as_deref());
    if let Some(e) = &email {
        check_email(&mut errors, e);
    }
    check_roles(&mut errors, &new.roles, &state);
    check_password(&mut errors, &new.password);
    ApiError::unless_valid(errors)?;
    // Giving roles and a password: the administrator confirms with their own password.
    me.require_recent_password(state.clock.now())?;
    let password_hash = hash(new.password).await?;
    let now = state.clock.now();
    let record = NewUserRecord {
        username: new.username.clone(),
        full_name: new.full_name.trim().to_string(),
        email,
        roles: normalise_roles(&new.roles),
        active: true,
        password_hash,
        at: now,
    };
    let roles: Vec<&str> = record.roles.iter().map(|r| r.as_str()).collect();
    let audit = NewAudit::success(
        now,
        &me.user,
        "user.create",
        None,
        Some(format!("roles: {}", roles.join(", "))),
    );
    match state.store.create_user(&record, Some(audit)).await {
        Ok(user) => Ok(created(
            &format!("/api/v1/users/{}", user.id),
            &user,
            user.version,
        )),
        Err(StoreError::Conflict(_)) => {
            let mut e = ApiError::conflict("Tên đăng nhập đã được sử dụng.");
            e.problem.errors = vec![FieldError::new(
                "username",
                "taken",
                "Tên đăng nhập đã được sử dụng.",
            )];
            Err(e)
        }
        Err(e) => Err(e.into()),
    }
}

/// `GET /users/{id}`.
pub async fn get_one(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
) -> Result<Response, ApiError> {
    me.require(Permission::UsersManage)?;
    let user = state
        .store
        .user(id)
        .await?
        .ok_or_else(|| ApiError::not_found("Không tìm thấy người dùng."))?;
    Ok(versioned(StatusCode::OK, &user, user.version))
}

/// `PATCH /users/{id}` with `If-Match`: changes only the fields present.
pub async fn update(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
    if_match: IfMatch,
    ApiJson(patch): ApiJson<UserPatch>,
) -> Result<Response, ApiError> {
    me.require(Permission::UsersManage)?;
    let current = state
        .store
        .user(id)
        .await?
        .ok_or_else(|| ApiError::not_found("Không tìm thấy người dùng."))?;
    // Activated or given a password or roles, the server's own actor would become a login.
    if is_system_user(&current) {
        return Err(ApiError::new(
            ProblemKind::Forbidden,
            "Đây là tài khoản hệ thống dùng để đăng bài theo lịch; không thể sửa, kích hoạt, \
             đặt mật khẩu hay gán vai trò cho tài khoản này.",
        ));
    }
    if_match.check(&current, current.version)?;

    let mut errors = Vec::new();
    let mut next = current.clone();
    let mut changed = Vec::new();
    if let Some(name) = &patch.full_name {
        check_name(&mut errors, "full_name", name, FULL_NAME_MAX);
        next.full_name = name.trim().to_string();
        changed.push("full_name");
    }
    if let Some(email) = &patch.email {
        next.email = normalise_email(Some(email));
        if let Some(e) = &next.email {
            check_email(&mut errors, e);
        }
        changed.push("email");
    }
    if let Some(roles) = &patch.roles {
        check_roles(&mut errors, roles, &state);
        next.roles = normalise_roles(roles);
        if next.roles != current.roles {
            changed.push("roles");
        }
    }
    if let Some(active) = patch.active {
        next.active = active;
        changed.push("active");
    }
    if let Some(p) = &patch.password {
        check_password(&mut errors, p);
        changed.push("password");
    }
    if id == me.user.id {
        if !next.active {
            errors.push(FieldError::new(
                "active",
                "self_deactivation",
                "Bạn không thể tự khóa tài khoản của mình.",
            ));
        }
        if next.roles != current.roles {
            errors.push(FieldError::new(
                "roles",
                "self_roles",
                "Bạn không thể tự thay đổi vai trò của mình; một quản trị viên khác cần làm việc này.",
            ));
        }
    }
    ApiError::unless_valid(errors)?;
    if changed.is_empty() {
        return Ok(versioned(StatusCode::OK, &current, current.version));
    }
    // Roles, and another user's password, need the administrator's own password again.
    if changed.contains(&"roles") || (changed.contains(&"password") && id != me.user.id) {
        me.require_recent_password(state.clock.now())?;
    }

    let new_hash = match patch.password {
        Some(p) => Some(hash(p).await?),
        None => None,
    };
    // Deactivation ends every session at once; a password set by someone else does too. Whoever
    // changes their own password keeps the session they did it from and loses every other.
    let end_sessions =
        if (current.active && !next.active) || (new_hash.is_some() && id != me.user.id) {
            EndSessions::All
        } else if new_hash.is_some() {
            EndSessions::AllBut(me.token_hash.clone())
        } else {
            EndSessions::None
        };
    let now = state.clock.now();
    next.version = current.version + 1;
    next.updated_at = now;
    let audit = NewAudit::success(
        now,
        &me.user,
        "user.update",
        Some(format!("user:{id}")),
        Some(if changed.contains(&"roles") {
            let roles: Vec<&str> = next.roles.iter().map(|r| r.as_str()).collect();
            format!(
                "fields: {}; roles: {}",
                changed.join(", "),
                roles.join(", ")
            )
        } else {
            format!("fields: {}", changed.join(", "))
        }),
    );
    match state
        .store
        .update_user(
            &next,
            current.version,
            new_hash.as_deref(),
            end_sessions,
            audit,
        )
        .await
    {
        Ok(user) => Ok(versioned(StatusCode::OK, &user, user.version)),
        Err(StoreError::VersionMismatch) => {
            let fresh = state
                .store
                .user(id)
                .await?
                .ok_or_else(|| ApiError::not_found("Không tìm thấy người dùng."))?;
            Err(ApiError::precondition_failed(&fresh, fresh.version))
        }
        Err(e) => Err(e.into()),
    }
}
