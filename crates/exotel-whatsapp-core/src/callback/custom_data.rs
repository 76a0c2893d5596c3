//! The `custom_data` a message was sent with, echoed back in its callbacks.

use serde::de::DeserializeOwned;
use serde_json::Value;
use serde_json::value::RawValue;

use super::RawEvent;

/// The `custom_data` echoed in a callback: a string, or a JSON object (both have been seen).
///
/// A send request can set `custom_data` at three levels: the request, the channel (`whatsapp`)
/// and each message. Exotel echoes one value per message and does not document which level wins;
/// as with `status_callback`, we read the most specific as winning (message, then channel, then
/// request), so set it on the message when each message needs its own, and set it at one level
/// only when it matters which value comes back.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::callback::{self, Event};
/// use serde::Deserialize;
///
/// #[derive(Deserialize, Debug, PartialEq)]
/// struct Order { id: u32 }
///
/// // A message sent with `custom_data` `{"id":12}`, encoded as a JSON string.
/// let body = r#"{"whatsapp": {"messages": [{"callback_type": "dlr", "sid": "a",
///     "exo_status_code": 30001, "custom_data": "{\"id\":12}"}]}}"#;
/// let events = callback::parse(body)?;
/// let Some(Event::Status(event)) = events.first() else { panic!("a status event") };
/// let order: Order = event.custom_data.as_ref().unwrap().decode()?;
/// assert_eq!(order, Order { id: 12 });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct CustomData(Repr);

/// A string is kept decoded, anything else as its JSON text.
#[derive(Debug, Clone)]
enum Repr {
    Text(String),
    Json(RawEvent),
}

/// Values are equal when their JSON is, white space and key order aside.
impl PartialEq for CustomData {
    fn eq(&self, other: &Self) -> bool {
        self.to_value() == other.to_value()
    }
}

impl Eq for CustomData {}

impl CustomData {
    /// Reads `custom_data` from its JSON text; `None` when `null`.
    pub(super) fn from_raw(raw: &RawValue) -> Option<Self> {
        match raw.get() {
            "null" => None,
            text if text.starts_with('"') => serde_json::from_str(text).ok().map(|s| Self(Repr::Text(s))),
            _ => Some(Self(Repr::Json(RawEvent(raw.get().into())))),
        }
    }

    /// The value when it arrived as a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.0 {
            Repr::Text(text) => Some(text),
            Repr::Json(_) => None,
        }
    }

    /// The value as received, as a [`Value`].
    pub fn to_value(&self) -> Value {
        match &self.0 {
            Repr::Text(text) => Value::from(text.as_str()),
            Repr::Json(raw) => raw.to_value(),
        }
    }

    /// Decodes the value into the type the message was sent with.
    ///
    /// A string is first read as JSON (how typed `custom_data` is sent); when that fails, the
    /// string itself is offered to `T`, so `String` works for plain text. An object is read as
    /// it is.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        match &self.0 {
            Repr::Text(text) => serde_json::from_str(text)
                .or_else(|error| T::deserialize(Value::from(text.as_str())).map_err(|_| error)),
            Repr::Json(raw) => serde_json::from_str(raw.get()),
        }
    }
}
