//! The components of a template (header, body, buttons) and the rules on their parameters.

use serde::ser::SerializeMap;
use serde::{Deserializer, Serialize, Serializer};

use super::parameter::Parameter;
use crate::ctx::{Ctx, Place};
use crate::error::Problem;
use crate::json::{Fields, Got, Read, array, lookup, object, one_of, put, string};
use crate::limits::{
    PARAMETER_TEXT_SPACES_MAX, TEMPLATE_BODY_ALONE_MAX, TEMPLATE_BODY_TEXT_MAX, TEMPLATE_BUTTON_INDEX_MAX,
    TEMPLATE_HEADER_TEXT_MAX,
};
use crate::text::{TextRule, report_non_empty, report_text};

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
        let kind = match &self.part {
            Part::Header(_) => "header",
            Part::Body(_) => "body",
            Part::Button { .. } => "button",
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
        match &self.part {
            Part::Header(Some(p)) | Part::Button { parameter: p, .. } => {
                m.serialize_entry("parameters", std::slice::from_ref(p))?;
            }
            Part::Body(ps) if !ps.is_empty() => m.serialize_entry("parameters", ps)?,
            Part::Header(None) | Part::Body(_) => {}
        }
        m.end()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

impl ComponentDraft {
    /// A button's `index` on the wire, exactly the string `"0"`, `"1"` or `"2"` (EX: "index
    /// values of 0 to 2"; the schema's `enum`). A larger number in canonical form (`"3"`) goes on
    /// to the range rule the builders use; anything else (`"01"`, `" 1"`, `"+1"`) is not an index.
    fn index(s: String, cx: &mut Ctx) -> Result<u8, ()> {
        let canonical =
            !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0'));
        match s.parse::<u8>() {
            Ok(i) if canonical => Ok(i),
            _ if canonical => Ok(u8::MAX),
            _ => {
                cx.error(Problem::OneOf { expected: &["0", "1", "2"], found: s });
                Err(())
            }
        }
    }
}

/// `sub_type`: `Err` when it was given but is not one (reported).
fn sub_type<'de, D: Deserializer<'de>>(d: D, cx: &mut Ctx) -> Result<Got<Result<SubType, ()>>, D::Error> {
    let kinds = &[("quick_reply", SubType::QuickReply), ("url", SubType::Url)];
    Ok(match string(d, cx)? {
        Got::Absent => Got::Absent,
        Got::Failed => Got::Value(Err(())),
        Got::Value(s) => Got::Value(lookup(&s, kinds, &["quick_reply", "url"], cx).ok_or(())),
    })
}

/// `index`: `Err` when it was given but is not one (reported).
fn index<'de, D: Deserializer<'de>>(d: D, cx: &mut Ctx) -> Result<Got<Result<u8, ()>>, D::Error> {
    Ok(match string(d, cx)? {
        Got::Absent => Got::Absent,
        Got::Failed => Got::Value(Err(())),
        Got::Value(s) => Got::Value(ComponentDraft::index(s, cx)),
    })
}

fn component_kind<'de, D: Deserializer<'de>>(d: D, cx: &mut Ctx) -> Result<Got<ComponentKind>, D::Error> {
    let kinds = &[
        ("header", ComponentKind::Header),
        ("body", ComponentKind::Body),
        ("button", ComponentKind::Button),
    ];
    one_of(d, kinds, &["header", "body", "button"], cx)
}

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
            "type" => put(&mut self.kind, component_kind(d, cx)?),
            "sub_type" => put(&mut self.sub_type, sub_type(d, cx)?),
            "index" => put(&mut self.index, index(d, cx)?),
            "text" => put(&mut self.text, string(d, cx)?),
            "footer" => put(&mut self.footer, string(d, cx)?),
            _ => put(&mut self.parameters, array(d, cx)?),
        })
    }
}

impl<'de> Read<'de> for ComponentDraft {
    const EXPECTED: &'static str = "an object";

    fn read<D: Deserializer<'de>>(d: D, cx: &mut Ctx) -> Result<Got<Self>, D::Error> {
        object(d, cx)
    }
}

/// The component rules, at `/components`.
pub(super) fn assemble_components(
    drafts: Vec<Option<ComponentDraft>>,
    cx: &mut Ctx,
) -> Option<Vec<Component>> {
    let body_alone =
        drafts.len() == 1 && drafts.iter().flatten().all(|d| d.kind == Some(ComponentKind::Body));
    // A handful of keys: scanned, and the pointer to a first occurrence built only when needed.
    let (base, mut seen) = (cx.depth(), Vec::<((ComponentKind, u8), Place)>::new());
    let mut unique = |key: (ComponentKind, u8), cx: &mut Ctx| {
        if let Some((_, place)) = seen.iter().find(|(k, _)| *k == key) {
            let first = cx.pointer_to(base, place);
            cx.error(Problem::Duplicate { first });
        } else {
            seen.push((key, cx.place(base)));
        }
    };
    let checked: Vec<Option<Component>> = drafts
        .into_iter()
        .enumerate()
        .map(|(i, draft)| {
            cx.at_index(i, |cx| {
                let d = draft?;
                let kind = d.kind?;
                if kind != ComponentKind::Button {
                    let reason = "`sub_type` and `index` belong to button components only";
                    if d.sub_type.is_some() {
                        cx.error_at("sub_type", Problem::NotAllowed { reason });
                    }
                    if d.index.is_some() {
                        cx.error_at("index", Problem::NotAllowed { reason });
                    }
                }
                let (text, footer) = (d.text, d.footer);
                let part = match kind {
                    // EX: `parameters` is "Required when type=button"; a header or body without
                    // variables has none, or an empty array (META agrees).
                    ComponentKind::Header => {
                        cx.at("type", |cx| unique((ComponentKind::Header, 0), cx));
                        let p = cx.at("parameters", |cx| {
                            let Some(params) = d.parameters else { return Some(None) };
                            cx.count(params.len(), 0, 1);
                            match params.into_iter().next() {
                                None => Some(None),
                                Some(p) => cx.at_index(0, |cx| header_parameter(p?, cx)).map(Some),
                            }
                        });
                        Part::Header(p?)
                    }
                    ComponentKind::Body => {
                        cx.at("type", |cx| unique((ComponentKind::Body, 0), cx));
                        let max = if body_alone { TEMPLATE_BODY_ALONE_MAX } else { TEMPLATE_BODY_TEXT_MAX };
                        let ps = cx.at("parameters", |cx| {
                            let ps: Vec<Option<Parameter>> = d
                                .parameters
                                .unwrap_or_default()
                                .into_iter()
                                .enumerate()
                                .map(|(j, p)| cx.at_index(j, |cx| body_parameter(p?, max, cx)))
                                .collect();
                            ps.into_iter().collect::<Option<Vec<_>>>()
                        });
                        Part::Body(ps?)
                    }
                    ComponentKind::Button => {
                        if d.sub_type.is_none() {
                            cx.error(Problem::Required { field: "sub_type" });
                        }
                        let index = match d.index {
                            None => {
                                cx.error(Problem::Required { field: "index" });
                                None
                            }
                            Some(Err(())) => None,
                            Some(Ok(i)) if i > TEMPLATE_BUTTON_INDEX_MAX => {
                                cx.error_at("index", Problem::Range { expected: "0, 1 or 2" });
                                None
                            }
                            Some(Ok(i)) => {
                                cx.at("index", |cx| {
                                    unique((ComponentKind::Button, i), cx);
                                });
                                Some(i)
                            }
                        };
                        // Absent: reported by the reader (the builders always give one).
                        let params = d.parameters?;
                        let sub_type = d.sub_type?.ok()?;
                        let p = cx.at("parameters", |cx| {
                            cx.count(params.len(), 1, 1);
                            let p = params.into_iter().next()??;
                            cx.at_index(0, |cx| button_parameter(p, sub_type, cx))
                        });
                        Part::Button { sub_type, index: index?, parameter: p? }
                    }
                };
                Some(Component { part, text, footer })
            })
        })
        .collect();
    checked.into_iter().collect()
}

/// `not_allowed` at the parameter's `type` when it cannot go in this component.
fn refuse(reason: &'static str, cx: &mut Ctx) -> Option<Parameter> {
    cx.error_at("type", Problem::NotAllowed { reason });
    None
}

/// The form of a template's text parameter: no new line, no tab, no run of more than 4 spaces.
/// META refuses the others ("Param text cannot have new-line/tab characters or more than 4
/// consecutive spaces"); EX reports them as status 30022 / 30041 (char policy).
pub const fn check_parameter_text(text: &str) -> bool {
    let b = text.as_bytes();
    let (mut i, mut spaces) = (0, 0);
    while i < b.len() {
        match b[i] {
            b'\n' | b'\r' | b'\t' => return false,
            b' ' => {
                spaces += 1;
                if spaces > PARAMETER_TEXT_SPACES_MAX {
                    return false;
                }
            }
            _ => spaces = 0,
        }
        i += 1;
    }
    true
}

/// Checks a text parameter against `max` characters and its form, at `/text`.
fn text_parameter(text: String, max: usize, cx: &mut Ctx) -> Option<Parameter> {
    cx.at("text", |cx| {
        let fits = report_text(&text, TextRule::non_empty(max), cx);
        let form = check_parameter_text(&text);
        if !form {
            cx.error(Problem::Format {
                expected: "text without a new line, a tab or more than 4 consecutive spaces",
            });
        }
        fits && form
    })
    .then_some(Parameter::Text { text })
}

/// The media rule of templates: no captions (EX: "Captions not supported when used in a media
/// template"), and a warning for documents that are not PDF (EX: "Only PDF documents are supported").
fn media_parameter(p: Parameter, cx: &mut Ctx) -> Option<Parameter> {
    let (name, caption) = match &p {
        Parameter::Image { image } => ("image", image.caption().is_some()),
        Parameter::Video { video } => ("video", video.caption().is_some()),
        Parameter::Document { document } => {
            let pdf = |s: &str| s.to_ascii_lowercase().ends_with(".pdf");
            let path = document.link().split(['?', '#']).next().unwrap_or("");
            if !pdf(document.filename().unwrap_or(path)) {
                cx.at("document", |cx| cx.warn(Problem::NotPdf));
            }
            ("document", document.caption().is_some())
        }
        _ => return Some(p),
    };
    if caption {
        cx.at(name, |cx| {
            cx.error_at(
                "caption",
                Problem::NotAllowed { reason: "captions are not supported in a media template" },
            );
        });
        return None;
    }
    Some(p)
}

fn header_parameter(p: Parameter, cx: &mut Ctx) -> Option<Parameter> {
    match p {
        Parameter::Text { text } => text_parameter(text, TEMPLATE_HEADER_TEXT_MAX, cx),
        Parameter::Image { .. } | Parameter::Video { .. } | Parameter::Document { .. } => {
            media_parameter(p, cx)
        }
        _ => refuse("a header parameter is text, image, video or document", cx),
    }
}

fn body_parameter(p: Parameter, max: usize, cx: &mut Ctx) -> Option<Parameter> {
    match p {
        Parameter::Text { text } => text_parameter(text, max, cx),
        Parameter::Currency { .. } | Parameter::DateTime { .. } => Some(p),
        _ => refuse("a body parameter is text, currency or date_time", cx),
    }
}

fn button_parameter(p: Parameter, sub_type: SubType, cx: &mut Ctx) -> Option<Parameter> {
    match (sub_type, p) {
        (SubType::QuickReply, Parameter::Payload { payload }) => {
            cx.at("payload", |cx| report_non_empty(&payload, cx)).then_some(Parameter::Payload { payload })
        }
        (SubType::Url, Parameter::Text { text }) => text_parameter(text, usize::MAX, cx),
        (SubType::QuickReply, _) => refuse("a quick_reply button's parameter is a `payload`", cx),
        (SubType::Url, _) => refuse("a url button's parameter is `text`", cx),
    }
}
