//! Every rule of the receiver, through each layer: the receiver called directly (the pure
//! endpoint plus de-duplication and the sink), the `tower::Service`, and the axum `Router`.

use std::convert::Infallible;
use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::Body;
use exotel_whatsapp::callback::Event;
use exotel_whatsapp::status::DeliveryState;
use exotel_whatsapp::webhook::{Endpoint, Receiver, Sink, Token, WebhookService};
use http::{Method, Request, StatusCode};
use serde_json::Value;
use tower::ServiceExt;

const TOKEN: &str = "t0ken-t0ken-t0ken";
const OLD_TOKEN: &str = "old-t0ken-t0ken-t0ken";
const PATH: &str = "/callbacks/t0ken-t0ken-t0ken";
const JSON: Option<&str> = Some("application/json");
const FORM: Option<&str> = Some("application/x-www-form-urlencoded");

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../../tests/fixtures/callbacks/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn dlr(sid: &str, code: u32) -> Vec<u8> {
    format!(r#"{{"whatsapp": {{"messages": [{{"callback_type": "dlr", "sid": "{sid}", "exo_status_code": {code}}}]}}}}"#)
        .into_bytes()
}

/// Keeps every batch; fails the next `failures` calls.
#[derive(Default)]
struct Recording {
    batches: Mutex<Vec<Vec<Event>>>,
    failures: AtomicUsize,
}

#[derive(Debug)]
struct Full;

impl fmt::Display for Full {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("disk full")
    }
}

impl std::error::Error for Full {}

impl Sink for Recording {
    type Error = Full;

    async fn store(&self, events: &[Event]) -> Result<(), Full> {
        if self.failures.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1)).is_ok() {
            return Err(Full);
        }
        self.batches.lock().unwrap().push(events.to_vec());
        Ok(())
    }
}

impl Recording {
    fn events(&self) -> Vec<Event> {
        self.batches.lock().unwrap().concat()
    }

    fn batches(&self) -> usize {
        self.batches.lock().unwrap().len()
    }
}

/// The three ways in.
#[derive(Debug, Clone, Copy)]
enum Layer {
    Receiver,
    Service,
    Router,
}

const LAYERS: [Layer; 3] = [Layer::Receiver, Layer::Service, Layer::Router];

struct Harness {
    layer: Layer,
    receiver: Arc<Receiver<Arc<Recording>>>,
    sink: Arc<Recording>,
}

impl Harness {
    fn new(layer: Layer) -> Self {
        Self::with(layer, |endpoint| endpoint)
    }

    fn with(layer: Layer, configure: impl FnOnce(Endpoint) -> Endpoint) -> Self {
        let endpoint = configure(Endpoint::new("/callbacks", Token::new(TOKEN).unwrap()));
        let sink = Arc::new(Recording::default());
        Self { layer, receiver: Arc::new(Receiver::new(endpoint, Arc::clone(&sink))), sink }
    }

    async fn send(&self, method: Method, path: &str, content_type: Option<&str>, body: &[u8]) -> StatusCode {
        let request = || {
            let mut builder = Request::builder().method(method.clone()).uri(path);
            if let Some(content_type) = content_type {
                builder = builder.header("content-type", content_type);
            }
            builder.body(Body::from(body.to_vec())).unwrap()
        };
        let service = WebhookService::shared(Arc::clone(&self.receiver));
        match self.layer {
            Layer::Receiver => self.receiver.receive(&method, path, content_type, body).await.status(),
            Layer::Service => {
                service.oneshot(request()).await.unwrap_or_else(|e: Infallible| match e {}).status()
            }
            Layer::Router => service.into_router().oneshot(request()).await.unwrap().status(),
        }
    }

    async fn post(&self, content_type: Option<&str>, body: &[u8]) -> StatusCode {
        self.send(Method::POST, PATH, content_type, body).await
    }
}

#[tokio::test]
async fn a_missing_or_wrong_token_is_not_found_and_stores_nothing() {
    for layer in LAYERS {
        let harness = Harness::new(layer);
        let body = fixture("spec-dlr.json");
        for path in [
            "/callbacks",
            "/callbacks/",
            "/callbacks/t0ken-t0ken-t0keN",
            "/callbacks/t0ken-t0ken-t0ken/x",
            "/",
        ] {
            assert_eq!(
                harness.send(Method::POST, path, JSON, &body).await,
                StatusCode::NOT_FOUND,
                "{layer:?} {path}"
            );
            assert_eq!(
                harness.send(Method::GET, path, JSON, &body).await,
                StatusCode::NOT_FOUND,
                "{layer:?} {path}"
            );
        }
        assert_eq!(harness.sink.batches(), 0, "{layer:?}");
    }
}

#[tokio::test]
async fn an_authenticated_request_with_another_method_is_405() {
    for layer in LAYERS {
        let harness = Harness::new(layer);
        for method in [Method::GET, Method::PUT, Method::DELETE] {
            assert_eq!(
                harness.send(method, PATH, None, b"").await,
                StatusCode::METHOD_NOT_ALLOWED,
                "{layer:?}"
            );
        }
    }
}

#[tokio::test]
async fn a_rotated_token_is_accepted_beside_the_new_one() {
    for layer in LAYERS {
        let harness = Harness::with(layer, |e| e.also_accept(Token::new(OLD_TOKEN).unwrap()));
        let old = format!("/callbacks/{OLD_TOKEN}");
        assert_eq!(
            harness.send(Method::POST, &old, JSON, &dlr("a", 30001)).await,
            StatusCode::OK,
            "{layer:?}"
        );
        assert_eq!(harness.post(JSON, &dlr("b", 30001)).await, StatusCode::OK, "{layer:?}");
        assert_eq!(harness.sink.events().len(), 2, "{layer:?}");
    }
}

#[tokio::test]
async fn the_body_cap_holds_on_both_sides() {
    for layer in LAYERS {
        let body = dlr("s", 30002);
        let at = Harness::with(layer, |e| e.max_body(body.len()));
        assert_eq!(at.post(JSON, &body).await, StatusCode::OK, "{layer:?}");
        let under = Harness::with(layer, |e| e.max_body(body.len() - 1));
        assert_eq!(under.post(JSON, &body).await, StatusCode::PAYLOAD_TOO_LARGE, "{layer:?}");
        assert_eq!(under.sink.batches(), 0, "{layer:?}");
    }
}

/// A body in chunks that declares no length, as a chunked upload.
struct Chunks(std::collections::VecDeque<&'static str>);

impl http_body::Body for Chunks {
    type Data = bytes::Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        _cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<bytes::Bytes>, Infallible>>> {
        std::task::Poll::Ready(self.0.pop_front().map(|chunk| Ok(http_body::Frame::data(chunk.into()))))
    }
}

#[tokio::test]
async fn a_chunked_body_over_the_cap_is_413() {
    for (chunks, status) in
        [(["0123456", "789"], StatusCode::OK), (["0123456", "789!"], StatusCode::PAYLOAD_TOO_LARGE)]
    {
        let harness = Harness::with(Layer::Service, |e| e.max_body(10));
        let service = WebhookService::shared(Arc::clone(&harness.receiver));
        let request = || Request::post(PATH).body(Chunks(chunks.into())).unwrap();
        assert_eq!(service.clone().oneshot(request()).await.unwrap().status(), status);
        let request = Request::post(PATH).body(Body::new(Chunks(chunks.into()))).unwrap();
        assert_eq!(service.into_router().oneshot(request).await.unwrap().status(), status);
        assert_eq!(harness.sink.batches(), usize::from(status == StatusCode::OK));
    }
}

#[tokio::test]
async fn json_and_form_bodies_give_the_same_events() {
    for layer in LAYERS {
        let harness = Harness::new(layer);
        assert_eq!(harness.post(JSON, &fixture("spec-dlr.json")).await, StatusCode::OK);
        assert_eq!(harness.post(FORM, &fixture("form-json-field.txt")).await, StatusCode::OK);
        assert_eq!(harness.post(FORM, &fixture("form-bracketed-icm.txt")).await, StatusCode::OK);
        assert_eq!(harness.post(JSON, &fixture("spec-icm-text.json")).await, StatusCode::OK);
        let events = harness.sink.events();
        // The form body repeats the JSON delivery report: stored once.
        assert_eq!(harness.sink.batches(), 3, "{layer:?}");
        assert!(
            matches!(events.as_slice(), [Event::Status(_), Event::Incoming(_), Event::Incoming(_)]),
            "{layer:?}"
        );
    }
}

#[tokio::test]
async fn repeats_reach_the_sink_once_and_are_acknowledged() {
    for layer in LAYERS {
        let harness = Harness::new(layer);
        let body = fixture("spec-icm-image.json");
        for _ in 0..3 {
            assert_eq!(harness.post(JSON, &body).await, StatusCode::OK, "{layer:?}");
        }
        let twice = br#"{"whatsapp": {"messages": [
            {"callback_type": "dlr", "sid": "x", "exo_status_code": 30001},
            {"callback_type": "dlr", "sid": "x", "exo_status_code": 30001, "timestamp": "later"}]}}"#;
        assert_eq!(harness.post(JSON, twice).await, StatusCode::OK);
        assert_eq!(harness.sink.batches(), 2, "{layer:?}");
        assert_eq!(harness.sink.events().len(), 2, "{layer:?}");
    }
}

#[tokio::test]
async fn a_failing_sink_gives_500_and_the_retry_is_stored_exactly_once() {
    for layer in LAYERS {
        let harness = Harness::new(layer);
        harness.sink.failures.store(2, Ordering::SeqCst);
        let body = fixture("spec-dlr.json");
        assert_eq!(harness.post(JSON, &body).await, StatusCode::INTERNAL_SERVER_ERROR, "{layer:?}");
        assert_eq!(harness.post(JSON, &body).await, StatusCode::INTERNAL_SERVER_ERROR, "{layer:?}");
        assert_eq!(harness.post(JSON, &body).await, StatusCode::OK, "{layer:?}");
        assert_eq!(harness.post(JSON, &body).await, StatusCode::OK, "{layer:?}");
        assert_eq!(harness.sink.events().len(), 1, "{layer:?}");
        // Code 25001 is outside Exotel's table; its name, EX_MESSAGE_DELIVERED, tells the state.
        assert_eq!(harness.receiver.state("1234"), DeliveryState::Delivered, "{layer:?}");
    }
}

#[tokio::test]
async fn a_late_sent_never_overwrites_delivered() {
    for layer in LAYERS {
        let harness = Harness::new(layer);
        for (code, state) in [
            (30002, DeliveryState::Delivered),
            (30001, DeliveryState::Delivered),
            (30003, DeliveryState::Seen),
        ] {
            assert_eq!(harness.post(JSON, &dlr("m1", code)).await, StatusCode::OK);
            assert_eq!(harness.receiver.state("m1"), state, "{layer:?} after {code}");
        }
        assert_eq!(harness.post(JSON, &dlr("m2", 30007)).await, StatusCode::OK);
        assert_eq!(harness.post(JSON, &dlr("m2", 30003)).await, StatusCode::OK);
        assert_eq!(harness.receiver.state("m2"), DeliveryState::Failed, "{layer:?}");
        assert_eq!(harness.receiver.state("never"), DeliveryState::Unknown);
    }
}

#[tokio::test]
async fn a_body_that_is_not_a_callback_is_kept_and_acknowledged_once() {
    for layer in LAYERS {
        let harness = Harness::new(layer);
        let verbatim = fixture("spec-dlr.verbatim.txt");
        for body in [&verbatim[..], b"hello", &verbatim[..]] {
            assert_eq!(harness.post(JSON, body).await, StatusCode::OK, "{layer:?}");
        }
        let raws: Vec<Value> = harness.sink.events().iter().map(|event| event.raw().to_value()).collect();
        let text = String::from_utf8(verbatim).unwrap();
        assert_eq!(raws, [Value::String(text), Value::String("hello".into())], "{layer:?}");
    }
}

#[tokio::test]
async fn remember_zero_leaves_repeats_to_the_sink() {
    let sink = Arc::new(Recording::default());
    let endpoint = Endpoint::new("/callbacks", Token::new(TOKEN).unwrap());
    let receiver = Receiver::new(endpoint, Arc::clone(&sink)).remember(0);
    for _ in 0..2 {
        assert_eq!(
            receiver.receive(&Method::POST, PATH, JSON, &dlr("r", 30001)).await.status(),
            StatusCode::OK
        );
    }
    assert_eq!(sink.batches(), 2);
}

/// Yields to the other request before keeping the events, as a database round trip would.
struct Slow(Recording);

impl Sink for Slow {
    type Error = Full;

    async fn store(&self, events: &[Event]) -> Result<(), Full> {
        for _ in 0..10 {
            tokio::task::yield_now().await;
        }
        self.0.store(events).await
    }
}

#[tokio::test]
async fn two_copies_arriving_together_are_stored_once() {
    let endpoint = Endpoint::new("/callbacks", Token::new(TOKEN).unwrap());
    let receiver = Receiver::new(endpoint, Slow(Recording::default()));
    let body = fixture("spec-icm-text.json");
    let post = || receiver.receive(&Method::POST, PATH, JSON, &body);
    let (first, second) = tokio::join!(post(), post());
    assert_eq!((first.status(), second.status()), (StatusCode::OK, StatusCode::OK));
    assert_eq!(receiver.sink().0.batches(), 1);
}
