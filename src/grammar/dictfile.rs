//! What the learned dictionaries (labels, moves, tags by context) share: the rule that settles
//! a context, and their file form, a count and then fixed-size records.

/// The answer that settles a context, given how often each answer was seen in it: the most
/// frequent (the lowest on ties), when the context was seen at least `min_seen` times and that
/// answer makes at least `min_share` thousandths of them.
pub fn settled<A: Copy + Ord>(
    by: impl Iterator<Item = (A, u32)>,
    min_seen: u32,
    min_share: u32,
) -> Option<A> {
    let (mut seen, mut best) = (0u32, None::<(A, u32)>);
    for (a, v) in by {
        seen += v;
        if best.is_none_or(|(b, t)| v > t || v == t && a < b) {
            best = Some((a, v));
        }
    }
    let (a, top) = best?;
    (seen >= min_seen && top as u64 * 1000 >= min_share as u64 * seen as u64).then_some(a)
}

/// The records of a dictionary's file form, `size` bytes each, after the count; `what` names
/// the dictionary in the error.
pub fn records<'a>(
    b: &'a [u8],
    size: usize,
    what: &str,
) -> Result<std::slice::ChunksExact<'a, u8>, String> {
    let bad = || format!("grammar model {what} is malformed");
    let n = u64::from_le_bytes(b.get(..8).ok_or_else(bad)?.try_into().map_err(|_| bad())?);
    let body = &b[8..];
    if body.len() as u64 != n * size as u64 {
        return Err(bad());
    }
    Ok(body.chunks_exact(size))
}
