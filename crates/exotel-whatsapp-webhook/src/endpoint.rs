//! The pure layer: who may post, what they may post, and the events in it. No IO, no state; the
//! [`Receiver`](crate::Receiver) adds de-duplication and the sink, the service and router add HTTP.

use core::fmt;

use exotel_whatsapp_core::callback::{Event, NotACallback, Parser, RawEvent};
use exotel_whatsapp_core::limits::CALLBACK_BYTES_MAX;
use http::{Method, StatusCode};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::callback_url::{CallbackUrl, is_path_char};
use crate::token::{Access, Token};

/// Where callbacks arrive, who may post them, and how large a body may be.
///
/// [`Endpoint::check`] and [`Endpoint::read`] are the whole of the HTTP-free rules; a server
/// calls `check` before reading the body and `read` after.
///
/// ```
/// use exotel_whatsapp::callback::Event;
/// use exotel_whatsapp::webhook::{Endpoint, Refusal, Token};
/// use http::Method;
///
/// let token = Token::new("t0ken-t0ken-t0ken")?;
/// let endpoint = Endpoint::new("/exotel/callbacks", token).max_body(4096);
/// assert_eq!(endpoint.check(&Method::POST, "/exotel/callbacks/t0ken-t0ken-t0ken"), Ok(()));
/// assert_eq!(endpoint.check(&Method::POST, "/exotel/callbacks/guess"), Err(Refusal::NotFound));
/// assert_eq!(endpoint.check(&Method::GET, "/exotel/callbacks/t0ken-t0ken-t0ken"), Err(Refusal::MethodNotAllowed));
///
/// let body = br#"{"whatsapp": {"messages": [{"callback_type": "dlr", "sid": "1", "exo_status_code": 30001}]}}"#;
/// let events = endpoint.read(Some("application/json"), body)?;
/// assert!(matches!(events.as_slice(), [Event::Status(_)]));
/// assert_eq!(endpoint.read(None, &[b' '; 4097]), Err(Refusal::TooLarge { limit: 4096 }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Endpoint {
    /// Without a trailing `/`; empty for the root.
    path: String,
    access: Access,
    max_body: usize,
}

impl Endpoint {
    /// Callbacks on `<path>/<token>`, such as `/exotel/callbacks/<token>`; `path` is the path of
    /// the base URL given to [`CallbackUrl::new`] (a trailing `/` is ignored).
    ///
    /// # Panics
    /// When `path` does not start with `/` or holds a character a URL path would have to encode
    /// (a programming error: the path is part of the program, not of its input).
    pub fn new(path: &str, token: Token) -> Self {
        Self::with_access(path, Access::Tokens(vec![token]))
    }

    /// The endpoint that a [`CallbackUrl`] points at: its path, and its token.
    pub fn for_url(url: &CallbackUrl) -> Self {
        Self::new(url.path(), url.token())
    }

    /// Also accepts `token`, so that a secret can be rotated: give Exotel URLs with the new token,
    /// keep accepting the old one until the last message sent with it is settled, then drop it.
    #[must_use]
    pub fn also_accept(mut self, token: Token) -> Self {
        if let Access::Tokens(tokens) = &mut self.access {
            tokens.push(token);
        }
        self
    }

    /// Callbacks on `path` itself, from anyone who finds the URL.
    ///
    /// Exotel signs nothing and publishes no address list, so without a token anyone may post
    /// forged delivery reports and messages here. Use it only behind something that
    /// authenticates (a private network, a proxy that checks a secret); [`Endpoint::warning`]
    /// says so, for a program to print.
    ///
    /// # Panics
    /// As [`Endpoint::new`].
    pub fn insecure_without_token(path: &str) -> Self {
        Self::with_access(path, Access::Anyone)
    }

    fn with_access(path: &str, access: Access) -> Self {
        assert!(
            path.is_empty() || path.starts_with('/') && path.chars().all(is_path_char),
            "a callback path starts with `/` and holds only A-Z a-z 0-9 - . _ ~ /"
        );
        Self { path: path.trim_end_matches('/').to_owned(), access, max_body: CALLBACK_BYTES_MAX }
    }

    /// Refuses bodies larger than `bytes` with 413 (default [`CALLBACK_BYTES_MAX`], 1 MiB).
    #[must_use]
    pub fn max_body(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }

    /// The largest body accepted, in bytes.
    pub fn body_limit(&self) -> usize {
        self.max_body
    }

    /// A warning to show when the endpoint accepts callbacks without a token; `None` otherwise.
    pub fn warning(&self) -> Option<&'static str> {
        match self.access {
            Access::Anyone => Some(
                "callbacks are accepted without a token: anyone who finds the URL can post forged \
                 delivery reports and messages",
            ),
            Access::Tokens(_) => None,
        }
    }

    /// The route to mount the endpoint on in axum: `/exotel/callbacks/{token}`, or the path
    /// itself without a token.
    pub fn route(&self) -> String {
        match self.access {
            Access::Tokens(_) => format!("{}/{{token}}", self.path),
            Access::Anyone if self.path.is_empty() => "/".to_owned(),
            Access::Anyone => self.path.clone(),
        }
    }

    /// Whether a request for `path` (the request target without its query) with `method` may go
    /// on to have its body read.
    ///
    /// # Errors
    /// [`Refusal::NotFound`] for a path that is not this endpoint's, or whose token is missing or
    /// wrong (compared in constant time); [`Refusal::MethodNotAllowed`] for an authenticated
    /// request that is not a `POST`. The token is checked first, so a stranger learns nothing.
    pub fn check(&self, method: &Method, path: &str) -> Result<(), Refusal> {
        let admitted = match &self.access {
            Access::Anyone => path == self.path || path == "/" && self.path.is_empty(),
            Access::Tokens(_) => path
                .strip_prefix(self.path.as_str())
                .and_then(|rest| rest.strip_prefix('/'))
                .is_some_and(|candidate| self.access.admits(candidate)),
        };
        if !admitted {
            Err(Refusal::NotFound)
        } else if method == Method::POST {
            Ok(())
        } else {
            Err(Refusal::MethodNotAllowed)
        }
    }

    /// Whether a declared `Content-Length` is already over the cap, so that the body need not be
    /// read.
    ///
    /// # Errors
    /// [`Refusal::TooLarge`].
    pub fn check_length(&self, declared: Option<u64>) -> Result<(), Refusal> {
        match declared {
            Some(length) if length > self.max_body as u64 => Err(self.too_large()),
            _ => Ok(()),
        }
    }

    /// The events of an authenticated body, JSON or form data (by `content_type`, else by
    /// content).
    ///
    /// A body that is not a callback is not an error: it becomes one [`Event::Unknown`] holding
    /// the body as a JSON string (bytes that are not UTF-8 replaced by U+FFFD), so that the sink
    /// keeps it and the server acknowledges it: it would not parse on Exotel's retry either.
    ///
    /// # Errors
    /// [`Refusal::TooLarge`] for a body over the cap.
    pub fn read(&self, content_type: Option<&str>, body: &[u8]) -> Result<Vec<Event>, Refusal> {
        let parser = Parser::new().max_bytes(self.max_body);
        let parser = match content_type {
            Some(content_type) => parser.content_type(content_type),
            None => parser,
        };
        match parser.parse(body) {
            Ok(events) => Ok(events),
            Err(NotACallback::TooLarge { .. }) => Err(self.too_large()),
            Err(_) => Ok(vec![unknown_body(body)]),
        }
    }

    fn too_large(&self) -> Refusal {
        Refusal::TooLarge { limit: self.max_body }
    }
}

/// A body that is not a callback, as an event: the body as a JSON string.
fn unknown_body(body: &[u8]) -> Event {
    let text = Value::String(String::from_utf8_lossy(body).into_owned()).to_string();
    // A JSON string's text is always valid JSON; the fallback keeps this free of panics.
    let raw = RawValue::from_string(text).unwrap_or_else(|_| RawValue::NULL.to_owned());
    Event::Unknown(RawEvent::from(raw))
}

/// Why a request is refused before its events reach the sink; each maps to one HTTP status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// 404: not this endpoint, or a missing or wrong token. Nothing else is revealed.
    NotFound,
    /// 405: an authenticated request that is not a `POST`.
    MethodNotAllowed,
    /// 413: the body is over the cap.
    TooLarge {
        /// The cap in bytes.
        limit: usize,
    },
    /// 400: the body could not be read (the connection broke).
    BodyUnreadable,
}

impl Refusal {
    /// The HTTP status to answer with.
    pub fn status(self) -> StatusCode {
        match self {
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::BodyUnreadable => StatusCode::BAD_REQUEST,
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotFound => f.write_str("not found"),
            Self::MethodNotAllowed => f.write_str("callbacks are posted: use POST"),
            Self::TooLarge { limit } => write!(f, "the body is larger than {limit} bytes"),
            Self::BodyUnreadable => f.write_str("the body could not be read"),
        }
    }
}

impl std::error::Error for Refusal {}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "t0ken-t0ken-t0ken";

    fn endpoint() -> Endpoint {
        Endpoint::new("/callbacks", Token::new(TOKEN).unwrap())
    }

    #[test]
    fn only_the_token_path_is_found() {
        let endpoint = endpoint();
        assert_eq!(endpoint.check(&Method::POST, "/callbacks/t0ken-t0ken-t0ken"), Ok(()));
        for path in [
            "/callbacks",
            "/callbacks/",
            "/callbacks/t0ken-t0ken-t0ke",
            "/callbacks/t0ken-t0ken-t0ken/",
            "/callbacks/t0ken-t0ken-t0ken/x",
            "/callbacksx/t0ken-t0ken-t0ken",
            "/other/t0ken-t0ken-t0ken",
            "/t0ken-t0ken-t0ken",
        ] {
            assert_eq!(endpoint.check(&Method::POST, path), Err(Refusal::NotFound), "{path}");
            // A wrong token with a wrong method is still only "not found".
            assert_eq!(endpoint.check(&Method::GET, path), Err(Refusal::NotFound), "{path}");
        }
        assert_eq!(
            endpoint.check(&Method::PUT, "/callbacks/t0ken-t0ken-t0ken"),
            Err(Refusal::MethodNotAllowed)
        );
    }

    #[test]
    fn rotation_accepts_old_and_new_tokens() {
        let endpoint = endpoint().also_accept(Token::new("next-t0ken-t0ken-t0ken").unwrap());
        assert_eq!(endpoint.check(&Method::POST, "/callbacks/t0ken-t0ken-t0ken"), Ok(()));
        assert_eq!(endpoint.check(&Method::POST, "/callbacks/next-t0ken-t0ken-t0ken"), Ok(()));
        assert_eq!(endpoint.route(), "/callbacks/{token}");
        assert_eq!(endpoint.warning(), None);
    }

    #[test]
    fn root_path_and_no_token_mode() {
        let root = Endpoint::new("/", Token::new(TOKEN).unwrap());
        assert_eq!(root.check(&Method::POST, "/t0ken-t0ken-t0ken"), Ok(()));
        assert_eq!(root.route(), "/{token}");
        let open = Endpoint::insecure_without_token("/callbacks/");
        assert_eq!(open.check(&Method::POST, "/callbacks"), Ok(()));
        assert_eq!(open.check(&Method::POST, "/callbacks/t0ken-t0ken-t0ken"), Err(Refusal::NotFound));
        assert_eq!(open.route(), "/callbacks");
        assert!(open.warning().is_some());
        assert_eq!(Endpoint::insecure_without_token("").check(&Method::POST, "/"), Ok(()));
    }

    #[test]
    fn the_cap_holds_on_both_sides() {
        let endpoint = endpoint().max_body(10);
        assert_eq!(endpoint.read(None, b"0123456789").map(|events| events.len()), Ok(1));
        assert_eq!(endpoint.read(None, b"0123456789!"), Err(Refusal::TooLarge { limit: 10 }));
        assert_eq!(endpoint.check_length(Some(10)), Ok(()));
        assert_eq!(endpoint.check_length(None), Ok(()));
        assert_eq!(endpoint.check_length(Some(11)), Err(Refusal::TooLarge { limit: 10 }));
        assert_eq!(Endpoint::new("/c", Token::new(TOKEN).unwrap()).body_limit(), CALLBACK_BYTES_MAX);
    }

    #[test]
    fn a_body_that_is_not_a_callback_is_kept_whole() {
        let cases: [(&[u8], &str); 4] = [
            ("héllo \u{1F600}".as_bytes(), "héllo \u{1F600}"),
            (b"{\"whatsapp\": {}}", "{\"whatsapp\": {}}"),
            // A send request: `whatsapp.messages` without a callback in it.
            (
                b"{\"whatsapp\": {\"messages\": [{\"to\": \"+91\"}]}}",
                "{\"whatsapp\": {\"messages\": [{\"to\": \"+91\"}]}}",
            ),
            (b"a\xffb", "a\u{fffd}b"),
        ];
        for (body, text) in cases {
            let events = endpoint().read(Some("text/plain"), body).unwrap();
            let raws: Vec<Value> = events.iter().map(|event| event.raw().to_value()).collect();
            assert_eq!(raws, [Value::String(text.into())]);
            assert!(matches!(events.as_slice(), [Event::Unknown(_)]));
        }
    }

    #[test]
    #[should_panic(expected = "a callback path starts with `/`")]
    fn a_path_without_a_slash_is_a_programming_error() {
        let _ = Endpoint::insecure_without_token("callbacks");
    }
}
