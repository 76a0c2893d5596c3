//! The attribute keys, as constants compared against parsed paths.

use std::fmt::{self, Display};

use syn::Path;

/// An attribute key.
#[derive(Clone, Copy)]
pub struct Symbol(pub &'static str);

/// The attribute itself: `#[template(...)]`.
pub const TEMPLATE: Symbol = Symbol("template");
/// Struct key: the template's name.
pub const NAME: Symbol = Symbol("name");
/// Struct key: the language code.
pub const LANGUAGE: Symbol = Symbol("language");
/// Struct key: the optional namespace.
pub const NAMESPACE: Symbol = Symbol("namespace");
/// Struct key: the path of the `exotel_whatsapp` crate.
pub const CRATE: Symbol = Symbol("crate");
/// Field role: the header parameter.
pub const HEADER: Symbol = Symbol("header");
/// Field role: a body parameter.
pub const BODY: Symbol = Symbol("body");
/// Field role: a button parameter.
pub const BUTTON: Symbol = Symbol("button");
/// Button key: the position, 0 to 2.
pub const INDEX: Symbol = Symbol("index");
/// Button key: `url` or `quick_reply`.
pub const SUB_TYPE: Symbol = Symbol("sub_type");

/// The attribute of `#[derive(ListRows)]`: `#[row(...)]` (`#[button(...)]` is [`BUTTON`]).
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
/// The values of `sub_type`.
pub const SUB_TYPES: &[&str] = &["url", "quick_reply"];

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

/// The closest of `candidates` to `word`, if close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|&(d, c)| d <= 2 && d < c.chars().count().max(word.chars().count()))
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Levenshtein distance counting an adjacent transposition as one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for (i, row) in d.chunks_mut(width).enumerate() {
        row[0] = i;
    }
    for (j, cell) in d.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1).min(d[i * width + j - 1] + 1);
            best = best.min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn hints_close_keys_only() {
        let keys = ["name", "language", "namespace", "crate"];
        assert_eq!(did_you_mean("langauge", keys), Some("language"));
        assert_eq!(did_you_mean("nme", keys), Some("name"));
        assert_eq!(did_you_mean("bodee", ["header", "body", "button"]), Some("body"));
        assert_eq!(did_you_mean("footer", ["header", "body", "button"]), None);
        assert_eq!(did_you_mean("x", ["url"]), None);
    }
}
