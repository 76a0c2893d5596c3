//! The header of an interactive message: text, or media for reply buttons.

use serde::{Deserializer, Serialize};

use crate::content::{Document, Image, Video};
use crate::ctx::Ctx;
use crate::json::{Got, Read, Tagged, TaggedDraft, object, string};
use crate::rules;
use crate::text::HeaderText;

/// An interactive message's header: text, or media for reply-button messages.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::content::{Header, Image};
/// let header = Header::Image { image: Image::new("https://example.com/menu.jpg")? };
/// # Ok::<(), exotel_whatsapp::error::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Header {
    /// A text header.
    Text {
        /// The text.
        text: HeaderText,
    },
    /// An image header (reply buttons only).
    Image {
        /// The image.
        image: Image,
    },
    /// A video header (reply buttons only).
    Video {
        /// The video.
        video: Video,
    },
    /// A document header (reply buttons only).
    Document {
        /// The document.
        document: Document,
    },
}

/// A header as given: text still to be checked, or a built one.
#[derive(Debug, Clone)]
pub(super) enum HeaderDraft {
    Text(String),
    Ready(Header),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum HeaderKind {
    Text,
    Image,
    Video,
    Document,
}

impl<'de> Tagged<'de> for HeaderDraft {
    type Kind = HeaderKind;
    const FIELDS: &'static [&'static str] = &["type", "text", "image", "video", "document"];
    const TAGS: &'static [(&'static str, HeaderKind)] = &[
        ("text", HeaderKind::Text),
        ("image", HeaderKind::Image),
        ("video", HeaderKind::Video),
        ("document", HeaderKind::Document),
    ];

    fn payload<D: Deserializer<'de>>(kind: HeaderKind, d: D, cx: &mut Ctx) -> Result<Got<Self>, D::Error> {
        let ready = |h| Some(HeaderDraft::Ready(h));
        Ok(match kind {
            HeaderKind::Text => string(d, cx)?.and_then(|text| Some(HeaderDraft::Text(text))),
            HeaderKind::Image => Image::read(d, cx)?.and_then(|image| ready(Header::Image { image })),
            HeaderKind::Video => Video::read(d, cx)?.and_then(|video| ready(Header::Video { video })),
            HeaderKind::Document => {
                Document::read(d, cx)?.and_then(|document| ready(Header::Document { document }))
            }
        })
    }
}

impl<'de> Read<'de> for HeaderDraft {
    const EXPECTED: &'static str = "an object";

    fn read<D: Deserializer<'de>>(d: D, cx: &mut Ctx) -> Result<Got<Self>, D::Error> {
        Ok(object::<TaggedDraft<'de, HeaderDraft>, D>(d, cx)?.and_then(|t| t.value))
    }
}

impl HeaderDraft {
    /// The header rules: its text's, and `rules::interactive::list_header`.
    pub(super) fn assemble(self, list: bool, cx: &mut Ctx) -> Option<Header> {
        match self {
            HeaderDraft::Text(text) => {
                cx.at("text", |cx| HeaderText::parse(text, cx)).map(|text| Header::Text { text })
            }
            HeaderDraft::Ready(h) => rules::interactive::list_header(&h, list, cx).then_some(h),
        }
    }
}
