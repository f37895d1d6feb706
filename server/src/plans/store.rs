//! Storage of the annual operation plans and their history: the trait, its rows, and its SQL
//! written once for both engines. A plan's update locks its row before checking the version, so
//! writers in several processes serialise on the database.

use crate::db::{corrupt, parse_opt_ts, parse_ts, to_json, NewAudit, StoreResult};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use portal_contract::plans::{Plan, PlanContent, PlanHistoryEntry, PlanState, PlanSummary};
use portal_contract::Kind;
use sqlx::FromRow;

/// A line for a plan's history.
#[derive(Debug, Clone)]
pub struct PlanEvent {
    pub at: DateTime<Utc>,
    pub actor_id: i64,
    pub actor_name: String,
    pub action: String,
    pub from_state: Option<PlanState>,
    pub to_state: Option<PlanState>,
    pub comment: Option<String>,
}

#[async_trait]
pub trait PlanStore: Send + Sync {
    /// Every version (of `year`, or of all years), newest year and version first.
    async fn list_plans(&self, year: Option<i32>) -> StoreResult<Vec<PlanSummary>>;
    async fn get_plan(&self, id: i64) -> StoreResult<Option<Plan>>;
    /// Inserts a new version (`id` ignored). `Conflict` when the year already has that version
    /// number or a version being worked on.
    async fn insert_plan(
        &self,
        plan: &Plan,
        event: PlanEvent,
        audit: NewAudit,
    ) -> StoreResult<Plan>;
    /// Writes `plan` if it is still at `expected_version`. When it becomes approved, the
    /// year's version in force until then becomes superseded, in the same transaction.
    async fn update_plan(
        &self,
        plan: &Plan,
        expected_version: i64,
        event: PlanEvent,
        audit: NewAudit,
    ) -> StoreResult<Plan>;
    /// Every history line of the year, oldest first.
    async fn plan_history(&self, year: i32) -> StoreResult<Vec<PlanHistoryEntry>>;

    /// The approved version of `year`'s plan, if any.
    async fn plan_in_force(&self, year: i32) -> StoreResult<Option<Plan>>;
    /// How many articles now public were published in `from..to`, by kind.
    async fn published_counts(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> StoreResult<Vec<(Kind, u64)>>;
}

#[derive(FromRow)]
pub(crate) struct PlanRow {
    id: i64,
    year: i64,
    version_no: i64,
    state: String,
    content: String,
    return_comment: Option<String>,
    created_at: String,
    updated_at: String,
    updated_by: i64,
    updated_by_name: String,
    submitted_at: Option<String>,
    approved_at: Option<String>,
    approved_by_name: Option<String>,
    version: i64,
}

pub(crate) const PLAN_COLUMNS: &str =
    "id, year, version_no, state, content, return_comment, created_at, \
    updated_at, updated_by, updated_by_name, submitted_at, approved_at, approved_by_name, version";

pub(crate) fn state_of(s: &str, column: &str) -> StoreResult<PlanState> {
    PlanState::parse(s).ok_or_else(|| corrupt(column))
}

impl PlanRow {
    pub(crate) fn into_plan(self) -> StoreResult<Plan> {
        let content: PlanContent =
            serde_json::from_str(&self.content).map_err(|_| corrupt("plans.content"))?;
        Ok(Plan {
            id: self.id,
            year: self.year as i32,
            version_no: self.version_no as i32,
            state: state_of(&self.state, "plans.state")?,
            totals: content.totals(),
            content,
            return_comment: self.return_comment,
            created_at: parse_ts(&self.created_at, "plans.created_at")?,
            updated_at: parse_ts(&self.updated_at, "plans.updated_at")?,
            updated_by: self.updated_by,
            updated_by_name: self.updated_by_name,
            submitted_at: parse_opt_ts(self.submitted_at.as_deref(), "plans.submitted_at")?,
            approved_at: parse_opt_ts(self.approved_at.as_deref(), "plans.approved_at")?,
            approved_by_name: self.approved_by_name,
            version: self.version,
        })
    }
}

/// Plan content as stored.
pub(crate) fn content_json<T: serde::Serialize>(v: &T) -> StoreResult<String> {
    to_json(v)
}

pub(crate) fn opt_state(s: Option<&str>, column: &str) -> StoreResult<Option<PlanState>> {
    s.map(|s| state_of(s, column)).transpose()
}

/// Expands [`PlanStore`] for one engine (`sqlite` or `postgres`, a module of `crate::db`).
macro_rules! plans_sql {
    ($engine:ident) => {
        use crate::db::$engine::{begin_write, insert_audit, Backend, Conn, FOR_UPDATE};
        use crate::db::{corrupt, parse_ts, ts, NewAudit, StoreError, StoreResult};
        use crate::plans::store::*;
        use chrono::{DateTime, Utc};
        use portal_contract::plans::{Plan, PlanHistoryEntry, PlanState, PlanSummary};
        use portal_contract::Kind;

        async fn fetch_plan(conn: &mut Conn, id: i64) -> StoreResult<Option<Plan>> {
            let row: Option<PlanRow> =
                sqlx::query_as(&format!("SELECT {PLAN_COLUMNS} FROM plans WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(conn)
                    .await?;
            row.map(PlanRow::into_plan).transpose()
        }

        async fn insert_event(
            conn: &mut Conn,
            plan_id: i64,
            year: i32,
            version_no: i32,
            e: &PlanEvent,
        ) -> StoreResult<()> {
            sqlx::query(
                "INSERT INTO plan_history (at, plan_id, year, version_no, actor_id, actor_name, action, \
                 from_state, to_state, comment) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            )
            .bind(ts(e.at))
            .bind(plan_id)
            .bind(year)
            .bind(version_no)
            .bind(e.actor_id)
            .bind(&e.actor_name)
            .bind(&e.action)
            .bind(e.from_state.map(PlanState::as_str))
            .bind(e.to_state.map(PlanState::as_str))
            .bind(&e.comment)
            .execute(conn)
            .await?;
            Ok(())
        }

        #[async_trait::async_trait]
        impl PlanStore for Backend {
            async fn list_plans(&self, year: Option<i32>) -> StoreResult<Vec<PlanSummary>> {
                let rows: Vec<PlanRow> = sqlx::query_as(&format!(
                    "SELECT {PLAN_COLUMNS} FROM plans WHERE CAST($1 AS INTEGER) IS NULL OR year = $1 \
                     ORDER BY year DESC, version_no DESC"
                ))
                .bind(year)
                .fetch_all(self.pool())
                .await?;
                rows.into_iter()
                    .map(|r| r.into_plan().map(|p| PlanSummary::from(&p)))
                    .collect()
            }

            async fn get_plan(&self, id: i64) -> StoreResult<Option<Plan>> {
                let mut conn = self.pool().acquire().await?;
                fetch_plan(&mut conn, id).await
            }

            async fn insert_plan(&self, p: &Plan, event: PlanEvent, audit: NewAudit) -> StoreResult<Plan> {
                let mut tx = begin_write(self.pool()).await?;
                // A second version of the same number, or a second open one, breaks a unique index:
                // `Conflict`.
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO plans (year, version_no, state, content, return_comment, created_at, \
                     updated_at, updated_by, updated_by_name, submitted_at, approved_at, \
                     approved_by_name, version) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
                )
                .bind(p.year)
                .bind(p.version_no)
                .bind(p.state.as_str())
                .bind(content_json(&p.content)?)
                .bind(&p.return_comment)
                .bind(ts(p.created_at))
                .bind(ts(p.updated_at))
                .bind(p.updated_by)
                .bind(&p.updated_by_name)
                .bind(p.submitted_at.map(ts))
                .bind(p.approved_at.map(ts))
                .bind(&p.approved_by_name)
                .bind(p.version)
                .fetch_one(&mut *tx)
                .await?;
                insert_event(&mut tx, id, p.year, p.version_no, &event).await?;
                let mut audit = audit;
                audit.target = Some(format!("plan:{id}"));
                insert_audit(&mut tx, &audit).await?;
                let saved = fetch_plan(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
                tx.commit().await?;
                Ok(saved)
            }

            async fn update_plan(
                &self,
                p: &Plan,
                expected_version: i64,
                event: PlanEvent,
                audit: NewAudit,
            ) -> StoreResult<Plan> {
                let mut tx = begin_write(self.pool()).await?;
                // A concurrent writer of the same plan waits here until this one commits.
                let stored: Option<i64> =
                    sqlx::query_scalar(&format!("SELECT version FROM plans WHERE id = $1{FOR_UPDATE}"))
                        .bind(p.id)
                        .fetch_optional(&mut *tx)
                        .await?;
                match stored {
                    None => return Err(StoreError::NotFound),
                    Some(v) if v != expected_version => return Err(StoreError::VersionMismatch),
                    Some(_) => {}
                }
                if p.state == PlanState::Approved {
                    // The version in force so far steps down first (one in force per year).
                    let old: Option<(i64, i64)> = sqlx::query_as(&format!(
                        "SELECT id, version_no FROM plans WHERE year = $1 AND state = 'approved' \
                         AND id <> $2{FOR_UPDATE}"
                    ))
                    .bind(p.year)
                    .bind(p.id)
                    .fetch_optional(&mut *tx)
                    .await?;
                    if let Some((old_id, old_no)) = old {
                        sqlx::query(
                            "UPDATE plans SET state = 'superseded', version = version + 1 WHERE id = $1",
                        )
                        .bind(old_id)
                        .execute(&mut *tx)
                        .await?;
                        let line = PlanEvent {
                            action: "supersede".into(),
                            from_state: Some(PlanState::Approved),
                            to_state: Some(PlanState::Superseded),
                            comment: Some(format!("Thay bằng phiên bản {}", p.version_no)),
                            ..event.clone()
                        };
                        insert_event(&mut tx, old_id, p.year, old_no as i32, &line).await?;
                    }
                }
                sqlx::query(
                    "UPDATE plans SET state = $1, content = $2, return_comment = $3, updated_at = $4, \
                     updated_by = $5, updated_by_name = $6, submitted_at = $7, approved_at = $8, \
                     approved_by_name = $9, version = $10 WHERE id = $11",
                )
                .bind(p.state.as_str())
                .bind(content_json(&p.content)?)
                .bind(&p.return_comment)
                .bind(ts(p.updated_at))
                .bind(p.updated_by)
                .bind(&p.updated_by_name)
                .bind(p.submitted_at.map(ts))
                .bind(p.approved_at.map(ts))
                .bind(&p.approved_by_name)
                .bind(p.version)
                .bind(p.id)
                .execute(&mut *tx)
                .await?;
                insert_event(&mut tx, p.id, p.year, p.version_no, &event).await?;
                insert_audit(&mut tx, &audit).await?;
                let saved = fetch_plan(&mut tx, p.id)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                tx.commit().await?;
                Ok(saved)
            }

            async fn plan_history(&self, year: i32) -> StoreResult<Vec<PlanHistoryEntry>> {
                type Row = (
                    String,
                    i64,
                    i64,
                    String,
                    String,
                    Option<String>,
                    Option<String>,
                    Option<String>,
                );
                let rows: Vec<Row> = sqlx::query_as(
                    "SELECT at, plan_id, version_no, actor_name, action, from_state, to_state, comment \
                     FROM plan_history WHERE year = $1 ORDER BY id",
                )
                .bind(year)
                .fetch_all(self.pool())
                .await?;
                rows.into_iter()
                    .map(|r| {
                        Ok(PlanHistoryEntry {
                            at: parse_ts(&r.0, "plan_history.at")?,
                            plan_id: r.1,
                            version_no: r.2 as i32,
                            actor_name: r.3,
                            action: r.4,
                            from_state: opt_state(r.5.as_deref(), "plan_history.from_state")?,
                            to_state: opt_state(r.6.as_deref(), "plan_history.to_state")?,
                            comment: r.7,
                        })
                    })
                    .collect()
            }

            async fn plan_in_force(&self, year: i32) -> StoreResult<Option<Plan>> {
                let row: Option<PlanRow> = sqlx::query_as(&format!(
                    "SELECT {PLAN_COLUMNS} FROM plans WHERE year = $1 AND state = 'approved'"
                ))
                .bind(year)
                .fetch_optional(self.pool())
                .await?;
                row.map(PlanRow::into_plan).transpose()
            }

            async fn published_counts(
                &self,
                from: DateTime<Utc>,
                to: DateTime<Utc>,
            ) -> StoreResult<Vec<(Kind, u64)>> {
                let rows: Vec<(String, i64)> = sqlx::query_as(
                    "SELECT kind, COUNT(*) FROM articles \
                     WHERE stage IN ('published', 'removal_requested') \
                     AND published_at >= $1 AND published_at < $2 GROUP BY kind",
                )
                .bind(ts(from))
                .bind(ts(to))
                .fetch_all(self.pool())
                .await?;
                rows.into_iter()
                    .map(|(k, n)| {
                        Kind::parse(&k)
                            .map(|k| (k, n.max(0) as u64))
                            .ok_or_else(|| corrupt("articles.kind"))
                    })
                    .collect()
            }
        }
    };
}
pub(crate) use plans_sql;
