//! The header of an interactive message: text, or media for reply buttons.

use serde::{Deserialize, Serialize};

use crate::content::{Document, Image, MediaWire, Video};
use crate::ctx::Ctx;
use crate::error::Problem;
use crate::json::{Node, Obj, present, string, tagged};
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

#[derive(Debug, Clone, Copy)]
enum HeaderKind {
    Text,
    Image,
    Video,
    Document,
}

const HEADER_NAMES: &[&str] = &["text", "image", "video", "document"];
const HEADER_TAGS: &[(&str, HeaderKind)] = &[
    ("text", HeaderKind::Text),
    ("image", HeaderKind::Image),
    ("video", HeaderKind::Video),
    ("document", HeaderKind::Document),
];

impl HeaderDraft {
    pub(super) fn from_json(v: Node<'_>, cx: &mut Ctx) -> Option<Self> {
        let mut o = Obj::new(v, &["type", "text", "image", "video", "document"], cx)?;
        let tagged = tagged(&mut o, HEADER_TAGS, HEADER_NAMES, cx);
        o.finish(cx);
        let (_, kind, payload) = tagged?;
        let header = match kind {
            HeaderKind::Text => return cx.at("text", |cx| string(payload, cx)).map(HeaderDraft::Text),
            HeaderKind::Image => Header::Image { image: cx.at("image", |cx| Image::from_json(payload, cx))? },
            HeaderKind::Video => Header::Video { video: cx.at("video", |cx| Video::from_json(payload, cx))? },
            HeaderKind::Document => {
                Header::Document { document: cx.at("document", |cx| Document::from_json(payload, cx))? }
            }
        };
        Some(HeaderDraft::Ready(header))
    }

    /// The header rules; a list takes only a text header (EX, Header Object).
    pub(super) fn assemble(self, list: bool, cx: &mut Ctx) -> Option<Header> {
        match self {
            HeaderDraft::Text(text) => {
                cx.at("text", |cx| HeaderText::parse(text, cx)).map(|text| Header::Text { text })
            }
            HeaderDraft::Ready(h @ Header::Text { .. }) => Some(h),
            HeaderDraft::Ready(h) if !list => Some(h),
            HeaderDraft::Ready(_) => {
                cx.error_at("type", Problem::NotAllowed { reason: "list messages take only a text header" });
                None
            }
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct HeaderWire {
    r#type: HeaderType,
    #[serde(default, deserialize_with = "present")]
    text: Option<String>,
    // Boxed: inline, every text header would carry the room of all three.
    #[serde(default, deserialize_with = "present")]
    image: Option<Box<MediaWire>>,
    #[serde(default, deserialize_with = "present")]
    video: Option<Box<MediaWire>>,
    #[serde(default, deserialize_with = "present")]
    document: Option<Box<MediaWire>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum HeaderType {
    Text,
    Image,
    Video,
    Document,
}

impl HeaderWire {
    /// The header named by `type`, `None` (fall back) when another payload is present too.
    pub(super) fn draft(self, cx: &mut Ctx) -> Option<HeaderDraft> {
        let header = match (self.r#type, self.text, self.image, self.video, self.document) {
            (HeaderType::Text, Some(text), None, None, None) => return Some(HeaderDraft::Text(text)),
            (HeaderType::Image, None, Some(w), None, None) => {
                Header::Image { image: cx.at("image", |cx| Image::from_wire(*w, cx))? }
            }
            (HeaderType::Video, None, None, Some(w), None) => {
                Header::Video { video: cx.at("video", |cx| Video::from_wire(*w, cx))? }
            }
            (HeaderType::Document, None, None, None, Some(w)) => {
                Header::Document { document: cx.at("document", |cx| Document::from_wire(*w, cx))? }
            }
            _ => return None,
        };
        Some(HeaderDraft::Ready(header))
    }
}
