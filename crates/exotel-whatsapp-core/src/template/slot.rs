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

/// The header and body slots: `Trait::method for Types => |value| parameter`.
macro_rules! slots {
    ($($slot:ident::$method:ident for $($ty:ty),+ => |$v:ident| $make:expr;)*) => {$($(
        impl $slot for $ty {
            fn $method(&self) -> Parameter {
                let $v = self;
                $make
            }
        }
    )+)*};
}

slots! {
    HeaderSlot::header_parameter for String, &str, Cow<'_, str>, Box<str>
        => |text| Parameter::Text { text: (**text).to_owned() };
    BodySlot::body_parameter for String, &str, Cow<'_, str>, Box<str>
        => |text| Parameter::Text { text: (**text).to_owned() };
    HeaderSlot::header_parameter for Image => |image| Parameter::Image { image: image.clone() };
    HeaderSlot::header_parameter for Video => |video| Parameter::Video { video: video.clone() };
    HeaderSlot::header_parameter for Document => |doc| Parameter::Document { document: doc.clone() };
    BodySlot::body_parameter for Currency => |currency| Parameter::Currency { currency: currency.clone() };
    BodySlot::body_parameter for DateTime => |date_time| Parameter::DateTime { date_time: date_time.clone() };
}

// Written out, not in `slots!`: rustc would quote the macro's source in the "other types
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
