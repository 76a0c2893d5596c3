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
mod timestamp;

use core::fmt;

use serde_json::Value;

pub use custom_data::CustomData;
pub use delivery::{StatusDetail, StatusEvent};
pub use incoming::{IncomingContent, IncomingMessage, Media, Reply};
pub use timestamp::{Timestamp, UnixTime};

/// One event of a callback body.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// A status callback (`callback_type` `dlr`).
    Status(StatusEvent),
    /// A message from a user (`callback_type` `icm` or `incoming_message`).
    Incoming(IncomingMessage),
    /// Any other callback type, or an entry that is not an object: kept as received.
    Unknown(Value),
}

impl Event {
    /// Reads one entry of `whatsapp.messages`; never fails.
    pub fn from_json(raw: Value) -> Self {
        let callback_type = string(&raw, "callback_type").unwrap_or_default();
        if callback_type.eq_ignore_ascii_case("dlr") {
            Self::Status(StatusEvent::from_json(raw))
        } else if callback_type.eq_ignore_ascii_case("icm")
            || callback_type.eq_ignore_ascii_case("incoming_message")
        {
            Self::Incoming(IncomingMessage::from_json(raw))
        } else {
            Self::Unknown(raw)
        }
    }

    /// The event as received.
    pub fn raw(&self) -> &Value {
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
    /// keyed by its whole JSON.
    pub fn dedup_key(&self) -> DedupKey {
        let parts = match self {
            Self::Status(event) => vec![
                "dlr".into(),
                event.sid.clone().into(),
                event.status.code.map_or_else(|| event.status.name.clone().into(), Value::from),
            ],
            Self::Incoming(message) => match message.raw.get("sid") {
                Some(sid) => vec!["icm".into(), sid.clone()],
                None => vec![
                    "icm".into(),
                    message.from.clone().into(),
                    message.to.clone().into(),
                    message.timestamp.as_ref().map(Timestamp::raw).into(),
                    message.raw.get("content").cloned().unwrap_or_default(),
                ],
            },
            Self::Unknown(raw) => vec!["other".into(), raw.clone()],
        };
        DedupKey(Value::Array(parts).to_string())
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
}

impl fmt::Display for NotACallback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NotJsonOrForm => "body is neither JSON nor form data",
            Self::NoMessages => "body has no `whatsapp.messages` array",
        })
    }
}

impl std::error::Error for NotACallback {}

/// Parses a callback body into its events, in order.
///
/// The body is JSON, or form data carrying the same fields: bracketed keys
/// (`whatsapp[messages][0][sid]=…`), a field holding the JSON body or the `whatsapp` object, or
/// one event's fields at the top level. `whatsapp` and `whatsapp.messages` may also arrive as JSON
/// encoded in a string.
pub fn parse(body: impl AsRef<[u8]>) -> Result<Vec<Event>, NotACallback> {
    let body = body.as_ref();
    let root = match serde_json::from_slice(body) {
        Ok(root) => root,
        Err(_) => form::decode(body).ok_or(NotACallback::NotJsonOrForm)?,
    };
    let messages = field_json(root, "whatsapp")
        .and_then(|whatsapp| field_json(whatsapp, "messages"))
        .ok_or(NotACallback::NoMessages)?;
    match messages {
        Value::Array(messages) => Ok(messages.into_iter().map(Event::from_json).collect()),
        _ => Err(NotACallback::NoMessages),
    }
}

/// Takes `key` out of an object, decoding it when it is JSON in a string.
fn field_json(mut object: Value, key: &str) -> Option<Value> {
    match object.get_mut(key)?.take() {
        Value::String(text) => serde_json::from_str(&text).ok(),
        value => Some(value),
    }
}

/// A text field, leniently: numbers become their decimal text.
fn string(object: &Value, key: &str) -> Option<String> {
    match object.get(key)? {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// A status code, leniently: a number or a decimal string.
fn code(object: &Value, key: &str) -> Option<u32> {
    match object.get(key)? {
        Value::Number(number) => number.as_u64()?.try_into().ok(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}
