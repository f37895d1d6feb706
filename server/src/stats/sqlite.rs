//! [`super::StatsStore`] on SQLite: nothing differs from the shared SQL.

super::store::stats_sql!(sqlite);
