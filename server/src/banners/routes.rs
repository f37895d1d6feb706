//! The banners' handlers: the board's list, read, add, change and delete (editors and above
//! manage, the director reads), and the public portal's banners of the day.

use super::store::{BannerQuery, BannerRecord, MediaRefusal, StoredBanner, Written};
use crate::db::from_json;
use crate::http::error::ApiError;
use crate::http::extract::{ApiJson, CurrentUser, IfMatch, PathId, QueryParams};
use crate::http::respond::{created, versioned};
use crate::media::library::Media;
use crate::media::storage::StoredName;
use crate::media::store::StoredVariant;
use crate::state::AppState;
use crate::store::{NewAudit, StoreError};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use portal_contract::banners::{
    media_not_image, unknown_media, validate_banner, window_end, Banner, BannerImage, BannerPatch,
    BannerPlacement, BannerStatus, NewBanner, PublicBanner, MAX_PUBLIC,
};
use portal_contract::media::MediaVariant;
use portal_contract::{Page, Permission};

const NOT_FOUND: &str = "Không tìm thấy banner này.";
/// Longest window of `ending_within_days`.
const MAX_WINDOW_DAYS: u32 = 366;

fn dimension(v: Option<i64>) -> Option<u32> {
    v.and_then(|n| u32::try_from(n).ok())
}

/// The banner as the API shows it: its image's URLs from the library's stored names.
fn banner_of(media: &Media, s: StoredBanner) -> Result<Banner, ApiError> {
    let file = StoredName::parse(&s.image.file).ok_or_else(|| {
        tracing::error!(banner = s.record.id, "unreadable media file name");
        ApiError::internal()
    })?;
    let variants: Vec<StoredVariant> = from_json(&s.image.variants, "media_items.variants")?;
    let r = s.record;
    Ok(Banner {
        id: r.id,
        placement: r.placement,
        title: r.title,
        media_id: r.media_id,
        image: BannerImage {
            url: media.url(&file),
            width: dimension(s.image.width),
            height: dimension(s.image.height),
            variants: variants
                .iter()
                .filter_map(|v| {
                    StoredName::parse(&v.file).map(|name| MediaVariant {
                        width: v.width,
                        url: media.url(&name),
                        content_type: v.content_type.clone(),
                    })
                })
                .collect(),
        },
        link: r.link,
        starts_on: r.starts_on,
        ends_on: r.ends_on,
        position: r.position,
        created_by: r.created_by,
        created_by_name: r.created_by_name,
        created_at: r.created_at,
        updated_at: r.updated_at,
        version: r.version,
    })
}

async fn current(state: &AppState, id: i64) -> Result<Banner, ApiError> {
    let stored = state
        .store
        .banners()
        .banner(id)
        .await?
        .ok_or_else(|| ApiError::not_found(NOT_FOUND))?;
    banner_of(&state.media, stored)
}

/// 412 with the banner as it is now (or 404 when it is gone).
async fn stale(state: &AppState, id: i64) -> ApiError {
    match current(state, id).await {
        Ok(b) => ApiError::precondition_failed(&b, b.version),
        Err(e) => e,
    }
}

/// The request with its texts trimmed, or every problem by field.
fn cleaned(b: NewBanner) -> Result<NewBanner, ApiError> {
    let b = NewBanner {
        title: b.title.trim().to_string(),
        link: b.link.trim().to_string(),
        ..b
    };
    ApiError::unless_valid(validate_banner(&b))?;
    Ok(b)
}

/// The answer to a write: the saved banner, or 422 on `media_id`.
fn written(state: &AppState, w: Written) -> Result<Banner, ApiError> {
    match w {
        Ok(saved) => banner_of(&state.media, saved),
        Err(MediaRefusal::Missing) => Err(ApiError::validation(vec![unknown_media()])),
        Err(MediaRefusal::NotImage) => Err(ApiError::validation(vec![media_not_image()])),
    }
}

/// A vocabulary value of the query, or an error under its name.
fn choice<T>(params: &mut QueryParams, name: &str, parse: impl Fn(&str) -> Option<T>) -> Option<T> {
    let raw = params.take(name)?;
    let value = parse(raw.trim());
    if value.is_none() {
        params.error(
            name,
            "invalid_value",
            "Giá trị không thuộc danh sách cho phép.",
        );
    }
    value
}

/// `GET /banners?placement&status&ending_within_days&page&per_page`: by placement (top of the
/// page first) and position; with `ending_within_days`, soonest end first.
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    mut params: QueryParams,
) -> Result<Json<Page<Banner>>, ApiError> {
    me.require(Permission::BannersRead)?;
    let (page, per_page) = params.pagination();
    let placement = choice(&mut params, "placement", BannerPlacement::parse);
    let status = choice(&mut params, "status", BannerStatus::parse);
    let window = params
        .take("ending_within_days")
        .map(|raw| match raw.trim().parse::<u32>() {
            Ok(n) if (1..=MAX_WINDOW_DAYS).contains(&n) => Some(n),
            _ => {
                params.error(
                    "ending_within_days",
                    "out_of_range",
                    &format!("Phải là số nguyên từ 1 đến {MAX_WINDOW_DAYS}."),
                );
                None
            }
        })
        .unwrap_or(None);
    params.finish()?;
    let today = state.today();
    let found = state
        .store
        .banners()
        .list_banners(&BannerQuery {
            page,
            per_page,
            today,
            placement,
            status,
            ending_by: window.map(|n| window_end(today, n)),
        })
        .await?;
    let items = found
        .items
        .into_iter()
        .map(|s| banner_of(&state.media, s))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Json(Page {
        items,
        total: found.total,
        page: found.page,
        per_page: found.per_page,
    }))
}

/// `GET /banners/{id}`.
pub async fn get_one(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
) -> Result<Response, ApiError> {
    me.require(Permission::BannersRead)?;
    let b = current(&state, id).await?;
    Ok(versioned(StatusCode::OK, &b, b.version))
}

/// `POST /banners`: 201 with `Location` and `ETag`; 422 when the media item is missing or not
/// an image.
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(req): ApiJson<NewBanner>,
) -> Result<Response, ApiError> {
    me.require(Permission::BannersManage)?;
    let req = cleaned(req)?;
    let now = state.clock.now();
    let record = BannerRecord {
        id: 0,
        placement: req.placement,
        title: req.title,
        media_id: req.media_id,
        link: req.link,
        starts_on: req.starts_on,
        ends_on: req.ends_on,
        position: req.position,
        created_by: me.user.id,
        created_by_name: me.user.full_name.clone(),
        created_at: now,
        updated_at: now,
        version: 1,
    };
    let audit = NewAudit::success(
        now,
        &me.user,
        "banner.create",
        None,
        Some(format!(
            "{} media_item:{}",
            record.placement.as_str(),
            record.media_id
        )),
    );
    let w = state.store.banners().insert_banner(&record, audit).await?;
    let saved = written(&state, w)?;
    Ok(created(
        &format!("/api/v1/banners/{}", saved.id),
        &saved,
        saved.version,
    ))
}

/// `PATCH /banners/{id}` with `If-Match`: only the fields present change; the whole banner is
/// checked again.
pub async fn update(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
    if_match: IfMatch,
    ApiJson(patch): ApiJson<BannerPatch>,
) -> Result<Response, ApiError> {
    me.require(Permission::BannersManage)?;
    let before = current(&state, id).await?;
    if_match.check(&before, before.version)?;
    let next = cleaned(patch.apply(&before.as_new()))?;
    if next == before.as_new() {
        // Nothing changes: no new version, no audit line.
        return Ok(versioned(StatusCode::OK, &before, before.version));
    }
    let now = state.clock.now();
    let record = BannerRecord {
        id,
        placement: next.placement,
        title: next.title,
        media_id: next.media_id,
        link: next.link,
        starts_on: next.starts_on,
        ends_on: next.ends_on,
        position: next.position,
        created_by: before.created_by,
        created_by_name: before.created_by_name.clone(),
        created_at: before.created_at,
        updated_at: now,
        version: before.version + 1,
    };
    let audit = NewAudit::success(
        now,
        &me.user,
        "banner.update",
        Some(format!("banner:{id}")),
        None,
    );
    match state
        .store
        .banners()
        .update_banner(&record, before.version, audit)
        .await
    {
        Ok(w) => {
            let saved = written(&state, w)?;
            Ok(versioned(StatusCode::OK, &saved, saved.version))
        }
        Err(StoreError::VersionMismatch) => Err(stale(&state, id).await),
        Err(e) => Err(e.into()),
    }
}

/// `DELETE /banners/{id}` with `If-Match`: 204. The media item stays in the library.
pub async fn delete(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
    if_match: IfMatch,
) -> Result<Response, ApiError> {
    me.require(Permission::BannersManage)?;
    let before = current(&state, id).await?;
    if_match.check(&before, before.version)?;
    let now = state.clock.now();
    let audit = NewAudit::success(
        now,
        &me.user,
        "banner.delete",
        Some(format!("banner:{id}")),
        Some(before.title.chars().take(200).collect()),
    );
    match state
        .store
        .banners()
        .delete_banner(id, before.version, audit)
        .await
    {
        Ok(()) => Ok(StatusCode::NO_CONTENT.into_response()),
        Err(StoreError::VersionMismatch) => Err(stale(&state, id).await),
        Err(e) => Err(e.into()),
    }
}

/// `GET /public/banners?placement=` (no session): the banners of `placement` shown today in
/// Asia/Ho_Chi_Minh by the server's clock, by position.
pub async fn public(
    State(state): State<AppState>,
    mut params: QueryParams,
) -> Result<Json<Vec<PublicBanner>>, ApiError> {
    let placement = match params.take("placement") {
        Some(raw) => {
            let p = BannerPlacement::parse(raw.trim());
            if p.is_none() {
                params.error(
                    "placement",
                    "invalid_value",
                    "Giá trị không thuộc danh sách cho phép.",
                );
            }
            p
        }
        None => {
            params.error(
                "placement",
                "required",
                "Vui lòng chọn vị trí banner (home_top, home_middle, sidebar).",
            );
            None
        }
    };
    params.finish()?;
    // finish() has refused a missing or unknown placement.
    let placement = placement.ok_or_else(ApiError::internal)?;
    let stored = state
        .store
        .banners()
        .current_banners(placement, state.today(), MAX_PUBLIC)
        .await?;
    let mut out = Vec::with_capacity(stored.len());
    for s in stored {
        out.push(PublicBanner::from(&banner_of(&state.media, s)?));
    }
    Ok(Json(out))
}
