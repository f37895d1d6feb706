//! [`super::DutiesStore`] on PostgreSQL: nothing differs from the shared SQL.

super::store::duties_sql!(postgres);
