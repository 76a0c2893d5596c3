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

use exotel_whatsapp_core::callback::{
    self, Event, IncomingContent, IncomingMessage, NotACallback, StatusEvent, Timestamp,
};
use exotel_whatsapp_core::limits::CALLBACK_BYTES_MAX;
use serde_json::Value;

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
        if let Err(code) = crate::output::line(&mut out, &line(event)) {
            return code;
        }
    }
    out.flush().map_or_else(|error| crate::output::write_failed(&error), |()| ExitCode::SUCCESS)
}

/// One event as a JSON object whose keys keep the documented order.
fn line(event: &Event) -> String {
    let members: Vec<String> = match event {
        Event::Status(event) => members(status_fields(event)),
        Event::Incoming(message) => members(incoming_fields(message)),
        // The event's own JSON text, compacted, rather than a `Value` of it.
        _ => vec![r#""kind":"unknown""#.to_owned(), format!(r#""raw":{}"#, compact(event.raw().get()))],
    };
    format!("{{{}}}", members.join(","))
}

fn members(fields: Vec<(&'static str, Value)>) -> Vec<String> {
    fields.into_iter().map(|(key, value)| format!("{}:{value}", Value::from(key))).collect()
}

/// JSON text without the white space between its tokens; strings are left as they are.
fn compact(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            in_string = escaped || c != '"';
            escaped = !escaped && c == '\\';
        } else if c == '"' {
            in_string = true;
        } else if c.is_ascii_whitespace() {
            continue;
        }
        out.push(c);
    }
    out
}
fn status_fields(event: &StatusEvent) -> Vec<(&'static str, Value)> {
    vec![
        ("kind", "status".into()),
        ("sid", event.sid.clone().into()),
        ("to", event.to.clone().into()),
        ("code", event.status.code.into()),
        ("name", event.status.name().into()),
        ("state", event.status.state().as_str().into()),
        ("custom_data", event.custom_data.as_ref().map(callback::CustomData::to_value).into()),
        ("timestamp", raw_timestamp(event.timestamp.as_ref())),
    ]
}

fn incoming_fields(message: &IncomingMessage) -> Vec<(&'static str, Value)> {
    let content = &message.content;
    let text = match content {
        IncomingContent::Text(text) => Some(text.as_str()),
        _ => None,
    };
    let optional = [
        ("text", text),
        ("url", content.media().map(|media| media.url.as_str())),
        ("reply_id", message.reply_id()),
    ];
    let mut fields = vec![
        ("kind", "incoming".into()),
        ("from", message.from.clone().into()),
        ("to", message.to.clone().into()),
        ("profile_name", message.profile_name.clone().into()),
        ("content_type", message.content_type.clone().into()),
    ];
    fields.extend(optional.into_iter().filter_map(|(key, value)| Some((key, value?.into()))));
    fields.push(("timestamp", raw_timestamp(message.timestamp.as_ref())));
    fields
}

fn raw_timestamp(timestamp: Option<&Timestamp>) -> Value {
    timestamp.map(Timestamp::raw).into()
}

#[cfg(test)]
mod tests {
    #[test]
    fn compact_drops_white_space_between_tokens_only() {
        let json = "{ \"a\" : \"x \\\" y\\\\\" ,\n \"b\":[1, 2] }";
        assert_eq!(super::compact(json), r#"{"a":"x \" y\\","b":[1,2]}"#);
    }
}
