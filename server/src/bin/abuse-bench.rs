//! `abuse-bench`: figures for a server under abuse (issue #18), run by `cargo xtask bench`
//! against a release server it started.
//!
//! - `abuse-bench logins BASE_URL PID`: 500 anonymous logins at once, each with a 1 MB
//!   username, while the editor logs in with the right password: how long that login took, what
//!   the 500 got, and the server's resident memory before and at its peak (`/proc/PID/status`).
//! - `abuse-bench beacons BASE_URL PID SECONDS RATE`: beacons at RATE per second for SECONDS,
//!   each from a random address (IPv4, or an IPv6 network of its own) with a random agent, page
//!   and article id: what the server answered, and its memory before, at its peak and after.

use portal_server::bench::memory_kib;
use rand::{Rng, SeedableRng};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

const FLOOD_LOGINS: usize = 500;
const USERNAME_BYTES: usize = 1024 * 1024;
const BEACON_CONNS: usize = 256;

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let host = |base: &str| -> Result<String, String> {
        Ok(base
            .strip_prefix("http://")
            .ok_or("BASE_URL must be http://host:port")?
            .trim_end_matches('/')
            .to_string())
    };
    let result = match args.first().map(String::as_str) {
        Some("logins") if args.len() == 3 => match (host(&args[1]), args[2].parse::<u32>()) {
            (Ok(h), Ok(pid)) => logins(&h, pid).await,
            _ => Err("usage: abuse-bench logins BASE_URL PID".into()),
        },
        Some("beacons") if args.len() == 5 => match (
            host(&args[1]),
            args[2].parse::<u32>(),
            args[3].parse::<u64>(),
            args[4].parse::<f64>(),
        ) {
            (Ok(h), Ok(pid), Ok(secs), Ok(rate)) => {
                beacons(&h, pid, Duration::from_secs(secs), rate).await
            }
            _ => Err("usage: abuse-bench beacons BASE_URL PID SECONDS RATE".into()),
        },
        _ => {
            Err("usage: abuse-bench logins BASE_URL PID | beacons BASE_URL PID SECONDS RATE".into())
        }
    };
    if let Err(e) = result {
        eprintln!("abuse-bench: {e}");
        std::process::exit(1);
    }
}

/// Samples the server's resident memory every 20 ms until told to stop; the largest seen.
fn sample_memory(pid: u32) -> (Arc<AtomicBool>, tokio::task::JoinHandle<u64>) {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    let task = tokio::spawn(async move {
        let mut peak = 0;
        while !flag.load(Ordering::Relaxed) {
            if let Some((rss, _)) = memory_kib(pid) {
                peak = peak.max(rss);
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        peak
    });
    (stop, task)
}

/// Sends one request on a fresh connection (`Connection: close`) and reads the status code;
/// 0 when the connection failed or closed first.
async fn status_of(host: &str, head: &str, body: &[u8]) -> u16 {
    let Ok(mut s) = TcpStream::connect(host).await else {
        return 0;
    };
    let _ = s.set_nodelay(true);
    if s.write_all(head.as_bytes()).await.is_err() {
        return 0;
    }
    // The server may answer and close before reading the whole body: that is the point.
    let _ = s.write_all(body).await;
    let mut line = String::new();
    let mut reader = BufReader::new(s);
    match tokio::time::timeout(Duration::from_secs(30), reader.read_line(&mut line)).await {
        Ok(Ok(_)) => line
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0),
        _ => 0,
    }
}

fn login_head(host: &str, len: usize) -> String {
    format!(
        "POST /api/v1/session HTTP/1.1\r\nhost: {host}\r\ncontent-type: application/json\r\n\
         x-requested-with: abuse-bench\r\ncontent-length: {len}\r\nconnection: close\r\n\r\n"
    )
}

async fn logins(host: &str, pid: u32) -> Result<(), String> {
    let (before, _) = memory_kib(pid).ok_or("cannot read the server's memory")?;
    let body: Arc<Vec<u8>> = Arc::new(
        format!(
            r#"{{"username":"{}","password":"x"}}"#,
            "a".repeat(USERNAME_BYTES)
        )
        .into_bytes(),
    );
    let (stop, sampler) = sample_memory(pid);
    let started = Instant::now();
    let mut flood = Vec::new();
    for _ in 0..FLOOD_LOGINS {
        let host = host.to_string();
        let body = body.clone();
        flood.push(tokio::spawn(async move {
            status_of(&host, &login_head(&host, body.len()), &body).await
        }));
    }
    // The editor signs in meanwhile (again after `Retry-After` if every core is busy).
    tokio::time::sleep(Duration::from_millis(50)).await;
    let right = br#"{"username":"editor","password":"Demo@2026"}"#;
    let legit_started = Instant::now();
    let mut attempts = 0;
    let legit = loop {
        attempts += 1;
        let code = status_of(host, &login_head(host, right.len()), right).await;
        if code != 503 || attempts == 5 {
            break code;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    };
    let legit_ms = legit_started.elapsed().as_secs_f64() * 1000.0;
    let mut answers: BTreeMap<u16, usize> = BTreeMap::new();
    for t in flood {
        *answers.entry(t.await.unwrap_or(0)).or_default() += 1;
    }
    let flood_s = started.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    let peak = sampler.await.unwrap_or(0);
    println!(
        "\nLogins under attack: {FLOOD_LOGINS} anonymous logins at once, each a 1 MB username"
    );
    println!("  the flood's answers          {answers:?} (0 = connection closed first) in {flood_s:.1} s");
    println!(
        "  a right login meanwhile      {legit} in {legit_ms:.0} ms ({attempts} attempt{})",
        if attempts == 1 { "" } else { "s" }
    );
    println!(
        "  server memory                {:.1} MB before, {:.1} MB at the peak",
        before as f64 / 1024.0,
        peak.max(before) as f64 / 1024.0
    );
    if legit != 200 {
        return Err(format!("the right login answered {legit}"));
    }
    Ok(())
}

async fn beacons(host: &str, pid: u32, length: Duration, rate: f64) -> Result<(), String> {
    let (before, _) = memory_kib(pid).ok_or("cannot read the server's memory")?;
    let (stop, sampler) = sample_memory(pid);
    let counts: Arc<[AtomicU64; 5]> = Arc::new(Default::default());
    let start = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..BEACON_CONNS {
        let host = host.to_string();
        let counts = counts.clone();
        tasks.push(tokio::spawn(async move {
            let mut rng = rand::rngs::StdRng::seed_from_u64(c as u64 + 1);
            let mut conn: Option<BufReader<TcpStream>> = None;
            let mut k = 0u64;
            loop {
                let at = start
                    + Duration::from_secs_f64(
                        (k as f64 * BEACON_CONNS as f64 + c as f64) / rate,
                    );
                if at > start + length {
                    break;
                }
                tokio::time::sleep_until(at.into()).await;
                k += 1;
                let ip = if rng.gen_bool(0.5) {
                    format!("10.{}.{}.{}", rng.gen::<u8>(), rng.gen::<u8>(), rng.gen::<u8>())
                } else {
                    format!("2001:db8:{:x}:{:x}::1", rng.gen::<u16>(), rng.gen::<u16>())
                };
                let ua = format!(
                    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/{}.0 Safari/537.36 r{}",
                    rng.gen_range(90..130),
                    rng.gen::<u64>()
                );
                let body = format!(
                    r#"{{"path":"/p/{:x}","article_id":{},"width":1366}}"#,
                    rng.gen::<u64>(),
                    rng.gen_range(1..1_000_000_000u64)
                );
                let head = format!(
                    "POST /api/v1/collect HTTP/1.1\r\nhost: {host}\r\ncontent-type: text/plain\r\n\
                     x-forwarded-for: {ip}\r\nuser-agent: {ua}\r\ncontent-length: {}\r\n\r\n",
                    body.len()
                );
                let code = match send_keep_alive(&mut conn, &host, &head, body.as_bytes()).await {
                    Ok(code) => code,
                    Err(_) => {
                        conn = None;
                        0
                    }
                };
                let slot = match code {
                    204 => 0,
                    429 => 1,
                    503 => 2,
                    0 => 4,
                    _ => 3,
                };
                counts[slot].fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    let secs = start.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    let peak = sampler.await.unwrap_or(0);
    // What stays once the flood is over.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let (after, _) = memory_kib(pid).unwrap_or((0, 0));
    let n = |i: usize| counts[i].load(Ordering::Relaxed);
    let sent: u64 = (0..5).map(n).sum();
    println!(
        "\nBeacon flood: {rate:.0}/s offered for {} s from random addresses, agents, pages and article ids",
        length.as_secs()
    );
    println!(
        "  answered                     {} beacons in {secs:.1} s ({:.0}/s): 204 {}, 429 {}, 503 {}, other {}, no answer {}",
        sent,
        sent as f64 / secs,
        n(0),
        n(1),
        n(2),
        n(3),
        n(4)
    );
    println!(
        "  server memory                {:.1} MB before, {:.1} MB at the peak, {:.1} MB after",
        before as f64 / 1024.0,
        peak.max(before) as f64 / 1024.0,
        after as f64 / 1024.0
    );
    Ok(())
}

/// One request on a kept-alive connection (opened when there is none); the status code. The
/// answer's body is read and dropped.
async fn send_keep_alive(
    conn: &mut Option<BufReader<TcpStream>>,
    host: &str,
    head: &str,
    body: &[u8],
) -> std::io::Result<u16> {
    if conn.is_none() {
        let s = TcpStream::connect(host).await?;
        s.set_nodelay(true)?;
        *conn = Some(BufReader::new(s));
    }
    let io = conn.as_mut().expect("just opened");
    io.get_mut().write_all(head.as_bytes()).await?;
    io.get_mut().write_all(body).await?;
    let mut line = String::new();
    io.read_line(&mut line).await?;
    let code = line
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let mut length = 0usize;
    loop {
        line.clear();
        if io.read_line(&mut line).await? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut rest = vec![0; length];
    io.read_exact(&mut rest).await?;
    Ok(code)
}
