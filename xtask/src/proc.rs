//! Running programs: progress lines, captured output, child servers that stop with us.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The workspace root (xtask lives one folder below it).
pub fn root_dir() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.parent().map(Path::to_path_buf).unwrap_or(here)
}

/// This xtask binary, to read or run again. The suite's own `cargo build --workspace` replaces
/// `target/debug/xtask` while it runs; on Linux `/proc/self/exe` still reaches the running one.
pub fn own_exe() -> Result<PathBuf, String> {
    let proc_exe = Path::new("/proc/self/exe");
    if proc_exe.exists() {
        return Ok(proc_exe.to_path_buf());
    }
    std::env::current_exe().map_err(|e| format!("the xtask binary: {e}"))
}

/// One numbered step of a command, printed as `[i/n] …`.
pub struct Step {
    pub index: usize,
    pub total: usize,
}

impl Step {
    pub fn doing(&self, what: &str) {
        eprintln!("[{}/{}] {what} …", self.index, self.total);
    }

    pub fn ok(&self, what: &str) -> Result<(), String> {
        eprintln!("[{}/{}] ✓ {what}", self.index, self.total);
        Ok(())
    }
}

fn command(program: &str, args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut c = Command::new(program);
    c.args(args).current_dir(root_dir());
    for (k, v) in env {
        c.env(k, v);
    }
    c
}

/// Runs a program with inherited output; an error names the command when it fails.
pub fn run(program: &str, args: &[&str], env: &[(&str, &str)]) -> Result<(), String> {
    let status = command(program, args, env)
        .status()
        .map_err(|e| format!("cannot start `{program}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

/// Runs a program and returns its stdout (stderr discarded) when it succeeds.
pub fn capture(program: &str, args: &[&str], env: &[(&str, &str)]) -> Result<String, String> {
    let out = command(program, args, env)
        .stderr(Stdio::null())
        .output()
        .map_err(|e| format!("cannot start `{program}`: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(format!("`{program}` exited with {}", out.status))
    }
}

/// Runs a program, echoing its stdout line by line, and returns (success, stdout).
pub fn run_tee(
    program: &str,
    args: &[&str],
    env: &[(&str, &str)],
) -> Result<(bool, String), String> {
    run_tee_in(&root_dir(), program, args, env)
}

/// [`run_tee`] in the folder `dir`.
pub fn run_tee_in(
    dir: &Path,
    program: &str,
    args: &[&str],
    env: &[(&str, &str)],
) -> Result<(bool, String), String> {
    let mut child = command(program, args, env)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start `{program}`: {e}"))?;
    let mut all = String::new();
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines() {
            let line = line.unwrap_or_default();
            println!("{line}");
            all.push_str(&line);
            all.push('\n');
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    Ok((status.success(), all))
}

/// Runs `work` on every item, as many at a time as there are cores. A worker that fails takes
/// no further item; the first failure (in worker order) is returned once all have stopped.
pub fn for_each_parallel<T: Sync>(
    items: &[T],
    work: impl Fn(&T) -> Result<(), String> + Sync,
) -> Result<(), String> {
    let next = std::sync::Mutex::new(items.iter());
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| -> Result<(), String> {
                    loop {
                        let Some(item) = next.lock().map_err(|e| e.to_string())?.next() else {
                            return Ok(());
                        };
                        work(item)?;
                    }
                })
            })
            .collect();
        handles.into_iter().try_for_each(|h| {
            h.join()
                .unwrap_or_else(|_| Err("a worker thread panicked".into()))
        })
    })
}

/// A free TCP port on loopback.
pub fn free_port() -> Result<u16, String> {
    let l = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(l.local_addr().map_err(|e| e.to_string())?.port())
}

/// A child process killed when dropped.
pub struct Guard(Child);

impl Guard {
    /// The process's id.
    pub fn pid(&self) -> u32 {
        self.0.id()
    }

    /// Waits for the process to end by itself.
    pub fn wait(&mut self) -> Result<std::process::ExitStatus, String> {
        self.0.wait().map_err(|e| e.to_string())
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn spawn(
    program: &str,
    args: &[&str],
    env: &[(&str, &str)],
    name: &'static str,
    log: Option<&Path>,
) -> Result<Guard, String> {
    let mut c = command(program, args, env);
    c.stdin(Stdio::null());
    if let Some(path) = log {
        // Appended to: a process restarted on the same log (the fault test's) keeps the
        // earlier lines.
        let f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|e| e.to_string())?;
        let f2 = f.try_clone().map_err(|e| e.to_string())?;
        c.stdout(f).stderr(f2);
    } else {
        c.stdout(Stdio::null()).stderr(Stdio::null());
    }
    let child = c
        .spawn()
        .map_err(|e| format!("cannot start {name} (`{program}`): {e}"))?;
    Ok(Guard(child))
}

/// An HTTP answer: status, lower-cased header names with values, body.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

/// A minimal HTTP/1.1 exchange on loopback.
pub fn http(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Result<Reply, String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    s.set_read_timeout(Some(Duration::from_secs(30)))
        .map_err(|e| e.to_string())?;
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes()).map_err(|e| e.to_string())?;
    // Exactly Content-Length bytes: some servers (chromedriver) keep the connection open
    // despite `Connection: close`.
    let (head, body) = read_message(&mut s, None)?;
    let rest = String::from_utf8_lossy(&body).into_owned();
    let head = head.trim_end();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .ok_or("malformed HTTP response")?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Ok(Reply {
        status,
        headers,
        body: rest,
    })
}

/// Reads one HTTP/1.1 message from `s`: the head (as text) and the body of `Content-Length`
/// bytes. Without that header the body is `missing_length` bytes, or (`None`) all there is
/// until the peer closes.
pub fn read_message(
    s: &mut TcpStream,
    missing_length: Option<usize>,
) -> Result<(String, Vec<u8>), String> {
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    let head_end = loop {
        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = s.read(&mut buf).map_err(|e| e.to_string())?;
        if n == 0 {
            return Err("connection closed before the message head".into());
        }
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..head_end]).into_owned();
    let length = head
        .lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.trim().parse::<usize>().ok())
        .or(missing_length);
    match length {
        Some(len) => {
            while raw.len() < head_end + len {
                let n = s.read(&mut buf).map_err(|e| e.to_string())?;
                if n == 0 {
                    break;
                }
                raw.extend_from_slice(&buf[..n]);
            }
        }
        None => {
            s.read_to_end(&mut raw).map_err(|e| e.to_string())?;
        }
    }
    Ok((head, raw.split_off(head_end)))
}

/// Waits until `GET path` answers 200 on the port.
pub fn wait_http_ok(port: u16, path: &str, timeout: Duration) -> Result<(), String> {
    let start = Instant::now();
    while start.elapsed() < timeout {
        if http(port, "GET", path, &[], "").is_ok_and(|r| r.status == 200) {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    Err(format!(
        "nothing answered 200 on 127.0.0.1:{port}{path} within {timeout:?}"
    ))
}

/// Copies the files of `from` (one level of folders is enough for trunk's dist/) into `to`.
pub fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| e.to_string())?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let p = entry.map_err(|e| e.to_string())?.path();
        let target = to.join(p.file_name().unwrap_or_default());
        if p.is_dir() {
            copy_dir(&p, &target)?;
        } else {
            std::fs::copy(&p, &target).map_err(|e| format!("{}: {e}", p.display()))?;
        }
    }
    Ok(())
}

/// A temporary folder removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> Result<Self, String> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let p = std::env::temp_dir().join(format!("portal-{name}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&p).map_err(|e| format!("cannot create {}: {e}", p.display()))?;
        Ok(Self(p))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
