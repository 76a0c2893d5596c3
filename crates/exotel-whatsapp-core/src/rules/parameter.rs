//! Template parameters: which kinds each component takes, the text and media rules of
//! templates, and the ranges of date-time fields.

use std::ops::RangeInclusive;

use crate::ctx::Ctx;
use crate::error::Problem;
use crate::limits::{
    PARAMETER_TEXT_SPACES_MAX, TEMPLATE_BODY_ALONE_MAX, TEMPLATE_BODY_TEXT_MAX, TEMPLATE_HEADER_TEXT_MAX,
};
use crate::rules::length;
use crate::template::{Parameter, SubType};
use crate::text::TextRule;

/// A header takes one text, image, video or document parameter (`not_allowed` at `/type`; EX,
/// Component Object); text of at most [`TEMPLATE_HEADER_TEXT_MAX`] characters. Captions are not
/// allowed in media templates (`not_allowed` at the caption; EX: "Captions not supported when used
/// in a media template"), and a document that does not end in `.pdf` is a warning (`not_pdf`; EX:
/// "Only PDF documents are supported for media-based message templates").
pub(crate) fn header(p: Parameter, cx: &mut Ctx) -> Option<Parameter> {
    let (name, caption) = match p {
        Parameter::Text { text } => return text_parameter(text, TEMPLATE_HEADER_TEXT_MAX, cx),
        Parameter::Image { ref image } => ("image", image.caption().is_some()),
        Parameter::Video { ref video } => ("video", video.caption().is_some()),
        Parameter::Document { ref document } => {
            let pdf = |s: &str| s.len() >= 4 && s.as_bytes()[s.len() - 4..].eq_ignore_ascii_case(b".pdf");
            let path = document.link().split(['?', '#']).next().unwrap_or("");
            if !pdf(document.filename().unwrap_or(path)) {
                cx.at("document", |cx| cx.warn(Problem::NotPdf));
            }
            ("document", document.caption().is_some())
        }
        _ => return refuse("a header parameter is text, image, video or document", cx),
    };
    if caption {
        let reason = "captions are not supported in a media template";
        cx.at(name, |cx| cx.error_at("caption", Problem::NotAllowed { reason }));
        return None;
    }
    Some(p)
}

/// A body takes text, currency and date-time parameters (`not_allowed` at `/type`; EX: "For
/// text-based templates, the only supported parameter types are currency, `date_time`, and text");
/// text of at most `max` characters ([`body_text_max`]).
pub(crate) fn body(p: Parameter, max: usize, cx: &mut Ctx) -> Option<Parameter> {
    match p {
        Parameter::Text { text } => text_parameter(text, max, cx),
        Parameter::Currency { .. } | Parameter::DateTime { .. } => Some(p),
        _ => refuse("a body parameter is text, currency or date_time", cx),
    }
}

/// A body's text parameters have at most [`TEMPLATE_BODY_TEXT_MAX`] characters, or
/// [`TEMPLATE_BODY_ALONE_MAX`] when the body is the template's only component (EX: "1024
/// characters if other component types are included; 32768 characters if body is the only
/// component type included").
pub(crate) fn body_text_max(body_alone: bool) -> usize {
    if body_alone { TEMPLATE_BODY_ALONE_MAX } else { TEMPLATE_BODY_TEXT_MAX }
}

/// A quick-reply button takes a non-empty `payload`, a URL button `text` (`not_allowed` at
/// `/type` otherwise; EX, META).
pub(crate) fn button(p: Parameter, sub_type: SubType, cx: &mut Ctx) -> Option<Parameter> {
    match (sub_type, p) {
        (SubType::QuickReply, Parameter::Payload { payload }) => {
            cx.at("payload", |cx| length::non_empty(&payload, cx)).then_some(Parameter::Payload { payload })
        }
        (SubType::Url, Parameter::Text { text }) => text_parameter(text, usize::MAX, cx),
        (SubType::QuickReply, _) => refuse("a quick_reply button's parameter is a `payload`", cx),
        (SubType::Url, _) => refuse("a url button's parameter is `text`", cx),
    }
}

/// `not_allowed` at the parameter's `type` when it cannot go in this component.
fn refuse(reason: &'static str, cx: &mut Ctx) -> Option<Parameter> {
    cx.error_at("type", Problem::NotAllowed { reason });
    None
}

/// The form of a template's text parameter: no new line, no tab, no run of more than 4 spaces.
/// META refuses the others ("Param text cannot have new-line/tab characters or more than 4
/// consecutive spaces"); EX reports them as status 30022 / 30041 (char policy).
///
/// Eight bytes at a time (the last few one by one): a word with no byte below `0x0E`
/// (tab, new line and carriage return are among those) and no two spaces side by side can only
/// end or start a run of spaces, so only its first and last bytes matter; other words, one byte
/// at a time.
pub const fn check_parameter_text(text: &str) -> bool {
    let mut b = text.as_bytes();
    // The run of spaces just before `b`.
    let mut spaces = 0;
    while let Some((chunk, rest)) = b.split_first_chunk::<8>() {
        match spaces_after_word(*chunk, spaces) {
            Some(run) => spaces = run,
            None => return false,
        }
        b = rest;
    }
    spaces_after(b, spaces).is_some()
}

/// [`check_parameter_text`] for eight bytes after a run of `spaces` spaces: the run of spaces at
/// their end, or `None` for a new line, a tab or too many spaces.
const fn spaces_after_word(chunk: [u8; 8], spaces: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let w = u64::from_le_bytes(chunk);
    let below_0e = w.wrapping_sub(ONES * 0x0E) & !w & HIGH;
    // The high bit of each byte that is a space: of each zero byte of `w ^ "        "`.
    let x = w ^ (ONES * b' ' as u64);
    let space = !(((x & LOW7) + LOW7) | x | LOW7);
    if below_0e != 0 || space & (space >> 8) != 0 {
        spaces_after(&chunk, spaces)
    } else if space & 0x80 != 0 && spaces + 1 > PARAMETER_TEXT_SPACES_MAX {
        None
    } else {
        Some((space >> 63) as usize)
    }
}

/// [`check_parameter_text`] byte by byte, for `b` after a run of `spaces` spaces: the run of
/// spaces at its end, or `None` for a new line, a tab or too many spaces.
const fn spaces_after(mut b: &[u8], mut spaces: usize) -> Option<usize> {
    while let [byte, rest @ ..] = b {
        match *byte {
            b'\n' | b'\r' | b'\t' => return None,
            b' ' => {
                spaces += 1;
                if spaces > PARAMETER_TEXT_SPACES_MAX {
                    return None;
                }
            }
            _ => spaces = 0,
        }
        b = rest;
    }
    Some(spaces)
}

/// A text parameter at `/text`: the text rule with `max` characters, and its form
/// ([`check_parameter_text`], `format`).
fn text_parameter(text: String, max: usize, cx: &mut Ctx) -> Option<Parameter> {
    cx.at("text", |cx| {
        let fits = length::text(&text, TextRule::non_empty(max), cx);
        let form = check_parameter_text(&text);
        if !form {
            cx.error(Problem::Format {
                expected: "text without a new line, a tab or more than 4 consecutive spaces",
            });
        }
        fits && form
    })
    .then_some(Parameter::Text { text })
}

/// A date-time field is within its range (`range`; META's `DateTime` object: `day_of_week` 1 to
/// 7, `month` 1 to 12, `day_of_month` 1 to 31, `hour` 0 to 23, `minute` 0 to 59).
pub(crate) fn date_time_part(
    value: i64,
    range: RangeInclusive<i64>,
    expected: &'static str,
    cx: &mut Ctx,
) -> bool {
    let within = range.contains(&value);
    if !within {
        cx.error(Problem::Range { expected });
    }
    within
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parameter text rule one byte at a time, as first written.
    fn by_bytes(text: &str) -> bool {
        let mut spaces = 0;
        for b in text.bytes() {
            match b {
                b'\n' | b'\r' | b'\t' => return false,
                b' ' => spaces += 1,
                _ => spaces = 0,
            }
            if spaces > PARAMETER_TEXT_SPACES_MAX {
                return false;
            }
        }
        true
    }

    #[test]
    fn runs_of_spaces_at_every_offset() {
        for offset in 0..20 {
            for run in 1..=12 {
                for (before, after) in [("a", "b"), ("", ""), ("न", "न"), ("a\u{b}", "\u{c}")] {
                    let s = format!("{before}{}{}{after}", "x".repeat(offset), " ".repeat(run));
                    assert_eq!(check_parameter_text(&s), run <= PARAMETER_TEXT_SPACES_MAX, "{s:?}");
                    // Split by one other byte: two runs, each judged alone.
                    let split = format!("{s}x{}", " ".repeat(run));
                    assert_eq!(check_parameter_text(&split), run <= PARAMETER_TEXT_SPACES_MAX, "{split:?}");
                }
            }
        }
        for bad in ["\n", "\r", "\t"] {
            for offset in 0..20 {
                let before: String = "ab c".chars().cycle().take(offset).collect();
                let s = format!("{before}{bad}{}", "x".repeat(9));
                assert!(!check_parameter_text(&s), "{s:?}");
            }
        }
    }

    #[test]
    fn agrees_with_the_byte_by_byte_rule() {
        let symbols = [" ", "a", "\n", "\t", "\r", "\u{b}", "न", "\u{0}"];
        // Every string of up to six symbols.
        let mut level = vec![String::new()];
        let mut strings = level.clone();
        for _ in 0..6 {
            level = level.iter().flat_map(|s| symbols.iter().map(move |c| format!("{s}{c}"))).collect();
            strings.extend(level.iter().cloned());
        }
        for s in &strings {
            assert_eq!(check_parameter_text(s), by_bytes(s), "{s:?}");
        }
        // Longer ones, mostly spaces and letters, from a fixed xorshift sequence.
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            let mut s = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 48) as usize;
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let pick = (seed >> 32) % 64;
                s.push_str(match pick {
                    0..=29 => " ",
                    30..=57 => "a",
                    58 => "\n",
                    59 => "\t",
                    60 => "\r",
                    61 => "\u{b}",
                    62 => "न",
                    _ => "\u{85}",
                });
            }
            assert_eq!(check_parameter_text(&s), by_bytes(&s), "{s:?}");
        }
    }
}
