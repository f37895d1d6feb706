//! The public portal's side: published articles and search. No session; anything the public
//! does not see (see [`crate::store::is_public`]: published, or published with a removal
//! request the chief editor has not approved yet) is a 404, whoever asks.

use crate::http::error::ApiError;
use crate::http::extract::{PathId, QueryParams, SEARCH_TEXT};
use crate::media::{library_for, library_of_article, media_urls};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use portal_contract::blocks::{render_html_with, Library};
use portal_contract::format::fold_vi;
use portal_contract::{author_names, Article, Page, PublicArticle, SearchHit};

/// What the portal shows of a published article; the body is rendered (escaped) HTML, the
/// media library's images with their smaller copies.
fn public_view(a: Article, library: &Library) -> PublicArticle {
    PublicArticle {
        id: a.id,
        html: render_html_with(&a.body, library),
        authors: author_names(&a.authors),
        published_at: a.published_at.unwrap_or(a.stage_changed_at),
        title: a.title,
        lead: a.lead,
        section: a.section,
        topics: a.topics,
        kind: a.kind,
        source: a.source,
        cover: a.cover,
        language: a.language,
    }
}

/// The words of a search as the index holds them: folded (no diacritics, lower case) and
/// split at anything that is not a letter or digit.
pub fn search_terms(q: &str) -> Vec<String> {
    fold_vi(q)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// `GET /public/articles?page&per_page`: newest first.
pub async fn list(
    State(state): State<AppState>,
    mut params: QueryParams,
) -> Result<Json<Page<PublicArticle>>, ApiError> {
    let (page, per_page) = params.pagination();
    params.finish()?;
    let found = state.store.published_articles(page, per_page).await?;
    let urls: Vec<&str> = found.items.iter().flat_map(media_urls).collect();
    let library = library_for(&state, &urls).await?;
    Ok(Json(Page {
        items: found
            .items
            .into_iter()
            .map(|a| public_view(a, &library))
            .collect(),
        total: found.total,
        page: found.page,
        per_page: found.per_page,
    }))
}

/// `GET /public/articles/{id}`.
pub async fn get_one(
    State(state): State<AppState>,
    PathId(id): PathId,
) -> Result<Json<PublicArticle>, ApiError> {
    let a = state
        .store
        .published_article(id)
        .await?
        .ok_or_else(|| ApiError::not_found("Không tìm thấy bài viết."))?;
    let library = library_of_article(&state, &a).await?;
    Ok(Json(public_view(a, &library)))
}

/// `GET /public/search?q&page&per_page`: best match first.
pub async fn search(
    State(state): State<AppState>,
    mut params: QueryParams,
) -> Result<Json<Page<SearchHit>>, ApiError> {
    let mut terms = Vec::new();
    if let Some(q) = params.text("q", &SEARCH_TEXT.required()) {
        terms = search_terms(&q);
        if terms.is_empty() {
            params.error(
                "q",
                "no_words",
                "Từ khóa cần có ít nhất một chữ cái hoặc chữ số.",
            );
        }
    }
    let (page, per_page) = params.pagination();
    params.finish()?;
    Ok(Json(
        state.store.search_published(&terms, page, per_page).await?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_terms_fold_and_drop_syntax() {
        assert_eq!(search_terms("Đà Nẵng"), ["da", "nang"]);
        assert_eq!(
            search_terms("\"bảo* AND -hiểm NEAR("),
            ["bao", "and", "hiem", "near"]
        );
        assert!(search_terms(" *** \"\" -- ").is_empty());
    }
}
