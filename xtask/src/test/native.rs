//! The native build of the whole workspace, once, and its test binaries run one by one.
//!
//! One `cargo build --workspace --all-targets` builds every native test binary, the server, the
//! conformance kit's client and the end-to-end journeys with one feature resolution. Separate
//! `cargo test` runs (`--exclude portal-e2e`, `--test api`, `-p portal-e2e`, `cargo build -p
//! portal-server`) each resolved some crates' features differently, so cargo compiled several
//! copies of the server and much of its tree: minutes of a clean run, gigabytes of its disk.

use crate::proc::{root_dir, run_tee_in};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A test executable of the build (a crate's unit tests or an integration test).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestBinary {
    /// Its crate's folder: cargo runs a test binary there, and so does the suite.
    pub dir: PathBuf,
    /// The target's name (`api`, `e2e`, `portal_server`…).
    pub name: String,
    /// The source file of the target, for the progress line.
    pub src: String,
    pub path: PathBuf,
}

impl TestBinary {
    /// Whether it belongs to the crate in the workspace folder `folder` (`e2e`, `server`).
    pub fn in_crate(&self, folder: &str) -> bool {
        self.dir == root_dir().join(folder)
    }
}

/// Builds every target of the workspace; Ok with the test binaries when the build succeeds
/// (cargo's rendered diagnostics go to stderr as usual).
pub fn build() -> Result<Vec<TestBinary>, String> {
    let args = [
        "build",
        "--workspace",
        "--all-targets",
        "--message-format=json-render-diagnostics",
    ];
    eprintln!("── native build: cargo {}", args.join(" "));
    let mut child = Command::new("cargo")
        .args(args)
        .current_dir(root_dir())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start cargo: {e}"))?;
    let mut messages = String::new();
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines() {
            messages.push_str(&line.unwrap_or_default());
            messages.push('\n');
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("`cargo {}` failed ({status})", args.join(" ")));
    }
    Ok(test_binaries(&messages))
}

/// The test executables among cargo's JSON messages, in the order cargo built them.
pub fn test_binaries(messages: &str) -> Vec<TestBinary> {
    messages
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["profile"]["test"] == true)
        .filter_map(|m| {
            let path = PathBuf::from(m["executable"].as_str()?);
            let dir = Path::new(m["manifest_path"].as_str()?)
                .parent()?
                .to_path_buf();
            let src = m["target"]["src_path"].as_str().unwrap_or_default();
            let src = Path::new(src)
                .strip_prefix(&dir)
                .map(|p| p.display().to_string())
                .unwrap_or_else(|_| src.to_string());
            Some(TestBinary {
                dir,
                name: m["target"]["name"].as_str()?.to_string(),
                src,
                path,
            })
        })
        .collect()
}

/// Runs `binaries` one after another with the harness arguments `args` and the variables
/// `env`; (all succeeded, their whole output) as one `cargo test` run would give.
pub fn run(binaries: &[&TestBinary], args: &[&str], env: &[(&str, &str)]) -> (bool, String) {
    let mut all_ok = true;
    let mut output = String::new();
    for b in binaries {
        eprintln!("     Running {} ({})", b.src, b.path.display());
        match run_tee_in(&b.dir, &b.path.display().to_string(), args, env) {
            Ok((ok, out)) => {
                all_ok &= ok;
                output.push_str(&out);
            }
            Err(e) => {
                all_ok = false;
                output.push_str(&format!("{e}\n"));
            }
        }
    }
    (all_ok, output)
}

#[cfg(test)]
mod tests {
    use super::{test_binaries, TestBinary};
    use std::path::PathBuf;

    #[test]
    fn test_executables_are_read_from_cargos_messages() {
        let messages = concat!(
            r#"{"reason":"compiler-artifact","manifest_path":"/w/server/Cargo.toml","target":{"name":"portal_server","kind":["lib"],"src_path":"/w/server/src/lib.rs"},"profile":{"test":false},"executable":null}"#,
            "\nnot json\n",
            r#"{"reason":"compiler-artifact","manifest_path":"/w/server/Cargo.toml","target":{"name":"api","kind":["test"],"src_path":"/w/server/tests/api/main.rs"},"profile":{"test":true},"executable":"/w/target/debug/deps/api-1"}"#,
            "\n",
            r#"{"reason":"compiler-artifact","manifest_path":"/w/server/Cargo.toml","target":{"name":"portal-server","kind":["bin"],"src_path":"/w/server/src/main.rs"},"profile":{"test":false},"executable":"/w/target/debug/portal-server"}"#,
            "\n",
            r#"{"reason":"build-finished","success":true}"#,
        );
        assert_eq!(
            test_binaries(messages),
            [TestBinary {
                dir: PathBuf::from("/w/server"),
                name: "api".into(),
                src: "tests/api/main.rs".into(),
                path: PathBuf::from("/w/target/debug/deps/api-1"),
            }]
        );
    }
}
