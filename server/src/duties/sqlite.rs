//! [`super::DutiesStore`] on SQLite: nothing differs from the shared SQL.

super::store::duties_sql!(sqlite);
