//! The `tower::Service`: a [`Receiver`] behind any server that speaks `http` (hyper, axum,
//! tonic's router, a tower stack).

use core::convert::Infallible;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::sync::Arc;

use bytes::Bytes;
use http::header::{ALLOW, CONTENT_LENGTH, CONTENT_TYPE};
use http::{HeaderMap, HeaderValue, Request, Response};
use http_body::Body;
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};

use crate::endpoint::{Endpoint, Refusal};
use crate::receiver::{Outcome, Receiver};
use crate::sink::Sink;

/// A [`Receiver`] as a `tower::Service` over `http` requests; cheap to clone (it shares the
/// receiver).
///
/// It checks the path's token and the method before reading the body, refuses a declared or
/// actual body over the cap without reading further, and answers only after the sink has
/// stored the events. Responses carry no detail: 200 and 404 are empty.
///
/// ```
/// use exotel_whatsapp::webhook::{Endpoint, JsonLines, Receiver, Token, WebhookService};
/// use http_body_util::Full;
/// use tower::ServiceExt;
///
/// # tokio::runtime::Builder::new_current_thread().build()?.block_on(async {
/// let endpoint = Endpoint::new("/callbacks", Token::new("t0ken-t0ken-t0ken")?);
/// let service = WebhookService::new(Receiver::new(endpoint, JsonLines::new(std::io::sink())));
/// let request = http::Request::post("/callbacks/t0ken-t0ken-t0ken")
///     .header("content-type", "application/json")
///     .body(Full::new(bytes::Bytes::from_static(br#"{"whatsapp": {"messages": []}}"#)))?;
/// let response = service.oneshot(request).await?;
/// assert_eq!(response.status(), 200);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// # })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct WebhookService<S> {
    receiver: Arc<Receiver<S>>,
}

impl<S> Clone for WebhookService<S> {
    fn clone(&self) -> Self {
        Self { receiver: Arc::clone(&self.receiver) }
    }
}

impl<S: Sink> WebhookService<S> {
    /// Serves `receiver`.
    pub fn new(receiver: Receiver<S>) -> Self {
        Self::shared(Arc::new(receiver))
    }

    /// Serves a receiver that the caller keeps a handle on (to read [`Receiver::state`]).
    pub fn shared(receiver: Arc<Receiver<S>>) -> Self {
        Self { receiver }
    }

    /// The receiver.
    pub fn receiver(&self) -> &Arc<Receiver<S>> {
        &self.receiver
    }

    /// Answers one request.
    pub async fn handle<B>(&self, request: Request<B>) -> Response<Full<Bytes>>
    where
        B: Body,
        B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        let (parts, body) = request.into_parts();
        let endpoint = self.receiver.endpoint();
        let body = match endpoint.check(&parts.method, parts.uri.path()) {
            Ok(()) => read_body(endpoint, &parts.headers, body).await,
            Err(refusal) => Err(refusal),
        };
        let outcome = match body {
            Ok(body) => {
                self.receiver
                    .receive(&parts.method, parts.uri.path(), content_type(&parts.headers), &body)
                    .await
            }
            Err(refusal) => Outcome::Refused(refusal),
        };
        respond(&outcome)
    }
}

impl<S: Sink, B> tower_service::Service<Request<B>> for WebhookService<S>
where
    B: Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    type Response = Response<Full<Bytes>>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let service = self.clone();
        Box::pin(async move { Ok(service.handle(request).await) })
    }
}

/// The `Content-Type` header, when it is text.
pub(crate) fn content_type(headers: &HeaderMap) -> Option<&str> {
    headers.get(CONTENT_TYPE).and_then(|value| value.to_str().ok())
}

/// Reads the body up to the endpoint's cap, refusing early on a declared length over it.
pub(crate) async fn read_body<B>(endpoint: &Endpoint, headers: &HeaderMap, body: B) -> Result<Bytes, Refusal>
where
    B: Body,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let declared = headers.get(CONTENT_LENGTH).and_then(|value| value.to_str().ok()?.trim().parse().ok());
    endpoint.check_length(declared)?;
    match Limited::new(body, endpoint.body_limit()).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(error) if error.is::<LengthLimitError>() => {
            Err(Refusal::TooLarge { limit: endpoint.body_limit() })
        }
        Err(_) => Err(Refusal::BodyUnreadable),
    }
}

/// The response for an outcome: the status, `Allow: POST` with a 405, and a one-line reason
/// for refusals other than 404 (which reveals nothing).
pub(crate) fn respond<E>(outcome: &Outcome<E>) -> Response<Full<Bytes>> {
    let text = match outcome {
        Outcome::Refused(Refusal::NotFound) | Outcome::Acknowledged { .. } => String::new(),
        Outcome::Refused(refusal) => format!("{refusal}\n"),
        Outcome::NotStored(_) => "the events could not be stored; retry\n".to_owned(),
    };
    let mut response = Response::new(Full::new(Bytes::from(text)));
    *response.status_mut() = outcome.status();
    if matches!(outcome, Outcome::Refused(Refusal::MethodNotAllowed)) {
        response.headers_mut().insert(ALLOW, HeaderValue::from_static("POST"));
    }
    response
}
