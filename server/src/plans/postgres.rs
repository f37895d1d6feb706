//! [`super::PlanStore`] on PostgreSQL: nothing differs from the shared SQL.

super::store::plans_sql!(postgres);
