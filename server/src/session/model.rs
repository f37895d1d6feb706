//! A stored session.

use chrono::{DateTime, Utc};

/// A stored session; the token itself is never stored, only its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    /// The number the administrator ends it by; ignored by `create_session` (the store
    /// assigns it, never reusing one).
    pub id: i64,
    pub token_hash: String,
    pub user_id: i64,
    pub created_at: DateTime<Utc>,
    pub idle_expires_at: DateTime<Utc>,
    pub absolute_expires_at: DateTime<Utc>,
    /// When the user last typed their password again in this session (`POST
    /// /session/reauthenticate`); `None` until then.
    pub reauthenticated_at: Option<DateTime<Utc>>,
}
