//! The duplicate rule for button ids, button titles and row ids.

use std::collections::HashMap;

use crate::ctx::{Ctx, Place};
use crate::error::Problem;

/// Records `duplicate` at the current pointer when `value` was seen before in the same message.
/// The pointer to a first occurrence is built only when a duplicate is found. A message has at
/// most 10 such values, which are scanned; beyond 16 (untrusted input) they are hashed.
pub(super) struct Unique {
    /// The depth of the array the values are in.
    base: usize,
    /// Every value so far, one after another, while they are scanned.
    values: String,
    /// Where each value ends in `values`, and where it was.
    entries: Vec<(usize, Place)>,
    many: Option<HashMap<String, usize>>,
}

impl Unique {
    const SCANNED: usize = 16;

    pub(super) fn new(cx: &Ctx) -> Self {
        Unique { base: cx.depth(), values: String::new(), entries: Vec::new(), many: None }
    }

    /// The entry holding `value`, if any.
    fn find(&self, value: &str) -> Option<usize> {
        if let Some(many) = &self.many {
            return many.get(value).copied();
        }
        let mut start = 0;
        for (n, (end, _)) in self.entries.iter().enumerate() {
            if &self.values[start..*end] == value {
                return Some(n);
            }
            start = *end;
        }
        None
    }

    pub(super) fn check(&mut self, value: &str, cx: &mut Ctx) -> bool {
        if let Some(n) = self.find(value) {
            let first = cx.pointer_to(self.base, &self.entries[n].1);
            cx.error(Problem::Duplicate { first });
            return false;
        }
        if self.entries.is_empty() {
            self.values.reserve(8 * value.len());
            self.entries.reserve(8);
        }
        // Once the values are hashed, `values` no longer grows.
        let n = self.entries.len();
        match &mut self.many {
            Some(many) => drop(many.insert(value.to_owned(), n)),
            None => self.values.push_str(value),
        }
        self.entries.push((self.values.len(), cx.place(self.base)));
        if self.many.is_none() && self.entries.len() == Self::SCANNED {
            let mut start = 0;
            let mut many = HashMap::with_capacity(2 * Self::SCANNED);
            for (n, (end, _)) in self.entries.iter().enumerate() {
                many.insert(self.values[start..*end].to_owned(), n);
                start = *end;
            }
            self.many = Some(many);
        }
        true
    }
}
