//! Magic recipients: numbers whose fate is known in advance, so that a test can ask for a
//! rejection or a failed delivery (the idea of Twilio's test numbers). Numbers are compared on
//! their digits; every other valid number is `sent`, `delivered`, then `seen`.
//!
//! ```
//! use exotel_whatsapp::sandbox::magic::{FAILS, FAILURE_CODE, NEVER_DELIVERED, REJECTED};
//! use exotel_whatsapp::status::{DeliveryState, ExoStatus};
//!
//! assert_eq!([REJECTED, FAILS, NEVER_DELIVERED], ["+919999900001", "+919999900002", "+919999900003"]);
//! assert_eq!(ExoStatus::from_code(FAILURE_CODE).state(), DeliveryState::Failed);
//! ```

use exotel_whatsapp_core::status::ExoStatus;

/// `to` = this number: the message is rejected in the 202 body (per-message code 400).
pub const REJECTED: &str = "+919999900001";
/// `to` = this number: the message is accepted, then one `failed` status callback with
/// [`FAILURE_CODE`] arrives.
pub const FAILS: &str = "+919999900002";
/// `to` = this number: the message is accepted and `sent`, and never delivered.
pub const NEVER_DELIVERED: &str = "+919999900003";

/// The `exo_status_code` of the failed delivery to [`FAILS`]: 30005, `EX_NUMBER_ERROR` ("The
/// message failed due to an issue with the phone number").
pub const FAILURE_CODE: u32 = 30_005;

/// `EX_MESSAGE_SENT`.
pub(crate) const SENT: u32 = 30_001;
/// `EX_MESSAGE_DELIVERED`.
pub(crate) const DELIVERED: u32 = 30_002;
/// `EX_MESSAGE_SEEN`.
pub(crate) const SEEN: u32 = 30_003;

/// What happens to a message sent to a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fate {
    /// Rejected at once, in the 202 body.
    Rejected,
    /// Accepted; these statuses follow, one callback each, in order.
    Accepted(&'static [u32]),
}

/// The fate of a message to `to`, comparing digits only (`919999900001` is [`REJECTED`] too).
pub(crate) fn fate(to: &str) -> Fate {
    let to = digits(to);
    if to == digits(REJECTED) {
        Fate::Rejected
    } else if to == digits(FAILS) {
        Fate::Accepted(&[FAILURE_CODE])
    } else if to == digits(NEVER_DELIVERED) {
        Fate::Accepted(&[SENT])
    } else {
        Fate::Accepted(&[SENT, DELIVERED, SEEN])
    }
}

fn digits(number: &str) -> &str {
    number.strip_prefix('+').unwrap_or(number)
}

/// The documented name of a status code, such as `EX_MESSAGE_SENT`.
pub(crate) fn status_name(code: u32) -> &'static str {
    ExoStatus::from_code(code).name().unwrap_or("EX_UNKNOWN_ERROR")
}

#[cfg(test)]
mod tests {
    use exotel_whatsapp_core::status::{DeliveryState, ExoStatus};

    use super::*;

    #[test]
    fn magic_numbers_match_with_or_without_plus() {
        assert_eq!(fate("+919999900001"), Fate::Rejected);
        assert_eq!(fate("919999900001"), Fate::Rejected);
        assert_eq!(fate("919999900002"), Fate::Accepted(&[FAILURE_CODE]));
        assert_eq!(fate("+919999900003"), Fate::Accepted(&[SENT]));
        assert_eq!(fate("+919999900004"), Fate::Accepted(&[SENT, DELIVERED, SEEN]));
        assert_eq!(fate("+9199999000011"), Fate::Accepted(&[SENT, DELIVERED, SEEN]));
    }

    #[test]
    fn the_codes_mean_what_the_names_say() {
        let state = |code| ExoStatus::from_code(code).state();
        assert_eq!(state(SENT), DeliveryState::Sent);
        assert_eq!(state(DELIVERED), DeliveryState::Delivered);
        assert_eq!(state(SEEN), DeliveryState::Seen);
        assert_eq!(state(FAILURE_CODE), DeliveryState::Failed);
        assert_eq!(status_name(FAILURE_CODE), "EX_NUMBER_ERROR");
    }
}
