//! How text is matched, the same on both engines: folded for the search index, escaped for LIKE.

use portal_contract::format::fold_vi;

/// Folds text for search and collapses whitespace, so "Bảo  hiểm\nxã" is "bao hiem xa".
pub fn fold_for_search(s: &str) -> String {
    fold_vi(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn like_pattern(word: &str) -> String {
    let mut p = String::with_capacity(word.len() + 2);
    p.push('%');
    for c in word.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_folding_and_like_escaping() {
        assert_eq!(fold_for_search("Bảo  hiểm\nXÃ hội"), "bao hiem xa hoi");
        assert_eq!(like_pattern("50%_a\\"), "%50\\%\\_a\\\\%");
    }
}
