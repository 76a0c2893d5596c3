//! Scenario rows: faults by order of arrival, and whether the messages were taken anyway.

mod support;

use exotel_whatsapp::response::{SendError, SendResponse};
use exotel_whatsapp::sandbox::{Fault, MessageState, Scenario};
use support::{Listener, PATIENCE, codes_for, request, sandbox, send, text};

/// The scenario of the issue, row for row.
const ROWS: &str = r#"[{"request": 1, "status": 429, "retry_after": 1}, {"request": 2, "status": 503},
    {"request": 3, "status": 500}, {"request": 4, "drop_after_body": true}]"#;

fn to(request: u64) -> String {
    format!("+91981234000{request}")
}

#[tokio::test]
async fn every_row_answers_as_written_and_records_only_what_a_server_might_have_taken() {
    let listener = Listener::start().await;
    let scenario = Scenario::from_json(ROWS.as_bytes()).unwrap();
    let sandbox =
        sandbox().scenario(scenario).default_callback(listener.url("/status")).start().await.unwrap();
    let credentials = sandbox.credentials();
    let post = |number: u64| {
        support::http()
            .post(sandbox.messages_url())
            .basic_auth(credentials.api_key(), Some(credentials.api_token()))
            .body(request([text(&to(number), "Hi")]).to_string())
            .send()
    };

    // 1: 429 with Retry-After; nothing taken.
    let response = post(1).await.unwrap();
    assert_eq!(response.status().as_u16(), 429);
    assert_eq!(response.headers().get("retry-after").and_then(|v| v.to_str().ok()), Some("1"));
    let error = SendResponse::from_http(429, &response.text().await.unwrap()).unwrap_err();
    assert!(matches!(error, SendError::TooManyRequests(_)) && error.is_retryable(), "{error:?}");

    // 2: 503; nothing taken.
    let response = post(2).await.unwrap();
    assert_eq!(response.status().as_u16(), 503);
    let error = SendResponse::from_http(503, &response.text().await.unwrap()).unwrap_err();
    assert!(matches!(error, SendError::Server { status: 503, .. }), "{error:?}");

    // 3: 500, but the message was taken and its callbacks come.
    let response = post(3).await.unwrap();
    assert_eq!(response.status().as_u16(), 500);
    let error = SendResponse::from_http(500, &response.text().await.unwrap()).unwrap_err();
    assert!(matches!(error, SendError::Server { status: 500, .. }), "{error:?}");

    // 4: the connection closes after the body, without an answer; the message was taken.
    let dropped = post(4).await.unwrap_err();
    assert!(!dropped.is_timeout() && dropped.status().is_none(), "{dropped:?}");

    // 5: no row, answered normally.
    let response = post(5).await.unwrap();
    assert_eq!(response.status().as_u16(), 202);

    assert!(sandbox.settled(PATIENCE).await);
    let records = sandbox.messages();
    let taken: Vec<(u64, &str, MessageState)> =
        records.iter().map(|r| (r.request, r.to.as_str(), r.state)).collect();
    assert_eq!(
        taken,
        [
            (3, to(3).as_str(), MessageState::Seen),
            (4, to(4).as_str(), MessageState::Seen),
            (5, to(5).as_str(), MessageState::Seen)
        ]
    );
    let received = listener.received();
    for record in &records {
        assert_eq!(codes_for(&received, record.sid.as_deref().unwrap()), [30001, 30002, 30003]);
    }
}

#[tokio::test]
async fn every_request_counts_even_a_refused_one() {
    let sandbox = sandbox().scenario(Scenario::new().with(1, Fault::status(503))).start().await.unwrap();
    // Request 1 has wrong credentials: authentication comes first, and the row is spent.
    let (status, _, _) = support::answer(
        support::http().post(sandbox.messages_url()).basic_auth("nobody", Some("nothing")).body("{}"),
    )
    .await;
    assert_eq!(status, 401);
    let (status, _, text) = send(&sandbox, &request([text(&to(2), "Hi")])).await;
    assert_eq!(status, 202, "{text}");
    assert_eq!(sandbox.messages()[0].request, 2);
}

#[tokio::test]
async fn a_recording_fault_on_an_invalid_body_answers_the_fault_and_takes_nothing() {
    let sandbox = sandbox()
        .scenario(Scenario::new().with(1, Fault::status(502).recording(true)))
        .start()
        .await
        .unwrap();
    let (status, _, _) = send(&sandbox, &request([text("+91-9812345678", "a dash")])).await;
    assert_eq!(status, 502);
    let (status, _, _) = send(&sandbox, &request([text(&to(2), "Hi")])).await;
    assert_eq!(status, 202);
    let records = sandbox.messages();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].request, 2);
}

#[tokio::test]
async fn a_recording_502_takes_the_messages() {
    let sandbox = sandbox()
        .scenario(Scenario::new().with(1, Fault::status(502).recording(true)))
        .start()
        .await
        .unwrap();
    let (status, _, _) = send(&sandbox, &request([text(&to(1), "Hi")])).await;
    assert_eq!(status, 502);
    assert!(sandbox.settled(PATIENCE).await);
    assert_eq!(sandbox.messages()[0].state, MessageState::Seen);
}
