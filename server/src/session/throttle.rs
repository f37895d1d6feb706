//! Login throttling, in memory only: failures per username and per client address.
//!
//! Client addresses are held here for the throttle window and nowhere else (never stored in
//! the database, never logged).

use chrono::{DateTime, Duration, Utc};
use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;

/// Above this many keys a sweep drops every key with no failure left in the window.
const SWEEP_ABOVE: usize = 10_000;

#[derive(Debug)]
struct Failures<K> {
    by_key: HashMap<K, VecDeque<DateTime<Utc>>>,
}

impl<K> Default for Failures<K> {
    fn default() -> Self {
        Self {
            by_key: HashMap::new(),
        }
    }
}

impl<K: std::hash::Hash + Eq + Clone> Failures<K> {
    fn prune(list: &mut VecDeque<DateTime<Utc>>, since: DateTime<Utc>) {
        while list.front().is_some_and(|t| *t <= since) {
            list.pop_front();
        }
    }

    /// `Some(seconds to wait)` when `key` has at least `max` failures within the window.
    fn blocked(
        &mut self,
        key: &K,
        now: DateTime<Utc>,
        window: Duration,
        max: usize,
    ) -> Option<u64> {
        let max = max.max(1);
        let list = self.by_key.get_mut(key)?;
        Self::prune(list, now - window);
        if list.len() < max {
            return None;
        }
        // Unlocks when enough of the oldest failures leave the window.
        let unlock_at = list[list.len() - max] + window;
        let wait = (unlock_at - now).num_milliseconds().max(0) as u64;
        Some(wait.div_ceil(1000).max(1))
    }

    fn record(&mut self, key: K, now: DateTime<Utc>, window: Duration) {
        if self.by_key.len() > SWEEP_ABOVE {
            let since = now - window;
            self.by_key.retain(|_, list| {
                Self::prune(list, since);
                !list.is_empty()
            });
        }
        let list = self.by_key.entry(key).or_default();
        Self::prune(list, now - window);
        list.push_back(now);
    }

    fn clear(&mut self, key: &K) {
        self.by_key.remove(key);
    }
}

/// Which limit refused a login.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocked {
    Account { retry_after_secs: u64 },
    Client { retry_after_secs: u64 },
}

impl Blocked {
    pub fn retry_after_secs(self) -> u64 {
        match self {
            Blocked::Account { retry_after_secs } | Blocked::Client { retry_after_secs } => {
                retry_after_secs
            }
        }
    }
}

/// Counts failed logins per username and per client address.
#[derive(Debug)]
pub struct LoginThrottle {
    window: Duration,
    max_per_account: usize,
    max_per_client: usize,
    accounts: Mutex<Failures<String>>,
    clients: Mutex<Failures<IpAddr>>,
}

impl LoginThrottle {
    pub fn new(window: Duration, max_per_account: usize, max_per_client: usize) -> Self {
        Self {
            window,
            max_per_account,
            max_per_client,
            accounts: Mutex::new(Failures::default()),
            clients: Mutex::new(Failures::default()),
        }
    }

    /// Whether a login for `username` from `client` must be refused before even checking the
    /// password.
    pub fn check(
        &self,
        username: &str,
        client: Option<IpAddr>,
        now: DateTime<Utc>,
    ) -> Option<Blocked> {
        if let Some(ip) = client {
            let mut clients = self.clients.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(secs) = clients.blocked(&ip, now, self.window, self.max_per_client) {
                return Some(Blocked::Client {
                    retry_after_secs: secs,
                });
            }
        }
        let mut accounts = self.accounts.lock().unwrap_or_else(|p| p.into_inner());
        accounts
            .blocked(
                &username.to_string(),
                now,
                self.window,
                self.max_per_account,
            )
            .map(|secs| Blocked::Account {
                retry_after_secs: secs,
            })
    }

    /// Records a failed login.
    pub fn failure(&self, username: &str, client: Option<IpAddr>, now: DateTime<Utc>) {
        if let Some(ip) = client {
            let mut clients = self.clients.lock().unwrap_or_else(|p| p.into_inner());
            clients.record(ip, now, self.window);
        }
        let mut accounts = self.accounts.lock().unwrap_or_else(|p| p.into_inner());
        accounts.record(username.to_string(), now, self.window);
    }

    /// A successful login forgets the account's failures (not the client's).
    pub fn success(&self, username: &str) {
        let mut accounts = self.accounts.lock().unwrap_or_else(|p| p.into_inner());
        accounts.clear(&username.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn five_failures_lock_the_account_until_the_oldest_leaves_the_window() {
        let t = LoginThrottle::new(Duration::minutes(15), 5, 20);
        let start = Utc.with_ymd_and_hms(2026, 2, 16, 8, 0, 0).unwrap();
        for i in 0..4 {
            t.failure("chief", None, start + Duration::minutes(i));
        }
        assert_eq!(t.check("chief", None, start + Duration::minutes(4)), None);
        t.failure("chief", None, start + Duration::minutes(4));
        let b = t
            .check("chief", None, start + Duration::minutes(5))
            .unwrap();
        assert_eq!(
            b,
            Blocked::Account {
                retry_after_secs: 600
            }
        );
        assert_eq!(t.check("chief", None, start + Duration::minutes(15)), None);
        assert_eq!(t.check("editor", None, start + Duration::minutes(5)), None);
    }

    #[test]
    fn client_limit_counts_across_usernames() {
        let t = LoginThrottle::new(Duration::minutes(15), 5, 20);
        let ip: IpAddr = "192.0.2.7".parse().unwrap();
        let now = Utc.with_ymd_and_hms(2026, 7, 1, 8, 0, 0).unwrap();
        for i in 0..20 {
            t.failure(&format!("user{i}"), Some(ip), now);
        }
        assert!(matches!(
            t.check("new", Some(ip), now),
            Some(Blocked::Client { .. })
        ));
        assert_eq!(t.check("new", None, now), None);
    }
}
