//! `cargo xtask run` — install what is missing, build the SPA, start the reference server with
//! demo data on http://127.0.0.1:8080.
//! `cargo xtask test` — install what the tests need and run every check, ending with one line
//! `N passed, M failed`.
//! `cargo xtask bench` — print the bundle sizes and the time to an interactive login form.
//! `cargo xtask fault` — only the fault tests (server killed under load; SQLite and PostgreSQL).

mod fault;
mod pg;
mod proc;
mod tools;

use proc::{free_port, http, root_dir, run, run_tee, spawn, wait_http_ok, Guard, Step};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const USAGE: &str =
    "usage: cargo xtask <run [--port N] [--database-url URL] | test | bench | fault>";
const SERVER_BIN: &str = "portal-server";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => cmd_run(&args[1..]),
        Some("test") => cmd_test(),
        Some("bench") => cmd_bench(),
        Some("fault") => cmd_fault(),
        _ => Err(USAGE.to_string()),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

/// The tools needed to build the SPA, as numbered steps.
type ToolStep = fn(&mut Step) -> Result<(), String>;

fn build_tools() -> Vec<ToolStep> {
    vec![
        tools::wasm_target,
        tools::trunk,
        tools::wasm_bindgen,
        tools::wasm_opt,
    ]
}

/// Runs the install steps as `[1/total] …` lines; `total` counts steps that follow them too.
fn install(steps: &[ToolStep], total: usize) -> Result<(), String> {
    for (i, f) in steps.iter().enumerate() {
        f(&mut Step {
            index: i + 1,
            total,
        })?;
    }
    Ok(())
}

/// Builds the SPA in release into `dist/` with trunk (offline, binaryen 132 on PATH).
fn build_spa() -> Result<(), String> {
    let path = tools::tool_path();
    run(
        "trunk",
        &[
            "build",
            "--release",
            "--offline",
            "--cargo-profile",
            "wasm-release",
        ],
        &[("PATH", &path)],
    )
}

fn server_bin(profile: &str) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root_dir().join("target"));
    target.join(profile).join(SERVER_BIN)
}

fn cmd_run(args: &[String]) -> Result<(), String> {
    let mut port = 8080;
    let mut database = "sqlite://data/portal.db".to_string();
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or_else(|| USAGE.to_string())?;
        match flag.as_str() {
            "--port" => port = value.parse().map_err(|_| USAGE.to_string())?,
            "--database-url" => database = value.clone(),
            _ => return Err(USAGE.to_string()),
        }
    }
    let tool_steps = build_tools();
    let total = tool_steps.len() + 3;
    install(&tool_steps, total)?;
    let mut step = Step {
        index: tool_steps.len() + 1,
        total,
    };
    step.doing("building the SPA in release with trunk");
    build_spa()?;
    step.ok("SPA built into dist/")?;
    step.index += 1;
    step.doing("building the reference server in release");
    run("cargo", &["build", "--release", "-p", SERVER_BIN], &[])?;
    step.ok("reference server built")?;
    step.index += 1;
    std::fs::create_dir_all(root_dir().join("data")).map_err(|e| e.to_string())?;
    step.ok(&format!(
        "starting the server on http://127.0.0.1:{port} (database {database}, demo data; Ctrl-C stops)"
    ))?;
    let bin = server_bin("release");
    let bind = format!("127.0.0.1:{port}");
    let mut cmd = std::process::Command::new(&bin);
    cmd.current_dir(root_dir()).args([
        "--demo",
        "--database-url",
        &database,
        "--bind",
        &bind,
        "--static-dir",
        "dist",
    ]);
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // Replace this process: Ctrl-C then reaches the server alone, which shuts down cleanly.
        let err = cmd.exec();
        Err(format!("cannot start {}: {err}", bin.display()))
    }
    #[cfg(not(unix))]
    {
        let status = cmd.status().map_err(|e| e.to_string())?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("server exited with {status}"))
        }
    }
}

/// Counts of the whole `xtask test` run.
#[derive(Default)]
struct Tally {
    passed: u64,
    failed: u64,
    failures: Vec<String>,
}

impl Tally {
    /// Adds the `test result:` lines of cargo test / wasm-bindgen-test-runner output.
    fn add_test_output(&mut self, name: &str, ok: bool, out: &str) {
        let mut counted = false;
        for line in out.lines() {
            if let Some(rest) = line.trim().strip_prefix("test result: ") {
                counted = true;
                for part in rest.split(';') {
                    let mut w = part.split_whitespace().rev();
                    let (Some(label), Some(n)) = (w.next(), w.next()) else {
                        continue;
                    };
                    let n: u64 = n.parse().unwrap_or(0);
                    match label {
                        "passed" => self.passed += n,
                        "failed" => self.failed += n,
                        _ => {}
                    }
                }
            }
        }
        if !ok {
            if !counted {
                self.failed += 1;
            }
            self.failures.push(name.to_string());
        }
    }

    fn add_check(&mut self, name: &str, result: Result<(), String>) {
        match result {
            Ok(()) => self.passed += 1,
            Err(e) => {
                eprintln!("✗ {name}: {e}");
                self.failed += 1;
                self.failures.push(name.to_string());
            }
        }
    }
}

fn cargo_tests(tally: &mut Tally, name: &str, args: &[&str], env: &[(&str, &str)]) {
    eprintln!("── {name}: cargo {}", args.join(" "));
    match run_tee("cargo", args, env) {
        Ok((ok, out)) => tally.add_test_output(name, ok, &out),
        Err(e) => tally.add_check(name, Err(e)),
    }
}

fn cmd_test() -> Result<(), String> {
    let mut tool_steps = build_tools();
    tool_steps.push(tools::chromium);
    tool_steps.push(tools::schemathesis);
    tool_steps.push(pg::install);
    install(&tool_steps, tool_steps.len())?;
    let started = Instant::now();
    let mut tally = Tally::default();
    let path = tools::tool_path();
    let browser_env: [(&str, &str); 2] = [("CHROMEDRIVER", tools::CHROMEDRIVER), ("PATH", &path)];

    eprintln!("── formatting: cargo fmt --check");
    tally.add_check(
        "cargo fmt --check",
        run("cargo", &["fmt", "--all", "--check"], &[]),
    );
    eprintln!("── clippy (native crates)");
    tally.add_check(
        "clippy native",
        run(
            "cargo",
            &[
                "clippy",
                "--workspace",
                "--exclude",
                "portal-admin",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
            &[],
        ),
    );
    eprintln!("── clippy (SPA, wasm32)");
    tally.add_check(
        "clippy wasm32",
        run(
            "cargo",
            &[
                "clippy",
                "-p",
                "portal-admin",
                "--target",
                "wasm32-unknown-unknown",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
            &[],
        ),
    );
    cargo_tests(
        &mut tally,
        "native tests",
        &[
            "test",
            "--workspace",
            "--exclude",
            "portal-e2e",
            "--all-targets",
        ],
        &[],
    );
    // The same API suite on PostgreSQL: a throw-away cluster, a schema per test.
    eprintln!("── starting a throw-away PostgreSQL cluster");
    let cluster = pg::Cluster::start("test");
    match &cluster {
        Ok(c) => cargo_tests(
            &mut tally,
            "server API tests on PostgreSQL",
            &["test", "-p", "portal-server", "--test", "api"],
            &[("PORTAL_TEST_POSTGRES", &c.url("postgres"))],
        ),
        Err(e) => tally.add_check("PostgreSQL cluster", Err(e.clone())),
    }
    cargo_tests(
        &mut tally,
        "browser tests (wasm-bindgen-test, headless Chromium)",
        &[
            "test",
            "-p",
            "portal-admin",
            "--target",
            "wasm32-unknown-unknown",
            "--tests",
        ],
        &browser_env,
    );
    eprintln!("── building the SPA (release) for the end-to-end tests");
    let spa = build_spa();
    let spa_ok = spa.is_ok();
    tally.add_check("SPA release build", spa);
    let server = run("cargo", &["build", "-p", SERVER_BIN], &[]);
    let server_ok = server.is_ok();
    tally.add_check("server build", server);
    if spa_ok && server_ok {
        match e2e(&mut tally) {
            Ok(()) => {}
            Err(e) => tally.add_check("end-to-end journeys", Err(e)),
        }
    }
    if server_ok {
        tally.add_check("fault test: SIGKILL under load (SQLite)", fault_test(None));
        if let Ok(c) = &cluster {
            tally.add_check(
                "fault test: SIGKILL and PostgreSQL stopped under load",
                fault_test(Some(c)),
            );
        }
        tally.add_check(
            "schemathesis contract fuzzing (SQLite)",
            fuzz_contract(None),
        );
        if let Ok(c) = &cluster {
            let db = c.create_database("fuzz");
            tally.add_check(
                "schemathesis contract fuzzing (PostgreSQL)",
                db.and_then(|url| fuzz_contract(Some(&url))),
            );
        }
    }
    drop(cluster);
    eprintln!("── finished in {:.0} s", started.elapsed().as_secs_f64());
    if !tally.failures.is_empty() {
        eprintln!("failed: {}", tally.failures.join(", "));
    }
    println!("{} passed, {} failed", tally.passed, tally.failed);
    if tally.failed > 0 {
        std::process::exit(1);
    }
    Ok(())
}

/// A reference server on a free port with a throw-away database and demo data.
struct TestServer {
    port: u16,
    _guard: Guard,
    _dir: TempDir,
}

fn start_server(profile: &str, name: &'static str) -> Result<TestServer, String> {
    start_server_with(profile, name, &[])
}

/// Starts the server on a throw-away database with demo data and `extra` flags.
fn start_server_with(
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

fn start_chromedriver() -> Result<(u16, Guard), String> {
    let port = free_port()?;
    let guard = spawn(
        tools::CHROMEDRIVER,
        &[&format!("--port={port}")],
        &[],
        "chromedriver",
        None,
    )?;
    wait_http_ok(port, "/status", Duration::from_secs(30))?;
    Ok((port, guard))
}

fn e2e(tally: &mut Tally) -> Result<(), String> {
    let server = start_server("debug", "e2e")?;
    let (wd_port, _wd) = start_chromedriver()?;
    let base = format!("http://127.0.0.1:{}", server.port);
    let wd = format!("http://127.0.0.1:{wd_port}");
    cargo_tests(
        tally,
        "end-to-end journeys (Chromium)",
        &["test", "-p", "portal-e2e", "--", "--test-threads=2"],
        &[
            ("PORTAL_E2E_BASE_URL", &base),
            ("PORTAL_E2E_WEBDRIVER", &wd),
        ],
    );
    Ok(())
}

/// Logs in as a demo user and returns the session cookie (`name=value`).
fn demo_cookie(port: u16, user: &str) -> Result<String, String> {
    let body = format!(r#"{{"username":"{user}","password":"Demo@2026"}}"#);
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

/// `cargo xtask fault`: only the fault tests, on SQLite and on a throw-away PostgreSQL.
fn cmd_fault() -> Result<(), String> {
    install(&[pg::install], 1)?;
    run("cargo", &["build", "-p", SERVER_BIN], &[])?;
    fault_test(None)?;
    let cluster = pg::Cluster::start("fault")?;
    fault_test(Some(&cluster))
}

/// The fault test on a throw-away SQLite file, or on a new database of `cluster`.
fn fault_test(cluster: Option<&pg::Cluster>) -> Result<(), String> {
    eprintln!("── fault test: writes while the server is killed and restarted");
    let dir = TempDir::new("fault")?;
    let db = match cluster {
        Some(c) => c.create_database("fault")?,
        None => format!("sqlite://{}", dir.0.join("portal.db").display()),
    };
    let report = fault::run(&server_bin("debug"), &db, &dir.0, cluster)?;
    eprintln!("   {report}");
    Ok(())
}

/// Schemathesis against a reference server on a throw-away SQLite file, or on `database_url`.
fn fuzz_contract(database_url: Option<&str>) -> Result<(), String> {
    eprintln!("── schemathesis against a running reference server");
    let server = match database_url {
        Some(url) => start_server_with("debug", "fuzz", &["--database-url", url])?,
        None => start_server("debug", "fuzz")?,
    };
    let url = format!("http://127.0.0.1:{}/api/v1", server.port);
    let hooks_dir = root_dir().join("xtask/fuzz").display().to_string();
    let schemathesis = tools::schemathesis_bin();
    let mut failures = Vec::new();
    // The board's broadest role, then the administrator: between them every route answers 2xx.
    // Both log in first: the fuzzed logins soon (rightly) throttle this client's address.
    let users = ["chief", "admin"];
    let mut cookies = Vec::new();
    for user in users {
        cookies.push(demo_cookie(server.port, user)?);
    }
    for (user, cookie) in users.iter().zip(cookies) {
        let cookie_header = format!("Cookie: {cookie}");
        let result = run(
            &schemathesis,
            &[
                "run",
                "contract/openapi.yaml",
                "--url",
                &url,
                "--checks",
                "not_a_server_error,status_code_conformance,response_schema_conformance",
                "--header",
                &cookie_header,
                "--header",
                "X-Requested-With: schemathesis",
                // Logging out mid-run would turn the rest into 401s; logout has its own tests.
                "--exclude-operation-id",
                "logout",
                // Likewise ending sessions by number (the fuzzer's own among them).
                "--exclude-operation-id",
                "endSession",
                "--max-examples",
                "40",
                "--workers",
                "2",
                "--suppress-health-check",
                "all",
                "--seed",
                "20261122",
                "--no-color",
            ],
            &[
                ("PYTHONPATH", &hooks_dir),
                ("SCHEMATHESIS_HOOKS", "portal_fuzz_hooks"),
            ],
        );
        if let Err(e) = result {
            failures.push(format!("as {user}: {e}"));
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("; "))
    }
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

fn gzip_size(path: &Path) -> Result<u64, String> {
    let out = std::process::Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .map_err(|e| format!("gzip: {e}"))?;
    Ok(out.stdout.len() as u64)
}

fn cmd_bench() -> Result<(), String> {
    let mut tool_steps = build_tools();
    tool_steps.push(tools::chromium);
    install(&tool_steps, tool_steps.len())?;
    build_spa()?;
    let dist = root_dir().join("dist");
    let mut rows = Vec::new();
    for entry in std::fs::read_dir(&dist).map_err(|e| e.to_string())? {
        let p = entry.map_err(|e| e.to_string())?.path();
        let ext = p
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_string();
        if ["wasm", "js", "css", "html"].contains(&ext.as_str()) {
            rows.push((ext, p.clone(), file_size(&p), gzip_size(&p)?));
        }
    }
    rows.sort();
    println!("\nRelease bundle (dist/):");
    println!("{:<6} {:>10} {:>10}  file", "kind", "raw B", "gzip -9 B");
    let (mut raw, mut gz) = (0, 0);
    for (ext, p, r, g) in &rows {
        raw += r;
        gz += g;
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        println!("{ext:<6} {r:>10} {g:>10}  {name}");
    }
    println!(
        "{:<6} {raw:>10} {gz:>10}  (budget: 250 KB = 256000 B gzip; {})",
        "total",
        if gz <= 256_000 { "within" } else { "OVER" }
    );

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
    let (wd_port, _wd) = start_chromedriver()?;
    let webdriver = format!("http://127.0.0.1:{wd_port}");
    {
        let server = start_server("release", "bench")?;
        run(
            "cargo",
            &[
                "run",
                "--release",
                "-q",
                "-p",
                "portal-e2e",
                "--bin",
                "login-bench",
                "--",
                &format!("http://127.0.0.1:{}", server.port),
                &webdriver,
            ],
            &[],
        )?;
    }
    {
        // The demo's 18 months of traffic: the stats page's year chart.
        let server = start_server("release", "chart-bench")?;
        run(
            "cargo",
            &[
                "run",
                "--release",
                "-q",
                "-p",
                "portal-e2e",
                "--bin",
                "chart-bench",
                "--",
                &format!("http://127.0.0.1:{}", server.port),
                &webdriver,
            ],
            &[],
        )?;
    }
    let started = Instant::now();
    let server = start_server_with("release", "board-bench", &["--demo-articles", "2000"])?;
    println!(
        "\nServer with 2,000 demo articles ready in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    run(
        "cargo",
        &[
            "run",
            "--release",
            "-q",
            "-p",
            "portal-e2e",
            "--bin",
            "board-bench",
            "--",
            &format!("http://127.0.0.1:{}", server.port),
            &webdriver,
        ],
        &[],
    )
}

/// Visitor statistics: ingestion under load and the year's queries over ~10 million raw events
/// (generated once into `target/bench/`, then reused).
fn stats_bench() -> Result<(), String> {
    let bench = root_dir()
        .join("target")
        .join("release")
        .join("stats-bench");
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

/// A temporary folder removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Result<Self, String> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let p = std::env::temp_dir().join(format!("portal-{name}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&p).map_err(|e| format!("cannot create {}: {e}", p.display()))?;
        Ok(Self(p))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
