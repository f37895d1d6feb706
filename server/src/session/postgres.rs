//! [`super::SessionStore`] on PostgreSQL: nothing differs from the shared SQL.

super::store::session_sql!(postgres);
