//! The library's handlers: list, read, upload, change the texts, replace the file, delete.
//!
//! Authors and above upload and change their own items; editors and above change, replace and
//! delete anyone's; the director reads. A delete is refused (409, listing the uses) while an
//! article uses the item; a replaced file keeps the item's uses: the articles that showed the
//! old file are saved again pointing at the new one (a new version each, in their history).

use super::ingest::store_upload;
use super::library::Media;
use super::storage::StoredName;
use super::store::{Deleted, MediaQuery, MediaRecord};
use super::upload::{self, Upload};
use super::uses::{name_in_url, uses_of};
use crate::http::error::ApiError;
use crate::http::extract::{ApiJson, CurrentUser, IfMatch, PathId, QueryParams, SEARCH_TEXT};
use crate::http::respond::{created, versioned};
use crate::state::AppState;
use crate::store::{NewAudit, NewHistory, StoreError};
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use portal_contract::media::{
    validate_texts, MediaItem, MediaKind, MediaPatch, MediaUse, MediaVariant,
};
use portal_contract::{Article, Block, Page, Permission};
use std::collections::HashMap;

const NOT_FOUND: &str = "Không tìm thấy tệp này trong thư viện media.";

/// The item as the API shows it: URLs from the stored names, and its uses.
pub(crate) fn item_of(media: &Media, r: MediaRecord, used_in: Vec<MediaUse>) -> MediaItem {
    MediaItem {
        id: r.id,
        kind: r.kind,
        filename: r.filename,
        content_type: r.content_type,
        bytes: r.bytes,
        width: r.width,
        height: r.height,
        alt: r.alt,
        caption: r.caption,
        url: media.url(&r.file),
        poster_url: r.poster.as_ref().map(|n| media.url(n)),
        captions_url: r.captions.as_ref().map(|n| media.url(n)),
        variants: r
            .variants
            .iter()
            .filter_map(|v| {
                StoredName::parse(&v.file).map(|name| MediaVariant {
                    width: v.width,
                    url: media.url(&name),
                    content_type: v.content_type.clone(),
                })
            })
            .collect(),
        used_in,
        uploaded_by: r.uploaded_by,
        uploaded_by_name: r.uploaded_by_name,
        uploaded_at: r.uploaded_at,
        updated_at: r.updated_at,
        version: r.version,
    }
}

/// The library's items behind `urls` (an article's cover and media blocks), keyed by each URL
/// as the article writes it, for the public rendering and the publish checklist. URLs of other
/// sites, or of files the library does not hold, are simply absent.
pub(crate) async fn library_for(
    state: &AppState,
    urls: &[&str],
) -> Result<portal_contract::blocks::Library, ApiError> {
    let wanted: Vec<(&str, StoredName)> = urls
        .iter()
        .filter_map(|u| crate::media::uses::name_in_url(u).map(|n| (*u, n)))
        .collect();
    let mut names: Vec<StoredName> = wanted.iter().map(|(_, n)| n.clone()).collect();
    names.sort();
    names.dedup();
    let records = state.store.media().media_with_files(&names).await?;
    let mut library = portal_contract::blocks::Library::new();
    for r in records {
        let files = r.names();
        for (url, _) in wanted.iter().filter(|(_, n)| files.contains(n)) {
            library.insert(
                (*url).to_string(),
                item_of(&state.media, r.clone(), Vec::new()),
            );
        }
    }
    Ok(library)
}

/// [`library_for`] the cover and media blocks of `a`.
pub(crate) async fn library_of_article(
    state: &AppState,
    a: &portal_contract::Article,
) -> Result<portal_contract::blocks::Library, ApiError> {
    let urls: Vec<&str> = media_urls(a).collect();
    library_for(state, &urls).await
}

/// The URLs of an article's cover and media blocks.
pub(crate) fn media_urls(a: &portal_contract::Article) -> impl Iterator<Item = &str> {
    let cover = a.cover.as_ref().map(|c| c.url.as_str());
    let blocks = a.body.iter().filter_map(Block::media_url);
    cover.into_iter().chain(blocks)
}

/// The uses of `r`, read from the articles now.
async fn uses(state: &AppState, r: &MediaRecord) -> Result<Vec<MediaUse>, ApiError> {
    let names = r.names();
    let articles = state.store.media().articles_mentioning(&names).await?;
    let mut uses = uses_of(&names, &articles);
    let banners = state.store.banners().banners_using_media(r.id).await?;
    uses.extend(banners.iter().map(|b| b.media_use()));
    Ok(uses)
}

pub(super) async fn full_item(state: &AppState, r: MediaRecord) -> Result<MediaItem, ApiError> {
    let used_in = uses(state, &r).await?;
    Ok(item_of(&state.media, r, used_in))
}

async fn record(state: &AppState, id: i64) -> Result<MediaRecord, ApiError> {
    state
        .store
        .media()
        .media_record(id)
        .await?
        .ok_or_else(|| ApiError::not_found(NOT_FOUND))
}

/// 403 unless `me` may change `r`: their own with `media.upload`, anyone's with
/// `media.edit_any`.
fn may_change(me: &CurrentUser, r: &MediaRecord) -> Result<(), ApiError> {
    let own = r.uploaded_by == me.user.id && me.can(Permission::MediaUpload);
    if own || me.can(Permission::MediaEditAny) {
        Ok(())
    } else {
        Err(ApiError::forbidden())
    }
}

/// The item `id` for a write by `me` with `if_match`: 404, 403, 428 or 412 (with the current
/// item) before anything is read from the body.
pub(super) async fn for_write(
    state: &AppState,
    me: &CurrentUser,
    id: i64,
    if_match: &IfMatch,
) -> Result<MediaRecord, ApiError> {
    me.require(Permission::MediaRead)?;
    let current = record(state, id).await?;
    may_change(me, &current)?;
    if_match.require()?;
    if !if_match.matches(current.version) {
        let item = full_item(state, current.clone()).await?;
        return Err(ApiError::precondition_failed(&item, item.version));
    }
    Ok(current)
}

async fn stale(state: &AppState, id: i64) -> ApiError {
    match state.store.media().media_record(id).await {
        Ok(Some(r)) => match full_item(state, r).await {
            Ok(item) => ApiError::precondition_failed(&item, item.version),
            Err(e) => e,
        },
        Ok(None) => ApiError::not_found(NOT_FOUND),
        Err(e) => e.into(),
    }
}

/// Writes `next` over the stored version `expected`; if the item changed meanwhile, a 412
/// with its current representation.
pub(super) async fn write(
    state: &AppState,
    next: &MediaRecord,
    expected: i64,
    audit: NewAudit,
) -> Result<MediaRecord, ApiError> {
    match state
        .store
        .media()
        .update_media(next, expected, audit)
        .await
    {
        Err(StoreError::VersionMismatch) => Err(stale(state, next.id).await),
        other => Ok(other?),
    }
}

/// `GET /media?q&kind&page&per_page`: newest first.
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    mut params: QueryParams,
) -> Result<Json<Page<MediaItem>>, ApiError> {
    me.require(Permission::MediaRead)?;
    let (page, per_page) = params.pagination();
    let text = params.text("q", &SEARCH_TEXT);
    let kind = match params.take("kind") {
        None => None,
        Some(raw) => {
            let kind = MediaKind::parse(raw.trim());
            if kind.is_none() {
                params.error(
                    "kind",
                    "invalid_value",
                    "Giá trị không thuộc danh sách cho phép.",
                );
            }
            kind
        }
    };
    params.finish()?;
    let found = state
        .store
        .media()
        .list_media(&MediaQuery {
            page,
            per_page,
            text,
            kind,
        })
        .await?;
    // One read of the articles for the whole page, not one per item.
    let names: Vec<StoredName> = found.items.iter().flat_map(MediaRecord::names).collect();
    let articles = state.store.media().articles_mentioning(&names).await?;
    let items = found
        .items
        .into_iter()
        .map(|r| {
            let used_in = uses_of(&r.names(), &articles);
            item_of(&state.media, r, used_in)
        })
        .collect();
    Ok(Json(Page {
        items,
        total: found.total,
        page: found.page,
        per_page: found.per_page,
    }))
}

/// `GET /media/{id}`.
pub async fn get_one(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
) -> Result<Response, ApiError> {
    me.require(Permission::MediaRead)?;
    let item = full_item(&state, record(&state, id).await?).await?;
    Ok(versioned(StatusCode::OK, &item, item.version))
}

fn clean_texts(upload: &Upload) -> Result<(String, String), ApiError> {
    ApiError::unless_valid(validate_texts(
        upload.alt.as_deref(),
        upload.caption.as_deref(),
    ))?;
    Ok((
        upload.alt.as_deref().unwrap_or("").trim().to_string(),
        upload.caption.as_deref().unwrap_or("").trim().to_string(),
    ))
}

/// `POST /media` (multipart: `file`, optional `alt`, `caption`): 201 with `Location` and
/// `ETag`.
pub async fn upload(
    State(state): State<AppState>,
    me: CurrentUser,
    multipart: Multipart,
) -> Result<Response, ApiError> {
    me.require(Permission::MediaUpload)?;
    let mut upload = upload::read(&state.media, multipart, true).await?;
    let (alt, caption) = clean_texts(&upload)?;
    let received = upload.file.take().ok_or_else(ApiError::internal)?;
    let filename = received.filename.clone();
    let stored = store_upload(&state.media, received).await?;
    let now = state.clock.now();
    let record = MediaRecord {
        id: 0,
        kind: stored.kind,
        filename,
        content_type: stored.content_type,
        bytes: stored.bytes,
        width: stored.width,
        height: stored.height,
        alt,
        caption,
        file: stored.file,
        variants: stored.variants,
        poster: None,
        captions: None,
        uploaded_by: me.user.id,
        uploaded_by_name: me.user.full_name.clone(),
        uploaded_at: now,
        updated_at: now,
        version: 1,
    };
    let audit = NewAudit::success(
        now,
        &me.user,
        "media.upload",
        None,
        Some(format!("{} ({} bytes)", record.content_type, record.bytes)),
    );
    let saved = state.store.media().insert_media(&record, audit).await?;
    let item = full_item(&state, saved).await?;
    Ok(created(
        &format!("/api/v1/media/{}", item.id),
        &item,
        item.version,
    ))
}

/// `PATCH /media/{id}` with `If-Match`: the alt text and the caption.
pub async fn update(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
    if_match: IfMatch,
    ApiJson(patch): ApiJson<MediaPatch>,
) -> Result<Response, ApiError> {
    let current = for_write(&state, &me, id, &if_match).await?;
    ApiError::unless_valid(validate_texts(
        patch.alt.as_deref(),
        patch.caption.as_deref(),
    ))?;
    let now = state.clock.now();
    let mut next = current.clone();
    if let Some(alt) = &patch.alt {
        next.alt = alt.trim().to_string();
    }
    if let Some(caption) = &patch.caption {
        next.caption = caption.trim().to_string();
    }
    next.updated_at = now;
    next.version = current.version + 1;
    let audit = NewAudit::success(
        now,
        &me.user,
        "media.update",
        Some(format!("media_item:{id}")),
        None,
    );
    let saved = write(&state, &next, current.version, audit).await?;
    let item = full_item(&state, saved).await?;
    Ok(versioned(StatusCode::OK, &item, item.version))
}

/// `PUT /media/{id}/file` with `If-Match` (multipart: `file`): a new file of the same kind for
/// the item; its uses follow.
pub async fn replace_file(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
    if_match: IfMatch,
    multipart: Multipart,
) -> Result<Response, ApiError> {
    let current = for_write(&state, &me, id, &if_match).await?;
    let mut upload = upload::read(&state.media, multipart, false).await?;
    let received = upload.file.take().ok_or_else(ApiError::internal)?;
    if received.detected.kind != current.kind {
        let message = format!(
            "Tệp thay thế phải cùng loại với tệp cũ ({}).",
            current.kind.label_vi().to_lowercase()
        );
        let mut e = ApiError::validation(vec![portal_contract::FieldError::new(
            "file",
            "kind_changed",
            message.clone(),
        )]);
        e.problem.detail = Some(message);
        return Err(e);
    }
    let filename = received.filename.clone();
    let stored = store_upload(&state.media, received).await?;
    let now = state.clock.now();
    let next = MediaRecord {
        filename,
        content_type: stored.content_type,
        bytes: stored.bytes,
        width: stored.width,
        height: stored.height,
        file: stored.file,
        variants: stored.variants,
        updated_at: now,
        version: current.version + 1,
        ..current.clone()
    };
    let audit = NewAudit::success(
        now,
        &me.user,
        "media.replace",
        Some(format!("media_item:{id}")),
        Some(format!("{} ({} bytes)", next.content_type, next.bytes)),
    );
    let saved = write(&state, &next, current.version, audit).await?;
    follow_replacement(&state, &me, &current, &saved).await;
    let item = full_item(&state, saved).await?;
    Ok(versioned(StatusCode::OK, &item, item.version))
}

/// Which new file stands for each old one: the original for the original, a variant for the
/// variant of the same width and type (else the new original).
fn replacements(old: &MediaRecord, new: &MediaRecord) -> HashMap<StoredName, StoredName> {
    let mut map = HashMap::new();
    map.insert(old.file.clone(), new.file.clone());
    for v in &old.variants {
        let Some(from) = StoredName::parse(&v.file) else {
            continue;
        };
        let to = new
            .variants
            .iter()
            .find(|n| n.width == v.width && n.content_type == v.content_type)
            .and_then(|n| StoredName::parse(&n.file))
            .unwrap_or_else(|| new.file.clone());
        map.insert(from, to);
    }
    map
}

/// `url` pointing at the new file, when it pointed at an old one.
fn replaced(url: &str, map: &HashMap<StoredName, StoredName>) -> Option<String> {
    let old = name_in_url(url)?;
    let new = map.get(&old)?;
    Some(url.replace(old.as_str(), new.as_str()))
}

/// The article with its media URLs moved to the new files; `None` when nothing changed.
fn moved(article: &Article, map: &HashMap<StoredName, StoredName>) -> Option<Article> {
    let mut next = article.clone();
    let mut changed = false;
    if let Some(cover) = &mut next.cover {
        if let Some(url) = replaced(&cover.url, map) {
            cover.url = url;
            changed = true;
        }
    }
    for block in &mut next.body {
        if let Some(url) = block.media_url_mut() {
            if let Some(new) = replaced(url, map) {
                *url = new;
                changed = true;
            }
        }
    }
    changed.then_some(next)
}

/// Saves every article that showed `old`'s files again, pointing at `new`'s. A failure is
/// logged, not returned: the item is replaced, and an article left on the old file keeps
/// showing it (the sweep keeps any file an article names).
async fn follow_replacement(
    state: &AppState,
    me: &CurrentUser,
    old: &MediaRecord,
    new: &MediaRecord,
) {
    let map = replacements(old, new);
    let names: Vec<StoredName> = map.keys().cloned().collect();
    let articles = match state.store.media().articles_mentioning(&names).await {
        Ok(a) => a,
        Err(e) => {
            tracing::warn!(error = %e, "cannot find the articles of a replaced media file");
            return;
        }
    };
    let ids: Vec<i64> = uses_of(&names, &articles).iter().map(|u| u.id).collect();
    let mut done: Vec<i64> = Vec::new();
    for id in ids {
        if done.contains(&id) {
            continue;
        }
        done.push(id);
        // A concurrent save of the article is retried on its new version.
        for _ in 0..3 {
            let result = move_article(state, me, id, old, &map).await;
            match result {
                Err(StoreError::VersionMismatch) => continue,
                Err(e) => {
                    tracing::warn!(error = %e, article = id, "article not moved to the replaced media file")
                }
                Ok(()) => {}
            }
            break;
        }
    }
}

async fn move_article(
    state: &AppState,
    me: &CurrentUser,
    id: i64,
    old: &MediaRecord,
    map: &HashMap<StoredName, StoredName>,
) -> Result<(), StoreError> {
    let Some(current) = state.store.article(id).await? else {
        return Ok(());
    };
    let Some(changed) = moved(current.working_copy(), map) else {
        return Ok(());
    };
    let now = state.clock.now();
    // What readers see changes only with an approval: past it the new file goes into the
    // article's pending revision.
    let revising = current.stage.edits_make_revision();
    let mut next = if revising {
        let mut next = current.clone();
        next.revise(changed, now);
        next
    } else {
        changed
    };
    next.version = current.version + 1;
    next.updated_at = now;
    next.updated_by = me.user.id;
    next.updated_by_name = me.user.full_name.clone();
    next.checklist = portal_contract::checklist::evaluate(&next, &state.checklist);
    if let Some(r) = next.revision.as_mut() {
        r.version = next.version;
        r.checklist = portal_contract::checklist::evaluate(r, &state.checklist);
    }
    let action = if revising {
        "revision_update"
    } else {
        "update"
    };
    // No comment: history comments are the discussion's (transitions); the audit line says why.
    let history = NewHistory::by(&me.user, now, action, next.version);
    let audit = NewAudit::success(
        now,
        &me.user,
        &format!("article.{action}"),
        Some(format!("article:{id}")),
        Some(format!(
            "media_item:{} “{}” replaced: its files moved",
            old.id, old.filename
        )),
    );
    state
        .store
        .update_article(&next, current.version, history, audit)
        .await
        .map(|_| ())
}

/// `DELETE /media/{id}` with `If-Match`: 204, or 409 listing the uses.
pub async fn delete(
    State(state): State<AppState>,
    me: CurrentUser,
    PathId(id): PathId,
    if_match: IfMatch,
) -> Result<Response, ApiError> {
    let current = for_write(&state, &me, id, &if_match).await?;
    let now = state.clock.now();
    let audit = NewAudit::success(
        now,
        &me.user,
        "media.delete",
        Some(format!("media_item:{id}")),
        Some(current.filename.clone()),
    );
    let outcome = match state
        .store
        .media()
        .delete_media(id, current.version, audit)
        .await
    {
        Err(StoreError::VersionMismatch) => return Err(stale(&state, id).await),
        other => other?,
    };
    match outcome {
        Deleted::InUse(record, uses) => {
            let list: Vec<String> = uses.iter().map(MediaUse::describe_vi).collect();
            let item = item_of(&state.media, *record, uses);
            let mut e = ApiError::conflict(format!(
                "Không thể xóa: tệp đang được dùng trong {}. Hãy gỡ tệp khỏi các nơi này trước.",
                list.join("; ")
            ));
            e.problem.current = serde_json::to_value(&item).ok();
            Err(e)
        }
        Deleted::Done { unreferenced } => {
            for name in unreferenced {
                if let Err(e) = state.media.storage.delete(&name).await {
                    // The sweep removes it later.
                    tracing::warn!(error = %e, file = %name, "media file not removed");
                }
            }
            Ok(StatusCode::NO_CONTENT.into_response())
        }
    }
}
