//! The reference server as a child process of the checks: its binary, a start on a throw-away
//! database with demo data, and a demo user's session.

use crate::proc::{free_port, http, spawn, wait_http_ok, Guard, TempDir};
use crate::split::target_dir;
use std::path::PathBuf;
use std::time::Duration;

pub const SERVER_BIN: &str = "portal-server";

/// The password of every demo user.
pub const DEMO_PASSWORD: &str = "Demo@2026";

/// The server binary cargo built in `profile` (`debug`, `release`).
pub fn server_bin(profile: &str) -> PathBuf {
    target_dir().join(profile).join(SERVER_BIN)
}

/// A reference server on a free port with a throw-away database and demo data.
pub struct TestServer {
    pub port: u16,
    _guard: Guard,
    _dir: TempDir,
}

impl TestServer {
    /// The server process's id (its memory is read from `/proc`).
    pub fn pid(&self) -> u32 {
        self._guard.pid()
    }
}

pub fn start_server(profile: &str, name: &'static str) -> Result<TestServer, String> {
    start_server_with(profile, name, &[])
}

/// Starts the server on a throw-away database with demo data and `extra` flags.
pub fn start_server_with(
    profile: &str,
    name: &'static str,
    extra: &[&str],
) -> Result<TestServer, String> {
    let dir = TempDir::new(name)?;
    let port = free_port()?;
    let db = format!("sqlite://{}", dir.0.join("portal.db").display());
    let bind = format!("127.0.0.1:{port}");
    let bin = server_bin(profile);
    let log = dir.0.join("server.log");
    let mut args = vec!["--demo", "--bind", &bind, "--static-dir", "dist"];
    // A given database (the stats bench's, say) replaces the throw-away one.
    if !extra.contains(&"--database-url") {
        args.extend_from_slice(&["--database-url", &db]);
    }
    args.extend_from_slice(extra);
    let guard = spawn(
        bin.to_str().unwrap_or(SERVER_BIN),
        &args,
        &[("RUST_LOG", "warn")],
        "reference server",
        Some(&log),
    )?;
    wait_http_ok(port, "/api/v1/health", Duration::from_secs(60)).map_err(|e| {
        let tail = std::fs::read_to_string(&log).unwrap_or_default();
        format!("{e}\nserver log:\n{tail}")
    })?;
    Ok(TestServer {
        port,
        _guard: guard,
        _dir: dir,
    })
}

/// Logs in as a demo user and returns the session cookie (`name=value`).
pub fn demo_cookie(port: u16, user: &str) -> Result<String, String> {
    let body = format!(r#"{{"username":"{user}","password":"{DEMO_PASSWORD}"}}"#);
    let reply = http(
        port,
        "POST",
        "/api/v1/session",
        &[
            ("Content-Type", "application/json"),
            ("X-Requested-With", "xtask"),
        ],
        &body,
    )?;
    if reply.status != 200 {
        return Err(format!(
            "demo login as {user} answered {}: {}",
            reply.status, reply.body
        ));
    }
    reply
        .headers
        .iter()
        .find(|(k, _)| k == "set-cookie")
        .and_then(|(_, v)| v.split(';').next())
        .map(str::to_string)
        .ok_or_else(|| "login set no cookie".to_string())
}
