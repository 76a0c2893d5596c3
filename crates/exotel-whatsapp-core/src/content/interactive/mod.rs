//! Interactive messages: reply buttons and lists.
//!
//! A builder cannot be finished without its required parts: [`ReplyButtonsBuilder::build`] needs a
//! button and [`ListBuilder::build`] a section, or the call does not compile.

mod buttons;
mod frame;
mod header;
mod list;

use std::marker::PhantomData;

use serde::de::IgnoredAny;
use serde::{Deserializer, Serialize};
use serde_json::value::RawValue;

use crate::ctx::Ctx;
use crate::error::Problem;
use crate::json::{
    End, Fields, Got, Read, array, keep, object, object_into, one_of, put, reread, skip, skip_kept, string,
};
use buttons::ButtonDraft;
pub use buttons::{ReplyButton, ReplyButtons, ReplyButtonsBuilder};
use frame::{FrameDraft, text_object};
pub use header::Header;
use header::HeaderDraft;
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
}

/// The `type` of an interactive message.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Button,
    List,
}

const KINDS: &[(&str, Kind)] = &[("button", Kind::Button), ("list", Kind::List)];

/// An interactive object as read: the `type`, the parts both kinds share, and the `action`, which
/// is read for the kind (kept as text when it comes before a valid `type`).
#[derive(Default)]
struct InteractiveDraft<'de> {
    kind: Option<Kind>,
    frame: FrameDraft,
    action: Option<ActionDraft>,
    kept: Option<&'de RawValue>,
}

impl InteractiveDraft<'_> {
    /// Where the action's findings go: after the unknown fields.
    const ACTION_GROUP: usize = 6;

    fn assemble(self, cx: &mut Ctx) -> Option<Interactive> {
        let action = self.action?;
        match action.kind {
            Kind::Button => ReplyButtons::assemble(self.frame, action.buttons, cx).map(Interactive::Buttons),
            Kind::List => {
                List::assemble(self.frame, action.button, action.sections, cx).map(Interactive::List)
            }
        }
    }
}

impl<'de> Fields<'de> for InteractiveDraft<'de> {
    const FIELDS: &'static [&'static str] = &["type", "header", "body", "footer", "action"];

    fn is_required(&self, i: usize) -> bool {
        matches!(Self::FIELDS[i], "type" | "body")
    }

    fn group(&self, i: usize) -> usize {
        if Self::FIELDS[i] == "action" { Self::ACTION_GROUP } else { i }
    }

    fn read<D: Deserializer<'de>>(&mut self, i: usize, d: D, cx: &mut Ctx) -> Result<bool, D::Error> {
        Ok(match Self::FIELDS[i] {
            "type" => put(&mut self.kind, one_of(d, KINDS, &["button", "list"], cx)?),
            "header" => put(&mut self.frame.header, HeaderDraft::read(d, cx)?),
            "body" => put(&mut self.frame.body, text_object(d, cx)?),
            "footer" => put(&mut self.frame.footer, text_object(d, cx)?),
            _ => {
                if let Some(kind) = self.kind {
                    put(&mut self.action, object_into(d, ActionDraft::new(kind), cx)?)
                } else {
                    self.kept = keep(d)?;
                    self.kept.is_some()
                }
            }
        })
    }

    /// `action` is required (reported before the unknown fields); kept, it is read for the kind
    /// that `type` names, or that its own keys show (`buttons` or `sections`).
    fn end(&mut self, end: &mut End<'_>, cx: &mut Ctx) -> Result<(), serde_json::Error> {
        if !end.present("action") {
            end.group(4, cx);
            cx.error(Problem::Required { field: "action" });
        }
        let Some(raw) = self.kept else { return Ok(()) };
        end.group(Self::ACTION_GROUP, cx);
        cx.at("action", |cx| match self.kind.or_else(|| ActionDraft::kind_of(raw)) {
            Some(kind) => {
                self.action = reread(raw, cx, |de, cx| object_into(de, ActionDraft::new(kind), cx))?.ok();
                Ok(())
            }
            None => skip_kept(raw, cx),
        })
    }
}

/// An `action` as read for its kind; the parts of the other kind are `not_allowed`.
struct ActionDraft {
    kind: Kind,
    button: Option<String>,
    buttons: Option<Vec<Option<ButtonDraft>>>,
    sections: Option<Vec<Option<ListSection>>>,
}

impl ActionDraft {
    fn new(kind: Kind) -> Self {
        ActionDraft { kind, button: None, buttons: None, sections: None }
    }

    /// The kind an action's keys show when `type` does not: `buttons` or `sections`, not both.
    fn kind_of(raw: &RawValue) -> Option<Kind> {
        #[derive(serde::Deserialize)]
        struct Keys {
            buttons: Option<IgnoredAny>,
            sections: Option<IgnoredAny>,
        }
        let keys: Keys = serde_json::from_str(raw.get()).ok()?;
        match (keys.buttons.is_some(), keys.sections.is_some()) {
            (true, false) => Some(Kind::Button),
            (false, true) => Some(Kind::List),
            _ => None,
        }
    }

    /// Why field `i` is not allowed for this kind, if it is not.
    fn refused(&self, i: usize) -> Option<&'static str> {
        match (self.kind, Self::FIELDS[i]) {
            (Kind::Button, "button") => Some("only list messages have `action.button`"),
            (Kind::Button, "sections") => Some("reply-button messages have `buttons`, not `sections`"),
            (Kind::List, "buttons") => Some("list messages have `sections`, not `buttons`"),
            _ => None,
        }
    }
}

impl<'de> Fields<'de> for ActionDraft {
    const FIELDS: &'static [&'static str] = &["button", "buttons", "sections"];

    fn is_required(&self, i: usize) -> bool {
        self.refused(i).is_none() && (self.kind == Kind::List || Self::FIELDS[i] == "buttons")
    }

    /// The parts not allowed first, then the others in wire order.
    fn group(&self, i: usize) -> usize {
        match (self.kind, Self::FIELDS[i]) {
            (Kind::Button, "buttons") | (Kind::List, "sections") => 2,
            (Kind::Button, "sections") | (Kind::List, "button") => 1,
            _ => 0,
        }
    }

    fn read<D: Deserializer<'de>>(&mut self, i: usize, d: D, cx: &mut Ctx) -> Result<bool, D::Error> {
        if let Some(reason) = self.refused(i) {
            let present = skip(d, cx)?;
            if present {
                cx.error(Problem::NotAllowed { reason });
            }
            return Ok(present);
        }
        Ok(match Self::FIELDS[i] {
            "button" => put(&mut self.button, string(d, cx)?),
            "buttons" => put(&mut self.buttons, array(d, cx)?),
            _ => put(&mut self.sections, array(d, cx)?),
        })
    }
}

impl<'de> Read<'de> for Interactive {
    const EXPECTED: &'static str = "an object";

    fn read<D: Deserializer<'de>>(d: D, cx: &mut Ctx) -> Result<Got<Self>, D::Error> {
        Ok(object::<InteractiveDraft<'de>, D>(d, cx)?.and_then(|draft| draft.assemble(cx)))
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
