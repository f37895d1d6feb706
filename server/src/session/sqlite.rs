//! [`super::SessionStore`] on SQLite: nothing differs from the shared SQL.

super::store::session_sql!(sqlite);
