//! Royalty payments under the fault test: the published demo articles whose royalty is not yet
//! paid are shared among the clients; for each, the chief editor assesses the coefficient (and
//! changes it once) and then the secretary records the payment. At the end each article's royalty has the
//! acknowledged coefficient, payment day and version, and one audit line per acknowledged
//! write besides those it had before.

use super::{get_json, ok_or_applied, Client};
use serde_json::json;

/// Assessments of each article before it is paid (the chief editor changes their mind once).
const ASSESSMENTS: i64 = 2;

/// An unpaid published article's royalty, as the acknowledged writes left it.
#[derive(Debug, Clone)]
pub struct Royalty {
    article_id: i64,
    version: i64,
    min_tenths: i64,
    coefficient: Option<i64>,
    paid_on: Option<String>,
    /// Its royalty audit lines before the run.
    audit_before: i64,
    writes: i64,
}

/// Every published article whose royalty is unpaid, with its audit lines so far, read as
/// `cookie` (who may read royalties) and `admin` (the audit log).
pub fn unpaid(port: u16, cookie: &str, admin: &str) -> Result<Vec<Royalty>, String> {
    let mut out = Vec::new();
    let mut page = 1;
    loop {
        let list = get_json(
            port,
            &format!("/api/v1/articles?stage=published&per_page=200&page={page}"),
            cookie,
        )?;
        let items = list["items"].as_array().cloned().unwrap_or_default();
        for id in items.iter().filter_map(|i| i["id"].as_i64()) {
            let r = get_json(port, &format!("/api/v1/articles/{id}/royalty"), cookie)?;
            if !r["paid_on"].is_null() {
                continue;
            }
            let audit = get_json(
                port,
                &format!("/api/v1/audit?target=article:{id}&action=royalty&per_page=1"),
                admin,
            )?;
            out.push(Royalty {
                article_id: id,
                version: r["version"].as_i64().ok_or("a royalty without version")?,
                min_tenths: r["range"]["min_tenths"]
                    .as_i64()
                    .ok_or("a royalty without range")?,
                coefficient: r["coefficient_tenths"].as_i64(),
                paid_on: None,
                audit_before: audit["total"]
                    .as_i64()
                    .ok_or("an audit page without total")?,
                writes: 0,
            });
        }
        if items.len() < 200 {
            return Ok(out);
        }
        page += 1;
    }
}

/// One client's share of the unpaid royalties.
#[derive(Debug, Default)]
pub struct Royalties {
    pub queue: Vec<Royalty>,
    done: Vec<Royalty>,
}

impl Royalties {
    /// One write, if an unpaid royalty is left: assesses the next article (twice), then pays it.
    /// `false` when every one is paid.
    pub fn step(&mut self, c: &Client, n: u64, today: &str) -> Result<bool, String> {
        let s = c.sessions;
        let Some(r) = self.queue.last_mut() else {
            return Ok(false);
        };
        let path = format!("/api/v1/articles/{}/royalty", r.article_id);
        if r.writes < ASSESSMENTS {
            // A coefficient other than the one it has, so the write changes something.
            let coefficient = if r.coefficient == Some(r.min_tenths) {
                r.min_tenths + 1
            } else {
                r.min_tenths
            };
            let body = json!({ "coefficient_tenths": coefficient, "remunerations": [] });
            let reply = c.write(
                &s.chief,
                "PUT",
                &path,
                n,
                "royalty-assess",
                Some(r.version),
                &body.to_string(),
            )?;
            ok_or_applied(&reply, 200, "royalty assessment")?;
            r.coefficient = Some(coefficient);
        } else {
            let body = json!({ "paid_on": today });
            let reply = c.write(
                &s.secretary,
                "POST",
                &format!("{path}/payment"),
                n,
                "royalty-pay",
                Some(r.version),
                &body.to_string(),
            )?;
            ok_or_applied(&reply, 200, "royalty payment")?;
            r.paid_on = Some(today.to_string());
        }
        r.version += 1;
        r.writes += 1;
        if r.paid_on.is_some() {
            self.done.extend(self.queue.pop());
        }
        Ok(true)
    }

    /// Payments acknowledged.
    pub fn paid(&self) -> usize {
        self.done.len()
    }

    /// Compares every touched royalty with the server's: the problems found.
    pub fn check(&self, port: u16, cookie: &str, admin: &str) -> Result<Vec<String>, String> {
        let mut problems = Vec::new();
        let touched = self
            .done
            .iter()
            .chain(self.queue.iter().filter(|r| r.writes > 0));
        for r in touched {
            let id = r.article_id;
            let v = get_json(port, &format!("/api/v1/articles/{id}/royalty"), cookie)?;
            if v["version"] != r.version
                || v["coefficient_tenths"].as_i64() != r.coefficient
                || v["paid_on"].as_str() != r.paid_on.as_deref()
            {
                problems.push(format!(
                    "royalty of article {id}: expected v{} coefficient {:?} paid {:?}, found \
                     v{} coefficient {} paid {}",
                    r.version,
                    r.coefficient,
                    r.paid_on,
                    v["version"],
                    v["coefficient_tenths"],
                    v["paid_on"]
                ));
            }
            let audit = get_json(
                port,
                &format!("/api/v1/audit?target=article:{id}&action=royalty&per_page=1"),
                admin,
            )?;
            if audit["total"] != r.audit_before + r.writes {
                problems.push(format!(
                    "royalty of article {id}: {} audit lines, expected {} before + {} \
                     acknowledged writes",
                    audit["total"], r.audit_before, r.writes
                ));
            }
        }
        Ok(problems)
    }
}
