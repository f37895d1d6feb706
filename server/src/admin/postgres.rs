//! [`super::AdminStore`] on PostgreSQL: nothing differs from the shared SQL but how usernames compare.

super::store::admin_sql!(postgres);
