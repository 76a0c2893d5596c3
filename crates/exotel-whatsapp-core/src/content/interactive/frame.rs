//! What reply buttons and lists share: header, body and footer.

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize};

use super::header::{Header, HeaderDraft};
use crate::ctx::Ctx;
use crate::json::{Node, Obj};
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

/// `{"text": …}`, the shape of body and footer.
#[derive(Serialize)]
struct TextObject<'a> {
    text: &'a str,
}

impl FrameDraft {
    pub(super) fn assemble(self, list: bool, cx: &mut Ctx) -> Option<Frame> {
        let header = cx.optional("header", self.header, |h, cx| h.assemble(list, cx));
        let body = cx.at("body", |cx| cx.at("text", |cx| BodyText::parse(self.body?, cx)));
        let footer = cx.optional("footer", self.footer, |f, cx| cx.at("text", |cx| FooterText::parse(f, cx)));
        Some(Frame { header: header?, body: body?, footer: footer? })
    }

    pub(super) fn from_json(o: &mut Obj, cx: &mut Ctx) -> Self {
        let text_object = |v: Node<'_>, cx: &mut Ctx| {
            let mut o = Obj::new(v, &["text"], cx)?;
            let text = o.required_string("text", cx);
            o.finish(cx);
            text
        };
        FrameDraft {
            header: o.field("header", cx, HeaderDraft::from_json),
            body: o.required("body", cx, text_object),
            footer: o.field("footer", cx, text_object),
        }
    }
}

impl Frame {
    pub(super) fn serialize_into<M: SerializeMap>(&self, kind: &str, m: &mut M) -> Result<(), M::Error> {
        m.serialize_entry("type", kind)?;
        if let Some(header) = &self.header {
            m.serialize_entry("header", header)?;
        }
        m.serialize_entry("body", &TextObject { text: self.body.as_str() })?;
        if let Some(footer) = &self.footer {
            m.serialize_entry("footer", &TextObject { text: footer.as_str() })?;
        }
        Ok(())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TextObjectWire {
    pub(super) text: String,
}
