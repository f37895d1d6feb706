//! `/articles`: the list, one article, its history.

use super::query::ArticleQuery;
use super::{delete_versioned_json, get_json, send_json, ApiError};
use portal_contract::{
    Article, ArticlePatch, ArticleSummary, Comment, HistoryEntry, NewArticle, NewComment, Page,
    Stage, TransitionRequest,
};

/// `GET /articles?…`: one page of the list.
pub async fn list(query: &ArticleQuery) -> Result<Page<ArticleSummary>, ApiError> {
    get_json("/articles", &query.api_params()).await
}

/// `GET /articles?stage=&per_page=`: the `limit` most recently updated articles of `stage`,
/// with the stage's total.
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

/// `POST /articles`: a new draft.
pub async fn create(new: &NewArticle) -> Result<Article, ApiError> {
    send_json("POST", "/articles", new, None).await
}

/// `PATCH /articles/{id}` with `If-Match: "<version>"`.
pub async fn patch(id: i64, version: i64, patch: &ArticlePatch) -> Result<Article, ApiError> {
    send_json("PATCH", &format!("/articles/{id}"), patch, Some(version)).await
}

/// `POST /articles/{id}/transitions` with `If-Match: "<version>"`.
pub async fn transition(
    id: i64,
    version: i64,
    to: Stage,
    comment: Option<String>,
) -> Result<Article, ApiError> {
    move_to(&format!("/articles/{id}/transitions"), version, to, comment).await
}

/// `POST path` (a transitions resource) with `If-Match: "<version>"`.
async fn move_to(
    path: &str,
    version: i64,
    to: Stage,
    comment: Option<String>,
) -> Result<Article, ApiError> {
    send_json(
        "POST",
        path,
        &TransitionRequest { to, comment },
        Some(version),
    )
    .await
}

/// `POST /articles/{id}/revision/transitions` with `If-Match: "<version>"`: moves the pending
/// revision (its approval makes it the article's content).
pub async fn revision_transition(
    id: i64,
    version: i64,
    to: Stage,
    comment: Option<String>,
) -> Result<Article, ApiError> {
    let path = format!("/articles/{id}/revision/transitions");
    move_to(&path, version, to, comment).await
}

/// `DELETE /articles/{id}/revision` with `If-Match: "<version>"`: drops the pending revision.
pub async fn discard_revision(id: i64, version: i64) -> Result<Article, ApiError> {
    delete_versioned_json(&format!("/articles/{id}/revision"), version).await
}

/// `POST /articles/{id}/versions/{old}/restore` with `If-Match: "<version>"`: the content of
/// version `old` again (as a revision once the article is approved).
pub async fn restore(id: i64, old: i64, version: i64) -> Result<Article, ApiError> {
    send_json(
        "POST",
        &format!("/articles/{id}/versions/{old}/restore"),
        &serde_json::json!({}),
        Some(version),
    )
    .await
}

/// `GET /articles/{id}/versions/{version}`: the article as it was then.
pub async fn version(id: i64, version: i64) -> Result<Article, ApiError> {
    get_json(&format!("/articles/{id}/versions/{version}"), &Vec::new()).await
}

/// `GET /articles/{id}/comments`, oldest first.
pub async fn comments(id: i64) -> Result<Vec<Comment>, ApiError> {
    get_json(&format!("/articles/{id}/comments"), &Vec::new()).await
}

/// `POST /articles/{id}/comments`.
pub async fn add_comment(id: i64, text: &str) -> Result<Comment, ApiError> {
    let body = NewComment {
        text: text.to_string(),
    };
    send_json("POST", &format!("/articles/{id}/comments"), &body, None).await
}
