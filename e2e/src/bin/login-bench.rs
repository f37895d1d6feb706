//! `login-bench BASE_URL WEBDRIVER_URL`: median time from navigation to an interactive login
//! form in headless Chromium, cold (first load, empty cache) and warm.

use fantoccini::ClientBuilder;
use portal_e2e::bench::median;
use portal_e2e::chrome_capabilities;

const RUNS: usize = 15;

/// Resolves with `performance.now()` (ms since navigation start) once the login form's first
/// field exists, is enabled and the app has attached its handlers (the submit button is enabled).
const READY_SCRIPT: &str = r#"
    const done = arguments[0];
    (function poll() {
        const u = document.querySelector('#login-username');
        const b = document.querySelector('form.login-form button[type=submit]');
        if (u && !u.disabled && b && !b.disabled) { done(performance.now()); }
        else { setTimeout(poll, 2); }
    })();
"#;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [base, webdriver] = args.as_slice() else {
        return Err("usage: login-bench BASE_URL WEBDRIVER_URL".into());
    };
    let mut cold = Vec::new();
    let mut warm = Vec::new();
    for _ in 0..RUNS {
        // A new session is a new profile: the first load in it is cold.
        let c = ClientBuilder::native()
            .capabilities(chrome_capabilities())
            .connect(webdriver)
            .await?;
        for round in 0..2 {
            c.goto(&format!("{base}/login")).await?;
            let t = c.execute_async(READY_SCRIPT, vec![]).await?;
            let ms = t.as_f64().ok_or("no time returned")?;
            if round == 0 {
                cold.push(ms);
            } else {
                warm.push(ms);
            }
        }
        c.close().await?;
    }
    println!("\nNavigation → interactive login form (headless Chromium, {RUNS} runs, loopback):");
    println!("  cold cache: median {:.1} ms", median(&mut cold));
    println!("  warm cache: median {:.1} ms", median(&mut warm));
    Ok(())
}
