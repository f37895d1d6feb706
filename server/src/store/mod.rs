//! Storage behind one narrow trait, so another database can follow without touching handlers.
//!
//! Every method that changes more than one row (an article and its history line and its audit
//! line, say) does so in one transaction: either all of it is written or none.

pub use crate::admin::model::{AuditQuery, EndSessions, NewUserRecord, SYSTEM_USERNAME};
pub use crate::articles::model::{
    is_public, ArticleQuery, ArticleSortField, ImportedArticle, NewCommentRecord, NewHistory,
};
pub use crate::db::idempotency;
pub use crate::db::{NewAudit, StoreError, StoreResult};
pub use crate::session::model::SessionRecord;
pub use crate::workflow::model::ChangesPage;
mod postgres;
mod sqlite;
pub use crate::db::PgStore;

pub use crate::db::{SqliteStore, IMMEDIATE};

use async_trait::async_trait;

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
pub trait Store:
    crate::admin::store::AdminStore
    + crate::articles::store::ArticleStore
    + crate::session::store::SessionStore
    + Send
    + Sync
{
    /// Name of the backend for `GET /health` (`sqlite`, `postgres`).
    fn backend(&self) -> &'static str;
    /// The visitor statistics kept in the same database.
    fn stats(&self) -> std::sync::Arc<dyn crate::stats::store::StatsStore>;
    /// The annual operation plans, in the same database.
    fn plans(&self) -> std::sync::Arc<dyn crate::plans::store::PlanStore>;
    /// The spokesperson's details, in the same database.
    fn spokesperson(&self) -> std::sync::Arc<dyn crate::spokesperson::store::SpokespersonStore>;
    /// Norm settings and quarterly submissions.
    fn duties(&self) -> std::sync::Arc<dyn crate::duties::store::DutiesStore>;
    /// The fraud reports, in the same database (a warning draft is written with its report).
    fn fraud(&self) -> std::sync::Arc<dyn crate::fraud::store::FraudStore>;
    /// Royalty settings, assessments and payments, in the same database.
    fn royalties(&self) -> std::sync::Arc<dyn crate::royalties::store::RoyaltyStore>;
    /// The media library's items, in the same database (a delete reads the articles' uses).
    fn media(&self) -> std::sync::Arc<dyn crate::media::store::MediaStore>;
    /// The banners, in the same database (each names a media item).
    fn banners(&self) -> std::sync::Arc<dyn crate::banners::store::BannerStore>;
    /// The required information pages, in the same database.
    fn required_info(&self) -> std::sync::Arc<dyn crate::required_info::store::InfoStore>;
    /// `Idempotency-Key` records, in the same database (marked inside each write's transaction).
    fn idempotency(&self) -> std::sync::Arc<dyn idempotency::IdempotencyStore>;
    /// Checks that the database answers.
    async fn ping(&self) -> StoreResult<()>;
    /// Closes every connection (on shutdown; SQLite checkpoints its WAL).
    async fn close(&self);
}

/// Implements [`Store`] for one engine (`sqlite` or `postgres`, a module of `crate::db`): its
/// name, health, closing, and the accessors to each feature's storage on the same pool.
macro_rules! store_impl {
    ($engine:ident) => {
        #[async_trait::async_trait]
        impl crate::store::Store for crate::db::$engine::Backend {
            fn backend(&self) -> &'static str {
                stringify!($engine)
            }

            fn stats(&self) -> std::sync::Arc<dyn crate::stats::store::StatsStore> {
                std::sync::Arc::new(self.clone())
            }

            fn plans(&self) -> std::sync::Arc<dyn crate::plans::store::PlanStore> {
                std::sync::Arc::new(self.clone())
            }

            fn spokesperson(
                &self,
            ) -> std::sync::Arc<dyn crate::spokesperson::store::SpokespersonStore> {
                std::sync::Arc::new(self.clone())
            }

            fn duties(&self) -> std::sync::Arc<dyn crate::duties::store::DutiesStore> {
                std::sync::Arc::new(self.clone())
            }

            fn fraud(&self) -> std::sync::Arc<dyn crate::fraud::store::FraudStore> {
                std::sync::Arc::new(self.clone())
            }

            fn royalties(&self) -> std::sync::Arc<dyn crate::royalties::store::RoyaltyStore> {
                std::sync::Arc::new(self.clone())
            }

            fn media(&self) -> std::sync::Arc<dyn crate::media::store::MediaStore> {
                std::sync::Arc::new(self.clone())
            }

            fn banners(&self) -> std::sync::Arc<dyn crate::banners::store::BannerStore> {
                std::sync::Arc::new(self.clone())
            }

            fn required_info(&self) -> std::sync::Arc<dyn crate::required_info::store::InfoStore> {
                std::sync::Arc::new(self.clone())
            }

            fn idempotency(&self) -> std::sync::Arc<dyn crate::db::idempotency::IdempotencyStore> {
                std::sync::Arc::new(self.clone())
            }

            async fn ping(&self) -> crate::db::StoreResult<()> {
                sqlx::query("SELECT 1").execute(self.pool()).await?;
                Ok(())
            }

            async fn close(&self) {
                crate::db::$engine::Backend::close(self).await
            }
        }
    };
}
use store_impl;
