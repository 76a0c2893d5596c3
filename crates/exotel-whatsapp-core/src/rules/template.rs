//! Template names, language codes and currency codes: the pattern rules and the published lists.

use crate::ctx::Ctx;
use crate::error::Problem;
use crate::limits::TEMPLATE_NAME_MAX;

/// What is wrong with a template name.
// Not public API: the derive crate's, through `__private`. Should be pub(crate).
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameFault {
    /// The name is empty.
    Empty,
    /// More than [`TEMPLATE_NAME_MAX`] characters (the count).
    TooLong(usize),
    /// A character outside `a-z`, `0-9` and `_`.
    Character,
}

/// The template name rule: `^[a-z0-9_]{1,512}$` (EX, META).
///
/// # Errors
/// The first fault found.
// Not public API: the derive crate's, through `__private`. Should be pub(crate).
#[doc(hidden)]
pub const fn check_template_name(name: &str) -> Result<(), NameFault> {
    if name.is_empty() {
        return Err(NameFault::Empty);
    }
    let mut rest = name.as_bytes();
    while let [byte, after @ ..] = rest {
        if !matches!(byte, b'a'..=b'z' | b'0'..=b'9' | b'_') {
            return Err(NameFault::Character);
        }
        rest = after;
    }
    // Only ASCII is left: a byte is a character.
    if name.len() > TEMPLATE_NAME_MAX {
        return Err(NameFault::TooLong(name.len()));
    }
    Ok(())
}

/// The template name rule, recorded here: `empty`, `too_long` or `format`.
pub(crate) fn template_name(name: &str, cx: &mut Ctx) {
    if let Err(fault) = check_template_name(name) {
        cx.error(match fault {
            NameFault::Empty => Problem::Empty,
            NameFault::TooLong(actual) => Problem::TooLong { limit: TEMPLATE_NAME_MAX, actual },
            NameFault::Character => Problem::Format { expected: "lower-case letters, digits and `_` only" },
        });
    }
}

/// The language code rule: `^[a-z]{2,3}(_[A-Z]{2})?$` (`en`, `en_US`, `fil`, `prs_AF`).
// Not public API: the derive crate's, through `__private`. Should be pub(crate).
#[doc(hidden)]
pub const fn check_language_code(code: &str) -> bool {
    // A `_` and two capitals at the end are the region; the language is what comes before them.
    let (lang, region) = match code.as_bytes() {
        [lang @ .., b'_', a, b] => (lang, a.is_ascii_uppercase() && b.is_ascii_uppercase()),
        lang => (lang, true),
    };
    region
        && match lang {
            [a, b] => a.is_ascii_lowercase() && b.is_ascii_lowercase(),
            [a, b, c] => a.is_ascii_lowercase() && b.is_ascii_lowercase() && c.is_ascii_lowercase(),
            _ => false,
        }
}

/// The language codes Meta publishes as supported for templates, in the order of its table:
/// <https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/supported-languages>
/// ("Updated: May 21, 2026"; 111 codes, `en_IN`, `prs_AF` and the regional variants among
/// them). A code outside it is a warning (`unknown_language`), not an error, so that a newly
/// added language does not break callers.
pub const KNOWN_LANGUAGES: &[&str] = &[
    "af", "sq", "ar", "ar_EG", "ar_AE", "ar_LB", "ar_MA", "ar_QA", "az", "be_BY", "bn", "bn_IN", "bg", "ca",
    "zh_CN", "zh_HK", "zh_TW", "hr", "cs", "da", "prs_AF", "nl", "nl_BE", "en", "en_GB", "en_US", "en_AE",
    "en_AU", "en_CA", "en_GH", "en_IE", "en_IN", "en_JM", "en_MY", "en_NZ", "en_QA", "en_SG", "en_UG",
    "en_ZA", "et", "fil", "fi", "fr", "fr_BE", "fr_CA", "fr_CH", "fr_CI", "fr_MA", "ka", "de", "de_AT",
    "de_CH", "el", "gu", "ha", "he", "hi", "hu", "id", "ga", "it", "ja", "kn", "kk", "rw_RW", "ko", "ky_KG",
    "lo", "lv", "lt", "mk", "ms", "ml", "mr", "nb", "ps_AF", "fa", "pl", "pt_BR", "pt_PT", "pa", "ro", "ru",
    "sr", "si_LK", "sk", "sl", "es", "es_AR", "es_CL", "es_CO", "es_CR", "es_DO", "es_EC", "es_HN", "es_MX",
    "es_PA", "es_PE", "es_ES", "es_UY", "sw", "sv", "ta", "te", "th", "tr", "uk", "ur", "uz", "vi", "zu",
];

/// A language code as a number, for [`LANGUAGE_KEYS`]: its bytes, first byte highest (codes
/// are at most 6 bytes long and hold no zero byte, so two codes never share a key).
const fn language_key(code: &str) -> u64 {
    let b = code.as_bytes();
    let (mut key, mut i) = (0, 0);
    while i < b.len() && i < 8 {
        key = (key << 8) | b[i] as u64;
        i += 1;
    }
    key
}

/// The keys of [`KNOWN_LANGUAGES`], sorted at compile time, for a binary search.
const LANGUAGE_KEYS: [u64; KNOWN_LANGUAGES.len()] = {
    let mut keys = [0; KNOWN_LANGUAGES.len()];
    let mut i = 0;
    while i < keys.len() {
        // Insertion sort: 111 codes, once, by the compiler.
        let key = language_key(KNOWN_LANGUAGES[i]);
        let mut j = i;
        while j > 0 && keys[j - 1] > key {
            keys[j] = keys[j - 1];
            j -= 1;
        }
        keys[j] = key;
        i += 1;
    }
    keys
};

/// Whether `code` is in [`KNOWN_LANGUAGES`], for a code that follows [`check_language_code`].
fn is_known_language(code: &str) -> bool {
    code.len() <= 8 && LANGUAGE_KEYS.binary_search(&language_key(code)).is_ok()
}

/// The language rule, recorded here: `format` unless the code follows `check_language_code`,
/// and the warning `unknown_language` for a code outside `KNOWN_LANGUAGES` (EX, META).
pub(crate) fn language(code: &str, cx: &mut Ctx) {
    if !check_language_code(code) {
        cx.error(Problem::Format { expected: "a language code such as \"en\" or \"en_US\"" });
    } else if !is_known_language(code) {
        cx.warn(Problem::UnknownLanguage { found: code.to_owned() });
    }
}

/// ISO 4217 alphabetic codes, sorted (EX: "Currency code as defined in ISO 4217").
///
/// Hand-kept rather than from a crate: the maintained ones (`iso_currency`, `iso4217`) generate
/// country and symbol tables in a build script or lag behind the standard (neither had `ZWG` or
/// `XCG` when this list was refreshed), for one `binary_search` here. Source: ISO 4217 List One
/// as published by SIX, the maintenance agency (<https://www.six-group.com/en/products-services/financial-information/market-reference-data/data-standards.html>),
/// refreshed in 2026 with `ZWG` (Zimbabwe Gold, 2024) and `XCG` (Caribbean guilder, 2025). Codes
/// being phased out (`ANG`, `CUC`, `SLL`, `ZWL`) are kept, since refusing a code Exotel may still
/// take would block a message. `tests/fixtures/iso4217-list-one.txt` holds the list the test
/// below compares against: paste a newer List One there and the test names every new code.
const ISO_4217: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD",
    "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHE", "CHF",
    "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD",
    "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD",
    "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR",
    "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA",
    "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO",
    "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB",
    "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SLL", "SOS", "SRD", "SSP", "STN", "SVC",
    "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "USN",
    "UYI", "UYU", "UYW", "UZS", "VED", "VES", "VND", "VUV", "WST", "XAF", "XAG", "XAU", "XBA", "XBB", "XBC",
    "XBD", "XCD", "XCG", "XDR", "XOF", "XPD", "XPF", "XPT", "XSU", "XTS", "XUA", "XXX", "YER", "ZAR", "ZMW",
    "ZWG", "ZWL",
];

/// A currency parameter's `code` is an ISO 4217 code (`format`; EX: "Currency code as defined
/// in ISO 4217").
pub(crate) fn currency_code(code: &str, cx: &mut Ctx) {
    if ISO_4217.binary_search(&code).is_err() {
        cx.error(Problem::Format { expected: "an ISO 4217 currency code such as \"INR\"" });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_iso_4217(code: &str) -> bool {
        ISO_4217.binary_search(&code).is_ok()
    }

    #[test]
    fn currency_list_is_sorted_for_binary_search() {
        assert!(ISO_4217.windows(2).all(|w| w[0] < w[1]));
        assert!(is_iso_4217("INR") && is_iso_4217("USD") && !is_iso_4217("usd") && !is_iso_4217("ABC"));
        assert!(is_iso_4217("ZWG") && is_iso_4217("XCG"));
    }

    #[test]
    fn currency_list_matches_the_published_list() {
        // One code per line after the `#` header lines; a newer List One pasted there makes this
        // test name each code missing from `ISO_4217`, and each one the list no longer has.
        let published: Vec<&str> = include_str!("../../tests/fixtures/iso4217-list-one.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(str::trim)
            .collect();
        let missing: Vec<&&str> = published.iter().filter(|c| !is_iso_4217(c)).collect();
        assert!(missing.is_empty(), "ISO 4217 codes missing from ISO_4217: {missing:?}");
        let kept = ["ANG", "CUC", "SLL", "ZWL"];
        let extra: Vec<&&str> =
            ISO_4217.iter().filter(|c| !published.contains(c) && !kept.contains(c)).collect();
        assert!(extra.is_empty(), "codes no longer published: {extra:?}");
    }

    #[test]
    fn language_codes_follow_the_pattern() {
        for ok in ["en", "en_US", "fil", "prs_AF", "en_IN"] {
            assert!(check_language_code(ok), "{ok}");
        }
        for bad in ["", "e", "EN", "en_us", "en-US", "engl", "en_USA", "én"] {
            assert!(!check_language_code(bad), "{bad}");
        }
        assert!(KNOWN_LANGUAGES.iter().all(|c| check_language_code(c)));
        // The sorted keys find every listed code and nothing else: no two codes share a key.
        assert!(LANGUAGE_KEYS.windows(2).all(|w| w[0] < w[1]));
        assert!(KNOWN_LANGUAGES.iter().all(|c| is_known_language(c)));
        for unlisted in ["xx", "en_XX", "enn", "e", "", "en_USA", "nl_NL", "fil_PH", "prs", "ab", "zz_ZZ"] {
            assert!(!is_known_language(unlisted), "{unlisted}");
        }
        for listed in ["af", "zu", "ar_EG", "prs_AF", "en_US", "hi"] {
            assert!(is_known_language(listed), "{listed}");
        }
        for listed in ["en_IN", "prs_AF", "bn_IN", "es_CL", "zu"] {
            assert!(KNOWN_LANGUAGES.contains(&listed), "{listed}");
        }
    }

    /// The language code rule as first written, by lengths and indices.
    fn by_indices(code: &str) -> bool {
        let b = code.as_bytes();
        let lang = match b.len() {
            2 | 5 => 2,
            3 | 6 => 3,
            _ => return false,
        };
        b[..lang].iter().all(u8::is_ascii_lowercase)
            && (b.len() == lang
                || (b[lang] == b'_' && b[lang + 1].is_ascii_uppercase() && b[lang + 2].is_ascii_uppercase()))
    }

    #[test]
    fn language_codes_agree_with_the_rule_as_first_written() {
        // Every string of up to seven of these pieces.
        let pieces = ["a", "z", "A", "Z", "_", "-", "é"];
        let mut level = vec![String::new()];
        for _ in 0..7 {
            level = level.iter().flat_map(|s| pieces.iter().map(move |p| format!("{s}{p}"))).collect();
            for code in &level {
                assert_eq!(check_language_code(code), by_indices(code), "{code:?}");
            }
        }
    }

    #[test]
    fn template_names_follow_the_pattern() {
        assert_eq!(check_template_name("order_shipped_2"), Ok(()));
        assert_eq!(check_template_name(""), Err(NameFault::Empty));
        assert_eq!(check_template_name("Order"), Err(NameFault::Character));
        assert_eq!(check_template_name(&"a".repeat(512)), Ok(()));
        assert_eq!(check_template_name(&"a".repeat(513)), Err(NameFault::TooLong(513)));
    }
}
