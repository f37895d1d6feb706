//! The role matrix: for every operation whose access depends on permissions alone (no
//! resource of someone else's), each role's user and an anonymous caller get what the
//! contract says: 2xx when the role's permissions (`x-role-permissions`) satisfy the
//! operation's `x-permissions`, else 403; 401 without a session unless `security: []`.

use crate::client::{Call, Session};
use crate::contract::{Needs, Operation};
use crate::{problem, today, Kit};
use serde_json::{json, Value};

/// One probe: an operation and how to call it.
struct Probe {
    op: Operation,
    path: String,
    body: Option<Value>,
}

/// Fills the operation's parameters, or says why it cannot be probed without someone's
/// resource.
fn fill(kit: &Kit, op: &Operation, cursor: Option<&str>) -> Result<String, String> {
    let (year, month, day) = today();
    let mut path = op.path.clone();
    let mut query = Vec::new();
    for p in &op.params {
        let enum_first = p.schema["enum"]
            .as_array()
            .and_then(|a| a.first())
            .and_then(Value::as_str)
            .map(str::to_string);
        match p.location.as_str() {
            "path" => {
                let value = match (op.path.as_str(), p.name.as_str()) {
                    ("/users/{id}", "id") => kit.main.user_id.to_string(),
                    (_, "year") => year.to_string(),
                    _ => match enum_first {
                        Some(v) => v,
                        None => return Err(format!("needs a resource ({})", p.name)),
                    },
                };
                path = path.replace(&format!("{{{}}}", p.name), &value);
            }
            "query" if p.required => {
                let value = match p.name.as_str() {
                    "since" => cursor
                        .map(str::to_string)
                        .ok_or("no board cursor to use for `since`")?,
                    "q" => "bao hiem".to_string(),
                    "year" => year.to_string(),
                    "month" => format!("{year:04}-{month:02}"),
                    "from" | "to" | "day" => format!("{year:04}-{month:02}-{day:02}"),
                    other => enum_first.ok_or_else(|| format!("cannot fill `{other}`"))?,
                };
                query.push(format!("{}={}", p.name, value.replace(' ', "%20")));
            }
            _ => {}
        }
    }
    if !query.is_empty() {
        path = format!("{path}?{}", query.join("&"));
    }
    Ok(path)
}

/// A valid body for the writes the matrix probes (`banner_image`: an image of the library
/// for `POST /banners`).
fn body_for(kit: &mut Kit, op: &Operation, banner_image: Option<i64>) -> Option<Value> {
    let n = kit.next();
    match (op.method.as_str(), op.path.as_str()) {
        ("POST", "/articles") => {
            Some(json!({ "title": format!("Kiểm tra quyền {n}"), "kind": "news" }))
        }
        ("POST", "/fraud-reports") => Some(crate::rules::fraud_report()),
        ("POST", "/banners") => banner_image.map(crate::rules::banner),
        ("POST", "/users") => Some(json!({
            "username": format!("conf{}-m{n}", kit.nonce),
            "full_name": "Người dùng kiểm tra",
            "roles": ["author"],
            "password": format!("Matrix{n}x9 kiểm tra"),
        })),
        _ => None,
    }
}

pub(crate) async fn check(kit: &mut Kit) {
    // A cursor for `GET /changes`, from the board of a role that may read it.
    let mut cursor = None;
    if let Some((_, s)) = kit.role_with("articles.read_all") {
        if let Ok(res) = kit.send(Call::get("/board").session(Some(&s))).await {
            cursor = res
                .json()
                .and_then(|b| b["cursor"].as_str().map(str::to_string));
        }
    }
    let mut probes = Vec::new();
    let mut left_out = Vec::new();
    for op in kit.contract.operations() {
        let write = matches!(
            (op.method.as_str(), op.path.as_str()),
            ("POST", "/articles")
                | ("POST", "/fraud-reports")
                | ("POST", "/users")
                | ("POST", "/media")
                | ("POST", "/banners")
        );
        if op.method != "GET" && !write {
            continue;
        }
        // The session's own routes and the public snippet are not about roles.
        if op.path == "/collect.js" {
            continue;
        }
        match fill(kit, &op, cursor.as_deref()) {
            Ok(path) => probes.push(Probe {
                op,
                path,
                body: None,
            }),
            Err(why) => left_out.push(format!("{} {} ({why})", op.method, op.path)),
        }
    }
    if kit.report.echo && !left_out.is_empty() {
        println!(
            "  (the matrix leaves out operations on someone's resource, checked by the workflow and etag groups: {})",
            left_out.join(", ")
        );
    }
    // An image for the banners, uploaded once by a role that may.
    let mut banner_image = None;
    if probes
        .iter()
        .any(|p| p.op.method == "POST" && p.op.path == "/banners")
    {
        if let Some((_, s)) = kit.role_with("media.upload") {
            let (content_type, body) = crate::rules::media_upload();
            let call = Call::new("POST", "/media")
                .session(Some(&s))
                .raw(Some(&content_type), body);
            if let Ok(res) = kit.send(call).await {
                banner_image = res.json().and_then(|v| v["id"].as_i64());
            }
        }
    }
    let users = kit.users.clone();
    for mut probe in probes {
        let mut allowed_to = Vec::new();
        let mut wrong = Vec::new();
        let who: Vec<(String, Option<Session>)> = std::iter::once(("anonymous".to_string(), None))
            .chain(users.iter().map(|(r, s)| (r.clone(), Some(s.clone()))))
            .collect();
        for (role, session) in who {
            if probe.body.is_none() || probe.op.method != "GET" {
                probe.body = body_for(kit, &probe.op, banner_image);
            }
            let allowed = match &session {
                _ if probe.op.public => true,
                None => false,
                Some(_) => probe.op.needs.allows(&kit.perms(&role)),
            };
            let want = match (&session, allowed) {
                (_, true) => "2xx",
                (None, false) => "401",
                (Some(_), false) => "403",
            };
            // Giving roles asks for the session's password again first; any signed-in user
            // may confirm it, the permission is checked after.
            if (probe.op.method.as_str(), probe.op.path.as_str()) == ("POST", "/users") {
                if let Some(s) = &session {
                    let _ = kit.api.reauthenticate(s).await;
                }
            }
            let mut call =
                Call::new(method(&probe.op), probe.path.clone()).session(session.as_ref());
            if let Some(body) = &probe.body {
                call = call.json(body);
            } else if (probe.op.method.as_str(), probe.op.path.as_str()) == ("POST", "/media") {
                let (content_type, body) = crate::rules::media_upload();
                call = call.raw(Some(&content_type), body);
            }
            let verdict = match kit.send(call).await {
                Err(e) => Err(e),
                Ok(res) => match want {
                    "2xx" if (200..300).contains(&res.status) => Ok(()),
                    "401" | "403" if res.status.to_string() == want => problem(&res).map(|_| ()),
                    _ => Err(format!("got {}", res.describe())),
                },
            };
            if allowed && session.is_some() {
                allowed_to.push(role.clone());
            }
            if let Err(e) = verdict {
                wrong.push(format!("{role}: want {want}, {e}"));
            }
        }
        let needs = match &probe.op.needs {
            _ if probe.op.public => "public".to_string(),
            Needs::Session => "a session".to_string(),
            n => n.describe(),
        };
        let who = if allowed_to.len() == users.len() {
            "every role".to_string()
        } else if allowed_to.is_empty() {
            "no role".to_string()
        } else {
            allowed_to.join(", ")
        };
        let anonymous = if probe.op.public { "2xx" } else { "401" };
        let name = format!(
            "{} {} (needs {needs}): 2xx for {who}, 403 for the others, {anonymous} without a session",
            probe.op.method, probe.op.path
        );
        let result = if wrong.is_empty() {
            Ok(())
        } else {
            Err(wrong.join("; "))
        };
        kit.report.record("matrix", name, result);
    }
}

fn method(op: &Operation) -> &'static str {
    match op.method.as_str() {
        "POST" => "POST",
        "PUT" => "PUT",
        "PATCH" => "PATCH",
        "DELETE" => "DELETE",
        _ => "GET",
    }
}
