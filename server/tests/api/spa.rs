//! The built SPA's files: client routes get `index.html`, a missing file is a 404 (never
//! `index.html` served as a chunk), content-hashed files are cached for good and the rest is
//! revalidated, each with its media type.

use crate::common::*;
use axum::http::Method;
use portal_server::config::Config;

#[tokio::test]
async fn the_split_bundle_is_served_with_its_types_and_caching() {
    let dir = tempfile::tempdir().unwrap();
    let files: [(&str, &[u8]); 5] = [
        (
            "index.html",
            b"<!DOCTYPE html><html><head></head><body></body></html>",
        ),
        ("portal-admin-88f543057c1f7b05.js", b"export default 1;"),
        ("portal-admin-88f543057c1f7b05_bg.wasm", b"\0asm\x01\0\0\0"),
        ("__wasm_split-88f543057c1f7b05.js", b"export const x = 1;"),
        ("split_stats-9f8474cfbdf64be0.wasm", b"\0asm\x01\0\0\0"),
    ];
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let app = TestApp::with_config(Config {
        static_dir: Some(dir.path().to_path_buf()),
        ..Config::default()
    })
    .await;

    for (path, media) in [
        ("/portal-admin-88f543057c1f7b05.js", "javascript"),
        ("/__wasm_split-88f543057c1f7b05.js", "javascript"),
        ("/portal-admin-88f543057c1f7b05_bg.wasm", "application/wasm"),
        ("/split_stats-9f8474cfbdf64be0.wasm", "application/wasm"),
    ] {
        let r = app.get(path, None).await;
        r.expect(200);
        let ct = r.header("content-type").unwrap_or_default();
        assert!(ct.contains(media), "{path}: {ct}");
        assert_eq!(
            r.header("cache-control").as_deref(),
            Some("public, max-age=31536000, immutable"),
            "{path}"
        );
        assert!(r.header("content-security-policy").is_some(), "{path}");
    }

    for path in ["/", "/index.html", "/stats", "/articles/42"] {
        let r = app.get(path, None).await;
        r.expect(200);
        assert!(r.header("content-type").unwrap().starts_with("text/html"));
        assert_eq!(
            r.header("cache-control").as_deref(),
            Some("no-cache"),
            "{path}"
        );
    }

    // A chunk of an older build: gone, and said so.
    let r = app.get("/split_stats-0000000000000000.wasm", None).await;
    r.expect(404);
    assert!(!r
        .header("content-type")
        .unwrap_or_default()
        .starts_with("text/html"));
    assert!(r.header("cache-control").is_none());
}

/// The release build's `.br` and `.gz` beside a file are sent as they are to a browser that
/// takes them (brotli first), the plain file to one that takes neither, each with
/// `Vary: Accept-Encoding`; a file without them is compressed on the fly, once.
#[tokio::test]
async fn precompressed_files_are_served_by_accept_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let wasm = "split_stats-9f8474cfbdf64be0.wasm";
    let plain: Vec<u8> = (0..4096u32).flat_map(|i| (i % 251).to_le_bytes()).collect();
    let files: [(String, Vec<u8>); 5] = [
        (
            "index.html".into(),
            b"<!DOCTYPE html><html><head></head><body></body></html>".to_vec(),
        ),
        (wasm.into(), plain.clone()),
        (format!("{wasm}.br"), b"brotli bytes".to_vec()),
        (format!("{wasm}.gz"), b"gzip bytes".to_vec()),
        // Only a plain file: the compression layer's work.
        (
            "style-0123456789abcdef.css".into(),
            b"body{color:red}".repeat(100),
        ),
    ];
    for (name, bytes) in &files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let app = TestApp::with_config(Config {
        static_dir: Some(dir.path().to_path_buf()),
        ..Config::default()
    })
    .await;
    let fetch = |path: String, accept: Option<&'static str>| {
        let call = Call::new(Method::GET, &path);
        let call = match accept {
            Some(a) => call.header("accept-encoding", a),
            None => call,
        };
        app.send(call)
    };
    let path = format!("/{wasm}");
    for (accept, encoding, body) in [
        (
            Some("gzip, deflate, br, zstd"),
            Some("br"),
            &b"brotli bytes"[..],
        ),
        (Some("br"), Some("br"), b"brotli bytes"),
        (Some("gzip, deflate"), Some("gzip"), b"gzip bytes"),
        (Some("br;q=0.5, gzip"), Some("gzip"), b"gzip bytes"),
        (Some("identity"), None, &plain[..]),
        (None, None, &plain[..]),
    ] {
        let r = fetch(path.clone(), accept).await;
        r.expect(200);
        assert_eq!(
            r.header("content-encoding").as_deref(),
            encoding,
            "{accept:?}"
        );
        assert_eq!(r.body, body, "{accept:?}");
        assert!(
            r.header("content-type")
                .unwrap()
                .contains("application/wasm"),
            "{accept:?}"
        );
        let vary: Vec<_> = r.headers.get_all("vary").iter().collect();
        assert_eq!(vary.len(), 1, "{accept:?}: {vary:?}");
        assert_eq!(
            vary[0].to_str().unwrap().to_ascii_lowercase(),
            "accept-encoding"
        );
        assert_eq!(
            r.header("cache-control").as_deref(),
            Some("public, max-age=31536000, immutable")
        );
    }

    // No `.br` beside the stylesheet: compressed by the server, said once in Vary.
    let r = fetch("/style-0123456789abcdef.css".into(), Some("gzip")).await;
    r.expect(200);
    assert_eq!(r.header("content-encoding").as_deref(), Some("gzip"));
    assert!(r.body.len() < 1500, "{} bytes", r.body.len());
    assert_eq!(r.headers.get_all("vary").iter().count(), 1);
}
