//! The key and token appear in no `Debug` output, error or log line, on every path a request
//! can take.

mod support;

use std::io::Write;
use std::sync::{Arc, Mutex};

use exotel_whatsapp_client::{BlockingClient, Client, MemoryTransport, TransportError};
use exotel_whatsapp_core::send::{Api, Credentials, Endpoint, Outcome};
use support::server::{Action, Server, accepted, status};
use support::{KEY, TOKEN, request, settings};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn assert_secret_free(text: &str) {
    assert!(!text.contains(TOKEN) && !text.contains(KEY), "a secret leaked: {text}");
    // Nor their Basic encoding.
    assert!(!text.contains("a2V5LVBSSVZBVEUtOWE3Yzp0b2stU0VDUkVULTVmMWU="), "the header leaked: {text}");
}

#[test]
fn no_debug_output_or_error_shows_a_secret() {
    let settings = settings("http://127.0.0.1:9");
    let credentials = Credentials::new(KEY, TOKEN, "acme1").unwrap();
    let api = Api::new(&Endpoint::parse("http://127.0.0.1:9").unwrap(), &credentials).unwrap();
    let blocking = BlockingClient::new(settings.clone()).unwrap();
    let asynchronous = Client::new(settings.clone()).unwrap();
    let memory = BlockingClient::with_transport(settings.clone(), MemoryTransport::accepting()).unwrap();
    let http = api.request(&request(1));
    for text in [
        format!("{settings:?}"),
        format!("{credentials:?}"),
        format!("{api:?}"),
        format!("{blocking:?}"),
        format!("{asynchronous:?}"),
        format!("{memory:?}"),
        format!("{http:?}"),
    ] {
        assert_secret_free(&text);
    }
}

#[test]
fn no_log_line_shows_a_secret() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    tracing::subscriber::with_default(subscriber, || {
        let server = Server::start(vec![status(429), Action::Close, accepted("s", 1), status(401)]);
        let client = BlockingClient::new(settings(&server.url())).unwrap();
        let outcomes: Vec<_> = (0..3).flat_map(|_| client.send(&request(1))).collect();
        assert_eq!(
            outcomes.iter().map(Outcome::status).collect::<Vec<_>>(),
            ["ambiguous", "accepted", "rejected"]
        );
        for outcome in &outcomes {
            assert_secret_free(&format!("{outcome} {outcome:?}"));
        }

        let server = Server::start(vec![status(503), Action::Close]);
        let client = Client::new(settings(&server.url())).unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        assert_eq!(runtime.block_on(client.send(&request(1)))[0].status(), "ambiguous");

        let refused = TransportError::unsent("refused");
        assert_secret_free(&format!("{refused} {refused:?}"));
    });
    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("status=429") && logs.contains("status=401") && logs.contains("exotel_send"),
        "{logs}"
    );
    assert_secret_free(&logs);
}
