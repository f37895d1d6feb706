//! Storage behind one narrow trait, so another database can follow without touching handlers.
//!
//! Every method that changes more than one row (an article and its history line and its audit
//! line, say) does so in one transaction: either all of it is written or none.

pub mod idempotency;
pub mod norms;
pub mod plans;
pub mod royalties;
// Required information (issue #6).
pub mod info;
mod postgres;
mod sqlite;
pub use postgres::PgStore;
// Fraud reports (Official Dispatch 1466).
pub mod fraud;

pub use sqlite::{SqliteStore, IMMEDIATE};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use portal_contract::{
    ActiveSession, Article, ArticleSummary, AuditEntry, AuditFilter, Comment, HistoryEntry, Kind,
    Page, Role, SearchHit, Stage, Topic, User,
};

/// Username of the reserved, inactive user that acts for the server itself (scheduled
/// publishing). Created by the migrations; never listed, never able to log in.
pub const SYSTEM_USERNAME: &str = "system";

/// Whether the public portal shows an article at `stage`. A removal request does not take an
/// article down: only the chief editor's approval does (`removal_requested → removed`), and a
/// refused request leaves it where readers found it.
pub fn is_public(stage: Stage) -> bool {
    matches!(stage, Stage::Published | Stage::RemovalRequested)
}

/// What can go wrong in the store, in terms the handlers act on.
#[derive(Debug)]
pub enum StoreError {
    /// A unique key is already taken (e.g. a username).
    Conflict(String),
    /// The row changed since the caller read it (optimistic locking lost a race).
    VersionMismatch,
    /// The row to change does not exist.
    NotFound,
    /// The database cannot be reached for now (restarting, connection lost): retry later.
    Unavailable(String),
    /// Anything else: the database failed or holds something unreadable.
    Internal(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Conflict(m) => write!(f, "conflict: {m}"),
            StoreError::VersionMismatch => write!(f, "version mismatch"),
            StoreError::NotFound => write!(f, "not found"),
            StoreError::Unavailable(m) => write!(f, "unavailable: {m}"),
            StoreError::Internal(m) => write!(f, "internal: {m}"),
        }
    }
}

impl std::error::Error for StoreError {}

pub type StoreResult<T> = Result<T, StoreError>;

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

/// A line to append to an article's history.
#[derive(Debug, Clone)]
pub struct NewHistory {
    pub at: DateTime<Utc>,
    pub actor_id: i64,
    pub actor_name: String,
    pub action: String,
    pub from_stage: Option<Stage>,
    pub to_stage: Option<Stage>,
    pub comment: Option<String>,
    /// The article's version after this line.
    pub version: i64,
}

/// A user to create, with the PHC string of their password.
#[derive(Debug, Clone)]
pub struct NewUserRecord {
    pub username: String,
    pub full_name: String,
    pub email: Option<String>,
    pub roles: Vec<Role>,
    pub active: bool,
    pub password_hash: String,
    pub at: DateTime<Utc>,
}

/// A stored session; the token itself is never stored, only its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    /// The number the administrator ends it by; ignored by `create_session` (the store
    /// assigns it, never reusing one).
    pub id: i64,
    pub token_hash: String,
    pub user_id: i64,
    pub created_at: DateTime<Utc>,
    pub idle_expires_at: DateTime<Utc>,
    pub absolute_expires_at: DateTime<Utc>,
}

/// Which sessions of a user a change to the user ends (`Store::update_user`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EndSessions {
    /// None of them.
    None,
    /// Every one (the account was disabled, or someone else set its password).
    All,
    /// Every one but the session with this token hash (the user changed their own password).
    AllBut(String),
}

/// A filtered page of the audit log (`GET /audit`).
#[derive(Debug, Clone)]
pub struct AuditQuery {
    pub page: u32,
    pub per_page: u32,
    /// `from`/`to` are calendar days in Asia/Ho_Chi_Minh, both included.
    pub filter: AuditFilter,
}

/// Sort keys of the article list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleSortField {
    UpdatedAt,
    CreatedAt,
    Title,
    Stage,
    PublishedAt,
    StageChangedAt,
}

impl ArticleSortField {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "updated_at" => Self::UpdatedAt,
            "created_at" => Self::CreatedAt,
            "title" => Self::Title,
            "stage" => Self::Stage,
            "published_at" => Self::PublishedAt,
            "stage_changed_at" => Self::StageChangedAt,
            _ => return None,
        })
    }
}

/// A filtered, sorted page of articles.
#[derive(Debug, Clone)]
pub struct ArticleQuery {
    pub page: u32,
    pub per_page: u32,
    pub sort: ArticleSortField,
    pub descending: bool,
    /// Any of these stages (empty: all).
    pub stages: Vec<Stage>,
    /// Any of these kinds (empty: all).
    pub kinds: Vec<Kind>,
    /// Tagged with any of these topics (empty: all).
    pub topics: Vec<Topic>,
    /// Free text, matched without diacritics or case against title, lead and section.
    pub text: Option<String>,
    /// Only articles this user created or is listed as an author of.
    pub visible_to: Option<i64>,
    /// Only articles without a scheduled publication time.
    pub unscheduled: bool,
    /// Only articles with (or without) the "model example" flag.
    pub model_example: Option<bool>,
    /// Only articles published at or after this instant.
    pub published_from: Option<DateTime<Utc>>,
    /// Only articles published before this instant.
    pub published_before: Option<DateTime<Utc>>,
}

impl Default for ArticleQuery {
    fn default() -> Self {
        Self {
            page: 1,
            per_page: portal_contract::DEFAULT_PER_PAGE,
            sort: ArticleSortField::UpdatedAt,
            descending: true,
            stages: Vec::new(),
            kinds: Vec::new(),
            topics: Vec::new(),
            text: None,
            visible_to: None,
            unscheduled: false,
            model_example: None,
            published_from: None,
            published_before: None,
        }
    }
}

/// One article with its whole history, for bulk imports (demo data, migrations from elsewhere).
#[derive(Debug, Clone)]
pub struct ImportedArticle {
    /// `id` is ignored: the store assigns one.
    pub article: Article,
    /// Transition comments in here are kept in the discussion too.
    pub history: Vec<NewHistory>,
    /// Discussion comments that came with no transition.
    pub comments: Vec<NewCommentRecord>,
}

/// A comment to append to an article's discussion.
#[derive(Debug, Clone)]
pub struct NewCommentRecord {
    pub at: DateTime<Utc>,
    pub author_id: i64,
    pub author_name: String,
    pub text: String,
}

/// Articles changed after a cursor (`GET /changes`).
#[derive(Debug, Clone)]
pub struct ChangesPage {
    /// Oldest change first.
    pub items: Vec<ArticleSummary>,
    /// Where to ask from next time.
    pub cursor: i64,
    /// More changes wait beyond `cursor`.
    pub more: bool,
}

/// Opens the store a database URL names: `sqlite:` (the embedded default) or `postgres:` /
/// `postgresql:`. Creates (SQLite) and migrates the database.
pub async fn open(url: &str) -> StoreResult<std::sync::Arc<dyn Store>> {
    if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        Ok(std::sync::Arc::new(PgStore::open(url).await?))
    } else if url.starts_with("sqlite:") {
        Ok(std::sync::Arc::new(SqliteStore::open(url).await?))
    } else {
        Err(StoreError::Internal(
            "the database URL must start with sqlite: or postgres:".into(),
        ))
    }
}

/// The storage the handlers need, and nothing more.
#[async_trait]
pub trait Store: Send + Sync {
    /// Name of the backend for `GET /health` (`sqlite`, `postgres`).
    fn backend(&self) -> &'static str;
    /// The visitor statistics kept in the same database.
    fn stats(&self) -> std::sync::Arc<dyn crate::stats::StatsStore>;
    /// The annual operation plans and the spokesperson, in the same database.
    fn plans(&self) -> std::sync::Arc<dyn plans::PlanStore>;
    /// Norm settings and quarterly submissions.
    fn norms(&self) -> std::sync::Arc<dyn norms::NormStore>;
    /// The fraud reports, in the same database (a warning draft is written with its report).
    fn fraud(&self) -> std::sync::Arc<dyn fraud::FraudStore>;
    /// Royalty settings, assessments and payments, in the same database.
    fn royalties(&self) -> std::sync::Arc<dyn royalties::RoyaltyStore>;
    /// The required information pages, in the same database.
    fn info(&self) -> std::sync::Arc<dyn info::InfoStore>;
    /// `Idempotency-Key` records, in the same database (marked inside each write's transaction).
    fn idempotency(&self) -> std::sync::Arc<dyn idempotency::IdempotencyStore>;
    /// Checks that the database answers.
    async fn ping(&self) -> StoreResult<()>;
    /// Closes every connection (on shutdown; SQLite checkpoints its WAL).
    async fn close(&self);

    // Users.
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

    // Sessions.
    async fn create_session(&self, session: &SessionRecord, audit: NewAudit) -> StoreResult<()>;
    async fn session(&self, token_hash: &str) -> StoreResult<Option<(SessionRecord, User)>>;
    async fn touch_session(
        &self,
        token_hash: &str,
        idle_expires_at: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Deletes the session; appends `audit` only when there was one. Tells whether there was.
    async fn delete_session(&self, token_hash: &str, audit: Option<NewAudit>) -> StoreResult<bool>;
    async fn delete_expired_sessions(&self, now: DateTime<Utc>) -> StoreResult<u64>;
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

    // Articles.
    /// Inserts `article` (its `id` is ignored) with its first history line and audit line.
    async fn create_article(
        &self,
        article: &Article,
        history: NewHistory,
        audit: NewAudit,
    ) -> StoreResult<Article>;
    async fn article(&self, id: i64) -> StoreResult<Option<Article>>;
    async fn list_articles(&self, query: &ArticleQuery) -> StoreResult<Page<ArticleSummary>>;
    /// Writes every field of `article` if the stored version is still `expected_version`, else
    /// `VersionMismatch`; appends the history and audit lines in the same transaction.
    async fn update_article(
        &self,
        article: &Article,
        expected_version: i64,
        history: NewHistory,
        audit: NewAudit,
    ) -> StoreResult<Article>;
    /// The article's history, oldest first.
    async fn history(&self, article_id: i64) -> StoreResult<Vec<HistoryEntry>>;
    /// Inserts many articles with their histories in one transaction.
    async fn import_articles(
        &self,
        items: &[ImportedArticle],
        audit: NewAudit,
    ) -> StoreResult<usize>;
    /// The article as it was saved at `version` (its checklist is left for the caller).
    async fn article_version(&self, id: i64, version: i64) -> StoreResult<Option<Article>>;

    // The editorial discussion.
    /// The article's comments, oldest first (transition comments included).
    async fn comments(&self, article_id: i64) -> StoreResult<Vec<Comment>>;
    /// Appends a comment (and the audit line); counts as a change of the article for the
    /// changes feed.
    async fn add_comment(
        &self,
        article_id: i64,
        comment: &NewCommentRecord,
        audit: NewAudit,
    ) -> StoreResult<Comment>;

    // The board.
    /// Every article `visible_to` may see (`None`: all), most recently updated first, and the
    /// cursor of the newest change.
    async fn board(&self, visible_to: Option<i64>) -> StoreResult<(Vec<ArticleSummary>, i64)>;
    /// Articles changed after cursor `since` (at most `limit`, oldest change first), with the
    /// same visibility rule as [`Store::board`]. `None` when `since` is beyond the newest
    /// change, i.e. not a cursor this store issued.
    async fn changes_since(
        &self,
        since: i64,
        visible_to: Option<i64>,
        limit: u32,
    ) -> StoreResult<Option<ChangesPage>>;

    // The public side: published articles only (with those whose removal awaits approval,
    // see [`is_public`]).
    /// Newest publication first.
    async fn published_articles(&self, page: u32, per_page: u32) -> StoreResult<Page<Article>>;
    async fn published_article(&self, id: i64) -> StoreResult<Option<Article>>;
    /// Full-text search of published articles for every one of `terms` (already folded with
    /// `fold_vi`; each is matched as a literal word, never as query syntax), best first
    /// (title matches above lead matches above body matches).
    async fn search_published(
        &self,
        terms: &[String],
        page: u32,
        per_page: u32,
    ) -> StoreResult<Page<SearchHit>>;

    // Scheduled publishing.
    /// Approved articles whose `scheduled_at` is at or before `now`, earliest first.
    async fn due_for_publishing(&self, now: DateTime<Utc>) -> StoreResult<Vec<Article>>;
    /// The reserved user that acts for the server ([`SYSTEM_USERNAME`]).
    async fn system_user(&self) -> StoreResult<User>;

    // Audit.
    async fn append_audit(&self, entry: NewAudit) -> StoreResult<()>;
    /// The lines that pass `query.filter`, newest first. There is deliberately no method that
    /// changes or deletes a line (and the database refuses it too).
    async fn list_audit(&self, query: &AuditQuery) -> StoreResult<Page<AuditEntry>>;
}
