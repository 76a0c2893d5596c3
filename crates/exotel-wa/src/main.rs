//! The `exotel-wa` command: tools around the Exotel `WhatsApp` Messages API.

mod callback;
mod check;
mod demo;
mod input;
mod listen;
mod output;
mod queue;
mod sandbox;
mod send;

use std::io::Write as _;
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
    /// Print the JSON Schema (draft 2020-12) of a send request
    Schema,
    /// Print the events of one webhook body (JSON or form data), one JSON object per line
    Callback(callback::Args),
    /// Check request bodies and send the valid ones to Exotel, reporting every message
    Send(send::Args),
    /// Receive callbacks over HTTP and write each event as one JSON line, before acknowledging
    Listen(listen::Args),
    /// Run a local Exotel: checks, answers and calls back like the real one, until Ctrl-C
    Sandbox(sandbox::Args),
    /// Send the examples to a local Exotel and show each message's outcome and delivery reports
    Demo(demo::Args),
    /// A campaign in a durable ledger (SQLite or PostgreSQL): never lost, never sent twice
    #[command(subcommand)]
    Queue(queue::Command),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Check(args) => check::run(&args),
        Command::Schema => schema(),
        Command::Callback(args) => callback::run(&args),
        Command::Send(args) => send::run(&args),
        Command::Listen(args) => listen::run(&args),
        Command::Sandbox(args) => sandbox::run(args),
        Command::Demo(args) => demo::run(&args),
        Command::Queue(command) => queue::run(&command),
    }
}

/// `exotel-wa schema`: the JSON Schema of a send request, pretty-printed.
fn schema() -> ExitCode {
    let schema = exotel_whatsapp_core::schema::request_schema();
    let mut out = std::io::stdout().lock();
    let written = serde_json::to_string_pretty(&schema)
        .map_err(std::io::Error::from)
        .and_then(|text| writeln!(out, "{text}"))
        .and_then(|()| out.flush());
    written.map_or_else(|error| output::write_failed(&error), |()| ExitCode::SUCCESS)
}
