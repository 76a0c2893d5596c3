//! Interactive messages: reply buttons and lists.
//!
//! A builder cannot be finished without its required parts: [`ReplyButtonsBuilder::build`] needs a
//! button and [`ListBuilder::build`] a section, or the call does not compile.

mod buttons;
mod frame;
mod header;
mod list;

use std::marker::PhantomData;

use serde::{Deserializer, Serialize};

use crate::content::Assemble;
use crate::ctx::Ctx;
use crate::error::Problem;
use crate::json::{End, Fields, Got, Read, array, object_into, one_of, put, skip, string};
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
/// is read for the kind `type` names; one that comes before a valid `type` is read for either
/// kind, into an accumulator of its own, and settled when the object ends.
#[derive(Default)]
pub(crate) struct InteractiveDraft {
    kind: Option<Kind>,
    frame: FrameDraft,
    action: Option<ActionDraft>,
    early: Option<(Got<ActionDraft>, Box<Ctx>)>,
}

/// Where the action's findings go: after the unknown fields.
const ACTION_GROUP: usize = <InteractiveDraft as Fields<'static>>::FIELDS.len() + 1;

impl Assemble for Interactive {
    type Draft = InteractiveDraft;

    fn assemble(draft: InteractiveDraft, cx: &mut Ctx) -> Option<Self> {
        let action = draft.action?;
        match action.kind? {
            Kind::Button => ReplyButtons::assemble(draft.frame, action.buttons, cx).map(Interactive::Buttons),
            Kind::List => {
                List::assemble(draft.frame, action.button, action.sections, cx).map(Interactive::List)
            }
        }
    }
}

impl<'de> Fields<'de> for InteractiveDraft {
    const FIELDS: &'static [&'static str] = &["type", "header", "body", "footer", "action"];

    fn is_required(&self, i: usize) -> bool {
        matches!(Self::FIELDS[i], "type" | "body")
    }

    fn group(&self, i: usize) -> usize {
        if Self::FIELDS[i] == "action" { ACTION_GROUP } else { i }
    }

    fn read<D: Deserializer<'de>>(&mut self, i: usize, d: D, cx: &mut Ctx) -> Result<bool, D::Error> {
        Ok(match Self::FIELDS[i] {
            "type" => put(&mut self.kind, one_of(d, KINDS, &["button", "list"], cx)?),
            "header" => put(&mut self.frame.header, HeaderDraft::read(d, cx)?),
            "body" => put(&mut self.frame.body, text_object(d, cx)?),
            "footer" => put(&mut self.frame.footer, text_object(d, cx)?),
            _ if self.kind.is_some() => put(
                &mut self.action,
                object_into(d, ActionDraft { kind: self.kind, ..ActionDraft::default() }, cx)?,
            ),
            _ => {
                let mut fork = cx.fork();
                let got = object_into(d, ActionDraft::default(), &mut fork)?;
                let present = got.present();
                self.early = Some((got, fork));
                present
            }
        })
    }

    /// `action` is required (reported before the unknown fields); read early, it is settled for
    /// the kind that `type` names, or that its own parts show (`buttons` or `sections`).
    fn end(&mut self, end: &mut End<'_>, cx: &mut Ctx) {
        if !end.present("action") {
            // Where `action` stands among the fields: before the unknown ones.
            end.group(<Self as Fields<'_>>::FIELDS.len() - 1, cx);
            cx.error(Problem::Required { field: "action" });
        }
        let Some((got, fork)) = self.early.take() else { return };
        end.group(ACTION_GROUP, cx);
        // Not an object: its type error stands whatever the kind.
        let Got::Value(mut action) = got else { return cx.join(fork, true) };
        if let Some(kind) = self.kind.or_else(|| action.kind_shown()) {
            cx.at("action", |cx| action.settle(kind, cx));
            cx.join(fork, true);
            self.action = Some(action);
        } else {
            for (_, part) in action.forks {
                cx.join(part, false);
            }
            cx.join(fork, false);
        }
    }
}

/// An `action` as read for its kind; the parts of the other kind are `not_allowed`. Read before
/// the kind is known, each part goes to an accumulator of its own until [`ActionDraft::settle`].
#[derive(Default)]
struct ActionDraft {
    kind: Option<Kind>,
    button: Option<String>,
    buttons: Option<Vec<Option<ButtonDraft>>>,
    sections: Option<Vec<Option<ListSection>>>,
    forks: Vec<(usize, Box<Ctx>)>,
}

impl ActionDraft {
    /// The kind an action's parts show when `type` does not: `buttons` or `sections`, not both.
    fn kind_shown(&self) -> Option<Kind> {
        let present = |field| self.forks.iter().any(|&(i, _)| Self::FIELDS[i] == field);
        match (present("buttons"), present("sections")) {
            (true, false) => Some(Kind::Button),
            (false, true) => Some(Kind::List),
            _ => None,
        }
    }

    /// Why field `i` is not allowed for `kind`, if it is not.
    fn refused(kind: Kind, i: usize) -> Option<&'static str> {
        match (kind, Self::FIELDS[i]) {
            (Kind::Button, "button") => Some("only list messages have `action.button`"),
            (Kind::Button, "sections") => Some("reply-button messages have `buttons`, not `sections`"),
            (Kind::List, "buttons") => Some("list messages have `sections`, not `buttons`"),
            _ => None,
        }
    }

    /// The report order for `kind`: the parts not allowed first, then the others in wire order.
    fn rank(kind: Kind, i: usize) -> usize {
        let key = |j| (Self::refused(kind, j).is_none(), j);
        (0..Self::FIELDS.len()).filter(|&j| key(j) < key(i)).count()
    }

    /// Settles an action read before its kind was known, at `/action`: the parts of `kind` are
    /// taken in, the others refused, the missing ones required, in the order of [`Self::rank`].
    fn settle(&mut self, kind: Kind, cx: &mut Ctx) {
        self.kind = Some(kind);
        let mut forks = std::mem::take(&mut self.forks);
        let mut order: Vec<usize> = (0..Self::FIELDS.len()).collect();
        order.sort_by_key(|&i| Self::rank(kind, i));
        for i in order {
            let fork = forks.iter().position(|(f, _)| *f == i).map(|at| forks.swap_remove(at).1);
            let field = Self::FIELDS[i];
            match (fork, Self::refused(kind, i)) {
                (Some(fork), Some(reason)) => {
                    cx.join(fork, false);
                    cx.error_at(field, Problem::NotAllowed { reason });
                }
                (Some(fork), None) => cx.join(fork, true),
                (None, None) => cx.error(Problem::Required { field }),
                (None, Some(_)) => {}
            }
        }
    }
}

impl<'de> Fields<'de> for ActionDraft {
    const FIELDS: &'static [&'static str] = &["button", "buttons", "sections"];

    /// Every part of its kind: a reply-button action's `buttons`, a list's `button` and `sections`.
    fn is_required(&self, i: usize) -> bool {
        self.kind.is_some_and(|kind| Self::refused(kind, i).is_none())
    }

    fn group(&self, i: usize) -> usize {
        self.kind.map_or(i, |kind| Self::rank(kind, i))
    }

    fn read<D: Deserializer<'de>>(&mut self, i: usize, d: D, cx: &mut Ctx) -> Result<bool, D::Error> {
        if let Some(reason) = self.kind.and_then(|kind| Self::refused(kind, i)) {
            let present = skip(d, cx)?;
            if present {
                cx.error(Problem::NotAllowed { reason });
            }
            return Ok(present);
        }
        let mut fork = self.kind.is_none().then(|| cx.fork());
        let at = fork.as_deref_mut().unwrap_or(cx);
        let present = match Self::FIELDS[i] {
            "button" => put(&mut self.button, string(d, at)?),
            "buttons" => put(&mut self.buttons, array(d, at)?),
            _ => put(&mut self.sections, array(d, at)?),
        };
        if let Some(fork) = fork.filter(|_| present) {
            self.forks.push((i, fork));
        }
        Ok(present)
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
