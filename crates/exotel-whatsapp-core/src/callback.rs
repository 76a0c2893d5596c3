//! Exotel posts status callbacks (delivery reports) and incoming messages to the same kind of
//! webhook, several events per body under `whatsapp.messages`. [`parse`](crate::callback::parse)
//! reads such a body, JSON or `application/x-www-form-urlencoded`, into one
//! [`Event`](crate::callback::Event) per message.
//!
//! Parsing is lenient, because a webhook that rejects a new field loses data: unknown fields,
//! callback types, content types and status codes are kept (every event keeps its raw JSON) and
//! never cause an error, and no input makes it panic. It fails only when the body is not a
//! callback at all.
//!
//! ```
//! # use exotel_whatsapp_core as exotel_whatsapp;
//! use exotel_whatsapp::callback::{self, Event};
//! use exotel_whatsapp::status::DeliveryState;
//!
//! let body = r#"{"whatsapp": {"messages": [{
//!     "callback_type": "dlr", "sid": "2Fdii16a4", "to": "+919999000000",
//!     "exo_status_code": 30002, "exo_detailed_status": "EX_MESSAGE_DELIVERED",
//!     "timestamp": "2022-12-07T17:00:00.000+05:30", "custom_data": "Order12"
//! }]}}"#;
//! let events = callback::parse(body)?;
//! let Some(Event::Status(event)) = events.first() else { panic!("one status event") };
//! assert_eq!(event.sid.as_deref(), Some("2Fdii16a4"));
//! assert_eq!(event.status.state(), DeliveryState::Delivered);
//! let seconds = event.timestamp.as_ref().and_then(|t| t.parsed()).map(|t| t.seconds);
//! assert_eq!(seconds, Some(1_670_412_600));
//! # Ok::<(), callback::NotACallback>(())
//! ```

mod custom_data;
mod delivery;
mod form;
mod incoming;
mod lenient;
mod messages;
mod pruned;
mod timestamp;

use core::fmt;

use serde::{Serialize, Serializer, ser};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::limits::CALLBACK_BYTES_MAX;

use messages::Messages;
use pruned::{Field, Key, raw_field};

pub use custom_data::CustomData;
pub use delivery::{StatusDetail, StatusEvent};
pub use incoming::{IncomingContent, IncomingMedia, IncomingMessage, Reply};
pub use timestamp::{Timestamp, UnixTime};

/// One event of a callback body.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// A status callback (`callback_type` `dlr`).
    Status(Box<StatusEvent>),
    /// A message from a user (`callback_type` `icm` or `incoming_message`).
    Incoming(Box<IncomingMessage>),
    /// Any other callback type, or an entry that is not an object: kept as received.
    Unknown(RawEvent),
}

/// An event's JSON exactly as received (for a form body, as its fields were decoded): the text,
/// compared as text. It serializes as that JSON.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::callback;
/// let events = callback::parse(r#"{"whatsapp": {"messages": [{"callback_type": "new", "x": 1}]}}"#)?;
/// assert_eq!(events[0].raw().get(), r#"{"callback_type": "new", "x": 1}"#);
/// assert_eq!(events[0].raw().to_value()["x"], 1);
/// # Ok::<(), callback::NotACallback>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct RawEvent(Box<str>);

impl RawEvent {
    /// The JSON text.
    pub fn get(&self) -> &str {
        &self.0
    }

    /// The JSON as a [`Value`], parsed anew on each call.
    pub fn to_value(&self) -> Value {
        serde_json::from_str(self.get()).unwrap_or_default()
    }
}

/// JSON text made elsewhere, such as a receiver's record of a body that is not a callback.
impl From<Box<RawValue>> for RawEvent {
    fn from(json: Box<RawValue>) -> Self {
        Self(json.get().into())
    }
}

/// Kept as text, not as a [`RawValue`], so that the text of an event needs no second reading;
/// it is read again only here and by `Debug`.
impl Serialize for RawEvent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let json: &RawValue = serde_json::from_str(self.get()).map_err(ser::Error::custom)?;
        json.serialize(serializer)
    }
}

/// As the text's [`RawValue`] shows: `RawEvent(RawValue({"sid": "a1"}))`.
impl fmt::Debug for RawEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let json: &RawValue = serde_json::from_str(self.get()).map_err(|_| fmt::Error)?;
        f.debug_tuple("RawEvent").field(&json).finish()
    }
}

impl fmt::Display for RawEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get())
    }
}

impl Event {
    /// Makes one entry of `whatsapp.messages` from its JSON text and its kept fields (see
    /// [`pruned`]), with the text of its `custom_data`; never fails.
    fn read(raw: &str, event: Field<'_, '_>, custom_data: Option<&RawValue>) -> Self {
        let custom_data = || custom_data.and_then(CustomData::from_raw);
        let callback_type = event.get(Key::CallbackType).text().unwrap_or_default();
        let raw = RawEvent(raw.into());
        if callback_type.eq_ignore_ascii_case("dlr") {
            Self::Status(Box::new(StatusEvent::read(event, custom_data(), raw)))
        } else if ["icm", "incoming_message"].iter().any(|name| callback_type.eq_ignore_ascii_case(name)) {
            Self::Incoming(Box::new(IncomingMessage::read(event, custom_data(), raw)))
        } else {
            Self::Unknown(raw)
        }
    }

    /// The event's JSON as received (for a form body, as its fields were decoded).
    pub fn raw(&self) -> &RawEvent {
        match self {
            Self::Status(event) => &event.raw,
            Self::Incoming(message) => &message.raw,
            Self::Unknown(raw) => raw,
        }
    }

    /// A key that is equal for repeats of this event, so that a receiver can drop the callbacks
    /// Exotel retries.
    ///
    /// A status event is keyed by its `sid` and status (code, else name): one message reaches a
    /// status once, and a retry may carry a new timestamp. An incoming message is keyed by its
    /// `sid` when it has one, else by sender, recipient, timestamp and content. Anything else is
    /// keyed by its whole JSON. Parts taken from the JSON are compared as text, as received.
    pub fn dedup_key(&self) -> DedupKey {
        let raw = self.raw().get();
        let json = |value: Option<&str>| Value::from(value).to_string();
        DedupKey(match self {
            Self::Status(event) => {
                let status =
                    event.status.code.map_or_else(|| json(event.status.name.as_deref()), |c| c.to_string());
                format!("[\"dlr\",{},{status}]", json(event.sid.as_deref()))
            }
            Self::Incoming(message) => match raw_field(raw, Key::Sid) {
                Some(sid) => format!("[\"icm\",{}]", sid.get()),
                None => format!(
                    "[\"icm\",{},{},{},{}]",
                    json(message.from.as_deref()),
                    json(message.to.as_deref()),
                    json(message.timestamp.as_ref().map(Timestamp::raw)),
                    raw_field(raw, Key::Content).map_or("null", RawValue::get),
                ),
            },
            Self::Unknown(_) => format!("[\"other\",{raw}]"),
        })
    }
}

/// The identity of an event for de-duplication; see [`Event::dedup_key`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DedupKey(String);

impl DedupKey {
    /// The key as text (a JSON array), for storing in a database.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why a body is not a callback at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NotACallback {
    /// The body is neither JSON nor form data.
    NotJsonOrForm,
    /// The body has no `whatsapp.messages` array.
    NoMessages,
    /// The body has a `whatsapp.messages` array, but no entry in it has a `callback_type`: a send
    /// request, say, rather than a callback.
    NoEvents,
    /// The body is larger than the parser reads.
    TooLarge {
        /// The cap, in bytes ([`CALLBACK_BYTES_MAX`] unless set with [`Parser::max_bytes`]).
        limit: usize,
        /// The body's size, in bytes.
        actual: usize,
    },
}

impl fmt::Display for NotACallback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotJsonOrForm => f.write_str("body is neither JSON nor form data"),
            Self::NoMessages => f.write_str("body has no `whatsapp.messages` array"),
            Self::NoEvents => f.write_str(
                "no entry of `whatsapp.messages` has a `callback_type`: this is not a callback body \
                 (a send request?)",
            ),
            Self::TooLarge { limit, actual } => {
                write!(f, "body has {actual} bytes, more than the {limit} a callback may have")
            }
        }
    }
}

impl std::error::Error for NotACallback {}

/// How a body is read: its declared content type, if any, and the size cap.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::callback::{NotACallback, Parser};
///
/// let form = b"callback_type=dlr&sid=a1&exo_status_code=30002";
/// let events = Parser::new().content_type("application/x-www-form-urlencoded").parse(form)?;
/// assert_eq!(events.len(), 1);
///
/// let err = Parser::new().max_bytes(16).parse(form).unwrap_err();
/// assert_eq!(err, NotACallback::TooLarge { limit: 16, actual: form.len() });
/// # Ok::<(), NotACallback>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Parser<'a> {
    content_type: Option<&'a str>,
    max_bytes: usize,
}

impl Default for Parser<'_> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'a> Parser<'a> {
    /// A parser that infers the format from the body and reads at most [`CALLBACK_BYTES_MAX`].
    pub const fn new() -> Self {
        Self { content_type: None, max_bytes: CALLBACK_BYTES_MAX }
    }

    /// The `Content-Type` the body arrived with. A body that looks like JSON (its first byte,
    /// after white space, is `{` or `[`) is read as JSON whatever its type says; any other body
    /// is read as form data, unless its type is JSON, which makes it malformed.
    #[must_use]
    pub const fn content_type(mut self, content_type: &'a str) -> Self {
        self.content_type = Some(content_type);
        self
    }

    /// The largest body to read, in bytes; a larger one is [`NotACallback::TooLarge`], unread.
    #[must_use]
    pub const fn max_bytes(mut self, max_bytes: usize) -> Self {
        self.max_bytes = max_bytes;
        self
    }

    /// Parses a callback body into its events, in order.
    ///
    /// The body is JSON, or form data carrying the same fields: bracketed keys
    /// (`whatsapp[messages][0][sid]=…`), a field holding the JSON body or the `whatsapp` object,
    /// or one event's fields at the top level. `whatsapp` and `whatsapp.messages` may also arrive
    /// as JSON encoded in a string. Text that is not valid UTF-8, and escapes of lone UTF-16
    /// surrogates (`\ud83d`), are read as U+FFFD rather than failing the whole body.
    ///
    /// A JSON body is never read as form data, so text inside a JSON string (`"&sid=…"`) cannot
    /// become an event.
    pub fn parse(&self, body: &[u8]) -> Result<Vec<Event>, NotACallback> {
        if body.len() > self.max_bytes {
            return Err(NotACallback::TooLarge { limit: self.max_bytes, actual: body.len() });
        }
        let body = body.strip_prefix(b"\xef\xbb\xbf").unwrap_or(body);
        let looks_like_json = matches!(body.iter().find(|b| !b.is_ascii_whitespace()), Some(b'{' | b'['));
        let messages = if looks_like_json || self.content_type.is_some_and(is_json_type) {
            json_messages(body)?
        } else {
            let text = form::decode(body).ok_or(NotACallback::NotJsonOrForm)?;
            messages::find(&text, false).ok().flatten()
        }
        .ok_or(NotACallback::NoMessages)?;
        if !messages.any_callback_type {
            return Err(NotACallback::NoEvents);
        }
        Ok(messages.events)
    }
}

/// The entries of a JSON body, `None` when it has no `whatsapp.messages` array.
///
/// The body is read in one pass, with invalid UTF-8 and lone surrogate escapes already replaced
/// by U+FFFD ([`lenient`]; most bodies have neither, and are not copied), so each event is typed
/// and its text is JSON a strict parser reads. A string that fails to decode where the body is
/// searched (a key, or `whatsapp` or `messages` as JSON in a string) means there is no such array.
fn json_messages(body: &[u8]) -> Result<Option<Messages>, NotACallback> {
    let text = lenient::text(body);
    match messages::find(&text, true) {
        Ok(found) => Ok(found),
        Err(_) if lenient::is_json(&text) => Ok(None),
        Err(_) => Err(NotACallback::NotJsonOrForm),
    }
}

/// Whether a `Content-Type` names JSON: `application/json`, or any `+json` type.
fn is_json_type(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or_default().trim().as_bytes();
    let tail = essence.split_at(essence.len().saturating_sub(5)).1;
    essence.eq_ignore_ascii_case(b"application/json") || tail.eq_ignore_ascii_case(b"+json")
}

/// Parses a callback body of unknown format with the default [`Parser`].
///
/// See [`Parser::parse`] for the formats read; use a [`Parser`] to pass the `Content-Type` the
/// body arrived with, or another size cap.
pub fn parse(body: impl AsRef<[u8]>) -> Result<Vec<Event>, NotACallback> {
    Parser::new().parse(body.as_ref())
}
