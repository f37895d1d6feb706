//! The storage of articles, the board and the public side: the trait. Its SQL is written once in
//! `sql.rs` (rows in `rows.rs`, the list's filters in `filters.rs`); `sqlite.rs` and
//! `postgres.rs` give what differs: the change counter, bulk inserts, full-text search.

use super::model::{ArticleQuery, ImportedArticle, NewCommentRecord, NewHistory};
use crate::db::{NewAudit, StoreResult};
use crate::workflow::model::ChangesPage;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use portal_contract::{Article, ArticleSummary, Comment, HistoryEntry, Page, SearchHit};

#[async_trait]
pub trait ArticleStore: Send + Sync {
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
    // see [`super::is_public`]).
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
}
