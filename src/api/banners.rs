//! `/banners`: the public portal's banners — list, read, add, change and delete (editors and
//! above; the director reads).

use super::{delete_versioned, get_json, send_json, ApiError, Params};
use portal_contract::banners::{Banner, BannerFilter, BannerPatch, NewBanner};
use portal_contract::Page;

/// `GET /banners?placement&status&ending_within_days`: by placement and position (with
/// `ending_within_days`, soonest end first), page `page` of `per_page`.
pub async fn list(
    filter: &BannerFilter,
    page: u32,
    per_page: u32,
) -> Result<Page<Banner>, ApiError> {
    let mut params: Params = filter.params();
    if page > 1 {
        params.push(("page", page.to_string()));
    }
    params.push(("per_page", per_page.to_string()));
    get_json("/banners", &params).await
}

/// `GET /banners/{id}`.
pub async fn get(id: i64) -> Result<Banner, ApiError> {
    get_json(&format!("/banners/{id}"), &Vec::new()).await
}

/// `POST /banners`: a 422 names each bad field (`media_id` when the item is gone or not an
/// image).
pub async fn create(banner: &NewBanner) -> Result<Banner, ApiError> {
    send_json("POST", "/banners", banner, None).await
}

/// `PATCH /banners/{id}` with `If-Match`: only the fields of `patch` change.
pub async fn patch(id: i64, version: i64, patch: &BannerPatch) -> Result<Banner, ApiError> {
    send_json("PATCH", &format!("/banners/{id}"), patch, Some(version)).await
}

/// `DELETE /banners/{id}` with `If-Match`; the image stays in the library.
pub async fn delete(id: i64, version: i64) -> Result<(), ApiError> {
    delete_versioned(&format!("/banners/{id}"), version).await
}
