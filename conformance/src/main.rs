//! `portal-conformance`: the black-box part of the conformance kit. `cargo xtask conformance`
//! runs it, then schemathesis with the sessions it hands over (`--fuzz-sessions FILE`).

use portal_conformance::{run, Config, RoleUser};

const USAGE: &str = "usage: portal-conformance --base-url URL [--user USER] --password PASSWORD \
[--role-user ROLE=USER:PASSWORD]... [--fuzz-sessions FILE]

  --base-url URL     the API base, e.g. http://127.0.0.1:8080/api/v1 (a bare origin gets /api/v1)
  --user USER        a user with users.manage (default: admin)
  --password P       their password (or PORTAL_CONFORMANCE_PASSWORD)
  --role-user R=U:P  a user holding role R; for every role not given, the kit creates a user
                     holding only that role through POST /users
  --fuzz-sessions F  write for schemathesis (JSON): a fresh session of one user per role family
                     (a role whose permissions no other role holds all of), the operations
                     each may call, and the sessions and users the fuzzing must leave alone";

fn parse(args: &[String]) -> Result<(Config, Option<String>), String> {
    let mut config = Config {
        base_url: String::new(),
        user: "admin".to_string(),
        password: std::env::var("PORTAL_CONFORMANCE_PASSWORD").unwrap_or_default(),
        role_users: Vec::new(),
        echo: true,
    };
    let mut sessions = None;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--base-url" => config.base_url = value()?,
            "--user" => config.user = value()?,
            "--password" => config.password = value()?,
            "--role-user" => config.role_users.push(RoleUser::parse(&value()?)?),
            "--fuzz-sessions" => sessions = Some(value()?),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if config.base_url.is_empty() {
        return Err("--base-url is required".into());
    }
    if config.password.is_empty() {
        return Err("--password (or PORTAL_CONFORMANCE_PASSWORD) is required".into());
    }
    Ok((config, sessions))
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (config, sessions) = match parse(&args) {
        Ok(p) => p,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("error: {e}");
            }
            eprintln!("{USAGE}");
            return std::process::ExitCode::from(2);
        }
    };
    println!("Black-box conformance checks against {}", config.base_url);
    let outcome = run(&config).await;
    if let Some(path) = sessions {
        let text = outcome.fuzz.to_json().to_string();
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("error: cannot write {path}: {e}");
            return std::process::ExitCode::FAILURE;
        }
    }
    let failed = outcome.report.failed();
    if !failed.is_empty() {
        println!("\nDoes not conform:");
        for check in &failed {
            println!("  {}", portal_conformance::report::line(check));
        }
    }
    println!("{}", outcome.report.summary());
    if failed.is_empty() {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}
