//! Both clients against a real HTTP server on 127.0.0.1: the edges only a socket shows.

mod support;

use std::time::Duration;

use exotel_whatsapp_client::{BlockingClient, Client};
use exotel_whatsapp_core::send::{NotSentReason, Outcome, Policy};
use support::server::{Action, Server, accepted, status};
use support::{TOKEN, messages, request, settings};

fn blocking(server: &Server) -> BlockingClient {
    BlockingClient::new(settings(&server.url())).unwrap()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

fn asynchronous(server: &Server) -> Client {
    Client::new(settings(&server.url())).unwrap()
}

#[test]
fn an_accepted_request_carries_basic_auth_json_and_no_secret_in_the_url() {
    for use_async in [false, true] {
        let server = Server::start(vec![accepted("s", 2)]);
        let outcomes = if use_async {
            runtime().block_on(asynchronous(&server).send(&request(2)))
        } else {
            blocking(&server).send(&request(2))
        };
        assert_eq!(
            outcomes.iter().map(ToString::to_string).collect::<Vec<_>>(),
            ["accepted, sid s0", "accepted, sid s1"]
        );
        let seen = server.seen();
        assert_eq!(seen.len(), 1);
        let head = seen[0].head.to_ascii_lowercase();
        assert!(head.starts_with("post /v2/accounts/acme1/messages http/1.1\r\n"), "{head}");
        assert!(
            head.contains("authorization: basic a2v5lvbssvzbveutowe3yzp0b2stu0vdukvultvmmwu=\r\n"),
            "{head}"
        );
        assert!(head.contains("content-type: application/json\r\n"), "{head}");
        assert!(!head.contains(&TOKEN.to_ascii_lowercase()));
        let body: serde_json::Value = serde_json::from_slice(&seen[0].body).unwrap();
        assert_eq!(body["whatsapp"]["messages"][1]["to"], "+918888800001");
    }
}

#[test]
fn a_connection_closed_after_the_body_was_read_is_ambiguous_and_sent_once() {
    for use_async in [false, true] {
        let server = Server::start(vec![Action::Close, accepted("again", 3)]);
        let outcomes = if use_async {
            runtime().block_on(asynchronous(&server).send(&request(3)))
        } else {
            blocking(&server).send(&request(3))
        };
        assert!(outcomes.iter().all(|o| matches!(o, Outcome::Ambiguous { attempts: 1, .. })), "{outcomes:?}");
        assert_eq!(server.seen().len(), 1, "the request must not be sent again");
    }
}

#[test]
fn a_429_with_retry_after_waits_at_least_that_long() {
    for use_async in [false, true] {
        let wait = vec![("Retry-After", "1".to_owned())];
        let server = Server::start(vec![Action::Answer(429, wait, "{}".into()), accepted("s", 1)]);
        let outcomes = if use_async {
            runtime().block_on(asynchronous(&server).send(&request(1)))
        } else {
            blocking(&server).send(&request(1))
        };
        assert!(matches!(&outcomes[..], [Outcome::Accepted { attempts: 2, .. }]), "{outcomes:?}");
        let seen = server.seen();
        assert!(seen[1].at - seen[0].at >= Duration::from_secs(1), "{:?}", seen[1].at - seen[0].at);
    }
}

#[test]
fn a_401_rejects_its_request_and_stops_every_later_one() {
    for use_async in [false, true] {
        let server = Server::start(vec![status(401), accepted("never", 100)]);
        let outcomes = if use_async {
            // One at a time: a request already in flight when the 401 comes gets its own answer.
            let client = Client::new(settings(&server.url()).concurrency(1)).unwrap();
            runtime().block_on(client.send_all(messages(250)))
        } else {
            blocking(&server).send_all(messages(250))
        };
        assert_eq!(outcomes.len(), 250);
        let rejected =
            outcomes.iter().take_while(|o| matches!(o, Outcome::Rejected { code: 401, .. })).count();
        assert!(rejected == 100, "{:?}", &outcomes[..2]);
        let stopped = Outcome::NotSent { reason: NotSentReason::Unauthorized, attempts: 0 };
        assert!(outcomes[100..].iter().all(|o| *o == stopped), "{:?}", &outcomes[100]);
        assert_eq!(server.seen().len(), 1);
    }
}

#[test]
fn a_redirect_is_not_followed() {
    for use_async in [false, true] {
        let server = Server::start(vec![]);
        let target = server.url() + "/elsewhere";
        let server = Server::start(vec![Action::Answer(307, vec![("Location", target)], String::new())]);
        let outcomes = if use_async {
            runtime().block_on(asynchronous(&server).send(&request(1)))
        } else {
            blocking(&server).send(&request(1))
        };
        assert!(matches!(&outcomes[..], [Outcome::Rejected { code: 307, attempts: 1, .. }]), "{outcomes:?}");
        assert_eq!(server.seen().len(), 1);
    }
}

#[test]
fn a_refused_connection_is_retried_and_then_not_sent() {
    // A port that was just free: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let base = format!("http://127.0.0.1:{port}");
    let settings = settings(&base).policy(Policy::default().attempts(2).backoff(Duration::from_millis(1)));
    for use_async in [false, true] {
        let outcomes = if use_async {
            runtime().block_on(Client::new(settings.clone()).unwrap().send(&request(1)))
        } else {
            BlockingClient::new(settings.clone()).unwrap().send(&request(1))
        };
        assert!(
            matches!(&outcomes[..], [Outcome::NotSent { reason: NotSentReason::GaveUp(_), attempts: 2 }]),
            "{outcomes:?}"
        );
    }
}

#[test]
fn a_server_that_never_answers_times_out_as_ambiguous() {
    // Accepts the connection and reads the request, then says nothing until the client gives up.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let hold = std::thread::spawn(move || {
        let connections: Vec<_> = listener.incoming().take(2).collect();
        std::thread::sleep(Duration::from_millis(1500));
        drop(connections);
    });
    let settings = settings(&base).timeouts(Duration::from_secs(1), Duration::from_millis(500));
    let blocking = BlockingClient::new(settings.clone()).unwrap().send(&request(1));
    let asynchronous = runtime().block_on(Client::new(settings).unwrap().send(&request(1)));
    for outcomes in [blocking, asynchronous] {
        assert!(matches!(&outcomes[..], [Outcome::Ambiguous { attempts: 1, .. }]), "{outcomes:?}");
    }
    hold.join().unwrap();
}
