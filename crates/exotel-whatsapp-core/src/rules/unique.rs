//! The one uniqueness rule: a value appears once in its message (`duplicate`, reported at the
//! later occurrence, with the pointer to the first).
//!
//! Used for reply-button titles (EX, Reply Object: "must be unique within the message") and ids,
//! list row ids (EX, META: unique across the message), and a template's components: one header,
//! one body, one button per `index` (EX, Component Object).

use std::collections::HashMap;

use crate::ctx::{Ctx, Place};
use crate::error::Problem;

/// How many values are kept inline and compared one by one: the most a builder's list holds (10
/// rows; 3 buttons; a template's few components).
const SCANNED: usize = 10;

/// How many bytes of values are kept inline.
const INLINE_BYTES: usize = 256;

/// How many values are tracked at most: a hundred times what any valid message holds (10 rows).
/// Past it a list is far over its count limit, which is reported; tracking every row of a hostile
/// megabyte of them would hold a place and a copy of each, several times the input.
const TRACKED_MAX: usize = 1000;

/// The values seen so far below one array, and where. The pointer to a first occurrence is built
/// only when a duplicate is found.
///
/// A message has a few short values: they are copied into an inline buffer and compared one by
/// one, a cheap fingerprint first, without allocating (a `String` and a `Vec` per rule were a
/// quarter of the rule's cost, comparing every pair in full another tenth). More than [`SCANNED`] values, or more than
/// [`INLINE_BYTES`] bytes of them (only untrusted input has that), are hashed, so that a million
/// rows still cost time linear in their number.
pub(crate) struct Unique {
    /// The depth of the array the values are in.
    base: usize,
    /// How many values are kept inline.
    len: usize,
    /// Where the inline values start and end in `bytes`: value `n` is `bounds[n]..bounds[n + 1]`.
    bounds: [u16; SCANNED + 1],
    /// The [`fingerprint`] of each inline value.
    prints: [u64; SCANNED],
    /// Each inline value's place.
    places: [Option<Place>; SCANNED],
    /// The inline values, one after another.
    bytes: [u8; INLINE_BYTES],
    /// Every value and its place, once they no longer fit inline.
    many: Option<HashMap<String, Place>>,
}

/// A cheap hash of `value` (its length, and its bytes eight at a time, the last eight overlapping
/// the others): values that differ, even only in their last byte, almost always differ here, so
/// few are compared in full.
fn fingerprint(value: &[u8]) -> u64 {
    const MIX: u64 = 0x9E37_79B9_7F4A_7C15;
    let mix = |h: u64, word: u64| (h ^ word).wrapping_mul(MIX).rotate_left(31);
    let word = |bytes: &[u8]| u64::from_le_bytes(bytes.try_into().unwrap_or_default());
    let h = value.len() as u64;
    let Some(body) = value.len().checked_sub(8) else {
        return mix(h, value.iter().rev().fold(0, |word, &b| (word << 8) | u64::from(b)));
    };
    let h = value[..body].chunks_exact(8).fold(h, |h, chunk| mix(h, word(chunk)));
    mix(h, word(&value[body..]))
}

impl Unique {
    /// A rule for the values below where `cx` is now (the array they are in).
    pub(crate) fn new(cx: &Ctx) -> Self {
        Unique {
            base: cx.depth(),
            len: 0,
            bounds: [0; SCANNED + 1],
            prints: [0; SCANNED],
            places: [const { None }; SCANNED],
            bytes: [0; INLINE_BYTES],
            many: None,
        }
    }

    /// The inline value `n`.
    fn value(&self, n: usize) -> &[u8] {
        &self.bytes[usize::from(self.bounds[n])..usize::from(self.bounds[n + 1])]
    }

    /// The place of the value seen before that equals `value` (whose fingerprint is `print`), if any.
    fn find(&self, value: &str, print: u64) -> Option<&Place> {
        if let Some(many) = &self.many {
            return many.get(value);
        }
        (0..self.len)
            .find(|&n| self.prints[n] == print && self.value(n) == value.as_bytes())
            .and_then(|n| self.places[n].as_ref())
    }

    /// Records `duplicate` at the current pointer when `value` was seen before; true when it is new.
    pub(crate) fn check(&mut self, value: &str, cx: &mut Ctx) -> bool {
        let print = if self.many.is_none() { fingerprint(value.as_bytes()) } else { 0 };
        if let Some(first) = self.find(value, print) {
            let first = cx.pointer_to(self.base, first);
            cx.error(Problem::Duplicate { first });
            return false;
        }
        let start = usize::from(self.bounds[self.len]);
        let end = start + value.len();
        if self.many.is_none() && (self.len == SCANNED || end > INLINE_BYTES) {
            self.spill();
        }
        if let Some(many) = &mut self.many {
            if many.len() < TRACKED_MAX {
                many.insert(value.to_owned(), cx.place(self.base));
            }
            return true;
        }
        self.bytes[start..end].copy_from_slice(value.as_bytes());
        self.bounds[self.len + 1] = u16::try_from(end).unwrap_or(u16::MAX);
        self.prints[self.len] = print;
        self.places[self.len] = Some(cx.place(self.base));
        self.len += 1;
        true
    }

    /// Moves the inline values to a hash map.
    fn spill(&mut self) {
        let mut many = HashMap::with_capacity(4 * SCANNED);
        for n in 0..self.len {
            if let Some(place) = self.places[n].take() {
                many.insert(String::from_utf8_lossy(self.value(n)).into_owned(), place);
            }
        }
        self.len = 0;
        self.many = Some(many);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks `values` in order, each at `/list/i/id`; every duplicate found, as `(i, j)`: value
    /// `i` repeats value `j`, read back from the report's pointers.
    fn duplicates<S: AsRef<str>>(values: &[S]) -> Vec<(usize, usize)> {
        let mut cx = Ctx::new();
        cx.at("list", |cx| {
            let mut unique = Unique::new(cx);
            for (i, v) in values.iter().enumerate() {
                let new = cx.at_index(i, |cx| cx.at("id", |cx| unique.check(v.as_ref(), cx)));
                assert_eq!(new, !values[..i].iter().any(|w| w.as_ref() == v.as_ref()), "value {i}");
            }
        });
        let index = |p: &str| {
            let i =
                p.strip_prefix("/list/").and_then(|p| p.strip_suffix("/id")).unwrap_or_else(|| panic!("{p}"));
            i.parse::<usize>().unwrap()
        };
        cx.into_parts()
            .0
            .iter()
            .map(|v| match v.problem() {
                Problem::Duplicate { first } => (index(v.pointer().as_str()), index(first.as_str())),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    /// `count` distinct values of `width` characters: `unit` (not a letter) repeated, then a
    /// base-26 number in letters.
    fn distinct(count: usize, width: usize, unit: &str) -> Vec<String> {
        (0..count)
            .map(|i| {
                let (mut n, mut tail) = (i, String::new());
                while n > 0 || tail.is_empty() {
                    tail.insert(0, char::from(b'a' + u8::try_from(n % 26).unwrap()));
                    n /= 26;
                }
                format!("{}{tail}", unit.repeat(width.saturating_sub(tail.chars().count())))
            })
            .collect()
    }

    #[test]
    fn reports_the_first_occurrence() {
        // Values that share their first eight bytes, or are prefixes of each other, differ.
        let values = ["confirm_order_1", "confirm_order_2", "confirm", "confirm_", "", "नमस्ते", "नमस्ते!", "c"];
        assert!(duplicates(&values).is_empty());
        let twice: Vec<&str> = values.iter().chain(&values).copied().collect();
        let want: Vec<(usize, usize)> = (0..values.len()).map(|j| (values.len() + j, j)).collect();
        assert_eq!(duplicates(&twice), want);
        // A third time still points at the first.
        let thrice: Vec<&str> = ["a", "b", "a", "a"].to_vec();
        assert_eq!(duplicates(&thrice), [(2, 0), (3, 0)]);
    }

    #[test]
    fn spills_past_either_inline_bound_and_keeps_every_place() {
        let cases = [
            (SCANNED, 1, "-"),
            (SCANNED + 1, 1, "-"),
            (SCANNED, INLINE_BYTES / SCANNED, "-"),
            (SCANNED, INLINE_BYTES / SCANNED + 1, "-"),
            (3, INLINE_BYTES / 3, "-"),
            (3, INLINE_BYTES / 3 + 1, "-"),
            (1, INLINE_BYTES, "-"),
            (1, INLINE_BYTES + 1, "-"),
            // Three bytes a character: 85 fit inline (255 bytes), 86 do not.
            (3, 85, "न"),
            (3, 86, "न"),
            (SCANNED + 5, 4, "न"),
            (1000, 12, "-"),
        ];
        for (count, width, unit) in cases {
            // Each value, then each again, newest first.
            let values = distinct(count, width, unit);
            let mut all = values.clone();
            all.extend(values.iter().rev().cloned());
            let want: Vec<(usize, usize)> = (0..count).map(|k| (count + k, count - 1 - k)).collect();
            let found = duplicates(&all);
            assert!(found == want, "{count} × {width} {unit:?}: {:?}", &found[..found.len().min(4)]);
        }
    }

    /// Past [`TRACKED_MAX`] values, later values are only compared with the tracked ones: a repeat
    /// of a tracked value is still found, a repeat among untracked ones no longer is.
    #[test]
    fn values_past_the_tracked_maximum_are_compared_not_kept() {
        let mut cx = Ctx::new();
        let mut unique = Unique::new(&cx);
        for i in 0..TRACKED_MAX {
            assert!(unique.check(&format!("v{i}"), &mut cx), "{i}");
        }
        assert!(unique.check("late", &mut cx), "first value past the maximum");
        assert!(unique.check("late", &mut cx), "its repeat: not kept, so not found");
        assert!(!unique.check("v0", &mut cx), "a repeat of the first tracked value");
        assert!(!unique.check(&format!("v{}", TRACKED_MAX - 1), &mut cx), "of the last tracked value");
        assert_eq!(cx.errors(), 2);
    }
}
