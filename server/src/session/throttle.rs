//! Login throttling, kept in the database so every server process sees the same counts.
//!
//! Two counters stand in front of every password check, each counted when it is checked (in
//! one transaction), so parallel guesses cannot all slip past a check made before any of them
//! was recorded:
//! - per **account and client** (`pair`): after [`Policy::max_per_pair`] attempts in a window
//!   the pair waits for the window's end, and each window that ends over the limit doubles the
//!   next one (15 min, 30 min, 1 h … up to a day). An attacker elsewhere therefore slows only
//!   their own attempts: the user's own office keeps its count.
//! - per **client** across usernames (`client`), the same way, against one address trying many
//!   accounts.
//!
//! A client is its IPv4 address or its IPv6 /64 (a home or office network gets a whole /64, so
//! rotating addresses inside it is the same client). Client addresses never reach the
//! database: keys hold a keyed SHA-256 of them ([`client_key`]).

use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};
use std::net::IpAddr;

/// Longest window of a key that keeps going over its limit.
pub const MAX_WINDOW: Duration = Duration::days(1);

/// The limits.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// The first window; each window that ends over the limit doubles the next.
    pub window: Duration,
    pub max_per_pair: u32,
    pub max_per_client: u32,
}

/// One key's state as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyState {
    /// Attempts counted in the current window (the one being checked included).
    pub attempts: u32,
    pub window_ends_at: DateTime<Utc>,
    /// Windows in a row that ended over the limit.
    pub strikes: u32,
    /// Whether a refusal in this window is already in the audit log.
    pub refusal_audited: bool,
}

/// The length of a window after `strikes` windows over the limit.
pub fn window_after(policy: &Policy, strikes: u32) -> Duration {
    let factor = 1i32 << strikes.min(10);
    (policy.window * factor).min(MAX_WINDOW)
}

/// Counts one attempt on a key whose state was `before` (`None`: never seen, or forgotten):
/// its state after, and whether the attempt is within `max`.
pub fn count(
    before: Option<KeyState>,
    now: DateTime<Utc>,
    policy: &Policy,
    max: u32,
) -> (KeyState, bool) {
    let state = match before {
        Some(s) if now < s.window_ends_at => KeyState {
            attempts: s.attempts.saturating_add(1),
            ..s
        },
        ended => {
            let strikes = match ended {
                Some(s) if s.attempts > max => s.strikes.saturating_add(1),
                _ => 0,
            };
            KeyState {
                attempts: 1,
                window_ends_at: now + window_after(policy, strikes),
                strikes,
                refusal_audited: false,
            }
        }
    };
    (state, state.attempts <= max)
}

/// What the throttle says of one login attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Go on and check the password.
    Allowed,
    /// Refused until `retry_after_secs` have passed; `audit` is true for the first refusal of
    /// the key in its window (the audit log gets one row per key and window).
    Refused { retry_after_secs: u64, audit: bool },
}

/// The key of a client address: a keyed SHA-256 of its network (the IPv4 address, the IPv6
/// /64; see [`crate::net::client_network`]).
pub fn client_key(secret: &str, ip: IpAddr) -> String {
    let network = crate::net::client_network(ip).to_string();
    let mut h = Sha256::new();
    h.update(secret.as_bytes());
    h.update(b"|");
    h.update(network.as_bytes());
    hex::encode(&h.finalize()[..16])
}

/// The keys of an attempt for `username` from `client` (its [`client_key`], `None` when the
/// address is unknown), each with its limit: the pair's, then the client's. Without an address
/// there is no client to count across usernames.
pub fn keys(username: &str, client: Option<&str>, policy: &Policy) -> Vec<(String, u32)> {
    let c = client.unwrap_or("unknown");
    let mut out = vec![(format!("pair:{c}:{username}"), policy.max_per_pair)];
    if let Some(c) = client {
        out.push((format!("client:{c}"), policy.max_per_client));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn policy() -> Policy {
        Policy {
            window: Duration::minutes(15),
            max_per_pair: 5,
            max_per_client: 20,
        }
    }

    #[test]
    fn five_attempts_pass_the_sixth_waits_for_the_window_and_the_next_window_doubles() {
        let p = policy();
        let t0 = Utc.with_ymd_and_hms(2026, 2, 16, 8, 0, 0).unwrap();
        let mut state = None;
        for i in 0..5 {
            let (s, ok) = count(state, t0 + Duration::minutes(i), &p, 5);
            assert!(ok, "attempt {}", i + 1);
            state = Some(s);
        }
        let (s, ok) = count(state, t0 + Duration::minutes(6), &p, 5);
        assert!(!ok);
        assert_eq!(s.window_ends_at, t0 + Duration::minutes(15));
        // The window ended over the limit: the next one lasts 30 minutes.
        let (s, ok) = count(Some(s), t0 + Duration::minutes(15), &p, 5);
        assert!(ok);
        assert_eq!((s.attempts, s.strikes), (1, 1));
        assert_eq!(s.window_ends_at, t0 + Duration::minutes(45));
        // A window that ends within the limit starts the count again.
        let (s, _) = count(Some(s), t0 + Duration::minutes(46), &p, 5);
        assert_eq!(
            (s.strikes, s.window_ends_at),
            (0, t0 + Duration::minutes(61))
        );
    }

    #[test]
    fn windows_grow_to_a_day_at_most() {
        let p = policy();
        assert_eq!(window_after(&p, 0), Duration::minutes(15));
        assert_eq!(window_after(&p, 3), Duration::hours(2));
        assert_eq!(window_after(&p, 30), MAX_WINDOW);
    }

    #[test]
    fn an_ipv6_network_is_one_client_and_addresses_never_appear_in_keys() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff:ffff:ffff:ffff".parse().unwrap();
        let other: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(client_key("s", a), client_key("s", b));
        assert_ne!(client_key("s", a), client_key("s", other));
        assert_ne!(client_key("s", a), client_key("t", a));
        let v4: IpAddr = "192.0.2.7".parse().unwrap();
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(client_key("s", v4), client_key("s", mapped));
        let key = client_key("s", v4);
        assert!(!key.contains("192") && key.len() == 32);
        let p = policy();
        assert_eq!(
            keys("chief", Some(&key), &p),
            [
                (format!("pair:{key}:chief"), 5),
                (format!("client:{key}"), 20)
            ]
        );
        assert_eq!(
            keys("chief", None, &p),
            [("pair:unknown:chief".to_string(), 5)]
        );
    }
}
