//! `cargo xtask restore --database-url URL --from FILE`: puts a backup of `cargo xtask backup`
//! into an empty database; the server then starts on it as it was.
//! - SQLite: the copy becomes the database file, which must not exist yet (or be empty).
//! - PostgreSQL: `pg_restore` into an existing database that holds no tables yet, in one
//!   transaction (a failed restore leaves the database empty).
//!
//! A database that already holds data is refused: a restore never mixes two databases.

use crate::backup::flags;
use crate::database::{pg_relations, pg_run, Database};
use std::io::Read;
use std::path::Path;

/// The first bytes of every SQLite database file.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

pub fn cmd(args: &[String]) -> Result<(), String> {
    let (url, from) = flags(args, "--from")?;
    let db = restore(&url, &from)?;
    eprintln!("✓ {} restored into {}", from.display(), db.describe());
    Ok(())
}

/// Restores the backup `from` into the empty database at `url`.
pub fn restore(url: &str, from: &Path) -> Result<Database, String> {
    let db = Database::parse(url)?;
    if !from.is_file() {
        return Err(format!("{} is not a file", from.display()));
    }
    match &db {
        Database::Sqlite(file) => restore_sqlite(from, file)?,
        Database::Postgres { url, .. } => {
            let relations = pg_relations(&db)?;
            if relations > 0 {
                return Err(format!(
                    "{} is not empty ({relations} tables, sequences or other relations): \
                     restore only into a new database (createdb), never over data",
                    db.describe()
                ));
            }
            let from = from
                .to_str()
                .ok_or_else(|| format!("{} is not valid UTF-8", from.display()))?;
            pg_run(
                "pg_restore",
                &[
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    "--exit-on-error",
                    "--dbname",
                    url,
                    from,
                ],
                &db,
            )?;
        }
    }
    Ok(db)
}

/// Copies the SQLite backup `from` to `file` (new, or empty), through a temporary file beside
/// it, so `file` appears whole or not at all.
fn restore_sqlite(from: &Path, file: &Path) -> Result<(), String> {
    let mut magic = [0u8; 16];
    std::fs::File::open(from)
        .and_then(|mut f| f.read_exact(&mut magic))
        .map_err(|e| format!("{}: {e}", from.display()))?;
    if &magic != SQLITE_MAGIC {
        return Err(format!("{} is not a SQLite database", from.display()));
    }
    let empty = std::fs::metadata(file)
        .map(|m| m.len() == 0)
        .unwrap_or(true);
    let journal = ["-wal", "-shm", "-journal"].iter().any(|suffix| {
        let mut name = file.as_os_str().to_owned();
        name.push(suffix);
        Path::new(&name).exists()
    });
    if !empty || journal {
        return Err(format!(
            "{} already holds a database: restore only into a new file (stop the server and \
             move the old file and its -wal/-shm files away first)",
            file.display()
        ));
    }
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let mut partial = file.as_os_str().to_owned();
    partial.push(".restoring");
    let partial = Path::new(&partial);
    let copied = std::fs::copy(from, partial)
        .and_then(|_| std::fs::File::open(partial)?.sync_all())
        .and_then(|_| std::fs::rename(partial, file));
    if let Err(e) = copied {
        let _ = std::fs::remove_file(partial);
        return Err(format!("restoring into {}: {e}", file.display()));
    }
    Ok(())
}
