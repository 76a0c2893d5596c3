//! The sandbox and the library's webhook router together: delivery reports and a customer's
//! button reply reach a `Receiver`'s router on loopback, authenticated by the token in the
//! callback URL, and the reply is decoded into the enum that made the buttons.

mod support;

use std::sync::{Arc, Mutex};

use exotel_whatsapp::ReplyButtons;
use exotel_whatsapp::ReplyChoices as _;
use exotel_whatsapp::sandbox::magic;
use exotel_whatsapp::status::DeliveryState;
use exotel_whatsapp::webhook::{CallbackUrl, Endpoint, Handlers, Receiver, Token, WebhookService};
use serde_json::json;
use support::{PATIENCE, answer, request, sandbox, send, text};
use tokio::net::TcpListener;

#[derive(ReplyButtons, Debug, Clone, Copy, PartialEq, Eq)]
enum Confirm {
    #[button(title = "Yes, confirm")]
    Yes,
    #[button(title = "Not now", id = "later")]
    NotNow,
}

#[tokio::test]
async fn reports_and_a_button_reply_reach_the_router_and_the_reply_is_typed() {
    let log: Arc<Mutex<Vec<String>>> = Arc::default();
    let (statuses, replies) = (Arc::clone(&log), Arc::clone(&log));
    let handlers = Handlers::new()
        .on_status(move |event| {
            let line = format!("{} {}", event.sid.unwrap_or_default(), event.status.state());
            statuses.lock().unwrap().push(line);
            async { Ok::<_, std::io::Error>(()) }
        })
        .on_button_reply(move |choice: Confirm, message| {
            replies.lock().unwrap().push(format!("{choice:?} from {}", message.from.unwrap_or_default()));
            async { Ok::<_, std::io::Error>(()) }
        });
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/exotel", listener.local_addr().unwrap());
    let url = CallbackUrl::new(&base, &Token::generate().unwrap()).unwrap();
    let receiver = Arc::new(Receiver::new(Endpoint::for_url(&url), handlers));
    let router = WebhookService::shared(Arc::clone(&receiver)).into_router();
    tokio::spawn(async move { axum::serve(listener, router).await });

    let sandbox = sandbox().default_callback(url.expose()).start().await.unwrap();
    let (status, _, body) =
        send(&sandbox, &request([text("+919812345678", "Confirm?"), text(magic::FAILS, "Confirm?")])).await;
    assert_eq!(status, 202, "{body}");
    assert!(sandbox.settled(PATIENCE).await, "every report acknowledged");
    let sids: Vec<String> = sandbox.messages().into_iter().map(|r| r.sid.unwrap()).collect();

    // The customer taps "Not now"; the answer comes after the router acknowledged the callback.
    let tap = Confirm::NotNow;
    let incoming = json!({"from": "+919812345678", "to": "+919000000000",
        "button_reply": {"id": tap.id(), "title": tap.title()}});
    let post =
        support::http().post(format!("{}/sandbox/incoming", sandbox.base_url())).body(incoming.to_string());
    let (status, _, body) = answer(post).await;
    assert_eq!(status, 200, "{body}");

    let (ok, failed) = (&sids[0], &sids[1]);
    let mut seen = log.lock().unwrap().clone();
    let reply = seen.pop();
    assert_eq!(reply.as_deref(), Some("NotNow from +919812345678"));
    // One request's reports go round by round: every first status, then every second, …
    assert_eq!(
        seen,
        [format!("{ok} sent"), format!("{failed} failed"), format!("{ok} delivered"), format!("{ok} seen")]
    );
    assert_eq!((receiver.state(ok), receiver.state(failed)), (DeliveryState::Seen, DeliveryState::Failed));

    // A stranger without the token is not let in, and nothing reaches the handlers.
    let stranger = support::http().post(format!("{base}/not-the-token-at-all")).body("{}");
    assert_eq!(answer(stranger).await.0, 404);
    assert_eq!(log.lock().unwrap().len(), 5);
}
