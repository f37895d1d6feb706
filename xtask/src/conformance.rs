//! `cargo xtask conformance` (and two checks of `cargo xtask test`): the contract conformance
//! kit, the black-box suite (`conformance/`) then schemathesis, against any backend.

use crate::proc::{root_dir, run, run_tee, TempDir};
use crate::server::{server_bin, TestServer, DEMO_PASSWORD};
use crate::tools::{self, install, ToolStep};
use crate::USAGE;
use std::time::Instant;

/// The kit's package: the black-box suite's client.
pub const KIT: &str = "portal-conformance";

/// Given by `cargo xtask test` to the kit it runs on PostgreSQL: the test built the kit with
/// the server (one feature resolution), so a build of the kit alone would compile it again.
pub const KIT_BUILT: &str = "--kit-built";

/// Given by `cargo xtask test` to the kit it runs on PostgreSQL: schemathesis there fuzzes as
/// the other roles only, while the SQLite run fuzzes as the given user (see [`Fuzz`]).
pub const FUZZ_ROLES_ONLY: &str = "--fuzz-roles-only";

/// Whose sessions schemathesis fuzzes with: a run per session costs a minute or two, so
/// `cargo xtask test` shares them between its two engines, every session fuzzed once.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Fuzz {
    /// The given user's and every role user's.
    Everyone,
    /// The given user's only.
    GivenUser,
    /// The role users' only.
    RolesOnly,
}

impl Fuzz {
    /// Whether the session of `who` (a line of the kit's sessions file) is fuzzed.
    fn includes(self, who: &str, given_user: &str) -> bool {
        match self {
            Fuzz::Everyone => true,
            Fuzz::GivenUser => who == given_user,
            Fuzz::RolesOnly => who != given_user,
        }
    }
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

/// The kit (built) against a started reference server, as its demo administrator.
pub fn reference(server: &TestServer, fuzz: Fuzz) -> Result<(), String> {
    let url = format!("http://127.0.0.1:{}/api/v1", server.port);
    against(&url, "admin", DEMO_PASSWORD, &[], fuzz)
}

/// Runs the conformance kit (built) against the backend at `base_url` (any backend; a started
/// reference server on PostgreSQL too): the black-box suite, then schemathesis as the given
/// user and as the chief editor. Prints one line per check and a summary line; Err when
/// anything does not conform.
pub fn against(
    base_url: &str,
    user: &str,
    password: &str,
    role_users: &[String],
    fuzz_as: Fuzz,
) -> Result<(), String> {
    let base = api_base(base_url);
    let dir = TempDir::new("conformance")?;
    let sessions_file = dir.0.join("sessions.tsv");
    let bin = server_bin("debug").with_file_name(KIT);
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
        if !fuzz_as.includes(who, user) {
            eprintln!("── schemathesis as {who}: fuzzed by the other engine's run");
            continue;
        }
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
            // "Check every link now" may take up to three link timeouts (30 s by default) on a
            // network where the demo's links hang; schemathesis's own 10 s called it an error.
            "--request-timeout",
            "45",
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

pub fn cmd(args: &[String]) -> Result<(), String> {
    let (mut base, mut user, mut password) = (None, "admin".to_string(), None);
    let mut role_users = Vec::new();
    let kit_built = args.iter().any(|a| a == KIT_BUILT);
    let fuzz = if args.iter().any(|a| a == FUZZ_ROLES_ONLY) {
        Fuzz::RolesOnly
    } else {
        Fuzz::Everyone
    };
    let mut it = args
        .iter()
        .filter(|a| *a != KIT_BUILT && *a != FUZZ_ROLES_ONLY);
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
    if !kit_built {
        run("cargo", &["build", "-q", "-p", KIT], &[])?;
    }
    let started = Instant::now();
    let result = against(&base, &user, &password, &role_users, fuzz);
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

#[cfg(test)]
mod tests {
    use super::{api_base, Fuzz};

    #[test]
    fn the_two_engines_runs_fuzz_every_session_once() {
        for who in ["admin", "conf1-chief-editor", "conf1-author"] {
            let runs = [Fuzz::GivenUser, Fuzz::RolesOnly]
                .iter()
                .filter(|f| f.includes(who, "admin"))
                .count();
            assert_eq!(runs, 1, "{who}");
            assert!(Fuzz::Everyone.includes(who, "admin"));
        }
        assert!(Fuzz::GivenUser.includes("admin", "admin"));
        assert!(!Fuzz::RolesOnly.includes("admin", "admin"));
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
