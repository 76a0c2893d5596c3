//! The `exotel-wa` command: tools around the Exotel `WhatsApp` Messages API.

mod callback;
mod check;
mod input;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "exotel-wa", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check request bodies and report every problem with its JSON pointer
    Check(check::Args),
    /// Print the events of one webhook body (JSON or form data), one JSON object per line
    Callback(callback::Args),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Check(args) => check::run(&args),
        Command::Callback(args) => callback::run(&args),
    }
}
