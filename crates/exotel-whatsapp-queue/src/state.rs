//! The ledger's state machine: where one message stands, and the only moves it may make. Pure
//! code; every store applies these transitions and nothing else.

use core::fmt;

use exotel_whatsapp_core::send::Outcome;
use exotel_whatsapp_core::status::DeliveryState;

/// Where one message stands in the ledger.
///
/// `Queued → Claimed → Accepted | Rejected | Ambiguous | NotSent`; an accepted message then
/// follows its delivery reports through [`DeliveryState::then`]. A claim is written before the
/// request is posted, so a message that may have reached Exotel is never `Queued` again except
/// through [`State::resend`], the explicit command.
///
/// ```
/// use exotel_whatsapp::queue::State;
/// use exotel_whatsapp::status::DeliveryState;
///
/// let claimed = State::Queued.claim()?;
/// // The worker died before it learnt the answer: the message may have been sent.
/// let ambiguous = claimed.abandon()?;
/// assert!(ambiguous.claim().is_err(), "never resent silently");
/// // Its delivery report, found by its correlation id, settles it.
/// let accepted = ambiguous.report("sid-1", DeliveryState::Delivered)?;
/// assert_eq!(accepted, State::Accepted { sid: "sid-1".into(), delivery: DeliveryState::Delivered });
/// # Ok::<(), exotel_whatsapp::queue::Refused>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// Waiting to be claimed.
    Queued,
    /// A worker took it and may be posting it now.
    Claimed,
    /// Exotel accepted it as `sid`; `delivery` folds its delivery reports.
    Accepted {
        /// Exotel's id for the message.
        sid: String,
        /// Its latest state by delivery reports.
        delivery: DeliveryState,
    },
    /// Exotel refused it.
    Rejected {
        /// The message's code, or the HTTP status of a refused request.
        code: u32,
        /// Exotel's explanation.
        description: String,
    },
    /// It may have been sent: a lost answer, or a worker that stopped while it was claimed.
    Ambiguous {
        /// What happened.
        reason: String,
    },
    /// It certainly never reached Exotel.
    NotSent {
        /// Why.
        reason: String,
    },
}

/// A move the state machine does not allow; the store keeps the message as it was.
///
/// ```
/// use exotel_whatsapp::queue::State;
/// let error = State::Claimed.claim().unwrap_err();
/// assert_eq!(error.to_string(), "cannot claim a claimed message");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused {
    action: &'static str,
    from: &'static str,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot {} a {} message", self.action, self.from)
    }
}

impl std::error::Error for Refused {}

/// The reason recorded for a message whose worker stopped while it was claimed.
pub const ABANDONED: &str = "its worker stopped after claiming it: it may have been sent";

impl State {
    /// The state's name, as stores write it and `queue status` counts it: `queued`, `claimed`,
    /// `accepted`, `rejected`, `ambiguous` or `not_sent`.
    ///
    /// ```
    /// use exotel_whatsapp::queue::State;
    /// assert_eq!(State::NotSent { reason: "401".into() }.name(), "not_sent");
    /// ```
    pub fn name(&self) -> &'static str {
        match self {
            State::Queued => "queued",
            State::Claimed => "claimed",
            State::Accepted { .. } => "accepted",
            State::Rejected { .. } => "rejected",
            State::Ambiguous { .. } => "ambiguous",
            State::NotSent { .. } => "not_sent",
        }
    }

    fn refuse(&self, action: &'static str) -> Refused {
        Refused { action, from: self.name() }
    }

    /// A worker takes the message, before posting it: only a queued one.
    ///
    /// ```
    /// use exotel_whatsapp::queue::State;
    /// assert_eq!(State::Queued.claim(), Ok(State::Claimed));
    /// ```
    pub fn claim(&self) -> Result<State, Refused> {
        match self {
            State::Queued => Ok(State::Claimed),
            _ => Err(self.refuse("claim")),
        }
    }

    /// What the client said became of the posted message. A claimed message takes it; so does
    /// an ambiguous one, whose worker was given up for dead but did learn the answer.
    ///
    /// ```
    /// use exotel_whatsapp::queue::State;
    /// use exotel_whatsapp::send::{NotSentReason, Outcome};
    /// let outcome = Outcome::NotSent { reason: NotSentReason::Unauthorized, attempts: 1 };
    /// let state = State::Claimed.settle(&outcome)?;
    /// assert_eq!(state.name(), "not_sent");
    /// assert!(state.settle(&outcome).is_err());
    /// # Ok::<(), exotel_whatsapp::queue::Refused>(())
    /// ```
    pub fn settle(&self, outcome: &Outcome) -> Result<State, Refused> {
        if !matches!(self, State::Claimed | State::Ambiguous { .. }) {
            return Err(self.refuse("settle"));
        }
        Ok(match outcome {
            Outcome::Accepted { sid, .. } => {
                State::Accepted { sid: sid.to_string(), delivery: DeliveryState::Unknown }
            }
            Outcome::Rejected { code, description, .. } => {
                State::Rejected { code: *code, description: description.clone() }
            }
            Outcome::Ambiguous { reason, .. } => State::Ambiguous { reason: reason.clone() },
            Outcome::NotSent { reason, .. } => State::NotSent { reason: reason.to_string() },
        })
    }

    /// Its worker stopped while it was claimed: it may have been sent.
    ///
    /// ```
    /// use exotel_whatsapp::queue::State;
    /// assert_eq!(State::Claimed.abandon()?.name(), "ambiguous");
    /// assert!(State::Queued.abandon().is_err());
    /// # Ok::<(), exotel_whatsapp::queue::Refused>(())
    /// ```
    pub fn abandon(&self) -> Result<State, Refused> {
        match self {
            State::Claimed => Ok(State::Ambiguous { reason: ABANDONED.to_owned() }),
            _ => Err(self.refuse("abandon")),
        }
    }

    /// A delivery report for `sid`: it moves an accepted message with that sid forward (a late
    /// `sent` never overwrites `delivered`), and settles an ambiguous one as accepted (the report
    /// was found by the message's correlation id).
    ///
    /// ```
    /// use exotel_whatsapp::queue::State;
    /// use exotel_whatsapp::status::DeliveryState::{Delivered, Sent};
    /// let delivered = State::Accepted { sid: "a".into(), delivery: Delivered };
    /// assert_eq!(delivered.report("a", Sent)?, delivered);
    /// assert!(delivered.report("b", Sent).is_err(), "another message's report");
    /// # Ok::<(), exotel_whatsapp::queue::Refused>(())
    /// ```
    pub fn report(&self, sid: &str, state: DeliveryState) -> Result<State, Refused> {
        match self {
            State::Accepted { sid: own, delivery } if own == sid => {
                Ok(State::Accepted { sid: own.clone(), delivery: delivery.then(state) })
            }
            State::Ambiguous { .. } => Ok(State::Accepted { sid: sid.to_owned(), delivery: state }),
            _ => Err(self.refuse("report on")),
        }
    }

    /// The explicit resend of an ambiguous message: queued again, knowing it may arrive twice.
    ///
    /// ```
    /// use exotel_whatsapp::queue::State;
    /// let ambiguous = State::Ambiguous { reason: "timed out".into() };
    /// assert_eq!(ambiguous.resend(), Ok(State::Queued));
    /// assert!(State::Claimed.resend().is_err());
    /// ```
    pub fn resend(&self) -> Result<State, Refused> {
        match self {
            State::Ambiguous { .. } => Ok(State::Queued),
            _ => Err(self.refuse("resend")),
        }
    }
}
