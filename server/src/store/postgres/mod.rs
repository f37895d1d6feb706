//! The PostgreSQL store: the same [`Store`] as SQLite, for a province that outgrows one file or
//! runs several server processes on one database. Chosen by a `postgres:` database URL.
//!
//! Timestamps and JSON are kept as the same text as on SQLite. Where SQLite serialises writers
//! with `BEGIN IMMEDIATE`, transactions here are READ COMMITTED and serialise on rows instead:
//! every article write first raises the one row of `article_change_counter` (which also hands
//! out the change sequence of `GET /changes`), and optimistic version checks are single
//! `UPDATE … WHERE version = $n` statements. Nothing depends on locks inside one process.

mod fraud;
mod idempotency;
mod info;
mod norms;
mod plans;
mod royalties;

use super::sqlite::{
    fold_for_search, like_pattern, offset, page_of, parse_opt_ts, parse_ts, push_audit_filters, ts,
    ActiveSessionRow, AuditRow, SessionRow, AUDIT_COLUMNS, COUNT_LIVE_SESSIONS_SQL,
    END_ALL_SESSIONS_SQL, END_OTHER_SESSIONS_SQL, END_SESSION_SQL, LIVE_SESSIONS_SQL, SESSION_SQL,
};
use super::{
    is_public, ArticleQuery, ArticleSortField, AuditQuery, ChangesPage, EndSessions,
    ImportedArticle, NewAudit, NewCommentRecord, NewHistory, NewUserRecord, SessionRecord, Store,
    StoreError, StoreResult, SYSTEM_USERNAME,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use portal_contract::blocks::body_text;
use portal_contract::{
    ActiveSession, Article, ArticleSummary, AuditEntry, AuthorShare, Block, Channel, Checklist,
    Comment, CoverImage, HistoryEntry, Kind, Language, Page, Role, SearchHit, Stage, Topic, User,
};
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};
use sqlx::query_builder::Separated;
use sqlx::{FromRow, Postgres, QueryBuilder};
use std::str::FromStr;
use std::time::Duration;

static MIGRATOR: Migrator = sqlx::migrate!("./migrations/postgres");

/// How the board and the changes feed read: one snapshot, so the cursor is exactly as new as
/// the cards.
const SNAPSHOT: &str = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

/// The PostgreSQL implementation of [`Store`].
#[derive(Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// Connects to the database at `url` (`postgres://user@host:port/db`) and migrates it.
    pub async fn open(url: &str) -> StoreResult<Self> {
        let options = PgConnectOptions::from_str(url)?;
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options)
            .await?;
        MIGRATOR.run(&pool).await?;
        Ok(Self { pool })
    }

    /// The underlying pool (for tests and maintenance).
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// Closes every connection (on shutdown).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Internal(format!("unreadable value in column {what}"))
}

fn to_json<T: serde::Serialize>(v: &T) -> StoreResult<String> {
    serde_json::to_string(v).map_err(|e| StoreError::Internal(e.to_string()))
}

fn from_json<T: serde::de::DeserializeOwned>(s: &str, column: &str) -> StoreResult<T> {
    serde_json::from_str(s).map_err(|_| corrupt(column))
}

fn parse_opt_stage(s: Option<&str>, column: &str) -> StoreResult<Option<Stage>> {
    s.map(|s| Stage::parse(s).ok_or_else(|| corrupt(column)))
        .transpose()
}

// Users.

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

/// Usernames compare without regard to case (SQLite: `COLLATE NOCASE`), and the system user is
/// never counted or listed.
const NOT_SYSTEM: &str = "lower(username) <> 'system'";

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

async fn fetch_user(conn: &mut PgConnection, id: i64) -> StoreResult<Option<User>> {
    sqlx::query_as::<_, UserRow>(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?
        .map(UserRow::into_user)
        .transpose()
}

// Articles.

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
     authors, '' AS source, NULL::text AS cover, '[]' AS channels, language, model_example, \
     stage, scheduled_at, published_at, removal_reason, created_by, created_at, updated_at, \
     stage_changed_at, version, '[]' AS checks, COALESCE(updated_by, created_by) AS updated_by, \
     updated_by_name, GREATEST(checklist_failing, 0) AS checklist_failing, change_seq, \
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

fn summaries(rows: Vec<SummaryRow>) -> StoreResult<Vec<ArticleSummary>> {
    rows.into_iter().map(SummaryRow::into_summary).collect()
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

fn articles(rows: Vec<ArticleRow>) -> StoreResult<Vec<Article>> {
    rows.into_iter().map(ArticleRow::into_article).collect()
}

/// Rows per multi-row INSERT: the widest row binds 28 values, far from PostgreSQL's limit of
/// 65 535 parameters per statement.
const ROWS_PER_INSERT: usize = 1000;

/// The columns an insert and an update both write, in the order [`ArticleColumns::push`]
/// binds them.
const WRITTEN_COLUMNS: [&str; 26] = [
    "title",
    "lead",
    "body",
    "section",
    "topics",
    "kind",
    "authors",
    "source",
    "cover",
    "channels",
    "language",
    "model_example",
    "stage",
    "scheduled_at",
    "published_at",
    "removal_reason",
    "updated_at",
    "stage_changed_at",
    "version",
    "search_folded",
    "title_folded",
    "checks",
    "updated_by",
    "updated_by_name",
    "checklist_failing",
    "change_seq",
];

/// The values of [`WRITTEN_COLUMNS`] of an article, ready to bind.
struct ArticleColumns {
    text: [String; 4],
    json: [String; 4],
    cover: Option<String>,
    kind: &'static str,
    language: &'static str,
    model_example: bool,
    stage: &'static str,
    scheduled_at: Option<String>,
    published_at: Option<String>,
    removal_reason: Option<String>,
    updated_at: String,
    stage_changed_at: String,
    version: i64,
    folded: [String; 2],
    checks: String,
    updated_by: i64,
    updated_by_name: String,
    checklist_failing: i64,
    change_seq: i64,
}

impl ArticleColumns {
    fn of(a: &Article, change_seq: i64) -> StoreResult<Self> {
        Ok(Self {
            text: [
                a.title.clone(),
                a.lead.clone(),
                a.section.clone(),
                a.source.clone(),
            ],
            json: [
                to_json(&a.body)?,
                to_json(&a.topics)?,
                to_json(&a.authors)?,
                to_json(&a.channels)?,
            ],
            cover: a.cover.as_ref().map(to_json).transpose()?,
            kind: a.kind.as_str(),
            language: a.language.as_str(),
            model_example: a.model_example,
            stage: a.stage.as_str(),
            scheduled_at: a.scheduled_at.map(ts),
            published_at: a.published_at.map(ts),
            removal_reason: a.removal_reason.clone(),
            updated_at: ts(a.updated_at),
            stage_changed_at: ts(a.stage_changed_at),
            version: a.version,
            folded: [
                fold_for_search(&format!("{} {} {}", a.title, a.lead, a.section)),
                fold_for_search(&a.title),
            ],
            checks: to_json(&a.checks)?,
            updated_by: a.updated_by,
            updated_by_name: a.updated_by_name.clone(),
            checklist_failing: i64::from(a.checklist.failing),
            change_seq,
        })
    }

    /// Binds the values in the order of [`WRITTEN_COLUMNS`].
    fn push(self, row: &mut Separated<'_, '_, Postgres, &'static str>) {
        let [title, lead, section, source] = self.text;
        let [body, topics, authors, channels] = self.json;
        let [search_folded, title_folded] = self.folded;
        row.push_bind(title)
            .push_bind(lead)
            .push_bind(body)
            .push_bind(section)
            .push_bind(topics)
            .push_bind(self.kind)
            .push_bind(authors)
            .push_bind(source)
            .push_bind(self.cover)
            .push_bind(channels)
            .push_bind(self.language)
            .push_bind(self.model_example)
            .push_bind(self.stage)
            .push_bind(self.scheduled_at)
            .push_bind(self.published_at)
            .push_bind(self.removal_reason)
            .push_bind(self.updated_at)
            .push_bind(self.stage_changed_at)
            .push_bind(self.version)
            .push_bind(search_folded)
            .push_bind(title_folded)
            .push_bind(self.checks)
            .push_bind(self.updated_by)
            .push_bind(self.updated_by_name)
            .push_bind(self.checklist_failing)
            .push_bind(self.change_seq);
    }
}

/// Hands out the next `n` numbers of the change sequence; returns the last. The counter's row
/// stays locked until the caller's transaction ends, so writers take numbers one after another
/// and each becomes visible only after every smaller one: a reader of the feed never skips a
/// change.
async fn next_changes(conn: &mut PgConnection, n: i64) -> StoreResult<i64> {
    Ok(
        sqlx::query_scalar("UPDATE article_change_counter SET seq = seq + $1 RETURNING seq")
            .bind(n)
            .fetch_one(conn)
            .await?,
    )
}

/// Inserts new articles (their `id`s are ignored) and indexes the public ones; returns their
/// ids, in order. Ids and change numbers are taken first, so that a few statements write them
/// all (a demo import of thousands of articles).
async fn insert_articles(conn: &mut PgConnection, items: &[&Article]) -> StoreResult<Vec<i64>> {
    let n = i64::try_from(items.len()).map_err(|e| StoreError::Internal(e.to_string()))?;
    if n == 0 {
        return Ok(Vec::new());
    }
    let last_seq = next_changes(&mut *conn, n).await?;
    let mut ids: Vec<i64> = sqlx::query_scalar(
        "SELECT nextval(pg_get_serial_sequence('articles', 'id')) FROM generate_series(1, $1)",
    )
    .bind(n)
    .fetch_all(&mut *conn)
    .await?;
    ids.sort_unstable();
    let rows = items
        .iter()
        .zip(last_seq - n + 1..)
        .map(|(a, seq)| ArticleColumns::of(a, seq))
        .collect::<StoreResult<Vec<_>>>()?;
    let mut rows = ids.iter().zip(items).zip(rows).peekable();
    while rows.peek().is_some() {
        let mut insert = QueryBuilder::<Postgres>::new(format!(
            "INSERT INTO articles (id, created_by, created_at, {}) ",
            WRITTEN_COLUMNS.join(", ")
        ));
        insert.push_values(
            rows.by_ref().take(ROWS_PER_INSERT),
            |mut row, ((id, a), columns)| {
                row.push_bind(*id)
                    .push_bind(a.created_by)
                    .push_bind(ts(a.created_at));
                columns.push(&mut row);
            },
        );
        insert.build().execute(&mut *conn).await?;
    }
    let saved: Vec<(i64, &Article)> = ids.iter().copied().zip(items.iter().copied()).collect();
    sync_search(conn, &saved).await?;
    Ok(ids)
}

async fn fetch_article(conn: &mut PgConnection, id: i64) -> StoreResult<Option<Article>> {
    sqlx::query_as::<_, ArticleRow>(&format!(
        "SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?
    .map(ArticleRow::into_article)
    .transpose()
}

pub(crate) async fn insert_audit(conn: &mut PgConnection, a: &NewAudit) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor_id, actor_name, action, target, outcome, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
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
    idempotency::mark_applied(conn, a.target.as_deref()).await
}

/// A line of the discussion to insert: a comment, or what was said with a transition.
struct CommentInsert<'a> {
    article_id: i64,
    at: DateTime<Utc>,
    author_id: i64,
    author_name: &'a str,
    text: &'a str,
    action: Option<&'a str>,
    from_stage: Option<Stage>,
    to_stage: Option<Stage>,
}

impl<'a> CommentInsert<'a> {
    fn plain(article_id: i64, c: &'a NewCommentRecord) -> Self {
        Self {
            article_id,
            at: c.at,
            author_id: c.author_id,
            author_name: &c.author_name,
            text: &c.text,
            action: None,
            from_stage: None,
            to_stage: None,
        }
    }

    /// What was said with a transition belongs to the discussion too.
    fn of_transition(article_id: i64, h: &'a NewHistory) -> Option<Self> {
        let text = h.comment.as_deref().filter(|c| !c.trim().is_empty())?;
        Some(Self {
            article_id,
            at: h.at,
            author_id: h.actor_id,
            author_name: &h.actor_name,
            text,
            action: Some(&h.action),
            from_stage: h.from_stage,
            to_stage: h.to_stage,
        })
    }
}

/// Appends discussion lines, in order; returns their ids.
async fn insert_comments(
    conn: &mut PgConnection,
    comments: &[CommentInsert<'_>],
) -> StoreResult<Vec<i64>> {
    let mut ids = Vec::with_capacity(comments.len());
    for chunk in comments.chunks(ROWS_PER_INSERT) {
        let mut insert = QueryBuilder::<Postgres>::new(
            "INSERT INTO article_comments \
             (article_id, at, author_id, author_name, text, action, from_stage, to_stage) ",
        );
        insert.push_values(chunk, |mut row, c| {
            row.push_bind(c.article_id)
                .push_bind(ts(c.at))
                .push_bind(c.author_id)
                .push_bind(c.author_name)
                .push_bind(c.text)
                .push_bind(c.action)
                .push_bind(c.from_stage.map(Stage::as_str))
                .push_bind(c.to_stage.map(Stage::as_str));
        });
        insert.push(" RETURNING id");
        let chunk_ids: Vec<i64> = insert.build_query_scalar().fetch_all(&mut *conn).await?;
        ids.extend(chunk_ids);
    }
    Ok(ids)
}

/// Appends history lines `(article id, line)`, in order, with their comments (see
/// [`CommentInsert::of_transition`]).
async fn insert_history(conn: &mut PgConnection, lines: &[(i64, &NewHistory)]) -> StoreResult<()> {
    for chunk in lines.chunks(ROWS_PER_INSERT) {
        let mut insert = QueryBuilder::<Postgres>::new(
            "INSERT INTO article_history \
             (article_id, at, actor_id, actor_name, action, from_stage, to_stage, comment, \
             version) ",
        );
        insert.push_values(chunk, |mut row, (article_id, h)| {
            row.push_bind(*article_id)
                .push_bind(ts(h.at))
                .push_bind(h.actor_id)
                .push_bind(&h.actor_name)
                .push_bind(&h.action)
                .push_bind(h.from_stage.map(Stage::as_str))
                .push_bind(h.to_stage.map(Stage::as_str))
                .push_bind(&h.comment)
                .push_bind(h.version);
        });
        insert.build().execute(&mut *conn).await?;
    }
    let said: Vec<CommentInsert> = lines
        .iter()
        .filter_map(|(id, h)| CommentInsert::of_transition(*id, h))
        .collect();
    insert_comments(conn, &said).await?;
    Ok(())
}

/// Keeps the articles' snapshots at their current versions (the rows must be saved already).
async fn insert_versions(conn: &mut PgConnection, ids: &[i64]) -> StoreResult<()> {
    let rows = sqlx::query_as::<_, ArticleRow>(&format!(
        "SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ANY($1) ORDER BY id"
    ))
    .bind(ids)
    .fetch_all(&mut *conn)
    .await?;
    if rows.len() != ids.len() {
        return Err(StoreError::NotFound);
    }
    let snapshots = articles(rows)?
        .into_iter()
        .map(|a| Ok((a.id, a.version, ts(a.updated_at), to_json(&a)?)))
        .collect::<StoreResult<Vec<_>>>()?;
    for chunk in snapshots.chunks(ROWS_PER_INSERT) {
        let mut insert = QueryBuilder::<Postgres>::new(
            "INSERT INTO article_versions (article_id, version, at, snapshot) ",
        );
        insert.push_values(chunk, |mut row, (id, version, at, snapshot)| {
            row.push_bind(*id)
                .push_bind(*version)
                .push_bind(at)
                .push_bind(snapshot);
        });
        insert.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Inserts a new article with its first history line, its version snapshot and its audit line
/// inside the caller's transaction (a fraud report's warning draft is written with the report).
pub(crate) async fn insert_new_article(
    conn: &mut PgConnection,
    article: &Article,
    history: &NewHistory,
    audit: &NewAudit,
) -> StoreResult<Article> {
    let ids = insert_articles(&mut *conn, &[article]).await?;
    insert_history(&mut *conn, &[(ids[0], history)]).await?;
    insert_versions(&mut *conn, &ids).await?;
    let mut audit = audit.clone();
    audit.target = Some(format!("article:{}", ids[0]));
    insert_audit(&mut *conn, &audit).await?;
    fetch_article(conn, ids[0])
        .await?
        .ok_or(StoreError::NotFound)
}

// Public search.

/// The SQL of [`is_public`] (kept beside it: the index and the public queries must agree).
const PUBLIC_STAGES: &str = "stage IN ('published', 'removal_requested')";

/// Text as the search index holds it: the folded words (split at anything that is not a letter
/// or digit, as `routes::public::search_terms` splits a query), one space between two and one
/// space on either end, so that `% word %` matches whole words only.
fn search_words(s: &str) -> String {
    let mut out = String::from(" ");
    for w in fold_for_search(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        out.push_str(w);
        out.push(' ');
    }
    out
}

/// Puts each saved article `(id, article)` in the public search index if the public sees it,
/// takes it out otherwise.
async fn sync_search(conn: &mut PgConnection, saved: &[(i64, &Article)]) -> StoreResult<()> {
    let ids: Vec<i64> = saved.iter().map(|(id, _)| *id).collect();
    sqlx::query("DELETE FROM article_search WHERE article_id = ANY($1)")
        .bind(&ids)
        .execute(&mut *conn)
        .await?;
    let public: Vec<(i64, [String; 3])> = saved
        .iter()
        .filter(|(_, a)| is_public(a.stage))
        .map(|(id, a)| {
            let words = [&a.title, &a.lead, &body_text(&a.body)].map(|s| search_words(s));
            (*id, words)
        })
        .collect();
    for chunk in public.chunks(ROWS_PER_INSERT) {
        let mut insert = QueryBuilder::<Postgres>::new(
            "INSERT INTO article_search (article_id, title, lead, body) ",
        );
        insert.push_values(chunk, |mut row, (id, [title, lead, body])| {
            row.push_bind(*id)
                .push_bind(title)
                .push_bind(lead)
                .push_bind(body);
        });
        insert.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// The indexed articles that hold every pattern of the text array `$1` (LIKE patterns of whole
/// words), with a score: per word, 10 for a title hit, 4 for a lead hit and 1 for a body hit
/// (the weights SQLite gives bm25), so titles rank above leads above bodies.
const SEARCH_MATCHES: &str = "SELECT s.article_id, SUM( \
     CASE WHEN s.title LIKE p.pattern THEN 10.0 ELSE 0.0 END \
     + CASE WHEN s.lead LIKE p.pattern THEN 4.0 ELSE 0.0 END \
     + CASE WHEN s.body LIKE p.pattern THEN 1.0 ELSE 0.0 END)::float8 AS score \
     FROM article_search s CROSS JOIN unnest($1::text[]) AS p (pattern) \
     WHERE s.title LIKE p.pattern OR s.lead LIKE p.pattern OR s.body LIKE p.pattern \
     GROUP BY s.article_id HAVING COUNT(*) = cardinality($1::text[])";

// Comments.

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

// Filters.

/// Only articles `user_id` created or is listed as an author of.
fn push_visibility(qb: &mut QueryBuilder<'_, Postgres>, visible_to: Option<i64>) {
    if let Some(user_id) = visible_to {
        qb.push(" AND (created_by = ");
        qb.push_bind(user_id);
        qb.push(
            " OR EXISTS (SELECT 1 FROM jsonb_array_elements(articles.authors::jsonb) a \
             WHERE a.value -> 'user_id' = to_jsonb(",
        );
        qb.push_bind(user_id);
        qb.push("::bigint)))");
    }
}

fn push_article_filters<'a>(qb: &mut QueryBuilder<'a, Postgres>, q: &'a ArticleQuery) {
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
        qb.push(
            " AND EXISTS (SELECT 1 FROM jsonb_array_elements_text(articles.topics::jsonb) t \
             WHERE t.value IN (",
        );
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

#[async_trait]
impl Store for PgStore {
    fn backend(&self) -> &'static str {
        "postgres"
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
        PgStore::close(self).await
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn count_users(&self) -> StoreResult<i64> {
        Ok(
            sqlx::query_scalar(&format!("SELECT COUNT(*) FROM users WHERE {NOT_SYSTEM}"))
                .fetch_one(&self.pool)
                .await?,
        )
    }

    async fn create_user(&self, u: &NewUserRecord, audit: Option<NewAudit>) -> StoreResult<User> {
        let mut tx = self.pool.begin().await?;
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
            "SELECT {USER_COLUMNS}, password_hash FROM users WHERE lower(username) = lower($1)"
        ))
        .bind(username)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((r.user.into_user()?, r.password_hash)))
            .transpose()
    }

    async fn list_users(&self, page: u32, per_page: u32) -> StoreResult<Page<User>> {
        let total: i64 =
            sqlx::query_scalar(&format!("SELECT COUNT(*) FROM users WHERE {NOT_SYSTEM}"))
                .fetch_one(&self.pool)
                .await?;
        let rows = sqlx::query_as::<_, UserRow>(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE {NOT_SYSTEM} \
             ORDER BY lower(username) COLLATE \"C\", id LIMIT $1 OFFSET $2"
        ))
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
        let mut tx = self.pool.begin().await?;
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

    async fn create_session(&self, s: &SessionRecord, audit: NewAudit) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, created_at, idle_expires_at, \
             absolute_expires_at) VALUES ($1, $2, $3, $4, $5)",
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
        sqlx::query("UPDATE sessions SET idle_expires_at = $1 WHERE token_hash = $2")
            .bind(ts(idle_expires_at))
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn delete_session(&self, token_hash: &str, audit: Option<NewAudit>) -> StoreResult<bool> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
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
        let done = sqlx::query(
            "DELETE FROM sessions WHERE idle_expires_at <= $1 OR absolute_expires_at <= $1",
        )
        .bind(ts(now))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }

    async fn create_article(
        &self,
        article: &Article,
        history: NewHistory,
        audit: NewAudit,
    ) -> StoreResult<Article> {
        let mut tx = self.pool.begin().await?;
        let saved = insert_new_article(&mut tx, article, &history, &audit).await?;
        tx.commit().await?;
        Ok(saved)
    }

    async fn article(&self, id: i64) -> StoreResult<Option<Article>> {
        let mut conn = self.pool.acquire().await?;
        fetch_article(&mut conn, id).await
    }

    async fn list_articles(&self, q: &ArticleQuery) -> StoreResult<Page<ArticleSummary>> {
        let mut count = QueryBuilder::<Postgres>::new("SELECT COUNT(*) FROM articles");
        push_article_filters(&mut count, q);
        let total: i64 = count.build_query_scalar().fetch_one(&self.pool).await?;

        let mut select =
            QueryBuilder::<Postgres>::new(format!("SELECT {SUMMARY_COLUMNS} FROM articles"));
        push_article_filters(&mut select, q);
        let dir = if q.descending { "DESC" } else { "ASC" };
        // NULLs (no publication time) sort as on SQLite: first going up, last going down.
        let nulls = if q.descending { "LAST" } else { "FIRST" };
        let key = match q.sort {
            ArticleSortField::UpdatedAt => "updated_at".to_string(),
            ArticleSortField::CreatedAt => "created_at".to_string(),
            ArticleSortField::Title => "title_folded COLLATE \"C\"".to_string(),
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
        select.push(format!(
            " ORDER BY {key} {dir} NULLS {nulls}, id {dir} LIMIT "
        ));
        select.push_bind(i64::from(q.per_page));
        select.push(" OFFSET ");
        select.push_bind(offset(q.page, q.per_page));
        let rows: Vec<SummaryRow> = select.build_query_as().fetch_all(&self.pool).await?;
        Ok(page_of(summaries(rows)?, total, q.page, q.per_page))
    }

    async fn update_article(
        &self,
        a: &Article,
        expected_version: i64,
        history: NewHistory,
        audit: NewAudit,
    ) -> StoreResult<Article> {
        let mut tx = self.pool.begin().await?;
        let seq = next_changes(&mut tx, 1).await?;
        let mut update = QueryBuilder::<Postgres>::new(format!(
            "UPDATE articles SET ({}) = (",
            WRITTEN_COLUMNS.join(", ")
        ));
        ArticleColumns::of(a, seq)?.push(&mut update.separated(", "));
        update.push(") WHERE id = ");
        update.push_bind(a.id);
        update.push(" AND version = ");
        update.push_bind(expected_version);
        let done = update.build().execute(&mut *tx).await?;
        if done.rows_affected() == 0 {
            return Err(match fetch_article(&mut tx, a.id).await? {
                Some(_) => StoreError::VersionMismatch,
                None => StoreError::NotFound,
            });
        }
        insert_history(&mut tx, &[(a.id, &history)]).await?;
        insert_versions(&mut tx, &[a.id]).await?;
        sync_search(&mut tx, &[(a.id, a)]).await?;
        insert_audit(&mut tx, &audit).await?;
        let saved = fetch_article(&mut tx, a.id)
            .await?
            .ok_or(StoreError::NotFound)?;
        tx.commit().await?;
        Ok(saved)
    }

    async fn history(&self, article_id: i64) -> StoreResult<Vec<HistoryEntry>> {
        #[derive(FromRow)]
        struct Row {
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
        sqlx::query_as::<_, Row>(
            "SELECT id, article_id, at, actor_id, actor_name, action, from_stage, to_stage, \
             comment, version FROM article_history WHERE article_id = $1 ORDER BY id",
        )
        .bind(article_id)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|r| {
            Ok(HistoryEntry {
                id: r.id,
                article_id: r.article_id,
                at: parse_ts(&r.at, "article_history.at")?,
                actor_id: r.actor_id,
                actor_name: r.actor_name,
                action: r.action,
                from_stage: parse_opt_stage(r.from_stage.as_deref(), "article_history.from_stage")?,
                to_stage: parse_opt_stage(r.to_stage.as_deref(), "article_history.to_stage")?,
                comment: r.comment,
                version: r.version,
            })
        })
        .collect()
    }

    async fn import_articles(
        &self,
        items: &[ImportedArticle],
        audit: NewAudit,
    ) -> StoreResult<usize> {
        let mut tx = self.pool.begin().await?;
        let new: Vec<&Article> = items.iter().map(|item| &item.article).collect();
        let ids = insert_articles(&mut tx, &new).await?;
        // The history (with what was said in transitions) of every article, then the other
        // comments: within one article, ids keep the order SQLite gives them.
        let lines: Vec<(i64, &NewHistory)> = ids
            .iter()
            .zip(items)
            .flat_map(|(id, item)| item.history.iter().map(|h| (*id, h)))
            .collect();
        insert_history(&mut tx, &lines).await?;
        let comments: Vec<CommentInsert> = ids
            .iter()
            .zip(items)
            .flat_map(|(id, item)| item.comments.iter().map(|c| CommentInsert::plain(*id, c)))
            .collect();
        insert_comments(&mut tx, &comments).await?;
        insert_versions(&mut tx, &ids).await?;
        insert_audit(&mut tx, &audit).await?;
        tx.commit().await?;
        Ok(items.len())
    }

    async fn article_version(&self, id: i64, version: i64) -> StoreResult<Option<Article>> {
        let snapshot: Option<String> = sqlx::query_scalar(
            "SELECT snapshot FROM article_versions WHERE article_id = $1 AND version = $2",
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
            "SELECT {COMMENT_COLUMNS} FROM article_comments WHERE article_id = $1 \
             ORDER BY at, id"
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
        let mut tx = self.pool.begin().await?;
        let seq = next_changes(&mut tx, 1).await?;
        let done = sqlx::query("UPDATE articles SET change_seq = $1 WHERE id = $2")
            .bind(seq)
            .bind(article_id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let ids = insert_comments(&mut tx, &[CommentInsert::plain(article_id, comment)]).await?;
        insert_audit(&mut tx, &audit).await?;
        let saved = sqlx::query_as::<_, CommentRow>(&format!(
            "SELECT {COMMENT_COLUMNS} FROM article_comments WHERE id = $1"
        ))
        .bind(ids[0])
        .fetch_one(&mut *tx)
        .await?
        .into_comment()?;
        tx.commit().await?;
        Ok(saved)
    }

    async fn board(&self, visible_to: Option<i64>) -> StoreResult<(Vec<ArticleSummary>, i64)> {
        let mut tx = self.pool.begin_with(SNAPSHOT).await?;
        let cursor: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(change_seq), 0) FROM articles")
            .fetch_one(&mut *tx)
            .await?;
        let mut select = QueryBuilder::<Postgres>::new(format!(
            "SELECT {SUMMARY_COLUMNS} FROM articles WHERE 1 = 1"
        ));
        push_visibility(&mut select, visible_to);
        select.push(" ORDER BY updated_at DESC, id DESC");
        let rows: Vec<SummaryRow> = select.build_query_as().fetch_all(&mut *tx).await?;
        tx.commit().await?;
        Ok((summaries(rows)?, cursor))
    }

    async fn changes_since(
        &self,
        since: i64,
        visible_to: Option<i64>,
        limit: u32,
    ) -> StoreResult<Option<ChangesPage>> {
        let mut tx = self.pool.begin_with(SNAPSHOT).await?;
        let newest: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(change_seq), 0) FROM articles")
            .fetch_one(&mut *tx)
            .await?;
        if since < 0 || since > newest {
            return Ok(None);
        }
        let mut select = QueryBuilder::<Postgres>::new(format!(
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
        Ok(Some(ChangesPage {
            items: summaries(rows)?,
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
             ORDER BY published_at DESC NULLS LAST, id DESC LIMIT $1 OFFSET $2"
        ))
        .bind(i64::from(per_page))
        .bind(offset(page, per_page))
        .fetch_all(&self.pool)
        .await?;
        Ok(page_of(articles(rows)?, total, page, per_page))
    }

    async fn published_article(&self, id: i64) -> StoreResult<Option<Article>> {
        sqlx::query_as::<_, ArticleRow>(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = $1 AND {PUBLIC_STAGES}"
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
            score: f64,
        }
        if terms.is_empty() {
            return Ok(page_of(Vec::new(), 0, page, per_page));
        }
        // Every term is one literal word: `% word %` against the space-padded words.
        let patterns: Vec<String> = terms
            .iter()
            .map(|t| like_pattern(&format!(" {t} ")))
            .collect();
        let total: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM ({SEARCH_MATCHES}) s JOIN articles a ON a.id = s.article_id \
             WHERE a.{PUBLIC_STAGES}"
        ))
        .bind(&patterns)
        .fetch_one(&self.pool)
        .await?;
        let rows = sqlx::query_as::<_, HitRow>(&format!(
            "SELECT a.id, a.title, a.lead, a.section, a.published_at, a.stage_changed_at, \
             s.score FROM ({SEARCH_MATCHES}) s JOIN articles a ON a.id = s.article_id \
             WHERE a.{PUBLIC_STAGES} ORDER BY s.score DESC, a.id LIMIT $2 OFFSET $3"
        ))
        .bind(&patterns)
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
                    score: r.score,
                })
            })
            .collect::<StoreResult<_>>()?;
        Ok(page_of(items, total, page, per_page))
    }

    async fn due_for_publishing(&self, now: DateTime<Utc>) -> StoreResult<Vec<Article>> {
        let rows = sqlx::query_as::<_, ArticleRow>(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles WHERE stage = 'approved' \
             AND scheduled_at IS NOT NULL AND scheduled_at <= $1 ORDER BY scheduled_at, id"
        ))
        .bind(ts(now))
        .fetch_all(&self.pool)
        .await?;
        articles(rows)
    }

    async fn system_user(&self) -> StoreResult<User> {
        sqlx::query_as::<_, UserRow>(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE username = $1"
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
        let mut tx = self.pool.begin().await?;
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
        let mut count = QueryBuilder::<Postgres>::new("SELECT COUNT(*) FROM audit_log");
        push_audit_filters(&mut count, &q.filter);
        let total: i64 = count.build_query_scalar().fetch_one(&self.pool).await?;
        let mut select =
            QueryBuilder::<Postgres>::new(format!("SELECT {AUDIT_COLUMNS} FROM audit_log"));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_words_are_padded_whole_words() {
        assert_eq!(search_words("Bảo hiểm, xã-hội!"), " bao hiem xa hoi ");
        assert_eq!(search_words(" … "), " ");
    }
}
