//! `exotel-wa callback [PATH|-]`: what a webhook received, one JSON object per event.
//!
//! Exit status: 0 when the body was parsed (unknown events included), 1 when it is not a
//! callback body, 2 for usage errors (including a file that cannot be read) and failed output.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use exotel_whatsapp_core::callback;
use exotel_whatsapp_webhook::event_line;

/// Arguments of `exotel-wa callback`.
#[derive(clap::Args)]
pub struct Args {
    /// File holding the body; `-` or nothing reads standard input
    #[arg(value_name = "PATH|-")]
    path: Option<PathBuf>,
}

/// Runs the subcommand.
pub fn run(args: &Args) -> ExitCode {
    let body = match crate::input::read(args.path.as_deref()) {
        Ok(body) => body,
        Err(error) => {
            eprintln!("exotel-wa: cannot read the body: {error}");
            return ExitCode::from(2);
        }
    };
    let events = match callback::parse(&body) {
        Ok(events) => events,
        Err(error) => {
            eprintln!("exotel-wa: not a callback: {error}");
            return ExitCode::from(1);
        }
    };
    let mut out = io::stdout().lock();
    for event in &events {
        if let Err(error) = writeln!(out, "{}", event_line(event)) {
            if error.kind() != io::ErrorKind::BrokenPipe {
                eprintln!("exotel-wa: cannot write: {error}");
                return ExitCode::from(2);
            }
            break;
        }
    }
    ExitCode::SUCCESS
}
