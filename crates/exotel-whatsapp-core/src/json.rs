//! Reading untrusted JSON into drafts: type errors, missing and unknown fields, with hints.
//!
//! A document is read in two passes over its text, neither of which builds a tree of it:
//! [`scan`] checks its syntax, depth and duplicate keys; then every `from_json` of this crate
//! reads its object through [`Obj`], which finds each field's text ([`Node`]) and reads it only
//! when the field is taken. So memory stays a small multiple of the input, and all objects report
//! the same problems the same way; the rules on the values themselves live with the types.

mod hint;
mod scan;

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use crate::ctx::Ctx;
use crate::error::{Problem, abbreviated};

pub(crate) use hint::suggest;
pub(crate) use scan::scan;

/// The text of one JSON value of a document that [`scan`] accepted: read lazily, field by field.
pub(crate) type Node<'a> = &'a str;

/// The JSON type of `v`, as an error message names it.
pub(crate) fn type_name(v: Node<'_>) -> &'static str {
    match v.as_bytes().first() {
        Some(b'n') => "null",
        Some(b't' | b'f') => "a boolean",
        Some(b'"') => "a string",
        Some(b'[') => "an array",
        Some(b'{') => "an object",
        _ => "a number",
    }
}

/// Records a type error at the current pointer.
pub(crate) fn wrong_type(cx: &mut Ctx, expected: &'static str, found: Node<'_>) {
    cx.error(Problem::Type { expected, found: type_name(found) });
}

/// A parser over `v`. The depth of what it reads was bounded by [`scan`].
fn parser(v: Node<'_>) -> serde_json::Deserializer<serde_json::de::StrRead<'_>> {
    let mut de = serde_json::Deserializer::from_str(v);
    de.disable_recursion_limit();
    de
}

/// `v` parsed as a `T`; `None` when it is not one (the caller knows its type).
fn parse<'a, T: serde::Deserialize<'a>>(v: Node<'a>) -> Option<T> {
    T::deserialize(&mut parser(v)).ok()
}

/// Calls `each` with every key of the object `v` and its value's text, in order, until it
/// returns `false`.
fn entries<'a>(v: Node<'a>, each: &mut dyn FnMut(Cow<'a, str>, Node<'a>) -> bool) {
    struct Entries<'e, 'a>(&'e mut dyn FnMut(Cow<'a, str>, Node<'a>) -> bool);
    impl<'a> Visitor<'a> for Entries<'_, 'a> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'a>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<Cow<'a, str>>()? {
                let value: &'a RawValue = map.next_value()?;
                if !(self.0)(key, value.get()) {
                    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                    break;
                }
            }
            Ok(())
        }
    }
    let _ = de::Deserializer::deserialize_map(&mut parser(v), Entries(each));
}

/// Calls `each` with every element of the array `v`, in order, until it returns `false`.
fn elements<'a>(v: Node<'a>, each: &mut dyn FnMut(Node<'a>) -> bool) {
    struct Elements<'e, 'a>(&'e mut dyn FnMut(Node<'a>) -> bool);
    impl<'a> Visitor<'a> for Elements<'_, 'a> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an array")
        }
        fn visit_seq<A: SeqAccess<'a>>(self, mut seq: A) -> Result<(), A::Error> {
            while let Some(item) = seq.next_element::<&'a RawValue>()? {
                if !(self.0)(item.get()) {
                    while seq.next_element::<IgnoredAny>()?.is_some() {}
                    break;
                }
            }
            Ok(())
        }
    }
    let _ = de::Deserializer::deserialize_seq(&mut parser(v), Elements(each));
}

/// An object being read: fields are taken out one by one; what is left at the end is unknown.
///
/// It holds the text of its known fields only (the first of duplicate keys, as [`scan`]
/// reported the later ones); unknown keys are found again in the text when it is finished, so
/// an object with a million of them costs nothing to hold.
pub(crate) struct Obj<'a> {
    text: Node<'a>,
    known: &'static [&'static str],
    fields: Vec<Option<Node<'a>>>,
    unknown: bool,
}

impl<'a> Obj<'a> {
    /// `v` as an object whose fields are `known`, or a type error.
    pub(crate) fn new(v: Node<'a>, known: &'static [&'static str], cx: &mut Ctx) -> Option<Self> {
        if type_name(v) != "an object" {
            wrong_type(cx, "an object", v);
            return None;
        }
        let mut o = Obj { text: v, known, fields: vec![None; known.len()], unknown: false };
        let mut seen = vec![false; known.len()];
        entries(v, &mut |key, value| {
            match known.iter().position(|k| *k == key) {
                Some(i) if !seen[i] => {
                    seen[i] = true;
                    // `null` counts as absent: the wire format never sends it.
                    o.fields[i] = Some(value).filter(|value| *value != "null");
                }
                Some(_) => {}
                None => o.unknown = true,
            }
            true
        });
        Some(o)
    }

    fn index(&self, field: &str) -> Option<usize> {
        let i = self.known.iter().position(|k| *k == field);
        debug_assert!(i.is_some(), "{field} missing from the known list");
        i
    }

    /// Takes `field` out, if present (and not null).
    pub(crate) fn take(&mut self, field: &'static str) -> Option<Node<'a>> {
        let i = self.index(field)?;
        self.fields[i].take()
    }

    /// Whether `field` is present (and not null), without taking it.
    pub(crate) fn has(&self, field: &str) -> bool {
        self.index(field).is_some_and(|i| self.fields[i].is_some())
    }

    /// Takes `field` and reads it with `read`, one level down.
    pub(crate) fn field<R>(
        &mut self,
        field: &'static str,
        cx: &mut Ctx,
        read: impl FnOnce(Node<'a>, &mut Ctx) -> Option<R>,
    ) -> Option<R> {
        let v = self.take(field)?;
        cx.at(field, |cx| read(v, cx))
    }

    /// Like [`field`](Self::field), recording `required` here when the field is absent.
    pub(crate) fn required<R>(
        &mut self,
        field: &'static str,
        cx: &mut Ctx,
        read: impl FnOnce(Node<'a>, &mut Ctx) -> Option<R>,
    ) -> Option<R> {
        if !self.has(field) {
            cx.error(Problem::Required { field });
        }
        self.field(field, cx, read)
    }

    /// An optional string field.
    pub(crate) fn string(&mut self, field: &'static str, cx: &mut Ctx) -> Option<String> {
        self.field(field, cx, string)
    }

    /// A required string field.
    pub(crate) fn required_string(&mut self, field: &'static str, cx: &mut Ctx) -> Option<String> {
        self.required(field, cx, string)
    }

    /// Takes a field that must not be here, recording `not_allowed` at it.
    pub(crate) fn forbid(&mut self, field: &'static str, reason: &'static str, cx: &mut Ctx) {
        if self.take(field).is_some() {
            cx.error_at(field, Problem::NotAllowed { reason });
        }
    }

    /// Records every key not known as unknown, in document order and once each, with a hint
    /// where a known field is close; stops once the report is full.
    pub(crate) fn finish(self, cx: &mut Ctx) {
        if !self.unknown {
            return;
        }
        let known = self.known;
        let mut reported = HashSet::new();
        entries(self.text, &mut |key, _| {
            if !known.contains(&key.as_ref()) && reported.insert(key.clone()) {
                let hint = suggest(&key, known);
                let field = abbreviated(&key).into_owned();
                cx.at(key.into_owned(), |cx| cx.error(Problem::UnknownField { field, hint }));
            }
            !cx.is_full()
        });
    }
}

/// `v` as a string, or a type error.
pub(crate) fn string(v: Node<'_>, cx: &mut Ctx) -> Option<String> {
    if type_name(v) == "a string" {
        parse(v)
    } else {
        wrong_type(cx, "a string", v);
        None
    }
}

/// `v` as a boolean, or a type error.
pub(crate) fn boolean(v: Node<'_>, cx: &mut Ctx) -> Option<bool> {
    match v {
        "true" => Some(true),
        "false" => Some(false),
        _ => {
            wrong_type(cx, "a boolean", v);
            None
        }
    }
}

/// `v` as a number, if it is one.
pub(crate) fn number(v: Node<'_>) -> Option<serde_json::Number> {
    (type_name(v) == "a number").then(|| parse(v)).flatten()
}

/// `v` as a whole number within `i64`, if it is one. `-0` is 0 (`serde_json` reads it as a float,
/// to keep its sign).
pub(crate) fn integer(v: Node<'_>) -> Option<i64> {
    if v == "-0" { Some(0) } else { number(v)?.as_i64() }
}

/// `v` as an array whose elements are read by `read`, each at its index. An element that fails is
/// `None`, so that positions and counts stay those of the input.
///
/// Once the report is full nothing more can be said, so the rest of the array is not read: what
/// a hostile document makes us hold is bounded by what it can make us report.
pub(crate) fn array<'a, R>(
    v: Node<'a>,
    cx: &mut Ctx,
    mut read: impl FnMut(Node<'a>, &mut Ctx) -> Option<R>,
) -> Option<Vec<Option<R>>> {
    if type_name(v) != "an array" {
        wrong_type(cx, "an array", v);
        return None;
    }
    let mut items = Vec::new();
    elements(v, &mut |item| {
        let i = items.len();
        items.push(cx.at_index(i, |cx| read(item, cx)));
        !cx.is_full()
    });
    Some(items)
}

/// The entry that `s` names in `allowed`, or `one_of` recorded at the current pointer.
pub(crate) fn one_of<T: Copy>(
    s: &str,
    allowed: &'static [(&'static str, T)],
    names: &'static [&'static str],
    cx: &mut Ctx,
) -> Option<(&'static str, T)> {
    let found = allowed.iter().find(|(name, _)| *name == s).copied();
    if found.is_none() {
        cx.error(Problem::OneOf { expected: names, found: s.to_owned() });
    }
    found
}

/// Reads `type` and the payload it names from `o` (`{"type": "text", "text": …}`): content,
/// interactive headers and template parameters. Payload keys of other tags are `not_allowed`.
///
/// When `type` is missing or unknown but exactly one payload key is present, that payload is
/// returned anyway, since its problems are worth reporting; the tag's own error is recorded.
pub(crate) fn tagged<'a, K: Copy>(
    o: &mut Obj<'a>,
    tags: &'static [(&'static str, K)],
    names: &'static [&'static str],
    cx: &mut Ctx,
) -> Option<(&'static str, K, Node<'a>)> {
    let tag = o.required("type", cx, |v, cx| {
        let s = string(v, cx)?;
        one_of(&s, tags, names, cx)
    });
    let present: Vec<(&'static str, K)> = tags.iter().copied().filter(|(name, _)| o.has(name)).collect();
    let chosen = match (tag, present.as_slice()) {
        (Some(t), _) | (None, &[t]) => Some(t),
        (None, _) => None,
    };
    for (name, _) in &present {
        if chosen.is_none_or(|(c, _)| c != *name) {
            o.take(name);
            if chosen.is_some() {
                cx.error_at(
                    name,
                    Problem::NotAllowed { reason: "only the payload named by `type` may be present" },
                );
            }
        }
    }
    let (name, kind) = chosen?;
    if tag.is_some() && !o.has(name) {
        cx.error(Problem::Required { field: name });
    }
    Some((name, kind, o.take(name)?))
}

/// Reads a whole document with `read`: [`scan`] first (syntax, depth, duplicate keys), then the
/// reader on its text. A syntax error is `Err`, with `serde_json`'s account of it.
///
/// On `Err`, `cx` may hold duplicate keys found before the error: report the error alone.
pub(crate) fn read_document<T>(
    body: &[u8],
    cx: &mut Ctx,
    read: impl FnOnce(Node<'_>, &mut Ctx) -> Option<T>,
) -> Result<Option<T>, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_slice(body);
    de.disable_recursion_limit();
    scan(&mut de, cx)?;
    de.end()?;
    // JSON that parsed is UTF-8: its strings were checked, and everything else is ASCII.
    let text = std::str::from_utf8(body).map_err(de::Error::custom)?;
    Ok(read(text.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r')), cx))
}

/// Implements `Deserialize` for a checked type through its JSON reader, so that deserializing
/// runs exactly the rules that building and [`check`](crate::check::check) do, duplicate keys
/// included; the error lists every violation.
///
/// It reads JSON: `serde_json`'s deserializers (`from_str`, `from_slice`, `from_reader`,
/// `from_value`) hand over the text, which is read without building a tree of it.
pub(crate) fn from_deserializer<'de, D, T>(
    d: D,
    read: impl FnOnce(Node<'_>, &mut Ctx) -> Option<T>,
) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
{
    use serde::Deserialize;
    let raw = Box::<RawValue>::deserialize(d)?;
    let mut cx = Ctx::new();
    let t = read_document(raw.get().as_bytes(), &mut cx, read).map_err(de::Error::custom)?;
    cx.finish(t).map_err(de::Error::custom)
}

/// `impl Deserialize for $ty` through `$read`, a `fn(Node, &mut Ctx) -> Option<$ty>`.
macro_rules! deserialize_via_json {
    ($ty:ty, $read:expr) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                crate::json::from_deserializer(d, $read)
            }
        }
    };
}
pub(crate) use deserialize_via_json;

/// For the checker's fast path (`check.rs`): an optional field that, when present, holds a value.
/// A `null` fails the fast path, so that the full walk, which reads `null` as absent, decides.
pub(crate) fn present<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    T::deserialize(d).map(Some)
}

/// For the checker's fast path: an array of at most `N` elements. A longer one fails the fast
/// path, so that the full walk, whose memory is bounded, reads it: however large the document, the
/// wire structs hold no more than a fixed number of elements.
pub(crate) struct Few<T, const N: usize>(Vec<T>);

/// Body parameters the fast path takes in one component: a bound on what it holds, not a rule
/// (the full walk reads any number).
pub(crate) const FAST_PARAMETERS: usize = 64;

/// Components the fast path takes in one template: a header, a body and three buttons.
pub(crate) const FAST_COMPONENTS: usize = 2 + crate::limits::TEMPLATE_BUTTON_INDEX_MAX as usize + 1;

impl<T, const N: usize> IntoIterator for Few<T, N> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'de, T: serde::Deserialize<'de>, const N: usize> serde::Deserialize<'de> for Few<T, N> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Elements<T, const N: usize>(std::marker::PhantomData<T>);
        impl<'de, T: serde::Deserialize<'de>, const N: usize> Visitor<'de> for Elements<T, N> {
            type Value = Few<T, N>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "an array of at most {N} elements")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Few<T, N>, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    if items.len() == N {
                        return Err(de::Error::invalid_length(N + 1, &self));
                    }
                    items.push(item);
                }
                Ok(Few(items))
            }
        }
        d.deserialize_seq(Elements(std::marker::PhantomData))
    }
}
