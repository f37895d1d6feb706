//! Storage of the fraud reports, their history and the link to the warning article.

use super::sqlite::{insert_audit, insert_new_article, parse_ts, ts};
use super::{NewAudit, NewHistory, SqliteStore, StoreError, StoreResult};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use portal_contract::fraud::{
    FraudChannel, FraudHistoryEntry, FraudReport, FraudReportSummary, FraudState,
};
use portal_contract::{Article, Page};
use sqlx::{FromRow, QueryBuilder, Sqlite, SqliteConnection};

/// A line for a report's history.
#[derive(Debug, Clone)]
pub struct FraudEvent {
    pub at: DateTime<Utc>,
    pub actor_id: i64,
    pub actor_name: String,
    pub action: String,
    pub from_state: Option<FraudState>,
    pub to_state: Option<FraudState>,
    pub comment: Option<String>,
}

/// A filtered page of reports, newest first.
#[derive(Debug, Clone, Default)]
pub struct FraudQuery {
    pub page: u32,
    pub per_page: u32,
    /// Any of these states (empty: all).
    pub states: Vec<FraudState>,
    /// Any of these channels (empty: all).
    pub channels: Vec<FraudChannel>,
    /// Only the reports this user filed.
    pub reported_by: Option<i64>,
}

/// The warning article to write with its report, and what to record.
#[derive(Debug, Clone)]
pub struct WarningDraft {
    pub article: Article,
    pub history: NewHistory,
    pub article_audit: NewAudit,
    pub event: FraudEvent,
    pub audit: NewAudit,
}

#[async_trait]
pub trait FraudStore: Send + Sync {
    async fn list_reports(&self, q: &FraudQuery) -> StoreResult<Page<FraudReportSummary>>;
    async fn get_report(&self, id: i64) -> StoreResult<Option<FraudReport>>;
    /// Inserts a new report (`id` ignored) with its first history line and audit line.
    async fn insert_report(
        &self,
        report: &FraudReport,
        event: FraudEvent,
        audit: NewAudit,
    ) -> StoreResult<FraudReport>;
    /// Moves the report to `event.to_state` if it is still at `expected_version`.
    async fn change_state(
        &self,
        id: i64,
        expected_version: i64,
        event: FraudEvent,
        audit: NewAudit,
    ) -> StoreResult<FraudReport>;
    /// Writes the warning article, links it to the report and records both, in one
    /// transaction. When the report already has its article nothing is written and the answer
    /// is `(report, false)`: a second click opens the same draft. Otherwise the report must
    /// still be at `expected_version`.
    async fn draft_warning(
        &self,
        id: i64,
        expected_version: i64,
        draft: WarningDraft,
    ) -> StoreResult<(FraudReport, bool)>;
}

#[derive(FromRow)]
pub(crate) struct ReportRow {
    id: i64,
    occurred_at: String,
    location: String,
    channel: String,
    description: String,
    amount: i64,
    people_affected: i64,
    evidence_url: Option<String>,
    office: String,
    state: String,
    article_id: Option<i64>,
    reported_by: i64,
    reported_by_name: String,
    created_at: String,
    updated_at: String,
    version: i64,
}

pub(crate) const REPORT_COLUMNS: &str = "id, occurred_at, location, channel, description, amount, \
    people_affected, evidence_url, office, state, article_id, reported_by, reported_by_name, \
    created_at, updated_at, version";

fn corrupt(what: &str) -> StoreError {
    StoreError::Internal(format!("unreadable value in column {what}"))
}

pub(crate) fn state_of(s: &str, column: &str) -> StoreResult<FraudState> {
    FraudState::parse(s).ok_or_else(|| corrupt(column))
}

impl ReportRow {
    pub(crate) fn into_report(self, history: Vec<FraudHistoryEntry>) -> StoreResult<FraudReport> {
        Ok(FraudReport {
            id: self.id,
            occurred_at: parse_ts(&self.occurred_at, "fraud_reports.occurred_at")?,
            location: self.location,
            channel: FraudChannel::parse(&self.channel)
                .ok_or_else(|| corrupt("fraud_reports.channel"))?,
            description: self.description,
            amount: self.amount,
            people_affected: self.people_affected,
            evidence_url: self.evidence_url,
            office: self.office,
            state: state_of(&self.state, "fraud_reports.state")?,
            article_id: self.article_id,
            reported_by: self.reported_by,
            reported_by_name: self.reported_by_name,
            created_at: parse_ts(&self.created_at, "fraud_reports.created_at")?,
            updated_at: parse_ts(&self.updated_at, "fraud_reports.updated_at")?,
            history,
            version: self.version,
        })
    }
}

pub(crate) type HistoryRow = (
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
);

async fn fetch_report(conn: &mut SqliteConnection, id: i64) -> StoreResult<Option<FraudReport>> {
    let row: Option<ReportRow> = sqlx::query_as(&format!(
        "SELECT {REPORT_COLUMNS} FROM fraud_reports WHERE id = ?"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let lines: Vec<HistoryRow> = sqlx::query_as(
        "SELECT at, actor_name, action, from_state, to_state, comment, article_id \
         FROM fraud_report_history WHERE report_id = ? ORDER BY id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let history = lines
        .into_iter()
        .map(|r| {
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
        })
        .collect::<StoreResult<Vec<_>>>()?;
    row.into_report(history).map(Some)
}

async fn insert_event(
    conn: &mut SqliteConnection,
    report_id: i64,
    e: &FraudEvent,
    article_id: Option<i64>,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO fraud_report_history (report_id, at, actor_id, actor_name, action, \
         from_state, to_state, comment, article_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
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

fn push_filters(qb: &mut QueryBuilder<'_, Sqlite>, q: &FraudQuery) {
    qb.push(" WHERE 1 = 1");
    if !q.states.is_empty() {
        qb.push(" AND state IN (");
        let mut list = qb.separated(", ");
        for s in &q.states {
            list.push_bind(s.as_str());
        }
        qb.push(")");
    }
    if !q.channels.is_empty() {
        qb.push(" AND channel IN (");
        let mut list = qb.separated(", ");
        for c in &q.channels {
            list.push_bind(c.as_str());
        }
        qb.push(")");
    }
    if let Some(user) = q.reported_by {
        qb.push(" AND reported_by = ");
        qb.push_bind(user);
    }
}

#[async_trait]
impl FraudStore for SqliteStore {
    async fn list_reports(&self, q: &FraudQuery) -> StoreResult<Page<FraudReportSummary>> {
        let mut count = QueryBuilder::<Sqlite>::new("SELECT COUNT(*) FROM fraud_reports");
        push_filters(&mut count, q);
        let total: i64 = count.build_query_scalar().fetch_one(self.pool()).await?;
        let mut select =
            QueryBuilder::<Sqlite>::new(format!("SELECT {REPORT_COLUMNS} FROM fraud_reports"));
        push_filters(&mut select, q);
        select.push(" ORDER BY created_at DESC, id DESC LIMIT ");
        select.push_bind(i64::from(q.per_page));
        select.push(" OFFSET ");
        select.push_bind(i64::from(q.page.saturating_sub(1)) * i64::from(q.per_page));
        let rows: Vec<ReportRow> = select.build_query_as().fetch_all(self.pool()).await?;
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
        let mut conn = self.pool().acquire().await?;
        fetch_report(&mut conn, id).await
    }

    async fn insert_report(
        &self,
        r: &FraudReport,
        event: FraudEvent,
        mut audit: NewAudit,
    ) -> StoreResult<FraudReport> {
        let mut tx = self.pool().begin_with(crate::store::IMMEDIATE).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO fraud_reports (occurred_at, location, channel, description, amount, \
             people_affected, evidence_url, office, state, article_id, reported_by, \
             reported_by_name, created_at, updated_at, version) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
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
        let mut tx = self.pool().begin_with(crate::store::IMMEDIATE).await?;
        let done = sqlx::query(
            "UPDATE fraud_reports SET state = ?, updated_at = ?, version = version + 1 \
             WHERE id = ? AND version = ?",
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
        let mut tx = self.pool().begin_with(crate::store::IMMEDIATE).await?;
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
            "UPDATE fraud_reports SET article_id = ?, updated_at = ?, version = version + 1 \
             WHERE id = ?",
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
