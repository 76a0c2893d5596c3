//! Parsing `#[template(...)]` into values that keep their spans; rules are applied in `valid`.

use exotel_whatsapp_core::template::SubType;
use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{Attribute, LitInt, LitStr, Path};

use super::INDEX_RANGE;
use crate::internals::attr::{Attr, KeyPlace, crate_path, parse_attrs, parse_nested, string};
use crate::internals::ctxt::Ctxt;
use crate::internals::hint::did_you_mean;
use crate::internals::symbol::{
    BODY, BUTTON, BUTTON_KEYS, CONTAINER_KEYS, CRATE, FIELD_KEYS, HEADER, INDEX, LANGUAGE, NAME, NAMESPACE,
    SUB_TYPE, Symbol, TEMPLATE,
};

/// The struct's `#[template(name = "...", language = "...", namespace = "...", crate = path)]`.
pub struct Container {
    pub name: Option<LitStr>,
    pub language: Option<LitStr>,
    pub namespace: Option<LitStr>,
    pub krate: Option<Path>,
}

/// The slot one `#[template(...)]` key gives a field.
pub enum RoleKind {
    Header,
    Body,
    /// `sub_type` keeps its literal; `None` inside when the value was reported as unknown.
    Button {
        index: Option<(LitInt, u64)>,
        sub_type: Option<(LitStr, Option<SubType>)>,
    },
}

/// A role with the span of its key (`header`, `body`, `button`), where role errors point.
pub struct Role {
    pub kind: RoleKind,
    pub span: Span,
}

impl RoleKind {
    /// The key that gave this role.
    pub fn key(&self) -> Symbol {
        match self {
            RoleKind::Header => HEADER,
            RoleKind::Body => BODY,
            RoleKind::Button { .. } => BUTTON,
        }
    }
}

impl Container {
    /// Every `#[template(...)]` on the struct; errors go to `cx` and parsing goes on.
    pub fn from_ast(cx: &Ctxt, attrs: &[Attribute]) -> Self {
        let mut name = Attr::none(cx, TEMPLATE, NAME);
        let mut language = Attr::none(cx, TEMPLATE, LANGUAGE);
        let mut namespace = Attr::none(cx, TEMPLATE, NAMESPACE);
        let mut krate = Attr::none(cx, TEMPLATE, CRATE);
        let place = KeyPlace {
            attr: TEMPLATE,
            what: "template attribute",
            keys: CONTAINER_KEYS,
            elsewhere: Some((FIELD_KEYS, "a field")),
        };
        parse_attrs(cx, attrs, &place, |meta| {
            // Parse `#[template(name = "order_shipped")]`
            Ok(name.parse(meta, string)?
                // Parse `#[template(language = "en_US")]`
                || language.parse(meta, string)?
                // Parse `#[template(namespace = "...")]`
                || namespace.parse(meta, string)?
                // Parse `#[template(crate = path)]` or `#[template(crate = "path")]`
                || krate.parse(meta, crate_path)?)
        });
        Container {
            name: name.get(),
            language: language.get(),
            namespace: namespace.get(),
            krate: krate.get(),
        }
    }
}

/// Every role the `#[template(...)]` attributes of one field give it, in order.
pub fn field_roles(cx: &Ctxt, attrs: &[Attribute]) -> Vec<Role> {
    let mut roles = Vec::new();
    let place = KeyPlace {
        attr: TEMPLATE,
        what: "template field attribute",
        keys: FIELD_KEYS,
        elsewhere: Some((CONTAINER_KEYS, "the struct")),
    };
    parse_attrs(cx, attrs, &place, |meta| {
        let kind = if meta.path == HEADER {
            // Parse `#[template(header)]`
            RoleKind::Header
        } else if meta.path == BODY {
            // Parse `#[template(body)]`
            RoleKind::Body
        } else if meta.path == BUTTON {
            // Parse `#[template(button(index = 0, sub_type = "url"))]`
            button(cx, meta)?
        } else {
            return Ok(false);
        };
        roles.push(Role { kind, span: meta.path.span() });
        Ok(true)
    });
    roles
}

/// Parses the `(index = N, sub_type = "...")` of `button(...)`.
fn button(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<RoleKind> {
    if !meta.input.peek(syn::token::Paren) {
        return Err(meta.error("expected `button(index = N, sub_type = \"url\" | \"quick_reply\")`"));
    }
    let mut index = Attr::none(cx, TEMPLATE, INDEX);
    let mut sub_type = Attr::none(cx, TEMPLATE, SUB_TYPE);
    let place = KeyPlace { attr: TEMPLATE, what: "button attribute", keys: BUTTON_KEYS, elsewhere: None };
    parse_nested(cx, meta, &place, |meta| {
        // Parse `button(index = 0)`
        Ok(index.parse(meta, button_index)?
            // Parse `button(sub_type = "url")` or `button(sub_type = "quick_reply")`
            || sub_type.parse(meta, |meta| button_sub_type(cx, meta))?)
    })?;
    Ok(RoleKind::Button { index: index.get(), sub_type: sub_type.get() })
}

/// An unsuffixed integer literal and its value (its range is checked in `valid`).
fn button_index(meta: &ParseNestedMeta) -> syn::Result<(LitInt, u64)> {
    let lit: LitInt = meta.value()?.parse()?;
    let value = lit.base10_parse::<u64>().map_err(|_| syn::Error::new(lit.span(), INDEX_RANGE))?;
    if !lit.suffix().is_empty() {
        return Err(syn::Error::new(lit.span(), "button `index` takes an unsuffixed integer"));
    }
    Ok((lit, value))
}

/// The literal and the core's [`SubType`] it names; an unknown one is reported (with a hint) and
/// kept as `None`, so that it is not also reported as missing.
fn button_sub_type(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<(LitStr, Option<SubType>)> {
    let lit = string(meta)?;
    let value = lit.value();
    let kind = SubType::ALL.into_iter().find(|s| s.as_str() == value);
    if kind.is_none() {
        let hint = did_you_mean(&value, SubType::ALL.map(SubType::as_str))
            .map_or(String::new(), |h| format!("; did you mean `{h}`?"));
        let message = format!("button `sub_type` must be \"url\" or \"quick_reply\", not {value:?}{hint}");
        cx.error_spanned_by(&lit, message);
    }
    Ok((lit, kind))
}
