//! The checker for untrusted request bodies: every problem in one pass, with JSON pointers into
//! the document, through the same rules the builders use.

use std::fmt;

use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::ctx::Ctx;
use crate::error::{Pointer, Problem, Severity, Violation};
use crate::limits::{DOCUMENT_BYTES_MAX, DOCUMENT_DEPTH_MAX};
use crate::request::{Request, RequestWire};

/// What the checker found in one document.
///
/// ```
/// use exotel_whatsapp_core::check::check;
/// let report = check(br#"{"whatsapp": {"messages": [{"from": "+919999999999", "to": "919888888888",
///     "Content": {"type": "text", "text": {"body": "Hi"}}}]}}"#);
/// assert!(!report.is_valid());
/// let found: Vec<String> = report.errors().iter().map(ToString::to_string).collect();
/// assert_eq!(found, [
///     "/whatsapp/messages/0: `content` is required",
///     r#"/whatsapp/messages/0/Content: unknown field "Content", did you mean "content"?"#,
///     "/whatsapp/messages/0/to: not an E.164 phone number: it must start with `+` and the country code, as in +919876543210",
/// ]);
/// ```
#[derive(Debug, Clone)]
pub struct Report {
    errors: Vec<Violation>,
    warnings: Vec<Violation>,
    truncated: bool,
    request: Option<Request>,
}

impl Report {
    /// Whether the document is a valid request (warnings allowed).
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    /// The errors, object by object in the order the checker walks the document.
    pub fn errors(&self) -> &[Violation] {
        &self.errors
    }

    /// The warnings, in the same order as the errors.
    pub fn warnings(&self) -> &[Violation] {
        &self.warnings
    }

    /// Whether more violations were found than [`VIOLATIONS_MAX`](crate::limits::VIOLATIONS_MAX)
    /// and the rest were left out.
    pub fn truncated(&self) -> bool {
        self.truncated
    }

    /// The typed request, when the document is valid.
    pub fn request(&self) -> Option<&Request> {
        self.request.as_ref()
    }

    /// Takes the typed request out, when the document is valid.
    pub fn into_request(self) -> Option<Request> {
        self.request
    }

    fn from_ctx(cx: Ctx, request: Option<Request>) -> Self {
        let (violations, truncated) = cx.into_parts();
        let (errors, warnings): (Vec<_>, Vec<_>) =
            violations.into_iter().partition(|v| v.severity() == Severity::Error);
        let request = request.filter(|_| errors.is_empty());
        Report { errors, warnings, truncated, request }
    }
}

/// Checks a send-request body with the default size cap ([`DOCUMENT_BYTES_MAX`]).
pub fn check(body: &[u8]) -> Report {
    check_with_limit(body, DOCUMENT_BYTES_MAX)
}

/// Checks a send-request body, refusing it unread when it is larger than `max_bytes`.
pub fn check_with_limit(body: &[u8], max_bytes: usize) -> Report {
    check_inner(body, max_bytes, true)
}

/// The report for a document refused unread because it has `actual` bytes, more than
/// `max_bytes`: for a caller that knows a body's size before reading it all (a file's length, a
/// `Content-Length`), so that it never has to hold more than the cap.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::check;
/// let report = check::too_large(4_194_304, 1 << 30);
/// assert_eq!(report.errors()[0].to_string(), "(root): document is 1073741824 bytes; at most 4194304 are accepted");
/// ```
pub fn too_large(max_bytes: usize, actual: usize) -> Report {
    let mut cx = Ctx::new();
    cx.error(Problem::TooLarge { limit: max_bytes, actual });
    Report::from_ctx(cx, None)
}

/// The checker, with or without the fast path (tests compare the two).
fn check_inner(body: &[u8], max_bytes: usize, fast_path: bool) -> Report {
    if body.len() > max_bytes {
        return too_large(max_bytes, body.len());
    }
    let mut cx = Ctx::new();
    if let Some(request) = fast(body).filter(|_| fast_path) {
        return Report::from_ctx(cx, Some(request));
    }
    let value = match parse(body) {
        Ok((value, duplicates)) => {
            for pointer in duplicates {
                cx.error_at_pointer(pointer.0, Problem::DuplicateKey { key: pointer.1 });
            }
            value
        }
        Err(e) => {
            let mut detail = e.to_string();
            if let Some(hint) = json_hint(body, e.line(), e.column()) {
                detail.push_str("; ");
                detail.push_str(&hint);
            }
            cx.error(Problem::Json { detail });
            return Report::from_ctx(cx, None);
        }
    };
    let request = Request::from_json(value, &mut cx);
    Report::from_ctx(cx, request)
}

/// The fast path, for the common case of a valid request: typed wire structs (no `Value`, no
/// key strings) fed to the same rule functions as the full walk. It gives up, and the full walk
/// below runs and reports, on anything else: unknown, duplicate, missing or `null` fields, a
/// payload other than the one `type` names, and any violation, error or warning, that the rules
/// record. So a report is the same whichever path produced it. The size cap was checked before;
/// the depth of what the wire structs accept is bounded by their nesting.
fn fast(body: &[u8]) -> Option<Request> {
    // One UTF-8 check of the whole body, rather than one per string as `from_slice` does.
    let wire: RequestWire<'_> = serde_json::from_str(std::str::from_utf8(body).ok()?).ok()?;
    let mut cx = Ctx::new();
    let request = Request::from_wire(wire, &mut cx)?;
    cx.is_clean().then_some(request)
}

/// What a person pasting JSON from a web page or a word processor most likely did, when the
/// parser stopped at such a character: no-break and other Unicode spaces, a byte-order mark, or
/// typographic quotes.
fn json_hint(body: &[u8], line: usize, column: usize) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    let at = text.lines().nth(line.checked_sub(1)?)?;
    // serde_json counts the column in bytes, from 1; step back to the character it falls in.
    let mut start = column.checked_sub(1)?.min(at.len());
    while !at.is_char_boundary(start) {
        start -= 1;
    }
    let c = at[start..].chars().next()?;
    let code = u32::from(c);
    if c == '\u{feff}' {
        Some("found a byte-order mark (U+FEFF): save the file as UTF-8 without BOM".to_owned())
    } else if c.is_whitespace() && !c.is_ascii() {
        Some(format!(
            "found U+{code:04X}, a Unicode space: JSON allows only spaces, tabs and line breaks \
             between tokens (text copied from a web page often carries no-break spaces)"
        ))
    } else if matches!(c, '\u{201c}' | '\u{201d}' | '\u{2018}' | '\u{2019}') {
        Some(format!(
            "found the typographic quote {c} (U+{code:04X}): JSON strings take straight double quotes"
        ))
    } else {
        None
    }
}

/// Parses JSON, keeping the first of duplicate keys and noting where each later one was.
fn parse(body: &[u8]) -> Result<(Value, Vec<(Pointer, String)>), serde_json::Error> {
    let mut de = serde_json::Deserializer::from_slice(body);
    // serde_json's own limit already refuses a depth of 128; `Seed` enforces DOCUMENT_DEPTH_MAX.
    de.disable_recursion_limit();
    let mut path = Vec::new();
    let mut duplicates = Vec::new();
    let value = Seed { path: &mut path, duplicates: &mut duplicates }.deserialize(&mut de)?;
    de.end()?;
    Ok((value, duplicates))
}

/// Builds a [`Value`] while tracking the path, to point at duplicate keys.
struct Seed<'a> {
    path: &'a mut Vec<String>,
    duplicates: &'a mut Vec<(Pointer, String)>,
}

impl Seed<'_> {
    /// Refuses a container nested deeper than [`DOCUMENT_DEPTH_MAX`] (the path holds its parents).
    fn check_depth<E: serde::de::Error>(&self) -> Result<(), E> {
        if self.path.len() >= DOCUMENT_DEPTH_MAX {
            return Err(E::custom(format_args!("nesting deeper than {DOCUMENT_DEPTH_MAX} levels")));
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
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
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        self.check_depth()?;
        let mut items = Vec::new();
        loop {
            self.path.push(items.len().to_string());
            let item = seq.next_element_seed(Seed { path: self.path, duplicates: self.duplicates });
            self.path.pop();
            match item? {
                Some(v) => items.push(v),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        self.check_depth()?;
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            self.path.push(key);
            let value = map.next_value_seed(Seed { path: self.path, duplicates: self.duplicates });
            let key = self.path.pop().unwrap_or_default();
            let value = value?;
            if object.contains_key(&key) {
                let mut pointer = Pointer::root();
                for seg in self.path.iter() {
                    pointer.push(seg);
                }
                pointer.push(&key);
                self.duplicates.push((pointer, key));
            } else {
                object.insert(key, value);
            }
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;

    fn detail(body: &str) -> String {
        match check(body.as_bytes()).errors().first().map(Violation::problem) {
            Some(Problem::Json { detail }) => detail.clone(),
            other => panic!("expected a json error, got {other:?}"),
        }
    }

    #[test]
    fn json_errors_name_the_characters_people_paste_by_mistake() {
        assert!(detail("{\n\u{a0}\u{a0}\"whatsapp\": {}}").ends_with(
            "at line 2 column 1; found U+00A0, a Unicode space: JSON allows only spaces, tabs and line \
             breaks between tokens (text copied from a web page often carries no-break spaces)"
        ));
        assert!(detail("\u{feff}{}").contains("byte-order mark"));
        assert!(detail("{\u{201c}whatsapp\u{201d}: {}}").contains("typographic quote \u{201c} (U+201C)"));
        assert!(!detail("{\"whatsapp\": }").contains("found"), "no hint for an ordinary mistake");
    }

    fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                json_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }

    /// Every variant of `v` with one change at one place: a field removed, set to `null`, `""` or
    /// `0`, or an unknown field added.
    fn variants(v: &Value, out: &mut Vec<Value>) {
        fn walk(root: &Value, path: &mut Vec<String>, v: &Value, out: &mut Vec<Value>) {
            let edit = |path: &[String], f: &dyn Fn(&mut Value)| {
                let mut copy = root.clone();
                let mut at = &mut copy;
                for seg in path {
                    at = match at {
                        Value::Array(items) => &mut items[seg.parse::<usize>().unwrap()],
                        other => &mut other[seg.as_str()],
                    };
                }
                f(at);
                copy
            };
            match v {
                Value::Object(map) => {
                    out.push(edit(path, &|o| {
                        o["bogus"] = Value::Bool(true);
                    }));
                    for (key, child) in map {
                        let key = key.clone();
                        out.push(edit(path, &|o| {
                            o.as_object_mut().unwrap().shift_remove(&key);
                        }));
                        path.push(key);
                        walk(root, path, child, out);
                        path.pop();
                    }
                }
                Value::Array(items) => {
                    for (i, child) in items.iter().enumerate() {
                        path.push(i.to_string());
                        walk(root, path, child, out);
                        path.pop();
                    }
                }
                _ => {}
            }
            if !path.is_empty() {
                for replacement in [Value::Null, Value::from(""), Value::from(0)] {
                    out.push(edit(path, &|at| *at = replacement.clone()));
                }
            }
        }
        walk(v, &mut Vec::new(), v, out);
    }

    /// The fast path never changes a report: for every example request, and every one-change
    /// variant of the valid ones, the report is the same with and without it.
    #[test]
    fn the_fast_path_gives_the_same_report_as_the_full_walk() {
        let mut files = Vec::new();
        json_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/requests"), &mut files);
        assert!(files.len() > 20);
        let (mut docs, mut fast_hits) = (Vec::new(), 0);
        for file in &files {
            let body = std::fs::read(file).unwrap();
            if file.parent().is_some_and(|d| d.ends_with("valid")) {
                let v: Value = serde_json::from_slice(&body).unwrap();
                let mut more = Vec::new();
                variants(&v, &mut more);
                docs.extend(more.iter().map(|v| serde_json::to_vec(v).unwrap()));
            }
            docs.push(body);
        }
        for doc in &docs {
            let (with, without) =
                (check_inner(doc, DOCUMENT_BYTES_MAX, true), check_inner(doc, DOCUMENT_BYTES_MAX, false));
            assert_eq!(format!("{with:?}"), format!("{without:?}"), "{}", String::from_utf8_lossy(doc));
            fast_hits += usize::from(fast(doc).is_some());
        }
        // The fast path is taken for the valid documents without warnings, and only for them.
        assert!(fast_hits > 10, "{fast_hits} of {}", docs.len());
    }

    #[test]
    fn duplicates_among_many_rows_point_at_the_first() {
        let mut rows: Vec<Value> =
            (0..40).map(|i| serde_json::json!({"id": format!("r{i}"), "title": "Row"})).collect();
        rows[18]["id"] = "r3".into();
        rows[33]["id"] = "r20".into();
        let doc = serde_json::json!({"whatsapp": {"messages": [{"from": "+919999999999", "to": "+918888888888",
            "content": {"type": "interactive", "interactive": {"type": "list", "body": {"text": "Pick"},
            "action": {"button": "Open", "sections": [{"rows": rows}]}}}}]}});
        let report = check(&serde_json::to_vec(&doc).unwrap());
        let found: Vec<String> = report.errors().iter().map(ToString::to_string).collect();
        let at = "/whatsapp/messages/0/content/interactive/action/sections";
        assert_eq!(
            found[1],
            format!("{at}/0/rows/18/id: duplicates the value at {at}/0/rows/3/id; it must be unique")
        );
        assert_eq!(
            found[2],
            format!("{at}/0/rows/33/id: duplicates the value at {at}/0/rows/20/id; it must be unique")
        );
    }

    #[test]
    fn duplicate_keys_and_nulls_leave_the_fast_path() {
        let ok = br#"{"whatsapp": {"messages": [{"from": "+919999999999", "to": "+918888888888",
            "content": {"type": "text", "text": {"body": "Hi"}}}]}}"#;
        assert!(fast(ok).is_some());
        let duplicate = br#"{"whatsapp": {"messages": [{"from": "+919999999999", "to": "+918888888888",
            "content": {"type": "text", "text": {"body": "Hi", "body": "Ho"}}}]}}"#;
        assert!(fast(duplicate).is_none());
        assert_eq!(check(duplicate).errors()[0].rule().code(), "duplicate_key");
        let null = br#"{"whatsapp": {"messages": [{"from": "+919999999999", "to": "+918888888888",
            "content": {"type": "text", "text": {"body": "Hi"}, "image": null}}]}}"#;
        assert!(fast(null).is_none());
        assert!(!check(null).is_valid());
    }
}
