//! The board's resources beyond a single article: comments, the kanban board and its changes
//! feed, and the public side that the portal reads.

use crate::{ArticleSummary, AuthorShare, CoverImage, Kind, Language, Stage, Topic};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One message of an article's editorial discussion (`GET /articles/{id}/comments`). The
/// comments and reasons given with transitions appear here too, with `action` set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub id: i64,
    pub article_id: i64,
    pub at: DateTime<Utc>,
    pub author_id: i64,
    pub author_name: String,
    pub text: String,
    /// The transition this was given with (`return`, `request_removal` …), if any.
    #[serde(default)]
    pub action: Option<String>,
    #[serde(default)]
    pub from_stage: Option<Stage>,
    #[serde(default)]
    pub to_stage: Option<Stage>,
}

/// `POST /articles/{id}/comments`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewComment {
    pub text: String,
}

/// `GET /board`: every card the user may see, and the cursor to poll `GET /changes` from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Board {
    pub cards: Vec<ArticleSummary>,
    pub cursor: String,
}

/// `GET /changes?since=<cursor>`: articles changed after the cursor, oldest change first.
/// When `more` is true the client asks again at once with the new cursor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changes {
    pub changes: Vec<ArticleSummary>,
    pub cursor: String,
    pub more: bool,
}

/// A published article as the public portal shows it (`GET /public/articles/{id}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicArticle {
    pub id: i64,
    pub title: String,
    pub lead: String,
    /// The body rendered to HTML by the backend; user text is escaped, URLs are http(s).
    pub html: String,
    pub section: String,
    pub topics: Vec<Topic>,
    pub kind: Kind,
    pub authors: Vec<String>,
    pub source: String,
    pub cover: Option<CoverImage>,
    pub language: Language,
    pub published_at: DateTime<Utc>,
}

/// A search result (`GET /public/search?q=`), best first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub id: i64,
    pub title: String,
    pub lead: String,
    pub section: String,
    pub published_at: DateTime<Utc>,
    /// Higher is better; only the order is meaningful.
    pub score: f64,
}

/// Names of an article's authors, for the public side.
pub fn author_names(authors: &[AuthorShare]) -> Vec<String> {
    authors.iter().map(|a| a.name.clone()).collect()
}
