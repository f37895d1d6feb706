//! `cargo xtask backup --database-url URL --to FILE`: a consistent copy of the whole database,
//! taken while the server runs, into a new file.
//! - SQLite: the server's own `--backup-to` (`VACUUM INTO`: one snapshot; writers go on).
//! - PostgreSQL: `pg_dump` in its custom format (one snapshot), which `cargo xtask restore`
//!   (`pg_restore`) reads.

use crate::database::{pg_run, Database};
use crate::proc::run;
use crate::server::{server_bin, SERVER_BIN};
use crate::USAGE;
use std::path::{Path, PathBuf};

pub fn cmd(args: &[String]) -> Result<(), String> {
    let (url, to) = flags(args, "--to")?;
    run("cargo", &["build", "-p", SERVER_BIN], &[])?;
    let db = backup(&server_bin("debug"), &url, &to)?;
    eprintln!("✓ {} backed up to {}", db.describe(), to.display());
    Ok(())
}

/// `--database-url URL` and the file flag `file_flag` (`--to`, `--from`), both required.
pub fn flags(args: &[String], file_flag: &str) -> Result<(String, PathBuf), String> {
    let (mut url, mut file) = (None, None);
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or_else(|| USAGE.to_string())?;
        match flag.as_str() {
            "--database-url" => url = Some(value.clone()),
            f if f == file_flag => file = Some(PathBuf::from(value)),
            _ => return Err(USAGE.to_string()),
        }
    }
    match (url, file) {
        (Some(url), Some(file)) => Ok((url, file)),
        _ => Err(USAGE.to_string()),
    }
}

/// Backs the database at `url` up into the new file `to` (never overwritten), with `server`
/// (the reference server's binary) for SQLite.
pub fn backup(server: &Path, url: &str, to: &Path) -> Result<Database, String> {
    let db = Database::parse(url)?;
    if to.exists() {
        return Err(format!(
            "{} already exists: a backup never overwrites a file",
            to.display()
        ));
    }
    let target = to
        .to_str()
        .ok_or_else(|| format!("{} is not valid UTF-8", to.display()))?;
    match &db {
        Database::Sqlite(file) => {
            // The server would create a missing file and back up an empty database.
            if !file.is_file() {
                return Err(format!("{} does not exist", file.display()));
            }
            let server = server
                .to_str()
                .ok_or_else(|| format!("{} is not valid UTF-8", server.display()))?;
            run(server, &["--database-url", url, "--backup-to", target], &[])?;
        }
        Database::Postgres { url, .. } => {
            pg_run(
                "pg_dump",
                &["--format=custom", "--dbname", url, "--file", target],
                &db,
            )?;
        }
    }
    Ok(db)
}
