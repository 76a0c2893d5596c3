//! Media messages: image, audio, video, document and sticker, which share one set of rules.

use std::marker::PhantomData;

use serde::Serialize;

use crate::content::{Assemble, Content, IntoContent, Unchecked};
use crate::ctx::{Ctx, validate_alone};
use crate::error::Error;
use crate::json::{fields, string};
use crate::rules;
use crate::text::Caption;
use crate::url::Url;

/// The kinds of media, each with the fields it may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[doc(hidden)]
pub enum MediaKind {
    Image,
    Audio,
    Video,
    Document,
    Sticker,
}

/// Media fields as read or given, before the rules.
#[derive(Debug, Clone, Default)]
pub(crate) struct MediaDraft {
    pub(crate) link: Option<String>,
    pub(crate) caption: Option<String>,
    pub(crate) filename: Option<String>,
}

fields!(MediaDraft {
    #[required] "link" => link: string,
    "caption" => caption: string,
    "filename" => filename: string,
});

/// A validated media object: what every media type holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[doc(hidden)]
pub struct Media {
    link: Url,
    #[serde(skip_serializing_if = "Option::is_none")]
    caption: Option<Caption>,
    #[serde(skip_serializing_if = "Option::is_none")]
    filename: Option<String>,
}

impl<T: MediaType> Assemble for T {
    type Draft = MediaDraft;

    /// The media rules for the type's kind.
    fn assemble(d: MediaDraft, cx: &mut Ctx) -> Option<Self> {
        let before = cx.errors();
        let link = cx.at("link", |cx| Url::parse(d.link?, cx));
        let caption = cx.at("caption", |cx| rules::media::caption(T::KIND, d.caption?, cx));
        let filename = cx.at("filename", |cx| rules::media::filename(T::KIND, d.filename?, cx));
        (cx.errors() == before).then_some(T::wrap(Media { link: link?, caption, filename }))
    }
}

/// Ties a public media type to its kind.
pub trait MediaType: Sized + super::sealed::Sealed {
    #[doc(hidden)]
    const KIND: MediaKind;
    #[doc(hidden)]
    fn wrap(media: Media) -> Self;
}

/// Media types that take a caption: image, video and document.
pub trait Captioned: MediaType {}

/// Builds a media object: the link is required, the rest as the type allows.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::content::Document;
/// let doc = Document::builder("https://example.com/inv-42.pdf")
///     .caption("Invoice 42")
///     .filename("inv-42.pdf")
///     .build()?;
/// assert_eq!(doc.filename(), Some("inv-42.pdf"));
/// # Ok::<(), exotel_whatsapp::error::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use = "call `.build()` to get the media object"]
pub struct MediaBuilder<T> {
    draft: MediaDraft,
    kind: PhantomData<T>,
}

impl<T: MediaType> MediaBuilder<T> {
    /// Checks every field.
    ///
    /// # Errors
    /// `url` at `/link`; `empty` or `too_long` at `/caption`; `empty` or `format` at `/filename`.
    pub fn build(self) -> Result<T, Error> {
        validate_alone(|cx| T::assemble(self.draft, cx))
    }
}

impl<T: Captioned> MediaBuilder<T> {
    /// A caption of at most [`CAPTION_MAX`](crate::limits::CAPTION_MAX) characters.
    pub fn caption(mut self, caption: impl Into<String>) -> Self {
        self.draft.caption = Some(caption.into());
        self
    }
}

impl MediaBuilder<Document> {
    /// The file name shown to the recipient; its extension decides how WhatsApp shows the file.
    pub fn filename(mut self, filename: impl Into<String>) -> Self {
        self.draft.filename = Some(filename.into());
        self
    }
}

macro_rules! media_type {
    ($(#[$doc:meta])* $name:ident = $wire:literal $(, $captioned:ident)?) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
        #[serde(transparent)]
        pub struct $name(Media);

        impl $name {
            /// Media with only a link.
            ///
            /// # Errors
            /// `url` at `/link`.
            pub fn new(link: impl Into<String>) -> Result<Self, Error> {
                Self::builder(link).build()
            }

            /// A builder, for the optional fields.
            pub fn builder(link: impl Into<String>) -> MediaBuilder<Self> {
                let draft = MediaDraft { link: Some(link.into()), ..MediaDraft::default() };
                MediaBuilder { draft, kind: PhantomData }
            }

            /// The link Exotel fetches the media from.
            pub fn link(&self) -> &str {
                self.0.link.as_str()
            }

        }

        impl super::sealed::Sealed for $name {}

        impl MediaType for $name {
            const KIND: MediaKind = MediaKind::$name;
            fn wrap(media: Media) -> Self {
                $name(media)
            }
        }

        #[doc = concat!("Checked with the message it is given to, at `/content/", $wire, "`.")]
        impl IntoContent for MediaBuilder<$name> {
            fn into_unchecked(self) -> Unchecked {
                Unchecked::media(self.draft, |draft, cx| {
                    cx.at($wire, |cx| $name::assemble(draft, cx)).map(Content::$name)
                })
            }
        }

        $(
            impl $captioned for $name {}

            impl $name {
                /// The caption, if any.
                pub fn caption(&self) -> Option<&str> {
                    self.0.caption.as_ref().map(Caption::as_str)
                }
            }
        )?
    };
}

media_type!(
    /// An image (JPEG or PNG, at most 5 MB) with an optional caption.
    ///
    /// ```
    /// # use exotel_whatsapp_core as exotel_whatsapp;
    /// use exotel_whatsapp::content::Image;
    /// let img = Image::builder("https://example.com/a.jpg").caption("Your table").build()?;
    /// assert_eq!(img.caption(), Some("Your table"));
    /// # Ok::<(), exotel_whatsapp::error::Error>(())
    /// ```
    Image = "image", Captioned
);
media_type!(
    /// An audio file (at most 16 MB); audio has no caption.
    ///
    /// ```
    /// # use exotel_whatsapp_core as exotel_whatsapp;
    /// use exotel_whatsapp::content::Audio;
    /// assert!(Audio::new("https://example.com/a.ogg").is_ok());
    /// ```
    Audio = "audio"
);
media_type!(
    /// A video (MP4 or 3GP, at most 16 MB) with an optional caption.
    ///
    /// ```
    /// # use exotel_whatsapp_core as exotel_whatsapp;
    /// use exotel_whatsapp::content::Video;
    /// assert!(Video::builder("https://example.com/a.mp4").caption("Unboxing").build().is_ok());
    /// ```
    Video = "video", Captioned
);
media_type!(
    /// A document (at most 100 MB) with an optional caption and file name.
    ///
    /// ```
    /// # use exotel_whatsapp_core as exotel_whatsapp;
    /// use exotel_whatsapp::content::Document;
    /// assert!(Document::new("https://example.com/a.pdf").is_ok());
    /// ```
    Document = "document", Captioned
);
media_type!(
    /// A sticker (WebP, 512×512 pixels, at most 100 KB static or 500 KB animated); no caption.
    ///
    /// ```
    /// # use exotel_whatsapp_core as exotel_whatsapp;
    /// use exotel_whatsapp::content::Sticker;
    /// assert!(Sticker::new("https://example.com/s.webp").is_ok());
    /// ```
    Sticker = "sticker"
);

impl Document {
    /// The file name, if any.
    pub fn filename(&self) -> Option<&str> {
        self.0.filename.as_deref()
    }
}
