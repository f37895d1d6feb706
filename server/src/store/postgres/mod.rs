//! The PostgreSQL store: the same [`Store`] as SQLite, for a province that outgrows one file or
//! runs several server processes on one database. Chosen by a `postgres:` database URL.
#![allow(unused_variables, unused_imports)]

mod fraud;
mod info;
mod norms;
mod plans;
mod royalties;

use super::{
    ArticleQuery, ArticleSortField, ChangesPage, ImportedArticle, NewAudit, NewCommentRecord,
    NewHistory, NewUserRecord, SessionRecord, Store, StoreError, StoreResult, SYSTEM_USERNAME,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use portal_contract::{
    Article, ArticleSummary, AuditEntry, Comment, HistoryEntry, Kind, Page, Role, SearchHit, Stage,
    Topic, User,
};
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use std::str::FromStr;
use std::time::Duration;

static MIGRATOR: Migrator = sqlx::migrate!("./migrations/postgres");

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

    async fn close(&self) {
        PgStore::close(self).await
    }

    async fn ping(&self) -> StoreResult<()> {
        todo!("postgres")
    }

    async fn count_users(&self) -> StoreResult<i64> {
        todo!("postgres")
    }

    async fn create_user(
        &self,
        user: &NewUserRecord,
        audit: Option<NewAudit>,
    ) -> StoreResult<User> {
        todo!("postgres")
    }

    async fn user(&self, id: i64) -> StoreResult<Option<User>> {
        todo!("postgres")
    }

    async fn user_credentials(&self, username: &str) -> StoreResult<Option<(User, String)>> {
        todo!("postgres")
    }

    async fn list_users(&self, page: u32, per_page: u32) -> StoreResult<Page<User>> {
        todo!("postgres")
    }

    async fn update_user(
        &self,
        user: &User,
        expected_version: i64,
        new_password_hash: Option<&str>,
        revoke_sessions: bool,
        audit: NewAudit,
    ) -> StoreResult<User> {
        todo!("postgres")
    }

    async fn create_session(&self, session: &SessionRecord, audit: NewAudit) -> StoreResult<()> {
        todo!("postgres")
    }

    async fn session(&self, token_hash: &str) -> StoreResult<Option<(SessionRecord, User)>> {
        todo!("postgres")
    }

    async fn touch_session(
        &self,
        token_hash: &str,
        idle_expires_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        todo!("postgres")
    }

    async fn delete_session(&self, token_hash: &str, audit: Option<NewAudit>) -> StoreResult<bool> {
        todo!("postgres")
    }

    async fn delete_expired_sessions(&self, now: DateTime<Utc>) -> StoreResult<u64> {
        todo!("postgres")
    }

    async fn create_article(
        &self,
        article: &Article,
        history: NewHistory,
        audit: NewAudit,
    ) -> StoreResult<Article> {
        todo!("postgres")
    }

    async fn article(&self, id: i64) -> StoreResult<Option<Article>> {
        todo!("postgres")
    }

    async fn list_articles(&self, query: &ArticleQuery) -> StoreResult<Page<ArticleSummary>> {
        todo!("postgres")
    }

    async fn update_article(
        &self,
        article: &Article,
        expected_version: i64,
        history: NewHistory,
        audit: NewAudit,
    ) -> StoreResult<Article> {
        todo!("postgres")
    }

    async fn history(&self, article_id: i64) -> StoreResult<Vec<HistoryEntry>> {
        todo!("postgres")
    }

    async fn import_articles(
        &self,
        items: &[ImportedArticle],
        audit: NewAudit,
    ) -> StoreResult<usize> {
        todo!("postgres")
    }

    async fn article_version(&self, id: i64, version: i64) -> StoreResult<Option<Article>> {
        todo!("postgres")
    }

    async fn comments(&self, article_id: i64) -> StoreResult<Vec<Comment>> {
        todo!("postgres")
    }

    async fn add_comment(
        &self,
        article_id: i64,
        comment: &NewCommentRecord,
        audit: NewAudit,
    ) -> StoreResult<Comment> {
        todo!("postgres")
    }

    async fn board(&self, visible_to: Option<i64>) -> StoreResult<(Vec<ArticleSummary>, i64)> {
        todo!("postgres")
    }

    async fn changes_since(
        &self,
        since: i64,
        visible_to: Option<i64>,
        limit: u32,
    ) -> StoreResult<Option<ChangesPage>> {
        todo!("postgres")
    }

    async fn published_articles(&self, page: u32, per_page: u32) -> StoreResult<Page<Article>> {
        todo!("postgres")
    }

    async fn published_article(&self, id: i64) -> StoreResult<Option<Article>> {
        todo!("postgres")
    }

    async fn search_published(
        &self,
        terms: &[String],
        page: u32,
        per_page: u32,
    ) -> StoreResult<Page<SearchHit>> {
        todo!("postgres")
    }

    async fn due_for_publishing(&self, now: DateTime<Utc>) -> StoreResult<Vec<Article>> {
        todo!("postgres")
    }

    async fn system_user(&self) -> StoreResult<User> {
        todo!("postgres")
    }

    async fn append_audit(&self, entry: NewAudit) -> StoreResult<()> {
        todo!("postgres")
    }

    async fn list_audit(&self, page: u32, per_page: u32) -> StoreResult<Page<AuditEntry>> {
        todo!("postgres")
    }
}
