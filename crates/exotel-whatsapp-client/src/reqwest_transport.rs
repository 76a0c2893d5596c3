//! The async transport on `reqwest`, with rustls on the ring provider.

use std::sync::Arc;
use std::time::Duration;

use crate::BuildError;
use crate::transport::{HttpRequest, HttpResponse, RESPONSE_BYTES_MAX, Transport, TransportError};

/// `reqwest` with rustls, no redirects, no cookies, and both timeouts set.
///
/// ```
/// use std::time::Duration;
/// use exotel_whatsapp::client::{Client, ReqwestTransport, Settings};
/// use exotel_whatsapp::send::Credentials;
///
/// // `Client::new` does this with the settings' timeouts.
/// let transport = ReqwestTransport::new(Duration::from_secs(5), Duration::from_secs(15))?;
/// let client = Client::with_transport(Settings::new(Credentials::new("k", "t", "acme1")?), transport)?;
/// assert_eq!(client.url(), "https://api.exotel.com/v2/accounts/acme1/messages");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

impl ReqwestTransport {
    /// A transport whose requests fail after `connect` without a connection and after `total`
    /// in all.
    ///
    /// # Errors
    /// [`BuildError::Http`] when TLS or the HTTP client cannot be set up.
    pub fn new(connect: Duration, total: Duration) -> Result<Self, BuildError> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let roots = rustls::RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|error| BuildError::Http(error.to_string()))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        let client = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(connect)
            .timeout(total)
            .build()
            .map_err(|error| BuildError::Http(error.without_url().to_string()))?;
        Ok(ReqwestTransport { client })
    }
}

impl Transport for ReqwestTransport {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let request = reqwest::Request::try_from(request).map_err(TransportError::unsent)?;
        let mut response = self.client.execute(request).await.map_err(classify)?;
        let mut http = http::Response::new(Vec::new());
        *http.status_mut() = response.status();
        *http.headers_mut() = std::mem::take(response.headers_mut());
        while let Some(chunk) = response.chunk().await.map_err(TransportError::maybe_sent)? {
            if http.body().len() + chunk.len() > RESPONSE_BYTES_MAX {
                return Err(TransportError::maybe_sent(format!(
                    "answer longer than {RESPONSE_BYTES_MAX} bytes"
                )));
            }
            http.body_mut().extend_from_slice(&chunk);
        }
        Ok(http)
    }
}

/// Connect errors (DNS, TCP, TLS, connect timeout) happen before anything is written; every
/// other failure may come after the server read the request.
fn classify(error: reqwest::Error) -> TransportError {
    if error.is_connect() || error.is_builder() {
        TransportError::unsent(error)
    } else {
        TransportError::maybe_sent(error)
    }
}
