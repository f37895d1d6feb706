//! What the editor's parts share: the article and draft, the save state, errors, an open
//! conflict.

use crate::pages::articles::logic::Draft;
use crate::pages::articles::logic::Field;
use crate::pages::articles::strings::ArticleMsg;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use portal_contract::{Article, FieldError};

// The editor
// ---------------------------------------------------------------------------------------------

/// Where autosave stands.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    /// Nothing changed since the page opened.
    Clean,
    Dirty,
    Saving,
    Saved(DateTime<Utc>),
    /// No answer (or a passing server error): retries after `secs`.
    Offline {
        secs: u32,
    },
    /// The form has errors to fix first.
    Invalid,
    Failed(String),
    Conflict,
}

/// The editor's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Content,
    Preview,
    History,
    Comments,
}

impl Tab {
    pub(crate) const ALL: [Tab; 4] = [Tab::Content, Tab::Preview, Tab::History, Tab::Comments];

    pub(crate) fn id(self) -> &'static str {
        match self {
            Tab::Content => "content",
            Tab::Preview => "preview",
            Tab::History => "history",
            Tab::Comments => "comments",
        }
    }

    pub(crate) fn label(self) -> ArticleMsg {
        match self {
            Tab::Content => ArticleMsg::EdTabContent,
            Tab::Preview => ArticleMsg::EdTabPreview,
            Tab::History => ArticleMsg::EdTabHistory,
            Tab::Comments => ArticleMsg::EdTabComments,
        }
    }
}

/// Everything the editor's parts share. Copy it freely.
#[derive(Clone, Copy)]
pub struct EditorCtx {
    /// The article as the server last returned it.
    pub article: RwSignal<Article>,
    /// What the user is editing.
    pub draft: RwSignal<Draft>,
    pub status: RwSignal<SaveState>,
    /// Contract checks and server messages together.
    pub errors: Signal<Vec<FieldError>>,
    /// 422 `checklist.<id>` errors of the last approval.
    pub checklist_errors: RwSignal<Vec<FieldError>>,
    pub conflict: RwSignal<Option<ConflictState>>,
    /// Saves now (if anything changed).
    pub save: Callback<()>,
    pub user_id: i64,
}

/// An open conflict: the server's article, the merge's starting point, the user's side, and
/// the fields to settle.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictState {
    pub theirs: Article,
    /// The server's version with the user's changes that do not conflict.
    pub start: Draft,
    /// The user's whole draft.
    pub mine: Draft,
    pub fields: Vec<Field>,
}
