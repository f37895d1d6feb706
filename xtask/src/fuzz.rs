//! schemathesis as one user per role family (the second half of `cargo xtask conformance`): a
//! run per family with the sessions the kit handed over, what every operation answered to whom,
//! and the check that each operation was fuzzed past authorization by some family.

use crate::proc::{root_dir, run_tee};
use crate::tools;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

/// Operations no run can take past authorization, and why. Anything else that every family
/// only got refused (or sent away before the permission check) fails the check.
const UNREACHABLE: &[(&str, &str)] = &[
    (
        "logout",
        "ends the session the run fuzzes with; the server's API tests log out",
    ),
    (
        "changeOwnPassword",
        "needs the caller's own password, which no run knows (nor may change); the server's API tests change one",
    ),
    (
        "recordQuarterlySubmission",
        "past the 422 only with a body naming this quarter's published model-example articles, which the stateful phase finds by following GET /quarterly's link (1 to 12 times a run, sometimes none); the server's API tests record submissions",
    ),
    (
        "reauthenticate",
        "needs the caller's own password, which no run knows; the kit confirms it for the family that manages users, and checks the operation",
    ),
];

/// Statuses an operation answers only to a caller allowed to call it: what it found, its state
/// or version. 400, 413, 415 and 422 may come before the permission check (the body or the query
/// is read first), 401 and 403 are the refusals.
fn past_authorization(status: u16) -> bool {
    (200..300).contains(&status) || matches!(status, 404 | 409 | 412 | 428 | 507)
}

/// One family's session and operations, as the kit wrote them.
#[derive(Debug, Clone)]
pub struct Family {
    pub role: String,
    pub cookie: String,
    /// Re-authenticated by the kit (valid five minutes): its run goes first.
    pub manages_users: bool,
    pub operations: Vec<String>,
}

/// The kit's hand-over (`portal-conformance --fuzz-sessions FILE`).
#[derive(Debug, Clone)]
pub struct Plan {
    pub families: Vec<Family>,
    pub keep_sessions: String,
    pub keep_users: String,
    /// The document's operations, as the kit wrote them (for the coverage check).
    pub operations: Value,
}

impl Plan {
    pub fn parse(text: &str) -> Result<Plan, String> {
        let v: Value =
            serde_json::from_str(text).map_err(|e| format!("the kit's fuzz plan: {e}"))?;
        let strings = |v: &Value| -> Vec<String> {
            v.as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        let ids = |v: &Value| -> String {
            v.as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_i64)
                        .map(|i| i.to_string())
                        .collect::<Vec<_>>()
                        .join(",")
                })
                .unwrap_or_default()
        };
        let families = v["families"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|f| Family {
                        role: f["role"].as_str().unwrap_or_default().to_string(),
                        cookie: f["cookie"].as_str().unwrap_or_default().to_string(),
                        manages_users: f["manages_users"].as_bool().unwrap_or(false),
                        operations: strings(&f["operations"]),
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(Plan {
            families,
            keep_sessions: ids(&v["keep_sessions"]),
            keep_users: ids(&v["keep_users"]),
            operations: v["operations"].clone(),
        })
    }
}

/// Which families a run fuzzes: all, or part `index` (1-based) of `of`, so that two servers
/// (SQLite and PostgreSQL in `cargo xtask test`) share them, each family fuzzed once.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Share {
    All,
    Part { index: usize, of: usize },
}

impl Share {
    /// `i/n`.
    pub fn parse(s: &str) -> Result<Share, String> {
        let bad = || format!("expected a share like 1/2, got {s}");
        let (i, n) = s.split_once('/').ok_or_else(bad)?;
        let (index, of) = (
            i.parse::<usize>().map_err(|_| bad())?,
            n.parse::<usize>().map_err(|_| bad())?,
        );
        if index == 0 || index > of {
            return Err(bad());
        }
        Ok(Share::Part { index, of })
    }

    pub fn arg(self) -> String {
        match self {
            Share::All => "1/1".to_string(),
            Share::Part { index, of } => format!("{index}/{of}"),
        }
    }

    /// The families of this share, those that manage users first, then in the plan's order:
    /// the plan's families dealt, largest first, each to the part with the fewest operations so
    /// far.
    pub fn pick(self, families: &[Family]) -> Vec<Family> {
        let mut picked = self.deal(families);
        picked.sort_by_key(|f| !f.manages_users);
        picked
    }

    fn deal(self, families: &[Family]) -> Vec<Family> {
        let Share::Part { index, of } = self else {
            return families.to_vec();
        };
        let mut order: Vec<usize> = (0..families.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(families[i].operations.len()));
        let mut load = vec![0usize; of];
        let mut part_of = vec![0usize; families.len()];
        for i in order {
            let part = (0..of).min_by_key(|&p| (load[p], p)).unwrap_or(0);
            load[part] += families[i].operations.len();
            part_of[i] = part;
        }
        families
            .iter()
            .zip(part_of)
            .filter(|(_, p)| *p + 1 == index)
            .map(|(f, _)| f.clone())
            .collect()
    }
}

/// One run's outcome, its line for the report.
pub struct RunOutcome {
    pub line: String,
    pub ok: bool,
}

/// schemathesis as each family of `share` against `base`, one after another; every answer is
/// recorded in `record_dir` (`<role>.tsv`, and `<role>.json`: time and link coverage).
pub fn run_families(base: &str, plan: &Plan, share: Share, record_dir: &Path) -> Vec<RunOutcome> {
    let mut out = Vec::new();
    for family in share.pick(&plan.families) {
        eprintln!(
            "── schemathesis as {} ({} operations)",
            family.role,
            family.operations.len()
        );
        let started = Instant::now();
        let result = run_one(base, plan, &family, record_dir);
        let secs = started.elapsed().as_secs_f64();
        let (ok, links, error) = match &result {
            Ok((true, links)) => (true, links.clone(), None),
            Ok((false, links)) => (false, links.clone(), Some("does not conform".to_string())),
            Err(e) => (false, None, Some(e.clone())),
        };
        let links_text = links.clone().unwrap_or_else(|| "no stateful phase".into());
        let summary = json!({ "secs": secs.round(), "links": links_text, "ok": ok });
        let file = record_dir.join(format!("{}.json", family.role));
        if let Err(e) = std::fs::write(&file, summary.to_string()) {
            eprintln!("warning: cannot write {}: {e}", file.display());
        }
        let line = match error {
            None => format!(
                "✓ [schemathesis] as {}: conforms; links {links_text} ({secs:.0} s)",
                family.role
            ),
            Some(e) => format!(
                "✗ [schemathesis] as {} — {e} (its report is above) ({secs:.0} s)",
                family.role
            ),
        };
        println!("{line}");
        out.push(RunOutcome { line, ok });
    }
    out
}

/// Seconds each family's stateful phase walks the contract's links.
const STATEFUL_SECONDS: &str = "20";

/// One family's run: (conforms, the stateful phase's link coverage). The stateful phase runs
/// alone for [`STATEFUL_SECONDS`]: schemathesis 4.32 often ends it after a dozen or so of its
/// hundred scenarios (Hypothesis finds a replay inconsistent on a server whose state moves),
/// and with a time budget it starts again until the time is spent.
fn run_one(
    base: &str,
    plan: &Plan,
    family: &Family,
    record_dir: &Path,
) -> Result<(bool, Option<String>), String> {
    let unit = ["--phases", "examples,coverage,fuzzing"];
    let (unit_ok, _) = run_phases(base, plan, family, record_dir, &unit)?;
    let stateful = ["--phases", "stateful", "--max-time", STATEFUL_SECONDS];
    let (stateful_ok, output) = run_phases(base, plan, family, record_dir, &stateful)?;
    Ok((unit_ok && stateful_ok, link_coverage(&output)))
}

/// schemathesis as `family` with `extra` arguments (its phases): (conforms, its output).
fn run_phases(
    base: &str,
    plan: &Plan,
    family: &Family,
    record_dir: &Path,
    extra: &[&str],
) -> Result<(bool, String), String> {
    let root = root_dir();
    let hooks_dir = root.join("xtask/fuzz").display().to_string();
    let config = root
        .join("xtask/fuzz/schemathesis.toml")
        .display()
        .to_string();
    let record = record_dir
        .join(format!("{}.tsv", family.role))
        .display()
        .to_string();
    let cookie_header = format!("Cookie: {}", family.cookie);
    let mut args = vec![
        "--config-file",
        &config,
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
        // "Check every link now" may take up to three link timeouts (30 s by default) on a
        // network where the demo's links hang; schemathesis's own 10 s called it an error.
        "--request-timeout",
        "45",
        "--workers",
        "2",
        "--suppress-health-check",
        "all",
        "--seed",
        "20261122",
        "--no-color",
    ];
    args.extend_from_slice(extra);
    for id in &family.operations {
        args.extend_from_slice(&["--include-operation-id", id]);
    }
    run_tee(
        &tools::schemathesis_bin(),
        &args,
        &[
            ("PYTHONPATH", &hooks_dir),
            ("SCHEMATHESIS_HOOKS", "portal_fuzz_hooks"),
            ("PORTAL_FUZZ_RECORD", &record),
            ("PORTAL_FUZZ_KEEP_SESSIONS", &plan.keep_sessions),
            ("PORTAL_FUZZ_KEEP_USERS", &plan.keep_users),
        ],
    )
}

/// "53 covered / 302 selected" from schemathesis's `API Links:` line.
fn link_coverage(output: &str) -> Option<String> {
    let line = output
        .lines()
        .find(|l| l.trim_start().starts_with("API Links:"))?;
    let rest = line.trim_start().trim_start_matches("API Links:").trim();
    Some(rest.split(" / ").take(2).collect::<Vec<_>>().join(" / "))
}

/// What one family's answers say of one operation.
#[derive(Default, Clone, Copy)]
struct Tally {
    calls: usize,
    ok: usize,
    past: usize,
}

/// The coverage table of the runs recorded in `record_dir` (`<role>.tsv`, and the document's
/// operations as the kit listed them, `operations-*.json`), and Err naming every operation no
/// family took past authorization (unless it is in [`UNREACHABLE`]).
pub fn check_reach(record_dir: &Path) -> Result<String, String> {
    let operations: Value = std::fs::read_dir(record_dir)
        .map_err(|e| format!("cannot read {}: {e}", record_dir.display()))?
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("operations-") && n.ends_with(".json"))
        })
        .and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    let mut roles: Vec<String> = Vec::new();
    let mut tallies: BTreeMap<(String, String), Tally> = BTreeMap::new();
    let mut entries: Vec<_> = std::fs::read_dir(record_dir)
        .map_err(|e| format!("cannot read {}: {e}", record_dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    entries.sort();
    for path in entries {
        let role = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for line in text.lines() {
            let mut cols = line.split('\t');
            let (Some(op), Some(status)) = (cols.next(), cols.next()) else {
                continue;
            };
            let Ok(status) = status.parse::<u16>() else {
                continue;
            };
            let t = tallies.entry((op.to_string(), role.clone())).or_default();
            t.calls += 1;
            t.ok += usize::from((200..300).contains(&status));
            t.past += usize::from(past_authorization(status));
        }
        roles.push(role);
    }
    let ops: Vec<(String, String, bool)> = operations
        .as_array()
        .map(|a| {
            a.iter()
                .map(|o| {
                    (
                        o["id"].as_str().unwrap_or_default().to_string(),
                        o["label"].as_str().unwrap_or_default().to_string(),
                        o["public"].as_bool().unwrap_or(false),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    if ops.is_empty() {
        return Err("the kit handed over no operations (did it run?)".into());
    }

    let mut table = String::from(
        "schemathesis per operation and role family: 2xx / past authorization / calls (· not fuzzed)\n",
    );
    table += &format!("{:<48}", "operation");
    for r in &roles {
        table += &format!("{:>14}", short(r));
    }
    table.push('\n');
    let (mut reached, mut ok_any, mut missing, mut excused) = (0, 0, Vec::new(), Vec::new());
    for (id, label, public) in &ops {
        table += &format!("{:<48}", truncate(label, 47));
        let mut past = false;
        let mut ok = false;
        for r in &roles {
            match tallies.get(&(id.clone(), r.clone())) {
                Some(t) => {
                    table += &format!("{:>14}", format!("{}/{}/{}", t.ok, t.past, t.calls));
                    past |= t.past > 0 || (*public && t.calls > 0);
                    ok |= t.ok > 0;
                }
                None => table += &format!("{:>14}", "·"),
            }
        }
        table.push('\n');
        reached += usize::from(past);
        ok_any += usize::from(ok);
        if !past {
            match UNREACHABLE.iter().find(|(u, _)| u == id) {
                Some((_, why)) => excused.push(format!("{label} ({id}): {why}")),
                None => missing.push(format!("{label} ({id})")),
            }
        }
    }
    let mut summary = format!(
        "schemathesis reached {reached} of {} operations past authorization ({ok_any} with a 2xx), as {} role families",
        ops.len(),
        roles.len()
    );
    for r in &roles {
        let meta: Value = std::fs::read_to_string(record_dir.join(format!("{r}.json")))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        let (mine, past) = ops.iter().fold((0, 0), |(n, p), (id, _, _)| {
            match tallies.get(&(id.clone(), r.clone())) {
                Some(t) => (n + 1, p + usize::from(t.past > 0)),
                None => (n, p),
            }
        });
        summary += &format!(
            "\n  {r}: {past} of {mine} operations past authorization; stateful links {}; {} s",
            meta["links"].as_str().unwrap_or("?"),
            meta["secs"].as_f64().unwrap_or(0.0)
        );
    }
    for e in &excused {
        summary += &format!("\n  not reached, by design: {e}");
    }
    let report = format!("{table}{summary}");
    if missing.is_empty() {
        Ok(report)
    } else {
        Err(format!(
            "{report}\nno role family took these past 401/403: {}",
            missing.join(", ")
        ))
    }
}

fn short(role: &str) -> String {
    truncate(role, 13)
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn family(role: &str, n: usize) -> Family {
        Family {
            role: role.into(),
            cookie: String::new(),
            manages_users: role == "admin",
            operations: (0..n).map(|i| format!("op{i}")).collect(),
        }
    }

    #[test]
    fn two_shares_take_every_family_once_and_about_half_the_operations() {
        let fams = [
            family("secretary", 68),
            family("chief_editor", 84),
            family("director", 42),
            family("admin", 34),
            family("it_centre", 11),
            family("communication_centre", 22),
        ];
        let one = Share::parse("1/2").unwrap().pick(&fams);
        let two = Share::parse("2/2").unwrap().pick(&fams);
        assert_eq!(one.len() + two.len(), fams.len());
        for f in &fams {
            let times = [&one, &two]
                .iter()
                .filter(|s| s.iter().any(|g| g.role == f.role))
                .count();
            assert_eq!(times, 1, "{}", f.role);
        }
        let ops = |s: &[Family]| s.iter().map(|f| f.operations.len()).sum::<usize>();
        assert!(
            ops(&one).abs_diff(ops(&two)) <= 20,
            "{} {}",
            ops(&one),
            ops(&two)
        );
        let all = Share::All.pick(&fams);
        assert_eq!(all.len(), 6);
        assert_eq!(all[0].role, "admin");
        assert_eq!(all[1].role, "secretary");
        assert!(Share::parse("3/2").is_err() && Share::parse("0/2").is_err());
        assert_eq!(Share::parse("2/2").unwrap().arg(), "2/2");
    }

    #[test]
    fn reach_is_judged_by_statuses_given_after_the_permission_check() {
        assert!(past_authorization(201) && past_authorization(404) && past_authorization(412));
        for refused in [400, 401, 403, 413, 415, 422, 429] {
            assert!(!past_authorization(refused), "{refused}");
        }
    }

    #[test]
    fn an_operation_only_refused_fails_the_check_unless_excused() {
        let dir = crate::proc::TempDir::new("fuzz-reach-test").unwrap();
        let ops = json!([
            {"id": "listPlans", "label": "GET /plans", "public": false},
            {"id": "createFraudReport", "label": "POST /fraud-reports", "public": false},
            {"id": "logout", "label": "DELETE /session", "public": false},
            {"id": "getHealth", "label": "GET /health", "public": true},
        ]);
        std::fs::write(
            dir.0.join("director.tsv"),
            "listPlans\t200\tfuzzing\ncreateFraudReport\t403\tfuzzing\ngetHealth\t200\tcoverage\n",
        )
        .unwrap();
        std::fs::write(
            dir.0.join("it_centre.tsv"),
            "createFraudReport\t422\tfuzzing\n",
        )
        .unwrap();
        std::fs::write(dir.0.join("operations-1-of-1.json"), ops.to_string()).unwrap();
        let err = check_reach(&dir.0).unwrap_err();
        assert!(
            err.ends_with("past 401/403: POST /fraud-reports (createFraudReport)"),
            "{err}"
        );
        assert!(err.contains("reached 2 of 4 operations"), "{err}");
        std::fs::write(
            dir.0.join("it_centre.tsv"),
            "createFraudReport\t422\tfuzzing\ncreateFraudReport\t201\tstateful\n",
        )
        .unwrap();
        let ok = check_reach(&dir.0).unwrap();
        assert!(
            ok.contains("reached 3 of 4 operations past authorization (3 with a 2xx)"),
            "{ok}"
        );
        assert!(
            ok.contains("not reached, by design: DELETE /session (logout)"),
            "{ok}"
        );
    }

    #[test]
    fn link_coverage_is_read_from_the_summary() {
        let out = "     Scenarios:    118\n     API Links:    53 covered / 302 selected / 316 total (236 inferred)\n";
        assert_eq!(link_coverage(out).unwrap(), "53 covered / 302 selected");
        assert!(link_coverage("nothing").is_none());
    }
}
