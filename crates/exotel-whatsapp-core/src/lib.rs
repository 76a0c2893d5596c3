//! Validated types for the Exotel WhatsApp Messages API.
//!
//! Use it through the `exotel-whatsapp` facade. Every value of these types keeps every rule of
//! the API: fields are private, constructors check, serializing cannot fail, and deserializing
//! runs the same checks. Failures list every violation with an RFC 6901 JSON pointer.
//!
//! # Vocabulary
//!
//! The same words mean the same step everywhere in the crate, public or not:
//!
//! | name | what it does | where |
//! | --- | --- | --- |
//! | `new`, `builder` … `build` | make a checked value from its parts; `Err` lists every violation | every type: [`Message::new`], [`Template::builder`](template::Template::builder) |
//! | `from_static` | the same check on a literal in a `const` item, where breaking the rule is a compile error | [`text`] types, [`PhoneNumber`] |
//! | [`check::check`] | the checker: an untrusted request body to a [`check::Report`] of every error and warning, and the typed request | [`check`] |
//! | `Deserialize` | what the checker does, for one value; the violations become the `serde` error's message | every checked type |
//! | `parse` (public) | read what Exotel sends back, leniently, into typed values | [`callback::parse`], [`response::ErrorBody::parse`] |
//! | `check_*` | a rule on its own: a pure (often `const`) function that returns what is wrong, recording nothing | `check_phone`, `check_url`, `check_text`, [`template::check_parameter_text`] |
//! | `rules::*` | a rule that records each fault at the current JSON pointer (most run a `check_*`); one named function per rule, in the `rules` module, whose map lists each with its codes and source | `rules::length::text`, `rules::media::filename` |
//! | `parse` (internal) | a leaf value (phone, URL, a text type) from a string: its rule, recorded | `PhoneNumber::parse`, `Url::parse` |
//! | `assemble` | an object's own rules, from its parts (a `*Draft` of unchecked fields); the one place builders and the reader meet | `List::assemble`, `Media::assemble` |
//! | `Fields` | the one description of a wire object (its field names, which are required, how each is read), from which the reader and the "did you mean" hints work | `fields!(MediaDraft { … })`, one per object |
//! | `Read` | read one value of untrusted JSON in one pass, straight into its draft and then `assemble`: types, required, unknown (with hints) and duplicate fields | `impl Read for Content` and one per type |
//! | `Ctx` | where a validation is (the JSON pointer) and what it found so far | `ctx.rs` |
//!
//! Limits are named constants in [`limits`], each citing its source; the rule codes a violation
//! carries are [`Rule`].
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
mod rules;
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
    pub use crate::json::suggest;
    pub use crate::template::{NameFault, check_language_code, check_template_name};
    pub use crate::text::{TextFaults, TextRule, check_text};
}
