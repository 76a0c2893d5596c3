//! Parsing `#[template(...)]` into values that keep their spans; rules are applied in `check`.

use proc_macro2::{Span, TokenTree};
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{Attribute, LitInt, LitStr, Path};

use crate::ctxt::Ctxt;
use crate::symbol::{
    BODY, BUTTON, BUTTON_KEYS, CONTAINER_KEYS, CRATE, FIELD_KEYS, HEADER, INDEX, LANGUAGE, NAME, NAMESPACE,
    SUB_TYPE, SUB_TYPES, Symbol, TEMPLATE, did_you_mean,
};

/// The struct's `#[template(name = "...", language = "...", namespace = "...", crate = path)]`.
#[derive(Default)]
pub struct Container {
    pub name: Option<LitStr>,
    pub language: Option<LitStr>,
    pub namespace: Option<LitStr>,
    pub krate: Option<Path>,
}

/// A button's kind, as `sub_type = "..."` names it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum SubType {
    Url,
    QuickReply,
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

/// Sets `slot` once; a second occurrence is an error on its key, naming the attribute `attr`.
pub fn set_once<T>(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    attr: Symbol,
    key: Symbol,
    slot: &mut Option<T>,
    value: T,
) {
    if slot.is_some() {
        cx.error_spanned_by(&meta.path, format!("duplicate {attr} attribute `{key}`"));
    } else {
        *slot = Some(value);
    }
}

/// Skips an unknown key's value (`= ...` or `(...)`) so the keys after it are still parsed.
pub fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
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

/// Where an unknown key was found: the attribute, what it calls the keys there, and those keys.
pub struct KeyPlace<'a> {
    /// The attribute: `template`, `button`, `row`.
    pub attr: Symbol,
    /// What the message calls a key here: `template field attribute`, `button attribute`.
    pub what: &'a str,
    /// The keys taken here, for the hint.
    pub keys: &'a [Symbol],
}

/// ``unknown template attribute `x`; did you mean `y`?``, or the keys expected there; when
/// `elsewhere` is given, the key is known but belongs there (`the struct`, `a field`).
pub fn unknown(cx: &Ctxt, meta: &ParseNestedMeta, place: &KeyPlace, elsewhere: Option<&str>) {
    let KeyPlace { attr, what, keys } = *place;
    let path = &meta.path;
    let word = quote::quote!(#path).to_string().replace(' ', "");
    let message = if let Some(place) = elsewhere {
        format!("{attr} attribute `{word}` belongs on {place}")
    } else if let Some(hint) = did_you_mean(&word, keys.iter().map(|k| k.0)) {
        format!("unknown {what} `{word}`; did you mean `{hint}`?")
    } else {
        let list: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
        format!("unknown {what} `{word}`; expected one of {}", list.join(", "))
    };
    cx.error_spanned_by(path, message);
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

impl Container {
    /// Every `#[template(...)]` on the struct; errors go to `cx` and parsing goes on.
    pub fn from_ast(cx: &Ctxt, attrs: &[Attribute]) -> Self {
        let mut c = Container::default();
        for attr in attrs.iter().filter(|a| a.path() == TEMPLATE) {
            let parsed = attr.parse_nested_meta(|meta| {
                if meta.path == NAME {
                    let v = string(&meta)?;
                    set_once(cx, &meta, TEMPLATE, NAME, &mut c.name, v);
                } else if meta.path == LANGUAGE {
                    let v = string(&meta)?;
                    set_once(cx, &meta, TEMPLATE, LANGUAGE, &mut c.language, v);
                } else if meta.path == NAMESPACE {
                    let v = string(&meta)?;
                    set_once(cx, &meta, TEMPLATE, NAMESPACE, &mut c.namespace, v);
                } else if meta.path == CRATE {
                    let path = crate_path(&meta)?;
                    set_once(cx, &meta, TEMPLATE, CRATE, &mut c.krate, path);
                } else {
                    let on_field = FIELD_KEYS.iter().any(|k| meta.path == *k);
                    let place = KeyPlace { attr: TEMPLATE, what: "template attribute", keys: CONTAINER_KEYS };
                    unknown(cx, &meta, &place, on_field.then_some("a field"));
                    skip_value(&meta)?;
                }
                Ok(())
            });
            if let Err(e) = parsed {
                cx.syn_error(e);
            }
        }
        c
    }
}

/// Every role the `#[template(...)]` attributes of one field give it, in order.
pub fn field_roles(cx: &Ctxt, attrs: &[Attribute]) -> Vec<Role> {
    let mut roles = Vec::new();
    for attr in attrs.iter().filter(|a| a.path() == TEMPLATE) {
        let parsed = attr.parse_nested_meta(|meta| {
            let span = meta.path.span();
            if meta.path == HEADER {
                roles.push(Role { kind: RoleKind::Header, span });
            } else if meta.path == BODY {
                roles.push(Role { kind: RoleKind::Body, span });
            } else if meta.path == BUTTON {
                roles.push(Role { kind: button(cx, &meta)?, span });
            } else {
                let on_struct = CONTAINER_KEYS.iter().any(|k| meta.path == *k);
                let place = KeyPlace { attr: TEMPLATE, what: "template field attribute", keys: FIELD_KEYS };
                unknown(cx, &meta, &place, on_struct.then_some("the struct"));
                skip_value(&meta)?;
            }
            Ok(())
        });
        if let Err(e) = parsed {
            cx.syn_error(e);
        }
    }
    roles
}

/// Parses `button(index = N, sub_type = "...")`.
fn button(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<RoleKind> {
    let (mut index, mut sub_type) = (None, None);
    if !meta.input.peek(syn::token::Paren) {
        return Err(meta.error("expected `button(index = N, sub_type = \"url\" | \"quick_reply\")`"));
    }
    meta.parse_nested_meta(|meta| {
        if meta.path == INDEX {
            let lit: LitInt = meta.value()?.parse()?;
            let value = lit
                .base10_parse::<u64>()
                .map_err(|_| syn::Error::new(lit.span(), "button `index` must be 0, 1 or 2"))?;
            if !lit.suffix().is_empty() {
                return Err(syn::Error::new(lit.span(), "button `index` takes an unsuffixed integer"));
            }
            set_once(cx, &meta, TEMPLATE, INDEX, &mut index, (lit, value));
        } else if meta.path == SUB_TYPE {
            let lit = string(&meta)?;
            let kind = match lit.value().as_str() {
                "url" => Some(SubType::Url),
                "quick_reply" => Some(SubType::QuickReply),
                other => {
                    let hint = did_you_mean(other, SUB_TYPES.iter().copied())
                        .map_or(String::new(), |h| format!("; did you mean `{h}`?"));
                    let message =
                        format!("button `sub_type` must be \"url\" or \"quick_reply\", not {other:?}{hint}");
                    cx.error_spanned_by(&lit, message);
                    None
                }
            };
            set_once(cx, &meta, TEMPLATE, SUB_TYPE, &mut sub_type, (lit, kind));
        } else {
            let place = KeyPlace { attr: TEMPLATE, what: "button attribute", keys: BUTTON_KEYS };
            unknown(cx, &meta, &place, None);
            skip_value(&meta)?;
        }
        Ok(())
    })?;
    Ok(RoleKind::Button { index, sub_type })
}
