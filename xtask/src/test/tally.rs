//! The counts of a `cargo xtask test` run: tests from cargo's and the wasm runner's output,
//! checks as one each, why each failed step failed, and each step's time.

use std::time::{Duration, Instant};

/// Counts of the whole `xtask test` run.
#[derive(Default)]
pub struct Tally {
    pub passed: u64,
    pub failed: u64,
    /// Each failed step with why: its failing tests, or the check's error. The summary at the
    /// end repeats them, so the last lines of a long run say what went wrong.
    pub failures: Vec<String>,
    /// One line per timed step, in the order they ran.
    pub steps: Vec<StepTime>,
}

/// A step of the run: its wall time and what it added to the counts.
pub struct StepTime {
    pub name: String,
    pub time: Duration,
    pub passed: u64,
    pub failed: u64,
}

/// What one program's output says about its tests.
#[derive(Debug, PartialEq, Eq)]
struct TestCounts {
    passed: u64,
    failed: u64,
    /// Test binaries that printed `running N tests` but never their `test result:` line: they
    /// crashed, were killed, or the wasm runner gave up waiting.
    unfinished: u64,
}

fn test_counts(out: &str) -> TestCounts {
    let mut counts = TestCounts {
        passed: 0,
        failed: 0,
        unfinished: 0,
    };
    let mut open = 0u64;
    for line in out.lines().map(str::trim) {
        if line.starts_with("running ") && (line.ends_with(" tests") || line.ends_with(" test")) {
            open += 1;
        } else if let Some(rest) = line.strip_prefix("test result: ") {
            open = open.saturating_sub(1);
            for part in rest.split(';') {
                let mut w = part.split_whitespace().rev();
                let (Some(label), Some(n)) = (w.next(), w.next()) else {
                    continue;
                };
                let n: u64 = n.parse().unwrap_or(0);
                match label {
                    "passed" => counts.passed += n,
                    "failed" => counts.failed += n,
                    _ => {}
                }
            }
        }
    }
    counts.unfinished = open;
    counts
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
    /// Adds what a cargo test / wasm-bindgen-test-runner run printed, `ok` its exit status. A
    /// run that failed counts at least one failure, whatever it printed before failing: a
    /// binary that crashed or timed out after others passed, or a build that broke.
    pub fn add_test_output(&mut self, name: &str, ok: bool, out: &str) {
        let counts = test_counts(out);
        self.passed += counts.passed;
        if ok {
            self.failed += counts.failed;
            return;
        }
        // Only a failed run is searched for unfinished binaries: a run cargo calls a success
        // finished them all.
        self.failed += (counts.failed + counts.unfinished).max(1);
        let mut why = failed_tests(out)
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>();
        if counts.unfinished > 0 {
            why.push(format!(
                "{} test binary(ies) stopped without a result: crashed or timed out",
                counts.unfinished
            ));
        } else if why.is_empty() {
            why.push("it failed without a failing test: see its output above".into());
        }
        self.failures
            .push(format!("{name} ({})", one_line(&why.join(", "), 600)));
    }

    pub fn add_check(&mut self, name: &str, result: Result<(), String>) {
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

    /// Runs `step` and keeps its wall time and what it added to the counts for the summary.
    pub fn timed(&mut self, name: &str, step: impl FnOnce(&mut Tally)) {
        let (passed, failed) = (self.passed, self.failed);
        let started = Instant::now();
        step(self);
        self.steps.push(StepTime {
            name: name.to_string(),
            time: started.elapsed(),
            passed: self.passed - passed,
            failed: self.failed - failed,
        });
    }

    /// The table of steps, the failures again, and the last line `N passed, M failed`.
    pub fn summary(&self, total: Duration) -> String {
        let width = self
            .steps
            .iter()
            .map(|s| s.name.chars().count())
            .max()
            .unwrap_or(0)
            .max("step".len());
        let mut out = format!(
            "\n{:<width$}  {:>7}  {:>6}  {:>6}\n",
            "step", "time", "passed", "failed"
        );
        for s in &self.steps {
            out.push_str(&format!(
                "{:<width$}  {:>7}  {:>6}  {:>6}{}\n",
                s.name,
                minutes(s.time),
                s.passed,
                s.failed,
                if s.failed > 0 { "  ✗" } else { "" }
            ));
        }
        out.push_str(&format!(
            "{:<width$}  {:>7}  {:>6}  {:>6}\n",
            "total",
            minutes(total),
            self.passed,
            self.failed
        ));
        for failure in &self.failures {
            out.push_str(&format!("failed: {failure}\n"));
        }
        out.push_str(&format!("{} passed, {} failed", self.passed, self.failed));
        out
    }
}

/// `m:ss`.
pub fn minutes(d: Duration) -> String {
    let s = d.as_secs();
    format!("{}:{:02}", s / 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::{Tally, TestCounts};
    use std::time::Duration;

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
    fn a_clean_pass_counts_its_tests() {
        let mut tally = Tally::default();
        let out = "running 2 tests\ntest a ... ok\ntest b ... ok\n\n\
                   test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out\n\
                   running 1 test\ntest c ... ok\n\ntest result: ok. 1 passed; 0 failed\n\
                   running 0 tests\n\ntest result: ok. 0 passed; 0 failed\n";
        tally.add_test_output("native tests", true, out);
        assert_eq!((tally.passed, tally.failed), (3, 0));
        assert!(tally.failures.is_empty());
    }

    #[test]
    fn a_binary_that_crashes_after_another_passed_fails_the_step() {
        let mut tally = Tally::default();
        // The first binary passes; the second aborts mid-run (cargo's `error: test failed`
        // goes to stderr, so stdout just stops).
        let out = "running 4 tests\ntest a ... ok\ntest b ... ok\ntest c ... ok\ntest d ... ok\n\n\
                   test result: ok. 4 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out\n\
                   running 5 tests\ntest e ... ok\n\
                   thread 'f' panicked at src/lib.rs:3:5:\nfatal runtime error: stack overflow\n";
        tally.add_test_output("native tests", false, out);
        assert_eq!((tally.passed, tally.failed), (4, 1));
        assert_eq!(
            tally.failures,
            ["native tests (1 test binary(ies) stopped without a result: crashed or timed out)"]
        );
    }

    #[test]
    fn a_runner_timeout_fails_the_step() {
        let mut tally = Tally::default();
        let out = "running 12 tests\n\ntest result: ok. 12 passed; 0 failed; 0 ignored\n\
                   Set timeout to 120 seconds...\nRunning headless tests in Chrome on `http://127.0.0.1:4444/`\n\
                   running 30 tests\ntest editor::saves ... ok\n\
                   Failed to detect test as having been run. It might have timed out.\n";
        tally.add_test_output("browser tests", false, out);
        assert_eq!((tally.passed, tally.failed), (12, 1));
    }

    #[test]
    fn a_step_that_fails_without_any_test_line_counts_once() {
        let mut tally = Tally::default();
        let out = "running 3 tests\n\ntest result: ok. 3 passed; 0 failed\n";
        // A later target did not compile: the exit status alone says so.
        tally.add_test_output("browser tests", false, out);
        assert_eq!((tally.passed, tally.failed), (3, 1));
        assert_eq!(
            tally.failures,
            ["browser tests (it failed without a failing test: see its output above)"]
        );
    }

    #[test]
    fn failing_tests_and_a_crash_in_one_step_all_count() {
        let out = "running 2 tests\ntest a ... FAILED\ntest b ... ok\n\n\
                   test result: FAILED. 1 passed; 1 failed\nrunning 3 tests\n";
        assert_eq!(
            super::test_counts(out),
            TestCounts {
                passed: 1,
                failed: 1,
                unfinished: 1
            }
        );
        let mut tally = Tally::default();
        tally.add_test_output("api", false, out);
        assert_eq!((tally.passed, tally.failed), (1, 2));
    }

    #[test]
    fn the_summary_has_a_line_per_step_with_its_time() {
        let mut tally = Tally::default();
        tally.timed("clippy", |t| t.add_check("clippy", Ok(())));
        tally.timed("fault", |t| t.add_check("fault", Err("lost write".into())));
        tally.steps[0].time = Duration::from_secs(75);
        let summary = tally.summary(Duration::from_secs(600));
        let lines: Vec<&str> = summary.lines().collect();
        assert_eq!(lines[1], "step       time  passed  failed");
        assert_eq!(lines[2], "clippy     1:15       1       0");
        assert!(lines[3].starts_with("fault      0:00       0       1  ✗"));
        assert_eq!(lines[4], "total     10:00       1       1");
        assert_eq!(lines[5], "failed: fault: lost write");
        assert_eq!(lines[6], "1 passed, 1 failed");
    }
}
