//! The ledger's promises, on the SQLite store: any interleaving of claims, outcomes, crashes,
//! delivery reports and explicit resends keeps every message in exactly one state, and no
//! message is posted again unless it was explicitly resent after becoming ambiguous.

use std::collections::HashMap;
use std::time::Duration;

use exotel_whatsapp::callback::{self, Event};
use exotel_whatsapp::queue::{Claimed, Document, SqliteStore, State, Store};
use exotel_whatsapp::response::Sid;
use exotel_whatsapp::send::{NotSentReason, Outcome};
use exotel_whatsapp::status::DeliveryState;
use exotel_whatsapp::{Message, Request, content::Text};
use proptest::prelude::*;

const WORKERS: [&str; 3] = ["w-a", "w-b", "w-c"];
const HOUR: Duration = Duration::from_secs(3600);

fn document(n: usize, tag: &str) -> Document {
    let messages = (0..n).map(|i| {
        Message::new("+919999999999", "+918888888888", Text::new(format!("{tag} ✓ {i}")).unwrap()).unwrap()
    });
    Document::new(
        &Request::builder(messages)
            .batches()
            .unwrap()
            .into_iter()
            .map(exotel_whatsapp::Batch::into_request)
            .collect::<Vec<_>>(),
    )
}

fn status(sid: &str, correlation: &str, code: u32) -> Vec<Event> {
    let body = serde_json::json!({"whatsapp": {"messages": [{
        "callback_type": "dlr", "sid": sid, "exo_status_code": code, "custom_data": correlation
    }]}});
    callback::parse(body.to_string()).unwrap()
}

fn accepted(sid: &str) -> Outcome {
    Outcome::Accepted { sid: serde_json::from_value::<Sid>(sid.into()).unwrap(), attempts: 1 }
}

fn correlation(body: &str) -> String {
    serde_json::from_str::<serde_json::Value>(body).unwrap()["custom_data"].as_str().unwrap().to_owned()
}

/// A store in a fresh file, with a plain connection to look at its rows.
fn temporary() -> (SqliteStore, rusqlite::Connection, std::path::PathBuf) {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!("exotel-wa-ledger-{}-{n}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let store = SqliteStore::open(&path).unwrap();
    let raw = rusqlite::Connection::open(&path).unwrap();
    (store, raw, path)
}

/// The state of every message.
fn states(raw: &rusqlite::Connection) -> Vec<String> {
    raw.prepare("SELECT state FROM messages ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[derive(Debug, Clone)]
enum Step {
    Claim { worker: usize, max: usize },
    Settle { worker: usize, outcome: u8 },
    Crash { worker: usize },
    Report { message: usize, code: u32 },
    Resend,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..3usize, 1..4usize).prop_map(|(worker, max)| Step::Claim { worker, max }),
        (0..3usize, 0..4u8).prop_map(|(worker, outcome)| Step::Settle { worker, outcome }),
        (0..3usize).prop_map(|worker| Step::Crash { worker }),
        (0..8usize, prop::sample::select(vec![30001u32, 30002, 30003, 30004]))
            .prop_map(|(message, code)| Step::Report { message, code }),
        Just(Step::Resend),
    ]
}

/// What the stand-in Exotel saw.
#[derive(Default)]
struct Exotel {
    posts: HashMap<i64, u32>,
    /// The sid each message got from its latest accepted post, with its correlation id.
    sids: HashMap<i64, (String, String)>,
    correlations: HashMap<i64, String>,
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn no_message_is_posted_twice_without_an_explicit_resend(steps in prop::collection::vec(step(), 1..60)) {
        let (mut store, raw, path) = temporary();
        store.add(&document(8, "p"), false).unwrap();
        for worker in WORKERS {
            store.heartbeat(worker).unwrap();
        }
        let mut exotel = Exotel::default();
        let mut resends: HashMap<i64, u32> = HashMap::new();
        let mut in_hand: Vec<Vec<Claimed>> = vec![Vec::new(); 3];
        let mut ids = Vec::new();
        for step in steps {
            match step {
                Step::Claim { worker, max } => {
                    store.heartbeat(WORKERS[worker]).unwrap();
                    if let Some(claim) = store.claim(WORKERS[worker], max).unwrap() {
                        for (claimed, body) in claim.messages {
                            let posts = exotel.posts.entry(claimed.id).or_default();
                            prop_assert_eq!(*posts, resends.get(&claimed.id).copied().unwrap_or(0), "claimed again: {}", claimed.id);
                            *posts += 1;
                            exotel.correlations.insert(claimed.id, correlation(&body));
                            if !ids.contains(&claimed.id) { ids.push(claimed.id); }
                            in_hand[worker].push(claimed);
                        }
                    }
                }
                Step::Settle { worker, outcome } => {
                    if let Some(claimed) = in_hand[worker].pop() {
                        let outcome = match outcome {
                            0 => {
                                let sid = format!("sid-{}-{}", claimed.id, claimed.claim);
                                exotel.sids.insert(claimed.id, (sid.clone(), exotel.correlations[&claimed.id].clone()));
                                accepted(&sid)
                            }
                            1 => Outcome::Rejected { code: 1002, description: "bad".into(), attempts: 1 },
                            2 => {
                                // Exotel took it, but the answer was lost.
                                let sid = format!("sid-{}-{}", claimed.id, claimed.claim);
                                exotel.sids.insert(claimed.id, (sid, exotel.correlations[&claimed.id].clone()));
                                Outcome::Ambiguous { reason: "timed out".into(), attempts: 1 }
                            }
                            _ => Outcome::NotSent { reason: NotSentReason::GaveUp("refused".into()), attempts: 1 },
                        };
                        store.settle(&[(claimed, outcome)]).unwrap();
                    }
                }
                Step::Crash { worker } => {
                    in_hand[worker].clear();
                    store.retire(WORKERS[worker]).unwrap();
                    store.recover(HOUR).unwrap();
                }
                Step::Report { message, code } => {
                    if let Some((sid, correlation)) = ids.get(message).and_then(|id| exotel.sids.get(id)) {
                        store.report(&status(sid, correlation, code)).unwrap();
                    }
                }
                Step::Resend => {
                    let ambiguous: Vec<i64> = raw
                        .prepare("SELECT id FROM messages WHERE state = 'ambiguous'").unwrap()
                        .query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap();
                    let resent = store.resend_ambiguous(Duration::ZERO).unwrap();
                    prop_assert_eq!(ambiguous.len() as u64, resent);
                    for id in ambiguous {
                        *resends.entry(id).or_default() += 1;
                    }
                }
            }
            let counts = store.counts().unwrap();
            let states = counts.queued + counts.claimed + counts.accepted + counts.rejected + counts.ambiguous + counts.not_sent;
            prop_assert_eq!(states, 8);
            prop_assert_eq!(counts.total, 8);
            prop_assert!(counts.sent + counts.delivered + counts.seen + counts.failed <= counts.accepted);
        }
        drop((store, raw));
        let _ = std::fs::remove_file(&path);
    }
}

#[test]
fn a_crash_makes_claims_ambiguous_and_a_report_settles_them() {
    let (mut store, raw, path) = temporary();
    store.add(&document(2, "crash"), false).unwrap();
    store.heartbeat("w-1").unwrap();
    let claim = store.claim("w-1", 100).unwrap().unwrap();
    assert_eq!(claim.messages.len(), 2);
    // Alive: recovery leaves its claims alone; nothing else can be claimed.
    assert_eq!(store.recover(HOUR).unwrap(), 0);
    assert!(store.claim("w-2", 100).unwrap().is_none());
    store.retire("w-1").unwrap();
    assert_eq!(store.recover(HOUR).unwrap(), 2);
    assert_eq!(states(&raw), ["ambiguous", "ambiguous"]);
    assert!(store.claim("w-2", 100).unwrap().is_none(), "ambiguous messages are never claimed");
    let first = correlation(&claim.messages[0].1);
    assert!(first.starts_with("exq:"), "{first}");
    store.report(&status("sid-1", &first, 30002)).unwrap();
    // A late `sent` does not overwrite `delivered`; a repeat is not counted twice.
    assert_eq!(store.report(&status("sid-1", &first, 30001)).unwrap(), 1);
    assert_eq!(store.report(&status("sid-1", &first, 30001)).unwrap(), 0);
    assert_eq!(states(&raw), ["accepted", "ambiguous"]);
    let counts = store.counts().unwrap();
    assert_eq!((counts.accepted, counts.delivered, counts.sent, counts.ambiguous), (1, 1, 0, 1));
    // The explicit resend queues only the one still unknown.
    assert_eq!(store.resend_ambiguous(Duration::ZERO).unwrap(), 1);
    let again = store.claim("w-2", 100).unwrap().unwrap();
    assert_eq!(again.messages.len(), 1);
    assert_eq!(again.messages[0].0.claim, 2);
    drop((store, raw));
    let _ = std::fs::remove_file(&path);
}

#[test]
fn a_report_before_the_answer_is_folded_in_when_the_answer_comes() {
    let mut store = SqliteStore::in_memory().unwrap();
    store.add(&document(1, "early"), false).unwrap();
    let claim = store.claim("w-1", 100).unwrap().unwrap();
    let (claimed, body) = &claim.messages[0];
    store.report(&status("sid-9", &correlation(body), 30003)).unwrap();
    assert_eq!(store.counts().unwrap().claimed, 1, "a claimed message waits for its answer");
    store.settle(&[(*claimed, accepted("sid-9"))]).unwrap();
    let counts = store.counts().unwrap();
    assert_eq!((counts.accepted, counts.seen), (1, 1));
    // An answer for an older claim is not recorded over the state.
    store
        .settle(&[(
            Claimed { id: claimed.id, claim: 0 },
            Outcome::Ambiguous { reason: "x".into(), attempts: 1 },
        )])
        .unwrap();
    assert_eq!(store.counts().unwrap().accepted, 1);
}

#[test]
fn a_shared_custom_data_does_not_settle_an_ambiguous_message() {
    let mut store = SqliteStore::in_memory().unwrap();
    let message = |text: &str| {
        Message::builder("+919999999999", "+918888888888", Text::new(text).unwrap())
            .custom_data("campaign-7")
            .build()
            .unwrap()
    };
    let document = Document::new(&[Request::new([message("a"), message("b")]).unwrap()]);
    assert!(
        document.rows(0).iter().all(|row| row.correlation == "campaign-7"),
        "the user's custom_data is kept"
    );
    store.add(&document, false).unwrap();
    let claim = store.claim("w-1", 100).unwrap().unwrap();
    let ambiguous = Outcome::Ambiguous { reason: "timed out".into(), attempts: 1 };
    store.settle(&claim.messages.iter().map(|(c, _)| (*c, ambiguous.clone())).collect::<Vec<_>>()).unwrap();
    store.report(&status("sid-1", "campaign-7", 30002)).unwrap();
    assert_eq!(store.counts().unwrap().ambiguous, 2, "which of the two was it? unknown");
}

#[test]
fn the_same_document_is_recognised_and_queued_again_only_when_allowed() {
    let mut store = SqliteStore::in_memory().unwrap();
    assert_eq!(store.add(&document(3, "dup"), false).unwrap(), exotel_whatsapp::queue::Added::Queued(3));
    assert_eq!(store.add(&document(3, "dup"), false).unwrap(), exotel_whatsapp::queue::Added::Duplicate);
    assert_eq!(store.add(&document(3, "dup"), true).unwrap(), exotel_whatsapp::queue::Added::Queued(3));
    assert_eq!(store.add(&document(3, "dup2"), false).unwrap(), exotel_whatsapp::queue::Added::Queued(3));
    assert_eq!(store.counts().unwrap().queued, 9);
    // Copies get their own correlation ids.
    let claim = store.claim("w", 100).unwrap().unwrap();
    let ids: std::collections::HashSet<_> =
        claim.messages.iter().map(|(_, body)| correlation(body)).collect();
    assert_eq!(ids.len(), 9);
}

proptest! {
    #[test]
    fn the_state_machine_only_moves_forward(steps in prop::collection::vec((0..5u8, 0..5u8), 0..40)) {
        let mut state = State::Queued;
        let mut posted = 0;
        let mut resent = 0;
        for (action, arg) in steps {
            let delivery = [DeliveryState::Unknown, DeliveryState::Sent, DeliveryState::Delivered, DeliveryState::Seen, DeliveryState::Failed][usize::from(arg)];
            let next = match action {
                0 => state.claim().inspect(|_| posted += 1),
                1 => state.settle(&accepted("s")),
                2 => state.abandon(),
                3 => state.report("s", delivery),
                _ => state.resend().inspect(|_| resent += 1),
            };
            if let (State::Accepted { delivery: before, .. }, Ok(State::Accepted { delivery: after, .. })) = (&state, &next) {
                prop_assert_eq!(before.then(*after), *after, "delivery only moves forward");
            }
            if matches!(state, State::Accepted { .. } | State::Rejected { .. } | State::NotSent { .. }) {
                prop_assert!(next.as_ref().map_or(true, |n| n.name() == state.name()), "{:?} left a final state", next);
            }
            if let Ok(next) = next { state = next; }
            prop_assert!(posted <= 1 + resent);
        }
    }
}
