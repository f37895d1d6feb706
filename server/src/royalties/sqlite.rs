//! [`super::RoyaltyStore`] on SQLite: nothing differs from the shared SQL.

super::store::royalties_sql!(sqlite);
