//! [`super::BannerStore`] on SQLite: nothing differs from the shared SQL.

super::store::banners_sql!(sqlite);
