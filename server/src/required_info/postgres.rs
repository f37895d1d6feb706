//! [`super::InfoStore`] on PostgreSQL: nothing differs from the shared SQL.

super::store::required_info_sql!(postgres);
