//! Required information: the organisation structure, links to local departments' portals
//! (with the link checker's findings) and training sessions; each page versioned, dated and
//! flagged stale after the administrator's number of days.
//!
//! Permissions: `info.view` (editor, secretary, chief editor, director, admin) reads;
//! `info.edit` (secretary, chief editor, admin) saves, confirms and runs the link checker;
//! `info.settings` (admin) sets the staleness threshold.

use super::InfoRecord;
use crate::http::error::ApiError;
use crate::http::extract::{ApiJson, CurrentUser, IfMatch, QueryParams};
use crate::http::respond::versioned;
use crate::state::AppState;
use crate::store::{NewAudit, StoreError};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use portal_contract::required_info::{
    days_between, is_stale, validate_links, validate_org, validate_settings, validate_training,
    InfoPage, InfoSection, InfoSettings, InfoSettingsUpdate, InfoStatus, InfoUpdate, LinkCheck,
    LinksContent, OrgContent, PublicOrganization, SectionStatus, TrainingContent,
};
use portal_contract::{FieldError, Permission};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// What the three pages have in common.
pub trait PageContent:
    Serialize + DeserializeOwned + Default + Clone + Send + Sync + 'static
{
    const SECTION: InfoSection;
    fn validate(&self) -> Vec<FieldError>;
}

impl PageContent for OrgContent {
    const SECTION: InfoSection = InfoSection::Org;
    fn validate(&self) -> Vec<FieldError> {
        validate_org(self)
    }
}

impl PageContent for LinksContent {
    const SECTION: InfoSection = InfoSection::Links;
    fn validate(&self) -> Vec<FieldError> {
        validate_links(self)
    }
}

impl PageContent for TrainingContent {
    const SECTION: InfoSection = InfoSection::Training;
    fn validate(&self) -> Vec<FieldError> {
        validate_training(self)
    }
}

/// The threshold in force: the administrator's, else the server's default.
async fn stale_days(state: &AppState) -> Result<(u32, Option<i64>), ApiError> {
    Ok(match state.store.required_info().stale_setting().await? {
        Some(s) => (s.stale_after_days, Some(s.version)),
        None => (state.config.info_stale_days, None),
    })
}

fn view<C: PageContent>(
    state: &AppState,
    days: u32,
    r: Option<InfoRecord>,
) -> Result<InfoPage<C>, ApiError> {
    let now = state.clock.now();
    Ok(match r {
        None => InfoPage {
            content: C::default(),
            updated_at: None,
            updated_by_name: None,
            confirmed_at: None,
            days_since_update: None,
            stale_after_days: days,
            stale: true,
            version: 0,
        },
        Some(r) => InfoPage {
            content: serde_json::from_str(&r.content).map_err(|_| {
                ApiError::from(StoreError::Internal(format!(
                    "unreadable {} page",
                    C::SECTION.as_str()
                )))
            })?,
            updated_at: Some(r.updated_at),
            updated_by_name: Some(r.updated_by_name),
            confirmed_at: Some(r.confirmed_at),
            days_since_update: Some(days_between(r.confirmed_at, now)),
            stale_after_days: days,
            stale: is_stale(Some(r.confirmed_at), now, days),
            version: r.version,
        },
    })
}

async fn current<C: PageContent>(state: &AppState) -> Result<InfoPage<C>, ApiError> {
    let (days, _) = stale_days(state).await?;
    let r = state.store.required_info().page(C::SECTION).await?;
    view(state, days, r)
}

/// The page as the API shows it: the links page comes with the checker's findings.
async fn represent<C: PageContent>(
    state: &AppState,
    page: InfoPage<C>,
) -> Result<serde_json::Value, ApiError> {
    let mut value = serde_json::to_value(&page).map_err(|_| ApiError::internal())?;
    if C::SECTION == InfoSection::Links {
        let urls: Vec<String> = value["content"]["links"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|l| l["url"].as_str().map(str::to_string))
            .collect();
        let checks = state.store.required_info().link_checks(&urls).await?;
        value["checks"] = serde_json::to_value(checks).map_err(|_| ApiError::internal())?;
    }
    Ok(value)
}

async fn get_page<C: PageContent>(
    state: &AppState,
    me: &CurrentUser,
) -> Result<Response, ApiError> {
    me.require(Permission::InfoView)?;
    let page = current::<C>(state).await?;
    let version = page.version;
    Ok(versioned(
        StatusCode::OK,
        &represent(state, page).await?,
        version,
    ))
}

async fn save<C: PageContent>(
    state: &AppState,
    me: &CurrentUser,
    if_match: IfMatch,
    update: Option<C>,
) -> Result<Response, ApiError> {
    me.require(Permission::InfoEdit)?;
    let cur = current::<C>(state).await?;
    let cur_version = cur.version;
    if_match.require()?;
    if !if_match.matches(cur_version) {
        return Err(ApiError::precondition_failed(
            &represent(state, cur).await?,
            cur_version,
        ));
    }
    let json = match &update {
        Some(c) => {
            ApiError::unless_valid(c.validate())?;
            Some(serde_json::to_string(c).map_err(|_| ApiError::internal())?)
        }
        None if cur_version == 0 => {
            return Err(ApiError::conflict(
                "Trang này chưa có nội dung để xác nhận.",
            ))
        }
        None => None,
    };
    let now = state.clock.now();
    let action = format!(
        "info.{}.{}",
        C::SECTION.as_str(),
        if update.is_some() {
            "update"
        } else {
            "confirm"
        }
    );
    let audit = NewAudit::success(
        now,
        &me.user,
        &action,
        Some(format!("info:{}", C::SECTION.as_str())),
        None,
    );
    let saved = state
        .store
        .required_info()
        .save_page(
            C::SECTION,
            json.as_deref(),
            cur_version,
            now,
            me.user.id,
            &me.user.full_name,
            audit,
        )
        .await;
    let saved = match saved {
        Ok(s) => s,
        Err(StoreError::VersionMismatch) => {
            let now_page = current::<C>(state).await?;
            let v = now_page.version;
            return Err(ApiError::precondition_failed(
                &represent(state, now_page).await?,
                v,
            ));
        }
        Err(e) => return Err(e.into()),
    };
    let (days, _) = stale_days(state).await?;
    let page = view::<C>(state, days, Some(saved))?;
    let version = page.version;
    Ok(versioned(
        StatusCode::OK,
        &represent(state, page).await?,
        version,
    ))
}

/// `GET /info/org`.
pub async fn get_org(State(state): State<AppState>, me: CurrentUser) -> Result<Response, ApiError> {
    get_page::<OrgContent>(&state, &me).await
}

/// `PUT /info/org`.
pub async fn put_org(
    State(state): State<AppState>,
    me: CurrentUser,
    if_match: IfMatch,
    ApiJson(req): ApiJson<InfoUpdate<OrgContent>>,
) -> Result<Response, ApiError> {
    save(&state, &me, if_match, Some(req.content)).await
}

/// `POST /info/org/confirm`.
pub async fn confirm_org(
    State(state): State<AppState>,
    me: CurrentUser,
    if_match: IfMatch,
) -> Result<Response, ApiError> {
    save::<OrgContent>(&state, &me, if_match, None).await
}

/// `GET /info/links`.
pub async fn get_links(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Response, ApiError> {
    get_page::<LinksContent>(&state, &me).await
}

/// `PUT /info/links`.
pub async fn put_links(
    State(state): State<AppState>,
    me: CurrentUser,
    if_match: IfMatch,
    ApiJson(req): ApiJson<InfoUpdate<LinksContent>>,
) -> Result<Response, ApiError> {
    save(&state, &me, if_match, Some(req.content)).await
}

/// `POST /info/links/confirm`.
pub async fn confirm_links(
    State(state): State<AppState>,
    me: CurrentUser,
    if_match: IfMatch,
) -> Result<Response, ApiError> {
    save::<LinksContent>(&state, &me, if_match, None).await
}

/// `POST /info/links/check` ("Kiểm tra ngay"): checks every link now and answers the page
/// with the findings. Changes no version of the page, so it needs no `If-Match`.
pub async fn check_links(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Response, ApiError> {
    me.require(Permission::InfoEdit)?;
    super::linkcheck::check_links(&state, Some(&me.user)).await?;
    get_page::<LinksContent>(&state, &me).await
}

/// `GET /info/training`.
pub async fn get_training(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Response, ApiError> {
    get_page::<TrainingContent>(&state, &me).await
}

/// `PUT /info/training`.
pub async fn put_training(
    State(state): State<AppState>,
    me: CurrentUser,
    if_match: IfMatch,
    ApiJson(req): ApiJson<InfoUpdate<TrainingContent>>,
) -> Result<Response, ApiError> {
    save(&state, &me, if_match, Some(req.content)).await
}

/// `POST /info/training/confirm`.
pub async fn confirm_training(
    State(state): State<AppState>,
    me: CurrentUser,
    if_match: IfMatch,
) -> Result<Response, ApiError> {
    save::<TrainingContent>(&state, &me, if_match, None).await
}

/// `GET /info/status`: each page's age, for the dashboard tile.
pub async fn status(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Json<InfoStatus>, ApiError> {
    me.require(Permission::InfoView)?;
    let (days, _) = stale_days(&state).await?;
    let now = state.clock.now();
    let mut sections = Vec::new();
    for section in InfoSection::ALL {
        let r = state.store.required_info().page(section).await?;
        let mut dead_links = 0;
        if section == InfoSection::Links {
            if let Some(r) = &r {
                let links: LinksContent =
                    serde_json::from_str(&r.content).map_err(|_| ApiError::internal())?;
                let urls: Vec<String> = links.links.into_iter().map(|l| l.url).collect();
                let checks: Vec<LinkCheck> = state.store.required_info().link_checks(&urls).await?;
                dead_links = checks.iter().filter(|c| !c.alive).count() as u32;
            }
        }
        sections.push(SectionStatus {
            section,
            updated_at: r.as_ref().map(|r| r.confirmed_at),
            days_since_update: r.as_ref().map(|r| days_between(r.confirmed_at, now)),
            stale: is_stale(r.as_ref().map(|r| r.confirmed_at), now, days),
            dead_links,
        });
    }
    Ok(Json(InfoStatus {
        stale_after_days: days,
        sections,
    }))
}

async fn settings_now(state: &AppState) -> Result<InfoSettings, ApiError> {
    let (days, version) = stale_days(state).await?;
    Ok(InfoSettings {
        stale_after_days: days,
        is_default: version.is_none(),
        version: version.unwrap_or(0),
    })
}

/// `GET /info/settings`.
pub async fn get_settings(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Response, ApiError> {
    me.require(Permission::InfoView)?;
    let s = settings_now(&state).await?;
    Ok(versioned(StatusCode::OK, &s, s.version))
}

/// `PUT /info/settings`: the administrator's staleness threshold.
pub async fn put_settings(
    State(state): State<AppState>,
    me: CurrentUser,
    if_match: IfMatch,
    ApiJson(req): ApiJson<InfoSettingsUpdate>,
) -> Result<Response, ApiError> {
    me.require(Permission::InfoSettings)?;
    let cur = settings_now(&state).await?;
    if_match.check(&cur, cur.version)?;
    ApiError::unless_valid(validate_settings(&req))?;
    let now = state.clock.now();
    let audit = NewAudit::success(
        now,
        &me.user,
        "info.settings.update",
        Some("info:settings".into()),
        Some(format!("stale_after_days: {}", req.stale_after_days)),
    );
    state
        .store
        .required_info()
        .save_stale_setting(
            req.stale_after_days,
            cur.version,
            now,
            &me.user.full_name,
            audit,
        )
        .await
        .map_err(|e| match e {
            StoreError::VersionMismatch => ApiError::precondition_failed(&cur, cur.version),
            other => other.into(),
        })?;
    let s = settings_now(&state).await?;
    Ok(versioned(StatusCode::OK, &s, s.version))
}

/// `GET /public/organization?lang=vi|en`: the org structure and contacts as the portal shows
/// them (Decree 42 asks for an English version); 404 before the first save.
pub async fn public_org(
    State(state): State<AppState>,
    mut params: QueryParams,
) -> Result<Json<PublicOrganization>, ApiError> {
    let lang = params.take("lang").unwrap_or_else(|| "vi".into());
    if lang != "vi" && lang != "en" {
        params.error("lang", "invalid_value", "Chỉ nhận vi hoặc en.");
    }
    params.finish()?;
    let r = state
        .store
        .required_info()
        .page(InfoSection::Org)
        .await?
        .ok_or_else(|| ApiError::not_found("Chưa có thông tin cơ cấu tổ chức."))?;
    let content: OrgContent = serde_json::from_str(&r.content).map_err(|_| ApiError::internal())?;
    Ok(Json(PublicOrganization::from_content(
        &content,
        &lang,
        r.updated_at,
    )))
}
