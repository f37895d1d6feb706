//! A small sort for short lists.

/// Stable insertion sort by key, for the short lists of the pages (stages, moves, versions
/// that come nearly sorted). Each `sort_by_key` of the standard library compiles a whole
/// driftsort (≈ 3.5 KB of wasm) per element type; this is a few hundred bytes. Quadratic:
/// not for the board's cards.
pub(crate) fn sort_small_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && key(&v[j - 1]) > key(&v[j]) {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}
