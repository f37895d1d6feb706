//! The demo banner: the VssID guide image of the demo media library at the top of the home
//! page, shown from three days ago to four days ahead (so the dashboard lists it as ending this
//! week). Nothing is made when the library has no image.

use super::store::BannerRecord;
use crate::media::store::MediaQuery;
use crate::state::AppState;
use crate::store::NewAudit;
use chrono::{DateTime, Duration, Utc};
use portal_contract::banners::BannerPlacement;
use portal_contract::media::MediaKind;
use portal_contract::User;

/// The demo image the banner prefers (made by the media library's demo).
const PREFERRED_IMAGE: &str = "vssid-huong-dan.png";

/// Seeds the demo banner (by the editor) on a demo image, if there is one.
pub(crate) async fn seed(
    state: &AppState,
    users: &[User],
    now: DateTime<Utc>,
) -> Result<(), String> {
    let Some(editor) = users.iter().find(|u| u.username == "editor") else {
        return Ok(());
    };
    let images = state
        .store
        .media()
        .list_media(&MediaQuery {
            page: 1,
            per_page: 50,
            text: None,
            kind: Some(MediaKind::Image),
        })
        .await
        .map_err(|e| e.to_string())?;
    let Some(image) = images
        .items
        .iter()
        .find(|m| m.filename == PREFERRED_IMAGE)
        .or_else(|| images.items.first())
    else {
        return Ok(());
    };
    let today = portal_contract::format::vn_day(now);
    let banner = BannerRecord {
        id: 0,
        placement: BannerPlacement::HomeTop,
        title: "Cài đặt ứng dụng VssID – Bảo hiểm xã hội số".to_string(),
        media_id: image.id,
        link: "https://baohiemxahoi.gov.vn".to_string(),
        starts_on: today - Duration::days(3),
        ends_on: today + Duration::days(4),
        position: 0,
        created_by: editor.id,
        created_by_name: editor.full_name.clone(),
        created_at: now,
        updated_at: now,
        version: 1,
    };
    let audit = NewAudit::success(now, editor, "banner.create", None, None);
    state
        .store
        .banners()
        .insert_banner(&banner, audit)
        .await
        .map_err(|e| e.to_string())?
        .map_err(|refusal| format!("demo banner refused: {refusal:?}"))?;
    Ok(())
}
