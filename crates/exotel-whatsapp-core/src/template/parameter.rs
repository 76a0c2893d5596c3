//! The parameters of a template's components: text, currency, date-time, media and payload.

use serde::{Deserialize, Deserializer, Serialize};

use crate::content::{Assemble, Document, Image, Video, check_at, tagged_payloads};
use crate::ctx::{Ctx, validate_alone};
use crate::error::{Error, Problem};
use crate::json::{Fields, Got, Number, Scalar, fields, one_of, put, scalar, string};
use crate::rules::{self, length};

/// A currency amount for a body parameter: a fallback text, an ISO 4217 code and the amount × 1000.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::template::Currency;
/// let total = Currency::new("₹1,499.00", "INR", 1_499_000)?;
/// assert!(Currency::new("$5", "usd", 5000).is_err());
/// # Ok::<(), exotel_whatsapp::error::Error>(())
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
        let draft = CurrencyDraft {
            fallback_value: Some(fallback_value.into()),
            code: Some(code.into()),
            amount_1000: Some(amount_1000),
        };
        validate_alone(|cx| Currency::assemble(draft, cx))
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

/// A currency parameter as read, before the rules.
#[derive(Default)]
pub(crate) struct CurrencyDraft {
    fallback_value: Option<String>,
    code: Option<String>,
    amount_1000: Option<i64>,
}

impl Assemble for Currency {
    type Draft = CurrencyDraft;

    fn assemble(draft: CurrencyDraft, cx: &mut Ctx) -> Option<Self> {
        let before = cx.errors();
        check_at(cx, "fallback_value", draft.fallback_value.as_deref(), length::non_empty);
        check_at(cx, "code", draft.code.as_deref(), rules::template::currency_code);
        (cx.errors() == before).then_some(Currency {
            fallback_value: draft.fallback_value?,
            code: draft.code?,
            amount_1000: draft.amount_1000?,
        })
    }
}

fields!(CurrencyDraft {
    #[required] "fallback_value" => fallback_value: string,
    #[required] "code" => code: string,
    #[required] "amount_1000" => amount_1000: amount,
});

/// A whole number within `i64`. Another number is `format` with `beyond` where one is given (a
/// number, but not one that fits), else a type error like anything that is not a number.
fn whole_number<'de, D: Deserializer<'de>>(
    d: D,
    beyond: Option<&'static str>,
    cx: &mut Ctx,
) -> Result<Got<i64>, D::Error> {
    let v = scalar(d, cx)?;
    Ok(match (v, beyond) {
        (Scalar::Null, _) => Got::Absent,
        (Scalar::Number(Number::Integer(n)), _) => Got::Value(n),
        (Scalar::Number(Number::Other(_)), Some(expected)) => {
            cx.error(Problem::Format { expected });
            Got::Failed
        }
        (other, _) => {
            cx.error(Problem::Type { expected: "an integer", found: other.type_name() });
            Got::Failed
        }
    })
}

/// `amount_1000`: a whole number within `i64`.
fn amount<'de, D: Deserializer<'de>>(d: D, cx: &mut Ctx) -> Result<Got<i64>, D::Error> {
    whole_number(d, Some("a whole number within ±9223372036854775807"), cx)
}

/// The calendar of a [`DateTime`] (META: `GREGORIAN` or `SOLAR_HIJRI`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Calendar {
    /// `GREGORIAN`.
    Gregorian,
    /// `SOLAR_HIJRI`.
    SolarHijri,
}

const CALENDARS: &[(&str, Calendar)] =
    &[("GREGORIAN", Calendar::Gregorian), ("SOLAR_HIJRI", Calendar::SolarHijri)];

/// The numeric fields of a date-time parameter and their ranges, in wire order (META's `DateTime`
/// object: `day_of_week` 1 (Monday) to 7, `month` 1 to 12, `day_of_month` 1 to 31, `hour` 0 to
/// 23, `minute` 0 to 59; `year` any year, D: within ±2147483647 so that it is an `i32`).
const DATE_TIME_PARTS: [(&str, i64, i64, &str); 6] = [
    ("day_of_week", 1, 7, "from 1 (Monday) to 7"),
    ("year", i32::MIN as i64, i32::MAX as i64, "a year within ±2147483647"),
    ("month", 1, 12, "from 1 to 12"),
    ("day_of_month", 1, 31, "from 1 to 31"),
    ("hour", 0, 23, "from 0 to 23"),
    ("minute", 0, 59, "from 0 to 59"),
];

/// A date and time for a body parameter: the text shown (Exotel always shows the fallback text),
/// and optionally META's date and time fields, each range-checked.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::template::{Calendar, DateTime};
/// let eta = DateTime::new("Friday, 4 PM")?;
/// let exact = DateTime::builder("Friday, 4 PM").day_of_week(5).hour(16).minute(0)
///     .calendar(Calendar::Gregorian).build()?;
/// assert_eq!(exact.hour(), Some(16));
/// assert_eq!(
///     serde_json::to_value(&exact).unwrap(),
///     serde_json::json!({"fallback_value": "Friday, 4 PM", "day_of_week": 5, "hour": 16,
///                        "minute": 0, "calendar": "GREGORIAN"}),
/// );
/// assert!(DateTime::new(" ").is_err());
/// let err = DateTime::builder("later").hour(24).build().unwrap_err();
/// assert_eq!(err.to_string(), "/hour: out of range: must be from 0 to 23");
/// # Ok::<(), exotel_whatsapp::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateTime {
    fallback_value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    day_of_week: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day_of_month: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hour: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    minute: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    calendar: Option<Calendar>,
}

/// A date-time parameter as given, before the rules: the numeric parts in [`DATE_TIME_PARTS`] order.
#[derive(Debug, Clone, Default)]
pub(crate) struct DateTimeDraft {
    fallback_value: Option<String>,
    parts: [Option<i64>; 6],
    calendar: Option<Calendar>,
}

impl Assemble for DateTime {
    type Draft = DateTimeDraft;

    /// The date-time rules: a non-empty fallback, each part within its range.
    fn assemble(draft: DateTimeDraft, cx: &mut Ctx) -> Option<Self> {
        let before = cx.errors();
        check_at(cx, "fallback_value", draft.fallback_value.as_deref(), length::non_empty);
        for (value, (name, min, max, expected)) in draft.parts.into_iter().zip(DATE_TIME_PARTS) {
            check_at(cx, name, value, |v, cx| rules::parameter::date_time_part(v, min..=max, expected, cx));
        }
        // Every part is within its range when nothing was reported.
        let [day_of_week, year, month, day_of_month, hour, minute] = draft.parts;
        let small = |v: Option<i64>| v.and_then(|v| u8::try_from(v).ok());
        (cx.errors() == before).then_some(DateTime {
            fallback_value: draft.fallback_value?,
            day_of_week: small(day_of_week),
            year: year.and_then(|v| i32::try_from(v).ok()),
            month: small(month),
            day_of_month: small(day_of_month),
            hour: small(hour),
            minute: small(minute),
            calendar: draft.calendar,
        })
    }
}

/// Builds a [`DateTime`] with META's optional fields; [`build`](Self::build) checks their ranges.
#[derive(Debug, Clone)]
#[must_use = "call `.build()` to get the date-time parameter"]
pub struct DateTimeBuilder {
    draft: DateTimeDraft,
}

impl DateTimeBuilder {
    fn part(mut self, i: usize, value: i64) -> Self {
        self.draft.parts[i] = Some(value);
        self
    }

    /// The day of the week, 1 (Monday) to 7 (Sunday).
    pub fn day_of_week(self, day: u8) -> Self {
        self.part(0, day.into())
    }

    /// The year.
    pub fn year(self, year: i32) -> Self {
        self.part(1, year.into())
    }

    /// The month, 1 to 12.
    pub fn month(self, month: u8) -> Self {
        self.part(2, month.into())
    }

    /// The day of the month, 1 to 31.
    pub fn day_of_month(self, day: u8) -> Self {
        self.part(3, day.into())
    }

    /// The hour, 0 to 23.
    pub fn hour(self, hour: u8) -> Self {
        self.part(4, hour.into())
    }

    /// The minute, 0 to 59.
    pub fn minute(self, minute: u8) -> Self {
        self.part(5, minute.into())
    }

    /// The calendar.
    pub fn calendar(mut self, calendar: Calendar) -> Self {
        self.draft.calendar = Some(calendar);
        self
    }

    /// Checks every field.
    ///
    /// # Errors
    /// `empty` at `/fallback_value`; `range` at `/day_of_week`, `/month`, `/day_of_month`,
    /// `/hour` or `/minute` outside its range.
    pub fn build(self) -> Result<DateTime, Error> {
        validate_alone(|cx| DateTime::assemble(self.draft, cx))
    }
}

impl DateTime {
    /// A date-time parameter with only its fallback text.
    ///
    /// # Errors
    /// `empty` at `/fallback_value`.
    pub fn new(fallback_value: impl Into<String>) -> Result<Self, Error> {
        Self::builder(fallback_value).build()
    }

    /// A builder, for META's optional fields.
    pub fn builder(fallback_value: impl Into<String>) -> DateTimeBuilder {
        DateTimeBuilder {
            draft: DateTimeDraft { fallback_value: Some(fallback_value.into()), ..DateTimeDraft::default() },
        }
    }

    /// The text shown.
    pub fn fallback_value(&self) -> &str {
        &self.fallback_value
    }

    /// The day of the week, 1 (Monday) to 7, if given.
    pub fn day_of_week(&self) -> Option<u8> {
        self.day_of_week
    }

    /// The year, if given.
    pub fn year(&self) -> Option<i32> {
        self.year
    }

    /// The month, 1 to 12, if given.
    pub fn month(&self) -> Option<u8> {
        self.month
    }

    /// The day of the month, 1 to 31, if given.
    pub fn day_of_month(&self) -> Option<u8> {
        self.day_of_month
    }

    /// The hour, 0 to 23, if given.
    pub fn hour(&self) -> Option<u8> {
        self.hour
    }

    /// The minute, 0 to 59, if given.
    pub fn minute(&self) -> Option<u8> {
        self.minute
    }

    /// The calendar, if given.
    pub fn calendar(&self) -> Option<Calendar> {
        self.calendar
    }
}

impl<'de> Fields<'de> for DateTimeDraft {
    const FIELDS: &'static [&'static str] =
        &["fallback_value", "day_of_week", "year", "month", "day_of_month", "hour", "minute", "calendar"];

    fn is_required(&self, i: usize) -> bool {
        i == 0
    }

    fn read<D: Deserializer<'de>>(&mut self, i: usize, d: D, cx: &mut Ctx) -> Result<bool, D::Error> {
        Ok(match i {
            0 => put(&mut self.fallback_value, string(d, cx)?),
            // A whole number; its range is a rule of the date-time's `assemble`.
            1..=6 => put(&mut self.parts[i - 1], whole_number(d, None, cx)?),
            _ => put(&mut self.calendar, one_of(d, CALENDARS, &["GREGORIAN", "SOLAR_HIJRI"], cx)?),
        })
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

tagged_payloads!(Parameter: ParamKind {
    Text = "text" => |text: String| Parameter::Text { text },
    Currency = "currency" => |currency: Currency| Parameter::Currency { currency },
    DateTime = "date_time" => |date_time: DateTime| Parameter::DateTime { date_time },
    Image = "image" => |image: Image| Parameter::Image { image },
    Video = "video" => |video: Video| Parameter::Video { video },
    Document = "document" => |document: Document| Parameter::Document { document },
    Payload = "payload" => |payload: String| Parameter::Payload { payload },
});
