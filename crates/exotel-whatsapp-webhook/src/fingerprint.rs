//! 128 bits that stand for a text, so that the memory a receiver keeps per event or message is
//! fixed, whatever the size of the key or `sid` a body carries.

use std::hash::{BuildHasher, RandomState};

/// Two 64-bit `SipHash` values of one text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Fingerprint(u64, u64);

/// Fingerprints texts under keys drawn at random for this process, so that no one outside it can
/// choose two texts with the same fingerprint. Two different texts share one with probability
/// 2⁻¹²⁸; among 100,000 remembered keys, any pair does with probability about 10⁻²⁹.
#[derive(Debug)]
pub(crate) struct Fingerprinter(RandomState);

impl Fingerprinter {
    pub(crate) fn new() -> Self {
        Self(RandomState::new())
    }

    pub(crate) fn of(&self, text: &str) -> Fingerprint {
        // One key, two domain-separated inputs: two independent values of a keyed function.
        Fingerprint(self.0.hash_one((0_u8, text)), self.0.hash_one((1_u8, text)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_only_share_a_fingerprint() {
        let fingerprinter = Fingerprinter::new();
        assert_eq!(fingerprinter.of("[\"dlr\",\"a\",30001]"), fingerprinter.of("[\"dlr\",\"a\",30001]"));
        assert_ne!(fingerprinter.of("[\"dlr\",\"a\",30001]"), fingerprinter.of("[\"dlr\",\"a\",30002]"));
        assert_ne!(fingerprinter.of(""), fingerprinter.of(" "));
        let Fingerprint(first, second) = fingerprinter.of("x");
        assert_ne!(first, second, "the two halves are independent");
    }
}
