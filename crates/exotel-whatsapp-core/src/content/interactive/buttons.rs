//! Reply-button messages: the buttons, the message and its builder.

use std::marker::PhantomData;

use serde::{Deserializer, Serialize, Serializer};

use super::frame::{Frame, FrameDraft};
use super::header::{Header, HeaderDraft};
use crate::content::each;
use crate::content::state::{Empty, Filled, HasButtons};
use crate::ctx::{Ctx, validate_alone};
use crate::error::Error;
use crate::json::{Got, Read, fields, object, one_of, string};
use crate::limits::{BUTTONS_MAX, BUTTONS_MIN};
use crate::rules::{length, unique::Unique};
use crate::text::{ButtonId, ButtonTitle, FooterText};

/// One reply button, checked: `{"type": "reply", "reply": {"id": …, "title": …}}` on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename = "reply")]
pub struct ReplyButton {
    reply: Reply,
}

/// What a reply button carries under `reply`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct Reply {
    id: ButtonId,
    title: ButtonTitle,
}

impl ReplyButton {
    /// The id sent back in the webhook when the button is tapped.
    pub fn id(&self) -> &str {
        self.reply.id.as_str()
    }

    /// The text on the button.
    pub fn title(&self) -> &str {
        self.reply.title.as_str()
    }
}

#[derive(Debug, Clone, Default)]
pub(super) struct ButtonDraft {
    pub(super) id: Option<String>,
    pub(super) title: Option<String>,
}

fields!(ButtonDraft { #[required] "id" => id: string, #[required] "title" => title: string });

/// A button as the wire carries it: `{"type": "reply", "reply": {"id": …, "title": …}}`.
#[derive(Default)]
struct ButtonObject {
    kind: Option<()>,
    reply: Option<ButtonDraft>,
}

/// The button-type rule: only `reply` (EX: "Only reply type buttons are supported").
fn reply_type<'de, D: Deserializer<'de>>(d: D, cx: &mut Ctx) -> Result<Got<()>, D::Error> {
    one_of(d, &[("reply", ())], &["reply"], cx)
}

fields!(ButtonObject { #[required] "type" => kind: reply_type, #[required] "reply" => reply: object });

impl<'de> Read<'de> for ButtonDraft {
    const EXPECTED: &'static str = "an object";

    fn read<D: Deserializer<'de>>(d: D, cx: &mut Ctx) -> Result<Got<Self>, D::Error> {
        Ok(object::<ButtonObject, D>(d, cx)?.and_then(|b| b.reply))
    }
}

/// A reply-button message: body, 1 to 3 buttons, optional header and footer.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::content::Interactive;
/// let msg = Interactive::buttons("Confirm your slot for 10:00?")
///     .button("yes", "Yes")
///     .button("no", "No")
///     .footer("Reply within 24h")
///     .build()?;
/// assert_eq!(msg.buttons().len(), 2);
/// # Ok::<(), exotel_whatsapp::error::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyButtons {
    frame: Frame,
    buttons: Vec<ReplyButton>,
}

impl ReplyButtons {
    /// The buttons, in order.
    pub fn buttons(&self) -> &[ReplyButton] {
        &self.buttons
    }

    /// The body text.
    pub fn body(&self) -> &str {
        self.frame.body.as_str()
    }

    /// The header, if any.
    pub fn header(&self) -> Option<&Header> {
        self.frame.header.as_ref()
    }

    /// The footer text, if any.
    pub fn footer(&self) -> Option<&str> {
        self.frame.footer.as_ref().map(FooterText::as_str)
    }

    /// The reply-button rules, at the interactive object.
    /// `buttons` is `None` when its absence was already reported.
    pub(super) fn assemble(
        frame: FrameDraft,
        buttons: Option<Vec<Option<ButtonDraft>>>,
        cx: &mut Ctx,
    ) -> Option<Self> {
        let before = cx.errors();
        let frame = frame.assemble(false, cx);
        let buttons = cx.at("action", |cx| {
            cx.at("buttons", |cx| {
                let buttons = buttons?;
                length::count(buttons.len(), BUTTONS_MIN, BUTTONS_MAX, cx);
                let (mut ids, mut titles) = (Unique::new(cx), Unique::new(cx));
                each(buttons, cx, |b, cx| {
                    cx.at("reply", |cx| {
                        let b = b?;
                        let id = cx.at("id", |cx| {
                            ButtonId::parse(b.id?, cx).filter(|id| ids.check(id.as_str(), cx))
                        });
                        let title = cx.at("title", |cx| {
                            ButtonTitle::parse(b.title?, cx).filter(|title| titles.check(title.as_str(), cx))
                        });
                        Some(ReplyButton { reply: Reply { id: id?, title: title? } })
                    })
                })
            })
        });
        (cx.errors() == before).then_some(ReplyButtons { frame: frame?, buttons: buttons? })
    }
}

impl Serialize for ReplyButtons {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Action<'a> {
            buttons: &'a [ReplyButton],
        }
        self.frame.serialize(s, "button", &Action { buttons: &self.buttons })
    }
}

/// Builds a [`ReplyButtons`] message; [`build`](Self::build) compiles only after a button is added.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::content::{Header, Image, Interactive};
/// let msg = Interactive::buttons("Your table for two at 8 pm?")
///     .header(Header::Image { image: Image::new("https://cdn.example.com/table.jpg")? })
///     .button("confirm", "Confirm")
///     .button("change", "Change time")
///     .build()?;
/// assert_eq!(msg.buttons()[1].id(), "change");
/// # Ok::<(), exotel_whatsapp::error::Error>(())
/// ```
///
/// ```compile_fail
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::content::Interactive;
/// let msg = Interactive::buttons("No buttons").build(); // error: no button yet
/// ```
#[derive(Debug, Clone)]
#[must_use = "call `.build()` to get the message"]
pub struct ReplyButtonsBuilder<S = Empty> {
    pub(super) frame: FrameDraft,
    pub(super) buttons: Vec<Option<ButtonDraft>>,
    pub(super) state: PhantomData<S>,
}

impl<S> ReplyButtonsBuilder<S> {
    /// The same builder in the state that allows `build`; for [`ReplyChoices::add_to`](crate::content::ReplyChoices::add_to),
    /// whose buttons come from a list the type system cannot see is non-empty (`build` still
    /// reports `too_few` when it is empty).
    pub(in crate::content) fn filled(self) -> ReplyButtonsBuilder<Filled> {
        ReplyButtonsBuilder { frame: self.frame, buttons: self.buttons, state: PhantomData }
    }

    /// Adds a reply button: its `id` (returned in the webhook) and its `title` (shown).
    pub fn button(mut self, id: impl Into<String>, title: impl Into<String>) -> ReplyButtonsBuilder<Filled> {
        self.buttons.push(Some(ButtonDraft { id: Some(id.into()), title: Some(title.into()) }));
        self.filled()
    }

    /// Adds a reply button for each `(id, title)`, such as buttons made from runtime data. The
    /// type system cannot see whether there is one, so `build` compiles and reports `too_few` at
    /// `/action/buttons` when there is none.
    ///
    /// ```
    /// # use exotel_whatsapp_core as exotel_whatsapp;
    /// use exotel_whatsapp::content::Interactive;
    /// let slots = ["10:00", "12:30"];
    /// let msg = Interactive::buttons("Pick a slot")
    ///     .buttons(slots.iter().map(|s| (format!("slot_{s}"), *s)))
    ///     .build()?;
    /// assert_eq!(msg.buttons()[1].id(), "slot_12:30");
    /// let none: [(&str, &str); 0] = [];
    /// let err = Interactive::buttons("Pick a slot").buttons(none).build().unwrap_err();
    /// assert_eq!(err.to_string(), "/action/buttons: has 0 items; at least 1 are required");
    /// # Ok::<(), exotel_whatsapp::Error>(())
    /// ```
    pub fn buttons<I, T>(self, buttons: impl IntoIterator<Item = (I, T)>) -> ReplyButtonsBuilder<Filled>
    where
        I: Into<String>,
        T: Into<String>,
    {
        buttons.into_iter().fold(self.filled(), |b, (id, title)| b.button(id, title))
    }

    /// A text header of at most [`HEADER_TEXT_MAX`](crate::limits::HEADER_TEXT_MAX) characters.
    pub fn header_text(mut self, text: impl Into<String>) -> Self {
        self.frame.header = Some(HeaderDraft::Text(text.into()));
        self
    }

    /// A header built beforehand: text, image, video or document.
    pub fn header(mut self, header: Header) -> Self {
        self.frame.header = Some(HeaderDraft::Ready(header));
        self
    }

    /// A footer of at most [`FOOTER_TEXT_MAX`](crate::limits::FOOTER_TEXT_MAX) characters.
    pub fn footer(mut self, text: impl Into<String>) -> Self {
        self.frame.footer = Some(text.into());
        self
    }

    /// Checks every part.
    ///
    /// # Errors
    /// At pointers relative to the interactive object: `empty`/`too_long` at `/body/text`,
    /// `/header/text`, `/footer/text`, `/action/buttons/N/reply/title`; also `whitespace` and
    /// `duplicate` at `/action/buttons/N/reply/id`, `duplicate` at `…/title`, `too_many` at
    /// `/action/buttons`.
    pub fn build(self) -> Result<ReplyButtons, Error>
    where
        S: HasButtons,
    {
        validate_alone(|cx| self.assemble(cx))
    }

    /// The message's rules, at the message.
    pub(in crate::content) fn assemble(self, cx: &mut Ctx) -> Option<ReplyButtons> {
        ReplyButtons::assemble(self.frame, Some(self.buttons), cx)
    }
}
