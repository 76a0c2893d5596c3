//! Where a body keeps its events, `whatsapp.messages`, found and read in one pass over the body.
//!
//! `serde_json` reads every value; this module reads only the punctuation between the values of the
//! objects and the array around the events (`{`, `:`, `,`, `}`, `[`, `]`), so that it knows where
//! each event starts and ends. An event is then read into its typed fields and its JSON text is
//! kept from the same pass; the rest of the body is skipped, not decoded. `whatsapp` and
//! `messages` may also arrive as JSON encoded in a string, which is then read the same way. The
//! first of duplicate keys counts.

use std::borrow::Cow;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, IgnoredAny};
use serde_json::Error;

use super::Event;
use super::pruned::{Key, Pruned, raw_field};

/// Up to this many entries, the list of events grows as they are read; a longer array is counted
/// first, then read into a list allocated once, so that a body of many tiny entries does not
/// hold up to three times their number while the list grows (and moves).
const EVENTS_GROWN_MAX: usize = 1024;

/// The entries of `whatsapp.messages`, read.
pub(super) struct Messages {
    pub(super) events: Vec<Event>,
    /// Whether an entry is an object with a `callback_type`: a body with none is not a callback.
    pub(super) any_callback_type: bool,
}

/// The events of `whatsapp.messages` in the JSON text `json`, `Ok(None)` when it has no such
/// array; with `whole`, the text must be that one JSON value and nothing more.
///
/// An error when the text is not JSON, or when a string that is decoded to find the array (a
/// key on the way, `whatsapp` or `messages` in a string) holds a lone surrogate escape. Callers
/// only tell an error from a result, so an error of this module's own says what, not where.
pub(super) fn find(json: &str, whole: bool) -> Result<Option<Messages>, Error> {
    let mut body = Cursor { text: json, at: 0 };
    let found = match body.peek() {
        Some(b'{') => body.field(Key::Whatsapp, whatsapp)?,
        _ => body.skip().map(|()| None)?,
    };
    if whole && body.peek().is_some() {
        return Err(de::Error::custom("trailing characters"));
    }
    Ok(found)
}

/// Reads the value of `whatsapp`, and in it the value of `messages`.
fn whatsapp(whatsapp: &mut Cursor<'_>) -> Result<Option<Messages>, Error> {
    whatsapp.nested(b'{', |object| {
        object.field(Key::Messages, |messages| messages.nested(b'[', |array| array.events().map(Some)))
    })
}

/// A place in JSON text.
struct Cursor<'de> {
    text: &'de str,
    at: usize,
}

impl<'de> Cursor<'de> {
    /// The next byte after white space, which the cursor is moved past.
    fn peek(&mut self) -> Option<u8> {
        let rest = self.text.as_bytes().get(self.at..)?;
        let space = rest.iter().take_while(|byte| matches!(byte, b' ' | b'\n' | b'\t' | b'\r')).count();
        self.at += space;
        rest.get(space).copied()
    }

    /// Moves past `byte`, after white space; an error when something else is there.
    fn expect(&mut self, byte: u8) -> Result<(), Error> {
        if self.eat(byte) { Ok(()) } else { Err(de::Error::custom("unexpected character")) }
    }

    /// Moves past `byte`, after white space, if it is there.
    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        self.at += usize::from(found);
        found
    }

    /// Reads the value here with `seed`, and moves past it; after an error, it has not moved.
    fn value<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Error> {
        let rest = self.text.get(self.at..).ok_or_else(|| de::Error::custom("not at a character"))?;
        let mut de = serde_json::Deserializer::from_str(rest);
        let value = seed.deserialize(&mut de)?;
        self.at += de.into_iter::<IgnoredAny>().byte_offset();
        Ok(value)
    }

    /// Moves past the value here.
    fn skip(&mut self) -> Result<(), Error> {
        self.value(PhantomData::<IgnoredAny>).map(|_| ())
    }

    /// Reads the object here: the value of its first `key` with `read`, the others skipped.
    fn field(
        &mut self,
        key: Key,
        read: impl FnOnce(&mut Self) -> Result<Option<Messages>, Error>,
    ) -> Result<Option<Messages>, Error> {
        let mut read = Some(read);
        let mut found = None;
        self.list(b'{', b'}', |object| {
            let is_key = object.value(PhantomData::<Key>)? == key;
            object.expect(b':')?;
            match read.take_if(|_| is_key) {
                Some(read) => found = read(object)?,
                None => object.skip()?,
            }
            Ok(())
        })?;
        Ok(found)
    }

    /// Reads the value here with `read` when it starts with `open`, or when it is a string of JSON
    /// text that does: what fails in that text means only that it holds no events. Anything else
    /// is skipped.
    fn nested(
        &mut self,
        open: u8,
        read: impl FnOnce(&mut Cursor<'_>) -> Result<Option<Messages>, Error>,
    ) -> Result<Option<Messages>, Error> {
        match self.peek() {
            Some(byte) if byte == open => read(self),
            Some(b'"') => {
                // Its lone surrogate escapes repaired, as the body's were (`lenient`).
                let text = super::lenient::repair_surrogates(Cow::Owned(self.value(PhantomData)?));
                // Text that does not start with `open` fails in `read`: it holds no events either.
                Ok(read(&mut Cursor { text: &text, at: 0 }).ok().flatten())
            }
            _ => self.skip().map(|()| None),
        }
    }

    /// Reads the array of events here.
    fn events(&mut self) -> Result<Messages, Error> {
        let start = self.at;
        let mut pruned = Pruned::default();
        let mut messages = Messages { events: Vec::new(), any_callback_type: false };
        let mut count = 0;
        self.list(b'[', b']', |array| {
            count += 1;
            if count <= EVENTS_GROWN_MAX {
                return array.event(&mut pruned, &mut messages);
            }
            if count == EVENTS_GROWN_MAX + 1 {
                messages.events = Vec::new();
            }
            array.skip()
        })?;
        if count > EVENTS_GROWN_MAX {
            self.at = start;
            messages.events.reserve_exact(count);
            self.list(b'[', b']', |array| array.event(&mut pruned, &mut messages))?;
        }
        Ok(messages)
    }

    /// Calls `item` at each item of the object (`{`, `}`) or array (`[`, `]`) here; it moves past
    /// the item.
    fn list(
        &mut self,
        open: u8,
        close: u8,
        mut item: impl FnMut(&mut Self) -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.expect(open)?;
        if self.eat(close) {
            return Ok(());
        }
        loop {
            item(self)?;
            if !self.eat(b',') {
                return self.expect(close);
            }
        }
    }

    /// Reads the event here into `messages`: its typed fields and its text in one pass, or when
    /// its fields fail to read (a lone surrogate escape or a number out of range in one of them),
    /// its text alone.
    fn event(&mut self, pruned: &mut Pruned<'de>, messages: &mut Messages) -> Result<(), Error> {
        self.peek(); // to the event's first byte, where its text starts
        let start = self.at;
        let read = self.value(&mut *pruned);
        if read.is_err() {
            self.skip()?;
        }
        let raw = self.text.get(start..self.at).ok_or_else(|| de::Error::custom("not at a character"))?;
        messages.any_callback_type |= match read {
            Ok(_) => pruned.root().get(Key::CallbackType).exists(),
            Err(_) => raw_field(raw, Key::CallbackType).is_some(),
        };
        messages.events.push(Event::read(raw, pruned.root(), read.ok().flatten()));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raws(json: &str, whole: bool) -> Option<Vec<String>> {
        let found = find(json, whole).ok()??;
        Some(found.events.iter().map(|event| event.raw().get().to_owned()).collect())
    }

    #[test]
    fn each_event_keeps_its_own_text() {
        let json = "{\"x\": [1, {\"messages\": 2}], \"whatsapp\" : { \"messages\" :\n[ {\"callback_type\": \"dlr\", \"sid\": \"é\"} ,\t0 ,\"s\",\r[ ] ,{}\n] } , \"whatsapp\": 1}";
        let raws = raws(json, true).expect("events");
        assert_eq!(raws, [r#"{"callback_type": "dlr", "sid": "é"}"#, "0", r#""s""#, "[ ]", "{}"]);
    }

    #[test]
    fn the_structure_is_json() {
        let event = r#"{"callback_type": "dlr"}"#;
        let body = |messages: &str| format!(r#"{{"whatsapp": {{"messages": {messages}}}}}"#);
        assert!(raws(&body(&format!("[{event}]")), true).is_some());
        for bad in [
            format!("[{event},]"),
            format!("[{event} {event}]"),
            format!("[{event}"),
            format!("[,{event}]"),
            format!("[{event}]]"),
            format!("[{event}],"),
            format!("[1x, {event}]"),
        ] {
            assert!(find(&body(&bad), false).is_err(), "{bad}");
        }
        assert!(find(r#"{"whatsapp" {"messages": []}}"#, false).is_err());
        assert!(find(r#"{"whatsapp": {"messages": []},}"#, false).is_err());
        let trailing = format!("{} x", body(&format!("[{event}]")));
        assert!(find(&trailing, true).is_err(), "one value only");
        assert_eq!(raws(&trailing, false).map(|raws| raws.len()), Some(1), "unless in a string");
        assert!(raws(&format!("{} \n\t\r", body("[]")), true).is_some_and(|raws| raws.is_empty()));
    }

    #[test]
    fn json_in_strings_is_read_once() {
        let messages = r#"[{"callback_type": "icm"}] and more"#;
        let whatsapp = serde_json::json!({ "messages": messages }).to_string() + " and more";
        let body = serde_json::json!({ "whatsapp": whatsapp }).to_string();
        assert_eq!(raws(&body, true), Some(vec![r#"{"callback_type": "icm"}"#.to_owned()]));
        let twice = serde_json::json!({ "whatsapp": serde_json::to_string(&whatsapp).unwrap() }).to_string();
        assert_eq!(raws(&twice, true), None);
    }

    #[test]
    fn an_event_whose_fields_fail_keeps_its_text() {
        let json = r#"{"whatsapp": {"messages": [{"callback_type": "dlr", "sid": "\ud83d"}, {"callback_type": "dlr", "sid": 1e999}, {"callback_type": "dlr"}]}}"#;
        let found = find(json, true).unwrap().unwrap();
        assert!(found.any_callback_type);
        let kinds: Vec<_> = found.events.iter().map(|event| matches!(event, Event::Unknown(_))).collect();
        assert_eq!(kinds, [true, true, false]);
        assert_eq!(found.events[0].raw().get(), r#"{"callback_type": "dlr", "sid": "\ud83d"}"#);
        let found = find(r#"{"whatsapp": {"messages": [{"sid": "\ud83d"}, 0]}}"#, true).unwrap().unwrap();
        assert!(!found.any_callback_type);
    }

    #[test]
    fn long_arrays_are_counted_then_read() {
        for count in [EVENTS_GROWN_MAX, EVENTS_GROWN_MAX + 1, 2 * EVENTS_GROWN_MAX + 3] {
            let events: Vec<String> =
                (0..count).map(|i| format!(r#"{{"callback_type":"dlr","sid":"{i}"}}"#)).collect();
            let json = format!(r#"{{"whatsapp":{{"messages":[{}]}}}}"#, events.join(","));
            let found = find(&json, true).unwrap().unwrap();
            assert_eq!(found.events.len(), count);
            assert!(found.events.capacity() <= count.max(EVENTS_GROWN_MAX), "allocated once past the limit");
            let last = found.events.last().and_then(|event| match event {
                Event::Status(status) => status.sid.clone(),
                _ => None,
            });
            assert_eq!(last, Some((count - 1).to_string()));
        }
    }
}
