//! The reply-button and list-row rules on the parsed model, each error spanned on the offending
//! token: the variant count, every title, id and description against its limit (in characters,
//! as the core counts them), and unique ids (and button titles), reported at the second one.

use std::collections::HashMap;

use exotel_whatsapp_core::__private::{TextRule, check_text};
use proc_macro2::Span;
use syn::Ident;

use super::ast::{Choice, Choices};
use crate::internals::ctxt::Ctxt;
use crate::internals::symbol::{DESCRIPTION, ID, Symbol, TITLE};

/// Every rule; errors go to `cx`.
pub fn validate(cx: &Ctxt, choices: &Choices) {
    let Some(variants) = &choices.variants else { return };
    let kind = choices.kind;
    if variants.is_empty() {
        cx.error_spanned_by(
            choices.ident,
            format!(
                "`{}` needs an enum of 1 to {} variants, one per {}; `{}` has none",
                kind.derive, kind.max_variants, kind.attr, choices.ident
            ),
        );
    }
    if let Some(extra) = variants.get(kind.max_variants) {
        cx.error_spanned_by(
            extra.ident,
            format!(
                "more than {} variants; {} has at most {} {}s",
                kind.max_variants, kind.message, kind.max_variants, kind.attr
            ),
        );
    }
    let (mut ids, mut titles) = (Seen::default(), Seen::default());
    for choice in variants {
        check_texts(cx, choices, choice);
        let id = choice.id_literal().value();
        ids.check(cx, kind.attr, ID, id, choice.ident, choice.id_span());
        if let (true, Some(title)) = (kind.unique_titles, &choice.title) {
            titles.check(cx, kind.attr, TITLE, title.value(), choice.ident, title.span());
        }
    }
}

/// The title (required), the id (written or the default) and the description of one variant.
fn check_texts(cx: &Ctxt, choices: &Choices, choice: &Choice) {
    let kind = choices.kind;
    match &choice.title {
        Some(title) => check_literal(cx, kind.attr, TITLE, kind.title_rule, &title.value(), title.span()),
        None if choice.attrs_clean => cx.error_spanned_by(
            choice.ident,
            format!(
                "variant `{}` has no {attr} title; add `#[{attr}(title = \"…\")]`",
                choice.ident,
                attr = kind.attr
            ),
        ),
        None => {}
    }
    check_literal(cx, kind.attr, ID, kind.id_rule, &choice.id_literal().value(), choice.id_span());
    if let (Some(description), Some(rule)) = (&choice.description, kind.description_rule) {
        check_literal(cx, kind.attr, DESCRIPTION, rule, &description.value(), description.span());
    }
}

/// The core's text rule on a literal: every fault, each its own error on the literal.
fn check_literal(cx: &Ctxt, attr: Symbol, key: Symbol, rule: TextRule, value: &str, span: Span) {
    let faults = check_text(value, rule);
    if faults.empty {
        cx.syn_error(syn::Error::new(span, format!("{attr} `{key}` must not be empty or only whitespace")));
    }
    if let Some(count) = faults.too_long {
        cx.syn_error(syn::Error::new(
            span,
            format!("{attr} `{key}` must be at most {} characters; found {count}", rule.max),
        ));
    }
    if faults.edge_whitespace {
        cx.syn_error(syn::Error::new(span, format!("{attr} `{key}` must not start or end with whitespace")));
    }
}

/// The values of one key seen so far, with the variant that had each first.
#[derive(Default)]
struct Seen(HashMap<String, Ident>);

impl Seen {
    fn check(&mut self, cx: &Ctxt, attr: Symbol, key: Symbol, value: String, variant: &Ident, span: Span) {
        if let Some(first) = self.0.get(&value) {
            cx.syn_error(syn::Error::new(
                span,
                format!("duplicate {attr} `{key}` {value:?}; variant `{first}` already has it"),
            ));
        } else {
            self.0.insert(value, variant.clone());
        }
    }
}
