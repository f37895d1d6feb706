//! `stats-bench`: figures for the visitor statistics, run by `cargo xtask bench`.
//!
//! - `stats-bench generate DATABASE_URL EVENTS` fills the statistics of a database with about
//!   EVENTS raw events over the last 12 months (through the same counting engine as real
//!   beacons, so the rollups are real), unless it already holds that many.
//! - `stats-bench load BASE_URL COOKIE` drives a running server (started with `--trust-proxy`,
//!   so each beacon can come from its own address): a paced phase at 5,200 beacons/s, then an
//!   unpaced phase on 64 connections, while the stats of 12 months are queried every 200 ms;
//!   then the same queries on an idle server. Prints throughput, latency percentiles, and the
//!   server time of each query (`Server-Timing`).

use chrono::{Duration as Days, Utc};
use portal_server::stats::demo::{seed, EVENTS_PER_DAY_AT_SCALE_1};
use portal_server::store::SqliteStore;
use rand::{Rng, SeedableRng};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// Offered load of the paced phase: a little over the 5,000/s target, so that the rate counted
/// (answers over the whole phase, the drain of the last ones included) clears it.
const RATE: f64 = 5200.0;
const PACED: Duration = Duration::from_secs(10);
const PACED_CONNS: usize = 128;
const UNPACED: Duration = Duration::from_secs(5);
const UNPACED_CONNS: usize = 64;

const AGENTS: [&str; 5] = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) coc_coc_browser/123.0.0 Chrome/117.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Linux; Android 13; SM-A536E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
];

/// One keep-alive HTTP/1.1 connection (enough HTTP for a bench).
struct Conn {
    io: BufReader<TcpStream>,
    host: String,
}

struct Answer {
    status: u16,
    server_ms: Option<f64>,
    body: Vec<u8>,
}

impl Conn {
    async fn open(host: &str) -> std::io::Result<Self> {
        let s = TcpStream::connect(host).await?;
        s.set_nodelay(true)?;
        Ok(Self {
            io: BufReader::new(s),
            host: host.to_string(),
        })
    }

    async fn send(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> std::io::Result<Answer> {
        let mut req = format!(
            "{method} {path} HTTP/1.1\r\nhost: {}\r\ncontent-length: {}\r\n",
            self.host,
            body.len()
        );
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        req.push_str("\r\n");
        let s = self.io.get_mut();
        s.write_all(req.as_bytes()).await?;
        s.write_all(body).await?;
        let mut line = String::new();
        self.io.read_line(&mut line).await?;
        let status = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let (mut length, mut chunked, mut server_ms) = (0usize, false, None);
        loop {
            line.clear();
            self.io.read_line(&mut line).await?;
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            let (k, v) = l.split_once(':').unwrap_or((l, ""));
            let (k, v) = (k.to_ascii_lowercase(), v.trim());
            match k.as_str() {
                "content-length" => length = v.parse().unwrap_or(0),
                "transfer-encoding" => chunked = v.contains("chunked"),
                "server-timing" => {
                    server_ms = v
                        .split("dur=")
                        .nth(1)
                        .and_then(|d| d.split([';', ',']).next())
                        .and_then(|d| d.parse().ok())
                }
                _ => {}
            }
        }
        let mut body = Vec::new();
        if chunked {
            loop {
                line.clear();
                self.io.read_line(&mut line).await?;
                let n = usize::from_str_radix(line.trim(), 16).unwrap_or(0);
                let mut chunk = vec![0; n + 2];
                self.io.read_exact(&mut chunk).await?;
                if n == 0 {
                    break;
                }
                body.extend_from_slice(&chunk[..n]);
            }
        } else {
            body.resize(length, 0);
            self.io.read_exact(&mut body).await?;
        }
        Ok(Answer {
            status,
            server_ms,
            body,
        })
    }
}

fn percentile(v: &mut [f64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i]
}

fn beacon(rng: &mut rand::rngs::StdRng) -> (String, &'static str, String) {
    let ip = format!(
        "10.{}.{}.{}",
        rng.gen_range(0..4u8),
        rng.gen::<u8>(),
        rng.gen::<u8>()
    );
    let ua = AGENTS[rng.gen_range(0..AGENTS.len())];
    let a = rng.gen_range(1..400);
    let body = format!(
        r#"{{"path":"/tin-tuc/bai-viet-{a}","host":"bhxh.example.vn","referrer":"https://www.google.com.vn/","width":{},"article_id":{a}}}"#,
        [390, 412, 1366, 1920][rng.gen_range(0..4)]
    );
    (ip, ua, body)
}

/// Sends beacons on `conns` connections for `length`: at `rate` per second in total when
/// given (latency measured from each beacon's planned time, so a stall is not hidden), else
/// as fast as answers come. Returns (latencies in ms, beacons answered 204, other answers).
async fn drive(
    host: &str,
    conns: usize,
    rate: Option<f64>,
    length: Duration,
) -> (Vec<f64>, u64, u64) {
    let start = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..conns {
        let host = host.to_string();
        tasks.push(tokio::spawn(async move {
            let mut rng = rand::rngs::StdRng::seed_from_u64(c as u64);
            let mut conn = Conn::open(&host).await.expect("connect");
            let (mut lat, mut ok, mut other) = (Vec::new(), 0u64, 0u64);
            let mut k = 0u64;
            loop {
                let planned = match rate {
                    Some(r) => {
                        let at = start
                            + Duration::from_secs_f64((k as f64 * conns as f64 + c as f64) / r);
                        if at > start + length {
                            break;
                        }
                        tokio::time::sleep_until(at.into()).await;
                        at
                    }
                    None => {
                        if start.elapsed() > length {
                            break;
                        }
                        Instant::now()
                    }
                };
                k += 1;
                let (ip, ua, body) = beacon(&mut rng);
                let headers = [
                    ("x-forwarded-for", ip.as_str()),
                    ("user-agent", ua),
                    ("content-type", "text/plain"),
                ];
                match conn
                    .send("POST", "/api/v1/collect", &headers, body.as_bytes())
                    .await
                {
                    Ok(a) if a.status == 204 => ok += 1,
                    Ok(_) => other += 1,
                    Err(_) => {
                        other += 1;
                        conn = Conn::open(&host).await.expect("reconnect");
                    }
                }
                lat.push(planned.elapsed().as_secs_f64() * 1000.0);
            }
            (lat, ok, other)
        }));
    }
    let (mut lat, mut ok, mut other) = (Vec::new(), 0, 0);
    for t in tasks {
        let (l, o, x) = t.await.expect("task");
        lat.extend(l);
        ok += o;
        other += x;
    }
    (lat, ok, other)
}

/// The stats page's two main queries for the last 12 months.
async fn query_year(conn: &mut Conn, cookie: &str) -> (f64, f64) {
    let today = (Utc::now() + Days::hours(7)).date_naive();
    let from = today - Days::days(364);
    let headers = [("cookie", cookie)];
    let started = Instant::now();
    let mut server = 0.0;
    for path in [
        format!("/api/v1/stats/summary?from={from}&to={today}"),
        format!("/api/v1/stats/timeseries?from={from}&to={today}&interval=day"),
    ] {
        let a = conn.send("GET", &path, &headers, b"").await.expect("query");
        assert_eq!(
            a.status,
            200,
            "{path}: {}",
            String::from_utf8_lossy(&a.body)
        );
        server += a.server_ms.unwrap_or(f64::NAN);
    }
    (started.elapsed().as_secs_f64() * 1000.0, server)
}

async fn load(base: &str, cookie: &str) {
    let host = base
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let mut q = Conn::open(&host).await.expect("connect");
    let (wall, server) = query_year(&mut q, cookie).await;
    println!(
        "\nVisitor statistics (12 months of rollups, ~10 million raw events in the database):"
    );
    println!("  first query after start: summary + daily series {wall:.1} ms ({server:.2} ms server time)");

    for (name, conns, rate, length) in [
        ("paced at 5,200/s", PACED_CONNS, Some(RATE), PACED),
        ("unpaced", UNPACED_CONNS, None, UNPACED),
    ] {
        let querying = {
            let host = host.clone();
            let cookie = cookie.to_string();
            tokio::spawn(async move {
                let mut conn = Conn::open(&host).await.expect("connect");
                let mut times = Vec::new();
                let until = Instant::now() + length;
                while Instant::now() < until {
                    times.push(query_year(&mut conn, &cookie).await);
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                times
            })
        };
        let started = Instant::now();
        let (mut lat, ok, other) = drive(&host, conns, rate, length).await;
        let secs = started.elapsed().as_secs_f64();
        let times = querying.await.expect("queries");
        let mut wall: Vec<f64> = times.iter().map(|t| t.0).collect();
        println!(
            "  ingestion {name} on {conns} connections: {:.0} beacons/s counted ({ok} in {secs:.1} s, {other} not 204); latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            ok as f64 / secs,
            percentile(&mut lat, 0.5),
            percentile(&mut lat, 0.99),
            percentile(&mut lat, 1.0),
        );
        // The slowest round trip, and how much of it the server spent answering.
        let slowest = times
            .iter()
            .copied()
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .unwrap_or((f64::NAN, f64::NAN));
        println!(
            "    stats queries meanwhile: {} answered, summary + daily series p50 {:.1} ms, max {:.1} ms ({:.1} ms of it server time)",
            wall.len(),
            percentile(&mut wall, 0.5),
            slowest.0,
            slowest.1
        );
    }

    let mut wall = Vec::new();
    let mut server = Vec::new();
    for _ in 0..30 {
        let (w, s) = query_year(&mut q, cookie).await;
        wall.push(w);
        server.push(s);
    }
    println!(
        "  idle: summary + daily series for 12 months: server time median {:.2} ms, max {:.2} ms (budget 50 ms); round trip median {:.1} ms",
        percentile(&mut server, 0.5),
        percentile(&mut server, 1.0),
        percentile(&mut wall, 0.5)
    );
}

async fn generate(url: &str, events: u64) -> Result<(), String> {
    let store = SqliteStore::open(url).await.map_err(|e| e.to_string())?;
    let stats = portal_server::store::Store::stats(&store);
    let have: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM stats_events")
        .fetch_one(store.pool())
        .await
        .map_err(|e| e.to_string())?;
    if have as u64 >= events * 9 / 10 {
        println!("stats-bench: the database already holds {have} raw events");
        return Ok(());
    }
    let started = Instant::now();
    let scale = events as f64 / (365.0 * EVENTS_PER_DAY_AT_SCALE_1);
    seed(
        stats.as_ref(),
        Utc::now(),
        365,
        3660,
        &(1..400).collect::<Vec<_>>(),
        scale,
    )
    .await
    .map_err(|e| e.to_string())?;
    let have: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM stats_events")
        .fetch_one(store.pool())
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "stats-bench: generated {have} raw events over 365 days in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["generate", url, events] => match events.parse() {
            Ok(n) => generate(url, n).await,
            Err(_) => Err("EVENTS must be a number".into()),
        },
        ["load", base, cookie] => {
            load(base, cookie).await;
            Ok(())
        }
        _ => Err("usage: stats-bench generate DATABASE_URL EVENTS | load BASE_URL COOKIE".into()),
    };
    if let Err(e) = outcome {
        eprintln!("stats-bench: {e}");
        std::process::exit(1);
    }
}
