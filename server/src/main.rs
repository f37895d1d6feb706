//! `portal-server`: mounts [`portal_server::router`] on a socket.

use clap::Parser;
use portal_server::config::{Config, MediaSettings, MB};
use portal_server::store::{self, SqliteStore};
use portal_server::{demo, publish_scheduled, router, sweep_sessions, AppState};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;
use tracing_subscriber::EnvFilter;

/// The reference backend of the portal's editorial admin (`/api/v1`) and the SPA's files.
#[derive(Debug, Parser)]
#[command(name = "portal-server", version, about)]
struct Args {
    /// The database: `sqlite://file.db` (created and migrated on first start) or
    /// `postgres://user@host:port/db` (migrated on start).
    #[arg(
        long,
        env = "PORTAL_DATABASE_URL",
        default_value = "sqlite://data/portal.db"
    )]
    database_url: String,
    /// Write an online backup of the SQLite database to this new file and exit (safe while
    /// another server process uses the database). PostgreSQL: use `pg_dump`.
    #[arg(long, value_name = "FILE")]
    backup_to: Option<PathBuf>,
    /// Address to listen on.
    #[arg(long, env = "PORTAL_BIND", default_value = "127.0.0.1:8080")]
    bind: SocketAddr,
    /// Folder with the built SPA (index.html is served for client routes).
    #[arg(long, env = "PORTAL_STATIC_DIR", default_value = "dist")]
    static_dir: PathBuf,
    /// Seed demo users and articles when the database has no users yet.
    #[arg(long, env = "PORTAL_DEMO")]
    demo: bool,
    /// How many articles `--demo` creates (e.g. 2000 for a bench).
    #[arg(long, env = "PORTAL_DEMO_ARTICLES", default_value_t = demo::DEMO_ARTICLES as u32,
          value_parser = clap::value_parser!(u32).range(0..=100_000))]
    demo_articles: u32,
    /// Seconds between two runs of scheduled publishing.
    #[arg(long, env = "PORTAL_SCHEDULE_INTERVAL_SECS", default_value_t = 5,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    schedule_interval_secs: u64,
    /// Where people reach the admin, e.g. `https://quantri.bhxh.example.vn`. An `https://` URL
    /// makes the session cookie `__Host-` and `Secure` and sends HSTS; request headers such as
    /// `X-Forwarded-Proto` never decide it.
    #[arg(long, env = "PORTAL_PUBLIC_URL")]
    public_url: Option<url::Url>,
    /// The site is HTTPS, as an `https://` `--public-url` says.
    #[arg(long, env = "PORTAL_SECURE_COOKIES")]
    secure_cookies: bool,
    /// Connections open at once; one more is closed at once.
    #[arg(long, env = "PORTAL_MAX_CONNECTIONS", default_value_t = 4096,
          value_parser = clap::value_parser!(u32).range(16..=1_000_000))]
    max_connections: u32,
    /// Seconds a client has to send a request's headers (also the keep-alive idle limit).
    #[arg(long, env = "PORTAL_HEADER_READ_TIMEOUT_SECS", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(1..=300))]
    header_read_timeout_secs: u64,
    /// Trust X-Forwarded-For for the client address of login throttling (behind a reverse
    /// proxy only).
    #[arg(long, env = "PORTAL_TRUST_PROXY")]
    trust_proxy: bool,
    /// Let one account be administrator and hold editorial roles too (separation of duties is
    /// the default: an administrator cannot make themselves chief editor).
    #[arg(long, env = "PORTAL_ALLOW_ADMIN_WITH_EDITORIAL_ROLES")]
    allow_admin_with_editorial_roles: bool,
    /// Days raw visitor events are kept (hourly and daily rollups are kept for good).
    #[arg(long, env = "PORTAL_STATS_RETENTION_DAYS", default_value_t = 30,
          value_parser = clap::value_parser!(u32).range(2..=3660))]
    stats_retention_days: u32,
    /// Days after which unconfirmed spokesperson details are flagged stale on the dashboard.
    #[arg(long, env = "PORTAL_SPOKESPERSON_STALE_DAYS", default_value_t = portal_contract::spokesperson::DEFAULT_STALE_DAYS,
          value_parser = clap::value_parser!(u32).range(1..=3660))]
    spokesperson_stale_days: u32,
    /// The public portal's link to an article, `{id}` standing for its id (used in the
    /// quarterly e-mail of model articles to the VSS portal board).
    #[arg(long, env = "PORTAL_PUBLIC_ARTICLE_URL", default_value = portal_server::config::DEFAULT_PUBLIC_ARTICLE_URL,
          value_parser = public_article_url)]
    public_article_url: String,
    /// Name of the portal, mixed into the visitor hash.
    #[arg(long, env = "PORTAL_STATS_SITE", default_value = "portal")]
    stats_site: String,
    /// Days of synthetic visitor traffic `--demo` seeds into an empty statistics store.
    #[arg(long, env = "PORTAL_DEMO_TRAFFIC_DAYS", default_value_t = portal_server::stats::demo::DEMO_DAYS as u32,
          value_parser = clap::value_parser!(u32).range(0..=3660))]
    demo_traffic_days: u32,
    /// Days after which a required information page (org structure, links, training) counts
    /// as stale, until an administrator sets another number in the app.
    #[arg(long, env = "PORTAL_INFO_STALE_DAYS", default_value_t = portal_contract::required_info::DEFAULT_STALE_DAYS,
          value_parser = clap::value_parser!(u32).range(1..=3650))]
    info_stale_days: u32,
    /// Hours between passes of the link checker over the links page (0, or `--demo`: only
    /// "Kiểm tra ngay").
    #[arg(long, env = "PORTAL_LINK_CHECK_INTERVAL_HOURS", default_value_t = 24,
          value_parser = clap::value_parser!(u32).range(0..=8760))]
    link_check_interval_hours: u32,
    /// Seconds one link check may take, redirects included.
    #[arg(long, env = "PORTAL_LINK_CHECK_TIMEOUT_SECS", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(1..=60))]
    link_check_timeout_secs: u64,
    /// Seconds the first attempt of a request with an `Idempotency-Key` owns the key; a retry
    /// sooner is told to wait (409 + Retry-After). Longer than any request takes.
    #[arg(long, env = "PORTAL_IDEMPOTENCY_LEASE_SECS", default_value_t = 30,
          value_parser = clap::value_parser!(i64).range(1..=3600))]
    idempotency_lease_secs: i64,
    /// The media library's folder (uploaded files, by content: files/ab/cd/<sha-256>.<ext>).
    #[arg(long, env = "PORTAL_MEDIA_DIR", default_value = "data/media")]
    media_dir: PathBuf,
    /// What a media file's stored name is appended to, to make its public URL (this server
    /// serves them at /media-files; name a CDN or the portal's host here if it fronts them).
    #[arg(long, env = "PORTAL_MEDIA_PUBLIC_BASE", default_value = "/media-files")]
    media_public_base: String,
    /// Largest image upload, in MB.
    #[arg(long, env = "PORTAL_MEDIA_MAX_IMAGE_MB", default_value_t = 25,
          value_parser = clap::value_parser!(u64).range(1..=1024))]
    media_max_image_mb: u64,
    /// Largest document (PDF) upload, in MB.
    #[arg(long, env = "PORTAL_MEDIA_MAX_DOCUMENT_MB", default_value_t = 50,
          value_parser = clap::value_parser!(u64).range(1..=4096))]
    media_max_document_mb: u64,
    /// Largest audio upload, in MB.
    #[arg(long, env = "PORTAL_MEDIA_MAX_AUDIO_MB", default_value_t = 100,
          value_parser = clap::value_parser!(u64).range(1..=4096))]
    media_max_audio_mb: u64,
    /// Largest video upload, in MB.
    #[arg(long, env = "PORTAL_MEDIA_MAX_VIDEO_MB", default_value_t = 1024,
          value_parser = clap::value_parser!(u64).range(1..=16384))]
    media_max_video_mb: u64,
}

/// An http(s) URL holding `{id}`.
fn public_article_url(s: &str) -> Result<String, String> {
    if (s.starts_with("https://") || s.starts_with("http://")) && s.contains("{id}") {
        Ok(s.to_string())
    } else {
        Err("an http(s) URL containing {id}, e.g. https://portal.example.vn/tin/{id}".into())
    }
}

/// The file path inside a `sqlite:` URL, if it names a file.
fn sqlite_file(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or("");
    if path.is_empty() || path == ":memory:" {
        None
    } else {
        Some(PathBuf::from(path))
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    use std::io::IsTerminal;
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let args = Args::parse();
    match run(args).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<(), String> {
    if let Some(to) = &args.backup_to {
        if sqlite_file(&args.database_url).is_none() {
            return Err("--backup-to backs up a SQLite file; for PostgreSQL use pg_dump".into());
        }
        let store = SqliteStore::open(&args.database_url)
            .await
            .map_err(|e| format!("cannot open the database: {e}"))?;
        store
            .backup_to(to)
            .await
            .map_err(|e| format!("backup failed: {e}"))?;
        store.close().await;
        println!(
            "Đã sao lưu cơ sở dữ liệu vào {} (backup written).",
            to.display()
        );
        return Ok(());
    }
    if let Some(file) = sqlite_file(&args.database_url) {
        if let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
    }
    let store = store::open(&args.database_url)
        .await
        .map_err(|e| format!("cannot open the database: {e}"))?;

    let static_dir = if args.static_dir.is_dir() {
        Some(args.static_dir.clone())
    } else {
        tracing::warn!(
            dir = %args.static_dir.display(),
            "static folder not found: serving the API only"
        );
        None
    };
    let https = args
        .public_url
        .as_ref()
        .is_some_and(|u| u.scheme() == "https");
    let config = Config {
        secure_cookies: args.secure_cookies || https,
        trust_proxy: args.trust_proxy,
        allow_admin_with_editorial_roles: args.allow_admin_with_editorial_roles,
        static_dir,
        stats_site: args.stats_site.clone(),
        stats_retention_days: args.stats_retention_days,
        spokesperson_stale_days: args.spokesperson_stale_days,
        public_article_url: args.public_article_url.clone(),
        info_stale_days: args.info_stale_days,
        link_check_interval_hours: args.link_check_interval_hours,
        link_check_timeout: Duration::from_secs(args.link_check_timeout_secs),
        idempotency_lease: chrono::Duration::seconds(args.idempotency_lease_secs),
        media: MediaSettings {
            dir: Some(args.media_dir.clone()),
            public_base: args.media_public_base.clone(),
            max_image_bytes: args.media_max_image_mb * MB,
            max_document_bytes: args.media_max_document_mb * MB,
            max_audio_bytes: args.media_max_audio_mb * MB,
            max_video_bytes: args.media_max_video_mb * MB,
            ..MediaSettings::default()
        },
        ..Config::default()
    };
    std::fs::create_dir_all(&args.media_dir)
        .map_err(|e| format!("cannot create {}: {e}", args.media_dir.display()))?;
    let state = AppState::new(store.clone(), config);
    // Files of uploads that never finished, and files nothing refers to any more.
    match portal_server::media::sweep::sweep(
        state.store.as_ref(),
        state.media.storage.as_ref(),
        std::time::SystemTime::now(),
        portal_server::media::sweep::GRACE,
    )
    .await
    {
        Ok(swept) => tracing::info!(files = swept.files, temps = swept.temps, "media swept"),
        Err(e) => tracing::warn!(error = %e, "media sweep failed"),
    }

    if args.demo {
        match demo::seed_if_empty(&state, args.demo_articles as usize).await {
            Ok(Some(report)) => println!("{report}"),
            Ok(None) => {
                tracing::info!("database already has users: demo data not seeded");
                println!(
                    "Dữ liệu mẫu đã có từ lần chạy trước. Tài khoản mẫu: author, editor, secretary, \
                     chief, director, admin — mật khẩu Demo@2026 (nếu chưa đổi)."
                );
            }
            Err(e) => return Err(format!("demo seeding failed: {e}")),
        }
        seed_traffic(&state, args.demo_traffic_days).await?;
    }

    let listener = tokio::net::TcpListener::bind(args.bind)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.bind))?;
    tracing::info!(address = %args.bind, "listening");
    let sweeper = tokio::spawn(sweep_sessions(state.clone(), Duration::from_secs(600)));
    let scheduler = tokio::spawn(publish_scheduled(
        state.clone(),
        Duration::from_secs(args.schedule_interval_secs),
    ));
    state.stats.start().await;
    let stats_upkeep = tokio::spawn(portal_server::stats::maintain(
        state.stats.clone(),
        args.stats_retention_days,
        Duration::from_secs(3600),
    ));
    // The demo's links are on hosts that never resolve: they are checked only when asked.
    let link_checker = (args.link_check_interval_hours > 0 && !args.demo).then(|| {
        tokio::spawn(
            portal_server::required_info::linkcheck::check_links_periodically(
                state.clone(),
                Duration::from_secs(u64::from(args.link_check_interval_hours) * 3600),
            ),
        )
    });
    let limits = portal_server::http::serve::Limits {
        max_connections: args.max_connections as usize,
        header_read_timeout: Duration::from_secs(args.header_read_timeout_secs),
    };
    let served =
        portal_server::http::serve::serve(listener, router(state), limits, shutdown_signal()).await;
    sweeper.abort();
    scheduler.abort();
    stats_upkeep.abort();
    if let Some(t) = link_checker {
        t.abort();
    }
    store.close().await;
    served.map_err(|e| format!("server error: {e}"))
}

/// Seeds synthetic visitor traffic when the statistics are empty (`--demo`).
async fn seed_traffic(state: &AppState, days: u32) -> Result<(), String> {
    let stats = state.stats.store();
    if days == 0 || stats.has_traffic().await.map_err(|e| e.to_string())? {
        return Ok(());
    }
    let (cards, _) = state.store.board(None).await.map_err(|e| e.to_string())?;
    let published: Vec<i64> = cards
        .iter()
        .filter(|a| portal_server::store::is_public(a.stage))
        .map(|a| a.id)
        .collect();
    let started = std::time::Instant::now();
    let pageviews = portal_server::stats::demo::seed(
        stats.as_ref(),
        state.clock.now(),
        i64::from(days),
        state.config.stats_retention_days,
        &published,
        1.0,
    )
    .await
    .map_err(|e| format!("demo traffic seeding failed: {e}"))?;
    tracing::info!(
        pageviews,
        days,
        ms = started.elapsed().as_millis() as u64,
        "demo visitor traffic seeded"
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_name_their_file() {
        assert_eq!(
            sqlite_file("sqlite://data/portal.db"),
            Some(PathBuf::from("data/portal.db"))
        );
        assert_eq!(
            sqlite_file("sqlite:///var/lib/p.db?mode=rwc"),
            Some(PathBuf::from("/var/lib/p.db"))
        );
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://x"), None);
    }

    #[test]
    fn cli_parses() {
        Args::command_for_test();
    }

    impl Args {
        fn command_for_test() {
            use clap::CommandFactory;
            Args::command().debug_assert();
        }
    }
}
