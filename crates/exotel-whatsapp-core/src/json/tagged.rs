//! Objects whose `type` names the one payload they carry (`{"type": "text", "text": …}`):
//! content, interactive headers and template parameters.
//!
//! Payload keys of other types are `not_allowed`. When `type` is missing or unknown but exactly
//! one payload is present, that payload is read anyway, since its problems are worth reporting;
//! the tag's own error is recorded. A payload that comes before `type` is read at once as the kind
//! its key names, into an accumulator of its own ([`Ctx::fork`]) whose findings are taken in or
//! dropped when the object ends; so each payload is read once whatever the order of the keys.

use serde::de::Deserializer;

use super::{End, Fields, Got, one_of, skip};
use crate::ctx::Ctx;
use crate::error::Problem;

const NOT_ALLOWED: &str = "only the payload named by `type` may be present";

/// A value that is one of several payloads, named by `type`.
pub(crate) trait Tagged<'de>: Sized {
    /// The tags.
    type Kind: Copy + PartialEq + 'static;
    /// The wire names of the fields: any others first, then `type`, then the payloads in
    /// [`Self::TAGS`] order.
    const FIELDS: &'static [&'static str];
    /// Each payload's wire name and tag.
    const TAGS: &'static [(&'static str, Self::Kind)];

    /// Reads the payload of a `kind` value, at its pointer.
    fn payload<D: Deserializer<'de>>(kind: Self::Kind, d: D, cx: &mut Ctx) -> Result<Got<Self>, D::Error>;

    /// Reads a field other than `type` and the payloads.
    fn other<D: Deserializer<'de>>(_i: usize, d: D, cx: &mut Ctx) -> Result<bool, D::Error> {
        skip(d, cx)
    }
}

/// A tagged object being read.
pub(crate) struct TaggedDraft<'de, T: Tagged<'de>> {
    tag: Option<T::Kind>,
    /// Payloads read before the tag was known: field index, value, and what reading it found.
    early: Vec<(usize, Option<T>, Box<Ctx>)>,
    /// The payload read, if it was.
    pub(crate) value: Option<T>,
}

impl<'de, T: Tagged<'de>> Default for TaggedDraft<'de, T> {
    fn default() -> Self {
        TaggedDraft { tag: None, early: Vec::new(), value: None }
    }
}

impl<'de, T: Tagged<'de>> TaggedDraft<'de, T> {
    /// The index in `FIELDS` of `type`.
    fn type_index() -> usize {
        T::FIELDS.len() - T::TAGS.len() - 1
    }

    /// The payload's tag, if field `i` is one.
    fn payload_kind(i: usize) -> Option<T::Kind> {
        i.checked_sub(Self::type_index() + 1).map(|p| T::TAGS[p].1)
    }

    /// Where the payload's own findings go: after the unknown fields.
    fn payload_group() -> usize {
        T::FIELDS.len() + 2
    }
}

impl<'de, T: Tagged<'de>> Fields<'de> for TaggedDraft<'de, T> {
    const FIELDS: &'static [&'static str] = T::FIELDS;

    fn is_required(&self, i: usize) -> bool {
        i == Self::type_index()
    }

    /// Findings in this order: other fields, `type`, payloads not allowed, the missing payload,
    /// unknown fields, then the payload's own.
    fn group(&self, i: usize) -> usize {
        match Self::payload_kind(i) {
            Some(kind) if self.tag == Some(kind) => Self::payload_group(),
            _ => i,
        }
    }

    fn unknown() -> usize {
        T::FIELDS.len() + 1
    }

    fn read<D: Deserializer<'de>>(&mut self, i: usize, d: D, cx: &mut Ctx) -> Result<bool, D::Error> {
        if i == Self::type_index() {
            let got = one_of(d, T::TAGS, &T::FIELDS[i + 1..], cx)?;
            let present = got.present();
            self.tag = got.ok();
            return Ok(present);
        }
        let Some(kind) = Self::payload_kind(i) else { return T::other(i, d, cx) };
        Ok(match self.tag {
            Some(tag) if tag == kind => {
                let got = T::payload(kind, d, cx)?;
                let present = got.present();
                self.value = got.ok();
                present
            }
            Some(_) => {
                let present = skip(d, cx)?;
                if present {
                    cx.error(Problem::NotAllowed { reason: NOT_ALLOWED });
                }
                present
            }
            None => {
                let mut fork = cx.fork();
                let got = T::payload(kind, d, &mut fork)?;
                let present = got.present();
                if present {
                    self.early.push((i, got.ok(), fork));
                }
                present
            }
        })
    }

    fn end(&mut self, end: &mut End<'_>, cx: &mut Ctx) {
        let mut present = (Self::type_index() + 1..T::FIELDS.len()).filter(|&i| end.has(i));
        let chosen = self.tag.or_else(|| match (present.next(), present.next()) {
            (Some(i), None) => Self::payload_kind(i),
            _ => None,
        });
        // Payloads read early: taken in when chosen, else not allowed (when one is).
        let mut chosen_early = None;
        for (i, value, fork) in self.early.drain(..) {
            if chosen.is_some() && chosen == Self::payload_kind(i) {
                chosen_early = Some((value, fork));
                continue;
            }
            end.group(i, cx);
            cx.join(fork, false);
            if chosen.is_some() {
                cx.error_at(T::FIELDS[i], Problem::NotAllowed { reason: NOT_ALLOWED });
            }
        }
        let named = self.tag.and_then(|tag| T::TAGS.iter().position(|(_, k)| *k == tag));
        if let Some(i) = named.map(|p| p + Self::type_index() + 1) {
            if !end.has(i) {
                end.group(T::FIELDS.len(), cx);
                cx.error(Problem::Required { field: T::FIELDS[i] });
            }
        }
        if let Some((value, fork)) = chosen_early {
            end.group(Self::payload_group(), cx);
            cx.join(fork, true);
            self.value = value;
        }
    }
}
