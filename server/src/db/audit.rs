//! The audit line every write appends, written once for both engines.

use chrono::{DateTime, Utc};
use portal_contract::User;

/// A line to append to the audit log. Never holds a password, token or IP address.
#[derive(Debug, Clone)]
pub struct NewAudit {
    pub at: DateTime<Utc>,
    pub actor_id: Option<i64>,
    pub actor_name: String,
    pub action: String,
    /// For `create_*` methods the store fills in `<kind>:<new id>` itself.
    pub target: Option<String>,
    pub outcome: String,
    pub detail: Option<String>,
}

impl NewAudit {
    /// A successful action by a known user.
    pub fn success(
        at: DateTime<Utc>,
        actor: &User,
        action: &str,
        target: Option<String>,
        detail: Option<String>,
    ) -> Self {
        Self {
            at,
            actor_id: Some(actor.id),
            actor_name: actor.username.clone(),
            action: action.to_string(),
            target,
            outcome: "success".to_string(),
            detail,
        }
    }
}

/// Expands `insert_audit` for one engine (`sqlite` or `postgres`, a module of `crate::db`).
macro_rules! audit_sql {
    ($engine:ident) => {
        /// Appends `a` and marks the request's idempotency record applied, in the caller's
        /// transaction.
        pub(crate) async fn insert_audit(
            conn: &mut crate::db::$engine::Conn,
            a: &crate::db::NewAudit,
        ) -> crate::db::StoreResult<()> {
            sqlx::query(
                "INSERT INTO audit_log (at, actor_id, actor_name, action, target, outcome, \
                 detail) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(crate::db::ts(a.at))
            .bind(a.actor_id)
            .bind(&a.actor_name)
            .bind(&a.action)
            .bind(&a.target)
            .bind(&a.outcome)
            .bind(&a.detail)
            .execute(&mut *conn)
            .await?;
            mark_applied(conn, a.target.as_deref()).await
        }
    };
}
pub(crate) use audit_sql;
