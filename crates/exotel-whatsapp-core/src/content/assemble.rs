//! How a checked type is read: from a draft its fields are read into ([`Assemble`]), as a plain
//! object ([`plain_objects!`]), or as the payload its `type` names ([`tagged_payloads!`]).

use serde::Deserializer;

use crate::ctx::Ctx;
use crate::json::{Fields, Got, Read, object, string};

/// A checked type read from one object: the draft its fields are read into, and the rules that
/// make the value of it, which its builders run too. Its [`Read`] and, for the schema, its
/// `Described` follow.
pub(crate) trait Assemble: Sized {
    /// The object as read or given, before the rules.
    type Draft: for<'de> Fields<'de> + Default;

    /// The rules, at the object; `None` when one failed (reported) or a required part is absent.
    fn assemble(draft: Self::Draft, cx: &mut Ctx) -> Option<Self>;
}

impl<'de, T: Assemble> Read<'de> for T {
    const EXPECTED: &'static str = "an object";

    fn read<D: Deserializer<'de>>(d: D, cx: &mut Ctx) -> Result<Got<Self>, D::Error> {
        Ok(object::<T::Draft, D>(d, cx)?.and_then(|draft| T::assemble(draft, cx)))
    }
}

#[cfg(feature = "schema")]
impl<T: Assemble> crate::json::Described for T {
    type Fields = T::Draft;
}

/// Checks each item of an array at its index, every one even when one fails: the values, or
/// `None` when one failed.
pub(crate) fn each<T, U>(
    items: Vec<T>,
    cx: &mut Ctx,
    mut check: impl FnMut(T, &mut Ctx) -> Option<U>,
) -> Option<Vec<U>> {
    let checked: Vec<Option<U>> =
        items.into_iter().enumerate().map(|(i, item)| cx.at_index(i, |cx| check(item, cx))).collect();
    checked.into_iter().collect()
}

/// Reads a string field for the rules that ask whether it was given: `Err` when it was, but is
/// not a string or `rule` refused it (reported).
pub(crate) fn given<'de, D: Deserializer<'de>, T>(
    d: D,
    cx: &mut Ctx,
    rule: impl FnOnce(String, &mut Ctx) -> Result<T, ()>,
) -> Result<Got<Result<T, ()>>, D::Error> {
    Ok(match string(d, cx)? {
        Got::Absent => Got::Absent,
        Got::Failed => Got::Value(Err(())),
        Got::Value(s) => Got::Value(rule(s, cx)),
    })
}

/// Runs `rule` on an optional field, at its pointer, when it is there.
pub(crate) fn check_at<T, R>(
    cx: &mut Ctx,
    field: &'static str,
    value: Option<T>,
    rule: impl FnOnce(T, &mut Ctx) -> R,
) {
    if let Some(value) = value {
        cx.at(field, |cx| rule(value, cx));
    }
}

/// [`Assemble`] for objects read as they are, their own draft, with no rules of their own.
macro_rules! plain_objects {
    ($($ty:ty),*) => {
        $(impl crate::content::Assemble for $ty {
            type Draft = Self;

            fn assemble(draft: Self, _: &mut crate::ctx::Ctx) -> Option<Self> {
                Some(draft)
            }
        })*
    };
}
pub(crate) use plain_objects;

/// An object whose `type` names its payload (`crate::json::Tagged`), from one table of
/// `Kind = "payload field" => |payload: Type| value`: the enum of its kinds, its `Tagged` and
/// its `Read`. Other fields, if any, come first, with the function that reads them.
macro_rules! tagged_payloads {
    ($ty:ty: $kind:ident $([$($other:literal),*] => $read_other:path)? {
        $($variant:ident = $name:literal => |$v:ident: $payload:ty| $make:expr),* $(,)?
    }) => {
        #[doc = concat!("The `type` of a `", stringify!($ty), "`.")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum $kind {
            $($variant,)*
        }

        impl<'de> crate::json::Tagged<'de> for $ty {
            type Kind = $kind;
            const FIELDS: &'static [&'static str] = &[$($($other,)*)? "type", $($name),*];
            const TAGS: &'static [(&'static str, $kind)] = &[$(($name, $kind::$variant)),*];

            fn payload<D: serde::Deserializer<'de>>(
                kind: $kind,
                d: D,
                cx: &mut crate::ctx::Ctx,
            ) -> Result<crate::json::Got<Self>, D::Error> {
                Ok(match kind {
                    $($kind::$variant => {
                        <$payload as crate::json::Read>::read(d, cx)?.and_then(|$v| Some($make))
                    })*
                })
            }

            $(fn other<D: serde::Deserializer<'de>>(
                i: usize,
                d: D,
                cx: &mut crate::ctx::Ctx,
            ) -> Result<bool, D::Error> {
                $read_other(i, d, cx)
            })?
        }

        impl<'de> crate::json::Read<'de> for $ty {
            const EXPECTED: &'static str = "an object";

            fn read<D: serde::Deserializer<'de>>(
                d: D,
                cx: &mut crate::ctx::Ctx,
            ) -> Result<crate::json::Got<Self>, D::Error> {
                let got = crate::json::object::<crate::json::TaggedDraft<'de, Self>, D>(d, cx)?;
                Ok(got.and_then(|t| t.value))
            }
        }
    };
}
pub(crate) use tagged_payloads;
