//! Text messages.

use serde::Serialize;

use crate::content::Assemble;
use crate::ctx::{Ctx, validate_alone};
use crate::error::Error;
use crate::json::{boolean, fields, string};
use crate::rules;
use crate::text::TextBody;

/// A text message: a body of at most [`TEXT_BODY_MAX`](crate::limits::TEXT_BODY_MAX) characters and
/// an optional link preview.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::content::Text;
/// let text = Text::new("Track it at https://example.com/t/42")?.preview_url(true);
/// assert_eq!(
///     serde_json::to_value(&text)?,
///     serde_json::json!({"body": "Track it at https://example.com/t/42", "preview_url": true}),
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[must_use]
pub struct Text {
    #[serde(skip_serializing_if = "Option::is_none")]
    preview_url: Option<bool>,
    body: TextBody,
}

impl Text {
    /// Checks `body`.
    ///
    /// # Errors
    /// `empty` or `too_long` at `/body`.
    pub fn new(body: impl Into<String>) -> Result<Self, Error> {
        let draft = TextDraft { body: Some(body.into()), preview_url: None };
        validate_alone(|cx| Text::assemble(draft, cx))
    }

    /// Asks WhatsApp to show a preview of the first URL in the body (`preview_url`).
    pub fn preview_url(mut self, preview: bool) -> Self {
        self.preview_url = Some(preview);
        self
    }

    /// The body.
    pub fn body(&self) -> &str {
        self.body.as_str()
    }

    /// Whether a link preview was asked for, if `preview_url` was set.
    pub fn preview(&self) -> Option<bool> {
        self.preview_url
    }
}

/// A text message as read, before the rules.
#[derive(Default)]
pub(crate) struct TextDraft {
    body: Option<String>,
    preview_url: Option<bool>,
}

impl Assemble for Text {
    type Draft = TextDraft;

    /// The text rules; `body` is `None` when its absence was already reported.
    fn assemble(draft: TextDraft, cx: &mut Ctx) -> Option<Self> {
        let body = cx.at("body", |cx| TextBody::parse(draft.body?, cx))?;
        if draft.preview_url == Some(true) {
            rules::url::preview_url(body.as_str(), cx);
        }
        Some(Text { preview_url: draft.preview_url, body })
    }
}

fields!(TextDraft {
    #[required] "body" => body: string,
    "preview_url" => preview_url: boolean,
});
