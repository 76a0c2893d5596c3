//! Contact cards: the name's parts, the birthday, country codes, and the warnings on emails,
//! URLs and `type` values.

use crate::content::Name;
use crate::ctx::Ctx;
use crate::error::Problem;
use crate::rules::url::has_http_scheme;
use crate::rules::{calendar, length};
use crate::url::Url;

/// EX: "Standard values are HOME and WORK."
pub(crate) const STANDARD_TYPES: &[&str] = &["HOME", "WORK"];
/// EX: "Standard Values are CELL, MAIN, IPHONE, HOME, and WORK."
pub(crate) const STANDARD_PHONE_TYPES: &[&str] = &["CELL", "MAIN", "IPHONE", "HOME", "WORK"];

/// A name has a non-empty `formatted_name` (`empty`) and at least one other part that is not
/// blank (`required` at the name; EX, Name Object: "At least one of the optional parameters needs
/// to be included along with the `formatted_name` parameter"). `mistyped`: a part was given with
/// the wrong JSON type, already reported.
pub(crate) fn name(name: &Name, mistyped: bool, cx: &mut Ctx) {
    cx.at("formatted_name", |cx| length::non_empty(&name.formatted_name, cx));
    let parts = [&name.first_name, &name.last_name, &name.middle_name, &name.suffix, &name.prefix];
    if !mistyped && parts.iter().all(|p| p.as_deref().is_none_or(|p| p.trim().is_empty())) {
        cx.error(Problem::RequiredOneOf {
            fields: &["first_name", "last_name", "middle_name", "suffix", "prefix"],
        });
    }
}

/// A birthday is a real date as `YYYY-MM-DD` (`format`; EX: "YYYY-MM-DD formatted string").
pub(crate) fn birthday(date: &str, cx: &mut Ctx) {
    if !calendar::is_date(date) {
        cx.error(Problem::Format { expected: "a real date as YYYY-MM-DD" });
    }
}

/// An address's `country_code` is two ASCII letters (`format`; EX: "Two-letter country
/// abbreviation").
pub(crate) fn country_code(code: &str, cx: &mut Ctx) {
    if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_alphabetic()) {
        cx.error(Problem::Format { expected: "a two-letter country code such as \"IN\"" });
    }
}

/// An email address of an unusual form (warning `unusual_email`; D: `name@localhost` is
/// possible, and no source restricts it, so it is never an error).
pub(crate) fn email(email: &str, cx: &mut Ctx) {
    if !is_usual_email(email) {
        cx.warn(Problem::UnusualEmail);
    }
}

/// A usual email address: one `@`, a local part, a dotted domain, no spaces.
fn is_usual_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
        && domain.split('.').count() >= 2
        && domain
            .split('.')
            .all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'))
}

/// A contact's URL: an absolute one keeps the URL rule; one without a scheme
/// (`www.example.com`) is only a warning (`url_without_scheme`; EX: "URL of the contact", META: a
/// string).
pub(crate) fn url(url: &str, cx: &mut Ctx) {
    if has_http_scheme(url) {
        Url::parse(url.to_owned(), cx);
    } else {
        cx.warn(Problem::UrlWithoutScheme);
    }
}

/// A `type` outside its standard values (warning `nonstandard_type` at `/type`; EX: "Standard
/// values are …").
pub(crate) fn standard_type(kind: Option<&String>, standard: &'static [&'static str], cx: &mut Ctx) {
    if let Some(kind) = kind.filter(|k| !standard.contains(&k.as_str())) {
        cx.at("type", |cx| cx.warn(Problem::NonstandardType { standard, found: kind.clone() }));
    }
}
