//! [`super::SpokespersonStore`] on PostgreSQL: nothing differs from the shared SQL.

super::store::spokesperson_sql!(postgres);
