//! Exotel documents 41 codes, 30001–30041, each with a name (`EX_MESSAGE_DELIVERED`) and a
//! description; callbacks also carry codes outside that table (Exotel's own example shows 25001),
//! which are kept as [`ExoStatus::Unknown`](crate::status::ExoStatus::Unknown). The table is copied
//! from Exotel's "ExoStatus Codes".
//!
//! ```
//! # use exotel_whatsapp_core as exotel_whatsapp;
//! use exotel_whatsapp::status::{DeliveryState, ExoStatus, FailureClass};
//!
//! let status = ExoStatus::from_code(30007);
//! assert_eq!(status, ExoStatus::RateLimitHit);
//! assert_eq!(status.name(), Some("EX_RATE_LIMIT_HIT"));
//! assert_eq!(status.state(), DeliveryState::Failed);
//! assert_eq!(status.failure_class(), Some(FailureClass::RetryLater));
//! assert_eq!(ExoStatus::from_code(25001), ExoStatus::Unknown(25001));
//! ```

use core::fmt;

/// Where a message stands, as far as its status callbacks tell.
///
/// Ordered by progress for [`DeliveryState::then`]: `Unknown` < `Sent` < `Delivered` < `Seen`,
/// with `Failed` terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeliveryState {
    /// No status seen yet, or only codes outside Exotel's table.
    Unknown,
    /// Sent and in flight (`EX_MESSAGE_SENT`).
    Sent,
    /// Delivered to the recipient's phone (`EX_MESSAGE_DELIVERED`).
    Delivered,
    /// Seen by the recipient (`EX_MESSAGE_SEEN`).
    Seen,
    /// Failed; no later status changes that (codes 30004–30041).
    Failed,
}

impl DeliveryState {
    /// The state after `next` arrives, whatever order callbacks came in.
    ///
    /// Exotel retries callbacks and does not promise their order, so a late `Sent` must not
    /// overwrite `Delivered` or `Seen`: the state only moves forward, `Failed` is terminal, and
    /// `Unknown` changes nothing.
    ///
    /// ```
    /// # use exotel_whatsapp_core as exotel_whatsapp;
    /// use exotel_whatsapp::status::DeliveryState::{Delivered, Failed, Seen, Sent};
    ///
    /// assert_eq!(Delivered.then(Sent), Delivered);
    /// assert_eq!(Sent.then(Seen), Seen);
    /// assert_eq!(Failed.then(Seen), Failed);
    /// ```
    #[must_use]
    pub fn then(self, next: Self) -> Self {
        // The variants are declared in the order of progress, `Failed` last.
        core::cmp::max_by_key(self, next, |state| *state as u8)
    }

    /// Folds the states of one message's status events (one `sid`), in arrival order, into its
    /// current state.
    ///
    /// ```
    /// # use exotel_whatsapp_core as exotel_whatsapp;
    /// use exotel_whatsapp::status::DeliveryState::{self, Delivered, Sent, Unknown};
    ///
    /// assert_eq!(DeliveryState::fold([Delivered, Sent]), Delivered);
    /// assert_eq!(DeliveryState::fold([]), Unknown);
    /// ```
    pub fn fold(states: impl IntoIterator<Item = Self>) -> Self {
        states.into_iter().fold(Self::Unknown, Self::then)
    }

    /// The name used in logs and by `exotel-wa callback`: `sent`, `delivered`, `seen`, `failed`
    /// or `unknown`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unknown => "unknown",
            Self::Sent => "sent",
            Self::Delivered => "delivered",
            Self::Seen => "seen",
            Self::Failed => "failed",
        }
    }
}

impl fmt::Display for DeliveryState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a failure asks of the sender, so that a caller knows whether to retry.
///
/// Exotel does not classify its codes; this grouping is ours, read from each code's description.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FailureClass {
    /// A rate limit was hit (30007–30009): the same message may succeed later.
    RetryLater,
    /// The request, template, media or account set-up is wrong: retrying the same message fails
    /// again until the caller fixes it.
    CallerMustFix,
    /// The recipient's number cannot receive it (30005, 30012–30014).
    RecipientUnreachable,
    /// System, unknown or expiry errors (30004, 30011, 30027, 30028): no general advice.
    Other,
}

macro_rules! exo_statuses {
    ($($code:literal $variant:ident $state:ident $($class:ident)?, $name:literal, $description:literal;)*) => {
        /// An `exo_status_code`: one of the 41 codes Exotel documents, or [`ExoStatus::Unknown`].
        ///
        /// Build it with [`ExoStatus::from_code`], which never returns `Unknown` for a documented
        /// code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ExoStatus {
            $(
                #[doc = concat!("`", stringify!($code), "` `", $name, "`: ", $description)]
                $variant,
            )*
            /// A code outside Exotel's table, kept as received.
            Unknown(u32),
        }

        impl ExoStatus {
            /// Every documented status, in code order.
            pub const ALL: [Self; 41] = [$(Self::$variant),*];

            /// The status for a code; codes outside the table become [`ExoStatus::Unknown`].
            pub fn from_code(code: u32) -> Self {
                match code {
                    $($code => Self::$variant,)*
                    other => Self::Unknown(other),
                }
            }

            /// The status for a documented name such as `EX_MESSAGE_SEEN` (exact, upper case).
            pub fn from_name(name: &str) -> Option<Self> {
                Self::ALL.into_iter().find(|status| status.name() == Some(name))
            }

            /// The numeric code, as Exotel sends it in `exo_status_code`.
            pub fn code(self) -> u32 {
                match self {
                    $(Self::$variant => $code,)*
                    Self::Unknown(code) => code,
                }
            }

            /// The documented name (`EX_MESSAGE_DELIVERED`); `None` for an unknown code.
            pub fn name(self) -> Option<&'static str> {
                match self {
                    $(Self::$variant => Some($name),)*
                    Self::Unknown(_) => None,
                }
            }

            /// Exotel's description of the code, verbatim; `None` for an unknown code.
            pub fn description(self) -> Option<&'static str> {
                match self {
                    $(Self::$variant => Some($description),)*
                    Self::Unknown(_) => None,
                }
            }

            /// Where the message stands: sent, delivered, seen or failed; unknown codes say nothing.
            pub fn state(self) -> DeliveryState {
                match self {
                    $(Self::$variant => DeliveryState::$state,)*
                    Self::Unknown(_) => DeliveryState::Unknown,
                }
            }

            /// For a failure, whether retrying can help; `None` for any other status.
            pub fn failure_class(self) -> Option<FailureClass> {
                match self {
                    $($(Self::$variant => Some(FailureClass::$class),)?)*
                    _ => None,
                }
            }
        }
    };
}

exo_statuses! {
    30001 MessageSent Sent, "EX_MESSAGE_SENT",
        "The message has been sent to the user";
    30002 MessageDelivered Delivered, "EX_MESSAGE_DELIVERED",
        "The message has been successfully delivered to the user";
    30003 MessageSeen Seen, "EX_MESSAGE_SEEN",
        "The message has been seen by the user";
    30004 SystemError Failed Other, "EX_SYSTEM_ERROR",
        "The message failed due to an issue with the system. For eg: Authentication/Access Token/Permission related issue, service not available issue etc.";
    30005 NumberError Failed RecipientUnreachable, "EX_NUMBER_ERROR",
        "The message failed due to an issue with the phone number";
    30006 SetupError Failed CallerMustFix, "EX_SETUP_ERROR",
        "The message failed due to set-up error";
    30007 RateLimitHit Failed RetryLater, "EX_RATE_LIMIT_HIT",
        "The message failed due to a breach in rate limit";
    30008 SpamRateLimitHit Failed RetryLater, "EX_SPAM_RATE_LIMIT_HIT",
        "The message failed as spam rate limit has been breached";
    30009 TooManyRequest Failed RetryLater, "EX_TOO_MANY_REQUEST",
        "The message failed as too many request has been made in short span";
    30010 InvalidRequest Failed CallerMustFix, "EX_INVALID_REQUEST",
        "The message failed as the request is invalid";
    30011 UnknownError Failed Other, "EX_UNKNOWN_ERROR",
        "The message failed due to an unknown error";
    30012 InvalidRecipient Failed RecipientUnreachable, "EX_INVALID_RECIPIENT",
        "The message failed as the recipient was invalid";
    30013 IncapableRecipient Failed RecipientUnreachable, "EX_INCAPABLE_RECIPIENT",
        "The message failed as the recipient is unable to receive the message";
    30014 RecipientBlocked Failed RecipientUnreachable, "EX_RECIPIENT_BLOCKED",
        "The message failed as the recipient is not in allowed list";
    30015 UnsupportedMessage Failed CallerMustFix, "EX_UNSUPPORTED_MESSAGE",
        "The message failed as unsupported message type has been passed in the request body";
    30016 MediaDownloadError Failed CallerMustFix, "EX_MEDIA_DOWNLOAD_ERROR",
        "The message failed as Whatsapp is unable to download the sender media";
    30017 MediaUploadError Failed CallerMustFix, "EX_MEDIA_UPLOAD_ERROR",
        "The message failed as unsupported media type has been passed in the request body";
    30018 ReengagementError Failed CallerMustFix, "EX_REENGAGEMENT_ERROR",
        "The message failed as 24 hours window of the conversation is over";
    30019 InvalidParam Failed CallerMustFix, "EX_INVALID_PARAM",
        "The message failed as invalid parameters has been passed in the request body";
    30020 MissingParam Failed CallerMustFix, "EX_MISSING_PARAM",
        "The message has failed as mandatory parameter is missing from the request body";
    30021 InvalidParamValue Failed CallerMustFix, "EX_INVALID_PARAM_VALUE",
        "The message failed as invalid parameter value has been passed in the request body";
    30022 TemplateError Failed CallerMustFix, "EX_TEMPLATE_ERROR",
        "The message failed as the template format char policy has been violated";
    30023 TemplateParamError Failed CallerMustFix, "EX_TEMPLATE_PARAM_ERROR",
        "The message failed due to mismatch in count of template parameters";
    30024 TemplateNotFound Failed CallerMustFix, "EX_TEMPLATE_NOT_FOUND",
        "The message failed as the passed message template does not exist";
    30025 TemplateTextTooLong Failed CallerMustFix, "EX_TEMPLATE_TEXT_TOO_LONG",
        "The message failed as the translated text from template message is too long";
    30026 InvalidTemplateNamespace Failed CallerMustFix, "EX_INVALID_TEMPLATE_NAMESPACE",
        "The message failed as invalid template namespace has been passed";
    30027 MessagePendingTooLong Failed Other, "EX_MESSAGE_PENDING_TOO_LONG",
        "The message failed as the message was pending for too long";
    30028 MessageExpired Failed Other, "EX_MESSAGE_EXPIRED",
        "The message failed as the message got expired";
    30029 MessageTooLong Failed CallerMustFix, "EX_MESSAGE_TOO_LONG",
        "The message failed as the number of characters in the message was more than 4096 characters";
    30030 WebhookError Failed CallerMustFix, "EX_WEBHOOK_ERROR",
        "Webhook is not configured";
    30031 SectionCountError Failed CallerMustFix, "EX_SECTION_COUNT_ERROR",
        "The message failed due to invalid no. of sections";
    30032 RowsCountError Failed CallerMustFix, "EX_ROWS_COUNT_ERROR",
        "The message failed due to invalid no. of rows";
    30033 ProductCountError Failed CallerMustFix, "EX_PRODUCT_COUNT_ERROR",
        "The message failed due to invalid no. of product";
    30034 CatalogueNotFound Failed CallerMustFix, "EX_CATALOGUE_NOT_FOUND",
        "The message failed as the catalog ID has not been found";
    30035 CatalogueNotLinked Failed CallerMustFix, "EX_CATALOGUE_NOT_LINKED",
        "The message failed as the catalog ID has not been linked to the API number";
    30036 MissingProduct Failed CallerMustFix, "EX_MISSING_PRODUCT",
        "The message failed as the product is missing in the catalog";
    30037 ProductNotFound Failed CallerMustFix, "EX_PRODUCT_NOT_FOUND",
        "The message failed as all the products in the request body has not been found in the product catalog";
    30038 ProductComplianceError Failed CallerMustFix, "EX_PRODUCT_COMPLIANCE_ERROR",
        "The message failed as the listed products failed compliance";
    30039 InvalidHeader Failed CallerMustFix, "EX_INVALID_HEADER",
        "The message failed due to invalid header structure";
    30040 MissingCompliance Failed CallerMustFix, "EX_MISSING_COMPLIANCE",
        "The message failed as compliance information was missing";
    30041 CharPolicyViolation Failed CallerMustFix, "EX_CHAR_POLICY_VIOLATION",
        "The message failed as character policy got violated";
}

impl fmt::Display for ExoStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => write!(f, "{} {name}", self.code()),
            None => write!(f, "{} (undocumented)", self.code()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_complete_and_round_trips() {
        for (status, code) in ExoStatus::ALL.into_iter().zip(30001..=30041) {
            assert_eq!(status.code(), code);
            assert_eq!(ExoStatus::from_code(code), status);
            let name = status.name().unwrap_or_default();
            assert!(name.starts_with("EX_"), "{name}");
            assert_eq!(ExoStatus::from_name(name), Some(status));
            assert!(!status.description().unwrap_or_default().is_empty());
        }
    }

    #[test]
    fn codes_outside_the_table_are_unknown() {
        for code in [0, 25001, 30000, 30042, u32::MAX] {
            let status = ExoStatus::from_code(code);
            assert_eq!(status, ExoStatus::Unknown(code));
            assert_eq!(status.code(), code);
            assert_eq!(status.name(), None);
            assert_eq!(status.state(), DeliveryState::Unknown);
        }
        assert_eq!(ExoStatus::from_name("ex_message_sent"), None);
    }

    #[test]
    fn only_failures_have_a_failure_class() {
        for status in ExoStatus::ALL {
            assert_eq!(status.failure_class().is_some(), status.state() == DeliveryState::Failed, "{status}");
        }
        assert_eq!(ExoStatus::from_code(30002).state(), DeliveryState::Delivered);
        assert_eq!(ExoStatus::from_code(30012).failure_class(), Some(FailureClass::RecipientUnreachable));
        assert_eq!(ExoStatus::from_code(30023).failure_class(), Some(FailureClass::CallerMustFix));
    }

    #[test]
    fn state_never_moves_backwards() {
        use DeliveryState::{Delivered, Failed, Seen, Sent, Unknown};
        assert_eq!(DeliveryState::fold([Sent, Seen, Delivered, Sent]), Seen);
        assert_eq!(DeliveryState::fold([Seen, Unknown]), Seen);
        assert_eq!(DeliveryState::fold([Sent, Failed, Delivered]), Failed);
        assert_eq!(DeliveryState::fold([Unknown]), Unknown);
    }
}
