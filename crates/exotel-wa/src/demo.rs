//! `exotel-wa demo [--speed X] [--seed N] [--timeout SECS] [PATH ...]`: the whole loop on one
//! machine. It starts the sandbox (a local Exotel) and a callback receiver (the webhook crate's
//! router, behind a random token) on free loopback ports, sends every request of PATH (default
//! `examples/requests/valid/`) through the blocking HTTP client, prints what became of each
//! message, and then each accepted message's delivery reports as they arrive at the receiver,
//! message by message in the order sent.
//!
//! Every `status_callback` of the documents is pointed at the receiver (they name public hosts,
//! to which the sandbox posts nothing); messages without one reach it as the sandbox's default
//! callback. With the same seed, the sids and the output are the same from run to run; the
//! addresses, which change, go to standard error.
//!
//! Exit status: 0 when every message reached a final state (rejected, invalid, or no more
//! reports to come), 1 when the reports did not all arrive within `--timeout`, 2 when the
//! documents cannot be read or the sandbox, receiver or client cannot start.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use exotel_whatsapp_client::{BlockingClient, Settings};
use exotel_whatsapp_core::callback::{Event, StatusEvent};
use exotel_whatsapp_core::limits::DOCUMENT_BYTES_MAX;
use exotel_whatsapp_core::send::{Credentials, Endpoint, Outcome};
use exotel_whatsapp_core::status::DeliveryState;
use exotel_whatsapp_sandbox::Sandbox;
use exotel_whatsapp_webhook::{CallbackUrl, Endpoint as CallbackEndpoint, Receiver, Sink, Token};
use serde_json::Value;

use crate::input::Body;
use crate::output::{complain, printable, write_failed};
use crate::send::plan::{Plan, plan};

/// The examples, as seen from the workspace root (where `cargo run` runs).
const EXAMPLES: &str = "examples/requests/valid";

/// Arguments of `exotel-wa demo`.
#[derive(clap::Args)]
pub struct Args {
    /// Divide the sandbox's delays (0.5 s to `sent`, 1 s more to `delivered`, 2 s more to `seen`) by X
    #[arg(long, value_name = "X", default_value_t = 10.0)]
    speed: f64,
    /// Seed of the sandbox's ids: the same seed gives the same sids and the same output
    #[arg(long, value_name = "N", default_value_t = 1)]
    seed: u64,
    /// Seconds to wait for every delivery report before giving up (exit status 1)
    #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..))]
    timeout: u64,
    /// Request bodies: files, or directories of `*.json` files [default: examples/requests/valid]
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// One document, read and checked.
struct Document {
    source: String,
    plan: Plan,
}

/// A message the sandbox accepted, whose reports are awaited.
struct Accepted {
    name: String,
    sid: String,
}

/// Runs the subcommand.
pub fn run(args: &Args) -> ExitCode {
    let documents = match read(&paths(&args.paths)) {
        Ok(documents) => documents,
        Err(error) => {
            complain!("{error}");
            return ExitCode::from(2);
        }
    };
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build();
    match runtime {
        Ok(runtime) => runtime.block_on(demo(args, documents)),
        Err(error) => {
            complain!("cannot start the runtime: {error}");
            ExitCode::from(2)
        }
    }
}

/// The paths given, else the examples: under the current directory, else where this program was
/// built from.
fn paths(given: &[PathBuf]) -> Vec<PathBuf> {
    if !given.is_empty() {
        return given.to_vec();
    }
    let here = PathBuf::from(EXAMPLES);
    let built = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(EXAMPLES);
    vec![if here.is_dir() || !built.is_dir() { here } else { built }]
}

/// Reads and checks every document; the first that cannot be read stops the demo.
fn read(paths: &[PathBuf]) -> Result<Vec<Document>, String> {
    let sources = crate::input::expand(paths, false);
    if let Some(error) = sources.errors.first() {
        return Err(printable(error).into_owned());
    }
    let mut documents = Vec::with_capacity(sources.paths.len());
    for path in &sources.paths {
        let source = path.display().to_string();
        let body = crate::input::read(Some(path), DOCUMENT_BYTES_MAX)
            .map_err(|error| format!("cannot read {}: {error}", printable(&source)))?;
        documents.push(Document { source, plan: plan(&body) });
    }
    Ok(documents)
}

/// The demo proper, on the runtime that serves the sandbox and the receiver.
async fn demo(args: &Args, documents: Vec<Document>) -> ExitCode {
    let inbox = Arc::new(Inbox::default());
    let (sandbox, callback_url) = match start(args, Arc::clone(&inbox)).await {
        Ok(started) => started,
        Err(error) => {
            complain!("{error}");
            return ExitCode::from(2);
        }
    };
    let client = match client(&sandbox) {
        Ok(client) => Arc::new(client),
        Err(error) => {
            complain!("cannot make the client: {error}");
            return ExitCode::from(2);
        }
    };
    let mut out = io::stdout().lock();
    let mut tally = Tally::default();
    let mut accepted = Vec::new();
    let written = writeln!(out, "Sending {} document(s) to the sandbox:", documents.len());
    if let Err(error) = written {
        return write_failed(&error);
    }
    for document in documents {
        let lines = send(&client, &callback_url, document, &mut tally, &mut accepted).await;
        if let Err(error) = lines.iter().try_for_each(|line| writeln!(out, "{}", printable(line))) {
            return write_failed(&error);
        }
    }
    let deadline = Instant::now() + Duration::from_secs(args.timeout);
    if let Err(error) = writeln!(out, "Delivery reports, as they reached the receiver:") {
        return write_failed(&error);
    }
    for message in &accepted {
        let settled = sandbox
            .wait_for(deadline.saturating_duration_since(Instant::now()), |records| {
                records.iter().any(|record| record.sid.as_deref() == Some(&message.sid) && record.done)
            })
            .await;
        if !settled {
            let _ = out.flush();
            complain!(
                "timed out after {} s waiting for the delivery reports of {} ({}); try a larger --timeout",
                args.timeout,
                printable(&message.name),
                message.sid
            );
            return ExitCode::from(1);
        }
        let line = tally.reports(&message.name, &inbox.reports(&message.sid));
        if let Err(error) = writeln!(out, "{}", printable(&line)) {
            return write_failed(&error);
        }
    }
    match writeln!(out, "{}", tally.summary()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => write_failed(&error),
    }
}

/// Starts the receiver and then the sandbox, whose default callback is the receiver.
async fn start(args: &Args, inbox: Arc<Inbox>) -> Result<(Sandbox, String), String> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|error| format!("cannot listen on 127.0.0.1: {error}"))?;
    let address = listener.local_addr().map_err(|error| format!("cannot listen on 127.0.0.1: {error}"))?;
    let token = Token::generate().map_err(|error| format!("cannot make a random token: {error}"))?;
    let url = CallbackUrl::new(&format!("http://{address}/callbacks"), &token)
        .map_err(|error| format!("the callback URL: {error}"))?;
    let router = Receiver::new(CallbackEndpoint::for_url(&url), inbox).into_router();
    tokio::spawn(async move { axum::serve(listener, router).await });
    let sandbox = Sandbox::builder()
        .seed(args.seed)
        .speed(args.speed)
        .default_callback(url.expose())
        .start()
        .await
        .map_err(|error| format!("cannot start the sandbox: {error}"))?;
    complain!("sandbox at {}, callback receiver at http://{address}/callbacks/<token>", sandbox.base_url());
    Ok((sandbox, url.expose().to_owned()))
}

/// The blocking client, pointed at the sandbox, with its credentials.
fn client(sandbox: &Sandbox) -> Result<BlockingClient, String> {
    let account = sandbox.credentials();
    let credentials = Credentials::new(account.api_key(), account.api_token(), account.account_sid())
        .map_err(|error| error.to_string())?;
    let endpoint = Endpoint::parse(&sandbox.base_url()).map_err(|error| error.to_string())?;
    let settings = Settings::new(credentials).endpoint(endpoint).requests_per_minute(0);
    BlockingClient::new(settings).map_err(|error| error.to_string())
}

/// Sends one document's requests (the client blocks, so on a thread of its own while the
/// runtime serves the sandbox) and returns a line per message.
async fn send(
    client: &Arc<BlockingClient>,
    callback_url: &str,
    document: Document,
    tally: &mut Tally,
    accepted: &mut Vec<Accepted>,
) -> Vec<String> {
    let source = document.source;
    let requests = match redirect(document.plan, callback_url) {
        Plan::Send(requests) => requests,
        Plan::Invalid(messages) => {
            tally.invalid += messages.len();
            return messages
                .into_iter()
                .map(|(index, error)| format!("{}: invalid, not sent: {error}", name(&source, index)))
                .collect();
        }
    };
    let mut lines = Vec::new();
    for (offset, request) in requests {
        let recipients: Vec<String> =
            request.messages().iter().map(|message| message.to().as_str().to_owned()).collect();
        let sender = Arc::clone(client);
        let outcomes = tokio::task::spawn_blocking(move || sender.send(&request)).await;
        let outcomes = outcomes.unwrap_or_else(|error| {
            let reason = format!("the sending thread failed: {error}");
            vec![Outcome::Ambiguous { reason, attempts: 0 }; recipients.len()]
        });
        for (i, (outcome, to)) in outcomes.iter().zip(&recipients).enumerate() {
            let name = name(&source, Some(offset + i));
            tally.outcome(outcome);
            if let Outcome::Accepted { sid, .. } = outcome {
                accepted.push(Accepted { name: name.clone(), sid: sid.as_str().to_owned() });
            }
            lines.push(format!("{name} to {to}: {outcome}"));
        }
    }
    lines
}

/// The plan with every `status_callback` pointed at `url`: the documents name public hosts, to
/// which the sandbox posts nothing. Only valid documents are rewritten (parsing into a `Value`
/// would drop the duplicate keys the checker refuses).
fn redirect(plan: Plan, url: &str) -> Plan {
    let Plan::Send(requests) = plan else { return plan };
    let mut redirected = Vec::with_capacity(requests.len());
    for (offset, request) in requests {
        let Ok(mut document) = serde_json::to_value(&request) else {
            return Plan::Send(vec![(offset, request)]);
        };
        point_callbacks(&mut document, url);
        let body = serde_json::to_vec(&document).unwrap_or_default();
        match crate::send::plan::plan(&Body::Whole(body)) {
            Plan::Send(mut again) if again.len() == 1 => redirected.push((offset, again.remove(0).1)),
            _ => redirected.push((offset, request)),
        }
    }
    Plan::Send(redirected)
}

/// Replaces the `status_callback` of the request, its channel and each message.
fn point_callbacks(document: &mut Value, url: &str) {
    let replace = |object: &mut Value| {
        if let Some(callback) = object.get_mut("status_callback") {
            *callback = Value::from(url);
        }
    };
    replace(document);
    if let Some(channel) = document.get_mut("whatsapp") {
        replace(channel);
        if let Some(Value::Array(messages)) = channel.get_mut("messages") {
            messages.iter_mut().for_each(replace);
        }
    }
}

/// `file.json #3`, or the file alone when its messages could not be counted.
fn name(source: &str, index: Option<usize>) -> String {
    index.map_or_else(|| source.to_owned(), |index| format!("{source} #{index}"))
}

/// The receiver's sink: every event, in arrival order, in memory.
#[derive(Default)]
struct Inbox(Mutex<Vec<Event>>);

impl Inbox {
    /// The status events for `sid`, in arrival order.
    fn reports(&self, sid: &str) -> Vec<StatusEvent> {
        let events = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        events
            .iter()
            .filter_map(|event| match event {
                Event::Status(status) if status.sid.as_deref() == Some(sid) => Some((**status).clone()),
                _ => None,
            })
            .collect()
    }
}

impl Sink for Inbox {
    type Error = std::convert::Infallible;

    async fn store(&self, events: &[Event]) -> Result<(), Self::Error> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).extend_from_slice(events);
        Ok(())
    }
}

/// What became of the messages.
#[derive(Default)]
struct Tally {
    accepted: usize,
    rejected: usize,
    ambiguous: usize,
    not_sent: usize,
    invalid: usize,
    seen: usize,
    delivered: usize,
    failed: usize,
    sent_only: usize,
    no_report: usize,
}

impl Tally {
    fn outcome(&mut self, outcome: &Outcome) {
        *match outcome {
            Outcome::Accepted { .. } => &mut self.accepted,
            Outcome::Rejected { .. } => &mut self.rejected,
            Outcome::Ambiguous { .. } => &mut self.ambiguous,
            Outcome::NotSent { .. } => &mut self.not_sent,
        } += 1;
    }

    /// The line for one message's reports, once no more will come: each state in arrival
    /// order, the failure's code and name, and the `custom_data` they carried.
    fn reports(&mut self, name: &str, reports: &[StatusEvent]) -> String {
        let states: Vec<String> = reports.iter().map(describe).collect();
        let last = DeliveryState::fold(reports.iter().map(|report| report.status.state()));
        *match last {
            DeliveryState::Seen => &mut self.seen,
            DeliveryState::Delivered => &mut self.delivered,
            DeliveryState::Failed => &mut self.failed,
            DeliveryState::Sent => &mut self.sent_only,
            DeliveryState::Unknown => &mut self.no_report,
        } += 1;
        let mut line = if states.is_empty() {
            format!("{name}: no report arrived")
        } else {
            format!("{name}: {}", states.join(" → "))
        };
        if last == DeliveryState::Sent {
            line.push_str(" (no further report)");
        }
        let custom_data = reports.iter().find_map(|report| report.custom_data.as_ref()?.as_str());
        if let Some(custom_data) = custom_data {
            let _ = write!(line, " [custom_data {custom_data:?}]");
        }
        line
    }

    fn summary(&self) -> String {
        let total = self.accepted + self.rejected + self.ambiguous + self.not_sent + self.invalid;
        format!(
            "{total} message(s): {} accepted ({} seen, {} delivered, {} failed, {} sent and never delivered, {} without reports), {} rejected, {} ambiguous, {} not sent, {} invalid; every message reached a final state",
            self.accepted,
            self.seen,
            self.delivered,
            self.failed,
            self.sent_only,
            self.no_report,
            self.rejected,
            self.ambiguous,
            self.not_sent,
            self.invalid
        )
    }
}

/// `seen`, or `failed (30005 EX_NUMBER_ERROR)`.
fn describe(report: &StatusEvent) -> String {
    let state = report.status.state();
    match state {
        DeliveryState::Failed | DeliveryState::Unknown => {
            let code = report.status.code.map_or_else(|| "no code".to_owned(), |code| code.to_string());
            let name = report.status.name().unwrap_or("unnamed");
            format!("{state} ({code} {name})")
        }
        _ => state.to_string(),
    }
}
