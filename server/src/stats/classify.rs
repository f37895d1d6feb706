//! What a beacon says about its visit, reduced to the few coarse facts the statistics keep:
//! the page path, the referring host and its kind, the device class and the browser family.
//! Nothing here keeps the IP address or the full user agent.

use portal_contract::stats::MAX_BEACON_TEXT;

/// The page path without query or fragment: queries can carry personal data (`?email=`) and
/// would split one page into thousands. `None` unless it is a site path (`/…`).
pub fn page_path(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if !raw.starts_with('/') || raw.starts_with("//") || raw.chars().count() > MAX_BEACON_TEXT {
        return None;
    }
    if raw.chars().any(char::is_control) {
        return None;
    }
    let end = raw.find(['?', '#']).unwrap_or(raw.len());
    Some(raw[..end].to_string())
}

/// The host of an absolute http(s) URL, lower-cased, without `www.` or port. `None` for
/// anything else (a malformed referrer is simply no referrer).
pub fn url_host(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = host
        .split(':')
        .next()?
        .trim_end_matches('.')
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    let valid = !host.is_empty()
        && host.len() <= 253
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
    valid.then_some(host)
}

/// The referring site of a pageview: the referrer's host unless it is the portal itself.
pub fn external_referrer(referrer: Option<&str>, page_host: Option<&str>) -> Option<String> {
    let host = url_host(referrer?.trim())?;
    let own = page_host
        .map(|h| h.trim().trim_end_matches('.').to_ascii_lowercase())
        .map(|h| h.strip_prefix("www.").unwrap_or(&h).to_string());
    (own.as_deref() != Some(host.as_str())).then_some(host)
}

fn host_is(host: &str, domain: &str) -> bool {
    host == domain || host.ends_with(&format!(".{domain}"))
}

/// Kinds of source, as stored (`stats_dims.key` of the `sources` dimension).
pub const SOURCES: [(&str, &str); 5] = [
    ("search", "Công cụ tìm kiếm"),
    ("social", "Mạng xã hội"),
    ("government", "Cổng thông tin cơ quan nhà nước"),
    ("referral", "Trang web khác"),
    ("direct", "Truy cập trực tiếp"),
];

/// The kind of source of a visit that came from `referrer` (a host, `None` when direct).
pub fn source_kind(referrer: Option<&str>) -> &'static str {
    let Some(host) = referrer else {
        return "direct";
    };
    const SEARCH: [&str; 8] = [
        "google.com",
        "google.com.vn",
        "bing.com",
        "coccoc.com",
        "yahoo.com",
        "duckduckgo.com",
        "yandex.ru",
        "baidu.com",
    ];
    const SOCIAL: [&str; 10] = [
        "facebook.com",
        "fb.com",
        "zalo.me",
        "zaloapp.com",
        "youtube.com",
        "tiktok.com",
        "x.com",
        "twitter.com",
        "linkedin.com",
        "t.co",
    ];
    if SEARCH.iter().any(|d| host_is(host, d)) || host.starts_with("google.") {
        "search"
    } else if SOCIAL.iter().any(|d| host_is(host, d)) || host_is(host, "l.facebook.com") {
        "social"
    } else if host.ends_with(".gov.vn") || host == "gov.vn" {
        "government"
    } else {
        "referral"
    }
}

/// Device classes, as stored, with their labels.
pub const DEVICES: [(&str, &str); 3] = [
    ("mobile", "Điện thoại"),
    ("tablet", "Máy tính bảng"),
    ("desktop", "Máy tính"),
];

/// The device class from the screen width (CSS pixels), else from the user agent.
pub fn device(width: Option<u32>, user_agent: &str) -> &'static str {
    match width {
        Some(w) if w > 0 && w < 768 => "mobile",
        Some(w) if (768..1024).contains(&w) => "tablet",
        Some(w) if w >= 1024 => "desktop",
        _ => {
            let ua = user_agent.to_ascii_lowercase();
            if ua.contains("ipad") || ua.contains("tablet") {
                "tablet"
            } else if ua.contains("mobi") || ua.contains("android") {
                "mobile"
            } else {
                "desktop"
            }
        }
    }
}

/// The browser family. Order matters: Cốc Cốc, Edge, Opera and the in-app browsers all say
/// "Chrome" too, and Chrome says "Safari".
pub fn browser(user_agent: &str) -> &'static str {
    let ua = user_agent.to_ascii_lowercase();
    let has = |s: &str| ua.contains(s);
    if has("coc_coc_browser") {
        "Cốc Cốc"
    } else if has("zalo") {
        "Zalo"
    } else if has("fban") || has("fbav") || has("fb_iab") {
        "Facebook"
    } else if has("edg/") || has("edge/") || has("edga/") || has("edgios/") {
        "Edge"
    } else if has("opr/") || has("opera") {
        "Opera"
    } else if has("samsungbrowser") {
        "Samsung Internet"
    } else if has("firefox/") || has("fxios/") {
        "Firefox"
    } else if has("chrome/") || has("crios/") || has("chromium/") {
        "Chrome"
    } else if has("safari/") && (has("version/") || has("mobile/")) {
        "Safari"
    } else if has("trident/") || has("msie ") {
        "Internet Explorer"
    } else {
        "Khác"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_lose_query_and_fragment_and_must_be_site_paths() {
        assert_eq!(
            page_path("/tin-tuc/a?email=x@y.vn#top").as_deref(),
            Some("/tin-tuc/a")
        );
        assert_eq!(page_path("/").as_deref(), Some("/"));
        assert_eq!(page_path("https://evil.example/"), None);
        assert_eq!(page_path("//evil.example/"), None);
        assert_eq!(page_path("/a\u{0}b"), None);
        assert_eq!(page_path(&format!("/{}", "a".repeat(600))), None);
        assert_eq!(page_path("/bảo-hiểm").as_deref(), Some("/bảo-hiểm"));
    }

    #[test]
    fn referrer_host_is_external_only() {
        assert_eq!(
            external_referrer(
                Some("https://www.google.com.vn/search?q=bhxh"),
                Some("bhxh.vn")
            ),
            Some("google.com.vn".to_string())
        );
        assert_eq!(
            external_referrer(Some("https://bhxh.vn/a"), Some("www.bhxh.vn")),
            None
        );
        assert_eq!(external_referrer(Some("javascript:alert(1)"), None), None);
        assert_eq!(
            external_referrer(Some("https://user:pw@Zalo.ME:443/x"), None),
            Some("zalo.me".into())
        );
        assert_eq!(external_referrer(Some("https://<script>/"), None), None);
        assert_eq!(external_referrer(None, Some("bhxh.vn")), None);
    }

    #[test]
    fn sources_by_kind() {
        assert_eq!(source_kind(None), "direct");
        assert_eq!(source_kind(Some("google.com.vn")), "search");
        assert_eq!(source_kind(Some("coccoc.com")), "search");
        assert_eq!(source_kind(Some("m.facebook.com")), "social");
        assert_eq!(source_kind(Some("zalo.me")), "social");
        assert_eq!(source_kind(Some("baohiemxahoi.gov.vn")), "government");
        assert_eq!(source_kind(Some("vnexpress.net")), "referral");
        assert_eq!(source_kind(Some("notgoogle.com")), "referral");
    }

    #[test]
    fn browsers_and_devices() {
        let coccoc = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) coc_coc_browser/117.0.236 Chrome/111.0.0.0 Safari/537.36";
        assert_eq!(browser(coccoc), "Cốc Cốc");
        let edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91";
        assert_eq!(browser(edge), "Edge");
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";
        assert_eq!(browser(iphone), "Safari");
        assert_eq!(device(None, iphone), "mobile");
        assert_eq!(device(Some(1366), iphone), "desktop");
        assert_eq!(device(Some(800), ""), "tablet");
        let zalo = "Mozilla/5.0 (Linux; Android 13; SM-A536E) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 Zalo android/12100621 ZaloTheme/light";
        assert_eq!(browser(zalo), "Zalo");
        assert_eq!(
            browser("Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"),
            "Firefox"
        );
        assert_eq!(browser("curl/8.0"), "Khác");
    }
}
