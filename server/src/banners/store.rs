//! Storage of the banners: the trait, its rows, and its SQL written once for both engines
//! (`banners_sql!`, expanded by `sqlite.rs` and `postgres.rs`).
//!
//! A banner row names its media item (`media_id REFERENCES media_items`); every read joins the
//! item for the image's files, which the handlers turn into URLs. A write locks the item's row
//! and checks it is still an image, so a banner never lands on an item being deleted.

use crate::db::{corrupt, parse_ts, NewAudit, StoreResult};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use portal_contract::banners::{BannerPlacement, BannerStatus};
use portal_contract::media::{MediaUse, MediaUseKind};
use portal_contract::Page;
use sqlx::FromRow;

/// A banner as stored (its image is read with it, see [`StoredBanner`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BannerRecord {
    pub id: i64,
    pub placement: BannerPlacement,
    pub title: String,
    pub media_id: i64,
    pub link: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub position: i64,
    pub created_by: i64,
    pub created_by_name: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

/// The files of a banner's media item as the library stores them: the stored name of the
/// original and the variants as JSON (`[{width, file, content_type}]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BannerImageFiles {
    pub file: String,
    pub variants: String,
    pub width: Option<i64>,
    pub height: Option<i64>,
}

/// A banner with its image's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredBanner {
    pub record: BannerRecord,
    pub image: BannerImageFiles,
}

/// A page of banners (`today` decides `status` and `ending_within_days`).
#[derive(Debug, Clone)]
pub struct BannerQuery {
    pub page: u32,
    pub per_page: u32,
    pub today: NaiveDate,
    pub placement: Option<BannerPlacement>,
    pub status: Option<BannerStatus>,
    /// Banners whose last day is from `today` to this day, soonest first.
    pub ending_by: Option<NaiveDate>,
}

/// Why a write did not happen: its media item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaRefusal {
    /// No such item (or it was deleted meanwhile).
    Missing,
    /// A video, audio file or document.
    NotImage,
}

/// What a write did: the banner as saved, or why its media item was refused.
pub type Written = Result<StoredBanner, MediaRefusal>;

/// A banner that shows a media item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BannerUse {
    pub id: i64,
    pub title: String,
    pub placement: BannerPlacement,
}

impl BannerUse {
    /// The use as the library lists it (`place` is the placement: `home_top`, `sidebar` …).
    pub fn media_use(&self) -> MediaUse {
        MediaUse {
            kind: MediaUseKind::Banner,
            id: self.id,
            title: self.title.clone(),
            place: self.placement.as_str().to_string(),
        }
    }
}

#[async_trait]
pub trait BannerStore: Send + Sync {
    async fn list_banners(&self, q: &BannerQuery) -> StoreResult<Page<StoredBanner>>;
    async fn banner(&self, id: i64) -> StoreResult<Option<StoredBanner>>;
    /// Inserts `banner` (its `id` ignored) with its audit line, if its media item is an image.
    async fn insert_banner(&self, banner: &BannerRecord, audit: NewAudit) -> StoreResult<Written>;
    /// Writes every field of `banner` if the stored version is still `expected_version` (else
    /// `VersionMismatch`) and its media item is an image.
    async fn update_banner(
        &self,
        banner: &BannerRecord,
        expected_version: i64,
        audit: NewAudit,
    ) -> StoreResult<Written>;
    /// Deletes banner `id` at `expected_version` (else `VersionMismatch`, or `NotFound`).
    async fn delete_banner(
        &self,
        id: i64,
        expected_version: i64,
        audit: NewAudit,
    ) -> StoreResult<()>;
    /// The banners of `placement` shown on `today`, by position, at most `limit`; only those
    /// whose item is still an image.
    async fn current_banners(
        &self,
        placement: BannerPlacement,
        today: NaiveDate,
        limit: u32,
    ) -> StoreResult<Vec<StoredBanner>>;
    /// The banners that show media item `media_id` (the library refuses to delete it while
    /// there are any). Inside the library's own delete transaction, use the engine's
    /// `crate::banners::{sqlite,postgres}::media_uses` instead.
    async fn banners_using_media(&self, media_id: i64) -> StoreResult<Vec<BannerUse>>;
}

#[derive(FromRow)]
pub(crate) struct BannerRow {
    id: i64,
    placement: String,
    title: String,
    media_id: i64,
    link: String,
    starts_on: String,
    ends_on: String,
    position: i64,
    created_by: i64,
    created_by_name: String,
    created_at: String,
    updated_at: String,
    version: i64,
    image_file: String,
    image_variants: String,
    image_width: Option<i64>,
    image_height: Option<i64>,
}

/// A `YYYY-MM-DD` column.
fn parse_day(s: &str, column: &str) -> StoreResult<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| corrupt(column))
}

/// How a day is stored (and compared, as text).
pub(crate) fn day(d: NaiveDate) -> String {
    portal_contract::iso_day(d)
}

impl BannerRow {
    pub(crate) fn into_stored(self) -> StoreResult<StoredBanner> {
        Ok(StoredBanner {
            record: BannerRecord {
                id: self.id,
                placement: BannerPlacement::parse(&self.placement)
                    .ok_or_else(|| corrupt("banners.placement"))?,
                title: self.title,
                media_id: self.media_id,
                link: self.link,
                starts_on: parse_day(&self.starts_on, "banners.starts_on")?,
                ends_on: parse_day(&self.ends_on, "banners.ends_on")?,
                position: self.position,
                created_by: self.created_by,
                created_by_name: self.created_by_name,
                created_at: parse_ts(&self.created_at, "banners.created_at")?,
                updated_at: parse_ts(&self.updated_at, "banners.updated_at")?,
                version: self.version,
            },
            image: BannerImageFiles {
                file: self.image_file,
                variants: self.image_variants,
                width: self.image_width,
                height: self.image_height,
            },
        })
    }
}

#[derive(FromRow)]
pub(crate) struct BannerUseRow {
    id: i64,
    title: String,
    placement: String,
}

impl BannerUseRow {
    pub(crate) fn into_use(self) -> StoreResult<BannerUse> {
        Ok(BannerUse {
            id: self.id,
            title: self.title,
            placement: BannerPlacement::parse(&self.placement)
                .ok_or_else(|| corrupt("banners.placement"))?,
        })
    }
}

pub(crate) const SELECT_SQL: &str = "SELECT b.id, b.placement, b.title, b.media_id, b.link, \
    b.starts_on, b.ends_on, b.position, b.created_by, b.created_by_name, b.created_at, \
    b.updated_at, b.version, m.file AS image_file, m.variants AS image_variants, \
    m.width AS image_width, m.height AS image_height \
    FROM banners b JOIN media_items m ON m.id = b.media_id";

pub(crate) const INSERT_SQL: &str = "INSERT INTO banners (placement, title, media_id, link, \
    starts_on, ends_on, position, created_by, created_by_name, created_at, updated_at, version) \
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id";

pub(crate) const UPDATE_SQL: &str = "UPDATE banners SET placement = $1, title = $2, \
    media_id = $3, link = $4, starts_on = $5, ends_on = $6, position = $7, updated_at = $8, \
    version = $9 WHERE id = $10 AND version = $11";

pub(crate) const DELETE_SQL: &str = "DELETE FROM banners WHERE id = $1 AND version = $2";

pub(crate) const EXISTS_SQL: &str = "SELECT COUNT(*) FROM banners WHERE id = $1";

pub(crate) const USING_MEDIA_SQL: &str =
    "SELECT id, title, placement FROM banners WHERE media_id = $1 ORDER BY id";

/// The kind of media item `$1`, its row locked until commit by `lock` (the engine's
/// `FOR_UPDATE`).
pub(crate) fn media_kind_sql(lock: &str) -> String {
    format!("SELECT kind FROM media_items WHERE id = $1{lock}")
}

/// The placements in the page's order (top to bottom), for `ORDER BY`.
pub(crate) fn placement_order() -> String {
    let mut out = String::from("CASE b.placement");
    for (i, p) in BannerPlacement::ALL.iter().enumerate() {
        out.push_str(&format!(" WHEN '{}' THEN {i}", p.as_str()));
    }
    out.push_str(" ELSE 99 END");
    out
}

/// Expands [`BannerStore`] for one engine (`sqlite` or `postgres`, a module of `crate::db`),
/// and `media_uses`, the banners of a media item read on the library's own connection.
macro_rules! banners_sql {
    ($engine:ident) => {
        use crate::banners::store::*;
        use crate::db::$engine::{begin_write, insert_audit, Backend, Conn, Db, FOR_UPDATE};
        use crate::db::{offset, page_of, ts, NewAudit, StoreError, StoreResult};
        use chrono::NaiveDate;
        use portal_contract::banners::{BannerPlacement, BannerStatus};
        use portal_contract::media::MediaUse;
        use portal_contract::Page;
        use sqlx::QueryBuilder;

        async fn fetch(conn: &mut Conn, id: i64) -> StoreResult<Option<StoredBanner>> {
            let row: Option<BannerRow> = sqlx::query_as(&format!("{SELECT_SQL} WHERE b.id = $1"))
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?;
            row.map(BannerRow::into_stored).transpose()
        }

        /// Locks media item `id` and says why a banner may not show it, if it may not.
        async fn refuse_media(conn: &mut Conn, id: i64) -> StoreResult<Option<MediaRefusal>> {
            let kind: Option<String> = sqlx::query_scalar(&media_kind_sql(FOR_UPDATE))
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?;
            Ok(match kind.as_deref() {
                None => Some(MediaRefusal::Missing),
                Some("image") => None,
                Some(_) => Some(MediaRefusal::NotImage),
            })
        }

        /// The banners that show media item `media_id`, read on `conn` (the library's delete
        /// calls this inside its transaction, after locking the item's row).
        pub async fn media_uses(conn: &mut Conn, media_id: i64) -> StoreResult<Vec<MediaUse>> {
            let rows: Vec<BannerUseRow> = sqlx::query_as(USING_MEDIA_SQL)
                .bind(media_id)
                .fetch_all(&mut *conn)
                .await?;
            rows.into_iter()
                .map(|r| r.into_use().map(|u| u.media_use()))
                .collect()
        }

        fn push_filters(qb: &mut QueryBuilder<'_, Db>, q: &BannerQuery) {
            qb.push(" WHERE 1 = 1");
            if let Some(p) = q.placement {
                qb.push(" AND b.placement = ");
                qb.push_bind(p.as_str());
            }
            let today = day(q.today);
            match q.status {
                None => {}
                Some(BannerStatus::Upcoming) => {
                    qb.push(" AND b.starts_on > ");
                    qb.push_bind(today.clone());
                }
                Some(BannerStatus::Current) => {
                    qb.push(" AND b.starts_on <= ");
                    qb.push_bind(today.clone());
                    qb.push(" AND b.ends_on >= ");
                    qb.push_bind(today.clone());
                }
                Some(BannerStatus::Ended) => {
                    qb.push(" AND b.ends_on < ");
                    qb.push_bind(today.clone());
                }
            }
            if let Some(last) = q.ending_by {
                qb.push(" AND b.ends_on >= ");
                qb.push_bind(today);
                qb.push(" AND b.ends_on <= ");
                qb.push_bind(day(last));
            }
        }

        async fn write_result(
            mut tx: sqlx::Transaction<'static, Db>,
            id: i64,
            audit: &NewAudit,
        ) -> StoreResult<Written> {
            insert_audit(&mut tx, audit).await?;
            let saved = fetch(&mut tx, id).await?.ok_or(StoreError::NotFound)?;
            tx.commit().await?;
            Ok(Ok(saved))
        }

        #[async_trait::async_trait]
        impl BannerStore for Backend {
            async fn list_banners(&self, q: &BannerQuery) -> StoreResult<Page<StoredBanner>> {
                let mut count = QueryBuilder::<Db>::new(
                    "SELECT COUNT(*) FROM banners b JOIN media_items m ON m.id = b.media_id",
                );
                push_filters(&mut count, q);
                let total: i64 = count.build_query_scalar().fetch_one(self.pool()).await?;
                let mut select = QueryBuilder::<Db>::new(SELECT_SQL);
                push_filters(&mut select, q);
                if q.ending_by.is_some() {
                    select.push(" ORDER BY b.ends_on, ");
                } else {
                    select.push(" ORDER BY ");
                }
                select.push(placement_order());
                select.push(", b.position, b.starts_on DESC, b.id LIMIT ");
                select.push_bind(i64::from(q.per_page));
                select.push(" OFFSET ");
                select.push_bind(offset(q.page, q.per_page));
                let rows: Vec<BannerRow> = select.build_query_as().fetch_all(self.pool()).await?;
                let items = rows
                    .into_iter()
                    .map(BannerRow::into_stored)
                    .collect::<StoreResult<Vec<_>>>()?;
                Ok(page_of(items, total, q.page, q.per_page))
            }

            async fn banner(&self, id: i64) -> StoreResult<Option<StoredBanner>> {
                let mut conn = self.pool().acquire().await?;
                fetch(&mut conn, id).await
            }

            async fn insert_banner(
                &self,
                b: &BannerRecord,
                mut audit: NewAudit,
            ) -> StoreResult<Written> {
                let mut tx = begin_write(self.pool()).await?;
                if let Some(refusal) = refuse_media(&mut tx, b.media_id).await? {
                    return Ok(Err(refusal));
                }
                let id: i64 = sqlx::query_scalar(INSERT_SQL)
                    .bind(b.placement.as_str())
                    .bind(&b.title)
                    .bind(b.media_id)
                    .bind(&b.link)
                    .bind(day(b.starts_on))
                    .bind(day(b.ends_on))
                    .bind(b.position)
                    .bind(b.created_by)
                    .bind(&b.created_by_name)
                    .bind(ts(b.created_at))
                    .bind(ts(b.updated_at))
                    .bind(b.version)
                    .fetch_one(&mut *tx)
                    .await?;
                audit.target = Some(format!("banner:{id}"));
                write_result(tx, id, &audit).await
            }

            async fn update_banner(
                &self,
                b: &BannerRecord,
                expected_version: i64,
                audit: NewAudit,
            ) -> StoreResult<Written> {
                let mut tx = begin_write(self.pool()).await?;
                if let Some(refusal) = refuse_media(&mut tx, b.media_id).await? {
                    return Ok(Err(refusal));
                }
                let done = sqlx::query(UPDATE_SQL)
                    .bind(b.placement.as_str())
                    .bind(&b.title)
                    .bind(b.media_id)
                    .bind(&b.link)
                    .bind(day(b.starts_on))
                    .bind(day(b.ends_on))
                    .bind(b.position)
                    .bind(ts(b.updated_at))
                    .bind(b.version)
                    .bind(b.id)
                    .bind(expected_version)
                    .execute(&mut *tx)
                    .await?;
                if done.rows_affected() == 0 {
                    let exists: i64 = sqlx::query_scalar(EXISTS_SQL)
                        .bind(b.id)
                        .fetch_one(&mut *tx)
                        .await?;
                    return Err(if exists > 0 {
                        StoreError::VersionMismatch
                    } else {
                        StoreError::NotFound
                    });
                }
                write_result(tx, b.id, &audit).await
            }

            async fn delete_banner(
                &self,
                id: i64,
                expected_version: i64,
                audit: NewAudit,
            ) -> StoreResult<()> {
                let mut tx = begin_write(self.pool()).await?;
                let done = sqlx::query(DELETE_SQL)
                    .bind(id)
                    .bind(expected_version)
                    .execute(&mut *tx)
                    .await?;
                if done.rows_affected() == 0 {
                    let exists: i64 = sqlx::query_scalar(EXISTS_SQL)
                        .bind(id)
                        .fetch_one(&mut *tx)
                        .await?;
                    return Err(if exists > 0 {
                        StoreError::VersionMismatch
                    } else {
                        StoreError::NotFound
                    });
                }
                insert_audit(&mut tx, &audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn current_banners(
                &self,
                placement: BannerPlacement,
                today: NaiveDate,
                limit: u32,
            ) -> StoreResult<Vec<StoredBanner>> {
                let today = day(today);
                let rows: Vec<BannerRow> = sqlx::query_as(&format!(
                    "{SELECT_SQL} WHERE b.placement = $1 AND b.starts_on <= $2 \
                     AND b.ends_on >= $3 AND m.kind = 'image' \
                     ORDER BY b.position, b.starts_on DESC, b.id LIMIT $4"
                ))
                .bind(placement.as_str())
                .bind(today.clone())
                .bind(today)
                .bind(i64::from(limit))
                .fetch_all(self.pool())
                .await?;
                rows.into_iter().map(BannerRow::into_stored).collect()
            }

            async fn banners_using_media(&self, media_id: i64) -> StoreResult<Vec<BannerUse>> {
                let rows: Vec<BannerUseRow> = sqlx::query_as(USING_MEDIA_SQL)
                    .bind(media_id)
                    .fetch_all(self.pool())
                    .await?;
                rows.into_iter().map(BannerUseRow::into_use).collect()
            }
        }
    };
}
pub(crate) use banners_sql;
