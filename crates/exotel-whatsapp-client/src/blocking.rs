//! The blocking client.

use exotel_whatsapp_core::send::{Decision, Outcome, Tries};
use exotel_whatsapp_core::{Batch, Message, Request};

use crate::engine::{Engine, jittered};
use crate::transport::{BlockingTransport, attempt};
use crate::{BuildError, Settings, UreqTransport};

/// The blocking client: the same policy and pacing as [`Client`](crate::Client), one request at
/// a time, no async runtime.
///
/// ```no_run
/// use exotel_whatsapp::client::{BlockingClient, Settings};
/// use exotel_whatsapp::send::{Credentials, Region};
/// use exotel_whatsapp::{content::Text, Message, Request};
///
/// let credentials = Credentials::new("api-key", "api-token", "acme1")?;
/// let client = BlockingClient::new(Settings::new(credentials).endpoint(Region::Mumbai.into()))?;
/// let request = Request::new([Message::new("+919999999999", "+918888888888", Text::new("Hi")?)?])?;
/// for outcome in client.send(&request) {
///     println!("{outcome}");
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct BlockingClient<T = UreqTransport> {
    engine: Engine,
    transport: T,
}

impl BlockingClient {
    /// A client on `ureq`, with the connect and total timeouts of `settings`.
    ///
    /// # Errors
    /// [`BuildError::Config`] when the endpoint and credentials do not form a URL and header.
    pub fn new(settings: Settings) -> Result<Self, BuildError> {
        let transport = UreqTransport::new(settings.connect_timeout, settings.timeout);
        Self::with_transport(settings, transport)
    }
}

impl<T: BlockingTransport> BlockingClient<T> {
    /// A client on your own transport (the timeouts of `settings` are then the transport's job).
    ///
    /// # Errors
    /// [`BuildError::Config`] when the endpoint and credentials do not form a URL and header.
    pub fn with_transport(settings: Settings, transport: T) -> Result<Self, BuildError> {
        Ok(BlockingClient { engine: Engine::new(settings)?, transport })
    }

    /// The transport, to look at what an in-memory one recorded.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// The URL requests are posted to; it holds no secret.
    pub fn url(&self) -> &http::Uri {
        self.engine.api.url()
    }

    /// Sends one request; one outcome per message, in order.
    pub fn send(&self, request: &Request) -> Vec<Outcome> {
        let messages = request.messages().len();
        let _span = tracing::info_span!("exotel_send", messages).entered();
        let http = self.engine.api.request(request);
        let mut tries = Tries::default();
        loop {
            // Stopped requests take no pacer slot: they would hold back nothing but themselves.
            if let Some(outcomes) = self.engine.stopped(tries, messages) {
                return outcomes;
            }
            let now = std::time::Instant::now();
            std::thread::sleep(self.engine.slot(now).saturating_duration_since(now));
            if let Some(outcomes) = self.engine.stopped(tries, messages) {
                return outcomes;
            }
            let result = self.transport.send_blocking(http.clone());
            match self.engine.decide(&mut tries, attempt(result), messages) {
                Decision::Retry { wait, jitter } => std::thread::sleep(jittered(wait, jitter)),
                Decision::Done { outcomes, .. } => return outcomes,
            }
        }
    }

    /// Sends any number of messages, in requests of at most 100; one outcome per message, in
    /// input order.
    pub fn send_all(&self, messages: impl IntoIterator<Item = Message>) -> Vec<Outcome> {
        self.send_batches(&crate::batches(messages))
    }

    /// Sends the requests of `exotel_whatsapp::RequestBuilder::batches`
    /// (for request- or channel-level fields); one outcome per message, in input order.
    pub fn send_batches(&self, batches: &[Batch]) -> Vec<Outcome> {
        batches.iter().flat_map(|batch| self.send(batch.request())).collect()
    }
}
