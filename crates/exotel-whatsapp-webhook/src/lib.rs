//! Receive Exotel WhatsApp callbacks (delivery reports and incoming messages) without losing
//! one and without letting a stranger in. Use it through the facade: `exotel_whatsapp::webhook`
//! (feature `webhook`; `axum` adds the extractor and the router).
//!
//! Three layers, each usable alone:
//! 1. **Pure**: [`Endpoint::check`] (path token, method) and [`Endpoint::read`] (body cap, JSON or
//!    form, a body that is not a callback kept as an unknown event). No IO.
//! 2. **Service**: [`Receiver`] adds de-duplication, the delivery state per message and the
//!    [`Sink`] (persist, then acknowledge); [`WebhookService`] is it as a `tower::Service` over
//!    `http` requests.
//! 3. **axum** (feature `axum`): the [`Callback`] extractor, and [`Receiver::into_router`].
//!
//! **Security model.** Exotel signs no callback and publishes no address list, so the only proof
//! that a request comes from Exotel is a secret it was given: a random [`Token`] as the last
//! segment of the `status_callback` URL ([`CallbackUrl`]). A missing or wrong token gets the
//! same empty 404 as a path that does not exist, and tokens are compared in constant time.
//! Several tokens may be active while one is rotated ([`Endpoint::also_accept`]). Accepting
//! callbacks without a token takes [`Endpoint::insecure_without_token`].
//!
//! ```
//! use exotel_whatsapp::webhook::{CallbackUrl, Endpoint, JsonLines, Outcome, Receiver, Token};
//! use http::Method;
//!
//! # tokio::runtime::Builder::new_current_thread().build()?.block_on(async {
//! let token = Token::generate()?;
//! let url = CallbackUrl::new("https://example.com/exotel/callbacks", &token)?;
//! let receiver = Receiver::new(Endpoint::for_url(&url), JsonLines::new(std::io::sink()));
//!
//! let body = br#"{"whatsapp": {"messages": [{"callback_type": "dlr", "sid": "s1", "exo_status_code": 30002}]}}"#;
//! let path = format!("/exotel/callbacks/{}", token.expose());
//! let outcome = receiver.receive(&Method::POST, &path, Some("application/json"), body).await;
//! assert_eq!(outcome.status(), 200);
//! let outcome = receiver.receive(&Method::POST, "/exotel/callbacks/guess", None, body).await;
//! assert_eq!(outcome.status(), 404);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! # })?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#[cfg(feature = "axum")]
mod axum;
mod bounded;
mod callback_url;
mod endpoint;
mod fingerprint;
mod handlers;
mod line;
mod receiver;
mod service;
mod sink;
mod token;

#[cfg(feature = "axum")]
pub use crate::axum::Callback;
pub use callback_url::{BadBaseUrl, CallbackUrl};
pub use endpoint::{Endpoint, Refusal};
pub use handlers::{HandlerError, Handlers};
pub use line::event_line;
pub use receiver::{Outcome, Receiver, SEEN_KEYS_DEFAULT, TRACKED_SIDS_DEFAULT};
pub use service::WebhookService;
pub use sink::{JsonLines, Sink};
pub use token::{BadToken, TOKEN_BYTES, TOKEN_CHARS_MAX, TOKEN_CHARS_MIN, Token};

/// The `http` crate whose types the service speaks.
pub use http;
