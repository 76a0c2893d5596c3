//! What the sandbox's tests share: a callback listener on 127.0.0.1, a plain HTTP client for the
//! send route, and request bodies.

#![allow(dead_code, reason = "each test binary uses part of the support module")]

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use exotel_whatsapp::callback::{Event, Parser};
use exotel_whatsapp::sandbox::{Sandbox, SandboxBuilder};
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::watch;

/// Every wait in these tests gives up after this long; none is expected to come close.
pub const PATIENCE: Duration = Duration::from_secs(10);

/// Delays divided by this: a status callback round takes a few milliseconds at most.
pub const SPEED: f64 = 1000.0;

/// A sandbox at test speed with a fixed seed.
pub fn sandbox() -> SandboxBuilder {
    Sandbox::builder().seed(7).speed(SPEED)
}

/// One request the listener received.
#[derive(Debug, Clone)]
pub struct Received {
    pub path: String,
    pub content_type: Option<String>,
    /// The body as received.
    pub bytes: Vec<u8>,
    /// The body as JSON (`null` if it is not).
    pub body: Value,
}

impl Received {
    /// The events, read as a webhook would: the library's parser, told the content type.
    pub fn events(&self) -> Vec<Event> {
        let parser = Parser::new();
        let parser =
            self.content_type.as_deref().map_or(parser, |content_type| parser.content_type(content_type));
        parser.parse(&self.bytes).unwrap_or_else(|error| panic!("{error}: {}", self.body))
    }
}

struct Inbox {
    received: Mutex<Vec<Received>>,
    count: watch::Sender<usize>,
    /// Answer 500 to the first this many requests, 200 after.
    failures: usize,
}

/// A callback receiver on a free port of 127.0.0.1 that keeps every body.
pub struct Listener {
    base: String,
    inbox: Arc<Inbox>,
}

impl Listener {
    /// Answers 200 to everything.
    pub async fn start() -> Self {
        Self::failing(0).await
    }

    /// Answers 500 to the first `failures` requests, 200 after.
    pub async fn failing(failures: usize) -> Self {
        let inbox =
            Arc::new(Inbox { received: Mutex::new(Vec::new()), count: watch::Sender::new(0), failures });
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a loopback port");
        let base = format!("http://{}", listener.local_addr().expect("its address"));
        let app = Router::new().fallback(receive).with_state(Arc::clone(&inbox));
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { base, inbox }
    }

    /// The URL of `path` on this listener.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Waits until at least `count` requests arrived; panics after [`PATIENCE`].
    pub async fn wait_for(&self, count: usize) -> Vec<Received> {
        let mut changes = self.inbox.count.subscribe();
        let arrived = tokio::time::timeout(PATIENCE, changes.wait_for(|n| *n >= count)).await;
        assert!(arrived.is_ok(), "{count} callbacks expected, {} arrived", self.received().len());
        self.received()
    }

    /// What arrived so far, in order.
    pub fn received(&self) -> Vec<Received> {
        self.inbox.received.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

async fn receive(
    State(inbox): State<Arc<Inbox>>,
    uri: Uri,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> StatusCode {
    let received = Received {
        path: uri.path().to_owned(),
        content_type: headers.get("content-type").and_then(|v| v.to_str().ok()).map(str::to_owned),
        body: serde_json::from_slice(&body).unwrap_or(Value::Null),
        bytes: body.to_vec(),
    };
    let count = {
        let mut all = inbox.received.lock().unwrap_or_else(PoisonError::into_inner);
        all.push(received);
        all.len()
    };
    inbox.count.send_replace(count);
    if count <= inbox.failures { StatusCode::INTERNAL_SERVER_ERROR } else { StatusCode::OK }
}

/// The tests' HTTP client. reqwest with `rustls-no-provider` (which the library's async client
/// turns on in any build that has it) panics when built without a TLS configuration, so it gets
/// one, on the ring provider; it is never used, since everything here is plain http.
pub fn http() -> reqwest::Client {
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("ring supports the default versions")
        .with_root_certificates(rustls::RootCertStore::empty())
        .with_no_client_auth();
    reqwest::Client::builder().tls_backend_preconfigured(tls).build().expect("an HTTP client")
}

/// Posts `body` to the sandbox's send route with its credentials; returns status, headers and
/// body text.
pub async fn send(sandbox: &Sandbox, body: &Value) -> (u16, reqwest::header::HeaderMap, String) {
    let credentials = sandbox.credentials();
    let request = http()
        .post(sandbox.messages_url())
        .basic_auth(credentials.api_key(), Some(credentials.api_token()))
        .header("content-type", "application/json")
        .body(body.to_string());
    answer(request).await
}

/// Sends a request and reads the whole answer.
pub async fn answer(request: reqwest::RequestBuilder) -> (u16, reqwest::header::HeaderMap, String) {
    let response = request.send().await.expect("the sandbox answers");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.text().await.expect("a body"))
}

/// A text message from the sandbox's business number to `to`.
pub fn text(to: &str, body: &str) -> Value {
    json!({"from": "+919000000000", "to": to, "content": {"type": "text", "text": {"body": body}}})
}

/// A request of these messages.
pub fn request(messages: impl IntoIterator<Item = Value>) -> Value {
    json!({"whatsapp": {"messages": messages.into_iter().collect::<Vec<_>>()}})
}

/// The status codes that arrived for `sid`, in order.
pub fn codes_for(received: &[Received], sid: &str) -> Vec<u64> {
    events(received)
        .filter(|event| event["sid"] == sid)
        .map(|event| event["exo_status_code"].as_u64().expect("a numeric code"))
        .collect()
}

/// Every event of every body received.
pub fn events(received: &[Received]) -> impl Iterator<Item = &Value> {
    received.iter().flat_map(|r| r.body["whatsapp"]["messages"].as_array().into_iter().flatten())
}
