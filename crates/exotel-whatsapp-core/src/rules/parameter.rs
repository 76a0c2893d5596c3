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
/// Component Object); text of at most [`TEMPLATE_HEADER_TEXT_MAX`] characters.
pub(crate) fn header(p: Parameter, cx: &mut Ctx) -> Option<Parameter> {
    match p {
        Parameter::Text { text } => text_parameter(text, TEMPLATE_HEADER_TEXT_MAX, cx),
        Parameter::Image { .. } | Parameter::Video { .. } | Parameter::Document { .. } => media(p, cx),
        _ => refuse("a header parameter is text, image, video or document", cx),
    }
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
pub const fn check_parameter_text(text: &str) -> bool {
    let b = text.as_bytes();
    let (mut i, mut spaces) = (0, 0);
    while i < b.len() {
        match b[i] {
            b'\n' | b'\r' | b'\t' => return false,
            b' ' => {
                spaces += 1;
                if spaces > PARAMETER_TEXT_SPACES_MAX {
                    return false;
                }
            }
            _ => spaces = 0,
        }
        i += 1;
    }
    true
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

/// Captions are not allowed in media templates (`not_allowed` at the caption; EX: "Captions not
/// supported when used in a media template"), and a document that does not end in `.pdf` is a
/// warning (`not_pdf`; EX: "Only PDF documents are supported for media-based message templates").
fn media(p: Parameter, cx: &mut Ctx) -> Option<Parameter> {
    let (name, caption) = match &p {
        Parameter::Image { image } => ("image", image.caption().is_some()),
        Parameter::Video { video } => ("video", video.caption().is_some()),
        Parameter::Document { document } => {
            let pdf = |s: &str| s.to_ascii_lowercase().ends_with(".pdf");
            let path = document.link().split(['?', '#']).next().unwrap_or("");
            if !pdf(document.filename().unwrap_or(path)) {
                cx.at("document", |cx| cx.warn(Problem::NotPdf));
            }
            ("document", document.caption().is_some())
        }
        _ => return Some(p),
    };
    if caption {
        cx.at(name, |cx| {
            cx.error_at(
                "caption",
                Problem::NotAllowed { reason: "captions are not supported in a media template" },
            );
        });
        return None;
    }
    Some(p)
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
