//! [`super::StatsStore`] on PostgreSQL: nothing differs from the shared SQL.

super::store::stats_sql!(postgres);
