//! [`super::MediaStore`] on PostgreSQL: a delete holds the article change counter, which every
//! article write takes.

super::store::media_sql!(
    postgres,
    LOCK_ARTICLE_WRITERS = "SELECT seq FROM article_change_counter FOR UPDATE"
);
