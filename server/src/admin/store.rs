//! Storage of users, the administrator's view of sessions, and the audit log: the trait, its
//! rows, and its SQL written once for both engines (how usernames compare and sort is the
//! engines' own: `SAME_USERNAME`, `USERNAME_ORDER`).

use super::model::{AuditQuery, EndSessions, NewUserRecord};
use crate::db::{from_json, like_pattern, parse_ts, ts, NewAudit, StoreResult};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use portal_contract::{ActiveSession, AuditEntry, Page, Role, User};
use sqlx::{FromRow, QueryBuilder};

#[async_trait]
pub trait AdminStore: Send + Sync {
    async fn count_users(&self) -> StoreResult<i64>;
    /// Fails with `Conflict` when the username is taken. Appends `audit` (target filled in).
    async fn create_user(&self, user: &NewUserRecord, audit: Option<NewAudit>)
        -> StoreResult<User>;
    async fn user(&self, id: i64) -> StoreResult<Option<User>>;
    /// The user and the PHC string of their password, by username.
    async fn user_credentials(&self, username: &str) -> StoreResult<Option<(User, String)>>;
    async fn list_users(&self, page: u32, per_page: u32) -> StoreResult<Page<User>>;
    /// Writes `user`'s editable fields (and version, updated_at) if the stored version is still
    /// `expected_version`, else `VersionMismatch`. Optionally sets a new password hash and
    /// ends sessions of the user (`end_sessions`), all in one transaction with the audit line.
    async fn update_user(
        &self,
        user: &User,
        expected_version: i64,
        new_password_hash: Option<&str>,
        end_sessions: EndSessions,
        audit: NewAudit,
    ) -> StoreResult<User>;

    /// Sessions still live at `now` (neither expiry passed), most recently active first, with
    /// their users' names; `current` is left `false` for the caller to set.
    async fn list_sessions(
        &self,
        now: DateTime<Utc>,
        page: u32,
        per_page: u32,
    ) -> StoreResult<Page<ActiveSession>>;
    /// Ends the session numbered `id` and appends `audit` (its `target` filled in as
    /// `user:<the session's user>`) in one transaction; `false`, with no audit line, when there
    /// is no such session.
    async fn end_session(&self, id: i64, audit: NewAudit) -> StoreResult<bool>;

    /// The reserved user that acts for the server ([`super::SYSTEM_USERNAME`]).
    async fn system_user(&self) -> StoreResult<User>;
    async fn append_audit(&self, entry: NewAudit) -> StoreResult<()>;
    /// The lines that pass `query.filter`, newest first. There is deliberately no method that
    /// changes or deletes a line (and the database refuses it too).
    async fn list_audit(&self, query: &AuditQuery) -> StoreResult<Page<AuditEntry>>;
}

#[derive(FromRow)]
pub(crate) struct UserRow {
    id: i64,
    username: String,
    full_name: String,
    email: Option<String>,
    roles: String,
    active: bool,
    version: i64,
    created_at: String,
    updated_at: String,
}

pub(crate) const USER_COLUMNS: &str =
    "id, username, full_name, email, roles, active, version, created_at, updated_at";

impl UserRow {
    pub(crate) fn into_user(self) -> StoreResult<User> {
        Ok(User {
            id: self.id,
            username: self.username,
            full_name: self.full_name,
            email: self.email,
            roles: from_json::<Vec<Role>>(&self.roles, "users.roles")?,
            active: self.active,
            version: self.version,
            created_at: parse_ts(&self.created_at, "users.created_at")?,
            updated_at: parse_ts(&self.updated_at, "users.updated_at")?,
        })
    }
}

/// The system user is never counted or listed (usernames compare without regard to case).
pub(crate) const NOT_SYSTEM: &str = "lower(username) <> 'system'";

/// A line of the audit log as both stores read it.
#[derive(FromRow)]
pub(crate) struct AuditRow {
    id: i64,
    at: String,
    actor_id: Option<i64>,
    actor_name: String,
    action: String,
    target: Option<String>,
    outcome: String,
    detail: Option<String>,
}

impl AuditRow {
    pub(crate) fn into_entry(self) -> StoreResult<AuditEntry> {
        Ok(AuditEntry {
            id: self.id,
            at: parse_ts(&self.at, "audit_log.at")?,
            actor_id: self.actor_id,
            actor_name: self.actor_name,
            action: self.action,
            target: self.target,
            outcome: self.outcome,
            detail: self.detail,
        })
    }
}

/// The audit viewer's filters as a WHERE clause, in either store's SQL. An action filter
/// `article` also matches `article.update`; a target filter without `:` (`user`) matches every
/// target of that kind.
pub(crate) fn push_audit_filters<'a, DB: sqlx::Database>(
    qb: &mut QueryBuilder<'a, DB>,
    f: &'a portal_contract::AuditFilter,
) where
    String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    qb.push(" WHERE 1 = 1");
    if let Some(actor) = &f.actor {
        // lower() on both sides: LIKE ignores ASCII case on SQLite but not on PostgreSQL.
        qb.push(" AND lower(actor_name) LIKE lower(")
            .push_bind(like_pattern(actor))
            .push(")")
            .push(" ESCAPE '\\'");
    }
    if let Some(action) = &f.action {
        qb.push(" AND (action = ")
            .push_bind(action.clone())
            .push(" OR substr(action, 1, CAST(")
            .push_bind(action.chars().count() as i64 + 1)
            .push(" AS INTEGER)) = ")
            .push_bind(format!("{action}."))
            .push(")");
    }
    if let Some(outcome) = &f.outcome {
        qb.push(" AND outcome = ").push_bind(outcome.clone());
    }
    if let Some(target) = &f.target {
        if target.contains(':') {
            qb.push(" AND target = ").push_bind(target.clone());
        } else {
            qb.push(" AND substr(target, 1, CAST(")
                .push_bind(target.chars().count() as i64 + 1)
                .push(" AS INTEGER)) = ")
                .push_bind(format!("{target}:"));
        }
    }
    if let Some(from) = f.from {
        qb.push(" AND at >= ")
            .push_bind(ts(portal_contract::format::vn_midnight(from)));
    }
    if let Some(to) = f.to.and_then(|d| d.succ_opt()) {
        qb.push(" AND at < ")
            .push_bind(ts(portal_contract::format::vn_midnight(to)));
    }
}

/// The audit log's columns, in the order of [`AuditRow`].
pub(crate) const AUDIT_COLUMNS: &str =
    "id, at, actor_id, actor_name, action, target, outcome, detail";

/// A live session with its user, as both stores list them.
#[derive(FromRow)]
pub(crate) struct ActiveSessionRow {
    id: i64,
    user_id: i64,
    username: String,
    full_name: String,
    #[sqlx(flatten)]
    times: SessionTimesRow,
}

impl ActiveSessionRow {
    pub(crate) fn into_session(self) -> StoreResult<ActiveSession> {
        let (created_at, idle_expires_at, absolute_expires_at) = self.times.parse()?;
        Ok(ActiveSession {
            id: self.id,
            user_id: self.user_id,
            username: self.username,
            full_name: self.full_name,
            created_at,
            idle_expires_at,
            absolute_expires_at,
            current: false,
        })
    }
}

/// A session's three times as stored, read the same for a login and for the admin's list.
#[derive(FromRow)]
pub(crate) struct SessionTimesRow {
    created_at: String,
    idle_expires_at: String,
    absolute_expires_at: String,
}

impl SessionTimesRow {
    /// Created, idle expiry, absolute expiry.
    pub(crate) fn parse(&self) -> StoreResult<(DateTime<Utc>, DateTime<Utc>, DateTime<Utc>)> {
        Ok((
            parse_ts(&self.created_at, "sessions.created_at")?,
            parse_ts(&self.idle_expires_at, "sessions.idle_expires_at")?,
            parse_ts(&self.absolute_expires_at, "sessions.absolute_expires_at")?,
        ))
    }
}

pub(crate) const COUNT_LIVE_SESSIONS_SQL: &str =
    "SELECT COUNT(*) FROM sessions WHERE idle_expires_at > $1 AND absolute_expires_at > $1";
pub(crate) const LIVE_SESSIONS_SQL: &str = "SELECT s.id, s.user_id, u.username, u.full_name, \
     s.created_at, s.idle_expires_at, s.absolute_expires_at FROM sessions s \
     JOIN users u ON u.id = s.user_id WHERE s.idle_expires_at > $1 AND s.absolute_expires_at > $1 \
     ORDER BY s.idle_expires_at DESC, s.id DESC LIMIT $2 OFFSET $3";
pub(crate) const END_SESSION_SQL: &str = "DELETE FROM sessions WHERE id = $1 RETURNING user_id";
pub(crate) const END_ALL_SESSIONS_SQL: &str = "DELETE FROM sessions WHERE user_id = $1";
pub(crate) const END_OTHER_SESSIONS_SQL: &str =
    "DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2";

/// Expands [`AdminStore`] for one engine (`sqlite` or `postgres`, a module of `crate::db`).
macro_rules! admin_sql {
    ($engine:ident) => {
        use crate::admin::model::{AuditQuery, EndSessions, NewUserRecord, SYSTEM_USERNAME};
        use crate::admin::store::*;
        use crate::db::$engine::{
            begin_write, insert_audit, Backend, Conn, Db, SAME_USERNAME, USERNAME_ORDER,
        };
        use crate::db::{decoded_page, offset, to_json, ts, NewAudit, StoreError, StoreResult};
        use chrono::{DateTime, Utc};
        use portal_contract::{ActiveSession, AuditEntry, Page, User};
        use sqlx::{FromRow, QueryBuilder};

        pub(crate) async fn fetch_user(conn: &mut Conn, id: i64) -> StoreResult<Option<User>> {
            sqlx::query_as::<_, UserRow>(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
                .bind(id)
                .fetch_optional(conn)
                .await?
                .map(UserRow::into_user)
                .transpose()
        }


        #[async_trait::async_trait]
        impl AdminStore for Backend {
            async fn count_users(&self) -> StoreResult<i64> {
                Ok(
                    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM users WHERE {NOT_SYSTEM}"))
                        .fetch_one(self.pool())
                        .await?,
                )
            }

            async fn create_user(&self, u: &NewUserRecord, audit: Option<NewAudit>) -> StoreResult<User> {
                let mut tx = begin_write(self.pool()).await?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO users (username, full_name, email, roles, active, password_hash, \
                     version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7) \
                     RETURNING id",
                )
                .bind(&u.username)
                .bind(&u.full_name)
                .bind(&u.email)
                .bind(to_json(&u.roles)?)
                .bind(u.active)
                .bind(&u.password_hash)
                .bind(ts(u.at))
                .fetch_one(&mut *tx)
                .await?;
                if let Some(mut a) = audit {
                    a.target = Some(format!("user:{id}"));
                    insert_audit(&mut tx, &a).await?;
                }
                let user = fetch_user(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
                tx.commit().await?;
                Ok(user)
            }

            async fn user(&self, id: i64) -> StoreResult<Option<User>> {
                let mut conn = self.pool().acquire().await?;
                fetch_user(&mut conn, id).await
            }

            async fn user_credentials(&self, username: &str) -> StoreResult<Option<(User, String)>> {
                #[derive(FromRow)]
                struct Row {
                    #[sqlx(flatten)]
                    user: UserRow,
                    password_hash: String,
                }
                let row = sqlx::query_as::<_, Row>(&format!(
                    "SELECT {USER_COLUMNS}, password_hash FROM users WHERE {SAME_USERNAME}"
                ))
                .bind(username)
                .fetch_optional(self.pool())
                .await?;
                row.map(|r| Ok((r.user.into_user()?, r.password_hash)))
                    .transpose()
            }

            async fn list_users(&self, page: u32, per_page: u32) -> StoreResult<Page<User>> {
                let total: i64 =
                    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM users WHERE {NOT_SYSTEM}"))
                        .fetch_one(self.pool())
                        .await?;
                let rows = sqlx::query_as::<_, UserRow>(&format!(
                    "SELECT {USER_COLUMNS} FROM users WHERE {NOT_SYSTEM} \
                     ORDER BY {USERNAME_ORDER} LIMIT $1 OFFSET $2"
                ))
                .bind(i64::from(per_page))
                .bind(offset(page, per_page))
                .fetch_all(self.pool())
                .await?;
                decoded_page(rows, UserRow::into_user, total, page, per_page)
            }

            async fn update_user(
                &self,
                u: &User,
                expected_version: i64,
                new_password_hash: Option<&str>,
                end_sessions: EndSessions,
                audit: NewAudit,
            ) -> StoreResult<User> {
                let mut tx = begin_write(self.pool()).await?;
                // One statement checks and writes: a concurrent writer's row is re-checked after it
                // commits, so exactly one of two writers from the same version wins.
                let done = sqlx::query(
                    "UPDATE users SET full_name = $1, email = $2, roles = $3, active = $4, \
                     password_hash = COALESCE($5, password_hash), version = $6, updated_at = $7 \
                     WHERE id = $8 AND version = $9",
                )
                .bind(&u.full_name)
                .bind(&u.email)
                .bind(to_json(&u.roles)?)
                .bind(u.active)
                .bind(new_password_hash)
                .bind(u.version)
                .bind(ts(u.updated_at))
                .bind(u.id)
                .bind(expected_version)
                .execute(&mut *tx)
                .await?;
                if done.rows_affected() == 0 {
                    return Err(match fetch_user(&mut tx, u.id).await? {
                        Some(_) => StoreError::VersionMismatch,
                        None => StoreError::NotFound,
                    });
                }
                match &end_sessions {
                    EndSessions::None => {}
                    EndSessions::All => {
                        sqlx::query(END_ALL_SESSIONS_SQL)
                            .bind(u.id)
                            .execute(&mut *tx)
                            .await?;
                    }
                    EndSessions::AllBut(kept) => {
                        sqlx::query(END_OTHER_SESSIONS_SQL)
                            .bind(u.id)
                            .bind(kept)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
                insert_audit(&mut tx, &audit).await?;
                let user = fetch_user(&mut tx, u.id)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                tx.commit().await?;
                Ok(user)
            }

            async fn system_user(&self) -> StoreResult<User> {
                sqlx::query_as::<_, UserRow>(&format!(
                    "SELECT {USER_COLUMNS} FROM users WHERE username = $1"
                ))
                .bind(SYSTEM_USERNAME)
                .fetch_optional(self.pool())
                .await?
                .ok_or_else(|| StoreError::Internal("the system user is missing".to_string()))?
                .into_user()
            }

            async fn append_audit(&self, entry: NewAudit) -> StoreResult<()> {
                let mut conn = self.pool().acquire().await?;
                insert_audit(&mut conn, &entry).await
            }

            async fn list_sessions(
                &self,
                now: DateTime<Utc>,
                page: u32,
                per_page: u32,
            ) -> StoreResult<Page<ActiveSession>> {
                let now = ts(now);
                let total: i64 = sqlx::query_scalar(COUNT_LIVE_SESSIONS_SQL)
                    .bind(&now)
                    .fetch_one(self.pool())
                    .await?;
                let rows = sqlx::query_as::<_, ActiveSessionRow>(LIVE_SESSIONS_SQL)
                    .bind(&now)
                    .bind(i64::from(per_page))
                    .bind(offset(page, per_page))
                    .fetch_all(self.pool())
                    .await?;
                decoded_page(rows, ActiveSessionRow::into_session, total, page, per_page)
            }

            async fn end_session(&self, id: i64, mut audit: NewAudit) -> StoreResult<bool> {
                let mut tx = begin_write(self.pool()).await?;
                let owner: Option<i64> = sqlx::query_scalar(END_SESSION_SQL)
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
                let Some(owner) = owner else {
                    return Ok(false);
                };
                audit.target = Some(format!("user:{owner}"));
                insert_audit(&mut tx, &audit).await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn list_audit(&self, q: &AuditQuery) -> StoreResult<Page<AuditEntry>> {
                let mut count = QueryBuilder::<Db>::new("SELECT COUNT(*) FROM audit_log");
                push_audit_filters(&mut count, &q.filter);
                let total: i64 = count.build_query_scalar().fetch_one(self.pool()).await?;
                let mut select =
                    QueryBuilder::<Db>::new(format!("SELECT {AUDIT_COLUMNS} FROM audit_log"));
                push_audit_filters(&mut select, &q.filter);
                select
                    .push(" ORDER BY id DESC LIMIT ")
                    .push_bind(i64::from(q.per_page))
                    .push(" OFFSET ")
                    .push_bind(offset(q.page, q.per_page));
                let rows = select
                    .build_query_as::<AuditRow>()
                    .fetch_all(self.pool())
                    .await?;
                decoded_page(rows, AuditRow::into_entry, total, q.page, q.per_page)
            }
        }
    };
}
pub(crate) use admin_sql;
