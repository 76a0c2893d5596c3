//! The derive input as a model: the enum's attribute and its variants with their titles, ids and
//! descriptions as written (literals keep their spans), in declaration order.

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::{Data, DeriveInput, Fields, Generics, Ident, LitStr, Path};

use super::{Kind, attr};
use crate::internals::ctxt::Ctxt;

/// The enum the choices are derived for.
pub struct Choices<'a> {
    pub kind: &'static Kind,
    pub ident: &'a Ident,
    pub generics: &'a Generics,
    /// `#[button(crate = path)]` / `#[row(crate = path)]` on the enum.
    pub krate: Option<Path>,
    /// The variants; `None` when the input is not an enum (already reported).
    pub variants: Option<Vec<Choice<'a>>>,
}

/// One variant: one button or row.
pub struct Choice<'a> {
    pub ident: &'a Ident,
    pub title: Option<LitStr>,
    pub id: Option<LitStr>,
    pub description: Option<LitStr>,
    /// Whether the variant's attributes parsed without an error (else a missing title is not
    /// reported, as the parser may have stopped before it).
    pub attrs_clean: bool,
}

impl<'a> Choices<'a> {
    /// Parses every attribute, reporting inputs that are not fieldless enums.
    pub fn from_ast(cx: &Ctxt, input: &'a DeriveInput, kind: &'static Kind) -> Self {
        let krate = attr::enum_crate(cx, &input.attrs, kind);
        let unsupported = |token: &dyn quote::ToTokens, what: &str| {
            let message = format!(
                "`{}` cannot be derived for {what}; use a fieldless enum, one variant per {}",
                kind.derive, kind.attr
            );
            cx.error_spanned_by(token.to_token_stream(), message);
        };
        let variants = match &input.data {
            Data::Enum(data) => Some(data.variants.iter().map(|v| Choice::from_ast(cx, v, kind)).collect()),
            Data::Struct(data) => {
                unsupported(&data.struct_token, "a struct");
                None
            }
            Data::Union(data) => {
                unsupported(&data.union_token, "a union");
                None
            }
        };
        Choices { kind, ident: &input.ident, generics: &input.generics, krate, variants }
    }
}

impl<'a> Choice<'a> {
    fn from_ast(cx: &Ctxt, variant: &'a syn::Variant, kind: &Kind) -> Self {
        let before = cx.error_count();
        let attr::Variant { title, id, description } = attr::Variant::from_ast(cx, &variant.attrs, kind);
        let attrs_clean = cx.error_count() == before;
        if !matches!(variant.fields, Fields::Unit) {
            cx.error_spanned_by(
                &variant.fields,
                format!(
                    "`{}` variant `{}` must have no fields; each variant is one {}",
                    kind.derive, variant.ident, kind.attr
                ),
            );
        }
        Choice { ident: &variant.ident, title, id, description, attrs_clean }
    }

    /// The id as a literal: the one written, or the variant's name in snake case spanned on it.
    pub fn id_literal(&self) -> LitStr {
        self.id.clone().unwrap_or_else(|| LitStr::new(&snake_case(self.ident), self.ident.span()))
    }

    /// Where errors about the id point: its literal, or the variant's name when it is the default.
    pub fn id_span(&self) -> Span {
        self.id.as_ref().map_or_else(|| self.ident.span(), LitStr::span)
    }
}

/// `NotNow` → `not_now`, `HTTPServer` → `http_server`, `Size2XL` → `size2_xl`; `r#` is dropped.
pub fn snake_case(ident: &Ident) -> String {
    let chars: Vec<char> = ident.unraw().to_string().chars().collect();
    let mut out = String::with_capacity(chars.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            let boundary =
                prev.is_some_and(|p| p.is_lowercase() || p.is_numeric() || (p.is_uppercase() && next_lower));
            if boundary && !out.ends_with('_') {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::snake_case;

    #[test]
    fn snake_case_splits_words_and_acronyms() {
        for (name, snake) in [
            ("Yes", "yes"),
            ("NotNow", "not_now"),
            ("HTTPServer", "http_server"),
            ("Size2XL", "size2_xl"),
            ("Option_A", "option_a"),
            ("r#Type", "type"),
            ("already_snake", "already_snake"),
            ("Ünïcode", "ünïcode"),
        ] {
            let ident: syn::Ident = syn::parse_str(name).expect("an identifier");
            assert_eq!(snake_case(&ident), snake, "{name}");
        }
    }
}
