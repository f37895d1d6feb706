//! The built SPA's files: client routes get `index.html`, a missing file is a 404 (never
//! `index.html` served as a chunk), content-hashed files are cached for good and the rest is
//! revalidated, each with its media type.

use crate::common::*;
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
