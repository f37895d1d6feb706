//! What stands between an anonymous request and a password hash: the bound on hashes checked
//! at once, and the throttle's policy and secret.

use super::store::SessionStore;
use super::throttle::Policy;
use crate::db::StoreResult;
use std::sync::Arc;
use tokio::sync::{OnceCell, Semaphore};

/// The login guard, shared by the handlers.
pub struct Logins {
    pub policy: Policy,
    /// Argon2id takes about 19 MiB and a core for a few dozen milliseconds a check: at most one
    /// check per core runs at once, and a login that finds none free is answered 503 at once
    /// (no queue of waiting hashes to eat memory).
    pub hashes: Arc<Semaphore>,
    secret: OnceCell<String>,
}

impl Logins {
    pub fn new(policy: Policy) -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Self {
            policy,
            hashes: Arc::new(Semaphore::new(cores)),
            secret: OnceCell::new(),
        }
    }

    /// The installation's key for client addresses, read once per process.
    pub async fn secret(&self, store: &dyn SessionStore) -> StoreResult<&str> {
        self.secret
            .get_or_try_init(|| async {
                store
                    .server_secret("login_throttle", &crate::auth::new_session_token())
                    .await
            })
            .await
            .map(String::as_str)
    }
}
