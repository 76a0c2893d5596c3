//! Parsing `#[button(...)]` and `#[row(...)]`, on the enum and on its variants, into literals that
//! keep their spans; rules are applied in `valid`.

use syn::{Attribute, LitStr, Path};

use super::Kind;
use crate::internals::attr::{Attr, KeyPlace, crate_path, parse_attrs, string};
use crate::internals::ctxt::Ctxt;
use crate::internals::symbol::{CHOICES_KEYS, CRATE, DESCRIPTION, ID, TITLE};

/// The enum's own attribute: only `crate = path`.
pub fn enum_crate(cx: &Ctxt, attrs: &[Attribute], kind: &Kind) -> Option<Path> {
    let mut krate = Attr::none(cx, kind.attr, CRATE);
    let what = format!("{} attribute on the enum", kind.attr);
    let place = KeyPlace {
        attr: kind.attr,
        what: &what,
        keys: CHOICES_KEYS,
        elsewhere: Some((kind.keys, "a variant")),
    };
    // Parse `#[button(crate = path)]` or `#[row(crate = "path")]`
    parse_attrs(cx, attrs, &place, |meta| krate.parse(meta, crate_path));
    krate.get()
}

/// A variant's `#[button(title = "…", id = "…")]` or
/// `#[row(title = "…", id = "…", description = "…")]`.
pub struct Variant {
    pub title: Option<LitStr>,
    pub id: Option<LitStr>,
    pub description: Option<LitStr>,
}

impl Variant {
    /// Every attribute of the kind on one variant; errors go to `cx` and parsing goes on.
    pub fn from_ast(cx: &Ctxt, attrs: &[Attribute], kind: &Kind) -> Self {
        let mut title = Attr::none(cx, kind.attr, TITLE);
        let mut id = Attr::none(cx, kind.attr, ID);
        let mut description = Attr::none(cx, kind.attr, DESCRIPTION);
        let what = format!("{} attribute", kind.attr);
        let place = KeyPlace {
            attr: kind.attr,
            what: &what,
            keys: kind.keys,
            elsewhere: Some((CHOICES_KEYS, "the enum")),
        };
        parse_attrs(cx, attrs, &place, |meta| {
            // Parse `#[button(title = "Yes")]`
            Ok(title.parse(meta, string)?
                // Parse `#[button(id = "yes")]`
                || id.parse(meta, string)?
                // Parse `#[row(description = "…")]`; buttons have none
                || (kind.takes_description() && description.parse(meta, string)?))
        });
        Variant { title: title.get(), id: id.get(), description: description.get() }
    }
}
