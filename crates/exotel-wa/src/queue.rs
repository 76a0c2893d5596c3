//! `exotel-wa queue add|run|status|resend-ambiguous --store URL`: a campaign in a durable
//! ledger, sent so that a crash loses nothing and sends nothing twice.
//!
//! `--store` is `sqlite:PATH` (the default, `sqlite:exotel-wa.db`) or `postgres://…`.
//! `add` checks documents as `send` does and enqueues the valid ones' messages; the same
//! content again is skipped unless `--allow-duplicates`. `run` claims, sends and records until
//! nothing is left, with credentials and endpoint as for `send`; it may be killed at any moment
//! and started again, and several may share a PostgreSQL store. `resend-ambiguous` is the only
//! way a message that may have been sent is sent again.
//!
//! Exit status: 0 on success (`add`: every document valid; `run`: every message accepted), 1
//! when some document was invalid or some message was not accepted, 2 for usage, store or
//! configuration errors.

use std::fmt::Write as _;
use std::io::{self, IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use exotel_whatsapp_client::BlockingClient;
use exotel_whatsapp_core::limits::DOCUMENT_BYTES_MAX;
use exotel_whatsapp_core::send::Outcome;
use exotel_whatsapp_queue::{self as queue, Added, Counts, Document, Options, Store, Worker};
use indicatif::{ProgressBar, ProgressDrawTarget};
use serde_json::{Map, Value, json};

use crate::output::{Format, complain, line, printable};
use crate::send::plan::{self, Plan};

/// The store when `--store` is not given.
pub const DEFAULT_STORE: &str = "sqlite:exotel-wa.db";

/// The subcommands of `exotel-wa queue`.
#[derive(clap::Subcommand)]
pub enum Command {
    /// Check request bodies and enqueue the valid ones' messages
    Add(AddArgs),
    /// Claim, send and record until nothing is left to send
    Run(RunArgs),
    /// Count the messages by state
    Status(StatusArgs),
    /// Queue the ambiguous messages again: they may reach their recipients twice
    ResendAmbiguous(ResendArgs),
}

/// Where the ledger is.
#[derive(clap::Args)]
pub struct StoreArg {
    /// `sqlite:PATH` or `postgres://USER@HOST/DB` (a password is better in `PGPASSWORD`-style
    /// configuration than in `ps`)
    #[arg(long, value_name = "URL", env = "EXOTEL_WA_STORE", default_value = DEFAULT_STORE)]
    store: String,
}

/// Arguments of `exotel-wa queue add`.
#[derive(clap::Args)]
pub struct AddArgs {
    #[command(flatten)]
    store: StoreArg,
    /// Output format
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Enqueue a document again even if the same content was enqueued before
    #[arg(long)]
    allow_duplicates: bool,
    /// Follow symbolic links inside directories
    #[arg(long)]
    follow: bool,
    /// Files, directories (their `*.json` files) or `-` for standard input (the default)
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// Arguments of `exotel-wa queue run`.
#[derive(clap::Args)]
pub struct RunArgs {
    #[command(flatten)]
    store: StoreArg,
    /// Base URL to send to instead of Exotel (https, or http to a loopback host)
    #[arg(long, value_name = "URL", env = "EXOTEL_BASE_URL")]
    base_url: Option<String>,
    /// Requests per minute, shared by every worker on the store and kept across restarts; 0: no pacing
    #[arg(long, value_name = "N", default_value_t = exotel_whatsapp_client::DEFAULT_REQUESTS_PER_MINUTE)]
    rate: u32,
    /// Requests in flight at once in this process
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=64))]
    concurrency: u16,
    /// Retries of a request that certainly did not reach Exotel or was throttled
    #[arg(long, value_name = "N", default_value_t = 4)]
    max_retries: u32,
    /// Seconds one HTTP request may take in all
    #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..))]
    timeout: u64,
    /// Seconds after which a silent worker's claims become ambiguous
    #[arg(long, value_name = "SECS", default_value_t = 15, value_parser = clap::value_parser!(u64).range(1..))]
    lease: u64,
}

/// Arguments of `exotel-wa queue status`.
#[derive(clap::Args)]
pub struct StatusArgs {
    #[command(flatten)]
    store: StoreArg,
    /// Output format
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

/// Arguments of `exotel-wa queue resend-ambiguous`.
#[derive(clap::Args)]
pub struct ResendArgs {
    #[command(flatten)]
    store: StoreArg,
    /// Only messages ambiguous for at least SECS seconds (a late delivery report may settle the others)
    #[arg(long, value_name = "SECS", default_value_t = 0)]
    older_than: u64,
}

/// Runs a subcommand.
pub fn run(command: &Command) -> ExitCode {
    let result = match command {
        Command::Add(args) => add(args),
        Command::Run(args) => send(args),
        Command::Status(args) => status(args),
        Command::ResendAmbiguous(args) => resend(args),
    };
    result.unwrap_or_else(|code| code)
}

/// Opens the store, or says why not (exit 2).
pub fn open(store: &str) -> Result<Box<dyn Store>, ExitCode> {
    queue::open(store).map_err(|error| fail(&error.to_string()))
}

fn fail(message: &str) -> ExitCode {
    complain!("{}", printable(message));
    ExitCode::from(2)
}

fn add(args: &AddArgs) -> Result<ExitCode, ExitCode> {
    let sources = crate::input::expand(&args.paths, args.follow);
    if !sources.errors.is_empty() {
        sources.errors.iter().for_each(|error| complain!("{}", printable(error)));
        return Err(fail("nothing was queued"));
    }
    let mut store = open(&args.store.store)?;
    let mut out = io::stdout().lock();
    let mut all_valid = true;
    for source in &sources.paths {
        let name = source.display().to_string();
        let body = crate::input::read(Some(source), DOCUMENT_BYTES_MAX)
            .map_err(|error| fail(&format!("cannot read {name}: {error}")))?;
        let (result, messages, errors) = match plan::plan(&body) {
            Plan::Send(requests) => {
                let requests: Vec<_> = requests.into_iter().map(|(_, request)| request).collect();
                let document = Document::new(&requests);
                match store.add(&document, args.allow_duplicates).map_err(|error| fail(&error.to_string()))? {
                    Added::Queued(n) => ("queued", n, Vec::new()),
                    Added::Duplicate => ("duplicate", document.messages(), Vec::new()),
                }
            }
            Plan::Invalid(errors) => {
                all_valid = false;
                ("invalid", errors.len(), errors)
            }
        };
        let text = match args.format {
            Format::Json => {
                let errors: Vec<Value> =
                    errors.iter().map(|(index, error)| json!({"index": index, "error": error})).collect();
                json!({"source": name, "result": result, "messages": messages, "errors": errors}).to_string()
            }
            Format::Human => {
                let name = printable(&name);
                let mut text = match result {
                    "queued" => format!("{name}: {messages} message(s) queued"),
                    "duplicate" => format!(
                        "{name}: already queued (same content): skipped; --allow-duplicates queues it again"
                    ),
                    _ => format!("{name}: invalid, nothing queued"),
                };
                for (index, error) in &errors {
                    let at = index.map(|i| format!(" #{i}")).unwrap_or_default();
                    let _ = write!(text, "\n  {name}{at}: {}", printable(error));
                }
                text
            }
        };
        line(&mut out, &text)?;
    }
    Ok(if all_valid { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn send(args: &RunArgs) -> Result<ExitCode, ExitCode> {
    let endpoint = crate::send::config::endpoint(args.base_url.as_deref()).map_err(|error| fail(&error))?;
    let credentials = crate::send::config::credentials().map_err(|error| fail(&error))?;
    let timeout = Duration::from_secs(args.timeout);
    // Pacing is the store's, shared by every worker: none in the client.
    let settings = crate::send::config::settings(credentials, endpoint, args.max_retries, timeout)
        .requests_per_minute(0);
    let client = BlockingClient::new(settings).map_err(|error| fail(&error.to_string()))?;
    let mut store = open(&args.store.store)?;
    let counts = store.counts().map_err(|error| fail(&error.to_string()))?;
    drop(store);
    let progress = io::stderr().is_terminal().then(|| {
        ProgressBar::with_draw_target(Some(counts.queued + counts.claimed), ProgressDrawTarget::stderr())
    });
    let options = Options::default()
        .requests_per_minute(args.rate)
        .concurrency(usize::from(args.concurrency))
        .lease(Duration::from_secs(args.lease));
    let worker = Worker::new().map_err(|error| fail(&error.to_string()))?;
    let tick = |outcomes: &[Outcome]| {
        if let Some(bar) = &progress {
            bar.inc(outcomes.len() as u64);
        }
    };
    let counts = worker
        .run(|| queue::open(&args.store.store), &client, options, &tick)
        .map_err(|error| fail(&error.to_string()))?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let mut out = io::stdout().lock();
    line(&mut out, &human(&counts))?;
    let done = counts.rejected + counts.ambiguous + counts.not_sent == 0;
    Ok(if done { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// `12 message(s): 10 accepted (…), …`: every non-zero count.
fn human(counts: &Counts) -> String {
    let named = counts.named();
    let parts: Vec<String> =
        named[..10].iter().filter(|(_, n)| *n > 0).map(|(name, n)| format!("{n} {name}")).collect();
    format!(
        "{} message(s): {}",
        counts.total,
        if parts.is_empty() { "none".to_owned() } else { parts.join(", ") }
    )
}

fn status(args: &StatusArgs) -> Result<ExitCode, ExitCode> {
    let counts = open(&args.store.store)?.counts().map_err(|error| fail(&error.to_string()))?;
    let text = match args.format {
        Format::Json => {
            let object: Map<String, Value> =
                counts.named().iter().map(|(name, n)| ((*name).to_owned(), (*n).into())).collect();
            Value::Object(object).to_string()
        }
        Format::Human => human(&counts),
    };
    let mut out = io::stdout().lock();
    line(&mut out, &text)?;
    out.flush().map_err(|error| crate::output::write_failed(&error))?;
    Ok(ExitCode::SUCCESS)
}

fn resend(args: &ResendArgs) -> Result<ExitCode, ExitCode> {
    let n = open(&args.store.store)?
        .resend_ambiguous(Duration::from_secs(args.older_than))
        .map_err(|error| fail(&error.to_string()))?;
    line(&mut io::stdout().lock(), &format!("{n} ambiguous message(s) queued again"))?;
    Ok(ExitCode::SUCCESS)
}
