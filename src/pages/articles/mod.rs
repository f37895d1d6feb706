//! Articles: the list, an article, and its editor with its panels.

mod actions;
pub mod body_editor;
pub mod body_view;
mod checklist;
mod comments;
mod conflict;
pub mod diff;
pub mod editor;
mod fields;
pub mod format;
mod history;
mod leave;
pub mod list;
pub mod logic;
pub mod new;
mod revision;
pub mod state;
pub mod strings;
pub mod view;
