//! Sends Exotel WhatsApp requests over HTTP. Use it through the `exotel-whatsapp` facade
//! (features `client` and `blocking`).
//!
//! Every message handed to a client ends in one `exotel_whatsapp::send::Outcome`: accepted with
//! its `sid`, rejected by Exotel, ambiguous (it may have been sent, so it is never resent), or not
//! sent. The retry table is `exotel_whatsapp::send::Policy`'s; the pure pieces (URL, credentials,
//! answer, policy, pacer) live in the core's `exotel_whatsapp::send` module, and this crate
//! carries them over
//! `reqwest` ([`Client`], feature `async`, on by default), `ureq` ([`BlockingClient`], feature
//! `blocking`) or a [`Transport`] of your own.
//!
//! Credentials travel only in an `Authorization: Basic` header marked sensitive. No redirect is
//! followed; connect and total timeouts always apply. Tracing spans (`exotel_send`) and events
//! carry the attempt, status and request id, never a credential or a header.
#![forbid(unsafe_code)]
// Without a client feature only the transport traits are of use.
#![cfg_attr(not(any(feature = "async", feature = "blocking")), allow(dead_code))]

#[cfg(feature = "blocking")]
mod blocking;
#[cfg(feature = "async")]
mod client;
mod engine;
mod memory;
#[cfg(feature = "async")]
mod reqwest_transport;
mod settings;
mod transport;
#[cfg(feature = "blocking")]
mod ureq_transport;

use core::fmt;

use exotel_whatsapp_core::send::ConfigError;
use exotel_whatsapp_core::{Batch, Message, Request};

#[cfg(feature = "blocking")]
pub use blocking::BlockingClient;
#[cfg(feature = "async")]
pub use client::Client;
pub use memory::MemoryTransport;
#[cfg(feature = "async")]
pub use reqwest_transport::ReqwestTransport;
pub use settings::{
    DEFAULT_CONCURRENCY, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUESTS_PER_MINUTE, DEFAULT_TIMEOUT, Settings,
};
pub use transport::{
    BlockingTransport, HttpRequest, HttpResponse, RESPONSE_BYTES_MAX, Transport, TransportError,
};
#[cfg(feature = "blocking")]
pub use ureq_transport::UreqTransport;

/// Why a client could not be made; the text holds no secret.
///
/// ```
/// use exotel_whatsapp::client::BuildError;
/// use exotel_whatsapp::send::{ConfigError, Credentials};
/// let error = BuildError::from(Credentials::new("key:with-colon", "t", "acme1").unwrap_err());
/// assert_eq!(error, BuildError::Config(ConfigError::ApiKey));
/// assert_eq!(error.to_string(), "the API key must be non-empty and hold no `:`");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BuildError {
    /// The endpoint or credentials cannot be used.
    Config(ConfigError),
    /// The HTTP stack could not be set up.
    Http(String),
}

impl From<ConfigError> for BuildError {
    fn from(error: ConfigError) -> Self {
        BuildError::Config(error)
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Config(error) => error.fmt(f),
            BuildError::Http(error) => write!(f, "cannot set up HTTP: {error}"),
        }
    }
}

impl std::error::Error for BuildError {}

/// The requests for `messages`, at most 100 messages each; none for no messages.
fn batches(messages: impl IntoIterator<Item = Message>) -> Vec<Batch> {
    // Without request-level fields, the only failure is "no messages".
    Request::builder(messages).batches().unwrap_or_default()
}
