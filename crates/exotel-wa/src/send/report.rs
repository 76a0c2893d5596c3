//! What `send` prints: a line per message, a progress bar on a terminal, and a summary.

use std::io::{self, IsTerminal as _, Write};

use exotel_whatsapp_core::Request;
use exotel_whatsapp_core::send::Outcome;
use indicatif::{ProgressBar, ProgressDrawTarget};
use serde_json::{Map, Value};

use crate::check::plural;
use crate::output::{Format, printable};

/// Messages counted by what became of them.
#[derive(Default)]
struct Counts {
    accepted: usize,
    rejected: usize,
    ambiguous: usize,
    invalid: usize,
    not_sent: usize,
    /// Messages a dry run would send.
    valid: usize,
    requests: usize,
}

/// Prints as `send` goes; a failed write means nobody can see what follows, so it stops the run.
pub struct Printer {
    format: Format,
    out: io::Stdout,
    counts: Counts,
    progress: Option<ProgressBar>,
}

impl Printer {
    /// A printer for `messages` messages; the bar shows only when standard error is a terminal.
    pub fn new(format: Format, messages: usize) -> Self {
        let progress = io::stderr().is_terminal().then(|| {
            let total = u64::try_from(messages).unwrap_or(u64::MAX);
            ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr())
        });
        Printer { format, out: io::stdout(), counts: Counts::default(), progress }
    }

    fn line(&mut self, text: &str) -> io::Result<()> {
        let out = &mut self.out;
        match &self.progress {
            Some(bar) => bar.suspend(|| writeln!(out.lock(), "{text}")),
            None => writeln!(out.lock(), "{text}"),
        }
    }

    fn advance(&self, messages: usize) {
        if let Some(bar) = &self.progress {
            bar.inc(u64::try_from(messages).unwrap_or(u64::MAX));
        }
    }

    /// A message of an invalid document.
    pub fn invalid(&mut self, source: &str, index: Option<usize>, error: &str) -> io::Result<()> {
        self.counts.invalid += 1;
        self.advance(1);
        let text = match self.format {
            Format::Json => {
                let mut line = head(source, index, "invalid");
                line.insert("error".into(), error.into());
                line.insert("attempts".into(), 0.into());
                Value::Object(line).to_string()
            }
            Format::Human => format!("{}: invalid: {}", name(source, index), printable(error)),
        };
        self.line(&text)
    }

    /// The outcomes of one request whose first message has index `offset` in its document.
    pub fn outcomes(&mut self, source: &str, offset: usize, outcomes: &[Outcome]) -> io::Result<()> {
        self.counts.requests += 1;
        self.advance(outcomes.len());
        for (i, outcome) in outcomes.iter().enumerate() {
            let counter = match outcome {
                Outcome::Accepted { .. } => &mut self.counts.accepted,
                Outcome::Rejected { .. } => &mut self.counts.rejected,
                Outcome::Ambiguous { .. } => &mut self.counts.ambiguous,
                Outcome::NotSent { .. } => &mut self.counts.not_sent,
            };
            *counter += 1;
            let index = Some(offset + i);
            let text = match self.format {
                Format::Json => json_line(source, index, outcome),
                Format::Human => {
                    let n = outcome.attempts();
                    let outcome = outcome.to_string();
                    format!(
                        "{}: {} ({n} attempt{})",
                        name(source, index),
                        printable(&outcome),
                        plural(n as usize)
                    )
                }
            };
            self.line(&text)?;
        }
        Ok(())
    }

    /// A request a dry run would send.
    pub fn dry_run(&mut self, source: &str, offset: usize, url: &str, request: &Request) -> io::Result<()> {
        let messages = request.messages().len();
        self.counts.requests += 1;
        self.counts.valid += messages;
        self.advance(messages);
        let body = serde_json::to_value(request).unwrap_or_default();
        let text = match self.format {
            Format::Json => {
                let mut line = head(source, Some(offset), "valid");
                line.insert("messages".into(), messages.into());
                line.insert("url".into(), url.into());
                line.insert("body".into(), body);
                Value::Object(line).to_string()
            }
            Format::Human => {
                let last = offset + messages - 1;
                let (source, body) = (printable(source), body.to_string());
                format!(
                    "{source}: messages {offset}..={last} would be sent\nPOST {url}\n{}",
                    printable(&body)
                )
            }
        };
        self.line(&text)
    }

    /// Prints the summary (human format) and says whether every message was accepted (with
    /// `dry_run`: valid).
    pub fn finish(mut self, dry_run: bool) -> io::Result<bool> {
        if let Some(bar) = self.progress.take() {
            bar.finish_and_clear();
        }
        let c = &self.counts;
        let all = c.invalid == 0 && c.rejected == 0 && c.ambiguous == 0 && c.not_sent == 0;
        if matches!(self.format, Format::Human) {
            let total = c.accepted + c.rejected + c.ambiguous + c.invalid + c.not_sent + c.valid;
            let (requests, s) = (c.requests, plural(c.requests));
            let summary = if dry_run {
                format!(
                    "dry run, nothing sent: {total} message{}: {} valid in {requests} request{s}, {} invalid",
                    plural(total),
                    c.valid,
                    c.invalid
                )
            } else {
                format!(
                    "{total} message{} in {requests} request{s}: {} accepted, {} rejected, {} ambiguous, {} invalid, {} not sent",
                    plural(total),
                    c.accepted,
                    c.rejected,
                    c.ambiguous,
                    c.invalid,
                    c.not_sent
                )
            };
            writeln!(self.out.lock(), "{summary}")?;
        }
        self.out.flush()?;
        Ok(all)
    }
}

/// `file.json #3`, or the source alone when the messages could not be counted; escaped for a
/// terminal.
fn name(source: &str, index: Option<usize>) -> String {
    let source = printable(source);
    match index {
        Some(index) => format!("{source} #{index}"),
        None => source.into_owned(),
    }
}

/// The fields every JSON line starts with.
fn head(source: &str, index: Option<usize>, status: &str) -> Map<String, Value> {
    let mut line = Map::new();
    line.insert("source".into(), source.into());
    line.insert("index".into(), index.map_or(Value::Null, Value::from));
    line.insert("status".into(), status.into());
    line
}

fn json_line(source: &str, index: Option<usize>, outcome: &Outcome) -> String {
    let mut line = head(source, index, outcome.status());
    match outcome {
        Outcome::Accepted { sid, .. } => {
            line.insert("sid".into(), sid.as_str().into());
        }
        Outcome::Rejected { code, description, .. } => {
            line.insert("code".into(), (*code).into());
            line.insert("error".into(), description.as_str().into());
        }
        Outcome::Ambiguous { reason, .. } => {
            line.insert("error".into(), reason.as_str().into());
        }
        Outcome::NotSent { reason, .. } => {
            line.insert("error".into(), reason.to_string().into());
        }
    }
    line.insert("attempts".into(), outcome.attempts().into());
    Value::Object(line).to_string()
}
