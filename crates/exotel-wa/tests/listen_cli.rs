//! `exotel-wa listen`, run as a user would: a subprocess on a free loopback port, posted to over
//! TCP. Every wait is bounded; the server is stopped with SIGTERM and must exit cleanly.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use support::{lines, root, run, stdout};

/// How long a step may take before the test fails instead of hanging.
const PATIENCE: Duration = Duration::from_secs(60);

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/callbacks").join(name)
}

/// A running `exotel-wa listen`.
struct Listener {
    child: Child,
    address: String,
    /// The callback path, token included.
    path: String,
    stderr: mpsc::Receiver<String>,
    startup: Vec<String>,
}

impl Listener {
    fn start(args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_exotel-wa"))
            .arg("listen")
            .args(["--listen", "127.0.0.1:0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|error| panic!("cannot start exotel-wa: {error}"));
        let (lines, stderr) = mpsc::channel();
        let pipe = child.stderr.take().map(BufReader::new);
        std::thread::spawn(move || {
            for line in pipe.into_iter().flat_map(BufRead::lines).map_while(Result::ok) {
                let _ = lines.send(line);
            }
        });
        let mut startup = Vec::new();
        let url = loop {
            let line =
                stderr.recv_timeout(PATIENCE).unwrap_or_else(|_| panic!("no URL; stderr: {startup:?}"));
            startup.push(line.clone());
            if let Some(url) = line.split("callback URL: ").nth(1) {
                break url.to_owned();
            }
        };
        let rest = url.strip_prefix("http://").unwrap_or_else(|| panic!("{url}"));
        let (address, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        Self { child, address: address.to_owned(), path: path.to_owned(), stderr, startup }
    }

    /// Sends one request and returns the status code.
    fn send(&self, method: &str, path: &str, content_type: &str, body: &[u8]) -> u16 {
        let mut stream = TcpStream::connect(&self.address).unwrap_or_else(|error| panic!("{error}"));
        stream.set_read_timeout(Some(PATIENCE)).unwrap_or_default();
        stream.set_write_timeout(Some(PATIENCE)).unwrap_or_default();
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            self.address,
            body.len()
        );
        // A server that refuses early may close before the whole body is written.
        let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(body));
        let mut response = String::new();
        let _ = stream.read_to_string(&mut response);
        response
            .split(' ')
            .nth(1)
            .and_then(|code| code.parse().ok())
            .unwrap_or_else(|| panic!("{response:?}"))
    }

    fn post(&self, content_type: &str, body: &[u8]) -> u16 {
        self.send("POST", &self.path, content_type, body)
    }

    /// SIGTERM, then the exit code and standard output, waiting a bounded time.
    fn stop(mut self) -> (Option<i32>, Output) {
        let pid = self.child.id().to_string();
        let killed = Command::new("kill").args(["-TERM", &pid]).status();
        assert!(killed.is_ok_and(|status| status.success()), "kill -TERM {pid}");
        for _ in 0..600 {
            if let Ok(Some(status)) = self.child.try_wait() {
                let mut stdout = Vec::new();
                let _ = self.child.stdout.take().map(|mut pipe| pipe.read_to_end(&mut stdout));
                return (status.code(), Output { status, stdout, stderr: Vec::new() });
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("exotel-wa listen did not stop within a minute of SIGTERM");
    }

    /// The stderr lines printed so far, waiting briefly for more.
    fn stderr(&self) -> Vec<String> {
        let mut lines = self.startup.clone();
        while let Ok(line) = self.stderr.recv_timeout(Duration::from_millis(500)) {
            lines.push(line);
        }
        lines
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A fresh output file path in the target directory.
fn out_file(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join(format!("listen-{name}-{}.jsonl", std::process::id()));
    let _ = std::fs::remove_file(&path);
    path
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// What `exotel-wa callback` prints for a fixture: the format `listen` must write.
fn callback_lines(name: &str) -> String {
    let output = run(&["callback", fixture(name).to_str().unwrap_or_default()], b"");
    assert_eq!(output.status.code(), Some(0), "{name}");
    stdout(&output)
}

const SAMPLES: [(&str, &str); 6] = [
    ("spec-dlr.json", "application/json"),
    ("spec-icm-text.json", "application/json"),
    ("spec-icm-image.json", "application/json; charset=utf-8"),
    ("form-flat-dlr.txt", "application/x-www-form-urlencoded"),
    ("form-bracketed-icm.txt", "application/x-www-form-urlencoded"),
    ("icm-observed-variants.json", "application/json"),
];

#[test]
fn spec_samples_are_written_once_each_in_the_callback_format() {
    let out = out_file("samples");
    let listener = Listener::start(&["--out", out.to_str().unwrap_or_default()]);
    let mut expected = String::new();
    for (name, content_type) in SAMPLES {
        let body = std::fs::read(fixture(name)).unwrap_or_default();
        assert_eq!(listener.post(content_type, &body), 200, "{name}");
        expected += &callback_lines(name);
        // After the 200 the lines are on disk; a retry adds nothing.
        assert_eq!(read(&out), expected, "{name}");
        assert_eq!(listener.post(content_type, &body), 200, "{name} again");
        assert_eq!(read(&out), expected, "{name} again");
    }
    // The form body carrying the spec's JSON repeats the spec's delivery report: nothing new.
    let body = std::fs::read(fixture("form-json-field.txt")).unwrap_or_default();
    assert_eq!(listener.post("application/x-www-form-urlencoded", &body), 200);
    assert_eq!(read(&out), expected);

    let token = listener.path.rsplit('/').next().unwrap_or_default().to_owned();
    assert_eq!(token.len(), 64, "a generated token");
    let (code, output) = listener.stop();
    assert_eq!(code, Some(0));
    assert!(output.stdout.is_empty(), "events go to --out only");
    assert!(!read(&out).contains(&token));
}

#[test]
fn verbatim_samples_that_are_not_json_are_kept_as_unknown_events() {
    let out = out_file("verbatim");
    let listener =
        Listener::start(&["--out", out.to_str().unwrap_or_default(), "--token", "my-t0ken-my-t0ken"]);
    assert_eq!(listener.path, "/callbacks/my-t0ken-my-t0ken");
    let mut expected = Vec::new();
    for name in ["spec-dlr.verbatim.txt", "spec-icm-text.verbatim.txt", "spec-icm-image.verbatim.txt"] {
        let body = std::fs::read_to_string(fixture(name)).unwrap_or_default();
        assert_eq!(listener.post("application/json", body.as_bytes()), 200, "{name}");
        assert_eq!(listener.post("application/json", body.as_bytes()), 200, "{name}");
        expected.push(serde_json::json!({"kind": "unknown", "raw": body}));
    }
    let lines: Vec<serde_json::Value> =
        read(&out).lines().map(|line| serde_json::from_str(line).unwrap_or_default()).collect();
    assert_eq!(lines, expected);
    assert_eq!(listener.stop().0, Some(0));
}

#[test]
fn strangers_wrong_methods_and_large_bodies_are_refused() {
    let out = out_file("refused");
    let token_file = out_file("token");
    std::fs::write(&token_file, "  file-t0ken-file-t0ken\n").unwrap_or_default();
    let listener = Listener::start(&[
        "--out",
        out.to_str().unwrap_or_default(),
        "--token-file",
        token_file.to_str().unwrap_or_default(),
        "--max-body",
        "300",
    ]);
    assert_eq!(listener.path, "/callbacks/file-t0ken-file-t0ken");
    let body = std::fs::read(fixture("form-flat-dlr.txt")).unwrap_or_default();
    assert!(body.len() <= 300);
    for path in ["/callbacks", "/callbacks/", "/callbacks/file-t0ken-file-t0keN", "/", "/other"] {
        assert_eq!(listener.send("POST", path, "application/x-www-form-urlencoded", &body), 404, "{path}");
        assert_eq!(listener.send("GET", path, "text/plain", b""), 404, "{path}");
    }
    assert_eq!(listener.send("GET", &listener.path, "text/plain", b""), 405);
    assert_eq!(listener.send("PUT", &listener.path, "application/x-www-form-urlencoded", &body), 405);
    assert_eq!(listener.post("application/json", &[b' '; 301]), 413);
    assert_eq!(listener.post("application/json", &[b' '; 300]), 200);
    assert_eq!(listener.post("application/x-www-form-urlencoded", &body), 200);
    let lines = read(&out);
    assert_eq!(lines.lines().count(), 2, "{lines}");
    assert!(lines.lines().nth(1).is_some_and(|line| line.contains(r#""state":"delivered""#)));
    assert_eq!(listener.stop().0, Some(0));
}

#[test]
fn no_token_mode_warns_and_listens_on_the_bare_path() {
    let listener = Listener::start(&["--no-token"]);
    assert_eq!(listener.path, "/callbacks");
    let body = std::fs::read(fixture("spec-dlr.json")).unwrap_or_default();
    assert_eq!(listener.post("application/json", &body), 200);
    assert_eq!(listener.send("POST", "/callbacks/anything-at-all", "application/json", &body), 404);
    assert!(
        listener.stderr().iter().any(|line| line.contains("warning") && line.contains("without a token"))
    );
    let (code, output) = listener.stop();
    assert_eq!(code, Some(0));
    assert_eq!(stdout(&output), callback_lines("spec-dlr.json"), "standard output by default");
    assert_eq!(lines(&output).len(), 1);
}

#[test]
fn an_output_that_fails_gives_500_so_exotel_retries() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let listener = Listener::start(&["--out", "/dev/full"]);
    let body = std::fs::read(fixture("spec-dlr.json")).unwrap_or_default();
    assert_eq!(listener.post("application/json", &body), 500);
    assert_eq!(listener.post("application/json", &body), 500, "nothing was remembered");
    assert!(listener.stderr().iter().any(|line| line.contains("cannot write the events")));
    assert_eq!(listener.stop().0, Some(0));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["listen", "--token", "short"][..],
        &["listen", "--token", "a-long-enough-token", "--no-token"][..],
        &["listen", "--token-file", "/no/such/token/file"][..],
        &["listen", "--listen", "not-an-address"][..],
        &["listen", "--out", "/no/such/dir/events.jsonl"][..],
    ] {
        let output = run(args, b"");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
    }
}
