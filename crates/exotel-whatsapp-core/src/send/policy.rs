//! The retry decision: what one attempt's result means for its messages, and whether trying
//! again could send them twice. Exotel has no idempotency key, so only what certainly did not
//! reach it, or what it certainly did not process, is tried again.

use std::time::Duration;

use super::{NotSentReason, Outcome, Reply};
use crate::response::SendError;

/// The retry policy. The default makes 5 attempts, backs off from 1 s doubling up to 60 s (the
/// backoff Exotel's FAQ asks for after a 429), and never retries a 500.
///
/// | outcome of an attempt | decision |
/// | --- | --- |
/// | [`Attempt::Unsent`]: connect, DNS or TLS failure | retry after the backoff |
/// | 429 or 503 | retry after `max(Retry-After, backoff)`, capped |
/// | 502, 504 | retry after the backoff |
/// | 500 (and other 5xx) | every message [`Outcome::Ambiguous`]; retried only with [`Policy::retry_server_errors`] |
/// | [`Attempt::Lost`]: timeout or dropped connection after sending began | every message [`Outcome::Ambiguous`] |
/// | 401 | every message [`Outcome::Rejected`], and [`Decision::Done::stop`] |
/// | 400, 402, 403, 404, any other status | every message [`Outcome::Rejected`] |
/// | 2xx | each message's own result: [`Outcome::Accepted`] or [`Outcome::Rejected`], never retried |
///
/// When the attempts run out, the messages are [`Outcome::NotSent`], or
/// [`Outcome::Ambiguous`] if a retried 500 may have processed them.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use std::time::Duration;
/// use exotel_whatsapp::send::{Attempt, Decision, Outcome, Policy, Tries};
/// let policy = Policy::default().attempts(2);
/// let mut tries = Tries::default();
/// let refused = || Attempt::Unsent("connection refused".into());
/// let decision = policy.decide(&mut tries, refused(), 1);
/// assert_eq!(decision, Decision::Retry { wait: Duration::from_secs(1), jitter: Duration::from_millis(250) });
/// let Decision::Done { outcomes, stop: false } = policy.decide(&mut tries, refused(), 1) else { panic!() };
/// assert!(matches!(&outcomes[..], [Outcome::NotSent { attempts: 2, .. }]));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    attempts: u32,
    backoff: Duration,
    max_wait: Duration,
    retry_server_errors: bool,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            attempts: 5,
            backoff: Duration::from_secs(1),
            max_wait: Duration::from_secs(60),
            retry_server_errors: false,
        }
    }
}

/// The attempts made so far for one request, which [`Policy::decide`] updates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tries {
    made: u32,
    maybe_sent: bool,
}

impl Tries {
    /// Attempts made.
    pub fn made(&self) -> u32 {
        self.made
    }

    /// The outcomes of a request's `messages` when sending stops before its next attempt (an
    /// earlier request was refused with 401): not sent, or ambiguous if a retried 500 may have
    /// processed them.
    pub fn stop(&self, messages: usize) -> Vec<Outcome> {
        let outcome = if self.maybe_sent {
            Outcome::Ambiguous { reason: "a retried 500 may have been processed".into(), attempts: self.made }
        } else {
            Outcome::NotSent { reason: NotSentReason::Unauthorized, attempts: self.made }
        };
        vec![outcome; messages]
    }
}

/// What one attempt came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Attempt {
    /// Nothing reached Exotel: DNS, connect or TLS failure, or a connect timeout. The text says
    /// what happened and must hold no secret.
    Unsent(String),
    /// The request may have reached Exotel: a timeout or a dropped connection after it began to
    /// be sent, or an answer that could not be read.
    Lost(String),
    /// Exotel answered.
    Answered(Reply),
}

/// What to do after an attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Send the same request again after `wait` plus a random share of `jitter`.
    Retry {
        /// The least time to wait: the backoff, or `Retry-After` when longer (both capped).
        wait: Duration,
        /// The most to add to `wait`, chosen at random, so that clients do not retry in step.
        jitter: Duration,
    },
    /// The request is settled: one outcome per message, in the request's order.
    Done {
        /// The messages' outcomes.
        outcomes: Vec<Outcome>,
        /// The credentials were refused (401): send nothing more with them.
        stop: bool,
    },
}

impl Policy {
    /// At most `n` HTTP requests per send request (at least 1).
    #[must_use]
    pub fn attempts(mut self, n: u32) -> Self {
        self.attempts = n.max(1);
        self
    }

    /// The first backoff; each retry doubles it, up to [`max_wait`](Self::max_wait).
    #[must_use]
    pub fn backoff(mut self, first: Duration) -> Self {
        self.backoff = first;
        self
    }

    /// The longest wait before a retry, `Retry-After` included.
    #[must_use]
    pub fn max_wait(mut self, max: Duration) -> Self {
        self.max_wait = max;
        self
    }

    /// Retries a 500 like a 502. Exotel does not say whether a 500 may follow partial
    /// processing, so this can send a message twice; off by default.
    #[must_use]
    pub fn retry_server_errors(mut self, retry: bool) -> Self {
        self.retry_server_errors = retry;
        self
    }

    /// Decides what follows `attempt`, the latest attempt at a request of `messages` messages.
    pub fn decide(&self, tries: &mut Tries, attempt: Attempt, messages: usize) -> Decision {
        tries.made = tries.made.saturating_add(1);
        let attempts = tries.made;
        let all = |outcome: Outcome, stop: bool| Decision::Done { outcomes: vec![outcome; messages], stop };
        // What may be retried: the failure, and a `Retry-After` to respect.
        let (reason, retry_after) = match attempt {
            Attempt::Unsent(reason) => (reason, None),
            Attempt::Lost(reason) => return all(Outcome::Ambiguous { reason, attempts }, false),
            Attempt::Answered(Reply { result: Ok(response), .. }) => {
                let ambiguous = |reason: &str| Outcome::Ambiguous { reason: reason.into(), attempts };
                let outcomes = (0..messages)
                    .map(|i| match response.messages.get(i).map(|result| (result.code, result.result())) {
                        Some((_, Ok(sid))) => Outcome::Accepted { sid: sid.clone(), attempts },
                        Some((202, Err(_))) => ambiguous("accepted (code 202) without a sid"),
                        Some((_, Err(error))) => Outcome::refused(error, attempts),
                        None => ambiguous("accepted without a result for it"),
                    })
                    .collect();
                return Decision::Done { outcomes, stop: false };
            }
            Attempt::Answered(Reply { result: Err(error), retry_after, .. }) => {
                let reason = error.to_string();
                match error {
                    SendError::TooManyRequests(_) | SendError::Server { status: 503, .. } => {
                        (reason, retry_after)
                    }
                    SendError::Server { status: 502 | 504, .. } => (reason, None),
                    SendError::Server { status: 500, .. } if self.retry_server_errors => {
                        tries.maybe_sent = true;
                        (reason, None)
                    }
                    SendError::Server { .. } | SendError::InvalidBody { .. } => {
                        return all(Outcome::Ambiguous { reason, attempts }, false);
                    }
                    _ => {
                        let code = u32::from(error.status());
                        let stop = matches!(error, SendError::Unauthorized(_));
                        return all(Outcome::Rejected { code, description: reason, attempts }, stop);
                    }
                }
            }
        };
        if attempts >= self.attempts {
            let outcome = if tries.maybe_sent {
                Outcome::Ambiguous { reason, attempts }
            } else {
                Outcome::NotSent { reason: NotSentReason::GaveUp(reason), attempts }
            };
            return all(outcome, false);
        }
        // Backoff doubles from the first retry, `Retry-After` may lengthen it, both capped.
        let doublings = attempts.saturating_sub(1).min(31);
        let backoff = self.backoff.saturating_mul(1 << doublings).min(self.max_wait);
        let wait = retry_after.map_or(backoff, |after| after.max(backoff)).min(self.max_wait);
        let jitter = (backoff / 4).min(self.max_wait.saturating_sub(wait));
        Decision::Retry { wait, jitter }
    }
}
