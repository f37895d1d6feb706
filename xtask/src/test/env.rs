//! The inherited environment of `cargo xtask test`: variables that would change what runs are
//! cleared (the suite sets each one it needs itself) or refused (they change what is compiled).

/// Cleared: the server's options and the tests' targets (`PORTAL_*`: `PORTAL_TEST_POSTGRES`
/// would move the SQLite API suite to PostgreSQL, `PORTAL_TRUST_PROXY` change the server under
/// test), the wasm test runner's mode and browser (`WASM_BINDGEN_TEST_ONLY_NODE`,
/// `WASM_BINDGEN_USE_*`, its timeout), a WebDriver other than ChromeDriver, an interactive
/// browser, trunk's and schemathesis' settings and a replaced wasm runner.
const CLEARED_PREFIXES: &[&str] = &[
    "PORTAL_",
    "TRUNK_",
    "WASM_BINDGEN_",
    "SCHEMATHESIS_",
    "GECKODRIVER",
    "SAFARIDRIVER",
    "MSEDGEDRIVER",
    "CHROMEDRIVER_",
];
const CLEARED: &[&str] = &[
    "NO_HEADLESS",
    "CHROMEDRIVER",
    "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
];

/// Refused: compiler flags replace `.cargo/config.toml`'s (the SPA would be checked and built
/// without `--cfg erase_components`), and another build target would test other code. Silently
/// dropping them could break a machine that needs them (a linker flag), so the user decides.
const REFUSED: &[&str] = &[
    "RUSTFLAGS",
    "CARGO_ENCODED_RUSTFLAGS",
    "CARGO_BUILD_RUSTFLAGS",
    "CARGO_BUILD_TARGET",
];

fn is_cleared(name: &str) -> bool {
    CLEARED.contains(&name) || CLEARED_PREFIXES.iter().any(|p| name.starts_with(p))
}

fn is_refused(name: &str) -> bool {
    REFUSED.contains(&name) || (name.starts_with("CARGO_TARGET_") && name.ends_with("_RUSTFLAGS"))
}

/// Splits the names of `vars` into (to clear, refused).
fn sort_out<'a>(vars: impl Iterator<Item = &'a str>) -> (Vec<&'a str>, Vec<&'a str>) {
    let mut cleared = Vec::new();
    let mut refused = Vec::new();
    for name in vars {
        if is_refused(name) {
            refused.push(name);
        } else if is_cleared(name) {
            cleared.push(name);
        }
    }
    cleared.sort_unstable();
    refused.sort_unstable();
    (cleared, refused)
}

/// Clears the variables of [`CLEARED`] (saying which) and refuses to start under those of
/// [`REFUSED`]. Runs before any thread or child starts.
pub fn sanitize() -> Result<(), String> {
    let names: Vec<String> = std::env::vars_os()
        .filter_map(|(k, _)| k.into_string().ok())
        .collect();
    let (cleared, refused) = sort_out(names.iter().map(String::as_str));
    if !refused.is_empty() {
        return Err(format!(
            "{} set: it changes what the suite compiles. Unset it (put per-project flags in \
             .cargo/config.toml) and run again",
            refused.join(", ")
        ));
    }
    for name in &cleared {
        std::env::remove_var(name);
    }
    if !cleared.is_empty() {
        eprintln!(
            "── ignoring inherited {} (the suite sets what it needs)",
            cleared.join(", ")
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::sort_out;

    #[test]
    fn variables_that_change_what_runs_are_cleared_or_refused() {
        let vars = [
            "PATH",
            "HOME",
            "PORTAL_TEST_POSTGRES",
            "WASM_BINDGEN_TEST_ONLY_NODE",
            "PORTAL_E2E_BASE_URL",
            "RUSTFLAGS",
            "CARGO_TARGET_DIR",
            "GECKODRIVER",
            "CHROMEDRIVER",
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
            "RUST_LOG",
            "TRUNK_BUILD_PUBLIC_URL",
        ];
        let (cleared, refused) = sort_out(vars.into_iter());
        assert_eq!(
            cleared,
            [
                "CHROMEDRIVER",
                "GECKODRIVER",
                "PORTAL_E2E_BASE_URL",
                "PORTAL_TEST_POSTGRES",
                "TRUNK_BUILD_PUBLIC_URL",
                "WASM_BINDGEN_TEST_ONLY_NODE"
            ]
        );
        assert_eq!(
            refused,
            ["CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS", "RUSTFLAGS"]
        );
    }
}
