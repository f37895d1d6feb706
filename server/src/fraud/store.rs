//! Storage of the fraud reports, their history and the link to the warning article: the trait,
//! its rows, and its SQL written once for both engines.

use crate::articles::model::NewHistory;
use crate::db::{corrupt, parse_ts, NewAudit, StoreResult};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use portal_contract::fraud::{
    FraudChannel, FraudHistoryEntry, FraudReport, FraudReportSummary, FraudState,
};
use portal_contract::{Article, Page};
use sqlx::FromRow;

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

#[derive(FromRow)]
pub(crate) struct HistoryRow {
    at: String,
    actor_name: String,
    action: String,
    from_state: Option<String>,
    to_state: Option<String>,
    comment: Option<String>,
    article_id: Option<i64>,
}

impl HistoryRow {
    pub(crate) fn into_entry(self) -> StoreResult<FraudHistoryEntry> {
        let state = |s: Option<String>, column| s.map(|s| state_of(&s, column)).transpose();
        Ok(FraudHistoryEntry {
            at: parse_ts(&self.at, "fraud_report_history.at")?,
            actor_name: self.actor_name,
            action: self.action,
            from_state: state(self.from_state, "fraud_report_history.from_state")?,
            to_state: state(self.to_state, "fraud_report_history.to_state")?,
            comment: self.comment,
            article_id: self.article_id,
        })
    }
}

pub(crate) const HISTORY_SQL: &str = "SELECT at, actor_name, action, from_state, to_state, \
    comment, article_id FROM fraud_report_history WHERE report_id = $1 ORDER BY id";

pub(crate) const INSERT_EVENT_SQL: &str = "INSERT INTO fraud_report_history (report_id, at, \
    actor_id, actor_name, action, from_state, to_state, comment, article_id) \
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

pub(crate) const INSERT_REPORT_SQL: &str = "INSERT INTO fraud_reports (occurred_at, location, \
    channel, description, amount, people_affected, evidence_url, office, state, article_id, \
    reported_by, reported_by_name, created_at, updated_at, version) \
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id";

pub(crate) const CHANGE_STATE_SQL: &str = "UPDATE fraud_reports SET state = $1, updated_at = $2, \
    version = version + 1 WHERE id = $3 AND version = $4";

pub(crate) const LINK_ARTICLE_SQL: &str = "UPDATE fraud_reports SET article_id = $1, \
    updated_at = $2, version = version + 1 WHERE id = $3";

/// Expands [`FraudStore`] for one engine (`sqlite` or `postgres`, a module of `crate::db`).
macro_rules! fraud_sql {
    ($engine:ident) => {
        use crate::db::$engine::{begin_write, insert_audit, Backend, Conn, Db, FOR_UPDATE};
        use crate::db::{offset, page_of, ts, NewAudit, StoreError, StoreResult};
        use crate::fraud::store::*;
        use portal_contract::fraud::{FraudReport, FraudReportSummary, FraudState};
        use portal_contract::Page;
        use sqlx::QueryBuilder;

        async fn fetch_report(conn: &mut Conn, id: i64) -> StoreResult<Option<FraudReport>> {
            let row: Option<ReportRow> = sqlx::query_as(&format!(
                "SELECT {REPORT_COLUMNS} FROM fraud_reports WHERE id = $1"
            ))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
            let Some(row) = row else {
                return Ok(None);
            };
            let lines: Vec<HistoryRow> = sqlx::query_as(HISTORY_SQL)
                .bind(id)
                .fetch_all(&mut *conn)
                .await?;
            let history = lines
                .into_iter()
                .map(HistoryRow::into_entry)
                .collect::<StoreResult<Vec<_>>>()?;
            row.into_report(history).map(Some)
        }

        async fn insert_event(
            conn: &mut Conn,
            report_id: i64,
            e: &FraudEvent,
            article_id: Option<i64>,
        ) -> StoreResult<()> {
            sqlx::query(INSERT_EVENT_SQL)
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

        /// Appends `event` and `audit` to report `id`, commits, and returns the report as saved.
        async fn record_and_commit(
            mut tx: sqlx::Transaction<'static, Db>,
            id: i64,
            event: &FraudEvent,
            audit: &NewAudit,
        ) -> StoreResult<FraudReport> {
            insert_event(&mut tx, id, event, None).await?;
            insert_audit(&mut tx, audit).await?;
            let saved = fetch_report(&mut tx, id)
                .await?
                .ok_or(StoreError::NotFound)?;
            tx.commit().await?;
            Ok(saved)
        }

        fn push_filters(qb: &mut QueryBuilder<'_, Db>, q: &FraudQuery) {
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

        #[async_trait::async_trait]
        impl FraudStore for Backend {
            async fn list_reports(&self, q: &FraudQuery) -> StoreResult<Page<FraudReportSummary>> {
                let mut count = QueryBuilder::<Db>::new("SELECT COUNT(*) FROM fraud_reports");
                push_filters(&mut count, q);
                let total: i64 = count.build_query_scalar().fetch_one(self.pool()).await?;
                let mut select =
                    QueryBuilder::<Db>::new(format!("SELECT {REPORT_COLUMNS} FROM fraud_reports"));
                push_filters(&mut select, q);
                select.push(" ORDER BY created_at DESC, id DESC LIMIT ");
                select.push_bind(i64::from(q.per_page));
                select.push(" OFFSET ");
                select.push_bind(offset(q.page, q.per_page));
                let rows: Vec<ReportRow> = select.build_query_as().fetch_all(self.pool()).await?;
                let items = rows
                    .into_iter()
                    .map(|r| {
                        r.into_report(Vec::new())
                            .map(|r| FraudReportSummary::from(&r))
                    })
                    .collect::<StoreResult<Vec<_>>>()?;
                Ok(page_of(items, total, q.page, q.per_page))
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
                let mut tx = begin_write(self.pool()).await?;
                let id: i64 = sqlx::query_scalar(INSERT_REPORT_SQL)
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
                audit.target = Some(format!("fraud_report:{id}"));
                record_and_commit(tx, id, &event, &audit).await
            }

            async fn change_state(
                &self,
                id: i64,
                expected_version: i64,
                event: FraudEvent,
                audit: NewAudit,
            ) -> StoreResult<FraudReport> {
                let to = event.to_state.ok_or_else(|| {
                    StoreError::Internal("a state change needs its new state".into())
                })?;
                let mut tx = begin_write(self.pool()).await?;
                let done = sqlx::query(CHANGE_STATE_SQL)
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
                record_and_commit(tx, id, &event, &audit).await
            }

            async fn draft_warning(
                &self,
                id: i64,
                expected_version: i64,
                draft: WarningDraft,
            ) -> StoreResult<(FraudReport, bool)> {
                let mut tx = begin_write(self.pool()).await?;
                // Held until commit: a concurrent draft (another click, another server process)
                // waits here and then finds the article this one wrote.
                let locked: Option<i64> = sqlx::query_scalar(&format!(
                    "SELECT id FROM fraud_reports WHERE id = $1{FOR_UPDATE}"
                ))
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
                let article = crate::articles::$engine::insert_new_article(
                    &mut tx,
                    &draft.article,
                    &draft.history,
                    &draft.article_audit,
                )
                .await?;
                sqlx::query(LINK_ARTICLE_SQL)
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
    };
}
pub(crate) use fraud_sql;
