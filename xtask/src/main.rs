//! `cargo xtask run` — install what is missing, build the SPA, start the reference server with
//! demo data on http://127.0.0.1:8080.
//! `cargo xtask test` — install what the tests need and run every check, ending with one line
//! `N passed, M failed`.
//! `cargo xtask bench` — print the bundle sizes and the time to an interactive login form.
//! `cargo xtask build` — only build the SPA into `dist/` (split into chunks) and print its sizes.
//! `cargo xtask fault` — only the fault tests (server killed under load; SQLite and PostgreSQL).
//! `cargo xtask conformance --base-url URL --user U --password P` — the contract conformance
//! kit against any backend: the black-box suite (`conformance/`) and schemathesis.

mod compress;
mod css;
mod fault;
mod merge;
mod pg;
mod proc;
mod serve;
mod split;
mod tools;

use proc::{free_port, http, root_dir, run, run_tee, spawn, wait_http_ok, Guard, Step};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const USAGE: &str = "usage: cargo xtask <run [--port N] [--database-url URL] | test | bench | build | fault | conformance --base-url URL [--user USER] --password PASSWORD [--role-user ROLE=USER:PASSWORD]... | spa-on-mock>";
const SERVER_BIN: &str = "portal-server";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => cmd_run(&args[1..]),
        Some("test") => cmd_test(),
        Some("bench") => cmd_bench(),
        Some("build") => cmd_build(),
        Some("fault") => cmd_fault(),
        Some("conformance") => cmd_conformance(&args[1..]),
        Some("spa-on-mock") => cmd_spa_on_mock(),
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

/// Builds the SPA in release into `dist/`: trunk, then the split into chunks (`split.rs`).
fn build_spa() -> Result<split::Bundle, String> {
    split::build_spa()
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
    /// Each failed step with why: its failing tests, or the check's error. The summary at the
    /// end repeats them, so the last lines of a long run say what went wrong.
    failures: Vec<String>,
}

/// At most `max` characters of `text` on one line, with `…` when cut.
fn one_line(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &flat[..i]),
        None => flat,
    }
}

/// The names of the tests a cargo test / wasm-bindgen-test-runner output reports as failed.
fn failed_tests(out: &str) -> Vec<&str> {
    out.lines()
        .filter_map(|l| {
            l.trim()
                .strip_prefix("test ")
                .and_then(|rest| rest.strip_suffix(" ... FAILED"))
        })
        .collect()
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
            let tests = failed_tests(out);
            self.failures.push(if tests.is_empty() {
                name.to_string()
            } else {
                format!("{name} ({})", one_line(&tests.join(", "), 600))
            });
        }
    }

    fn add_check(&mut self, name: &str, result: Result<(), String>) {
        match result {
            Ok(()) => self.passed += 1,
            Err(e) => {
                eprintln!("✗ {name}: {e}");
                self.failed += 1;
                self.failures
                    .push(format!("{name}: {}", one_line(&e, 1500)));
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
    tool_steps.push(tools::prism);
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
    // The SPA: as the browser tests compile it, and as the split release build does (code
    // only `--cfg portal_split` compiles; its tests are not built that way).
    let clippy_spa = |all_targets: bool, env: &[(&str, &str)]| {
        let mut args = vec![
            "clippy",
            "-p",
            "portal-admin",
            "--target",
            "wasm32-unknown-unknown",
        ];
        if all_targets {
            args.push("--all-targets");
        }
        args.extend(["--", "-D", "warnings"]);
        run("cargo", &args, env)
    };
    eprintln!("── clippy (SPA, wasm32)");
    tally.add_check("clippy wasm32", clippy_spa(true, &[]));
    eprintln!("── clippy (SPA, wasm32, as the split release build compiles it)");
    tally.add_check(
        "clippy wasm32 split",
        split::split_rustflags().and_then(|flags| clippy_spa(false, &[("RUSTFLAGS", &flags)])),
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
    let spa = build_spa().map(|_| ());
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
    if spa_ok {
        let t = Instant::now();
        tally.add_check("SPA on the Prism mock of openapi.yaml", spa_on_mock());
        eprintln!("── SPA on the mock: {:.0} s", t.elapsed().as_secs_f64());
    }
    if server_ok {
        tally.add_check("fault test: SIGKILL under load (SQLite)", fault_test(None));
        if let Ok(c) = &cluster {
            tally.add_check(
                "fault test: SIGKILL and PostgreSQL stopped under load",
                fault_test(Some(c)),
            );
        }
        let t = Instant::now();
        tally.add_check(
            "conformance kit against the reference server (SQLite)",
            conformance_reference(&[]),
        );
        eprintln!(
            "── conformance kit (SQLite): {:.0} s",
            t.elapsed().as_secs_f64()
        );
        if let Ok(c) = &cluster {
            let t = Instant::now();
            let url = c.create_database("conformance");
            tally.add_check(
                "conformance kit against the reference server (PostgreSQL)",
                url.and_then(|url| conformance_reference(&["--database-url", &url])),
            );
            eprintln!(
                "── conformance kit (PostgreSQL): {:.0} s",
                t.elapsed().as_secs_f64()
            );
        }
    }
    drop(cluster);
    eprintln!("── finished in {:.0} s", started.elapsed().as_secs_f64());
    if !tally.failures.is_empty() {
        for failure in &tally.failures {
            eprintln!("failed: {failure}");
        }
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

/// Injected first into the `<head>` of the SPA served on the mock: records uncaught errors,
/// unhandled promise rejections and Rust panics (the panic hook writes them with
/// `console.error`, "panicked at …") into `window.__portalErrors`.
const ERROR_RECORDER: &str = r#"<script>
window.__portalErrors = [];
window.addEventListener('error', function (e) {
  if (e instanceof ErrorEvent) {
    window.__portalErrors.push('uncaught ' + (e.message || 'error') + (e.filename ? ' at ' + e.filename + ':' + e.lineno : ''));
  }
}, true);
window.addEventListener('unhandledrejection', function (e) {
  var r = e.reason;
  window.__portalErrors.push('unhandled rejection: ' + String(r && (r.stack || r.message) || r));
});
(function () {
  var original = console.error;
  console.error = function () {
    var text = Array.prototype.map.call(arguments, String).join(' ');
    if (text.indexOf('panicked at') >= 0) { window.__portalErrors.push('Rust panic: ' + text); }
    return original.apply(console, arguments);
  };
})();
</script>"#;

/// `cargo xtask spa-on-mock`: the check of `xtask test` alone, on the dist/ already built.
fn cmd_spa_on_mock() -> Result<(), String> {
    if !root_dir().join("dist/index.html").exists() {
        return Err(
            "no dist/index.html: build the SPA first (cargo xtask run, or trunk build)".into(),
        );
    }
    let steps: Vec<ToolStep> = vec![tools::chromium, tools::prism];
    install(&steps, steps.len())?;
    let started = Instant::now();
    let result = spa_on_mock();
    eprintln!("── finished in {:.0} s", started.elapsed().as_secs_f64());
    result
}

/// Copies the files of `from` (one level of folders is enough for trunk's dist/) into `to`.
fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| e.to_string())?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let p = entry.map_err(|e| e.to_string())?.path();
        let target = to.join(p.file_name().unwrap_or_default());
        if p.is_dir() {
            copy_dir(&p, &target)?;
        } else {
            std::fs::copy(&p, &target).map_err(|e| format!("{}: {e}", p.display()))?;
        }
    }
    Ok(())
}

/// The built SPA against `prism mock contract/openapi.yaml` (answers generated from the
/// contract alone; the examples it has, else the schemas): every page opens without a
/// script error. The SPA is a copy of dist/ whose `<meta name="portal-api-base">` points at
/// `/mock-api`, which a small local server forwards to Prism with a session cookie.
fn spa_on_mock() -> Result<(), String> {
    eprintln!("── the SPA against `prism mock contract/openapi.yaml`");
    let dir = TempDir::new("spa-mock")?;
    let site = dir.0.join("site");
    copy_dir(&root_dir().join("dist"), &site)?;
    let index = site.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| e.to_string())?;
    let meta = r#"<meta name="portal-api-base" content="/api/v1">"#;
    if !html.contains(meta) || !html.contains("<head>") {
        return Err(format!("dist/index.html has no <head> or no {meta}"));
    }
    let html = html
        .replacen(
            meta,
            r#"<meta name="portal-api-base" content="/mock-api">"#,
            1,
        )
        .replacen("<head>", &format!("<head>\n{ERROR_RECORDER}"), 1);
    std::fs::write(&index, html).map_err(|e| e.to_string())?;

    let prism_port = free_port()?;
    let log = dir.0.join("prism.log");
    let port_arg = prism_port.to_string();
    let prism = tools::prism_bin();
    let _prism = spawn(
        prism.to_str().unwrap_or("prism"),
        &[
            "mock",
            "contract/openapi.yaml",
            "--host",
            "127.0.0.1",
            "--port",
            &port_arg,
        ],
        &[],
        "prism",
        Some(&log),
    )?;
    let prism_log = || std::fs::read_to_string(&log).unwrap_or_default();
    wait_http_ok(prism_port, "/health", Duration::from_secs(60))
        .map_err(|e| format!("{e}\nprism log:\n{}", prism_log()))?;
    let site_server = serve::start(site, "/mock-api", prism_port, "portal_session=mock")?;
    let (wd_port, _wd) = start_chromedriver()?;
    let result = run(
        "cargo",
        &[
            "run",
            "-q",
            "-p",
            "portal-e2e",
            "--bin",
            "spa-on-mock",
            "--",
            &format!("http://127.0.0.1:{}", site_server.port),
            &format!("http://127.0.0.1:{wd_port}"),
        ],
        &[],
    );
    if result.is_err() {
        // What the mock refused or found invalid in the SPA's requests.
        let complaints: Vec<String> = prism_log()
            .lines()
            .filter(|l| l.contains("error") || l.contains("Violation") || l.contains("✖"))
            .map(str::to_string)
            .collect();
        if !complaints.is_empty() {
            eprintln!("prism's complaints:\n{}", complaints.join("\n"));
        }
    }
    result
}

/// The API base the kit and schemathesis use (as `portal-conformance` reads it): an origin
/// without a path gets the contract's `/api/v1`; `http://host/` is an API at the root.
fn api_base(raw: &str) -> String {
    let raw = raw.trim();
    let after_scheme = raw.split_once("://").map(|(_, r)| r).unwrap_or(raw);
    if after_scheme.contains('/') {
        raw.trim_end_matches('/').to_string()
    } else {
        format!("{raw}/api/v1")
    }
}

/// The reference server (debug build, throw-away SQLite database, demo data) under the kit.
/// `extra` server flags: `&["--database-url", "postgres://…"]` runs it on another store.
fn conformance_reference(extra: &[&str]) -> Result<(), String> {
    let server = start_server_with("debug", "conformance", extra)?;
    let url = format!("http://127.0.0.1:{}/api/v1", server.port);
    conformance_against(&url, "admin", "Demo@2026", &[])
}

/// Runs the conformance kit against the backend at `base_url` (any backend; a started
/// reference server on PostgreSQL too): the black-box suite, then schemathesis as the given
/// user and as the chief editor. Prints one line per check and a summary line; Err when
/// anything does not conform.
fn conformance_against(
    base_url: &str,
    user: &str,
    password: &str,
    role_users: &[String],
) -> Result<(), String> {
    let base = api_base(base_url);
    run("cargo", &["build", "-q", "-p", "portal-conformance"], &[])?;
    let dir = TempDir::new("conformance")?;
    let sessions_file = dir.0.join("sessions.tsv");
    let bin = server_bin("debug").with_file_name("portal-conformance");
    let sessions_arg = sessions_file.display().to_string();
    let mut args = vec![
        "--base-url",
        &base,
        "--user",
        user,
        "--password",
        password,
        "--fuzz-sessions",
        &sessions_arg,
    ];
    for r in role_users {
        args.extend_from_slice(&["--role-user", r]);
    }
    eprintln!("── conformance 1/2: black-box suite against {base}");
    let started = Instant::now();
    let (suite_ok, out) = run_tee(bin.to_str().unwrap_or("portal-conformance"), &args, &[])?;
    let suite_summary = out
        .lines()
        .rev()
        .find(|l| l.starts_with("black-box suite:"))
        .unwrap_or("black-box suite: did not finish")
        .to_string();
    eprintln!(
        "── black-box suite: {:.0} s",
        started.elapsed().as_secs_f64()
    );

    eprintln!("── conformance 2/2: schemathesis (not_a_server_error, status_code_conformance, response_schema_conformance)");
    let sessions = std::fs::read_to_string(&sessions_file).unwrap_or_default();
    let mut fuzz = Vec::new();
    for line in sessions.lines() {
        let Some((who, cookie)) = line.split_once('\t') else {
            continue;
        };
        let started = Instant::now();
        let result = schemathesis_run(&base, cookie);
        let line = match &result {
            Ok(()) => format!("✓ [schemathesis] as {who}: conforms"),
            Err(e) => format!("✗ [schemathesis] as {who} — {e} (its report is above)"),
        };
        println!("{line} ({:.0} s)", started.elapsed().as_secs_f64());
        fuzz.push((line, result.is_ok()));
    }
    if fuzz.is_empty() {
        fuzz.push((
            "✗ [schemathesis] not run: the suite handed over no session".to_string(),
            false,
        ));
        println!("{}", fuzz[0].0);
    }
    let fuzz_failed = fuzz.iter().filter(|(_, ok)| !ok).count();
    println!("\nConformance of {base}:");
    for (line, ok) in &fuzz {
        if !ok {
            println!("  {line}");
        }
    }
    println!(
        "conformance: {}; schemathesis: {} runs, {} conform, {fuzz_failed} do not — {}",
        suite_summary,
        fuzz.len(),
        fuzz.len() - fuzz_failed,
        if suite_ok && fuzz_failed == 0 {
            "CONFORMS"
        } else {
            "DOES NOT CONFORM"
        }
    );
    if suite_ok && fuzz_failed == 0 {
        Ok(())
    } else {
        Err(format!(
            "{suite_summary}; schemathesis: {fuzz_failed} of {} runs do not conform",
            fuzz.len()
        ))
    }
}

/// schemathesis against `base` with a session cookie, the project's usual settings.
fn schemathesis_run(base: &str, cookie: &str) -> Result<(), String> {
    let hooks_dir = root_dir().join("xtask/fuzz").display().to_string();
    let schemathesis = tools::schemathesis_bin();
    let cookie_header = format!("Cookie: {cookie}");
    run(
        &schemathesis,
        &[
            "run",
            "contract/openapi.yaml",
            "--url",
            base,
            "--checks",
            "not_a_server_error,status_code_conformance,response_schema_conformance",
            "--header",
            &cookie_header,
            "--header",
            "X-Requested-With: schemathesis",
            // Logging out mid-run would turn the rest into 401s; logout has its own tests.
            "--exclude-operation-id",
            "logout",
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
    )
}

fn cmd_conformance(args: &[String]) -> Result<(), String> {
    let (mut base, mut user, mut password) = (None, "admin".to_string(), None);
    let mut role_users = Vec::new();
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| USAGE.to_string())?.clone();
        match flag.as_str() {
            "--base-url" => base = Some(value),
            "--user" => user = value,
            "--password" => password = Some(value),
            "--role-user" => role_users.push(value),
            _ => return Err(USAGE.to_string()),
        }
    }
    let base = base.ok_or_else(|| USAGE.to_string())?;
    let password = password
        .or_else(|| std::env::var("PORTAL_CONFORMANCE_PASSWORD").ok())
        .ok_or_else(|| USAGE.to_string())?;
    let steps: Vec<ToolStep> = vec![tools::schemathesis];
    install(&steps, steps.len())?;
    let started = Instant::now();
    let result = conformance_against(&base, &user, &password, &role_users);
    eprintln!(
        "── conformance finished in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
    Ok(())
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

/// One file of the bundle: kind (extension), name, and its size raw, under `gzip -9`, and as
/// the server sends it precompressed (zopfli's gzip, brotli 11; `compress.rs`).
struct Row {
    ext: String,
    name: String,
    sizes: Sizes,
}

#[derive(Clone, Copy, Default)]
struct Sizes {
    raw: u64,
    gzip9: u64,
    gz: u64,
    br: u64,
}

impl std::ops::Add for Sizes {
    type Output = Sizes;
    fn add(self, o: Sizes) -> Sizes {
        Sizes {
            raw: self.raw + o.raw,
            gzip9: self.gzip9 + o.gzip9,
            gz: self.gz + o.gz,
            br: self.br + o.br,
        }
    }
}

impl std::fmt::Display for Sizes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:>10} {:>10} {:>10} {:>10}",
            self.raw, self.gzip9, self.gz, self.br
        )
    }
}

const SIZE_COLUMNS: &str = "     raw B  gzip -9 B  sent gz B  sent br B";

/// The sizes of each file of dist/, then what the browser downloads: for the login page
/// (index.html, the CSS, the main module and the chunk loader), for the dashboard after login
/// (its chunks too), and all chunks together. "sent" is what the server sends: the
/// precompressed `.br` (to a browser that offers brotli: HTTPS, localhost) and `.gz` (one that
/// does not, as on a plain-HTTP intranet address).
fn print_bundle_sizes(dist: &Path, bundle: &split::Bundle) -> Result<(), String> {
    let mut rows = Vec::new();
    for entry in std::fs::read_dir(dist).map_err(|e| e.to_string())? {
        let p = entry.map_err(|e| e.to_string())?.path();
        let ext = p
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_string();
        if ["wasm", "js", "css", "html"].contains(&ext.as_str()) {
            let name = p
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .to_string();
            let gzip9 = gzip_size(&p)?;
            // index.html has no precompressed file: the server compresses it on the fly.
            let (gz, br) = if ext == "html" {
                (gzip9, gzip9)
            } else {
                (
                    compress::served_size(&p, compress::GZIP),
                    compress::served_size(&p, compress::BROTLI),
                )
            };
            let sizes = Sizes {
                raw: file_size(&p),
                gzip9,
                gz,
                br,
            };
            rows.push(Row { ext, name, sizes });
        }
    }
    rows.sort_by(|a, b| (&a.ext, &a.name).cmp(&(&b.ext, &b.name)));
    println!("\nRelease bundle (dist/):");
    println!("{:<6} {SIZE_COLUMNS}  file", "kind");
    let mut all = Sizes::default();
    for row in &rows {
        all = all + row.sizes;
        println!("{:<6} {}  {}", row.ext, row.sizes, row.name);
    }
    // The budget is for all of it: every file of the release build, under gzip -9.
    println!(
        "{:<6} {all}  (everything; budget 250 KB = {BUDGET_GZ} B gzip for all of it: {})",
        "total",
        budget_verdict(all.gzip9)
    );

    let size = |names: &mut dyn Iterator<Item = &str>| {
        names.fold((0, Sizes::default()), |(n, sum), name| {
            let row = rows.iter().find(|r| r.name == name);
            (n + 1, sum + row.map(|r| r.sizes).unwrap_or_default())
        })
    };
    let login: Vec<&str> = rows
        .iter()
        .filter(|r| r.ext == "css" || r.ext == "html")
        .map(|r| r.name.as_str())
        .chain([
            bundle.main_js.as_str(),
            bundle.main_wasm.as_str(),
            bundle.loader_js.as_str(),
        ])
        .collect();
    let dashboard_chunks = bundle.splits.get("dashboard").cloned().unwrap_or_default();
    let (login_n, login) = size(&mut login.iter().copied());
    let (dash_n, dash) = size(&mut dashboard_chunks.iter().map(String::as_str));
    let (chunk_n, chunks) = size(&mut bundle.chunks.iter().map(String::as_str));
    println!("\nWhat the browser downloads:");
    println!("                        {SIZE_COLUMNS}");
    println!(
        "  login page            {login}  ({login_n} files: index.html, CSS, main module {}, loader; against 250 KB gzip: {})",
        bundle.main_wasm,
        budget_verdict(login.gzip9)
    );
    println!(
        "  dashboard after login {}  (+{dash_n} chunks: {})",
        login + dash,
        dashboard_chunks.join(", ")
    );
    println!("  all chunks            {chunks}  ({chunk_n} files)");
    println!("\nChunks each page downloads:");
    println!("                 {SIZE_COLUMNS}");
    for (split, files) in &bundle.splits {
        let (_, sizes) = size(&mut files.iter().map(String::as_str));
        println!("  {split:<14} {sizes}  {}", files.join(", "));
    }
    Ok(())
}

/// The bundle budget of the foundation issue: 250 KB gzip.
const BUDGET_GZ: u64 = 256_000;

/// "within", or "OVER" with the factor, against [`BUDGET_GZ`].
fn budget_verdict(gz: u64) -> String {
    if gz <= BUDGET_GZ {
        "within".into()
    } else {
        format!("OVER, {:.1} ×", gz as f64 / BUDGET_GZ as f64)
    }
}

fn cmd_build() -> Result<(), String> {
    let tool_steps = build_tools();
    install(&tool_steps, tool_steps.len())?;
    let bundle = build_spa()?;
    print_bundle_sizes(&root_dir().join("dist"), &bundle)
}

fn cmd_bench() -> Result<(), String> {
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

#[cfg(test)]
mod tests {
    use super::{api_base, Tally};

    #[test]
    fn the_summary_names_the_failed_tests_and_the_checks_errors() {
        let mut tally = Tally::default();
        let out = "running 3 tests\ntest a_works ... ok\ntest b_breaks ... FAILED\n\
                   test c_breaks ... FAILED\n\ntest result: FAILED. 1 passed; 2 failed; 0 ignored\n";
        tally.add_test_output("browser tests", false, out);
        tally.add_check(
            "fault test",
            Err("article 7:\n  expected v3,\tfound v2".into()),
        );
        tally.add_check("server build", Ok(()));
        assert_eq!((tally.passed, tally.failed), (2, 3));
        assert_eq!(
            tally.failures,
            [
                "browser tests (b_breaks, c_breaks)",
                "fault test: article 7: expected v3, found v2"
            ]
        );
        let long = "é".repeat(2000);
        tally.add_check("long", Err(long));
        assert_eq!(tally.failures[2].chars().count(), "long: ".len() + 1500 + 1);
    }

    #[test]
    fn the_api_base_is_read_as_the_kit_reads_it() {
        assert_eq!(
            api_base("http://127.0.0.1:8241"),
            "http://127.0.0.1:8241/api/v1"
        );
        assert_eq!(
            api_base("http://127.0.0.1:8241/api/v1/"),
            "http://127.0.0.1:8241/api/v1"
        );
        assert_eq!(api_base("http://127.0.0.1:4010/"), "http://127.0.0.1:4010");
        assert_eq!(
            api_base("https://cms.example.vn/backend"),
            "https://cms.example.vn/backend"
        );
    }
}
