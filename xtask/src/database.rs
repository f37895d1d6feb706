//! A database URL as `backup`, `restore` and their test use it: a SQLite file, or a PostgreSQL
//! database reached with PostgreSQL's own client programs. A password in the URL goes to the
//! programs through `PGPASSWORD`, never on a command line or in a message.

use crate::pg;
use std::path::PathBuf;
use std::process::Command;

/// Where a database URL points.
#[derive(Debug, Clone, PartialEq)]
pub enum Database {
    /// `sqlite://path/to/file.db` (query parameters left out).
    Sqlite(PathBuf),
    /// `postgres://` or `postgresql://`: the URL without its password, and the password.
    Postgres {
        url: String,
        password: Option<String>,
    },
}

impl Database {
    pub fn parse(url: &str) -> Result<Self, String> {
        if let Some(rest) = url.strip_prefix("sqlite:") {
            let path = rest.trim_start_matches("//");
            let path = path.split('?').next().unwrap_or_default();
            if path.is_empty() || path == ":memory:" {
                return Err("the SQLite URL names no file (sqlite://path/to/portal.db)".into());
            }
            return Ok(Database::Sqlite(PathBuf::from(path)));
        }
        let scheme_end = ["postgres://", "postgresql://"]
            .iter()
            .find(|s| url.starts_with(*s))
            .map(|s| s.len())
            .ok_or("the database URL must start with sqlite:, postgres: or postgresql:")?;
        let (scheme, rest) = url.split_at(scheme_end);
        let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(authority_end);
        let Some((userinfo, host)) = authority.rsplit_once('@') else {
            return Ok(Database::Postgres {
                url: url.to_string(),
                password: None,
            });
        };
        let (user, password) = match userinfo.split_once(':') {
            Some((user, password)) => (user, Some(percent_decode(password)?)),
            None => (userinfo, None),
        };
        Ok(Database::Postgres {
            url: format!("{scheme}{user}@{host}{tail}"),
            password,
        })
    }

    /// What to call it in messages (a PostgreSQL URL without its password).
    pub fn describe(&self) -> String {
        match self {
            Database::Sqlite(path) => format!("SQLite file {}", path.display()),
            Database::Postgres { url, .. } => format!("PostgreSQL database {url}"),
        }
    }

    /// The environment PostgreSQL's programs need (the password, if any).
    pub fn pg_env(&self) -> Vec<(&'static str, &str)> {
        match self {
            Database::Postgres {
                password: Some(p), ..
            } => vec![("PGPASSWORD", p.as_str())],
            _ => Vec::new(),
        }
    }
}

/// `%XX` escapes of a URL part decoded (a password may hold `@`, `:` or `/` that way).
fn percent_decode(s: &str) -> Result<String, String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or("a malformed %-escape in the database URL's password")?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| "the database URL's password is not UTF-8".to_string())
}

/// One of PostgreSQL's client programs (`pg_dump`, `pg_restore`, `psql`) of the newest
/// installed version (a dump is read by the same or a newer `pg_restore`).
pub fn pg_program(name: &str) -> Result<String, String> {
    let bin = pg::bin_dir().ok_or(
        "PostgreSQL's programs are not installed (apt-get install postgresql-client or \
         postgresql)",
    )?;
    let exe = bin.join(name);
    exe.to_str()
        .map(str::to_string)
        .ok_or_else(|| format!("{} is not valid UTF-8", exe.display()))
}

/// The rows of one query by `psql` (unaligned, tuples only, one field separator `\t`), or why
/// not.
pub fn psql(db: &Database, sql: &str) -> Result<String, String> {
    let Database::Postgres { url, .. } = db else {
        return Err("psql needs a PostgreSQL database".into());
    };
    pg_run(
        "psql",
        &[
            "-X",
            "-q",
            "-A",
            "-t",
            "-F",
            "\t",
            "-v",
            "ON_ERROR_STOP=1",
            "-d",
            url,
            "-c",
            sql,
        ],
        db,
    )
}

/// Runs one of PostgreSQL's client programs with `db`'s password: its standard output, or its
/// error output when it fails.
pub fn pg_run(program: &str, args: &[&str], db: &Database) -> Result<String, String> {
    let exe = pg_program(program)?;
    let mut command = Command::new(&exe);
    command.args(args);
    for (k, v) in db.pg_env() {
        command.env(k, v);
    }
    let out = command
        .output()
        .map_err(|e| format!("cannot start {exe}: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(format!(
            "{program} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// Tables and other relations a PostgreSQL database holds outside the system schemas.
pub fn pg_relations(db: &Database) -> Result<u64, String> {
    let n = psql(
        db,
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') \
         AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'",
    )?;
    n.trim()
        .parse()
        .map_err(|_| format!("psql answered {n:?} for a count"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_is_taken_out_of_the_url() {
        assert_eq!(
            Database::parse("postgres://portal:s%40cr%3At@db.example:5432/portal?sslmode=require")
                .unwrap(),
            Database::Postgres {
                url: "postgres://portal@db.example:5432/portal?sslmode=require".into(),
                password: Some("s@cr:t".into()),
            }
        );
        let db = Database::parse("postgresql://postgres@127.0.0.1:55433/x").unwrap();
        assert_eq!(db.pg_env(), Vec::<(&str, &str)>::new());
        assert!(!Database::parse("postgres://u:secret@h/d")
            .unwrap()
            .describe()
            .contains("secret"));
    }

    #[test]
    fn sqlite_urls_name_their_file() {
        assert_eq!(
            Database::parse("sqlite://data/portal.db?mode=rwc").unwrap(),
            Database::Sqlite(PathBuf::from("data/portal.db"))
        );
        assert_eq!(
            Database::parse("sqlite:///var/lib/portal.db").unwrap(),
            Database::Sqlite(PathBuf::from("/var/lib/portal.db"))
        );
        assert!(Database::parse("sqlite::memory:").is_err());
        assert!(Database::parse("mysql://x").is_err());
        assert!(Database::parse("postgres://u:%zz@h/d").is_err());
    }
}
