//! The template rules on the parsed model, each error spanned on the offending token. The name
//! and language rules and the limits are the core's own (`check_template_name` and
//! `check_language_code` through its `__private`, `limits`).

use std::collections::HashMap;

use exotel_whatsapp_core::__private::{NameFault, check_language_code, check_template_name};
use exotel_whatsapp_core::limits::{TEMPLATE_BUTTON_INDEX_MAX, TEMPLATE_NAME_MAX};
use syn::LitStr;

use super::INDEX_RANGE;
use super::ast::{Container, Field};
use super::attr::RoleKind;
use crate::internals::ctxt::Ctxt;

/// Button components per template, at most; their indexes are 0 to this minus one.
const BUTTONS_MAX: usize = TEMPLATE_BUTTON_INDEX_MAX as usize + 1;

/// Every rule; errors go to `cx`.
pub fn validate(cx: &Ctxt, cont: &Container) {
    check_container(cx, cont);
    for field in &cont.fields {
        check_roles(cx, field);
    }
    check_header(cx, cont);
    check_buttons(cx, cont);
}

fn check_container(cx: &Ctxt, cont: &Container) {
    let attrs = &cont.attrs;
    if cont.attrs_clean {
        for (missing, key, example) in [
            (attrs.name.is_none(), "name", "name = \"order_shipped\""),
            (attrs.language.is_none(), "language", "language = \"en_US\""),
        ] {
            if missing {
                cx.error_spanned_by(
                    cont.ident,
                    format!("missing template attribute `{key}`; add `#[template({example})]`"),
                );
            }
        }
    }
    if let Some(name) = &attrs.name {
        check_name(cx, name);
    }
    if let Some(language) = &attrs.language {
        if !check_language_code(&language.value()) {
            cx.error_spanned_by(
                language,
                "template `language` must be a code such as \"en\" or \"en_US\" (`^[a-z]{2,3}(_[A-Z]{2})?$`)",
            );
        }
    }
    if let Some(namespace) = &attrs.namespace {
        if namespace.value().trim().is_empty() {
            cx.error_spanned_by(namespace, "template `namespace` must not be empty");
        }
    }
}

/// The core's name rule, `^[a-z0-9_]{1,512}$`.
fn check_name(cx: &Ctxt, name: &LitStr) {
    let value = name.value();
    let message = match check_template_name(&value) {
        Ok(()) => return,
        Err(NameFault::Empty) => "template `name` must not be empty".to_owned(),
        Err(NameFault::Character) => {
            let c = value.chars().find(|c| !matches!(c, 'a'..='z' | '0'..='9' | '_')).unwrap_or('?');
            format!("template `name` may contain only `a-z`, `0-9` and `_`; found `{}`", c.escape_debug())
        }
        Err(NameFault::TooLong(n)) => {
            format!("template `name` must be at most {TEMPLATE_NAME_MAX} characters; found {n}")
        }
    };
    cx.error_spanned_by(name, message);
}

/// Exactly one role per field.
fn check_roles(cx: &Ctxt, field: &Field) {
    let Some(first) = field.roles.first() else {
        if field.attrs_clean {
            cx.error_spanned_by(
                field.ident,
                format!(
                    "field `{}` has no template role; add `#[template(header)]`, `#[template(body)]` \
                     or `#[template(button(index = 0, sub_type = \"url\"))]`",
                    field.ident
                ),
            );
        }
        return;
    };
    for extra in field.roles.iter().skip(1) {
        cx.syn_error(syn::Error::new(
            extra.span,
            format!(
                "field `{}` already has the role `{}`; a field fills exactly one template slot",
                field.ident,
                first.kind.key()
            ),
        ));
    }
}

/// At most one header field.
fn check_header(cx: &Ctxt, cont: &Container) {
    let headers =
        cont.fields.iter().filter_map(|f| f.roles.first()).filter(|r| matches!(r.kind, RoleKind::Header));
    for extra in headers.skip(1) {
        cx.syn_error(syn::Error::new(
            extra.span,
            "more than one `header` field; a template header has exactly one parameter",
        ));
    }
}

/// Each button has an index 0 to 2 and a sub-type; indexes are unique; at most 3 buttons.
fn check_buttons(cx: &Ctxt, cont: &Container) {
    let mut seen: HashMap<u64, &syn::Ident> = HashMap::new();
    let buttons = cont.fields.iter().filter_map(|f| Some((f, f.roles.first()?)));
    let buttons = buttons.filter(|(_, r)| matches!(r.kind, RoleKind::Button { .. }));
    for (n, (field, role)) in buttons.enumerate() {
        let RoleKind::Button { index, sub_type } = &role.kind else { continue };
        if n >= BUTTONS_MAX {
            cx.syn_error(syn::Error::new(
                role.span,
                format!(
                    "more than {BUTTONS_MAX} `button` fields; a template has at most {BUTTONS_MAX} buttons"
                ),
            ));
            continue;
        }
        // A key reported as unknown may be the missing one: report what is missing only when the
        // field's attributes parsed cleanly.
        if sub_type.is_none() && field.attrs_clean {
            cx.syn_error(syn::Error::new(
                role.span,
                "`button` needs `sub_type = \"url\"` or `sub_type = \"quick_reply\"`",
            ));
        }
        let Some((lit, value)) = index else {
            if field.attrs_clean {
                cx.syn_error(syn::Error::new(role.span, "`button` needs `index = 0`, `1` or `2`"));
            }
            continue;
        };
        if *value >= BUTTONS_MAX as u64 {
            cx.error_spanned_by(lit, INDEX_RANGE);
        } else if let Some(first) = seen.get(value) {
            cx.error_spanned_by(lit, format!("button `index` {value} is already used by field `{first}`"));
        } else {
            seen.insert(*value, field.ident);
        }
    }
}
