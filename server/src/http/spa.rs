//! The built SPA's files (`--static-dir`, trunk's and xtask's `dist/`).
//!
//! - A client route (`/articles/42`) gets `index.html`: the app routes in the browser.
//! - A missing file (a path whose last segment has an extension, such as a chunk of an older
//!   build that a tab still open asks for) is a 404, never `index.html`: served as a `.wasm` it
//!   would fail later and less clearly.
//! - Files whose name carries a content hash (`portal-admin-<hash>_bg.wasm`,
//!   `split_stats-<hash>.wasm`, `base-<hash>.css` …) never change: cached for a year. Everything
//!   else, `index.html` first, is revalidated on each use, so a new build is seen at once.
//! - The release build (`cargo xtask build`) writes each bundle file compressed beside it:
//!   `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip by zopfli). A browser that accepts
//!   them gets those bytes as they are: smaller than the server's own on-the-fly compression
//!   (brotli quality 4, gzip level 6), and no compression work per request. A file without
//!   them (`trunk build`, `trunk serve`) is compressed on the fly as before.

use axum::extract::Request;
use axum::handler::HandlerWithoutStateExt;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::path::Path;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// `Cache-Control` of a file named by its content.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` of everything else.
pub const REVALIDATE: &str = "no-cache";

/// The service that serves the SPA in `dir`.
pub fn service(dir: &Path) -> Router {
    let index = ServeFile::new(dir.join("index.html"));
    let fallback = move |req: Request| {
        let index = index.clone();
        async move {
            if names_a_file(req.uri().path()) {
                return StatusCode::NOT_FOUND.into_response();
            }
            match index.oneshot(req).await {
                Ok(res) => res.into_response(),
                Err(never) => match never {},
            }
        }
    };
    Router::new()
        .fallback_service(
            ServeDir::new(dir)
                .precompressed_br()
                .precompressed_gzip()
                .fallback(fallback.into_service()),
        )
        .layer(middleware::from_fn(cache_control))
}

async fn cache_control(req: Request, next: Next) -> Response {
    let immutable = is_content_hashed(req.uri().path());
    let mut res = next.run(req).await;
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if res.status().is_success() || res.status() == StatusCode::NOT_MODIFIED {
        let value = if immutable && !html {
            IMMUTABLE
        } else {
            REVALIDATE
        };
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    // The body depends on Accept-Encoding (a precompressed file or the plain one). The
    // compression layer says so for what it compresses, but it leaves alone what is already
    // encoded, so a cache would otherwise hand brotli to a client that only takes gzip.
    let varies = res
        .headers()
        .get_all(header::VARY)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|token| token.trim().eq_ignore_ascii_case("accept-encoding"));
    if !varies {
        res.headers_mut()
            .append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    res
}

/// Whether the last segment of `path` has an extension (`/app.wasm`, not `/articles/42`).
pub fn names_a_file(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or("");
    last.rsplit_once('.')
        .is_some_and(|(stem, ext)| !stem.is_empty() && !ext.is_empty())
}

/// Whether the file name ends in `-<12 to 16 hex digits>` (then `_bg` for wasm-bindgen's
/// module) before its extension, as trunk and xtask name the bundle.
pub fn is_content_hashed(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or("");
    let Some((stem, _ext)) = last.rsplit_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(name, hash)| {
        !name.is_empty()
            && (12..=16).contains(&hash.len())
            && hash
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_routes_are_not_files() {
        assert!(names_a_file("/split_stats-0123456789abcdef.wasm"));
        assert!(names_a_file("/snippets/x/inline0.js"));
        assert!(!names_a_file("/articles/42"));
        assert!(!names_a_file("/"));
        assert!(!names_a_file("/info/links"));
        assert!(!names_a_file("/.well-known"));
    }

    #[test]
    fn the_bundle_names_are_content_hashed() {
        for hashed in [
            "/portal-admin-88f543057c1f7b05.js",
            "/portal-admin-88f543057c1f7b05_bg.wasm",
            "/__wasm_split-88f543057c1f7b05.js",
            "/split_stats-9f8474cfbdf64be0.wasm",
            "/chunk_common-26172ea878642ade.wasm",
            "/royalties-1ca0948c45ec637.css",
        ] {
            assert!(is_content_hashed(hashed), "{hashed}");
        }
        for plain in [
            "/index.html",
            "/favicon.ico",
            "/split-stats.wasm",
            "/-0123456789abcdef.js",
            "/app-0123456789abcdeg.js",
        ] {
            assert!(!is_content_hashed(plain), "{plain}");
        }
    }
}
