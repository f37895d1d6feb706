//! The accessibility gate: axe-core's WCAG 2.0 and 2.1 rules of levels A and AA over every page
//! each demo role can reach — its navigation, the detail pages and forms behind it, the account
//! page, the not-found page — and the login page, in a desktop window and, for the chief
//! editor, 360 px wide as on a phone. Any violation fails the test, listed as
//! `role page rule: help (elements)`.
//!
//! `cargo xtask test` installs axe-core into `.tools/axe-core` and passes its script as
//! `PORTAL_E2E_AXE`. Each role has one browser session that visits its pages in turn; motion is
//! reduced, so no element is measured half-way through a fade.

use portal_e2e::fantoccini::Client;
use portal_e2e::*;
use serde_json::{json, Value};
use std::time::Instant;

/// axe-core's tags for the WCAG 2.0 and 2.1 success criteria of levels A and AA.
const WCAG_TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// The not-found page: an address no route has.
const UNKNOWN_PAGE: &str = "/khong-co-trang-nay";

/// The script of axe-core, read from the file `PORTAL_E2E_AXE` names.
fn axe_source() -> String {
    let path = std::env::var("PORTAL_E2E_AXE").unwrap_or_else(|_| {
        panic!(
            "PORTAL_E2E_AXE is not set: it names axe-core's axe.min.js, which `cargo xtask test` \
             installs into .tools/axe-core and passes to the end-to-end tests"
        )
    });
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read axe-core at PORTAL_E2E_AXE={path}: {e}"))
}

/// Waits until the page at `want` has settled (at most 15 s): the address is `want`, the page
/// (not the start-up splash) shows its heading, no skeleton is left and the next page's chunk is
/// not being fetched, twice in a row 150 ms apart. Answers what is left unsettled, if anything.
const SETTLE: &str = r#"
    const [want, done] = arguments;
    const started = performance.now();
    let calm = 0;
    const unsettled = () => {
        if (location.pathname !== want) { return 'the address is ' + location.pathname; }
        const h1 = document.querySelector('main#main:not(.splash) h1');
        if (!h1 || h1.textContent.trim() === '') { return 'no heading'; }
        if (document.querySelector('.skeleton-bar, .skeleton-block, .skeleton-row')) { return 'a skeleton'; }
        if (document.querySelector('.navigation-progress.active')) { return 'the next page loading'; }
        return null;
    };
    (function poll() {
        const left = unsettled();
        calm = left === null ? calm + 1 : 0;
        if (calm >= 2) { done({settled: true}); }
        else if (performance.now() - started > 15000) {
            done({settled: false, left,
                  errors: Array.from(document.querySelectorAll('.state-error, .state-forbidden'))
                      .map(e => e.textContent.trim().replace(/\s+/g, ' '))});
        } else { setTimeout(poll, 150); }
    })();
"#;

/// Runs axe-core (injected first when the page has none) and answers its violations.
const RUN_AXE: &str = r#"
    const [tags, done] = arguments;
    axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
      .then(r => done({violations: r.violations.map(v => ({
                id: v.id, help: v.help,
                targets: v.nodes.map(n => n.target.join(' ')),
            }))}),
            e => done({error: String(e)}));
"#;

/// One role's pass: its browser, what it found, and on how many pages.
struct Gate<'a> {
    c: Client,
    target: &'a Target,
    axe: &'a str,
    who: String,
    findings: Vec<String>,
    pages: usize,
}

impl Gate<'_> {
    /// Opens `path`, waits for it to settle, runs axe-core there and notes what it finds.
    async fn check(&mut self, path: &str) {
        self.pages += 1;
        self.c
            .goto(&self.target.url(path))
            .await
            .unwrap_or_else(|e| panic!("{}: cannot open {path}: {e}", self.who));
        let settled = self
            .c
            .execute_async(SETTLE, vec![json!(path.split(['?', '#']).next())])
            .await
            .unwrap_or_else(|e| panic!("{}: waiting for {path}: {e}", self.who));
        if settled["settled"] != true {
            self.findings.push(format!(
                "{} {path} did not settle within 15 s ({}; error states: {})",
                self.who, settled["left"], settled["errors"]
            ));
            return;
        }
        // A full page load forgets the script, so it goes in again on every page.
        self.c
            .execute(self.axe, vec![])
            .await
            .unwrap_or_else(|e| panic!("{}: injecting axe-core into {path}: {e}", self.who));
        let out = self
            .c
            .execute_async(RUN_AXE, vec![json!(WCAG_TAGS)])
            .await
            .unwrap_or_else(|e| panic!("{}: running axe-core on {path}: {e}", self.who));
        if let Some(e) = out.get("error") {
            panic!("{}: axe-core failed on {path}: {e}", self.who);
        }
        for v in out["violations"].as_array().into_iter().flatten() {
            let targets: Vec<&str> = v["targets"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            self.findings.push(format!(
                "{} {path} {}: {} ({})",
                self.who,
                v["id"].as_str().unwrap_or("?"),
                v["help"].as_str().unwrap_or("?"),
                targets.join(", ")
            ));
        }
    }
}

/// Which window the pass looks through.
#[derive(Clone, Copy, PartialEq)]
enum Window {
    Desktop,
    /// 360 CSS pixels wide, touch, as a common phone.
    Phone,
}

/// Every page `who` can reach, from its navigation and its permissions; and the lists whose
/// detail page it cannot reach, having nothing in them (the communication centre writes no
/// article in the demo data).
async fn pages_of(c: &Client, who: &str) -> (Vec<String>, Vec<&'static str>) {
    let mut pages = nav_attrs(c, "href").await;
    assert!(!pages.is_empty(), "{who} has no navigation");
    let mut empty = Vec::new();
    let session = api_json(c, "/session").await;
    let can = |p: &str| {
        session["permissions"]
            .as_array()
            .is_some_and(|all| all.iter().any(|x| x == p))
    };
    // A detail page of each list the role reads: its first item's.
    let lists = [
        ("articles.read", "/articles", "/articles"),
        ("plan.view", "/plans", "/plan"),
        ("fraud.read", "/fraud-reports", "/fraud-reports"),
    ];
    for (permission, list, page) in lists {
        if can(permission) {
            match api_json(c, list).await["items"][0]["id"].as_i64() {
                Some(id) => pages.push(format!("{page}/{id}")),
                None => empty.push(list),
            }
        }
    }
    let forms = [
        ("articles.create", "/articles/new"),
        ("fraud.create", "/fraud-reports/new"),
        ("audit.read", "/admin/audit"),
        // `/info` shows the organisation; the other two sections have their own addresses.
        ("info.view", "/info/links"),
        ("info.view", "/info/training"),
    ];
    for (permission, page) in forms {
        if can(permission) {
            pages.push(page.into());
        }
    }
    pages.extend(["/account".into(), UNKNOWN_PAGE.into()]);
    (pages, empty)
}

/// Checks the login page (when `with_login`) and every page `user` reaches, through `window`.
async fn gate(user: &str, window: Window, with_login: bool) {
    let axe = axe_source();
    let t = Target::from_env();
    let started = Instant::now();
    let c = browser(&t).await;
    let who = match window {
        Window::Desktop => user.to_string(),
        Window::Phone => format!("{user}@360px"),
    };
    // Fades and pulses end at once: axe measures colours as they finally are.
    c.issue_cmd(cdp(
        "Emulation.setEmulatedMedia",
        json!({"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]}),
    ))
    .await
    .expect("reduce motion");
    if window == Window::Phone {
        c.issue_cmd(cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": 360, "height": 780, "deviceScaleFactor": 2, "mobile": true}),
        ))
        .await
        .expect("a phone's viewport");
    }
    let mut g = Gate {
        c,
        target: &t,
        axe: &axe,
        who,
        findings: Vec::new(),
        pages: 0,
    };
    if with_login {
        g.check("/login").await;
    } else {
        g.c.goto(&t.url("/login")).await.expect("open login page");
    }
    submit_login(&g.c, user, DEMO_PASSWORD).await;
    wait_css(&g.c, "nav.main-nav").await;
    if window == Window::Phone {
        let width =
            g.c.execute("return window.innerWidth;", vec![])
                .await
                .expect("read the width");
        assert_eq!(width, json!(360), "the phone's viewport");
    }
    let (pages, empty) = pages_of(&g.c, &g.who).await;
    for path in pages {
        g.check(&path).await;
    }
    let Gate {
        c,
        who,
        findings,
        pages,
        ..
    } = g;
    c.close().await.ok();
    println!(
        "axe-core on {who}: {pages} pages, {} findings, {:.0} s{}",
        findings.len(),
        started.elapsed().as_secs_f64(),
        if empty.is_empty() {
            String::new()
        } else {
            format!(" (nothing to open in {})", empty.join(", "))
        }
    );
    assert!(
        findings.is_empty(),
        "{} accessibility findings (WCAG 2.0/2.1 A and AA) for {who}:\n{}",
        findings.len(),
        findings.join("\n")
    );
}

#[tokio::test]
async fn the_authors_pages_and_the_login_page_pass_axe() {
    gate("author", Window::Desktop, true).await;
}

#[tokio::test]
async fn the_editors_pages_pass_axe() {
    gate("editor", Window::Desktop, false).await;
}

#[tokio::test]
async fn the_secretarys_pages_pass_axe() {
    gate("secretary", Window::Desktop, false).await;
}

#[tokio::test]
async fn the_chief_editors_pages_pass_axe() {
    gate("chief", Window::Desktop, false).await;
}

#[tokio::test]
async fn the_chief_editors_pages_pass_axe_on_a_phone() {
    gate("chief", Window::Phone, true).await;
}

#[tokio::test]
async fn the_directors_pages_pass_axe() {
    gate("director", Window::Desktop, false).await;
}

#[tokio::test]
async fn the_administrators_pages_pass_axe() {
    gate("admin", Window::Desktop, false).await;
}

#[tokio::test]
async fn the_local_offices_pages_pass_axe() {
    gate("local_office", Window::Desktop, false).await;
}

#[tokio::test]
async fn the_it_centres_pages_pass_axe() {
    gate("it_centre", Window::Desktop, false).await;
}

#[tokio::test]
async fn the_communication_centres_pages_pass_axe() {
    gate("communication_centre", Window::Desktop, false).await;
}
