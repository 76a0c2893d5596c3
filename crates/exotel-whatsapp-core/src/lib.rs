//! Validated types for the Exotel WhatsApp Messages API.
//!
//! Use it through the `exotel-whatsapp` facade. Every value of these types keeps every rule of
//! the API: fields are private, constructors check, serializing cannot fail, and deserializing
//! runs the same checks. Failures list every violation with an RFC 6901 JSON pointer.
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

/// Webhook bodies (status callbacks and incoming messages) parsed leniently into typed events.
pub mod callback;
pub mod check;
pub mod content;
mod ctx;
pub mod error;
mod json;
pub mod limits;
mod message;
pub mod phone;
mod request;
/// The answer to a send request: accepted messages' `sid`s and typed errors.
pub mod response;
#[cfg(feature = "schema")]
#[cfg_attr(docsrs, doc(cfg(feature = "schema")))]
pub mod schema;
pub mod send;
/// Exotel's status codes, their meaning and how a message's status moves.
pub mod status;
pub mod template;
pub mod text;
pub mod url;
#[cfg(feature = "validator")]
#[cfg_attr(docsrs, doc(cfg(feature = "validator")))]
pub mod validate;

pub use content::Content;
pub use error::{Error, Problem, Rule, Violation};
pub use message::{Message, MessageBuilder};
pub use phone::PhoneNumber;
pub use request::{Batch, Channel, Request, RequestBuilder};

// Not public API: what the derive crate (`exotel-whatsapp-derive`) calls at compile time, so that
// its checks of literals are the run-time rules. Should be pub(crate).
#[doc(hidden)]
pub mod __private {
    pub use crate::template::{NameFault, check_language_code, check_template_name};
    pub use crate::text::{TextFaults, TextRule, check_text};
}
