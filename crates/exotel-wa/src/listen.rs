//! `exotel-wa listen`: a callback receiver that writes each event as one JSON line (the format
//! of `exotel-wa callback`) and acknowledges a body only once its lines are written.
//!
//! With `--store URL`, delivery reports are also recorded in a queue store (see `exotel-wa
//! queue`), idempotently on each event's de-duplication key, before the body is acknowledged.
//!
//! Exit status: 0 after Ctrl-C or SIGTERM (requests in progress finish first), 2 for usage
//! errors (a bad token, an output file or address that cannot be opened).

use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use exotel_whatsapp_core::callback::Event;
use exotel_whatsapp_core::limits::CALLBACK_BYTES_MAX;
use exotel_whatsapp_queue::Store;
use exotel_whatsapp_webhook::{Endpoint, JsonLines, Receiver, Sink, Token};

use crate::output::complain;

/// The path callbacks arrive on; the token, when there is one, follows it.
const PATH: &str = "/callbacks";

/// Arguments of `exotel-wa listen`.
#[derive(clap::Args)]
pub struct Args {
    /// Address and port to listen on (port 0: any free port; the URL printed says which)
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8086")]
    listen: SocketAddr,
    /// The secret in the callback path (other users may see it in `ps`: prefer --token-file);
    /// without --token, --token-file or --no-token a random one is made
    #[arg(long, value_name = "TOKEN", conflicts_with_all = ["token_file", "no_token"])]
    token: Option<String>,
    /// Read the token from FILE (surrounding whitespace ignored)
    #[arg(long, value_name = "FILE", conflicts_with = "no_token")]
    token_file: Option<PathBuf>,
    /// Accept callbacks on /callbacks without a token: anyone who finds the URL can post
    #[arg(long)]
    no_token: bool,
    /// Append the events to FILE, synced to disk before each acknowledgement [default: standard output]
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Refuse bodies larger than BYTES with 413
    #[arg(long, value_name = "BYTES", default_value_t = CALLBACK_BYTES_MAX)]
    max_body: usize,
    /// Also record delivery reports in this queue store (`sqlite:PATH` or `postgres://…`), each
    /// once, before acknowledging
    #[arg(long, value_name = "URL")]
    store: Option<String>,
}

/// Runs the subcommand.
pub fn run(args: &Args) -> ExitCode {
    match setup(args) {
        Ok((endpoint, token, sink)) => serve(args.listen, endpoint, token.as_ref(), sink),
        Err(message) => {
            complain!("{message}");
            ExitCode::from(2)
        }
    }
}

/// The endpoint, its token and the output, from the arguments.
fn setup(args: &Args) -> Result<(Endpoint, Option<Token>, Reported), String> {
    let token = if args.no_token {
        None
    } else if let Some(token) = &args.token {
        Some(Token::new(token.as_str()).map_err(|error| format!("--token: {error}"))?)
    } else if let Some(path) = &args.token_file {
        let text = std::fs::read_to_string(path)
            .map_err(|error| format!("cannot read the token file {}: {error}", path.display()))?;
        Some(Token::new(text).map_err(|error| format!("--token-file {}: {error}", path.display()))?)
    } else {
        Some(Token::generate().map_err(|error| format!("cannot make a random token: {error}"))?)
    };
    let endpoint = match &token {
        Some(token) => Endpoint::new(PATH, token.clone()),
        None => Endpoint::insecure_without_token(PATH),
    };
    let sink = match &args.out {
        Some(path) => JsonLines::append(path)
            .map_err(|error| format!("cannot open {} for appending: {error}", path.display()))?,
        None => JsonLines::new(io::stdout()),
    };
    let store = match &args.store {
        Some(url) => Some(Arc::new(Mutex::new(
            exotel_whatsapp_queue::open(url).map_err(|error| format!("--store: {error}"))?,
        ))),
        None => None,
    };
    Ok((endpoint.max_body(args.max_body), token, Reported { sink, store }))
}

/// Serves until Ctrl-C or SIGTERM.
fn serve(address: SocketAddr, endpoint: Endpoint, token: Option<&Token>, sink: Reported) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_io().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            complain!("cannot start: {error}");
            return ExitCode::from(2);
        }
    };
    runtime.block_on(async {
        let listener = match tokio::net::TcpListener::bind(address).await {
            Ok(listener) => listener,
            Err(error) => {
                complain!("cannot listen on {address}: {error}");
                return ExitCode::from(2);
            }
        };
        let bound = listener.local_addr().unwrap_or(address);
        let url = match token {
            Some(token) => format!("http://{bound}{PATH}/{}", token.expose()),
            None => format!("http://{bound}{PATH}"),
        };
        if let Some(warning) = endpoint.warning() {
            complain!("warning: {warning}");
        }
        complain!("listening; callback URL: {url}");
        let router = Receiver::new(endpoint, sink).into_router();
        match axum::serve(listener, router).with_graceful_shutdown(interrupted()).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                complain!("the server stopped: {error}");
                ExitCode::from(1)
            }
        }
    })
}

/// Resolves on Ctrl-C or, on Unix, SIGTERM.
async fn interrupted() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
    complain!("stopping");
}

/// The output, and the queue store if any, saying on standard error why a body could not be
/// written (the answer is 500, so Exotel retries: the store records each report once).
struct Reported {
    sink: JsonLines,
    store: Option<Arc<Mutex<Box<dyn Store>>>>,
}

impl Sink for Reported {
    type Error = io::Error;

    async fn store(&self, events: &[Event]) -> Result<(), Self::Error> {
        if let Some(store) = &self.store {
            let (store, events) = (Arc::clone(store), events.to_vec());
            let recorded = tokio::task::spawn_blocking(move || {
                // A panic while the lock was held leaves no half-written transaction: keep using it.
                store.lock().unwrap_or_else(std::sync::PoisonError::into_inner).report(&events)
            })
            .await
            .map_err(io::Error::other)
            .and_then(|result| result.map_err(io::Error::other));
            recorded.inspect_err(|error| complain!("cannot record the events in the store: {error}"))?;
        }
        self.sink.store(events).await.inspect_err(|error| complain!("cannot write the events: {error}"))
    }
}
