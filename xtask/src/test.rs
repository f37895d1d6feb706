//! `cargo xtask test`: installs what the checks need, runs every check, and ends with a table of
//! the steps (wall time, passed, failed) and one line `N passed, M failed`.

mod env;
mod lint;
mod native;
mod tally;

use crate::backup_check;
use crate::conformance;
use crate::fault;
use crate::fuzz::{self, Share};
use crate::pg;
use crate::proc::{run, run_tee, spawn, TempDir};
use crate::server::{start_server, start_server_with, DEMO_PASSWORD};
use crate::spa_on_mock;
use crate::split::{self, build_spa};
use crate::tools::{self, build_tools, install, start_chromedriver};
use native::TestBinary;
use std::time::Instant;
use tally::{minutes, Tally};

/// How long the wasm test runner waits for a whole test binary (its default, 20 s, cut slow
/// binaries short): the SPA's hundred-odd browser tests, one binary once merged, can need
/// minutes on a loaded 2-core machine; a stuck binary still fails, five minutes later.
const WASM_TEST_TIMEOUT_SECS: &str = "300";

fn cargo_tests(tally: &mut Tally, name: &str, args: &[&str], env: &[(&str, &str)]) {
    eprintln!("── {name}: cargo {}", args.join(" "));
    match run_tee("cargo", args, env) {
        Ok((ok, out)) => tally.add_test_output(name, ok, &out),
        Err(e) => tally.add_check(name, Err(e)),
    }
}

/// `cargo test` arguments: the given ones, `--no-fail-fast` (every binary runs and counts),
/// then the test harness' arguments after `--`.
fn test_args<'a>(args: &[&'a str], harness: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec!["test", "--no-fail-fast"];
    all.extend_from_slice(args);
    if !harness.is_empty() {
        all.push("--");
        all.extend_from_slice(harness);
    }
    all
}

pub fn cmd() -> Result<(), String> {
    env::sanitize()?;
    // No incremental artifacts: a run of the suite compiles each crate once, and the incremental
    // caches of the SPA, the server and their test binaries cost gigabytes of a CI disk.
    std::env::set_var("CARGO_INCREMENTAL", "0");
    let started = Instant::now();
    let mut tally = Tally::default();
    let mut tool_steps = build_tools();
    tool_steps.extend([
        tools::chromium,
        tools::sqlite3,
        tools::schemathesis,
        pg::install,
        tools::prism,
        tools::redocly,
        tools::axe,
    ]);
    let mut installed = Ok(());
    tally.timed("installing the tools", |_| {
        installed = install(&tool_steps, tool_steps.len());
    });
    installed?;
    let path = tools::tool_path();

    tally.timed("rustfmt", |t| {
        eprintln!("── formatting: cargo fmt --check");
        t.add_check(
            "cargo fmt --check",
            run("cargo", &["fmt", "--all", "--check"], &[]),
        );
    });
    tally.timed("contract lint (redocly)", |t| {
        eprintln!("── contract/openapi.yaml under Redocly's recommended rules");
        t.add_check(
            "redocly lint contract/openapi.yaml",
            lint::check().map(|_| ()),
        );
    });
    tally.timed("clippy native", |t| {
        eprintln!("── clippy (native crates)");
        let args = [
            "clippy",
            "--workspace",
            "--exclude",
            "portal-admin",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ];
        t.add_check("clippy native", run("cargo", &args, &[]));
    });
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
    tally.timed("clippy SPA (wasm32)", |t| {
        eprintln!("── clippy (SPA, wasm32)");
        t.add_check("clippy wasm32", clippy_spa(true, &[]));
    });
    tally.timed("clippy SPA (split build)", |t| {
        eprintln!("── clippy (SPA, wasm32, as the split release build compiles it)");
        // Through RUSTFLAGS, not clippy's arguments: these flags get artifacts of their own, so
        // a warm run re-checks the SPA neither here nor in the step before.
        t.add_check(
            "clippy wasm32 split",
            split::split_rustflags().and_then(|flags| clippy_spa(false, &[("RUSTFLAGS", &flags)])),
        );
    });
    // One native build of the whole workspace; the test binaries then run by themselves.
    let mut binaries = None;
    tally.timed("native build", |t| match native::build() {
        Ok(b) => {
            t.add_check(
                "native build (cargo build --workspace --all-targets)",
                Ok(()),
            );
            binaries = Some(b);
        }
        Err(e) => t.add_check("native build", Err(e)),
    });
    let binaries = binaries.unwrap_or_default();
    let built = !binaries.is_empty();
    tally.timed("native tests", |t| {
        let unit: Vec<&TestBinary> = binaries.iter().filter(|b| !b.in_crate("e2e")).collect();
        if built {
            let (ok, out) = native::run(&unit, &[], &[]);
            t.add_test_output("native tests", ok, &out);
        }
    });
    // The same API suite on PostgreSQL: a throw-away cluster, a schema per test.
    let mut cluster = Err(String::new());
    tally.timed("server API tests on PostgreSQL", |t| {
        eprintln!("── starting a throw-away PostgreSQL cluster");
        cluster = pg::Cluster::start("test");
        let api: Vec<&TestBinary> = binaries
            .iter()
            .filter(|b| b.in_crate("server") && b.name == "api")
            .collect();
        match &cluster {
            Ok(_) if built && api.len() != 1 => t.add_check(
                "server API tests on PostgreSQL",
                Err(format!("the build gave {} API suites, not one", api.len())),
            ),
            Ok(c) if built => {
                eprintln!("── server API tests on PostgreSQL");
                let (ok, out) =
                    native::run(&api, &[], &[("PORTAL_TEST_POSTGRES", &c.url("postgres"))]);
                t.add_test_output("server API tests on PostgreSQL", ok, &out);
            }
            Ok(_) => {}
            Err(e) => t.add_check("PostgreSQL cluster", Err(e.clone())),
        }
    });
    tally.timed("browser tests", |t| {
        cargo_tests(
            t,
            "browser tests (wasm-bindgen-test, headless Chromium)",
            &test_args(
                &[
                    "-p",
                    "portal-admin",
                    "--target",
                    "wasm32-unknown-unknown",
                    "--tests",
                ],
                &[],
            ),
            &[
                ("CHROMEDRIVER", tools::CHROMEDRIVER),
                ("PATH", &path),
                ("WASM_BINDGEN_TEST_TIMEOUT", WASM_TEST_TIMEOUT_SECS),
            ],
        );
    });
    let mut spa_ok = false;
    tally.timed("SPA release build", |t| {
        eprintln!("── building the SPA (release) for the end-to-end tests");
        let spa = build_spa().map(|_| ());
        spa_ok = spa.is_ok();
        t.add_check("SPA release build", spa);
    });
    let server_ok = built;
    if spa_ok && server_ok {
        tally.timed("end-to-end journeys", |t| {
            let journeys: Vec<&TestBinary> =
                binaries.iter().filter(|b| b.in_crate("e2e")).collect();
            if let Err(e) = e2e(t, &journeys) {
                t.add_check("end-to-end journeys", Err(e));
            }
        });
    }
    if spa_ok {
        tally.timed("SPA on the Prism mock", |t| {
            t.add_check(
                "SPA on the Prism mock of openapi.yaml",
                spa_on_mock::check(),
            );
        });
    }
    if server_ok {
        let cluster = cluster.as_ref().ok();
        tally.timed("fault tests (SQLite ∥ PostgreSQL)", |t| {
            fault_tests(t, cluster)
        });
        tally.timed("backup and restore (SQLite, PostgreSQL)", |t| {
            backup_tests(t, cluster)
        });
        tally.timed("conformance kit (SQLite ∥ PostgreSQL)", |t| {
            conformance_kits(t, cluster)
        });
    }
    drop(cluster);
    eprintln!(
        "── target/ holds {:.1} GB after the run",
        dir_bytes(&split::target_dir()) as f64 / 1e9
    );
    println!("{}", tally.summary(started.elapsed()));
    if tally.failed > 0 {
        std::process::exit(1);
    }
    Ok(())
}

/// The bytes of the files under `dir` (symbolic links not followed).
fn dir_bytes(dir: &std::path::Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => dir_bytes(&e.path()),
            Ok(t) if t.is_file() => e.metadata().map(|m| m.len()).unwrap_or(0),
            _ => 0,
        })
        .sum()
}

fn e2e(tally: &mut Tally, journeys: &[&TestBinary]) -> Result<(), String> {
    let server = start_server("debug", "e2e")?;
    let (wd_port, _wd) = start_chromedriver()?;
    let base = format!("http://127.0.0.1:{}", server.port);
    let wd = format!("http://127.0.0.1:{wd_port}");
    let axe = tools::axe_script();
    let axe = axe
        .to_str()
        .ok_or_else(|| format!("{} is not valid UTF-8", axe.display()))?;
    eprintln!("── end-to-end journeys (Chromium), two at a time");
    let (ok, out) = native::run(
        journeys,
        &["--test-threads=2"],
        &[
            ("PORTAL_E2E_BASE_URL", &base),
            ("PORTAL_E2E_WEBDRIVER", &wd),
            ("PORTAL_E2E_AXE", axe),
        ],
    );
    tally.add_test_output("end-to-end journeys (Chromium)", ok, &out);
    Ok(())
}

/// The fault test on SQLite and on PostgreSQL at the same time: each has its own server and
/// database, their pauses and restarts overlap, and nothing else uses the cluster meanwhile.
fn fault_tests(tally: &mut Tally, cluster: Option<&pg::Cluster>) {
    const SQLITE: &str = "fault test: SIGKILL under load (SQLite)";
    const POSTGRES: &str = "fault test: SIGKILL and PostgreSQL stopped under load";
    std::thread::scope(|scope| {
        let postgres = cluster.map(|c| scope.spawn(move || fault::check(Some(c))));
        tally.add_check(SQLITE, fault::check(None));
        if let Some(handle) = postgres {
            let result = handle
                .join()
                .unwrap_or_else(|_| Err("the fault test's thread panicked".into()));
            tally.add_check(POSTGRES, result);
        }
    });
}

/// `cargo xtask backup` and `restore` on each store, every table compared.
fn backup_tests(tally: &mut Tally, cluster: Option<&pg::Cluster>) {
    let mut stores = vec![("SQLite", None)];
    if let Some(c) = cluster {
        stores.push(("PostgreSQL", Some(c)));
    }
    for (store, cluster) in stores {
        eprintln!(
            "── backup and restore ({store}): demo data, backup, restore, every table compared"
        );
        let result = backup_check::check(cluster).map(|report| eprintln!("   {store}: {report}"));
        tally.add_check(
            &format!("backup and restore into an empty database, every table equal ({store})"),
            result,
        );
    }
}

/// The conformance kit against a reference server on SQLite, and meanwhile against one on
/// PostgreSQL: schemathesis, most of the kit's time, is one Python process that keeps less
/// than one core busy. Both run the whole black-box suite; the role families schemathesis
/// fuzzes as are shared between them (each family fuzzed once), both record every answer in one
/// folder, and the check that every operation was fuzzed past authorization reads them all
/// when both are done. The PostgreSQL run is `xtask conformance` in a child process whose
/// output is printed when it ends. Both servers start first: building the demo data under
/// the other kit's load could outlast the wait for a server.
fn conformance_kits(tally: &mut Tally, cluster: Option<&pg::Cluster>) {
    const SQLITE: &str = "conformance kit against the reference server (SQLite)";
    const POSTGRES: &str = "conformance kit against the reference server (PostgreSQL)";
    const REACH: &str =
        "schemathesis fuzzed every operation past authorization (both servers' role families)";
    let records = match TempDir::new("fuzz-records") {
        Ok(d) => d,
        Err(e) => {
            tally.add_check(SQLITE, Err(e));
            return;
        }
    };
    let record_arg = records.0.display().to_string();
    let (sqlite_share, postgres_share) = if cluster.is_some() {
        (
            Share::Part { index: 1, of: 2 },
            Share::Part { index: 2, of: 2 },
        )
    } else {
        (Share::All, Share::All)
    };
    let postgres_server = cluster.map(|c| {
        let url = c.create_database("conformance")?;
        start_server_with("debug", "conformance-pg", &["--database-url", &url])
    });
    let sqlite_server = start_server("debug", "conformance");
    let postgres = postgres_server.map(|server| {
        let server = server?;
        let log_dir = TempDir::new("conformance-pg-log")?;
        let log = log_dir.0.join("kit.log");
        let exe = crate::proc::own_exe()?;
        let base = format!("http://127.0.0.1:{}/api/v1", server.port);
        let share = postgres_share.arg();
        let mut kit = spawn(
            exe.to_str().unwrap_or("xtask"),
            &[
                "conformance",
                "--base-url",
                &base,
                "--user",
                "admin",
                "--password",
                DEMO_PASSWORD,
                conformance::KIT_BUILT,
                conformance::FUZZ_SHARE,
                &share,
                conformance::FUZZ_RECORD,
                &record_arg,
            ],
            &[],
            "conformance kit (PostgreSQL)",
            Some(&log),
        )?;
        let started = Instant::now();
        // Waited for on a thread, so that its own time is known whichever run ends first.
        let waiter = std::thread::spawn(move || {
            let status = kit.wait();
            (status, started.elapsed())
        });
        Ok::<_, String>((server, log_dir, log, waiter))
    });
    eprintln!(
        "── conformance kit (SQLite); the PostgreSQL run goes on alongside, its report follows"
    );
    let started = Instant::now();
    tally.add_check(
        SQLITE,
        sqlite_server.and_then(|server| conformance::reference(&server, sqlite_share, &records.0)),
    );
    let Some(postgres) = postgres else { return };
    let result = postgres.and_then(|(server, log_dir, log, waiter)| {
        let (status, took) = waiter
            .join()
            .map_err(|_| "the conformance kit's waiting thread panicked".to_string())?;
        drop(server);
        let report = std::fs::read_to_string(&log).unwrap_or_default();
        drop(log_dir);
        eprintln!(
            "── conformance kit (PostgreSQL), run alongside in {}: its report\n{report}",
            minutes(took)
        );
        match status {
            Ok(s) if s.success() => Ok(()),
            Ok(s) => Err(format!(
                "`xtask conformance` on PostgreSQL exited with {s}: {}",
                report
                    .lines()
                    .rev()
                    .find(|l| l.starts_with("conformance:") || l.starts_with("error:"))
                    .unwrap_or("see its report above")
            )),
            Err(e) => Err(e),
        }
    });
    tally.add_check(POSTGRES, result);
    let reach = fuzz::check_reach(&records.0).map(|report| println!("{report}"));
    if let Err(report) = &reach {
        println!("{report}");
    }
    eprintln!(
        "── both conformance kits: {} in all",
        minutes(started.elapsed())
    );
    tally.add_check(
        REACH,
        reach.map_err(|_| {
            "an operation no role family took past 401/403 (see the table above)".to_string()
        }),
    );
}

#[cfg(test)]
mod tests {
    use super::test_args;

    #[test]
    fn every_cargo_test_runs_all_binaries() {
        assert_eq!(
            test_args(&["-p", "portal-e2e"], &["--test-threads=2"]),
            [
                "test",
                "--no-fail-fast",
                "-p",
                "portal-e2e",
                "--",
                "--test-threads=2"
            ]
        );
        assert_eq!(
            test_args(&["--tests"], &[]),
            ["test", "--no-fail-fast", "--tests"]
        );
    }
}
