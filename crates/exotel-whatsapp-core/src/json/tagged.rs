//! Objects whose `type` names the one payload they carry (`{"type": "text", "text": …}`):
//! content, interactive headers and template parameters.
//!
//! Payload keys of other types are `not_allowed`. When `type` is missing or unknown but exactly
//! one payload is present, that payload is read anyway, since its problems are worth reporting;
//! the tag's own error is recorded. A payload that comes before `type` is kept as text and read
//! when the object ends; the usual order (`type` first) reads it at once.

use serde::de::Deserializer;
use serde_json::value::RawValue;

use super::{End, Fields, Got, keep, one_of, reread, skip, skip_kept};
use crate::ctx::Ctx;
use crate::error::Problem;

/// A value that is one of several payloads, named by `type`.
pub(crate) trait Tagged<'de>: Sized {
    /// The tags.
    type Kind: Copy + PartialEq + 'static;
    /// The wire names of the fields: any others first, then `type`, then the payloads in
    /// [`Self::TAGS`] order.
    const FIELDS: &'static [&'static str];
    /// Each payload's wire name and tag.
    const TAGS: &'static [(&'static str, Self::Kind)];
    /// The payloads' wire names, for `one_of`.
    const NAMES: &'static [&'static str];

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
    /// The payloads that were there, by field index.
    present: u64,
    /// Payloads kept until the tag was known: field index and text.
    kept: Vec<(usize, &'de RawValue)>,
    /// The payload read, if it was.
    pub(crate) value: Option<T>,
}

impl<'de, T: Tagged<'de>> Default for TaggedDraft<'de, T> {
    fn default() -> Self {
        TaggedDraft { tag: None, present: 0, kept: Vec::new(), value: None }
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
            let got = one_of(d, T::TAGS, T::NAMES, cx)?;
            let present = got.present();
            self.tag = got.ok();
            return Ok(present);
        }
        let Some(kind) = Self::payload_kind(i) else { return T::other(i, d, cx) };
        let present = match self.tag {
            Some(tag) if tag == kind => {
                let got = T::payload(kind, d, cx)?;
                let present = got.present();
                self.value = got.ok();
                present
            }
            Some(_) => {
                let present = skip(d, cx)?;
                if present {
                    cx.error(Problem::NotAllowed {
                        reason: "only the payload named by `type` may be present",
                    });
                }
                present
            }
            None => {
                let raw = keep(d)?;
                if let Some(raw) = raw {
                    self.kept.push((i, raw));
                }
                raw.is_some()
            }
        };
        if present {
            self.present |= 1 << i;
        }
        Ok(present)
    }

    fn end(&mut self, end: &mut End<'_>, cx: &mut Ctx) -> Result<(), serde_json::Error> {
        let present: Vec<usize> = (0..T::FIELDS.len())
            .filter(|&i| self.present & (1 << i) != 0 && Self::payload_kind(i).is_some())
            .collect();
        let chosen = match (self.tag, present.as_slice()) {
            (Some(tag), _) => Some(tag),
            (None, &[i]) => Self::payload_kind(i),
            (None, _) => None,
        };
        // Kept payloads not chosen: not allowed (when one is), and scanned for duplicate keys.
        let mut chosen_kept = None;
        for &(i, raw) in &self.kept {
            if chosen.is_some() && chosen == Self::payload_kind(i) {
                chosen_kept = Some((i, raw));
                continue;
            }
            end.group(i, cx);
            let field = T::FIELDS[i];
            cx.at(field, |cx| {
                skip_kept(raw, cx)?;
                if chosen.is_some() {
                    cx.error(Problem::NotAllowed {
                        reason: "only the payload named by `type` may be present",
                    });
                }
                Ok::<_, serde_json::Error>(())
            })?;
        }
        if let Some(tag) = self.tag {
            let i = T::TAGS.iter().position(|(_, k)| *k == tag).map(|p| p + Self::type_index() + 1);
            if i.is_some_and(|i| self.present & (1 << i) == 0) {
                end.group(T::FIELDS.len(), cx);
                let field = T::TAGS.iter().find(|(_, k)| *k == tag).map_or("", |(name, _)| name);
                cx.error(Problem::Required { field });
            }
        }
        if let (Some((i, raw)), Some(kind)) = (chosen_kept, chosen) {
            end.group(Self::payload_group(), cx);
            self.value = cx.at(T::FIELDS[i], |cx| reread(raw, cx, |de, cx| T::payload(kind, de, cx)))?.ok();
        }
        Ok(())
    }
}
