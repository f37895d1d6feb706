//! [`super::InfoStore`] on SQLite: nothing differs from the shared SQL.

super::store::required_info_sql!(sqlite);
