//! The ready-made router with typed handlers, served on loopback as an application would, and
//! the `Callback` extractor in a handler of one's own.

use std::sync::{Arc, Mutex};

use axum::routing::any;
use exotel_whatsapp::callback::IncomingContent;
use exotel_whatsapp::webhook::{Callback, Endpoint, Handlers, Receiver, Token};
use exotel_whatsapp::{ListRows, ReplyButtons};
use http::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const TOKEN: &str = "t0ken-t0ken-t0ken";

#[derive(ReplyButtons, Debug, Clone, Copy, PartialEq, Eq)]
enum Confirm {
    #[button(title = "Yes, confirm")]
    Yes,
    #[button(title = "Not now", id = "later")]
    NotNow,
}

#[derive(ListRows, Debug, Clone, Copy, PartialEq, Eq)]
enum Size {
    #[row(title = "Small")]
    Small,
    #[row(title = "Extra large", id = "size_xl")]
    ExtraLarge,
}

/// What the handlers saw, in order.
type Log = Arc<Mutex<Vec<String>>>;

/// Serves `router` on 127.0.0.1 on a free port; the server stops with the test's runtime.
async fn serve(router: axum::Router) -> std::net::SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await });
    address
}

/// Posts `body` over a fresh connection and returns the status.
async fn post_to(address: std::net::SocketAddr, path: &str, content_type: &str, body: &str) -> u16 {
    send(address, "POST", path, content_type, body).await
}

/// Sends one request over a fresh connection and returns the status.
async fn send(
    address: std::net::SocketAddr,
    method: &str,
    path: &str,
    content_type: &str,
    body: &str,
) -> u16 {
    let response = exchange(address, method, path, content_type, body).await;
    response.split(' ').nth(1).and_then(|code| code.parse().ok()).unwrap_or_else(|| panic!("{response}"))
}

/// Sends one request over a fresh connection and returns the whole response.
async fn exchange(
    address: std::net::SocketAddr,
    method: &str,
    path: &str,
    content_type: &str,
    body: &str,
) -> String {
    let mut stream = TcpStream::connect(address).await.unwrap();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    response
}

fn icm(content: &str) -> String {
    format!(
        r#"{{"whatsapp": {{"messages": [{{"callback_type": "incoming_message", "from": "+919999000001", "content": {content}}}]}}}}"#
    )
}

fn handlers(log: &Log) -> Handlers {
    let (status, button, list, message) = (log.clone(), log.clone(), log.clone(), log.clone());
    Handlers::new()
        .on_status(move |event| {
            status.lock().unwrap().push(format!(
                "status {} {}",
                event.sid.unwrap_or_default(),
                event.status.state()
            ));
            async { Ok::<_, std::io::Error>(()) }
        })
        .on_button_reply(move |choice: Confirm, message| {
            button
                .lock()
                .unwrap()
                .push(format!("button {choice:?} from {}", message.from.unwrap_or_default()));
            async { Ok::<_, std::io::Error>(()) }
        })
        .on_list_reply(move |choice: Size, _| {
            list.lock().unwrap().push(format!("list {choice:?}"));
            async { Ok::<_, std::io::Error>(()) }
        })
        .on_message(move |incoming| {
            let text = match &incoming.content {
                IncomingContent::Text(text) => text.clone(),
                _ => "?".to_owned(),
            };
            message.lock().unwrap().push(format!("message {text}"));
            async { Ok::<_, std::io::Error>(()) }
        })
}

#[tokio::test]
async fn replies_arrive_decoded_into_their_enums() {
    let log = Log::default();
    let endpoint = Endpoint::new("/exotel/callbacks", Token::new(TOKEN).unwrap());
    let address = serve(Receiver::new(endpoint, handlers(&log)).into_router()).await;
    let path = format!("/exotel/callbacks/{TOKEN}");
    let bodies = [
        r#"{"whatsapp": {"messages": [{"callback_type": "dlr", "sid": "m1", "exo_status_code": 30002}]}}"#
            .to_owned(),
        icm(
            r#"{"type": "interactive", "interactive": {"type": "button_reply", "button_reply": {"id": "later", "title": "Not now"}}}"#,
        ),
        icm(
            r#"{"type": "interactive", "interactive": {"type": "list_reply", "list_reply": {"id": "size_xl", "title": "Extra large"}}}"#,
        ),
        // A button id that is not one of Confirm's (an old message's) goes to the message handler.
        icm(
            r#"{"type": "interactive", "interactive": {"type": "button_reply", "button_reply": {"id": "gone"}}}"#,
        ),
        icm(r#"{"type": "text", "text": {"body": "नमस्ते"}}"#),
    ];
    for body in &bodies {
        assert_eq!(post_to(address, &path, "application/json", body).await, 200, "{body}");
    }
    assert_eq!(
        post_to(address, "/exotel/callbacks/wrong-t0ken-t0ken", "application/json", &bodies[0]).await,
        404
    );
    assert_eq!(post_to(address, "/elsewhere", "application/json", &bodies[0]).await, 404);
    assert_eq!(
        *log.lock().unwrap(),
        [
            "status m1 delivered",
            "button NotNow from +919999000001",
            "list ExtraLarge",
            "message ?",
            "message नमस्ते",
        ]
    );
}

#[tokio::test]
async fn a_failing_handler_gives_500_and_the_retry_is_handled_once() {
    let attempts = Arc::new(Mutex::new(0));
    let seen = attempts.clone();
    let handlers = Handlers::new().on_status(move |_| {
        let attempt = {
            let mut attempts = seen.lock().unwrap();
            *attempts += 1;
            *attempts
        };
        async move { if attempt == 1 { Err(std::io::Error::other("database down")) } else { Ok(()) } }
    });
    let endpoint = Endpoint::new("/callbacks", Token::new(TOKEN).unwrap());
    let address = serve(Receiver::new(endpoint, handlers).into_router()).await;
    let path = format!("/callbacks/{TOKEN}");
    let body =
        r#"{"whatsapp": {"messages": [{"callback_type": "dlr", "sid": "m1", "exo_status_code": 30001}]}}"#;
    let statuses = [
        post_to(address, &path, "application/json", body).await,
        post_to(address, &path, "application/json", body).await,
        post_to(address, &path, "application/json", body).await,
    ];
    assert_eq!(statuses, [500, 200, 200]);
    assert_eq!(*attempts.lock().unwrap(), 2);
}

#[tokio::test]
async fn the_extractor_applies_the_endpoint_in_a_handler_of_ones_own() {
    let stored: Arc<Mutex<Vec<String>>> = Arc::default();
    let sink = stored.clone();
    let endpoint = Endpoint::new("/hooks", Token::new(TOKEN).unwrap()).max_body(200);
    let handler = move |Callback(events): Callback| async move {
        sink.lock().unwrap().extend(events.iter().map(|event| event.dedup_key().as_str().to_owned()));
        StatusCode::OK
    };
    let router = axum::Router::new().route(&endpoint.route(), any(handler)).with_state(endpoint);
    let address = serve(router).await;
    let path = format!("/hooks/{TOKEN}");
    let form = "callback_type=dlr&sid=f1&exo_status_code=30002";
    assert_eq!(post_to(address, &path, "application/x-www-form-urlencoded", form).await, 200);
    assert_eq!(
        post_to(address, "/hooks/nope-nope-nope-nope", "application/x-www-form-urlencoded", form).await,
        404
    );
    assert_eq!(post_to(address, &path, "application/json", &"x".repeat(201)).await, 413);
    // `any`, not `post`: the extractor answers a wrong token before the method, as the router does.
    assert_eq!(send(address, "GET", "/hooks/nope-nope-nope-nope", "text/plain", "").await, 404);
    assert_eq!(send(address, "GET", &path, "text/plain", "").await, 405);
    assert_eq!(*stored.lock().unwrap(), [r#"["dlr","f1",30002]"#]);
}

#[tokio::test]
async fn a_wrong_token_looks_exactly_like_a_path_that_does_not_exist() {
    let endpoint = Endpoint::new("/callbacks", Token::new(TOKEN).unwrap());
    let address = serve(Receiver::new(endpoint, Handlers::new()).into_router()).await;
    let body = r#"{"whatsapp": {"messages": []}}"#;
    // The response without its `date` header, which changes by the second.
    let answer = async |method: &str, path: &str| {
        let response = exchange(address, method, path, "application/json", body).await;
        response
            .lines()
            .filter(|line| !line.to_ascii_lowercase().starts_with("date:"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let nowhere = answer("POST", "/nowhere").await;
    assert!(nowhere.starts_with("HTTP/1.1 404"), "{nowhere}");
    for (method, path) in [
        ("POST", "/callbacks/wrong-t0ken-wrong"),
        ("GET", "/callbacks/wrong-t0ken-wrong"),
        ("POST", "/callbacks"),
        ("POST", "/callbacks/t0ken-t0ken-t0ken/more"),
    ] {
        assert_eq!(answer(method, path).await, nowhere, "{method} {path}");
    }
}
