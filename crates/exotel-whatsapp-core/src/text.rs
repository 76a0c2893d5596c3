//! Bounded text: one rule function for every length, emptiness and whitespace limit, and the
//! validated text types built on it.
//!
//! The rule is a `const fn`, so the same function checks runtime input and, through
//! `from_static`, string literals at compile time; `rules::length::text` records its faults.

use std::borrow::Cow;

use serde::Serialize;

use crate::ctx::{Ctx, validate_alone};
use crate::error::Error;
use crate::limits;

/// The limits one kind of text must keep; each text type's is its `RULE`.
// Not public API: the derive crate's, through `__private`. Should be pub(crate).
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextRule {
    /// Most characters.
    pub max: usize,
    /// Whether empty or whitespace-only text is refused.
    pub non_empty: bool,
    /// Whether leading or trailing whitespace is refused.
    pub no_edge_whitespace: bool,
}

impl TextRule {
    /// Non-empty text of at most `max` characters.
    pub const fn non_empty(max: usize) -> Self {
        TextRule { max, non_empty: true, no_edge_whitespace: false }
    }

    /// Text of at most `max` characters that may be empty.
    pub(crate) const fn optional(max: usize) -> Self {
        TextRule { max, non_empty: false, no_edge_whitespace: false }
    }
}

/// Everything wrong with one text under one rule.
// Not public API: the derive crate's, through `__private`. Should be pub(crate).
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextFaults {
    /// Empty or only whitespace, where that is refused.
    pub empty: bool,
    /// The length in characters, when it is over the limit.
    pub too_long: Option<usize>,
    /// Leading or trailing whitespace, where that is refused.
    pub edge_whitespace: bool,
}

impl TextFaults {
    /// Whether the text keeps the rule.
    pub const fn is_ok(self) -> bool {
        !self.empty && self.too_long.is_none() && !self.edge_whitespace
    }
}

/// Decodes the character starting at byte `i` of valid UTF-8 text; returns it and its width.
pub(crate) const fn char_at(b: &[u8], i: usize) -> (char, usize) {
    // A lead byte starts with as many ones as its character has bytes (an ASCII byte with none);
    // the bits after those ones begin the code point.
    let width = if b[i] < 0x80 { 1 } else { b[i].leading_ones() as usize };
    let mut code = (b[i] & (0xFF >> width)) as u32;
    let mut k = 1;
    while k < width {
        code = (code << 6) | (b[i + k] as u32 & 0x3F);
        k += 1;
    }
    match char::from_u32(code) {
        Some(c) => (c, width),
        None => (char::REPLACEMENT_CHARACTER, width),
    }
}

/// Counts the characters (Unicode scalar values) of `s`: the bytes that do not continue one.
///
/// Eight bytes at a time: a continuation byte is `0b10xx_xxxx`, so its high bit is set and the
/// next is clear; the rest, one by one.
const fn char_count(s: &str) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut b = s.as_bytes();
    let mut n = 0;
    while let Some((chunk, rest)) = b.split_first_chunk::<8>() {
        let w = u64::from_le_bytes(*chunk);
        // One bit (bit 0 of its byte) per continuation byte, summed into the top byte.
        let continuation = (w & !(w << 1) & HIGH) >> 7;
        n += 8 - (continuation.wrapping_mul(ONES) >> 56) as usize;
        b = rest;
    }
    while let [byte, rest @ ..] = b {
        if *byte & 0xC0 != 0x80 {
            n += 1;
        }
        b = rest;
    }
    n
}

/// Whether every character of `s` is whitespace (true for `""`).
const fn blank(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let (c, width) = char_at(bytes, at);
        if !c.is_whitespace() {
            return false;
        }
        at += width;
    }
    true
}

/// Whether `s` starts or ends with whitespace.
const fn edge_whitespace(s: &str) -> bool {
    let b = s.as_bytes();
    // The last character starts at the last byte that does not continue one.
    let mut last = b.len().saturating_sub(1);
    while last > 0 && b[last] & 0xC0 == 0x80 {
        last -= 1;
    }
    !b.is_empty() && (char_at(b, 0).0.is_whitespace() || char_at(b, last).0.is_whitespace())
}

/// Whether `b` is a whole character, ASCII, that is not whitespace (`char::is_whitespace` also
/// counts the vertical tab, which `u8::is_ascii_whitespace` does not).
const fn is_visible_ascii(b: u8) -> bool {
    b.is_ascii() && !(b as char).is_whitespace()
}

/// The text rule: checks `s` against `rule`, counting characters only when the byte length could
/// exceed the limit (a text of at most `max` bytes has at most `max` characters).
///
/// A `const fn`, so the same rule serves run time, `from_static` literals and the derive macros.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::__private::check_text;
/// use exotel_whatsapp::text::ButtonTitle;
/// assert!(check_text("Yes", ButtonTitle::RULE).is_ok());
/// assert_eq!(check_text(&"न".repeat(21), ButtonTitle::RULE).too_long, Some(21));
/// ```
// Not public API: the derive crate's, through `__private`. Should be pub(crate).
#[doc(hidden)]
#[inline]
pub const fn check_text(s: &str, rule: TextRule) -> TextFaults {
    // Most texts fit in bytes and start and end with a visible ASCII character: then they are not
    // blank, have no whitespace at either end and are not too long, without decoding a character.
    let b = s.as_bytes();
    if let (Some(&first), Some(&last)) = (b.first(), b.last()) {
        if b.len() <= rule.max && is_visible_ascii(first) && is_visible_ascii(last) {
            return TextFaults { empty: false, too_long: None, edge_whitespace: false };
        }
    }
    check_text_by_chars(s, rule)
}

/// [`check_text`] for any text, character by character where it must (counting characters only
/// past `max` bytes). Not inlined, so that `check_text` is small enough to be.
#[inline(never)]
const fn check_text_by_chars(s: &str, rule: TextRule) -> TextFaults {
    let n = if s.len() > rule.max { char_count(s) } else { 0 };
    let too_long = if n > rule.max { Some(n) } else { None };
    let empty = rule.non_empty && blank(s);
    TextFaults { empty, too_long, edge_whitespace: rule.no_edge_whitespace && !empty && edge_whitespace(s) }
}

/// `AsRef<str>`, `Display`, `Into<String>` and a `Deserialize` that runs `new`, for a checked
/// string newtype with `as_str`, `new` and a single field convertible into `String`.
macro_rules! checked_str {
    ($name:ident) => {
        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl From<$name> for String {
            fn from(t: $name) -> String {
                t.0.into()
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $name::new(<String as serde::Deserialize>::deserialize(d)?).map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use checked_str;

/// Defines a validated text type over [`check_text`].
macro_rules! text_type {
    ($(#[$doc:meta])* $name:ident, $rule:expr, $what:literal, $example:literal) => {
        $(#[$doc])*
        ///
        /// Build it with [`new`](Self::new) at run time, or with [`from_static`](Self::from_static)
        /// in a `const` item, where a literal that breaks the rule is a compile error.
        #[doc = concat!("```\n# use exotel_whatsapp_core as exotel_whatsapp;\nuse exotel_whatsapp::text::", stringify!($name), ";\n")]
        #[doc = concat!("const OK: ", stringify!($name), " = ", stringify!($name), "::from_static(", stringify!($example), ");\n")]
        #[doc = concat!("assert_eq!(", stringify!($name), "::new(", stringify!($example), ").unwrap(), OK);\n```")]
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(Cow<'static, str>);

        impl $name {
            /// The rule this text keeps.
            // Not public API: the derive's and the schema's. Should be pub(crate).
            #[doc(hidden)]
            pub const RULE: TextRule = $rule;

            #[doc = concat!("Checks `text` as ", $what, ".")]
            ///
            /// # Errors
            /// `empty`, `too_long` or `whitespace`, as the rule demands, at pointer `""`.
            pub fn new(text: impl Into<String>) -> Result<Self, Error> {
                let text = text.into();
                validate_alone(|cx| Self::parse(text, cx))
            }

            /// Checks a string literal at compile time when used in a `const` item.
            ///
            /// # Panics
            /// When the literal breaks the rule; in a `const` item that is a compile error.
            pub const fn from_static(text: &'static str) -> Self {
                let faults = check_text(text, Self::RULE);
                assert!(!faults.empty, concat!($what, " must not be empty or only whitespace"));
                assert!(faults.too_long.is_none(), concat!($what, " is too long"));
                assert!(!faults.edge_whitespace, concat!($what, " must not start or end with whitespace"));
                $name(Cow::Borrowed(text))
            }

            /// Checks `text`, recording violations at the current pointer.
            pub(crate) fn parse(text: String, cx: &mut Ctx) -> Option<Self> {
                crate::rules::length::text(&text, Self::RULE, cx).then(|| $name(Cow::Owned(text)))
            }

            /// The text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        checked_str!($name);
    };
}

text_type!(
    /// The body of a text message: not empty, at most [`TEXT_BODY_MAX`](limits::TEXT_BODY_MAX) characters.
    TextBody, TextRule::non_empty(limits::TEXT_BODY_MAX), "a text body", "Your order has shipped"
);
text_type!(
    /// A media caption: at most [`CAPTION_MAX`](limits::CAPTION_MAX) characters; it may be empty (an
    /// optional string with no minimum in EX or META).
    Caption, TextRule::optional(limits::CAPTION_MAX), "a caption", "Invoice for March"
);
text_type!(
    /// An interactive header's text: not empty, at most [`HEADER_TEXT_MAX`](limits::HEADER_TEXT_MAX) characters.
    HeaderText, TextRule::non_empty(limits::HEADER_TEXT_MAX), "a header text", "Your order"
);
text_type!(
    /// An interactive message's body text: not empty, at most
    /// [`INTERACTIVE_BODY_MAX`](limits::INTERACTIVE_BODY_MAX) characters.
    BodyText, TextRule::non_empty(limits::INTERACTIVE_BODY_MAX), "a body text", "Pick a delivery slot"
);
text_type!(
    /// An interactive footer's text: not empty, at most [`FOOTER_TEXT_MAX`](limits::FOOTER_TEXT_MAX) characters.
    FooterText, TextRule::non_empty(limits::FOOTER_TEXT_MAX), "a footer text", "Reply STOP to opt out"
);
text_type!(
    /// A reply button's id: not empty, no whitespace at either end, at most
    /// [`BUTTON_ID_MAX`](limits::BUTTON_ID_MAX) characters.
    ButtonId,
    TextRule { max: limits::BUTTON_ID_MAX, non_empty: true, no_edge_whitespace: true },
    "a button id",
    "confirm"
);
text_type!(
    /// A reply button's title: not empty, at most [`BUTTON_TITLE_MAX`](limits::BUTTON_TITLE_MAX) characters.
    ButtonTitle, TextRule::non_empty(limits::BUTTON_TITLE_MAX), "a button title", "Yes"
);
text_type!(
    /// The text of a list message's button: not empty, at most [`LIST_BUTTON_MAX`](limits::LIST_BUTTON_MAX) characters.
    ListButton, TextRule::non_empty(limits::LIST_BUTTON_MAX), "a list button text", "Choose"
);
text_type!(
    /// A list section's title: not empty, at most [`SECTION_TITLE_MAX`](limits::SECTION_TITLE_MAX) characters.
    SectionTitle, TextRule::non_empty(limits::SECTION_TITLE_MAX), "a section title", "Shirts"
);
text_type!(
    /// A list row's id: not empty, at most [`ROW_ID_MAX`](limits::ROW_ID_MAX) characters. (EX states
    /// the whitespace rule only for reply-button ids, so a row id may start or end with a space.)
    RowId, TextRule::non_empty(limits::ROW_ID_MAX), "a row id", "size_m"
);
text_type!(
    /// A list row's title: not empty, at most [`ROW_TITLE_MAX`](limits::ROW_TITLE_MAX) characters.
    RowTitle, TextRule::non_empty(limits::ROW_TITLE_MAX), "a row title", "Medium"
);
text_type!(
    /// A list row's description: at most [`ROW_DESCRIPTION_MAX`](limits::ROW_DESCRIPTION_MAX) characters.
    RowDescription, TextRule::optional(limits::ROW_DESCRIPTION_MAX), "a row description", "Chest 96–101 cm"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_count_counts_scalar_values() {
        for s in ["", "a", "é", "नमस्ते", "👍🏽", "👨‍👩‍👧", "a\u{301}"] {
            assert_eq!(char_count(s), s.chars().count(), "{s:?}");
        }
        // Every alignment of every width against the eight-byte steps.
        for unit in ["a", "é", "न", "👍"] {
            for n in 0..40 {
                for prefix in ["", "a", "ab", "abc"] {
                    let s = format!("{prefix}{}", unit.repeat(n));
                    assert_eq!(char_count(&s), s.chars().count(), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn char_at_decodes_every_scalar_value() {
        let mut buf = [0; 4];
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let s = format!("a{}", c.encode_utf8(&mut buf));
            assert_eq!(char_at(s.as_bytes(), 1), (c, c.len_utf8()), "{c:?}");
        }
    }

    #[test]
    fn edge_whitespace_sees_multibyte_spaces() {
        assert!(edge_whitespace("\u{3000}id"));
        assert!(edge_whitespace("id\u{a0}"));
        assert!(!edge_whitespace("i d"));
        assert!(!edge_whitespace("नमस्ते"));
    }

    /// The text rule from `std`'s character functions.
    fn reference(s: &str, rule: TextRule) -> TextFaults {
        let too_long = Some(char_count(s)).filter(|&n| n > rule.max);
        let empty = rule.non_empty && s.chars().all(char::is_whitespace);
        let edge = rule.no_edge_whitespace
            && !empty
            && (s.starts_with(char::is_whitespace) || s.ends_with(char::is_whitespace));
        TextFaults { empty, too_long, edge_whitespace: edge }
    }

    #[test]
    fn the_shortcut_agrees_with_the_full_check() {
        let ends = [
            "a", "Z", "~", "!", " ", "\t", "\u{b}", "\u{c}", "\r", "\n", "\u{1f}", "\u{7f}", "\u{85}",
            "\u{a0}", "é", "न", "\u{3000}", "👍", "",
        ];
        let middles = ["", "x", " ", "नमस्ते", "\u{2003}"];
        let rules = [
            TextRule::non_empty(3),
            TextRule::non_empty(4),
            TextRule { max: 4, non_empty: true, no_edge_whitespace: true },
            TextRule { max: 3, non_empty: false, no_edge_whitespace: false },
            TextRule { max: 0, non_empty: false, no_edge_whitespace: true },
            TextRule::non_empty(20),
        ];
        for first in ends {
            for middle in middles {
                for last in ends {
                    let s = format!("{first}{middle}{last}");
                    for rule in rules {
                        assert_eq!(check_text(&s, rule), reference(&s, rule), "{s:?} {rule:?}");
                    }
                }
            }
        }
        // The byte length decides the shortcut; the limit is in characters, on both sides.
        let rule = TextRule::non_empty(4);
        assert!(check_text("abcd", rule).is_ok());
        assert_eq!(check_text("abcde", rule).too_long, Some(5));
        assert!(check_text("aनमb", rule).is_ok());
        assert_eq!(check_text("aनमsb", rule).too_long, Some(5));
    }

    #[test]
    fn blank_means_only_whitespace() {
        assert!(blank(""));
        assert!(blank(" \t\n\u{2003}"));
        assert!(!blank(" x "));
    }
}
