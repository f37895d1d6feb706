//! Banners of the public portal: the list with its add/edit panel, and the dashboard's tile.

pub mod form;
pub mod list;
pub mod logic;
pub mod strings;
pub mod tile;
