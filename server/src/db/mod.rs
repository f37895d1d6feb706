//! Storage pieces every feature shares, free of any feature: errors, the text both engines
//! store, the audit line, idempotency records, and each engine's pool and transaction start.
//! A feature's `store.rs` writes its SQL once as a macro that its `sqlite.rs` and `postgres.rs`
//! expand for their engine's connection type; the engines never import each other.

mod audit;
mod codec;
mod dialect;
mod error;
pub mod idempotency;
pub mod postgres;
pub mod sqlite;
mod text;

pub use audit::NewAudit;
pub use codec::{decoded_page, from_json, offset, page_of, parse_opt_ts, parse_ts, to_json, ts};
pub use error::{corrupt, lost_race, StoreError, StoreResult};
pub use postgres::PgStore;
pub use sqlite::{SqliteStore, IMMEDIATE};
pub use text::{fold_for_search, like_pattern};

/// Declares an engine's store on its pool, the aliases every feature's SQL macro names (`Db`,
/// `Conn`, `Backend`), the engine's clauses, and this module's shared statements for it.
macro_rules! engine {
    ($engine:ident, $(#[$doc:meta])* $store:ident, $db:ty, $conn:ty, $pool:ty) => {
        $(#[$doc])*
        #[derive(Clone)]
        pub struct $store {
            pub(crate) pool: $pool,
        }

        pub(crate) type Db = $db;
        pub(crate) type Conn = $conn;
        pub(crate) type Backend = $store;
        pub(crate) use super::dialect::$engine::*;

        impl $store {
            /// The underlying pool (for tests and maintenance).
            pub fn pool(&self) -> &$pool {
                &self.pool
            }

            /// Closes every connection (on shutdown; SQLite checkpoints its WAL).
            pub async fn close(&self) {
                self.pool.close().await;
            }
        }

        super::audit::audit_sql!($engine);
        super::idempotency::idempotency_sql!($engine);
    };
}
use engine;
