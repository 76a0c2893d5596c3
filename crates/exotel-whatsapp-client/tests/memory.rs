//! Every row of the retry table through both clients, on the in-memory transport: what the
//! caller gets back and how many requests went out.

mod support;

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

use exotel_whatsapp_client::{
    BlockingClient, Client, HttpRequest, HttpResponse, MemoryTransport, TransportError,
};
use exotel_whatsapp_core::send::{NotSentReason, Outcome, Policy};
use support::{messages, request, settings};

type Answer = Result<HttpResponse, TransportError>;

#[allow(clippy::unnecessary_wraps)] // the scripts hold answers and transport errors alike
fn answer(code: u16, headers: &[(&str, &str)], body: &str) -> Answer {
    let mut response = http::Response::builder().status(code);
    for (name, value) in headers {
        response = response.header(*name, *value);
    }
    Ok(response.body(body.as_bytes().to_vec()).unwrap())
}

fn code(code: u16) -> Answer {
    answer(code, &[], "{}")
}

fn accepted(sids: &[&str]) -> Answer {
    let results: Vec<String> = sids
        .iter()
        .map(|sid| format!(r#"{{"code": 202, "status": "success", "data": {{"sid": "{sid}"}}}}"#))
        .collect();
    answer(202, &[], &format!(r#"{{"response": {{"whatsapp": {{"messages": [{}]}}}}}}"#, results.join(",")))
}

/// A transport that gives the scripted answers in order, then fails as "not sent".
fn scripted(answers: Vec<Answer>) -> MemoryTransport {
    let answers = Mutex::new(VecDeque::from(answers));
    MemoryTransport::new(move |_: &HttpRequest| {
        answers.lock().unwrap().pop_front().unwrap_or_else(|| Err(TransportError::unsent("script ended")))
    })
}

/// Sends one request of `n` messages through both clients, each on a fresh copy of the script;
/// both must agree. Returns the outcomes and the number of HTTP requests made.
fn run(script: impl Fn() -> Vec<Answer>, n: usize) -> (Vec<Outcome>, usize) {
    let blocking =
        BlockingClient::with_transport(settings("http://127.0.0.1:9"), scripted(script())).unwrap();
    let outcomes = blocking.send(&request(n));
    let asynchronous = Client::with_transport(settings("http://127.0.0.1:9"), scripted(script())).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
    assert_eq!(runtime.block_on(asynchronous.send(&request(n))), outcomes);
    assert_eq!(asynchronous.transport().requests().len(), blocking.transport().requests().len());
    (outcomes, blocking.transport().requests().len())
}

#[test]
fn connect_failures_are_retried() {
    let (outcomes, sent) = run(|| vec![Err(TransportError::unsent("dns")), accepted(&["a", "b"])], 2);
    assert!(matches!(&outcomes[..], [Outcome::Accepted { attempts: 2, .. }, Outcome::Accepted { .. }]));
    assert_eq!(sent, 2);
}

#[test]
fn throttling_is_retried() {
    for status in [429, 503] {
        let (outcomes, sent) =
            run(|| vec![answer(status, &[("retry-after", "0")], ""), code(status), accepted(&["a"])], 1);
        assert!(matches!(&outcomes[..], [Outcome::Accepted { attempts: 3, .. }]), "{status}: {outcomes:?}");
        assert_eq!(sent, 3);
    }
}

#[test]
fn gateway_errors_are_retried() {
    let (outcomes, sent) = run(|| vec![code(502), code(504), accepted(&["a"])], 1);
    assert!(matches!(&outcomes[..], [Outcome::Accepted { attempts: 3, .. }]));
    assert_eq!(sent, 3);
}

#[test]
fn a_500_is_ambiguous_and_sent_once() {
    let (outcomes, sent) = run(|| vec![code(500), accepted(&["a", "b"])], 2);
    assert!(outcomes.iter().all(|o| matches!(o, Outcome::Ambiguous { attempts: 1, .. })), "{outcomes:?}");
    assert_eq!(sent, 1);
}

#[test]
fn a_500_is_retried_when_opted_into() {
    let transport = scripted(vec![code(500), accepted(&["a"])]);
    let policy = Policy::default().backoff(Duration::from_millis(1)).retry_server_errors(true);
    let client =
        BlockingClient::with_transport(settings("http://127.0.0.1:9").policy(policy), transport).unwrap();
    assert!(matches!(&client.send(&request(1))[..], [Outcome::Accepted { attempts: 2, .. }]));
}

#[test]
fn a_lost_request_is_ambiguous_and_sent_once() {
    let (outcomes, sent) = run(|| vec![Err(TransportError::maybe_sent("reset")), accepted(&["a"])], 1);
    assert_eq!(outcomes, [Outcome::Ambiguous { reason: "reset".into(), attempts: 1 }]);
    assert_eq!(sent, 1);
}

#[test]
fn client_errors_reject_the_whole_request() {
    for status in [400, 402, 403, 404] {
        let (outcomes, sent) = run(|| vec![code(status), accepted(&["a", "b"])], 2);
        assert!(
            outcomes.iter().all(
                |o| matches!(o, Outcome::Rejected { code, attempts: 1, .. } if *code == u32::from(status))
            ),
            "{outcomes:?}"
        );
        assert_eq!(sent, 1);
    }
}

#[test]
fn a_401_stops_every_later_request() {
    for use_async in [false, true] {
        let transport = scripted(vec![code(401), accepted(&["never"])]);
        let outcomes = if use_async {
            let client =
                Client::with_transport(settings("http://127.0.0.1:9").concurrency(1), transport).unwrap();
            let runtime = tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
            let outcomes = runtime.block_on(client.send_all(messages(150)));
            assert_eq!(client.transport().requests().len(), 1);
            outcomes
        } else {
            let client = BlockingClient::with_transport(settings("http://127.0.0.1:9"), transport).unwrap();
            let outcomes = client.send_all(messages(150));
            // A later, separate send is stopped too.
            assert_eq!(client.send(&request(1))[0].status(), "not_sent");
            assert_eq!(client.transport().requests().len(), 1);
            outcomes
        };
        assert!(outcomes[..100].iter().all(|o| matches!(o, Outcome::Rejected { code: 401, .. })));
        let stopped = Outcome::NotSent { reason: NotSentReason::Unauthorized, attempts: 0 };
        assert!(outcomes[100..].iter().all(|o| *o == stopped));
    }
}

#[test]
fn per_message_failures_in_a_202_are_rejected_and_not_retried() {
    let body = r#"{"response": {"whatsapp": {"messages": [
        {"code": 202, "status": "success", "data": {"sid": "ok"}},
        {"code": 1002, "status": "failure", "error_data": {"code": 1002, "message": "Invalid to"}}]}}}"#;
    let (outcomes, sent) = run(|| vec![answer(202, &[], body)], 2);
    assert!(matches!(&outcomes[0], Outcome::Accepted { sid, .. } if sid.as_str() == "ok"));
    assert_eq!(outcomes[1], Outcome::Rejected { code: 1002, description: "Invalid to".into(), attempts: 1 });
    assert_eq!(sent, 1);
}

#[test]
fn giving_up_after_the_attempts_is_not_sent() {
    let (outcomes, sent) = run(|| (0..5).map(|_| code(503)).collect(), 3);
    assert!(
        outcomes
            .iter()
            .all(|o| matches!(o, Outcome::NotSent { reason: NotSentReason::GaveUp(_), attempts: 5 }))
    );
    assert_eq!(sent, 5);
}

#[test]
fn send_all_returns_one_outcome_per_message_in_input_order() {
    for use_async in [false, true] {
        let settings = settings("http://127.0.0.1:9").concurrency(3);
        let outcomes = if use_async {
            let client = Client::with_transport(settings, MemoryTransport::accepting()).unwrap();
            let runtime = tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
            runtime.block_on(client.send_all(messages(345)))
        } else {
            BlockingClient::with_transport(settings, MemoryTransport::accepting())
                .unwrap()
                .send_all(messages(345))
        };
        let sids: Vec<String> = outcomes
            .iter()
            .map(|o| match o {
                Outcome::Accepted { sid, .. } => sid.to_string(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(sids, (0..345).map(|n| format!("m{n}")).collect::<Vec<_>>());
        assert!(
            BlockingClient::with_transport(
                support::settings("http://127.0.0.1:9"),
                MemoryTransport::accepting()
            )
            .unwrap()
            .send_all([])
            .is_empty()
        );
    }
}

#[tokio::test(start_paused = true)]
async fn requests_are_paced_across_concurrent_sends() {
    let client = Client::with_transport(
        settings("http://127.0.0.1:9").requests_per_minute(60).concurrency(4),
        MemoryTransport::accepting(),
    )
    .unwrap();
    let start = tokio::time::Instant::now();
    let outcomes = client.send_all(messages(400)).await;
    assert_eq!(outcomes.len(), 400);
    // Four requests at 60 a minute: the last starts 3 s after the first (virtual time).
    assert_eq!(start.elapsed().as_secs(), 3);
}

#[tokio::test(start_paused = true)]
async fn stopped_requests_do_not_wait_for_the_pacer() {
    let client = Client::with_transport(
        settings("http://127.0.0.1:9").requests_per_minute(6).concurrency(1),
        scripted(vec![code(401)]),
    )
    .unwrap();
    let start = tokio::time::Instant::now();
    let outcomes = client.send_all(messages(500)).await;
    assert_eq!(outcomes[499].status(), "not_sent");
    // Five requests at 6 a minute would take 40 s; after the 401 the other four take none.
    assert_eq!(start.elapsed(), Duration::ZERO);
}
