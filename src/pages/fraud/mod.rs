//! Fraud reports: the list, a new report, one report, and the dashboard's tile.

pub mod badge;
pub mod channel;
pub mod detail;
pub mod list;
pub mod logic;
pub mod new;
pub mod strings;
pub mod tile;
