//! `/articles`: the list, one article, its history.

use super::query::ArticleQuery;
use super::{get_json, ApiError};
use portal_contract::{Article, ArticleSummary, HistoryEntry, Page, Stage};

/// `GET /articles?…`: one page of the list.
pub async fn list(query: &ArticleQuery) -> Result<Page<ArticleSummary>, ApiError> {
    get_json("/articles", &query.api_params()).await
}

/// The `limit` most recently updated articles of `stage`, with the stage's total.
pub async fn recent_in_stage(stage: Stage, limit: u32) -> Result<Page<ArticleSummary>, ApiError> {
    let query = ArticleQuery {
        per_page: limit,
        stage: Some(stage),
        ..ArticleQuery::default()
    };
    list(&query).await
}

/// `GET /articles/{id}`.
pub async fn get(id: i64) -> Result<Article, ApiError> {
    get_json(&format!("/articles/{id}"), &Vec::new()).await
}

/// `GET /articles/{id}/history`, oldest first as the server keeps it.
pub async fn history(id: i64) -> Result<Vec<HistoryEntry>, ApiError> {
    get_json(&format!("/articles/{id}/history"), &Vec::new()).await
}
