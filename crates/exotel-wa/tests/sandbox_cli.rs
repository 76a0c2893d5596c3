//! `exotel-wa sandbox`: start-up banner, one log line per request and callback, a clean stop on
//! SIGINT (Ctrl-C), and exit status 2 when it cannot start.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::thread;
use std::time::{Duration, Instant};

/// Every wait gives up after this long.
const PATIENCE: Duration = Duration::from_secs(10);

/// A running `exotel-wa sandbox` and the lines it prints.
struct Running {
    child: Child,
    lines: Receiver<String>,
}

impl Running {
    fn start(args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_exotel-wa"))
            .arg("sandbox")
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|error| panic!("cannot start exotel-wa: {error}"));
        let stdout = child.stdout.take().expect("a piped stdout");
        let (send, lines) = channel();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    return;
                }
            }
        });
        Self { child, lines }
    }

    fn line(&self) -> String {
        self.lines.recv_timeout(PATIENCE).expect("a line within the patience")
    }

    /// Sends SIGINT, as Ctrl-C does, and waits for the exit.
    fn interrupt(mut self) -> (bool, Vec<String>) {
        let pid = self.child.id().to_string();
        let killed = Command::new("kill").args(["-INT", &pid]).status().expect("kill runs");
        assert!(killed.success());
        let status = wait(&mut self.child);
        // The reader ends at end of file, which the exit brings.
        let mut rest = Vec::new();
        while let Ok(line) = self.lines.recv_timeout(PATIENCE) {
            rest.push(line);
        }
        (status.success(), rest)
    }
}

/// Waits for `child` to exit; panics after [`PATIENCE`].
fn wait(child: &mut Child) -> ExitStatus {
    let deadline = Instant::now() + PATIENCE;
    loop {
        if let Some(status) = child.try_wait().expect("a child to wait for") {
            return status;
        }
        assert!(Instant::now() < deadline, "still running");
        thread::sleep(Duration::from_millis(20));
    }
}

/// One HTTP/1.1 exchange over a fresh connection; returns the whole answer.
fn http(address: &str, request: &str) -> String {
    let mut stream = TcpStream::connect(address).expect("the sandbox accepts");
    stream.set_read_timeout(Some(PATIENCE)).expect("a timeout");
    stream.write_all(request.as_bytes()).expect("the request is written");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("an answer");
    answer
}

/// `sandbox_key:sandbox_token` in base64, as an `Authorization` header line.
const BASIC: &str = "Authorization: Basic c2FuZGJveF9rZXk6c2FuZGJveF90b2tlbg==\r\n";

/// A request whose one message is sent and never delivered (one callback).
const BODY: &str = r#"{"whatsapp": {"messages": [{"from": "+919000000000", "to": "+919999900003",
    "content": {"type": "text", "text": {"body": "Hi"}}}]}}"#;

fn post(address: &str, authorization: &str, body: &str) -> String {
    http(
        address,
        &format!(
            "POST /v2/accounts/sandbox_sid/messages HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\
             {authorization}Content-Length: {}\r\n\r\n{body}",
            body.len()
        ),
    )
}

#[test]
fn it_prints_the_credentials_logs_requests_and_stops_on_sigint() {
    let sandbox = Running::start(&["--listen", "127.0.0.1:0", "--seed", "5", "--speed", "1000"]);
    let first = sandbox.line();
    let base = first.strip_prefix("exotel-wa sandbox listening on ").unwrap_or_else(|| panic!("{first}"));
    let address = base.strip_prefix("http://").expect("an http base URL").to_owned();
    let banner: Vec<String> = (0..7).map(|_| sandbox.line()).collect();
    assert_eq!(
        banner[..4],
        [
            "  account sid  sandbox_sid".to_owned(),
            "  api key      sandbox_key".to_owned(),
            "  api token    sandbox_token".to_owned(),
            format!("  send to      {base}/v2/accounts/sandbox_sid/messages"),
        ]
    );
    assert_eq!(banner[4], "  seed         5");
    assert_eq!(banner[6], "Ctrl-C stops it.");

    let refused = post(&address, "", "{}");
    assert!(refused.starts_with("HTTP/1.1 401"), "{refused}");
    assert_eq!(sandbox.line(), "request 1: HTTP 401, 0 message(s) recorded, 0 accepted");

    let accepted = post(&address, BASIC, BODY);
    assert!(accepted.starts_with("HTTP/1.1 202"), "{accepted}");
    assert_eq!(sandbox.line(), "request 2: HTTP 202, 1 message(s) recorded, 1 accepted");
    let sent = sandbox.line();
    assert!(sent.starts_with("EX_MESSAGE_SENT for "), "{sent}");
    assert!(sent.ends_with(": not posted (no callback URL) after 0 attempt(s)"), "{sent}");

    let listed = http(
        &address,
        &format!("GET /sandbox/messages HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"),
    );
    assert!(listed.starts_with("HTTP/1.1 200"), "{listed}");
    assert!(listed.contains(r#""to":"+919999900003""#), "{listed}");

    let (success, rest) = sandbox.interrupt();
    assert!(success, "exit status 0 after Ctrl-C");
    assert_eq!(rest, ["stopped after 1 message(s)"]);
}

#[test]
fn it_plays_the_example_scenario() {
    let scenario = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/sandbox/faults.json");
    let sandbox = Running::start(&["--listen", "127.0.0.1:0", "--speed", "1000", "--scenario", scenario]);
    let first = sandbox.line();
    let address = first.rsplit_once("http://").map(|(_, address)| address.to_owned()).expect("the address");
    (0..7).for_each(|_| drop(sandbox.line()));

    let answers: Vec<String> = (0..5).map(|_| post(&address, BASIC, BODY)).collect();
    let statuses: Vec<&str> = answers.iter().map(|a| a.get(..12).unwrap_or_default()).collect();
    assert_eq!(statuses, ["HTTP/1.1 429", "HTTP/1.1 503", "HTTP/1.1 500", "", "HTTP/1.1 202"], "{answers:?}");
    assert!(answers[0].to_ascii_lowercase().contains("retry-after: 1\r\n"), "{}", answers[0]);
    // Five request lines, and a `sent` callback for each of the three requests that took their
    // message; each callback comes after its own request's line, at its own pace.
    let lines: Vec<String> = (0..8).map(|_| sandbox.line()).collect();
    let (sent, requests): (Vec<&String>, Vec<&String>) =
        lines.iter().partition(|line| line.starts_with("EX_MESSAGE_SENT for "));
    assert_eq!(
        requests,
        [
            "request 1: HTTP 429, 0 message(s) recorded, 0 accepted",
            "request 2: HTTP 503, 0 message(s) recorded, 0 accepted",
            "request 3: HTTP 500, 1 message(s) recorded, 1 accepted",
            "request 4: connection dropped after the body, 1 message(s) recorded",
            "request 5: HTTP 202, 1 message(s) recorded, 1 accepted",
        ]
    );
    assert_eq!(sent.len(), 3, "{lines:?}");
    let (success, rest) = sandbox.interrupt();
    assert!(success);
    assert_eq!(rest, ["stopped after 3 message(s)"]);
}

/// Runs `exotel-wa args…` to its end.
fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_exotel-wa")).args(args).output().expect("exotel-wa runs")
}

#[test]
fn it_exits_2_when_it_cannot_start() {
    let missing = run(&["sandbox", "--listen", "127.0.0.1:0", "--scenario", "no-such-scenario.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read no-such-scenario.json"));
    assert!(missing.stdout.is_empty(), "no banner for a sandbox that did not start");

    let external = run(&["sandbox", "--listen", "127.0.0.1:0", "--default-callback", "http://192.0.2.1/x"]);
    assert_eq!(external.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&external.stderr).contains("--allow-external-callbacks"));

    let slow = run(&["sandbox", "--listen", "127.0.0.1:0", "--speed", "0"]);
    assert_eq!(slow.status.code(), Some(2));
}

#[test]
fn it_stops_with_141_when_its_output_is_closed() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_exotel-wa"))
        .args(["sandbox", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("exotel-wa starts");
    let mut stdout = BufReader::new(child.stdout.take().expect("a piped stdout"));
    let banner: Vec<String> = (0..8)
        .map(|_| {
            let mut line = String::new();
            stdout.read_line(&mut line).expect("a banner line");
            line
        })
        .collect();
    assert_eq!(banner[7], "Ctrl-C stops it.\n");
    let address = banner[0]
        .trim_end()
        .rsplit_once("http://")
        .map(|(_, address)| address.to_owned())
        .expect("the address");
    // Closed after the banner, as by `exotel-wa sandbox | head -8`: the next line, this request's,
    // cannot be written. The request is still answered before the sandbox stops.
    drop(stdout);
    let refused = post(&address, "", "{}");
    assert!(refused.starts_with("HTTP/1.1 401"), "{refused}");
    assert_eq!(wait(&mut child).code(), Some(141));
}
