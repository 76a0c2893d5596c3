//! `#[derive(ToTemplate)]` for [`exotel-whatsapp`](https://docs.rs/exotel-whatsapp): a struct whose
//! fields are a WhatsApp template's parameters. Use it through the facade, which re-exports it as
//! `exotel_whatsapp::ToTemplate` (its default `derive` feature).
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
#![forbid(unsafe_code)]

mod ast;
mod attr;
mod check;
mod choices;
mod ctxt;
mod expand;
mod symbol;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Implements `exotel_whatsapp::ToTemplate` for a struct with named fields; see the
/// [crate docs](crate) for the attributes.
#[proc_macro_derive(ToTemplate, attributes(template))]
pub fn derive_to_template(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive_to_template(&input).into()
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
