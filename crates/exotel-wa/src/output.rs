//! Writing results and messages: the same behaviour in every subcommand.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::process::ExitCode;

/// How a subcommand prints its results (`--format`).
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// For people: a line per finding or message, and a summary.
    Human,
    /// For programs: one JSON object per line.
    Json,
}

/// Prints `exotel-wa: …` on standard error. A failure to write it is ignored: a full or closed
/// standard error must not turn into a panic or hide the exit status.
macro_rules! complain {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), "exotel-wa: {}", format_args!($($arg)*));
    }};
}
pub(crate) use complain;

/// The exit status after standard output failed: on a closed pipe, quietly the status of a Unix
/// tool ended by `SIGPIPE` (141, as `yes | head -1` gives `yes`); on any other error, a message
/// and 2.
pub fn write_failed(error: &io::Error) -> ExitCode {
    if error.kind() == io::ErrorKind::BrokenPipe {
        ExitCode::from(141)
    } else {
        complain!("cannot write the output: {error}");
        ExitCode::from(2)
    }
}

/// Writes `text` and a newline to standard output.
pub fn line(out: &mut impl Write, text: &str) -> Result<(), ExitCode> {
    writeln!(out, "{text}").map_err(|error| write_failed(&error))
}

/// `text` for a terminal: control characters (C0, DEL, C1) and the bidirectional formatting
/// characters are written as `\u{…}` escapes (`\n`, `\t` and `\r` by name), so that a key
/// read from a document can neither fake report lines nor send escape sequences.
pub fn printable(text: &str) -> Cow<'_, str> {
    let unsafe_char =
        |c: char| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if unsafe_char(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn control_characters_are_escaped_and_the_rest_kept() {
        assert_eq!(printable("/whatsapp/messages/0/to"), "/whatsapp/messages/0/to");
        assert_eq!(printable("नमस्ते 👋"), "नमस्ते 👋");
        assert_eq!(printable("a\nerror[fake] /x: y"), "a\\nerror[fake] /x: y");
        assert_eq!(printable("\u{1b}[31mred\u{0}\u{7f}\u{85}"), "\\u{1b}[31mred\\u{0}\\u{7f}\\u{85}");
        assert_eq!(printable("\u{202e}evil\t"), "\\u{202e}evil\\t");
    }
}
