//! Message content: the `content` object of a message, one type per `type`.

mod choices;
mod contacts;
mod interactive;
mod location;
mod media;
pub mod state;
mod text_message;

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

pub use choices::{ListChoices, ReplyChoices, UnknownChoice};
pub use contacts::{Address, Contact, ContactBuilder, ContactPhone, ContactUrl, Contacts, Email, Name, Org};
pub use interactive::{
    Header, Interactive, List, ListBuilder, ListRow, ListSection, ReplyButton, ReplyButtons,
    ReplyButtonsBuilder, Row, Section,
};
pub use location::Location;
pub(crate) use media::MediaWire;
pub use media::{Audio, Captioned, Document, Image, MediaBuilder, MediaType, Sticker, Video};
pub use text_message::Text;

use crate::ctx::Ctx;
use crate::error::Problem;
use crate::json::{Node, Obj, deserialize_via_json, present, string, tagged};
use crate::template::{Template, TemplateWire};

/// Defines [`Content`] and everything that follows its list of types, from one table:
/// variant = payload type = wire name.
macro_rules! content_types {
    ($($(#[$doc:meta])* $variant:ident = $name:literal),* $(,)?) => {
        /// The content of one message: what `type` says, and its payload.
        ///
        /// Every variant holds a checked value, so any `Content` is valid. It serializes with
        /// `"recipient_type": "individual"`, the only recipient type Exotel supports.
        ///
        /// ```
        /// # use exotel_whatsapp_core as exotel_whatsapp;
        /// use exotel_whatsapp::content::{Content, Text};
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
            $($(#[$doc])* $variant($variant),)*
        }

        /// The `type` of a content, as the wire names it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
        enum Kind {
            $(#[serde(rename = $name)] $variant,)*
        }

        const TYPE_NAMES: &[&str] = &[$($name),*];
        const TYPES: &[(&str, Kind)] = &[$(($name, Kind::$variant)),*];
        const CONTENT_FIELDS: &[&str] = &["recipient_type", "type", $($name),*];

        impl Content {
            /// The wire name of this content's `type`.
            pub fn type_name(&self) -> &'static str {
                match self {
                    $(Content::$variant(_) => $name,)*
                }
            }

            /// Reads the payload of a content of type `kind`.
            fn read_payload(kind: Kind, payload: Node<'_>, cx: &mut Ctx) -> Option<Self> {
                match kind {
                    $(Kind::$variant => $variant::from_json(payload, cx).map(Content::$variant),)*
                }
            }
        }

        impl Serialize for Content {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(Some(3))?;
                m.serialize_entry("recipient_type", "individual")?;
                m.serialize_entry("type", self.type_name())?;
                match self {
                    $(Content::$variant(c) => m.serialize_entry($name, c)?,)*
                }
                m.end()
            }
        }

        $(
            impl From<$variant> for Content {
                fn from(c: $variant) -> Self {
                    Content::$variant(c)
                }
            }
        )*
    };
}

content_types!(
    /// A text message.
    Text = "text",
    /// An image.
    Image = "image",
    /// An audio file.
    Audio = "audio",
    /// A video.
    Video = "video",
    /// A document.
    Document = "document",
    /// A sticker.
    Sticker = "sticker",
    /// A location.
    Location = "location",
    /// Contact cards.
    Contacts = "contacts",
    /// Reply buttons or a list.
    Interactive = "interactive",
    /// A template message.
    Template = "template",
);

impl Content {
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
    pub(crate) fn from_json(v: Node<'_>, cx: &mut Ctx) -> Option<Self> {
        let mut o = Obj::new(v, CONTENT_FIELDS, cx)?;
        o.field("recipient_type", cx, |v, cx| string(v, cx).map(|s| Self::recipient_type(&s, cx)));
        let tagged = tagged(&mut o, TYPES, TYPE_NAMES, cx);
        o.finish(cx);
        let (name, kind, payload) = tagged?;
        cx.at(name, |cx| Self::read_payload(kind, payload, cx))
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
    text: Option<Box<text_message::TextWire>>,
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
