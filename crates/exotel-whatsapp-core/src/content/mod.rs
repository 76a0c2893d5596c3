//! Message content: the `content` object of a message, one type per `type`.

mod choices;
mod contacts;
mod interactive;
mod location;
mod media;
mod text;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::Value;

pub use choices::{ListChoices, ReplyChoices};
pub use contacts::{Address, Contact, ContactBuilder, ContactPhone, ContactUrl, Contacts, Email, Name, Org};
pub use interactive::{
    Empty, Filled, HasButtons, HasSections, Header, Interactive, List, ListBuilder, ListRow, ListSection,
    ReplyButton, ReplyButtons, ReplyButtonsBuilder, Row, Section,
};
pub use location::Location;
pub use media::{Audio, Captioned, Document, Image, MediaBuilder, MediaType, Sticker, Video};
pub use text::Text;

use crate::ctx::Ctx;
use crate::error::Problem;
use crate::json::{Obj, deserialize_via_json, string, tagged};
use crate::template::Template;

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
            $($(#[$doc])* $variant($variant),)*
        }

        const TYPE_NAMES: &[&str] = &[$($name),*];
        const TYPES: &[(&str, &str)] = &[$(($name, $name)),*];
        const CONTENT_FIELDS: &[&str] = &["recipient_type", "type", $($name),*];

        impl Content {
            /// The wire name of this content's `type`.
            pub fn type_name(&self) -> &'static str {
                match self {
                    $(Content::$variant(_) => $name,)*
                }
            }

            /// Reads the payload named `name` (one of `TYPE_NAMES`).
            fn read_payload(name: &str, payload: Value, cx: &mut Ctx) -> Option<Self> {
                match name {
                    $($name => $variant::from_json(payload, cx).map(Content::$variant),)*
                    _ => None,
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
    /// Reads and checks a `content` object.
    pub(crate) fn from_json(v: Value, cx: &mut Ctx) -> Option<Self> {
        let mut o = Obj::new(v, CONTENT_FIELDS, cx)?;
        o.field("recipient_type", cx, |v, cx| {
            let s = string(v, cx)?;
            (s != "individual").then(|| cx.error(Problem::OneOf { expected: &["individual"], found: s }))
        });
        let tagged = tagged(&mut o, TYPES, TYPE_NAMES, cx);
        o.finish(cx);
        let (name, _, payload) = tagged?;
        cx.at(name, |cx| Self::read_payload(name, payload, cx))
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
