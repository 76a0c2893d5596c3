//! What the async and the blocking client share: the request builder, the policy, the pacer and
//! the stop after a 401; each client only adds how it waits and how it carries requests.

use std::hash::{BuildHasher, Hasher};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use exotel_whatsapp_core::send::{Api, Attempt, ConfigError, Decision, Outcome, Pacer, Policy, Tries};

use crate::Settings;

#[derive(Debug)]
pub(crate) struct Engine {
    pub(crate) api: Api,
    policy: Policy,
    pacer: Mutex<Pacer>,
    stopped: AtomicBool,
}

impl Engine {
    pub(crate) fn new(settings: Settings) -> Result<Self, ConfigError> {
        Ok(Engine {
            api: Api::new(&settings.endpoint, &settings.credentials)?,
            policy: settings.policy,
            pacer: Mutex::new(Pacer::per_minute(settings.requests_per_minute)),
            stopped: AtomicBool::new(false),
        })
    }

    /// The outcomes of a request's messages if sending has stopped (after a 401).
    pub(crate) fn stopped(&self, tries: Tries, messages: usize) -> Option<Vec<Outcome>> {
        self.stopped.load(Ordering::SeqCst).then(|| tries.stop(messages))
    }

    /// When the next attempt may start, for one ready at `now`.
    pub(crate) fn slot(&self, now: Instant) -> Instant {
        // A panic while the lock was held cannot leave the pacer inconsistent: keep using it.
        self.pacer.lock().unwrap_or_else(std::sync::PoisonError::into_inner).reserve(now)
    }

    /// The policy's decision on an attempt, logged, and remembered when it stops all sending.
    pub(crate) fn decide(&self, tries: &mut Tries, attempt: Attempt, messages: usize) -> Decision {
        let attempt_no = tries.made() + 1;
        match &attempt {
            Attempt::Answered(reply) => tracing::debug!(
                attempt = attempt_no,
                status = reply.status,
                request_id = reply.request_id.as_deref().unwrap_or(""),
                "answered"
            ),
            Attempt::Unsent(error) => tracing::debug!(attempt = attempt_no, %error, "not sent"),
            Attempt::Lost(error) => tracing::warn!(attempt = attempt_no, %error, "lost after sending"),
        }
        let decision = self.policy.decide(tries, attempt, messages);
        match &decision {
            Decision::Retry { wait, .. } => tracing::debug!(wait_ms = wait.as_millis(), "retrying"),
            Decision::Done { stop: true, .. } => {
                tracing::error!("credentials refused (401): nothing more will be sent");
                self.stopped.store(true, Ordering::SeqCst);
            }
            Decision::Done { outcomes, .. } => {
                let accepted = outcomes.iter().filter(|o| matches!(o, Outcome::Accepted { .. })).count();
                tracing::info!(attempts = tries.made(), accepted, of = messages, "settled");
            }
        }
        decision
    }
}

/// `wait` plus a random share of `jitter`.
pub(crate) fn jittered(wait: Duration, jitter: Duration) -> Duration {
    // `RandomState` is seeded afresh per instance: randomness enough for jitter, without a crate.
    let random = std::collections::hash_map::RandomState::new().build_hasher().finish();
    #[allow(clippy::cast_precision_loss)] // 53 random bits fit an f64 exactly
    let share = (random >> 11) as f64 / (1u64 << 53) as f64;
    wait + jitter.mul_f64(share)
}
