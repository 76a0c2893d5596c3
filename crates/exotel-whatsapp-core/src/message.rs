//! One message of a request: who sends it, to whom, and what.

use serde::{Deserializer, Serialize};

use crate::callback::IncomingMessage;
use crate::content::{Content, IntoContent, Unchecked};
use crate::ctx::{Ctx, validate_alone};
use crate::error::{Error, Problem};
use crate::json::{Got, Read, described, deserialize_via_json, fields, object, string};
use crate::phone::PhoneNumber;
use crate::url::Url;

/// A checked message: `from`, `to`, `content`, and optionally `custom_data` and `status_callback`.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::{content::Text, Message};
/// let msg = Message::builder("+919999999999", "+918888888888", Text::new("Hi")?)
///     .custom_data("order-42")
///     .status_callback("https://example.com/exotel/status")
///     .build()?;
/// assert_eq!(msg.to().as_str(), "+918888888888");
/// # Ok::<(), exotel_whatsapp::error::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Message {
    #[serde(skip_serializing_if = "Option::is_none")]
    custom_data: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status_callback: Option<Url>,
    from: PhoneNumber,
    to: PhoneNumber,
    content: Content,
}

/// The parts of a message as given, before the rules.
#[derive(Debug, Clone, Default)]
pub(crate) struct MessageDraft {
    custom_data: Option<String>,
    status_callback: Option<String>,
    from: Option<String>,
    to: Option<String>,
    content: Option<Content>,
}

/// Builds a [`Message`]; the three required parts are the builder's arguments.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::{content::Text, Message};
/// let err = Message::builder("0919999999999", "+91 98888 88888", Text::new("Hi")?)
///     .status_callback("ftp://example.com/status")
///     .build()
///     .unwrap_err();
/// let pointers: Vec<&str> = err.violations().iter().map(|v| v.pointer().as_str()).collect();
/// assert_eq!(pointers, ["/status_callback", "/from", "/to"]);
/// # Ok::<(), exotel_whatsapp::error::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use = "call `.build()` to get the message"]
pub struct MessageBuilder {
    draft: MessageDraft,
    content: Unchecked,
}

impl MessageBuilder {
    /// Text echoed back in this message's callbacks (it overrides the channel's and the request's).
    pub fn custom_data(mut self, data: impl Into<String>) -> Self {
        self.draft.custom_data = Some(data.into());
        self
    }

    /// Any serializable value as `custom_data`, encoded as a JSON string; decode it from the callback.
    ///
    /// # Errors
    /// When `value` cannot be encoded as JSON (a map with non-string keys).
    pub fn custom_data_json<T: Serialize + ?Sized>(self, value: &T) -> Result<Self, serde_json::Error> {
        Ok(self.custom_data(serde_json::to_string(value)?))
    }

    /// Where Exotel posts this message's status callbacks: an absolute `http`/`https` URL.
    pub fn status_callback(mut self, url: impl Into<String>) -> Self {
        self.draft.status_callback = Some(url.into());
        self
    }

    /// Checks the content, when it was given as a builder, then the phone numbers and the
    /// callback URL: the order in which [`check`](crate::check::check) reports them.
    ///
    /// # Errors
    /// A content builder's, under `/content`; `e164` at `/from` and `/to`; `url` at
    /// `/status_callback`.
    pub fn build(self) -> Result<Message, Error> {
        validate_alone(|cx| {
            let content = cx.at("content", |cx| self.content.check(cx));
            MessageDraft { content, ..self.draft }.assemble(cx)
        })
    }
}

impl MessageDraft {
    fn assemble(self, cx: &mut Ctx) -> Option<Message> {
        let status_callback = cx.optional("status_callback", self.status_callback, Url::parse);
        let from = cx.at("from", |cx| PhoneNumber::parse(self.from?, cx));
        let to = cx.at("to", |cx| PhoneNumber::parse(self.to?, cx));
        Some(Message {
            custom_data: self.custom_data,
            status_callback: status_callback?,
            from: from?,
            to: to?,
            content: self.content?,
        })
    }
}

impl Message {
    /// A message with no `custom_data` or `status_callback`. The content is a checked value or
    /// a builder ([`IntoContent`]).
    ///
    /// # Errors
    /// A content builder's, under `/content`; `e164` at `/from` and `/to`.
    pub fn new(
        from: impl Into<String>,
        to: impl Into<String>,
        content: impl IntoContent,
    ) -> Result<Self, Error> {
        Self::builder(from, to, content).build()
    }

    /// Starts a message from its three required parts; the content is a checked value or a
    /// builder ([`IntoContent`]), checked by [`build`](MessageBuilder::build).
    pub fn builder(
        from: impl Into<String>,
        to: impl Into<String>,
        content: impl IntoContent,
    ) -> MessageBuilder {
        let draft = MessageDraft { from: Some(from.into()), to: Some(to.into()), ..MessageDraft::default() };
        MessageBuilder { draft, content: content.into_unchecked() }
    }

    /// An answer to `incoming`: from the business number it was sent to, to the user who sent
    /// it. Incoming webhooks give numbers without `+`, which E.164 allows (EX, META).
    ///
    /// # Errors
    /// `required` at `""` for `from` (the webhook had no `to`) or `to` (it had no `from`); a
    /// content builder's, under `/content`; `e164` at `/from` and `/to`.
    ///
    /// ```
    /// # use exotel_whatsapp_core as exotel_whatsapp;
    /// use exotel_whatsapp::callback::{self, Event};
    /// use exotel_whatsapp::{Message, content::Text};
    /// let body = r#"{"whatsapp": {"messages": [{"callback_type": "icm", "from": "919999000000",
    ///     "to": "918888000000", "content": {"type": "text", "text": {"body": "Hi"}}}]}}"#;
    /// let Some(Event::Incoming(hi)) = callback::parse(body)?.into_iter().next() else { unreachable!() };
    /// let answer = Message::reply_to(&hi, Text::new("Hello! How can we help?")?)?;
    /// assert_eq!((answer.from().as_str(), answer.to().as_str()), ("918888000000", "919999000000"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reply_to(incoming: &IncomingMessage, content: impl IntoContent) -> Result<Self, Error> {
        validate_alone(|cx| {
            if incoming.to.is_none() {
                cx.error(Problem::Required { field: "from" });
            }
            if incoming.from.is_none() {
                cx.error(Problem::Required { field: "to" });
            }
            let content = cx.at("content", |cx| content.into_unchecked().check(cx));
            let draft = MessageDraft {
                from: incoming.to.clone(),
                to: incoming.from.clone(),
                content,
                ..MessageDraft::default()
            };
            draft.assemble(cx)
        })
    }

    /// The sender's number.
    pub fn from(&self) -> &PhoneNumber {
        &self.from
    }

    /// The recipient's number.
    pub fn to(&self) -> &PhoneNumber {
        &self.to
    }

    /// The content.
    pub fn content(&self) -> &Content {
        &self.content
    }

    /// This message's `custom_data`, if set.
    pub fn custom_data(&self) -> Option<&str> {
        self.custom_data.as_deref()
    }

    /// This message's `status_callback`, if set.
    pub fn status_callback(&self) -> Option<&Url> {
        self.status_callback.as_ref()
    }
}

described!(Message => MessageDraft);

fields!(MessageDraft {
    "custom_data" => custom_data: string,
    "status_callback" => status_callback: string,
    #[required] "from" => from: string,
    #[required] "to" => to: string,
    #[required] "content" => content: Content::read,
});

impl<'de> Read<'de> for Message {
    const EXPECTED: &'static str = "an object";

    fn read<D: Deserializer<'de>>(d: D, cx: &mut Ctx) -> Result<Got<Self>, D::Error> {
        Ok(object::<MessageDraft, D>(d, cx)?.and_then(|draft| draft.assemble(cx)))
    }
}

deserialize_via_json!(Message);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{
        Document, Image, Interactive, ListBuilder, ListRow, ListSection, MediaBuilder, ReplyButtonsBuilder,
    };
    use crate::template::{Template, TemplateBuilder};

    const FROM: &str = "+919999999999";
    const TO: &str = "+918888888888";

    /// A builder given to a message is checked there: the same violations as its own `build`,
    /// under `/content/<kind>`, and the same message when it passes.
    fn same_as_built<B, T>(builder: B, kind: &str, build: impl FnOnce(B) -> Result<T, Error>)
    where
        B: IntoContent + Clone,
        T: IntoContent,
    {
        let given = Message::new(FROM, TO, builder.clone());
        match build(builder) {
            Ok(content) => assert_eq!(given, Message::new(FROM, TO, content)),
            Err(e) => assert_eq!(given.unwrap_err(), e.rerooted(&format!("/content/{kind}"))),
        }
    }

    #[test]
    fn a_builder_is_checked_with_the_message() {
        let row = |title: &str| ListSection::new().row(ListRow::new("r", title));
        for title in ["न".repeat(24), "न".repeat(25), String::new()] {
            let list = Interactive::list("Pick", "Sizes").section(row(&title));
            same_as_built(list, "interactive", ListBuilder::build);
        }
        for ids in [["a", "b"], ["a", "a"]] {
            let buttons = Interactive::buttons("Confirm?").button(ids[0], "Yes").button(ids[1], "No");
            same_as_built(buttons, "interactive", ReplyButtonsBuilder::build);
        }
        for link in ["https://example.com/a.png", "ftp://example.com/a.png"] {
            same_as_built(Image::builder(link).caption("👍".repeat(1024)), "image", MediaBuilder::build);
            same_as_built(Document::builder(link).filename("a/b.pdf"), "document", MediaBuilder::build);
        }
        for name in ["order_update", "Order Update"] {
            let template = Template::builder(name, "en").body_text("42").body_text("");
            same_as_built(template, "template", TemplateBuilder::build);
        }
    }

    #[test]
    fn one_report_for_the_message_and_its_content() {
        let list = Interactive::list("", "Sizes").section(ListSection::new().row(ListRow::new("r", "Small")));
        let err = Message::builder("0919999999999", TO, list).status_callback("ftp://x").build().unwrap_err();
        let pointers: Vec<&str> = err.violations().iter().map(|v| v.pointer().as_str()).collect();
        assert_eq!(pointers, ["/content/interactive/body/text", "/status_callback", "/from"]);
        let body = r#"{"whatsapp": {"messages": [{"callback_type": "icm", "to": "918888000000",
            "content": {"type": "text", "text": {"body": "Hi"}}}]}}"#;
        let Some(crate::callback::Event::Incoming(hi)) = crate::callback::parse(body).unwrap().pop() else {
            panic!("an incoming message")
        };
        let err = Message::reply_to(&hi, Image::builder("http://")).unwrap_err();
        let pointers: Vec<&str> = err.violations().iter().map(|v| v.pointer().as_str()).collect();
        assert_eq!(pointers, ["", "/content/image/link"]);
    }
}
