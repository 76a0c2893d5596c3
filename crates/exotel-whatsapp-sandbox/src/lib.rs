#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

mod api;
mod clock;
mod credentials;
mod delivery;
mod ids;
mod incoming;
pub mod magic;
mod record;
mod scenario;
mod server;
mod state;

use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use credentials::Credentials;
pub use record::{Activity, CallbackRecord, Delivery, MessageRecord, MessageState, Outcome};
pub use scenario::{Fault, Scenario, ScenarioError};

use state::{Config, Observer, Shared};

/// The slowest speed accepted: every delay at most 100 times its base (a few minutes).
pub const SPEED_MIN: f64 = 0.01;

/// A running sandbox, on a loopback port of its own; it stops when dropped.
///
/// Start one per test with [`Sandbox::start`], or configure one with [`Sandbox::builder`].
///
/// ```
/// use exotel_whatsapp::sandbox::Sandbox;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let sandbox = Sandbox::start().await;
/// assert!(sandbox.base_url().starts_with("http://127.0.0.1:"));
/// assert_eq!(
///     sandbox.messages_url(),
///     format!("{}/v2/accounts/sandbox_sid/messages", sandbox.base_url())
/// );
/// // Post requests with `sandbox.credentials()`; then look at what the sandbox did:
/// assert!(sandbox.messages().is_empty());
/// # }
/// ```
pub struct Sandbox {
    address: SocketAddr,
    shared: Arc<Shared>,
    shutdown: watch::Sender<bool>,
    server: Option<JoinHandle<()>>,
}

impl Sandbox {
    /// Starts a sandbox with the defaults on a free port of 127.0.0.1, on the current tokio
    /// runtime.
    ///
    /// # Panics
    /// If no loopback port can be bound; use [`SandboxBuilder::start`] to handle that.
    pub async fn start() -> Self {
        match Self::builder().start().await {
            Ok(sandbox) => sandbox,
            Err(error) => panic!("cannot start the sandbox: {error}"),
        }
    }

    /// A sandbox to configure: seed, speed, scenario, callbacks, address, credentials.
    ///
    /// ```
    /// use exotel_whatsapp::sandbox::{Fault, Sandbox, Scenario};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let sandbox = Sandbox::builder()
    ///     .seed(7)
    ///     .speed(100.0)
    ///     .scenario(Scenario::new().with(1, Fault::status(503)))
    ///     .default_callback("http://127.0.0.1:9/status")
    ///     .start()
    ///     .await?;
    /// assert_eq!(sandbox.seed(), 7);
    /// # Ok(())
    /// # }
    /// ```
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder::default()
    }

    /// The address it listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// `http://ADDRESS:PORT`, without a trailing slash: the base URL to give a client in place
    /// of Exotel's.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The URL of the send route for its account: `{base_url}/v2/accounts/{sid}/messages`.
    pub fn messages_url(&self) -> String {
        format!("{}/v2/accounts/{}/messages", self.base_url(), self.credentials().account_sid())
    }

    /// The account sid, API key and token it accepts.
    pub fn credentials(&self) -> &Credentials {
        &self.shared.config.credentials
    }

    /// The seed of its ids: the one given, or a random one.
    pub fn seed(&self) -> u64 {
        self.shared.config.seed
    }

    /// Every message received so far, in order of arrival, with its sid, state and callbacks
    /// (what `GET /sandbox/messages` answers).
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// use exotel_whatsapp::client::{Client, Settings};
    /// use exotel_whatsapp::sandbox::{MessageState, Outcome, Sandbox};
    /// use exotel_whatsapp::send::{self, Credentials, Endpoint};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let sandbox = Sandbox::builder().speed(1000.0).start().await?;
    /// let account = sandbox.credentials();
    /// let credentials = Credentials::new(account.api_key(), account.api_token(), account.account_sid())?;
    /// let client = Client::new(Settings::new(credentials).endpoint(Endpoint::parse(&sandbox.base_url())?))?;
    /// let body = r#"{"whatsapp": {"messages": [{"from": "+919000000000", "to": "+919812345678",
    ///     "custom_data": "order-12", "content": {"type": "text", "text": {"body": "Hi"}}}]}}"#;
    /// let request = exotel_whatsapp::check::check(body.as_bytes()).into_request().expect("valid");
    /// let outcomes = client.send(&request).await;
    /// assert!(matches!(outcomes[..], [send::Outcome::Accepted { .. }]));
    ///
    /// assert!(sandbox.settled(Duration::from_secs(10)).await);
    /// let [message] = &sandbox.messages()[..] else { panic!("one message") };
    /// assert_eq!((message.request, message.custom_data.as_deref()), (1, Some("order-12")));
    /// assert_eq!(message.state, MessageState::Seen);
    /// // No status_callback and no default callback: the statuses were not posted anywhere.
    /// let codes: Vec<_> = message.callbacks.iter().map(|c| (c.exo_status_code, c.delivery.outcome)).collect();
    /// assert_eq!(codes, [(30001, Outcome::NoUrl), (30002, Outcome::NoUrl), (30003, Outcome::NoUrl)]);
    /// # Ok(())
    /// # }
    /// ```
    pub fn messages(&self) -> Vec<MessageRecord> {
        self.shared.records()
    }

    /// Waits until `done` holds for the messages, checking after every change; `false` if
    /// `timeout` passed first.
    pub async fn wait_for(&self, timeout: Duration, done: impl FnMut(&[MessageRecord]) -> bool) -> bool {
        self.shared.wait_for(timeout, done).await
    }

    /// Waits until no callback is left to post for any message received so far; `false` if
    /// `timeout` passed first.
    pub async fn settled(&self, timeout: Duration) -> bool {
        self.wait_for(timeout, |messages| messages.iter().all(|message| message.done)).await
    }

    /// Stops accepting connections and posting callbacks, and waits (a few seconds at most) for
    /// requests in progress to be answered.
    pub async fn shutdown(mut self) {
        self.shutdown.send_replace(true);
        if let Some(server) = self.server.take() {
            // The server task ends by itself once told; a panic in it has nothing left to stop.
            let _ = server.await;
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.shutdown.send_replace(true);
    }
}

impl fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sandbox")
            .field("address", &self.address)
            .field("credentials", self.credentials())
            .field("seed", &self.seed())
            .finish_non_exhaustive()
    }
}

/// Configures a [`Sandbox`]; every setting has a default.
#[must_use = "call `.start().await` to run the sandbox"]
pub struct SandboxBuilder {
    listen: SocketAddr,
    credentials: Credentials,
    seed: Option<u64>,
    speed: f64,
    scenario: Scenario,
    default_callback: Option<String>,
    incoming_callback: Option<String>,
    allow_external_callbacks: bool,
    observer: Option<Observer>,
}

impl Default for SandboxBuilder {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            credentials: Credentials::default(),
            seed: None,
            speed: 1.0,
            scenario: Scenario::new(),
            default_callback: None,
            incoming_callback: None,
            allow_external_callbacks: false,
            observer: None,
        }
    }
}

impl SandboxBuilder {
    /// Where to listen; default `127.0.0.1:0`, a free loopback port.
    pub fn listen(mut self, address: SocketAddr) -> Self {
        self.listen = address;
        self
    }

    /// The account sid, key and token to accept; default [`Credentials::default`].
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = credentials;
        self
    }

    /// Makes request ids and sids the same from one run to the next; default random.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }

    /// Divides every delay (before each status callback, before a retry) by `speed`; default 1,
    /// at least [`SPEED_MIN`]. Tests use 100 or more.
    pub fn speed(mut self, speed: f64) -> Self {
        self.speed = speed;
        self
    }

    /// Transport faults for chosen requests; default none.
    pub fn scenario(mut self, scenario: Scenario) -> Self {
        self.scenario = scenario;
        self
    }

    /// Where status callbacks go for messages without a `status_callback` at any level.
    pub fn default_callback(mut self, url: impl Into<String>) -> Self {
        self.default_callback = Some(url.into());
        self
    }

    /// Where `POST /sandbox/incoming` posts customer messages; default the default callback.
    pub fn incoming_callback(mut self, url: impl Into<String>) -> Self {
        self.incoming_callback = Some(url.into());
        self
    }

    /// Allows callbacks to hosts other than loopback ones; default off, so that a request cannot
    /// make the sandbox post to another machine.
    pub fn allow_external_callbacks(mut self, allow: bool) -> Self {
        self.allow_external_callbacks = allow;
        self
    }

    /// Calls `observer` after each request answered and each callback posted (or given up), on
    /// the task that did it: keep it short. A request is observed before its callbacks.
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    ///
    /// use exotel_whatsapp::Message;
    /// use exotel_whatsapp::client::{Client, Settings};
    /// use exotel_whatsapp::content::Text;
    /// use exotel_whatsapp::sandbox::{Activity, Sandbox};
    /// use exotel_whatsapp::send::{Credentials, Endpoint, Outcome};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let seen = Arc::new(Mutex::new(Vec::new()));
    /// let log = Arc::clone(&seen);
    /// let sandbox = Sandbox::builder()
    ///     .on_activity(move |activity| log.lock().unwrap().push(activity.clone()))
    ///     .start()
    ///     .await?;
    /// // The library's client, with a wrong token.
    /// let credentials = Credentials::new("sandbox_key", "not-the-token", "sandbox_sid")?;
    /// let client = Client::new(Settings::new(credentials).endpoint(Endpoint::parse(&sandbox.base_url())?))?;
    /// let text = Message::new("+919000000000", "+919812345678", Text::new("Hi")?)?;
    /// let outcomes = client.send_all([text]).await;
    /// assert!(matches!(outcomes[..], [Outcome::Rejected { code: 401, .. }]), "no valid credentials");
    /// let seen = seen.lock().unwrap();
    /// assert!(matches!(seen[..], [Activity::Request { number: 1, http_status: Some(401), .. }]));
    /// # Ok(())
    /// # }
    /// ```
    pub fn on_activity(mut self, observer: impl Fn(&Activity) + Send + Sync + 'static) -> Self {
        self.observer = Some(Arc::new(observer));
        self
    }

    /// Binds the address and starts serving on the current tokio runtime.
    pub async fn start(self) -> Result<Sandbox, StartError> {
        if !self.speed.is_finite() || self.speed < SPEED_MIN {
            return Err(StartError::Speed(self.speed));
        }
        for url in [&self.default_callback, &self.incoming_callback].into_iter().flatten() {
            delivery::check_target(url, self.allow_external_callbacks)
                .map_err(|reason| StartError::CallbackUrl { url: url.clone(), reason })?;
        }
        let client = delivery::poster();
        let listener = TcpListener::bind(self.listen).await.map_err(StartError::Bind)?;
        let address = listener.local_addr().map_err(StartError::Bind)?;
        let (shutdown, stopped) = watch::channel(false);
        let config = Config {
            credentials: self.credentials,
            seed: self.seed.unwrap_or_else(ids::random_seed),
            speed: self.speed,
            scenario: self.scenario,
            default_callback: self.default_callback,
            incoming_callback: self.incoming_callback,
            allow_external_callbacks: self.allow_external_callbacks,
            observer: self.observer,
        };
        let shared = Arc::new(Shared::new(config, stopped.clone(), client));
        let server = tokio::spawn(server::serve(listener, api::router(Arc::clone(&shared)), stopped));
        Ok(Sandbox { address, shared, shutdown, server: Some(server) })
    }
}

/// Why a sandbox did not start.
///
/// ```
/// use exotel_whatsapp::sandbox::{Sandbox, StartError};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let error = Sandbox::builder().default_callback("http://example.com/status").start().await.unwrap_err();
/// assert!(matches!(error, StartError::CallbackUrl { .. }));
/// assert!(error.to_string().contains("--allow-external-callbacks"));
/// # }
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum StartError {
    /// The address could not be bound.
    Bind(std::io::Error),
    /// The speed is not a number of at least [`SPEED_MIN`].
    Speed(f64),
    /// A configured callback URL is not one the sandbox may post to.
    CallbackUrl {
        /// The URL.
        url: String,
        /// Why not.
        reason: String,
    },
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Bind(error) => write!(f, "cannot listen: {error}"),
            Self::Speed(speed) => write!(f, "speed {speed} is not a number of at least {SPEED_MIN}"),
            Self::CallbackUrl { url, reason } => write!(f, "callback URL {url}: {reason}"),
        }
    }
}

impl std::error::Error for StartError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Bind(error) => Some(error),
            _ => None,
        }
    }
}
