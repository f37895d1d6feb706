//! The few SQL clauses that differ between the engines, side by side: each feature's shared SQL
//! takes them from `crate::db::sqlite` or `crate::db::postgres`.

/// Declares each clause's SQLite and PostgreSQL text as a constant of the module `sqlite` and
/// of the module `postgres`.
macro_rules! clauses {
    ($($(#[$doc:meta])* $name:ident: $sqlite:expr, $postgres:expr;)*) => {
        pub(crate) mod sqlite {
            $($(#[$doc])* pub(crate) const $name: &str = $sqlite;)*
        }
        pub(crate) mod postgres {
            $($(#[$doc])* pub(crate) const $name: &str = $postgres;)*
        }
    };
}

clauses! {
    /// Locks the rows a read returns until commit, so a concurrent writer waits and then sees
    /// this transaction's write (nothing to add on SQLite: `BEGIN IMMEDIATE` already holds the
    /// lock).
    FOR_UPDATE: "", " FOR UPDATE";
    /// A username equal to `$1` regardless of case (SQLite's column is `COLLATE NOCASE`).
    SAME_USERNAME: "username = $1", "lower(username) = lower($1)";
    /// Users listed by username regardless of case, bytewise as on SQLite.
    USERNAME_ORDER: "username", "lower(username) COLLATE \"C\", id";
    /// A NULL read as text (SQLite's values carry their own type).
    NULL_TEXT: "NULL", "NULL::text";
    /// The larger of two values (SQLite's scalar `MAX`).
    GREATEST: "MAX", "GREATEST";
    /// Text compared byte by byte (SQLite's default collation).
    BYTEWISE: "", " COLLATE \"C\"";
}
