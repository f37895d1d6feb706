//! A tiny web server for the SPA-on-a-mock check: serves a folder (unknown paths fall back to
//! `index.html`, as the SPA's routes need) and forwards one path prefix to a mock API,
//! adding a session cookie (the mock checks that one is sent, the SPA's is never set).

use crate::proc::read_message;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// A running server; stops when dropped.
pub struct Server {
    pub port: u16,
    stop: Arc<AtomicBool>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

/// Serves `root` on a free loopback port; requests under `prefix` go to `127.0.0.1:upstream`
/// with the prefix cut off and `Cookie: cookie` added.
pub fn start(
    root: PathBuf,
    prefix: &'static str,
    upstream: u16,
    cookie: &'static str,
) -> Result<Server, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            if flag.load(Ordering::SeqCst) {
                break;
            }
            let Ok(conn) = conn else { continue };
            let root = root.clone();
            std::thread::spawn(move || {
                let _ = handle(conn, &root, prefix, upstream, cookie);
            });
        }
    });
    Ok(Server { port, stop })
}

/// Reads one request: head (as text) and body (none without `Content-Length`).
fn read_request(conn: &mut TcpStream) -> Result<(String, Vec<u8>), String> {
    conn.set_read_timeout(Some(Duration::from_secs(30)))
        .map_err(|e| e.to_string())?;
    read_message(conn, Some(0))
}

fn handle(
    mut conn: TcpStream,
    root: &Path,
    prefix: &str,
    upstream: u16,
    cookie: &str,
) -> Result<(), String> {
    let (head, body) = read_request(&mut conn)?;
    let mut lines = head.lines();
    let request_line = lines.next().unwrap_or_default().to_string();
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or("GET"), parts.next().unwrap_or("/"));
    if let Some(rest) = target.strip_prefix(prefix) {
        // Forward to the mock: same method, headers and body; one request per connection.
        let mut up = TcpStream::connect(("127.0.0.1", upstream)).map_err(|e| e.to_string())?;
        up.set_read_timeout(Some(Duration::from_secs(30)))
            .map_err(|e| e.to_string())?;
        let path = if rest.starts_with('/') {
            rest.to_string()
        } else {
            format!("/{rest}")
        };
        let mut req = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{upstream}\r\nConnection: close\r\nCookie: {cookie}\r\n");
        for line in lines.filter(|l| !l.is_empty()) {
            let name = line
                .split(':')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            if !["host", "connection", "cookie", "keep-alive"].contains(&name.as_str()) {
                req.push_str(line);
                req.push_str("\r\n");
            }
        }
        req.push_str("\r\n");
        up.write_all(req.as_bytes()).map_err(|e| e.to_string())?;
        up.write_all(&body).map_err(|e| e.to_string())?;
        let mut answer = Vec::new();
        up.read_to_end(&mut answer).map_err(|e| e.to_string())?;
        conn.write_all(&answer).map_err(|e| e.to_string())?;
        return Ok(());
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let rel = path.trim_start_matches('/');
    let mut file = root.join(rel);
    if rel.is_empty() || rel.contains("..") || !file.is_file() {
        file = root.join("index.html");
    }
    let bytes = std::fs::read(&file).map_err(|e| e.to_string())?;
    let ct = match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "json" => "application/json",
        _ => "application/octet-stream",
    };
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {ct}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        bytes.len()
    );
    conn.write_all(head.as_bytes()).map_err(|e| e.to_string())?;
    conn.write_all(&bytes).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proc::http;

    #[test]
    fn serves_files_falls_back_to_index_and_forwards_the_prefix_with_the_cookie() {
        let root = std::env::temp_dir().join(format!("xtask-serve-{}", std::process::id()));
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(root.join("index.html"), "<html>app</html>").unwrap();
        std::fs::write(root.join("app.wasm"), b"\0asm").unwrap();
        // A fake upstream answering with what it was asked.
        let upstream = TcpListener::bind("127.0.0.1:0").unwrap();
        let up_port = upstream.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for conn in upstream.incoming().flatten() {
                let mut conn = conn;
                let (head, body) = read_request(&mut conn).unwrap();
                let echo = format!("{head}|{}", String::from_utf8_lossy(&body));
                let _ = conn.write_all(
                    format!(
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n{echo}",
                        echo.len()
                    )
                    .as_bytes(),
                );
            }
        });
        let server = start(root.clone(), "/mock-api", up_port, "portal_session=mock").unwrap();

        let r = http(server.port, "GET", "/articles/42", &[], "").unwrap();
        assert_eq!((r.status, r.body.as_str()), (200, "<html>app</html>"));
        let r = http(server.port, "GET", "/app.wasm", &[], "").unwrap();
        assert!(r
            .headers
            .contains(&("content-type".into(), "application/wasm".into())));

        let r = http(
            server.port,
            "POST",
            "/mock-api/articles?page=2",
            &[("X-Requested-With", "portal-admin"), ("Cookie", "other=1")],
            "{\"a\":1}",
        )
        .unwrap();
        assert!(
            r.body.starts_with("POST /articles?page=2 HTTP/1.1\r\n"),
            "{}",
            r.body
        );
        assert!(r.body.contains("Cookie: portal_session=mock\r\n"));
        assert!(!r.body.contains("other=1"));
        assert!(r.body.contains("X-Requested-With: portal-admin\r\n"));
        assert!(r.body.ends_with("|{\"a\":1}"));
        drop(server);
        let _ = std::fs::remove_dir_all(root);
    }
}
