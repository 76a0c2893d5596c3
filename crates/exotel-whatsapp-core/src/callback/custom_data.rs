//! The `custom_data` a message was sent with, echoed back in its callbacks.

use serde::de::DeserializeOwned;
use serde_json::Value;

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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomData(Value);

impl CustomData {
    /// Reads `custom_data` from an event; `None` when absent or `null`.
    pub(crate) fn from_json(event: &Value) -> Option<Self> {
        match event.get("custom_data")? {
            Value::Null => None,
            value => Some(Self(value.clone())),
        }
    }

    /// The value as received.
    pub fn raw(&self) -> &Value {
        &self.0
    }

    /// The value when it arrived as a string.
    pub fn as_str(&self) -> Option<&str> {
        self.0.as_str()
    }

    /// Decodes the value into the type the message was sent with.
    ///
    /// A string is first read as JSON (how typed `custom_data` is sent); when that fails, the
    /// string itself is offered to `T`, so `String` works for plain text. An object is read as
    /// it is.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        match &self.0 {
            Value::String(text) => {
                serde_json::from_str(text).or_else(|error| T::deserialize(&self.0).map_err(|_| error))
            }
            value => T::deserialize(value),
        }
    }
}
