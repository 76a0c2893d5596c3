//! Reading an array, element by element, each at its index.

use std::marker::PhantomData;

use serde::de::{DeserializeSeed, Deserializer, SeqAccess};

use super::object::check_depth;
use super::skip::Skip;
use super::value::{Expect, expect};
use super::{Got, Read};
use crate::ctx::Ctx;

/// Reads an array whose elements are `T`s, each at its index. An element that fails (or is
/// `null`, a type error here) is `None`, so that positions and counts stay those of the input.
///
/// Once the report is full nothing more can be said, so the rest of the array is only scanned:
/// what a hostile document makes us hold is bounded by what it can make us report.
pub(crate) fn array<'de, T: Read<'de>, D: Deserializer<'de>>(
    d: D,
    cx: &mut Ctx,
) -> Result<Got<Vec<Option<T>>>, D::Error> {
    struct ArrayOf<T>(PhantomData<T>);
    impl<'de, T: Read<'de>> Expect<'de> for ArrayOf<T> {
        type Value = Vec<Option<T>>;
        const EXPECTED: &'static str = "an array";
        fn seq<A: SeqAccess<'de>>(self, mut seq: A, cx: &mut Ctx) -> Result<Got<Self::Value>, A::Error> {
            check_depth(cx, 0)?;
            let mut items = Vec::new();
            loop {
                if cx.is_full() {
                    while seq.next_element_seed(Skip::new(cx))?.is_some() {}
                    break;
                }
                let i = items.len();
                let Some(got) = seq.next_element_seed(Element::<T>(cx, i, PhantomData))? else { break };
                items.push(got);
            }
            Ok(Got::Value(items))
        }
    }
    expect(d, ArrayOf(PhantomData), cx)
}

/// One element of an array, at its index.
struct Element<'c, T>(&'c mut Ctx, usize, PhantomData<T>);

impl<'de, T: Read<'de>> DeserializeSeed<'de> for Element<'_, T> {
    type Value = Option<T>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        let Element(cx, i, _) = self;
        cx.at_index(i, |cx| Ok(T::read(d, cx)?.required(T::EXPECTED, cx)))
    }
}
