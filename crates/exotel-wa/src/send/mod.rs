//! `exotel-wa send [--format human|json] [--base-url URL] [--dry-run] [--follow] [--max-retries N]
//! [--timeout SECS] [PATH ...]`: checks each request body and sends the valid ones to Exotel,
//! reporting what became of every message.
//!
//! Inputs are read as for `check` (`--follow` too), all of them before anything is sent: a path
//! that cannot be read stops the run with nothing sent. An invalid document is
//! not sent; a document whose only error is having more than 100 messages is split, in order,
//! into requests of at most 100. Credentials come from `EXOTEL_API_KEY`, `EXOTEL_API_TOKEN` and
//! `EXOTEL_ACCOUNT_SID` (a dry run needs only the SID); the endpoint from `--base-url` (or
//! `EXOTEL_BASE_URL`), else `EXOTEL_SUBDOMAIN`, else `api.exotel.com`. Requests go one at a time,
//! at most 200 a minute, with the client's retry policy.
//!
//! Exit status: 0 when every message was accepted (with `--dry-run`: every message is valid),
//! 1 when any was not, 2 for usage, configuration or unreadable input (then nothing is sent).

pub mod config;
pub mod plan;
mod report;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use exotel_whatsapp_client::BlockingClient;
use exotel_whatsapp_core::limits::DOCUMENT_BYTES_MAX;

use plan::Plan;
use report::Printer;

use crate::output::{Format, complain, printable, write_failed};

/// Arguments of `exotel-wa send`.
#[derive(clap::Args)]
pub struct Args {
    /// Output format
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Base URL to send to instead of Exotel (https, or http to a loopback host)
    #[arg(long, value_name = "URL", env = "EXOTEL_BASE_URL")]
    base_url: Option<String>,
    /// Check and print each request's URL and body; send nothing
    #[arg(long)]
    dry_run: bool,
    /// Follow symbolic links inside directories (a link back to a directory above is reported)
    #[arg(long)]
    follow: bool,
    /// Retries of a request that certainly did not reach Exotel or was throttled
    #[arg(long, value_name = "N", default_value_t = 4)]
    max_retries: u32,
    /// Seconds one HTTP request may take in all
    #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..))]
    timeout: u64,
    /// Files, directories (their `*.json` files, subdirectories included, sorted) or `-` for
    /// standard input (the default)
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// How the documents are sent: printed, or posted by a client.
enum Target {
    DryRun(String),
    Client(Box<BlockingClient>),
}

/// Runs the subcommand.
pub fn run(args: &Args) -> ExitCode {
    let target = match target(args) {
        Ok(target) => target,
        Err(error) => return fail(&error),
    };
    let sources = crate::input::expand(&args.paths, args.follow);
    if !sources.errors.is_empty() {
        sources.errors.iter().for_each(|error| complain!("{}", printable(error)));
        return fail("nothing was sent");
    }
    let mut documents = Vec::with_capacity(sources.paths.len());
    for source in &sources.paths {
        let name = source.display().to_string();
        match crate::input::read(Some(source), DOCUMENT_BYTES_MAX) {
            Ok(body) => documents.push((name, plan::plan(&body))),
            Err(error) => {
                return fail(&format!("cannot read {}: {error}; nothing was sent", printable(&name)));
            }
        }
    }
    let messages = documents.iter().map(|(_, plan)| plan.messages()).sum();
    let mut printer = Printer::new(args.format, messages);
    for (source, plan) in &documents {
        if let Err(error) = send(&target, &mut printer, source, plan) {
            return write_failed(&error);
        }
    }
    match printer.finish(matches!(target, Target::DryRun(_))) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(error) => write_failed(&error),
    }
}

/// The configuration, checked before any input is read.
fn target(args: &Args) -> Result<Target, String> {
    let endpoint = config::endpoint(args.base_url.as_deref())?;
    if args.dry_run {
        return config::dry_run_url(&endpoint).map(Target::DryRun);
    }
    let timeout = Duration::from_secs(args.timeout);
    let settings = config::settings(config::credentials()?, endpoint, args.max_retries, timeout);
    BlockingClient::new(settings)
        .map(|client| Target::Client(Box::new(client)))
        .map_err(|error| error.to_string())
}

fn send(target: &Target, printer: &mut Printer, source: &str, plan: &Plan) -> std::io::Result<()> {
    match plan {
        Plan::Invalid(messages) => {
            messages.iter().try_for_each(|(index, error)| printer.invalid(source, *index, error))
        }
        Plan::Send(requests) => requests.iter().try_for_each(|(offset, request)| match target {
            Target::DryRun(url) => printer.dry_run(source, *offset, url, request),
            Target::Client(client) => printer.outcomes(source, *offset, &client.send(request)),
        }),
    }
}

fn fail(error: &str) -> ExitCode {
    complain!("{error}");
    ExitCode::from(2)
}
