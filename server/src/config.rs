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
    /// The site is served over HTTPS (`--public-url https://…` or `--secure-cookies`): the
    /// session cookie is `__Host-portal_session` and `Secure`, and HSTS is sent. Decided by the
    /// operator, never by a request header (a client could send `X-Forwarded-Proto` itself).
    pub secure_cookies: bool,
    /// Take the client address for login throttling from the last `X-Forwarded-For` entry
    /// (only behind a reverse proxy that sets it).
    pub trust_proxy: bool,
    /// Lets one account hold the administrator role with editorial roles (off: separation of
    /// duties).
    pub allow_admin_with_editorial_roles: bool,
    /// Where the SPA's built files are; `None` serves the API only.
    pub static_dir: Option<PathBuf>,
    /// A session ends after this long without a request.
    pub session_idle: Duration,
    /// A session ends this long after login whatever happens.
    pub session_absolute: Duration,
    /// The first window in which login attempts are counted (see `session::throttle`).
    pub throttle_window: Duration,
    /// Attempts for one username from one client (address or IPv6 /64) within a window.
    pub max_logins_per_pair: u32,
    /// Attempts from one client within a window, whatever the usernames.
    pub max_logins_per_client: u32,
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
    /// The media library: where its files go, how large they may be, where they are served.
    pub media: MediaSettings,
}

/// One mebibyte.
pub const MB: u64 = 1024 * 1024;

/// The media library's settings (`--media-*`, `PORTAL_MEDIA_*`).
#[derive(Debug, Clone)]
pub struct MediaSettings {
    /// The folder of the library's files; `None`: a temporary folder removed when the server
    /// stops (tests).
    pub dir: Option<PathBuf>,
    /// What a file's stored name is appended to, to make its public `url` (this server serves
    /// them at `/media-files/`; a CDN in front of it would be named here).
    pub public_base: String,
    /// Largest image upload, in bytes.
    pub max_image_bytes: u64,
    /// Largest PDF.
    pub max_document_bytes: u64,
    pub max_audio_bytes: u64,
    pub max_video_bytes: u64,
    /// Widest and tallest image accepted, in pixels (checked from the header, before decoding).
    pub max_image_pixels_side: u32,
    /// Memory one image's decoded pixels may take, in bytes.
    pub max_image_alloc: u64,
}

impl MediaSettings {
    /// The largest upload of any kind.
    pub fn max_upload_bytes(&self) -> u64 {
        self.max_image_bytes
            .max(self.max_document_bytes)
            .max(self.max_audio_bytes)
            .max(self.max_video_bytes)
    }
}

impl Default for MediaSettings {
    fn default() -> Self {
        Self {
            dir: None,
            public_base: "/media-files".to_string(),
            max_image_bytes: 25 * MB,
            max_document_bytes: 50 * MB,
            max_audio_bytes: 100 * MB,
            max_video_bytes: 1024 * MB,
            max_image_pixels_side: 12_000,
            max_image_alloc: 512 * MB,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            trust_proxy: false,
            allow_admin_with_editorial_roles: false,
            static_dir: None,
            session_idle: Duration::minutes(30),
            session_absolute: Duration::hours(12),
            throttle_window: Duration::minutes(15),
            max_logins_per_pair: 5,
            max_logins_per_client: 20,
            stats_site: "portal".to_string(),
            stats_retention_days: 30,
            spokesperson_stale_days: portal_contract::spokesperson::DEFAULT_STALE_DAYS,
            public_article_url: DEFAULT_PUBLIC_ARTICLE_URL.to_string(),
            info_stale_days: portal_contract::required_info::DEFAULT_STALE_DAYS,
            link_check_interval_hours: 24,
            link_check_timeout: std::time::Duration::from_secs(10),
            link_check_allow_private: false,
            idempotency_lease: IDEMPOTENCY_LEASE,
            media: MediaSettings::default(),
        }
    }
}
