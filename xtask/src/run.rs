//! `cargo xtask run`: installs what is missing, builds the SPA and the server in release, and
//! replaces itself with the server on demo data.

use crate::proc::{root_dir, run, Step};
use crate::server::{server_bin, SERVER_BIN};
use crate::split::build_spa;
use crate::tools::{build_tools, install};
use crate::USAGE;

pub fn cmd(args: &[String]) -> Result<(), String> {
    let mut port = 8080;
    let mut database = "sqlite://data/portal.db".to_string();
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or_else(|| USAGE.to_string())?;
        match flag.as_str() {
            "--port" => port = value.parse().map_err(|_| USAGE.to_string())?,
            "--database-url" => database = value.clone(),
            _ => return Err(USAGE.to_string()),
        }
    }
    let tool_steps = build_tools();
    let total = tool_steps.len() + 3;
    install(&tool_steps, total)?;
    let mut step = Step {
        index: tool_steps.len() + 1,
        total,
    };
    step.doing("building the SPA in release with trunk");
    build_spa()?;
    step.ok("SPA built into dist/")?;
    step.index += 1;
    step.doing("building the reference server in release");
    run("cargo", &["build", "--release", "-p", SERVER_BIN], &[])?;
    step.ok("reference server built")?;
    step.index += 1;
    std::fs::create_dir_all(root_dir().join("data")).map_err(|e| e.to_string())?;
    step.ok(&format!(
        "starting the server on http://127.0.0.1:{port} (database {database}, demo data; Ctrl-C stops)"
    ))?;
    let bin = server_bin("release");
    let bind = format!("127.0.0.1:{port}");
    let mut cmd = std::process::Command::new(&bin);
    cmd.current_dir(root_dir()).args([
        "--demo",
        "--database-url",
        &database,
        "--bind",
        &bind,
        "--static-dir",
        "dist",
    ]);
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // Replace this process: Ctrl-C then reaches the server alone, which shuts down cleanly.
        let err = cmd.exec();
        Err(format!("cannot start {}: {err}", bin.display()))
    }
    #[cfg(not(unix))]
    {
        let status = cmd.status().map_err(|e| e.to_string())?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("server exited with {status}"))
        }
    }
}
