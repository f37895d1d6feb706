//! The article editor's logic, kept free of the DOM so it can be tested on its own: the form's
//! state ([`Draft`]), the patch of changed fields, local drafts, conflicts and merges, block list
//! edits and toolbar wrapping.

use crate::clock::{local_input_to_utc, utc_to_local_input};
use chrono::{DateTime, Timelike, Utc};
use portal_contract::blocks::{inline_markup, parse_inline};
use portal_contract::diff::{diff_words, Change};
use portal_contract::format::vn_offset;
use portal_contract::{
    validate_fields, Article, ArticlePatch, AuthorShare, Block, Channel, CoverImage, FieldError,
    Kind, Language, Role, Stage, Topic,
};
use serde::{Deserialize, Serialize};

// ---------------------------------------------------------------------------------------------
// Who may edit
// ---------------------------------------------------------------------------------------------

/// Mirrors the server: editors, secretaries and chief editors edit anything not removed;
/// authors only their own drafts.
pub fn may_edit(stage: Stage, created_by: i64, user_id: i64, roles: &[Role]) -> bool {
    if stage == Stage::Removed {
        return false;
    }
    let staff = roles
        .iter()
        .any(|r| matches!(r, Role::Editor | Role::Secretary | Role::ChiefEditor));
    // The Communication Centre writes its fraud warnings as an author writes hers.
    let writes_own = roles
        .iter()
        .any(|r| matches!(r, Role::Author | Role::CommunicationCentre));
    staff || (writes_own && created_by == user_id && stage == Stage::Draft)
}

// ---------------------------------------------------------------------------------------------
// The form's state
// ---------------------------------------------------------------------------------------------

/// The kind of a body block, as the editor offers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Paragraph,
    Heading,
    List,
    Quote,
    Image,
    Video,
    Audio,
    Document,
}

impl BlockKind {
    pub const ALL: [BlockKind; 8] = [
        BlockKind::Paragraph,
        BlockKind::Heading,
        BlockKind::List,
        BlockKind::Quote,
        BlockKind::Image,
        BlockKind::Video,
        BlockKind::Audio,
        BlockKind::Document,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Paragraph => "paragraph",
            BlockKind::Heading => "heading",
            BlockKind::List => "list",
            BlockKind::Quote => "quote",
            BlockKind::Image => "image",
            BlockKind::Video => "video",
            BlockKind::Audio => "audio",
            BlockKind::Document => "document",
        }
    }

    /// The library's kind a media block takes its file from; `None` for text blocks.
    pub fn media_kind(self) -> Option<portal_contract::media::MediaKind> {
        use portal_contract::media::MediaKind;
        match self {
            BlockKind::Image => Some(MediaKind::Image),
            BlockKind::Video => Some(MediaKind::Video),
            BlockKind::Audio => Some(MediaKind::Audio),
            BlockKind::Document => Some(MediaKind::Document),
            _ => None,
        }
    }

    /// Whether the block holds inline markup text (and so has a toolbar).
    pub fn has_text(self) -> bool {
        matches!(
            self,
            BlockKind::Paragraph | BlockKind::Heading | BlockKind::List | BlockKind::Quote
        )
    }
}

/// One block as the editor holds it: text blocks keep their inline markup (a list one item a
/// line), media blocks their URL, alt text and caption (a document's link text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockDraft {
    pub kind: BlockKind,
    #[serde(default)]
    pub text: String,
    #[serde(default = "default_level")]
    pub level: u8,
    #[serde(default)]
    pub ordered: bool,
    #[serde(default)]
    pub cite: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub alt: String,
    #[serde(default)]
    pub caption: String,
}

fn default_level() -> u8 {
    2
}

impl BlockDraft {
    /// An empty block of `kind`.
    pub fn new(kind: BlockKind) -> Self {
        BlockDraft {
            kind,
            text: String::new(),
            level: 2,
            ordered: false,
            cite: String::new(),
            url: String::new(),
            alt: String::new(),
            caption: String::new(),
        }
    }

    pub fn from_block(b: &Block) -> Self {
        match b {
            Block::Paragraph { spans } => BlockDraft {
                text: inline_markup(spans),
                ..BlockDraft::new(BlockKind::Paragraph)
            },
            Block::Heading { level, spans } => BlockDraft {
                text: inline_markup(spans),
                level: *level,
                ..BlockDraft::new(BlockKind::Heading)
            },
            Block::List { ordered, items } => BlockDraft {
                text: items
                    .iter()
                    .map(|i| inline_markup(i))
                    .collect::<Vec<_>>()
                    .join("\n"),
                ordered: *ordered,
                ..BlockDraft::new(BlockKind::List)
            },
            Block::Quote { spans, cite } => BlockDraft {
                text: inline_markup(spans),
                cite: cite.clone(),
                ..BlockDraft::new(BlockKind::Quote)
            },
            Block::Image { url, alt, caption } => BlockDraft {
                url: url.clone(),
                alt: alt.clone(),
                caption: caption.clone(),
                ..BlockDraft::new(BlockKind::Image)
            },
            Block::Video { url, caption } => BlockDraft {
                url: url.clone(),
                caption: caption.clone(),
                ..BlockDraft::new(BlockKind::Video)
            },
            Block::Audio { url, caption } => BlockDraft {
                url: url.clone(),
                caption: caption.clone(),
                ..BlockDraft::new(BlockKind::Audio)
            },
            Block::Document { url, title } => BlockDraft {
                url: url.clone(),
                caption: title.clone(),
                ..BlockDraft::new(BlockKind::Document)
            },
        }
    }

    pub fn to_block(&self) -> Block {
        match self.kind {
            BlockKind::Paragraph => Block::Paragraph {
                spans: parse_inline(&self.text),
            },
            BlockKind::Heading => Block::Heading {
                level: self.level,
                spans: parse_inline(&self.text),
            },
            BlockKind::List => Block::List {
                ordered: self.ordered,
                items: list_lines(&self.text).map(parse_inline).collect(),
            },
            BlockKind::Quote => Block::Quote {
                spans: parse_inline(&self.text),
                cite: self.cite.trim().to_string(),
            },
            BlockKind::Image => Block::Image {
                url: self.url.trim().to_string(),
                alt: self.alt.clone(),
                caption: self.caption.clone(),
            },
            BlockKind::Video => Block::Video {
                url: self.url.trim().to_string(),
                caption: self.caption.clone(),
            },
            BlockKind::Audio => Block::Audio {
                url: self.url.trim().to_string(),
                caption: self.caption.clone(),
            },
            BlockKind::Document => Block::Document {
                url: self.url.trim().to_string(),
                title: self.caption.trim().to_string(),
            },
        }
    }

    /// The block as one piece of text, for word diffs (media as their fields on a line).
    pub fn as_text(&self) -> String {
        match self.kind {
            BlockKind::Paragraph => self.text.clone(),
            BlockKind::Heading => format!("{} {}", "#".repeat(self.level as usize), self.text),
            BlockKind::List => list_lines(&self.text)
                .map(|l| format!("- {l}"))
                .collect::<Vec<_>>()
                .join("\n"),
            BlockKind::Quote if self.cite.is_empty() => format!("> {}", self.text),
            BlockKind::Quote => format!("> {} — {}", self.text, self.cite),
            BlockKind::Image => format!("[img] {} | {} | {}", self.url, self.alt, self.caption),
            BlockKind::Video => format!("[video] {} | {}", self.url, self.caption),
            BlockKind::Audio => format!("[audio] {} | {}", self.url, self.caption),
            BlockKind::Document => format!("[doc] {} | {}", self.url, self.caption),
        }
    }
}

/// The non-blank lines of a list block, one item each.
pub fn list_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
}

/// An author row of the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorDraft {
    pub name: String,
    #[serde(default)]
    pub user_id: Option<i64>,
    pub share: u8,
}

/// Every editable field of an article, as the form holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub title: String,
    pub lead: String,
    pub body: Vec<BlockDraft>,
    pub section: String,
    pub topics: Vec<Topic>,
    pub kind: Kind,
    pub authors: Vec<AuthorDraft>,
    pub source: String,
    pub cover_url: String,
    pub cover_alt: String,
    pub cover_caption: String,
    pub channels: Vec<Channel>,
    pub language: Language,
    pub model_example: bool,
    /// `datetime-local` value in Asia/Ho_Chi_Minh (`YYYY-MM-DDTHH:MM`), empty for none.
    pub scheduled: String,
    pub checks: Vec<String>,
}

impl Draft {
    /// What the editor edits of `article`: its pending revision's content if it has one (the
    /// approved content stays as readers see it), else its own; the scheduling is the article's.
    pub fn from_article(article: &Article) -> Self {
        let a = article.working_copy();
        let (cover_url, cover_alt, cover_caption) = match &a.cover {
            Some(c) => (c.url.clone(), c.alt.clone(), c.caption.clone()),
            None => Default::default(),
        };
        Draft {
            title: a.title.clone(),
            lead: a.lead.clone(),
            body: a.body.iter().map(BlockDraft::from_block).collect(),
            section: a.section.clone(),
            topics: a.topics.clone(),
            kind: a.kind,
            authors: a
                .authors
                .iter()
                .map(|x| AuthorDraft {
                    name: x.name.clone(),
                    user_id: x.user_id,
                    share: x.share,
                })
                .collect(),
            source: a.source.clone(),
            cover_url,
            cover_alt,
            cover_caption,
            channels: a.channels.clone(),
            language: a.language,
            model_example: a.model_example,
            scheduled: article
                .scheduled_at
                .map(utc_to_local_input)
                .unwrap_or_default(),
            checks: a.checks.clone(),
        }
    }

    pub fn blocks(&self) -> Vec<Block> {
        self.body.iter().map(BlockDraft::to_block).collect()
    }

    pub fn author_shares(&self) -> Vec<AuthorShare> {
        self.authors
            .iter()
            .map(|a| AuthorShare {
                name: a.name.trim().to_string(),
                user_id: a.user_id,
                share: a.share,
            })
            .collect()
    }

    /// The cover, or none when its three fields are blank.
    pub fn cover(&self) -> Option<CoverImage> {
        if self.cover_url.trim().is_empty()
            && self.cover_alt.trim().is_empty()
            && self.cover_caption.trim().is_empty()
        {
            None
        } else {
            Some(CoverImage {
                url: self.cover_url.trim().to_string(),
                alt: self.cover_alt.clone(),
                caption: self.cover_caption.clone(),
            })
        }
    }

    /// The body as text, block by block, for word diffs.
    pub fn body_text(&self) -> String {
        self.body
            .iter()
            .map(BlockDraft::as_text)
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    /// The contract's field checks, plus the scheduled time's format.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut e = validate_fields(
            &self.title,
            &self.lead,
            &self.blocks(),
            &self.section,
            &self.source,
            &self.author_shares(),
            self.cover().as_ref(),
        );
        if !self.scheduled.trim().is_empty() && local_input_to_utc(&self.scheduled).is_none() {
            e.push(FieldError::new(
                "scheduled_at",
                "invalid",
                "Thời điểm hẹn giờ không hợp lệ.",
            ));
        }
        e
    }
}

// ---------------------------------------------------------------------------------------------
// Fields, patches, conflicts
// ---------------------------------------------------------------------------------------------

/// An editable field of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Lead,
    Body,
    Section,
    Topics,
    Kind,
    Authors,
    Source,
    Cover,
    Channels,
    Language,
    ModelExample,
    Scheduled,
    Checks,
}

impl Field {
    pub const ALL: [Field; 14] = [
        Field::Title,
        Field::Lead,
        Field::Body,
        Field::Section,
        Field::Topics,
        Field::Kind,
        Field::Authors,
        Field::Source,
        Field::Cover,
        Field::Channels,
        Field::Language,
        Field::ModelExample,
        Field::Scheduled,
        Field::Checks,
    ];

    /// The field's name on the wire (and in the server's `errors`).
    pub fn wire(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Lead => "lead",
            Field::Body => "body",
            Field::Section => "section",
            Field::Topics => "topics",
            Field::Kind => "kind",
            Field::Authors => "authors",
            Field::Source => "source",
            Field::Cover => "cover",
            Field::Channels => "channels",
            Field::Language => "language",
            Field::ModelExample => "model_example",
            Field::Scheduled => "scheduled_at",
            Field::Checks => "checks",
        }
    }

    /// Plain text fields may be merged by hand in the conflict view.
    pub fn is_text(self) -> bool {
        matches!(
            self,
            Field::Title | Field::Lead | Field::Section | Field::Source
        )
    }

    /// Whether `a` and `b` hold the same value of this field.
    pub fn same(self, a: &Draft, b: &Draft) -> bool {
        match self {
            Field::Title => a.title == b.title,
            Field::Lead => a.lead == b.lead,
            Field::Body => a.body == b.body,
            Field::Section => a.section == b.section,
            Field::Topics => a.topics == b.topics,
            Field::Kind => a.kind == b.kind,
            Field::Authors => a.authors == b.authors,
            Field::Source => a.source == b.source,
            Field::Cover => a.cover() == b.cover(),
            Field::Channels => a.channels == b.channels,
            Field::Language => a.language == b.language,
            Field::ModelExample => a.model_example == b.model_example,
            Field::Scheduled => a.scheduled.trim() == b.scheduled.trim(),
            Field::Checks => a.checks == b.checks,
        }
    }

    /// Copies this field from `from` into `to`.
    pub fn copy(self, from: &Draft, to: &mut Draft) {
        match self {
            Field::Title => to.title = from.title.clone(),
            Field::Lead => to.lead = from.lead.clone(),
            Field::Body => to.body = from.body.clone(),
            Field::Section => to.section = from.section.clone(),
            Field::Topics => to.topics = from.topics.clone(),
            Field::Kind => to.kind = from.kind,
            Field::Authors => to.authors = from.authors.clone(),
            Field::Source => to.source = from.source.clone(),
            Field::Cover => {
                to.cover_url = from.cover_url.clone();
                to.cover_alt = from.cover_alt.clone();
                to.cover_caption = from.cover_caption.clone();
            }
            Field::Channels => to.channels = from.channels.clone(),
            Field::Language => to.language = from.language,
            Field::ModelExample => to.model_example = from.model_example,
            Field::Scheduled => to.scheduled = from.scheduled.clone(),
            Field::Checks => to.checks = from.checks.clone(),
        }
    }

    /// Sets a text field to `value` (other fields are left alone).
    pub fn set_text(self, d: &mut Draft, value: String) {
        match self {
            Field::Title => d.title = value,
            Field::Lead => d.lead = value,
            Field::Section => d.section = value,
            Field::Source => d.source = value,
            _ => {}
        }
    }

    /// The field as text, for side-by-side views and word diffs. `label` names the
    /// vocabulary values in the interface's language.
    pub fn text(self, d: &Draft, label: &dyn Fn(Vocab) -> String) -> String {
        let join = |v: Vec<String>| v.join(", ");
        match self {
            Field::Title => d.title.clone(),
            Field::Lead => d.lead.clone(),
            Field::Body => d.body_text(),
            Field::Section => d.section.clone(),
            Field::Topics => join(d.topics.iter().map(|t| label(Vocab::Topic(*t))).collect()),
            Field::Kind => label(Vocab::Kind(d.kind)),
            Field::Authors => join(
                d.authors
                    .iter()
                    .map(|a| format!("{} ({}%)", a.name, a.share))
                    .collect(),
            ),
            Field::Source => d.source.clone(),
            Field::Cover => match d.cover() {
                Some(c) => format!("{} | {} | {}", c.url, c.alt, c.caption),
                None => String::new(),
            },
            Field::Channels => join(
                d.channels
                    .iter()
                    .map(|c| label(Vocab::Channel(*c)))
                    .collect(),
            ),
            Field::Language => label(Vocab::Language(d.language)),
            Field::ModelExample => label(Vocab::Flag(d.model_example)),
            Field::Scheduled => local_input_to_utc(&d.scheduled)
                .map(portal_contract::format::datetime_vn)
                .unwrap_or_default(),
            Field::Checks => d.checks.join(", "),
        }
    }
}

/// A vocabulary value to be named in the interface's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vocab {
    Topic(Topic),
    Kind(Kind),
    Channel(Channel),
    Language(Language),
    Flag(bool),
}

/// The fields where `a` and `b` differ.
pub fn changed_fields(a: &Draft, b: &Draft) -> Vec<Field> {
    Field::ALL
        .iter()
        .copied()
        .filter(|f| !f.same(a, b))
        .collect()
}

/// The merge patch that turns the server's `base` into `draft`: only the changed fields.
pub fn patch_between(base: &Draft, draft: &Draft) -> ArticlePatch {
    let mut p = ArticlePatch::default();
    for f in changed_fields(base, draft) {
        match f {
            Field::Title => p.title = Some(draft.title.clone()),
            Field::Lead => p.lead = Some(draft.lead.clone()),
            Field::Body => p.body = Some(draft.blocks()),
            Field::Section => p.section = Some(draft.section.trim().to_string()),
            Field::Topics => p.topics = Some(draft.topics.clone()),
            Field::Kind => p.kind = Some(draft.kind),
            Field::Authors => p.authors = Some(draft.author_shares()),
            Field::Source => p.source = Some(draft.source.trim().to_string()),
            Field::Cover => p.cover = Some(draft.cover()),
            Field::Channels => p.channels = Some(draft.channels.clone()),
            Field::Language => p.language = Some(draft.language),
            Field::ModelExample => p.model_example = Some(draft.model_example),
            Field::Scheduled => p.scheduled_at = Some(local_input_to_utc(&draft.scheduled)),
            Field::Checks => p.checks = Some(draft.checks.clone()),
        }
    }
    p
}

/// The fields to resolve after a 412: those where `mine` and `theirs` differ and that both
/// sides changed since `base` (the version the user started from). With no known base (a
/// restored local copy), every differing field.
pub fn conflict_fields(base: Option<&Draft>, mine: &Draft, theirs: &Draft) -> Vec<Field> {
    changed_fields(mine, theirs)
        .into_iter()
        .filter(|f| base.is_none_or(|b| !f.same(b, mine) && !f.same(b, theirs)))
        .collect()
}

/// The server's version plus the user's changes to fields the server did not change (known
/// only with the base); the starting point of a merge.
pub fn auto_merge(base: Option<&Draft>, mine: &Draft, theirs: &Draft) -> Draft {
    let mut out = theirs.clone();
    if let Some(b) = base {
        for f in changed_fields(b, mine) {
            if f.same(b, theirs) {
                f.copy(mine, &mut out);
            }
        }
    }
    out
}

/// How the user settled one conflicting field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    Mine,
    Theirs,
    /// A merged value typed by hand (text fields only).
    Edited(String),
}

/// The merge: `start` (see [`auto_merge`]) with each resolved field taken from the user's side
/// or their hand-merged text; `Theirs` keeps `start`'s value, which is the server's.
pub fn merge(theirs: &Draft, mine: &Draft, resolutions: &[(Field, Resolution)]) -> Draft {
    let mut out = theirs.clone();
    for (f, r) in resolutions {
        match r {
            Resolution::Mine => f.copy(mine, &mut out),
            Resolution::Theirs => {}
            Resolution::Edited(text) => {
                if f.is_text() {
                    f.set_text(&mut out, text.clone())
                } else {
                    f.copy(mine, &mut out)
                }
            }
        }
    }
    out
}

/// A word diff as (kind, text) runs: `0` same, `1` added, `-1` removed.
pub fn word_runs(old: &str, new: &str) -> Vec<(i8, String)> {
    diff_words(old, new)
        .into_iter()
        .map(|c| match c {
            Change::Same(t) => (0, t),
            Change::Added(t) => (1, t),
            Change::Removed(t) => (-1, t),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Local drafts
// ---------------------------------------------------------------------------------------------

/// What local storage keeps of an article being edited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalDraft {
    /// The server version the draft was made on.
    pub base_version: i64,
    pub draft: Draft,
    /// When it was written (milliseconds since the epoch).
    pub saved_at_ms: i64,
}

/// The storage key of a user's draft of an article.
pub fn local_key(user_id: i64, article_id: i64) -> String {
    format!("portal-admin.draft.{user_id}.{article_id}")
}

pub fn encode_local(d: &LocalDraft) -> String {
    serde_json::to_string(d).unwrap_or_default()
}

/// A stored draft; anything unreadable counts as none.
pub fn decode_local(raw: &str) -> Option<LocalDraft> {
    serde_json::from_str(raw).ok()
}

/// Whether to offer a stored draft back: only when it holds something the server does not.
pub fn offers_restore(local: Option<&LocalDraft>, server: &Article) -> bool {
    local.is_some_and(|l| l.draft != Draft::from_article(server))
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Writes a draft to local storage (silently does nothing where storage is refused).
pub fn store_local(key: &str, d: &LocalDraft) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, &encode_local(d));
    }
}

pub fn load_local(key: &str) -> Option<LocalDraft> {
    decode_local(&storage()?.get_item(key).ok()??)
}

pub fn remove_local(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

// ---------------------------------------------------------------------------------------------
// Block list edits
// ---------------------------------------------------------------------------------------------

/// Inserts an empty block of `kind` at `at` (clamped to the end); returns its index.
pub fn insert_block(body: &mut Vec<BlockDraft>, at: usize, kind: BlockKind) -> usize {
    let at = at.min(body.len());
    body.insert(at, BlockDraft::new(kind));
    at
}

pub fn remove_block(body: &mut Vec<BlockDraft>, i: usize) {
    if i < body.len() {
        body.remove(i);
    }
}

/// Moves block `i` one place up (`up`) or down; returns its new index.
pub fn move_block(body: &mut [BlockDraft], i: usize, up: bool) -> usize {
    if up && i > 0 && i < body.len() {
        body.swap(i, i - 1);
        i - 1
    } else if !up && i + 1 < body.len() {
        body.swap(i, i + 1);
        i + 1
    } else {
        i
    }
}

// ---------------------------------------------------------------------------------------------
// Toolbar
// ---------------------------------------------------------------------------------------------

/// The toolbar's formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Bold,
    Italic,
    Link,
}

/// Byte offset of a UTF-16 position (what a textarea's `selectionStart` counts).
pub fn utf16_to_byte(s: &str, pos: u32) -> usize {
    let mut units = 0u32;
    for (i, c) in s.char_indices() {
        if units >= pos {
            return i;
        }
        units += c.len_utf16() as u32;
    }
    s.len()
}

/// UTF-16 position of a byte offset.
pub fn byte_to_utf16(s: &str, byte: usize) -> u32 {
    s[..byte.min(s.len())].encode_utf16().count() as u32
}

/// Wraps the selection `start..end` (UTF-16 positions) of `text` in `format`'s markup. Returns
/// the new text and the new selection (UTF-16): the wrapped words stay selected; for a link,
/// the placeholder address is selected so it can be typed over.
pub fn wrap_selection(text: &str, start: u32, end: u32, format: Format) -> (String, u32, u32) {
    let (a, b) = (start.min(end), start.max(end));
    let (ba, bb) = (utf16_to_byte(text, a), utf16_to_byte(text, b));
    let selected = &text[ba..bb];
    let (open, close) = match format {
        Format::Bold => ("**".to_string(), "**".to_string()),
        Format::Italic => ("*".to_string(), "*".to_string()),
        Format::Link => ("[".to_string(), "](https://)".to_string()),
    };
    let mut out = String::with_capacity(text.len() + open.len() + close.len());
    out.push_str(&text[..ba]);
    out.push_str(&open);
    out.push_str(selected);
    out.push_str(&close);
    out.push_str(&text[bb..]);
    let sel_start = byte_to_utf16(&out, ba + open.len());
    let sel_end = byte_to_utf16(&out, ba + open.len() + selected.len());
    match format {
        Format::Link => {
            // Select "https://" inside the parentheses.
            let url_start = ba + open.len() + selected.len() + 2;
            let url_end = url_start + "https://".len();
            (
                out.clone(),
                byte_to_utf16(&out, url_start),
                byte_to_utf16(&out, url_end),
            )
        }
        _ => (out, sel_start, sel_end),
    }
}

/// `HH:mm` in Asia/Ho_Chi_Minh ("Đã lưu lúc 14:05").
pub fn time_vn(t: DateTime<Utc>) -> String {
    let d = t.with_timezone(&vn_offset());
    format!("{:02}:{:02}", d.hour(), d.minute())
}

/// Seconds to wait before the `attempt`-th retry of a failed save: 2, 4, 8 … at most 60.
pub fn retry_delay_secs(attempt: u32) -> u32 {
    2u32.saturating_pow(attempt.clamp(1, 6)).min(60)
}
