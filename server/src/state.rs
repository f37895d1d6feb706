//! What every handler gets: the store, the configuration, the clock and the shared services.

use crate::clock::{Clock, SystemClock};
use crate::config::Config;
use crate::http::security;
use crate::media::library::Media;
use crate::session::throttle::LoginThrottle;
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
    pub throttle: Arc<LoginThrottle>,
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
        let throttle = LoginThrottle::new(
            config.throttle_window,
            config.max_failures_per_account,
            config.max_failures_per_client,
        );
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
            throttle: Arc::new(throttle),
            workflow: Arc::new(portal_contract::default_workflow()),
            checklist: Arc::new(ChecklistSettings::default()),
        }
    }
}
