//! E.164 phone numbers, as Exotel requires for `from` and `to`.
//!
//! The `+` is optional: Exotel's own image and template examples send `"from": "9199XXXXXXXX"`,
//! Meta's Cloud API accepts digits without `+`, and incoming-message webhooks deliver `from`
//! without it, so a reply built from one must pass (EX, META). What was given is serialized
//! unchanged; [`PhoneNumber::e164`] gives the `+` form.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;

use crate::ctx::{Ctx, validate_alone};
use crate::error::{Error, Problem};
use crate::limits::{PHONE_DIGITS_MAX, PHONE_DIGITS_MIN};
use crate::rules::e164::check_phone;

/// What is wrong with a phone number, precisely enough to fix it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PhoneProblem {
    /// The number is empty.
    Empty,
    /// The number starts with `++`.
    DoublePlus,
    /// The country code starts with `0`.
    LeadingZero,
    /// A character other than an ASCII digit, at a 1-based character position.
    NonDigit {
        /// 1-based position of the character.
        position: usize,
        /// The character.
        found: char,
    },
    /// Fewer digits than [`PHONE_DIGITS_MIN`].
    TooShort {
        /// Digits found.
        digits: usize,
    },
    /// More digits than [`PHONE_DIGITS_MAX`].
    TooLong {
        /// Digits found.
        digits: usize,
    },
}

impl fmt::Display for PhoneProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PhoneProblem::Empty => f.write_str("the number is empty"),
            PhoneProblem::DoublePlus => f.write_str("it starts with `++`; write a single `+`"),
            PhoneProblem::LeadingZero => f.write_str("the country code cannot start with 0"),
            PhoneProblem::NonDigit { position, found } => write!(
                f,
                "{found:?} at position {position} is not a digit; write digits only, without spaces or dashes"
            ),
            PhoneProblem::TooShort { digits } => {
                write!(f, "{digits} digits is too short; at least {PHONE_DIGITS_MIN} are required")
            }
            PhoneProblem::TooLong { digits } => {
                write!(f, "{digits} digits is too long; at most {PHONE_DIGITS_MAX} are allowed")
            }
        }
    }
}

/// A phone number in E.164 form, such as `+919876543210` or `919876543210`.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::phone::PhoneNumber;
/// const SUPPORT: PhoneNumber = PhoneNumber::from_static("+919876543210");
/// assert_eq!(SUPPORT.as_str(), "+919876543210");
/// let user = PhoneNumber::new("919876543210")?; // as incoming webhooks deliver it
/// assert_eq!(user.as_str(), "919876543210");
/// assert_eq!(user.e164(), "+919876543210");
/// let err = PhoneNumber::new("++919876543210").unwrap_err();
/// assert!(err.to_string().contains("++"));
/// # Ok::<(), exotel_whatsapp::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct PhoneNumber(Cow<'static, str>);

impl PhoneNumber {
    /// Checks `number`.
    ///
    /// # Errors
    /// `e164` at pointer `""`, saying which part is wrong.
    pub fn new(number: impl Into<String>) -> Result<Self, Error> {
        let number = number.into();
        validate_alone(|cx| Self::parse(number, cx))
    }

    /// Checks a literal at compile time when used in a `const` item.
    ///
    /// # Panics
    /// When the literal is not E.164; in a `const` item that is a compile error.
    pub const fn from_static(number: &'static str) -> Self {
        assert!(check_phone(number).is_ok(), "not an E.164 phone number");
        PhoneNumber(Cow::Borrowed(number))
    }

    pub(crate) fn parse(number: String, cx: &mut Ctx) -> Option<Self> {
        check_phone(&number).inspect_err(|&p| cx.error(Problem::E164(p))).ok()?;
        Some(PhoneNumber(Cow::Owned(number)))
    }

    /// The number as given, with or without its `+`; this is what is serialized.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number with its `+`, such as `+919876543210`, whichever way it was given.
    pub fn e164(&self) -> Cow<'_, str> {
        if self.0.starts_with('+') { Cow::Borrowed(&self.0) } else { Cow::Owned(format!("+{}", self.0)) }
    }

    /// The digits alone, without `+`: the form incoming webhooks use, for comparing numbers.
    pub fn digits(&self) -> &str {
        self.0.strip_prefix('+').unwrap_or(&self.0)
    }
}

crate::text::checked_str!(PhoneNumber);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_what_was_given_and_offers_the_plus_form() {
        let bare = PhoneNumber::new("919876543210").unwrap();
        assert_eq!(serde_json::to_value(&bare).unwrap(), "919876543210");
        assert_eq!((bare.e164().as_ref(), bare.digits()), ("+919876543210", "919876543210"));
        let plus = PhoneNumber::new("+919876543210").unwrap();
        assert_eq!((plus.e164().as_ref(), plus.digits()), ("+919876543210", "919876543210"));
    }
}
