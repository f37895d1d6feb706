//! The PostgreSQL engine: its pool, how a write transaction begins, and the shared statements
//! expanded for its connection type.
//!
//! Timestamps and JSON are kept as the same text as on SQLite. Where SQLite serialises writers
//! with `BEGIN IMMEDIATE`, transactions here are READ COMMITTED and serialise on rows instead
//! (`FOR_UPDATE`, single `UPDATE … WHERE version = $n` statements). Nothing depends on locks
//! inside one process.

use super::StoreResult;
use sqlx::postgres::PgPool;
use sqlx::{PgConnection, Postgres, Transaction};

super::engine!(
    postgres,
    /// The PostgreSQL store, for a province that outgrows one file or runs several server
    /// processes on one database. Chosen by a `postgres:` database URL.
    PgStore,
    Postgres,
    PgConnection,
    PgPool
);

/// Binds one statement may carry (PostgreSQL's limit).
pub(crate) const MAX_BINDS: usize = 65_535;

/// Begins a write transaction (READ COMMITTED; rows are locked as they are written).
pub(crate) async fn begin_write(pool: &PgPool) -> StoreResult<Transaction<'static, Db>> {
    Ok(pool.begin().await?)
}
