//! Incoming messages (`callback_type` `icm` or `incoming_message`): what a user sent.

use core::str::FromStr;

use super::pruned::{Field, Key};
use super::{CustomData, RawEvent, StatusDetail, Timestamp};

/// A message from a user to the business number.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::callback::{self, Event, IncomingContent};
///
/// let body = r#"{"whatsapp": {"messages": [{
///     "callback_type": "icm", "from": "+919999000000", "to": "+918888000000",
///     "profile_name": "John", "timestamp": "1235654654",
///     "content": {"type": "interactive", "interactive": {"type": "button_reply",
///         "button_reply": {"id": "yes", "title": "Yes"}}}
/// }]}}"#;
/// let events = callback::parse(body)?;
/// let Some(Event::Incoming(message)) = events.first() else { panic!("an incoming message") };
/// assert_eq!(message.reply_id(), Some("yes"));
/// assert!(matches!(message.content, IncomingContent::ButtonReply(_)));
/// # Ok::<(), callback::NotACallback>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct IncomingMessage {
    /// The user's number.
    pub from: Option<String>,
    /// The business number.
    pub to: Option<String>,
    /// The user's profile name.
    pub profile_name: Option<String>,
    /// When the user sent it (epoch seconds in Exotel's payloads).
    pub timestamp: Option<Timestamp>,
    /// `content.type` as received, known or not.
    pub content_type: Option<String>,
    /// The content, typed when its type is known and its payload has the fields that matter.
    pub content: IncomingContent,
    /// `content.error`, when Exotel reports one.
    pub error: Option<StatusDetail>,
    /// The `custom_data` of the business message this replies to, when present.
    pub custom_data: Option<CustomData>,
    /// The event as received.
    pub raw: RawEvent,
}

/// What an incoming message holds.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum IncomingContent {
    /// `text.body`.
    Text(String),
    /// An image.
    Image(IncomingMedia),
    /// An audio clip or voice note.
    Audio(IncomingMedia),
    /// A video.
    Video(IncomingMedia),
    /// A document.
    Document(IncomingMedia),
    /// A tap on a reply button (`interactive.button_reply`).
    ButtonReply(Reply),
    /// A pick from a list (`interactive.list_reply`).
    ListReply(Reply),
    /// A tap on a template's quick-reply button (`button`: `payload` is the id, `text` the
    /// title).
    Button(Reply),
    /// Any other content type, or a known one missing what matters (the text's body, the media's
    /// `url`, the reply's id): read it from [`IncomingMessage::raw`].
    Other,
}

/// Media a user sent (an image, audio, video or document): where to download it. Media you send
/// is [`content::Image`](crate::content::Image) and its siblings.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct IncomingMedia {
    /// Where to download the media.
    pub url: String,
    /// The caption the user wrote.
    pub caption: Option<String>,
    /// A document's file name.
    pub filename: Option<String>,
}

/// The button or list row a user chose.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Reply {
    /// The id the business gave the button or row when it sent it.
    pub id: String,
    /// The text the user saw.
    pub title: Option<String>,
    /// A list row's description.
    pub description: Option<String>,
}

impl IncomingMessage {
    /// Reads an incoming message entry (`event` is `raw` pruned); never fails.
    pub(super) fn read(event: Field<'_, '_>, custom_data: Option<CustomData>, raw: RawEvent) -> Self {
        let content = event.get(Key::Content);
        let content_type = content.string(Key::Type);
        let error = content.get(Key::Error);
        Self {
            from: event.string(Key::From),
            to: event.string(Key::To),
            profile_name: event.string(Key::ProfileName),
            timestamp: event.timestamp(),
            content: IncomingContent::read(content, content_type.as_deref().unwrap_or_default()),
            content_type,
            error: error.is_object().then(|| StatusDetail::read(error)),
            custom_data,
            raw,
        }
    }

    /// The id of the button or list row the user chose, if this is such a reply.
    pub fn reply_id(&self) -> Option<&str> {
        self.content.reply().map(|reply| reply.id.as_str())
    }

    /// The reply's id turned back into the type that made it, such as an enum with
    /// `#[derive(ReplyButtons)]` or `#[derive(ListRows)]` (both implement `FromStr`); `None`
    /// when this is not a reply, `Some(Err(_))` for an id that is none of the type's.
    ///
    /// ```
    /// # use exotel_whatsapp_core as exotel_whatsapp;
    /// use exotel_whatsapp::callback::{self, Event};
    /// let body = r#"{"whatsapp": {"messages": [{"callback_type": "icm", "from": "919999000000",
    ///     "content": {"type": "interactive", "interactive": {"type": "list_reply",
    ///         "list_reply": {"id": "42", "title": "Table 42"}}}}]}}"#;
    /// let Some(Event::Incoming(reply)) = callback::parse(body)?.into_iter().next() else { unreachable!() };
    /// assert_eq!(reply.reply_as::<u32>(), Some(Ok(42)));
    /// # Ok::<(), callback::NotACallback>(())
    /// ```
    pub fn reply_as<T: FromStr>(&self) -> Option<Result<T, T::Err>> {
        self.reply_id().map(str::parse)
    }
}

impl IncomingContent {
    /// Reads the payload of `content` under its type `kind`.
    fn read(content: Field<'_, '_>, kind: &str) -> Self {
        let kind = Key::named(kind);
        let payload = content.get(kind);
        let media = |variant: fn(IncomingMedia) -> Self| {
            Some(variant(IncomingMedia {
                url: payload.string(Key::Url)?,
                caption: payload.string(Key::Caption),
                filename: payload.string(Key::Filename),
            }))
        };
        let read = match kind {
            Key::Text => {
                payload.as_str().map(str::to_owned).or_else(|| payload.string(Key::Body)).map(Self::Text)
            }
            Key::Image => media(Self::Image),
            Key::Audio => media(Self::Audio),
            Key::Video => media(Self::Video),
            Key::Document => media(Self::Document),
            Key::Interactive => {
                let reply = |key| Reply::read(payload.get(key), Key::Id, Key::Title);
                reply(Key::ButtonReply)
                    .map(Self::ButtonReply)
                    .or_else(|| reply(Key::ListReply).map(Self::ListReply))
            }
            Key::Button => Reply::read(payload, Key::Payload, Key::Text).map(Self::Button),
            _ => None,
        };
        read.unwrap_or(Self::Other)
    }

    /// The media, for images, audio, video and documents.
    pub fn media(&self) -> Option<&IncomingMedia> {
        match self {
            Self::Image(media) | Self::Audio(media) | Self::Video(media) | Self::Document(media) => {
                Some(media)
            }
            _ => None,
        }
    }

    /// The chosen button or row, for button and list replies.
    pub fn reply(&self) -> Option<&Reply> {
        match self {
            Self::ButtonReply(reply) | Self::ListReply(reply) | Self::Button(reply) => Some(reply),
            _ => None,
        }
    }
}

impl Reply {
    fn read(payload: Field<'_, '_>, id: Key, title: Key) -> Option<Self> {
        Some(Self {
            id: payload.string(id)?,
            title: payload.string(title),
            description: payload.string(Key::Description),
        })
    }
}
