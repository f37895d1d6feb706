//! What the kit hands to schemathesis (`--fuzz-sessions FILE`, JSON): one fresh session per role
//! family, the operations each family is allowed to call, every operation of the contract, and
//! the sessions and users the runs must leave alone.
//!
//! A role family is a role whose permissions no other role holds all of (an author's are all an
//! editor's, a local office's all the IT Centre's): fuzzing as one user of each, every operation
//! is called by a user allowed to call it. Sessions are logged in before any run starts, since
//! fuzzing the login soon throttles the client; a family that manages users is re-authenticated
//! last, so that giving roles works for the five minutes that follow.

use crate::client::{Call, Session};
use crate::contract::{Contract, Needs, Operation};
use crate::{Config, Kit};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// The permission whose holders must confirm their password before giving roles.
const MANAGES_USERS: &str = "users.manage";

/// A role family's session and the operations it fuzzes.
#[derive(Debug, Clone)]
pub struct Family {
    pub role: String,
    pub username: String,
    pub cookie: String,
    pub user_id: i64,
    /// Holds `users.manage`, re-authenticated last: its run goes first.
    pub manages_users: bool,
    /// `operationId`s, in document order.
    pub operations: Vec<String>,
}

/// Everything `cargo xtask conformance` needs to fuzz as every family.
#[derive(Debug, Clone, Default)]
pub struct FuzzPlan {
    pub families: Vec<Family>,
    /// Every operation of the contract: id, `METHOD /path`, whether it needs no session.
    pub operations: Vec<(String, String, bool)>,
    /// Live sessions of the families' users: no run may end them.
    pub keep_sessions: Vec<i64>,
    /// The families' users: no run may edit them (deactivating one ends its sessions).
    pub keep_users: Vec<i64>,
}

impl FuzzPlan {
    pub fn to_json(&self) -> Value {
        json!({
            "families": self.families.iter().map(|f| json!({
                "role": f.role,
                "username": f.username,
                "cookie": f.cookie,
                "user_id": f.user_id,
                "manages_users": f.manages_users,
                "operations": f.operations,
            })).collect::<Vec<_>>(),
            "operations": self.operations.iter().map(|(id, label, public)| json!({
                "id": id, "label": label, "public": public,
            })).collect::<Vec<_>>(),
            "keep_sessions": self.keep_sessions,
            "keep_users": self.keep_users,
        })
    }
}

/// The role families of `table` (role → permissions), in `order`: the roles whose permissions
/// are not all held by another role (of two with the same, the first).
pub fn families(order: &[String], table: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let perms = |r: &String| table.get(r).cloned().unwrap_or_default();
    order
        .iter()
        .enumerate()
        .filter(|(i, role)| {
            let mine = perms(role);
            !order.iter().enumerate().any(|(j, other)| {
                let theirs = perms(other);
                j != *i && mine.is_subset(&theirs) && (mine != theirs || j < *i)
            })
        })
        .map(|(_, r)| r.clone())
        .collect()
}

/// The operations each family fuzzes: those naming permissions (`x-permissions`) it holds, and
/// for the family with the most permissions also those any session (or none) may call. `logout`
/// is nobody's: it would end the session the run fuzzes with.
pub fn operations_of(
    families: &[String],
    table: &BTreeMap<String, BTreeSet<String>>,
    ops: &[Operation],
) -> Vec<(String, Vec<String>)> {
    let broadest = families
        .iter()
        .max_by_key(|r| table.get(*r).map_or(0, BTreeSet::len))
        .cloned();
    families
        .iter()
        .map(|role| {
            let perms = table.get(role).cloned().unwrap_or_default();
            let ids = ops
                .iter()
                .filter(|op| op.id != "logout")
                .filter(|op| match &op.needs {
                    _ if op.public => broadest.as_ref() == Some(role),
                    Needs::Session => broadest.as_ref() == Some(role),
                    needs => needs.allows(&perms),
                })
                .map(|op| op.id.clone())
                .collect();
            (role.clone(), ids)
        })
        .collect()
}

/// Logs in one fresh session per role family and lists what the runs must keep.
pub(crate) async fn plan(kit: &mut Kit, config: &Config) -> FuzzPlan {
    let contract: &Contract = &kit.contract;
    let ops = contract.operations();
    let roles = contract.roles();
    let assigned = operations_of(&families(&roles, &kit.table), &kit.table, &ops);
    let mut plan = FuzzPlan {
        operations: ops
            .iter()
            .map(|op| {
                (
                    op.id.clone(),
                    format!("{} {}", op.method, op.path),
                    op.public,
                )
            })
            .collect(),
        ..FuzzPlan::default()
    };
    let mut managers: Vec<Session> = Vec::new();
    for (role, operations) in assigned {
        let Some((user, password)) = kit.role_login(&role, config) else {
            kit.report.record(
                "setup",
                format!("a user of the role family {role} for schemathesis"),
                Err("no user holds the role (see its setup line above)".into()),
            );
            continue;
        };
        match kit.api.login(&user, &password).await {
            Ok(s) => {
                let manages_users = kit.perms(&role).contains(MANAGES_USERS);
                if manages_users {
                    managers.push(s.clone());
                }
                plan.keep_users.push(s.user_id);
                plan.families.push(Family {
                    role,
                    username: s.username,
                    cookie: s.cookie,
                    user_id: s.user_id,
                    manages_users,
                    operations,
                });
            }
            Err(e) => kit.report.record(
                "setup",
                format!("log in as {user} ({role}) for schemathesis"),
                Err(e),
            ),
        }
    }
    plan.keep_sessions = live_sessions_of(kit, &plan.keep_users).await;
    for s in managers {
        if let Err(e) = kit.api.reauthenticate(&s).await {
            kit.report.record(
                "setup",
                format!("re-authenticate {} for schemathesis", s.username),
                Err(e),
            );
        }
    }
    plan
}

/// The ids of the live sessions of `users`, as the main user sees them (`GET /sessions`).
async fn live_sessions_of(kit: &mut Kit, users: &[i64]) -> Vec<i64> {
    let main = kit.main.clone();
    let mut ids = Vec::new();
    for page in 1.. {
        let call = Call::get(format!("/sessions?page={page}&per_page=200")).session(Some(&main));
        let listed = match kit.send(call).await {
            Ok(r) if r.status == 200 => r.json().unwrap_or_default(),
            Ok(r) => {
                let e = Err(r.describe());
                kit.report
                    .record("setup", "GET /sessions for schemathesis", e);
                break;
            }
            Err(e) => {
                kit.report
                    .record("setup", "GET /sessions for schemathesis", Err(e));
                break;
            }
        };
        let items = listed["items"].as_array().cloned().unwrap_or_default();
        ids.extend(
            items
                .iter()
                .filter(|s| s["user_id"].as_i64().is_some_and(|u| users.contains(&u)))
                .filter_map(|s| s["id"].as_i64()),
        );
        if items.len() < 200 {
            break;
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_contracts_role_families_cover_every_operation() {
        let c = Contract::bundled();
        let table = c.role_permissions().unwrap();
        let fams = families(&c.roles(), &table);
        assert_eq!(
            fams,
            [
                "secretary",
                "chief_editor",
                "director",
                "admin",
                "it_centre",
                "communication_centre"
            ]
        );
        let ops = c.operations();
        let assigned = operations_of(&fams, &table, &ops);
        for op in &ops {
            let fuzzed_by: Vec<&str> = assigned
                .iter()
                .filter(|(_, ids)| ids.contains(&op.id))
                .map(|(r, _)| r.as_str())
                .collect();
            if op.id == "logout" {
                assert!(fuzzed_by.is_empty());
            } else {
                assert!(!fuzzed_by.is_empty(), "{} is fuzzed by no family", op.id);
            }
            // Every family that fuzzes it may call it.
            for role in &fuzzed_by {
                assert!(
                    op.public || op.needs.allows(&table[*role]),
                    "{role} {}",
                    op.id
                );
            }
        }
        let of = |role: &str| &assigned.iter().find(|(r, _)| r == role).unwrap().1;
        assert!(of("it_centre").contains(&"createFraudReport".to_string()));
        assert!(of("director").contains(&"transitionPlan".to_string()));
        assert!(of("secretary").contains(&"payArticleRoyalty".to_string()));
        // Operations any session may call go to the chief editor's run only.
        assert!(of("chief_editor").contains(&"getHealth".to_string()));
        assert!(!of("admin").contains(&"getWorkflow".to_string()));
    }

    #[test]
    fn a_role_with_the_same_permissions_as_an_earlier_one_is_no_family() {
        let set = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
        let table: BTreeMap<String, BTreeSet<String>> = [
            ("a".to_string(), set(&["x"])),
            ("b".to_string(), set(&["x", "y"])),
            ("c".to_string(), set(&["x", "y"])),
            ("d".to_string(), set(&["z"])),
        ]
        .into();
        let order: Vec<String> = ["a", "b", "c", "d"].map(String::from).to_vec();
        assert_eq!(families(&order, &table), ["b", "d"]);
    }
}
