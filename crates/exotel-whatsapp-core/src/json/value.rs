//! Reading one value: scalars as read, strings, booleans, numbers, tags, and the one visitor
//! every container reader goes through, which makes any other type a type error.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};

use super::skip::Skip;
use super::{Got, Read};
use crate::ctx::Ctx;
use crate::error::Problem;

/// Records a type error at the current pointer.
pub(crate) fn wrong_type(cx: &mut Ctx, expected: &'static str, found: &'static str) {
    cx.error(Problem::Type { expected, found });
}

/// A scalar as read, or the type of the container that was found (and skipped) instead.
pub(crate) enum Scalar<'de> {
    Null,
    Bool(bool),
    Str(Cow<'de, str>),
    Number(Number),
    Object,
    Array,
}

impl Scalar<'_> {
    /// Its JSON type, as an error message names it.
    pub(crate) fn type_name(&self) -> &'static str {
        match self {
            Scalar::Null => "null",
            Scalar::Bool(_) => "a boolean",
            Scalar::Str(_) => "a string",
            Scalar::Number(_) => "a number",
            Scalar::Object => "an object",
            Scalar::Array => "an array",
        }
    }
}

/// Reads one value as a [`Scalar`]; a container is skipped (its duplicate keys reported).
pub(crate) fn scalar<'de, D: Deserializer<'de>>(d: D, cx: &mut Ctx) -> Result<Scalar<'de>, D::Error> {
    struct Any;
    impl<'de> Expect<'de> for Any {
        type Value = Scalar<'de>;
        const EXPECTED: &'static str = "a JSON value";
        fn other(self, found: Scalar<'de>, _: &mut Ctx) -> Got<Scalar<'de>> {
            Got::Value(found)
        }
    }
    Ok(expect(d, Any, cx)?.ok().unwrap_or(Scalar::Null))
}

/// Reads a string, or records a type error.
pub(crate) fn string<'de, D: Deserializer<'de>>(d: D, cx: &mut Ctx) -> Result<Got<String>, D::Error> {
    Ok(match scalar(d, cx)? {
        Scalar::Null => Got::Absent,
        Scalar::Str(s) => Got::Value(s.into_owned()),
        other => {
            wrong_type(cx, "a string", other.type_name());
            Got::Failed
        }
    })
}

impl<'de> Read<'de> for String {
    const EXPECTED: &'static str = "a string";

    fn read<D: Deserializer<'de>>(d: D, cx: &mut Ctx) -> Result<Got<Self>, D::Error> {
        string(d, cx)
    }
}

/// Skips a value that must not be there; returns whether it was (not `null`).
pub(crate) fn skip<'de, D: Deserializer<'de>>(d: D, cx: &mut Ctx) -> Result<bool, D::Error> {
    Ok(!matches!(scalar(d, cx)?, Scalar::Null))
}

/// Reads a boolean, or records a type error.
pub(crate) fn boolean<'de, D: Deserializer<'de>>(d: D, cx: &mut Ctx) -> Result<Got<bool>, D::Error> {
    Ok(match scalar(d, cx)? {
        Scalar::Null => Got::Absent,
        Scalar::Bool(b) => Got::Value(b),
        other => {
            wrong_type(cx, "a boolean", other.type_name());
            Got::Failed
        }
    })
}

/// A number as read: a whole number within `i64`, or another number.
pub(crate) enum Number {
    Integer(i64),
    Other(f64),
}

impl Number {
    /// A whole number past `i64`.
    #[allow(clippy::cast_precision_loss, reason = "a number past i64 is only compared or shown")]
    fn of_u64(n: u64) -> Number {
        i64::try_from(n).map_or(Number::Other(n as f64), Number::Integer)
    }

    /// Any other number. `-0` is the integer 0 (`serde_json` reads it as a float, to keep its
    /// sign; `-0.0` reads the same and is read as 0 too).
    fn of_f64(n: f64) -> Number {
        if n == 0.0 && n.is_sign_negative() { Number::Integer(0) } else { Number::Other(n) }
    }

    /// As a float.
    #[allow(clippy::cast_precision_loss, reason = "coordinates: a float is what they are")]
    pub(crate) fn as_f64(&self) -> f64 {
        match *self {
            Number::Integer(n) => n as f64,
            Number::Other(n) => n,
        }
    }
}

/// Reads a string and looks it up in `allowed`, recording `one_of` when it is not there.
pub(crate) fn one_of<'de, D: Deserializer<'de>, T: Copy>(
    d: D,
    allowed: &'static [(&'static str, T)],
    names: &'static [&'static str],
    cx: &mut Ctx,
) -> Result<Got<T>, D::Error> {
    Ok(match scalar(d, cx)? {
        Scalar::Null => Got::Absent,
        Scalar::Str(s) => lookup(&s, allowed, names, cx).map_or(Got::Failed, Got::Value),
        other => {
            wrong_type(cx, "a string", other.type_name());
            Got::Failed
        }
    })
}

/// The entry that `s` names in `allowed`, or `one_of` recorded at the current pointer.
pub(crate) fn lookup<T: Copy>(
    s: &str,
    allowed: &'static [(&'static str, T)],
    names: &'static [&'static str],
    cx: &mut Ctx,
) -> Option<T> {
    let found = allowed.iter().find(|(name, _)| *name == s).map(|(_, t)| *t);
    if found.is_none() {
        cx.error(Problem::OneOf { expected: names, found: s.to_owned() });
    }
    found
}

/// What a reader does with the JSON type it expects; `null` is absent, and any other type a type
/// error (a container's contents skipped, their duplicate keys reported).
pub(super) trait Expect<'de>: Sized {
    type Value;
    /// What a type error says was expected.
    const EXPECTED: &'static str;

    /// A scalar, or a container already skipped.
    fn other(self, found: Scalar<'de>, cx: &mut Ctx) -> Got<Self::Value> {
        wrong_type(cx, Self::EXPECTED, found.type_name());
        Got::Failed
    }

    fn map<A: MapAccess<'de>>(self, map: A, cx: &mut Ctx) -> Result<Got<Self::Value>, A::Error> {
        Skip::new(cx).visit_map(map)?;
        Ok(self.other(Scalar::Object, cx))
    }

    fn seq<A: SeqAccess<'de>>(self, seq: A, cx: &mut Ctx) -> Result<Got<Self::Value>, A::Error> {
        Skip::new(cx).visit_seq(seq)?;
        Ok(self.other(Scalar::Array, cx))
    }
}

/// Reads one value with `e`.
pub(super) fn expect<'de, D: Deserializer<'de>, E: Expect<'de>>(
    d: D,
    e: E,
    cx: &mut Ctx,
) -> Result<Got<E::Value>, D::Error> {
    struct V<'c, E>(&'c mut Ctx, E);
    impl<'de, E: Expect<'de>> Visitor<'de> for V<'_, E> {
        type Value = Got<E::Value>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(E::EXPECTED)
        }
        fn visit_unit<X>(self) -> Result<Self::Value, X> {
            Ok(Got::Absent)
        }
        fn visit_bool<X>(self, b: bool) -> Result<Self::Value, X> {
            Ok(self.1.other(Scalar::Bool(b), self.0))
        }
        fn visit_i64<X>(self, n: i64) -> Result<Self::Value, X> {
            Ok(self.1.other(Scalar::Number(Number::Integer(n)), self.0))
        }
        fn visit_u64<X>(self, n: u64) -> Result<Self::Value, X> {
            Ok(self.1.other(Scalar::Number(Number::of_u64(n)), self.0))
        }
        fn visit_f64<X>(self, n: f64) -> Result<Self::Value, X> {
            Ok(self.1.other(Scalar::Number(Number::of_f64(n)), self.0))
        }
        fn visit_borrowed_str<X>(self, s: &'de str) -> Result<Self::Value, X> {
            Ok(self.1.other(Scalar::Str(Cow::Borrowed(s)), self.0))
        }
        fn visit_str<X>(self, s: &str) -> Result<Self::Value, X> {
            Ok(self.1.other(Scalar::Str(Cow::Owned(s.to_owned())), self.0))
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            self.1.map(map, self.0)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            self.1.seq(seq, self.0)
        }
    }
    d.deserialize_any(V(cx, e))
}
