//! Our rules for the `validator` crate: use them on your own structs with
//! `#[validate(custom(function = …))]` to check fields before they reach a builder.
//!
//! Each function runs the very rule the builders run and returns its first violation as a
//! [`ValidationError`] whose `code` is our rule code (`e164`, `too_long`, …), whose `message` is
//! ours, and whose params carry `limit`, `actual` and `unit` for lengths.
//!
//! ```
//! # use exotel_whatsapp_core as exotel_whatsapp;
//! use validator::Validate;
//!
//! #[derive(Validate)]
//! struct Signup {
//!     #[validate(custom(function = "exotel_whatsapp::validate::e164"))]
//!     phone: String,
//!     #[validate(custom(function = "exotel_whatsapp::validate::button_title"))]
//!     choice: String,
//! }
//!
//! let bad = Signup { phone: "98765 43210".into(), choice: "A title longer than twenty".into() };
//! let errors = bad.validate().unwrap_err();
//! let fields = errors.field_errors();
//! assert_eq!(fields["phone"][0].code, "e164");
//! assert_eq!(fields["choice"][0].code, "too_long");
//! assert_eq!(fields["choice"][0].params["limit"], 20);
//! ```

use validator::ValidationError;

use crate::ctx::Ctx;
use crate::error::{Error, Problem};
use crate::phone::PhoneNumber;
use crate::rules::length;
use crate::text::{
    BodyText, ButtonId, ButtonTitle, Caption, FooterText, HeaderText, ListButton, RowDescription, RowId,
    RowTitle, SectionTitle, TextBody, TextRule,
};
use crate::url::Url;

/// The first violation of `result`, as `validator` reports it.
fn first(result: Result<(), Error>) -> Result<(), ValidationError> {
    let Err(error) = result else { return Ok(()) };
    let Some(v) = error.violations().first() else { return Ok(()) };
    let problem: &Problem = v.problem();
    let mut e = ValidationError::new(problem.rule().code()).with_message(problem.to_string().into());
    if let Some((limit, actual, unit)) = problem.measure() {
        e.add_param("limit".into(), &limit);
        e.add_param("actual".into(), &actual);
        e.add_param("unit".into(), &unit.as_str());
    }
    Err(e)
}

fn text(value: &str, rule: TextRule) -> Result<(), ValidationError> {
    let mut cx = Ctx::new();
    let ok = length::text(value, rule, &mut cx);
    first(cx.finish(ok.then_some(())))
}

/// An E.164 phone number (an optional `+`, country code, 7 to 15 digits).
///
/// # Errors
/// Code `e164`.
pub fn e164(value: &str) -> Result<(), ValidationError> {
    first(PhoneNumber::new(value).map(drop))
}

/// An absolute `http`/`https` URL with a host (media links, status callbacks).
///
/// # Errors
/// Code `url`.
pub fn http_url(value: &str) -> Result<(), ValidationError> {
    first(Url::new(value).map(drop))
}

macro_rules! text_validators {
    ($($fn:ident => $ty:ident),* $(,)?) => {
        $(
            #[doc = concat!("The rule of [`", stringify!($ty), "`](crate::text::", stringify!($ty), ").")]
            ///
            /// # Errors
            /// Code `empty`, `too_long` or `whitespace`.
            pub fn $fn(value: &str) -> Result<(), ValidationError> {
                text(value, $ty::RULE)
            }
        )*
    };
}

text_validators!(
    text_body => TextBody,
    caption => Caption,
    header_text => HeaderText,
    body_text => BodyText,
    footer_text => FooterText,
    button_id => ButtonId,
    button_title => ButtonTitle,
    list_button => ListButton,
    section_title => SectionTitle,
    row_id => RowId,
    row_title => RowTitle,
    row_description => RowDescription,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_hold_on_both_sides_in_characters() {
        assert!(button_title(&"न".repeat(20)).is_ok());
        let e = button_title(&"न".repeat(21)).unwrap_err();
        assert_eq!(e.code, "too_long");
        assert_eq!(e.params["limit"], 20);
        assert_eq!(e.params["actual"], 21);
        assert_eq!(e.params["unit"], "characters");
        assert!(row_description(&"👍".repeat(72)).is_ok());
        assert_eq!(row_description(&"👍".repeat(73)).unwrap_err().code, "too_long");
    }

    #[test]
    fn each_rule_keeps_its_code_and_message() {
        assert_eq!(button_id(" yes").unwrap_err().code, "whitespace");
        assert_eq!(text_body(" \t").unwrap_err().code, "empty");
        let e = e164("91 98765 43210").unwrap_err();
        assert_eq!(e.code, "e164");
        assert!(e.message.is_some_and(|m| m.contains("position 3")));
        assert!(e164("+919876543210").is_ok() && e164("919876543210").is_ok());
        assert!(row_id(" yes").is_ok() && caption("").is_ok());
        assert_eq!(http_url("ftp://example.com").unwrap_err().code, "url");
        assert!(http_url("https://example.com/cb").is_ok());
    }
}
