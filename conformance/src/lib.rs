//! The contract conformance kit: black-box checks of any backend that implements
//! `contract/openapi.yaml`, over HTTP only (no database, nothing of the reference server).
//!
//! `cargo xtask conformance --base-url URL --user U --password P` runs it with schemathesis;
//! `portal-conformance --help` runs this part alone. Groups of checks:
//!
//! - `roles`: each role's `GET /session` permissions are the contract's `x-role-permissions`;
//! - `matrix`: per role (and without a session), which operations answer 2xx, 401 or 403,
//!   derived from `x-role-permissions` and each operation's `x-permissions`;
//! - `workflow`: every transition `GET /workflow` lists, allowed to its roles (with the
//!   comment or reason it requires) and refused (403) to the others; stage pairs without a
//!   transition are 409; approval with a failing checklist is 422;
//! - `etag`: `ETag` on single resources, 428 without `If-Match`, 412 with the current
//!   representation on a stale one, on PATCH and on transitions;
//! - `errors`: problem+json for malformed JSON, wrong types, unknown fields, bodies over
//!   1 MiB, wrong media type, a missing CSRF header, no session, unknown resources.
//!
//! The kit writes (articles, users, fraud reports, media uploads): run it against a throw-away
//! instance.

pub mod client;
pub mod contract;
pub mod fuzz;
mod matrix;
pub mod report;
mod rules;
mod workflow;

use client::{Api, Call, Resp, Session};
use contract::Contract;
use fuzz::FuzzPlan;
use report::Report;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// A user the caller provides for a role (`--role-user role=user:password`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleUser {
    pub role: String,
    pub username: String,
    pub password: String,
}

impl RoleUser {
    /// `role=user:password`.
    pub fn parse(s: &str) -> Result<RoleUser, String> {
        let (role, rest) = s
            .split_once('=')
            .ok_or_else(|| format!("expected role=user:password, got {s}"))?;
        let (username, password) = rest
            .split_once(':')
            .ok_or_else(|| format!("expected role=user:password, got {s}"))?;
        if role.is_empty() || username.is_empty() || password.is_empty() {
            return Err(format!("expected role=user:password, got {s}"));
        }
        Ok(RoleUser {
            role: role.to_string(),
            username: username.to_string(),
            password: password.to_string(),
        })
    }
}

/// What to check and as whom.
#[derive(Debug, Clone)]
pub struct Config {
    /// The API base (`http://host:port/api/v1`; a bare origin gets `/api/v1`).
    pub base_url: String,
    /// A user with `users.manage` (the kit creates one user per role it was not given).
    pub user: String,
    pub password: String,
    pub role_users: Vec<RoleUser>,
    /// Print each check as it is recorded.
    pub echo: bool,
}

/// The findings, and what the schemathesis runs that follow need.
pub struct Outcome {
    pub report: Report,
    pub fuzz: FuzzPlan,
}

/// Shared state of the checks.
pub(crate) struct Kit {
    pub api: Api,
    pub contract: Contract,
    pub table: BTreeMap<String, BTreeSet<String>>,
    pub main: Session,
    /// One session per role, in the contract's role order.
    pub users: Vec<(String, Session)>,
    pub workflow: Value,
    pub report: Report,
    pub nonce: String,
    counter: u64,
}

/// Runs every check against the backend at `config.base_url`.
pub async fn run(config: &Config) -> Outcome {
    let mut report = Report::new(config.echo);
    let contract = Contract::bundled();
    let api = match Api::new(&config.base_url) {
        Ok(api) => api,
        Err(e) => {
            report.record("setup", "the base URL", Err(e));
            return Outcome {
                report,
                fuzz: FuzzPlan::default(),
            };
        }
    };
    let mut kit = setup(api, contract, config, report).await;
    if kit.main.cookie.is_empty() {
        return Outcome {
            report: kit.report,
            fuzz: FuzzPlan::default(),
        };
    }
    roles_report_their_permissions(&mut kit);
    matrix::check(&mut kit).await;
    workflow::check(&mut kit).await;
    rules::etags(&mut kit).await;
    rules::errors(&mut kit).await;

    let fuzz = fuzz::plan(&mut kit, config).await;
    Outcome {
        report: kit.report,
        fuzz,
    }
}

/// Logs in the main user and one user per role (given, or created with `users.manage`).
async fn setup(api: Api, contract: Contract, config: &Config, mut report: Report) -> Kit {
    let nonce = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() % 100_000_000)
        .unwrap_or(0)
        .to_string();
    let table = match contract.role_permissions() {
        Ok(t) => t,
        Err(e) => {
            report.record("setup", "the contract's x-role-permissions", Err(e));
            BTreeMap::new()
        }
    };
    let empty = Session {
        cookie: String::new(),
        username: config.user.clone(),
        password: String::new(),
        user_id: 0,
        roles: Vec::new(),
        permissions: Vec::new(),
    };
    let mut kit = Kit {
        api,
        contract,
        table,
        main: empty,
        users: Vec::new(),
        workflow: Value::Null,
        report,
        nonce,
        counter: 0,
    };
    match kit.api.login(&config.user, &config.password).await {
        Ok(s) => {
            kit.report
                .record("setup", format!("log in as {}", config.user), Ok(()));
            kit.main = s;
        }
        Err(e) => {
            kit.report
                .record("setup", format!("log in as {}", config.user), Err(e));
            return kit;
        }
    }
    for role in kit.contract.roles() {
        let result = match config.role_users.iter().find(|u| u.role == role) {
            Some(u) => kit.api.login(&u.username, &u.password).await,
            None => kit.create_role_user(&role).await,
        };
        match result {
            Ok(s) => {
                let name = format!("a user with the role {role} ({})", s.username);
                kit.report.record("setup", name, Ok(()));
                kit.users.push((role, s));
            }
            Err(e) => kit
                .report
                .record("setup", format!("a user with the role {role}"), Err(e)),
        }
    }
    let res = kit
        .send(Call::get("/workflow").session(Some(&kit.main.clone())))
        .await;
    match res {
        Ok(r) if r.status == 200 && r.json().is_some_and(|w| w["transitions"].is_array()) => {
            kit.workflow = r.json().unwrap_or_default();
            kit.report.record("setup", "GET /workflow", Ok(()));
        }
        Ok(r) => kit
            .report
            .record("setup", "GET /workflow", Err(r.describe())),
        Err(e) => kit.report.record("setup", "GET /workflow", Err(e)),
    }
    kit
}

fn roles_report_their_permissions(kit: &mut Kit) {
    let users = kit.users.clone();
    for (role, s) in users {
        let result = (|| {
            if !s.roles.contains(&role) {
                return Err(format!(
                    "GET /session lists the roles {:?}, not {role}",
                    s.roles
                ));
            }
            let want = kit.contract.permissions_of(&s.roles)?;
            let got: BTreeSet<String> = s.permissions.iter().cloned().collect();
            let missing: Vec<_> = want.difference(&got).cloned().collect();
            let extra: Vec<_> = got.difference(&want).cloned().collect();
            if missing.is_empty() && extra.is_empty() {
                Ok(())
            } else {
                Err(format!(
                    "missing {missing:?}, not in the contract {extra:?}"
                ))
            }
        })();
        kit.report.record(
            "roles",
            format!("GET /session of {role} lists the contract's permissions of its roles"),
            result,
        );
    }
}

impl Kit {
    pub async fn send(&self, call: Call) -> Result<Resp, String> {
        self.api.send(call).await
    }

    /// A fresh number for unique names.
    pub fn next(&mut self) -> u64 {
        self.counter += 1;
        self.counter
    }

    /// The session of `role`'s user, if there is one.
    pub fn user(&self, role: &str) -> Option<Session> {
        self.users
            .iter()
            .find(|(r, _)| r == role)
            .map(|(_, s)| s.clone())
    }

    /// The contract's permissions of `role`.
    pub fn perms(&self, role: &str) -> BTreeSet<String> {
        self.table.get(role).cloned().unwrap_or_default()
    }

    /// The first role (in the contract's order) that has a user and `permission`.
    pub fn role_with(&self, permission: &str) -> Option<(String, Session)> {
        self.users
            .iter()
            .find(|(r, _)| self.perms(r).contains(permission))
            .cloned()
    }

    fn role_login(&self, role: &str, config: &Config) -> Option<(String, String)> {
        if let Some(u) = config.role_users.iter().find(|u| u.role == role) {
            return Some((u.username.clone(), u.password.clone()));
        }
        let s = self.user(role)?;
        Some((s.username.clone(), self.password_for(&s.username)))
    }

    fn password_for(&self, username: &str) -> String {
        format!("Kit{}{}x9", self.nonce, username.len())
    }

    /// Creates a user holding only `role` (as the main user) and logs in as them.
    pub async fn create_role_user(&mut self, role: &str) -> Result<Session, String> {
        let username = format!("conf{}-{}", self.nonce, role.replace('_', "-"));
        let password = self.password_for(&username);
        let main = self.main.clone();
        // Giving roles needs the main user's password confirmed first (valid five minutes).
        self.api.reauthenticate(&main).await?;
        let res = self
            .send(
                Call::new("POST", "/users")
                    .session(Some(&main))
                    .json(&json!({
                        "username": username,
                        "full_name": format!("Kiểm tra tuân thủ {role}"),
                        "roles": [role],
                        "password": password,
                    })),
            )
            .await?;
        if res.status != 201 {
            return Err(format!(
                "no --role-user {role}=USER:PASSWORD given, and POST /users as {} answered {} \
                 (the kit creates one user per role with users.manage)",
                main.username,
                res.describe()
            ));
        }
        self.api.login(&username, &password).await
    }
}

/// Whether an answer is RFC 9457 problem+json with `status` equal to the HTTP status.
pub(crate) fn problem(res: &Resp) -> Result<Value, String> {
    let ct = res.header("content-type").unwrap_or("");
    if !ct.starts_with("application/problem+json") {
        return Err(format!(
            "{} with Content-Type {ct:?}, not application/problem+json: {}",
            res.status,
            res.snippet()
        ));
    }
    let p = res
        .json()
        .ok_or_else(|| format!("{} problem body is not JSON: {}", res.status, res.snippet()))?;
    if p["status"].as_u64() != Some(u64::from(res.status)) {
        return Err(format!(
            "problem status {} but HTTP {}",
            p["status"], res.status
        ));
    }
    if !p["type"].is_string() || p["title"].as_str().is_none_or(str::is_empty) {
        return Err(format!("problem without type or title: {}", res.snippet()));
    }
    if let Some(errors) = p.get("errors") {
        let ok = errors.as_array().is_some_and(|a| {
            a.iter().all(|e| {
                e["field"].is_string() && e["code"].is_string() && e["message"].is_string()
            })
        });
        if !ok {
            return Err(format!("problem errors are not FieldErrors: {errors}"));
        }
    }
    Ok(p)
}

/// `status` and problem+json (for 4xx).
pub(crate) fn expect_problem(res: &Resp, status: u16) -> Result<Value, String> {
    if res.status != status {
        return Err(format!("want {status}, got {}", res.describe()));
    }
    problem(res)
}

/// The `field`s a 422's problem names.
pub(crate) fn error_fields(p: &Value) -> Vec<String> {
    p["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|e| e["field"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Today (UTC) as (year, month, day), without a date library.
pub(crate) fn today() -> (i64, u32, u32) {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0) as i64;
    civil_from_days(days)
}

/// Days since 1970-01-01 → (year, month, day) in the proleptic Gregorian calendar.
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_users_parse() {
        assert_eq!(
            RoleUser::parse("chief_editor=chief:Demo@2026").unwrap(),
            RoleUser {
                role: "chief_editor".into(),
                username: "chief".into(),
                password: "Demo@2026".into()
            }
        );
        // The password may hold ':' and '='.
        assert_eq!(
            RoleUser::parse("admin=root:a:b=c").unwrap().password,
            "a:b=c"
        );
        assert!(RoleUser::parse("chief_editor").is_err());
        assert!(RoleUser::parse("chief_editor=chief").is_err());
        assert!(RoleUser::parse("=chief:x").is_err());
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(20_779), (2026, 11, 22));
    }

    fn resp(status: u16, ct: &str, body: &str) -> Resp {
        Resp {
            status,
            headers: vec![("content-type".into(), ct.into())],
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn problems_are_judged() {
        let ok = resp(
            422,
            "application/problem+json",
            r#"{"type":"about:blank","title":"Sai","status":422,"errors":[{"field":"title","code":"required","message":"Bắt buộc"}]}"#,
        );
        assert_eq!(error_fields(&expect_problem(&ok, 422).unwrap()), ["title"]);
        assert!(expect_problem(&ok, 400).is_err());
        assert!(problem(&resp(
            400,
            "application/json",
            r#"{"type":"x","title":"t","status":400}"#
        ))
        .is_err());
        assert!(problem(&resp(
            400,
            "application/problem+json",
            r#"{"type":"x","title":"t","status":500}"#
        ))
        .is_err());
        assert!(problem(&resp(400, "application/problem+json", "<html>")).is_err());
        assert!(problem(&resp(
            422,
            "application/problem+json",
            r#"{"type":"x","title":"t","status":422,"errors":[{"field":"a"}]}"#
        ))
        .is_err());
    }
}
