//! What the kit reads from `contract/openapi.yaml`: each role's permissions
//! (`x-role-permissions`), each operation's (`x-permissions`), its parameters and whether it
//! needs a session. The expectations of the role matrix come from here, never from a backend.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The contract the kit was built with.
pub const OPENAPI_YAML: &str = include_str!("../../contract/openapi.yaml");

/// What an operation needs beyond a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Needs {
    /// Any session.
    Session,
    /// One of these permissions (`a | b`; a single one is a list of one).
    Any(Vec<String>),
    /// All of them (`a & b`).
    All(Vec<String>),
}

impl Needs {
    pub fn parse(expr: &str) -> Needs {
        let names = |sep: char| -> Vec<String> {
            expr.split(sep)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        };
        if expr.contains('&') {
            Needs::All(names('&'))
        } else {
            Needs::Any(names('|'))
        }
    }

    pub fn allows(&self, permissions: &BTreeSet<String>) -> bool {
        match self {
            Needs::Session => true,
            Needs::Any(names) => names.iter().any(|n| permissions.contains(n)),
            Needs::All(names) => names.iter().all(|n| permissions.contains(n)),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Needs::Session => "a session".to_string(),
            Needs::Any(names) => names.join(" | "),
            Needs::All(names) => names.join(" & "),
        }
    }
}

/// One parameter of an operation.
#[derive(Debug, Clone)]
pub struct Param {
    pub name: String,
    pub location: String,
    pub required: bool,
    pub schema: Value,
}

/// One operation of the document.
#[derive(Debug, Clone)]
pub struct Operation {
    pub method: String,
    pub path: String,
    pub id: String,
    /// `security: []`: no session needed.
    pub public: bool,
    pub needs: Needs,
    pub params: Vec<Param>,
}

/// The parsed document.
pub struct Contract {
    pub doc: Value,
}

impl Contract {
    pub fn parse(text: &str) -> Result<Contract, String> {
        let doc: Value = serde_norway::from_str(text).map_err(|e| format!("openapi.yaml: {e}"))?;
        if !doc["paths"].is_object() {
            return Err("openapi.yaml has no paths".into());
        }
        Ok(Contract { doc })
    }

    pub fn bundled() -> Contract {
        Contract::parse(OPENAPI_YAML).expect("the bundled openapi.yaml parses")
    }

    /// The `Role` enumeration.
    pub fn roles(&self) -> Vec<String> {
        strings(&self.doc["components"]["schemas"]["Role"]["enum"])
    }

    /// `x-role-permissions`: role → permissions.
    pub fn role_permissions(&self) -> Result<BTreeMap<String, BTreeSet<String>>, String> {
        let table = self.doc["x-role-permissions"]
            .as_object()
            .ok_or("openapi.yaml has no x-role-permissions")?;
        Ok(table
            .iter()
            .map(|(role, perms)| (role.clone(), strings(perms).into_iter().collect()))
            .collect())
    }

    /// The union of the permissions of `roles`.
    pub fn permissions_of(&self, roles: &[String]) -> Result<BTreeSet<String>, String> {
        let table = self.role_permissions()?;
        let mut out = BTreeSet::new();
        for role in roles {
            let perms = table
                .get(role)
                .ok_or_else(|| format!("x-role-permissions has no role {role}"))?;
            out.extend(perms.iter().cloned());
        }
        Ok(out)
    }

    /// Every operation, in document order.
    pub fn operations(&self) -> Vec<Operation> {
        let mut out = Vec::new();
        let Some(paths) = self.doc["paths"].as_object() else {
            return out;
        };
        for (path, item) in paths {
            let shared: Vec<Value> = item["parameters"].as_array().cloned().unwrap_or_default();
            for method in ["get", "put", "post", "patch", "delete"] {
                let op = &item[method];
                if !op.is_object() {
                    continue;
                }
                let public = op["security"].as_array().is_some_and(|s| s.is_empty());
                let needs = match op["x-permissions"].as_str() {
                    Some(expr) => Needs::parse(expr),
                    None => Needs::Session,
                };
                let mut params = Vec::new();
                let own: Vec<Value> = op["parameters"].as_array().cloned().unwrap_or_default();
                for p in shared.iter().chain(own.iter()) {
                    let p = self.resolve(p);
                    params.push(Param {
                        name: p["name"].as_str().unwrap_or_default().to_string(),
                        location: p["in"].as_str().unwrap_or_default().to_string(),
                        required: p["required"].as_bool().unwrap_or(false),
                        schema: self.resolve(&p["schema"]).clone(),
                    });
                }
                out.push(Operation {
                    method: method.to_ascii_uppercase(),
                    path: path.clone(),
                    id: op["operationId"].as_str().unwrap_or_default().to_string(),
                    public,
                    needs,
                    params,
                });
            }
        }
        out
    }

    /// Follows a local `$ref` (`#/components/parameters/Id`).
    pub fn resolve<'a>(&'a self, v: &'a Value) -> &'a Value {
        match v["$ref"].as_str().and_then(|r| r.strip_prefix('#')) {
            Some(pointer) => self.doc.pointer(pointer).unwrap_or(v),
            None => v,
        }
    }
}

/// The strings of a JSON array; anything else is none.
pub(crate) fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn permission_expressions() {
        let either = Needs::parse("royalties.view | royalties.settings");
        assert!(either.allows(&set(&["royalties.settings"])));
        assert!(!either.allows(&set(&["royalties.pay"])));
        let both = Needs::parse("fraud.communicate & articles.create");
        assert!(!both.allows(&set(&["fraud.communicate"])));
        assert!(both.allows(&set(&["fraud.communicate", "articles.create", "x"])));
        assert_eq!(
            Needs::parse("users.manage"),
            Needs::Any(vec!["users.manage".into()])
        );
        assert!(Needs::Session.allows(&set(&[])));
    }

    #[test]
    fn the_bundled_contract_names_every_role_and_operation_permission() {
        let c = Contract::bundled();
        let table = c.role_permissions().unwrap();
        assert_eq!(
            table.keys().cloned().collect::<BTreeSet<_>>(),
            c.roles().into_iter().collect()
        );
        // The Role enumeration has nine roles; only the administrator manages users.
        assert_eq!(table.len(), 9);
        let managers: Vec<_> = table
            .iter()
            .filter(|(_, p)| p.contains("users.manage"))
            .map(|(r, _)| r.as_str())
            .collect();
        assert_eq!(managers, ["admin"]);

        let ops = c.operations();
        let find = |m: &str, p: &str| {
            ops.iter()
                .find(|o| o.method == m && o.path == p)
                .unwrap_or_else(|| panic!("{m} {p}"))
        };
        assert!(find("GET", "/health").public);
        assert_eq!(find("GET", "/workflow").needs, Needs::Session);
        assert_eq!(
            find("GET", "/users").needs,
            Needs::Any(vec!["users.manage".into()])
        );
        assert_eq!(
            find("POST", "/fraud-reports/{id}/warning-article").needs,
            Needs::All(vec!["fraud.communicate".into(), "articles.create".into()])
        );
        let changes = find("GET", "/changes");
        assert!(changes
            .params
            .iter()
            .any(|p| p.name == "since" && p.required));
        let user = find("GET", "/users/{id}");
        assert!(user
            .params
            .iter()
            .any(|p| p.name == "id" && p.location == "path"));
        assert_eq!(
            c.permissions_of(&["author".into(), "local_office".into()])
                .unwrap()
                .len(),
            8
        );
    }
}
