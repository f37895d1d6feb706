//! Query strings: the article list's filters, sort and page, written the same way in the
//! app's own URL (`/articles?stage=draft&page=2`) and in the API call.

use portal_contract::{Kind, Stage, Topic, DEFAULT_PER_PAGE, MAX_PER_PAGE};

/// Page sizes the list offers.
pub const PER_PAGE_CHOICES: [u32; 3] = [20, 50, 100];

/// A sortable column of the article list (the contract's sort keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    UpdatedAt,
    CreatedAt,
    Title,
    Stage,
    PublishedAt,
}

impl SortKey {
    pub const ALL: [SortKey; 5] = [
        SortKey::UpdatedAt,
        SortKey::CreatedAt,
        SortKey::Title,
        SortKey::Stage,
        SortKey::PublishedAt,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::UpdatedAt => "updated_at",
            SortKey::CreatedAt => "created_at",
            SortKey::Title => "title",
            SortKey::Stage => "stage",
            SortKey::PublishedAt => "published_at",
        }
    }

    pub fn parse(s: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Dates read best newest first; text and stages A→Z.
    pub fn first_direction_desc(self) -> bool {
        matches!(
            self,
            SortKey::UpdatedAt | SortKey::CreatedAt | SortKey::PublishedAt
        )
    }
}

/// A sort order: key and direction (`-key` on the wire means descending).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub key: SortKey,
    pub desc: bool,
}

impl Default for Sort {
    fn default() -> Self {
        Sort {
            key: SortKey::UpdatedAt,
            desc: true,
        }
    }
}

impl Sort {
    pub fn parse(s: &str) -> Option<Sort> {
        let (desc, key) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        SortKey::parse(key).map(|key| Sort { key, desc })
    }

    pub fn to_wire(self) -> String {
        if self.desc {
            format!("-{}", self.key.as_str())
        } else {
            self.key.as_str().to_string()
        }
    }

    /// The order after clicking the header of `key`: flips the direction of the current
    /// column, or starts another column in its natural direction.
    pub fn toggled(self, key: SortKey) -> Sort {
        if self.key == key {
            Sort {
                key,
                desc: !self.desc,
            }
        } else {
            Sort {
                key,
                desc: key.first_direction_desc(),
            }
        }
    }
}

/// What the article list shows: filters, search words, sort and page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleQuery {
    pub page: u32,
    pub per_page: u32,
    pub sort: Sort,
    pub stage: Option<Stage>,
    pub kind: Option<Kind>,
    pub topic: Option<Topic>,
    pub q: String,
}

impl Default for ArticleQuery {
    fn default() -> Self {
        ArticleQuery {
            page: 1,
            per_page: DEFAULT_PER_PAGE,
            sort: Sort::default(),
            stage: None,
            kind: None,
            topic: None,
            q: String::new(),
        }
    }
}

/// A list page's `page` parameter: a whole number from 1, else page 1.
pub fn page_param(raw: Option<&str>) -> u32 {
    raw.and_then(|p| p.parse::<u32>().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1)
}

impl ArticleQuery {
    /// Reads the app's URL query (`get` returns a decoded parameter). Anything malformed or
    /// unknown falls back to the default, so a hand-edited link still opens a sensible list.
    pub fn from_url(get: impl Fn(&str) -> Option<String>) -> ArticleQuery {
        let d = ArticleQuery::default();
        let page = get("page")
            .and_then(|v| v.trim().parse::<u32>().ok())
            .filter(|p| *p >= 1)
            .unwrap_or(d.page);
        let per_page = get("per_page")
            .and_then(|v| v.trim().parse::<u32>().ok())
            .filter(|n| PER_PAGE_CHOICES.contains(n))
            .unwrap_or(d.per_page);
        ArticleQuery {
            page,
            per_page,
            sort: get("sort").and_then(|s| Sort::parse(&s)).unwrap_or(d.sort),
            stage: get("stage").and_then(|s| Stage::parse(&s)),
            kind: get("kind").and_then(|s| Kind::parse(&s)),
            topic: get("topic").and_then(|s| Topic::parse(&s)),
            q: get("q").map(|q| q.trim().to_string()).unwrap_or_default(),
        }
    }

    /// The app's URL query, `?`-prefixed, with defaults left out (short links to share);
    /// empty when everything is default.
    pub fn to_url_query(&self) -> String {
        let d = ArticleQuery::default();
        let mut pairs: Vec<(&'static str, String)> = Vec::new();
        self.push_filters(&mut pairs);
        if self.sort != d.sort {
            pairs.push(("sort", self.sort.to_wire()));
        }
        if self.per_page != d.per_page {
            pairs.push(("per_page", self.per_page.to_string()));
        }
        if self.page != d.page {
            pairs.push(("page", self.page.to_string()));
        }
        encode_pairs(&pairs)
    }

    /// The API's parameters, with page, size and sort always explicit.
    pub fn api_params(&self) -> Vec<(&'static str, String)> {
        let mut pairs = vec![
            ("page", self.page.max(1).to_string()),
            ("per_page", self.per_page.clamp(1, MAX_PER_PAGE).to_string()),
            ("sort", self.sort.to_wire()),
        ];
        self.push_filters(&mut pairs);
        pairs
    }

    /// The API's query string, `?`-prefixed (what [`Self::api_params`] encodes to).
    pub fn to_api_query(&self) -> String {
        encode_pairs(&self.api_params())
    }

    fn push_filters(&self, pairs: &mut Vec<(&'static str, String)>) {
        if let Some(s) = self.stage {
            pairs.push(("stage", s.as_str().to_string()));
        }
        if let Some(k) = self.kind {
            pairs.push(("kind", k.as_str().to_string()));
        }
        if let Some(t) = self.topic {
            pairs.push(("topic", t.as_str().to_string()));
        }
        let q = self.q.trim();
        if !q.is_empty() {
            pairs.push(("q", q.to_string()));
        }
    }

    /// Whether any filter or search narrows the list.
    pub fn is_filtered(&self) -> bool {
        self.stage.is_some()
            || self.kind.is_some()
            || self.topic.is_some()
            || !self.q.trim().is_empty()
    }

    /// The same view without filters or search (sort and page size kept), back on page 1.
    pub fn cleared(&self) -> ArticleQuery {
        ArticleQuery {
            page: 1,
            per_page: self.per_page,
            sort: self.sort,
            ..ArticleQuery::default()
        }
    }
}

/// `?a=1&b=2`, each value percent-encoded; empty for no pairs.
pub fn encode_pairs(pairs: &[(&str, String)]) -> String {
    if pairs.is_empty() {
        return String::new();
    }
    let joined = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
        .collect::<Vec<_>>()
        .join("&");
    format!("?{joined}")
}

/// Percent-encodes everything but RFC 3986 unreserved characters (UTF-8 bytes for Vietnamese).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
pub mod tests {
    use super::*;

    #[test]
    fn a_page_parameter_is_a_whole_number_from_one() {
        assert_eq!(page_param(Some("3")), 3);
        for bad in [
            None,
            Some(""),
            Some("0"),
            Some("-2"),
            Some("x"),
            Some("1.5"),
        ] {
            assert_eq!(page_param(bad), 1, "{bad:?}");
        }
    }
    use std::collections::HashMap;

    fn parse(query: &[(&str, &str)]) -> ArticleQuery {
        let map: HashMap<String, String> = query
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        ArticleQuery::from_url(|k| map.get(k).cloned())
    }

    #[test]
    fn default_query_has_an_empty_url_and_an_explicit_api_call() {
        let q = ArticleQuery::default();
        assert_eq!(q.to_url_query(), "");
        assert_eq!(q.to_api_query(), "?page=1&per_page=20&sort=-updated_at");
        assert!(!q.is_filtered());
    }

    #[test]
    fn filters_sort_and_page_round_trip_through_the_url() {
        let q = ArticleQuery {
            page: 3,
            per_page: 50,
            sort: Sort {
                key: SortKey::Title,
                desc: false,
            },
            stage: Some(Stage::PendingApproval),
            kind: Some(Kind::InDepth),
            topic: Some(Topic::FraudWarning),
            q: "bảo hiểm & y tế".into(),
        };
        let url = q.to_url_query();
        assert_eq!(
            url,
            "?stage=pending_approval&kind=in_depth&topic=fraud_warning\
             &q=b%E1%BA%A3o%20hi%E1%BB%83m%20%26%20y%20t%E1%BA%BF&sort=title&per_page=50&page=3"
        );
        let pairs: Vec<(String, String)> = url[1..]
            .split('&')
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap();
                (k.to_string(), percent_decode(v))
            })
            .collect();
        let back = ArticleQuery::from_url(|k| {
            pairs.iter().find(|(pk, _)| pk == k).map(|(_, v)| v.clone())
        });
        assert_eq!(back, q);
        assert!(back.is_filtered());
    }

    #[test]
    fn malformed_url_values_fall_back_to_defaults() {
        let q = parse(&[
            ("page", "0"),
            ("per_page", "7"),
            ("sort", "-password"),
            ("stage", "deleted"),
            ("kind", "<script>"),
            ("topic", ""),
            ("q", "   "),
        ]);
        assert_eq!(q, ArticleQuery::default());
        let q = parse(&[("page", "-2"), ("per_page", "100000")]);
        assert_eq!((q.page, q.per_page), (1, 20));
    }

    #[test]
    fn api_query_clamps_page_size_to_the_contract_limit() {
        let q = ArticleQuery {
            per_page: 5000,
            stage: Some(Stage::Draft),
            ..ArticleQuery::default()
        };
        assert_eq!(
            q.to_api_query(),
            "?page=1&per_page=200&sort=-updated_at&stage=draft"
        );
    }

    #[test]
    fn clearing_keeps_sort_and_page_size() {
        let q = parse(&[
            ("stage", "draft"),
            ("q", "tết"),
            ("page", "4"),
            ("per_page", "100"),
            ("sort", "title"),
        ]);
        let c = q.cleared();
        assert!(!c.is_filtered());
        assert_eq!(c.page, 1);
        assert_eq!(c.per_page, 100);
        assert_eq!(c.sort.key, SortKey::Title);
    }

    #[test]
    fn sort_toggles_direction_or_starts_a_column_naturally() {
        let s = Sort::default();
        assert_eq!(s.to_wire(), "-updated_at");
        let by_title = s.toggled(SortKey::Title);
        assert_eq!(by_title.to_wire(), "title");
        assert_eq!(by_title.toggled(SortKey::Title).to_wire(), "-title");
        assert_eq!(
            by_title.toggled(SortKey::PublishedAt).to_wire(),
            "-published_at"
        );
        assert_eq!(
            Sort::parse("-stage").map(|s| s.to_wire()),
            Some("-stage".into())
        );
        assert_eq!(Sort::parse("--stage"), None);
    }

    #[test]
    fn encoding_leaves_only_unreserved_characters() {
        assert_eq!(encode_component("a-b_c.d~e"), "a-b_c.d~e");
        assert_eq!(encode_component("/?#&= +"), "%2F%3F%23%26%3D%20%2B");
        assert_eq!(encode_component("đ"), "%C4%91");
    }

    /// What [`encode_component`] encoded, back (the workflow board's URL tests use it too).
    pub fn percent_decode(s: &str) -> String {
        let bytes = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }
}
