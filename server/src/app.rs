//! The whole application: every feature's router under `/api/v1`, the middleware, the SPA.

use crate::http::error::ApiError;
use crate::http::{idempotency, spa};
use crate::middleware::{content_length_guard, csrf_guard, problem_fallback, security_headers};
use crate::state::AppState;
use crate::{
    admin, articles, banners, duties, fraud, media, plans, public, required_info, royalties,
    session, spokesperson, stats, workflow,
};
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware;
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use portal_contract::{Health, MAX_BODY_BYTES};
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, OnResponse, TraceLayer};
use tower_http::LatencyUnit;
use tracing::Level;

/// `GET /health` (public).
pub async fn health(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    state.store.ping().await.map_err(|e| {
        tracing::error!(error = %e, "database does not answer");
        ApiError::unavailable()
    })?;
    Ok(Json(Health {
        status: "ok".to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        database: state.store.backend().to_string(),
    }))
}

/// The routes of `/api/v1`: every feature's router.
fn api_v1(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .merge(session::router())
        .merge(admin::router())
        .merge(articles::router())
        .merge(workflow::router())
        .merge(public::router())
        .merge(plans::router())
        .merge(duties::router())
        .merge(spokesperson::router())
        .merge(royalties::router())
        .merge(stats::router())
        .merge(required_info::router())
        .merge(fraud::router())
        .merge(media::router(&state.config.media))
        .merge(banners::router())
        .fallback(api_not_found)
}

pub(crate) async fn api_not_found() -> ApiError {
    ApiError::not_found("Không có địa chỉ API này.")
}

/// The whole application: `/api/v1`, problem+json for anything else under `/api`, and the SPA's
/// files (with `index.html` for client routes) everywhere else.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .nest("/v1", api_v1(&state))
        .fallback(api_not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            content_length_guard,
        ))
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

    // The library's files are served as they are: compressing JPEG, video or PDF gains nothing
    // and would break byte ranges.
    app.layer(CompressionLayer::new())
        .merge(media::files_router())
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security_headers,
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
                        if res.extensions().get::<stats::Quiet>().is_none() {
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
