//! Headers that confine the browser: a Content-Security-Policy that allows the app
//! and nothing else, and HSTS over HTTPS.
//!
//! trunk writes the app's bootstrap as an inline `<script type="module">` into `index.html`,
//! with the content hash of the bundle in it, so its SHA-256 changes with every build. The
//! policy allows exactly the inline scripts of the `index.html` being served: their hashes are
//! read from the file at start and again whenever the file changes on disk (a new build
//! deployed under a running server), never hard-coded.

use axum::http::HeaderValue;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::SystemTime;

/// `Strict-Transport-Security` sent over HTTPS: a year, this host only (other hosts of the
/// office's domain may still be plain HTTP).
pub const HSTS: &str = "max-age=31536000";

/// The `'sha256-…'` source of every inline script (a `<script>` without `src`) of `html`, in
/// document order, hashing the text exactly as written between the tags, as browsers do.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(found) = lower[at..].find("<script") {
        let start = at + found;
        let Some(tag_len) = lower[start..].find('>') else {
            break;
        };
        let tag = &lower[start..start + tag_len];
        let body_start = start + tag_len + 1;
        let Some(body_len) = lower[body_start..].find("</script") else {
            break;
        };
        // `<script` followed by a name character is another element (`<scripts>`).
        let is_script =
            tag[7..].starts_with(|c: char| c.is_ascii_whitespace() || c == '/') || tag.len() == 7;
        if is_script && attribute(tag, "src").is_none() {
            let text = &html[body_start..body_start + body_len];
            let digest = Sha256::digest(text.as_bytes());
            out.push(format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            ));
        }
        at = body_start + body_len;
    }
    out
}

/// The value of `name` in a start tag's text (quoted with `"` or `'`, or bare).
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(i) = rest.find(name) {
        let before = rest[..i].chars().next_back();
        let after = &rest[i + name.len()..];
        rest = after;
        if !before.is_some_and(|c| c.is_ascii_whitespace()) {
            continue;
        }
        let Some(value) = after.trim_start().strip_prefix('=') else {
            if after.starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
                || after.is_empty()
            {
                return Some("");
            }
            continue;
        };
        let value = value.trim_start();
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let inner = &value[1..];
                &inner[..inner.find(q).unwrap_or(inner.len())]
            }
            _ => {
                let end = value
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .unwrap_or(value.len());
                &value[..end]
            }
        });
    }
    None
}

/// The origin (`https://host[:port]`) of the API base the SPA's
/// `<meta name="portal-api-base">` names, when it is another origin (an absolute http(s)
/// URL); `None` for a path on this server.
pub fn api_base_origin(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let mut at = 0;
    while let Some(found) = lower[at..].find("<meta") {
        let start = at + found;
        let end = start + lower[start..].find('>')?;
        at = end;
        let tag_lower = &lower[start..end];
        if attribute(tag_lower, "name") != Some("portal-api-base") {
            continue;
        }
        // The content keeps its case (the path may be case-sensitive; the origin is not).
        let content = attribute(&html[start..end], "content")?.trim();
        let (scheme, rest) = content.split_once("://")?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return None;
        }
        let authority = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
        let host_ok = !authority.is_empty()
            && !authority.contains('@')
            && authority
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
        return host_ok.then(|| format!("{scheme}://{authority}"));
    }
    None
}

/// The policy for an app whose `index.html` is `html` (`None`: the API alone).
pub fn policy(html: Option<&str>) -> String {
    let mut script = String::from("'self' 'wasm-unsafe-eval'");
    let mut connect = String::from("'self'");
    if let Some(html) = html {
        for h in inline_script_hashes(html) {
            script.push(' ');
            script.push_str(&h);
        }
        if let Some(origin) = api_base_origin(html) {
            connect.push(' ');
            connect.push_str(&origin);
        }
    }
    // Styles come from the bundle's files only (the app sets inline styles through the CSSOM,
    // which the policy allows, never as `style="…"` markup). Images: the app's own, and the
    // cover and body images an article names by http(s) address.
    format!(
        "default-src 'self'; script-src {script}; style-src 'self'; img-src 'self' https: http:; \
         font-src 'self'; connect-src {connect}; object-src 'none'; base-uri 'none'; \
         frame-ancestors 'none'; form-action 'self'"
    )
}

/// The policy of the `index.html` in the static directory, recomputed when the file changes.
pub struct Csp {
    index: Option<PathBuf>,
    cache: Mutex<(Option<(SystemTime, u64)>, HeaderValue)>,
}

impl Csp {
    pub fn new(static_dir: Option<&std::path::Path>) -> Self {
        let csp = Self {
            index: static_dir.map(|d| d.join("index.html")),
            cache: Mutex::new((None, Self::value(None))),
        };
        csp.refresh();
        csp
    }

    fn value(html: Option<&str>) -> HeaderValue {
        HeaderValue::from_str(&policy(html))
            .unwrap_or_else(|_| HeaderValue::from_static("default-src 'none'"))
    }

    /// Rereads `index.html` if its modification time or size changed since last time.
    pub fn refresh(&self) {
        let Some(path) = &self.index else {
            return;
        };
        let stamp = std::fs::metadata(path)
            .ok()
            .map(|m| (m.modified().unwrap_or(SystemTime::UNIX_EPOCH), m.len()));
        let Ok(mut cache) = self.cache.lock() else {
            return;
        };
        if stamp.is_none() || cache.0 == stamp {
            return;
        }
        match std::fs::read_to_string(path) {
            Ok(html) => *cache = (stamp, Self::value(Some(&html))),
            Err(e) => tracing::warn!(error = %e, "could not read index.html for its CSP"),
        }
    }

    /// The current `Content-Security-Policy` value.
    pub fn header(&self) -> HeaderValue {
        match self.cache.lock() {
            Ok(c) => c.1.clone(),
            Err(_) => HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_cover_inline_scripts_only() {
        let html = "<script type=\"module\">\nimport init from '/a.js';\n</script>\
                    <script src=\"/b.js\"></script><SCRIPT>x()</SCRIPT>";
        let h = inline_script_hashes(html);
        let b64 = |s: &str| {
            format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(Sha256::digest(s.as_bytes()))
            )
        };
        assert_eq!(h, vec![b64("\nimport init from '/a.js';\n"), b64("x()")]);
    }

    #[test]
    fn api_base_origin_only_for_other_origins() {
        let meta = |c: &str| {
            format!("<meta charset=utf-8><meta name=\"portal-api-base\" content=\"{c}\">")
        };
        assert_eq!(api_base_origin(&meta("/api/v1")), None);
        assert_eq!(
            api_base_origin(&meta("https://API.example.vn:8443/api/v1")).as_deref(),
            Some("https://api.example.vn:8443")
        );
        assert_eq!(api_base_origin(&meta("javascript:alert(1)")), None);
        assert_eq!(api_base_origin(&meta("https://a.vn;script-src *")), None);
    }

    #[test]
    fn policy_has_no_unsafe_sources() {
        let p = policy(Some("<script>boot()</script>"));
        assert!(!p.contains("'unsafe-inline'") && !p.contains("'unsafe-eval'"));
        assert!(p.contains("object-src 'none'") && p.contains("base-uri 'none'"));
    }
}
