//! Every rule the core enforces, by name: one function each, in a file named after what it holds
//! (garde's `rules/*.rs`). Builders, `Deserialize`, the checker and the derive reach the same
//! function through the `assemble` of the object the rule belongs to; limits are the named
//! constants of `limits`; `spec/constraints.md` gives each rule's source and the decisions.
//!
//! A rule records what it finds in the `Ctx`, at the current pointer or at the field it names,
//! and returns whether the value passed. A `check_*` function beside it is the pure test, a
//! `const fn` where `from_static` or the derive need one (those keep their public paths:
//! `text::check_text`, `template::check_template_name`, …).
//!
//! (w) marks a warning: reported, but the value is still valid.
//!
//! | rule | function | code | meaning (source) |
//! | --- | --- | --- | --- |
//! | text | `length::text`, over `text::check_text` | `empty`, `too_long`, `whitespace` | each text type's `RULE`: not blank, at most its limit in characters, no space at the ends of a button id (EX, META) |
//! | non-empty | `length::non_empty` | `empty` | contact names, file names, template fallbacks and payloads (EX) |
//! | count | `length::count` | `too_few`, `too_many` | 1–100 messages, 1–3 buttons, 1–10 sections, a row per section, a contact, 0–1 header and exactly 1 button parameter (EX) |
//! | rows in total | `length::rows_in_total` | `too_many` | at most 10 rows across a list's sections (EX, 30032) |
//! | unique | `unique::Unique` | `duplicate` | button ids and titles, row ids; one template header, one body, one button per index (EX, META) |
//! | E.164 | `e164::check_phone` | `e164` | `from` and `to`: an optional `+`, 7 to 15 digits, the first 1–9 (ITU-T E.164, EX, META) |
//! | URL | `url::check_url` | `url`, `private_host` (w), `url_credentials` (w) | media links and status callbacks: absolute `http`/`https` with a host (EX, D) |
//! | link preview | `url::preview_url` | `preview_without_url` (w), `preview_ip_address` (w) | `preview_url` needs a URL with a host name in the body (EX) |
//! | caption | `media::caption` | `not_allowed` | no caption on audio or sticker (META, EX) |
//! | file name | `media::filename` | `not_allowed`, `empty`, `format` | only documents have a filename; a name, not a path (EX, D) |
//! | coordinate | `location::coordinate` | `range` | latitude −90 to 90, longitude −180 to 180 (EX, META) |
//! | address without name | `location::address_without_name` | `address_without_name` (w) | an address is shown only with a name (EX) |
//! | contact name | `contact::name` | `empty`, `required` | `formatted_name` and at least one other part (EX) |
//! | birthday | `contact::birthday`, over `calendar::is_date` | `format` | a real date as `YYYY-MM-DD` (EX) |
//! | country code | `contact::country_code` | `format` | two letters (EX) |
//! | email | `contact::email` | `unusual_email` (w) | a usual address form (D) |
//! | contact URL | `contact::url`, over `url::has_http_scheme` | `url`, `url_without_scheme` (w) | the URL rule, or a warning without a scheme (EX, META) |
//! | standard type | `contact::standard_type` | `nonstandard_type` (w) | `HOME`, `WORK` (phones also `CELL`, `MAIN`, `IPHONE`) (EX) |
//! | list header | `interactive::list_header` | `not_allowed` | a list takes only a text header (EX) |
//! | section title | `interactive::section_title` | `required` | a section needs a title when there are several (EX) |
//! | template name | `template::template_name`, over `template::check_template_name` | `empty`, `too_long`, `format` | `^[a-z0-9_]{1,512}$` (EX, META) |
//! | language | `template::language`, over `template::check_language_code` | `format`, `unknown_language` (w) | `en`, `en_US`; a code outside `template::KNOWN_LANGUAGES` is a warning (EX, META) |
//! | currency code | `template::currency_code` | `format` | an ISO 4217 code (EX) |
//! | button index form | `component::button_index` | `one_of` | on the wire, exactly `"0"`, `"1"` or `"2"` (EX) |
//! | button fields | `component::button_fields_only` | `not_allowed` | `sub_type` and `index` only on button components (EX) |
//! | sub-type | `component::sub_type` | `required` | a button component has a `sub_type` (EX) |
//! | index | `component::index` | `required`, `range` | a button component has an `index` from 0 to 2 (EX) |
//! | header parameter | `parameter::header` | `not_allowed` | text, image, video or document (EX) |
//! | body parameter | `parameter::body` | `not_allowed` | text, currency or date-time (EX) |
//! | body text limit | `parameter::body_text_max` | `too_long` | 1024 characters, 32768 when the body is the only component (EX) |
//! | button parameter | `parameter::button` | `not_allowed`, `empty` | a `payload` for quick replies, `text` for URL buttons (EX, META) |
//! | parameter text | `parameter::check_parameter_text` | `format` | no new line, tab or run of more than 4 spaces (META; EX 30022, 30041) |
//! | media parameter | `parameter::media` | `not_allowed`, `not_pdf` (w) | no caption in a media template; documents are PDF (EX) |
//! | date-time field | `parameter::date_time_part` | `range` | `day_of_week` 1–7, `month` 1–12, `day_of_month` 1–31, `hour` 0–23, `minute` 0–59 (META) |
//! | calendar | `calendar::is_date`, `calendar::days_in_month` | — | which dates exist, for birthdays and callback timestamps |
//!
//! Rules only a JSON document can break belong to the reader (`json`, `check` and the readers
//! beside each type), which meets them while it reads:
//!
//! | rule | where | code |
//! | --- | --- | --- |
//! | a required field (a button component's `parameters` too) | `json::object` (`Fields::is_required`), `json::tagged` | `required` |
//! | an unknown field, with "did you mean" | `json::object`, `json::hint::suggest` | `unknown_field` |
//! | the JSON type of a value | `json::value` and the readers | `type` |
//! | a fixed value: the `type`s, `recipient_type` (only `individual`), `policy`, `calendar`, a reply button's `type` | `json::one_of` in the readers, `json::tagged` | `one_of` |
//! | a payload other than the one `type` names; an action field of the other kind | `json::tagged`, the `action` reader of `content::interactive` | `not_allowed` |
//! | a coordinate as a decimal string; `amount_1000` a whole number | the `Location` and `Currency` readers | `format` |
//! | the same key twice; nesting deeper than 128 | `json::object`, `json::skip` | `duplicate_key`, `json` |
//! | not JSON; too large | `check` | `json`, `too_large` |

pub(crate) mod calendar;
pub(crate) mod component;
pub(crate) mod contact;
pub(crate) mod e164;
pub(crate) mod interactive;
pub(crate) mod length;
pub(crate) mod location;
pub(crate) mod media;
pub(crate) mod parameter;
pub(crate) mod template;
pub(crate) mod unique;
pub(crate) mod url;

#[cfg(test)]
mod tests {
    use crate::error::Rule;

    /// The map above, and every rules file's text.
    fn map() -> &'static str {
        let text = include_str!("mod.rs");
        text.split("#[cfg(test)]").next().unwrap_or(text)
    }

    const FILES: [(&str, &str); 12] = [
        ("calendar", include_str!("calendar.rs")),
        ("component", include_str!("component.rs")),
        ("contact", include_str!("contact.rs")),
        ("e164", include_str!("e164.rs")),
        ("interactive", include_str!("interactive.rs")),
        ("length", include_str!("length.rs")),
        ("location", include_str!("location.rs")),
        ("media", include_str!("media.rs")),
        ("parameter", include_str!("parameter.rs")),
        ("template", include_str!("template.rs")),
        ("unique", include_str!("unique.rs")),
        ("url", include_str!("url.rs")),
    ];

    #[test]
    fn the_map_names_every_rule_code() {
        let missing: Vec<&str> =
            Rule::ALL.iter().map(|r| r.code()).filter(|c| !map().contains(&format!("`{c}`"))).collect();
        assert!(missing.is_empty(), "rule codes missing from the map in rules/mod.rs: {missing:?}");
    }

    #[test]
    fn the_map_names_every_rule_function() {
        let mut missing = Vec::new();
        for (module, text) in FILES {
            for line in text.lines() {
                let item = ["pub(crate) fn ", "pub const fn ", "pub(crate) const fn "]
                    .iter()
                    .find_map(|prefix| line.strip_prefix(prefix));
                let Some(name) = item.and_then(|rest| rest.split(['(', '<', ' ']).next()) else { continue };
                // `is_*` predicates are helpers of the rules that use them.
                let path = format!("`{module}::{name}`");
                if !map().contains(&path) && !name.starts_with("is_") {
                    missing.push(path);
                }
            }
        }
        assert!(missing.is_empty(), "rules missing from the map in rules/mod.rs: {missing:?}");
    }
}
