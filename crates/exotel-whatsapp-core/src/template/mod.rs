//! Template messages: name, language and the parameters of header, body and buttons.
//!
//! A [`Template`] keeps every template rule of the spec; build one with [`Template::builder`] or
//! derive [`ToTemplate`] on a struct (the `exotel-whatsapp` facade's `derive` feature).

use serde::ser::SerializeMap;
use serde::{Deserializer, Serialize, Serializer};

use crate::content::{Assemble, check_at};
use crate::ctx::{Ctx, validate_alone};
use crate::error::Error;
use crate::json::{Got, array, fields, object, one_of, string};
use crate::rules;

mod component;
mod parameter;
mod slot;

pub use crate::rules::parameter::check_parameter_text;
pub use crate::rules::template::{KNOWN_LANGUAGES, NameFault, check_language_code, check_template_name};
pub use component::{Component, Part, SubType};
use component::{ComponentDraft, ComponentKind, assemble_components};
pub use parameter::{Calendar, Currency, DateTime, DateTimeBuilder, Parameter};
pub use slot::{BodySlot, ButtonTextSlot, HeaderSlot};

/// Turns a value into a template message; `#[derive(ToTemplate)]` implements it.
pub trait ToTemplate {
    /// Builds the template, checking every dynamic value.
    ///
    /// # Errors
    /// Every violation, with pointers into the template (`/components/1/parameters/0/text`).
    fn to_template(&self) -> Result<Template, Error>;
}

/// A checked template message.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::template::{Currency, Template};
/// let t = Template::builder("order_shipped", "en_US")
///     .header_text("#4521")
///     .body_text("Asha")
///     .body_currency(Currency::new("₹1,499", "INR", 1_499_000)?)
///     .url_button(0, "4521")
///     .build()?;
/// let json = serde_json::to_value(&t).unwrap();
/// assert_eq!(json["components"][2]["index"], "0");
/// # Ok::<(), exotel_whatsapp::error::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Template {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    namespace: Option<String>,
    #[serde(serialize_with = "deterministic")]
    language: String,
    components: Vec<Component>,
}

/// `language` as the wire carries it: the code, under the only policy, `deterministic`.
fn deterministic<S: Serializer>(code: &str, s: S) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_map(Some(2))?;
    m.serialize_entry("policy", "deterministic")?;
    m.serialize_entry("code", code)?;
    m.end()
}

impl Template {
    /// Starts a template with its name and language code (`en`, `en_US`).
    pub fn builder(name: impl Into<String>, language: impl Into<String>) -> TemplateBuilder {
        let draft = TemplateDraft {
            name: Some(name.into()),
            language: Some(language.into()),
            ..TemplateDraft::default()
        };
        TemplateBuilder { draft, body: Vec::new() }
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
}

/// `language` as read: the policy (only `deterministic`) and the code.
#[derive(Default)]
pub(crate) struct LanguageDraft {
    policy: Option<()>,
    code: Option<String>,
}

fn policy<'de, D: Deserializer<'de>>(d: D, cx: &mut Ctx) -> Result<Got<()>, D::Error> {
    one_of(d, &[("deterministic", ())], &["deterministic"], cx)
}

fields!(LanguageDraft { #[required] "policy" => policy: policy, #[required] "code" => code: string });

fn language<'de, D: Deserializer<'de>>(d: D, cx: &mut Ctx) -> Result<Got<String>, D::Error> {
    Ok(object::<LanguageDraft, D>(d, cx)?.and_then(|l| l.code))
}

fields!(TemplateDraft {
    #[required] "name" => name: string,
    "namespace" => namespace: string,
    #[required] "language" => language: language,
    #[required] "components" => components: array,
});

#[derive(Debug, Clone, Default)]
pub(crate) struct TemplateDraft {
    name: Option<String>,
    namespace: Option<String>,
    language: Option<String>,
    components: Option<Vec<Option<ComponentDraft>>>,
}

impl Assemble for Template {
    type Draft = TemplateDraft;

    /// Every template rule, at the template object.
    fn assemble(draft: TemplateDraft, cx: &mut Ctx) -> Option<Self> {
        let before = cx.errors();
        check_at(cx, "name", draft.name.as_deref(), rules::template::template_name);
        check_at(cx, "language", draft.language.as_deref(), |code, cx| {
            cx.at("code", |cx| rules::template::language(code, cx));
        });
        let components = cx.at("components", |cx| assemble_components(draft.components?, cx));
        (cx.errors() == before).then_some(Template {
            name: draft.name?,
            namespace: draft.namespace,
            language: draft.language?,
            components: components?,
        })
    }
}

/// Builds a [`Template`]; every value is checked by [`build`](Self::build).
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::template::Template;
/// let err = Template::builder("Order-Shipped", "en_US")
///     .header_text("x".repeat(61))
///     .body_text("")
///     .build()
///     .unwrap_err();
/// let found: Vec<(&str, &str)> =
///     err.violations().iter().map(|v| (v.pointer().as_str(), v.rule().code())).collect();
/// assert_eq!(found, [
///     ("/name", "format"),
///     ("/components/0/parameters/0/text", "too_long"),
///     ("/components/1/parameters/0/text", "empty"),
/// ]);
/// ```
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

    /// A header component (`button` is `None`) or a button component, with its one parameter.
    fn push(mut self, button: Option<(SubType, u8)>, p: Parameter) -> Self {
        self.draft.components.get_or_insert_default().push(Some(ComponentDraft {
            kind: Some(if button.is_some() { ComponentKind::Button } else { ComponentKind::Header }),
            sub_type: button.map(|(sub_type, _)| Ok(sub_type)),
            index: button.map(|(_, index)| Ok(index)),
            parameters: Some(vec![Some(p)]),
            ..ComponentDraft::default()
        }));
        self
    }

    /// The header's text parameter, at most [`TEMPLATE_HEADER_TEXT_MAX`](crate::limits::TEMPLATE_HEADER_TEXT_MAX) characters.
    pub fn header_text(self, text: impl Into<String>) -> Self {
        self.header(Parameter::Text { text: text.into() })
    }

    /// A header parameter built beforehand (text, image, video or document).
    pub fn header(self, parameter: Parameter) -> Self {
        self.push(None, parameter)
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
        self.push(Some((SubType::QuickReply, index)), Parameter::Payload { payload: payload.into() })
    }

    /// A URL button at `index` (0 to 2) with the text appended to the template's URL.
    pub fn url_button(self, index: u8, text: impl Into<String>) -> Self {
        self.push(Some((SubType::Url, index)), Parameter::Text { text: text.into() })
    }

    /// Checks every rule; components come out as header, body, then buttons by index.
    ///
    /// # Errors
    /// `format` at `/name` and `/language/code`; at `/components/N/…`: `too_long` for header
    /// text over 60 and body text over 1024 (32768 when the body is the only component),
    /// `empty` texts, `not_allowed` captions, `duplicate` header or button index, `range` index.
    pub fn build(self) -> Result<Template, Error> {
        validate_alone(|cx| self.assemble(cx))
    }

    /// The template's rules, at the template.
    pub(crate) fn assemble(mut self, cx: &mut Ctx) -> Option<Template> {
        let components = self.draft.components.get_or_insert_default();
        if !self.body.is_empty() {
            components.push(Some(ComponentDraft {
                kind: Some(ComponentKind::Body),
                parameters: Some(self.body),
                ..ComponentDraft::default()
            }));
        }
        // Header, body, then buttons by index (every component a builder gives has a kind).
        components.sort_by_key(|c| c.as_ref().map(|c| (c.kind, c.index)));
        Template::assemble(self.draft, cx)
    }
}
