//! The attribute keys, as constants compared against parsed paths.

use std::fmt::{self, Display};

use syn::Path;

/// An attribute key.
#[derive(Clone, Copy)]
pub struct Symbol(pub &'static str);

/// The attribute of `#[derive(ToTemplate)]`: `#[template(...)]`.
pub const TEMPLATE: Symbol = Symbol("template");
/// Struct key: the template's name.
pub const NAME: Symbol = Symbol("name");
/// Struct key: the language code.
pub const LANGUAGE: Symbol = Symbol("language");
/// Struct key: the optional namespace.
pub const NAMESPACE: Symbol = Symbol("namespace");
/// Struct or enum key: the path of the `exotel_whatsapp` crate.
pub const CRATE: Symbol = Symbol("crate");
/// Field role: the header parameter.
pub const HEADER: Symbol = Symbol("header");
/// Field role: a body parameter.
pub const BODY: Symbol = Symbol("body");
/// Field role: a button parameter; also the attribute of `#[derive(ReplyButtons)]`.
pub const BUTTON: Symbol = Symbol("button");
/// Button key: the position, 0 to 2.
pub const INDEX: Symbol = Symbol("index");
/// Button key: `url` or `quick_reply`.
pub const SUB_TYPE: Symbol = Symbol("sub_type");

/// The attribute of `#[derive(ListRows)]`: `#[row(...)]`.
pub const ROW: Symbol = Symbol("row");
/// Choice key: the text shown on the button or row.
pub const TITLE: Symbol = Symbol("title");
/// Choice key: the id returned in the webhook.
pub const ID: Symbol = Symbol("id");
/// Row key: the text under the row's title.
pub const DESCRIPTION: Symbol = Symbol("description");

/// The keys a struct's `#[template(...)]` takes.
pub const CONTAINER_KEYS: &[Symbol] = &[NAME, LANGUAGE, NAMESPACE, CRATE];
/// The roles a field's `#[template(...)]` takes.
pub const FIELD_KEYS: &[Symbol] = &[HEADER, BODY, BUTTON];
/// The keys inside `button(...)`.
pub const BUTTON_KEYS: &[Symbol] = &[INDEX, SUB_TYPE];
/// The keys an enum's `#[button(...)]` or `#[row(...)]` takes.
pub const CHOICES_KEYS: &[Symbol] = &[CRATE];
/// The keys a variant's `#[button(...)]` takes.
pub const BUTTON_CHOICE_KEYS: &[Symbol] = &[TITLE, ID];
/// The keys a variant's `#[row(...)]` takes.
pub const ROW_KEYS: &[Symbol] = &[TITLE, ID, DESCRIPTION];

impl PartialEq<Symbol> for Path {
    fn eq(&self, word: &Symbol) -> bool {
        self.is_ident(word.0)
    }
}

impl PartialEq<Symbol> for &Path {
    fn eq(&self, word: &Symbol) -> bool {
        self.is_ident(word.0)
    }
}

impl Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}
