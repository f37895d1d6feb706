//! `cargo xtask bench`: the bundle sizes, the statistics queries over ~10 million events, the
//! media library (a 24-megapixel photo's variants, a 200 MB upload and the server's memory
//! meanwhile), and the time to an interactive login form, the stats chart and a 2,000-article
//! board.

use crate::proc::{root_dir, run};
use crate::server::{
    demo_cookie, server_bin, start_server, start_server_with, TestServer, SERVER_BIN,
};
use crate::sizes::print_bundle_sizes;
use crate::split::build_spa;
use crate::tools::{self, build_tools, install, start_chromedriver};
use std::time::Instant;

pub fn cmd() -> Result<(), String> {
    let mut tool_steps = build_tools();
    tool_steps.push(tools::chromium);
    install(&tool_steps, tool_steps.len())?;
    let bundle = build_spa()?;
    print_bundle_sizes(&root_dir().join("dist"), &bundle)?;

    run(
        "cargo",
        &["build", "--release", "-p", SERVER_BIN, "--bins"],
        &[],
    )?;
    run(
        "cargo",
        &["build", "--release", "-q", "-p", "portal-e2e", "--bins"],
        &[],
    )?;
    stats_bench()?;
    media_bench()?;
    abuse_bench()?;
    let (wd_port, _wd) = start_chromedriver()?;
    let webdriver = format!("http://127.0.0.1:{wd_port}");
    {
        let server = start_server("release", "bench")?;
        browser_bench("login-bench", &server, &webdriver)?;
    }
    {
        // The demo's 18 months of traffic: the stats page's year chart.
        let server = start_server("release", "chart-bench")?;
        browser_bench("chart-bench", &server, &webdriver)?;
    }
    let started = Instant::now();
    let server = start_server_with("release", "board-bench", &["--demo-articles", "2000"])?;
    println!(
        "\nServer with 2,000 demo articles ready in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    browser_bench("board-bench", &server, &webdriver)
}

/// One of the e2e crate's benchmark programs, in release, against `server` in Chromium.
fn browser_bench(bin: &str, server: &TestServer, webdriver: &str) -> Result<(), String> {
    run(
        "cargo",
        &[
            "run",
            "--release",
            "-q",
            "-p",
            "portal-e2e",
            "--bin",
            bin,
            "--",
            &format!("http://127.0.0.1:{}", server.port),
            webdriver,
        ],
        &[],
    )
}

/// The media library: the variants of a 24-megapixel photo, and a 200 MB video uploaded to a
/// running server while its memory is watched.
fn media_bench() -> Result<(), String> {
    let bench = server_bin("release").with_file_name("media-bench");
    let bench = bench.to_str().unwrap_or("media-bench");
    run(bench, &["variants"], &[])?;
    let server = start_server("release", "media-bench")?;
    let cookie = demo_cookie(server.port, "editor")?;
    run(
        bench,
        &[
            "upload",
            &format!("http://127.0.0.1:{}", server.port),
            &cookie,
            &server.pid().to_string(),
        ],
        &[],
    )
}

/// A server under abuse (issue #18): a login flood with 1 MB usernames, then a minute of
/// beacons from random addresses, agents, pages and article ids (each on a fresh server).
fn abuse_bench() -> Result<(), String> {
    let bench = server_bin("release").with_file_name("abuse-bench");
    let bench = bench.to_str().unwrap_or("abuse-bench");
    {
        let server = start_server("release", "abuse-logins")?;
        let base = format!("http://127.0.0.1:{}", server.port);
        run(bench, &["logins", &base, &server.pid().to_string()], &[])?;
    }
    let server = start_server_with("release", "abuse-beacons", &["--trust-proxy"])?;
    let base = format!("http://127.0.0.1:{}", server.port);
    run(
        bench,
        &["beacons", &base, &server.pid().to_string(), "60", "20000"],
        &[],
    )
}

/// Visitor statistics: ingestion under load and the year's queries over ~10 million raw events
/// (generated once into `target/bench/`, then reused).
fn stats_bench() -> Result<(), String> {
    let bench = server_bin("release").with_file_name("stats-bench");
    let bench = bench.to_str().unwrap_or("stats-bench");
    let dir = root_dir().join("target").join("bench");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let db = format!("sqlite://{}", dir.join("stats-10m.db").display());
    let started = Instant::now();
    run(bench, &["generate", &db, "10000000"], &[])?;
    println!(
        "\nStatistics database with ~10 million raw events ready in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    let server = start_server_with(
        "release",
        "stats-bench",
        &[
            "--database-url",
            &db,
            "--trust-proxy",
            "--demo-traffic-days",
            "0",
            "--stats-retention-days",
            "3660",
        ],
    )?;
    let cookie = demo_cookie(server.port, "chief")?;
    run(
        bench,
        &[
            "load",
            &format!("http://127.0.0.1:{}", server.port),
            &cookie,
        ],
        &[],
    )
}
