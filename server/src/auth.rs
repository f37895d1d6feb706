//! Passwords (Argon2id), session tokens and the session cookie.

use argon2::password_hash::rand_core::OsRng as HashRng;
use argon2::password_hash::SaltString;
use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
use axum::http::{header, HeaderMap, HeaderValue};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "portal_session";

/// Why a new password is refused, in Vietnamese (`(code, message)`), or `None`: 12–256
/// characters (the contract's rule) and not one of the common passwords the `passwords`
/// crate ships (its list of the most used passwords, checked case-insensitively).
pub fn new_password_problem(password: &str) -> Option<(&'static str, &'static str)> {
    if !portal_contract::password_is_acceptable(password) {
        return Some((
            "weak",
            "Mật khẩu cần 12–256 ký tự (có thể là một câu dễ nhớ).",
        ));
    }
    let lower = password.to_lowercase();
    if passwords::analyzer::is_common_password(password)
        || passwords::analyzer::is_common_password(&lower)
    {
        return Some((
            "common",
            "Mật khẩu này nằm trong danh sách mật khẩu phổ biến, rất dễ bị đoán. Hãy chọn mật khẩu khác.",
        ));
    }
    None
}

/// Hashes a password as an Argon2id PHC string (default parameters, random salt).
pub fn hash_password(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut HashRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| format!("argon2: {e}"))
}

/// Checks a password against a PHC string; an unreadable hash never matches.
pub fn verify_password(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// A hash of a random password, verified against when the username does not exist, so that
/// an unknown user costs the same time as a wrong password.
pub fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let mut bytes = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        // Hashing a fresh random password cannot fail with default parameters; should it
        // ever, a syntactically valid hash that matches nothing keeps the timing close.
        hash_password(&hex::encode(bytes)).unwrap_or_else(|_| {
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$\
             WE0jRbC1H9aGc4YBNIFUM7lljjs5xBrS9iQyl6GiIs4"
                .to_string()
        })
    })
}

/// A new session token: 128 bits from the OS random generator, hex-encoded.
pub fn new_session_token() -> String {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// What the store keeps instead of the token: its SHA-256, hex-encoded.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The session cookie's name: `__Host-portal_session` on an HTTPS site (the browser then keeps
/// it only if it is `Secure`, has `Path=/` and no `Domain`, so no other host or plain-HTTP page
/// can plant or shadow it), `portal_session` on a plain-HTTP one (a test or an intranet).
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    }
}

/// The session cookie's name on an HTTPS site.
pub const SECURE_SESSION_COOKIE: &str = "__Host-portal_session";

/// The session token from the `Cookie` headers, if it has the right shape. Only the cookie of
/// the site's name counts (see [`cookie_name`]).
pub fn session_token(headers: &HeaderMap, secure: bool) -> Option<String> {
    let wanted = cookie_name(secure);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == wanted)
        .map(|(_, value)| value.trim().to_string())
        .filter(|t| t.len() == 32 && t.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// `Set-Cookie` for a new session.
pub fn session_cookie(token: &str, secure: bool) -> HeaderValue {
    let name = cookie_name(secure);
    let flag = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={token}; HttpOnly; SameSite=Strict; Path=/{flag}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("portal_session=; Max-Age=0; Path=/"))
}

/// `Set-Cookie` that removes the session cookie.
pub fn clear_session_cookie(secure: bool) -> HeaderValue {
    if secure {
        HeaderValue::from_static(
            "__Host-portal_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0; Secure",
        )
    } else {
        HeaderValue::from_static("portal_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_round_trip() {
        let h = hash_password("Demo@2026").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("Demo@2026", &h));
        assert!(!verify_password("demo@2026", &h));
        assert!(!verify_password("Demo@2026", "not a hash"));
        assert!(!verify_password("anything", dummy_hash()));
    }

    #[test]
    fn tokens_are_128_bit_hex_and_stored_hashed() {
        let t = new_session_token();
        assert_eq!(t.len(), 32);
        assert_ne!(t, new_session_token());
        assert_eq!(token_hash(&t).len(), 64);
        assert_ne!(token_hash(&t), t);
    }

    #[test]
    fn cookie_parsing_takes_only_well_formed_tokens() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=b; portal_session=0123456789abcdef0123456789abcdef"),
        );
        assert_eq!(
            session_token(&h, false).as_deref(),
            Some("0123456789abcdef0123456789abcdef")
        );
        // An HTTPS site reads only its __Host- cookie: a plain one planted by another page of
        // the domain is ignored.
        assert_eq!(session_token(&h, true), None);
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("__Host-portal_session=0123456789abcdef0123456789abcdef"),
        );
        assert!(session_token(&h, true).is_some());
        assert_eq!(session_token(&h, false), None);
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("portal_session=../../etc"),
        );
        assert_eq!(session_token(&h, false), None);
        let set = session_cookie("0123456789abcdef0123456789abcdef", true);
        assert_eq!(
            set.to_str().unwrap(),
            "__Host-portal_session=0123456789abcdef0123456789abcdef; HttpOnly; SameSite=Strict; Path=/; Secure"
        );
    }
}
