//! Absolute `http`/`https` URLs, for media links and status callbacks: the [`Url`] type, which
//! keeps the string exactly as given, and what its rule (`rules::url`) reports.

use std::fmt;

use serde::Serialize;

use crate::ctx::{Ctx, validate_alone};
use crate::error::{Error, Problem};
use crate::rules::url::check_url;

/// What is wrong with a URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum UrlProblem {
    /// The URL does not start with `http://` or `https://`.
    Scheme,
    /// There is no host after `//`.
    NoHost,
    /// The host is not a valid domain name or IP address (a character such as `<`, `%` or `\`
    /// in it, a malformed `[…]` address).
    Host,
    /// The port is not a number from 1 to 65535.
    Port,
    /// A space or control character, at a 1-based character position.
    Character {
        /// 1-based position of the character.
        position: usize,
    },
    /// (Warning `private_host`) The host is a private, loopback or link-local address,
    /// `localhost` or a local name that Exotel's servers cannot reach.
    PrivateHost,
    /// (Warning `url_credentials`) The URL carries a user name or password, which would leak to
    /// Exotel.
    Credentials,
}

impl fmt::Display for UrlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UrlProblem::Scheme => "not an absolute URL: it must start with http:// or https://",
            UrlProblem::NoHost => "the URL has no host after `//`",
            UrlProblem::Host => "the URL's host is not a valid domain name or IP address",
            UrlProblem::Port => "the URL's port must be a number from 1 to 65535",
            UrlProblem::Character { .. } => {
                "the URL contains a space or control character; percent-encode it"
            }
            UrlProblem::PrivateHost => {
                "the host is a private or local address that Exotel's servers cannot fetch from"
            }
            UrlProblem::Credentials => {
                "the URL carries a user name or password, which would be sent to Exotel"
            }
        })
    }
}

/// An absolute `http` or `https` URL with a host.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::url::Url;
/// let link = Url::new("https://example.com/invoice.pdf").unwrap();
/// assert_eq!(link.as_str(), "https://example.com/invoice.pdf");
/// assert!(Url::new("ftp://example.com/a").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Url(String);

impl Url {
    /// Checks `url`.
    ///
    /// # Errors
    /// `url` at pointer `""`: not `http`/`https`, no host, a bad port, or a space in it.
    pub fn new(url: impl Into<String>) -> Result<Self, Error> {
        let url = url.into();
        validate_alone(|cx| Self::parse(url, cx))
    }

    /// Checks `url`, recording the error or the warnings at the current pointer.
    pub(crate) fn parse(url: String, cx: &mut Ctx) -> Option<Self> {
        let checked = check_url(&url).inspect_err(|&p| cx.error(Problem::Url(p))).ok()?;
        if checked.private_host {
            cx.warn(Problem::Url(UrlProblem::PrivateHost));
        }
        if checked.credentials {
            cx.warn(Problem::Url(UrlProblem::Credentials));
        }
        Some(Url(url))
    }

    /// The URL as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

crate::text::checked_str!(Url);
