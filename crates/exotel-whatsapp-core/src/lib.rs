//! Validated types for the Exotel WhatsApp Messages API.
//!
//! Use it through the `exotel-whatsapp` facade. Every value of these types keeps every rule of
//! the API: fields are private, constructors check, serializing cannot fail, and deserializing
//! runs the same checks. Failures list every violation with an RFC 6901 JSON pointer.
#![forbid(unsafe_code)]

pub mod check;
pub mod content;
mod ctx;
pub mod error;
mod json;
pub mod limits;
mod message;
pub mod phone;
mod request;
pub mod text;
pub mod url;

pub use content::Content;
pub use error::{Error, Problem, Rule, Violation};
pub use message::{Message, MessageBuilder};
pub use phone::PhoneNumber;
pub use request::{Batch, Channel, Request, RequestBuilder};
