//! The storage interface every ledger backend implements, and what passes through it.

use core::fmt;
use std::time::Duration;

use exotel_whatsapp_core::callback::Event;
use exotel_whatsapp_core::send::Outcome;

use crate::Document;

/// A ledger's storage. Each method is one transaction, so any number of processes may share a
/// store; every state change is one of [`State`](crate::State)'s transitions.
///
/// ```
/// use exotel_whatsapp::queue::{Document, SqliteStore, Store};
/// use exotel_whatsapp::{content::Text, Message, Request};
/// let mut store = SqliteStore::in_memory()?;
/// let message = Message::new("+919999999999", "+918888888888", Text::new("Hi")?)?;
/// let document = Document::new(&[Request::new([message])?]);
/// assert_eq!(store.add(&document, false)?, exotel_whatsapp::queue::Added::Queued(1));
/// assert_eq!(store.add(&document, false)?, exotel_whatsapp::queue::Added::Duplicate);
/// assert_eq!(store.counts()?.queued, 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Store: Send {
    /// Enqueues a document's messages; one already enqueued (same [`Document::digest`]) is
    /// skipped unless `allow_duplicates`.
    fn add(&mut self, document: &Document, allow_duplicates: bool) -> Result<Added, StoreError>;

    /// Says that `worker` is alive; its claims are safe from [`Store::recover`] for a lease.
    fn heartbeat(&mut self, worker: &str) -> Result<(), StoreError>;

    /// Forgets `worker`, which stopped cleanly with no claims left.
    fn retire(&mut self, worker: &str) -> Result<(), StoreError>;

    /// Turns the claims of every worker not heard from for `lease` into `ambiguous`; returns how
    /// many.
    fn recover(&mut self, lease: Duration) -> Result<u64, StoreError>;

    /// Claims up to `max` queued messages that share one request envelope, oldest first, for
    /// `worker`; empty when none is queued. The claim is stored before this returns.
    fn claim(&mut self, worker: &str, max: usize) -> Result<Option<Claim>, StoreError>;

    /// Records what became of claimed messages.
    fn settle(&mut self, outcomes: &[(Claimed, Outcome)]) -> Result<(), StoreError>;

    /// Records delivery reports, each once (by [`Event::dedup_key`]): an accepted message's
    /// delivery state moves forward; an ambiguous one named by its correlation id is settled
    /// as accepted. Other events are ignored. Returns how many events were new.
    fn report(&mut self, events: &[Event]) -> Result<u64, StoreError>;

    /// Queues again the ambiguous messages that became ambiguous at least `older_than` ago: the
    /// explicit resend. Returns how many.
    fn resend_ambiguous(&mut self, older_than: Duration) -> Result<u64, StoreError>;

    /// How long to wait before the next request, for requests spaced by `interval`: the slot
    /// is reserved in the store, shared by every worker and kept across restarts.
    fn pace(&mut self, interval: Duration) -> Result<Duration, StoreError>;

    /// Messages by state.
    fn counts(&mut self) -> Result<Counts, StoreError>;
}

/// A boxed store, as [`open`](crate::open) gives it, is a store.
impl<S: Store + ?Sized> Store for Box<S> {
    fn add(&mut self, document: &Document, allow_duplicates: bool) -> Result<Added, StoreError> {
        (**self).add(document, allow_duplicates)
    }
    fn heartbeat(&mut self, worker: &str) -> Result<(), StoreError> {
        (**self).heartbeat(worker)
    }
    fn retire(&mut self, worker: &str) -> Result<(), StoreError> {
        (**self).retire(worker)
    }
    fn recover(&mut self, lease: Duration) -> Result<u64, StoreError> {
        (**self).recover(lease)
    }
    fn claim(&mut self, worker: &str, max: usize) -> Result<Option<Claim>, StoreError> {
        (**self).claim(worker, max)
    }
    fn settle(&mut self, outcomes: &[(Claimed, Outcome)]) -> Result<(), StoreError> {
        (**self).settle(outcomes)
    }
    fn report(&mut self, events: &[Event]) -> Result<u64, StoreError> {
        (**self).report(events)
    }
    fn resend_ambiguous(&mut self, older_than: Duration) -> Result<u64, StoreError> {
        (**self).resend_ambiguous(older_than)
    }
    fn pace(&mut self, interval: Duration) -> Result<Duration, StoreError> {
        (**self).pace(interval)
    }
    fn counts(&mut self) -> Result<Counts, StoreError> {
        (**self).counts()
    }
}

/// What [`Store::add`] did with a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// Its messages were queued.
    Queued(usize),
    /// The same content was queued before; nothing was added.
    Duplicate,
}

/// Messages claimed together, to be sent in one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The request they share, without messages (JSON).
    pub envelope: String,
    /// The messages, in queue order, with their bodies.
    pub messages: Vec<(Claimed, String)>,
}

/// One claimed message: its row and which claim of it this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Claimed {
    /// The message's row.
    pub id: i64,
    /// How many times it has been claimed, this claim included; an outcome for an older claim
    /// is not recorded over a newer one.
    pub claim: i64,
}

/// Messages by state, as `exotel-wa queue status` prints them; `sent` to `failed` count accepted
/// messages by their latest delivery report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
#[allow(missing_docs, reason = "each field is a state's count, named after it")]
pub struct Counts {
    pub queued: u64,
    pub claimed: u64,
    pub accepted: u64,
    pub rejected: u64,
    pub ambiguous: u64,
    pub not_sent: u64,
    pub sent: u64,
    pub delivered: u64,
    pub seen: u64,
    pub failed: u64,
    pub total: u64,
}

impl Counts {
    /// Each count with its name, in the documented order.
    ///
    /// ```
    /// use exotel_whatsapp::queue::Counts;
    /// let names: Vec<_> = Counts::default().named().iter().map(|(name, _)| *name).collect();
    /// assert_eq!(names[0], "queued");
    /// assert_eq!(names[10], "total");
    /// ```
    pub fn named(&self) -> [(&'static str, u64); 11] {
        [
            ("queued", self.queued),
            ("claimed", self.claimed),
            ("accepted", self.accepted),
            ("rejected", self.rejected),
            ("ambiguous", self.ambiguous),
            ("not_sent", self.not_sent),
            ("sent", self.sent),
            ("delivered", self.delivered),
            ("seen", self.seen),
            ("failed", self.failed),
            ("total", self.total),
        ]
    }

    /// Counts `n` messages in `state`, with `delivery` for accepted ones.
    pub(crate) fn tally(&mut self, state: &str, delivery: Option<&str>, n: u64) {
        self.add(state, n);
        if state == "accepted" {
            self.add(delivery.unwrap_or_default(), n);
        }
        self.total += n;
    }

    /// Adds `n` messages in the state (or delivery state) called `name`.
    fn add(&mut self, name: &str, n: u64) {
        let count = match name {
            "queued" => &mut self.queued,
            "claimed" => &mut self.claimed,
            "accepted" => &mut self.accepted,
            "rejected" => &mut self.rejected,
            "ambiguous" => &mut self.ambiguous,
            "not_sent" => &mut self.not_sent,
            "sent" => &mut self.sent,
            "delivered" => &mut self.delivered,
            "seen" => &mut self.seen,
            "failed" => &mut self.failed,
            _ => return,
        };
        *count += n;
    }
}

/// Why the store could not do something; the text never holds a password.
///
/// ```
/// let Err(error) = exotel_whatsapp::queue::open("mysql://x") else { panic!("not a store we know") };
/// assert!(error.to_string().starts_with("unsupported store"), "{error}");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError(String);

impl StoreError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        StoreError(message.into())
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StoreError {}
