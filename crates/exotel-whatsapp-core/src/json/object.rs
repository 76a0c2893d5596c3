//! Reading an object as its [`Fields`] describe it: each key as it comes, the known ones into
//! the draft at once, the others skipped and reported, in the order the description gives.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};

use super::Got;
use super::skip::Skip;
use super::suggest;
use super::value::{Expect, expect};
use crate::ctx::{Ctx, Order};
use crate::error::{Pointer, Problem, abbreviated};
use crate::limits::DOCUMENT_DEPTH_MAX;

/// The description of a wire object: its fields, which it requires, and how each is read.
pub(crate) trait Fields<'de>: Sized {
    /// The wire names of the fields, in the order their findings are reported.
    const FIELDS: &'static [&'static str];
    /// Whether field `i` is reported `required` when absent.
    fn is_required(&self, _i: usize) -> bool {
        false
    }

    /// Where the findings of field `i` go in the report, among [`Self::FIELDS`]'s indexes and
    /// [`unknown`](Fields::unknown); by default, in `FIELDS` order.
    fn group(&self, i: usize) -> usize {
        i
    }

    /// Where unknown fields go in the report: after every field, by default.
    fn unknown() -> usize {
        Self::FIELDS.len()
    }

    /// Reads field `i` from `d`, at its pointer; returns whether it was there (not `null`).
    fn read<D: Deserializer<'de>>(&mut self, i: usize, d: D, cx: &mut Ctx) -> Result<bool, D::Error>;

    /// After the last key: what depends on several fields, such as a payload read before its
    /// `type` was known. `end` tells which fields were there.
    fn end(&mut self, _end: &mut End<'_>, _cx: &mut Ctx) {}
}

/// What [`Fields::end`] knows of the object being ended, and where its findings go.
pub(crate) struct End<'o> {
    present: u64,
    order: &'o mut Order,
    fields: &'static [&'static str],
}

impl End<'_> {
    /// Whether field `i` was there (not `null`).
    pub(crate) fn has(&self, i: usize) -> bool {
        self.present & (1 << i) != 0
    }

    /// Whether `field` was there (not `null`).
    pub(crate) fn present(&self, field: &str) -> bool {
        self.fields.iter().position(|f| *f == field).is_some_and(|i| self.has(i))
    }

    /// Puts what is recorded next in report group `group` (see [`Fields::group`]).
    pub(crate) fn group(&mut self, group: usize, cx: &Ctx) {
        self.order.group(group, cx);
    }
}

/// Refuses a container nested deeper than [`DOCUMENT_DEPTH_MAX`], `extra` levels below where
/// the reader is.
pub(super) fn check_depth<E: de::Error>(cx: &Ctx, extra: usize) -> Result<(), E> {
    if cx.depth() + extra >= DOCUMENT_DEPTH_MAX {
        return Err(E::custom(format_args!("nesting deeper than {DOCUMENT_DEPTH_MAX} levels")));
    }
    Ok(())
}

/// An object key: borrowed from the input unless it has escapes.
pub(super) struct Key<'de>(pub(super) Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s.to_owned())))
            }
        }
        d.deserialize_str(V)
    }
}

/// Records a key seen twice in one object, at the later one, among the findings reported first.
/// Its pointer is built once per object (`parent`), and none once the report is full.
pub(super) fn duplicate_key(cx: &mut Ctx, parent: &mut Option<Pointer>, key: &str) {
    if cx.is_full() {
        cx.error_dropped();
        return;
    }
    let mut pointer = parent.get_or_insert_with(|| cx.pointer()).clone();
    pointer.push(key);
    cx.duplicate(pointer, Problem::DuplicateKey { key: abbreviated(key).into_owned() });
}

/// Reads an object described by `T`'s [`Fields`] into a draft.
pub(crate) fn object<'de, T: Fields<'de> + Default, D: Deserializer<'de>>(
    d: D,
    cx: &mut Ctx,
) -> Result<Got<T>, D::Error> {
    object_into(d, T::default(), cx)
}

/// Reads an object into `draft`, which may hold what its reading depends on.
pub(crate) fn object_into<'de, T: Fields<'de>, D: Deserializer<'de>>(
    d: D,
    draft: T,
    cx: &mut Ctx,
) -> Result<Got<T>, D::Error> {
    // The draft is borrowed, not moved, through the visitor's layers: drafts are large.
    struct ObjectOf<'a, T>(&'a mut T);
    impl<'de, T: Fields<'de>> Expect<'de> for ObjectOf<'_, T> {
        type Value = ();
        const EXPECTED: &'static str = "an object";
        fn map<A: MapAccess<'de>>(self, map: A, cx: &mut Ctx) -> Result<Got<()>, A::Error> {
            read_fields(map, self.0, cx).map(Got::Value)
        }
    }
    let mut draft = draft;
    Ok(match expect(d, ObjectOf(&mut draft), cx)? {
        Got::Value(()) => Got::Value(draft),
        Got::Absent => Got::Absent,
        Got::Failed => Got::Failed,
    })
}

/// The keys of one object, read into `T`.
fn read_fields<'de, T: Fields<'de>, A: MapAccess<'de>>(
    mut map: A,
    draft: &mut T,
    cx: &mut Ctx,
) -> Result<(), A::Error> {
    check_depth(cx, 0)?;
    debug_assert!(T::FIELDS.len() < 64);
    let (mut seen, mut present) = (0u64, 0u64);
    // Unknown keys, once one is found: to report each once, and its duplicates.
    let mut unknown: Option<HashSet<Cow<'de, str>>> = None;
    let mut parent = None;
    let mut order = Order::new(cx);
    while let Some(Key(key)) = map.next_key()? {
        let known = T::FIELDS.iter().position(|f| *f == key);
        let repeated = match known {
            Some(i) => seen & (1 << i) != 0,
            None => unknown.as_ref().is_some_and(|u| u.contains(&key)),
        };
        if repeated {
            duplicate_key(cx, &mut parent, &key);
            map.next_value_seed(Skip::below(cx, key))?;
        } else if let Some(i) = known {
            seen |= 1 << i;
            order.group(draft.group(i), cx);
            if map.next_value_seed(FieldSeed { draft, i, cx })? {
                present |= 1 << i;
            }
        } else {
            if cx.is_full() {
                cx.error_dropped();
            } else {
                order.group(T::unknown(), cx);
                let hint = suggest(&key, T::FIELDS);
                let field = abbreviated(&key).into_owned();
                cx.error_at_key(&key, Problem::UnknownField { field, hint });
            }
            unknown.get_or_insert_with(HashSet::new).insert(key.clone());
            map.next_value_seed(Skip::below(cx, key))?;
        }
    }
    for (i, field) in T::FIELDS.iter().enumerate() {
        if present & (1 << i) == 0 && draft.is_required(i) {
            order.group(draft.group(i), cx);
            cx.error(Problem::Required { field });
        }
    }
    let mut end = End { present, order: &mut order, fields: T::FIELDS };
    draft.end(&mut end, cx);
    order.finish(cx);
    Ok(())
}

/// Reads one known field of a draft, at its pointer.
struct FieldSeed<'a, T> {
    draft: &'a mut T,
    i: usize,
    cx: &'a mut Ctx,
}

impl<'de, T: Fields<'de>> DeserializeSeed<'de> for FieldSeed<'_, T> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        let FieldSeed { draft, i, cx } = self;
        cx.at(T::FIELDS[i], |cx| draft.read(i, d, cx))
    }
}
