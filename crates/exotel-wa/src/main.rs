//! The `exotel-wa` command: tools around the Exotel `WhatsApp` Messages API.

mod callback;

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
    /// Print the events of one webhook body (JSON or form data), one JSON object per line
    Callback(callback::Args),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Callback(args) => callback::run(&args),
    }
}
