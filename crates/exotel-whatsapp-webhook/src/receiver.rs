//! Persist, then acknowledge: the receiver drops the events it has already stored, hands the
//! rest to the [`Sink`], and answers 200 only when the sink has kept them.

use std::collections::HashSet;
use std::sync::{Mutex, PoisonError};

use exotel_whatsapp_core::callback::Event;
use exotel_whatsapp_core::status::DeliveryState;
use http::{Method, StatusCode};

use crate::bounded::Bounded;
use crate::endpoint::{Endpoint, Refusal};
use crate::fingerprint::{Fingerprint, Fingerprinter};
use crate::sink::Sink;

/// How many de-duplication keys a receiver remembers by default (D, as pywa's
/// `skip_duplicate_updates`): far more than the events Exotel can still be retrying. Each is
/// kept as a 128-bit fingerprint, a few dozen bytes whatever the event's size: a few MB in all.
pub const SEEN_KEYS_DEFAULT: usize = 100_000;

/// How many messages' delivery states a receiver tracks by default (D); each `sid` is kept as a
/// 128-bit fingerprint, as the keys are.
pub const TRACKED_SIDS_DEFAULT: usize = 100_000;

/// A callback receiver: an [`Endpoint`], a [`Sink`], the keys of the events already stored, and
/// each message's delivery state.
///
/// **De-duplication.** Events whose [`dedup_key`](Event::dedup_key) (its 128-bit fingerprint)
/// was already stored, or appears twice in one body, reach the sink once; a body whose events
/// were all stored is answered 200 without calling the sink. Bodies are handed to the sink one
/// at a time, so two copies of a body arriving together are no exception. The keys live in
/// memory, the last [`SEEN_KEYS_DEFAULT`] of them (first in, first out; see
/// [`Receiver::remember`]): a restart forgets them, and a body Exotel retries after that reaches
/// the sink again. A sink that must see each event once across restarts checks the keys itself
/// (a unique index on the key), and may turn the memory off with `remember(0)`.
///
/// **Delivery state.** Every stored status event moves its message's state by
/// [`DeliveryState::then`], so a late `sent` never
/// overwrites `delivered`; [`Receiver::state`] reads it.
///
/// ```
/// use exotel_whatsapp::status::DeliveryState;
/// use exotel_whatsapp::webhook::{Endpoint, JsonLines, Outcome, Receiver, Token};
/// use http::Method;
///
/// # tokio::runtime::Builder::new_current_thread().build()?.block_on(async {
/// let token = Token::new("t0ken-t0ken-t0ken")?;
/// let receiver = Receiver::new(Endpoint::new("/callbacks", token), JsonLines::new(std::io::sink()));
/// let post = |body: &'static str| receiver.receive(&Method::POST, "/callbacks/t0ken-t0ken-t0ken", None, body.as_bytes());
///
/// let delivered = r#"{"whatsapp": {"messages": [{"callback_type": "dlr", "sid": "s1", "exo_status_code": 30002}]}}"#;
/// let sent = r#"{"whatsapp": {"messages": [{"callback_type": "dlr", "sid": "s1", "exo_status_code": 30001}]}}"#;
/// assert!(matches!(post(delivered).await, Outcome::Acknowledged { stored: 1 }));
/// assert!(matches!(post(delivered).await, Outcome::Acknowledged { stored: 0 })); // a retry
/// assert!(matches!(post(sent).await, Outcome::Acknowledged { stored: 1 }));      // late
/// assert_eq!(receiver.state("s1"), DeliveryState::Delivered);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// # })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Receiver<S> {
    endpoint: Endpoint,
    sink: S,
    /// Held while the sink stores, so that de-duplication is exact.
    seen: tokio::sync::Mutex<Bounded<Fingerprint, ()>>,
    states: Mutex<Bounded<Fingerprint, DeliveryState>>,
    fingerprints: Fingerprinter,
}

/// What became of one request.
#[derive(Debug)]
#[must_use]
#[non_exhaustive]
pub enum Outcome<E> {
    /// 200: the sink kept the `stored` new events (0 when every event was a repeat).
    Acknowledged {
        /// How many events reached the sink.
        stored: usize,
    },
    /// Refused before the sink: 404, 405, 413 or 400.
    Refused(Refusal),
    /// 500: the sink failed; nothing is remembered, so Exotel's retry is stored in full.
    NotStored(E),
}

impl<E> Outcome<E> {
    /// The HTTP status to answer with.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::Acknowledged { .. } => StatusCode::OK,
            Self::Refused(refusal) => refusal.status(),
            Self::NotStored(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl<S: Sink> Receiver<S> {
    /// A receiver for `endpoint` that stores into `sink`.
    pub fn new(endpoint: Endpoint, sink: S) -> Self {
        Self {
            endpoint,
            sink,
            seen: tokio::sync::Mutex::new(Bounded::new(SEEN_KEYS_DEFAULT)),
            states: Mutex::new(Bounded::new(TRACKED_SIDS_DEFAULT)),
            fingerprints: Fingerprinter::new(),
        }
    }

    /// Remembers the last `keys` stored events for de-duplication (default
    /// [`SEEN_KEYS_DEFAULT`]); 0 remembers none and leaves de-duplication to the sink.
    #[must_use]
    pub fn remember(self, keys: usize) -> Self {
        Self { seen: tokio::sync::Mutex::new(Bounded::new(keys)), ..self }
    }

    /// Tracks the delivery state of the last `sids` messages (default [`TRACKED_SIDS_DEFAULT`]).
    #[must_use]
    pub fn track(self, sids: usize) -> Self {
        Self { states: Mutex::new(Bounded::new(sids)), ..self }
    }

    /// The endpoint's rules.
    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// The sink.
    pub fn sink(&self) -> &S {
        &self.sink
    }

    /// The delivery state of message `sid`, folded over its stored status events in arrival
    /// order; `Unknown` for a message not seen (or forgotten, past [`Receiver::track`]).
    pub fn state(&self, sid: &str) -> DeliveryState {
        let states = self.states.lock().unwrap_or_else(PoisonError::into_inner);
        states.get(&self.fingerprints.of(sid)).copied().unwrap_or(DeliveryState::Unknown)
    }

    /// Handles one request whose body has been read: authentication, method, cap, events,
    /// de-duplication, sink.
    pub async fn receive(
        &self,
        method: &Method,
        path: &str,
        content_type: Option<&str>,
        body: &[u8],
    ) -> Outcome<S::Error> {
        let events = self.endpoint.check(method, path).and_then(|()| self.endpoint.read(content_type, body));
        match events {
            Ok(events) => self.accept(events).await,
            Err(refusal) => Outcome::Refused(refusal),
        }
    }

    /// Stores the events not seen before and remembers them once the sink has kept them: the
    /// second half of [`Receiver::receive`], for events read elsewhere (the axum
    /// [`Callback`](crate::Callback) extractor).
    pub async fn accept(&self, events: Vec<Event>) -> Outcome<S::Error> {
        let mut seen = self.seen.lock().await;
        let mut keys = HashSet::new();
        let fresh: Vec<(Fingerprint, Event)> = events
            .into_iter()
            .map(|event| (self.fingerprints.of(event.dedup_key().as_str()), event))
            .filter(|(key, _)| seen.get(key).is_none() && keys.insert(*key))
            .collect();
        if fresh.is_empty() {
            return Outcome::Acknowledged { stored: 0 };
        }
        let (keys, events): (Vec<Fingerprint>, Vec<Event>) = fresh.into_iter().unzip();
        if let Err(error) = self.sink.store(&events).await {
            return Outcome::NotStored(error);
        }
        for key in keys {
            seen.insert(key, ());
        }
        self.track_states(&events);
        Outcome::Acknowledged { stored: events.len() }
    }

    fn track_states(&self, events: &[Event]) {
        let mut states = self.states.lock().unwrap_or_else(PoisonError::into_inner);
        for event in events {
            if let Event::Status(status) = event {
                if let Some(sid) = &status.sid {
                    let sid = self.fingerprints.of(sid);
                    let now = states.get(&sid).copied().unwrap_or(DeliveryState::Unknown);
                    states.insert(sid, now.then(status.status.state()));
                }
            }
        }
    }
}
