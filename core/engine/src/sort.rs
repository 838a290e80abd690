//! One stable sort for the whole engine. `slice::sort_by` is compiled anew for every element type
//! and comparator (some 4 KB of WASM each, 16 of them in the scorer module); here the slice sort
//! is compiled once, over positions with a comparator behind `dyn`, and each caller's vector is
//! then put in that order. Sorting is never on the hot path of scoring (a bucket's sheet scores
//! use `sort_unstable` on integers), so a call through a pointer per comparison costs nothing
//! that shows.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp` (equal elements keep their order).
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.windows(2)
        .all(|w| matches!(w, [a, b] if cmp(a, b) != Ordering::Greater))
    {
        return;
    }
    let order = {
        let items: &[T] = v;
        let mut by_position = |a: usize, b: usize| match (items.get(a), items.get(b)) {
            (Some(x), Some(y)) => cmp(x, y),
            _ => a.cmp(&b),
        };
        positions(items.len(), &mut by_position)
    };
    // Where each element goes; then each cycle of that permutation, by swaps.
    let mut dest = vec![0usize; order.len()];
    for (k, &i) in order.iter().enumerate() {
        if let Some(d) = dest.get_mut(i) {
            *d = k;
        }
    }
    for i in 0..dest.len() {
        while let Some(&j) = dest.get(i).filter(|&&j| j != i && j < v.len()) {
            v.swap(i, j);
            dest.swap(i, j);
        }
    }
}

/// The positions `0..n` in the order `cmp` gives them (stable).
fn positions(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

#[cfg(test)]
mod tests {
    #[test]
    fn sorts_stably() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        super::sort_by(&mut v, |x, y| x.0.cmp(&y.0));
        assert_eq!(v, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut w: Vec<u8> = (0..100).rev().collect();
        super::sort_by(&mut w, |x, y| x.cmp(y));
        assert_eq!(w, (0..100).collect::<Vec<u8>>());
    }
}
