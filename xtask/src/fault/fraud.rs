//! Fraud reports under the fault test: a local office files a report, the IT Centre verifies
//! it, again and again. At the end exactly the acknowledged reports of the run exist, each in
//! its acknowledged state and version, with one history line and one audit line per
//! acknowledged change.

use super::{get_json, id_of, ok_or_applied, Client};
use serde_json::json;

/// A report as the acknowledged writes left it.
#[derive(Debug, Clone)]
struct Report {
    id: i64,
    description: String,
    state: &'static str,
    version: i64,
}

/// One client's reports.
#[derive(Debug, Default)]
pub struct Reports {
    reports: Vec<Report>,
}

impl Reports {
    /// One write: verifies the last report if it is still new, otherwise files the next one.
    pub fn step(&mut self, c: &Client, n: u64) -> Result<(), String> {
        let s = c.sessions;
        if let Some(r) = self.reports.last_mut().filter(|r| r.state == "new") {
            let path = format!("/api/v1/fraud-reports/{}/transitions", r.id);
            let body = json!({ "action": "verify", "comment": "Đã xác minh với BHXH huyện" });
            let reply = c.write(
                &s.it_centre,
                "POST",
                &path,
                n,
                "fraud-verify",
                Some(r.version),
                &body.to_string(),
            )?;
            ok_or_applied(&reply, 200, "fraud report verify")?;
            r.state = "verified";
            r.version += 1;
            return Ok(());
        }
        let description = format!(
            "Kiểm thử sự cố {} w{} #{n}: đối tượng giả danh cán bộ BHXH gọi điện đề nghị \
             cập nhật thông tin hưởng chế độ.",
            c.run, c.w
        );
        let body = json!({
            "occurred_at": "2026-01-05T02:30:00Z",
            "location": "Xã Tân Phú",
            "channel": "phone",
            "description": description,
            "amount": 1_500_000,
            "people_affected": 1,
            "office": "BHXH huyện Tân Phú",
        });
        let reply = c.write(
            &s.local_office,
            "POST",
            "/api/v1/fraud-reports",
            n,
            "fraud-file",
            None,
            &body.to_string(),
        )?;
        ok_or_applied(&reply, 201, "fraud report filing")?;
        let id = id_of(&reply).ok_or_else(|| format!("filing gave no id: {}", reply.body))?;
        self.reports.push(Report {
            id,
            description,
            state: "new",
            version: 1,
        });
        Ok(())
    }

    /// Compares one client's reports with the server's: the problems found.
    pub fn check(&self, port: u16, cookie: &str, admin: &str) -> Result<Vec<String>, String> {
        let mut problems = Vec::new();
        for r in &self.reports {
            let v = get_json(port, &format!("/api/v1/fraud-reports/{}", r.id), cookie)?;
            let lines = v["history"].as_array().map(Vec::len);
            let changes = r.version as usize;
            if v["description"] != r.description.as_str()
                || v["state"] != r.state
                || v["version"] != r.version
                || lines != Some(changes)
            {
                problems.push(format!(
                    "fraud report {}: expected {}/v{} with {changes} history lines, found \
                     {}/v{} with {lines:?}",
                    r.id, r.state, r.version, v["state"], v["version"]
                ));
            }
            let audit = get_json(
                port,
                &format!(
                    "/api/v1/audit?target=fraud_report:{}&action=fraud_report&per_page=1",
                    r.id
                ),
                admin,
            )?;
            if audit["total"] != changes {
                problems.push(format!(
                    "fraud report {}: {} audit lines for {changes} acknowledged changes",
                    r.id, audit["total"]
                ));
            }
        }
        Ok(problems)
    }

    /// Reports acknowledged as filed.
    pub fn filed(&self) -> usize {
        self.reports.len()
    }
}

/// How many reports of the whole server have a description starting with `marker`, read as
/// `cookie` (who reads all reports).
pub fn count_marked(port: u16, cookie: &str, marker: &str) -> Result<usize, String> {
    let mut found = 0;
    let mut page = 1;
    loop {
        let v = get_json(
            port,
            &format!("/api/v1/fraud-reports?per_page=200&page={page}"),
            cookie,
        )?;
        let items = v["items"].as_array().cloned().unwrap_or_default();
        // A summary's excerpt is the description's beginning, where the marker is.
        found += items
            .iter()
            .filter(|i| i["excerpt"].as_str().is_some_and(|e| e.starts_with(marker)))
            .count();
        if items.len() < 200 {
            return Ok(found);
        }
        page += 1;
    }
}
