//! How values are stored as text, the same on both engines, and the paging arithmetic.

use super::error::{corrupt, StoreError, StoreResult};
use chrono::{DateTime, Utc};
use portal_contract::Page;

/// UTC text with a fixed number of fraction digits, so that text order is time order.
pub fn ts(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

pub fn parse_ts(s: &str, column: &str) -> StoreResult<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|_| corrupt(column))
}

pub fn parse_opt_ts(s: Option<&str>, column: &str) -> StoreResult<Option<DateTime<Utc>>> {
    s.map(|s| parse_ts(s, column)).transpose()
}

pub fn to_json<T: serde::Serialize>(v: &T) -> StoreResult<String> {
    serde_json::to_string(v).map_err(|e| StoreError::Internal(e.to_string()))
}

pub fn from_json<T: serde::de::DeserializeOwned>(s: &str, column: &str) -> StoreResult<T> {
    serde_json::from_str(s).map_err(|_| corrupt(column))
}

/// Rows to skip before `page` (1-based).
pub fn offset(page: u32, per_page: u32) -> i64 {
    i64::from(page.saturating_sub(1)) * i64::from(per_page)
}

/// A page of `items` out of `total` (a COUNT, never negative in practice).
pub fn page_of<T>(items: Vec<T>, total: i64, page: u32, per_page: u32) -> Page<T> {
    Page {
        items,
        total: total.max(0) as u64,
        page,
        per_page,
    }
}

/// A page of `rows`, each decoded by `decode`, out of `total`.
pub fn decoded_page<R, T>(
    rows: Vec<R>,
    decode: impl FnMut(R) -> StoreResult<T>,
    total: i64,
    page: u32,
    per_page: u32,
) -> StoreResult<Page<T>> {
    let items = rows.into_iter().map(decode).collect::<StoreResult<_>>()?;
    Ok(page_of(items, total, page, per_page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_sort_as_text() {
        use chrono::TimeZone;
        let a = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        let b = a + chrono::Duration::microseconds(1);
        assert!(ts(a) < ts(b));
        assert_eq!(ts(a), "2026-01-02T03:04:05.000000Z");
        assert_eq!(parse_ts(&ts(b), "x").unwrap(), b);
    }
}
