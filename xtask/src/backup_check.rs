//! `cargo xtask backup-check`: only the backup test, on SQLite and a throw-away PostgreSQL
//! (`cargo xtask test` runs it too).
//!
//! Backup and restore, as the README tells operators to do them: the reference server fills a
//! database with demo data and stops; `cargo xtask backup` copies it, `cargo xtask restore`
//! puts the copy into an empty database, and every table of the two databases is compared, row
//! by row in primary-key order (PostgreSQL: every sequence too). A restore over data must be
//! refused, and the server must start on the restored database and let a demo user in.

use crate::backup::backup;
use crate::database::{psql, Database};
use crate::pg::{self, Cluster};
use crate::proc::{capture, run, TempDir};
use crate::restore::restore;
use crate::server::{demo_cookie, server_bin, start_server_with, SERVER_BIN};
use crate::tools::{self, install};

pub fn cmd() -> Result<(), String> {
    install(&[pg::install, tools::sqlite3], 2)?;
    run("cargo", &["build", "-p", SERVER_BIN], &[])?;
    eprintln!("── backup and restore (SQLite)");
    eprintln!("   SQLite: {}", check(None)?);
    let cluster = Cluster::start("backup")?;
    eprintln!("── backup and restore (PostgreSQL)");
    eprintln!("   PostgreSQL: {}", check(Some(&cluster))?);
    Ok(())
}

/// One store's round trip: `None` on SQLite, else on new databases of `cluster`. A one-line
/// report, or every difference found.
pub fn check(cluster: Option<&Cluster>) -> Result<String, String> {
    let dir = TempDir::new("backup")?;
    let (original, restored) = match cluster {
        Some(c) => (
            c.create_database("backup_original")?,
            c.create_database("backup_restored")?,
        ),
        None => (
            format!("sqlite://{}", dir.0.join("original.db").display()),
            format!("sqlite://{}", dir.0.join("restored.db").display()),
        ),
    };
    let server = start_server_with(
        "debug",
        "backup",
        &["--database-url", &original, "--demo-traffic-days", "30"],
    )?;
    // A session and its audit lines, as a database in use has.
    demo_cookie(server.port, "admin")?;
    drop(server);

    let file = dir.0.join("portal.backup");
    let bin = server_bin("debug");
    backup(&bin, &original, &file)?;
    if backup(&bin, &original, &file).is_ok() {
        return Err("a second backup overwrote the first file".into());
    }
    restore(&restored, &file)?;
    match restore(&restored, &file) {
        Ok(_) => return Err("a restore over a restored database was not refused".into()),
        Err(e) if e.contains("not empty") || e.contains("already holds") => {}
        Err(e) => {
            return Err(format!(
                "a restore over data failed, but not as refused: {e}"
            ))
        }
    }

    let (a, b) = (Database::parse(&original)?, Database::parse(&restored)?);
    let (before, after) = (tables(&a)?, tables(&b)?);
    let mut problems = Vec::new();
    let names = |t: &[Table]| t.iter().map(|t| t.name.clone()).collect::<Vec<_>>();
    if names(&before) != names(&after) {
        problems.push(format!(
            "tables differ: {:?} before, {:?} restored",
            names(&before),
            names(&after)
        ));
    }
    for (x, y) in before.iter().zip(&after) {
        if x.name == y.name && (x.rows != y.rows || x.content != y.content) {
            problems.push(format!(
                "{}: {} rows before, {} restored, contents {}",
                x.name,
                x.rows,
                y.rows,
                if x.content == y.content {
                    "equal"
                } else {
                    "differ"
                }
            ));
        }
    }
    // Nothing vacuous: the demo filled the tables that matter.
    for needed in [
        "users",
        "articles",
        "article_history",
        "audit_log",
        "sessions",
    ] {
        let rows = before
            .iter()
            .find(|t| t.name == needed || t.name.ends_with(&format!(".{needed}")))
            .map_or(0, |t| t.rows);
        if rows == 0 {
            problems.push(format!("the original database has no rows in {needed}"));
        }
    }
    if !problems.is_empty() {
        return Err(format!(
            "{} differences between the original and the restored database: {}",
            problems.len(),
            problems.join("; ")
        ));
    }

    // The server starts on the copy and knows its users.
    let server = start_server_with("debug", "backup-restored", &["--database-url", &restored])?;
    demo_cookie(server.port, "chief")
        .map_err(|e| format!("the server on the restored database: {e}"))?;
    drop(server);
    let rows: u64 = before.iter().map(|t| t.rows).sum();
    Ok(format!(
        "{} tables, {rows} rows identical after backup and restore; restore over data refused",
        before.len()
    ))
}

/// One table's rows, all columns in primary-key order, as the database's client prints them.
struct Table {
    name: String,
    rows: u64,
    content: String,
}

fn tables(db: &Database) -> Result<Vec<Table>, String> {
    match db {
        Database::Sqlite(file) => sqlite_tables(file),
        Database::Postgres { .. } => pg_tables(db),
    }
}

fn count(text: &str, table: &str) -> Result<u64, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("{table}: {text:?} is not a row count"))
}

/// `ORDER BY` for a table: its key columns, else every column (`1, 2, …, columns`).
fn order_by(key: &str, columns: usize) -> String {
    if key.trim().is_empty() {
        (1..=columns)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        key.trim().to_string()
    }
}

fn sqlite_tables(file: &std::path::Path) -> Result<Vec<Table>, String> {
    let file = file
        .to_str()
        .ok_or_else(|| format!("{} is not valid UTF-8", file.display()))?;
    // `-list` for names and counts, `-quote` for contents (every value as an SQL literal).
    let sql = |mode: &str, query: &str| {
        capture("sqlite3", &["-batch", "-readonly", mode, file, query], &[])
            .map_err(|e| format!("sqlite3 {file}: {e}"))
    };
    let names = sql(
        "-list",
        "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name",
    )?;
    let mut out = Vec::new();
    for name in names.lines().filter(|n| !n.is_empty()) {
        let quoted = ident(name);
        let info = format!("pragma_table_info({})", sql_text(name));
        let key = sql(
            "-list",
            &format!("SELECT name FROM {info} WHERE pk > 0 ORDER BY pk"),
        )?;
        let key = key.lines().map(ident).collect::<Vec<_>>().join(", ");
        let columns = count(
            &sql("-list", &format!("SELECT count(*) FROM {info}"))?,
            name,
        )?;
        let rows = count(
            &sql("-list", &format!("SELECT count(*) FROM {quoted}"))?,
            name,
        )?;
        let content = sql(
            "-quote",
            &format!(
                "SELECT * FROM {quoted} ORDER BY {}",
                order_by(&key, columns as usize)
            ),
        )?;
        out.push(Table {
            name: name.to_string(),
            rows,
            content,
        });
    }
    Ok(out)
}

/// `s` as an SQL identifier.
fn ident(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// `s` as an SQL string literal.
fn sql_text(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn pg_tables(db: &Database) -> Result<Vec<Table>, String> {
    let names = psql(
        db,
        "SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables \
         WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1",
    )?;
    let mut out = Vec::new();
    for name in names.lines().filter(|n| !n.is_empty()) {
        let key = psql(
            db,
            &format!(
                "SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord) FROM pg_index i \
                 CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) \
                 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum \
                 WHERE i.indrelid = {}::regclass AND i.indisprimary",
                sql_text(name)
            ),
        )?;
        let columns = count(
            &psql(
                db,
                &format!(
                    "SELECT count(*) FROM pg_attribute WHERE attrelid = {}::regclass \
                     AND attnum > 0 AND NOT attisdropped",
                    sql_text(name)
                ),
            )?,
            name,
        )?;
        let rows = count(&psql(db, &format!("SELECT count(*) FROM {name}"))?, name)?;
        let content = psql(
            db,
            &format!(
                "COPY (SELECT * FROM {name} ORDER BY {}) TO STDOUT",
                order_by(&key, columns as usize)
            ),
        )?;
        out.push(Table {
            name: name.to_string(),
            rows,
            content,
        });
    }
    // The sequences go with the tables: a restored identity must not hand out a used number.
    let sequences = psql(
        db,
        "SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename), \
         coalesce(last_value::text, 'unused') FROM pg_sequences \
         WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1",
    )?;
    out.push(Table {
        name: "(sequences)".into(),
        rows: sequences.lines().count() as u64,
        content: sequences,
    });
    Ok(out)
}
