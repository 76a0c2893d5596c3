//! What a message takes as its content: a checked value, or a builder whose rules run with the
//! message's, in the message's one accumulator.

use super::state::Filled;
use super::{Content, Interactive, ListBuilder, ReplyButtonsBuilder};
use crate::content::media::MediaDraft;
use crate::ctx::Ctx;
use crate::template::TemplateBuilder;

/// What a [`Message`](crate::Message) carries: a checked content value ([`Text`](super::Text),
/// [`Image`](super::Image), [`List`](super::List), … or a [`Content`]), or the builder of one
/// ([`ListBuilder`], [`ReplyButtonsBuilder`], [`MediaBuilder`](super::MediaBuilder),
/// [`TemplateBuilder`]).
///
/// A builder is checked when the message is built, with the message's own rules: one `Err` lists
/// every problem of both, each at its pointer in the message
/// (`/content/interactive/action/sections/0/rows/1/id`), and the content is checked once.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::content::{Interactive, ListRow, ListSection};
/// use exotel_whatsapp::Message;
/// let rows = [ListRow::new("s", "Small"), ListRow::new("s", "Big")];
/// let list = Interactive::list("Pick a size", "Sizes").section(ListSection::new().rows(rows));
/// let err = Message::new("+919999999999", "+91 88888", list).unwrap_err();
/// let pointers: Vec<&str> = err.violations().iter().map(|v| v.pointer().as_str()).collect();
/// assert_eq!(pointers, ["/content/interactive/action/sections/0/rows/1/id", "/to"]);
/// ```
pub trait IntoContent {
    /// The content, not checked yet.
    #[doc(hidden)]
    fn into_unchecked(self) -> Unchecked;
}

/// Content not checked yet: see [`IntoContent`].
#[doc(hidden)]
#[derive(Debug, Clone)]
pub struct Unchecked(Part);

#[derive(Debug, Clone)]
enum Part {
    Checked(Content),
    List(ListBuilder<Filled>),
    Buttons(ReplyButtonsBuilder<Filled>),
    /// A media object's draft, and its rules at its pointer in the content.
    Media(MediaDraft, fn(MediaDraft, &mut Ctx) -> Option<Content>),
    Template(TemplateBuilder),
}

impl Unchecked {
    /// A media object of a kind `check` knows.
    pub(in crate::content) fn media(
        draft: MediaDraft,
        check: fn(MediaDraft, &mut Ctx) -> Option<Content>,
    ) -> Self {
        Unchecked(Part::Media(draft, check))
    }

    /// The content, checked at `/content`.
    pub(crate) fn check(self, cx: &mut Ctx) -> Option<Content> {
        match self.0 {
            Part::Checked(content) => Some(content),
            Part::List(list) => {
                cx.at("interactive", |cx| list.assemble(cx)).map(|l| Interactive::List(l).into())
            }
            Part::Buttons(buttons) => {
                cx.at("interactive", |cx| buttons.assemble(cx)).map(|b| Interactive::Buttons(b).into())
            }
            Part::Media(draft, check) => check(draft, cx),
            Part::Template(template) => cx.at("template", |cx| template.assemble(cx)).map(Content::Template),
        }
    }
}

impl<T: Into<Content>> IntoContent for T {
    fn into_unchecked(self) -> Unchecked {
        Unchecked(Part::Checked(self.into()))
    }
}

impl IntoContent for ListBuilder<Filled> {
    fn into_unchecked(self) -> Unchecked {
        Unchecked(Part::List(self))
    }
}

impl IntoContent for ReplyButtonsBuilder<Filled> {
    fn into_unchecked(self) -> Unchecked {
        Unchecked(Part::Buttons(self))
    }
}

impl IntoContent for TemplateBuilder {
    fn into_unchecked(self) -> Unchecked {
        Unchecked(Part::Template(self))
    }
}
