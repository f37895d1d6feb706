//! Annual plans under the fault test: each client owns one year and walks its plan round and
//! round (create, edit, submit, approve, amend, edit, …), one acknowledged write per step. At
//! the end the year holds exactly the versions acknowledged, each in its acknowledged state and
//! version, with one history line per acknowledged change (and one per version superseded).

use super::{get_json, id_of, ok_or_applied, Client};
use serde_json::{json, Value};

/// The years the clients' plans are written in, one each: far from the demo's (this year and
/// the next).
const FIRST_YEAR: i32 = 2096;

/// One version of the year as the acknowledged writes left it.
#[derive(Debug, Clone)]
struct Version {
    id: i64,
    state: &'static str,
    version: i64,
}

/// The next write of the round.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    Create,
    Edit,
    Submit,
    Approve,
    Amend,
}

/// One client's year.
#[derive(Debug)]
pub struct PlanYear {
    year: i32,
    versions: Vec<Version>,
    /// The objectives the last acknowledged edit saved (a draft made by `amend` copies them).
    objectives: Option<String>,
    /// History lines the acknowledged writes made.
    lines: usize,
    next: Step,
}

impl PlanYear {
    pub fn new(w: usize) -> Self {
        PlanYear {
            year: FIRST_YEAR + w as i32,
            versions: Vec::new(),
            objectives: None,
            lines: 0,
            next: Step::Create,
        }
    }

    /// One write: the next step of the round.
    pub fn step(&mut self, c: &Client, n: u64) -> Result<(), String> {
        let s = c.sessions;
        match self.next {
            Step::Create => {
                let body = json!({ "year": self.year }).to_string();
                let r = c.write(
                    &s.secretary,
                    "POST",
                    "/api/v1/plans",
                    n,
                    "plan-create",
                    None,
                    &body,
                )?;
                ok_or_applied(&r, 201, "plan create")?;
                let id = id_of(&r).ok_or_else(|| format!("plan create gave no id: {}", r.body))?;
                self.versions.push(Version {
                    id,
                    state: "draft",
                    version: 1,
                });
                self.lines += 1;
                self.next = Step::Edit;
            }
            Step::Edit => {
                let objectives = format!("Mục tiêu kiểm thử sự cố {} w{} #{n}", c.run, c.w);
                let body = json!({ "content": content(&objectives) }).to_string();
                let v = self.open()?;
                let path = format!("/api/v1/plans/{}", v.id);
                let r = c.write(
                    &s.secretary,
                    "PATCH",
                    &path,
                    n,
                    "plan-edit",
                    Some(v.version),
                    &body,
                )?;
                ok_or_applied(&r, 200, "plan edit")?;
                v.version += 1;
                self.objectives = Some(objectives);
                self.lines += 1;
                self.next = Step::Submit;
            }
            Step::Submit | Step::Approve => {
                let (action, cookie, to) = if self.next == Step::Submit {
                    ("submit", &s.secretary, "submitted")
                } else {
                    ("approve", &s.director, "approved")
                };
                let v = self.open()?;
                let path = format!("/api/v1/plans/{}/transitions", v.id);
                let body = json!({ "action": action }).to_string();
                let r = c.write(
                    cookie,
                    "POST",
                    &path,
                    n,
                    &format!("plan-{action}"),
                    Some(v.version),
                    &body,
                )?;
                ok_or_applied(&r, 200, &format!("plan {action}"))?;
                v.version += 1;
                v.state = to;
                let id = v.id;
                self.lines += 1;
                if to == "approved" {
                    // The version in force until now steps down in the same write.
                    for old in &mut self.versions {
                        if old.id != id && old.state == "approved" {
                            old.state = "superseded";
                            old.version += 1;
                            self.lines += 1;
                        }
                    }
                    self.next = Step::Amend;
                } else {
                    self.next = Step::Approve;
                }
            }
            Step::Amend => {
                let v = self
                    .versions
                    .iter()
                    .find(|v| v.state == "approved")
                    .ok_or("no approved plan version to amend")?
                    .clone();
                let path = format!("/api/v1/plans/{}/amend", v.id);
                let r = c.write(
                    &s.secretary,
                    "POST",
                    &path,
                    n,
                    "plan-amend",
                    Some(v.version),
                    "",
                )?;
                ok_or_applied(&r, 201, "plan amend")?;
                let id = id_of(&r).ok_or_else(|| format!("plan amend gave no id: {}", r.body))?;
                self.versions.push(Version {
                    id,
                    state: "draft",
                    version: 1,
                });
                self.lines += 1;
                self.next = Step::Edit;
            }
        }
        Ok(())
    }

    /// The version being worked on (draft or submitted).
    fn open(&mut self) -> Result<&mut Version, String> {
        self.versions
            .iter_mut()
            .find(|v| v.state == "draft" || v.state == "submitted")
            .ok_or_else(|| "no open plan version".to_string())
    }

    /// Compares the year with the server's: the problems found.
    pub fn check(&self, port: u16, cookie: &str) -> Result<Vec<String>, String> {
        let mut problems = Vec::new();
        if self.versions.is_empty() {
            return Ok(problems);
        }
        let list = get_json(
            port,
            &format!("/api/v1/plans?year={}&per_page=200", self.year),
            cookie,
        )?;
        let mut ids: Vec<i64> = list["items"]
            .as_array()
            .map(|items| items.iter().filter_map(|i| i["id"].as_i64()).collect())
            .unwrap_or_default();
        ids.sort_unstable();
        let mut acked: Vec<i64> = self.versions.iter().map(|v| v.id).collect();
        acked.sort_unstable();
        if ids != acked {
            problems.push(format!(
                "plan {}: versions {ids:?} exist, {acked:?} were acknowledged",
                self.year
            ));
        }
        for v in &self.versions {
            let p = get_json(port, &format!("/api/v1/plans/{}", v.id), cookie)?;
            if p["state"] != v.state || p["version"] != v.version {
                problems.push(format!(
                    "plan {} (year {}): expected {}/v{}, found {}/v{}",
                    v.id, self.year, v.state, v.version, p["state"], p["version"]
                ));
            }
        }
        let last = &self.versions[self.versions.len() - 1];
        if let Some(objectives) = &self.objectives {
            let p = get_json(port, &format!("/api/v1/plans/{}", last.id), cookie)?;
            if p["content"]["objectives"] != objectives.as_str() {
                problems.push(format!(
                    "plan {}: objectives {} instead of the acknowledged {objectives:?}",
                    last.id, p["content"]["objectives"]
                ));
            }
        }
        let history = get_json(port, &format!("/api/v1/plans/{}/history", last.id), cookie)?;
        let lines = history.as_array().map(Vec::len);
        if lines != Some(self.lines) {
            problems.push(format!(
                "plan year {}: {lines:?} history lines, {} acknowledged changes",
                self.year, self.lines
            ));
        }
        Ok(problems)
    }
}

/// A whole plan content that can be submitted: twelve months with a theme and who is
/// responsible, `objectives` for the year.
fn content(objectives: &str) -> Value {
    let months: Vec<Value> = (1..=12)
        .map(|m| {
            json!({
                "month": m,
                "theme": format!("Chủ đề tháng {m}"),
                "news_norm": 20,
                "article_norm": 4,
                "responsible": "Ban Biên tập",
            })
        })
        .collect();
    json!({ "objectives": objectives, "months": months, "royalty_budget": 120_000_000 })
}
