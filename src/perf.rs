//! User Timing marks and measures that the benchmarks read with
//! `performance.getEntriesByName(...)` (`board:first-render`, `stats:chart-render` …).

fn performance() -> Option<web_sys::Performance> {
    web_sys::window()?.performance()
}

/// `performance.mark(name)`; nothing when the browser has no Performance API.
pub fn mark(name: &str) {
    if let Some(p) = performance() {
        let _ = p.mark(name);
    }
}

/// `performance.measure(name, start)`: from the newest mark `start` to now.
pub fn measure(name: &str, start: &str) {
    if let Some(p) = performance() {
        let _ = p.measure_with_start_mark(name, start);
    }
}
