//! Typed, validated builders for the [Exotel WhatsApp Messages API](https://developer.exotel.com/):
//! a value of these types cannot be invalid, and when something is wrong you get every violation at
//! once, each with an RFC 6901 JSON pointer, a stable rule code, and the limit and actual length.
//!
//! ```
//! use exotel_whatsapp::content::{Interactive, ListRow, ListSection};
//! use exotel_whatsapp::{Message, Request};
//!
//! let list = Interactive::list("Which delivery slot suits you?", "Choose a slot")
//!     .section(ListSection::titled("Tomorrow").row(ListRow::new("slot_morning", "Morning")))
//!     .build()?;
//! let request = Request::new([Message::new("919999999999", "+919876543210", list)?])?;
//! let json = serde_json::to_string(&request)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Where things are
//!
//! | to … | use |
//! | --- | --- |
//! | build a message | [`Message`], [`content`] (text, media, location, contacts, reply buttons and lists), [`template`] |
//! | build a request (1 to 100 messages, or batches of any number) | [`Request`], [`RequestBuilder`] |
//! | make a template from a struct, buttons or rows from an enum | [`ToTemplate`], [`ReplyButtons`], [`ListRows`] (the `derive` feature) |
//! | check an untrusted request body | [`check::check`], [`check::Report`] |
//! | read what went wrong | [`error`]: [`Error`], [`Violation`], [`Rule`] (every code, errors and warnings) |
//! | know a limit | [`limits`] |
//! | read the answer to a send | [`response`] |
//! | read a webhook (status callbacks, incoming messages) and answer it | [`callback::parse`], [`Message::reply_to`], [`status`] |
//! | describe the request to other languages | `schema` (the `schema` feature) |
//! | reuse a rule in your own validated structs | `validate` (the `validator` feature) |
//!
//! # The words it uses
//!
//! - `new(…)` makes a checked value from its parts; `builder(…)` … `build()` does the same for a
//!   value with optional parts. Both return every violation at once.
//! - `from_static(…)` makes a text type or a [`PhoneNumber`] from a literal in a `const` item,
//!   where a literal that breaks the rule is a compile error.
//! - [`check::check`] reads an untrusted request body: every error and warning, and the typed
//!   request when it is valid. `Deserialize` runs the same rules on one value.
//! - `parse` reads what Exotel sends back, leniently: [`callback::parse`],
//!   [`response::ErrorBody::parse`].
//!
//! The repository's README is the user guide: the command-line checker, the rules and where each
//! comes from, the rules that changed, testing and performance.
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

// The README's examples are compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

pub use exotel_whatsapp_core::*;

/// Sending over HTTP with retries that never send a message twice: the async `Client` (feature
/// `client`) and the `BlockingClient` (feature `blocking`), on the pieces of [`send`].
#[cfg(any(feature = "client", feature = "blocking"))]
#[cfg_attr(docsrs, doc(cfg(any(feature = "client", feature = "blocking"))))]
pub use exotel_whatsapp_client as client;

/// Turns a value into a template message; `#[derive(ToTemplate)]` (the `derive` feature, on by
/// default) implements it for a struct whose fields are the template's parameters.
pub use exotel_whatsapp_core::template::ToTemplate;
/// `#[derive(ToTemplate)]`: see the `exotel-whatsapp-derive` crate for the attributes.
#[cfg(feature = "derive")]
#[cfg_attr(docsrs, doc(cfg(feature = "derive")))]
pub use exotel_whatsapp_derive::ToTemplate;

/// Reply buttons one per value, and back from a reply's id; `#[derive(ReplyButtons)]` implements
/// it for a fieldless enum.
pub use exotel_whatsapp_core::content::ReplyChoices;
/// `#[derive(ReplyButtons)]`: see the `exotel-whatsapp-derive` crate for the attributes.
#[cfg(feature = "derive")]
#[cfg_attr(docsrs, doc(cfg(feature = "derive")))]
pub use exotel_whatsapp_derive::ReplyButtons;

/// List rows one per value, and back from a reply's id; `#[derive(ListRows)]` implements it for a
/// fieldless enum.
pub use exotel_whatsapp_core::content::ListChoices;
/// `#[derive(ListRows)]`: see the `exotel-whatsapp-derive` crate for the attributes.
#[cfg(feature = "derive")]
#[cfg_attr(docsrs, doc(cfg(feature = "derive")))]
pub use exotel_whatsapp_derive::ListRows;

/// A local stand-in for Exotel that checks, answers and calls back like the real one (the
/// `sandbox` feature); `exotel-wa sandbox` runs it from the command line.
#[cfg(feature = "sandbox")]
#[cfg_attr(docsrs, doc(cfg(feature = "sandbox")))]
pub use exotel_whatsapp_sandbox as sandbox;
/// Receiving callbacks: see the `exotel-whatsapp-webhook` crate (feature `webhook`; `axum` for
/// the extractor and router).
#[cfg(feature = "webhook")]
#[cfg_attr(docsrs, doc(cfg(feature = "webhook")))]
pub use exotel_whatsapp_webhook as webhook;

/// The durable send ledger: claimed before sent, never sent twice, on SQLite or PostgreSQL.
#[cfg(feature = "queue")]
#[cfg_attr(docsrs, doc(cfg(feature = "queue")))]
pub use exotel_whatsapp_queue as queue;

// Not public API: what code generated by the derives calls (`::exotel_whatsapp::__private::…`).
#[doc(hidden)]
pub mod __private {
    pub use exotel_whatsapp_core::Error;
    pub use exotel_whatsapp_core::content::{ListChoices, ReplyChoices, UnknownChoice};
    pub use exotel_whatsapp_core::template::{BodySlot, ButtonTextSlot, HeaderSlot, Template, ToTemplate};
    pub use exotel_whatsapp_core::text::{ButtonId, ButtonTitle, RowDescription, RowId, RowTitle};
}
