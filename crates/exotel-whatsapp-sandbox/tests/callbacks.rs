//! Status callbacks: one per status, in order, to the effective `status_callback`, in a shape the
//! library's own parser reads; magic numbers; retries; the loopback rule.

mod support;

use exotel_whatsapp::callback::Event;
use exotel_whatsapp::response::SendResponse;
use exotel_whatsapp::sandbox::magic::{FAILS, FAILURE_CODE, NEVER_DELIVERED, REJECTED};
use exotel_whatsapp::sandbox::{MessageState, Outcome, StartError};
use exotel_whatsapp::status::DeliveryState;
use serde_json::json;
use support::{Listener, PATIENCE, codes_for, events, request, sandbox, send, text};

/// Sends `body` and returns the sids the sandbox gave, in order (`None` for a rejection).
async fn sids(sandbox: &exotel_whatsapp::sandbox::Sandbox, body: &serde_json::Value) -> Vec<Option<String>> {
    let (status, _, text) = send(sandbox, body).await;
    let response = SendResponse::from_http(status, &text).unwrap();
    response.results().map(|(_, result)| result.ok().map(ToString::to_string)).collect()
}

#[tokio::test]
async fn every_accepted_message_is_sent_delivered_and_seen_in_order_with_its_custom_data() {
    let listener = Listener::start().await;
    let sandbox = sandbox().start().await.unwrap();
    let mut first = text("+919812345678", "Hi");
    first["custom_data"] = json!("order-1");
    let mut body = request([first, text("+919812345679", "नमस्ते 👋")]);
    body["custom_data"] = json!({"campaign": "diwali"}).to_string().into();
    body["status_callback"] = listener.url("/status").into();
    let sids = sids(&sandbox, &body).await;
    let received = listener.wait_for(6).await;
    assert!(sandbox.settled(PATIENCE).await);

    for (sid, custom_data) in sids.iter().flatten().zip(["order-1", r#"{"campaign":"diwali"}"#]) {
        assert_eq!(codes_for(&received, sid), [30001, 30002, 30003], "{sid}");
        let mut state = DeliveryState::Unknown;
        for body in received.iter().filter(|r| r.body.to_string().contains(sid.as_str())) {
            assert_eq!(body.path, "/status");
            assert_eq!(body.content_type.as_deref(), Some("application/json"));
            let parsed = body.events();
            let [Event::Status(event)] = parsed.as_slice() else { panic!("one status event: {parsed:?}") };
            assert_eq!(event.sid.as_deref(), Some(sid.as_str()));
            assert_eq!(
                event.custom_data.as_ref().and_then(exotel_whatsapp::callback::CustomData::as_str),
                Some(custom_data)
            );
            assert!(
                event.timestamp.as_ref().and_then(exotel_whatsapp::callback::Timestamp::parsed).is_some(),
                "{:?}",
                event.timestamp
            );
            assert!(event.status.description.is_some());
            let next = event.status.state();
            assert_eq!(state.then(next), next, "states only move forward");
            state = next;
        }
        assert_eq!(state, DeliveryState::Seen);
    }
    // Round by round: both `sent`, then both `delivered`, then both `seen`.
    let codes: Vec<_> = events(&received).map(|e| e["exo_status_code"].as_u64().unwrap()).collect();
    assert_eq!(codes, [30001, 30001, 30002, 30002, 30003, 30003]);
    let records = sandbox.messages();
    assert!(records.iter().all(|r| r.state == MessageState::Seen && r.done && r.callbacks.len() == 3));
    assert!(records.iter().flat_map(|r| &r.callbacks).all(|c| c.delivery.outcome == Outcome::Delivered));
}

#[tokio::test]
async fn the_most_specific_status_callback_wins_then_the_default() {
    let listener = Listener::start().await;
    let sandbox = sandbox().default_callback(listener.url("/default")).start().await.unwrap();
    let mut on_message = text("+919812345670", "a");
    on_message["status_callback"] = listener.url("/message").into();
    let mut body = request([on_message, text("+919812345671", "b")]);
    body["whatsapp"]["status_callback"] = listener.url("/channel").into();
    body["status_callback"] = listener.url("/request").into();
    let mut by_request = request([text("+919812345672", "c")]);
    by_request["status_callback"] = listener.url("/request").into();
    let by_default = request([text("+919812345673", "d")]);

    let mut sids_and_paths = Vec::new();
    for (body, paths) in
        [(body, vec!["/message", "/channel"]), (by_request, vec!["/request"]), (by_default, vec!["/default"])]
    {
        sids_and_paths.extend(sids(&sandbox, &body).await.into_iter().flatten().zip(paths));
    }
    let received = listener.wait_for(12).await;
    for (sid, path) in sids_and_paths {
        let paths: Vec<_> =
            received.iter().filter(|r| r.body.to_string().contains(&sid)).map(|r| r.path.as_str()).collect();
        assert_eq!(paths, [path; 3], "{sid}");
    }
}

#[tokio::test]
async fn magic_numbers_reject_fail_or_stop_at_sent() {
    let listener = Listener::start().await;
    let sandbox = sandbox().default_callback(listener.url("/status")).start().await.unwrap();
    let without_plus = &FAILS[1..];
    let mut fails_without_plus = text(FAILS, "b");
    fails_without_plus["to"] = format!("+{without_plus}").into();
    let body = request([
        text(REJECTED, "a"),
        fails_without_plus,
        text(NEVER_DELIVERED, "c"),
        text("+919812345678", "d"),
    ]);
    let sids = sids(&sandbox, &body).await;
    assert!(sandbox.settled(PATIENCE).await);
    let received = listener.received();

    assert_eq!(sids[0], None);
    let [_, Some(fails), Some(never), Some(normal)] = &sids[..] else { panic!("{sids:?}") };
    assert_eq!(codes_for(&received, fails), [u64::from(FAILURE_CODE)]);
    assert_eq!(codes_for(&received, never), [30001], "sent, never delivered");
    assert_eq!(codes_for(&received, normal), [30001, 30002, 30003]);
    assert_eq!(received.len(), 5, "nothing for the rejected message");

    let failed = received.iter().find(|r| r.body.to_string().contains(fails.as_str())).unwrap();
    let parsed = failed.events();
    let [Event::Status(event)] = parsed.as_slice() else { panic!("{parsed:?}") };
    assert_eq!(event.status.state(), DeliveryState::Failed);
    assert_eq!(event.status.name(), Some("EX_NUMBER_ERROR"));

    let states: Vec<_> = sandbox.messages().iter().map(|r| r.state).collect();
    assert_eq!(
        states,
        [MessageState::Rejected, MessageState::Failed, MessageState::Sent, MessageState::Seen]
    );
}

#[tokio::test]
async fn a_failed_callback_is_retried_twice() {
    let flaky = Listener::failing(2).await;
    let sandbox = sandbox().default_callback(flaky.url("/flaky")).start().await.unwrap();
    let sids = sids(&sandbox, &request([text(NEVER_DELIVERED, "Hi")])).await;
    assert!(sandbox.settled(PATIENCE).await);
    assert_eq!(codes_for(&flaky.received(), sids[0].as_ref().unwrap()), [30001, 30001, 30001]);
    let callback = &sandbox.messages()[0].callbacks[0].delivery;
    assert_eq!(
        (callback.attempts, callback.outcome, callback.http_status),
        (3, Outcome::Delivered, Some(200))
    );

    let down = Listener::failing(usize::MAX).await;
    let unreachable = support::sandbox().default_callback(down.url("/down")).start().await.unwrap();
    sids_of_one(&unreachable).await;
    assert!(unreachable.settled(PATIENCE).await);
    assert_eq!(down.received().len(), 3, "the first attempt and two retries, no more");
    let callback = &unreachable.messages()[0].callbacks[0].delivery;
    assert_eq!((callback.attempts, callback.outcome, callback.http_status), (3, Outcome::Failed, Some(500)));
    assert_eq!(callback.detail.as_deref(), Some("answered HTTP 500"));
}

async fn sids_of_one(sandbox: &exotel_whatsapp::sandbox::Sandbox) {
    let sids = sids(sandbox, &request([text(NEVER_DELIVERED, "Hi")])).await;
    assert!(sids[0].is_some());
}

#[tokio::test]
async fn callbacks_go_to_loopback_only_unless_allowed() {
    let sandbox = sandbox().start().await.unwrap();
    let mut body = request([text("+919812345678", "Hi")]);
    body["status_callback"] = "http://example.com/status".into();
    sids(&sandbox, &body).await;
    assert!(sandbox.settled(PATIENCE).await);
    let record = &sandbox.messages()[0];
    assert_eq!(record.state, MessageState::Seen, "the message moves on whether or not its callbacks can go");
    for callback in &record.callbacks {
        assert_eq!((callback.delivery.outcome, callback.delivery.attempts), (Outcome::Refused, 0));
        assert!(callback.delivery.detail.as_deref().unwrap().contains("--allow-external-callbacks"));
    }

    let refused = sandbox_with_default("http://192.0.2.1/status").await.unwrap_err();
    assert!(matches!(refused, StartError::CallbackUrl { .. }), "{refused}");
    let https = sandbox_with_default("https://127.0.0.1/status").await.unwrap_err();
    assert!(https.to_string().contains("plain http only"), "{https}");
}

async fn sandbox_with_default(url: &str) -> Result<exotel_whatsapp::sandbox::Sandbox, StartError> {
    sandbox().default_callback(url).start().await
}

#[tokio::test]
async fn without_any_callback_url_the_states_still_advance() {
    let sandbox = sandbox().start().await.unwrap();
    sids(&sandbox, &request([text("+919812345678", "Hi")])).await;
    assert!(sandbox.settled(PATIENCE).await);
    let record = &sandbox.messages()[0];
    assert_eq!(record.state, MessageState::Seen);
    let outcomes: Vec<_> = record.callbacks.iter().map(|c| (c.exo_status_code, c.delivery.outcome)).collect();
    assert_eq!(outcomes, [(30001, Outcome::NoUrl), (30002, Outcome::NoUrl), (30003, Outcome::NoUrl)]);
}

#[tokio::test]
async fn an_observer_sees_requests_and_callbacks() {
    use std::sync::{Arc, Mutex};

    use exotel_whatsapp::sandbox::Activity;

    let listener = Listener::start().await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sandbox = sandbox()
        .default_callback(listener.url("/status"))
        .on_activity({
            let seen = Arc::clone(&seen);
            move |activity| seen.lock().unwrap().push(activity.clone())
        })
        .start()
        .await
        .unwrap();
    sids(&sandbox, &request([text(NEVER_DELIVERED, "Hi"), text(REJECTED, "no")])).await;
    assert!(sandbox.settled(PATIENCE).await);
    let seen = seen.lock().unwrap().clone();
    let [
        Activity::Request { number: 1, http_status: Some(202), recorded: 2, accepted: 1, .. },
        Activity::Status { callback, .. },
    ] = seen.as_slice()
    else {
        panic!("{seen:?}")
    };
    assert_eq!((callback.exo_status_code, callback.delivery.outcome), (30001, Outcome::Delivered));
}
