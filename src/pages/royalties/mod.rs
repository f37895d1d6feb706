//! Royalties: the month's sheet and the settings, the article page's panel, the dashboard's
//! tile.

pub mod article_panel;
pub mod logic;
pub mod settings;
pub mod sheet;
pub mod strings;
pub mod tile;
