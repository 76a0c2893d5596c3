//! The async client.

use exotel_whatsapp_core::send::{Decision, Outcome, Tries};
use exotel_whatsapp_core::{Batch, Message, Request};
use futures_util::StreamExt as _;
use tracing::Instrument as _;

use crate::engine::{Engine, jittered};
use crate::transport::{Transport, attempt};
use crate::{BuildError, ReqwestTransport, Settings};

/// Sends requests with retries that never send a message twice, paced across all its sends.
/// It runs on a tokio runtime with the time driver enabled (as reqwest needs).
///
/// ```no_run
/// use exotel_whatsapp::client::{Client, Settings};
/// use exotel_whatsapp::send::{Credentials, Outcome};
/// use exotel_whatsapp::{content::Text, Message};
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let credentials = Credentials::new("api-key", "api-token", "acme1")?;
/// let client = Client::new(Settings::new(credentials))?;
/// let text = Text::new("Your order has shipped")?;
/// let messages = ["+918888888888", "+917777777777"].map(|to| Message::new("+919999999999", to, text.clone()));
/// for (message, outcome) in client.send_all(messages.into_iter().collect::<Result<Vec<_>, _>>()?).await.iter().enumerate() {
///     match outcome {
///         Outcome::Accepted { sid, .. } => println!("{message}: accepted as {sid}"),
///         other => println!("{message}: {other}"),
///     }
/// }
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct Client<T = ReqwestTransport> {
    engine: Engine,
    concurrency: usize,
    transport: T,
}

impl Client {
    /// A client on `reqwest`, with the connect and total timeouts of `settings`.
    ///
    /// # Errors
    /// [`BuildError::Config`] when the endpoint and credentials do not form a URL and header;
    /// [`BuildError::Http`] when the HTTP stack cannot start.
    pub fn new(settings: Settings) -> Result<Self, BuildError> {
        let transport = ReqwestTransport::new(settings.connect_timeout, settings.timeout)?;
        Self::with_transport(settings, transport)
    }
}

impl<T: Transport> Client<T> {
    /// A client on your own transport (the timeouts of `settings` are then the transport's job).
    ///
    /// # Errors
    /// [`BuildError::Config`] when the endpoint and credentials do not form a URL and header.
    pub fn with_transport(settings: Settings, transport: T) -> Result<Self, BuildError> {
        let concurrency = settings.concurrency;
        Ok(Client { engine: Engine::new(settings)?, concurrency, transport })
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
    pub async fn send(&self, request: &Request) -> Vec<Outcome> {
        let messages = request.messages().len();
        let span = tracing::info_span!("exotel_send", messages);
        self.send_inner(request, messages).instrument(span).await
    }

    async fn send_inner(&self, request: &Request, messages: usize) -> Vec<Outcome> {
        let http = self.engine.api.request(request);
        let mut tries = Tries::default();
        loop {
            // Stopped requests take no pacer slot: they would hold back nothing but themselves.
            if let Some(outcomes) = self.engine.stopped(tries, messages) {
                return outcomes;
            }
            let start = self.engine.slot(tokio::time::Instant::now().into_std());
            tokio::time::sleep_until(start.into()).await;
            if let Some(outcomes) = self.engine.stopped(tries, messages) {
                return outcomes;
            }
            let result = self.transport.send(http.clone()).await;
            match self.engine.decide(&mut tries, attempt(result), messages) {
                Decision::Retry { wait, jitter } => tokio::time::sleep(jittered(wait, jitter)).await,
                Decision::Done { outcomes, .. } => return outcomes,
            }
        }
    }

    /// Sends any number of messages, in requests of at most 100, up to the concurrency limit at
    /// once; one outcome per message, in input order. After a 401, requests not yet started
    /// are not sent; those already in flight keep their own answers.
    pub async fn send_all(&self, messages: impl IntoIterator<Item = Message>) -> Vec<Outcome> {
        self.send_batches(&crate::batches(messages)).await
    }

    /// Sends the requests of `exotel_whatsapp::RequestBuilder::batches`
    /// (for request- or channel-level fields); one outcome per message, in input order.
    pub async fn send_batches(&self, batches: &[Batch]) -> Vec<Outcome> {
        let sends = futures_util::stream::iter(batches).map(|batch| self.send(batch.request()));
        let outcomes: Vec<Vec<Outcome>> = sends.buffered(self.concurrency).collect().await;
        outcomes.into_iter().flatten().collect()
    }
}
