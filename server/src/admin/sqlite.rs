//! [`super::AdminStore`] on SQLite: nothing differs from the shared SQL but how usernames compare.

super::store::admin_sql!(sqlite);
