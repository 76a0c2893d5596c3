//! The one uniqueness rule: a value appears once in its message (`duplicate`, reported at the
//! later occurrence, with the pointer to the first).
//!
//! Used for reply-button titles (EX, Reply Object: "must be unique within the message") and ids,
//! list row ids (EX, META: unique across the message), and a template's components: one header,
//! one body, one button per `index` (EX, Component Object).

use std::collections::HashMap;

use crate::ctx::{Ctx, Place};
use crate::error::Problem;

/// The values seen so far below one array, and where. The pointer to a first occurrence is built
/// only when a duplicate is found. A message has at most 10 such values, which are scanned;
/// beyond 16 (untrusted input) they are hashed.
pub(crate) struct Unique {
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

    /// A rule for the values below where `cx` is now (the array they are in).
    pub(crate) fn new(cx: &Ctx) -> Self {
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

    /// Records `duplicate` at the current pointer when `value` was seen before; true when it is new.
    pub(crate) fn check(&mut self, value: &str, cx: &mut Ctx) -> bool {
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
