//! [`super::SpokespersonStore`] on SQLite: nothing differs from the shared SQL.

super::store::spokesperson_sql!(sqlite);
