//! Sending, without the IO: the endpoint and credentials, the HTTP request for a [`Request`],
//! the answer read from an HTTP response, the retry decision and the request pacer. Any HTTP
//! stack can carry them; the `exotel-whatsapp-client` crate (the facade's `client` and
//! `blocking` features) does, on `reqwest` or `ureq`.
//!
//! ```
//! # use exotel_whatsapp_core as exotel_whatsapp;
//! use exotel_whatsapp::send::{Api, Attempt, Credentials, Decision, Outcome, Policy, Region, Reply, Tries};
//! use exotel_whatsapp::{content::Text, Message, Request};
//!
//! let api = Api::new(&Region::Mumbai.into(), &Credentials::new("key", "token", "acme1")?)?;
//! let request = Request::new([Message::new("+919999999999", "+918888888888", Text::new("Hi")?)?])?;
//! let http_request = api.request(&request);
//! // … any HTTP client posts `http_request` and reads the whole answer …
//! let answer = http::Response::builder().status(202).body(r#"{"response": {"whatsapp": {"messages": [
//!     {"code": 202, "status": "success", "data": {"sid": "2Fdii16a4"}}]}}}"#)?;
//! let attempt = Attempt::Answered(Reply::from_response(&answer));
//! let Decision::Done { outcomes, .. } = Policy::default().decide(&mut Tries::default(), attempt, 1) else {
//!     unreachable!("a 202 is never retried")
//! };
//! assert_eq!(outcomes[0].to_string(), "accepted, sid 2Fdii16a4");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`Request`]: crate::Request

mod api;
mod credentials;
mod endpoint;
mod outcome;
mod pace;
mod policy;
mod reply;
#[cfg(test)]
mod tests;

use core::fmt;

pub use api::Api;
pub use credentials::Credentials;
pub use endpoint::{Endpoint, Region};
/// The `http` crate whose types the requests and answers are, for transports of your own.
pub use http;
pub use outcome::{NotSentReason, Outcome};
pub use pace::Pacer;
pub use policy::{Attempt, Decision, Policy, Tries};
pub use reply::Reply;

/// A setting that cannot be used to send; its text never includes a secret.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::send::{ConfigError, Credentials};
/// let error = Credentials::new("key", "s3cr3t", "acme/1").unwrap_err();
/// assert_eq!(error, ConfigError::AccountSid);
/// assert!(!error.to_string().contains("s3cr3t"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigError {
    /// The base URL is refused.
    BaseUrl {
        /// Why.
        reason: &'static str,
    },
    /// The API key is empty or holds `:`.
    ApiKey,
    /// The API token is empty or cannot be sent in a header.
    ApiToken,
    /// The account SID is empty or holds characters other than ASCII letters, digits, `-`, `_`.
    AccountSid,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::BaseUrl { reason } => write!(f, "base URL refused: {reason}"),
            ConfigError::ApiKey => f.write_str("the API key must be non-empty and hold no `:`"),
            ConfigError::ApiToken => f.write_str("the API token must be non-empty"),
            ConfigError::AccountSid => {
                f.write_str("the account SID must be non-empty ASCII letters, digits, `-` or `_`")
            }
        }
    }
}

impl std::error::Error for ConfigError {}
