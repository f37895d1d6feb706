//! The contract's lint: `redocly lint contract/openapi.yaml` under Redocly's recommended rules.
//! Errors fail the check; warnings are allowed and counted.

use crate::proc::{run, run_tee};
use crate::tools;

const CONTRACT: &str = "contract/openapi.yaml";
/// The contract's own config, which extends `recommended`; `--extends recommended` keeps that
/// base even if the file changes.
const CONFIG: &str = "contract/redocly.yaml";

/// Runs the lint; Ok with the number of warnings, Err naming each failing rule and its count.
pub fn check() -> Result<u64, String> {
    let bin = tools::redocly_bin();
    let bin = bin.to_str().unwrap_or("redocly");
    let args = |format: &'static str| {
        [
            "lint",
            CONTRACT,
            "--config",
            CONFIG,
            "--extends",
            "recommended",
            "--format",
            format,
        ]
    };
    // Offline and quiet: no usage report, no update check.
    let env = [
        ("REDOCLY_TELEMETRY", "off"),
        ("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true"),
    ];
    let (ok, out) = run_tee(bin, &args("summary"), &env)?;
    let counts = counts(&out);
    let warnings = counts.iter().filter(|c| !c.error).map(|c| c.n).sum::<u64>();
    let errors: Vec<String> = counts
        .iter()
        .filter(|c| c.error)
        .map(|c| format!("{}: {}", c.rule, c.n))
        .collect();
    if ok && errors.is_empty() {
        eprintln!("   {CONTRACT}: 0 errors, {warnings} warnings");
        return Ok(warnings);
    }
    // Where each problem is, for the log.
    let _ = run(bin, &args("codeframe"), &env);
    Err(if errors.is_empty() {
        format!("redocly lint failed:\n{out}")
    } else {
        format!(
            "{} errors under the recommended rules ({})",
            counts.iter().filter(|c| c.error).map(|c| c.n).sum::<u64>(),
            errors.join(", ")
        )
    })
}

/// One line of `--format summary`: `error operation-summary: 78`.
#[derive(Debug, PartialEq, Eq)]
struct RuleCount {
    error: bool,
    rule: String,
    n: u64,
}

fn counts(summary: &str) -> Vec<RuleCount> {
    summary
        .lines()
        .filter_map(|line| {
            let (level, rest) = line.trim().split_once(' ')?;
            let rest = rest.trim_start();
            let error = match level {
                "error" => true,
                "warning" => false,
                _ => return None,
            };
            let (rule, n) = rest.rsplit_once(": ")?;
            Some(RuleCount {
                error,
                rule: rule.to_string(),
                n: n.trim().parse().ok()?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{counts, RuleCount};

    #[test]
    fn the_summary_is_read_rule_by_rule() {
        // As Redocly CLI 2.77.0 prints it, levels padded to one width.
        let out = "validating contract/openapi.yaml...\nerror   operation-summary: 78\n\
                   error   struct: 6\nwarning operation-4xx-response: 3\n\n\
                   contract/openapi.yaml: validated in 447ms\n";
        let c = counts(out);
        assert_eq!(c.len(), 3);
        assert_eq!(
            c[0],
            RuleCount {
                error: true,
                rule: "operation-summary".into(),
                n: 78
            }
        );
        assert!(!c[2].error);
        assert_eq!(c[2].n, 3);
    }
}
