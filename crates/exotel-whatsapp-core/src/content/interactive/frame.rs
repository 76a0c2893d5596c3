//! What reply buttons and lists share: header, body and footer.

use serde::ser::SerializeMap;
use serde::{Deserializer, Serialize, Serializer};

use super::header::{Header, HeaderDraft};
use crate::ctx::Ctx;
use crate::json::{Got, fields, object, string};
use crate::text::{BodyText, FooterText};

/// What both kinds share, as given: header, body and footer.
#[derive(Debug, Clone, Default)]
pub(super) struct FrameDraft {
    pub(super) header: Option<HeaderDraft>,
    pub(super) body: Option<String>,
    pub(super) footer: Option<String>,
}

/// What both kinds share, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Frame {
    pub(super) header: Option<Header>,
    pub(super) body: BodyText,
    pub(super) footer: Option<FooterText>,
}

/// `{"text": …}`, the shape of body and footer: `&str` written, `Option<String>` read.
#[derive(Default, Serialize)]
struct TextObject<T> {
    text: T,
}

impl FrameDraft {
    pub(super) fn assemble(self, list: bool, cx: &mut Ctx) -> Option<Frame> {
        let header = cx.optional("header", self.header, |h, cx| h.assemble(list, cx));
        let body = cx.at("body", |cx| cx.at("text", |cx| BodyText::parse(self.body?, cx)));
        let footer = cx.optional("footer", self.footer, |f, cx| cx.at("text", |cx| FooterText::parse(f, cx)));
        Some(Frame { header: header?, body: body?, footer: footer? })
    }
}

fields!(TextObject<Option<String>> { #[required] "text" => text: string });

/// Reads the text of a body or footer.
pub(super) fn text_object<'de, D: Deserializer<'de>>(d: D, cx: &mut Ctx) -> Result<Got<String>, D::Error> {
    Ok(object::<TextObject<Option<String>>, D>(d, cx)?.and_then(|t| t.text))
}

impl Frame {
    /// An interactive object of `kind` on the wire: its `type`, this frame, then its `action`.
    pub(super) fn serialize<S: Serializer>(
        &self,
        s: S,
        kind: &str,
        action: &impl Serialize,
    ) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("type", kind)?;
        if let Some(header) = &self.header {
            m.serialize_entry("header", header)?;
        }
        m.serialize_entry("body", &TextObject { text: self.body.as_str() })?;
        if let Some(footer) = &self.footer {
            m.serialize_entry("footer", &TextObject { text: footer.as_str() })?;
        }
        m.serialize_entry("action", action)?;
        m.end()
    }
}
