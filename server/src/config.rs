//! Settings of one running server.

use chrono::Duration;
use std::path::PathBuf;

/// Where the demo's public portal shows article `{id}`; a real portal sets its own.
pub const DEFAULT_PUBLIC_ARTICLE_URL: &str = "https://cong-thong-tin.example.vn/tin-tuc/{id}";

/// How long a first attempt owns its `Idempotency-Key` before a retry may run the request
/// again (the default of `--idempotency-lease-secs`).
pub const IDEMPOTENCY_LEASE: chrono::Duration = chrono::Duration::seconds(30);

/// Settings the handlers read. `Config::default()` is what the binary runs with unless told
/// otherwise.
#[derive(Debug, Clone)]
pub struct Config {
    /// Always mark the session cookie `Secure` (else only when `X-Forwarded-Proto: https`).
    pub secure_cookies: bool,
    /// Take the client address for login throttling from the last `X-Forwarded-For` entry
    /// (only behind a reverse proxy that sets it).
    pub trust_proxy: bool,
    /// Where the SPA's built files are; `None` serves the API only.
    pub static_dir: Option<PathBuf>,
    /// A session ends after this long without a request.
    pub session_idle: Duration,
    /// A session ends this long after login whatever happens.
    pub session_absolute: Duration,
    /// Window in which failed logins are counted.
    pub throttle_window: Duration,
    /// Failures for one username within the window that lock it.
    pub max_failures_per_account: usize,
    /// Failures from one client address within the window that lock it.
    pub max_failures_per_client: usize,
    /// The site name mixed into visitor hashes (one per portal).
    pub stats_site: String,
    /// Days raw visitor events are kept (rollups are kept for good).
    pub stats_retention_days: u32,
    /// Days after which unconfirmed spokesperson details are flagged stale.
    pub spokesperson_stale_days: u32,
    /// The public portal's link to an article, `{id}` standing for its id (in the quarterly
    /// e-mail to the VSS portal board).
    pub public_article_url: String,
    /// Days after which a required information page counts as stale until an administrator
    /// sets another number.
    pub info_stale_days: u32,
    /// Hours between passes of the link checker (0: only when asked).
    pub link_check_interval_hours: u32,
    /// Longest a link check may take, redirects included.
    pub link_check_timeout: std::time::Duration,
    /// Let the link checker reach loopback and private networks (tests only).
    pub link_check_allow_private: bool,
    /// How long the first attempt of an `Idempotency-Key` owns it before a retry may run.
    pub idempotency_lease: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            trust_proxy: false,
            static_dir: None,
            session_idle: Duration::minutes(30),
            session_absolute: Duration::hours(12),
            throttle_window: Duration::minutes(15),
            max_failures_per_account: 5,
            max_failures_per_client: 20,
            stats_site: "portal".to_string(),
            stats_retention_days: 30,
            spokesperson_stale_days: portal_contract::spokesperson::DEFAULT_STALE_DAYS,
            public_article_url: DEFAULT_PUBLIC_ARTICLE_URL.to_string(),
            info_stale_days: portal_contract::required_info::DEFAULT_STALE_DAYS,
            link_check_interval_hours: 24,
            link_check_timeout: std::time::Duration::from_secs(10),
            link_check_allow_private: false,
            idempotency_lease: IDEMPOTENCY_LEASE,
        }
    }
}
