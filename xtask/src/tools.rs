//! Installs what the build and the tests need, each step with one line of progress.
//! Versions follow `shared/TOOLCHAIN.md`: trunk 0.21.14, wasm-bindgen-cli equal to the crate in
//! Cargo.lock, wasm-opt from the npm package `binaryen` 132 (Debian's 108 breaks the output).

use crate::proc::{capture, free_port, root_dir, run, spawn, wait_http_ok, Guard, Step};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const TRUNK_VERSION: &str = "0.21.14";
pub const BINARYEN_MAJOR: &str = "132";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Folder of project-local tools (git-ignored).
pub fn tools_dir() -> PathBuf {
    root_dir().join(".tools")
}

/// Folder holding binaryen's `wasm-opt`, to put first on PATH for trunk.
pub fn binaryen_bin() -> PathBuf {
    tools_dir().join("binaryen/node_modules/.bin")
}

/// PATH with the project's binaryen and cargo's bin folder first.
pub fn tool_path() -> String {
    let mut parts = vec![binaryen_bin().display().to_string()];
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        parts.push(PathBuf::from(home).join("bin").display().to_string());
    } else if let Some(home) = std::env::var_os("HOME") {
        parts.push(PathBuf::from(home).join(".cargo/bin").display().to_string());
    }
    parts.push(std::env::var("PATH").unwrap_or_default());
    parts.join(":")
}

/// The exact wasm-bindgen version in Cargo.lock (the CLI must match it).
pub fn locked_wasm_bindgen() -> Result<String, String> {
    let lock = std::fs::read_to_string(root_dir().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
            {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("wasm-bindgen is not in Cargo.lock".into())
}

fn version_of(program: &str, arg: &str) -> Option<String> {
    capture(program, &[arg], &[("PATH", &tool_path())]).ok()
}

pub fn wasm_target(step: &mut Step) -> Result<(), String> {
    let installed = capture("rustup", &["target", "list", "--installed"], &[]).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return step.ok("wasm32-unknown-unknown target present");
    }
    step.doing("adding the wasm32-unknown-unknown target (≈30 s)");
    run("rustup", &["target", "add", "wasm32-unknown-unknown"], &[])?;
    step.ok("wasm32-unknown-unknown target installed")
}

pub fn trunk(step: &mut Step) -> Result<(), String> {
    if version_of("trunk", "--version").is_some_and(|v| v.contains(TRUNK_VERSION)) {
        return step.ok(&format!("trunk {TRUNK_VERSION} present"));
    }
    step.doing(&format!(
        "installing trunk {TRUNK_VERSION} with cargo (≈9 min on 2 cores, once)"
    ));
    run(
        "cargo",
        &["install", "trunk", "--version", TRUNK_VERSION, "--locked"],
        &[],
    )?;
    step.ok(&format!("trunk {TRUNK_VERSION} installed"))
}

pub fn wasm_bindgen(step: &mut Step) -> Result<(), String> {
    let want = locked_wasm_bindgen()?;
    if version_of("wasm-bindgen", "--version")
        .is_some_and(|v| v.split_whitespace().nth(1) == Some(&want))
    {
        return step.ok(&format!("wasm-bindgen-cli {want} present"));
    }
    step.doing(&format!(
        "installing wasm-bindgen-cli {want} (≈2 min, once)"
    ));
    // Without --locked on purpose: a locked dependency of the CLI is missing from the registry.
    run(
        "cargo",
        &["install", "wasm-bindgen-cli", "--version", &want],
        &[],
    )?;
    step.ok(&format!("wasm-bindgen-cli {want} installed"))
}

/// `npm install package` into `.tools/<folder>` (created when missing).
fn npm_install(folder: &str, package: &str) -> Result<(), String> {
    let dir = tools_dir().join(folder);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let prefix = dir
        .to_str()
        .ok_or_else(|| format!("{} is not valid UTF-8", dir.display()))?;
    run(
        "npm",
        &[
            "install",
            "--no-audit",
            "--no-fund",
            "--prefix",
            prefix,
            package,
        ],
        &[],
    )
}

pub fn wasm_opt(step: &mut Step) -> Result<(), String> {
    let bin = binaryen_bin().join("wasm-opt");
    let present = capture(bin.to_str().unwrap_or("wasm-opt"), &["--version"], &[])
        .is_ok_and(|v| v.contains(&format!("version {BINARYEN_MAJOR}")));
    if present {
        return step.ok(&format!("wasm-opt (binaryen {BINARYEN_MAJOR}) present"));
    }
    step.doing(&format!(
        "installing binaryen {BINARYEN_MAJOR} from npm into .tools/"
    ));
    npm_install("binaryen", &format!("binaryen@{BINARYEN_MAJOR}"))?;
    step.ok(&format!("wasm-opt (binaryen {BINARYEN_MAJOR}) installed"))
}

fn is_root() -> bool {
    capture("id", &["-u"], &[]).is_ok_and(|u| u.trim() == "0")
}

pub fn chromium(step: &mut Step) -> Result<(), String> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return step.ok("chromium and chromedriver present");
    }
    if !is_root() {
        return Err(
            "Chromium and ChromeDriver are missing and this user is not root. Run as root, or \
             install them yourself: sudo apt-get update && sudo apt-get install -y chromium \
             chromium-driver"
                .into(),
        );
    }
    step.doing("installing chromium and chromium-driver with apt (≈1 min)");
    run(
        "apt-get",
        &["update", "-q"],
        &[("DEBIAN_FRONTEND", "noninteractive")],
    )?;
    run(
        "apt-get",
        &["install", "-y", "-q", "chromium", "chromium-driver"],
        &[("DEBIAN_FRONTEND", "noninteractive")],
    )?;
    step.ok("chromium and chromedriver installed")
}

/// Install step: the `sqlite3` shell, with which the backup test reads a SQLite database.
pub fn sqlite3(step: &mut Step) -> Result<(), String> {
    if capture("sqlite3", &["-version"], &[]).is_ok() {
        return step.ok("sqlite3 present");
    }
    if !is_root() {
        return Err(
            "sqlite3 is missing and this user is not root. Run as root, or install it \
             yourself: sudo apt-get update && sudo apt-get install -y sqlite3"
                .into(),
        );
    }
    step.doing("installing sqlite3 with apt");
    let env = [("DEBIAN_FRONTEND", "noninteractive")];
    run("apt-get", &["update", "-q"], &env)?;
    run("apt-get", &["install", "-y", "-q", "sqlite3"], &env)?;
    step.ok("sqlite3 installed")
}

/// The `schemathesis` program pip installed: in python3's scripts folder, which need not be on
/// PATH (a user install, a pyenv without shims); else whatever PATH finds.
pub fn schemathesis_bin() -> String {
    capture(
        "python3",
        &[
            "-c",
            "import sysconfig; print(sysconfig.get_path('scripts'))",
        ],
        &[],
    )
    .ok()
    .map(|dir| PathBuf::from(dir.trim()).join("schemathesis"))
    .filter(|p| p.exists())
    .map(|p| p.display().to_string())
    .unwrap_or_else(|| "schemathesis".to_string())
}

pub fn schemathesis(step: &mut Step) -> Result<(), String> {
    if version_of(&schemathesis_bin(), "--version").is_some_and(|v| v.contains(" 4.")) {
        return step.ok("schemathesis 4 present");
    }
    step.doing("installing schemathesis 4 from PyPI");
    run(
        "python3",
        &["-m", "pip", "install", "-q", "schemathesis>=4.32,<5"],
        &[],
    )?;
    step.ok("schemathesis installed")
}

/// Prism, the mock server generated from `contract/openapi.yaml`. 5.14.2 is the newest that
/// runs on Node 18–22 (5.15 and later need Node 24).
pub const PRISM_VERSION: &str = "5.14.2";

pub fn prism_bin() -> PathBuf {
    npm_bin("prism")
}

pub fn prism(step: &mut Step) -> Result<(), String> {
    npm_tool(step, "prism", "@stoplight/prism-cli", PRISM_VERSION)
}

/// The program `name` of the npm package installed into `.tools/<name>`.
fn npm_bin(name: &str) -> PathBuf {
    tools_dir().join(name).join("node_modules/.bin").join(name)
}

/// Install step of an npm CLI into `.tools/<name>`, unless its `--version` is `version`.
fn npm_tool(step: &mut Step, name: &str, package: &str, version: &str) -> Result<(), String> {
    let bin = npm_bin(name);
    if capture(bin.to_str().unwrap_or(name), &["--version"], &[]).is_ok_and(|v| v.trim() == version)
    {
        return step.ok(&format!("{name} {version} present"));
    }
    step.doing(&format!(
        "installing {package} {version} from npm into .tools/"
    ));
    npm_install(name, &format!("{package}@{version}"))?;
    step.ok(&format!("{name} {version} installed"))
}

/// The tools needed to build the SPA, as numbered steps.
pub type ToolStep = fn(&mut Step) -> Result<(), String>;

pub fn build_tools() -> Vec<ToolStep> {
    vec![wasm_target, trunk, wasm_bindgen, wasm_opt]
}

/// Runs the install steps as `[1/total] …` lines; `total` counts steps that follow them too.
pub fn install(steps: &[ToolStep], total: usize) -> Result<(), String> {
    for (i, f) in steps.iter().enumerate() {
        f(&mut Step {
            index: i + 1,
            total,
        })?;
    }
    Ok(())
}

/// chromedriver on a free port, stopped when the guard drops.
pub fn start_chromedriver() -> Result<(u16, Guard), String> {
    let port = free_port()?;
    let guard = spawn(
        CHROMEDRIVER,
        &[&format!("--port={port}")],
        &[],
        "chromedriver",
        None,
    )?;
    wait_http_ok(port, "/status", Duration::from_secs(30))?;
    Ok((port, guard))
}

/// Redocly CLI, the linter of `contract/openapi.yaml` (its recommended rules). 2.77.0 runs on
/// Node 20.19+ and 22.12+.
pub const REDOCLY_VERSION: &str = "2.77.0";

pub fn redocly_bin() -> PathBuf {
    npm_bin("redocly")
}

pub fn redocly(step: &mut Step) -> Result<(), String> {
    npm_tool(step, "redocly", "@redocly/cli", REDOCLY_VERSION)
}

/// axe-core, the accessibility rules (WCAG 2.0/2.1 A and AA) the end-to-end gate runs in every
/// page of every role; a script for the page, not a program, so its `package.json` says which.
pub const AXE_VERSION: &str = "4.14.1";

/// The script the end-to-end gate injects into each page (`PORTAL_E2E_AXE`).
pub fn axe_script() -> PathBuf {
    tools_dir().join("axe-core/node_modules/axe-core/axe.min.js")
}

pub fn axe(step: &mut Step) -> Result<(), String> {
    let manifest = tools_dir().join("axe-core/node_modules/axe-core/package.json");
    let installed = std::fs::read_to_string(&manifest)
        .ok()
        .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
        .is_some_and(|m| m["version"] == AXE_VERSION);
    if installed && axe_script().exists() {
        return step.ok(&format!("axe-core {AXE_VERSION} present"));
    }
    step.doing(&format!(
        "installing axe-core {AXE_VERSION} from npm into .tools/"
    ));
    npm_install("axe-core", &format!("axe-core@{AXE_VERSION}"))?;
    step.ok(&format!("axe-core {AXE_VERSION} installed"))
}
