//! Message content: the `content` object of a message, one type per `type`.

mod contacts;
mod interactive;
mod location;
mod media;
mod text;

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

pub use contacts::{Address, Contact, ContactBuilder, ContactPhone, ContactUrl, Contacts, Email, Name, Org};
pub use interactive::{
    Empty, Filled, Header, Interactive, List, ListBuilder, ListRow, ListSection, Ready, ReplyButton,
    ReplyButtons, ReplyButtonsBuilder, Row, Section,
};
pub use location::Location;
pub(crate) use media::MediaWire;
pub use media::{Audio, Captioned, Document, Image, MediaBuilder, MediaType, Sticker, Video};
pub use text::Text;

use crate::ctx::Ctx;
use crate::error::Problem;
use crate::json::{Obj, deserialize_via_json, present, string, tagged};
use crate::template::{Template, TemplateWire};

/// The content of one message: what `type` says, and its payload.
///
/// Every variant holds a checked value, so any `Content` is valid. It serializes with
/// `"recipient_type": "individual"`, the only recipient type Exotel supports.
///
/// ```
/// use exotel_whatsapp_core::content::{Content, Text};
/// let content = Content::from(Text::new("Hello")?);
/// assert_eq!(
///     serde_json::to_value(&content)?,
///     serde_json::json!({"recipient_type": "individual", "type": "text", "text": {"body": "Hello"}}),
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Content {
    /// A text message.
    Text(Text),
    /// An image.
    Image(Image),
    /// An audio file.
    Audio(Audio),
    /// A video.
    Video(Video),
    /// A document.
    Document(Document),
    /// A sticker.
    Sticker(Sticker),
    /// A location.
    Location(Location),
    /// Contact cards.
    Contacts(Contacts),
    /// Reply buttons or a list.
    Interactive(Interactive),
    /// A template message.
    Template(Template),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Text,
    Image,
    Audio,
    Video,
    Document,
    Sticker,
    Location,
    Contacts,
    Interactive,
    Template,
}

const TYPE_NAMES: &[&str] = &[
    "text",
    "image",
    "audio",
    "video",
    "document",
    "sticker",
    "location",
    "contacts",
    "interactive",
    "template",
];
const TYPES: &[(&str, Kind)] = &[
    ("text", Kind::Text),
    ("image", Kind::Image),
    ("audio", Kind::Audio),
    ("video", Kind::Video),
    ("document", Kind::Document),
    ("sticker", Kind::Sticker),
    ("location", Kind::Location),
    ("contacts", Kind::Contacts),
    ("interactive", Kind::Interactive),
    ("template", Kind::Template),
];
const CONTENT_FIELDS: &[&str] = &[
    "recipient_type",
    "type",
    "text",
    "image",
    "audio",
    "video",
    "document",
    "sticker",
    "location",
    "contacts",
    "interactive",
    "template",
];

impl Content {
    /// The wire name of this content's `type`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Content::Text(_) => "text",
            Content::Image(_) => "image",
            Content::Audio(_) => "audio",
            Content::Video(_) => "video",
            Content::Document(_) => "document",
            Content::Sticker(_) => "sticker",
            Content::Location(_) => "location",
            Content::Contacts(_) => "contacts",
            Content::Interactive(_) => "interactive",
            Content::Template(_) => "template",
        }
    }

    /// The recipient-type rule: only `individual`.
    fn recipient_type(s: &str, cx: &mut Ctx) {
        if s != "individual" {
            cx.error(Problem::OneOf { expected: &["individual"], found: s.to_owned() });
        }
    }

    /// The checker's fast path: the same rules on a typed draft. `None` means "ask the full
    /// walk", which reports what is wrong; location and contacts always take the full walk.
    pub(crate) fn from_wire(w: ContentWire<'_>, cx: &mut Ctx) -> Option<Self> {
        if let Some(s) = w.recipient_type {
            cx.at("recipient_type", |cx| Self::recipient_type(s, cx));
        }
        let payloads = [w.text.is_some(), w.image.is_some(), w.audio.is_some(), w.video.is_some()];
        let more = [w.document.is_some(), w.sticker.is_some(), w.interactive.is_some(), w.template.is_some()];
        if payloads.iter().chain(&more).filter(|p| **p).count() != 1 {
            return None;
        }
        let name = TYPES.iter().find(|(_, k)| *k == w.r#type).map(|(name, _)| *name)?;
        cx.at(name, |cx| {
            Some(match w.r#type {
                Kind::Text => Content::Text(Text::from_wire(*w.text?, cx)?),
                Kind::Image => Content::Image(Image::from_wire(*w.image?, cx)?),
                Kind::Audio => Content::Audio(Audio::from_wire(*w.audio?, cx)?),
                Kind::Video => Content::Video(Video::from_wire(*w.video?, cx)?),
                Kind::Document => Content::Document(Document::from_wire(*w.document?, cx)?),
                Kind::Sticker => Content::Sticker(Sticker::from_wire(*w.sticker?, cx)?),
                Kind::Interactive => Content::Interactive(Interactive::from_wire(*w.interactive?, cx)?),
                Kind::Template => Content::Template(Template::from_wire(*w.template?, cx)?),
                Kind::Location | Kind::Contacts => return None,
            })
        })
    }

    /// Reads and checks a `content` object.
    pub(crate) fn from_json(v: Value, cx: &mut Ctx) -> Option<Self> {
        let mut o = Obj::new(v, CONTENT_FIELDS, cx)?;
        o.field("recipient_type", cx, |v, cx| string(v, cx).map(|s| Self::recipient_type(&s, cx)));
        let tagged = tagged(&mut o, TYPES, TYPE_NAMES, cx);
        o.finish(cx);
        let (name, kind, payload) = tagged?;
        cx.at(name, |cx| {
            Some(match kind {
                Kind::Text => Content::Text(Text::from_json(payload, cx)?),
                Kind::Image => Content::Image(Image::from_json(payload, cx)?),
                Kind::Audio => Content::Audio(Audio::from_json(payload, cx)?),
                Kind::Video => Content::Video(Video::from_json(payload, cx)?),
                Kind::Document => Content::Document(Document::from_json(payload, cx)?),
                Kind::Sticker => Content::Sticker(Sticker::from_json(payload, cx)?),
                Kind::Location => Content::Location(Location::from_json(payload, cx)?),
                Kind::Contacts => Content::Contacts(Contacts::from_json(payload, cx)?),
                Kind::Interactive => Content::Interactive(Interactive::from_json(payload, cx)?),
                Kind::Template => Content::Template(Template::from_json(payload, cx)?),
            })
        })
    }
}

/// A `content` object as the wire carries it, for the checker's fast path: any unknown, duplicate,
/// missing or `null` field, or a payload other than the one `type` names, fails it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ContentWire<'a> {
    /// Borrowed: `"individual"` has no escapes (one that has leaves the fast path).
    #[serde(borrow, default, deserialize_with = "present")]
    recipient_type: Option<&'a str>,
    r#type: Kind,
    // Payloads boxed: inline, the one present would carry the room of all the others.
    #[serde(default, deserialize_with = "present")]
    text: Option<Box<text::TextWire>>,
    #[serde(default, deserialize_with = "present")]
    image: Option<Box<MediaWire>>,
    #[serde(default, deserialize_with = "present")]
    audio: Option<Box<MediaWire>>,
    #[serde(default, deserialize_with = "present")]
    video: Option<Box<MediaWire>>,
    #[serde(default, deserialize_with = "present")]
    document: Option<Box<MediaWire>>,
    #[serde(default, deserialize_with = "present")]
    sticker: Option<Box<MediaWire>>,
    #[serde(default, deserialize_with = "present")]
    interactive: Option<Box<interactive::InteractiveWire>>,
    #[serde(default, deserialize_with = "present")]
    template: Option<Box<TemplateWire>>,
}

impl Serialize for Content {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("recipient_type", "individual")?;
        let name = self.type_name();
        m.serialize_entry("type", name)?;
        match self {
            Content::Text(c) => m.serialize_entry(name, c)?,
            Content::Image(c) => m.serialize_entry(name, c)?,
            Content::Audio(c) => m.serialize_entry(name, c)?,
            Content::Video(c) => m.serialize_entry(name, c)?,
            Content::Document(c) => m.serialize_entry(name, c)?,
            Content::Sticker(c) => m.serialize_entry(name, c)?,
            Content::Location(c) => m.serialize_entry(name, c)?,
            Content::Contacts(c) => m.serialize_entry(name, c)?,
            Content::Interactive(c) => m.serialize_entry(name, c)?,
            Content::Template(c) => m.serialize_entry(name, c)?,
        }
        m.end()
    }
}

deserialize_via_json!(Content, Content::from_json);
deserialize_via_json!(Interactive, Interactive::from_json);
deserialize_via_json!(Text, Text::from_json);
deserialize_via_json!(Location, Location::from_json);
deserialize_via_json!(Contact, Contact::from_json);
deserialize_via_json!(Contacts, Contacts::from_json);
deserialize_via_json!(Image, Image::from_json);
deserialize_via_json!(Audio, Audio::from_json);
deserialize_via_json!(Video, Video::from_json);
deserialize_via_json!(Document, Document::from_json);
deserialize_via_json!(Sticker, Sticker::from_json);

macro_rules! content_from {
    ($($variant:ident($ty:ty)),* $(,)?) => {
        $(
            impl From<$ty> for Content {
                fn from(c: $ty) -> Self {
                    Content::$variant(c)
                }
            }
        )*
    };
}

content_from!(
    Text(Text),
    Image(Image),
    Audio(Audio),
    Video(Video),
    Document(Document),
    Sticker(Sticker),
    Location(Location),
    Contacts(Contacts),
    Interactive(Interactive),
    Template(Template),
);

impl From<ReplyButtons> for Content {
    fn from(m: ReplyButtons) -> Self {
        Content::Interactive(m.into())
    }
}

impl From<List> for Content {
    fn from(m: List) -> Self {
        Content::Interactive(m.into())
    }
}
