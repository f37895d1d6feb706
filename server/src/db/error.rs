//! What can go wrong in storage, in terms the handlers act on, and how database errors map to it.

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

/// A stored value that does not decode: the database holds something no writer of ours wrote.
pub fn corrupt(what: &str) -> StoreError {
    StoreError::Internal(format!("unreadable value in column {what}"))
}

/// A unique key taken by a concurrent writer of the next version: the caller's version is
/// stale (another server process saved first).
pub fn lost_race(e: sqlx::Error) -> StoreError {
    match StoreError::from(e) {
        StoreError::Conflict(_) => StoreError::VersionMismatch,
        other => other,
    }
}
