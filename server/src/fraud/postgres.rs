//! [`super::FraudStore`] on PostgreSQL: nothing differs from the shared SQL.

super::store::fraud_sql!(postgres);
