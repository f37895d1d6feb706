//! [`super::RoyaltyStore`] on PostgreSQL: nothing differs from the shared SQL.

super::store::royalties_sql!(postgres);
