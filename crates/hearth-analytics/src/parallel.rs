//! Data parallelism behind one seam. With the `parallel` feature (the native CLI and benchmarks)
//! work runs on rayon's thread pool; without it (the wasm app, which has no threads) the same
//! chunks run one after another. Chunk boundaries depend on neither the feature nor the thread
//! count and results come back in chunk order, so both ways compute identical bits.

use std::ops::Range;

/// Items per chunk for uniform per-item work such as distances of points: big enough that
/// scheduling costs nothing, small enough to keep both cores busy to the end.
pub(crate) const CHUNK: usize = 16_384;

/// `work(first_index, chunk)` on consecutive `chunk_len`-item chunks of `items`, results in order.
pub(crate) fn map_chunks_mut<T, R, F>(items: &mut [T], chunk_len: usize, work: F) -> Vec<R>
where
    T: Send,
    R: Send,
    F: Fn(usize, &mut [T]) -> R + Sync,
{
    let chunk_len = chunk_len.max(1);
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        items
            .par_chunks_mut(chunk_len)
            .enumerate()
            .map(|(c, chunk)| work(c * chunk_len, chunk))
            .collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        items
            .chunks_mut(chunk_len)
            .enumerate()
            .map(|(c, chunk)| work(c * chunk_len, chunk))
            .collect()
    }
}

/// `work(range)` on consecutive `chunk_len`-long ranges covering `0..n`, results in order.
pub(crate) fn map_ranges<R, F>(n: usize, chunk_len: usize, work: F) -> Vec<R>
where
    R: Send,
    F: Fn(Range<usize>) -> R + Sync,
{
    let chunk_len = chunk_len.max(1);
    let range_of = |c: usize| c * chunk_len..((c + 1) * chunk_len).min(n);
    let chunks = n.div_ceil(chunk_len);
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        (0..chunks)
            .into_par_iter()
            .map(|c| work(range_of(c)))
            .collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        (0..chunks).map(|c| work(range_of(c))).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_every_item_once_in_order() {
        let mut items: Vec<usize> = vec![0; 10];
        let starts = map_chunks_mut(&mut items, 4, |start, chunk| {
            chunk
                .iter_mut()
                .enumerate()
                .for_each(|(i, v)| *v = start + i);
            start
        });
        assert_eq!(starts, vec![0, 4, 8]);
        assert_eq!(items, (0..10).collect::<Vec<_>>());
        assert_eq!(map_ranges(10, 4, |r| r), vec![0..4, 4..8, 8..10]);
        assert!(map_ranges(0, 4, |r| r).is_empty());
    }
}
