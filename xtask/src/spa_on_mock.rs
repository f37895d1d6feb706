//! `cargo xtask spa-on-mock` (and a check of `cargo xtask test`): the built SPA against
//! `prism mock contract/openapi.yaml`; every page must open without a script error.

use crate::proc::{copy_dir, free_port, root_dir, run, spawn, wait_http_ok, TempDir};
use crate::serve;
use crate::tools::{self, install, start_chromedriver, ToolStep};
use std::time::{Duration, Instant};

/// Injected first into the `<head>` of the SPA served on the mock: records uncaught errors,
/// unhandled promise rejections and Rust panics (the panic hook writes them with
/// `console.error`, "panicked at …") into `window.__portalErrors`.
const ERROR_RECORDER: &str = r#"<script>
window.__portalErrors = [];
window.addEventListener('error', function (e) {
  if (e instanceof ErrorEvent) {
    window.__portalErrors.push('uncaught ' + (e.message || 'error') + (e.filename ? ' at ' + e.filename + ':' + e.lineno : ''));
  }
}, true);
window.addEventListener('unhandledrejection', function (e) {
  var r = e.reason;
  window.__portalErrors.push('unhandled rejection: ' + String(r && (r.stack || r.message) || r));
});
(function () {
  var original = console.error;
  console.error = function () {
    var text = Array.prototype.map.call(arguments, String).join(' ');
    if (text.indexOf('panicked at') >= 0) { window.__portalErrors.push('Rust panic: ' + text); }
    return original.apply(console, arguments);
  };
})();
</script>"#;

/// `cargo xtask spa-on-mock`: the check of `xtask test` alone, on the dist/ already built.
pub fn cmd() -> Result<(), String> {
    if !root_dir().join("dist/index.html").exists() {
        return Err(
            "no dist/index.html: build the SPA first (cargo xtask run, or trunk build)".into(),
        );
    }
    let steps: Vec<ToolStep> = vec![tools::chromium, tools::prism];
    install(&steps, steps.len())?;
    let started = Instant::now();
    let result = check();
    eprintln!("── finished in {:.0} s", started.elapsed().as_secs_f64());
    result
}

/// The built SPA against `prism mock contract/openapi.yaml` (answers generated from the
/// contract alone; the examples it has, else the schemas): every page opens without a
/// script error. The SPA is a copy of dist/ whose `<meta name="portal-api-base">` points at
/// `/mock-api`, which a small local server forwards to Prism with a session cookie.
pub fn check() -> Result<(), String> {
    eprintln!("── the SPA against `prism mock contract/openapi.yaml`");
    let dir = TempDir::new("spa-mock")?;
    let site = dir.0.join("site");
    copy_dir(&root_dir().join("dist"), &site)?;
    let index = site.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| e.to_string())?;
    let meta = r#"<meta name="portal-api-base" content="/api/v1">"#;
    if !html.contains(meta) || !html.contains("<head>") {
        return Err(format!("dist/index.html has no <head> or no {meta}"));
    }
    let html = html
        .replacen(
            meta,
            r#"<meta name="portal-api-base" content="/mock-api">"#,
            1,
        )
        .replacen("<head>", &format!("<head>\n{ERROR_RECORDER}"), 1);
    std::fs::write(&index, html).map_err(|e| e.to_string())?;

    let prism_port = free_port()?;
    let log = dir.0.join("prism.log");
    let port_arg = prism_port.to_string();
    let prism = tools::prism_bin();
    let _prism = spawn(
        prism.to_str().unwrap_or("prism"),
        &[
            "mock",
            "contract/openapi.yaml",
            "--host",
            "127.0.0.1",
            "--port",
            &port_arg,
        ],
        &[],
        "prism",
        Some(&log),
    )?;
    let prism_log = || std::fs::read_to_string(&log).unwrap_or_default();
    wait_http_ok(prism_port, "/health", Duration::from_secs(60))
        .map_err(|e| format!("{e}\nprism log:\n{}", prism_log()))?;
    let site_server = serve::start(site, "/mock-api", prism_port, "portal_session=mock")?;
    let (wd_port, _wd) = start_chromedriver()?;
    let result = run(
        "cargo",
        &[
            "run",
            "-q",
            "-p",
            "portal-e2e",
            "--bin",
            "spa-on-mock",
            "--",
            &format!("http://127.0.0.1:{}", site_server.port),
            &format!("http://127.0.0.1:{wd_port}"),
        ],
        &[],
    );
    if result.is_err() {
        // What the mock refused or found invalid in the SPA's requests.
        let complaints: Vec<String> = prism_log()
            .lines()
            .filter(|l| l.contains("error") || l.contains("Violation") || l.contains("✖"))
            .map(str::to_string)
            .collect();
        if !complaints.is_empty() {
            eprintln!("prism's complaints:\n{}", complaints.join("\n"));
        }
    }
    result
}
