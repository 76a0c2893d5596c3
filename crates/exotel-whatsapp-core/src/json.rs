//! Reading untrusted JSON in one pass: syntax, depth, duplicate keys, types, missing and unknown
//! fields with hints, straight into drafts, with no tree of the document.
//!
//! Each wire object is described once, by its [`Fields`]: the names it knows (which the hints and
//! the schema read too), the ones it requires, and how each is read. [`object`] walks the keys as
//! they come, reads each known field at once into the draft, skips (and scans) the rest, and
//! reports in a fixed order whatever the order of the keys: each field's findings in the order of
//! its `FIELDS`, then the unknown fields, then the object's rules. A field whose meaning depends on
//! one not read yet (a payload before its `type`) is read at once into an accumulator of its own
//! (`Ctx::fork`), taken in or dropped when the object ends: nothing is read twice. Memory stays a
//! small multiple of the input, and all objects report the same problems the same way; the rules
//! on the values themselves live with the types.

mod array;
mod hint;
mod object;
mod skip;
mod tagged;
mod value;

use serde::de::{self, Deserializer};
use serde_json::value::RawValue;

use crate::ctx::Ctx;

pub(crate) use array::array;
pub use hint::suggest;
pub(crate) use object::{End, Fields, object, object_into};
use skip::Skip;
pub(crate) use tagged::{Tagged, TaggedDraft};
pub(crate) use value::{Number, Scalar, boolean, lookup, one_of, scalar, skip, string, wrong_type};

/// What reading one value gave: absent (`null`, which counts as absent: the wire format never
/// sends it), failed (reported), or the value.
#[derive(Debug)]
pub(crate) enum Got<T> {
    Absent,
    Failed,
    Value(T),
}

impl<T> Got<T> {
    /// The value, if it was read.
    pub(crate) fn ok(self) -> Option<T> {
        match self {
            Got::Value(v) => Some(v),
            Got::Absent | Got::Failed => None,
        }
    }

    /// Whether the value was there (read or not).
    pub(crate) fn present(&self) -> bool {
        !matches!(self, Got::Absent)
    }

    /// The value, where one must be: `null` is a type error, recorded here.
    pub(crate) fn required(self, expected: &'static str, cx: &mut Ctx) -> Option<T> {
        if let Got::Absent = self {
            wrong_type(cx, expected, "null");
        }
        self.ok()
    }

    /// Applies a rule to the value read: `None` is a failure.
    pub(crate) fn and_then<U>(self, f: impl FnOnce(T) -> Option<U>) -> Got<U> {
        match self {
            Got::Value(v) => f(v).map_or(Got::Failed, Got::Value),
            Got::Absent => Got::Absent,
            Got::Failed => Got::Failed,
        }
    }
}

/// The reader's description of a checked type's wire object, for the schema, which takes the
/// object's fields and which are required from it (`schema::described`).
#[cfg(feature = "schema")]
pub(crate) trait Described {
    type Fields: for<'de> Fields<'de> + Default;
}

/// `impl Described for $ty { type Fields = $draft; }`, when the schema is built.
macro_rules! described {
    ($($ty:ty => $draft:ty),* $(,)?) => {
        $(#[cfg(feature = "schema")]
        impl crate::json::Described for $ty {
            type Fields = $draft;
        })*
    };
}
pub(crate) use described;

/// Where a draft keeps a field: an `Option`, or a list that absent leaves empty.
pub(crate) trait Slot<T> {
    fn set(&mut self, v: T);
}

impl<T> Slot<T> for Option<T> {
    fn set(&mut self, v: T) {
        *self = Some(v);
    }
}

impl<T> Slot<Vec<T>> for Vec<T> {
    fn set(&mut self, v: Vec<T>) {
        *self = v;
    }
}

/// Stores what was read into a draft's slot; returns whether the field was there.
pub(crate) fn put<T, S: Slot<T>>(slot: &mut S, got: Got<T>) -> bool {
    let present = got.present();
    if let Got::Value(v) = got {
        slot.set(v);
    }
    present
}

/// A value read from untrusted JSON, under the rules of its type.
pub(crate) trait Read<'de>: Sized {
    /// What a type error says was expected: "an object", "a string", …
    const EXPECTED: &'static str;

    /// Reads one value; `null` is [`Got::Absent`].
    fn read<D: Deserializer<'de>>(d: D, cx: &mut Ctx) -> Result<Got<Self>, D::Error>;
}

/// Reads a whole document with `T`'s reader, in one pass. A syntax error, or nesting deeper than
/// [`DOCUMENT_DEPTH_MAX`], is `Err`, with `serde_json`'s account of it.
///
/// On `Err`, `cx` may hold findings from before the error: report the error alone.
pub(crate) fn read_document<'de, T: Read<'de>>(
    body: &'de [u8],
    cx: &mut Ctx,
) -> Result<Option<T>, serde_json::Error> {
    // One UTF-8 check of the whole body, rather than one per string as `from_slice` does. On
    // invalid UTF-8, a scan over the bytes finds where: it reads every string, which checks it
    // (`IgnoredAny` would not: it skips strings unchecked).
    let Ok(text) = std::str::from_utf8(body) else {
        let mut de = serde_json::Deserializer::from_slice(body);
        de.disable_recursion_limit();
        de::DeserializeSeed::deserialize(Skip::new(&mut Ctx::new()), &mut de)?;
        de.end()?;
        return Err(de::Error::custom("the document is not UTF-8"));
    };
    let mut de = serde_json::Deserializer::from_str(text);
    de.disable_recursion_limit();
    let got = T::read(&mut de, cx)?;
    de.end()?;
    Ok(got.required(T::EXPECTED, cx))
}

/// Implements `Deserialize` for a checked type through its JSON reader, so that deserializing
/// runs exactly the rules that building and [`check`](crate::check::check) do, duplicate keys
/// included; the error lists every violation.
///
/// It reads JSON: `serde_json`'s deserializers (`from_str`, `from_slice`, `from_reader`,
/// `from_value`) hand over the text, which is read without building a tree of it.
pub(crate) fn from_deserializer<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> Read<'a>,
{
    let raw = Box::<RawValue>::deserialize(d)?;
    let mut cx = Ctx::new();
    let t = read_document::<T>(raw.get().as_bytes(), &mut cx).map_err(de::Error::custom)?;
    cx.finish(t).map_err(de::Error::custom)
}

use serde::Deserialize as _;

/// `impl Deserialize for $ty` through its [`Read`].
macro_rules! deserialize_via_json {
    ($($ty:ty),* $(,)?) => {
        $(impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                crate::json::from_deserializer(d)
            }
        })*
    };
}
pub(crate) use deserialize_via_json;

/// Describes a draft's fields once: `FIELDS`, `REQUIRED` and the reader of each, from
/// `"wire name" => slot: reader` lines (`#[required]` before a required field), where
/// the reader is a function `(D, &mut Ctx) -> Result<Got<T>, D::Error>` and the slot (a field of
/// the draft, or a field of one) an `Option<T>`.
macro_rules! fields {
    ($draft:ty { $($(#[$req:ident])? $name:literal => $($slot:ident).+ : $read:expr),* $(,)? }) => {
        impl<'de> crate::json::Fields<'de> for $draft {
            const FIELDS: &'static [&'static str] = &[$($name),*];

            fn is_required(&self, i: usize) -> bool {
                let mut n = 0..;
                $(if Some(i) == n.next() {
                    return false $(|| crate::json::fields!(@$req))?;
                })*
                false
            }

            fn read<D: serde::Deserializer<'de>>(
                &mut self,
                i: usize,
                d: D,
                cx: &mut crate::ctx::Ctx,
            ) -> Result<bool, D::Error> {
                let mut n = 0..;
                $(if Some(i) == n.next() {
                    return Ok(crate::json::put(&mut self.$($slot).+, $read(d, cx)?));
                })*
                Ok(false)
            }
        }
    };
    (@required) => {
        true
    };
}
pub(crate) use fields;
