//! Message content: the `content` object of a message, one type per `type`.

mod assemble;
mod choices;
mod contacts;
mod interactive;
mod location;
mod media;
pub mod state;
mod text_message;
mod unchecked;

/// Seals the public traits only this crate implements: [`MediaType`] and the typestates'.
mod sealed {
    pub trait Sealed {}
}

pub(crate) use assemble::{Assemble, check_at, each, given, plain_objects, tagged_payloads};

use serde::ser::SerializeMap;
use serde::{Deserializer, Serialize, Serializer};

pub use choices::{ListChoices, ReplyChoices, UnknownChoice};
pub use contacts::{Address, Contact, ContactBuilder, ContactPhone, ContactUrl, Contacts, Email, Name, Org};
pub use interactive::{
    Header, Interactive, List, ListBuilder, ListRow, ListSection, ReplyButton, ReplyButtons,
    ReplyButtonsBuilder, Row, Section,
};
pub use location::Location;
pub(crate) use media::MediaKind;
pub use media::{Audio, Captioned, Document, Image, MediaBuilder, MediaType, Sticker, Video};
pub use text_message::Text;
pub use unchecked::{IntoContent, Unchecked};

use crate::ctx::Ctx;
use crate::json::{deserialize_via_json, one_of};
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

        impl Content {
            /// The wire name of this content's `type`.
            pub fn type_name(&self) -> &'static str {
                match self {
                    $(Content::$variant(_) => $name,)*
                }
            }

        }

        tagged_payloads!(Content: Kind ["recipient_type"] => recipient_type {
            $($variant = $name => |c: $variant| Content::$variant(c)),*
        });

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

        deserialize_via_json!(Content, $($variant),*);

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

/// `recipient_type`: only `individual`.
fn recipient_type<'de, D: Deserializer<'de>>(_: usize, d: D, cx: &mut Ctx) -> Result<bool, D::Error> {
    Ok(one_of(d, &[("individual", ())], &["individual"], cx)?.present())
}

deserialize_via_json!(Contact);

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
