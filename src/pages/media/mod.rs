//! The media library: the grid with uploads and one item's panel.

mod extras;
pub mod item;
pub mod library;
pub mod logic;
pub mod picker;
pub mod strings;
pub mod uploads;
