//! Exotel answers an accepted request with HTTP 202 and one result per message, in the order of the
//! request's messages; [`SendResponse::results`](crate::response::SendResponse::results) pairs each
//! result with the index of the message it answers. Every other HTTP status is a
//! [`SendError`](crate::response::SendError), one variant per status Exotel documents (400, 401,
//! 402, 403, 404, 429, 5xx).
//!
//! ```
//! # use exotel_whatsapp_core as exotel_whatsapp;
//! use exotel_whatsapp::response::SendResponse;
//!
//! let body = r#"{
//!   "request_id": "b434e927a5844175b23059cd96feea3d", "method": "POST", "http_code": 202,
//!   "metadata": {"failed": 1, "total": 2, "success": 1},
//!   "response": {"whatsapp": {"messages": [
//!     {"code": 202, "status": "success", "error_data": null, "data": {"sid": "2Fdii16a4"}},
//!     {"code": 400, "status": "failure", "error_data":
//!       {"code": 400, "message": "Bad Request", "description": "invalid to"}}
//!   ]}}
//! }"#;
//! let response = SendResponse::from_http(202, body)?;
//! let sids: Vec<_> = response
//!     .results()
//!     .filter_map(|(index, result)| Some((index, result.ok()?.as_str())))
//!     .collect();
//! assert_eq!(sids, [(0, "2Fdii16a4")]);
//! # Ok::<(), exotel_whatsapp::response::SendError>(())
//! ```

use core::fmt;

use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// The unique id Exotel gives an accepted message; status callbacks name the message by it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(transparent)]
pub struct Sid(String);

impl Sid {
    /// The id as Exotel sent it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Sid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Sid> for String {
    fn from(sid: Sid) -> Self {
        sid.0
    }
}

/// Why Exotel did not accept one message (`error_data`), or why a whole request failed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct MessageError {
    /// The numeric code, an HTTP status for a single message.
    pub code: u32,
    /// A brief description.
    #[serde(default)]
    pub message: String,
    /// A detailed explanation.
    #[serde(default)]
    pub description: String,
}

impl fmt::Display for MessageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code, self.message)?;
        if !self.description.is_empty() {
            write!(f, ": {}", self.description)?;
        }
        Ok(())
    }
}

/// The counts in a response's `metadata`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Metadata {
    /// Messages in the request.
    pub total: u32,
    /// Messages accepted.
    pub success: u32,
    /// Messages not accepted.
    pub failed: u32,
}

/// Exotel's answer for one message: its `sid`, or why it was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(from = "RawMessageResult")]
#[non_exhaustive]
pub struct MessageResult {
    /// The per-message code (202 when accepted).
    pub code: u16,
    /// The per-message status, such as `success`.
    pub status: String,
    /// The `sid` when there is one and no `error_data`; otherwise the error. A result with
    /// neither is an error whose `code` and `message` are the result's own code and status.
    pub outcome: Result<Sid, MessageError>,
}

impl MessageResult {
    /// The `sid` or the error, borrowed.
    pub fn result(&self) -> Result<&Sid, &MessageError> {
        self.outcome.as_ref()
    }
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct RawMessageResult {
    code: u16,
    status: String,
    error_data: Option<MessageError>,
    data: Option<RawData>,
}

#[derive(Deserialize)]
struct RawData {
    sid: Option<Sid>,
}

impl From<RawMessageResult> for MessageResult {
    fn from(raw: RawMessageResult) -> Self {
        let sid = raw.data.and_then(|data| data.sid);
        let outcome = match (raw.error_data, sid) {
            (Some(error), _) => Err(error),
            (None, Some(sid)) => Ok(sid),
            (None, None) => Err(MessageError {
                code: raw.code.into(),
                message: raw.status.clone(),
                description: String::new(),
            }),
        };
        Self { code: raw.code, status: raw.status, outcome }
    }
}

/// The body of an accepted request (HTTP 202).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SendResponse {
    /// The request's id, for Exotel's support.
    #[serde(default)]
    pub request_id: String,
    /// The HTTP method, `POST`.
    #[serde(default)]
    pub method: String,
    /// The HTTP status Exotel reports in the body.
    #[serde(default)]
    pub http_code: u16,
    /// Counts of accepted and failed messages.
    #[serde(default)]
    pub metadata: Metadata,
    /// One result per message of the request, in the request's order
    /// (`response.whatsapp.messages`).
    #[serde(rename = "response", deserialize_with = "whatsapp_messages")]
    pub messages: Vec<MessageResult>,
}

/// Reads `response.whatsapp.messages`, the one channel this API answers on.
fn whatsapp_messages<'de, D: Deserializer<'de>>(response: D) -> Result<Vec<MessageResult>, D::Error> {
    Ok(RawChannels::deserialize(response)?.whatsapp.messages)
}

#[derive(Deserialize)]
struct RawChannels {
    whatsapp: RawChannel,
}

#[derive(Deserialize)]
struct RawChannel {
    messages: Vec<MessageResult>,
}

impl SendResponse {
    /// Reads Exotel's answer from the HTTP status and body.
    ///
    /// A 2xx status with the documented body is a [`SendResponse`] (which may still hold
    /// per-message failures); every other status is the matching [`SendError`].
    pub fn from_http(status: u16, body: &str) -> Result<Self, SendError> {
        if (200..300).contains(&status) {
            return serde_json::from_str(body).map_err(|error| SendError::InvalidBody {
                status,
                error: error.to_string(),
                raw: body.to_owned(),
            });
        }
        Err(SendError::from_status(status, ErrorBody::parse(body)))
    }

    /// Each message's result with its index in the request.
    pub fn results(&self) -> impl Iterator<Item = (usize, Result<&Sid, &MessageError>)> {
        self.results_from(0)
    }

    /// Each message's result with its index in a larger batch, when this request sent one chunk
    /// of it whose first message had index `offset`.
    ///
    /// ```
    /// # use exotel_whatsapp_core as exotel_whatsapp;
    /// # use exotel_whatsapp::response::SendResponse;
    /// let body = r#"{"response": {"whatsapp": {"messages": [
    ///     {"code": 202, "status": "success", "data": {"sid": "a"}}]}}}"#;
    /// let response = SendResponse::from_http(202, body)?;
    /// let (index, sid) = response.results_from(100).next().unwrap();
    /// assert_eq!((index, sid.unwrap().as_str()), (100, "a"));
    /// # Ok::<(), exotel_whatsapp::response::SendError>(())
    /// ```
    pub fn results_from(&self, offset: usize) -> impl Iterator<Item = (usize, Result<&Sid, &MessageError>)> {
        self.messages
            .iter()
            .enumerate()
            .map(move |(index, message)| (offset.saturating_add(index), message.result()))
    }
}

/// The body of a failed request, read leniently: Exotel documents no shape for it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ErrorBody {
    /// The request's id, when the body is JSON and has one.
    pub request_id: Option<String>,
    /// Every error object found in the body, in document order: `error_data` (SEED), and the
    /// `response.error` and `RestException` shapes of Exotel's rate-limit pages (EXD).
    pub errors: Vec<MessageError>,
    /// The body as received.
    pub raw: String,
}

impl ErrorBody {
    /// Reads what it can from a body; never fails, since the raw text is kept.
    pub fn parse(body: &str) -> Self {
        // A body that is not JSON reads as `null`, which holds neither errors nor an id.
        let json = serde_json::from_str::<Value>(body).unwrap_or_default();
        let mut errors = Vec::new();
        collect_errors(&json, &mut errors);
        Self {
            request_id: json.get("request_id").and_then(Value::as_str).map(str::to_owned),
            errors,
            raw: body.to_owned(),
        }
    }
}

/// Collects errors in the three shapes Exotel's pages show: SEED's `error_data` objects, the
/// `response.error` object of the v2 rate-limit answer, and the `RestException` of the
/// rate-limiting page (EXD, `{"Status": 429, "Message": …, "Code": "RATE_LIMIT_EXCEEDED"}`).
fn collect_errors(value: &Value, errors: &mut Vec<MessageError>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                let found = match key.as_str() {
                    "error_data" | "error" => MessageError::deserialize(value).ok(),
                    "RestException" => RestException::deserialize(value).ok().map(MessageError::from),
                    _ => None,
                };
                match found {
                    Some(error) => errors.push(error),
                    None => collect_errors(value, errors),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_errors(item, errors)),
        _ => {}
    }
}

/// The error object of Exotel's rate-limiting page (EXD): capitalised keys, a string `Code`.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RestException {
    status: u32,
    #[serde(default)]
    message: String,
    #[serde(default)]
    code: Value,
}

impl From<RestException> for MessageError {
    fn from(raw: RestException) -> Self {
        let description = match raw.code {
            Value::String(code) => code,
            Value::Null => String::new(),
            other => other.to_string(),
        };
        MessageError { code: raw.status, message: raw.message, description }
    }
}

/// Declares the statuses Exotel documents, each once: its [`SendError`] variant, the status and
/// the summary that [`SendError`]'s `Display` starts with.
macro_rules! send_errors {
    ($($(#[$doc:meta])* $variant:ident = $status:literal, $summary:literal;)*) => {
        /// A request Exotel did not accept, by HTTP status.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum SendError {
            $($(#[$doc])* $variant(ErrorBody),)*
            /// 5xx: Exotel's side failed; retry later.
            Server {
                /// The HTTP status.
                status: u16,
                /// The body.
                body: ErrorBody,
            },
            /// A status Exotel does not document for this API.
            Unexpected {
                /// The HTTP status.
                status: u16,
                /// The body.
                body: ErrorBody,
            },
            /// A 2xx status whose body is not the documented response.
            InvalidBody {
                /// The HTTP status.
                status: u16,
                /// What the JSON parser said.
                error: String,
                /// The body as received.
                raw: String,
            },
        }

        impl SendError {
            /// The error for a status outside 2xx.
            fn from_status(status: u16, body: ErrorBody) -> Self {
                match status {
                    $($status => Self::$variant(body),)*
                    500..=599 => Self::Server { status, body },
                    _ => Self::Unexpected { status, body },
                }
            }

            /// The HTTP status.
            pub fn status(&self) -> u16 {
                match self {
                    $(Self::$variant(_) => $status,)*
                    Self::Server { status, .. }
                    | Self::Unexpected { status, .. }
                    | Self::InvalidBody { status, .. } => *status,
                }
            }

            /// The error body, for every variant except [`SendError::InvalidBody`].
            pub fn body(&self) -> Option<&ErrorBody> {
                match self {
                    $(Self::$variant(body))|* | Self::Server { body, .. } | Self::Unexpected { body, .. } => {
                        Some(body)
                    }
                    Self::InvalidBody { .. } => None,
                }
            }

            /// Whether sending the same request later may succeed (429 and 5xx).
            pub fn is_retryable(&self) -> bool {
                matches!(self, Self::TooManyRequests(_) | Self::Server { .. })
            }

            fn summary(&self) -> &'static str {
                match self {
                    $(Self::$variant(_) => $summary,)*
                    Self::Server { .. } => "server error",
                    Self::Unexpected { .. } => "unexpected status",
                    Self::InvalidBody { .. } => "response body is not the documented JSON",
                }
            }
        }
    };
}

send_errors! {
    /// 400: the request was malformed, or had more than 100 messages.
    BadRequest = 400, "bad request";
    /// 401: credentials missing or invalid.
    Unauthorized = 401, "unauthorized";
    /// 402: not available on the plan, or usage limits exceeded.
    PaymentRequired = 402, "payment required";
    /// 403: valid credentials without access to the resource.
    Forbidden = 403, "forbidden";
    /// 404: the account or resource does not exist.
    NotFound = 404, "not found";
    /// 429: too many requests; retry later.
    TooManyRequests = 429, "too many requests";
}

impl fmt::Display for SendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "http {}: {}", self.status(), self.summary())?;
        match (self, self.body().and_then(|body| body.errors.first())) {
            (Self::InvalidBody { error, .. }, _) => write!(f, ": {error}"),
            (_, Some(error)) => write!(f, ": {error}"),
            (_, None) => Ok(()),
        }
    }
}

impl std::error::Error for SendError {}

#[cfg(test)]
mod tests {
    use super::{ErrorBody, MessageError};

    fn error(code: u32, message: &str, description: &str) -> MessageError {
        MessageError { code, message: message.into(), description: description.into() }
    }

    #[test]
    fn error_bodies_in_the_rate_limit_pages_shapes_are_read() {
        let rest = r#"{"RestException": {"Status": 429, "Message": "Rate limit exceeded",
            "Code": "RATE_LIMIT_EXCEEDED"}}"#;
        assert_eq!(ErrorBody::parse(rest).errors, [error(429, "Rate limit exceeded", "RATE_LIMIT_EXCEEDED")]);
        let v2 = r#"{"request_id": "r1", "http_code": 429,
            "response": {"error": {"code": 1008, "message": "Too many requests"}}}"#;
        let body = ErrorBody::parse(v2);
        assert_eq!(
            (body.request_id.as_deref(), body.errors),
            (Some("r1"), vec![error(1008, "Too many requests", "")])
        );
    }

    #[test]
    fn an_error_key_that_is_not_an_error_object_is_searched_inside() {
        let body =
            ErrorBody::parse(r#"{"error": {"detail": {"error_data": {"code": 400, "message": "Bad"}}}}"#);
        assert_eq!(body.errors, [error(400, "Bad", "")]);
        assert!(
            ErrorBody::parse(r#"{"error": "plain text", "RestException": {"Message": "no status"}}"#)
                .errors
                .is_empty()
        );
    }
}
