//! Word-level differences between two texts (the history tab's "compare versions" and the
//! conflict view). Tokens are words and the whitespace between them, so a diff re-joins to
//! either side exactly.

/// One piece of a diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Same(String),
    Added(String),
    Removed(String),
}

fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev_space: Option<bool> = None;
    for (i, c) in s.char_indices() {
        let space = c.is_whitespace();
        if let Some(p) = prev_space {
            if p != space {
                out.push(&s[start..i]);
                start = i;
            }
        }
        prev_space = Some(space);
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// Largest table the longest-common-subsequence step fills; beyond it the changed middle is
/// shown as one removal and one addition (still exact, only coarser).
const MAX_CELLS: usize = 4_000_000;

/// The changes that turn `old` into `new`, word by word.
pub fn diff_words(old: &str, new: &str) -> Vec<Change> {
    let a = tokens(old);
    let b = tokens(new);
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut out = Vec::new();
    push(&mut out, Change::Same(a[..prefix].concat()));
    if am.len().saturating_mul(bm.len()) > MAX_CELLS {
        push(&mut out, Change::Removed(am.concat()));
        push(&mut out, Change::Added(bm.concat()));
    } else {
        // lcs[i][j]: length of the LCS of am[i..] and bm[j..].
        let (n, m) = (am.len(), bm.len());
        let mut lcs = vec![0u32; (n + 1) * (m + 1)];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i * (m + 1) + j] = if am[i] == bm[j] {
                    lcs[(i + 1) * (m + 1) + j + 1] + 1
                } else {
                    lcs[(i + 1) * (m + 1) + j].max(lcs[i * (m + 1) + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && am[i] == bm[j] {
                push(&mut out, Change::Same(am[i].to_string()));
                i += 1;
                j += 1;
            } else if i < n && (j == m || lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]) {
                push(&mut out, Change::Removed(am[i].to_string()));
                i += 1;
            } else {
                push(&mut out, Change::Added(bm[j].to_string()));
                j += 1;
            }
        }
    }
    push(&mut out, Change::Same(a[a.len() - suffix..].concat()));
    out
}

/// Appends, merging with the previous piece of the same kind; empty pieces are dropped.
fn push(out: &mut Vec<Change>, c: Change) {
    let text_empty = match &c {
        Change::Same(t) | Change::Added(t) | Change::Removed(t) => t.is_empty(),
    };
    if text_empty {
        return;
    }
    match (out.last_mut(), c) {
        (Some(Change::Same(l)), Change::Same(t))
        | (Some(Change::Added(l)), Change::Added(t))
        | (Some(Change::Removed(l)), Change::Removed(t)) => l.push_str(&t),
        (_, c) => out.push(c),
    }
}

/// The old text a diff was made from.
pub fn old_side(d: &[Change]) -> String {
    d.iter()
        .filter_map(|c| match c {
            Change::Same(t) | Change::Removed(t) => Some(t.as_str()),
            Change::Added(_) => None,
        })
        .collect()
}

/// The new text a diff was made from.
pub fn new_side(d: &[Change]) -> String {
    d.iter()
        .filter_map(|c| match c {
            Change::Same(t) | Change::Added(t) => Some(t.as_str()),
            Change::Removed(_) => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_marks_changed_words() {
        let d = diff_words("Mức đóng BHXH năm 2025", "Mức đóng BHYT năm 2026 mới");
        assert_eq!(
            d,
            vec![
                Change::Same("Mức đóng ".into()),
                Change::Removed("BHXH".into()),
                Change::Added("BHYT".into()),
                Change::Same(" năm ".into()),
                Change::Removed("2025".into()),
                Change::Added("2026 mới".into()),
            ]
        );
    }

    #[test]
    fn both_sides_rejoin_exactly() {
        let cases = [
            ("", "a b"),
            ("a b", ""),
            ("🎉 <b> مرحبا\n\nx", "🎉 <i> مرحبا\nx y"),
            ("same", "same"),
        ];
        for (a, b) in cases {
            let d = diff_words(a, b);
            assert_eq!(old_side(&d), a);
            assert_eq!(new_side(&d), b);
        }
    }

    #[test]
    fn huge_inputs_stay_exact() {
        let a = (0..3_000).map(|i| format!("w{i} ")).collect::<String>();
        let b = (0..3_000).map(|i| format!("v{i} ")).collect::<String>();
        let d = diff_words(&a, &b);
        assert_eq!(old_side(&d), a);
        assert_eq!(new_side(&d), b);
    }
}
