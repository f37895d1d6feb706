//! `login-bench BASE_URL WEBDRIVER_URL`: median time from navigation to an interactive login
//! form in headless Chromium, cold (first load, empty cache) and warm; then cold on a slow
//! link (DevTools network emulation), with the bytes that crossed it.

use fantoccini::{Client, ClientBuilder};
use portal_e2e::bench::median;
use portal_e2e::{cdp, chrome_capabilities};
use serde_json::json;

const RUNS: usize = 15;
const SLOW_RUNS: usize = 5;

/// The slow link: 1.5 Mbit/s down, 0.75 Mbit/s up, 150 ms round trip (a provincial office's
/// shared line at a busy hour).
const SLOW_DOWN_BPS: f64 = 1_500_000.0;
const SLOW_UP_BPS: f64 = 750_000.0;
const SLOW_RTT_MS: f64 = 150.0;

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

/// Bytes that crossed the network for the page so far (compressed bodies and headers): the
/// navigation and every resource, all same-origin, so `transferSize` is filled in.
const TRANSFERRED_SCRIPT: &str = r#"
    return performance.getEntriesByType('navigation')
        .concat(performance.getEntriesByType('resource'))
        .reduce((sum, e) => sum + e.transferSize, 0);
"#;

async fn session(webdriver: &str) -> Result<Client, Box<dyn std::error::Error>> {
    Ok(ClientBuilder::native()
        .capabilities(chrome_capabilities())
        .connect(webdriver)
        .await?)
}

async fn time_to_login_form(c: &Client, base: &str) -> Result<f64, Box<dyn std::error::Error>> {
    c.goto(&format!("{base}/login")).await?;
    let t = c.execute_async(READY_SCRIPT, vec![]).await?;
    Ok(t.as_f64().ok_or("no time returned")?)
}

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
        let c = session(webdriver).await?;
        cold.push(time_to_login_form(&c, base).await?);
        warm.push(time_to_login_form(&c, base).await?);
        c.close().await?;
    }
    println!("\nNavigation → interactive login form (headless Chromium, {RUNS} runs, loopback):");
    println!("  cold cache: median {:.1} ms", median(&mut cold));
    println!("  warm cache: median {:.1} ms", median(&mut warm));

    let mut slow = Vec::new();
    let mut bytes = Vec::new();
    for _ in 0..SLOW_RUNS {
        let c = session(webdriver).await?;
        c.issue_cmd(cdp("Network.enable", json!({}))).await?;
        c.issue_cmd(cdp(
            "Network.emulateNetworkConditions",
            json!({
                "offline": false,
                "latency": SLOW_RTT_MS,
                "downloadThroughput": SLOW_DOWN_BPS / 8.0,
                "uploadThroughput": SLOW_UP_BPS / 8.0,
            }),
        ))
        .await?;
        slow.push(time_to_login_form(&c, base).await?);
        let sent = c.execute(TRANSFERRED_SCRIPT, vec![]).await?;
        bytes.push(sent.as_f64().ok_or("no byte count returned")?);
        c.close().await?;
    }
    println!(
        "  cold cache on a slow link ({:.1} Mbit/s down, {:.2} up, {SLOW_RTT_MS:.0} ms RTT; {SLOW_RUNS} runs): median {:.0} ms, {:.0} B transferred",
        SLOW_DOWN_BPS / 1e6,
        SLOW_UP_BPS / 1e6,
        median(&mut slow),
        median(&mut bytes)
    );
    Ok(())
}
