//! The part of an event its typed fields are read from: the few named fields, a few levels down,
//! as a flat list of nodes that borrow their text from the event's JSON.
//!
//! Building a `Value` of a whole event would let a stranger turn a 1 MiB body into tens of MiB
//! (every `0` of a long array becomes a `Value`), and even a `Value` of the named fields costs a
//! map and a string per field. The readers only look at a few named fields, a few levels down, and
//! never into arrays, so only those are kept, as nodes in a list that one body reuses for all its
//! events: the rest of the event stays in its JSON text ([`RawEvent`](super::RawEvent)).

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::value::{self, StrDeserializer};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Number, Value};

use super::Timestamp;

/// Every key a reader of this module looks up, at any level, spelt in JSON as its name in snake
/// case (`CallbackType` is `callback_type`); then the keys whose values are not kept as nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
pub(super) enum Key {
    // The event.
    CallbackType,
    Sid,
    To,
    From,
    ProfileName,
    Timestamp,
    Content,
    // Its status, and an incoming message's `content.error`.
    ExoStatusCode,
    ExoDetailedStatus,
    ExoStatus,
    Description,
    Error,
    // Incoming content and its payloads.
    Type,
    Text,
    Body,
    Image,
    Audio,
    Video,
    Document,
    Interactive,
    Button,
    Url,
    Caption,
    Filename,
    ButtonReply,
    ListReply,
    Payload,
    Id,
    Title,
    /// Kept as text ([`CustomData`](super::CustomData)).
    CustomData,
    // On the way to the events.
    Whatsapp,
    Messages,
    /// Any other key (and the root's, which has none).
    #[serde(other)]
    Other,
}

impl Key {
    /// The key spelt `name` in JSON.
    pub(super) fn named(name: &str) -> Self {
        Self::deserialize(StrDeserializer::<value::Error>::new(name)).unwrap_or(Self::Other)
    }

    /// Whether a reader looks the key up, so that a node keeps its value.
    fn is_read(self) -> bool {
        !matches!(self, Self::CustomData | Self::Whatsapp | Self::Messages | Self::Other)
    }

    /// The key's bit in a set of the keys an object has shown.
    fn bit(self) -> u64 {
        1 << self as u32
    }
}

// Every key has a bit of a `u64`.
const _: () = assert!((Key::Other as u32) < u64::BITS);

/// How deep the readers look: `content.interactive.button_reply.id` is 4 keys down.
const DEPTH: usize = 4;

/// The kept fields of one event, in the order they came (each object before its fields); reused
/// from one event to the next.
#[derive(Default)]
pub(super) struct Pruned<'de> {
    nodes: Vec<Node<'de>>,
}

/// A kept value: where it is, and what it holds.
struct Node<'de> {
    /// The index of the object holding it (the root's own index for the root).
    parent: usize,
    /// Its key in that object ([`Key::Other`] for the root).
    key: Key,
    leaf: Leaf<'de>,
}

/// What a kept value holds: its text or number, or only its kind.
enum Leaf<'de> {
    Text(Cow<'de, str>),
    Number(Number),
    Object,
    /// `null`, a boolean, or an array (the readers never look into arrays).
    Other,
}

/// Reads one event, keeping its fields; its value is the JSON text of the event's `custom_data`
/// (the first, if several). After an error (malformed JSON, or a kept string with a lone
/// surrogate escape, or a kept number out of range), the event counts as `null`: it has no
/// fields.
impl<'de> DeserializeSeed<'de> for &mut Pruned<'de> {
    type Value = Option<&'de RawValue>;

    fn deserialize<D: Deserializer<'de>>(self, event: D) -> Result<Self::Value, D::Error> {
        let mut custom_data = None;
        self.fill(event, Some((Key::CustomData, &mut custom_data)))?;
        Ok(custom_data)
    }
}

impl<'de> Pruned<'de> {
    /// The kept fields of `value`.
    pub(super) fn read_value(&mut self, value: &'de Value) -> Field<'_, 'de> {
        // A `Value` reads without error; were it not to, it would count as `null`.
        let _ = self.fill(value, None);
        self.root()
    }

    /// What was read last.
    pub(super) fn root(&self) -> Field<'_, 'de> {
        Field { nodes: &self.nodes, at: 0 }
    }

    /// Keeps the [`Key`]s of `value` down to [`DEPTH`] levels, the first of duplicate keys.
    fn fill<D: Deserializer<'de>>(
        &mut self,
        value: D,
        raw: Option<(Key, &mut Option<&'de RawValue>)>,
    ) -> Result<(), D::Error> {
        self.nodes.clear();
        let walk = Walk { nodes: &mut self.nodes, raw, parent: 0, key: Key::Other, depth: 0 };
        walk.deserialize(value).inspect_err(|_| self.nodes.clear())
    }
}

/// The JSON text of the first `key` of the object `json`, as it is there (read without keeping
/// any field).
pub(super) fn raw_field(json: &str, key: Key) -> Option<&RawValue> {
    let mut found = None;
    let raw = Some((key, &mut found));
    let root = Walk { nodes: &mut Vec::new(), raw, parent: 0, key: Key::Other, depth: DEPTH };
    root.deserialize(&mut serde_json::Deserializer::from_str(json)).ok()?;
    found
}

/// A kept value, to read fields from.
#[derive(Clone, Copy)]
pub(super) struct Field<'p, 'de> {
    nodes: &'p [Node<'de>],
    at: usize,
}

impl<'p, 'de> Field<'p, 'de> {
    /// The value of `key`, when this is an object that has it; else a missing value, which holds
    /// nothing and has no fields.
    pub(super) fn get(self, key: Key) -> Self {
        // An object's fields follow it, before the first node outside it.
        let after = self.nodes.get(self.at + 1..).unwrap_or_default();
        let mut fields = after.iter().take_while(|node| node.parent >= self.at);
        let found = fields.position(|node| node.parent == self.at && node.key == key);
        found.map_or(Self { nodes: &[], at: 0 }, |found| Self { at: self.at + 1 + found, ..self })
    }

    /// Whether this is a value, not missing.
    pub(super) fn exists(self) -> bool {
        self.at < self.nodes.len()
    }

    /// What this holds (`null` when missing, and after an error).
    fn leaf(self) -> &'p Leaf<'de> {
        self.nodes.get(self.at).map_or(&Leaf::Other, |node| &node.leaf)
    }

    /// The text, when this is a string.
    pub(super) fn as_str(self) -> Option<&'p str> {
        match self.leaf() {
            Leaf::Text(text) => Some(text),
            _ => None,
        }
    }

    /// The text, leniently: a number becomes its decimal text.
    // Inlined, so that the text of a missing field (most of a sparse event's) costs no call.
    #[inline]
    pub(super) fn text(self) -> Option<Cow<'p, str>> {
        match self.leaf() {
            Leaf::Text(text) => Some(Cow::Borrowed(text)),
            Leaf::Number(number) => Some(Cow::Owned(number.to_string())),
            _ => None,
        }
    }

    /// Whether this is an object.
    pub(super) fn is_object(self) -> bool {
        matches!(self.leaf(), Leaf::Object)
    }

    /// The text of `key`, leniently (see [`Field::text`]).
    pub(super) fn string(self, key: Key) -> Option<String> {
        self.get(key).text().map(Cow::into_owned)
    }

    /// An event's `timestamp`, from a string or a number.
    pub(super) fn timestamp(self) -> Option<Timestamp> {
        self.get(Key::Timestamp).text().map(|raw| Timestamp::parse(&raw))
    }

    /// The status code of `key`, leniently: a number or a decimal string.
    pub(super) fn code(self, key: Key) -> Option<u32> {
        match self.get(key).leaf() {
            Leaf::Number(number) => number.as_u64()?.try_into().ok(),
            Leaf::Text(text) => text.trim().parse().ok(),
            _ => None,
        }
    }
}

/// Reads one value into the list of nodes.
struct Walk<'n, 'de> {
    nodes: &'n mut Vec<Node<'de>>,
    /// The key whose JSON text is sought in this object, and where the first goes.
    raw: Option<(Key, &'n mut Option<&'de RawValue>)>,
    parent: usize,
    key: Key,
    depth: usize,
}

impl<'de> Walk<'_, 'de> {
    /// Keeps the value as `leaf`.
    #[allow(clippy::unnecessary_wraps, reason = "what each `visit_*` returns")]
    fn leaf<E>(self, leaf: Leaf<'de>) -> Result<(), E> {
        self.nodes.push(Node { parent: self.parent, key: self.key, leaf });
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Walk<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        self.leaf(Leaf::Other)
    }

    fn visit_i64<E>(self, v: i64) -> Result<(), E> {
        self.leaf(Leaf::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<(), E> {
        self.leaf(Leaf::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<(), E> {
        self.leaf(Number::from_f64(v).map_or(Leaf::Other, Leaf::Number))
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<(), E> {
        self.leaf(Leaf::Text(Cow::Borrowed(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        self.leaf(Leaf::Text(Cow::Owned(v.to_owned())))
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        self.leaf(Leaf::Other)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        self.leaf(Leaf::Other)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Self { nodes, mut raw, parent, key, depth } = self;
        let at = nodes.len();
        nodes.push(Node { parent, key, leaf: Leaf::Object });
        let mut seen = 0;
        while let Some(key) = map.next_key::<Key>()? {
            if let Some((_, slot)) = raw.take_if(|(sought, _)| *sought == key) {
                *slot = Some(map.next_value()?);
            } else if key.is_read() && depth < DEPTH && seen & key.bit() == 0 {
                seen |= key.bit();
                let walk = Walk { nodes: &mut *nodes, raw: None, parent: at, key, depth: depth + 1 };
                map.next_value_seed(walk)?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> serde_json::Value {
        let mut pruned = Pruned::default();
        let _ = pruned.deserialize(&mut serde_json::Deserializer::from_str(json));
        to_value(pruned.root())
    }

    /// The kept fields as a `Value`, to compare.
    fn to_value(field: Field<'_, '_>) -> serde_json::Value {
        use serde_json::Value;
        match field.leaf() {
            Leaf::Text(text) => Value::from(&**text),
            Leaf::Number(number) => Value::Number(number.clone()),
            Leaf::Other => Value::Null,
            Leaf::Object => {
                let children = field.nodes.iter().enumerate().skip(field.at + 1);
                let children = children.filter(|(_, node)| node.parent == field.at);
                Value::Object(
                    children
                        .map(|(at, node)| (format!("{:?}", node.key), to_value(Field { at, ..field })))
                        .collect(),
                )
            }
        }
    }

    #[test]
    fn keeps_only_what_readers_look_at() {
        let json = r#"{"sid": "a", "x": [1, 2], "content": {"type": "text", "text": {"body": "hi", "y": 1},
            "list": [1], "custom_data": 1}, "custom_data": {"k": 1}, "sid": "second"}"#;
        assert_eq!(
            read(json),
            serde_json::json!({"Sid": "a", "Content": {"Type": "text", "Text": {"Body": "hi"}}})
        );
        let deep = r#"{"content": {"content": {"content": {"content": {"id": "too deep"}}}}}"#;
        assert_eq!(read(deep), serde_json::json!({"Content": {"Content": {"Content": {"Content": {}}}}}));
        assert_eq!(read("not json"), serde_json::Value::Null);
    }

    #[test]
    fn fields_are_found_in_their_own_object() {
        let json = r#"{"content": {"error": {"id": 1}, "type": "x"}, "id": "top", "sid": "\u0041",
            "custom_data": {"id": 2}, "custom_data": 3}"#;
        let mut pruned = Pruned::default();
        let custom_data = pruned.deserialize(&mut serde_json::Deserializer::from_str(json)).unwrap();
        assert_eq!(custom_data.map(RawValue::get), Some(r#"{"id": 2}"#), "the first, as text");
        let root = pruned.root();
        assert_eq!(root.string(Key::Id).as_deref(), Some("top"));
        let content = root.get(Key::Content);
        assert!(content.exists());
        assert_eq!(content.string(Key::Id), None, "not a field of a field");
        assert_eq!(content.string(Key::Type).as_deref(), Some("x"), "after a nested object");
        assert_eq!(content.get(Key::Error).code(Key::Id), Some(1));
        assert_eq!(root.string(Key::Sid).as_deref(), Some("A"), "an escaped string is decoded");
        assert!(!root.get(Key::Type).exists());
        assert_eq!(root.get(Key::Type).get(Key::Id).string(Key::Id), None, "missing all the way down");
    }

    #[test]
    fn keys_are_named_in_snake_case() {
        assert_eq!(Key::named("exo_detailed_status"), Key::ExoDetailedStatus);
        assert_eq!(Key::named("button_reply"), Key::ButtonReply);
        assert_eq!(Key::named("ButtonReply"), Key::Other);
        assert_eq!(Key::named("custom_data"), Key::CustomData);
        assert_eq!(Key::named("whatsapp"), Key::Whatsapp);
    }

    #[test]
    fn raw_fields_are_the_first_at_the_top_as_written() {
        let json = r#"{"content": {"sid": 1}, "s\u0069d": [1, "\ud83d"], "sid": 2}"#;
        assert_eq!(raw_field(json, Key::Sid).map(RawValue::get), Some(r#"[1, "\ud83d"]"#));
        assert_eq!(raw_field(json, Key::Whatsapp).map(RawValue::get), None);
        assert_eq!(raw_field(r#"[{"sid": 1}]"#, Key::Sid).map(RawValue::get), None, "not an object");
        assert_eq!(raw_field(r#"{"sid": 1,}"#, Key::Sid).map(RawValue::get), None, "not JSON");
    }
}
