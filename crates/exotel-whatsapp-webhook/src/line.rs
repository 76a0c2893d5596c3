//! One event as one line of JSON: the format of `exotel-wa callback` and `exotel-wa listen`, and
//! of the [`JsonLines`](crate::JsonLines) sink.

use exotel_whatsapp_core::callback::{
    CustomData, Event, IncomingContent, IncomingMessage, StatusEvent, Timestamp,
};
use serde_json::Value;

/// One event as a JSON object on one line, with its keys in the documented order.
///
/// A status event gives `kind` (`"status"`), `sid`, `to`, `code`, `name`, `state`, `custom_data`
/// and `timestamp`; an incoming message gives `kind` (`"incoming"`), `from`, `to`,
/// `profile_name`, `content_type`, then `text`, `url` and `reply_id` when they apply, and
/// `timestamp`; anything else gives `kind` (`"unknown"`) and `raw`, the event as received.
///
/// ```
/// use exotel_whatsapp::callback;
/// use exotel_whatsapp::webhook::event_line;
///
/// let body = r#"{"whatsapp": {"messages": [{"callback_type": "dlr", "sid": "s1", "exo_status_code": 30003}]}}"#;
/// let events = callback::parse(body)?;
/// assert_eq!(
///     event_line(&events[0]),
///     r#"{"kind":"status","sid":"s1","to":null,"code":30003,"name":"EX_MESSAGE_SEEN","state":"seen","custom_data":null,"timestamp":null}"#
/// );
/// # Ok::<(), callback::NotACallback>(())
/// ```
pub fn event_line(event: &Event) -> String {
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
        ("custom_data", event.custom_data.as_ref().map(CustomData::to_value).into()),
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
