//! [`super::FraudStore`] on SQLite: nothing differs from the shared SQL.

super::store::fraud_sql!(sqlite);
