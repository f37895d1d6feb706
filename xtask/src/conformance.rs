//! `cargo xtask conformance` (and two checks of `cargo xtask test`): the contract conformance
//! kit, the black-box suite (`conformance/`) then schemathesis, against any backend.

use crate::fuzz::{self, Plan, Share};
use crate::proc::{run, run_tee, TempDir};
use crate::server::{server_bin, TestServer, DEMO_PASSWORD};
use crate::tools::{self, install, ToolStep};
use crate::USAGE;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The kit's package: the black-box suite's client.
pub const KIT: &str = "portal-conformance";

/// Given by `cargo xtask test` to the kit it runs on PostgreSQL: the test built the kit with
/// the server (one feature resolution), so a build of the kit alone would compile it again.
pub const KIT_BUILT: &str = "--kit-built";

/// `--fuzz-share i/n`: fuzz as part `i` of the role families only (see [`Share`]).
pub const FUZZ_SHARE: &str = "--fuzz-share";

/// `--fuzz-record DIR`: record the answers there, for a caller that checks the reach of all
/// the shares together.
pub const FUZZ_RECORD: &str = "--fuzz-record";

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

/// The kit (built) against a started reference server, as its demo administrator, fuzzing as
/// the role families of `share` and recording their answers in `record_dir`.
pub fn reference(server: &TestServer, share: Share, record_dir: &Path) -> Result<(), String> {
    let url = format!("http://127.0.0.1:{}/api/v1", server.port);
    against(&url, "admin", DEMO_PASSWORD, &[], share, record_dir)
}

/// Runs the conformance kit (built) against the backend at `base_url` (any backend; a started
/// reference server on PostgreSQL too): the black-box suite, then schemathesis as one user per
/// role family of `share`, recording every answer in `record_dir`. With [`Share::All`] it also
/// checks that every operation was fuzzed past authorization. Prints one line per check and a
/// summary line; Err when anything does not conform.
pub fn against(
    base_url: &str,
    user: &str,
    password: &str,
    role_users: &[String],
    share: Share,
    record_dir: &Path,
) -> Result<(), String> {
    let base = api_base(base_url);
    let dir = TempDir::new("conformance")?;
    let sessions_file = dir.0.join("fuzz-plan.json");
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

    eprintln!("── conformance 2/2: schemathesis as one user per role family, share {} (not_a_server_error, status_code_conformance, response_schema_conformance; the contract's links in the stateful phase)", share.arg());
    let started = Instant::now();
    let plan = std::fs::read_to_string(&sessions_file)
        .map_err(|e| format!("the kit wrote no fuzz plan: {e}"))
        .and_then(|t| Plan::parse(&t));
    let mut fuzz = match &plan {
        Ok(plan) if !plan.families.is_empty() => {
            let operations = record_dir.join(format!(
                "operations-{}.json",
                share.arg().replace('/', "-of-")
            ));
            if let Err(e) = std::fs::write(&operations, plan.operations.to_string()) {
                eprintln!("warning: cannot write {}: {e}", operations.display());
            }
            fuzz::run_families(&base, plan, share, record_dir)
                .into_iter()
                .map(|r| (r.line, r.ok))
                .collect()
        }
        Ok(_) => vec![(
            "✗ [schemathesis] not run: the suite handed over no session".to_string(),
            false,
        )],
        Err(e) => vec![(format!("✗ [schemathesis] not run: {e}"), false)],
    };
    eprintln!("── schemathesis: {:.0} s", started.elapsed().as_secs_f64());
    if share == Share::All {
        let checked = fuzz::check_reach(record_dir);
        let line = match &checked {
            Ok(report) | Err(report) => report.clone(),
        };
        println!("{line}");
        fuzz.push((
            match &checked {
                Ok(_) => "✓ [schemathesis] every operation was fuzzed past authorization".to_string(),
                Err(_) => "✗ [schemathesis] some operation was never fuzzed past authorization (see above)".to_string(),
            },
            checked.is_ok(),
        ));
    }
    let fuzz_failed = fuzz.iter().filter(|(_, ok)| !ok).count();
    println!("\nConformance of {base}:");
    for (line, ok) in &fuzz {
        if !ok {
            println!("  {line}");
        }
    }
    println!(
        "conformance: {}; schemathesis: {} checks, {} conform, {fuzz_failed} do not — {}",
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
            "{suite_summary}; schemathesis: {fuzz_failed} of {} checks do not conform",
            fuzz.len()
        ))
    }
}

pub fn cmd(args: &[String]) -> Result<(), String> {
    let (mut base, mut user, mut password) = (None, "admin".to_string(), None);
    let mut role_users = Vec::new();
    let (mut share, mut record) = (Share::All, None);
    let kit_built = args.iter().any(|a| a == KIT_BUILT);
    let mut it = args.iter().filter(|a| *a != KIT_BUILT);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| USAGE.to_string())?.clone();
        match flag.as_str() {
            "--base-url" => base = Some(value),
            "--user" => user = value,
            "--password" => password = Some(value),
            "--role-user" => role_users.push(value),
            FUZZ_SHARE => share = Share::parse(&value)?,
            FUZZ_RECORD => record = Some(PathBuf::from(value)),
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
    let own_records = TempDir::new("fuzz-records")?;
    let record_dir = record.unwrap_or_else(|| own_records.0.clone());
    let started = Instant::now();
    let result = against(&base, &user, &password, &role_users, share, &record_dir);
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
    use super::api_base;

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
