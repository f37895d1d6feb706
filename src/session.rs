//! The logged-in user, shared through context.

use crate::api::{self, ApiError};
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_contract::{Permission, SessionInfo};

/// Where the session stands.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionState {
    /// Asking the server at start-up.
    Checking,
    /// Nobody is logged in (never was, or the session expired).
    Anonymous,
    /// The user logged out on purpose (the login page then carries no `next`).
    SignedOut,
    Active(Box<SessionInfo>),
    /// The start-up check got no usable answer.
    Unreachable(ApiError),
}

/// The session context. Copy it into closures freely.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    pub state: RwSignal<SessionState>,
}

impl Session {
    pub fn new(state: SessionState) -> Self {
        Self {
            state: RwSignal::new(state),
        }
    }

    /// The session's info, when logged in (tracked).
    pub fn info(&self) -> Option<SessionInfo> {
        self.state.with(|s| match s {
            SessionState::Active(info) => Some((**info).clone()),
            _ => None,
        })
    }

    /// The session's permissions; empty when nobody is logged in (tracked).
    pub fn permissions(&self) -> Vec<Permission> {
        self.state.with(|s| match s {
            SessionState::Active(info) => info.permissions.clone(),
            _ => Vec::new(),
        })
    }

    /// Whether the session holds `p` (tracked).
    pub fn can(&self, p: Permission) -> bool {
        self.state.with(|s| match s {
            SessionState::Active(info) => info.can(p),
            _ => false,
        })
    }

    pub fn is_active(&self) -> bool {
        self.state.with(|s| matches!(s, SessionState::Active(_)))
    }

    pub fn is_active_untracked(&self) -> bool {
        self.state
            .with_untracked(|s| matches!(s, SessionState::Active(_)))
    }

    pub fn set_active(&self, info: SessionInfo) {
        self.state.set(SessionState::Active(Box::new(info)));
    }

    /// Asks the server who is logged in (at start-up, and on "Thử lại").
    pub fn check(&self) {
        let state = self.state;
        state.set(SessionState::Checking);
        spawn_local(async move {
            let next = match api::session::current().await {
                Ok(info) => SessionState::Active(Box::new(info)),
                Err(e) if e.is_unauthenticated() => SessionState::Anonymous,
                Err(e) => SessionState::Unreachable(e),
            };
            state.set(next);
        });
    }
}

/// The app's [`Session`]; panics outside the app, where no component should ask for it.
pub fn use_session() -> Session {
    expect_context::<Session>()
}
