//! A throw-away PostgreSQL cluster for the tests: Debian's packages (installed with apt when
//! missing), `initdb` into a temporary folder, a free loopback port, trust authentication for
//! the `postgres` role, stopped and deleted when dropped.

use crate::proc::{capture, free_port, run, Step};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The server programs of the newest installed major version (`/usr/lib/postgresql/N/bin`).
pub fn bin_dir() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let major = e.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((major, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

fn is_root() -> bool {
    capture("id", &["-u"], &[]).is_ok_and(|u| u.trim() == "0")
}

/// Install step: PostgreSQL from Debian's packages.
pub fn install(step: &mut Step) -> Result<(), String> {
    if let Some(bin) = bin_dir() {
        return step.ok(&format!("PostgreSQL present ({})", bin.display()));
    }
    if !is_root() {
        return Err(
            "PostgreSQL is missing and this user is not root. Run as root, or install it \
             yourself: sudo apt-get update && sudo apt-get install -y postgresql"
                .into(),
        );
    }
    step.doing("installing PostgreSQL with apt (≈1 min)");
    let env = [("DEBIAN_FRONTEND", "noninteractive")];
    run("apt-get", &["update", "-q"], &env)?;
    // Debian's package also creates (and starts) a default cluster; ours is separate.
    run("apt-get", &["install", "-y", "-q", "postgresql"], &env)?;
    if bin_dir().is_none() {
        return Err("apt installed postgresql but no initdb was found".into());
    }
    step.ok("PostgreSQL installed")
}

/// A running cluster of our own.
pub struct Cluster {
    pub port: u16,
    dir: PathBuf,
    bin: PathBuf,
    /// `initdb` and `postgres` refuse to run as root: then they run as the `postgres` user.
    as_postgres: bool,
}

impl Cluster {
    /// Creates and starts a cluster in a new temporary folder.
    pub fn start(name: &str) -> Result<Self, String> {
        let bin = bin_dir().ok_or("PostgreSQL is not installed")?;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let dir =
            std::env::temp_dir().join(format!("portal-pg-{name}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let as_postgres = is_root();
        if as_postgres {
            run("chown", &["postgres:postgres", path_str(&dir)?], &[])?;
        }
        let cluster = Cluster {
            port: free_port()?,
            dir,
            bin,
            as_postgres,
        };
        let data = cluster.data_dir();
        cluster.pg(
            "initdb",
            &[
                "-D",
                path_str(&data)?,
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
        )?;
        cluster.start_again()?;
        Ok(cluster)
    }

    fn data_dir(&self) -> PathBuf {
        self.dir.join("data")
    }

    /// Runs one of PostgreSQL's programs (as the `postgres` user when we are root).
    fn pg(&self, program: &str, args: &[&str]) -> Result<(), String> {
        let exe = self.bin.join(program);
        let exe = path_str(&exe)?;
        if self.as_postgres {
            let mut all = vec!["-u", "postgres", "--", exe];
            all.extend_from_slice(args);
            run("runuser", &all, &[])
        } else {
            run(exe, args, &[])
        }
    }

    /// Starts the (stopped) cluster and waits until it accepts connections.
    pub fn start_again(&self) -> Result<(), String> {
        let data = self.data_dir();
        let log = self.dir.join("postgres.log");
        // Tests do not need the data on disk before the OS has it (a killed server process,
        // not a lost machine, is what they simulate); fsync off keeps them fast.
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
            self.port,
            path_str(&self.dir)?
        );
        self.pg(
            "pg_ctl",
            &[
                "-D",
                path_str(&data)?,
                "-o",
                &options,
                "-l",
                path_str(&log)?,
                "-w",
                "-t",
                "60",
                "start",
            ],
        )?;
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            if Instant::now() > deadline {
                return Err(format!("PostgreSQL did not listen on port {}", self.port));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(())
    }

    /// Stops the cluster at once, as a crash would (`-m immediate`).
    pub fn stop_immediate(&self) -> Result<(), String> {
        self.pg(
            "pg_ctl",
            &[
                "-D",
                path_str(&self.data_dir())?,
                "-m",
                "immediate",
                "-w",
                "stop",
            ],
        )
    }

    /// Creates a database and returns its URL.
    pub fn create_database(&self, name: &str) -> Result<String, String> {
        let port = self.port.to_string();
        let exe = self.bin.join("createdb");
        run(
            path_str(&exe)?,
            &["-h", "127.0.0.1", "-p", &port, "-U", "postgres", name],
            &[],
        )?;
        Ok(self.url(name))
    }

    /// The URL of database `db` in this cluster.
    pub fn url(&self, db: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{db}", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if let Ok(data) = path_str(&self.data_dir()) {
            let _ = self.pg("pg_ctl", &["-D", data, "-m", "immediate", "-w", "stop"]);
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn path_str(p: &Path) -> Result<&str, String> {
    p.to_str()
        .ok_or_else(|| format!("{} is not valid UTF-8", p.display()))
}
