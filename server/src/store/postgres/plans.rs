//! [`PlanStore`] on PostgreSQL: the rows and rules of [`crate::store::plans`].
//!
//! A plan's update locks its row (`FOR UPDATE`) before checking the version, and a spokesperson
//! version is claimed with `ON CONFLICT DO NOTHING`, so writers in several processes serialise
//! on the database and the loser gets `VersionMismatch`.

use super::super::plans::*;
use super::super::sqlite::{parse_ts, ts};
use super::super::{NewAudit, StoreError, StoreResult};
use super::{insert_audit, PgStore};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use portal_contract::plan::{Plan, PlanHistoryEntry, PlanState, PlanSummary};
use portal_contract::spokesperson::{SpokespersonContent, SpokespersonVersion};
use portal_contract::Kind;
use sqlx::PgConnection;

async fn fetch_plan(conn: &mut PgConnection, id: i64) -> StoreResult<Option<Plan>> {
    let row: Option<PlanRow> =
        sqlx::query_as(&format!("SELECT {PLAN_COLUMNS} FROM plans WHERE id = $1"))
            .bind(id)
            .fetch_optional(conn)
            .await?;
    row.map(PlanRow::into_plan).transpose()
}

async fn insert_event(
    conn: &mut PgConnection,
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

fn opt_state(s: Option<&str>, column: &str) -> StoreResult<Option<PlanState>> {
    s.map(|s| state_of(s, column)).transpose()
}

/// The current details: the last save, and the last version (a save or a confirmation), read
/// in one statement so that both come from the same snapshot.
async fn current_spokesperson(conn: &mut PgConnection) -> StoreResult<Option<SpokespersonRecord>> {
    let row: Option<(String, String, String, i64, String)> = sqlx::query_as(
        "SELECT s.content, s.at, s.by_name, l.version, l.at FROM \
         (SELECT content, at, by_name FROM spokesperson_versions WHERE kind = 'save' \
          ORDER BY version DESC LIMIT 1) s, \
         (SELECT version, at FROM spokesperson_versions ORDER BY version DESC LIMIT 1) l",
    )
    .fetch_optional(conn)
    .await?;
    let Some((content, updated_at, by_name, version, confirmed_at)) = row else {
        return Ok(None);
    };
    Ok(Some(SpokespersonRecord {
        content: serde_json::from_str(&content)
            .map_err(|_| corrupt("spokesperson_versions.content"))?,
        updated_at: parse_ts(&updated_at, "spokesperson_versions.at")?,
        updated_by_name: by_name,
        confirmed_at: parse_ts(&confirmed_at, "spokesperson_versions.at")?,
        version,
    }))
}

#[async_trait]
impl PlanStore for PgStore {
    async fn list_plans(&self, year: Option<i32>) -> StoreResult<Vec<PlanSummary>> {
        let rows: Vec<PlanRow> = sqlx::query_as(&format!(
            "SELECT {PLAN_COLUMNS} FROM plans WHERE $1::INT4 IS NULL OR year = $1 \
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
        let mut tx = self.pool().begin().await?;
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
        let mut tx = self.pool().begin().await?;
        // A concurrent writer of the same plan waits here until this one commits.
        let stored: Option<i64> =
            sqlx::query_scalar("SELECT version FROM plans WHERE id = $1 FOR UPDATE")
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
            let old: Option<(i64, i64)> = sqlx::query_as(
                "SELECT id, version_no FROM plans WHERE year = $1 AND state = 'approved' \
                 AND id <> $2 FOR UPDATE",
            )
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
        let mut tx = self.pool().begin().await?;
        let current = current_spokesperson(&mut tx).await?;
        if current.as_ref().map_or(0, |c| c.version) != expected_version {
            return Err(StoreError::VersionMismatch);
        }
        let (json, kind) = match (content, &current) {
            (Some(c), _) => (content_json(c)?, "save"),
            (None, Some(cur)) => (content_json(&cur.content)?, "confirm"),
            (None, None) => return Err(StoreError::NotFound),
        };
        // Whoever claims the next version first wins; a concurrent claim waits for that
        // transaction and then finds the version taken.
        let inserted = sqlx::query(
            "INSERT INTO spokesperson_versions (version, content, at, by_id, by_name, kind) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (version) DO NOTHING",
        )
        .bind(expected_version + 1)
        .bind(json)
        .bind(ts(at))
        .bind(by_id)
        .bind(by_name)
        .bind(kind)
        .execute(&mut *tx)
        .await?;
        if inserted.rows_affected() == 0 {
            return Err(StoreError::VersionMismatch);
        }
        insert_audit(&mut tx, &audit).await?;
        let saved = current_spokesperson(&mut tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(saved)
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
