//! The types a template slot takes: `#[derive(ToTemplate)]` fills each field's slot through these
//! traits, so a field of the wrong type is a compile error naming the slot.

use std::borrow::Cow;

use super::{Currency, DateTime, Parameter};
use crate::content::{Document, Image, Video};

/// A value that can be a template header's parameter: text (`String`, `&str`), an [`Image`], a
/// [`Video`] or a [`Document`]. Text is checked (at most 60 characters, not empty) when the template
/// is built.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot fill a template header",
    label = "not a header parameter",
    note = "a `#[template(header)]` field is `String`, `&str`, `Image`, `Video` or `Document`"
)]
pub trait HeaderSlot {
    /// The header parameter.
    fn header_parameter(&self) -> Parameter;
}

/// A value that can be a template body parameter: text (`String`, `&str`), a [`Currency`] or a
/// [`DateTime`]. Text is checked (not empty, at most 1024 characters, 32768 when the body is the
/// only component) when the template is built.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot fill a template body parameter",
    label = "not a body parameter",
    note = "a `#[template(body)]` field is `String`, `&str`, `Currency` or `DateTime`"
)]
pub trait BodySlot {
    /// The body parameter.
    fn body_parameter(&self) -> Parameter;
}

/// A value that can be a template button's parameter: the text appended to a URL button's URL or a
/// quick-reply button's payload (`String`, `&str`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot fill a template button",
    label = "not a button's text or payload",
    note = "a `#[template(button(...))]` field is `String` or `&str`"
)]
pub trait ButtonTextSlot {
    /// The URL suffix or payload.
    fn button_text(&self) -> String;
}

macro_rules! text_slots {
    ($($ty:ty),*) => {$(
        impl HeaderSlot for $ty {
            fn header_parameter(&self) -> Parameter {
                Parameter::Text { text: (**self).to_owned() }
            }
        }

        impl BodySlot for $ty {
            fn body_parameter(&self) -> Parameter {
                Parameter::Text { text: (**self).to_owned() }
            }
        }
    )*};
}

text_slots!(String, &str, Cow<'_, str>, Box<str>);

// Written out, not in `text_slots!`: rustc would quote the macro's source in the "other types
// implement" help of a mismatch, instead of listing the types.
impl ButtonTextSlot for String {
    fn button_text(&self) -> String {
        self.clone()
    }
}

impl ButtonTextSlot for &str {
    fn button_text(&self) -> String {
        (*self).to_owned()
    }
}

impl ButtonTextSlot for Cow<'_, str> {
    fn button_text(&self) -> String {
        self.clone().into_owned()
    }
}

impl ButtonTextSlot for Box<str> {
    fn button_text(&self) -> String {
        self.to_string()
    }
}

/// The checked values a slot takes as they are: `Trait::method(Type) => Variant { field }`.
macro_rules! value_slots {
    ($($slot:ident::$method:ident($ty:ty) => $variant:ident { $field:ident }),*) => {$(
        impl $slot for $ty {
            fn $method(&self) -> Parameter {
                Parameter::$variant { $field: self.clone() }
            }
        }
    )*};
}

value_slots!(
    HeaderSlot::header_parameter(Image) => Image { image },
    HeaderSlot::header_parameter(Video) => Video { video },
    HeaderSlot::header_parameter(Document) => Document { document },
    BodySlot::body_parameter(Currency) => Currency { currency },
    BodySlot::body_parameter(DateTime) => DateTime { date_time }
);
