//! `exotel-wa check [--format human|json] [PATH ...]`: every problem of each request body, with
//! its JSON pointer.
//!
//! A directory stands for the `*.json` files in it and its subdirectories, sorted by path
//! (symbolic links inside it only with `--follow`). At most `DOCUMENT_BYTES_MAX` bytes are read
//! from each document: a larger one is reported `too_large` unread.
//!
//! Exit status: 0 when every document is valid (warnings allowed), 1 when any is invalid (input
//! that is not JSON included), 2 for usage errors or paths that cannot be read (every other path
//! is still checked).

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use exotel_whatsapp_core::check::{self, Report};
use exotel_whatsapp_core::error::{Severity, Violation};
use exotel_whatsapp_core::limits::DOCUMENT_BYTES_MAX;

use crate::input::Body;
use crate::output::{Format, complain, line, printable};
use serde_json::{Map, Value, json};

/// Arguments of `exotel-wa check`.
#[derive(clap::Args)]
pub struct Args {
    /// Output format
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Follow symbolic links inside directories (a link back to a directory above is reported)
    #[arg(long)]
    follow: bool,
    /// Files, directories (their `*.json` files, subdirectories included, sorted) or `-` for
    /// standard input (the default)
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// Runs the subcommand.
pub fn run(args: &Args) -> ExitCode {
    let sources = crate::input::expand(&args.paths, args.follow);
    for error in &sources.errors {
        complain!("{}", printable(error));
    }
    let mut out = io::stdout().lock();
    let (mut valid, mut invalid, mut unreadable) = (0usize, 0usize, sources.errors.len());
    for source in &sources.paths {
        let name = source.display().to_string();
        let report = match crate::input::read(Some(source), DOCUMENT_BYTES_MAX) {
            Ok(Body::Whole(body)) => check::check(&body),
            Ok(Body::TooLarge(actual)) => check::too_large(DOCUMENT_BYTES_MAX, actual),
            Err(error) => {
                complain!("cannot read {}: {error}", printable(&name));
                unreadable += 1;
                continue;
            }
        };
        if report.is_valid() {
            valid += 1;
        } else {
            invalid += 1;
        }
        let text = match args.format {
            Format::Json => json_line(&name, &report),
            Format::Human => human(&name, &report),
        };
        if let Err(code) = line(&mut out, &text) {
            return code;
        }
    }
    if matches!(args.format, Format::Human) {
        let total = valid + invalid;
        let summary = format!("checked {total} document{}: {valid} valid, {invalid} invalid", plural(total));
        if let Err(code) = line(&mut out, &summary) {
            return code;
        }
    }
    if let Err(error) = out.flush() {
        return crate::output::write_failed(&error);
    }
    if unreadable > 0 {
        ExitCode::from(2)
    } else if invalid > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// One finding as the JSON report spells it.
fn finding(v: &Violation) -> Value {
    let mut item = Map::new();
    item.insert("pointer".into(), v.pointer().as_str().into());
    item.insert("rule".into(), v.rule().code().into());
    item.insert("message".into(), v.message().into());
    if let Some((limit, actual, unit)) = v.problem().measure() {
        item.insert("limit".into(), limit.into());
        item.insert("actual".into(), actual.into());
        item.insert("unit".into(), unit.as_str().into());
    }
    Value::Object(item)
}

fn json_line(source: &str, report: &Report) -> String {
    let mut line = json!({
        "source": source,
        "valid": report.is_valid(),
        "errors": report.errors().iter().map(finding).collect::<Vec<_>>(),
        "warnings": report.warnings().iter().map(finding).collect::<Vec<_>>(),
    });
    if report.truncated() {
        line["truncated"] = true.into();
    }
    line.to_string()
}

fn human(source: &str, report: &Report) -> String {
    let (e, w) = (report.errors().len(), report.warnings().len());
    let verdict = if report.is_valid() { "valid" } else { "invalid" };
    let source = printable(source);
    let mut text = format!("{source}: {verdict} ({e} error{}, {w} warning{})", plural(e), plural(w));
    for v in report.errors().iter().chain(report.warnings()) {
        let level = match v.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let (pointer, message) = (v.pointer().display(), v.message());
        let _ = write!(text, "\n  {level}[{}] {}: {}", v.rule(), printable(pointer), printable(&message));
    }
    if report.truncated() {
        text.push_str("\n  … more violations were found and left out");
    }
    text
}
