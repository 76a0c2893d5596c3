//! Template messages: name, language and the parameters of header, body and buttons.
//!
//! A [`Template`] keeps every template rule of the spec; build one with [`Template::builder`] or
//! derive [`ToTemplate`] on a struct (the `exotel-whatsapp` facade's `derive` feature).

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

use crate::content::{Document, Image, MediaWire, Video};
use crate::ctx::{Ctx, Place, validate_alone};
use crate::error::{Error, Problem};
use crate::json::{Obj, array, deserialize_via_json, one_of, present, string, tagged};
use crate::limits::{
    TEMPLATE_BODY_ALONE_MAX, TEMPLATE_BODY_TEXT_MAX, TEMPLATE_BUTTON_INDEX_MAX, TEMPLATE_HEADER_TEXT_MAX,
    TEMPLATE_NAME_MAX,
};
use crate::text::{TextRule, report_non_empty, report_text};

mod language;
mod slot;

pub use language::{KNOWN_LANGUAGES, NameFault, check_language_code, check_template_name};
pub use slot::{BodySlot, ButtonTextSlot, HeaderSlot};

/// Turns a value into a template message; `#[derive(ToTemplate)]` implements it.
pub trait ToTemplate {
    /// Builds the template, checking every dynamic value.
    ///
    /// # Errors
    /// Every violation, with pointers into the template (`/components/1/parameters/0/text`).
    fn to_template(&self) -> Result<Template, Error>;
}

/// A currency amount for a body parameter: a fallback text, an ISO 4217 code and the amount × 1000.
///
/// ```
/// use exotel_whatsapp_core::template::Currency;
/// let total = Currency::new("₹1,499.00", "INR", 1_499_000)?;
/// assert!(Currency::new("$5", "usd", 5000).is_err());
/// # Ok::<(), exotel_whatsapp_core::error::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Currency {
    fallback_value: String,
    code: String,
    amount_1000: i64,
}

impl Currency {
    /// Checks a currency parameter.
    ///
    /// # Errors
    /// `empty` at `/fallback_value`; `format` at `/code` unless it is an ISO 4217 code.
    pub fn new(
        fallback_value: impl Into<String>,
        code: impl Into<String>,
        amount_1000: i64,
    ) -> Result<Self, Error> {
        let (fallback_value, code) = (fallback_value.into(), code.into());
        validate_alone(|cx| Self::assemble(Some(fallback_value), Some(code), Some(amount_1000), cx))
    }

    fn assemble(
        fallback_value: Option<String>,
        code: Option<String>,
        amount_1000: Option<i64>,
        cx: &mut Ctx,
    ) -> Option<Self> {
        let before = cx.errors();
        if let Some(f) = &fallback_value {
            cx.at("fallback_value", |cx| report_non_empty(f, cx));
        }
        if let Some(c) = &code {
            if !language::is_iso_4217(c) {
                cx.error_at(
                    "code",
                    Problem::Format { expected: "an ISO 4217 currency code such as \"INR\"" },
                );
            }
        }
        (cx.errors() == before).then_some(Currency {
            fallback_value: fallback_value?,
            code: code?,
            amount_1000: amount_1000?,
        })
    }

    fn from_json(v: Value, cx: &mut Ctx) -> Option<Self> {
        let mut o = Obj::new(v, &["fallback_value", "code", "amount_1000"], cx)?;
        let fallback_value = o.required_string("fallback_value", cx);
        let code = o.required_string("code", cx);
        let amount = o.required("amount_1000", cx, |v, cx| {
            let amount = v.as_i64();
            if amount.is_none() {
                let problem = if v.is_number() {
                    Problem::Format { expected: "a whole number within ±9223372036854775807" }
                } else {
                    Problem::Type { expected: "an integer", found: crate::json::type_name(&v) }
                };
                cx.error(problem);
            }
            amount
        });
        o.finish(cx);
        Self::assemble(fallback_value, code, amount, cx)
    }

    /// The text shown when localization fails.
    pub fn fallback_value(&self) -> &str {
        &self.fallback_value
    }

    /// The ISO 4217 code.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The amount multiplied by 1000.
    pub fn amount_1000(&self) -> i64 {
        self.amount_1000
    }
}

/// A date and time for a body parameter; Exotel always shows the fallback text.
///
/// ```
/// use exotel_whatsapp_core::template::DateTime;
/// let eta = DateTime::new("Friday, 4 PM")?;
/// assert!(DateTime::new(" ").is_err());
/// # Ok::<(), exotel_whatsapp_core::error::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateTime {
    fallback_value: String,
}

impl DateTime {
    /// Checks a date-time parameter.
    ///
    /// # Errors
    /// `empty` at `/fallback_value`.
    pub fn new(fallback_value: impl Into<String>) -> Result<Self, Error> {
        let fallback_value = fallback_value.into();
        validate_alone(|cx| Self::assemble(Some(fallback_value), cx))
    }

    fn assemble(fallback_value: Option<String>, cx: &mut Ctx) -> Option<Self> {
        let f = fallback_value?;
        cx.at("fallback_value", |cx| report_non_empty(&f, cx)).then_some(DateTime { fallback_value: f })
    }

    fn from_json(v: Value, cx: &mut Ctx) -> Option<Self> {
        let mut o = Obj::new(v, &["fallback_value"], cx)?;
        let f = o.required_string("fallback_value", cx);
        o.finish(cx);
        Self::assemble(f, cx)
    }

    /// The text shown.
    pub fn fallback_value(&self) -> &str {
        &self.fallback_value
    }
}

/// One parameter of a component, as the wire carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Parameter {
    /// Text (header, body, or a URL button's suffix).
    Text {
        /// The text.
        text: String,
    },
    /// A currency (body).
    Currency {
        /// The amount.
        currency: Currency,
    },
    /// A date and time (body).
    DateTime {
        /// The date and time.
        date_time: DateTime,
    },
    /// An image (header).
    Image {
        /// The image.
        image: Image,
    },
    /// A video (header).
    Video {
        /// The video.
        video: Video,
    },
    /// A document (header).
    Document {
        /// The document.
        document: Document,
    },
    /// A quick-reply button's payload.
    Payload {
        /// The payload.
        payload: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum ParamKind {
    Text,
    Currency,
    DateTime,
    Image,
    Video,
    Document,
    Payload,
}

const PARAM_NAMES: &[&str] = &["text", "currency", "date_time", "image", "video", "document", "payload"];
const PARAM_TAGS: &[(&str, ParamKind)] = &[
    ("text", ParamKind::Text),
    ("currency", ParamKind::Currency),
    ("date_time", ParamKind::DateTime),
    ("image", ParamKind::Image),
    ("video", ParamKind::Video),
    ("document", ParamKind::Document),
    ("payload", ParamKind::Payload),
];

impl Parameter {
    fn from_json(v: Value, cx: &mut Ctx) -> Option<Self> {
        let mut o = Obj::new(v, PARAM_NAMES_WITH_TYPE, cx)?;
        let tagged = tagged(&mut o, PARAM_TAGS, PARAM_NAMES, cx);
        o.finish(cx);
        let (name, kind, v) = tagged?;
        cx.at(name, |cx| {
            Some(match kind {
                ParamKind::Text => Parameter::Text { text: string(v, cx)? },
                ParamKind::Payload => Parameter::Payload { payload: string(v, cx)? },
                ParamKind::Currency => Parameter::Currency { currency: Currency::from_json(v, cx)? },
                ParamKind::DateTime => Parameter::DateTime { date_time: DateTime::from_json(v, cx)? },
                ParamKind::Image => Parameter::Image { image: Image::from_json(v, cx)? },
                ParamKind::Video => Parameter::Video { video: Video::from_json(v, cx)? },
                ParamKind::Document => Parameter::Document { document: Document::from_json(v, cx)? },
            })
        })
    }
}

/// A template message as the wire carries it, for the checker's fast path: any unknown,
/// duplicate, missing or `null` field, or a parameter payload other than the one `type` names,
/// fails it, and the full walk ([`Template::from_json`]) reports what is wrong.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TemplateWire {
    name: String,
    #[serde(default, deserialize_with = "present")]
    namespace: Option<String>,
    language: LanguageWire,
    components: Vec<ComponentWire>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguageWire {
    #[serde(rename = "policy")]
    _policy: Policy,
    code: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum Policy {
    Deterministic,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ComponentWire {
    r#type: ComponentKind,
    #[serde(default, deserialize_with = "present")]
    sub_type: Option<SubTypeWire>,
    #[serde(default, deserialize_with = "present")]
    index: Option<String>,
    parameters: Vec<ParameterWire>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum SubTypeWire {
    QuickReply,
    Url,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ParameterWire {
    r#type: ParamKind,
    #[serde(default, deserialize_with = "present")]
    text: Option<String>,
    #[serde(default, deserialize_with = "present")]
    payload: Option<String>,
    // Boxed: inline, every text parameter would carry the room of all these.
    #[serde(default, deserialize_with = "present")]
    currency: Option<Box<CurrencyWire>>,
    #[serde(default, deserialize_with = "present")]
    date_time: Option<Box<DateTimeWire>>,
    #[serde(default, deserialize_with = "present")]
    image: Option<Box<MediaWire>>,
    #[serde(default, deserialize_with = "present")]
    video: Option<Box<MediaWire>>,
    #[serde(default, deserialize_with = "present")]
    document: Option<Box<MediaWire>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CurrencyWire {
    fallback_value: String,
    code: String,
    amount_1000: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DateTimeWire {
    fallback_value: String,
}

impl ParameterWire {
    /// The parameter named by `type`, `None` (fall back) when another payload is present too.
    fn parameter(self, cx: &mut Ctx) -> Option<Parameter> {
        let ParameterWire { r#type, text, payload, currency, date_time, image, video, document } = self;
        let count = [text.is_some(), payload.is_some(), currency.is_some(), date_time.is_some()]
            .into_iter()
            .chain([image.is_some(), video.is_some(), document.is_some()])
            .filter(|p| *p)
            .count();
        if count != 1 {
            return None;
        }
        let name = PARAM_TAGS.iter().find(|(_, k)| *k == r#type).map(|(name, _)| *name)?;
        cx.at(name, |cx| {
            Some(match r#type {
                ParamKind::Text => Parameter::Text { text: text? },
                ParamKind::Payload => Parameter::Payload { payload: payload? },
                ParamKind::Currency => {
                    let c = currency?;
                    let currency =
                        Currency::assemble(Some(c.fallback_value), Some(c.code), Some(c.amount_1000), cx)?;
                    Parameter::Currency { currency }
                }
                ParamKind::DateTime => Parameter::DateTime {
                    date_time: DateTime::assemble(Some(date_time?.fallback_value), cx)?,
                },
                ParamKind::Image => Parameter::Image { image: Image::from_wire(*image?, cx)? },
                ParamKind::Video => Parameter::Video { video: Video::from_wire(*video?, cx)? },
                ParamKind::Document => Parameter::Document { document: Document::from_wire(*document?, cx)? },
            })
        })
    }
}

const PARAM_NAMES_WITH_TYPE: &[&str] =
    &["type", "text", "currency", "date_time", "image", "video", "document", "payload"];

/// A button component's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SubType {
    /// A quick-reply button: its parameter is a `payload`.
    QuickReply,
    /// A URL button: its parameter is the `text` appended to the template's URL.
    Url,
}

/// One component of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Component {
    /// The header's one parameter.
    Header(Parameter),
    /// The body's parameters, `{{1}}`, `{{2}}`, … in order.
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

impl Serialize for Component {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        match self {
            Component::Header(p) => {
                m.serialize_entry("type", "header")?;
                m.serialize_entry("parameters", std::slice::from_ref(p))?;
            }
            Component::Body(ps) => {
                m.serialize_entry("type", "body")?;
                m.serialize_entry("parameters", ps)?;
            }
            Component::Button { sub_type, index, parameter } => {
                m.serialize_entry("type", "button")?;
                m.serialize_entry("sub_type", sub_type)?;
                m.serialize_entry("index", &index.to_string())?;
                m.serialize_entry("parameters", std::slice::from_ref(parameter))?;
            }
        }
        m.end()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
enum ComponentKind {
    Header,
    Body,
    Button,
}

/// A component as given or read, before the rules.
#[derive(Debug, Clone)]
struct ComponentDraft {
    kind: Option<ComponentKind>,
    /// `Err` holds a sub-type that was given but is not `quick_reply` or `url` (already reported).
    sub_type: Option<Result<SubType, ()>>,
    /// `Err` holds an index that is not a number from 0 to 2 (already reported from JSON, or given).
    index: Option<Result<u8, ()>>,
    parameters: Option<Vec<Option<Parameter>>>,
}

impl ComponentDraft {
    /// A button's `index` on the wire, a number in a string (`"0"`, `"1"`, `"2"`): the number
    /// goes on to the range rule the builders use; anything else is not an index at all.
    fn index(s: String, cx: &mut Ctx) -> Result<u8, ()> {
        let digits = !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        match s.parse::<u8>() {
            Ok(i) if digits => Ok(i),
            _ if digits => Ok(u8::MAX),
            _ => {
                cx.error(Problem::OneOf { expected: &["0", "1", "2"], found: s });
                Err(())
            }
        }
    }

    /// The checker's fast path: a typed component as a draft; `None` means "ask the full walk".
    fn from_wire(w: ComponentWire, cx: &mut Ctx) -> Option<Self> {
        let index = match w.index {
            Some(s) => Some(Ok(cx.at("index", |cx| Self::index(s, cx)).ok()?)),
            None => None,
        };
        let parameters = cx.at("parameters", |cx| {
            w.parameters
                .into_iter()
                .enumerate()
                .map(|(i, p)| cx.at_index(i, |cx| p.parameter(cx).map(Some)))
                .collect::<Option<Vec<_>>>()
        })?;
        let sub_type = w.sub_type.map(|s| {
            Ok(match s {
                SubTypeWire::QuickReply => SubType::QuickReply,
                SubTypeWire::Url => SubType::Url,
            })
        });
        Some(ComponentDraft { kind: Some(w.r#type), sub_type, index, parameters: Some(parameters) })
    }

    fn from_json(v: Value, cx: &mut Ctx) -> Option<Self> {
        let mut o = Obj::new(v, &["type", "sub_type", "index", "parameters"], cx)?;
        let kind = o.required("type", cx, |v, cx| {
            let s = string(v, cx)?;
            let kinds = &[
                ("header", ComponentKind::Header),
                ("body", ComponentKind::Body),
                ("button", ComponentKind::Button),
            ];
            one_of(&s, kinds, &["header", "body", "button"], cx).map(|(_, k)| k)
        });
        let sub_type = o.field("sub_type", cx, |v, cx| {
            let Some(s) = string(v, cx) else { return Some(Err(())) };
            let kinds = &[("quick_reply", SubType::QuickReply), ("url", SubType::Url)];
            Some(one_of(&s, kinds, &["quick_reply", "url"], cx).map(|(_, k)| k).ok_or(()))
        });
        let index = o.field("index", cx, |v, cx| {
            let Some(s) = string(v, cx) else { return Some(Err(())) };
            Some(Self::index(s, cx))
        });
        let parameters_given = o.has("parameters");
        let parameters = o.field("parameters", cx, |v, cx| array(v, cx, Parameter::from_json));
        let draft = ComponentDraft { kind, sub_type, index, parameters };
        o.finish(cx);
        if draft.kind.is_some() && !parameters_given {
            cx.error(Problem::Required { field: "parameters" });
        }
        Some(draft)
    }
}

/// A checked template message.
///
/// ```
/// use exotel_whatsapp_core::template::{Currency, Template};
/// let t = Template::builder("order_shipped", "en_US")
///     .header_text("#4521")
///     .body_text("Asha")
///     .body_currency(Currency::new("₹1,499", "INR", 1_499_000)?)
///     .url_button(0, "4521")
///     .build()?;
/// let json = serde_json::to_value(&t).unwrap();
/// assert_eq!(json["components"][2]["index"], "0");
/// # Ok::<(), exotel_whatsapp_core::error::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    name: String,
    namespace: Option<String>,
    language: String,
    components: Vec<Component>,
}

impl Serialize for Template {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Language<'a> {
            policy: &'static str,
            code: &'a str,
        }
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("name", &self.name)?;
        if let Some(ns) = &self.namespace {
            m.serialize_entry("namespace", ns)?;
        }
        m.serialize_entry("language", &Language { policy: "deterministic", code: &self.language })?;
        m.serialize_entry("components", &self.components)?;
        m.end()
    }
}

impl Template {
    /// Starts a template with its name and language code (`en`, `en_US`).
    pub fn builder(name: impl Into<String>, language: impl Into<String>) -> TemplateBuilder {
        TemplateBuilder {
            draft: TemplateDraft {
                name: Some(name.into()),
                namespace: None,
                language: Some(language.into()),
                components: Some(Vec::new()),
            },
            body: Vec::new(),
        }
    }

    /// The template's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The language code.
    pub fn language(&self) -> &str {
        &self.language
    }

    /// The namespace, if set.
    pub fn namespace(&self) -> Option<&str> {
        self.namespace.as_deref()
    }

    /// The components, in wire order.
    pub fn components(&self) -> &[Component] {
        &self.components
    }

    pub(crate) fn from_json(v: Value, cx: &mut Ctx) -> Option<Self> {
        let mut o = Obj::new(v, &["name", "namespace", "language", "components"], cx)?;
        let name = o.required_string("name", cx);
        let namespace = o.string("namespace", cx);
        let language = o.required("language", cx, |v, cx| {
            let mut o = Obj::new(v, &["policy", "code"], cx)?;
            o.required("policy", cx, |v, cx| {
                let s = string(v, cx)?;
                one_of(&s, &[("deterministic", ())], &["deterministic"], cx).map(|_| ())
            });
            let code = o.required_string("code", cx);
            o.finish(cx);
            code
        });
        let components = o.required("components", cx, |v, cx| array(v, cx, ComponentDraft::from_json));
        o.finish(cx);
        TemplateDraft { name, namespace, language, components }.assemble(cx)
    }
}

deserialize_via_json!(Template, Template::from_json);

impl Template {
    /// The checker's fast path: the same rules ([`TemplateDraft::assemble`]) on a typed draft.
    /// `None` means "ask the full walk", which reports what is wrong.
    pub(crate) fn from_wire(w: TemplateWire, cx: &mut Ctx) -> Option<Self> {
        let components = cx.at("components", |cx| {
            w.components
                .into_iter()
                .enumerate()
                .map(|(i, c)| cx.at_index(i, |cx| ComponentDraft::from_wire(c, cx).map(Some)))
                .collect::<Option<Vec<_>>>()
        })?;
        let draft = TemplateDraft {
            name: Some(w.name),
            namespace: w.namespace,
            language: Some(w.language.code),
            components: Some(components),
        };
        draft.assemble(cx)
    }
}

#[derive(Debug, Clone)]
struct TemplateDraft {
    name: Option<String>,
    namespace: Option<String>,
    language: Option<String>,
    components: Option<Vec<Option<ComponentDraft>>>,
}

impl TemplateDraft {
    /// Every template rule, at the template object.
    fn assemble(self, cx: &mut Ctx) -> Option<Template> {
        let before = cx.errors();
        if let Some(name) = &self.name {
            cx.at("name", |cx| report_template_name(name, cx));
        }
        if let Some(code) = &self.language {
            cx.at("language", |cx| cx.at("code", |cx| report_language(code, cx)));
        }
        let components = cx.at("components", |cx| assemble_components(self.components?, cx));
        (cx.errors() == before).then_some(Template {
            name: self.name?,
            namespace: self.namespace,
            language: self.language?,
            components: components?,
        })
    }
}

fn report_template_name(name: &str, cx: &mut Ctx) {
    match check_template_name(name) {
        Ok(()) => {}
        Err(language::NameFault::Empty) => cx.error(Problem::Empty),
        Err(language::NameFault::TooLong(actual)) => {
            cx.error(Problem::TooLong { limit: TEMPLATE_NAME_MAX, actual });
        }
        Err(language::NameFault::Character) => {
            cx.error(Problem::Format { expected: "lower-case letters, digits and `_` only" });
        }
    }
}

fn report_language(code: &str, cx: &mut Ctx) {
    if !check_language_code(code) {
        cx.error(Problem::Format { expected: "a language code such as \"en\" or \"en_US\"" });
    } else if !KNOWN_LANGUAGES.contains(&code) {
        cx.warn(Problem::NonstandardType { standard: KNOWN_LANGUAGES, found: code.to_owned() });
    }
}

/// The component rules, at `/components`.
fn assemble_components(drafts: Vec<Option<ComponentDraft>>, cx: &mut Ctx) -> Option<Vec<Component>> {
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
                let params = d.parameters?;
                match kind {
                    ComponentKind::Header => {
                        cx.at("type", |cx| unique((ComponentKind::Header, 0), cx));
                        let p = cx.at("parameters", |cx| {
                            cx.count(params.len(), 1, 1);
                            let p = params.into_iter().next()??;
                            cx.at_index(0, |cx| header_parameter(p, cx))
                        });
                        Some(Component::Header(p?))
                    }
                    ComponentKind::Body => {
                        cx.at("type", |cx| unique((ComponentKind::Body, 0), cx));
                        let max = if body_alone { TEMPLATE_BODY_ALONE_MAX } else { TEMPLATE_BODY_TEXT_MAX };
                        let ps = cx.at("parameters", |cx| {
                            cx.count(params.len(), 1, usize::MAX);
                            let ps: Vec<Option<Parameter>> = params
                                .into_iter()
                                .enumerate()
                                .map(|(j, p)| cx.at_index(j, |cx| body_parameter(p?, max, cx)))
                                .collect();
                            ps.into_iter().collect::<Option<Vec<_>>>()
                        });
                        Some(Component::Body(ps?))
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
                        let sub_type = d.sub_type?.ok()?;
                        let p = cx.at("parameters", |cx| {
                            cx.count(params.len(), 1, 1);
                            let p = params.into_iter().next()??;
                            cx.at_index(0, |cx| button_parameter(p, sub_type, cx))
                        });
                        Some(Component::Button { sub_type, index: index?, parameter: p? })
                    }
                }
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

/// Checks a text parameter against `max` characters, at `/text`.
fn text_parameter(text: String, max: usize, cx: &mut Ctx) -> Option<Parameter> {
    cx.at("text", |cx| report_text(&text, TextRule::non_empty(max), cx)).then_some(Parameter::Text { text })
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
                cx.at("document", |cx| {
                    cx.warn(Problem::Format { expected: "a PDF document: templates support only PDF" });
                });
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

/// Builds a [`Template`]; every value is checked by [`build`](Self::build).
#[derive(Debug, Clone)]
#[must_use = "call `.build()` to get the template"]
pub struct TemplateBuilder {
    draft: TemplateDraft,
    body: Vec<Option<Parameter>>,
}

impl TemplateBuilder {
    /// The template's namespace (optional; Exotel's examples omit it).
    pub fn namespace(mut self, namespace: impl Into<String>) -> Self {
        self.draft.namespace = Some(namespace.into());
        self
    }

    fn push(
        mut self,
        kind: ComponentKind,
        sub_type: Option<SubType>,
        index: Option<u8>,
        p: Parameter,
    ) -> Self {
        if let Some(components) = &mut self.draft.components {
            components.push(Some(ComponentDraft {
                kind: Some(kind),
                sub_type: sub_type.map(Ok),
                index: index.map(Ok),
                parameters: Some(vec![Some(p)]),
            }));
        }
        self
    }

    /// The header's text parameter, at most [`TEMPLATE_HEADER_TEXT_MAX`] characters.
    pub fn header_text(self, text: impl Into<String>) -> Self {
        self.push(ComponentKind::Header, None, None, Parameter::Text { text: text.into() })
    }

    /// A header parameter built beforehand (text, image, video or document).
    pub fn header(self, parameter: Parameter) -> Self {
        self.push(ComponentKind::Header, None, None, parameter)
    }

    /// The next body text parameter (`{{1}}`, `{{2}}`, …).
    pub fn body_text(self, text: impl Into<String>) -> Self {
        self.body(Parameter::Text { text: text.into() })
    }

    /// The next body currency parameter.
    pub fn body_currency(self, currency: Currency) -> Self {
        self.body(Parameter::Currency { currency })
    }

    /// The next body date-time parameter.
    pub fn body_date_time(self, date_time: DateTime) -> Self {
        self.body(Parameter::DateTime { date_time })
    }

    /// The next body parameter, of any kind.
    pub fn body(mut self, parameter: Parameter) -> Self {
        self.body.push(Some(parameter));
        self
    }

    /// A quick-reply button at `index` (0 to 2) with its payload.
    pub fn quick_reply_button(self, index: u8, payload: impl Into<String>) -> Self {
        let p = Parameter::Payload { payload: payload.into() };
        self.push(ComponentKind::Button, Some(SubType::QuickReply), Some(index), p)
    }

    /// A URL button at `index` (0 to 2) with the text appended to the template's URL.
    pub fn url_button(self, index: u8, text: impl Into<String>) -> Self {
        self.push(
            ComponentKind::Button,
            Some(SubType::Url),
            Some(index),
            Parameter::Text { text: text.into() },
        )
    }

    /// Checks every rule; components come out as header, body, then buttons by index.
    ///
    /// # Errors
    /// `format` at `/name` and `/language/code`; at `/components/N/…`: `too_long` for header
    /// text over 60 and body text over 1024 (32768 when the body is the only component),
    /// `empty` texts, `not_allowed` captions, `duplicate` header or button index, `range` index.
    pub fn build(mut self) -> Result<Template, Error> {
        if let Some(components) = &mut self.draft.components {
            let rank =
                |c: &Option<ComponentDraft>| match c.as_ref().and_then(|c| c.kind.map(|k| (k, c.index))) {
                    Some((ComponentKind::Header, _)) => (0, 0),
                    Some((ComponentKind::Body, _)) => (1, 0),
                    Some((ComponentKind::Button, Some(Ok(i)))) => (2, i),
                    _ => (3, 0),
                };
            if !self.body.is_empty() {
                components.push(Some(ComponentDraft {
                    kind: Some(ComponentKind::Body),
                    sub_type: None,
                    index: None,
                    parameters: Some(self.body),
                }));
            }
            components.sort_by_key(rank);
        }
        validate_alone(|cx| self.draft.assemble(cx))
    }
}
