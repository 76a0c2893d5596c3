//! `#[derive(ReplyButtons)]` and `#[derive(ListRows)]`: a fieldless enum whose variants are the
//! reply buttons or list rows of an interactive message. One implementation for both, driven by a
//! [`Kind`] table: parse (`ast`), check (`check`), generate (`expand`).
//!
//! The limits duplicate `exotel_whatsapp_core::limits`; the generated code also passes every
//! literal through the core's `const fn from_static`, and `tests/reply_derive.rs` compiles literals
//! exactly at each limit, so the two cannot drift apart unnoticed.

mod ast;
mod check;
mod expand;

pub use expand::derive;

use crate::symbol::{BUTTON, BUTTON_CHOICE_KEYS, DESCRIPTION, ROW, ROW_KEYS, Symbol};

/// What differs between reply buttons and list rows.
pub struct Kind {
    /// The derive's name, for messages: `ReplyButtons`.
    pub derive: &'static str,
    /// The attribute, also the noun in messages: `button`, `row`.
    pub attr: Symbol,
    /// The keys a variant's attribute takes.
    pub keys: &'static [Symbol],
    /// Most variants (`BUTTONS_MAX`, `ROWS_TOTAL_MAX` in the core).
    pub max_variants: usize,
    /// The message kind, for the too-many-variants error: `a reply-button message`.
    pub message: &'static str,
    /// Most characters in a title (`BUTTON_TITLE_MAX`, `ROW_TITLE_MAX`).
    pub title_max: usize,
    /// Most characters in an id (`BUTTON_ID_MAX`, `ROW_ID_MAX`).
    pub id_max: usize,
    /// Most characters in a description (`ROW_DESCRIPTION_MAX`); buttons take no `description`.
    pub description_max: usize,
    /// Whether two choices may not share a title (buttons: the core refuses it).
    pub unique_titles: bool,
    /// The trait implemented, in `__private`.
    pub trait_name: &'static str,
    /// The core's text types for the title and the id, in `__private`.
    pub title_type: &'static str,
    /// See `title_type`.
    pub id_type: &'static str,
}

/// `#[derive(ReplyButtons)]`.
pub const BUTTONS: Kind = Kind {
    derive: "ReplyButtons",
    attr: BUTTON,
    keys: BUTTON_CHOICE_KEYS,
    max_variants: 3,
    message: "a reply-button message",
    title_max: 20,
    id_max: 256,
    description_max: 0,
    unique_titles: true,
    trait_name: "ReplyChoices",
    title_type: "ButtonTitle",
    id_type: "ButtonId",
};

/// `#[derive(ListRows)]`.
pub const ROWS: Kind = Kind {
    derive: "ListRows",
    attr: ROW,
    keys: ROW_KEYS,
    max_variants: 10,
    message: "a list message",
    title_max: 24,
    id_max: 200,
    description_max: 72,
    unique_titles: false,
    trait_name: "ListChoices",
    title_type: "RowTitle",
    id_type: "RowId",
};

impl Kind {
    /// Whether the variants take `description = "…"` (rows do).
    pub fn takes_description(&self) -> bool {
        self.keys.iter().any(|k| k.0 == DESCRIPTION.0)
    }
}
