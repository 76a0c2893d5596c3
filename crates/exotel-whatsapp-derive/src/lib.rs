//! `#[derive(ToTemplate)]` for [`exotel-whatsapp`](https://docs.rs/exotel-whatsapp): a struct whose
//! fields are a WhatsApp template's parameters; and `#[derive(ReplyButtons)]` /
//! `#[derive(ListRows)]` for an enum whose variants are an interactive message's reply buttons or
//! list rows (see [below](#reply-buttons-and-list-rows)). Use them through the facade, which
//! re-exports them as `exotel_whatsapp::{ToTemplate, ReplyButtons, ListRows}` (its default `derive`
//! feature).
//!
//! ```ignore
//! use exotel_whatsapp::ToTemplate;
//! use exotel_whatsapp::template::{Currency, DateTime};
//!
//! #[derive(ToTemplate)]
//! #[template(name = "order_shipped", language = "en_US")]
//! struct OrderShipped<'a> {
//!     #[template(header)]
//!     order_no: &'a str,
//!     #[template(body)]
//!     customer: String,
//!     #[template(body)]
//!     total: Currency,
//!     #[template(body)]
//!     eta: DateTime,
//!     #[template(button(index = 0, sub_type = "url"))]
//!     tracking: String,
//!     #[template(button(index = 1, sub_type = "quick_reply"))]
//!     unsubscribe: String,
//! }
//! ```
//!
//! `to_template()` builds the components in the order header, body (its parameters `{{1}}`, `{{2}}`,
//! … in field order), buttons by index; a component without fields is left out, and a struct
//! without fields gives `"components": []`. The name and language are checked at compile time;
//! the values (lengths, empty text) when the template is built, with every violation reported.
//!
//! # Attributes
//!
//! | attribute | meaning | error when misused |
//! | --- | --- | --- |
//! | `#[template(name = "…")]` on the struct | the template's name; required | missing; not `^[a-z0-9_]{1,512}$`; given twice |
//! | `#[template(language = "…")]` on the struct | the language code (`language.policy` is always `deterministic`); required | missing; not `^[a-z]{2,3}(_[A-Z]{2})?$`; given twice |
//! | `#[template(namespace = "…")]` on the struct | the template's namespace; optional | empty; given twice |
//! | `#[template(crate = path)]` on the struct | where the `exotel_whatsapp` crate is, for re-exporters; default `::exotel_whatsapp` | given twice |
//! | `#[template(header)]` on a field | the header's one parameter: `String`, `&str` (text, ≤ 60 characters at run time), `Image`, `Video`, `Document` | a second header field; a type that cannot fill the header |
//! | `#[template(body)]` on a field | the next body parameter: `String`, `&str` (text, ≤ 1024 characters, ≤ 32768 when the body is the only component), `Currency`, `DateTime` | a type that cannot fill the body (media) |
//! | `#[template(button(index = N, sub_type = "url"))]` on a field | the suffix appended to URL button `N`'s URL: `String`, `&str` | `index` missing, outside 0..=2 or used twice; more than 3 buttons; a type that is not text |
//! | `#[template(button(index = N, sub_type = "quick_reply"))]` on a field | the payload of quick-reply button `N`: `String`, `&str` | `sub_type` missing or not `"url"`/`"quick_reply"` (with a hint) |
//!
//! Also errors: an unknown key (with a "did you mean" hint when one is close), a struct key on a
//! field or a field role on the struct, a field with no role or with two, an enum, a union or a
//! tuple struct. Every error of one item is reported at once, each on the offending token, and an
//! empty impl is emitted beside them so no "trait not implemented" errors follow.
//!
//! # Reply buttons and list rows
//!
//! `#[derive(ReplyButtons)]` implements `exotel_whatsapp::ReplyChoices` for a fieldless enum of 1
//! to 3 variants, each a reply button; `#[derive(ListRows)]` implements
//! `exotel_whatsapp::ListChoices` for one of 1 to 10 variants, each a list row. The traits give
//! the message (`Enum::buttons(body)`, `Enum::list(body, button)`, or `add_to` an existing
//! builder or section), each variant's `id()` and `title()` (and `description()` for rows), and the
//! way back: `Enum::from_reply_id(&str)`, `Enum::from_incoming(&IncomingMessage)`, and `FromStr`
//! (error `UnknownChoice`), so that `incoming.reply_as::<Enum>()` and `"id".parse::<Enum>()` work.
//!
//! ```ignore
//! use exotel_whatsapp::{ListRows, ReplyButtons};
//!
//! #[derive(ReplyButtons)]
//! enum Confirm {
//!     #[button(title = "Yes, confirm")]              // id "yes"
//!     Yes,
//!     #[button(title = "Not now", id = "later")]
//!     NotNow,
//! }
//!
//! #[derive(ListRows)]
//! enum Size {
//!     #[row(title = "Small", description = "Chest 86–91 cm")]
//!     Small,
//!     #[row(title = "Extra large")]                 // id "extra_large"
//!     ExtraLarge,
//! }
//! ```
//!
//! | attribute | meaning | error when misused |
//! | --- | --- | --- |
//! | `#[button(title = "…")]` on a variant | the text on the button; required | missing; empty or only whitespace; more than 20 characters; the same as another button's; given twice |
//! | `#[button(id = "…")]` on a variant | the id returned in the webhook; default: the variant's name in snake case (`NotNow` → `not_now`) | empty; whitespace at either end; more than 256 characters; the same as another button's (written or default); given twice |
//! | `#[row(title = "…")]` on a variant | the row's title; required | missing; empty or only whitespace; more than 24 characters; given twice |
//! | `#[row(id = "…")]` on a variant | the id returned in the webhook; default: the variant's name in snake case | empty; more than 200 characters; the same as another row's; given twice |
//! | `#[row(description = "…")]` on a variant | the text under the row's title; optional | more than 72 characters; given twice |
//! | `#[button(crate = path)]`, `#[row(crate = path)]` on the enum | the path of the `exotel_whatsapp` crate, for re-exporters; default `::exotel_whatsapp` | on a variant; given twice |
//!
//! Lengths count characters (`chars().count()`), as the API does, not bytes: a 20-character
//! Devanagari or emoji title is accepted. Also errors: no variants, more than 3 buttons or 10 rows
//! (on the first variant too many), a variant with fields, a struct or a union, an unknown key
//! (with a "did you mean" hint when one is close), a variant key on the enum. Every error is
//! reported at once, the second occurrence of a duplicate being the one marked. The generated code
//! also passes every literal through the core's `const fn from_static` (`ButtonTitle`, `RowId`,
//! …), so the derive and the core cannot disagree on a limit without a compile error.
#![forbid(unsafe_code)]

mod choices;
mod internals;
mod template;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Implements `exotel_whatsapp::ToTemplate` for a struct with named fields; see the
/// [crate docs](crate) for the attributes.
#[proc_macro_derive(ToTemplate, attributes(template))]
pub fn derive_to_template(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    template::derive(&input).into()
}

/// Implements `exotel_whatsapp::ReplyChoices` for a fieldless enum of 1 to 3 variants, each a
/// reply button; see the [crate docs](crate#reply-buttons-and-list-rows) for the attributes.
#[proc_macro_derive(ReplyButtons, attributes(button))]
pub fn derive_reply_buttons(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    choices::derive(&input, &choices::BUTTONS).into()
}

/// Implements `exotel_whatsapp::ListChoices` for a fieldless enum of 1 to 10 variants, each a list
/// row; see the [crate docs](crate#reply-buttons-and-list-rows) for the attributes.
#[proc_macro_derive(ListRows, attributes(row))]
pub fn derive_list_rows(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    choices::derive(&input, &choices::ROWS).into()
}
