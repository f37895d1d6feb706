//! The SQLite engine: its pool, how a write transaction begins, and the shared statements
//! expanded for its connection type.

use super::{StoreError, StoreResult};
use sqlx::sqlite::SqlitePool;
use sqlx::{Sqlite, SqliteConnection, Transaction};

/// How every write transaction begins: taking the write lock at once, so a transaction that
/// reads before it writes waits its turn (busy timeout) instead of failing with "database is
/// locked" when another connection writes first.
pub const IMMEDIATE: &str = "BEGIN IMMEDIATE";

super::engine!(
    sqlite,
    /// The SQLite store: one file, WAL journal, `synchronous=FULL`, foreign keys on.
    SqliteStore,
    Sqlite,
    SqliteConnection,
    SqlitePool
);

/// Binds one multi-row statement carries at most (well under SQLite's 32,766).
pub(crate) const MAX_BINDS: usize = 7_000;

/// Begins a write transaction holding the database's write lock.
pub(crate) async fn begin_write(pool: &SqlitePool) -> StoreResult<Transaction<'static, Db>> {
    Ok(pool.begin_with(IMMEDIATE).await?)
}

impl SqliteStore {
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
}
