//! The worker loop: pace, claim, post, record, until nothing is left to send.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use exotel_whatsapp_client::{BlockingClient, BlockingTransport};
use exotel_whatsapp_core::limits::MESSAGES_MAX;
use exotel_whatsapp_core::send::{NotSentReason, Outcome};

use crate::{Claim, Counts, Store, StoreError, document};

/// How a [`Worker`] sends.
///
/// ```
/// use exotel_whatsapp::queue::Options;
/// let options = Options::default();
/// assert_eq!((options.requests_per_minute, options.concurrency), (200, 1));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// Requests per minute across every worker sharing the store; 0: no pacing.
    pub requests_per_minute: u32,
    /// Requests in flight at once in this process.
    pub concurrency: usize,
    /// How long a worker may stay silent before its claims are taken for abandoned (and become
    /// ambiguous).
    pub lease: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            requests_per_minute: exotel_whatsapp_client::DEFAULT_REQUESTS_PER_MINUTE,
            concurrency: 1,
            lease: Duration::from_secs(15),
        }
    }
}

impl Options {
    /// At most `requests` requests per minute; 0 turns pacing off.
    #[must_use]
    pub fn requests_per_minute(mut self, requests: u32) -> Self {
        self.requests_per_minute = requests;
        self
    }

    /// `requests` requests in flight at once (at least 1).
    #[must_use]
    pub fn concurrency(mut self, requests: usize) -> Self {
        self.concurrency = requests.max(1);
        self
    }

    /// The lease of a silent worker's claims.
    #[must_use]
    pub fn lease(mut self, lease: Duration) -> Self {
        self.lease = lease;
        self
    }
}

/// Something told of each request's messages as they are recorded.
pub trait Progress: Sync {
    /// `outcomes` were just recorded.
    fn recorded(&self, outcomes: &[Outcome]);
}

impl<F: Fn(&[Outcome]) + Sync> Progress for F {
    fn recorded(&self, outcomes: &[Outcome]) {
        self(outcomes);
    }
}

/// One sending process: its id marks its claims, and a heartbeat keeps them from being taken
/// for abandoned while it lives.
///
/// ```no_run
/// use exotel_whatsapp::client::{BlockingClient, Settings};
/// use exotel_whatsapp::queue::{self, Options, Worker};
/// use exotel_whatsapp::send::Credentials;
///
/// let credentials = Credentials::new("api-key", "api-token", "acme1")?;
/// // Pacing is the store's job, shared by every worker: none in the client.
/// let client = BlockingClient::new(Settings::new(credentials).requests_per_minute(0))?;
/// let counts = Worker::new()?.run(|| queue::open("sqlite:campaign.db"), &client, Options::default(), &|_: &[_]| {})?;
/// println!("{} accepted, {} ambiguous", counts.accepted, counts.ambiguous);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Worker {
    id: String,
}

impl Worker {
    /// A worker with a random id.
    pub fn new() -> Result<Self, StoreError> {
        let mut bytes = [0u8; 12];
        getrandom::fill(&mut bytes)
            .map_err(|error| StoreError::new(format!("no random worker id: {error}")))?;
        Ok(Worker { id: format!("w-{}", crate::row::hex(&bytes)) })
    }

    /// Its id, as its claims record it.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Sends until nothing is queued and no claim is left in flight: `concurrency` threads, each
    /// with a store from `open`, posting with `client`. Claims of workers silent for the lease
    /// become ambiguous on the way. Returns the counts at the end.
    pub fn run<T, S>(
        &self,
        open: impl Fn() -> Result<S, StoreError> + Sync,
        client: &BlockingClient<T>,
        options: Options,
        progress: &dyn Progress,
    ) -> Result<Counts, StoreError>
    where
        T: BlockingTransport + Sync,
        S: Store,
    {
        let mut beat = open()?;
        beat.heartbeat(&self.id)?;
        let (stop, stopped) = mpsc::channel::<()>();
        let result = thread::scope(|scope| {
            let heart = scope.spawn(move || -> Result<(), StoreError> {
                while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(options.lease / 4) {
                    beat.heartbeat(&self.id)?;
                }
                Ok(())
            });
            let senders: Vec<_> = (0..options.concurrency.max(1))
                .map(|_| scope.spawn(|| self.send(open()?, client, options, progress)))
                .collect();
            let sent = senders
                .into_iter()
                .map(|sender| sender.join().unwrap_or_else(|_| Err(panicked())))
                .collect::<Vec<_>>();
            drop(stop);
            let beat = heart.join().unwrap_or_else(|_| Err(panicked()));
            sent.into_iter().collect::<Result<Vec<()>, _>>().and(beat)
        });
        result?;
        let mut store = open()?;
        store.retire(&self.id)?;
        store.counts()
    }

    /// One thread's loop.
    fn send<T: BlockingTransport, S: Store>(
        &self,
        mut store: S,
        client: &BlockingClient<T>,
        options: Options,
        progress: &dyn Progress,
    ) -> Result<(), StoreError> {
        let interval =
            Duration::from_secs(60).checked_div(options.requests_per_minute).unwrap_or(Duration::ZERO);
        loop {
            store.recover(options.lease)?;
            if !interval.is_zero() {
                thread::sleep(store.pace(interval)?);
            }
            match store.claim(&self.id, MESSAGES_MAX)? {
                Some(claim) => {
                    let outcomes = post(&claim, client);
                    let settled: Vec<_> =
                        claim.messages.iter().map(|(claimed, _)| *claimed).zip(outcomes).collect();
                    store.settle(&settled)?;
                    progress.recorded(&settled.into_iter().map(|(_, outcome)| outcome).collect::<Vec<_>>());
                }
                // Others' requests in flight (or queued rows another worker is claiming): wait
                // for them to settle, or for their lease to end.
                None if store.counts().map(|c| c.claimed + c.queued)? > 0 => {
                    thread::sleep((options.lease / 8).max(Duration::from_millis(50)));
                }
                None => return Ok(()),
            }
        }
    }
}

/// Posts a claim's messages as one request; one outcome per message.
fn post<T: BlockingTransport>(claim: &Claim, client: &BlockingClient<T>) -> Vec<Outcome> {
    let bodies: Vec<&str> = claim.messages.iter().map(|(_, body)| body.as_str()).collect();
    match document::request(&claim.envelope, &bodies) {
        Ok(request) => client.send(&request),
        Err(reason) => {
            let reason = NotSentReason::GaveUp(format!("the stored request is invalid: {reason}"));
            vec![Outcome::NotSent { reason, attempts: 0 }; bodies.len()]
        }
    }
}

fn panicked() -> StoreError {
    StoreError::new("a sending thread panicked")
}
