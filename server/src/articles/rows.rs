//! An article's rows as both engines read and write them: the columns, their decoding and
//! encoding, history, comments, search hits and version snapshots.

use super::model::{NewCommentRecord, NewHistory};
use crate::db::StoreResult;
use crate::db::{corrupt, fold_for_search, from_json, parse_opt_ts, parse_ts, to_json, ts};
use chrono::{DateTime, Utc};
use portal_contract::{
    Article, ArticleSummary, AuthorShare, Block, Channel, Checklist, Comment, CoverImage,
    HistoryEntry, Kind, Language, SearchHit, Stage, Topic,
};
use sqlx::FromRow;

#[derive(FromRow)]
pub(crate) struct ArticleRow {
    id: i64,
    title: String,
    lead: String,
    body: String,
    section: String,
    topics: String,
    kind: String,
    authors: String,
    source: String,
    cover: Option<String>,
    channels: String,
    language: String,
    model_example: bool,
    stage: String,
    scheduled_at: Option<String>,
    published_at: Option<String>,
    removal_reason: Option<String>,
    created_by: i64,
    created_at: String,
    updated_at: String,
    stage_changed_at: String,
    version: i64,
    checks: String,
    updated_by: i64,
    updated_by_name: String,
    revision: Option<String>,
}

pub(crate) const ARTICLE_COLUMNS: &str =
    "id, title, lead, body, section, topics, kind, authors, source, \
     cover, channels, language, model_example, stage, scheduled_at, published_at, \
     removal_reason, created_by, created_at, updated_at, stage_changed_at, version, checks, \
     COALESCE(updated_by, created_by) AS updated_by, updated_by_name, revision";

/// The list leaves out the long texts, and adds what only summaries carry.
#[derive(FromRow)]
pub(crate) struct SummaryRow {
    #[sqlx(flatten)]
    article: ArticleRow,
    checklist_failing: i64,
    pub(crate) change_seq: i64,
    comment_count: i64,
    revision_stage: Option<String>,
}

impl SummaryRow {
    pub(crate) fn into_summary(self) -> StoreResult<ArticleSummary> {
        let mut s = ArticleSummary::from(&self.article.into_article()?);
        s.checklist_failing = u32::try_from(self.checklist_failing).unwrap_or(0);
        s.comment_count = u32::try_from(self.comment_count).unwrap_or(u32::MAX);
        s.revision_stage =
            parse_opt_stage(self.revision_stage.as_deref(), "articles.revision_stage")?;
        Ok(s)
    }
}

impl ArticleRow {
    pub(crate) fn into_article(self) -> StoreResult<Article> {
        Ok(Article {
            id: self.id,
            title: self.title,
            lead: self.lead,
            body: from_json::<Vec<Block>>(&self.body, "articles.body")?,
            section: self.section,
            topics: from_json::<Vec<Topic>>(&self.topics, "articles.topics")?,
            kind: Kind::parse(&self.kind).ok_or_else(|| corrupt("articles.kind"))?,
            authors: from_json::<Vec<AuthorShare>>(&self.authors, "articles.authors")?,
            source: self.source,
            cover: self
                .cover
                .as_deref()
                .map(|c| from_json::<CoverImage>(c, "articles.cover"))
                .transpose()?,
            channels: from_json::<Vec<Channel>>(&self.channels, "articles.channels")?,
            language: Language::parse(&self.language)
                .ok_or_else(|| corrupt("articles.language"))?,
            model_example: self.model_example,
            checks: from_json::<Vec<String>>(&self.checks, "articles.checks")?,
            checklist: Checklist::default(),
            stage: Stage::parse(&self.stage).ok_or_else(|| corrupt("articles.stage"))?,
            scheduled_at: parse_opt_ts(self.scheduled_at.as_deref(), "articles.scheduled_at")?,
            published_at: parse_opt_ts(self.published_at.as_deref(), "articles.published_at")?,
            removal_reason: self.removal_reason,
            created_by: self.created_by,
            created_at: parse_ts(&self.created_at, "articles.created_at")?,
            updated_at: parse_ts(&self.updated_at, "articles.updated_at")?,
            updated_by: self.updated_by,
            updated_by_name: self.updated_by_name,
            stage_changed_at: parse_ts(&self.stage_changed_at, "articles.stage_changed_at")?,
            version: self.version,
            revision: self
                .revision
                .as_deref()
                .map(|r| from_json::<Article>(r, "articles.revision").map(Box::new))
                .transpose()?,
        })
    }
}

pub(crate) fn parse_opt_stage(s: Option<&str>, column: &str) -> StoreResult<Option<Stage>> {
    s.map(|s| Stage::parse(s).ok_or_else(|| corrupt(column)))
        .transpose()
}

#[derive(FromRow)]
pub(crate) struct CommentRow {
    id: i64,
    article_id: i64,
    at: String,
    author_id: i64,
    author_name: String,
    text: String,
    action: Option<String>,
    from_stage: Option<String>,
    to_stage: Option<String>,
}

pub(crate) const COMMENT_COLUMNS: &str =
    "id, article_id, at, author_id, author_name, text, action, from_stage, to_stage";

impl CommentRow {
    pub(crate) fn into_comment(self) -> StoreResult<Comment> {
        Ok(Comment {
            id: self.id,
            article_id: self.article_id,
            at: parse_ts(&self.at, "article_comments.at")?,
            author_id: self.author_id,
            author_name: self.author_name,
            text: self.text,
            action: self.action,
            from_stage: parse_opt_stage(self.from_stage.as_deref(), "article_comments.from_stage")?,
            to_stage: parse_opt_stage(self.to_stage.as_deref(), "article_comments.to_stage")?,
        })
    }
}

/// The SQL of [`super::is_public`] (kept beside it: the index and the public queries must agree).
pub(crate) const PUBLIC_STAGES: &str = "stage IN ('published', 'removal_requested')";

pub(crate) fn summaries(rows: Vec<SummaryRow>) -> StoreResult<Vec<ArticleSummary>> {
    rows.into_iter().map(SummaryRow::into_summary).collect()
}

pub(crate) fn articles(rows: Vec<ArticleRow>) -> StoreResult<Vec<Article>> {
    rows.into_iter().map(ArticleRow::into_article).collect()
}

/// The columns an insert and an update both write, in the order the engines' `push_columns`
/// binds an [`ArticleColumns`].
pub(crate) const WRITTEN_COLUMNS: &str = "title, lead, body, section, topics, kind, authors, \
     source, cover, channels, language, model_example, stage, scheduled_at, published_at, \
     removal_reason, updated_at, stage_changed_at, version, search_folded, title_folded, checks, \
     updated_by, updated_by_name, checklist_failing, change_seq, revision, revision_stage";

/// The values of [`WRITTEN_COLUMNS`] of an article, ready to bind.
pub(crate) struct ArticleColumns {
    pub(crate) text: [String; 4],
    pub(crate) json: [String; 4],
    pub(crate) cover: Option<String>,
    pub(crate) kind: &'static str,
    pub(crate) language: &'static str,
    pub(crate) model_example: bool,
    pub(crate) stage: &'static str,
    pub(crate) scheduled_at: Option<String>,
    pub(crate) published_at: Option<String>,
    pub(crate) removal_reason: Option<String>,
    pub(crate) updated_at: String,
    pub(crate) stage_changed_at: String,
    pub(crate) version: i64,
    pub(crate) folded: [String; 2],
    pub(crate) checks: String,
    pub(crate) updated_by: i64,
    pub(crate) updated_by_name: String,
    pub(crate) checklist_failing: i64,
    pub(crate) change_seq: i64,
    /// The pending revision as JSON, and its stage.
    pub(crate) revision: (Option<String>, Option<&'static str>),
}

impl ArticleColumns {
    pub(crate) fn of(a: &Article, change_seq: i64) -> StoreResult<Self> {
        Ok(Self {
            text: [
                a.title.clone(),
                a.lead.clone(),
                a.section.clone(),
                a.source.clone(),
            ],
            json: [
                to_json(&a.body)?,
                to_json(&a.topics)?,
                to_json(&a.authors)?,
                to_json(&a.channels)?,
            ],
            cover: a.cover.as_ref().map(to_json).transpose()?,
            kind: a.kind.as_str(),
            language: a.language.as_str(),
            model_example: a.model_example,
            stage: a.stage.as_str(),
            scheduled_at: a.scheduled_at.map(ts),
            published_at: a.published_at.map(ts),
            removal_reason: a.removal_reason.clone(),
            updated_at: ts(a.updated_at),
            stage_changed_at: ts(a.stage_changed_at),
            version: a.version,
            folded: [
                fold_for_search(&format!("{} {} {}", a.title, a.lead, a.section)),
                fold_for_search(&a.title),
            ],
            checks: to_json(&a.checks)?,
            updated_by: a.updated_by,
            updated_by_name: a.updated_by_name.clone(),
            checklist_failing: i64::from(a.checklist.failing),
            change_seq,
            revision: (
                a.revision.as_deref().map(to_json).transpose()?,
                a.revision.as_ref().map(|r| r.stage.as_str()),
            ),
        })
    }
}

#[derive(FromRow)]
pub(crate) struct HistoryRow {
    id: i64,
    article_id: i64,
    at: String,
    actor_id: i64,
    actor_name: String,
    action: String,
    from_stage: Option<String>,
    to_stage: Option<String>,
    comment: Option<String>,
    version: i64,
}

pub(crate) const HISTORY_COLUMNS: &str =
    "id, article_id, at, actor_id, actor_name, action, from_stage, to_stage, comment, version";

impl HistoryRow {
    pub(crate) fn into_entry(self) -> StoreResult<HistoryEntry> {
        Ok(HistoryEntry {
            id: self.id,
            article_id: self.article_id,
            at: parse_ts(&self.at, "article_history.at")?,
            actor_id: self.actor_id,
            actor_name: self.actor_name,
            action: self.action,
            from_stage: parse_opt_stage(self.from_stage.as_deref(), "article_history.from_stage")?,
            to_stage: parse_opt_stage(self.to_stage.as_deref(), "article_history.to_stage")?,
            comment: self.comment,
            version: self.version,
        })
    }
}

/// A line of the discussion to insert: a comment, or what was said with a transition.
pub(crate) struct CommentInsert<'a> {
    pub(crate) article_id: i64,
    pub(crate) at: DateTime<Utc>,
    pub(crate) author_id: i64,
    pub(crate) author_name: &'a str,
    pub(crate) text: &'a str,
    pub(crate) action: Option<&'a str>,
    pub(crate) from_stage: Option<Stage>,
    pub(crate) to_stage: Option<Stage>,
}

impl<'a> CommentInsert<'a> {
    pub(crate) fn plain(article_id: i64, c: &'a NewCommentRecord) -> Self {
        Self {
            article_id,
            at: c.at,
            author_id: c.author_id,
            author_name: &c.author_name,
            text: &c.text,
            action: None,
            from_stage: None,
            to_stage: None,
        }
    }

    /// What was said with a transition belongs to the discussion too.
    pub(crate) fn of_transition(article_id: i64, h: &'a NewHistory) -> Option<Self> {
        let text = h.comment.as_deref().filter(|c| !c.trim().is_empty())?;
        Some(Self {
            article_id,
            at: h.at,
            author_id: h.actor_id,
            author_name: &h.actor_name,
            text,
            action: Some(&h.action),
            from_stage: h.from_stage,
            to_stage: h.to_stage,
        })
    }
}

/// A public search hit; `score` is higher for better matches.
#[derive(FromRow)]
pub(crate) struct HitRow {
    id: i64,
    title: String,
    lead: String,
    section: String,
    published_at: Option<String>,
    stage_changed_at: String,
    score: f64,
}

impl HitRow {
    pub(crate) fn into_hit(self) -> StoreResult<SearchHit> {
        let published = match self.published_at.as_deref() {
            Some(p) => parse_ts(p, "articles.published_at")?,
            None => parse_ts(&self.stage_changed_at, "articles.stage_changed_at")?,
        };
        Ok(SearchHit {
            id: self.id,
            title: self.title,
            lead: self.lead,
            section: self.section,
            published_at: published,
            score: self.score,
        })
    }
}

/// The article kept at one version; its checklist is left for the caller to recompute.
pub(crate) fn article_of_snapshot(snapshot: &str) -> StoreResult<Article> {
    let mut value: serde_json::Value = from_json(snapshot, "article_versions.snapshot")?;
    if let Some(obj) = value.as_object_mut() {
        obj.insert(
            "checklist".to_string(),
            serde_json::json!({ "items": [], "failing": 0 }),
        );
    }
    let mut a: Article =
        serde_json::from_value(value).map_err(|_| corrupt("article_versions.snapshot"))?;
    a.checklist = Checklist::default();
    Ok(a)
}
