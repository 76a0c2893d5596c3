//! `#[derive(ToTemplate)]`: a struct whose fields are a template's parameters. Parse the
//! attributes (`attr`) into a model (`ast`), check it (`valid`), generate the impl (`expand`).
//!
//! The name and language rules and the limits are the core's own.

mod ast;
mod attr;
mod expand;
mod valid;

use exotel_whatsapp_core::limits::TEMPLATE_BUTTON_INDEX_MAX;

pub use expand::derive;

/// The error for a button `index` out of range, from the parser (too large for a `u64`) and from
/// the checks.
const INDEX_RANGE: &str = "button `index` must be 0, 1 or 2";
const _: () = assert!(TEMPLATE_BUTTON_INDEX_MAX == 2, "`INDEX_RANGE` names every index");
