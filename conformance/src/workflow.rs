//! The workflow rules, as the backend's own `GET /workflow` states them: each transition is
//! allowed to its roles (with the comment or reason it requires, recorded in the history)
//! and refused with 403 to every other role; a stage pair without a transition is 409; the
//! approval is refused with 422 while the publish checklist fails.

use crate::client::{Call, Session};
use crate::contract::strings;
use crate::{error_fields, expect_problem, Kit};
use serde_json::{json, Value};
use std::collections::{BTreeSet, VecDeque};

/// One transition of `GET /workflow`.
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    pub from: String,
    pub to: String,
    pub action: String,
    pub roles: Vec<String>,
    pub requires: String,
}

pub(crate) fn rules(workflow: &Value) -> Vec<Rule> {
    workflow["transitions"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|t| Rule {
                    from: t["from"].as_str().unwrap_or_default().to_string(),
                    to: t["to"].as_str().unwrap_or_default().to_string(),
                    action: t["action"].as_str().unwrap_or_default().to_string(),
                    roles: strings(&t["roles"]),
                    requires: t["requires"].as_str().unwrap_or("none").to_string(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The shortest chain of transitions from `start` to `goal` (breadth first).
pub(crate) fn path(rules: &[Rule], start: &str, goal: &str) -> Option<Vec<Rule>> {
    let mut seen = BTreeSet::from([start.to_string()]);
    let mut queue = VecDeque::from([(start.to_string(), Vec::<Rule>::new())]);
    while let Some((stage, chain)) = queue.pop_front() {
        if stage == goal {
            return Some(chain);
        }
        for r in rules.iter().filter(|r| r.from == stage) {
            if seen.insert(r.to.clone()) {
                let mut next = chain.clone();
                next.push(r.clone());
                queue.push_back((r.to.clone(), next));
            }
        }
    }
    None
}

/// An article in the kit's hands: id, version, who created it.
#[derive(Debug, Clone)]
pub(crate) struct Article {
    pub id: i64,
    pub version: i64,
    pub creator: String,
}

/// A complete article (it passes an ordinary publish checklist once its manual items are
/// ticked) or a bare one (title and kind only).
pub(crate) fn article_body(title: &str, complete: bool, author: &Session) -> Value {
    if !complete {
        return json!({ "title": title, "kind": "news" });
    }
    let para = |t: &str| json!({ "type": "paragraph", "spans": [{ "text": t }] });
    json!({
        "title": title,
        "kind": "news",
        "lead": "Bảo hiểm xã hội tỉnh thông tin về việc mở rộng diện bao phủ bảo hiểm xã hội tự nguyện.",
        "body": [
            para(&"Bảo hiểm xã hội tỉnh tiếp tục mở rộng diện bao phủ bảo hiểm xã hội tự nguyện. ".repeat(4)),
            para(&"Người dân tra cứu quá trình tham gia trên ứng dụng VssID và tại bộ phận một cửa. ".repeat(3)),
        ],
        "section": "Tin tức – Sự kiện",
        "topics": ["bhxh"],
        "authors": [{ "name": author.username, "user_id": author.user_id, "share": 100 }],
        "source": "BHXH tỉnh",
        "channels": ["portal"],
        "language": "vi",
    })
}

impl Kit {
    /// Creates an article as `creator` (complete and with every manual checklist item ticked
    /// by a user with `articles.edit`, or bare).
    pub(crate) async fn new_article(
        &mut self,
        creator: &Session,
        complete: bool,
    ) -> Result<Article, String> {
        let n = self.next();
        let title = format!("Kiểm tra tuân thủ {} số {n}", self.nonce);
        let res = self
            .send(
                Call::new("POST", "/articles")
                    .session(Some(creator))
                    .json(&article_body(&title, complete, creator)),
            )
            .await?;
        let a = res.json().filter(|_| res.status == 201).ok_or_else(|| {
            format!(
                "POST /articles as {} answered {}",
                creator.username,
                res.describe()
            )
        })?;
        let mut article = Article {
            id: a["id"].as_i64().unwrap_or(0),
            version: a["version"].as_i64().unwrap_or(0),
            creator: creator.username.clone(),
        };
        if !complete {
            return Ok(article);
        }
        let manual: Vec<Value> = a["checklist"]["items"]
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .filter(|i| i["automatic"] == json!(false))
                    .map(|i| i["id"].clone())
                    .collect()
            })
            .unwrap_or_default();
        let (_, editor) = self
            .role_with("articles.edit")
            .ok_or("no user with articles.edit to tick the checklist")?;
        let res = self
            .send(
                Call::new("PATCH", format!("/articles/{}", article.id))
                    .session(Some(&editor))
                    .if_match(article.version)
                    .json(&json!({ "checks": manual })),
            )
            .await?;
        let a = res
            .json()
            .filter(|_| res.status == 200)
            .ok_or_else(|| format!("ticking the checklist answered {}", res.describe()))?;
        if a["checklist"]["failing"].as_i64() != Some(0) {
            return Err(format!(
                "a complete article still fails the checklist: {}",
                a["checklist"]
            ));
        }
        article.version = a["version"].as_i64().unwrap_or(0);
        Ok(article)
    }

    /// Moves `article` from draft to `stage` along the workflow, each step by a role the
    /// rule names that may see the article.
    pub(crate) async fn drive(&mut self, article: &mut Article, stage: &str) -> Result<(), String> {
        let rules = rules(&self.workflow);
        let chain = path(&rules, "draft", stage)
            .ok_or_else(|| format!("GET /workflow has no way from draft to {stage}"))?;
        for rule in chain {
            let actor = self
                .users
                .iter()
                .find(|(role, s)| {
                    rule.roles.contains(role)
                        && (self.perms(role).contains("articles.read_all")
                            || s.username == article.creator)
                })
                .map(|(_, s)| s.clone())
                .ok_or_else(|| format!("no user may make {} → {}", rule.from, rule.to))?;
            let res = self
                .send(
                    Call::new("POST", format!("/articles/{}/transitions", article.id))
                        .session(Some(&actor))
                        .if_match(article.version)
                        .json(&json!({ "to": rule.to, "comment": format!("Kiểm tra: {}", rule.action) })),
                )
                .await?;
            let moved = res.json().filter(|_| res.status == 200).ok_or_else(|| {
                format!(
                    "setting up: {} → {} as {} answered {}",
                    rule.from,
                    rule.to,
                    actor.username,
                    res.describe()
                )
            })?;
            article.version = moved["version"].as_i64().unwrap_or(article.version + 1);
        }
        Ok(())
    }

    /// A user who may see every article.
    fn reader(&self) -> Option<Session> {
        self.role_with("articles.read_all").map(|(_, s)| s)
    }
}

async fn transition(
    kit: &Kit,
    who: &Session,
    a: &Article,
    to: &str,
    comment: Option<&str>,
) -> Result<crate::client::Resp, String> {
    let mut body = json!({ "to": to });
    if let Some(c) = comment {
        body["comment"] = json!(c);
    }
    kit.send(
        Call::new("POST", format!("/articles/{}/transitions", a.id))
            .session(Some(who))
            .if_match(a.version)
            .json(&body),
    )
    .await
}

/// An allowed transition: the comment it requires, the move, the history line.
async fn allowed(kit: &mut Kit, rule: &Rule, role: &str, user: &Session) -> Result<(), String> {
    let author = kit.user("author").ok_or("no author user")?;
    let creator = if kit.perms(role).contains("articles.create") {
        user.clone()
    } else {
        author
    };
    let mut a = kit.new_article(&creator, true).await?;
    kit.drive(&mut a, &rule.from).await?;
    if rule.requires != "none" {
        for missing in [None, Some("   ")] {
            let res = transition(kit, user, &a, &rule.to, missing).await?;
            let p = expect_problem(&res, 422)
                .map_err(|e| format!("without a {} ({missing:?}): {e}", rule.requires))?;
            if !error_fields(&p).iter().any(|f| f == "comment") {
                return Err(format!(
                    "the 422 without a {} does not name `comment`: {}",
                    rule.requires,
                    res.snippet()
                ));
            }
        }
    }
    let comment = format!("Ý kiến kiểm tra {}", rule.action);
    let res = transition(kit, user, &a, &rule.to, Some(&comment)).await?;
    if res.status != 200 {
        return Err(format!("want 200, got {}", res.describe()));
    }
    let moved = res.json().ok_or("the answer is not JSON")?;
    if moved["stage"] != json!(rule.to) {
        return Err(format!("the answer's stage is {}", moved["stage"]));
    }
    let version = a.version + 1;
    if moved["version"].as_i64() != Some(version) {
        return Err(format!(
            "version {} after {}, want {version}",
            moved["version"], a.version
        ));
    }
    let etag = format!("\"{version}\"");
    if res.header("etag") != Some(etag.as_str()) {
        return Err(format!("ETag {:?}, want {etag}", res.header("etag")));
    }
    let res = kit
        .send(Call::get(format!("/articles/{}/history", a.id)).session(Some(user)))
        .await?;
    let history = res
        .json()
        .filter(|_| res.status == 200)
        .ok_or_else(|| format!("GET history answered {}", res.describe()))?;
    let last = history
        .as_array()
        .and_then(|h| h.last())
        .cloned()
        .unwrap_or_default();
    let want = (
        json!(rule.action),
        json!(rule.from),
        json!(rule.to),
        json!(comment),
        json!(user.user_id),
    );
    let got = (
        last["action"].clone(),
        last["from_stage"].clone(),
        last["to_stage"].clone(),
        last["comment"].clone(),
        last["actor_id"].clone(),
    );
    if got != want {
        return Err(format!(
            "the last history line is {last}, want action/from/to/comment/actor {want:?}"
        ));
    }
    Ok(())
}

/// The transition refused (403, nothing changed) to every role it does not name.
async fn forbidden(kit: &mut Kit, rule: &Rule) -> Result<Vec<String>, String> {
    let author = kit.user("author").ok_or("no author user")?;
    let reader = kit.reader().ok_or("no user with articles.read_all")?;
    let mut a = kit.new_article(&author, true).await?;
    kit.drive(&mut a, &rule.from).await?;
    let mut wrong = Vec::new();
    let mut asked = Vec::new();
    for (role, user) in kit.users.clone() {
        if rule.roles.contains(&role) {
            continue;
        }
        asked.push(role.clone());
        let res = transition(kit, &user, &a, &rule.to, Some("Không được phép")).await?;
        if let Err(e) = expect_problem(&res, 403) {
            wrong.push(format!("{role}: {e}"));
        }
    }
    let res = kit
        .send(Call::get(format!("/articles/{}", a.id)).session(Some(&reader)))
        .await?;
    let now = res.json().unwrap_or_default();
    if now["stage"] != json!(rule.from) || now["version"].as_i64() != Some(a.version) {
        wrong.push(format!(
            "after the refusals the article is at {} version {}",
            now["stage"], now["version"]
        ));
    }
    if wrong.is_empty() {
        Ok(asked)
    } else {
        Err(wrong.join("; "))
    }
}

pub(crate) async fn check(kit: &mut Kit) {
    let rules = rules(&kit.workflow);
    if rules.is_empty() {
        kit.report.record(
            "workflow",
            "GET /workflow lists transitions",
            Err("no transitions".into()),
        );
        return;
    }
    for rule in &rules {
        let title = format!("{} → {} ({})", rule.from, rule.to, rule.action);
        for role in &rule.roles {
            let Some(user) = kit.user(role) else {
                kit.report.record(
                    "workflow",
                    format!("{title} by {role}"),
                    Err(format!("no user with the role {role}")),
                );
                continue;
            };
            let needs = match rule.requires.as_str() {
                "none" => String::new(),
                r => format!(", refused without a {r} (422 naming comment)"),
            };
            let result = allowed(kit, rule, role, &user).await;
            kit.report.record(
                "workflow",
                format!("{title} allowed to {role}{needs}, recorded in the history"),
                result,
            );
        }
        let result = forbidden(kit, rule).await;
        let name = format!("{title} refused (403) to the roles it does not name");
        match result {
            Ok(asked) => {
                kit.report
                    .record("workflow", format!("{name}: {}", asked.join(", ")), Ok(()))
            }
            Err(e) => kit.report.record("workflow", name, Err(e)),
        }
    }

    // Stage pairs the workflow does not join: 409 for a user who may see the article.
    let stages: Vec<String> = kit.workflow["stages"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s["id"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    for from in &stages {
        let targets: Vec<&String> = stages
            .iter()
            .filter(|to| *to != from && !rules.iter().any(|r| &r.from == from && &r.to == *to))
            .collect();
        if targets.is_empty() {
            continue;
        }
        let result = async {
            let author = kit.user("author").ok_or("no author user")?;
            let reader = kit.reader().ok_or("no user with articles.read_all")?;
            let mut a = kit.new_article(&author, true).await?;
            kit.drive(&mut a, from).await?;
            let mut wrong = Vec::new();
            for to in &targets {
                let res = transition(kit, &reader, &a, to, Some("Không có bước này")).await?;
                if let Err(e) = expect_problem(&res, 409) {
                    wrong.push(format!("→ {to}: {e}"));
                }
            }
            if wrong.is_empty() {
                Ok(())
            } else {
                Err(wrong.join("; "))
            }
        }
        .await;
        let list: Vec<&str> = targets.iter().map(|s| s.as_str()).collect();
        kit.report.record(
            "workflow",
            format!(
                "from {from} there is no transition to {} (409)",
                list.join(", ")
            ),
            result,
        );
    }

    // Approval while the publish checklist fails.
    let result = async {
        let author = kit.user("author").ok_or("no author user")?;
        let approve = rules
            .iter()
            .find(|r| r.from == "pending_approval" && r.to == "approved")
            .ok_or("GET /workflow has no pending_approval → approved")?;
        let approver = approve
            .roles
            .iter()
            .find_map(|r| kit.user(r))
            .ok_or("no user may approve")?;
        let mut a = kit.new_article(&author, false).await?;
        kit.drive(&mut a, "pending_approval").await?;
        let res = transition(kit, &approver, &a, "approved", Some("Duyệt")).await?;
        let p = expect_problem(&res, 422)?;
        if error_fields(&p).iter().any(|f| f.starts_with("checklist.")) {
            Ok(())
        } else {
            Err(format!(
                "the 422 names no checklist.<id> field: {}",
                res.snippet()
            ))
        }
    }
    .await;
    kit.report.record(
        "workflow",
        "pending_approval → approved refused (422 naming checklist.<id>) while the checklist fails",
        result,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(from: &str, to: &str) -> Rule {
        Rule {
            from: from.into(),
            to: to.into(),
            action: format!("{from}-{to}"),
            roles: vec![],
            requires: "none".into(),
        }
    }

    #[test]
    fn the_shortest_chain_follows_the_rules() {
        let rules = [
            rule("draft", "editing"),
            rule("editing", "draft"),
            rule("editing", "review"),
            rule("review", "published"),
            rule("review", "editing"),
        ];
        let chain = path(&rules, "draft", "published").unwrap();
        let steps: Vec<_> = chain.iter().map(|r| r.to.as_str()).collect();
        assert_eq!(steps, ["editing", "review", "published"]);
        assert!(path(&rules, "draft", "draft").unwrap().is_empty());
        assert!(path(&rules, "draft", "removed").is_none());
    }
}
