//! `exotel-wa sandbox`: a local Exotel on a loopback port, until Ctrl-C.
//!
//! Exit status: 0 after Ctrl-C, 2 when it cannot start (a bad flag, an unreadable scenario, a
//! port in use), 141 when standard output is closed (it stops then, as other commands do).

use std::io::{self, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, OnceLock};

use exotel_whatsapp_sandbox::{Activity, Credentials, Delivery, Outcome, Sandbox, Scenario};
use tokio::sync::Notify;

use crate::output::{complain, printable, write_failed};

/// Arguments of `exotel-wa sandbox`.
#[derive(clap::Args)]
pub struct Args {
    /// Address and port to listen on
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8085")]
    listen: SocketAddr,
    /// Account sid to accept in `/v2/accounts/{sid}/messages`
    #[arg(long, value_name = "SID", default_value = Credentials::DEFAULT_ACCOUNT_SID)]
    account_sid: String,
    /// API key to accept (HTTP Basic user name)
    #[arg(long, value_name = "K", default_value = Credentials::DEFAULT_API_KEY)]
    api_key: String,
    /// API token to accept (HTTP Basic password)
    #[arg(long, value_name = "T", default_value = Credentials::DEFAULT_API_TOKEN)]
    api_token: String,
    /// Seed for request ids and sids: the same seed gives the same ids
    #[arg(long, value_name = "N")]
    seed: Option<u64>,
    /// Divide every delay (status callbacks, retries) by X
    #[arg(long, value_name = "X", default_value_t = 1.0)]
    speed: f64,
    /// JSON file of faults by request number, such as `[{"request": 1, "status": 429, "retry_after": 1}]`
    #[arg(long, value_name = "FILE")]
    scenario: Option<PathBuf>,
    /// Where status callbacks go for messages without a `status_callback`
    #[arg(long, value_name = "URL")]
    default_callback: Option<String>,
    /// Where `POST /sandbox/incoming` posts customer messages (default: the default callback)
    #[arg(long, value_name = "URL")]
    incoming_callback: Option<String>,
    /// Allow callbacks to hosts other than loopback ones
    #[arg(long)]
    allow_external_callbacks: bool,
}

/// Runs the subcommand.
pub fn run(args: Args) -> ExitCode {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build();
    match runtime {
        Ok(runtime) => runtime.block_on(serve(args)),
        Err(error) => {
            eprintln!("exotel-wa: cannot start the runtime: {error}");
            ExitCode::from(2)
        }
    }
}

async fn serve(args: Args) -> ExitCode {
    let scenario = match args.scenario.as_deref().map(Scenario::from_file).transpose() {
        Ok(scenario) => scenario.unwrap_or_default(),
        Err(error) => {
            complain!("{error}");
            return ExitCode::from(2);
        }
    };
    let log = Arc::new(Log::default());
    let mut builder = Sandbox::builder()
        .listen(args.listen)
        .credentials(Credentials::new(args.account_sid, args.api_key, args.api_token))
        .speed(args.speed)
        .scenario(scenario)
        .allow_external_callbacks(args.allow_external_callbacks)
        .on_activity({
            let log = Arc::clone(&log);
            move |activity| log.line(&describe(activity))
        });
    if let Some(seed) = args.seed {
        builder = builder.seed(seed);
    }
    if let Some(url) = args.default_callback {
        builder = builder.default_callback(url);
    }
    if let Some(url) = args.incoming_callback {
        builder = builder.incoming_callback(url);
    }
    let sandbox = match builder.start().await {
        Ok(sandbox) => sandbox,
        Err(error) => {
            complain!("cannot start the sandbox: {error}");
            return ExitCode::from(2);
        }
    };
    let credentials = sandbox.credentials();
    let base = sandbox.base_url();
    for line in [
        format!("exotel-wa sandbox listening on {base}"),
        format!("  account sid  {}", credentials.account_sid()),
        format!("  api key      {}", credentials.api_key()),
        format!("  api token    {}", credentials.api_token()),
        format!("  send to      {}", sandbox.messages_url()),
        format!("  seed         {}", sandbox.seed()),
        format!("  messages     GET {base}/sandbox/messages"),
        "Ctrl-C stops it.".to_owned(),
    ] {
        log.line(&line);
    }
    let mut status = ExitCode::SUCCESS;
    tokio::select! {
        interrupted = tokio::signal::ctrl_c() => if let Err(error) = interrupted {
            complain!("cannot wait for Ctrl-C: {error}");
            status = ExitCode::from(2);
        },
        () = log.closed.notified() => {}
    }
    let received = sandbox.messages().len();
    sandbox.shutdown().await;
    log.line(&format!("stopped after {received} message(s)"));
    log.failed.get().map_or(status, write_failed)
}

/// Standard output, where the sandbox logs; the first failure to write it stops the sandbox.
#[derive(Default)]
struct Log {
    failed: OnceLock<io::Error>,
    closed: Notify,
}

impl Log {
    /// Prints a line, with control characters escaped.
    fn line(&self, text: &str) {
        if self.failed.get().is_some() {
            return;
        }
        let mut out = io::stdout().lock();
        if let Err(error) = writeln!(out, "{}", printable(text)).and_then(|()| out.flush()) {
            if self.failed.set(error).is_ok() {
                // Kept as a permit if the sandbox is not waiting yet.
                self.closed.notify_one();
            }
        }
    }
}

/// One line per activity. Callback URLs show their origin only: a path or query may carry a
/// token.
fn describe(activity: &Activity) -> String {
    match activity {
        Activity::Request { number, http_status: Some(status), recorded, accepted, .. } => {
            format!("request {number}: HTTP {status}, {recorded} message(s) recorded, {accepted} accepted")
        }
        Activity::Request { number, http_status: None, recorded, .. } => {
            format!("request {number}: connection dropped after the body, {recorded} message(s) recorded")
        }
        Activity::Status { sid, callback } => {
            format!("{} for {sid}: {}", callback.exo_status, delivery(&callback.delivery))
        }
        Activity::Incoming(incoming) => format!("incoming message: {}", delivery(incoming)),
        _ => format!("{activity:?}"),
    }
}

fn delivery(delivery: &Delivery) -> String {
    let to = delivery.url.as_deref().map_or_else(String::new, |url| format!(" to {}", origin(url)));
    let outcome = match delivery.outcome {
        Outcome::Delivered => "delivered",
        Outcome::Failed => "failed",
        Outcome::Refused => "refused",
        Outcome::NoUrl => "not posted (no callback URL)",
        _ => "unknown",
    };
    let detail = delivery.detail.as_deref().map_or_else(String::new, |detail| format!(": {detail}"));
    format!("{outcome}{to} after {} attempt(s){detail}", delivery.attempts)
}

/// `scheme://host:port` of a URL, without user name and password.
fn origin(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    format!("{scheme}://{host}")
}

#[cfg(test)]
mod tests {
    use super::origin;

    #[test]
    fn origin_drops_path_query_and_fragment() {
        assert_eq!(origin("http://127.0.0.1:9000/hooks/secret-token?x=1"), "http://127.0.0.1:9000");
        assert_eq!(origin("http://localhost?t=secret"), "http://localhost");
        assert_eq!(origin("http://[::1]:80#frag"), "http://[::1]:80");
        assert_eq!(origin("http://host"), "http://host");
        assert_eq!(origin("http://user:pass@host:1/p"), "http://host:1");
    }
}
