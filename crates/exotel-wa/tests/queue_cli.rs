//! `exotel-wa queue`: enqueueing with duplicate detection, the status object, and the ledger's
//! promise under SIGKILL: `queue run` killed mid-way and started again, several times, against
//! the sandbox; afterwards the sandbox received every message at most once and `queue status`
//! accounts for all of them. On PostgreSQL too (and with 3 workers at once) when
//! `EXOTEL_WA_TEST_POSTGRES` names a server (`postgres://USER@127.0.0.1:PORT/DB`, a user who may
//! create databases); `.ci/run` starts one.

mod support;

use std::collections::HashMap;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use exotel_whatsapp_sandbox::{MessageRecord, Sandbox};
use serde_json::{Value, json};
use support::Scratch;

/// Every wait gives up after this long.
const PATIENCE: Duration = Duration::from_secs(120);

/// The in-process sandbox, on a thread of its own; asked for its record over a channel.
struct Exotel {
    base_url: String,
    ask: tokio::sync::mpsc::UnboundedSender<mpsc::Sender<Vec<MessageRecord>>>,
}

impl Exotel {
    fn start() -> Self {
        let (started, start) = mpsc::channel();
        thread::spawn(move || {
            let runtime =
                tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
            runtime.block_on(async move {
                let sandbox =
                    Sandbox::builder().seed(15).speed(1000.0).start().await.expect("a loopback port");
                let (ask, mut asks) =
                    tokio::sync::mpsc::unbounded_channel::<mpsc::Sender<Vec<MessageRecord>>>();
                started.send((sandbox.base_url(), ask)).expect("the test waits");
                while let Some(reply) = asks.recv().await {
                    let _ = reply.send(sandbox.messages());
                }
            });
        });
        let (base_url, ask) = start.recv_timeout(PATIENCE).expect("the sandbox starts");
        Exotel { base_url, ask }
    }

    fn messages(&self) -> Vec<MessageRecord> {
        let (reply, answer) = mpsc::channel();
        self.ask.send(reply).expect("the sandbox runs");
        answer.recv_timeout(PATIENCE).expect("the sandbox answers")
    }
}

const CREDENTIALS: [(&str, &str); 3] = [
    ("EXOTEL_API_KEY", "sandbox_key"),
    ("EXOTEL_API_TOKEN", "sandbox_token"),
    ("EXOTEL_ACCOUNT_SID", "sandbox_sid"),
];

fn command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_exotel-wa"));
    for (name, _) in std::env::vars().filter(|(name, _)| name.starts_with("EXOTEL_")) {
        command.env_remove(name);
    }
    command.envs(CREDENTIALS).args(args).stdin(Stdio::null());
    command
}

fn run(args: &[&str]) -> Output {
    command(args).output().expect("exotel-wa runs")
}

fn queue_run(store: &str, exotel: &Exotel, rate: &str) -> Child {
    command(&[
        "queue",
        "run",
        "--store",
        store,
        "--base-url",
        &exotel.base_url,
        "--rate",
        rate,
        "--lease",
        "1",
    ])
    .stdout(Stdio::null())
    .stderr(Stdio::null())
    .spawn()
    .expect("exotel-wa starts")
}

fn status(store: &str) -> Value {
    let output = run(&["queue", "status", "--store", store, "--format", "json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("one JSON object")
}

/// `documents` documents of `each` messages, each text different (and not ASCII).
fn write_documents(scratch: &Scratch, documents: usize, each: usize) -> Vec<String> {
    (0..documents)
        .map(|d| {
            let messages: Vec<Value> = (0..each)
                .map(|i| {
                    json!({"from": "+919999999999", "to": "+918888888888",
                    "content": {"type": "text", "text": {"body": format!("नमस्ते {d}.{i}")}}})
                })
                .collect();
            let name = format!("doc-{d:03}.json");
            scratch.write(&name, json!({"whatsapp": {"messages": messages}}).to_string().as_bytes());
            scratch.0.join(name).display().to_string()
        })
        .collect()
}

/// How many times the sandbox received each correlation id, and the ones received twice.
fn received_twice(messages: &[MessageRecord]) -> Vec<String> {
    let mut seen: HashMap<&str, u32> = HashMap::new();
    for message in messages {
        *seen.entry(message.custom_data.as_deref().unwrap_or("none")).or_default() += 1;
    }
    seen.into_iter().filter(|(_, n)| *n > 1).map(|(id, _)| id.to_owned()).collect()
}

#[test]
fn add_recognises_a_document_by_content_and_status_counts_every_state() {
    let scratch = Scratch::new("queue-add");
    let store = format!("sqlite:{}/q.db", scratch.path());
    let paths = write_documents(&scratch, 1, 3);
    scratch.write(
        "spaced.json",
        serde_json::to_string_pretty(
            &serde_json::from_str::<Value>(&std::fs::read_to_string(&paths[0]).unwrap()).unwrap(),
        )
        .unwrap()
        .as_bytes(),
    );
    scratch.write("bad.json", br#"{"whatsapp": {"messages": [{"from": "+919999999999", "to": "12", "content": {"type": "text", "text": {"body": "x"}}}]}}"#);
    let first = run(&["queue", "add", "--store", &store, &paths[0]]);
    assert!(first.status.success());
    assert!(support::stdout(&first).ends_with(": 3 message(s) queued\n"), "{}", support::stdout(&first));
    let spaced = format!("{}/spaced.json", scratch.path());
    let again = run(&["queue", "add", "--store", &store, "--format", "json", &spaced]);
    assert_eq!(support::lines(&again)[0]["result"], "duplicate");
    let allowed = run(&["queue", "add", "--store", &store, "--allow-duplicates", &spaced]);
    assert!(support::stdout(&allowed).contains("3 message(s) queued"));
    let bad = run(&[
        "queue",
        "add",
        "--store",
        &store,
        "--format",
        "json",
        &format!("{}/bad.json", scratch.path()),
    ]);
    assert_eq!(bad.status.code(), Some(1));
    let line = &support::lines(&bad)[0];
    assert_eq!(line["result"], "invalid");
    assert!(line["errors"][0]["error"].as_str().unwrap().starts_with("/whatsapp/messages/0/to"), "{line}");
    let counts = status(&store);
    let keys: Vec<&str> = counts.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "queued",
            "claimed",
            "accepted",
            "rejected",
            "ambiguous",
            "not_sent",
            "sent",
            "delivered",
            "seen",
            "failed",
            "total"
        ]
    );
    assert_eq!((counts["queued"].as_u64(), counts["total"].as_u64()), (Some(6), Some(6)));
}

/// Kills `queue run` with SIGKILL mid-way, `kills` times, then lets one run to the end.
fn crash_and_restart(store: &str, exotel: &Exotel, total: u64, kills: u64) {
    let mut killed = 0;
    for round in 0..kills {
        let mut child = queue_run(store, exotel, "600");
        // Each run sends a request of up to 100 messages every 100 ms: let it send some.
        thread::sleep(Duration::from_millis(150 + 70 * round));
        if child.try_wait().expect("a child").is_none() {
            child.kill().expect("SIGKILL");
            killed += 1;
        }
        child.wait().expect("it stops");
    }
    assert!(killed > 0, "no run was killed mid-way");
    let mut last = queue_run(store, exotel, "600");
    let deadline = Instant::now() + PATIENCE;
    while last.try_wait().expect("a child").is_none() {
        assert!(Instant::now() < deadline, "queue run did not finish");
        thread::sleep(Duration::from_millis(50));
    }
    let counts = status(store);
    let count = |name: &str| counts[name].as_u64().unwrap();
    assert_eq!(count("total"), total, "{counts}");
    assert_eq!((count("queued"), count("claimed")), (0, 0), "{counts}");
    assert_eq!(count("accepted") + count("ambiguous"), total, "{counts}");
    let messages = exotel.messages();
    assert_eq!(received_twice(&messages), Vec::<String>::new(), "received twice");
    // Every accepted message was received; an ambiguous one may have been, or not.
    assert!(
        messages.len() as u64 >= count("accepted") && messages.len() as u64 <= total,
        "{} received; {counts}",
        messages.len()
    );
}

#[test]
fn sqlite_queue_run_killed_and_restarted_sends_each_message_at_most_once() {
    let scratch = Scratch::new("queue-crash");
    let store = format!("sqlite:{}/q.db", scratch.path());
    let paths = write_documents(&scratch, 10, 100);
    let mut args = vec!["queue", "add", "--store", &store];
    args.extend(paths.iter().map(String::as_str));
    assert!(run(&args).status.success());
    crash_and_restart(&store, &Exotel::start(), 1000, 4);
}

/// A fresh database on the test server, or `None` when no server is configured.
fn postgres(name: &str) -> Option<String> {
    let url = std::env::var("EXOTEL_WA_TEST_POSTGRES").ok().filter(|url| !url.is_empty())?;
    let database = format!("exq_{name}_{}", std::process::id());
    let mut client = postgres::Client::connect(&url, postgres::NoTls).expect("the test server accepts");
    client.batch_execute(&format!("DROP DATABASE IF EXISTS {database}")).expect("no database left");
    client.batch_execute(&format!("CREATE DATABASE {database}")).expect("a database");
    let (server, _) = url.rsplit_once('/').expect("postgres://USER@HOST:PORT/DB");
    Some(format!("{server}/{database}"))
}

#[test]
fn postgres_queue_run_killed_and_restarted_sends_each_message_at_most_once() {
    let Some(store) = postgres("crash") else { return };
    let scratch = Scratch::new("queue-pg-crash");
    let paths = write_documents(&scratch, 10, 100);
    let mut args = vec!["queue", "add", "--store", &store];
    args.extend(paths.iter().map(String::as_str));
    assert!(run(&args).status.success());
    crash_and_restart(&store, &Exotel::start(), 1000, 4);
}

#[test]
fn three_postgres_workers_share_10000_messages_and_none_is_sent_twice() {
    let Some(store) = postgres("workers") else { return };
    let scratch = Scratch::new("queue-pg-workers");
    let paths = write_documents(&scratch, 100, 100);
    let mut args = vec!["queue", "add", "--store", &store];
    args.extend(paths.iter().map(String::as_str));
    assert!(run(&args).status.success());
    let exotel = Exotel::start();
    let mut workers: Vec<Child> = (0..3).map(|_| queue_run(&store, &exotel, "0")).collect();
    let deadline = Instant::now() + PATIENCE;
    for worker in &mut workers {
        while worker.try_wait().expect("a child").is_none() {
            assert!(Instant::now() < deadline, "a worker did not finish");
            thread::sleep(Duration::from_millis(50));
        }
    }
    let counts = status(&store);
    assert_eq!(
        (counts["accepted"].as_u64(), counts["total"].as_u64()),
        (Some(10_000), Some(10_000)),
        "{counts}"
    );
    let messages = exotel.messages();
    assert_eq!(messages.len(), 10_000);
    assert_eq!(received_twice(&messages), Vec::<String>::new(), "received twice");
}
