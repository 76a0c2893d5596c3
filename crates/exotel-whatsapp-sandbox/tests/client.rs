//! The library's own async client against the sandbox: every scenario row and every magic number
//! ends in the outcome the client promises, and each accepted message's delivery reports reach a
//! local listener in order, with its `custom_data`.

mod support;

use std::time::Duration;

use exotel_whatsapp::Request;
use exotel_whatsapp::callback::Event;
use exotel_whatsapp::client::{Client, Settings};
use exotel_whatsapp::sandbox::{Fault, MessageState, Sandbox, Scenario, magic};
use exotel_whatsapp::send::{Credentials, Endpoint, Outcome, Policy};
use exotel_whatsapp::status::DeliveryState::{self, Delivered, Failed, Seen, Sent};
use serde_json::{Value, json};
use support::{Listener, PATIENCE, Received, request, sandbox, text};

/// The client, pointed at `sandbox`, with retries a millisecond apart (a `Retry-After` is capped
/// to that too) and no pacing.
fn client(sandbox: &Sandbox) -> Client {
    let credentials = sandbox.credentials();
    let credentials =
        Credentials::new(credentials.api_key(), credentials.api_token(), credentials.account_sid()).unwrap();
    let policy = Policy::default().backoff(Duration::from_millis(1)).max_wait(Duration::from_millis(1));
    let settings = Settings::new(credentials)
        .endpoint(Endpoint::parse(&sandbox.base_url()).unwrap())
        .policy(policy)
        .requests_per_minute(0);
    Client::new(settings).unwrap()
}

/// A checked request of `messages`, as `exotel-wa check` reads it.
fn checked(messages: impl IntoIterator<Item = Value>) -> Request {
    let body = request(messages).to_string();
    exotel_whatsapp::check::check(body.as_bytes()).into_request().expect("a valid request")
}

/// A text to `to` carrying `custom_data`.
fn tagged(to: &str, custom_data: &str) -> Value {
    let mut message = text(to, "Your order has shipped 📦");
    message["custom_data"] = json!(custom_data);
    message
}

/// `(state, custom_data)` of every status event for `sid` that reached the listener, in order.
fn reports(received: &[Received], sid: &str) -> Vec<(DeliveryState, Option<String>)> {
    received
        .iter()
        .flat_map(Received::events)
        .filter_map(|event| match event {
            Event::Status(status) if status.sid.as_deref() == Some(sid) => Some((
                status.status.state(),
                status.custom_data.as_ref().and_then(|data| data.as_str().map(str::to_owned)),
            )),
            _ => None,
        })
        .collect()
}

/// The one sid of an accepted outcome.
fn sid(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Accepted { sid, .. } => sid.as_str().to_owned(),
        other => panic!("accepted expected: {other:?}"),
    }
}

#[tokio::test]
async fn throttled_and_unavailable_requests_are_retried_and_accepted_once() {
    let throttled = Fault::status(429).retry_after(1);
    for (fault, name) in [(throttled, "429 with Retry-After"), (Fault::status(503), "503")] {
        let sandbox = sandbox().scenario(Scenario::new().with(1, fault)).start().await.unwrap();
        let outcomes = client(&sandbox).send(&checked([text("+919812340001", "Hi")])).await;
        assert!(matches!(&outcomes[..], [Outcome::Accepted { attempts: 2, .. }]), "{name}: {outcomes:?}");
        let records = sandbox.messages();
        assert_eq!(records.len(), 1, "{name}: taken once, by the retry");
        assert_eq!((records[0].request, records[0].sid.clone()), (2, Some(sid(&outcomes[0]))), "{name}");
    }
}

#[tokio::test]
async fn a_500_or_a_dropped_connection_is_ambiguous_never_retried_and_taken_once() {
    for (fault, name) in [(Fault::status(500), "500"), (Fault::drop_after_body(), "dropped connection")] {
        let sandbox = sandbox().scenario(Scenario::new().with(1, fault)).start().await.unwrap();
        let outcomes = client(&sandbox).send(&checked([text("+919812340001", "Hi")])).await;
        assert!(matches!(&outcomes[..], [Outcome::Ambiguous { attempts: 1, .. }]), "{name}: {outcomes:?}");
        assert!(sandbox.settled(PATIENCE).await);
        let records = sandbox.messages();
        let taken: Vec<(u64, MessageState)> = records.iter().map(|r| (r.request, r.state)).collect();
        assert_eq!(taken, [(1, MessageState::Seen)], "{name}: recorded once, and delivered");
    }
}

#[tokio::test]
async fn the_issues_scenario_in_a_row_ends_ambiguous_after_three_attempts() {
    // 429 → retried → 503 → retried → 500: ambiguous, and the 500's request is the only one taken.
    let rows = br#"[{"request": 1, "status": 429, "retry_after": 1}, {"request": 2, "status": 503},
        {"request": 3, "status": 500}, {"request": 4, "drop_after_body": true}]"#;
    let sandbox = sandbox().scenario(Scenario::from_json(rows).unwrap()).start().await.unwrap();
    let client = client(&sandbox);
    let first = client.send(&checked([text("+919812340001", "Hi")])).await;
    assert!(matches!(&first[..], [Outcome::Ambiguous { attempts: 3, .. }]), "{first:?}");
    let second = client.send(&checked([text("+919812340002", "Hi")])).await;
    assert!(matches!(&second[..], [Outcome::Ambiguous { attempts: 1, .. }]), "{second:?}");
    let third = client.send(&checked([text("+919812340003", "Hi")])).await;
    assert!(matches!(&third[..], [Outcome::Accepted { attempts: 1, .. }]), "{third:?}");
    let taken: Vec<(u64, String)> = sandbox.messages().into_iter().map(|r| (r.request, r.to)).collect();
    assert_eq!(
        taken,
        [(3, "+919812340001".into()), (4, "+919812340002".into()), (5, "+919812340003".into())]
    );
}

#[tokio::test]
async fn magic_numbers_end_as_documented_and_each_report_carries_its_custom_data() {
    let listener = Listener::start().await;
    let sandbox = sandbox().default_callback(listener.url("/status")).start().await.unwrap();
    let other = "+919812345678";
    let messages = [
        tagged(magic::REJECTED, "rejected-1"),
        tagged(magic::FAILS, "fails-2"),
        tagged(magic::NEVER_DELIVERED, "never-3"),
        tagged(other, "नमस्ते-4"),
        // Digits without `+` are the same number.
        tagged(&magic::FAILS[1..], "fails-5"),
    ];
    let outcomes = client(&sandbox).send(&checked(messages)).await;
    assert_eq!(outcomes.len(), 5);
    let Outcome::Rejected { code: 400, description, attempts: 1 } = &outcomes[0] else {
        panic!("{:?}", outcomes[0])
    };
    assert!(description.contains(magic::REJECTED), "{description}");
    let sids: Vec<String> = outcomes[1..].iter().map(sid).collect();

    assert!(sandbox.settled(PATIENCE).await, "every callback posted");
    let received = listener.received();
    assert!(received.iter().all(|r| r.path == "/status"));
    let tag = |text: &str| Some(text.to_owned());
    assert_eq!(reports(&received, &sids[0]), [(Failed, tag("fails-2"))]);
    assert_eq!(reports(&received, &sids[1]), [(Sent, tag("never-3"))]);
    assert_eq!(
        reports(&received, &sids[2]),
        [(Sent, tag("नमस्ते-4")), (Delivered, tag("नमस्ते-4")), (Seen, tag("नमस्ते-4"))]
    );
    assert_eq!(reports(&received, &sids[3]), [(Failed, tag("fails-5"))]);
    let failure = received.iter().flat_map(Received::events).find_map(|event| match event {
        Event::Status(status) if status.sid.as_deref() == Some(&sids[0]) => status.status.code,
        _ => None,
    });
    assert_eq!(failure, Some(magic::FAILURE_CODE));
    // Nothing was posted for the rejected message: 1 + 1 + 3 + 1 reports in all.
    assert_eq!(received.iter().flat_map(Received::events).count(), 6);
}
