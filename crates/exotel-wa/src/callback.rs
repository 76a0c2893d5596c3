//! `exotel-wa callback [PATH|-]`: what a webhook received, one JSON object per event.
//!
//! At most `CALLBACK_BYTES_MAX` bytes are read; a larger body is not a callback.
//!
//! Exit status: 0 when the body was parsed (unknown events included), 1 when it is not a
//! callback body (too large, or with no event in it), 2 for usage errors (including a file that
//! cannot be read) and failed output.

use std::io::{self, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;

use exotel_whatsapp_core::callback::{self, NotACallback};
use exotel_whatsapp_core::limits::CALLBACK_BYTES_MAX;
use exotel_whatsapp_webhook::event_line;

use crate::input::Body;
use crate::output::complain;

/// Arguments of `exotel-wa callback`.
#[derive(clap::Args)]
pub struct Args {
    /// File holding the body; `-` or nothing reads standard input
    #[arg(value_name = "PATH|-")]
    path: Option<PathBuf>,
}

/// Runs the subcommand.
pub fn run(args: &Args) -> ExitCode {
    let parsed = match crate::input::read(args.path.as_deref(), CALLBACK_BYTES_MAX) {
        Ok(Body::Whole(body)) => callback::parse(&body),
        Ok(Body::TooLarge(actual)) => Err(NotACallback::TooLarge { limit: CALLBACK_BYTES_MAX, actual }),
        Err(error) => {
            complain!("cannot read the body: {error}");
            return ExitCode::from(2);
        }
    };
    let events = match parsed {
        Ok(events) => events,
        Err(error) => {
            complain!("not a callback: {error}");
            return ExitCode::from(1);
        }
    };
    let mut out = io::stdout().lock();
    for event in &events {
        if let Err(code) = crate::output::line(&mut out, &event_line(event)) {
            return code;
        }
    }
    out.flush().map_or_else(|error| crate::output::write_failed(&error), |()| ExitCode::SUCCESS)
}
