//! JSON read leniently: a callback body that is JSON but for a stray byte or a lone surrogate
//! escape still yields its events, with U+FFFD where the bad text was.
//!
//! A customer's message text is the usual carrier: a phone cut an emoji in half, and the strict
//! parser would drop every event of the batch for one bad character.

use std::borrow::Cow;

use serde::de::IgnoredAny;

/// `body` as text with invalid UTF-8 and lone surrogate escapes replaced by U+FFFD: borrowed, not
/// copied, when it has neither. Whether it is JSON is for its reader to say.
pub(super) fn text(body: &[u8]) -> Cow<'_, str> {
    // `from_utf8` first: it is several times faster than `from_utf8_lossy` on valid text.
    repair_surrogates(std::str::from_utf8(body).map_or_else(|_| String::from_utf8_lossy(body), Cow::Borrowed))
}

/// Whether `text` is one JSON value. Strings are skipped, not decoded: a lone surrogate escape
/// passes, which is why [`text`] repairs them first.
pub(super) fn is_json(text: &str) -> bool {
    serde_json::from_str::<IgnoredAny>(text).is_ok()
}

/// `text` with every `\uXXXX` escape of a lone UTF-16 surrogate replaced by `\uFFFD` (`text`
/// itself when it has none). Other escapes are left alone, so `\\ud83d` (an escaped backslash,
/// then `ud83d`) is not touched. Backslashes are found with `str::find`, which searches for one
/// byte a word at a time, and a repaired text is built in one pass.
pub(super) fn repair_surrogates(text: Cow<'_, str>) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let (mut repaired, mut copied, mut from) = (None::<String>, 0, 0);
    while let Some(found) = text.get(from..).and_then(|rest| rest.find('\\')) {
        let i = from + found;
        let low_next = || escape_at(bytes, i + 6).is_some_and(|low| (0xDC00..=0xDFFF).contains(&low));
        from = i + match escape_at(bytes, i) {
            // `\\`, `\"`, `\n`, …: skip the escaped character, so it is never read as a start.
            None => 2,
            Some(0xD800..=0xDBFF) if low_next() => 12, // a well-formed pair
            Some(0xD800..=0xDFFF) => {
                let out = repaired.get_or_insert_with(|| String::with_capacity(text.len()));
                out.push_str(&text[copied..i]);
                out.push_str("\\ufffd");
                copied = i + 6;
                6
            }
            Some(_) => 6,
        };
        // Past a character escaped that JSON does not allow (`\é`), to where the next one starts.
        while from < text.len() && !text.is_char_boundary(from) {
            from += 1;
        }
    }
    match repaired {
        None => text,
        Some(mut out) => {
            out.push_str(&text[copied..]);
            Cow::Owned(out)
        }
    }
}

/// The code unit of a `\uXXXX` escape starting at `at`, if one does.
fn escape_at(bytes: &[u8], at: usize) -> Option<u32> {
    let hex = bytes.get(at..at + 6)?.strip_prefix(b"\\u")?;
    u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        assert_eq!(repair_surrogates(r#""a\ud83db""#.into()), r#""a\ufffdb""#);
        assert_eq!(repair_surrogates(r#""\ude00""#.into()), r#""\ufffd""#);
        assert_eq!(repair_surrogates(r#""\ud83d\ude00""#.into()), r#""\ud83d\ude00""#, "a pair stays");
        assert_eq!(repair_surrogates(r#""\ud83d\u0041""#.into()), r#""\ufffd\u0041""#);
        assert_eq!(repair_surrogates(r#""\\ud83d""#.into()), r#""\\ud83d""#, "an escaped backslash");
        assert_eq!(
            repair_surrogates(r#""\\\ud83d""#.into()),
            r#""\\\ufffd""#,
            "one after an escaped backslash"
        );
        assert_eq!(
            repair_surrogates(r#""\\\\ud83d\u""#.into()),
            r#""\\\\ud83d\u""#,
            "four, and a backslash-u at the end"
        );
        assert_eq!(repair_surrogates(r#""\ud83d"#.into()), r#""\ufffd"#, "at the end");
        assert_eq!(repair_surrogates(r"\u12".into()), r"\u12", "too short to be an escape");
    }

    #[test]
    fn bad_text_does_not_fail_the_body() {
        let repaired = text(b"{\"text\": \"a\\ud83d b \xff c\"}");
        let value: serde_json::Value = serde_json::from_str(&repaired).unwrap();
        assert_eq!(value["text"], "a\u{fffd} b \u{fffd} c");
        assert!(matches!(text(b"{\"text\": \"a\"}"), Cow::Borrowed(_)), "valid text is not copied");
        // JSON to `IgnoredAny`, which does not decode escapes (found by the fuzzer).
        assert!(is_json(r#"{"sid": "a\uDDD0b"}"#));
        assert_eq!(text(br#"{"sid": "a\uDDD0b"}"#), r#"{"sid": "a\ufffdb"}"#);
        assert!(!is_json("{\"text\": "));
        assert!(!is_json("{} {}"), "one value only");
    }
}
