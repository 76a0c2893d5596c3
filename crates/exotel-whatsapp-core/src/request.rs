//! The request envelope: `whatsapp.messages[]`, with `custom_data` and `status_callback` at the
//! request and channel levels; and splitting any number of messages into valid requests.

use std::ops::Deref;
use std::sync::Arc;

use serde::{Deserializer, Serialize};

use crate::ctx::{Ctx, validate_alone};
use crate::error::{Error, Severity, Violation};
use crate::json::{self, Got, Read, array, described, deserialize_via_json, fields, object, string};
use crate::limits::{MESSAGES_MAX, MESSAGES_MIN};
use crate::message::Message;
use crate::rules::length;
use crate::url::Url;

/// `custom_data` and `status_callback`, which the request and the channel both carry: shared,
/// not copied, by the requests [`RequestBuilder::batches`] makes (`custom_data` can be large, and
/// a send can make thousands of them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Extras(Arc<ExtrasFields>);

#[derive(Debug, Default, PartialEq, Eq, Serialize)]
struct ExtrasFields {
    #[serde(skip_serializing_if = "Option::is_none")]
    custom_data: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status_callback: Option<Url>,
}

impl Deref for Extras {
    type Target = ExtrasFields;

    fn deref(&self) -> &ExtrasFields {
        &self.0
    }
}

impl Serialize for Extras {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

#[derive(Debug, Clone, Default)]
struct ExtrasDraft {
    custom_data: Option<String>,
    status_callback: Option<String>,
}

impl ExtrasDraft {
    fn assemble(self, cx: &mut Ctx) -> Option<Extras> {
        let status_callback = cx.optional("status_callback", self.status_callback, Url::parse)?;
        Some(Extras(Arc::new(ExtrasFields { custom_data: self.custom_data, status_callback })))
    }
}

/// The `whatsapp` channel object: 1 to 100 messages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Channel {
    #[serde(flatten)]
    extras: Extras,
    messages: Vec<Message>,
}

impl Channel {
    /// The channel rules, at `/whatsapp`; `messages` is `None` when its absence was already reported.
    fn assemble(extras: ExtrasDraft, messages: Option<Vec<Option<Message>>>, cx: &mut Ctx) -> Option<Self> {
        let extras = extras.assemble(cx);
        let messages = cx.at("messages", |cx| {
            let messages = messages?;
            length::count(messages.len(), MESSAGES_MIN, MESSAGES_MAX, cx);
            messages.into_iter().collect::<Option<Vec<_>>>()
        });
        Some(Channel { extras: extras?, messages: messages? })
    }

    /// The messages, in order.
    pub fn messages(&self) -> &[Message] {
        &self.messages
    }

    /// The channel's `custom_data`, if set.
    pub fn custom_data(&self) -> Option<&str> {
        self.extras.custom_data.as_deref()
    }

    /// The channel's `status_callback`, if set.
    pub fn status_callback(&self) -> Option<&Url> {
        self.extras.status_callback.as_ref()
    }
}

/// A checked send request, ready to be posted to `/v2/accounts/<sid>/messages`.
///
/// `custom_data` and `status_callback` can be set on the request, on the channel and on each
/// message; Exotel echoes the most specific one (message over channel over request).
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::{content::Text, Message, Request};
/// let msg = Message::new("+919999999999", "+918888888888", Text::new("Hi")?)?;
/// let request = Request::builder([msg]).status_callback("https://example.com/status").build()?;
/// let json = serde_json::to_value(&request).unwrap();
/// assert_eq!(json["whatsapp"]["messages"][0]["to"], "+918888888888");
/// # Ok::<(), exotel_whatsapp::error::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Request {
    #[serde(flatten)]
    extras: Extras,
    whatsapp: Channel,
}

impl Request {
    /// A request of 1 to 100 messages.
    ///
    /// # Errors
    /// `too_few` or `too_many` at `/whatsapp/messages`.
    pub fn new(messages: impl IntoIterator<Item = Message>) -> Result<Self, Error> {
        Self::builder(messages).build()
    }

    /// Starts a request; set the request- and channel-level fields, then [`build`](RequestBuilder::build)
    /// one request or [`batches`](RequestBuilder::batches) for any number of messages.
    pub fn builder(messages: impl IntoIterator<Item = Message>) -> RequestBuilder {
        RequestBuilder {
            request: ExtrasDraft::default(),
            channel: ExtrasDraft::default(),
            messages: messages.into_iter().collect(),
        }
    }

    /// The channel object.
    pub fn whatsapp(&self) -> &Channel {
        &self.whatsapp
    }

    /// The messages, in order.
    pub fn messages(&self) -> &[Message] {
        &self.whatsapp.messages
    }

    /// The request's `custom_data`, if set.
    pub fn custom_data(&self) -> Option<&str> {
        self.extras.custom_data.as_deref()
    }

    /// The request's `status_callback`, if set.
    pub fn status_callback(&self) -> Option<&Url> {
        self.extras.status_callback.as_ref()
    }

    /// The warnings this request earns: what is accepted upstream but almost certainly a mistake
    /// (`preview_url` without a URL, a media link on a private host, a document template
    /// parameter that is not PDF, …). A built request has no errors; the checker finds these on
    /// its serialized form, with the same rules and pointers as for any other document.
    ///
    /// ```
    /// # use exotel_whatsapp_core as exotel_whatsapp;
    /// use exotel_whatsapp::{content::Text, Message, Request};
    /// let text = Text::new("No link here")?.preview_url(true);
    /// let request = Request::new([Message::new("+919999999999", "+918888888888", text)?])?;
    /// let warnings = request.warnings();
    /// assert_eq!(warnings[0].pointer().as_str(), "/whatsapp/messages/0/content/text/preview_url");
    /// # Ok::<(), exotel_whatsapp::error::Error>(())
    /// ```
    pub fn warnings(&self) -> Vec<Violation> {
        let mut cx = Ctx::new();
        let json = serde_json::to_vec(self).unwrap_or_default();
        let _ = json::read_document::<Request>(&json, &mut cx);
        cx.into_parts().0.into_iter().filter(|v| v.severity() == Severity::Warning).collect()
    }
}

/// A request as read: its extras and the channel, checked as soon as it is read.
#[derive(Default)]
pub(crate) struct RequestDraft {
    extras: ExtrasDraft,
    whatsapp: Option<Channel>,
}

described!(Request => RequestDraft, Channel => ChannelDraft);

fields!(RequestDraft {
    "custom_data" => extras.custom_data: string,
    "status_callback" => extras.status_callback: string,
    #[required] "whatsapp" => whatsapp: channel,
});

/// The `whatsapp` channel as read.
#[derive(Default)]
pub(crate) struct ChannelDraft {
    extras: ExtrasDraft,
    messages: Option<Vec<Option<Message>>>,
}

fields!(ChannelDraft {
    "custom_data" => extras.custom_data: string,
    "status_callback" => extras.status_callback: string,
    #[required] "messages" => messages: array,
});

fn channel<'de, D: Deserializer<'de>>(d: D, cx: &mut Ctx) -> Result<Got<Channel>, D::Error> {
    Ok(object::<ChannelDraft, D>(d, cx)?.and_then(|c| Channel::assemble(c.extras, c.messages, cx)))
}

impl<'de> Read<'de> for Request {
    const EXPECTED: &'static str = "an object";

    fn read<D: Deserializer<'de>>(d: D, cx: &mut Ctx) -> Result<Got<Self>, D::Error> {
        Ok(object::<RequestDraft, D>(d, cx)?
            .and_then(|r| Some(Request { extras: r.extras.assemble(cx)?, whatsapp: r.whatsapp? })))
    }
}

deserialize_via_json!(Request);

/// Builds one [`Request`] or as many as a list of messages needs.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::{content::Text, Message, Request};
/// let msg = Message::new("+919999999999", "+918888888888", Text::new("Hi")?)?;
/// let request = Request::builder([msg])
///     .custom_data("campaign-7")
///     .channel_status_callback("https://example.com/exotel/status")
///     .build()?;
/// assert_eq!(request.whatsapp().status_callback().unwrap().as_str(), "https://example.com/exotel/status");
/// # Ok::<(), exotel_whatsapp::error::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use = "call `.build()` or `.batches()`"]
pub struct RequestBuilder {
    request: ExtrasDraft,
    channel: ExtrasDraft,
    messages: Vec<Message>,
}

impl RequestBuilder {
    /// The request-level `custom_data`.
    pub fn custom_data(mut self, data: impl Into<String>) -> Self {
        self.request.custom_data = Some(data.into());
        self
    }

    /// The request-level `status_callback`.
    pub fn status_callback(mut self, url: impl Into<String>) -> Self {
        self.request.status_callback = Some(url.into());
        self
    }

    /// The channel-level `custom_data`.
    pub fn channel_custom_data(mut self, data: impl Into<String>) -> Self {
        self.channel.custom_data = Some(data.into());
        self
    }

    /// The channel-level `status_callback`.
    pub fn channel_status_callback(mut self, url: impl Into<String>) -> Self {
        self.channel.status_callback = Some(url.into());
        self
    }

    /// Checks the extras, once for all the requests they go into, and counts the messages up to
    /// `max`: the request's extras, the channel's, and the messages.
    fn checked(self, max: usize, cx: &mut Ctx) -> Option<(Extras, Extras, Vec<Message>)> {
        let request = self.request.assemble(cx);
        let channel = cx.at("whatsapp", |cx| self.channel.assemble(cx));
        let n = self.messages.len();
        let counted = cx.at("whatsapp", |cx| cx.at("messages", |cx| length::count(n, MESSAGES_MIN, max, cx)));
        counted.then_some((request?, channel?, self.messages))
    }

    /// One request of 1 to 100 messages.
    ///
    /// # Errors
    /// `too_few` or `too_many` at `/whatsapp/messages`; `url` at either `status_callback`.
    pub fn build(self) -> Result<Request, Error> {
        validate_alone(|cx| {
            let (request, channel, messages) = self.checked(MESSAGES_MAX, cx)?;
            Some(Request { extras: request, whatsapp: Channel { extras: channel, messages } })
        })
    }

    /// As many requests as the messages need, at most 100 messages each, in order.
    ///
    /// ```
    /// # use exotel_whatsapp_core as exotel_whatsapp;
    /// use exotel_whatsapp::{content::Text, Message, Request};
    /// let text = Text::new("Sale starts now")?;
    /// let messages = (0..250).map(|i| Message::new("+919999999999", format!("+9188888{i:05}"), text.clone()));
    /// let batches = Request::builder(messages.collect::<Result<Vec<_>, _>>()?).batches()?;
    /// assert_eq!(batches.iter().map(|b| b.request().messages().len()).collect::<Vec<_>>(), [100, 100, 50]);
    /// assert_eq!(batches[2].input_index(0), 200);
    /// # Ok::<(), exotel_whatsapp::error::Error>(())
    /// ```
    ///
    /// # Errors
    /// `too_few` at `/whatsapp/messages` for no messages; `url` at either `status_callback`.
    pub fn batches(self) -> Result<Vec<Batch>, Error> {
        validate_alone(|cx| {
            let (request, channel, messages) = self.checked(usize::MAX, cx)?;
            let mut batches = Vec::with_capacity(messages.len().div_ceil(MESSAGES_MAX));
            let mut messages = messages.into_iter().peekable();
            while messages.peek().is_some() {
                let chunk: Vec<Message> = messages.by_ref().take(MESSAGES_MAX).collect();
                batches.push(Batch {
                    offset: batches.len() * MESSAGES_MAX,
                    request: Request {
                        extras: request.clone(),
                        whatsapp: Channel { extras: channel.clone(), messages: chunk },
                    },
                });
            }
            Some(batches)
        })
    }
}

/// One request of a larger send, with the input position of its first message.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    offset: usize,
    request: Request,
}

impl Batch {
    /// The request to send.
    pub fn request(&self) -> &Request {
        &self.request
    }

    /// Takes the request out.
    pub fn into_request(self) -> Request {
        self.request
    }

    /// The input index of this request's first message.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The input index of this request's `i`-th message (`i` as in the response's results).
    pub fn input_index(&self, i: usize) -> usize {
        self.offset + i
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::content::Text;

    #[test]
    fn batches_share_the_extras_instead_of_copying_them() {
        let message = Message::new("+919999999999", "+918888888888", Text::new("Hi").unwrap()).unwrap();
        let custom_data = "x".repeat(1 << 20);
        let batches =
            Request::builder(vec![message; 250]).custom_data(custom_data.clone()).batches().unwrap();
        assert_eq!(batches.len(), 3);
        let first = &batches[0].request().extras;
        assert_eq!(first.custom_data.as_deref(), Some(custom_data.as_str()));
        assert!(batches.iter().all(|b| Arc::ptr_eq(&b.request().extras.0, &first.0)), "one copy for all");
        assert!(
            batches.iter().all(|b| Arc::ptr_eq(
                &b.request().whatsapp.extras.0,
                &batches[0].request().whatsapp.extras.0
            ))
        );
    }
}
