//! What `send` does with each document: the requests to send, or why none is sent.

use std::collections::BTreeMap;

use exotel_whatsapp_core::Request;
use exotel_whatsapp_core::check::{Report, check, too_large};
use exotel_whatsapp_core::error::{Rule, Violation};
use exotel_whatsapp_core::limits::{DOCUMENT_BYTES_MAX, MESSAGES_MAX};
use serde_json::Value;

use crate::input::Body;

/// The pointer of the messages array, where "more than 100 messages" is reported.
const MESSAGES: &str = "/whatsapp/messages";

/// What will happen to one document.
pub enum Plan {
    /// Valid: the requests to send, in order, each with the document index of its first message.
    Send(Vec<(usize, Request)>),
    /// Invalid, so nothing of it is sent: the error text of each message, by index; one entry
    /// with no index when the messages cannot be counted (the document is not JSON, say).
    Invalid(Vec<(Option<usize>, String)>),
}

impl Plan {
    /// The messages it accounts for.
    pub fn messages(&self) -> usize {
        match self {
            Plan::Send(requests) => requests.iter().map(|(_, request)| request.messages().len()).sum(),
            Plan::Invalid(messages) => messages.len(),
        }
    }
}

/// What was read of a document: all of it, or too much to read.
pub fn plan(body: &Body) -> Plan {
    match body {
        Body::Whole(body) => plan_body(body),
        Body::TooLarge(actual) => {
            Plan::Invalid(vec![(None, join(too_large(DOCUMENT_BYTES_MAX, *actual).errors().iter()))])
        }
    }
}

/// Checks a document; one whose only error is having more than 100 messages is split, in
/// order, into requests of at most 100 with the same request- and channel-level fields.
fn plan_body(body: &[u8]) -> Plan {
    let report = check(body);
    if report.is_valid() {
        return Plan::Send(report.into_request().map(|request| (0, request)).into_iter().collect());
    }
    let only_too_many = !report.truncated()
        && report.errors().iter().all(|v| v.rule() == Rule::TooMany && v.pointer().as_str() == MESSAGES);
    match split(body).filter(|_| only_too_many) {
        Some(requests) => Plan::Send(requests),
        None => Plan::Invalid(invalid(&report, body)),
    }
}

/// The document's messages in chunks of at most 100, each checked as a document of its own.
fn split(body: &[u8]) -> Option<Vec<(usize, Request)>> {
    let mut document: Value = serde_json::from_slice(body).ok()?;
    let messages = std::mem::take(document.get_mut("whatsapp")?.get_mut("messages")?.as_array_mut()?);
    let mut requests = Vec::with_capacity(messages.len().div_ceil(MESSAGES_MAX));
    for (n, chunk) in messages.chunks(MESSAGES_MAX).enumerate() {
        document["whatsapp"]["messages"] = Value::Array(chunk.to_vec());
        let request = check(&serde_json::to_vec(&document).ok()?).into_request()?;
        requests.push((n * MESSAGES_MAX, request));
    }
    Some(requests)
}

/// Each message's errors; a message without its own gets the document's, or is said to be held
/// back by the others'.
fn invalid(report: &Report, body: &[u8]) -> Vec<(Option<usize>, String)> {
    let mut by_message: BTreeMap<usize, Vec<&Violation>> = BTreeMap::new();
    let mut document = Vec::new();
    for violation in report.errors() {
        match message_index(violation.pointer().as_str()) {
            Some(index) => by_message.entry(index).or_default().push(violation),
            None => document.push(violation),
        }
    }
    let count = serde_json::from_slice::<Value>(body)
        .ok()
        .and_then(|json| Some(json.get("whatsapp")?.get("messages")?.as_array()?.len()))
        .filter(|n| *n > 0);
    let Some(count) = count else {
        return vec![(None, join(report.errors().iter()))];
    };
    (0..count)
        .map(|index| {
            let text = match by_message.get(&index) {
                Some(own) => join(own.iter().copied()),
                None if !document.is_empty() => join(document.iter().copied()),
                None => "not sent: other messages of the document are invalid".to_owned(),
            };
            (Some(index), text)
        })
        .collect()
}

/// `3` for `/whatsapp/messages/3` and anything under it.
fn message_index(pointer: &str) -> Option<usize> {
    let rest = pointer.strip_prefix(MESSAGES)?.strip_prefix('/')?;
    rest.split('/').next()?.parse().ok()
}

fn join<'a>(violations: impl Iterator<Item = &'a Violation>) -> String {
    violations.map(ToString::to_string).collect::<Vec<_>>().join("; ")
}

#[cfg(test)]
mod tests {
    use super::{Plan, message_index, plan_body};

    #[test]
    fn errors_are_assigned_to_the_message_they_point_into() {
        assert_eq!(message_index("/whatsapp/messages/3/content/text/body"), Some(3));
        assert_eq!(message_index("/whatsapp/messages/12"), Some(12));
        for pointer in ["/whatsapp/messages", "/whatsapp/messages_x/1", "/whatsapp/status_callback", ""] {
            assert_eq!(message_index(pointer), None, "{pointer}");
        }
    }

    #[test]
    fn more_than_100_messages_with_another_error_is_not_split() {
        let message = r#"{"from": "+919999999999", "to": "+918888888888", "content": {"type": "text", "text": {"body": "Hi"}}}"#;
        let mut messages = vec![message; 101];
        messages[100] =
            r#"{"from": "+919999999999", "to": "8888", "content": {"type": "text", "text": {"body": "Hi"}}}"#;
        let body = format!(r#"{{"whatsapp": {{"messages": [{}]}}}}"#, messages.join(","));
        let Plan::Invalid(lines) = plan_body(body.as_bytes()) else {
            panic!("a document with a bad message was split")
        };
        assert_eq!(lines.len(), 101);
        assert!(lines[100].1.starts_with("/whatsapp/messages/100/to: "), "{}", lines[100].1);
        assert!(lines[0].1.starts_with("/whatsapp/messages: "), "{}", lines[0].1);
    }
}
