//! The fault test: clients write (article creations, edits, transitions, beacons, annual plans,
//! royalty assessments and payments, fraud reports) while the server is killed with SIGKILL at
//! random moments and restarted on the same database. At the end every acknowledged write must
//! be there, exactly once, and nothing half-applied: each article's, plan's, royalty's and
//! report's version equals its acknowledged writes, with one history (or audit) line each.
//! On PostgreSQL the database itself is also stopped under load: the server must answer 503
//! with `Retry-After` meanwhile and recover by itself once the database is back.

mod fraud;
mod plans;
mod royalties;

use crate::pg::{self, Cluster};
use crate::proc::{
    free_port, http, run as run_program, spawn, wait_http_ok, Guard, Reply, TempDir,
};
use crate::server::{server_bin, SERVER_BIN};
use crate::tools::install;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// `cargo xtask fault`: only the fault tests, on SQLite and on a throw-away PostgreSQL.
pub fn cmd() -> Result<(), String> {
    install(&[pg::install], 1)?;
    run_program("cargo", &["build", "-p", SERVER_BIN], &[])?;
    check(None)?;
    let cluster = Cluster::start("fault")?;
    check(Some(&cluster))
}

/// The fault test on a throw-away SQLite file, or on a new database of `cluster`.
pub fn check(cluster: Option<&Cluster>) -> Result<(), String> {
    let store = if cluster.is_some() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    eprintln!("── fault test ({store}): writes while the server is killed and restarted");
    let dir = TempDir::new("fault")?;
    let db = match cluster {
        Some(c) => c.create_database("fault")?,
        None => format!("sqlite://{}", dir.0.join("portal.db").display()),
    };
    let report = run(&server_bin("debug"), &db, &dir.0, cluster)?;
    eprintln!("   {store}: {report}");
    Ok(())
}

/// Acknowledged writes to reach (beacons included).
const TARGET_WRITES: u64 = 1_000;
const WORKERS: usize = 4;
const CHROME: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like \
                      Gecko) Chrome/131.0.0.0 Safari/537.36";

/// The server under test: restarted on the same port and database after each kill.
struct Server {
    bin: PathBuf,
    port: u16,
    db: String,
    log: PathBuf,
    child: Option<Guard>,
}

impl Server {
    fn start(&mut self) -> Result<(), String> {
        let bind = format!("127.0.0.1:{}", self.port);
        use std::io::Write;
        let mut log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .map_err(|e| e.to_string())?;
        writeln!(log, "── fault test: server started").map_err(|e| e.to_string())?;
        let guard = spawn(
            self.bin.to_str().unwrap_or("portal-server"),
            &[
                "--demo",
                // Enough published articles with unpaid royalties for the clients to pay.
                "--demo-articles",
                "200",
                "--demo-traffic-days",
                "0",
                "--bind",
                &bind,
                "--database-url",
                &self.db,
                "--static-dir",
                "/nonexistent",
                "--trust-proxy",
                // A killed attempt's key is free again two seconds later.
                "--idempotency-lease-secs",
                "2",
            ],
            &[("RUST_LOG", "warn")],
            "reference server",
            Some(&self.log),
        )?;
        self.child = Some(guard);
        wait_http_ok(self.port, "/api/v1/health", Duration::from_secs(60))
    }

    /// The last lines the server processes wrote (warnings and errors only).
    fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(40)..].join("\n")
    }

    /// SIGKILL (what `Child::kill` sends on Unix), no chance to finish anything.
    fn kill(&mut self) {
        self.child = None;
    }
}

/// What the clients saw.
#[derive(Default)]
struct Counts {
    acked: AtomicU64,
    articles: AtomicU64,
    beacons: AtomicU64,
    plans: AtomicU64,
    fraud: AtomicU64,
    royalties: AtomicU64,
    retries: AtomicU64,
    replayed: AtomicU64,
    applied_before: AtomicU64,
    unavailable: AtomicU64,
}

/// One acknowledged article: its id and the state the acknowledged writes left it in.
#[derive(Debug, Clone)]
struct Written {
    id: i64,
    title: String,
    stage: &'static str,
    version: i64,
}

fn header<'a>(r: &'a Reply, name: &str) -> Option<&'a str> {
    r.headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The demo users' sessions the clients write with.
struct Sessions {
    author: String,
    secretary: String,
    chief: String,
    director: String,
    local_office: String,
    it_centre: String,
}

impl Sessions {
    fn log_in(port: u16) -> Result<Self, String> {
        let cookie = |user| crate::server::demo_cookie(port, user);
        Ok(Sessions {
            author: cookie("author")?,
            secretary: cookie("secretary")?,
            chief: cookie("chief")?,
            director: cookie("director")?,
            local_office: cookie("local_office")?,
            it_centre: cookie("it_centre")?,
        })
    }
}

/// One client thread: the server's port, the run's marker, the client's number, what all
/// clients saw and the sessions they write with.
struct Client<'a> {
    port: u16,
    run: &'a str,
    w: usize,
    counts: &'a Counts,
    sessions: &'a Sessions,
}

impl Client<'_> {
    /// Sends a write until it gets a definitive answer: retries (same key) while the server is
    /// down, restarting, busy with the first attempt, or without its database. The key names
    /// the run, the client, its round `n` and the `step`.
    #[allow(clippy::too_many_arguments)]
    fn write(
        &self,
        cookie: &str,
        method: &str,
        path: &str,
        n: u64,
        step: &str,
        if_match: Option<i64>,
        body: &str,
    ) -> Result<Reply, String> {
        let key = format!("{}-w{}-{n}-{step}", self.run, self.w);
        let if_match = if_match.map(|v| format!("\"{v}\""));
        let mut headers = vec![
            ("Content-Type", "application/json"),
            ("X-Requested-With", "fault"),
            ("Cookie", cookie),
            ("Idempotency-Key", &key),
        ];
        if let Some(v) = &if_match {
            headers.push(("If-Match", v));
        }
        let counts = self.counts;
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            match http(self.port, method, path, &headers, body) {
                Ok(r) if r.status == 503 => {
                    if header(&r, "retry-after").is_none() {
                        return Err(format!("{method} {path}: 503 without Retry-After"));
                    }
                    counts.unavailable.fetch_add(1, Ordering::Relaxed);
                }
                Ok(r) if r.status == 409 && r.body.contains("idempotency-in-flight") => {}
                Ok(r) => {
                    if header(&r, "idempotent-replayed") == Some("true") {
                        counts.replayed.fetch_add(1, Ordering::Relaxed);
                    }
                    if r.status == 409 && r.body.contains("idempotency-applied") {
                        counts.applied_before.fetch_add(1, Ordering::Relaxed);
                    }
                    return Ok(r);
                }
                Err(_) => {}
            }
            if Instant::now() > deadline {
                return Err(format!("{method} {path}: no answer within two minutes"));
            }
            counts.retries.fetch_add(1, Ordering::Relaxed);
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// `GET path` as `cookie` on the running server: its JSON, or why not (any status but 200).
fn get_json(port: u16, path: &str, cookie: &str) -> Result<serde_json::Value, String> {
    let r = http(port, "GET", path, &[("Cookie", cookie)], "")?;
    if r.status != 200 {
        return Err(format!("GET {path} answered {}: {}", r.status, r.body));
    }
    serde_json::from_str(&r.body).map_err(|e| format!("GET {path}: {e}: {}", r.body))
}

/// The id in a created thing's answer, or in the `Location` of an "already applied" one.
fn id_of(r: &Reply) -> Option<i64> {
    if r.status == 409 {
        return header(r, "location")?.rsplit('/').next()?.parse().ok();
    }
    let v: serde_json::Value = serde_json::from_str(&r.body).ok()?;
    v["id"].as_i64()
}

fn ok_or_applied(r: &Reply, want: u16, what: &str) -> Result<(), String> {
    if r.status == want || (r.status == 409 && r.body.contains("idempotency-applied")) {
        Ok(())
    } else {
        Err(format!("{what} answered {}: {}", r.status, r.body))
    }
}

/// What one client's acknowledged writes other than articles and beacons left behind.
#[derive(Debug)]
struct ClientLog {
    plans: plans::PlanYear,
    fraud: fraud::Reports,
    royalties: royalties::Royalties,
}

/// One client: create an article, rename it, send it to editing, post a beacon, take its plan
/// one step further, file or verify a fraud report, assess or pay a royalty; again.
fn worker(
    c: &Client,
    stop: &AtomicBool,
    out: &Mutex<Vec<Written>>,
    mut log: ClientLog,
    today: &str,
) -> Result<ClientLog, String> {
    let (w, port, run, counts) = (c.w, c.port, c.run, c.counts);
    let cookie = c.sessions.author.as_str();
    let mut n = 0u64;
    let acked = |kind: &AtomicU64| {
        counts.acked.fetch_add(1, Ordering::Relaxed);
        kind.fetch_add(1, Ordering::Relaxed);
    };
    while !stop.load(Ordering::Relaxed) {
        n += 1;
        let title = format!("Kiểm thử sự cố {run} w{w} #{n}");
        let body = serde_json::json!({ "title": title, "kind": "news" }).to_string();
        let r = c.write(cookie, "POST", "/api/v1/articles", n, "create", None, &body)?;
        ok_or_applied(&r, 201, "create")?;
        let id = id_of(&r).ok_or_else(|| format!("create gave no id: {}", r.body))?;
        acked(&counts.articles);
        let mut written = Written {
            id,
            title: title.clone(),
            stage: "draft",
            version: 1,
        };
        // Pushed and located under one lock: another client's push in between would
        // otherwise send this article's later states to its slot.
        let index = {
            let mut out = out.lock().unwrap();
            out.push(written.clone());
            out.len() - 1
        };

        let renamed = format!("{title} (đã sửa)");
        let body = serde_json::json!({ "title": renamed }).to_string();
        let path = format!("/api/v1/articles/{id}");
        let r = c.write(cookie, "PATCH", &path, n, "rename", Some(1), &body)?;
        ok_or_applied(&r, 200, "rename")?;
        acked(&counts.articles);
        written.title = renamed;
        written.version = 2;
        out.lock().unwrap()[index] = written.clone();

        let path = format!("/api/v1/articles/{id}/transitions");
        let body = r#"{"to":"editing"}"#;
        let r = c.write(cookie, "POST", &path, n, "submit", Some(2), body)?;
        ok_or_applied(&r, 200, "transition")?;
        acked(&counts.articles);
        written.stage = "editing";
        written.version = 3;
        out.lock().unwrap()[index] = written;

        // A beacon: public, no session, no key. Acknowledged once stored.
        let forwarded = format!("10.9.{w}.{}", n % 250 + 1);
        let beacon = format!(r#"{{"path":"/fault/{run}/w{w}"}}"#);
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let r = http(
                port,
                "POST",
                "/api/v1/collect",
                &[
                    ("Content-Type", "application/json"),
                    ("User-Agent", CHROME),
                    ("X-Forwarded-For", &forwarded),
                ],
                &beacon,
            );
            match r {
                Ok(r) if r.status == 204 => break,
                Ok(r) if r.status != 503 => {
                    return Err(format!("beacon answered {}: {}", r.status, r.body))
                }
                _ => {}
            }
            if Instant::now() > deadline {
                return Err("beacon: no answer within two minutes".into());
            }
            counts.retries.fetch_add(1, Ordering::Relaxed);
            std::thread::sleep(Duration::from_millis(100));
        }
        acked(&counts.beacons);

        log.plans.step(c, n)?;
        acked(&counts.plans);
        log.fraud.step(c, n)?;
        acked(&counts.fraud);
        if log.royalties.step(c, n, today)? {
            acked(&counts.royalties);
        }
    }
    Ok(log)
}

/// A small deterministic generator (no dependency): milliseconds between kills.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, lo: u64, hi: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        lo + (self.0 >> 33) % (hi - lo)
    }
}

/// Kills and restarts the server at random moments until enough writes were acknowledged and
/// it was killed five times (on PostgreSQL also stops the database once under load), or until
/// `finished` (a client ended early). The kills and database stops made.
fn kill_under_load(
    server: &mut Server,
    cluster: Option<&Cluster>,
    counts: &Counts,
    finished: impl Fn() -> bool,
) -> Result<(u32, u32), String> {
    let mut rng = Lcg(0x5eed_2026_1123);
    let mut kills = 0u32;
    let mut db_stops = 0u32;
    while counts.acked.load(Ordering::Relaxed) < TARGET_WRITES || kills < 5 {
        if finished() {
            break;
        }
        std::thread::sleep(Duration::from_millis(rng.next(300, 1500)));
        if let (Some(c), true) = (cluster, kills == 3 && db_stops == 0) {
            // The database goes away under load; the server stays up.
            let before = counts.unavailable.load(Ordering::Relaxed);
            c.stop_immediate()
                .map_err(|e| format!("could not stop PostgreSQL: {e}"))?;
            db_stops += 1;
            let down = Instant::now();
            while counts.unavailable.load(Ordering::Relaxed) == before
                && down.elapsed() < Duration::from_secs(20)
            {
                std::thread::sleep(Duration::from_millis(50));
            }
            let no_503 = counts.unavailable.load(Ordering::Relaxed) == before;
            c.start_again()
                .map_err(|e| format!("could not restart PostgreSQL: {e}"))?;
            if no_503 {
                return Err("no 503 while PostgreSQL was down".into());
            }
            // Recovery without restarting the server: the acknowledgements go on.
            let acked = counts.acked.load(Ordering::Relaxed);
            let back = Instant::now();
            while counts.acked.load(Ordering::Relaxed) < acked + 8 {
                if back.elapsed() > Duration::from_secs(30) {
                    return Err("no write succeeded after PostgreSQL came back".into());
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        server.kill();
        kills += 1;
        std::thread::sleep(Duration::from_millis(rng.next(0, 300)));
        server.start()?;
    }
    Ok((kills, db_stops))
}

/// Runs the fault test on `db` (a `sqlite:` or `postgres:` URL; `cluster` when PostgreSQL, to
/// stop it under load too). Returns a one-line report.
pub fn run(bin: &Path, db: &str, dir: &Path, cluster: Option<&Cluster>) -> Result<String, String> {
    let mut server = Server {
        bin: bin.to_path_buf(),
        port: free_port()?,
        db: db.to_string(),
        log: dir.join("fault-server.log"),
        child: None,
    };
    let result = run_on(&mut server, cluster);
    server.kill();
    result.map_err(|e| format!("{e}\nthe server's log (last lines):\n{}", server.log_tail()))
}

fn run_on(server: &mut Server, cluster: Option<&Cluster>) -> Result<String, String> {
    let started = Instant::now();
    server.start()?;
    let port = server.port;
    let sessions = Sessions::log_in(port)?;
    let admin = crate::server::demo_cookie(port, "admin")?;
    let run = format!("{}", std::process::id() % 100_000);
    let today = vietnam_today();
    // The unpaid royalties, dealt out to the clients.
    let mut logs: Vec<ClientLog> = (0..WORKERS)
        .map(|w| ClientLog {
            plans: plans::PlanYear::new(w),
            fraud: fraud::Reports::default(),
            royalties: royalties::Royalties::default(),
        })
        .collect();
    let unpaid = royalties::unpaid(port, &sessions.chief, &admin)?;
    let royalty_pool = unpaid.len();
    for (i, r) in unpaid.into_iter().enumerate() {
        logs[i % WORKERS].royalties.queue.push(r);
    }
    let counts = Counts::default();
    let stop = AtomicBool::new(false);
    let written = Mutex::new(Vec::new());
    let (kills, db_stops, logs) = std::thread::scope(|scope| {
        let handles: Vec<_> = logs
            .into_iter()
            .enumerate()
            .map(|(w, log)| {
                let (counts, sessions, run, stop, written, today) =
                    (&counts, &sessions, &run, &stop, &written, &today);
                scope.spawn(move || {
                    let client = Client {
                        port,
                        run,
                        w,
                        counts,
                        sessions,
                    };
                    worker(&client, stop, written, log, today)
                })
            })
            .collect();
        let result = kill_under_load(server, cluster, &counts, || {
            handles.iter().any(|h| h.is_finished())
        });
        stop.store(true, Ordering::Relaxed);
        let mut failure = result.as_ref().err().cloned();
        let mut logs = Vec::new();
        for h in handles {
            match h.join() {
                Ok(Ok(log)) => logs.push(log),
                Ok(Err(e)) => failure = failure.or(Some(e)),
                Err(_) => failure = failure.or(Some("a client thread panicked".into())),
            }
        }
        match (failure, result) {
            (None, Ok((kills, db_stops))) => Ok((kills, db_stops, logs)),
            (Some(e), _) | (None, Err(e)) => Err(e),
        }
    })?;

    // One more kill at the end, then check everything against a fresh process.
    server.kill();
    server.start()?;
    let cookie = crate::server::demo_cookie(port, "author")?;
    let written = written.into_inner().unwrap_or_default();
    let mut problems = Vec::new();
    for a in &written {
        let r = http(
            port,
            "GET",
            &format!("/api/v1/articles/{}", a.id),
            &[("Cookie", &cookie)],
            "",
        )?;
        let v: serde_json::Value = serde_json::from_str(&r.body).unwrap_or_default();
        if r.status != 200
            || v["title"] != a.title.as_str()
            || v["stage"] != a.stage
            || v["version"] != a.version
        {
            problems.push(format!(
                "article {}: expected {:?}/{}/v{}, found {} {}/{}/v{}",
                a.id, a.title, a.stage, a.version, r.status, v["title"], v["stage"], v["version"]
            ));
            continue;
        }
        let h = http(
            port,
            "GET",
            &format!("/api/v1/articles/{}/history", a.id),
            &[("Cookie", &cookie)],
            "",
        )?;
        let lines = serde_json::from_str::<serde_json::Value>(&h.body)
            .ok()
            .and_then(|v| v.as_array().map(Vec::len));
        if lines != Some(a.version as usize) {
            problems.push(format!(
                "article {}: version {} but {lines:?} history lines",
                a.id, a.version
            ));
        }
    }
    // Exactly once: as many articles carry this run's marker as were acknowledged.
    let mut found = 0usize;
    let mut page = 1;
    loop {
        let r = http(
            port,
            "GET",
            &format!("/api/v1/articles?per_page=200&page={page}&q=su+co+{run}"),
            &[("Cookie", &cookie)],
            "",
        )?;
        let v: serde_json::Value =
            serde_json::from_str(&r.body).map_err(|e| format!("article list: {e}: {}", r.body))?;
        let items = v["items"].as_array().cloned().unwrap_or_default();
        found += items
            .iter()
            .filter(|i| {
                i["title"]
                    .as_str()
                    .is_some_and(|t| t.contains(&format!("Kiểm thử sự cố {run} ")))
            })
            .count();
        if items.len() < 200 {
            break;
        }
        page += 1;
    }
    if found != written.len() {
        problems.push(format!(
            "{found} articles of this run exist, {} were acknowledged (a retried write applied twice?)",
            written.len()
        ));
    }
    // Beacons: each acknowledged one is counted (a beacon has no key: one whose answer was
    // lost may count too, so at least as many).
    let chief = crate::server::demo_cookie(port, "chief")?;
    let r = http(
        port,
        "GET",
        &format!("/api/v1/stats/breakdown/pages?from={today}&to={today}&limit=100"),
        &[("Cookie", &chief)],
        "",
    )?;
    let v: serde_json::Value = serde_json::from_str(&r.body).unwrap_or_default();
    let counted: u64 = v["rows"]
        .as_array()
        .map(|rows| {
            rows.iter()
                .filter(|row| {
                    row["key"]
                        .as_str()
                        .is_some_and(|k| k.starts_with(&format!("/fault/{run}/")))
                })
                .filter_map(|row| row["pageviews"].as_u64())
                .sum()
        })
        .unwrap_or(0);
    let beacons = counts.beacons.load(Ordering::Relaxed);
    if counted < beacons {
        problems.push(format!(
            "{beacons} beacons acknowledged but {counted} pageviews counted"
        ));
    }
    // Plans, fraud reports and royalties: each as its acknowledged writes left it, and exactly
    // the acknowledged reports of the run.
    let it_centre = crate::server::demo_cookie(port, "it_centre")?;
    let secretary = crate::server::demo_cookie(port, "secretary")?;
    for log in &logs {
        problems.extend(log.plans.check(port, &secretary)?);
        problems.extend(log.fraud.check(port, &it_centre, &admin)?);
        problems.extend(log.royalties.check(port, &chief, &admin)?);
    }
    let filed: usize = logs.iter().map(|l| l.fraud.filed()).sum();
    let reports = fraud::count_marked(port, &it_centre, &format!("Kiểm thử sự cố {run} "))?;
    if reports != filed {
        problems.push(format!(
            "{reports} fraud reports of this run exist, {filed} were acknowledged"
        ));
    }
    let paid: usize = logs.iter().map(|l| l.royalties.paid()).sum();
    if !problems.is_empty() {
        return Err(format!(
            "{} problems, first: {}",
            problems.len(),
            problems[..problems.len().min(5)].join("; ")
        ));
    }
    Ok(format!(
        "{} acknowledged writes ({} articles × 3 + {} beacons + {} plan steps + {} fraud report \
         writes ({filed} filed) + {} royalty writes ({paid} of {royalty_pool} unpaid paid)), \
         {kills} SIGKILLs{}, {} retries, {} replayed answers, {} already-applied answers, \
         {} × 503 — all present, none twice, in {:.0} s",
        counts.acked.load(Ordering::Relaxed),
        written.len(),
        beacons,
        counts.plans.load(Ordering::Relaxed),
        counts.fraud.load(Ordering::Relaxed),
        counts.royalties.load(Ordering::Relaxed),
        if db_stops > 0 {
            format!(", PostgreSQL stopped {db_stops}× under load")
        } else {
            String::new()
        },
        counts.retries.load(Ordering::Relaxed),
        counts.replayed.load(Ordering::Relaxed),
        counts.applied_before.load(Ordering::Relaxed),
        counts.unavailable.load(Ordering::Relaxed),
        started.elapsed().as_secs_f64()
    ))
}

/// Today in Asia/Ho_Chi_Minh (UTC+7, no daylight saving) as `YYYY-MM-DD`.
fn vietnam_today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    civil_date((secs + 7 * 3600).div_euclid(86_400))
}

/// The date `days` after 1970-01-01 (the days-to-civil algorithm of H. Hinnant).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(59), "1970-03-01");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(civil_date(20_780), "2026-11-23");
        assert_eq!(civil_date(-1), "1969-12-31");
    }

    #[test]
    fn the_generator_stays_in_range() {
        let mut g = Lcg(1);
        for _ in 0..1000 {
            let n = g.next(300, 1500);
            assert!((300..1500).contains(&n));
        }
    }
}
