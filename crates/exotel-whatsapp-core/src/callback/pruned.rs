//! The part of an event its typed fields are read from, as a small [`Value`].
//!
//! Building a `Value` of a whole event would let a stranger turn a 1 MiB body into tens of MiB
//! (every `0` of a long array becomes a `Value`). The readers only look at a few named fields, a
//! few levels down, and never into arrays, so only those are kept: the rest of the event stays in
//! its JSON text ([`RawEvent`](super::RawEvent)).

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// Every key a reader of this module looks up, at any level. `custom_data` is not among them: it
/// is kept as text ([`CustomData`](super::CustomData)).
const KEYS: &[&str] = &[
    // The event.
    "callback_type",
    "sid",
    "to",
    "from",
    "profile_name",
    "timestamp",
    "content",
    // Its status, and an incoming message's `content.error`.
    "exo_status_code",
    "exo_detailed_status",
    "exo_status",
    "description",
    "error",
    // Incoming content and its payloads.
    "type",
    "text",
    "body",
    "image",
    "audio",
    "video",
    "document",
    "interactive",
    "button",
    "url",
    "caption",
    "filename",
    "button_reply",
    "list_reply",
    "payload",
    "id",
    "title",
];

/// How deep the readers look: `content.interactive.button_reply.id` is 4 keys down.
const DEPTH: usize = 4;

/// `json` with only the [`KEYS`] down to [`DEPTH`] levels, arrays emptied; `Null` when it is not
/// JSON.
pub(super) fn read(json: &str) -> Value {
    let mut de = serde_json::Deserializer::from_str(json);
    Pruned { depth: 0 }.deserialize(&mut de).unwrap_or_default()
}

struct Pruned {
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for Pruned {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Pruned {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Value::Array(Vec::new()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let kept = KEYS.iter().find(|known| **known == key).filter(|_| self.depth < DEPTH);
            match kept {
                Some(known) if !object.contains_key(*known) => {
                    let value = map.next_value_seed(Pruned { depth: self.depth + 1 })?;
                    object.insert((*known).to_owned(), value);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_what_readers_look_at() {
        let json = r#"{"sid": "a", "x": [1, 2], "content": {"type": "text", "text": {"body": "hi", "y": 1},
            "list": [1]}, "custom_data": {"k": 1}, "sid": "second"}"#;
        assert_eq!(
            read(json),
            serde_json::json!({"sid": "a", "content": {"type": "text", "text": {"body": "hi"}}})
        );
        let deep = r#"{"content": {"content": {"content": {"content": {"id": "too deep"}}}}}"#;
        assert_eq!(read(deep), serde_json::json!({"content": {"content": {"content": {"content": {}}}}}));
        assert_eq!(read("not json"), Value::Null);
    }
}
