//! [`super::PlanStore`] on SQLite: nothing differs from the shared SQL.

super::store::plans_sql!(sqlite);
