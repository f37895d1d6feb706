//! [`FraudStore`] on PostgreSQL.

use super::super::fraud::{
    state_of, FraudEvent, FraudQuery, FraudStore, HistoryRow, ReportRow, WarningDraft,
    REPORT_COLUMNS,
};
use super::super::sqlite::{parse_ts, ts};
use super::super::{NewAudit, StoreError, StoreResult};
use super::{insert_audit, insert_new_article, PgStore};
use async_trait::async_trait;
use portal_contract::fraud::{FraudHistoryEntry, FraudReport, FraudReportSummary, FraudState};
use portal_contract::Page;
use sqlx::PgConnection;

fn history_entry(r: HistoryRow) -> StoreResult<FraudHistoryEntry> {
    Ok(FraudHistoryEntry {
        at: parse_ts(&r.0, "fraud_report_history.at")?,
        actor_name: r.1,
        action: r.2,
        from_state: r
            .3
            .as_deref()
            .map(|s| state_of(s, "fraud_report_history.from_state"))
            .transpose()?,
        to_state: r
            .4
            .as_deref()
            .map(|s| state_of(s, "fraud_report_history.to_state"))
            .transpose()?,
        comment: r.5,
        article_id: r.6,
    })
}

async fn fetch_report(conn: &mut PgConnection, id: i64) -> StoreResult<Option<FraudReport>> {
    let row: Option<ReportRow> = sqlx::query_as(&format!(
        "SELECT {REPORT_COLUMNS} FROM fraud_reports WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let lines: Vec<HistoryRow> = sqlx::query_as(
        "SELECT at, actor_name, action, from_state, to_state, comment, article_id \
         FROM fraud_report_history WHERE report_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let history = lines
        .into_iter()
        .map(history_entry)
        .collect::<StoreResult<Vec<_>>>()?;
    row.into_report(history).map(Some)
}

async fn insert_event(
    conn: &mut PgConnection,
    report_id: i64,
    e: &FraudEvent,
    article_id: Option<i64>,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO fraud_report_history (report_id, at, actor_id, actor_name, action, \
         from_state, to_state, comment, article_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(report_id)
    .bind(ts(e.at))
    .bind(e.actor_id)
    .bind(&e.actor_name)
    .bind(&e.action)
    .bind(e.from_state.map(FraudState::as_str))
    .bind(e.to_state.map(FraudState::as_str))
    .bind(&e.comment)
    .bind(article_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// The list's filters: $1 states, $2 channels (empty arrays: any), $3 the reporter (null: any).
const FILTERS: &str = " WHERE (cardinality($1::text[]) = 0 OR state = ANY($1)) \
    AND (cardinality($2::text[]) = 0 OR channel = ANY($2)) \
    AND ($3::bigint IS NULL OR reported_by = $3)";

#[async_trait]
impl FraudStore for PgStore {
    async fn list_reports(&self, q: &FraudQuery) -> StoreResult<Page<FraudReportSummary>> {
        let states: Vec<&str> = q.states.iter().map(|s| s.as_str()).collect();
        let channels: Vec<&str> = q.channels.iter().map(|c| c.as_str()).collect();
        let total: i64 =
            sqlx::query_scalar(&format!("SELECT COUNT(*) FROM fraud_reports{FILTERS}"))
                .bind(&states)
                .bind(&channels)
                .bind(q.reported_by)
                .fetch_one(&self.pool)
                .await?;
        let rows: Vec<ReportRow> = sqlx::query_as(&format!(
            "SELECT {REPORT_COLUMNS} FROM fraud_reports{FILTERS} \
             ORDER BY created_at DESC, id DESC LIMIT $4 OFFSET $5"
        ))
        .bind(&states)
        .bind(&channels)
        .bind(q.reported_by)
        .bind(i64::from(q.per_page))
        .bind(i64::from(q.page.saturating_sub(1)) * i64::from(q.per_page))
        .fetch_all(&self.pool)
        .await?;
        let items = rows
            .into_iter()
            .map(|r| {
                r.into_report(Vec::new())
                    .map(|r| FraudReportSummary::from(&r))
            })
            .collect::<StoreResult<Vec<_>>>()?;
        Ok(Page {
            items,
            total: total.max(0) as u64,
            page: q.page,
            per_page: q.per_page,
        })
    }

    async fn get_report(&self, id: i64) -> StoreResult<Option<FraudReport>> {
        let mut conn = self.pool.acquire().await?;
        fetch_report(&mut conn, id).await
    }

    async fn insert_report(
        &self,
        r: &FraudReport,
        event: FraudEvent,
        mut audit: NewAudit,
    ) -> StoreResult<FraudReport> {
        let mut tx = self.pool.begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO fraud_reports (occurred_at, location, channel, description, amount, \
             people_affected, evidence_url, office, state, article_id, reported_by, \
             reported_by_name, created_at, updated_at, version) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) \
             RETURNING id",
        )
        .bind(ts(r.occurred_at))
        .bind(&r.location)
        .bind(r.channel.as_str())
        .bind(&r.description)
        .bind(r.amount)
        .bind(r.people_affected)
        .bind(&r.evidence_url)
        .bind(&r.office)
        .bind(r.state.as_str())
        .bind(r.article_id)
        .bind(r.reported_by)
        .bind(&r.reported_by_name)
        .bind(ts(r.created_at))
        .bind(ts(r.updated_at))
        .bind(r.version)
        .fetch_one(&mut *tx)
        .await?;
        insert_event(&mut tx, id, &event, None).await?;
        audit.target = Some(format!("fraud_report:{id}"));
        insert_audit(&mut tx, &audit).await?;
        let saved = fetch_report(&mut tx, id)
            .await?
            .ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(saved)
    }

    async fn change_state(
        &self,
        id: i64,
        expected_version: i64,
        event: FraudEvent,
        audit: NewAudit,
    ) -> StoreResult<FraudReport> {
        let to = event
            .to_state
            .ok_or_else(|| StoreError::Internal("a state change needs its new state".into()))?;
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query(
            "UPDATE fraud_reports SET state = $1, updated_at = $2, version = version + 1 \
             WHERE id = $3 AND version = $4",
        )
        .bind(to.as_str())
        .bind(ts(event.at))
        .bind(id)
        .bind(expected_version)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(match fetch_report(&mut tx, id).await? {
                Some(_) => StoreError::VersionMismatch,
                None => StoreError::NotFound,
            });
        }
        insert_event(&mut tx, id, &event, None).await?;
        insert_audit(&mut tx, &audit).await?;
        let saved = fetch_report(&mut tx, id)
            .await?
            .ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(saved)
    }

    async fn draft_warning(
        &self,
        id: i64,
        expected_version: i64,
        draft: WarningDraft,
    ) -> StoreResult<(FraudReport, bool)> {
        let mut tx = self.pool.begin().await?;
        // Held until commit: a concurrent draft (another click, another server process) waits
        // here and then finds the article this one wrote.
        let locked: Option<i64> =
            sqlx::query_scalar("SELECT id FROM fraud_reports WHERE id = $1 FOR UPDATE")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        if locked.is_none() {
            return Err(StoreError::NotFound);
        }
        let current = fetch_report(&mut tx, id)
            .await?
            .ok_or(StoreError::NotFound)?;
        if current.article_id.is_some() {
            return Ok((current, false));
        }
        if current.version != expected_version {
            return Err(StoreError::VersionMismatch);
        }
        let article = insert_new_article(
            &mut tx,
            &draft.article,
            &draft.history,
            &draft.article_audit,
        )
        .await?;
        sqlx::query(
            "UPDATE fraud_reports SET article_id = $1, updated_at = $2, version = version + 1 \
             WHERE id = $3",
        )
        .bind(article.id)
        .bind(ts(draft.event.at))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        insert_event(&mut tx, id, &draft.event, Some(article.id)).await?;
        let mut audit = draft.audit;
        audit.detail = Some(format!("article:{}", article.id));
        insert_audit(&mut tx, &audit).await?;
        let saved = fetch_report(&mut tx, id)
            .await?
            .ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok((saved, true))
    }
}
