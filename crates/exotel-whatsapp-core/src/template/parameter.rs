//! The parameters of a template's components: text, currency, date-time, media and payload.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::language;
use crate::content::{Document, Image, MediaWire, Video};
use crate::ctx::{Ctx, validate_alone};
use crate::error::{Error, Problem};
use crate::json::{Obj, present, string, tagged};
use crate::text::report_non_empty;

/// A currency amount for a body parameter: a fallback text, an ISO 4217 code and the amount × 1000.
///
/// ```
/// use exotel_whatsapp_core::template::Currency;
/// let total = Currency::new("₹1,499.00", "INR", 1_499_000)?;
/// assert!(Currency::new("$5", "usd", 5000).is_err());
/// # Ok::<(), exotel_whatsapp_core::error::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Currency {
    fallback_value: String,
    code: String,
    amount_1000: i64,
}

impl Currency {
    /// Checks a currency parameter.
    ///
    /// # Errors
    /// `empty` at `/fallback_value`; `format` at `/code` unless it is an ISO 4217 code.
    pub fn new(
        fallback_value: impl Into<String>,
        code: impl Into<String>,
        amount_1000: i64,
    ) -> Result<Self, Error> {
        let (fallback_value, code) = (fallback_value.into(), code.into());
        validate_alone(|cx| Self::assemble(Some(fallback_value), Some(code), Some(amount_1000), cx))
    }

    fn assemble(
        fallback_value: Option<String>,
        code: Option<String>,
        amount_1000: Option<i64>,
        cx: &mut Ctx,
    ) -> Option<Self> {
        let before = cx.errors();
        if let Some(f) = &fallback_value {
            cx.at("fallback_value", |cx| report_non_empty(f, cx));
        }
        if let Some(c) = &code {
            if !language::is_iso_4217(c) {
                cx.error_at(
                    "code",
                    Problem::Format { expected: "an ISO 4217 currency code such as \"INR\"" },
                );
            }
        }
        (cx.errors() == before).then_some(Currency {
            fallback_value: fallback_value?,
            code: code?,
            amount_1000: amount_1000?,
        })
    }

    fn from_json(v: Value, cx: &mut Ctx) -> Option<Self> {
        let mut o = Obj::new(v, &["fallback_value", "code", "amount_1000"], cx)?;
        let fallback_value = o.required_string("fallback_value", cx);
        let code = o.required_string("code", cx);
        let amount = o.required("amount_1000", cx, |v, cx| {
            let amount = v.as_i64();
            if amount.is_none() {
                let problem = if v.is_number() {
                    Problem::Format { expected: "a whole number within ±9223372036854775807" }
                } else {
                    Problem::Type { expected: "an integer", found: crate::json::type_name(&v) }
                };
                cx.error(problem);
            }
            amount
        });
        o.finish(cx);
        Self::assemble(fallback_value, code, amount, cx)
    }

    /// The text shown when localization fails.
    pub fn fallback_value(&self) -> &str {
        &self.fallback_value
    }

    /// The ISO 4217 code.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The amount multiplied by 1000.
    pub fn amount_1000(&self) -> i64 {
        self.amount_1000
    }
}

/// A date and time for a body parameter; Exotel always shows the fallback text.
///
/// ```
/// use exotel_whatsapp_core::template::DateTime;
/// let eta = DateTime::new("Friday, 4 PM")?;
/// assert!(DateTime::new(" ").is_err());
/// # Ok::<(), exotel_whatsapp_core::error::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateTime {
    fallback_value: String,
}

impl DateTime {
    /// Checks a date-time parameter.
    ///
    /// # Errors
    /// `empty` at `/fallback_value`.
    pub fn new(fallback_value: impl Into<String>) -> Result<Self, Error> {
        let fallback_value = fallback_value.into();
        validate_alone(|cx| Self::assemble(Some(fallback_value), cx))
    }

    fn assemble(fallback_value: Option<String>, cx: &mut Ctx) -> Option<Self> {
        let f = fallback_value?;
        cx.at("fallback_value", |cx| report_non_empty(&f, cx)).then_some(DateTime { fallback_value: f })
    }

    fn from_json(v: Value, cx: &mut Ctx) -> Option<Self> {
        let mut o = Obj::new(v, &["fallback_value"], cx)?;
        let f = o.required_string("fallback_value", cx);
        o.finish(cx);
        Self::assemble(f, cx)
    }

    /// The text shown.
    pub fn fallback_value(&self) -> &str {
        &self.fallback_value
    }
}

/// One parameter of a component, as the wire carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Parameter {
    /// Text (header, body, or a URL button's suffix).
    Text {
        /// The text.
        text: String,
    },
    /// A currency (body).
    Currency {
        /// The amount.
        currency: Currency,
    },
    /// A date and time (body).
    DateTime {
        /// The date and time.
        date_time: DateTime,
    },
    /// An image (header).
    Image {
        /// The image.
        image: Image,
    },
    /// A video (header).
    Video {
        /// The video.
        video: Video,
    },
    /// A document (header).
    Document {
        /// The document.
        document: Document,
    },
    /// A quick-reply button's payload.
    Payload {
        /// The payload.
        payload: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum ParamKind {
    Text,
    Currency,
    DateTime,
    Image,
    Video,
    Document,
    Payload,
}

const PARAM_NAMES: &[&str] = &["text", "currency", "date_time", "image", "video", "document", "payload"];
const PARAM_TAGS: &[(&str, ParamKind)] = &[
    ("text", ParamKind::Text),
    ("currency", ParamKind::Currency),
    ("date_time", ParamKind::DateTime),
    ("image", ParamKind::Image),
    ("video", ParamKind::Video),
    ("document", ParamKind::Document),
    ("payload", ParamKind::Payload),
];

impl Parameter {
    pub(super) fn from_json(v: Value, cx: &mut Ctx) -> Option<Self> {
        let mut o = Obj::new(v, PARAM_NAMES_WITH_TYPE, cx)?;
        let tagged = tagged(&mut o, PARAM_TAGS, PARAM_NAMES, cx);
        o.finish(cx);
        let (name, kind, v) = tagged?;
        cx.at(name, |cx| {
            Some(match kind {
                ParamKind::Text => Parameter::Text { text: string(v, cx)? },
                ParamKind::Payload => Parameter::Payload { payload: string(v, cx)? },
                ParamKind::Currency => Parameter::Currency { currency: Currency::from_json(v, cx)? },
                ParamKind::DateTime => Parameter::DateTime { date_time: DateTime::from_json(v, cx)? },
                ParamKind::Image => Parameter::Image { image: Image::from_json(v, cx)? },
                ParamKind::Video => Parameter::Video { video: Video::from_json(v, cx)? },
                ParamKind::Document => Parameter::Document { document: Document::from_json(v, cx)? },
            })
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ParameterWire {
    r#type: ParamKind,
    #[serde(default, deserialize_with = "present")]
    text: Option<String>,
    #[serde(default, deserialize_with = "present")]
    payload: Option<String>,
    // Boxed: inline, every text parameter would carry the room of all these.
    #[serde(default, deserialize_with = "present")]
    currency: Option<Box<CurrencyWire>>,
    #[serde(default, deserialize_with = "present")]
    date_time: Option<Box<DateTimeWire>>,
    #[serde(default, deserialize_with = "present")]
    image: Option<Box<MediaWire>>,
    #[serde(default, deserialize_with = "present")]
    video: Option<Box<MediaWire>>,
    #[serde(default, deserialize_with = "present")]
    document: Option<Box<MediaWire>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CurrencyWire {
    fallback_value: String,
    code: String,
    amount_1000: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DateTimeWire {
    fallback_value: String,
}

impl ParameterWire {
    /// The parameter named by `type`, `None` (fall back) when another payload is present too.
    pub(super) fn parameter(self, cx: &mut Ctx) -> Option<Parameter> {
        let ParameterWire { r#type, text, payload, currency, date_time, image, video, document } = self;
        let count = [text.is_some(), payload.is_some(), currency.is_some(), date_time.is_some()]
            .into_iter()
            .chain([image.is_some(), video.is_some(), document.is_some()])
            .filter(|p| *p)
            .count();
        if count != 1 {
            return None;
        }
        let name = PARAM_TAGS.iter().find(|(_, k)| *k == r#type).map(|(name, _)| *name)?;
        cx.at(name, |cx| {
            Some(match r#type {
                ParamKind::Text => Parameter::Text { text: text? },
                ParamKind::Payload => Parameter::Payload { payload: payload? },
                ParamKind::Currency => {
                    let c = currency?;
                    let currency =
                        Currency::assemble(Some(c.fallback_value), Some(c.code), Some(c.amount_1000), cx)?;
                    Parameter::Currency { currency }
                }
                ParamKind::DateTime => Parameter::DateTime {
                    date_time: DateTime::assemble(Some(date_time?.fallback_value), cx)?,
                },
                ParamKind::Image => Parameter::Image { image: Image::from_wire(*image?, cx)? },
                ParamKind::Video => Parameter::Video { video: Video::from_wire(*video?, cx)? },
                ParamKind::Document => Parameter::Document { document: Document::from_wire(*document?, cx)? },
            })
        })
    }
}

const PARAM_NAMES_WITH_TYPE: &[&str] =
    &["type", "text", "currency", "date_time", "image", "video", "document", "payload"];
