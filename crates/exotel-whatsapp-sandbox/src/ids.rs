//! Ids that look like Exotel's and repeat from one run to the next under the same seed.
//!
//! splitmix64 mixes the seed with the request's number (and the message's index), so an id
//! depends on nothing else: not on the standard library's hasher, which may change between Rust
//! releases, nor on the time.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher as _;

/// The request id: 32 lowercase hex digits, as in Exotel's example
/// (`b434e927a5844175b23059cd96feea3d`).
pub(crate) fn request_id(seed: u64, request: u64) -> String {
    let [high, low] = mix(seed, &[request, u64::MAX]);
    format!("{high:016x}{low:016x}")
}

/// A message's sid: 31 letters and digits, as in Exotel's example
/// (`2FdiiEQUosckPhpZfuVwfjxiSlc16a4`).
pub(crate) fn sid(seed: u64, request: u64, index: usize) -> String {
    const ALPHABET: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let index = u64::try_from(index).unwrap_or(u64::MAX);
    let [mut state, _] = mix(seed, &[request, index]);
    (0..31)
        .map(|_| {
            // One splitmix64 step per character; `% 62` favours some digits by less than 2^-58.
            state = splitmix64(state);
            let digit = usize::try_from(state % 62).unwrap_or(0);
            char::from(ALPHABET[digit])
        })
        .collect()
}

/// A seed for a run without `--seed`: different every time.
pub(crate) fn random_seed() -> u64 {
    RandomState::new().hash_one(std::time::SystemTime::now())
}

/// Two 64-bit words from the seed and the parts, through splitmix64.
fn mix(seed: u64, parts: &[u64]) -> [u64; 2] {
    let mut state = seed;
    for part in parts {
        state = splitmix64(state ^ splitmix64(*part));
    }
    [splitmix64(state), splitmix64(state ^ 0x9e37_79b9_7f4a_7c15)]
}

/// Sebastiano Vigna's splitmix64 finaliser.
fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_ids_other_seed_other_ids() {
        assert_eq!(request_id(7, 1), request_id(7, 1));
        assert_eq!(sid(7, 1, 0), sid(7, 1, 0));
        assert_ne!(request_id(7, 1), request_id(8, 1));
        assert_ne!(sid(7, 1, 0), sid(7, 1, 1));
        assert_ne!(sid(7, 1, 0), sid(7, 2, 0));
        assert_ne!(sid(7, 1, 0), sid(8, 1, 0));
    }

    #[test]
    fn ids_have_exotels_shape() {
        let id = request_id(1, 1);
        assert_eq!(id.len(), 32);
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        let sid = sid(1, 1, 0);
        assert_eq!(sid.chars().count(), 31);
        assert!(sid.bytes().all(|b| b.is_ascii_alphanumeric()));
        assert!(!sid.contains("000"), "every character is drawn, none left over: {sid}");
    }
}
