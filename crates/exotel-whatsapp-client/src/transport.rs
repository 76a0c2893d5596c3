//! The HTTP stack under a client, which users may replace with their own.

use core::fmt;
use std::error::Error as StdError;
use std::future::Future;

use exotel_whatsapp_core::send::{Attempt, Reply};

/// An HTTP request as a client hands it to its transport: method, URL, headers (the
/// `Authorization` header marked sensitive) and the JSON body.
pub type HttpRequest = http::Request<Vec<u8>>;

/// An HTTP answer with its body read whole.
pub type HttpResponse = http::Response<Vec<u8>>;

/// The most bytes of an answer a transport reads: a 202 for 100 messages is about 20 KB.
pub const RESPONSE_BYTES_MAX: usize = 1 << 20;

/// Carries one HTTP request and brings back the answer, for the async [`Client`](crate::Client).
///
/// Implement it to send through your own HTTP stack. It must not follow redirects, must bound
/// the time a request takes, must keep the `Authorization` header out of logs and errors, and
/// must say, when it fails, whether the request may have left ([`TransportError::maybe_sent`])
/// or certainly did not ([`TransportError::unsent`]): only the latter is retried.
///
/// ```
/// use exotel_whatsapp::client::{Client, HttpRequest, HttpResponse, Settings, Transport, TransportError};
/// use exotel_whatsapp::send::Credentials;
///
/// /// Refuses every request before sending it, as a transport does when it cannot connect.
/// struct Offline;
///
/// impl Transport for Offline {
///     async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
///         Err(TransportError::unsent(format!("offline: not posting to {}", request.uri())))
///     }
/// }
///
/// let client = Client::with_transport(Settings::new(Credentials::new("k", "t", "acme1")?), Offline)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Transport: Send + Sync {
    /// Sends `request` and reads the whole answer.
    fn send(&self, request: HttpRequest)
    -> impl Future<Output = Result<HttpResponse, TransportError>> + Send;
}

/// The blocking twin of [`Transport`], for the [`BlockingClient`](crate::BlockingClient), with
/// the same duties.
///
/// ```
/// use exotel_whatsapp::client::{BlockingClient, BlockingTransport, HttpRequest, HttpResponse, Settings, TransportError};
/// use exotel_whatsapp::send::{Credentials, NotSentReason, Outcome, Policy};
/// use exotel_whatsapp::{content::Text, Message, Request};
///
/// struct Offline;
///
/// impl BlockingTransport for Offline {
///     fn send_blocking(&self, _: HttpRequest) -> Result<HttpResponse, TransportError> {
///         Err(TransportError::unsent("offline"))
///     }
/// }
///
/// let settings = Settings::new(Credentials::new("k", "t", "acme1")?).policy(Policy::default().attempts(1));
/// let client = BlockingClient::with_transport(settings, Offline)?;
/// let request = Request::new([Message::new("+919999999999", "+918888888888", Text::new("Hi")?)?])?;
/// let outcome = &client.send(&request)[0];
/// assert_eq!(outcome, &Outcome::NotSent { reason: NotSentReason::GaveUp("offline".into()), attempts: 1 });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait BlockingTransport: Send + Sync {
    /// Sends `request` and reads the whole answer.
    fn send_blocking(&self, request: HttpRequest) -> Result<HttpResponse, TransportError>;
}

/// A request that got no answer, and whether it may have reached the server.
///
/// ```
/// use exotel_whatsapp::client::TransportError;
/// let error = TransportError::unsent("connection refused");
/// assert!(!error.may_have_been_sent());
/// assert_eq!(error.to_string(), "connection refused");
/// ```
#[derive(Debug)]
pub struct TransportError {
    maybe_sent: bool,
    error: Box<dyn StdError + Send + Sync>,
}

impl TransportError {
    /// The request certainly did not leave: DNS, connect or TLS handshake failure, connect
    /// timeout. It will be retried.
    pub fn unsent(error: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        TransportError { maybe_sent: false, error: error.into() }
    }

    /// The request may have reached the server: a timeout or a lost connection after sending
    /// began, an answer that could not be read. Its messages become ambiguous, never retried.
    pub fn maybe_sent(error: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        TransportError { maybe_sent: true, error: error.into() }
    }

    /// Whether the request may have reached the server.
    pub fn may_have_been_sent(&self) -> bool {
        self.maybe_sent
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.error, f)?;
        let mut source = self.error.source();
        while let Some(error) = source {
            write!(f, ": {error}")?;
            source = error.source();
        }
        Ok(())
    }
}

impl StdError for TransportError {}

/// What the retry policy makes of a transport's result.
pub(crate) fn attempt(result: Result<HttpResponse, TransportError>) -> Attempt {
    match result {
        Ok(response) => Attempt::Answered(Reply::from_response(&response)),
        Err(error) if error.maybe_sent => Attempt::Lost(error.to_string()),
        Err(error) => Attempt::Unsent(error.to_string()),
    }
}
