//! News items and articles.

use crate::blocks::{validate_blocks, Block};
use crate::checklist::Checklist;
use crate::text::{TextMessages, TextRule};
use crate::{FieldError, Stage};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $wire:literal, $vi:literal, $en:literal;)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $wire)] $variant,)*
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire,)* }
            }

            pub fn parse(s: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|x| x.as_str() == s)
            }

            pub fn label_vi(self) -> &'static str {
                match self { $($name::$variant => $vi,)* }
            }

            pub fn label_en(self) -> &'static str {
                match self { $($name::$variant => $en,)* }
            }
        }
    };
}

vocabulary! {
    /// The kind of a piece of content.
    Kind {
        News = "news", "Tin", "News";
        Article = "article", "Bài", "Article";
        InDepth = "in_depth", "Bài chuyên sâu / loạt bài", "In-depth / series";
        Photo = "photo", "Ảnh", "Photo";
        Infographic = "infographic", "Infographic", "Infographic";
        MotionGraphic = "motion_graphic", "Motion graphic", "Motion graphic";
        Video = "video", "Video", "Video";
        Banner = "banner", "Banner", "Banner";
    }
}

vocabulary! {
    /// Topics an article belongs to.
    Topic {
        Bhxh = "bhxh", "Bảo hiểm xã hội", "Social insurance";
        Bhyt = "bhyt", "Bảo hiểm y tế", "Health insurance";
        Bhtn = "bhtn", "Bảo hiểm thất nghiệp", "Unemployment insurance";
        NetworkSecurity = "network_security", "An toàn thông tin mạng", "Network information security";
        FraudWarning = "fraud_warning", "Cảnh báo lừa đảo", "Online-fraud warning";
        Organisation = "organisation", "Tổ chức bộ máy", "Organisation";
        Events = "events", "Sự kiện, ngày lễ", "Events and holidays";
        ModelExamples = "model_examples", "Gương điển hình", "Model examples";
    }
}

vocabulary! {
    /// Where an article goes out.
    Channel {
        Portal = "portal", "Cổng TTĐT", "Portal";
        Social = "social", "Mạng xã hội", "Social media";
        Vssid = "vssid", "Tin tức VssID", "VssID news";
        Press = "press", "Báo chí", "Press";
    }
}

vocabulary! {
    /// Language of an article.
    Language {
        Vi = "vi", "Tiếng Việt", "Vietnamese";
        En = "en", "Tiếng Anh", "English";
    }
}

/// An author and their share of the royalty, in percent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorShare {
    pub name: String,
    #[serde(default)]
    pub user_id: Option<i64>,
    pub share: u8,
}

/// Cover image with the alt text and caption the checklist requires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoverImage {
    pub url: String,
    pub alt: String,
    pub caption: String,
}

/// A whole article (`GET /api/v1/articles/{id}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub id: i64,
    pub title: String,
    pub lead: String,
    pub body: Vec<Block>,
    pub section: String,
    pub topics: Vec<Topic>,
    pub kind: Kind,
    pub authors: Vec<AuthorShare>,
    pub source: String,
    pub cover: Option<CoverImage>,
    pub channels: Vec<Channel>,
    pub language: Language,
    pub model_example: bool,
    /// Ids of the manual checklist items an editor has ticked.
    pub checks: Vec<String>,
    /// The publish checklist, computed by the backend (read-only).
    pub checklist: Checklist,
    pub stage: Stage,
    pub scheduled_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
    pub removal_reason: Option<String>,
    pub created_by: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Who made the last change (a save or a transition), so a 412 can say who.
    pub updated_by: i64,
    pub updated_by_name: String,
    /// Stage entered at (for "days in current stage").
    pub stage_changed_at: DateTime<Utc>,
    /// Raised by every change; the ETag is `"<version>"`.
    pub version: i64,
    /// A change of an approved or published article that waits for approval (`null`: none).
    /// The article's own fields stay what the chief editor approved, and the public portal
    /// shows them, until the revision is approved. The revision is the whole article as revised:
    /// its `stage` is where the revision stands (`editing`, `review` or `pending_approval`), its
    /// `checklist` is its own, its `version` the article's, its `revision` null.
    #[serde(default)]
    pub revision: Option<Box<Article>>,
}

impl Article {
    /// What an edit changes: the pending revision if there is one, else the article itself.
    pub fn working_copy(&self) -> &Article {
        self.revision.as_deref().unwrap_or(self)
    }

    /// Makes `revised` (the article's working copy with changes) its pending revision: a new
    /// revision starts at `editing`. `revised` keeps the article's scheduling and version.
    pub fn revise(&mut self, mut revised: Article, now: DateTime<Utc>) {
        if self.revision.is_none() {
            revised.stage = Stage::Editing;
            revised.stage_changed_at = now;
        }
        revised.revision = None;
        revised.scheduled_at = self.scheduled_at;
        revised.version = self.version;
        self.revision = Some(Box::new(revised));
    }

    /// Whether readers would see the same in `self` and `other`: title, lead, body, section,
    /// topics, kind, source, cover, language and the authors' names. (Channels, the model-example
    /// flag, the manual checks, the authors' royalty shares and the scheduling are the board's
    /// bookkeeping.)
    pub fn same_public_content(&self, other: &Article) -> bool {
        self.title == other.title
            && self.lead == other.lead
            && self.body == other.body
            && self.section == other.section
            && self.topics == other.topics
            && self.kind == other.kind
            && self.source == other.source
            && self.cover == other.cover
            && self.language == other.language
            && same_bylines(&self.authors, &other.authors)
    }

    /// Copies the editable content (not the scheduling) of `from` into `self`.
    pub fn take_content_of(&mut self, from: &Article) {
        self.title = from.title.clone();
        self.lead = from.lead.clone();
        self.body = from.body.clone();
        self.section = from.section.clone();
        self.topics = from.topics.clone();
        self.kind = from.kind;
        self.authors = from.authors.clone();
        self.source = from.source.clone();
        self.cover = from.cover.clone();
        self.channels = from.channels.clone();
        self.language = from.language;
        self.model_example = from.model_example;
        self.checks = from.checks.clone();
    }
}

/// A row of the articles list (no body).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub id: i64,
    pub title: String,
    pub section: String,
    pub topics: Vec<Topic>,
    pub kind: Kind,
    pub authors: Vec<AuthorShare>,
    pub language: Language,
    pub model_example: bool,
    pub stage: Stage,
    pub scheduled_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
    pub removal_reason: Option<String>,
    pub created_by: i64,
    pub updated_at: DateTime<Utc>,
    pub updated_by_name: String,
    pub stage_changed_at: DateTime<Utc>,
    /// Required checklist items failing (0: may be approved).
    pub checklist_failing: u32,
    /// Comments in the editorial discussion (transition comments included).
    pub comment_count: u32,
    pub version: i64,
    /// Where a pending revision stands (`null`: none; see [`Article::revision`]).
    #[serde(default)]
    pub revision_stage: Option<Stage>,
}

/// The summary of `a`; `comment_count` is the store's to fill in.
impl From<&Article> for ArticleSummary {
    fn from(a: &Article) -> Self {
        Self {
            id: a.id,
            title: a.title.clone(),
            section: a.section.clone(),
            topics: a.topics.clone(),
            kind: a.kind,
            authors: a.authors.clone(),
            language: a.language,
            model_example: a.model_example,
            stage: a.stage,
            scheduled_at: a.scheduled_at,
            published_at: a.published_at,
            removal_reason: a.removal_reason.clone(),
            created_by: a.created_by,
            updated_at: a.updated_at,
            updated_by_name: a.updated_by_name.clone(),
            stage_changed_at: a.stage_changed_at,
            checklist_failing: a.checklist.failing,
            comment_count: 0,
            version: a.version,
            revision_stage: a.revision.as_ref().map(|r| r.stage),
        }
    }
}

/// `POST /api/v1/articles`: a new draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewArticle {
    pub title: String,
    #[serde(default)]
    pub lead: String,
    #[serde(default)]
    pub body: Vec<Block>,
    #[serde(default)]
    pub section: String,
    #[serde(default)]
    pub topics: Vec<Topic>,
    pub kind: Kind,
    #[serde(default)]
    pub authors: Vec<AuthorShare>,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub cover: Option<CoverImage>,
    #[serde(default)]
    pub channels: Vec<Channel>,
    #[serde(default = "default_language")]
    pub language: Language,
    #[serde(default)]
    pub model_example: bool,
    #[serde(default)]
    pub scheduled_at: Option<DateTime<Utc>>,
}

fn default_language() -> Language {
    Language::Vi
}

/// `PATCH /api/v1/articles/{id}` (JSON merge patch): absent fields stay; `null` clears the
/// nullable ones (`cover`, `scheduled_at`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticlePatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Vec<Block>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topics: Option<Vec<Topic>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authors: Option<Vec<AuthorShare>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(
        default,
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub cover: Option<Option<CoverImage>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channels: Option<Vec<Channel>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_example: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checks: Option<Vec<String>>,
    #[serde(
        default,
        deserialize_with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub scheduled_at: Option<Option<DateTime<Utc>>>,
}

/// Tells an absent field (`None`) from an explicit `null` (`Some(None)`).
fn double_option<'de, T, D>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

impl ArticlePatch {
    pub fn is_empty(&self) -> bool {
        *self == ArticlePatch::default()
    }

    /// Applies the patch to an article's editable fields.
    pub fn apply_to(&self, a: &mut Article) {
        if let Some(v) = &self.title {
            a.title = v.clone();
        }
        if let Some(v) = &self.lead {
            a.lead = v.clone();
        }
        if let Some(v) = &self.body {
            a.body = v.clone();
        }
        if let Some(v) = &self.section {
            a.section = v.clone();
        }
        if let Some(v) = &self.topics {
            a.topics = v.clone();
        }
        if let Some(v) = self.kind {
            a.kind = v;
        }
        if let Some(v) = &self.authors {
            a.authors = v.clone();
        }
        if let Some(v) = &self.source {
            a.source = v.clone();
        }
        if let Some(v) = &self.cover {
            a.cover = v.clone();
        }
        if let Some(v) = &self.channels {
            a.channels = v.clone();
        }
        if let Some(v) = self.language {
            a.language = v;
        }
        if let Some(v) = self.model_example {
            a.model_example = v;
        }
        if let Some(v) = &self.checks {
            a.checks = v.clone();
        }
        if let Some(v) = self.scheduled_at {
            a.scheduled_at = v;
        }
    }
}

/// `POST /api/v1/articles/{id}/transitions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransitionRequest {
    pub to: Stage,
    #[serde(default)]
    pub comment: Option<String>,
}

impl ArticlePatch {
    /// A patch that sets every content field of `a` (not the manual checks nor the
    /// scheduling): how an older version is restored.
    pub fn content_of(a: &Article) -> Self {
        Self {
            title: Some(a.title.clone()),
            lead: Some(a.lead.clone()),
            body: Some(a.body.clone()),
            section: Some(a.section.clone()),
            topics: Some(a.topics.clone()),
            kind: Some(a.kind),
            authors: Some(a.authors.clone()),
            source: Some(a.source.clone()),
            cover: Some(a.cover.clone()),
            channels: Some(a.channels.clone()),
            language: Some(a.language),
            model_example: Some(a.model_example),
            checks: None,
            scheduled_at: None,
        }
    }

    /// The part of the patch that readers never see (see [`Article::same_public_content`]),
    /// for an article whose approved content may not change: channels, the model-example flag,
    /// the manual checks, the scheduling, and the authors when only their shares change.
    pub fn unseen_by_readers(&self, current: &Article) -> Self {
        Self {
            channels: self.channels.clone(),
            model_example: self.model_example,
            checks: self.checks.clone(),
            scheduled_at: self.scheduled_at,
            authors: self
                .authors
                .clone()
                .filter(|a| same_bylines(a, &current.authors)),
            ..Self::default()
        }
    }
}

/// Whether two author lists name the same people in the same order (shares aside).
fn same_bylines(a: &[AuthorShare], b: &[AuthorShare]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.name == y.name && x.user_id == y.user_id)
}

/// One line of an article's append-only history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub id: i64,
    pub article_id: i64,
    pub at: DateTime<Utc>,
    pub actor_id: i64,
    pub actor_name: String,
    /// `create`, `update`, or the transition's action name.
    pub action: String,
    pub from_stage: Option<Stage>,
    pub to_stage: Option<Stage>,
    pub comment: Option<String>,
    /// The article's version after this entry.
    pub version: i64,
}

/// Sort keys of `GET /api/v1/articles?sort=`; a leading `-` means descending.
pub const ARTICLE_SORT_KEYS: [&str; 5] =
    ["updated_at", "created_at", "title", "stage", "published_at"];

/// Field limits (characters).
pub const TITLE_MAX: usize = 300;
pub const LEAD_MAX: usize = 2_000;
pub const BODY_MAX: usize = 200_000;
pub const SHORT_TEXT_MAX: usize = 300;
pub const COMMENT_MAX: usize = 5_000;

const TITLE: TextRule = TextRule::multi_line(TITLE_MAX)
    .required()
    .every_problem()
    .messages(TextMessages {
        required: "Vui lòng nhập tiêu đề.",
        invalid_characters: "Tiêu đề chứa ký tự điều khiển không hợp lệ.",
        ..TextMessages::DEFAULT
    });
const LEAD: TextRule = TextRule::length_only(LEAD_MAX);
const SHORT_TEXT: TextRule = TextRule::length_only(SHORT_TEXT_MAX);
const COVER_URL: TextRule = TextRule::length_only(2_000);
const AUTHOR_NAME: TextRule = SHORT_TEXT
    .required()
    .every_problem()
    .messages(TextMessages {
        required: "Vui lòng nhập tên tác giả.",
        ..TextMessages::DEFAULT
    });
const COMMENT: TextRule =
    TextRule::length_only(COMMENT_MAX)
        .every_problem()
        .messages(TextMessages {
            required: "Bước chuyển này cần ghi ý kiến hoặc lý do.",
            ..TextMessages::DEFAULT
        });

/// Checks the fields every save must satisfy (the publish checklist is stricter and comes later
/// in the workflow). Messages are Vietnamese.
pub fn validate_fields(
    title: &str,
    lead: &str,
    body: &[Block],
    section: &str,
    source: &str,
    authors: &[AuthorShare],
    cover: Option<&CoverImage>,
) -> Vec<FieldError> {
    let mut e = Vec::new();
    TITLE.check(&mut e, "title", title);
    LEAD.check(&mut e, "lead", lead);
    e.extend(validate_blocks(body, BODY_MAX));
    SHORT_TEXT.check(&mut e, "section", section);
    SHORT_TEXT.check(&mut e, "source", source);
    if authors.len() > 20 {
        e.push(FieldError::new("authors", "too_many", "Tối đa 20 tác giả."));
    }
    for (i, a) in authors.iter().enumerate() {
        AUTHOR_NAME.check(&mut e, format!("authors[{i}].name"), &a.name);
        if a.share > 100 {
            e.push(FieldError::new(
                format!("authors[{i}].share"),
                "out_of_range",
                "Tỷ lệ nhuận bút phải từ 0 đến 100%.",
            ));
        }
    }
    if !authors.is_empty() {
        let sum: u32 = authors.iter().map(|a| u32::from(a.share)).sum();
        if sum != 100 {
            e.push(FieldError::new(
                "authors",
                "shares_sum",
                format!("Tổng tỷ lệ nhuận bút phải bằng 100% (hiện là {sum}%)."),
            ));
        }
    }
    if let Some(c) = cover {
        if !(c.url.starts_with("https://")
            || c.url.starts_with("http://")
            || c.url.starts_with('/'))
        {
            e.push(FieldError::new(
                "cover.url",
                "invalid_url",
                "Địa chỉ ảnh phải bắt đầu bằng http://, https:// hoặc /.",
            ));
        }
        COVER_URL.check(&mut e, "cover.url", &c.url);
        SHORT_TEXT.check(&mut e, "cover.alt", &c.alt);
        LEAD.check(&mut e, "cover.caption", &c.caption);
    }
    e
}

/// Validates a new draft.
pub fn validate_new_article(a: &NewArticle) -> Vec<FieldError> {
    validate_fields(
        &a.title,
        &a.lead,
        &a.body,
        &a.section,
        &a.source,
        &a.authors,
        a.cover.as_ref(),
    )
}

/// Validates an article after a patch has been applied.
pub fn validate_article(a: &Article) -> Vec<FieldError> {
    validate_fields(
        &a.title,
        &a.lead,
        &a.body,
        &a.section,
        &a.source,
        &a.authors,
        a.cover.as_ref(),
    )
}

/// Validates the comment of a transition that requires one.
pub fn validate_comment(comment: Option<&str>, required: bool) -> Vec<FieldError> {
    COMMENT
        .required_if(required)
        .errors("comment", comment.unwrap_or(""))
}

#[cfg(test)]
mod tests {
    #[test]
    fn readers_see_texts_and_bylines_not_the_boards_bookkeeping() {
        let a: Article = serde_json::from_value(serde_json::json!({
            "id": 1, "title": "T", "lead": "", "body": [], "section": "", "topics": [],
            "kind": "news", "authors": [{"name": "An", "user_id": 3, "share": 100}],
            "source": "", "cover": null, "channels": [], "language": "vi",
            "model_example": false, "checks": [], "checklist": {"items": [], "failing": 0},
            "stage": "published", "scheduled_at": null, "published_at": null,
            "removal_reason": null, "created_by": 3, "created_at": "2026-01-01T00:00:00Z",
            "updated_at": "2026-01-01T00:00:00Z", "updated_by": 3, "updated_by_name": "An",
            "stage_changed_at": "2026-01-01T00:00:00Z", "version": 1
        }))
        .unwrap();
        assert!(a.revision.is_none(), "absent means none");
        let mut b = a.clone();
        b.model_example = true;
        b.channels = vec![Channel::Press];
        b.authors[0].share = 60;
        assert!(a.same_public_content(&b));
        b.authors[0].name = "Bình".into();
        assert!(!a.same_public_content(&b));

        let shares = vec![AuthorShare {
            name: "An".into(),
            user_id: Some(3),
            share: 100,
        }];
        let patch = ArticlePatch {
            title: Some("Mới".into()),
            model_example: Some(true),
            authors: Some(shares.clone()),
            ..ArticlePatch::default()
        };
        let unseen = patch.unseen_by_readers(&a);
        assert_eq!(unseen.title, None);
        assert_eq!(unseen.model_example, Some(true));
        assert_eq!(unseen.authors, Some(shares));
        let renamed = ArticlePatch {
            authors: Some(vec![AuthorShare {
                name: "Người khác".into(),
                user_id: None,
                share: 100,
            }]),
            ..ArticlePatch::default()
        };
        assert_eq!(renamed.unseen_by_readers(&a).authors, None);

        let mut live = a.clone();
        let mut revised = a.clone();
        revised.title = "Mới".into();
        live.revise(revised, a.created_at);
        let r = live.working_copy();
        assert_eq!((r.title.as_str(), r.stage), ("Mới", Stage::Editing));
        assert_eq!(live.title, "T");
        let mut approved = live.clone();
        approved.take_content_of(live.working_copy());
        assert_eq!(approved.title, "Mới");
    }

    use super::*;

    fn draft(title: &str) -> NewArticle {
        NewArticle {
            title: title.to_string(),
            lead: String::new(),
            body: vec![],
            section: String::new(),
            topics: vec![],
            kind: Kind::News,
            authors: vec![],
            source: String::new(),
            cover: None,
            channels: vec![],
            language: Language::Vi,
            model_example: false,
            scheduled_at: None,
        }
    }

    #[test]
    fn title_is_required_and_bounded() {
        assert!(validate_new_article(&draft("Tin BHXH")).is_empty());
        let e = validate_new_article(&draft("   "));
        assert_eq!(e[0].code, "required");
        let e = validate_new_article(&draft(&"a".repeat(10_000)));
        assert_eq!(e[0].code, "too_long");
        assert_eq!(e[0].message, "Tối đa 300 ký tự.");
        // 300 multi-byte characters are still within the limit.
        assert!(validate_new_article(&draft(&"ễ".repeat(300))).is_empty());
    }

    #[test]
    fn hostile_but_printable_titles_are_accepted_as_text() {
        for t in [
            "<script>alert(1)</script>",
            "Bảo hiểm 🎉",
            "مرحبا بالعالم",
            "a\u{202e}b",
        ] {
            assert!(validate_new_article(&draft(t)).is_empty(), "{t}");
        }
        assert_eq!(
            validate_new_article(&draft("a\u{0}b"))[0].code,
            "invalid_characters"
        );
    }

    #[test]
    fn author_shares_must_sum_to_100() {
        let mut a = draft("Tin");
        a.authors = vec![
            AuthorShare {
                name: "A".into(),
                user_id: None,
                share: 60,
            },
            AuthorShare {
                name: "B".into(),
                user_id: None,
                share: 30,
            },
        ];
        let e = validate_new_article(&a);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].code, "shares_sum");
        a.authors[1].share = 40;
        assert!(validate_new_article(&a).is_empty());
    }

    #[test]
    fn cover_url_must_be_http() {
        let mut a = draft("Tin");
        a.cover = Some(CoverImage {
            url: "javascript:alert(1)".into(),
            alt: "x".into(),
            caption: "y".into(),
        });
        assert_eq!(validate_new_article(&a)[0].field, "cover.url");
    }

    #[test]
    fn patch_tells_null_from_absent() {
        let p: ArticlePatch = serde_json::from_str(r#"{"cover": null}"#).unwrap();
        assert_eq!(p.cover, Some(None));
        let p: ArticlePatch = serde_json::from_str(r#"{"title": "x"}"#).unwrap();
        assert_eq!(p.cover, None);
        assert!(serde_json::from_str::<ArticlePatch>(r#"{"bogus": 1}"#).is_err());
    }

    #[test]
    fn comment_rules() {
        assert!(validate_comment(None, false).is_empty());
        assert_eq!(validate_comment(Some("  "), true)[0].code, "required");
        assert_eq!(
            validate_comment(Some(&"x".repeat(5_001)), false)[0].code,
            "too_long"
        );
    }

    #[test]
    fn vocabulary_round_trips() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(*k));
        }
        assert_eq!(
            serde_json::to_string(&Topic::FraudWarning).unwrap(),
            "\"fraud_warning\""
        );
    }
}
