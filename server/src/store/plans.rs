//! Storage of the annual operation plan and the spokesperson's details.

use super::sqlite::{insert_audit, parse_opt_ts, parse_ts, ts};
use super::{NewAudit, SqliteStore, StoreError, StoreResult};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use portal_contract::plan::{Plan, PlanContent, PlanHistoryEntry, PlanState, PlanSummary};
use portal_contract::spokesperson::{SpokespersonContent, SpokespersonVersion};
use portal_contract::Kind;
use sqlx::{FromRow, SqliteConnection};

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

/// The spokesperson's details as stored: the last saved content and the last confirmation.
#[derive(Debug, Clone, PartialEq)]
pub struct SpokespersonRecord {
    pub content: SpokespersonContent,
    pub updated_at: DateTime<Utc>,
    pub updated_by_name: String,
    pub confirmed_at: DateTime<Utc>,
    pub version: i64,
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

    async fn spokesperson(&self) -> StoreResult<Option<SpokespersonRecord>>;
    /// Saves new details (`content: Some`) or confirms the current ones (`None`) if the
    /// current version is `expected_version` (0 before the first save).
    #[allow(clippy::too_many_arguments)]
    async fn save_spokesperson(
        &self,
        content: Option<&SpokespersonContent>,
        expected_version: i64,
        at: DateTime<Utc>,
        by_id: i64,
        by_name: &str,
        audit: NewAudit,
    ) -> StoreResult<SpokespersonRecord>;
    /// Every saved version, newest first.
    async fn spokesperson_versions(&self) -> StoreResult<Vec<SpokespersonVersion>>;

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

pub(crate) fn corrupt(what: &str) -> StoreError {
    StoreError::Internal(format!("unreadable value in column {what}"))
}

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

async fn fetch_plan(conn: &mut SqliteConnection, id: i64) -> StoreResult<Option<Plan>> {
    let row: Option<PlanRow> =
        sqlx::query_as(&format!("SELECT {PLAN_COLUMNS} FROM plans WHERE id = ?"))
            .bind(id)
            .fetch_optional(conn)
            .await?;
    row.map(PlanRow::into_plan).transpose()
}

async fn insert_event(
    conn: &mut SqliteConnection,
    plan_id: i64,
    year: i32,
    version_no: i32,
    e: &PlanEvent,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO plan_history (at, plan_id, year, version_no, actor_id, actor_name, action, \
         from_state, to_state, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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

pub(crate) fn content_json<T: serde::Serialize>(v: &T) -> StoreResult<String> {
    serde_json::to_string(v).map_err(|e| StoreError::Internal(e.to_string()))
}

#[async_trait]
impl PlanStore for SqliteStore {
    async fn list_plans(&self, year: Option<i32>) -> StoreResult<Vec<PlanSummary>> {
        let rows: Vec<PlanRow> = sqlx::query_as(&format!(
            "SELECT {PLAN_COLUMNS} FROM plans WHERE ? IS NULL OR year = ? \
             ORDER BY year DESC, version_no DESC"
        ))
        .bind(year)
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
        let mut tx = self.pool().begin_with(crate::store::IMMEDIATE).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO plans (year, version_no, state, content, return_comment, created_at, \
             updated_at, updated_by, updated_by_name, submitted_at, approved_at, \
             approved_by_name, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
             RETURNING id",
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
        let mut tx = self.pool().begin_with(crate::store::IMMEDIATE).await?;
        if p.state == PlanState::Approved {
            // The version in force so far steps down first (one in force per year).
            let old: Option<(i64, i64)> = sqlx::query_as(
                "SELECT id, version_no FROM plans WHERE year = ? AND state = 'approved' AND id <> ?",
            )
            .bind(p.year)
            .bind(p.id)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some((old_id, old_no)) = old {
                sqlx::query(
                    "UPDATE plans SET state = 'superseded', version = version + 1 WHERE id = ?",
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
        let done = sqlx::query(
            "UPDATE plans SET state = ?, content = ?, return_comment = ?, updated_at = ?, \
             updated_by = ?, updated_by_name = ?, submitted_at = ?, approved_at = ?, \
             approved_by_name = ?, version = ? WHERE id = ? AND version = ?",
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
        .bind(expected_version)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(match fetch_plan(&mut tx, p.id).await? {
                Some(_) => StoreError::VersionMismatch,
                None => StoreError::NotFound,
            });
        }
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
             FROM plan_history WHERE year = ? ORDER BY id",
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
                    from_state: r
                        .5
                        .as_deref()
                        .map(|s| state_of(s, "plan_history.from_state"))
                        .transpose()?,
                    to_state: r
                        .6
                        .as_deref()
                        .map(|s| state_of(s, "plan_history.to_state"))
                        .transpose()?,
                    comment: r.7,
                })
            })
            .collect()
    }

    async fn spokesperson(&self) -> StoreResult<Option<SpokespersonRecord>> {
        let mut conn = self.pool().acquire().await?;
        current_spokesperson(&mut conn).await
    }

    async fn save_spokesperson(
        &self,
        content: Option<&SpokespersonContent>,
        expected_version: i64,
        at: DateTime<Utc>,
        by_id: i64,
        by_name: &str,
        audit: NewAudit,
    ) -> StoreResult<SpokespersonRecord> {
        let mut tx = self.pool().begin_with(crate::store::IMMEDIATE).await?;
        let current = current_spokesperson(&mut tx).await?;
        if current.as_ref().map_or(0, |c| c.version) != expected_version {
            return Err(StoreError::VersionMismatch);
        }
        let (json, kind) = match (content, &current) {
            (Some(c), _) => (content_json(c)?, "save"),
            (None, Some(cur)) => (content_json(&cur.content)?, "confirm"),
            (None, None) => return Err(StoreError::NotFound),
        };
        let inserted = sqlx::query(
            "INSERT INTO spokesperson_versions (version, content, at, by_id, by_name, kind) \
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(expected_version + 1)
        .bind(json)
        .bind(ts(at))
        .bind(by_id)
        .bind(by_name)
        .bind(kind)
        .execute(&mut *tx)
        .await;
        match inserted {
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                return Err(StoreError::VersionMismatch)
            }
            other => {
                other?;
            }
        }
        insert_audit(&mut tx, &audit).await?;
        let saved = current_spokesperson(&mut tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(saved)
    }

    async fn plan_in_force(&self, year: i32) -> StoreResult<Option<Plan>> {
        let row: Option<PlanRow> = sqlx::query_as(&format!(
            "SELECT {PLAN_COLUMNS} FROM plans WHERE year = ? AND state = 'approved'"
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
            "SELECT kind, COUNT(*) FROM articles WHERE stage IN ('published', 'removal_requested') \
             AND published_at >= ? AND published_at < ? GROUP BY kind",
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

    async fn spokesperson_versions(&self) -> StoreResult<Vec<SpokespersonVersion>> {
        let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
            "SELECT version, content, at, by_name FROM spokesperson_versions \
             WHERE kind = 'save' ORDER BY version DESC",
        )
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|(version, content, at, by_name)| {
                Ok(SpokespersonVersion {
                    version,
                    content: serde_json::from_str(&content)
                        .map_err(|_| corrupt("spokesperson_versions.content"))?,
                    at: parse_ts(&at, "spokesperson_versions.at")?,
                    by_name,
                })
            })
            .collect()
    }
}

async fn current_spokesperson(
    conn: &mut SqliteConnection,
) -> StoreResult<Option<SpokespersonRecord>> {
    let last_save: Option<(String, String, String)> = sqlx::query_as(
        "SELECT content, at, by_name FROM spokesperson_versions WHERE kind = 'save' \
         ORDER BY version DESC LIMIT 1",
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some((content, updated_at, by_name)) = last_save else {
        return Ok(None);
    };
    let (version, confirmed_at): (i64, String) = sqlx::query_as(
        "SELECT version, at FROM spokesperson_versions ORDER BY version DESC LIMIT 1",
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(Some(SpokespersonRecord {
        content: serde_json::from_str(&content)
            .map_err(|_| corrupt("spokesperson_versions.content"))?,
        updated_at: parse_ts(&updated_at, "spokesperson_versions.at")?,
        updated_by_name: by_name,
        confirmed_at: parse_ts(&confirmed_at, "spokesperson_versions.at")?,
        version,
    }))
}
