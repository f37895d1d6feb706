//! `cargo xtask run` — install what is missing, build the SPA, start the reference server with
//! demo data on http://127.0.0.1:8080.
//! `cargo xtask test` — install what the tests need and run every check, ending with a table of
//! the steps (time, outcome) and one line `N passed, M failed`.
//! `cargo xtask bench` — print the bundle sizes and the time to an interactive login form.
//! `cargo xtask build` — only build the SPA into `dist/` (split into chunks) and print its sizes.
//! `cargo xtask fault` — only the fault tests (server killed under load; SQLite and PostgreSQL).
//! `cargo xtask conformance --base-url URL --user U --password P` — the contract conformance
//! kit against any backend: the black-box suite (`conformance/`) and schemathesis.
//! `cargo xtask spa-on-mock` — the built SPA against a Prism mock of the contract.
//! `cargo xtask backup --database-url URL --to FILE` — a consistent copy of a SQLite or
//! PostgreSQL database, taken while the server runs.
//! `cargo xtask restore --database-url URL --from FILE` — that copy into an empty database.
//! `cargo xtask backup-check` — only the backup test (backup, restore into an empty database,
//! every table compared; SQLite and PostgreSQL).
//!
//! This file only reads the command; each command is a module of the same name.

mod backup;
mod backup_check;
mod bench;
mod build;
mod compress;
mod conformance;
mod css;
mod database;
mod fault;
mod fuzz;
mod hash;
mod merge;
mod pg;
mod proc;
mod restore;
mod run;
mod serve;
mod server;
mod sizes;
mod spa_on_mock;
mod split;
mod test;
mod tools;

const USAGE: &str = "usage: cargo xtask <run [--port N] [--database-url URL] | test | bench | build | fault | conformance --base-url URL [--user USER] --password PASSWORD [--role-user ROLE=USER:PASSWORD]... [--fuzz-share I/N --fuzz-record DIR] | spa-on-mock | backup --database-url URL --to FILE | restore --database-url URL --from FILE | backup-check>";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run::cmd(&args[1..]),
        Some("test") => test::cmd(),
        Some("bench") => bench::cmd(),
        Some("build") => build::cmd(),
        Some("fault") => fault::cmd(),
        Some("conformance") => conformance::cmd(&args[1..]),
        Some("spa-on-mock") => spa_on_mock::cmd(),
        Some("backup") => backup::cmd(&args[1..]),
        Some("restore") => restore::cmd(&args[1..]),
        Some("backup-check") => backup_check::cmd(),
        _ => Err(USAGE.to_string()),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
