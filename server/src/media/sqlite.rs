//! [`super::MediaStore`] on SQLite: `BEGIN IMMEDIATE` already holds every writer off.

super::store::media_sql!(sqlite, LOCK_ARTICLE_WRITERS = "SELECT 1");
