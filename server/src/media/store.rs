//! The storage of the library's items: the trait, its rows, and its SQL written once for both
//! engines (`media_sql!`, expanded by `sqlite.rs` and `postgres.rs`).
//!
//! The files themselves live in [`super::storage::MediaStorage`]; a row is written only after
//! its files are stored, and `media_files` lists every file a row refers to.

use super::storage::StoredName;
use super::uses::ArticleRef;
use crate::db::{corrupt, parse_ts, NewAudit, StoreResult};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use portal_contract::media::{MediaKind, MediaUse};
use portal_contract::Page;
use serde::{Deserialize, Serialize};
use sqlx::FromRow;

/// A variant as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredVariant {
    pub width: u32,
    pub file: String,
    pub content_type: String,
}

/// An item as stored: file names rather than URLs, and no uses (those are read from the
/// articles when asked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaRecord {
    pub id: i64,
    pub kind: MediaKind,
    pub filename: String,
    pub content_type: String,
    pub bytes: u64,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub alt: String,
    pub caption: String,
    pub file: StoredName,
    pub variants: Vec<StoredVariant>,
    /// A video's poster: an image cleaned as any other.
    pub poster: Option<StoredName>,
    /// A video's or a sound's captions, WebVTT.
    pub captions: Option<StoredName>,
    pub uploaded_by: i64,
    pub uploaded_by_name: String,
    pub uploaded_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

impl MediaRecord {
    /// Every stored file of the item: the original, the variants, the poster and the captions.
    pub fn names(&self) -> Vec<StoredName> {
        let mut out = vec![self.file.clone()];
        out.extend(
            self.variants
                .iter()
                .filter_map(|v| StoredName::parse(&v.file)),
        );
        out.extend(self.poster.iter().chain(&self.captions).cloned());
        out.sort();
        out.dedup();
        out
    }
}

/// A page of items, newest first.
#[derive(Debug, Clone, Default)]
pub struct MediaQuery {
    pub page: u32,
    pub per_page: u32,
    /// Every word must appear in the folded file name, alt text or caption.
    pub text: Option<String>,
    pub kind: Option<MediaKind>,
}

/// What a delete did.
#[derive(Debug, Clone)]
pub enum Deleted {
    /// The row is gone; these files no other item refers to may be removed.
    Done { unreferenced: Vec<StoredName> },
    /// Something uses the item: nothing was deleted.
    InUse(Box<MediaRecord>, Vec<MediaUse>),
}

#[async_trait]
pub trait MediaStore: Send + Sync {
    async fn list_media(&self, q: &MediaQuery) -> StoreResult<Page<MediaRecord>>;
    async fn media_record(&self, id: i64) -> StoreResult<Option<MediaRecord>>;
    /// Inserts `record` (its `id` ignored) with its files and the audit line.
    async fn insert_media(&self, record: &MediaRecord, audit: NewAudit)
        -> StoreResult<MediaRecord>;
    /// Writes every field of `record` (texts, file, variants, version) if the stored version is
    /// still `expected_version`, else `VersionMismatch`.
    async fn update_media(
        &self,
        record: &MediaRecord,
        expected_version: i64,
        audit: NewAudit,
    ) -> StoreResult<MediaRecord>;
    /// Deletes item `id` at `expected_version` unless an article uses it, checked in the same
    /// transaction as the delete, with article writers held off (see `LOCK_ARTICLE_WRITERS`).
    async fn delete_media(
        &self,
        id: i64,
        expected_version: i64,
        audit: NewAudit,
    ) -> StoreResult<Deleted>;
    /// The articles whose cover or body mentions one of `names` (to be confirmed with
    /// [`super::uses::uses_of`]).
    async fn articles_mentioning(&self, names: &[StoredName]) -> StoreResult<Vec<ArticleRef>>;
    /// Every stored name that a row or an article refers to (what the sweep keeps).
    async fn referenced_files(&self) -> StoreResult<std::collections::HashSet<StoredName>>;
    /// The items one of whose files (original or variant) is among `names`.
    async fn media_with_files(&self, names: &[StoredName]) -> StoreResult<Vec<MediaRecord>>;
}

#[derive(FromRow)]
pub(crate) struct MediaRow {
    id: i64,
    kind: String,
    filename: String,
    content_type: String,
    bytes: i64,
    width: Option<i64>,
    height: Option<i64>,
    alt: String,
    caption: String,
    file: String,
    variants: String,
    poster: Option<String>,
    captions: Option<String>,
    uploaded_by: i64,
    uploaded_by_name: String,
    uploaded_at: String,
    updated_at: String,
    version: i64,
}

pub(crate) const MEDIA_COLUMNS: &str = "id, kind, filename, content_type, bytes, width, height, \
    alt, caption, file, variants, poster, captions, uploaded_by, uploaded_by_name, uploaded_at, \
    updated_at, version";

fn stored_name(v: Option<String>, column: &str) -> StoreResult<Option<StoredName>> {
    v.map(|n| StoredName::parse(&n).ok_or_else(|| corrupt(column)))
        .transpose()
}

fn dimension(v: Option<i64>, column: &str) -> StoreResult<Option<u32>> {
    v.map(|n| u32::try_from(n).map_err(|_| corrupt(column)))
        .transpose()
}

impl MediaRow {
    pub(crate) fn into_record(self) -> StoreResult<MediaRecord> {
        Ok(MediaRecord {
            id: self.id,
            kind: MediaKind::parse(&self.kind).ok_or_else(|| corrupt("media_items.kind"))?,
            filename: self.filename,
            content_type: self.content_type,
            bytes: u64::try_from(self.bytes).map_err(|_| corrupt("media_items.bytes"))?,
            width: dimension(self.width, "media_items.width")?,
            height: dimension(self.height, "media_items.height")?,
            alt: self.alt,
            caption: self.caption,
            file: StoredName::parse(&self.file).ok_or_else(|| corrupt("media_items.file"))?,
            variants: crate::db::from_json(&self.variants, "media_items.variants")?,
            poster: stored_name(self.poster, "media_items.poster")?,
            captions: stored_name(self.captions, "media_items.captions")?,
            uploaded_by: self.uploaded_by,
            uploaded_by_name: self.uploaded_by_name,
            uploaded_at: parse_ts(&self.uploaded_at, "media_items.uploaded_at")?,
            updated_at: parse_ts(&self.updated_at, "media_items.updated_at")?,
            version: self.version,
        })
    }
}

#[derive(FromRow)]
pub(crate) struct ArticleRefRow {
    id: i64,
    title: String,
    cover: Option<String>,
    body: String,
    revision: Option<String>,
}

impl From<ArticleRefRow> for ArticleRef {
    fn from(r: ArticleRefRow) -> Self {
        ArticleRef {
            id: r.id,
            title: r.title,
            cover: r.cover,
            body: r.body,
            revision: r.revision,
        }
    }
}

/// The text searched: file name, alt text and caption, folded.
pub(crate) fn search_text(r: &MediaRecord) -> String {
    crate::db::fold_for_search(&format!("{} {} {}", r.filename, r.alt, r.caption))
}

pub(crate) const INSERT_SQL: &str = "INSERT INTO media_items (kind, filename, content_type, \
    bytes, width, height, alt, caption, file, variants, search_folded, uploaded_by, \
    uploaded_by_name, uploaded_at, updated_at, version, poster, captions) \
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) \
    RETURNING id";

pub(crate) const UPDATE_SQL: &str = "UPDATE media_items SET kind = $1, filename = $2, \
    content_type = $3, bytes = $4, width = $5, height = $6, alt = $7, caption = $8, file = $9, \
    variants = $10, search_folded = $11, updated_at = $12, version = $13, poster = $14, \
    captions = $15 WHERE id = $16 AND version = $17";

pub(crate) const INSERT_FILE_SQL: &str = "INSERT INTO media_files (item_id, name) VALUES ($1, $2)";
pub(crate) const DELETE_FILES_SQL: &str = "DELETE FROM media_files WHERE item_id = $1";
pub(crate) const DELETE_ITEM_SQL: &str = "DELETE FROM media_items WHERE id = $1";
pub(crate) const STILL_REFERENCED_SQL: &str = "SELECT COUNT(*) FROM media_files WHERE name = $1";

/// Expands [`MediaStore`] for one engine (`sqlite` or `postgres`, a module of `crate::db`);
/// `$lock` is the statement that holds off article writers until the transaction ends.
macro_rules! media_sql {
    ($engine:ident, LOCK_ARTICLE_WRITERS = $lock:expr) => {
        use crate::db::$engine::{begin_write, insert_audit, Backend, Conn, Db, FOR_UPDATE};
        use crate::db::StoreResult;
        use crate::db::{like_pattern, offset, page_of, to_json, ts, NewAudit, StoreError};
        use crate::media::storage::StoredName;
        use crate::media::store::*;
        use crate::media::uses::{names_in_article, uses_of, ArticleRef};
        use portal_contract::Page;
        use sqlx::QueryBuilder;

        async fn fetch(conn: &mut Conn, id: i64, lock: bool) -> StoreResult<Option<MediaRecord>> {
            let sql = format!(
                "SELECT {MEDIA_COLUMNS} FROM media_items WHERE id = $1{}",
                if lock { FOR_UPDATE } else { "" }
            );
            let row: Option<MediaRow> = sqlx::query_as(&sql)
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?;
            row.map(MediaRow::into_record).transpose()
        }

        async fn write_files(conn: &mut Conn, r: &MediaRecord, id: i64) -> StoreResult<()> {
            sqlx::query(DELETE_FILES_SQL)
                .bind(id)
                .execute(&mut *conn)
                .await?;
            for name in r.names() {
                sqlx::query(INSERT_FILE_SQL)
                    .bind(id)
                    .bind(name.as_str())
                    .execute(&mut *conn)
                    .await?;
            }
            Ok(())
        }

        async fn mentioning(conn: &mut Conn, names: &[StoredName]) -> StoreResult<Vec<ArticleRef>> {
            if names.is_empty() {
                return Ok(Vec::new());
            }
            let mut qb = QueryBuilder::<Db>::new(
                "SELECT id, title, cover, body, revision FROM articles WHERE 1 = 0",
            );
            for name in names {
                for column in ["cover", "body", "revision"] {
                    qb.push(format!(" OR {column} LIKE "));
                    qb.push_bind(like_pattern(name.hash()));
                    qb.push(" ESCAPE '\\'");
                }
            }
            qb.push(" ORDER BY id");
            let rows: Vec<ArticleRefRow> = qb.build_query_as().fetch_all(&mut *conn).await?;
            Ok(rows.into_iter().map(ArticleRef::from).collect())
        }

        fn push_filters(qb: &mut QueryBuilder<'_, Db>, q: &MediaQuery) {
            qb.push(" WHERE 1 = 1");
            if let Some(kind) = q.kind {
                qb.push(" AND kind = ");
                qb.push_bind(kind.as_str());
            }
            if let Some(text) = &q.text {
                for word in crate::db::fold_for_search(text)
                    .split(' ')
                    .filter(|w| !w.is_empty())
                {
                    qb.push(" AND search_folded LIKE ");
                    qb.push_bind(like_pattern(word));
                    qb.push(" ESCAPE '\\'");
                }
            }
        }

        #[async_trait::async_trait]
        impl MediaStore for Backend {
            async fn list_media(&self, q: &MediaQuery) -> StoreResult<Page<MediaRecord>> {
                let mut count = QueryBuilder::<Db>::new("SELECT COUNT(*) FROM media_items");
                push_filters(&mut count, q);
                let total: i64 = count.build_query_scalar().fetch_one(self.pool()).await?;
                let mut select =
                    QueryBuilder::<Db>::new(format!("SELECT {MEDIA_COLUMNS} FROM media_items"));
                push_filters(&mut select, q);
                select.push(" ORDER BY uploaded_at DESC, id DESC LIMIT ");
                select.push_bind(i64::from(q.per_page));
                select.push(" OFFSET ");
                select.push_bind(offset(q.page, q.per_page));
                let rows: Vec<MediaRow> = select.build_query_as().fetch_all(self.pool()).await?;
                let items = rows
                    .into_iter()
                    .map(MediaRow::into_record)
                    .collect::<StoreResult<Vec<_>>>()?;
                Ok(page_of(items, total, q.page, q.per_page))
            }

            async fn media_record(&self, id: i64) -> StoreResult<Option<MediaRecord>> {
                let mut conn = self.pool().acquire().await?;
                fetch(&mut conn, id, false).await
            }

            async fn insert_media(
                &self,
                r: &MediaRecord,
                mut audit: NewAudit,
            ) -> StoreResult<MediaRecord> {
                let mut tx = begin_write(self.pool()).await?;
                let id: i64 = sqlx::query_scalar(INSERT_SQL)
                    .bind(r.kind.as_str())
                    .bind(&r.filename)
                    .bind(&r.content_type)
                    .bind(i64::try_from(r.bytes).unwrap_or(i64::MAX))
                    .bind(r.width.map(i64::from))
                    .bind(r.height.map(i64::from))
                    .bind(&r.alt)
                    .bind(&r.caption)
                    .bind(r.file.as_str())
                    .bind(to_json(&r.variants)?)
                    .bind(search_text(r))
                    .bind(r.uploaded_by)
                    .bind(&r.uploaded_by_name)
                    .bind(ts(r.uploaded_at))
                    .bind(ts(r.updated_at))
                    .bind(r.version)
                    .bind(r.poster.as_ref().map(StoredName::as_str))
                    .bind(r.captions.as_ref().map(StoredName::as_str))
                    .fetch_one(&mut *tx)
                    .await?;
                write_files(&mut tx, r, id).await?;
                audit.target = Some(format!("media_item:{id}"));
                insert_audit(&mut tx, &audit).await?;
                let saved = fetch(&mut tx, id, false)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                tx.commit().await?;
                Ok(saved)
            }

            async fn update_media(
                &self,
                r: &MediaRecord,
                expected_version: i64,
                audit: NewAudit,
            ) -> StoreResult<MediaRecord> {
                let mut tx = begin_write(self.pool()).await?;
                let done = sqlx::query(UPDATE_SQL)
                    .bind(r.kind.as_str())
                    .bind(&r.filename)
                    .bind(&r.content_type)
                    .bind(i64::try_from(r.bytes).unwrap_or(i64::MAX))
                    .bind(r.width.map(i64::from))
                    .bind(r.height.map(i64::from))
                    .bind(&r.alt)
                    .bind(&r.caption)
                    .bind(r.file.as_str())
                    .bind(to_json(&r.variants)?)
                    .bind(search_text(r))
                    .bind(ts(r.updated_at))
                    .bind(r.version)
                    .bind(r.poster.as_ref().map(StoredName::as_str))
                    .bind(r.captions.as_ref().map(StoredName::as_str))
                    .bind(r.id)
                    .bind(expected_version)
                    .execute(&mut *tx)
                    .await?;
                if done.rows_affected() == 0 {
                    return Err(match fetch(&mut tx, r.id, false).await? {
                        Some(_) => StoreError::VersionMismatch,
                        None => StoreError::NotFound,
                    });
                }
                write_files(&mut tx, r, r.id).await?;
                insert_audit(&mut tx, &audit).await?;
                let saved = fetch(&mut tx, r.id, false)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                tx.commit().await?;
                Ok(saved)
            }

            async fn delete_media(
                &self,
                id: i64,
                expected_version: i64,
                audit: NewAudit,
            ) -> StoreResult<Deleted> {
                let mut tx = begin_write(self.pool()).await?;
                // An article save in flight finishes first, and the next one waits for this
                // transaction: the uses read below are the last word until commit.
                sqlx::query($lock).execute(&mut *tx).await?;
                let current = fetch(&mut tx, id, true)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                if current.version != expected_version {
                    return Err(StoreError::VersionMismatch);
                }
                let names = current.names();
                let mut uses = uses_of(&names, &mentioning(&mut tx, &names).await?);
                // The banners showing it, read after its row is locked (a banner's write locks
                // the same row, so none can start using it meanwhile).
                uses.extend(crate::banners::$engine::media_uses(&mut tx, id).await?);
                if !uses.is_empty() {
                    return Ok(Deleted::InUse(Box::new(current), uses));
                }
                sqlx::query(DELETE_FILES_SQL)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(DELETE_ITEM_SQL)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                insert_audit(&mut tx, &audit).await?;
                let mut unreferenced = Vec::new();
                for name in names {
                    let others: i64 = sqlx::query_scalar(STILL_REFERENCED_SQL)
                        .bind(name.as_str())
                        .fetch_one(&mut *tx)
                        .await?;
                    if others == 0 {
                        unreferenced.push(name);
                    }
                }
                tx.commit().await?;
                Ok(Deleted::Done { unreferenced })
            }

            async fn articles_mentioning(
                &self,
                names: &[StoredName],
            ) -> StoreResult<Vec<ArticleRef>> {
                let mut conn = self.pool().acquire().await?;
                mentioning(&mut conn, names).await
            }

            async fn referenced_files(&self) -> StoreResult<std::collections::HashSet<StoredName>> {
                let mut out = std::collections::HashSet::new();
                let names: Vec<String> =
                    sqlx::query_scalar("SELECT DISTINCT name FROM media_files")
                        .fetch_all(self.pool())
                        .await?;
                out.extend(names.iter().filter_map(|n| StoredName::parse(n)));
                let rows: Vec<ArticleRefRow> = sqlx::query_as(
                    "SELECT id, title, cover, body, revision FROM articles \
                     WHERE cover IS NOT NULL OR body LIKE '%.%' OR revision IS NOT NULL",
                )
                .fetch_all(self.pool())
                .await?;
                for r in rows {
                    out.extend(names_in_article(&ArticleRef::from(r)));
                }
                Ok(out)
            }

            async fn media_with_files(
                &self,
                names: &[StoredName],
            ) -> StoreResult<Vec<MediaRecord>> {
                if names.is_empty() {
                    return Ok(Vec::new());
                }
                let mut qb = QueryBuilder::<Db>::new(format!(
                    "SELECT {MEDIA_COLUMNS} FROM media_items WHERE id IN \
                     (SELECT item_id FROM media_files WHERE name IN ("
                ));
                let mut list = qb.separated(", ");
                for name in names {
                    list.push_bind(name.as_str().to_string());
                }
                qb.push(")) ORDER BY id");
                let rows: Vec<MediaRow> = qb.build_query_as().fetch_all(self.pool()).await?;
                rows.into_iter().map(MediaRow::into_record).collect()
            }
        }
    };
}
pub(crate) use media_sql;
