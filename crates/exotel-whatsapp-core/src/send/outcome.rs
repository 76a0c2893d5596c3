//! What became of each message: the four states every message ends in.

use core::fmt;

use crate::response::{MessageError, Sid};

/// What became of one message. Every message handed to a send ends in exactly one of these.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::send::Outcome;
/// let outcome = Outcome::Ambiguous { reason: "timed out after sending".into(), attempts: 1 };
/// assert_eq!((outcome.status(), outcome.attempts()), ("ambiguous", 1));
/// assert!(!outcome.may_be_retried());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Exotel accepted it; its delivery reports name it by `sid`.
    Accepted {
        /// Exotel's id for the message.
        sid: Sid,
        /// HTTP requests made for its request, the answered one included.
        attempts: u32,
    },
    /// Exotel refused it: its request's 4xx, or the message's own code in a 202 answer.
    Rejected {
        /// The message's code, or the HTTP status when the whole request was refused.
        code: u32,
        /// Exotel's explanation.
        description: String,
        /// HTTP requests made for its request.
        attempts: u32,
    },
    /// It may or may not have been sent (a timeout or a dropped connection after the request
    /// left, a 500): resending could deliver it twice. Its delivery report, if any, settles it.
    Ambiguous {
        /// What happened.
        reason: String,
        /// HTTP requests made for its request.
        attempts: u32,
    },
    /// It certainly never reached Exotel.
    NotSent {
        /// Why.
        reason: NotSentReason,
        /// HTTP requests made for its request (0 when none was made).
        attempts: u32,
    },
}

/// Why a message was not sent.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::send::NotSentReason;
/// assert_eq!(NotSentReason::Unauthorized.to_string(), "stopped: an earlier request was refused with 401");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum NotSentReason {
    /// An earlier request was refused with 401: the credentials are wrong, so nothing more is sent.
    Unauthorized,
    /// Every attempt failed before reaching Exotel, or was throttled; the last failure.
    GaveUp(String),
}

impl fmt::Display for NotSentReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotSentReason::Unauthorized => f.write_str("stopped: an earlier request was refused with 401"),
            NotSentReason::GaveUp(last) => write!(f, "gave up: {last}"),
        }
    }
}

impl Outcome {
    /// HTTP requests made for the message's request.
    pub fn attempts(&self) -> u32 {
        match self {
            Outcome::Accepted { attempts, .. }
            | Outcome::Rejected { attempts, .. }
            | Outcome::Ambiguous { attempts, .. }
            | Outcome::NotSent { attempts, .. } => *attempts,
        }
    }

    /// The state's name: `accepted`, `rejected`, `ambiguous` or `not_sent`.
    pub fn status(&self) -> &'static str {
        match self {
            Outcome::Accepted { .. } => "accepted",
            Outcome::Rejected { .. } => "rejected",
            Outcome::Ambiguous { .. } => "ambiguous",
            Outcome::NotSent { .. } => "not_sent",
        }
    }

    /// Whether sending the message again cannot deliver it twice: only [`Outcome::NotSent`].
    pub fn may_be_retried(&self) -> bool {
        matches!(self, Outcome::NotSent { .. })
    }

    /// A message Exotel refused in a 202 answer.
    pub(crate) fn refused(error: &MessageError, attempts: u32) -> Self {
        let parts = [error.message.as_str(), error.description.as_str()];
        let description = parts.into_iter().filter(|part| !part.is_empty()).collect::<Vec<_>>().join(": ");
        Outcome::Rejected { code: error.code, description, attempts }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Accepted { sid, .. } => write!(f, "accepted, sid {sid}"),
            Outcome::Rejected { code, description, .. } => write!(f, "rejected, code {code}: {description}"),
            Outcome::Ambiguous { reason, .. } => write!(f, "ambiguous: {reason}"),
            Outcome::NotSent { reason, .. } => write!(f, "not sent, {reason}"),
        }
    }
}
