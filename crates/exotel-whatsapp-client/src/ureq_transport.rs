//! The blocking transport on `ureq`, with rustls on the ring provider.

use std::time::Duration;

use ureq::Agent;
use ureq::config::Config;

use crate::transport::{BlockingTransport, HttpRequest, HttpResponse, RESPONSE_BYTES_MAX, TransportError};

/// `ureq` with rustls, no redirects, statuses as answers (not errors), both timeouts set.
///
/// ```
/// use std::time::Duration;
/// use exotel_whatsapp::client::{BlockingClient, Settings, UreqTransport};
/// use exotel_whatsapp::send::{Credentials, Region};
///
/// // `BlockingClient::new` does this with the settings' timeouts.
/// let transport = UreqTransport::new(Duration::from_secs(5), Duration::from_secs(15));
/// let settings = Settings::new(Credentials::new("k", "t", "acme1")?).endpoint(Region::Mumbai.into());
/// let client = BlockingClient::with_transport(settings, transport)?;
/// assert_eq!(client.url(), "https://api.in.exotel.com/v2/accounts/acme1/messages");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct UreqTransport {
    agent: Agent,
}

impl UreqTransport {
    /// A transport whose requests fail after `connect` without a connection and after `total`
    /// in all.
    pub fn new(connect: Duration, total: Duration) -> Self {
        let config = Config::builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_connect(Some(connect))
            .timeout_global(Some(total))
            .build();
        UreqTransport { agent: config.new_agent() }
    }
}

impl BlockingTransport for UreqTransport {
    fn send_blocking(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let response = self.agent.run(request).map_err(classify)?;
        let (parts, mut body) = response.into_parts();
        let limit = u64::try_from(RESPONSE_BYTES_MAX).unwrap_or(u64::MAX);
        let body = body.with_config().limit(limit).read_to_vec().map_err(TransportError::maybe_sent)?;
        Ok(http::Response::from_parts(parts, body))
    }
}

/// Failures before a connection exists are "not sent"; every other may come after the server
/// read the request. A rustls error is counted as "maybe sent": ureq does not say whether it
/// came in the handshake or after the request was written.
fn classify(error: ureq::Error) -> TransportError {
    use std::io::ErrorKind::{AddrNotAvailable, ConnectionRefused, HostUnreachable, NetworkUnreachable};
    use ureq::Timeout;
    match error {
        ureq::Error::Io(ref io)
            if matches!(
                io.kind(),
                ConnectionRefused | AddrNotAvailable | HostUnreachable | NetworkUnreachable
            ) =>
        {
            TransportError::unsent(error)
        }
        ureq::Error::HostNotFound
        | ureq::Error::ConnectionFailed
        | ureq::Error::BadUri(_)
        | ureq::Error::Http(_)
        | ureq::Error::Tls(_)
        | ureq::Error::Timeout(Timeout::Resolve | Timeout::Connect) => TransportError::unsent(error),
        _ => TransportError::maybe_sent(error),
    }
}
