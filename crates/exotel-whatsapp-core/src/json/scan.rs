//! The first pass over an untrusted document: its syntax, its depth, and every key that appears
//! twice in one object. Nothing of the document is kept but the path to where the scan is and
//! the keys of the objects it is in.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::ctx::Ctx;
use crate::error::{Pointer, Problem, abbreviated};
use crate::limits::DOCUMENT_DEPTH_MAX;

/// Scans one JSON value from `de`, recording `duplicate_key` in `cx` at each later occurrence of
/// a key (the first one counts, as the readers take it). A syntax error, or nesting deeper than
/// [`DOCUMENT_DEPTH_MAX`], is `Err`.
///
/// A duplicate's pointer is built once per object that has one, from keys shortened for the
/// report ([`abbreviated`]), and none is built once the report is full: what a hostile document
/// makes us hold is bounded by what it can make us report.
pub(crate) fn scan<'de, R: serde_json::de::Read<'de>>(
    de: &mut serde_json::Deserializer<R>,
    cx: &mut Ctx,
) -> Result<(), serde_json::Error> {
    Scan { path: &mut Vec::new(), cx }.deserialize(de)
}

/// One step of the path: a key of the document, or an index.
enum Step<'de> {
    Key(Cow<'de, str>),
    Index(usize),
}

struct Scan<'s, 'de> {
    path: &'s mut Vec<Step<'de>>,
    cx: &'s mut Ctx,
}

impl<'de> Scan<'_, 'de> {
    fn below(&mut self, step: Step<'de>) -> Scan<'_, 'de> {
        self.path.push(step);
        Scan { path: self.path, cx: self.cx }
    }

    /// Refuses a container nested deeper than [`DOCUMENT_DEPTH_MAX`] (the path holds its parents).
    fn check_depth<E: serde::de::Error>(&self) -> Result<(), E> {
        if self.path.len() >= DOCUMENT_DEPTH_MAX {
            return Err(E::custom(format_args!("nesting deeper than {DOCUMENT_DEPTH_MAX} levels")));
        }
        Ok(())
    }

    fn pointer(&self) -> Pointer {
        let mut p = Pointer::root();
        for step in self.path.iter() {
            match step {
                Step::Key(key) => p.push(key),
                Step::Index(i) => p.push(&i.to_string()),
            }
        }
        p
    }
}

impl<'de> DeserializeSeed<'de> for Scan<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Scan<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        self.check_depth()?;
        for i in 0.. {
            let item = seq.next_element_seed(self.below(Step::Index(i)));
            self.path.pop();
            if item?.is_none() {
                break;
            }
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        self.check_depth()?;
        let mut keys: HashSet<Cow<'de, str>> = HashSet::new();
        let mut parent: Option<Pointer> = None;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if keys.contains(&key) {
                if self.cx.is_full() {
                    self.cx.error_dropped();
                } else {
                    let mut pointer = parent.get_or_insert_with(|| self.pointer()).clone();
                    pointer.push(&key);
                    let problem = Problem::DuplicateKey { key: abbreviated(&key).into_owned() };
                    self.cx.error_at_pointer(pointer, problem);
                }
            } else {
                keys.insert(key.clone());
            }
            let value = map.next_value_seed(self.below(Step::Key(key)));
            self.path.pop();
            value?;
        }
        Ok(())
    }
}
