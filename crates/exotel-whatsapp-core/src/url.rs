//! Absolute `http`/`https` URLs, for media links and status callbacks.
//!
//! Exotel fetches media links and posts callbacks from its own servers, so a URL must be absolute,
//! `http` or `https`, with a host (EX: "Use only with HTTP/HTTPS URLs"; "String (URL)"). A host that
//! only makes sense inside your network, or credentials in the URL, are warnings (D).

use std::fmt;

use serde::Serialize;

use crate::ctx::{Ctx, validate_alone};
use crate::error::{Error, Problem};

/// What is wrong with a URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum UrlProblem {
    /// The URL does not start with `http://` or `https://`.
    Scheme,
    /// There is no host after `//`.
    NoHost,
    /// The port is not a number from 1 to 65535.
    Port,
    /// A space or control character, at a 1-based character position.
    Character {
        /// 1-based position of the character.
        position: usize,
    },
    /// (Warning) The host is an IP literal, `localhost` or a private name Exotel cannot reach.
    PrivateHost,
    /// (Warning) The URL carries a user name or password, which would leak to Exotel.
    Credentials,
}

impl fmt::Display for UrlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UrlProblem::Scheme => "not an absolute URL: it must start with http:// or https://",
            UrlProblem::NoHost => "the URL has no host after `//`",
            UrlProblem::Port => "the URL's port must be a number from 1 to 65535",
            UrlProblem::Character { .. } => {
                "the URL contains a space or control character; percent-encode it"
            }
            UrlProblem::PrivateHost => {
                "the host is an IP address or a local name that Exotel's servers cannot fetch from"
            }
            UrlProblem::Credentials => {
                "the URL carries a user name or password, which would be sent to Exotel"
            }
        })
    }
}

/// A URL that passed the rule, and the warnings it earned.
struct Checked {
    private_host: bool,
    credentials: bool,
}

/// The URL rule: absolute `http`/`https` with a host, no spaces or control characters.
fn check_url(s: &str) -> Result<Checked, UrlProblem> {
    // Printable ASCII (the usual URL) has neither; anything else is decoded character by character.
    let printable_ascii = s.bytes().all(|b| (b'!'..=b'~').contains(&b));
    let bad =
        if printable_ascii { None } else { s.chars().position(|c| c.is_whitespace() || c.is_control()) };
    if let Some(position) = bad {
        return Err(UrlProblem::Character { position: position + 1 });
    }
    let scheme = |prefix: &str| s.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix));
    let rest = if scheme("https://") {
        &s[8..]
    } else if scheme("http://") {
        &s[7..]
    } else {
        return Err(UrlProblem::Scheme);
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let (credentials, host_port) = match authority.rsplit_once('@') {
        Some((_, hp)) => (true, hp),
        None => (false, authority),
    };
    let (host, port) = if host_port.starts_with('[') {
        match host_port.split_once(']') {
            Some((h, p)) => (&host_port[..=h.len()], p.strip_prefix(':')),
            None => return Err(UrlProblem::NoHost),
        }
    } else {
        match host_port.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (host_port, None),
        }
    };
    if host.is_empty() || host.starts_with('.') || host.contains("..") {
        return Err(UrlProblem::NoHost);
    }
    if let Some(port) = port {
        if !matches!(port.parse::<u16>(), Ok(p) if p > 0 && port.bytes().all(|b| b.is_ascii_digit())) {
            return Err(UrlProblem::Port);
        }
    }
    Ok(Checked { private_host: is_private_host(host), credentials })
}

/// Whether Exotel's servers could not reach `host`: IP literals, `localhost`, single-label names
/// and the reserved local suffixes.
fn is_private_host(host: &str) -> bool {
    let host = host.trim_end_matches('.');
    let ends_with = |suffix: &str| {
        host.len() >= suffix.len()
            && host.as_bytes()[host.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    };
    host.starts_with('[')
        || host.parse::<std::net::Ipv4Addr>().is_ok()
        || host.eq_ignore_ascii_case("localhost")
        || !host.contains('.')
        || [".localhost", ".local", ".internal", ".lan", ".home.arpa"].iter().any(|s| ends_with(s))
}

/// An absolute `http` or `https` URL with a host.
///
/// ```
/// use exotel_whatsapp_core::url::Url;
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
        match check_url(&url) {
            Ok(checked) => {
                if checked.private_host {
                    cx.warn(Problem::Url(UrlProblem::PrivateHost));
                }
                if checked.credentials {
                    cx.warn(Problem::Url(UrlProblem::Credentials));
                }
                Some(Url(url))
            }
            Err(p) => {
                cx.error(Problem::Url(p));
                None
            }
        }
    }

    /// The URL as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

crate::text::checked_str!(Url);

/// Whether `text` contains an `http://` or `https://` URL (for the `preview_url` warning).
pub(crate) fn contains_url(text: &str) -> bool {
    text.match_indices("http").any(|(i, _)| {
        let rest = &text[i..];
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        check_url(&rest[..end]).is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_absolute_http_urls() {
        for ok in [
            "https://example.com",
            "HTTP://Example.com/a?b#c",
            "https://cdn.example.com:8443/x.jpg",
            "https://[2001:db8::1]:443/x",
        ] {
            assert!(check_url(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn refuses_what_exotel_cannot_fetch() {
        let cases = [
            ("example.com/a.jpg", UrlProblem::Scheme),
            ("ftp://example.com/a", UrlProblem::Scheme),
            ("https://", UrlProblem::NoHost),
            ("https:///a", UrlProblem::NoHost),
            ("https://example.com:0/", UrlProblem::Port),
            ("https://example.com:99999/", UrlProblem::Port),
            ("https://example.com:+80/", UrlProblem::Port),
            ("https://exa mple.com", UrlProblem::Character { position: 12 }),
            ("", UrlProblem::Scheme),
        ];
        for (input, want) in cases {
            assert_eq!(check_url(input).err(), Some(want), "{input:?}");
        }
    }

    #[test]
    fn warns_about_private_hosts_and_credentials() {
        for private in [
            "http://localhost/x",
            "http://10.0.0.1/x",
            "http://[::1]/",
            "http://intranet/x",
            "https://a.local/",
        ] {
            assert!(check_url(private).is_ok_and(|c| c.private_host), "{private}");
        }
        assert!(check_url("https://user:pw@example.com/").is_ok_and(|c| c.credentials));
        assert!(check_url("https://example.com/").is_ok_and(|c| !c.private_host && !c.credentials));
    }

    #[test]
    fn finds_urls_in_text() {
        assert!(contains_url("see https://example.com/x for details"));
        assert!(!contains_url("no link here, only http talk"));
        assert!(!contains_url("example.com"));
    }
}
