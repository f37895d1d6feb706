//! The access log and beacons, in a test binary of its own: `tracing` caches per call site
//! whether anyone listens, so a subscriber set for one test cannot be relied on while other
//! tests of the same process run on other threads.

#[path = "api/common.rs"]
mod common;

use axum::http::Method;
use common::*;
use serde_json::json;

const CHROME_WIN: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
const IP_CAFE: &str = "113.161.44.201";

#[tokio::test]
async fn malformed_beacons_get_400_oversized_413_and_are_not_logged() {
    use std::io::Write;
    use std::sync::{Arc, Mutex};
    #[derive(Clone, Default)]
    struct Buf(Arc<Mutex<Vec<u8>>>);
    impl Write for Buf {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let buf = Buf::default();
    let writer = buf.clone();
    let subscriber = tracing_subscriber::fmt()
        // The level the server logs at by default (`RUST_LOG` unset: info).
        .with_max_level(tracing::Level::INFO)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let app = TestApp::new().await;
    let bad: [&[u8]; 9] = [
        b"{not json",
        b"[]",
        b"null",
        br#"{"path": 42}"#,
        br#"{"path": "/", "width": "wide"}"#,
        br#"{"path": "/", "ip": "1.2.3.4"}"#,
        br#"{"path": "https://evil.example/"}"#,
        br#"{"path": "/", "article_id": -3}"#,
        br#"{"referrer": "https://x.vn/"}"#,
    ];
    for body in bad {
        let res = app
            .send(
                Call::new(Method::POST, "/api/v1/collect")
                    .no_csrf()
                    .header("user-agent", CHROME_WIN)
                    .header("x-forwarded-for", IP_CAFE)
                    .raw(Some("text/plain"), body.to_vec()),
            )
            .await;
        assert_eq!(
            res.status.as_u16(),
            400,
            "{}",
            String::from_utf8_lossy(body)
        );
        res.problem();
    }
    let long_path = format!("/{}", "a".repeat(600));
    let res = beacon(&app, IP_CAFE, CHROME_WIN, json!({"path": long_path})).await;
    assert_eq!(res.status.as_u16(), 400);
    let res = beacon(
        &app,
        IP_CAFE,
        CHROME_WIN,
        json!({"path": "/", "referrer": "x".repeat(3000)}),
    )
    .await;
    assert_eq!(res.status.as_u16(), 413, "over 2 KB");
    res.problem();
    let huge = vec![b' '; 2 * 1024 * 1024];
    let res = app
        .send(
            Call::new(Method::POST, "/api/v1/collect")
                .no_csrf()
                .raw(Some("text/plain"), huge),
        )
        .await;
    assert_eq!(res.status.as_u16(), 413);
    // Hostile strings that are valid are counted as text, never interpreted.
    view(
        &app,
        IP_CAFE,
        CHROME_WIN,
        json!({"path": "/<script>alert(1)</script>/😀/مرحبا"}),
    )
    .await;
    // The access log works (the control request is in it) but holds no beacon.
    app.get("/api/v1/health", None).await;
    let logs = String::from_utf8_lossy(&buf.0.lock().unwrap()).to_string();
    assert_eq!(
        logs.matches("finished processing request").count(),
        1,
        "only the control request is in the access log, no beacon:\n{logs}"
    );
    assert!(!logs.contains("/collect"), "{logs}");
    assert_eq!(
        app.state.stats.take_refused(),
        12,
        "counted for the aggregate report"
    );
    let stored: i64 = app.db.int("SELECT COUNT(*) FROM stats_events", &[]).await;
    assert_eq!(stored, 1, "nothing of the refused beacons was written");
}
