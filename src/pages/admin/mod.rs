//! Administration: users, live sessions, the audit log, and one's own account.

pub mod account;
pub mod audit;
pub mod sessions;
pub mod strings;
pub mod tabs;
pub mod users;
