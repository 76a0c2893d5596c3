//! Reading untrusted JSON into drafts: type errors, missing and unknown fields, with hints.
//!
//! Every `from_json` in this crate reads through [`Obj`], so that all objects report the same
//! problems the same way; the rules on the values themselves live with the types.

use serde_json::{Map, Value};

use crate::ctx::Ctx;
use crate::error::Problem;

/// The JSON type of `v`, as an error message names it.
pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Records a type error at the current pointer.
pub(crate) fn wrong_type(cx: &mut Ctx, expected: &'static str, found: &Value) {
    cx.error(Problem::Type { expected, found: type_name(found) });
}

/// An object being read: fields are taken out one by one; what is left at the end is unknown.
pub(crate) struct Obj {
    map: Map<String, Value>,
    known: &'static [&'static str],
}

impl Obj {
    /// `v` as an object whose fields are `known`, or a type error.
    pub(crate) fn new(v: Value, known: &'static [&'static str], cx: &mut Ctx) -> Option<Self> {
        match v {
            Value::Object(map) => Some(Obj { map, known }),
            other => {
                wrong_type(cx, "an object", &other);
                None
            }
        }
    }

    /// Takes `field` out, if present. `null` counts as absent: the wire format never sends it.
    pub(crate) fn take(&mut self, field: &'static str) -> Option<Value> {
        debug_assert!(self.known.contains(&field), "{field} missing from the known list");
        self.map.remove(field).filter(|v| !v.is_null())
    }

    /// Whether `field` is present (and not null), without taking it.
    pub(crate) fn has(&self, field: &str) -> bool {
        self.map.get(field).is_some_and(|v| !v.is_null())
    }

    /// Takes `field` and reads it with `read`, one level down.
    pub(crate) fn field<R>(
        &mut self,
        field: &'static str,
        cx: &mut Ctx,
        read: impl FnOnce(Value, &mut Ctx) -> Option<R>,
    ) -> Option<R> {
        let v = self.take(field)?;
        cx.at(field, |cx| read(v, cx))
    }

    /// Like [`field`](Self::field), recording `required` here when the field is absent.
    pub(crate) fn required<R>(
        &mut self,
        field: &'static str,
        cx: &mut Ctx,
        read: impl FnOnce(Value, &mut Ctx) -> Option<R>,
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

    /// Records every field not taken as unknown, with a hint where a known field is close.
    pub(crate) fn finish(self, cx: &mut Ctx) {
        let known = self.known;
        for (key, _) in self.map {
            let hint = suggest(&key, known);
            cx.at(key.clone(), |cx| cx.error(Problem::UnknownField { field: key, hint }));
        }
    }
}

/// `v` as a string, or a type error.
pub(crate) fn string(v: Value, cx: &mut Ctx) -> Option<String> {
    match v {
        Value::String(s) => Some(s),
        other => {
            wrong_type(cx, "a string", &other);
            None
        }
    }
}

/// `v` as a boolean, or a type error.
pub(crate) fn boolean(v: Value, cx: &mut Ctx) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(b),
        other => {
            wrong_type(cx, "a boolean", &other);
            None
        }
    }
}

/// `v` as an array whose elements are read by `read`, each at its index. An element that fails is
/// `None`, so that positions and counts stay those of the input.
pub(crate) fn array<R>(
    v: Value,
    cx: &mut Ctx,
    mut read: impl FnMut(Value, &mut Ctx) -> Option<R>,
) -> Option<Vec<Option<R>>> {
    match v {
        Value::Array(items) => {
            Some(items.into_iter().enumerate().map(|(i, item)| cx.at_index(i, |cx| read(item, cx))).collect())
        }
        other => {
            wrong_type(cx, "an array", &other);
            None
        }
    }
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
pub(crate) fn tagged<K: Copy>(
    o: &mut Obj,
    tags: &'static [(&'static str, K)],
    names: &'static [&'static str],
    cx: &mut Ctx,
) -> Option<(&'static str, K, Value)> {
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

/// Implements `Deserialize` for a checked type through its JSON reader, so that deserializing
/// runs exactly the rules that building does; the error lists every violation.
pub(crate) fn from_deserializer<'de, D, T>(
    d: D,
    read: impl FnOnce(Value, &mut Ctx) -> Option<T>,
) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
{
    use serde::Deserialize;
    let v = Value::deserialize(d)?;
    let mut cx = Ctx::new();
    let t = read(v, &mut cx);
    cx.finish(t).map_err(serde::de::Error::custom)
}

/// `impl Deserialize for $ty` through `$read`, a `fn(Value, &mut Ctx) -> Option<$ty>`.
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

/// The known field closest to `key`: equal ignoring case, or within a small edit distance.
pub(crate) fn suggest(key: &str, known: &'static [&'static str]) -> Option<&'static str> {
    let lower = key.to_lowercase();
    let budget = (key.chars().count() / 3).clamp(1, 3);
    known
        .iter()
        .map(|k| (if k.eq_ignore_ascii_case(&lower) { 0 } else { edit_distance(&lower, k) }, *k))
        .filter(|(d, _)| *d <= budget)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance with adjacent transpositions, over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let mut best = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            if i > 0 && j > 0 && a[i] == b[j - 1] && a[i - 1] == b[j] {
                best = best.min(prev2[j - 1] + 1);
            }
            cur[j + 1] = best;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_fields() {
        const KNOWN: &[&str] = &["content", "recipient_type", "custom_data", "to"];
        assert_eq!(suggest("Content", KNOWN), Some("content"));
        assert_eq!(suggest("recepient_type", KNOWN), Some("recipient_type"));
        assert_eq!(suggest("custom_dtaa", KNOWN), Some("custom_data"));
        assert_eq!(suggest("banana", KNOWN), None);
        assert_eq!(suggest("tx", KNOWN), Some("to"));
    }
}
