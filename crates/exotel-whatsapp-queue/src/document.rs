//! What a checked request becomes in the ledger: one row per message, each carrying a
//! correlation id its delivery reports echo, and the request around them (its envelope).

use exotel_whatsapp_core::Request;
use exotel_whatsapp_core::check::check;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The prefix of the correlation ids the ledger writes into `custom_data`.
pub const CORRELATION_PREFIX: &str = "exq:";

/// Checked requests ready to enqueue, recognised by the SHA-256 of their content.
///
/// ```
/// use exotel_whatsapp::queue::Document;
/// use exotel_whatsapp::{content::Text, Message, Request};
/// let message = Message::new("+919999999999", "+918888888888", Text::new("Hi")?)?;
/// let document = Document::new(&[Request::new([message])?]);
/// assert_eq!(document.messages(), 1);
/// assert_eq!(document.digest().len(), 64);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Document {
    digest: String,
    parts: Vec<Part>,
}

/// One request of a document: its envelope (the request with no messages) and its messages.
#[derive(Debug, Clone)]
struct Part {
    envelope: String,
    messages: Vec<Value>,
    /// The request- or channel-level `custom_data` its messages inherit, if any.
    inherited: Option<String>,
}

/// One message as the ledger stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The request it is sent in, without messages (JSON).
    pub envelope: String,
    /// The message (JSON), with its correlation id in `custom_data` unless it had its own.
    pub body: String,
    /// What its delivery reports carry as `custom_data`.
    pub correlation: String,
}

impl Document {
    /// The document of `requests`, as `exotel_whatsapp::check::check` gave them.
    pub fn new(requests: &[Request]) -> Self {
        let mut hash = Sha256::new();
        let mut parts = Vec::with_capacity(requests.len());
        for request in requests {
            let mut json = serde_json::to_value(request).unwrap_or_default();
            let messages = json
                .get_mut("whatsapp")
                .and_then(|channel| channel.get_mut("messages"))
                .map(Value::take)
                .and_then(|messages| match messages {
                    Value::Array(messages) => Some(messages),
                    _ => None,
                })
                .unwrap_or_default();
            json["whatsapp"]["messages"] = Value::Array(Vec::new());
            let envelope = json.to_string();
            hash.update(envelope.as_bytes());
            for message in &messages {
                hash.update(message.to_string().as_bytes());
            }
            let inherited =
                request.whatsapp().custom_data().or_else(|| request.custom_data()).map(str::to_owned);
            parts.push(Part { envelope, messages, inherited });
        }
        let digest = crate::row::hex(&hash.finalize());
        Document { digest, parts }
    }

    /// The SHA-256 of its content, in hex: the same for the same messages however the JSON was
    /// spaced.
    pub fn digest(&self) -> &str {
        &self.digest
    }

    /// How many messages it holds.
    pub fn messages(&self) -> usize {
        self.parts.iter().map(|part| part.messages.len()).sum()
    }

    /// Its rows for the `copy`-th enqueueing of this content (0 for the first): a message with
    /// no `custom_data` of its own or inherited gets `exq:<digest>.<copy>:<n>`.
    ///
    /// ```
    /// use exotel_whatsapp::queue::Document;
    /// use exotel_whatsapp::{content::Text, Message, Request};
    /// let message = Message::new("+919999999999", "+918888888888", Text::new("Hi")?)?;
    /// let document = Document::new(&[Request::new([message])?]);
    /// let rows = document.rows(1);
    /// assert_eq!(rows[0].correlation, format!("exq:{}.1:0", &document.digest()[..16]));
    /// assert!(rows[0].body.contains(&rows[0].correlation));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rows(&self, copy: u64) -> Vec<Row> {
        let mut rows = Vec::with_capacity(self.messages());
        for part in &self.parts {
            for message in &part.messages {
                let mut message = message.clone();
                let own = message.get("custom_data").and_then(Value::as_str).map(str::to_owned);
                let correlation = own.or_else(|| part.inherited.clone()).unwrap_or_else(|| {
                    let id = format!("{CORRELATION_PREFIX}{}.{copy}:{}", &self.digest[..16], rows.len());
                    message["custom_data"] = Value::String(id.clone());
                    id
                });
                rows.push(Row { envelope: part.envelope.clone(), body: message.to_string(), correlation });
            }
        }
        rows
    }
}

/// The request for claimed messages that share one envelope, checked again; `Err` says why it
/// cannot be sent (a store edited by hand, say).
pub fn request(envelope: &str, bodies: &[&str]) -> Result<Request, String> {
    let mut json: Value =
        serde_json::from_str(envelope).map_err(|error| format!("stored envelope: {error}"))?;
    let messages = bodies
        .iter()
        .map(|body| serde_json::from_str(body))
        .collect::<Result<Vec<Value>, _>>()
        .map_err(|error| format!("stored message: {error}"))?;
    json["whatsapp"]["messages"] = Value::Array(messages);
    let body = serde_json::to_vec(&json).map_err(|error| error.to_string())?;
    let report = check(&body);
    let first = report.errors().first().map(ToString::to_string);
    report.into_request().ok_or_else(|| first.unwrap_or_else(|| "the stored request is invalid".to_owned()))
}
