//! The kit's findings: one line per check, `✓` when the backend conforms, `✗` with what it
//! answered when it does not.

/// One check and its outcome.
#[derive(Debug, Clone)]
pub struct Check {
    pub group: &'static str,
    pub name: String,
    /// `None` when the backend conforms; else what it did instead.
    pub problem: Option<String>,
}

/// Every check of a run, in order.
#[derive(Debug, Default)]
pub struct Report {
    pub checks: Vec<Check>,
    /// Print each check as it is recorded.
    pub echo: bool,
}

impl Report {
    pub fn new(echo: bool) -> Report {
        Report {
            checks: Vec::new(),
            echo,
        }
    }

    pub fn record(
        &mut self,
        group: &'static str,
        name: impl Into<String>,
        result: Result<(), String>,
    ) {
        let check = Check {
            group,
            name: name.into(),
            problem: result.err(),
        };
        if self.echo {
            println!("{}", line(&check));
        }
        self.checks.push(check);
    }

    pub fn passed(&self) -> usize {
        self.checks.iter().filter(|c| c.problem.is_none()).count()
    }

    pub fn failed(&self) -> Vec<&Check> {
        self.checks.iter().filter(|c| c.problem.is_some()).collect()
    }

    /// The check named `name` in `group`, for tests.
    pub fn find(&self, group: &str, name_part: &str) -> Vec<&Check> {
        self.checks
            .iter()
            .filter(|c| c.group == group && c.name.contains(name_part))
            .collect()
    }

    /// `black-box suite: N checks, N conform, M do not`.
    pub fn summary(&self) -> String {
        format!(
            "black-box suite: {} checks, {} conform, {} do not",
            self.checks.len(),
            self.passed(),
            self.failed().len()
        )
    }
}

/// `✓ [group] name` or `✗ [group] name — problem`.
pub fn line(check: &Check) -> String {
    match &check.problem {
        None => format!("✓ [{}] {}", check.group, check.name),
        Some(p) => format!("✗ [{}] {} — {}", check.group, check.name, p),
    }
}
