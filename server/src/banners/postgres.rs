//! [`super::BannerStore`] on PostgreSQL: nothing differs from the shared SQL.

super::store::banners_sql!(postgres);
