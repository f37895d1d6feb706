//! Background work `main` starts: session expiry and scheduled publishing.

use crate::articles::NewHistory;
use crate::db::{NewAudit, StoreError};
use crate::state::AppState;
use portal_contract::Stage;
use std::time::Duration;

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
        let before = state.clock.now() - crate::http::idempotency::KEEP;
        if let Err(e) = state.store.idempotency().purge(before).await {
            tracing::warn!(error = %e, "could not remove old idempotency keys");
        }
        // A key whose (longest) window ended a day ago has nothing left to count.
        let stale = state.clock.now() - crate::session::throttle::MAX_WINDOW;
        if let Err(e) = state.store.purge_login_throttle(stale).await {
            tracing::warn!(error = %e, "could not remove old login throttle keys");
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
        let next = crate::articles::routes::with_checklist(state, next).await;
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
