//! The SQLite store: one file, WAL journal, `synchronous=FULL`, foreign keys on.

use super::is_public;
use super::{
    ArticleQuery, ArticleSortField, AuditQuery, ChangesPage, EndSessions, ImportedArticle,
    NewAudit, NewCommentRecord, NewHistory, NewUserRecord, SessionRecord, Store, StoreError,
    StoreResult, SYSTEM_USERNAME,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use portal_contract::blocks::body_text;
use portal_contract::checklist::{evaluate, ChecklistSettings};
use portal_contract::format::fold_vi;
use portal_contract::{
    ActiveSession, Article, ArticleSummary, AuditEntry, AuthorShare, Block, Channel, Checklist,
    Comment, CoverImage, HistoryEntry, Kind, Language, Page, Role, SearchHit, Stage, Topic, User,
};
use sqlx::migrate::Migrator;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{FromRow, QueryBuilder, Sqlite, SqliteConnection};
use std::str::FromStr;
use std::time::Duration;

/// How every write transaction begins: taking the write lock at once, so a transaction that
/// reads before it writes waits its turn (busy timeout) instead of failing with "database is
/// locked" when another connection writes first.
pub const IMMEDIATE: &str = "BEGIN IMMEDIATE";

static MIGRATOR: Migrator = sqlx::migrate!("./migrations/sqlite");

/// The SQLite implementation of [`Store`].
#[derive(Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                StoreError::Conflict(db.message().to_string())
            }
            sqlx::Error::RowNotFound => StoreError::NotFound,
            // The database cannot be reached (PostgreSQL restarting, a dropped connection):
            // worth retrying, unlike a failed statement.
            sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed => StoreError::Unavailable(e.to_string()),
            // PostgreSQL's SQLSTATE classes 08 (connection exception) and 57P (operator
            // intervention: shutting down, starting up).
            sqlx::Error::Database(db)
                if db
                    .code()
                    .is_some_and(|c| c.starts_with("08") || c.starts_with("57P")) =>
            {
                StoreError::Unavailable(e.to_string())
            }
            _ => StoreError::Internal(e.to_string()),
        }
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        StoreError::Internal(format!("migration failed: {e}"))
    }
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Internal(format!("unreadable value in column {what}"))
}

/// UTC text with a fixed number of fraction digits, so that text order is time order.
pub(crate) fn ts(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

pub(crate) fn parse_ts(s: &str, column: &str) -> StoreResult<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|_| corrupt(column))
}

pub(crate) fn parse_opt_ts(s: Option<&str>, column: &str) -> StoreResult<Option<DateTime<Utc>>> {
    s.map(|s| parse_ts(s, column)).transpose()
}

fn to_json<T: serde::Serialize>(v: &T) -> StoreResult<String> {
    serde_json::to_string(v).map_err(|e| StoreError::Internal(e.to_string()))
}

fn from_json<T: serde::de::DeserializeOwned>(s: &str, column: &str) -> StoreResult<T> {
    serde_json::from_str(s).map_err(|_| corrupt(column))
}

/// Folds text for search and collapses whitespace, so "Bảo  hiểm\nxã" is "bao hiem xa".
pub(crate) fn fold_for_search(s: &str) -> String {
    fold_vi(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) fn like_pattern(word: &str) -> String {
    let mut p = String::with_capacity(word.len() + 2);
    p.push('%');
    for c in word.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

impl SqliteStore {
    /// Opens (creating if missing) and migrates the database at `url`
    /// (`sqlite://path/to/file.db`).
    pub async fn open(url: &str) -> StoreResult<Self> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        MIGRATOR.run(&pool).await?;
        let store = Self { pool };
        store.finish_migrated_rows().await?;
        Ok(store)
    }

    /// A private in-memory database (for tests): one connection that lives as long as the pool.
    pub async fn open_in_memory() -> StoreResult<Self> {
        let options = SqliteConnectOptions::from_str("sqlite::memory:")?.foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(options)
            .await?;
        MIGRATOR.run(&pool).await?;
        let store = Self { pool };
        store.finish_migrated_rows().await?;
        Ok(store)
    }

    /// What the SQL migrations cannot do for rows written before them: the checklist count
    /// (with the default settings) and the search index need Rust (`evaluate`, `fold_vi`).
    /// Checks a few thousand rows in milliseconds; rewrites only those that need it.
    async fn finish_migrated_rows(&self) -> StoreResult<()> {
        let mut tx = self.pool.begin_with(IMMEDIATE).await?;
        // Also any row whose place in the index disagrees with what the public sees (rows
        // indexed before the rule of `is_public` changed).
        let ids: Vec<i64> = sqlx::query_scalar(&format!(
            "SELECT id FROM articles WHERE checklist_failing < 0 OR search_indexed = 0 \
             OR ({PUBLIC_STAGES}) <> (id IN (SELECT rowid FROM article_search))"
        ))
        .fetch_all(&mut *tx)
        .await?;
        let settings = ChecklistSettings::default();
        for id in ids {
            let Some(a) = fetch_article(&mut tx, id).await? else {
                continue;
            };
            let failing = evaluate(&a, &settings).failing;
            sqlx::query(
                "UPDATE articles SET checklist_failing = ?, search_indexed = 1 WHERE id = ?",
            )
            .bind(i64::from(failing))
            .bind(id)
            .execute(&mut *tx)
            .await?;
            sync_search(&mut tx, id, &a).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Opens a database with only the migrations up to `version` applied (for migration
    /// tests: build an old database, then [`SqliteStore::open`] it).
    pub async fn open_at_version(url: &str, version: i64) -> StoreResult<SqlitePool> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await?;
        let mut old = Migrator {
            migrations: std::borrow::Cow::Owned(
                MIGRATOR
                    .iter()
                    .filter(|m| m.version <= version)
                    .cloned()
                    .collect(),
            ),
            ..Migrator::DEFAULT
        };
        old.set_ignore_missing(true);
        old.run(&pool).await?;
        Ok(pool)
    }

    /// The underlying pool (for tests and maintenance).
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Writes a consistent copy of the whole database to `path` (a new file) while it stays in
    /// use: `VACUUM INTO` reads one snapshot, so writers go on and the copy is complete.
    pub async fn backup_to(&self, path: &std::path::Path) -> StoreResult<()> {
        if path.exists() {
            return Err(StoreError::Conflict(format!(
                "{} already exists",
                path.display()
            )));
        }
        let target = path
            .to_str()
            .ok_or_else(|| StoreError::Internal("the backup path is not UTF-8".into()))?;
        sqlx::query("VACUUM INTO ?")
            .bind(target)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Closes every connection (on shutdown), checkpointing the WAL.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

#[derive(FromRow)]
struct UserRow {
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

const USER_COLUMNS: &str =
    "id, username, full_name, email, roles, active, version, created_at, updated_at";

impl UserRow {
    fn into_user(self) -> StoreResult<User> {
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

#[derive(FromRow)]
struct ArticleRow {
    id: i64,
    title: String,
    lead: String,
    body: String,
    section: String,
    topics: String,
    kind: String,
    authors: String,
    source: String,
    cover: Option<String>,
    channels: String,
    language: String,
    model_example: bool,
    stage: String,
    scheduled_at: Option<String>,
    published_at: Option<String>,
    removal_reason: Option<String>,
    created_by: i64,
    created_at: String,
    updated_at: String,
    stage_changed_at: String,
    version: i64,
    checks: String,
    updated_by: i64,
    updated_by_name: String,
}

const ARTICLE_COLUMNS: &str = "id, title, lead, body, section, topics, kind, authors, source, \
     cover, channels, language, model_example, stage, scheduled_at, published_at, \
     removal_reason, created_by, created_at, updated_at, stage_changed_at, version, checks, \
     COALESCE(updated_by, created_by) AS updated_by, updated_by_name";

/// The list leaves out the long texts, and adds what only summaries carry.
const SUMMARY_COLUMNS: &str = "id, title, '' AS lead, '[]' AS body, section, topics, kind, \
     authors, '' AS source, NULL AS cover, '[]' AS channels, language, model_example, stage, \
     scheduled_at, published_at, removal_reason, created_by, created_at, updated_at, \
     stage_changed_at, version, '[]' AS checks, COALESCE(updated_by, created_by) AS updated_by, \
     updated_by_name, MAX(checklist_failing, 0) AS checklist_failing, change_seq, \
     (SELECT COUNT(*) FROM article_comments c WHERE c.article_id = articles.id) AS comment_count";

/// A row of [`SUMMARY_COLUMNS`].
#[derive(FromRow)]
struct SummaryRow {
    #[sqlx(flatten)]
    article: ArticleRow,
    checklist_failing: i64,
    change_seq: i64,
    comment_count: i64,
}

impl SummaryRow {
    fn into_summary(self) -> StoreResult<ArticleSummary> {
        let mut s = ArticleSummary::from(&self.article.into_article()?);
        s.checklist_failing = u32::try_from(self.checklist_failing).unwrap_or(0);
        s.comment_count = u32::try_from(self.comment_count).unwrap_or(u32::MAX);
        Ok(s)
    }
}

impl ArticleRow {
    fn into_article(self) -> StoreResult<Article> {
        Ok(Article {
            id: self.id,
            title: self.title,
            lead: self.lead,
            body: from_json::<Vec<Block>>(&self.body, "articles.body")?,
            section: self.section,
            topics: from_json::<Vec<Topic>>(&self.topics, "articles.topics")?,
            kind: Kind::parse(&self.kind).ok_or_else(|| corrupt("articles.kind"))?,
            authors: from_json::<Vec<AuthorShare>>(&self.authors, "articles.authors")?,
            source: self.source,
            cover: self
                .cover
                .as_deref()
                .map(|c| from_json::<CoverImage>(c, "articles.cover"))
                .transpose()?,
            channels: from_json::<Vec<Channel>>(&self.channels, "articles.channels")?,
            language: Language::parse(&self.language)
                .ok_or_else(|| corrupt("articles.language"))?,
            model_example: self.model_example,
            checks: from_json::<Vec<String>>(&self.checks, "articles.checks")?,
            checklist: Checklist::default(),
            stage: Stage::parse(&self.stage).ok_or_else(|| corrupt("articles.stage"))?,
            scheduled_at: parse_opt_ts(self.scheduled_at.as_deref(), "articles.scheduled_at")?,
            published_at: parse_opt_ts(self.published_at.as_deref(), "articles.published_at")?,
            removal_reason: self.removal_reason,
            created_by: self.created_by,
            created_at: parse_ts(&self.created_at, "articles.created_at")?,
            updated_at: parse_ts(&self.updated_at, "articles.updated_at")?,
            updated_by: self.updated_by,
            updated_by_name: self.updated_by_name,
            stage_changed_at: parse_ts(&self.stage_changed_at, "articles.stage_changed_at")?,
            version: self.version,
        })
    }
}

/// Column values of an article, ready to bind.
struct ArticleColumns {
    title: String,
    lead: String,
    body: String,
    section: String,
    topics: String,
    kind: &'static str,
    authors: String,
    source: String,
    cover: Option<String>,
    channels: String,
    language: &'static str,
    model_example: bool,
    stage: &'static str,
    scheduled_at: Option<String>,
    published_at: Option<String>,
    removal_reason: Option<String>,
    created_by: i64,
    created_at: String,
    updated_at: String,
    stage_changed_at: String,
    version: i64,
    search_folded: String,
    title_folded: String,
    checks: String,
    updated_by: i64,
    updated_by_name: String,
    checklist_failing: i64,
}

impl ArticleColumns {
    fn of(a: &Article) -> StoreResult<Self> {
        Ok(Self {
            title: a.title.clone(),
            lead: a.lead.clone(),
            body: to_json(&a.body)?,
            section: a.section.clone(),
            topics: to_json(&a.topics)?,
            kind: a.kind.as_str(),
            authors: to_json(&a.authors)?,
            source: a.source.clone(),
            cover: a.cover.as_ref().map(to_json).transpose()?,
            channels: to_json(&a.channels)?,
            language: a.language.as_str(),
            model_example: a.model_example,
            stage: a.stage.as_str(),
            scheduled_at: a.scheduled_at.map(ts),
            published_at: a.published_at.map(ts),
            removal_reason: a.removal_reason.clone(),
            created_by: a.created_by,
            created_at: ts(a.created_at),
            updated_at: ts(a.updated_at),
            stage_changed_at: ts(a.stage_changed_at),
            version: a.version,
            search_folded: fold_for_search(&format!("{} {} {}", a.title, a.lead, a.section)),
            title_folded: fold_for_search(&a.title),
            checks: to_json(&a.checks)?,
            updated_by: a.updated_by,
            updated_by_name: a.updated_by_name.clone(),
            checklist_failing: i64::from(a.checklist.failing),
        })
    }
}

#[derive(FromRow)]
struct HistoryRow {
    id: i64,
    article_id: i64,
    at: String,
    actor_id: i64,
    actor_name: String,
    action: String,
    from_stage: Option<String>,
    to_stage: Option<String>,
    comment: Option<String>,
    version: i64,
}

fn parse_opt_stage(s: Option<&str>, column: &str) -> StoreResult<Option<Stage>> {
    s.map(|s| Stage::parse(s).ok_or_else(|| corrupt(column)))
        .transpose()
}

impl HistoryRow {
    fn into_entry(self) -> StoreResult<HistoryEntry> {
        Ok(HistoryEntry {
            id: self.id,
            article_id: self.article_id,
            at: parse_ts(&self.at, "article_history.at")?,
            actor_id: self.actor_id,
            actor_name: self.actor_name,
            action: self.action,
            from_stage: parse_opt_stage(self.from_stage.as_deref(), "article_history.from_stage")?,
            to_stage: parse_opt_stage(self.to_stage.as_deref(), "article_history.to_stage")?,
            comment: self.comment,
            version: self.version,
        })
    }
}

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

#[derive(FromRow)]
pub(crate) struct SessionRow {
    pub(crate) id: i64,
    pub(crate) token_hash: String,
    pub(crate) user_id: i64,
    pub(crate) created_at: String,
    pub(crate) idle_expires_at: String,
    pub(crate) absolute_expires_at: String,
}

impl SessionRow {
    pub(crate) fn into_record(self) -> StoreResult<SessionRecord> {
        Ok(SessionRecord {
            id: self.id,
            token_hash: self.token_hash,
            user_id: self.user_id,
            created_at: parse_ts(&self.created_at, "sessions.created_at")?,
            idle_expires_at: parse_ts(&self.idle_expires_at, "sessions.idle_expires_at")?,
            absolute_expires_at: parse_ts(
                &self.absolute_expires_at,
                "sessions.absolute_expires_at",
            )?,
        })
    }
}

/// A live session with its user, as both stores list them.
#[derive(FromRow)]
pub(crate) struct ActiveSessionRow {
    id: i64,
    user_id: i64,
    username: String,
    full_name: String,
    created_at: String,
    idle_expires_at: String,
    absolute_expires_at: String,
}

impl ActiveSessionRow {
    pub(crate) fn into_session(self) -> StoreResult<ActiveSession> {
        Ok(ActiveSession {
            id: self.id,
            user_id: self.user_id,
            username: self.username,
            full_name: self.full_name,
            created_at: parse_ts(&self.created_at, "sessions.created_at")?,
            idle_expires_at: parse_ts(&self.idle_expires_at, "sessions.idle_expires_at")?,
            absolute_expires_at: parse_ts(
                &self.absolute_expires_at,
                "sessions.absolute_expires_at",
            )?,
            current: false,
        })
    }
}

// Statements both stores run as written (`$n` parameters work on SQLite too).
pub(crate) const COUNT_LIVE_SESSIONS_SQL: &str =
    "SELECT COUNT(*) FROM sessions WHERE idle_expires_at > $1 AND absolute_expires_at > $1";
pub(crate) const LIVE_SESSIONS_SQL: &str = "SELECT s.id, s.user_id, u.username, u.full_name, \
     s.created_at, s.idle_expires_at, s.absolute_expires_at FROM sessions s \
     JOIN users u ON u.id = s.user_id WHERE s.idle_expires_at > $1 AND s.absolute_expires_at > $1 \
     ORDER BY s.idle_expires_at DESC, s.id DESC LIMIT $2 OFFSET $3";
pub(crate) const SESSION_SQL: &str = "SELECT id, token_hash, user_id, created_at, \
     idle_expires_at, absolute_expires_at FROM sessions WHERE token_hash = $1";
pub(crate) const END_SESSION_SQL: &str = "DELETE FROM sessions WHERE id = $1 RETURNING user_id";
pub(crate) const END_ALL_SESSIONS_SQL: &str = "DELETE FROM sessions WHERE user_id = $1";
pub(crate) const END_OTHER_SESSIONS_SQL: &str =
    "DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2";

pub(crate) async fn insert_audit(conn: &mut SqliteConnection, a: &NewAudit) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor_id, actor_name, action, target, outcome, detail) \
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(ts(a.at))
    .bind(a.actor_id)
    .bind(&a.actor_name)
    .bind(&a.action)
    .bind(&a.target)
    .bind(&a.outcome)
    .bind(&a.detail)
    .execute(&mut *conn)
    .await?;
    super::idempotency::mark_applied(conn, a.target.as_deref()).await
}

async fn insert_history(
    conn: &mut SqliteConnection,
    article_id: i64,
    h: &NewHistory,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO article_history \
         (article_id, at, actor_id, actor_name, action, from_stage, to_stage, comment, version) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(article_id)
    .bind(ts(h.at))
    .bind(h.actor_id)
    .bind(&h.actor_name)
    .bind(&h.action)
    .bind(h.from_stage.map(Stage::as_str))
    .bind(h.to_stage.map(Stage::as_str))
    .bind(&h.comment)
    .bind(h.version)
    .execute(&mut *conn)
    .await?;
    // What was said with a transition belongs to the discussion too.
    if let Some(text) = h.comment.as_deref().filter(|c| !c.trim().is_empty()) {
        sqlx::query(
            "INSERT INTO article_comments \
             (article_id, at, author_id, author_name, text, action, from_stage, to_stage) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(article_id)
        .bind(ts(h.at))
        .bind(h.actor_id)
        .bind(&h.actor_name)
        .bind(text)
        .bind(&h.action)
        .bind(h.from_stage.map(Stage::as_str))
        .bind(h.to_stage.map(Stage::as_str))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

async fn insert_comment(
    conn: &mut SqliteConnection,
    article_id: i64,
    c: &NewCommentRecord,
) -> StoreResult<i64> {
    let done = sqlx::query(
        "INSERT INTO article_comments (article_id, at, author_id, author_name, text) \
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(article_id)
    .bind(ts(c.at))
    .bind(c.author_id)
    .bind(&c.author_name)
    .bind(&c.text)
    .execute(conn)
    .await?;
    Ok(done.last_insert_rowid())
}

/// The next value of the change sequence. Used inside the writing statement itself, so the
/// write lock is held and no other writer can take the same value.
const NEXT_CHANGE: &str = "(SELECT COALESCE(MAX(change_seq), 0) + 1 FROM articles)";

/// Keeps the article's snapshot at its current version (the row must be saved already).
async fn insert_version(conn: &mut SqliteConnection, id: i64) -> StoreResult<()> {
    let a = fetch_article(&mut *conn, id)
        .await?
        .ok_or(StoreError::NotFound)?;
    sqlx::query(
        "INSERT INTO article_versions (article_id, version, at, snapshot) VALUES (?, ?, ?, ?)",
    )
    .bind(id)
    .bind(a.version)
    .bind(ts(a.updated_at))
    .bind(to_json(&a)?)
    .execute(conn)
    .await?;
    Ok(())
}

/// The SQL of [`is_public`] (kept beside it: the index and the public queries must agree).
const PUBLIC_STAGES: &str = "stage IN ('published', 'removal_requested')";

/// Puts the article in the public search index if the public sees it, takes it out otherwise.
async fn sync_search(conn: &mut SqliteConnection, id: i64, a: &Article) -> StoreResult<()> {
    sqlx::query("DELETE FROM article_search WHERE rowid = ?")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    if is_public(a.stage) {
        sqlx::query("INSERT INTO article_search (rowid, title, lead, body) VALUES (?, ?, ?, ?)")
            .bind(id)
            .bind(fold_for_search(&a.title))
            .bind(fold_for_search(&a.lead))
            .bind(fold_for_search(&body_text(&a.body)))
            .execute(conn)
            .await?;
    }
    Ok(())
}

#[derive(FromRow)]
struct CommentRow {
    id: i64,
    article_id: i64,
    at: String,
    author_id: i64,
    author_name: String,
    text: String,
    action: Option<String>,
    from_stage: Option<String>,
    to_stage: Option<String>,
}

const COMMENT_COLUMNS: &str =
    "id, article_id, at, author_id, author_name, text, action, from_stage, to_stage";

impl CommentRow {
    fn into_comment(self) -> StoreResult<Comment> {
        Ok(Comment {
            id: self.id,
            article_id: self.article_id,
            at: parse_ts(&self.at, "article_comments.at")?,
            author_id: self.author_id,
            author_name: self.author_name,
            text: self.text,
            action: self.action,
            from_stage: parse_opt_stage(self.from_stage.as_deref(), "article_comments.from_stage")?,
            to_stage: parse_opt_stage(self.to_stage.as_deref(), "article_comments.to_stage")?,
        })
    }
}

/// Only articles `user_id` created or is listed as an author of.
fn push_visibility(qb: &mut QueryBuilder<'_, Sqlite>, visible_to: Option<i64>) {
    if let Some(user_id) = visible_to {
        qb.push(" AND (created_by = ");
        qb.push_bind(user_id);
        qb.push(
            " OR EXISTS (SELECT 1 FROM json_each(articles.authors) a \
             WHERE json_extract(a.value, '$.user_id') = ",
        );
        qb.push_bind(user_id);
        qb.push("))");
    }
}

/// An FTS5 query that matches every term as a literal phrase: each is double-quoted (inner
/// quotes doubled), so `AND`, `*`, `NEAR(`, `-` or `"` in user input are only text.
fn fts_literal_query(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

async fn insert_article(conn: &mut SqliteConnection, a: &Article) -> StoreResult<i64> {
    let c = ArticleColumns::of(a)?;
    let done = sqlx::query(&format!(
        "INSERT INTO articles (title, lead, body, section, topics, kind, authors, source, cover, \
         channels, language, model_example, stage, scheduled_at, published_at, removal_reason, \
         created_by, created_at, updated_at, stage_changed_at, version, search_folded, \
         title_folded, checks, updated_by, updated_by_name, checklist_failing, search_indexed, \
         change_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, \
         ?, ?, ?, ?, 1, {NEXT_CHANGE})"
    ))
    .bind(c.title)
    .bind(c.lead)
    .bind(c.body)
    .bind(c.section)
    .bind(c.topics)
    .bind(c.kind)
    .bind(c.authors)
    .bind(c.source)
    .bind(c.cover)
    .bind(c.channels)
    .bind(c.language)
    .bind(c.model_example)
    .bind(c.stage)
    .bind(c.scheduled_at)
    .bind(c.published_at)
    .bind(c.removal_reason)
    .bind(c.created_by)
    .bind(c.created_at)
    .bind(c.updated_at)
    .bind(c.stage_changed_at)
    .bind(c.version)
    .bind(c.search_folded)
    .bind(c.title_folded)
    .bind(c.checks)
    .bind(c.updated_by)
    .bind(c.updated_by_name)
    .bind(c.checklist_failing)
    .execute(&mut *conn)
    .await?;
    let id = done.last_insert_rowid();
    sync_search(conn, id, a).await?;
    Ok(id)
}

async fn fetch_article(conn: &mut SqliteConnection, id: i64) -> StoreResult<Option<Article>> {
    sqlx::query_as::<_, ArticleRow>(&format!(
        "SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?
    .map(ArticleRow::into_article)
    .transpose()
}

async fn fetch_user(conn: &mut SqliteConnection, id: i64) -> StoreResult<Option<User>> {
    sqlx::query_as::<_, UserRow>(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?"))
        .bind(id)
        .fetch_optional(conn)
        .await?
        .map(UserRow::into_user)
        .transpose()
}

fn push_article_filters<'a>(qb: &mut QueryBuilder<'a, Sqlite>, q: &'a ArticleQuery) {
    qb.push(" WHERE 1 = 1");
    if !q.stages.is_empty() {
        qb.push(" AND stage IN (");
        let mut list = qb.separated(", ");
        for s in &q.stages {
            list.push_bind(s.as_str());
        }
        qb.push(")");
    }
    if !q.kinds.is_empty() {
        qb.push(" AND kind IN (");
        let mut list = qb.separated(", ");
        for k in &q.kinds {
            list.push_bind(k.as_str());
        }
        qb.push(")");
    }
    if !q.topics.is_empty() {
        qb.push(" AND EXISTS (SELECT 1 FROM json_each(articles.topics) t WHERE t.value IN (");
        let mut list = qb.separated(", ");
        for t in &q.topics {
            list.push_bind(t.as_str());
        }
        qb.push("))");
    }
    if let Some(text) = &q.text {
        for word in fold_for_search(text).split(' ').filter(|w| !w.is_empty()) {
            qb.push(" AND search_folded LIKE ");
            qb.push_bind(like_pattern(word));
            qb.push(" ESCAPE '\\'");
        }
    }
    push_visibility(qb, q.visible_to);
    if q.unscheduled {
        qb.push(" AND scheduled_at IS NULL");
    }
    if let Some(flag) = q.model_example {
        qb.push(" AND model_example = ");
        qb.push_bind(flag);
    }
    if let Some(from) = q.published_from {
        qb.push(" AND published_at >= ");
        qb.push_bind(ts(from));
    }
    if let Some(before) = q.published_before {
        qb.push(" AND published_at < ");
        qb.push_bind(ts(before));
    }
}

pub(crate) fn offset(page: u32, per_page: u32) -> i64 {
    i64::from(page.saturating_sub(1)) * i64::from(per_page)
}

/// A page of `items` out of `total` (a COUNT, never negative in practice).
pub(crate) fn page_of<T>(items: Vec<T>, total: i64, page: u32, per_page: u32) -> Page<T> {
    Page {
        items,
        total: total.max(0) as u64,
        page,
        per_page,
    }
}

#[async_trait]
impl Store for SqliteStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    fn stats(&self) -> std::sync::Arc<dyn crate::stats::StatsStore> {
        std::sync::Arc::new(self.clone())
    }

    fn plans(&self) -> std::sync::Arc<dyn super::plans::PlanStore> {
        std::sync::Arc::new(self.clone())
    }

    fn norms(&self) -> std::sync::Arc<dyn super::norms::NormStore> {
        std::sync::Arc::new(self.clone())
    }

    fn fraud(&self) -> std::sync::Arc<dyn super::fraud::FraudStore> {
        std::sync::Arc::new(self.clone())
    }

    fn royalties(&self) -> std::sync::Arc<dyn super::royalties::RoyaltyStore> {
        std::sync::Arc::new(self.clone())
    }

    fn info(&self) -> std::sync::Arc<dyn super::info::InfoStore> {
        std::sync::Arc::new(self.clone())
    }

    fn idempotency(&self) -> std::sync::Arc<dyn super::idempotency::IdempotencyStore> {
        std::sync::Arc::new(self.clone())
    }

    async fn close(&self) {
        SqliteStore::close(self).await
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn count_users(&self) -> StoreResult<i64> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE username <> ?")
                .bind(SYSTEM_USERNAME)
                .fetch_one(&self.pool)
                .await?,
        )
    }

    async fn create_user(&self, u: &NewUserRecord, audit: Option<NewAudit>) -> StoreResult<User> {
        let mut tx = self.pool.begin_with(IMMEDIATE).await?;
        let done = sqlx::query(
            "INSERT INTO users (username, full_name, email, roles, active, password_hash, \
             version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)",
        )
        .bind(&u.username)
        .bind(&u.full_name)
        .bind(&u.email)
        .bind(to_json(&u.roles)?)
        .bind(u.active)
        .bind(&u.password_hash)
        .bind(ts(u.at))
        .bind(ts(u.at))
        .execute(&mut *tx)
        .await?;
        let id = done.last_insert_rowid();
        if let Some(mut a) = audit {
            a.target = Some(format!("user:{id}"));
            insert_audit(&mut tx, &a).await?;
        }
        let user = fetch_user(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(user)
    }

    async fn user(&self, id: i64) -> StoreResult<Option<User>> {
        let mut conn = self.pool.acquire().await?;
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
            "SELECT {USER_COLUMNS}, password_hash FROM users WHERE username = ?"
        ))
        .bind(username)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((r.user.into_user()?, r.password_hash)))
            .transpose()
    }

    async fn list_users(&self, page: u32, per_page: u32) -> StoreResult<Page<User>> {
        let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE username <> ?")
            .bind(SYSTEM_USERNAME)
            .fetch_one(&self.pool)
            .await?;
        let rows = sqlx::query_as::<_, UserRow>(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE username <> ? ORDER BY username \
             LIMIT ? OFFSET ?"
        ))
        .bind(SYSTEM_USERNAME)
        .bind(i64::from(per_page))
        .bind(offset(page, per_page))
        .fetch_all(&self.pool)
        .await?;
        let items = rows
            .into_iter()
            .map(UserRow::into_user)
            .collect::<StoreResult<_>>()?;
        Ok(page_of(items, total, page, per_page))
    }

    async fn update_user(
        &self,
        u: &User,
        expected_version: i64,
        new_password_hash: Option<&str>,
        end_sessions: EndSessions,
        audit: NewAudit,
    ) -> StoreResult<User> {
        let mut tx = self.pool.begin_with(IMMEDIATE).await?;
        let done = sqlx::query(
            "UPDATE users SET full_name = ?, email = ?, roles = ?, active = ?, \
             password_hash = COALESCE(?, password_hash), version = ?, updated_at = ? \
             WHERE id = ? AND version = ?",
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

    async fn create_session(&self, s: &SessionRecord, audit: NewAudit) -> StoreResult<()> {
        let mut tx = self.pool.begin_with(IMMEDIATE).await?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, created_at, idle_expires_at, \
             absolute_expires_at) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(&s.token_hash)
        .bind(s.user_id)
        .bind(ts(s.created_at))
        .bind(ts(s.idle_expires_at))
        .bind(ts(s.absolute_expires_at))
        .execute(&mut *tx)
        .await?;
        insert_audit(&mut tx, &audit).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn session(&self, token_hash: &str) -> StoreResult<Option<(SessionRecord, User)>> {
        let mut conn = self.pool.acquire().await?;
        let Some(row) = sqlx::query_as::<_, SessionRow>(SESSION_SQL)
            .bind(token_hash)
            .fetch_optional(&mut *conn)
            .await?
        else {
            return Ok(None);
        };
        let Some(user) = fetch_user(&mut conn, row.user_id).await? else {
            return Ok(None);
        };
        Ok(Some((row.into_record()?, user)))
    }

    async fn touch_session(
        &self,
        token_hash: &str,
        idle_expires_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        sqlx::query("UPDATE sessions SET idle_expires_at = ? WHERE token_hash = ?")
            .bind(ts(idle_expires_at))
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn delete_session(&self, token_hash: &str, audit: Option<NewAudit>) -> StoreResult<bool> {
        let mut tx = self.pool.begin_with(IMMEDIATE).await?;
        let done = sqlx::query("DELETE FROM sessions WHERE token_hash = ?")
            .bind(token_hash)
            .execute(&mut *tx)
            .await?;
        let existed = done.rows_affected() > 0;
        if existed {
            if let Some(a) = audit {
                insert_audit(&mut tx, &a).await?;
            }
        }
        tx.commit().await?;
        Ok(existed)
    }

    async fn delete_expired_sessions(&self, now: DateTime<Utc>) -> StoreResult<u64> {
        let now = ts(now);
        let done = sqlx::query(
            "DELETE FROM sessions WHERE idle_expires_at <= ? OR absolute_expires_at <= ?",
        )
        .bind(&now)
        .bind(&now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
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
            .fetch_one(&self.pool)
            .await?;
        let rows = sqlx::query_as::<_, ActiveSessionRow>(LIVE_SESSIONS_SQL)
            .bind(&now)
            .bind(i64::from(per_page))
            .bind(offset(page, per_page))
            .fetch_all(&self.pool)
            .await?;
        let items = rows
            .into_iter()
            .map(ActiveSessionRow::into_session)
            .collect::<StoreResult<_>>()?;
        Ok(page_of(items, total, page, per_page))
    }

    async fn end_session(&self, id: i64, mut audit: NewAudit) -> StoreResult<bool> {
        let mut tx = self.pool.begin_with(IMMEDIATE).await?;
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

    async fn create_article(
        &self,
        article: &Article,
        history: NewHistory,
        mut audit: NewAudit,
    ) -> StoreResult<Article> {
        let mut tx = self.pool.begin_with(IMMEDIATE).await?;
        let id = insert_article(&mut tx, article).await?;
        insert_history(&mut tx, id, &history).await?;
        insert_version(&mut tx, id).await?;
        audit.target = Some(format!("article:{id}"));
        insert_audit(&mut tx, &audit).await?;
        let saved = fetch_article(&mut tx, id)
            .await?
            .ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(saved)
    }

    async fn article(&self, id: i64) -> StoreResult<Option<Article>> {
        let mut conn = self.pool.acquire().await?;
        fetch_article(&mut conn, id).await
    }

    async fn list_articles(&self, q: &ArticleQuery) -> StoreResult<Page<ArticleSummary>> {
        let mut count = QueryBuilder::<Sqlite>::new("SELECT COUNT(*) FROM articles");
        push_article_filters(&mut count, q);
        let total: i64 = count.build_query_scalar().fetch_one(&self.pool).await?;

        let mut select =
            QueryBuilder::<Sqlite>::new(format!("SELECT {SUMMARY_COLUMNS} FROM articles"));
        push_article_filters(&mut select, q);
        let dir = if q.descending { "DESC" } else { "ASC" };
        let key = match q.sort {
            ArticleSortField::UpdatedAt => "updated_at".to_string(),
            ArticleSortField::CreatedAt => "created_at".to_string(),
            ArticleSortField::Title => "title_folded".to_string(),
            ArticleSortField::PublishedAt => "published_at".to_string(),
            ArticleSortField::StageChangedAt => "stage_changed_at".to_string(),
            ArticleSortField::Stage => {
                let mut case = String::from("CASE stage");
                for (i, s) in Stage::ALL.iter().enumerate() {
                    case.push_str(&format!(" WHEN '{}' THEN {i}", s.as_str()));
                }
                case.push_str(" END");
                case
            }
        };
        select.push(format!(" ORDER BY {key} {dir}, id {dir} LIMIT "));
        select.push_bind(i64::from(q.per_page));
        select.push(" OFFSET ");
        select.push_bind(offset(q.page, q.per_page));
        let rows: Vec<SummaryRow> = select.build_query_as().fetch_all(&self.pool).await?;
        let items = rows
            .into_iter()
            .map(SummaryRow::into_summary)
            .collect::<StoreResult<_>>()?;
        Ok(page_of(items, total, q.page, q.per_page))
    }

    async fn update_article(
        &self,
        a: &Article,
        expected_version: i64,
        history: NewHistory,
        audit: NewAudit,
    ) -> StoreResult<Article> {
        let c = ArticleColumns::of(a)?;
        let mut tx = self.pool.begin_with(IMMEDIATE).await?;
        let done = sqlx::query(&format!(
            "UPDATE articles SET title = ?, lead = ?, body = ?, section = ?, topics = ?, \
             kind = ?, authors = ?, source = ?, cover = ?, channels = ?, language = ?, \
             model_example = ?, stage = ?, scheduled_at = ?, published_at = ?, \
             removal_reason = ?, updated_at = ?, stage_changed_at = ?, version = ?, \
             search_folded = ?, title_folded = ?, checks = ?, updated_by = ?, \
             updated_by_name = ?, checklist_failing = ?, search_indexed = 1, \
             change_seq = {NEXT_CHANGE} WHERE id = ? AND version = ?"
        ))
        .bind(c.title)
        .bind(c.lead)
        .bind(c.body)
        .bind(c.section)
        .bind(c.topics)
        .bind(c.kind)
        .bind(c.authors)
        .bind(c.source)
        .bind(c.cover)
        .bind(c.channels)
        .bind(c.language)
        .bind(c.model_example)
        .bind(c.stage)
        .bind(c.scheduled_at)
        .bind(c.published_at)
        .bind(c.removal_reason)
        .bind(c.updated_at)
        .bind(c.stage_changed_at)
        .bind(c.version)
        .bind(c.search_folded)
        .bind(c.title_folded)
        .bind(c.checks)
        .bind(c.updated_by)
        .bind(c.updated_by_name)
        .bind(c.checklist_failing)
        .bind(a.id)
        .bind(expected_version)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(match fetch_article(&mut tx, a.id).await? {
                Some(_) => StoreError::VersionMismatch,
                None => StoreError::NotFound,
            });
        }
        insert_history(&mut tx, a.id, &history).await?;
        insert_version(&mut tx, a.id).await?;
        sync_search(&mut tx, a.id, a).await?;
        insert_audit(&mut tx, &audit).await?;
        let saved = fetch_article(&mut tx, a.id)
            .await?
            .ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(saved)
    }

    async fn history(&self, article_id: i64) -> StoreResult<Vec<HistoryEntry>> {
        sqlx::query_as::<_, HistoryRow>(
            "SELECT id, article_id, at, actor_id, actor_name, action, from_stage, to_stage, \
             comment, version FROM article_history WHERE article_id = ? ORDER BY id",
        )
        .bind(article_id)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(HistoryRow::into_entry)
        .collect()
    }

    async fn import_articles(
        &self,
        items: &[ImportedArticle],
        audit: NewAudit,
    ) -> StoreResult<usize> {
        let mut tx = self.pool.begin_with(IMMEDIATE).await?;
        for item in items {
            let id = insert_article(&mut tx, &item.article).await?;
            for h in &item.history {
                insert_history(&mut tx, id, h).await?;
            }
            for c in &item.comments {
                insert_comment(&mut tx, id, c).await?;
            }
            insert_version(&mut tx, id).await?;
        }
        insert_audit(&mut tx, &audit).await?;
        tx.commit().await?;
        Ok(items.len())
    }

    async fn article_version(&self, id: i64, version: i64) -> StoreResult<Option<Article>> {
        let snapshot: Option<String> = sqlx::query_scalar(
            "SELECT snapshot FROM article_versions WHERE article_id = ? AND version = ?",
        )
        .bind(id)
        .bind(version)
        .fetch_optional(&self.pool)
        .await?;
        let Some(snapshot) = snapshot else {
            return Ok(None);
        };
        let mut value: serde_json::Value = from_json(&snapshot, "article_versions.snapshot")?;
        // The checklist is recomputed by whoever reads the snapshot.
        if let Some(obj) = value.as_object_mut() {
            obj.insert(
                "checklist".to_string(),
                serde_json::json!({ "items": [], "failing": 0 }),
            );
        }
        let mut a: Article =
            serde_json::from_value(value).map_err(|_| corrupt("article_versions.snapshot"))?;
        a.checklist = Checklist::default();
        Ok(Some(a))
    }

    async fn comments(&self, article_id: i64) -> StoreResult<Vec<Comment>> {
        sqlx::query_as::<_, CommentRow>(&format!(
            "SELECT {COMMENT_COLUMNS} FROM article_comments WHERE article_id = ? ORDER BY at, id"
        ))
        .bind(article_id)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(CommentRow::into_comment)
        .collect()
    }

    async fn add_comment(
        &self,
        article_id: i64,
        comment: &NewCommentRecord,
        audit: NewAudit,
    ) -> StoreResult<Comment> {
        let mut tx = self.pool.begin_with(IMMEDIATE).await?;
        // Writing the article first takes the write lock and tells a missing article apart.
        let done = sqlx::query(&format!(
            "UPDATE articles SET change_seq = {NEXT_CHANGE} WHERE id = ?"
        ))
        .bind(article_id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let id = insert_comment(&mut tx, article_id, comment).await?;
        insert_audit(&mut tx, &audit).await?;
        let saved = sqlx::query_as::<_, CommentRow>(&format!(
            "SELECT {COMMENT_COLUMNS} FROM article_comments WHERE id = ?"
        ))
        .bind(id)
        .fetch_one(&mut *tx)
        .await?
        .into_comment()?;
        tx.commit().await?;
        Ok(saved)
    }

    async fn board(&self, visible_to: Option<i64>) -> StoreResult<(Vec<ArticleSummary>, i64)> {
        // One read transaction: the cursor is exactly as new as the cards.
        let mut tx = self.pool.begin_with(IMMEDIATE).await?;
        let cursor: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(change_seq), 0) FROM articles")
            .fetch_one(&mut *tx)
            .await?;
        let mut select = QueryBuilder::<Sqlite>::new(format!(
            "SELECT {SUMMARY_COLUMNS} FROM articles WHERE 1 = 1"
        ));
        push_visibility(&mut select, visible_to);
        select.push(" ORDER BY updated_at DESC, id DESC");
        let rows: Vec<SummaryRow> = select.build_query_as().fetch_all(&mut *tx).await?;
        tx.commit().await?;
        let cards = rows
            .into_iter()
            .map(SummaryRow::into_summary)
            .collect::<StoreResult<_>>()?;
        Ok((cards, cursor))
    }

    async fn changes_since(
        &self,
        since: i64,
        visible_to: Option<i64>,
        limit: u32,
    ) -> StoreResult<Option<ChangesPage>> {
        let mut tx = self.pool.begin_with(IMMEDIATE).await?;
        let newest: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(change_seq), 0) FROM articles")
            .fetch_one(&mut *tx)
            .await?;
        if since < 0 || since > newest {
            return Ok(None);
        }
        let mut select = QueryBuilder::<Sqlite>::new(format!(
            "SELECT {SUMMARY_COLUMNS} FROM articles WHERE change_seq > "
        ));
        select.push_bind(since);
        push_visibility(&mut select, visible_to);
        select.push(" ORDER BY change_seq LIMIT ");
        select.push_bind(i64::from(limit) + 1);
        let mut rows: Vec<SummaryRow> = select.build_query_as().fetch_all(&mut *tx).await?;
        tx.commit().await?;
        let more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        // Past the last change shown when more wait; else past every change, seen or hidden.
        let cursor = match (more, rows.last()) {
            (true, Some(last)) => last.change_seq,
            _ => newest,
        };
        let items = rows
            .into_iter()
            .map(SummaryRow::into_summary)
            .collect::<StoreResult<_>>()?;
        Ok(Some(ChangesPage {
            items,
            cursor,
            more,
        }))
    }

    async fn published_articles(&self, page: u32, per_page: u32) -> StoreResult<Page<Article>> {
        let total: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM articles WHERE {PUBLIC_STAGES}"
        ))
        .fetch_one(&self.pool)
        .await?;
        let rows = sqlx::query_as::<_, ArticleRow>(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles WHERE {PUBLIC_STAGES} \
             ORDER BY published_at DESC, id DESC LIMIT ? OFFSET ?"
        ))
        .bind(i64::from(per_page))
        .bind(offset(page, per_page))
        .fetch_all(&self.pool)
        .await?;
        let items = rows
            .into_iter()
            .map(ArticleRow::into_article)
            .collect::<StoreResult<_>>()?;
        Ok(page_of(items, total, page, per_page))
    }

    async fn published_article(&self, id: i64) -> StoreResult<Option<Article>> {
        sqlx::query_as::<_, ArticleRow>(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ? AND {PUBLIC_STAGES}"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .map(ArticleRow::into_article)
        .transpose()
    }

    async fn search_published(
        &self,
        terms: &[String],
        page: u32,
        per_page: u32,
    ) -> StoreResult<Page<SearchHit>> {
        #[derive(FromRow)]
        struct HitRow {
            id: i64,
            title: String,
            lead: String,
            section: String,
            published_at: Option<String>,
            stage_changed_at: String,
            rank: f64,
        }
        let empty = Page {
            items: Vec::new(),
            total: 0,
            page,
            per_page,
        };
        if terms.is_empty() {
            return Ok(empty);
        }
        let query = fts_literal_query(terms);
        let total: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM article_search s JOIN articles a ON a.id = s.rowid \
             WHERE article_search MATCH ? AND a.{PUBLIC_STAGES}"
        ))
        .bind(&query)
        .fetch_one(&self.pool)
        .await?;
        // bm25 is lower for better matches; a title hit weighs most, then lead, then body.
        let rows = sqlx::query_as::<_, HitRow>(&format!(
            "SELECT a.id, a.title, a.lead, a.section, a.published_at, a.stage_changed_at, \
             s.rank FROM (SELECT rowid AS id, bm25(article_search, 10.0, 4.0, 1.0) AS rank \
             FROM article_search WHERE article_search MATCH ?) s \
             JOIN articles a ON a.id = s.id WHERE a.{PUBLIC_STAGES} \
             ORDER BY s.rank, a.id LIMIT ? OFFSET ?"
        ))
        .bind(&query)
        .bind(i64::from(per_page))
        .bind(offset(page, per_page))
        .fetch_all(&self.pool)
        .await?;
        let items = rows
            .into_iter()
            .map(|r| {
                let published = match r.published_at.as_deref() {
                    Some(p) => parse_ts(p, "articles.published_at")?,
                    None => parse_ts(&r.stage_changed_at, "articles.stage_changed_at")?,
                };
                Ok(SearchHit {
                    id: r.id,
                    title: r.title,
                    lead: r.lead,
                    section: r.section,
                    published_at: published,
                    score: -r.rank,
                })
            })
            .collect::<StoreResult<_>>()?;
        Ok(page_of(items, total, page, per_page))
    }

    async fn due_for_publishing(&self, now: DateTime<Utc>) -> StoreResult<Vec<Article>> {
        sqlx::query_as::<_, ArticleRow>(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles WHERE stage = 'approved' \
             AND scheduled_at IS NOT NULL AND scheduled_at <= ? ORDER BY scheduled_at, id"
        ))
        .bind(ts(now))
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(ArticleRow::into_article)
        .collect()
    }

    async fn system_user(&self) -> StoreResult<User> {
        sqlx::query_as::<_, UserRow>(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE username = ?"
        ))
        .bind(SYSTEM_USERNAME)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| StoreError::Internal("the system user is missing".to_string()))?
        .into_user()
    }

    async fn append_audit(&self, entry: NewAudit) -> StoreResult<()> {
        let mut conn = self.pool.acquire().await?;
        insert_audit(&mut conn, &entry).await
    }

    async fn list_audit(&self, q: &AuditQuery) -> StoreResult<Page<AuditEntry>> {
        let mut count = QueryBuilder::<Sqlite>::new("SELECT COUNT(*) FROM audit_log");
        push_audit_filters(&mut count, &q.filter);
        let total: i64 = count.build_query_scalar().fetch_one(&self.pool).await?;
        let mut select =
            QueryBuilder::<Sqlite>::new(format!("SELECT {AUDIT_COLUMNS} FROM audit_log"));
        push_audit_filters(&mut select, &q.filter);
        select
            .push(" ORDER BY id DESC LIMIT ")
            .push_bind(i64::from(q.per_page))
            .push(" OFFSET ")
            .push_bind(offset(q.page, q.per_page));
        let items = select
            .build_query_as::<AuditRow>()
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(AuditRow::into_entry)
            .collect::<StoreResult<_>>()?;
        Ok(page_of(items, total, q.page, q.per_page))
    }
}

/// Inserts a new article with its first history line, its version snapshot and its audit line
/// inside the caller's transaction (a fraud report's warning draft is written with the report).
pub(crate) async fn insert_new_article(
    conn: &mut SqliteConnection,
    article: &Article,
    history: &NewHistory,
    audit: &NewAudit,
) -> StoreResult<Article> {
    let id = insert_article(&mut *conn, article).await?;
    insert_history(&mut *conn, id, history).await?;
    insert_version(&mut *conn, id).await?;
    let mut audit = audit.clone();
    audit.target = Some(format!("article:{id}"));
    insert_audit(&mut *conn, &audit).await?;
    fetch_article(conn, id).await?.ok_or(StoreError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_sort_as_text() {
        use chrono::TimeZone;
        let a = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        let b = a + chrono::Duration::microseconds(1);
        assert!(ts(a) < ts(b));
        assert_eq!(ts(a), "2026-01-02T03:04:05.000000Z");
        assert_eq!(parse_ts(&ts(b), "x").unwrap(), b);
    }

    #[test]
    fn search_folding_and_like_escaping() {
        assert_eq!(fold_for_search("Bảo  hiểm\nXÃ hội"), "bao hiem xa hoi");
        assert_eq!(like_pattern("50%_a\\"), "%50\\%\\_a\\\\%");
    }
}
