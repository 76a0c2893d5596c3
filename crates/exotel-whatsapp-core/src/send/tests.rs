//! Every row of the retry table, without sockets.

use std::time::Duration;

use http::HeaderMap;

use super::{Attempt, Decision, NotSentReason, Outcome, Policy, Reply, Tries};

fn answer(status: u16, retry_after: Option<&str>, body: &str) -> Attempt {
    let mut headers = HeaderMap::new();
    if let Some(seconds) = retry_after {
        headers.insert("retry-after", seconds.parse().unwrap());
    }
    Attempt::Answered(Reply::parse(status, &headers, body.as_bytes()))
}

fn status(status: u16) -> Attempt {
    answer(status, None, "")
}

fn done(decision: Decision) -> (Vec<Outcome>, bool) {
    match decision {
        Decision::Done { outcomes, stop } => (outcomes, stop),
        retry @ Decision::Retry { .. } => panic!("expected the end, got {retry:?}"),
    }
}

fn waits(decision: &Decision) -> Duration {
    match decision {
        Decision::Retry { wait, .. } => *wait,
        done @ Decision::Done { .. } => panic!("expected a retry, got {done:?}"),
    }
}

const SECOND: Duration = Duration::from_secs(1);

#[test]
fn a_connect_failure_is_retried_with_a_doubling_backoff_then_not_sent() {
    let policy = Policy::default();
    let mut tries = Tries::default();
    let unsent = || Attempt::Unsent("connection refused".into());
    let decisions: Vec<_> = (0..4).map(|_| policy.decide(&mut tries, unsent(), 2)).collect();
    assert_eq!(decisions, [1, 2, 4, 8].map(|s| Decision::Retry { wait: s * SECOND, jitter: s * SECOND / 4 }));
    let (outcomes, stop) = done(policy.decide(&mut tries, unsent(), 2));
    let gave_up =
        Outcome::NotSent { reason: NotSentReason::GaveUp("connection refused".into()), attempts: 5 };
    assert_eq!((outcomes, stop), (vec![gave_up.clone(), gave_up], false));
}

#[test]
fn throttling_waits_for_the_longer_of_retry_after_and_the_backoff_capped() {
    let policy = Policy::default().max_wait(Duration::from_secs(40));
    for code in [429, 503] {
        let mut tries = Tries::default();
        assert_eq!(waits(&policy.decide(&mut tries, answer(code, Some("30"), ""), 1)), 30 * SECOND);
        assert_eq!(waits(&policy.decide(&mut tries, answer(code, Some("0"), ""), 1)), 2 * SECOND);
        assert_eq!(waits(&policy.decide(&mut tries, answer(code, None, ""), 1)), 4 * SECOND);
        assert_eq!(waits(&policy.decide(&mut tries, answer(code, Some("3600"), ""), 1)), 40 * SECOND);
        let (outcomes, _) = done(policy.decide(&mut tries, answer(code, Some("1"), ""), 1));
        assert!(matches!(
            &outcomes[..],
            [Outcome::NotSent { attempts: 5, reason: NotSentReason::GaveUp(_) }]
        ));
    }
}

#[test]
fn jitter_never_takes_the_wait_past_the_cap() {
    let policy = Policy::default().max_wait(Duration::from_secs(10));
    let mut tries = Tries::default();
    let decision = policy.decide(&mut tries, answer(429, Some("9"), ""), 1);
    assert_eq!(decision, Decision::Retry { wait: 9 * SECOND, jitter: SECOND / 4 });
    let decision = policy.decide(&mut tries, answer(429, Some("10"), ""), 1);
    assert_eq!(decision, Decision::Retry { wait: 10 * SECOND, jitter: Duration::ZERO });
}

#[test]
fn bad_gateway_and_gateway_timeout_are_retried() {
    for code in [502, 504] {
        let mut tries = Tries::default();
        assert_eq!(waits(&Policy::default().decide(&mut tries, status(code), 1)), SECOND);
    }
}

#[test]
fn a_500_is_ambiguous_unless_retrying_is_opted_into() {
    let (outcomes, stop) = done(Policy::default().decide(&mut Tries::default(), status(500), 2));
    assert!(!stop);
    assert!(outcomes.iter().all(|o| matches!(o, Outcome::Ambiguous { attempts: 1, .. })), "{outcomes:?}");
    // Other 5xx are no safer.
    let (outcomes, _) = done(Policy::default().decide(&mut Tries::default(), status(501), 1));
    assert!(matches!(&outcomes[..], [Outcome::Ambiguous { .. }]));

    let policy = Policy::default().retry_server_errors(true).attempts(2);
    let mut tries = Tries::default();
    assert_eq!(waits(&policy.decide(&mut tries, status(500), 1)), SECOND);
    // The retried 500 may have been processed: giving up later is ambiguous, not "not sent".
    let (outcomes, _) = done(policy.decide(&mut tries, status(503), 1));
    assert!(matches!(&outcomes[..], [Outcome::Ambiguous { attempts: 2, .. }]), "{outcomes:?}");
    assert!(matches!(&tries.stop(1)[..], [Outcome::Ambiguous { .. }]));
}

#[test]
fn a_lost_connection_after_sending_is_ambiguous_and_never_retried() {
    let mut tries = Tries::default();
    let first = Policy::default().decide(&mut tries, Attempt::Unsent("dns".into()), 3);
    assert_eq!(waits(&first), SECOND);
    let lost = Attempt::Lost("timed out waiting for the answer".into());
    let (outcomes, stop) = done(Policy::default().decide(&mut tries, lost, 3));
    let ambiguous = Outcome::Ambiguous { reason: "timed out waiting for the answer".into(), attempts: 2 };
    assert_eq!((outcomes, stop), (vec![ambiguous; 3], false));
}

#[test]
fn client_errors_reject_every_message_of_the_request() {
    let body = r#"{"request_id": "r", "response": {"error_data": {"code": 1002, "message": "Bad Request",
        "description": "the from number is not yours"}}}"#;
    for code in [400, 402, 403, 404, 409, 302] {
        let (outcomes, stop) =
            done(Policy::default().decide(&mut Tries::default(), answer(code, None, body), 2));
        assert!(!stop);
        assert_eq!(outcomes.len(), 2);
        for outcome in outcomes {
            let Outcome::Rejected { code: got, description, attempts: 1 } = outcome else {
                panic!("{outcome:?}")
            };
            assert_eq!(u16::try_from(got).unwrap(), code);
            assert!(description.ends_with("1002 Bad Request: the from number is not yours"), "{description}");
        }
    }
}

#[test]
fn unauthorized_rejects_the_request_and_stops() {
    let (outcomes, stop) = done(Policy::default().decide(&mut Tries::default(), status(401), 2));
    assert!(stop);
    assert!(outcomes.iter().all(|o| matches!(o, Outcome::Rejected { code: 401, .. })));
    assert_eq!(
        Tries::default().stop(2),
        vec![Outcome::NotSent { reason: NotSentReason::Unauthorized, attempts: 0 }; 2]
    );
}

#[test]
fn a_202_gives_each_message_its_own_result_and_is_never_retried() {
    let body = r#"{"request_id": "r", "response": {"whatsapp": {"messages": [
        {"code": 202, "status": "success", "data": {"sid": "s0"}},
        {"code": 400, "status": "failure", "error_data":
            {"code": 400, "message": "Bad Request", "description": "inválido"}},
        {"code": 202, "status": "success"}
    ]}}}"#;
    let (outcomes, stop) = done(Policy::default().decide(&mut Tries::default(), answer(202, None, body), 4));
    assert!(!stop);
    assert!(matches!(&outcomes[0], Outcome::Accepted { sid, attempts: 1 } if sid.as_str() == "s0"));
    assert_eq!(
        outcomes[1],
        Outcome::Rejected { code: 400, description: "Bad Request: inválido".into(), attempts: 1 }
    );
    // Accepted without a sid, and no result at all: it may well have gone out.
    assert!(matches!(&outcomes[2], Outcome::Ambiguous { .. }));
    assert!(matches!(&outcomes[3], Outcome::Ambiguous { .. }));
}

#[test]
fn an_unreadable_202_is_ambiguous() {
    let (outcomes, _) = done(Policy::default().decide(&mut Tries::default(), answer(202, None, "<html>"), 1));
    assert!(matches!(&outcomes[..], [Outcome::Ambiguous { .. }]));
}

#[test]
fn one_attempt_means_no_retry() {
    let policy = Policy::default().attempts(0);
    let (outcomes, _) = done(policy.decide(&mut Tries::default(), status(429), 1));
    assert!(matches!(&outcomes[..], [Outcome::NotSent { attempts: 1, .. }]));
}
