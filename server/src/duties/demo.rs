//! Demo data of the board's duties: a submission of model articles for the previous quarter,
//! so the quarterly page and its history show what a recorded e-mail looks like.

use super::NewSubmission;
use crate::state::AppState;
use crate::store::{is_public, ArticleQuery, ArticleSortField, NewAudit};
use chrono::{DateTime, Utc};
use portal_contract::duties::{public_url, Quarter, SubmittedArticle};
use portal_contract::{Stage, User};

/// Records the previous quarter's submission with up to two of its model articles (none when
/// the demo has no model article published then).
pub async fn seed_quarterly(
    state: &AppState,
    users: &[User],
    now: DateTime<Utc>,
) -> Result<(), String> {
    let Some(editor) = users.iter().find(|u| u.username == "editor") else {
        return Ok(());
    };
    let this = Quarter::at(now);
    let previous = if this.quarter == 1 {
        Quarter {
            year: this.year - 1,
            quarter: 4,
        }
    } else {
        Quarter {
            year: this.year,
            quarter: this.quarter - 1,
        }
    };
    let (from, before) = previous.bounds_utc();
    let page = state
        .store
        .list_articles(&ArticleQuery {
            per_page: 2,
            sort: ArticleSortField::PublishedAt,
            descending: false,
            stages: vec![Stage::Published],
            model_example: Some(true),
            published_from: Some(from),
            published_before: Some(before),
            ..ArticleQuery::default()
        })
        .await
        .map_err(|e| e.to_string())?;
    let articles: Vec<SubmittedArticle> = page
        .items
        .into_iter()
        .filter(|a| is_public(a.stage))
        .map(|a| SubmittedArticle {
            public_url: public_url(&state.config.public_article_url, a.id),
            id: a.id,
            title: a.title,
        })
        .collect();
    if articles.is_empty() {
        return Ok(());
    }
    let sent_on = previous.last_day() - chrono::Duration::days(3);
    let at = portal_contract::format::vn_midnight(sent_on) + chrono::Duration::hours(9);
    let audit = NewAudit::success(at, editor, "quarterly.record", None, Some("demo".into()));
    state
        .store
        .duties()
        .record_submission(
            &NewSubmission {
                year: previous.year,
                quarter: previous.quarter,
                sent_on,
                articles,
                note: "Gửi kèm ảnh gốc của bài.".into(),
                by_id: editor.id,
                by_name: editor.full_name.clone(),
                at,
            },
            audit,
        )
        .await
        .map_err(|e| e.to_string())?;
    Ok(())
}
