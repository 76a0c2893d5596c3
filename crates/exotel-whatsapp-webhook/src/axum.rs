//! axum 0.8: the [`Callback`] extractor for handlers you write, and [`Receiver::into_router`] for
//! a ready-made `Router`.

use axum::extract::{FromRef, FromRequest, Request};
use axum::response::{IntoResponse, Response};
use exotel_whatsapp_core::callback::Event;

use crate::endpoint::{Endpoint, Refusal};
use crate::receiver::{Outcome, Receiver};
use crate::service::{WebhookService, content_type, read_body, respond};
use crate::sink::Sink;

/// The events of an authenticated callback body, for an axum handler that stores them itself.
///
/// It applies the [`Endpoint`] in the router's state (via `FromRef`): a missing or wrong token
/// is refused with 404, another method than `POST` with 405, a body over the cap with 413. The
/// handler must store the events before it returns 200, and de-duplicate them (by
/// [`Event::dedup_key`], or through
/// [`Receiver::accept`]).
///
/// The token is read from the request's path as the router sees it: mount the route at
/// [`Endpoint::route`]; inside `Router::nest`, give the endpoint the path within the nest. Route
/// it with `any`, not `post`: axum would answer a `GET` with 405 before the token is checked,
/// telling a stranger that the path exists.
///
/// ```
/// use axum::routing::any;
/// use exotel_whatsapp::webhook::{Callback, Endpoint, Token};
///
/// async fn callbacks(Callback(events): Callback) -> http::StatusCode {
///     // Store `events` here, then:
///     http::StatusCode::OK
/// }
///
/// let endpoint = Endpoint::new("/exotel/callbacks", Token::generate()?);
/// let app: axum::Router = axum::Router::new().route(&endpoint.route(), any(callbacks)).with_state(endpoint);
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Callback(pub Vec<Event>);

impl<St> FromRequest<St> for Callback
where
    Endpoint: FromRef<St>,
    St: Send + Sync,
{
    type Rejection = Refusal;

    async fn from_request(request: Request, state: &St) -> Result<Self, Self::Rejection> {
        let endpoint = Endpoint::from_ref(state);
        let (parts, body) = request.into_parts();
        endpoint.check(&parts.method, parts.uri.path())?;
        let body = read_body(&endpoint, &parts.headers, body).await?;
        endpoint.read(content_type(&parts.headers), &body).map(Self)
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        respond(&Outcome::<()>::Refused(self)).into_response()
    }
}

impl<E> IntoResponse for Outcome<E> {
    fn into_response(self) -> Response {
        respond(&self).into_response()
    }
}

impl<S: Sink> Receiver<S> {
    /// A `Router` that serves this receiver on [`Endpoint::route`]; other paths get axum's empty
    /// 404, like a wrong token. Merge it into your application's router, or serve it alone.
    ///
    /// ```no_run
    /// use exotel_whatsapp::webhook::{CallbackUrl, Endpoint, Handlers, Receiver, Token};
    ///
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// let token = Token::generate()?;
    /// let url = CallbackUrl::new("https://example.com/exotel/callbacks", &token)?;
    /// // Send messages with `.status_callback(&url)`.
    /// let handlers = Handlers::new().on_status(|event| async move {
    ///     println!("{:?}: {}", event.sid, event.status.state());
    ///     Ok::<_, std::io::Error>(())
    /// });
    /// let app = Receiver::new(Endpoint::for_url(&url), handlers).into_router();
    /// let listener = tokio::net::TcpListener::bind("127.0.0.1:8086").await?;
    /// axum::serve(listener, app).await?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn into_router(self) -> axum::Router {
        WebhookService::new(self).into_router()
    }
}

impl<S: Sink> WebhookService<S> {
    /// A `Router` that serves this service's receiver; see [`Receiver::into_router`].
    pub fn into_router(self) -> axum::Router {
        axum::Router::new().route_service(&self.receiver().endpoint().route(), self)
    }
}
