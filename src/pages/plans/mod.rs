//! The annual operation plan: the list by year, a version (read, edited, decided), its
//! changes and history, the printable document, and the dashboard's tile.

pub mod badge;
pub mod changes;
pub mod decision;
pub mod document;
pub mod editor;
pub mod history;
pub mod html;
pub mod list;
pub mod logic;
pub mod strings;
pub mod tile;
pub mod version;
