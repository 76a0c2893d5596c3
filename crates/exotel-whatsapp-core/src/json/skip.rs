//! Skipping a value the readers do not read (an unknown field, a value of the wrong type, a later
//! duplicate): its syntax and depth are still checked, and every key that appears twice in one of
//! its objects is reported. Nothing of it is kept but the path to where the scan is and the keys
//! of the objects it is in.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::object::{Key, check_depth, duplicate_key};
use crate::ctx::Ctx;
use crate::error::Pointer;

/// One step below where the reader is: a key of the document, or an index.
enum Step<'de> {
    Key(Cow<'de, str>),
    Index(usize),
}

/// Skips one value, reporting `duplicate_key` at each later occurrence of a key.
pub(super) struct Skip<'s, 'de> {
    /// The key the skipped value is under, if it is below where the reader is.
    key: Option<Cow<'de, str>>,
    /// The steps from there (allocated only for a nested value).
    path: Vec<Step<'de>>,
    cx: &'s mut Ctx,
}

impl<'s, 'de> Skip<'s, 'de> {
    /// Skips the value where the reader is.
    pub(super) fn new(cx: &'s mut Ctx) -> Self {
        Skip { key: None, path: Vec::new(), cx }
    }

    /// Skips the value of `key`, one level below where the reader is.
    pub(super) fn below(cx: &'s mut Ctx, key: Cow<'de, str>) -> Self {
        Skip { key: Some(key), path: Vec::new(), cx }
    }

    /// The pointer to where the scan is.
    fn pointer(&self) -> Pointer {
        let mut p = self.cx.pointer();
        if let Some(key) = &self.key {
            p.push(key);
        }
        for step in &self.path {
            match step {
                Step::Key(key) => p.push(key),
                Step::Index(i) => p.push(&i.to_string()),
            }
        }
        p
    }

    /// How many levels below the reader the scan is.
    fn depth(&self) -> usize {
        usize::from(self.key.is_some()) + self.path.len()
    }
}

/// The scan below one step, sharing the path.
struct Below<'b, 's, 'de>(&'b mut Skip<'s, 'de>);

impl<'de> DeserializeSeed<'de> for Below<'_, '_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> DeserializeSeed<'de> for Skip<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(mut self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(Below(&mut self))
    }
}

impl<'de> Visitor<'de> for Below<'_, '_, 'de> {
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

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        self.0.visit_seq(seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        self.0.visit_map(map)
    }
}

impl<'de> Skip<'_, 'de> {
    /// Skips the elements of an array.
    pub(super) fn visit_seq<A: SeqAccess<'de>>(&mut self, mut seq: A) -> Result<(), A::Error> {
        check_depth(self.cx, self.depth())?;
        for i in 0.. {
            self.path.push(Step::Index(i));
            let item = seq.next_element_seed(Below(self));
            self.path.pop();
            if item?.is_none() {
                break;
            }
        }
        Ok(())
    }

    /// Skips the entries of an object, reporting its duplicate keys.
    pub(super) fn visit_map<A: MapAccess<'de>>(&mut self, mut map: A) -> Result<(), A::Error> {
        check_depth(self.cx, self.depth())?;
        let mut keys: HashSet<Cow<'de, str>> = HashSet::new();
        let mut parent: Option<Pointer> = None;
        while let Some(Key(key)) = map.next_key()? {
            if keys.contains(&key) {
                if parent.is_none() && !self.cx.is_full() {
                    parent = Some(self.pointer());
                }
                duplicate_key(self.cx, &mut parent, &key);
            } else {
                keys.insert(key.clone());
            }
            self.path.push(Step::Key(key));
            let value = map.next_value_seed(Below(self));
            self.path.pop();
            value?;
        }
        Ok(())
    }
}
