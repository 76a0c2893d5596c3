//! A scripted HTTP/1.1 server on 127.0.0.1 for the transport edges: one connection per scripted
//! action, each request recorded with the instant it arrived. It also serves `exotel-wa send`'s
//! tests (included there by path).

#![allow(dead_code)] // each test crate uses part of it

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

/// What the server does with one request, once it has read it whole.
pub enum Action {
    /// Answers with a status, extra headers and a body, then closes the connection.
    Answer(u16, Vec<(&'static str, String)>, String),
    /// Closes the connection without answering: the request arrived, the answer never does.
    Close,
}

/// A 202 accepting `count` messages, with sids `{prefix}{i}`.
pub fn accepted(prefix: &str, count: usize) -> Action {
    let messages: Vec<String> = (0..count)
        .map(|i| format!(r#"{{"code": 202, "status": "success", "error_data": null, "data": {{"sid": "{prefix}{i}"}}}}"#))
        .collect();
    let body = format!(
        r#"{{"request_id": "req-{prefix}", "method": "POST", "http_code": 202,
            "metadata": {{"failed": 0, "total": {count}, "success": {count}}},
            "response": {{"whatsapp": {{"messages": [{}]}}}}}}"#,
        messages.join(",")
    );
    Action::Answer(202, Vec::new(), body)
}

/// An answer with a status and an empty JSON body.
pub fn status(code: u16) -> Action {
    Action::Answer(code, Vec::new(), "{}".into())
}

/// One request as the server read it.
#[derive(Debug, Clone)]
pub struct Seen {
    /// When its head had arrived.
    pub at: Instant,
    /// The request line and headers.
    pub head: String,
    /// The body.
    pub body: Vec<u8>,
}

/// The server; it stops accepting after its script.
pub struct Server {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    /// Serves `script`, one action per connection, in order.
    pub fn start(script: Vec<Action>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local address");
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&seen);
        thread::spawn(move || {
            for action in script {
                let Ok((stream, _)) = listener.accept() else { return };
                serve(stream, action, &record);
            }
        });
        Server { addr, seen }
    }

    /// `http://127.0.0.1:{port}`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The requests received so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

fn serve(stream: TcpStream, action: Action, seen: &Mutex<Vec<Seen>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) if line == "\r\n" => break,
            Ok(_) => head.push_str(&line),
        }
    }
    let at = Instant::now();
    let length = head
        .lines()
        .find_map(|line| {
            line.to_ascii_lowercase().strip_prefix("content-length:").map(|n| n.trim().parse().unwrap_or(0))
        })
        .unwrap_or(0);
    let mut body = vec![0; length];
    if reader.read_exact(&mut body).is_err() {
        return;
    }
    seen.lock().unwrap_or_else(PoisonError::into_inner).push(Seen { at, head, body });
    let mut stream = reader.into_inner();
    if let Action::Answer(code, headers, body) = action {
        let mut answer =
            format!("HTTP/1.1 {code} X\r\nContent-Type: application/json\r\nConnection: close\r\n");
        for (name, value) in headers {
            let _ = write!(answer, "{name}: {value}\r\n");
        }
        let _ = write!(answer, "Content-Length: {}\r\n\r\n{body}", body.len());
        let _ = stream.write_all(answer.as_bytes());
    }
    // Dropping the stream closes the connection; with `Close`, before any answer.
}
