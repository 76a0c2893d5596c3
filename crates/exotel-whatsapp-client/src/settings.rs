//! What both clients are configured with.

use std::time::Duration;

use exotel_whatsapp_core::send::{Credentials, Endpoint, Policy};

/// Requests per minute by default: the WhatsApp API's default limit per account on Exotel's
/// rate-limiting page (EXD, unverified), 20,000 messages a minute at 100 per request.
pub const DEFAULT_REQUESTS_PER_MINUTE: u32 = 200;

/// Requests in flight at once by default. At 200 requests a minute the pacer starts one every
/// 300 ms, so 4 keep the pace while each takes up to 1.2 s; more would only wait for the pacer.
pub const DEFAULT_CONCURRENCY: usize = 4;

/// Time allowed to open a connection (DNS, TCP and TLS) by default.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Time allowed for a whole request, from connecting to the last byte of the answer, by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// How a client sends: where, as whom, how fast and how persistently.
///
/// ```
/// use std::time::Duration;
/// use exotel_whatsapp::client::Settings;
/// use exotel_whatsapp::send::{Credentials, Policy, Region};
///
/// let settings = Settings::new(Credentials::new("key", "s3cr3t", "acme1")?)
///     .endpoint(Region::Mumbai.into())
///     .policy(Policy::default().attempts(3))
///     .requests_per_minute(100)
///     .timeouts(Duration::from_secs(5), Duration::from_secs(20));
/// assert!(!format!("{settings:?}").contains("s3cr3t"));
/// # Ok::<(), exotel_whatsapp::send::ConfigError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Settings {
    pub(crate) endpoint: Endpoint,
    pub(crate) credentials: Credentials,
    pub(crate) policy: Policy,
    pub(crate) requests_per_minute: u32,
    pub(crate) concurrency: usize,
    pub(crate) connect_timeout: Duration,
    pub(crate) timeout: Duration,
}

impl Settings {
    /// The defaults, for the account of `credentials` on the Singapore cluster.
    pub fn new(credentials: Credentials) -> Self {
        Settings {
            endpoint: Endpoint::default(),
            credentials,
            policy: Policy::default(),
            requests_per_minute: DEFAULT_REQUESTS_PER_MINUTE,
            concurrency: DEFAULT_CONCURRENCY,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// Where to send: a `exotel_whatsapp::send::Region` or a checked base URL.
    #[must_use]
    pub fn endpoint(mut self, endpoint: Endpoint) -> Self {
        self.endpoint = endpoint;
        self
    }

    /// The retry policy.
    #[must_use]
    pub fn policy(mut self, policy: Policy) -> Self {
        self.policy = policy;
        self
    }

    /// The most HTTP requests a minute, retries included, across every send of the client; 0
    /// for no limit. Default [`DEFAULT_REQUESTS_PER_MINUTE`].
    #[must_use]
    pub fn requests_per_minute(mut self, requests: u32) -> Self {
        self.requests_per_minute = requests;
        self
    }

    /// The most requests in flight at once for the async client (at least 1). Default
    /// [`DEFAULT_CONCURRENCY`]. The blocking client sends one at a time.
    #[must_use]
    pub fn concurrency(mut self, requests: usize) -> Self {
        self.concurrency = requests.max(1);
        self
    }

    /// The connect timeout and the total timeout of one HTTP request. Both always apply.
    #[must_use]
    pub fn timeouts(mut self, connect: Duration, total: Duration) -> Self {
        self.connect_timeout = connect;
        self.timeout = total;
        self
    }
}
