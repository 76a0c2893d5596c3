//! Interactive messages: reply buttons and lists.
//!
//! A builder cannot be finished without its required parts: [`ReplyButtonsBuilder::build`] needs a
//! button and [`ListBuilder::build`] a section, or the call does not compile.

mod buttons;
mod frame;
mod header;
mod list;
mod unique;

use std::marker::PhantomData;

use crate::limits::{BUTTONS_MAX, SECTIONS_MAX};
use serde::{Deserialize, Serialize};

use crate::ctx::Ctx;
use crate::error::Problem;
use crate::json::{Few, Node, Obj, array, present, string};
use buttons::{ButtonDraft, ButtonWire};
pub use buttons::{ReplyButton, ReplyButtons, ReplyButtonsBuilder};
use frame::{FrameDraft, TextObjectWire};
pub use header::Header;
use header::HeaderWire;
use list::SectionWire;
pub use list::{List, ListBuilder, ListRow, ListSection, Row, Section};

/// An interactive message: reply buttons or a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Interactive {
    /// Reply buttons (`"type": "button"`).
    Buttons(ReplyButtons),
    /// A list (`"type": "list"`).
    List(List),
}

impl Interactive {
    /// Starts a reply-button message with its body text.
    pub fn buttons(body: impl Into<String>) -> ReplyButtonsBuilder {
        ReplyButtonsBuilder {
            frame: FrameDraft { body: Some(body.into()), ..FrameDraft::default() },
            buttons: Vec::new(),
            state: PhantomData,
        }
    }

    /// Starts a list message with its body text and the text of the button that opens the list.
    pub fn list(body: impl Into<String>, button: impl Into<String>) -> ListBuilder {
        ListBuilder {
            frame: FrameDraft { body: Some(body.into()), ..FrameDraft::default() },
            button: button.into(),
            sections: Vec::new(),
            state: PhantomData,
        }
    }

    pub(crate) fn from_json(v: Node<'_>, cx: &mut Ctx) -> Option<Self> {
        #[derive(Clone, Copy, PartialEq)]
        enum Kind {
            Button,
            List,
        }
        let mut o = Obj::new(v, &["type", "header", "body", "footer", "action"], cx)?;
        let kind = o.required("type", cx, |v, cx| {
            let s = string(v, cx)?;
            match s.as_str() {
                "button" => Some(Kind::Button),
                "list" => Some(Kind::List),
                _ => {
                    cx.error(Problem::OneOf { expected: &["button", "list"], found: s });
                    None
                }
            }
        });
        let frame = FrameDraft::from_json(&mut o, cx);
        let action = o.required("action", cx, |v, cx| Obj::new(v, &["button", "buttons", "sections"], cx));
        o.finish(cx);
        let mut action = action?;
        let kind = kind.or_else(|| {
            (action.has("buttons") != action.has("sections"))
                .then(|| if action.has("buttons") { Kind::Button } else { Kind::List })
        })?;
        cx.at("action", |cx| match kind {
            Kind::Button => {
                action.forbid("button", "only list messages have `action.button`", cx);
                action.forbid("sections", "reply-button messages have `buttons`, not `sections`", cx);
                let buttons = action.required("buttons", cx, |v, cx| array(v, cx, ButtonDraft::from_json));
                action.finish(cx);
                cx.at_parent(|cx| ReplyButtons::assemble(frame, buttons, cx).map(Interactive::Buttons))
            }
            Kind::List => {
                action.forbid("buttons", "list messages have `sections`, not `buttons`", cx);
                let button = action.required_string("button", cx);
                let sections = action.required("sections", cx, |v, cx| array(v, cx, ListSection::from_json));
                action.finish(cx);
                cx.at_parent(|cx| List::assemble(frame, button, sections, cx).map(Interactive::List))
            }
        })
    }
}

/// An interactive object as the wire carries it, for the checker's fast path: any unknown,
/// duplicate, missing or `null` field, or a part that does not belong to the `type`, fails it, and
/// the full walk ([`Interactive::from_json`]) reports what is wrong.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct InteractiveWire {
    r#type: InteractiveType,
    #[serde(default, deserialize_with = "present")]
    header: Option<HeaderWire>,
    body: TextObjectWire,
    #[serde(default, deserialize_with = "present")]
    footer: Option<TextObjectWire>,
    action: ActionWire,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum InteractiveType {
    Button,
    List,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActionWire {
    #[serde(default, deserialize_with = "present")]
    button: Option<String>,
    #[serde(default, deserialize_with = "present")]
    buttons: Option<Few<ButtonWire, BUTTONS_MAX>>,
    #[serde(default, deserialize_with = "present")]
    sections: Option<Few<SectionWire, SECTIONS_MAX>>,
}

impl Interactive {
    /// The checker's fast path: the same rules ([`ReplyButtons::assemble`], [`List::assemble`]) on
    /// a typed draft. `None` means "ask the full walk", which reports what is wrong.
    pub(crate) fn from_wire(w: InteractiveWire, cx: &mut Ctx) -> Option<Self> {
        let header = match w.header {
            Some(h) => Some(cx.at("header", |cx| h.draft(cx))?),
            None => None,
        };
        let frame = FrameDraft { header, body: Some(w.body.text), footer: w.footer.map(|f| f.text) };
        let action = w.action;
        match w.r#type {
            InteractiveType::Button => {
                if action.button.is_some() || action.sections.is_some() {
                    return None;
                }
                let buttons = action
                    .buttons?
                    .into_iter()
                    .map(|b| Some(ButtonDraft { id: Some(b.reply.id), title: Some(b.reply.title) }))
                    .collect();
                ReplyButtons::assemble(frame, Some(buttons), cx).map(Interactive::Buttons)
            }
            InteractiveType::List => {
                if action.buttons.is_some() {
                    return None;
                }
                let sections = action
                    .sections?
                    .into_iter()
                    .map(|s| {
                        let rows = s
                            .rows
                            .into_iter()
                            .map(|r| {
                                Some(ListRow {
                                    id: Some(r.id),
                                    title: Some(r.title),
                                    description: r.description,
                                })
                            })
                            .collect();
                        Some(ListSection { title: s.title, rows: Some(rows), title_mistyped: false })
                    })
                    .collect();
                List::assemble(frame, action.button, Some(sections), cx).map(Interactive::List)
            }
        }
    }
}

impl From<ReplyButtons> for Interactive {
    fn from(m: ReplyButtons) -> Self {
        Interactive::Buttons(m)
    }
}

impl From<List> for Interactive {
    fn from(m: List) -> Self {
        Interactive::List(m)
    }
}
