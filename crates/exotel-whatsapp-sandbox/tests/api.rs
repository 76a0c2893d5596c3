//! The send route answers as Exotel does, and the library's own response parser reads every
//! answer.

mod support;

use exotel_whatsapp::response::{SendError, SendResponse};
use exotel_whatsapp::sandbox::magic::REJECTED;
use exotel_whatsapp::sandbox::{Credentials, MessageState, Sandbox};
use serde_json::{Value, json};
use support::{answer, request, sandbox, send, text};

fn client() -> reqwest::Client {
    support::http()
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[tokio::test]
async fn missing_or_wrong_credentials_get_401() {
    let sandbox = Sandbox::start().await;
    let body = request([text("+919812345678", "Hi")]).to_string();
    let key = Credentials::DEFAULT_API_KEY;
    let token = Credentials::DEFAULT_API_TOKEN;
    let attempts = [
        client().post(sandbox.messages_url()),
        client().post(sandbox.messages_url()).basic_auth(key, Some("wrong")),
        client().post(sandbox.messages_url()).basic_auth("wrong", Some(token)),
        client().post(sandbox.messages_url()).basic_auth(key, None::<&str>),
        client().post(sandbox.messages_url()).bearer_auth(token),
    ];
    for attempt in attempts {
        let (status, _, text) = answer(attempt.body(body.clone())).await;
        assert_eq!(status, 401, "{text}");
        let error = SendResponse::from_http(status, &text).unwrap_err();
        let SendError::Unauthorized(body) = &error else { panic!("{error:?}") };
        assert_eq!(body.errors[0].code, 401);
        assert_eq!(body.errors[0].message, "Unauthorized");
        assert_eq!(body.request_id.as_ref().map(String::len), Some(32));
    }
    assert!(sandbox.messages().is_empty());
}

#[tokio::test]
async fn right_credentials_for_another_account_get_403() {
    let sandbox =
        Sandbox::builder().credentials(Credentials::new("acme", "key1", "token1")).start().await.unwrap();
    let other = sandbox.messages_url().replace("/acme/", "/other/");
    let request = client()
        .post(other)
        .basic_auth("key1", Some("token1"))
        .body(request([text("+919812345678", "Hi")]).to_string());
    let (status, _, text) = answer(request).await;
    assert_eq!(status, 403);
    let error = SendResponse::from_http(status, &text).unwrap_err();
    let SendError::Forbidden(body) = &error else { panic!("{error:?}") };
    assert!(body.errors[0].description.contains("not for account `other`"), "{text}");
    assert!(sandbox.messages().is_empty());
}

#[tokio::test]
async fn an_invalid_request_gets_400_listing_every_violation() {
    let sandbox = sandbox().start().await.unwrap();
    // Three problems: `to` with a dash, a misspelt key, and a body one character too long
    // (4097 two-byte characters).
    let mut bad = text("+91-9812345678", &"é".repeat(4097));
    bad["Custom_data"] = json!("x");
    let body = request([text("+919812345678", "fine"), bad]);
    let (status, _, text) = send(&sandbox, &body).await;
    assert_eq!(status, 400, "{text}");
    let checker = exotel_whatsapp::check::check(body.to_string().as_bytes());
    let body = json(&text);
    let violations: Vec<(&str, &str)> = body["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["pointer"].as_str().unwrap(), v["rule"].as_str().unwrap()))
        .collect();
    assert_eq!(
        violations,
        [
            ("/whatsapp/messages/1/content/text/body", "too_long"),
            ("/whatsapp/messages/1/Custom_data", "unknown_field"),
            ("/whatsapp/messages/1/to", "e164"),
        ]
    );
    let from_checker: Vec<_> =
        checker.errors().iter().map(|v| (v.pointer().as_str(), v.rule().code())).collect();
    assert_eq!(violations, from_checker, "the checker's violations, in its order");
    let too_long = &body["violations"][0];
    assert_eq!((too_long["limit"].as_u64(), too_long["actual"].as_u64()), (Some(4096), Some(4097)));
    assert!(too_long["message"].as_str().unwrap().contains("4096"));

    let error = SendResponse::from_http(status, &text).unwrap_err();
    let SendError::BadRequest(parsed) = &error else { panic!("{error:?}") };
    assert_eq!(parsed.errors.len(), 1);
    assert!(
        parsed.errors[0].description.starts_with("3 problem(s): /whatsapp/messages/1/content/text/body: ")
    );
    assert!(sandbox.messages().is_empty(), "nothing of a refused request is recorded");
}

#[tokio::test]
async fn malformed_json_gets_400() {
    let sandbox = sandbox().start().await.unwrap();
    let credentials = sandbox.credentials();
    let request = client()
        .post(sandbox.messages_url())
        .basic_auth(credentials.api_key(), Some(credentials.api_token()))
        .body(r#"{"whatsapp": {"messages": [}"#);
    let (status, _, text) = answer(request).await;
    assert_eq!(status, 400);
    assert_eq!(json(&text)["violations"][0]["rule"], "json", "{text}");
    assert!(matches!(SendResponse::from_http(status, &text), Err(SendError::BadRequest(_))));
}

#[tokio::test]
async fn a_hundred_messages_are_taken_and_a_hundred_and_one_refused() {
    let sandbox = sandbox().start().await.unwrap();
    let messages = |n| (0..n).map(|i| text(&format!("+91981234{i:04}"), "Hi"));
    let (status, _, text) = send(&sandbox, &request(messages(101))).await;
    assert_eq!(status, 400, "{text}");
    let violation = &json(&text)["violations"][0];
    assert_eq!(
        (violation["pointer"].as_str(), violation["rule"].as_str()),
        (Some("/whatsapp/messages"), Some("too_many"))
    );
    assert_eq!((violation["limit"].as_u64(), violation["actual"].as_u64()), (Some(100), Some(101)));

    let (status, _, text) = send(&sandbox, &request(messages(100))).await;
    assert_eq!(status, 202, "{text}");
    let response = SendResponse::from_http(status, &text).unwrap();
    assert_eq!((response.metadata.total, response.metadata.success, response.metadata.failed), (100, 100, 0));
    assert_eq!(sandbox.messages().len(), 100);
}

#[tokio::test]
async fn a_valid_request_gets_202_with_one_result_per_message_in_order() {
    let sandbox = sandbox().start().await.unwrap();
    let body = request([text("+919812345678", "one"), text(REJECTED, "two"), text("+14155550100", "three")]);
    let (status, _, text) = send(&sandbox, &body).await;
    assert_eq!(status, 202, "{text}");
    let raw = json(&text);
    assert_eq!(raw["method"], "POST");
    assert_eq!(raw["http_code"], 202);
    assert_eq!(raw["metadata"], json!({"failed": 1, "total": 3, "success": 2}));
    let results = raw["response"]["whatsapp"]["messages"].as_array().unwrap();
    assert_eq!(results[0]["error_data"], Value::Null);
    assert_eq!(results[1]["code"], 400);
    assert_eq!(results[1]["status"], "failure");
    assert_eq!(results[1]["error_data"]["code"], 400);

    let response = SendResponse::from_http(status, &text).unwrap();
    let outcomes: Vec<(usize, Option<String>, Option<u32>)> = response
        .results()
        .map(|(i, result)| (i, result.ok().map(ToString::to_string), result.err().map(|e| e.code)))
        .collect();
    let records = sandbox.messages();
    assert_eq!(
        outcomes,
        [(0, records[0].sid.clone(), None), (1, None, Some(400)), (2, records[2].sid.clone(), None)]
    );
    assert_eq!(response.request_id, records[0].request_id);
    assert_eq!(records.iter().map(|r| r.state).collect::<Vec<_>>()[1], MessageState::Rejected);
    assert!(records.iter().all(|r| r.request == 1));
    assert_eq!(records.iter().map(|r| r.index).collect::<Vec<_>>(), [0, 1, 2]);
    assert_eq!(records[2].message["content"]["text"]["body"], "three");
}

#[tokio::test]
async fn the_same_seed_gives_the_same_ids() {
    let body = request([text("+919812345678", "Hi"), text("+919812345679", "Hi")]);
    let mut runs = Vec::new();
    for seed in [7, 7, 8] {
        let sandbox = Sandbox::builder().seed(seed).start().await.unwrap();
        send(&sandbox, &body).await;
        let (_, _, text) = send(&sandbox, &body).await;
        let ids: Vec<_> = sandbox.messages().into_iter().map(|r| (r.request_id, r.sid)).collect();
        runs.push((json(&text)["request_id"].clone(), ids));
    }
    assert_eq!(runs[0], runs[1]);
    assert_ne!(runs[0], runs[2]);
    let (_, ids) = &runs[0];
    assert_ne!(ids[0].1, ids[1].1, "two messages, two sids");
    assert_ne!(ids[0].1, ids[2].1, "two requests, different sids");
}

#[tokio::test]
async fn sandbox_messages_lists_every_message_as_json() {
    let sandbox = sandbox().start().await.unwrap();
    let mut first = text("+919812345678", "Hi");
    first["custom_data"] = json!("order-1");
    send(&sandbox, &request([first, text(REJECTED, "no")])).await;
    // Once settled nothing changes, so the route and the method can be compared.
    assert!(sandbox.settled(support::PATIENCE).await);
    let (status, _, text) = answer(client().get(format!("{}/sandbox/messages", sandbox.base_url()))).await;
    assert_eq!(status, 200);
    let listed = json(&text);
    assert_eq!(listed, serde_json::to_value(sandbox.messages()).unwrap());
    assert_eq!(listed[0]["request"], 1);
    assert_eq!(listed[0]["custom_data"], "order-1");
    assert_eq!(listed[0]["state"], "seen");
    assert_eq!(listed[0]["sid"].as_str().map(str::len), Some(31));
    assert_eq!(listed[1]["state"], "rejected");
    assert_eq!(listed[1]["sid"], Value::Null);
    assert_eq!(listed[1]["done"], true);
}

#[tokio::test]
async fn other_routes_get_a_404_naming_the_routes() {
    let sandbox = Sandbox::start().await;
    let (status, _, text) = answer(client().get(format!("{}/v1/messages", sandbox.base_url()))).await;
    assert_eq!(status, 404);
    let error = SendResponse::from_http(status, &text).unwrap_err();
    let SendError::NotFound(body) = &error else { panic!("{error:?}") };
    assert!(body.errors[0].description.contains("POST /v2/accounts/{sid}/messages"), "{text}");
}

#[tokio::test]
async fn a_body_over_the_checkers_cap_gets_413() {
    let sandbox = sandbox().start().await.unwrap();
    let cap = exotel_whatsapp::limits::DOCUMENT_BYTES_MAX;
    let credentials = sandbox.credentials();
    let post = |size: usize| {
        client()
            .post(sandbox.messages_url())
            .basic_auth(credentials.api_key(), Some(credentials.api_token()))
            .body(" ".repeat(size))
    };
    let (status, _, text) = answer(post(cap + 1)).await;
    assert_eq!(status, 413, "{text}");
    assert_eq!(json(&text)["http_code"], 413);
    // At the cap the body is read and checked (and, being blank, is not JSON).
    let (status, _, text) = answer(post(cap)).await;
    assert_eq!(status, 400, "{text}");
}
