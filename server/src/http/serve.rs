//! The accept loop: HTTP/1.1 connections with a bound on how many are open at once and on how
//! long a client may take to send a request's headers.
//!
//! Axum's own `serve` sets neither, so a few thousand idle or slow ("slowloris") connections
//! could hold the server's sockets and memory. Here:
//! - at most [`Limits::max_connections`] connections are open; a connection accepted beyond
//!   that is closed at once (the reverse proxy retries or answers 502; nothing queues);
//! - a connection must send each request's complete headers within
//!   [`Limits::header_read_timeout`], which also closes a keep-alive connection idle that long
//!   between requests (hyper starts the same timer while it waits for the next request);
//! - on shutdown, no new connection is accepted and open ones finish their request.

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};
use tower::ServiceExt;

/// The bounds of the accept loop.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_connections: usize,
    pub header_read_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_connections: 4096,
            header_read_timeout: Duration::from_secs(10),
        }
    }
}

/// Connections closed at once because the server was full, since start (reported in the log).
pub static REFUSED: AtomicU64 = AtomicU64::new(0);

/// Serves `app` on `listener` until `shutdown` completes, then waits for the open connections'
/// requests to finish.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    // Each connection watches this; dropping the sender tells them to finish.
    let (stop, stopping) = watch::channel(());
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors and the like: wait a little rather than spin.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            if REFUSED.fetch_add(1, Ordering::Relaxed).is_multiple_of(1000) {
                tracing::warn!(
                    open = limits.max_connections,
                    "connection limit reached: new connections are closed at once"
                );
            }
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let service = app
            .clone()
            .map_request(move |mut req: axum::http::Request<Incoming>| {
                req.extensions_mut().insert(ConnectInfo(peer));
                req
            });
        let mut stopping = stopping.clone();
        tokio::spawn(async move {
            let mut builder = http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_read_timeout)
                .keep_alive(true);
            let conn =
                builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
            tokio::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = stopping.changed() => {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.await;
                }
            }
            drop(slot);
        });
    }
    drop(stop);
    // Every slot back: every connection has finished (half a minute at most).
    let all = u32::try_from(limits.max_connections).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(Duration::from_secs(30), slots.acquire_many(all)).await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpStream;

    /// Reads until the peer closes or `wait` passes: the bytes read, and whether it closed.
    async fn read_until_closed(s: &mut TcpStream, wait: Duration) -> (Vec<u8>, bool) {
        let mut out = Vec::new();
        let mut buf = [0u8; 1024];
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            match tokio::time::timeout_at(deadline, s.read(&mut buf)).await {
                Ok(Ok(0)) | Ok(Err(_)) => return (out, true),
                Ok(Ok(n)) => out.extend_from_slice(&buf[..n]),
                Err(_) => return (out, false),
            }
        }
    }

    #[tokio::test]
    async fn slow_headers_are_cut_off_and_connections_beyond_the_cap_are_closed() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = Router::new().route("/", axum::routing::get(|| async { "chào" }));
        let limits = Limits {
            max_connections: 2,
            header_read_timeout: Duration::from_millis(400),
        };
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(serve(listener, app, limits, async {
            let _ = stopped.await;
        }));

        // Two slow clients hold both slots, sending half a request line.
        let mut slow_a = TcpStream::connect(addr).await.unwrap();
        let mut slow_b = TcpStream::connect(addr).await.unwrap();
        for s in [&mut slow_a, &mut slow_b] {
            s.write_all(b"GET / HT").await.unwrap();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        // A third is closed at once, unanswered.
        let mut third = TcpStream::connect(addr).await.unwrap();
        let _ = third.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").await;
        let (answer, closed) = read_until_closed(&mut third, Duration::from_millis(300)).await;
        assert!(closed && answer.is_empty(), "{answer:?}");
        // The slow ones are cut off when their headers are late.
        let (_, closed) = read_until_closed(&mut slow_a, Duration::from_secs(3)).await;
        assert!(
            closed,
            "a client that never finishes its headers is dropped"
        );
        // Their slots are free again: a normal request is answered.
        tokio::time::sleep(Duration::from_millis(100)).await;
        let mut ok = TcpStream::connect(addr).await.unwrap();
        ok.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .await
            .unwrap();
        let (answer, _) = read_until_closed(&mut ok, Duration::from_secs(3)).await;
        let text = String::from_utf8_lossy(&answer);
        assert!(text.starts_with("HTTP/1.1 200"), "{text}");
        // A keep-alive connection idle longer than the limit is closed too.
        let mut idle = TcpStream::connect(addr).await.unwrap();
        idle.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            .await
            .unwrap();
        let (_, closed) = read_until_closed(&mut idle, Duration::from_secs(3)).await;
        assert!(closed, "an idle keep-alive connection is closed");
        drop(stop);
        server.await.unwrap().unwrap();
    }
}
