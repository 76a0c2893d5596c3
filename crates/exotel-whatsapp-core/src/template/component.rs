//! The components of a template (header, body, buttons) and the rules on their parameters.

use serde::ser::SerializeMap;
use serde::{Deserializer, Serialize, Serializer};

use super::parameter::Parameter;
use crate::content::{check_at, each, given, plain_objects};
use crate::ctx::Ctx;
use crate::json::{Fields, Got, array, lookup, one_of, put, string};
use crate::rules::unique::Unique;
use crate::rules::{self, length};

/// A button component's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SubType {
    /// A quick-reply button: its parameter is a `payload`.
    QuickReply,
    /// A URL button: its parameter is the `text` appended to the template's URL.
    Url,
}

impl SubType {
    /// Every sub-type, in declaration order.
    pub const ALL: [SubType; 2] = [SubType::QuickReply, SubType::Url];

    /// The wire name, as `sub_type` carries it.
    ///
    /// ```
    /// # use exotel_whatsapp_core as exotel_whatsapp;
    /// use exotel_whatsapp::template::SubType;
    /// for sub_type in SubType::ALL {
    ///     assert_eq!(serde_json::to_value(sub_type)?, sub_type.as_str());
    /// }
    /// assert_eq!(SubType::QuickReply.as_str(), "quick_reply");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            SubType::QuickReply => "quick_reply",
            SubType::Url => "url",
        }
    }
}

/// What a component is, with its parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// The header's parameter: `None` for a header without variables (EX: `parameters` is
    /// "Required when type=button" only).
    Header(Option<Parameter>),
    /// The body's parameters, `{{1}}`, `{{2}}`, … in order; empty for a body without variables.
    Body(Vec<Parameter>),
    /// A button's parameter.
    Button {
        /// Quick reply or URL.
        sub_type: SubType,
        /// The button's position, 0 to 2.
        index: u8,
        /// The payload (quick reply) or URL suffix (URL).
        parameter: Parameter,
    },
}

/// One component of a template: its [`Part`], and the optional `text` and `footer` strings of
/// EX's Component Object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Component {
    part: Part,
    text: Option<String>,
    footer: Option<String>,
}

impl Component {
    /// What the component is, with its parameters.
    pub fn part(&self) -> &Part {
        &self.part
    }

    /// The component's `text`, if given (EX: "Text for the component").
    pub fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    /// The component's `footer`, if given (EX: "Footer of the component").
    pub fn footer(&self) -> Option<&str> {
        self.footer.as_deref()
    }
}

impl Serialize for Component {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        let (kind, parameters) = match &self.part {
            Part::Header(p) => ("header", p.as_slice()),
            Part::Body(ps) => ("body", ps.as_slice()),
            Part::Button { parameter, .. } => ("button", std::slice::from_ref(parameter)),
        };
        m.serialize_entry("type", kind)?;
        if let Part::Button { sub_type, index, .. } = &self.part {
            m.serialize_entry("sub_type", sub_type)?;
            m.serialize_entry("index", &index.to_string())?;
        }
        if let Some(text) = &self.text {
            m.serialize_entry("text", text)?;
        }
        if let Some(footer) = &self.footer {
            m.serialize_entry("footer", footer)?;
        }
        if !parameters.is_empty() {
            m.serialize_entry("parameters", parameters)?;
        }
        m.end()
    }
}

/// In the order a builder gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum ComponentKind {
    Header,
    Body,
    Button,
}

/// A component as given or read, before the rules.
#[derive(Debug, Clone, Default)]
pub(super) struct ComponentDraft {
    pub(super) kind: Option<ComponentKind>,
    /// `Err` holds a sub-type that was given but is not `quick_reply` or `url` (already reported).
    pub(super) sub_type: Option<Result<SubType, ()>>,
    /// `Err` holds an index that is not a number from 0 to 2 (already reported from JSON, or given).
    pub(super) index: Option<Result<u8, ()>>,
    pub(super) parameters: Option<Vec<Option<Parameter>>>,
    pub(super) text: Option<String>,
    pub(super) footer: Option<String>,
}

/// `sub_type`: `Err` when it was given but is not one (reported).
fn sub_type<'de, D: Deserializer<'de>>(d: D, cx: &mut Ctx) -> Result<Got<Result<SubType, ()>>, D::Error> {
    let kinds = &[("quick_reply", SubType::QuickReply), ("url", SubType::Url)];
    given(d, cx, |s, cx| lookup(&s, kinds, &["quick_reply", "url"], cx).ok_or(()))
}

/// The component `type`s.
const KINDS: &[(&str, ComponentKind)] =
    &[("header", ComponentKind::Header), ("body", ComponentKind::Body), ("button", ComponentKind::Button)];

impl<'de> Fields<'de> for ComponentDraft {
    const FIELDS: &'static [&'static str] = &["type", "sub_type", "index", "text", "footer", "parameters"];

    /// EX: `parameters` is "Required when type=button"; a header or body may omit it.
    fn is_required(&self, i: usize) -> bool {
        match Self::FIELDS[i] {
            "type" => true,
            "parameters" => self.kind == Some(ComponentKind::Button),
            _ => false,
        }
    }

    fn read<D: Deserializer<'de>>(&mut self, i: usize, d: D, cx: &mut Ctx) -> Result<bool, D::Error> {
        Ok(match Self::FIELDS[i] {
            "type" => put(&mut self.kind, one_of(d, KINDS, &["header", "body", "button"], cx)?),
            "sub_type" => put(&mut self.sub_type, sub_type(d, cx)?),
            "index" => put(&mut self.index, given(d, cx, rules::component::button_index)?),
            "text" => put(&mut self.text, string(d, cx)?),
            "footer" => put(&mut self.footer, string(d, cx)?),
            _ => put(&mut self.parameters, array(d, cx)?),
        })
    }
}

plain_objects!(ComponentDraft);

/// The component rules, at `/components`.
pub(super) fn assemble_components(
    drafts: Vec<Option<ComponentDraft>>,
    cx: &mut Ctx,
) -> Option<Vec<Component>> {
    let body_alone =
        drafts.len() == 1 && drafts.iter().flatten().all(|d| d.kind == Some(ComponentKind::Body));
    // One header, one body, one button per index: keyed by type, and a button by its index.
    let mut components = Unique::new(cx);
    each(drafts, cx, |draft, cx| {
        let d = draft?;
        let kind = d.kind?;
        if kind != ComponentKind::Button {
            rules::component::button_fields_only(d.sub_type.is_some(), d.index.is_some(), cx);
        }
        let part = match kind {
            // EX: `parameters` is "Required when type=button"; a header or body without
            // variables has none, or an empty array (META agrees).
            ComponentKind::Header => {
                cx.at("type", |cx| components.check("header", cx));
                let p = cx.at("parameters", |cx| {
                    let params = d.parameters.unwrap_or_default();
                    length::count(params.len(), 0, 1, cx);
                    let first = params.into_iter().next();
                    first.map_or(Some(None), |p| {
                        cx.at_index(0, |cx| rules::parameter::header(p?, cx)).map(Some)
                    })
                });
                Part::Header(p?)
            }
            ComponentKind::Body => {
                cx.at("type", |cx| components.check("body", cx));
                let max = rules::parameter::body_text_max(body_alone);
                let ps = cx.at("parameters", |cx| {
                    each(d.parameters.unwrap_or_default(), cx, |p, cx| rules::parameter::body(p?, max, cx))
                });
                Part::Body(ps?)
            }
            ComponentKind::Button => {
                rules::component::sub_type(d.sub_type.is_some(), cx);
                let index = rules::component::index(d.index, cx);
                check_at(cx, "index", index, |i, cx| components.check(&i.to_string(), cx));
                // Absent: reported by the reader (the builders always give one).
                let params = d.parameters?;
                let sub_type = d.sub_type?.ok()?;
                let p = cx.at("parameters", |cx| {
                    length::count(params.len(), 1, 1, cx);
                    let p = params.into_iter().next()??;
                    cx.at_index(0, |cx| rules::parameter::button(p, sub_type, cx))
                });
                Part::Button { sub_type, index: index?, parameter: p? }
            }
        };
        Some(Component { part, text: d.text, footer: d.footer })
    })
}
