//! What every handler gets: the store, the configuration, the clock and the shared services.

use crate::clock::{Clock, SystemClock};
use crate::config::Config;
use crate::http::security;
use crate::media::library::Media;
use crate::session::guard::Logins;
use crate::session::throttle::Policy;
use crate::stats::ingest::Stats;
use crate::store::Store;
use portal_contract::{ChecklistSettings, Workflow};
use std::sync::Arc;

/// Everything a handler needs, cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub config: Arc<Config>,
    pub clock: Arc<dyn Clock>,
    /// The login guard: bounded password hashing and the throttle's policy.
    pub logins: Arc<Logins>,
    pub workflow: Arc<Workflow>,
    /// The publish checklist's items (defaults of DOMAIN.md until settings say otherwise).
    pub checklist: Arc<ChecklistSettings>,
    /// Visitor statistics: beacon checks, the counting task, the stats store.
    pub stats: Arc<Stats>,
    /// The Content-Security-Policy of the SPA being served.
    pub csp: Arc<security::Csp>,
    /// The media library's files and settings.
    pub media: Arc<Media>,
}

impl AppState {
    /// Today in Asia/Ho_Chi_Minh by the server's clock.
    pub fn today(&self) -> chrono::NaiveDate {
        portal_contract::format::vn_day(self.clock.now())
    }

    /// State with the real clock and the default workflow.
    pub fn new(store: Arc<dyn Store>, config: Config) -> Self {
        Self::with_clock(store, config, Arc::new(SystemClock))
    }

    /// State with a given clock (tests move time with [`crate::clock::ManualClock`]).
    pub fn with_clock(store: Arc<dyn Store>, config: Config, clock: Arc<dyn Clock>) -> Self {
        let logins = Logins::new(Policy {
            window: config.throttle_window,
            max_per_pair: config.max_logins_per_pair,
            max_per_client: config.max_logins_per_client,
        });
        let stats = Arc::new(Stats::new(store.stats(), clock.clone(), &config.stats_site));
        let csp = Arc::new(security::Csp::new(config.static_dir.as_deref()));
        let media = Arc::new(Media::from_settings(&config.media));
        Self {
            csp,
            media,
            store,
            config: Arc::new(config),
            clock,
            stats,
            logins: Arc::new(logins),
            workflow: Arc::new(portal_contract::default_workflow()),
            checklist: Arc::new(ChecklistSettings::default()),
        }
    }
}
