//! `POST /sandbox/incoming`: a customer's text or reply reaches the incoming callback in a shape
//! the library's parser and derives read.

mod support;

use exotel_whatsapp::callback::{Event, IncomingContent, IncomingMessage};
use exotel_whatsapp::sandbox::Sandbox;
use exotel_whatsapp::{ListChoices, ListRows, ReplyButtons, ReplyChoices};
use serde_json::{Value, json};
use support::{Listener, answer, sandbox};

#[derive(Debug, PartialEq, ReplyButtons)]
enum Confirm {
    #[button(title = "Yes")]
    Yes,
    #[button(title = "Not now")]
    NotNow,
}

#[derive(Debug, PartialEq, ListRows)]
enum Size {
    #[row(title = "Small")]
    Small,
    #[row(title = "Extra large", description = "For the hungry")]
    ExtraLarge,
}

/// Posts `body` to `/sandbox/incoming`; returns the status and the JSON answer.
async fn incoming(sandbox: &Sandbox, body: &Value) -> (u16, Value) {
    let url = format!("{}/sandbox/incoming", sandbox.base_url());
    let (status, _, text) = answer(support::http().post(url).body(body.to_string())).await;
    (status, serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}")))
}

/// The one incoming message of the last callback the listener received.
fn last_message(listener: &Listener) -> IncomingMessage {
    let received = listener.received();
    let events = received.last().expect("a callback").events();
    match events.as_slice() {
        [Event::Incoming(message)] => (**message).clone(),
        other => panic!("one incoming message expected: {other:?}"),
    }
}

#[tokio::test]
async fn a_text_reaches_the_incoming_callback() {
    let listener = Listener::start().await;
    let sandbox = sandbox().incoming_callback(listener.url("/incoming")).start().await.unwrap();
    let (status, answer) =
        incoming(&sandbox, &json!({"from": "+919812345678", "to": "+919000000000", "text": "नमस्ते 👋"})).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["outcome"], "delivered");
    assert_eq!(answer["body"], listener.received()[0].body, "the answer shows what was posted");
    let message = last_message(&listener);
    assert_eq!(listener.received()[0].path, "/incoming");
    assert_eq!(message.from.as_deref(), Some("+919812345678"));
    assert_eq!(message.to.as_deref(), Some("+919000000000"));
    assert_eq!(message.profile_name.as_deref(), Some("Sandbox Customer"));
    assert_eq!(message.content, IncomingContent::Text("नमस्ते 👋".to_owned()));
    assert!(message.timestamp.as_ref().and_then(exotel_whatsapp::callback::Timestamp::parsed).is_some());
}

#[tokio::test]
async fn button_and_list_replies_decode_with_the_derives() {
    let listener = Listener::start().await;
    // Without an incoming callback, replies go to the default callback.
    let sandbox = sandbox().default_callback(listener.url("/default")).start().await.unwrap();
    let tapped = Confirm::NotNow;
    let body = json!({"from": "+919812345678", "to": "+919000000000", "profile_name": "Asha",
        "button_reply": {"id": tapped.id(), "title": tapped.title()}});
    assert_eq!(incoming(&sandbox, &body).await.0, 200);
    let message = last_message(&listener);
    assert_eq!(message.profile_name.as_deref(), Some("Asha"));
    assert_eq!(Confirm::from_incoming(&message), Some(Confirm::NotNow));
    assert_eq!(Size::from_incoming(&message), None);

    let picked = Size::ExtraLarge;
    let body = json!({"from": "+919812345678", "to": "+919000000000",
        "list_reply": {"id": picked.id(), "title": picked.title(), "description": picked.description()}});
    assert_eq!(incoming(&sandbox, &body).await.0, 200);
    let message = last_message(&listener);
    assert_eq!(Size::from_incoming(&message), Some(Size::ExtraLarge));
    assert_eq!(Confirm::from_incoming(&message), None);
    let IncomingContent::ListReply(reply) = &message.content else { panic!("{:?}", message.content) };
    assert_eq!(reply.description.as_deref(), Some("For the hungry"));
    assert_eq!(listener.received()[1].path, "/default");
}

#[tokio::test]
async fn bad_requests_and_missing_callbacks_are_refused() {
    let listener = Listener::start().await;
    let sandbox = sandbox().incoming_callback(listener.url("/incoming")).start().await.unwrap();
    let reply = json!({"id": "yes", "title": "Yes"});
    for body in [
        json!({"from": "+919812345678", "to": "+919000000000"}),
        json!({"from": "+919812345678", "to": "+919000000000", "text": "Hi", "button_reply": reply}),
        json!({"from": "+919812345678", "text": "Hi"}),
        json!({"from": "+919812345678", "to": "+919000000000", "txt": "Hi"}),
        json!({"from": "+919812345678", "to": "+919000000000", "list_reply": {"id": "x"}}),
    ] {
        let (status, answer) = incoming(&sandbox, &body).await;
        assert_eq!(status, 400, "{body}: {answer}");
        assert!(answer["error"].is_string());
    }
    assert!(listener.received().is_empty());

    let nowhere = Sandbox::start().await;
    let (status, answer) =
        incoming(&nowhere, &json!({"from": "+919812345678", "to": "+919000000000", "text": "Hi"})).await;
    assert_eq!(status, 409);
    assert!(answer["error"].as_str().unwrap().contains("--incoming-callback"));
}

#[tokio::test]
async fn an_incoming_callback_that_keeps_failing_gets_502_after_three_attempts() {
    let down = Listener::failing(usize::MAX).await;
    let sandbox = sandbox().incoming_callback(down.url("/incoming")).start().await.unwrap();
    let (status, answer) =
        incoming(&sandbox, &json!({"from": "+919812345678", "to": "+919000000000", "text": "Hi"})).await;
    assert_eq!(status, 502);
    assert_eq!((answer["outcome"].as_str(), answer["attempts"].as_u64()), (Some("failed"), Some(3)));
    assert_eq!(down.received().len(), 3);
    assert_eq!(answer["http_status"], 500);
}
