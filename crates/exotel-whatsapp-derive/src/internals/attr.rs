//! What both derives' attribute parsers share: the loop over the keys of `#[attr(...)]`, values
//! set at most once, unknown keys reported (with a hint) and skipped, and the value parsers.
//!
//! Unrecognized, malformed or duplicated keys are errors in the [`Ctxt`], and parsing goes on
//! after them where it can, so that one derive reports every mistake at once.

use proc_macro2::TokenTree;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, LitStr, Path};

use super::ctxt::Ctxt;
use super::hint::did_you_mean;
use super::symbol::Symbol;

/// Where keys are parsed, for the messages about unknown keys.
pub struct KeyPlace<'a> {
    /// The attribute: `template`, `button`, `row`.
    pub attr: Symbol,
    /// What a message calls a key here: `template field attribute`, `button attribute`.
    pub what: &'a str,
    /// The keys taken here, for the hint.
    pub keys: &'a [Symbol],
    /// Keys of the same attribute that belong on another item, and that item for the message
    /// (`the struct`, `a field`, `the enum`, `a variant`).
    pub elsewhere: Option<(&'a [Symbol], &'a str)>,
}

/// Parses the keys of every `#[attr(...)]` among `attrs` whose name is `place.attr`.
///
/// `each` parses a key it knows and returns `true`; any other key is reported as unknown and its
/// value skipped, so the keys after it are still parsed. A malformed value is reported and ends
/// its attribute.
pub fn parse_attrs(
    cx: &Ctxt,
    attrs: &[Attribute],
    place: &KeyPlace,
    mut each: impl FnMut(&ParseNestedMeta) -> syn::Result<bool>,
) {
    for attr in attrs.iter().filter(|a| a.path() == place.attr) {
        if let Err(e) = attr.parse_nested_meta(|meta| parse_key(cx, place, &meta, &mut each)) {
            cx.syn_error(e);
        }
    }
}

/// [`parse_attrs`] for the keys in a key's parentheses: `button(index = 0, ...)`. A malformed
/// value is returned, to end the enclosing attribute.
pub fn parse_nested(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    place: &KeyPlace,
    mut each: impl FnMut(&ParseNestedMeta) -> syn::Result<bool>,
) -> syn::Result<()> {
    meta.parse_nested_meta(|meta| parse_key(cx, place, &meta, &mut each))
}

/// One key: `each`'s, or reported as unknown and skipped.
fn parse_key(
    cx: &Ctxt,
    place: &KeyPlace,
    meta: &ParseNestedMeta,
    each: &mut impl FnMut(&ParseNestedMeta) -> syn::Result<bool>,
) -> syn::Result<()> {
    if !each(meta)? {
        unknown(cx, meta, place);
        skip_value(meta)?;
    }
    Ok(())
}

/// ``unknown template attribute `x`; did you mean `y`?``, or the keys expected here; or, for a key
/// that belongs on another item, ``template attribute `x` belongs on a field``.
fn unknown(cx: &Ctxt, meta: &ParseNestedMeta, place: &KeyPlace) {
    let KeyPlace { attr, what, keys, elsewhere } = *place;
    let path = &meta.path;
    let word = quote::quote!(#path).to_string().replace(' ', "");
    let belongs = elsewhere.and_then(|(others, item)| others.iter().any(|k| path == *k).then_some(item));
    let message = if let Some(item) = belongs {
        format!("{attr} attribute `{word}` belongs on {item}")
    } else if let Some(hint) = did_you_mean(&word, keys.iter().map(|k| k.0)) {
        format!("unknown {what} `{word}`; did you mean `{hint}`?")
    } else {
        let list: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
        format!("unknown {what} `{word}`; expected one of {}", list.join(", "))
    };
    cx.error_spanned_by(path, message);
}

/// Skips an unknown key's value (`= ...` or `(...)`) so the keys after it are still parsed.
fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    meta.input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((tt, next)) = rest.token_tree() {
            if matches!(&tt, TokenTree::Punct(p) if p.as_char() == ',') {
                break;
            }
            rest = next;
        }
        Ok(((), rest))
    })
}

/// The value of one key, set at most once: a second occurrence is an error on its key.
pub struct Attr<'c, T> {
    cx: &'c Ctxt,
    attribute: Symbol,
    key: Symbol,
    value: Option<T>,
}

impl<'c, T> Attr<'c, T> {
    /// The key `key` of `#[attr(...)]`, not given yet.
    pub fn none(cx: &'c Ctxt, attr: Symbol, key: Symbol) -> Self {
        Attr { cx, attribute: attr, key, value: None }
    }

    /// When `meta` is this key: parses its value with `value` and keeps it (reporting a second
    /// occurrence), and returns `true`.
    pub fn parse(
        &mut self,
        meta: &ParseNestedMeta,
        value: impl FnOnce(&ParseNestedMeta) -> syn::Result<T>,
    ) -> syn::Result<bool> {
        if meta.path != self.key {
            return Ok(false);
        }
        let value = value(meta)?;
        if self.value.is_some() {
            let message = format!("duplicate {} attribute `{}`", self.attribute, self.key);
            self.cx.error_spanned_by(&meta.path, message);
        } else {
            self.value = Some(value);
        }
        Ok(true)
    }

    /// The value, if the key was given.
    pub fn get(self) -> Option<T> {
        self.value
    }
}

/// Parses `key = "string"`.
pub fn string(meta: &ParseNestedMeta) -> syn::Result<LitStr> {
    meta.value()?.parse()
}

/// Parses `crate = path` or `crate = "path"`.
pub fn crate_path(meta: &ParseNestedMeta) -> syn::Result<Path> {
    let value = meta.value()?;
    if value.peek(LitStr) { value.parse::<LitStr>()?.parse() } else { value.parse() }
}
