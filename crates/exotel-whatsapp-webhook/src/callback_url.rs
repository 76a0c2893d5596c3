//! The URL to give Exotel as `status_callback`: a base URL you serve, with the secret token as
//! the last path segment.

use core::fmt;

use exotel_whatsapp_core::url::Url;

use crate::token::Token;

/// A `status_callback` URL that carries a [`Token`]: `<base>/<token>`.
///
/// The token goes in the path, not the query or the user info: some proxies drop or log query
/// strings differently, and Exotel logs callback URLs with their user info. `Debug` shows the
/// URL with the token redacted; [`CallbackUrl::expose`] gives the whole URL.
///
/// ```
/// use exotel_whatsapp::webhook::{CallbackUrl, Token};
///
/// let token = Token::new("s3cr3t-t0ken-0123456789")?;
/// let url = CallbackUrl::new("https://example.com/exotel/callbacks/", &token)?;
/// assert_eq!(url.expose(), "https://example.com/exotel/callbacks/s3cr3t-t0ken-0123456789");
/// assert_eq!(url.path(), "/exotel/callbacks");
/// assert_eq!(format!("{url:?}"), "CallbackUrl(https://example.com/exotel/callbacks/<redacted>)");
/// assert!(CallbackUrl::new("https://example.com/hook?tenant=1", &token).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct CallbackUrl {
    url: String,
    /// Where the path starts in `url`.
    path_start: usize,
    /// Where the token starts in `url`.
    token_start: usize,
}

impl CallbackUrl {
    /// `base` (an absolute `http`/`https` URL, trailing `/` optional) followed by `/<token>`.
    ///
    /// # Errors
    /// [`BadBaseUrl`]: `base` is not an absolute `http`/`https` URL with a host (the same rule
    /// as every URL in a message), or it has a query, a fragment, user info, or a path character
    /// other than `A`–`Z`, `a`–`z`, `0`–`9`, `-`, `.`, `_`, `~`, `/`.
    pub fn new(base: &str, token: &Token) -> Result<Self, BadBaseUrl> {
        let (base, path_start) = split_base(base)?;
        let url = format!("{base}/{}", token.expose());
        Ok(Self { token_start: base.len() + 1, path_start, url })
    }

    /// The whole URL, token included, for `status_callback`; never log it.
    pub fn expose(&self) -> &str {
        &self.url
    }

    /// The token in the URL.
    pub fn token(&self) -> Token {
        Token::from_checked(&self.url[self.token_start..])
    }

    /// The path the callbacks arrive on, without the token and without a trailing `/` (empty for
    /// a base URL with no path): what [`Endpoint::new`](crate::Endpoint::new) takes.
    pub fn path(&self) -> &str {
        &self.url[self.path_start..self.token_start - 1]
    }
}

impl fmt::Debug for CallbackUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CallbackUrl({}<redacted>)", &self.url[..self.token_start])
    }
}

impl From<&CallbackUrl> for String {
    fn from(url: &CallbackUrl) -> Self {
        url.url.clone()
    }
}

impl From<CallbackUrl> for String {
    fn from(url: CallbackUrl) -> Self {
        url.url
    }
}

/// Checks a base URL; gives it without its trailing `/`s, and where its path starts.
fn split_base(base: &str) -> Result<(&str, usize), BadBaseUrl> {
    Url::new(base).map_err(|error| BadBaseUrl::Url(error.to_string()))?;
    let base = base.trim_end_matches('/');
    if base.contains(['?', '#']) {
        return Err(BadBaseUrl::QueryOrFragment);
    }
    let after_scheme = base.find("//").map_or(0, |i| i + 2);
    let path_start = base[after_scheme..].find('/').map_or(base.len(), |i| after_scheme + i);
    if base[after_scheme..path_start].contains('@') {
        return Err(BadBaseUrl::UserInfo);
    }
    if let Some(position) = base[path_start..].chars().position(|c| !is_path_char(c)) {
        return Err(BadBaseUrl::PathCharacter {
            position: base[..path_start].chars().count() + position + 1,
        });
    }
    Ok((base, path_start))
}

/// Characters a path prefix may hold unencoded here: unreserved ones and `/`.
pub(crate) fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~' | '/')
}

/// Why a base URL cannot carry the callback token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BadBaseUrl {
    /// Not an absolute `http`/`https` URL with a host; the text says why.
    Url(String),
    /// A query or fragment, which would end up before the token.
    QueryOrFragment,
    /// A user name or password, which Exotel would log with the URL.
    UserInfo,
    /// A path character that needs percent-encoding, at a 1-based position in the URL.
    PathCharacter {
        /// 1-based position of the character.
        position: usize,
    },
}

impl fmt::Display for BadBaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Url(reason) => write!(f, "the base URL is not usable: {reason}"),
            Self::QueryOrFragment => f.write_str("the base URL has a query or fragment; the token goes last"),
            Self::UserInfo => {
                f.write_str("the base URL carries a user name or password, which Exotel would log")
            }
            Self::PathCharacter { position } => write!(
                f,
                "character {position} of the base URL is not one of A-Z a-z 0-9 - . _ ~ / in its path"
            ),
        }
    }
}

impl std::error::Error for BadBaseUrl {}

#[cfg(test)]
mod tests {
    use super::*;

    fn token() -> Token {
        Token::new("t0ken-t0ken-t0ken").unwrap()
    }

    #[test]
    fn the_token_is_the_last_path_segment() {
        let cases = [
            ("https://example.com", "https://example.com/t0ken-t0ken-t0ken", ""),
            ("https://example.com/", "https://example.com/t0ken-t0ken-t0ken", ""),
            (
                "http://127.0.0.1:8086/callbacks",
                "http://127.0.0.1:8086/callbacks/t0ken-t0ken-t0ken",
                "/callbacks",
            ),
            ("HTTPS://Example.com/a/b//", "HTTPS://Example.com/a/b/t0ken-t0ken-t0ken", "/a/b"),
        ];
        for (base, url, path) in cases {
            let minted = CallbackUrl::new(base, &token()).unwrap();
            assert_eq!((minted.expose(), minted.path()), (url, path), "{base}");
            assert_eq!(String::from(&minted), url);
            assert_eq!(minted.token().expose(), "t0ken-t0ken-t0ken");
        }
    }

    #[test]
    fn bases_that_cannot_carry_a_token_are_refused() {
        let refused = |base: &str| CallbackUrl::new(base, &token()).unwrap_err();
        assert!(matches!(refused("example.com/callbacks"), BadBaseUrl::Url(_)));
        assert!(matches!(refused("ftp://example.com/callbacks"), BadBaseUrl::Url(_)));
        assert_eq!(refused("https://example.com/c?tenant=1"), BadBaseUrl::QueryOrFragment);
        assert_eq!(refused("https://example.com/c#x"), BadBaseUrl::QueryOrFragment);
        assert_eq!(refused("https://user:pw@example.com/c"), BadBaseUrl::UserInfo);
        assert_eq!(refused("https://example.com/caf%C3%A9"), BadBaseUrl::PathCharacter { position: 24 });
        assert_eq!(refused("https://example.com/é"), BadBaseUrl::PathCharacter { position: 21 });
    }

    #[test]
    fn debug_redacts_the_token() {
        let minted = CallbackUrl::new("https://example.com/c", &token()).unwrap();
        assert_eq!(format!("{minted:?}"), "CallbackUrl(https://example.com/c/<redacted>)");
    }
}
