//! `media-bench`: figures for the media library, run by `cargo xtask bench`.
//!
//! - `media-bench variants` makes a 24-megapixel JPEG (6,000 × 4,000, a photo-like pattern with
//!   noise, so the encoders have real work) and times [`images::process`] on it: the clean
//!   original and every responsive variant, as an upload gets them.
//! - `media-bench upload BASE_URL COOKIE PID` streams a 200 MB MP4 (a valid `ftyp` box, then
//!   filler) to `POST /media` of a running server over one HTTP/1.1 connection, and samples the
//!   server's resident memory (`/proc/PID/status`) every 20 ms meanwhile: the throughput, and
//!   the peak over the upload next to the resident memory before it.

use image::{ImageEncoder, RgbImage};
use portal_server::bench::memory_kib;
use portal_server::media::images::{self, ImageLimits};
use rand::{Rng, SeedableRng};
use std::io::Cursor;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const VIDEO_BYTES: u64 = 200 * 1024 * 1024;
const BOUNDARY: &str = "media-bench-boundary-7f3a";

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("variants") => variants(),
        Some("upload") if args.len() == 4 => match args[3].parse::<u32>() {
            Ok(pid) => upload(&args[1], &args[2], pid).await,
            Err(_) => Err("PID must be a number".into()),
        },
        _ => Err("usage: media-bench variants | upload BASE_URL COOKIE PID".into()),
    };
    if let Err(e) = result {
        eprintln!("media-bench: {e}");
        std::process::exit(1);
    }
}

fn variants() -> Result<(), String> {
    let (w, h) = (6000_u32, 4000_u32);
    let mut rng = rand::rngs::StdRng::seed_from_u64(24);
    let img = RgbImage::from_fn(w, h, |x, y| {
        let n: u8 = rng.gen_range(0..24);
        image::Rgb([
            ((x * 255 / w) as u8).saturating_add(n),
            ((y * 255 / h) as u8).saturating_add(n),
            (((x + y) % 256) as u8).saturating_add(n / 2),
        ])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
        .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .map_err(|e| e.to_string())?;
    drop(img);
    println!(
        "\nMedia: a {w} × {h} JPEG ({:.1} MB) processed (clean original and variants)",
        jpeg.len() as f64 / 1e6
    );
    let mut times = Vec::new();
    for _ in 0..3 {
        let started = Instant::now();
        let done = images::process(Cursor::new(&jpeg), "image/jpeg", &ImageLimits::default())
            .map_err(|e| format!("{e:?}"))?;
        times.push(started.elapsed());
        if times.len() == 1 {
            let sizes: Vec<String> = done
                .variants
                .iter()
                .map(|(width, e)| {
                    format!("{width} px {} {:.0} KB", e.ext, e.bytes.len() as f64 / 1e3)
                })
                .collect();
            println!(
                "  original {:.1} MB; variants: {}",
                done.original.bytes.len() as f64 / 1e6,
                sizes.join(", ")
            );
        }
    }
    times.sort();
    println!(
        "  time: median {:.2} s, best {:.2} s (3 runs, one thread)",
        times[1].as_secs_f64(),
        times[0].as_secs_f64()
    );
    Ok(())
}

async fn upload(base: &str, cookie: &str, pid: u32) -> Result<(), String> {
    let host = base
        .strip_prefix("http://")
        .ok_or("BASE_URL must be http://host:port")?
        .trim_end_matches('/')
        .to_string();
    let (before, _) = memory_kib(pid).ok_or("cannot read the server's memory")?;
    let head = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"phong-su.mp4\"\r\n\
         Content-Type: video/mp4\r\n\r\n"
    );
    let tail = format!("\r\n--{BOUNDARY}--\r\n");
    let length = head.len() as u64 + VIDEO_BYTES + tail.len() as u64;
    let request = format!(
        "POST /api/v1/media HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\n\
         X-Requested-With: portal-admin\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\n\
         Content-Length: {length}\r\nConnection: close\r\n\r\n{head}"
    );
    // The server's memory, sampled while the upload runs.
    let peak = Arc::new(AtomicU64::new(before));
    let running = Arc::new(AtomicBool::new(true));
    let sampler = {
        let (peak, running) = (Arc::clone(&peak), Arc::clone(&running));
        std::thread::spawn(move || {
            while running.load(Ordering::Relaxed) {
                if let Some((rss, _)) = memory_kib(pid) {
                    peak.fetch_max(rss, Ordering::Relaxed);
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        })
    };
    let started = Instant::now();
    let mut conn = TcpStream::connect(&host).await.map_err(|e| e.to_string())?;
    conn.write_all(request.as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    // An MP4's first box (`ftyp`, brand isom), then filler in 1 MiB writes.
    let mut chunk = vec![0_u8; 1024 * 1024];
    rand::rngs::StdRng::seed_from_u64(200).fill(&mut chunk[..]);
    chunk[..24].copy_from_slice(b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2");
    let mut sent = 0_u64;
    while sent < VIDEO_BYTES {
        let n = (VIDEO_BYTES - sent).min(chunk.len() as u64) as usize;
        conn.write_all(&chunk[..n])
            .await
            .map_err(|e| e.to_string())?;
        if sent == 0 {
            chunk[..24].fill(0);
        }
        sent += n as u64;
    }
    conn.write_all(tail.as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    let mut reply = Vec::new();
    conn.read_to_end(&mut reply)
        .await
        .map_err(|e| e.to_string())?;
    let elapsed = started.elapsed();
    running.store(false, Ordering::Relaxed);
    let _ = sampler.join();
    let reply = String::from_utf8_lossy(&reply);
    let status = reply.lines().next().unwrap_or("");
    if !status.contains(" 201 ") {
        return Err(format!(
            "the upload was not accepted: {}",
            reply.chars().take(600).collect::<String>()
        ));
    }
    let peak = peak.load(Ordering::Relaxed);
    println!(
        "\nMedia: a 200 MB video uploaded in {:.1} s ({:.0} MB/s over loopback); the server's \
         resident memory {:.0} MB before, {:.0} MB at most during the upload (+{:.0} MB)",
        elapsed.as_secs_f64(),
        VIDEO_BYTES as f64 / 1e6 / elapsed.as_secs_f64(),
        before as f64 / 1024.0,
        peak as f64 / 1024.0,
        peak.saturating_sub(before) as f64 / 1024.0
    );
    Ok(())
}
