//! The header of an interactive message: text, or media for reply buttons.

use serde::Serialize;

use crate::content::{Document, Image, Video, tagged_payloads};
use crate::ctx::Ctx;
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

tagged_payloads!(HeaderDraft: HeaderKind {
    Text = "text" => |text: String| HeaderDraft::Text(text),
    Image = "image" => |image: Image| HeaderDraft::Ready(Header::Image { image }),
    Video = "video" => |video: Video| HeaderDraft::Ready(Header::Video { video }),
    Document = "document" => |document: Document| HeaderDraft::Ready(Header::Document { document }),
});

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
