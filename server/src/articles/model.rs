//! What the article storage is asked and told: queries, history and discussion lines, imports.

use chrono::{DateTime, Utc};
use portal_contract::{Article, Kind, Stage, Topic, User};

/// Whether the public portal shows an article at `stage`. A removal request does not take an
/// article down: only the chief editor's approval does (`removal_requested → removed`), and a
/// refused request leaves it where readers found it.
pub fn is_public(stage: Stage) -> bool {
    matches!(stage, Stage::Published | Stage::RemovalRequested)
}

/// A line to append to an article's history.
#[derive(Debug, Clone)]
pub struct NewHistory {
    pub at: DateTime<Utc>,
    pub actor_id: i64,
    pub actor_name: String,
    pub action: String,
    pub from_stage: Option<Stage>,
    pub to_stage: Option<Stage>,
    pub comment: Option<String>,
    /// The article's version after this line.
    pub version: i64,
}

impl NewHistory {
    /// A line of `actor`'s `action` at `at`, leaving the article at `version`; no stage change
    /// and no comment (set those fields for a transition).
    pub fn by(actor: &User, at: DateTime<Utc>, action: impl Into<String>, version: i64) -> Self {
        Self {
            at,
            actor_id: actor.id,
            actor_name: actor.full_name.clone(),
            action: action.into(),
            from_stage: None,
            to_stage: None,
            comment: None,
            version,
        }
    }
}

/// Sort keys of the article list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleSortField {
    UpdatedAt,
    CreatedAt,
    Title,
    Stage,
    PublishedAt,
    StageChangedAt,
}

impl ArticleSortField {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "updated_at" => Self::UpdatedAt,
            "created_at" => Self::CreatedAt,
            "title" => Self::Title,
            "stage" => Self::Stage,
            "published_at" => Self::PublishedAt,
            "stage_changed_at" => Self::StageChangedAt,
            _ => return None,
        })
    }
}

/// A filtered, sorted page of articles.
#[derive(Debug, Clone)]
pub struct ArticleQuery {
    pub page: u32,
    pub per_page: u32,
    pub sort: ArticleSortField,
    pub descending: bool,
    /// Any of these stages (empty: all).
    pub stages: Vec<Stage>,
    /// With a pending revision at any of these stages (empty: with or without one).
    pub revision_stages: Vec<Stage>,
    /// Any of these kinds (empty: all).
    pub kinds: Vec<Kind>,
    /// Tagged with any of these topics (empty: all).
    pub topics: Vec<Topic>,
    /// Free text, matched without diacritics or case against title, lead and section.
    pub text: Option<String>,
    /// Only articles this user created or is listed as an author of.
    pub visible_to: Option<i64>,
    /// Only articles without a scheduled publication time.
    pub unscheduled: bool,
    /// Only articles with (or without) the "model example" flag.
    pub model_example: Option<bool>,
    /// Only articles published at or after this instant.
    pub published_from: Option<DateTime<Utc>>,
    /// Only articles published before this instant.
    pub published_before: Option<DateTime<Utc>>,
}

impl Default for ArticleQuery {
    fn default() -> Self {
        Self {
            page: 1,
            per_page: portal_contract::DEFAULT_PER_PAGE,
            sort: ArticleSortField::UpdatedAt,
            descending: true,
            stages: Vec::new(),
            revision_stages: Vec::new(),
            kinds: Vec::new(),
            topics: Vec::new(),
            text: None,
            visible_to: None,
            unscheduled: false,
            model_example: None,
            published_from: None,
            published_before: None,
        }
    }
}

/// One article with its whole history, for bulk imports (demo data, migrations from elsewhere).
#[derive(Debug, Clone)]
pub struct ImportedArticle {
    /// `id` is ignored: the store assigns one.
    pub article: Article,
    /// Transition comments in here are kept in the discussion too.
    pub history: Vec<NewHistory>,
    /// Discussion comments that came with no transition.
    pub comments: Vec<NewCommentRecord>,
}

/// A comment to append to an article's discussion.
#[derive(Debug, Clone)]
pub struct NewCommentRecord {
    pub at: DateTime<Utc>,
    pub author_id: i64,
    pub author_name: String,
    pub text: String,
}
