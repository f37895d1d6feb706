//! `portal-server`: the reference backend of the portal contract (`/api/v1`), axum + SQLite.
//!
//! [`router`] builds the whole application from an [`AppState`], so tests drive it with
//! `tower::ServiceExt::oneshot` and `main.rs` only mounts it.

pub mod auth;
pub mod clock;
pub mod config;
pub mod demo;
mod demo_duties;
pub mod error;
pub mod extract;
pub mod idempotency;
pub mod routes;
// Security headers (issue #7).
pub mod security;
pub mod spa;
pub mod stats;
pub mod store;
pub mod throttle;
// Required information (issue #6).
pub mod info_demo;
pub mod linkcheck;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::Router;
use clock::{Clock, SystemClock};
use config::Config;
use error::ApiError;
use portal_contract::{
    ChecklistSettings, ProblemKind, Stage, Workflow, MAX_BODY_BYTES, PROBLEM_JSON,
};
use std::sync::Arc;
use std::time::Duration;
use store::{NewAudit, NewHistory, Store, StoreError};
use throttle::LoginThrottle;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, OnResponse, TraceLayer};
use tower_http::LatencyUnit;
use tracing::Level;

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
    pub stats: Arc<stats::Stats>,
    /// The Content-Security-Policy of the SPA being served.
    pub csp: Arc<security::Csp>,
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

    /// State with a given clock (tests move time with [`clock::ManualClock`]).
    pub fn with_clock(store: Arc<dyn Store>, config: Config, clock: Arc<dyn Clock>) -> Self {
        let throttle = LoginThrottle::new(
            config.throttle_window,
            config.max_failures_per_account,
            config.max_failures_per_client,
        );
        let stats = Arc::new(stats::Stats::new(
            store.stats(),
            clock.clone(),
            &config.stats_site,
        ));
        let csp = Arc::new(security::Csp::new(config.static_dir.as_deref()));
        Self {
            csp,
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

/// The routes of `/api/v1`.
fn api_v1() -> Router<AppState> {
    use routes::{
        articles, board, meta, norms, plans, public, session, spokesperson, stats, users,
    };
    Router::new()
        .route("/health", get(meta::health))
        .route(
            "/session",
            get(session::current)
                .post(session::login)
                .delete(session::logout),
        )
        .route(
            "/session/password",
            axum::routing::put(session::change_password),
        )
        .route("/workflow", get(meta::workflow))
        .route("/users", get(users::list).post(users::create))
        .route("/users/{id}", get(users::get_one).patch(users::update))
        .route("/articles", get(articles::list).post(articles::create))
        .route(
            "/articles/{id}",
            get(articles::get_one).patch(articles::update),
        )
        .route("/articles/{id}/transitions", post(articles::transition))
        .route("/articles/{id}/history", get(articles::history))
        .route("/articles/{id}/versions/{version}", get(articles::version))
        .route(
            "/articles/{id}/comments",
            get(articles::comments).post(articles::add_comment),
        )
        .route("/board", get(board::board))
        .route("/changes", get(board::changes))
        .route("/public/articles", get(public::list))
        .route("/public/articles/{id}", get(public::get_one))
        .route("/public/search", get(public::search))
        .route("/audit", get(meta::audit))
        // Security (issue #7).
        .route("/sessions", get(routes::sessions::list))
        .route("/sessions/{id}", delete(routes::sessions::end))
        .route("/plans", get(plans::list).post(plans::create))
        .route("/plans/{id}", get(plans::get_one).patch(plans::update))
        .route("/plans/{id}/transitions", post(plans::transition))
        .route("/plans/{id}/amend", post(plans::amend))
        .route("/plans/{id}/history", get(plans::history))
        .route("/norms/progress", get(norms::norm_progress))
        .route("/norms/year", get(norms::norm_year))
        .route(
            "/norms/settings/{year}",
            get(norms::get_settings).put(norms::put_settings),
        )
        .route("/my-work", get(norms::my_work))
        .route("/quarterly", get(norms::quarter_status))
        .route(
            "/quarterly-submissions",
            get(norms::list_submissions).post(norms::record_submission),
        )
        .route("/quarterly-submissions/{id}", get(norms::get_submission))
        .route(
            "/spokesperson",
            get(spokesperson::get_current).put(spokesperson::update),
        )
        .route("/spokesperson/confirm", post(spokesperson::confirm))
        .route("/spokesperson/versions", get(spokesperson::versions))
        .route("/public/spokesperson", get(spokesperson::public))
        .route(
            "/royalties/settings",
            get(routes::royalties::get_settings).put(routes::royalties::put_settings),
        )
        .route("/royalties/sheet", get(routes::royalties::get_sheet))
        .route("/royalties/overdue", get(routes::royalties::get_overdue))
        .route(
            "/articles/{id}/royalty",
            get(routes::royalties::get_article).put(routes::royalties::put_article),
        )
        .route(
            "/articles/{id}/royalty/payment",
            post(routes::royalties::pay_article),
        )
        .route(
            "/collect",
            post(stats::collect).options(stats::collect_preflight),
        )
        .route("/collect.js", get(stats::snippet))
        // Required information (issue #6).
        .merge(info_routes())
        .merge(
            Router::new()
                .route("/stats/summary", get(stats::summary))
                .route("/stats/timeseries", get(stats::timeseries))
                .route("/stats/breakdown/{dimension}", get(stats::breakdown))
                .route("/stats/realtime", get(stats::realtime))
                .route_layer(middleware::from_fn(stats::server_timing)),
        )
        // Fraud reports (Official Dispatch 1466).
        .route(
            "/fraud-reports",
            get(routes::fraud::list).post(routes::fraud::create),
        )
        .route("/fraud-reports/{id}", get(routes::fraud::get_one))
        .route(
            "/fraud-reports/{id}/transitions",
            post(routes::fraud::transition),
        )
        .route(
            "/fraud-reports/{id}/warning-article",
            post(routes::fraud::warning_article_draft),
        )
        .fallback(api_not_found)
}

/// The routes of the required information pages (issue #6).
fn info_routes() -> Router<AppState> {
    use routes::info;
    Router::new()
        .route("/info/org", get(info::get_org).put(info::put_org))
        .route("/info/org/confirm", post(info::confirm_org))
        .route("/info/links", get(info::get_links).put(info::put_links))
        .route("/info/links/confirm", post(info::confirm_links))
        .route("/info/links/check", post(info::check_links))
        .route(
            "/info/training",
            get(info::get_training).put(info::put_training),
        )
        .route("/info/training/confirm", post(info::confirm_training))
        .route("/info/status", get(info::status))
        .route(
            "/info/settings",
            get(info::get_settings).put(info::put_settings),
        )
        .route("/public/organization", get(info::public_org))
}

async fn api_not_found() -> ApiError {
    ApiError::not_found("Không có địa chỉ API này.")
}

/// A mutation must prove it comes from our own pages: `X-Requested-With` (which a cross-site
/// form cannot send) or an `Origin` equal to ours.
async fn csrf_guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    // The beacon comes from the public portal's pages, another origin by design; it changes
    // nothing but counters and carries no credentials.
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        || req.uri().path() == "/v1/collect"
    {
        return next.run(req).await;
    }
    let headers = req.headers();
    let marked = headers
        .get(portal_contract::CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| !v.trim().is_empty());
    let same_origin = || {
        let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok())?;
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok())?;
        let scheme = if auth::request_is_https(headers, state.config.secure_cookies) {
            "https"
        } else {
            "http"
        };
        Some(origin.eq_ignore_ascii_case(&format!("{scheme}://{host}")))
    };
    if marked || same_origin().unwrap_or(false) {
        next.run(req).await
    } else {
        ApiError::new(
            ProblemKind::Forbidden,
            "Yêu cầu thiếu tiêu đề X-Requested-With (chống giả mạo yêu cầu).",
        )
        .into_response()
    }
}

/// Refuses a declared oversized body before reading any of it.
async fn content_length_guard(req: Request, next: Next) -> Response {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        return ApiError::payload_too_large().into_response();
    }
    next.run(req).await
}

/// Turns any error answer under `/api` that is not yet problem+json (axum's 405, a panic's 500)
/// into one, keeping its headers (e.g. `Allow`).
async fn problem_fallback(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let is_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(PROBLEM_JSON.as_bytes()));
    if is_problem {
        return res;
    }
    let (parts, _) = res.into_parts();
    let error = if status == StatusCode::METHOD_NOT_ALLOWED {
        ApiError::custom(
            status,
            "method-not-allowed",
            "Phương thức không được hỗ trợ",
            "Địa chỉ này không nhận phương thức HTTP đã dùng.",
        )
    } else {
        let kind = ProblemKind::from_status(status.as_u16());
        let mut e = ApiError::new(kind, kind.title_vi());
        e.problem.status = status.as_u16();
        e
    };
    let mut out = error.into_response();
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            out.headers_mut().insert(name, value.clone());
        }
    }
    out
}

/// The whole application: `/api/v1`, problem+json for anything else under `/api`, and the SPA's
/// files (with `index.html` for client routes) everywhere else.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .nest("/v1", api_v1())
        .fallback(api_not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn(content_length_guard))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            idempotency::guard,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), csrf_guard))
        // A bug must not cost the connection: a panic becomes a 500 problem.
        .layer(CatchPanicLayer::new())
        .layer(middleware::from_fn(problem_fallback))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));

    // `nest` leaves out the bare "/api/".
    let mut app = Router::new()
        .nest("/api", api)
        .route("/api/", axum::routing::any(api_not_found));
    app = match &state.config.static_dir {
        Some(dir) => app.fallback_service(spa::service(dir)),
        None => app.fallback(|| async { (StatusCode::NOT_FOUND, "Not found") }),
    };

    app.layer(CompressionLayer::new())
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::security_headers,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        // Logs method, path (never the query), status and latency; no headers, no bodies.
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|req: &Request| {
                    tracing::info_span!("http", method = %req.method(), path = %req.uri().path())
                })
                .on_response(
                    |res: &Response, latency: Duration, span: &tracing::Span| {
                        // Beacons are counted, not logged one by one.
                        if res.extensions().get::<routes::stats::Quiet>().is_none() {
                            DefaultOnResponse::new()
                                .level(Level::INFO)
                                .latency_unit(LatencyUnit::Millis)
                                .on_response(res, latency, span);
                        }
                    },
                ),
        )
        .with_state(state)
}

/// Deletes expired sessions every `every` (run from `main`).
pub async fn sweep_sessions(state: AppState, every: Duration) {
    let mut tick = tokio::time::interval(every);
    loop {
        tick.tick().await;
        match state.store.delete_expired_sessions(state.clock.now()).await {
            Ok(n) if n > 0 => tracing::info!(sessions = n, "expired sessions removed"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "could not remove expired sessions"),
        }
        let before = state.clock.now() - idempotency::KEEP;
        if let Err(e) = state.store.idempotency().purge(before).await {
            tracing::warn!(error = %e, "could not remove old idempotency keys");
        }
    }
}

/// Publishes every approved article whose scheduled time has come, as the system user.
///
/// Each article is written with the version it was read at, so when two server processes (or a
/// secretary pressing "publish") race, exactly one publication happens; the loser skips it.
/// Returns how many this call published.
pub async fn publish_due(state: &AppState) -> Result<usize, StoreError> {
    let now = state.clock.now();
    let due = state.store.due_for_publishing(now).await?;
    if due.is_empty() {
        return Ok(0);
    }
    let system = state.store.system_user().await?;
    let mut published = 0;
    for current in due {
        let mut next = current.clone();
        next.stage = Stage::Published;
        next.published_at = Some(now);
        next.version = current.version + 1;
        next.updated_at = now;
        next.updated_by = system.id;
        next.updated_by_name = system.full_name.clone();
        next.stage_changed_at = now;
        let next = routes::articles::with_checklist(state, next);
        let history = NewHistory {
            at: now,
            actor_id: system.id,
            actor_name: system.full_name.clone(),
            action: "publish_scheduled".to_string(),
            from_stage: Some(Stage::Approved),
            to_stage: Some(Stage::Published),
            comment: None,
            version: next.version,
        };
        let audit = NewAudit::success(
            now,
            &system,
            "article.publish_scheduled",
            Some(format!("article:{}", current.id)),
            current
                .scheduled_at
                .map(|t| format!("scheduled_at: {}", t.to_rfc3339())),
        );
        match state
            .store
            .update_article(&next, current.version, history, audit)
            .await
        {
            Ok(_) => published += 1,
            // Someone else changed or published it first: nothing to do.
            Err(StoreError::VersionMismatch | StoreError::NotFound) => {}
            // One article that cannot be written must not hold back the others; it is tried
            // again on the next pass. Only its id is logged (no titles, no names).
            Err(e) => {
                tracing::warn!(article = current.id, error = %e, "scheduled publishing of an article failed")
            }
        }
    }
    Ok(published)
}

/// Calls [`publish_due`] every `every` (run from `main`). Each pass runs as its own task, so
/// an error or even a panic in one pass is logged and the next pass still comes.
pub async fn publish_scheduled(state: AppState, every: Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let pass = state.clone();
        match tokio::spawn(async move { publish_due(&pass).await }).await {
            Ok(Ok(n)) if n > 0 => tracing::info!(articles = n, "scheduled articles published"),
            Ok(Ok(_)) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "scheduled publishing failed"),
            Err(e) if e.is_panic() => tracing::error!("scheduled publishing panicked"),
            Err(_) => return,
        }
    }
}
