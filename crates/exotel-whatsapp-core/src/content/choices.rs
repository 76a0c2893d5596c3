//! Typed reply choices: a fixed set of reply buttons or list rows, one per value of a type (usually
//! a fieldless enum with `#[derive(ReplyButtons)]` or `#[derive(ListRows)]` from the facade), and
//! the way back from the id in a user's reply to that value.
//!
//! ```
//! # use exotel_whatsapp_core as exotel_whatsapp;
//! use exotel_whatsapp::content::ReplyChoices;
//!
//! #[derive(Debug, PartialEq)]
//! enum Answer {
//!     Yes,
//!     No,
//! }
//!
//! impl ReplyChoices for Answer {
//!     const ALL: &'static [Self] = &[Answer::Yes, Answer::No];
//!     fn id(&self) -> &'static str {
//!         match self {
//!             Answer::Yes => "yes",
//!             Answer::No => "no",
//!         }
//!     }
//!     fn title(&self) -> &'static str {
//!         match self {
//!             Answer::Yes => "Yes",
//!             Answer::No => "No",
//!         }
//!     }
//!     fn from_reply_id(id: &str) -> Option<Self> {
//!         match id {
//!             "yes" => Some(Answer::Yes),
//!             "no" => Some(Answer::No),
//!             _ => None,
//!         }
//!     }
//! }
//!
//! let msg = Answer::buttons("Confirm your slot for 10:00?").build()?;
//! assert_eq!(msg.buttons()[1].id(), "no");
//! assert_eq!(Answer::from_reply_id("yes"), Some(Answer::Yes));
//! # Ok::<(), exotel_whatsapp::error::Error>(())
//! ```

use std::fmt;

use crate::callback::{IncomingContent, IncomingMessage};
use crate::content::state::Filled;
use crate::content::{Interactive, ListBuilder, ListRow, ListSection, ReplyButtonsBuilder};

/// The reply buttons of a message, one per value of `Self`, and the way back from a tapped
/// button's id to its value. `#[derive(ReplyButtons)]` implements it for a fieldless enum of 1 to
/// 3 variants, checking every title and id at compile time.
pub trait ReplyChoices: Sized + 'static {
    /// Every choice, in the order of the buttons.
    const ALL: &'static [Self];

    /// The id sent with the button and returned in the webhook when it is tapped.
    fn id(&self) -> &'static str;

    /// The text on the button.
    fn title(&self) -> &'static str;

    /// The choice whose [`id`](Self::id) is `id`, if any.
    fn from_reply_id(id: &str) -> Option<Self>;

    /// Adds one button per choice to `builder`, in the order of [`ALL`](Self::ALL).
    ///
    /// An implementation with no choices (which the derive refuses) gives a message that
    /// `build` reports as `too_few` at `/action/buttons`.
    fn add_to<S>(builder: ReplyButtonsBuilder<S>) -> ReplyButtonsBuilder<Filled> {
        Self::ALL.iter().fold(builder.filled(), |b, choice| b.button(choice.id(), choice.title()))
    }

    /// A reply-button message with `body` and these buttons; add a header or footer, then `build`.
    fn buttons(body: impl Into<String>) -> ReplyButtonsBuilder<Filled> {
        Self::add_to(Interactive::buttons(body))
    }

    /// The choice a user made by tapping one of these buttons (`interactive.button_reply`);
    /// `None` for any other message, a list reply or a template's quick-reply button included,
    /// and for an id that is not one of these.
    fn from_incoming(message: &IncomingMessage) -> Option<Self> {
        match &message.content {
            IncomingContent::ButtonReply(reply) => Self::from_reply_id(&reply.id),
            _ => None,
        }
    }
}

/// The rows of a list message, one per value of `Self`, and the way back from a chosen row's id
/// to its value. `#[derive(ListRows)]` implements it for a fieldless enum of 1 to 10 variants,
/// checking every title, id and description at compile time.
pub trait ListChoices: Sized + 'static {
    /// Every choice, in the order of the rows.
    const ALL: &'static [Self];

    /// The id sent with the row and returned in the webhook when it is chosen.
    fn id(&self) -> &'static str;

    /// The row's title.
    fn title(&self) -> &'static str;

    /// The row's description, if it has one.
    fn description(&self) -> Option<&'static str>;

    /// The choice whose [`id`](Self::id) is `id`, if any.
    fn from_reply_id(id: &str) -> Option<Self>;

    /// This choice as a list row.
    fn row(&self) -> ListRow {
        ListRow { description: self.description().map(Into::into), ..ListRow::new(self.id(), self.title()) }
    }

    /// Adds one row per choice to `section`, in the order of [`ALL`](Self::ALL).
    fn add_to(section: ListSection) -> ListSection {
        Self::ALL.iter().fold(section, |s, choice| s.row(choice.row()))
    }

    /// An untitled section holding every choice.
    fn section() -> ListSection {
        Self::add_to(ListSection::new())
    }

    /// A list message with `body`, the text of the `button` that opens it, and one section holding
    /// every choice; add a header or footer, then `build`.
    fn list(body: impl Into<String>, button: impl Into<String>) -> ListBuilder<Filled> {
        Interactive::list(body, button).section(Self::section())
    }

    /// The choice a user made by picking one of these rows (`interactive.list_reply`); `None` for
    /// any other message, a button reply included, and for an id that is not one of these.
    fn from_incoming(message: &IncomingMessage) -> Option<Self> {
        match &message.content {
            IncomingContent::ListReply(reply) => Self::from_reply_id(&reply.id),
            _ => None,
        }
    }
}

/// A reply id that is none of a type's choices: the error of the `FromStr` that
/// `#[derive(ReplyButtons)]` and `#[derive(ListRows)]` implement, so that
/// [`IncomingMessage::reply_as`] works with the derived enums.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::content::UnknownChoice;
/// let err = UnknownChoice::new("maybe");
/// assert_eq!(err.id(), "maybe");
/// assert_eq!(err.to_string(), r#"no choice has the id "maybe""#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownChoice {
    id: String,
}

impl UnknownChoice {
    /// The error for `id`.
    pub fn new(id: &str) -> Self {
        UnknownChoice { id: id.to_owned() }
    }

    /// The id that matched no choice.
    pub fn id(&self) -> &str {
        &self.id
    }
}

impl fmt::Display for UnknownChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no choice has the id {:?}", self.id)
    }
}

impl std::error::Error for UnknownChoice {}
