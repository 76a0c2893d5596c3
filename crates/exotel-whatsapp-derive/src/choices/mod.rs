//! `#[derive(ReplyButtons)]` and `#[derive(ListRows)]`: a fieldless enum whose variants are the
//! reply buttons or list rows of an interactive message. One implementation for both, driven by a
//! [`Kind`] table: parse the attributes (`attr`) into a model (`ast`), check it (`valid`), generate
//! the impl (`expand`).
//!
//! The limits and the text rule are the core's own (`limits`, each text type's `RULE`,
//! `check_text` through its `__private`); the generated code also passes every literal through
//! `from_static`.

mod ast;
mod attr;
mod expand;
mod valid;

pub use expand::derive;

use exotel_whatsapp_core::__private::TextRule;
use exotel_whatsapp_core::limits::{BUTTONS_MAX, ROWS_TOTAL_MAX};
use exotel_whatsapp_core::text::{ButtonId, ButtonTitle, RowDescription, RowId, RowTitle};

use crate::internals::symbol::{BUTTON, BUTTON_CHOICE_KEYS, DESCRIPTION, ROW, ROW_KEYS, Symbol};

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
    /// The rule of a title (`ButtonTitle::RULE`, `RowTitle::RULE`).
    pub title_rule: TextRule,
    /// The rule of an id (`ButtonId::RULE`, `RowId::RULE`).
    pub id_rule: TextRule,
    /// The rule of a description (`RowDescription::RULE`); buttons take no `description`.
    pub description_rule: Option<TextRule>,
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
    max_variants: BUTTONS_MAX,
    message: "a reply-button message",
    title_rule: ButtonTitle::RULE,
    id_rule: ButtonId::RULE,
    description_rule: None,
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
    max_variants: ROWS_TOTAL_MAX,
    message: "a list message",
    title_rule: RowTitle::RULE,
    id_rule: RowId::RULE,
    description_rule: Some(RowDescription::RULE),
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
