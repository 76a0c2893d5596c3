//! The checker for untrusted request bodies: every problem in one pass, with JSON pointers into
//! the document, through the same rules the builders use.

use crate::ctx::Ctx;
use crate::error::{Problem, Severity, Violation};
use crate::json;
use crate::limits::DOCUMENT_BYTES_MAX;
use crate::request::Request;

/// What the checker found in one document.
///
/// ```
/// # use exotel_whatsapp_core as exotel_whatsapp;
/// use exotel_whatsapp::check::check;
/// let report = check(br#"{"whatsapp": {"messages": [{"from": "+919999999999", "to": "91 98888 88888",
///     "Content": {"type": "text", "text": {"body": "Hi"}}}]}}"#);
/// assert!(!report.is_valid());
/// let found: Vec<String> = report.errors().iter().map(ToString::to_string).collect();
/// assert_eq!(found, [
///     "/whatsapp/messages/0: `content` is required",
///     r#"/whatsapp/messages/0/Content: unknown field "Content", did you mean "content"?"#,
///     "/whatsapp/messages/0/to: not an E.164 phone number: ' ' at position 3 is not a digit; write digits only, without spaces or dashes",
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

/// Checks a send-request body, refusing it unread when it is larger than `max_bytes`; otherwise
/// in one pass over the body.
pub fn check_with_limit(body: &[u8], max_bytes: usize) -> Report {
    if body.len() > max_bytes {
        return too_large(max_bytes, body.len());
    }
    let mut cx = Ctx::new();
    match json::read_document::<Request>(body, &mut cx) {
        Ok(request) => Report::from_ctx(cx, request),
        Err(e) => {
            let mut detail = e.to_string();
            if let Some(hint) = json_hint(body, e.line(), e.column()) {
                detail.push_str("; ");
                detail.push_str(&hint);
            }
            refused(Problem::Json { detail })
        }
    }
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
    refused(Problem::TooLarge { limit: max_bytes, actual })
}

/// The report of a document refused whole, for `problem`, at the root.
fn refused(problem: Problem) -> Report {
    let mut cx = Ctx::new();
    cx.error(problem);
    Report::from_ctx(cx, None)
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

#[cfg(test)]
mod tests {
    use serde_json::Value;

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

    /// Found by the fuzzer: a string that is not UTF-8 is a JSON error, wherever it is, and the
    /// report is never "valid" without a request.
    #[test]
    fn a_string_that_is_not_utf8_is_a_json_error() {
        for body in [
            &b"{\"custom_data\": \"\xbf\"}"[..],
            b"{\"\xff\": 1}",
            b"{\"whatsapp\": {\"messages\": [{\"to\": \"\xc3\"}]}}",
        ] {
            let report = check(body);
            assert!(!report.is_valid(), "{}", String::from_utf8_lossy(body));
            assert_eq!(report.errors()[0].rule().code(), "json");
            assert!(
                report.errors()[0].to_string().contains("invalid unicode code point"),
                "{:?}",
                report.errors()
            );
        }
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
    fn duplicate_keys_and_nulls() {
        let duplicate = br#"{"whatsapp": {"messages": [{"from": "+919999999999", "to": "+918888888888",
            "content": {"type": "text", "text": {"body": "Hi", "body": "Ho"}}}]}}"#;
        assert_eq!(check(duplicate).errors()[0].rule().code(), "duplicate_key");
        let null = br#"{"whatsapp": {"messages": [{"from": "+919999999999", "to": "+918888888888",
            "content": {"type": "text", "text": {"body": "Hi"}, "image": null}}]}}"#;
        // The full walk reads `null` as absent (constraints.md: "null counts as an absent field"),
        // a payload key of another type included.
        assert!(check(null).is_valid(), "{:?}", check(null).errors());
        let null_body = br#"{"whatsapp": {"messages": [{"from": "+919999999999", "to": "+918888888888",
            "content": {"type": "text", "text": {"body": null}}}]}}"#;
        assert_eq!(
            check(null_body).errors()[0].to_string(),
            "/whatsapp/messages/0/content/text: `body` is required"
        );
    }
}

#[cfg(test)]
mod tests_support {
    use std::path::{Path, PathBuf};

    use serde_json::Value;

    pub(super) fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
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
    pub(super) fn variants(v: &Value, out: &mut Vec<Value>) {
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
                            o.as_object_mut().unwrap().remove(&key);
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
}

#[cfg(test)]
mod key_order {
    use std::path::Path;

    use serde_json::Value;

    use super::tests_support::{json_files, variants};
    use super::*;

    /// `v` as JSON with the keys of every object in reverse order.
    fn reversed(v: &Value) -> String {
        match v {
            Value::Object(map) => {
                let entries: Vec<String> = map
                    .iter()
                    .rev()
                    .map(|(k, v)| format!("{}:{}", Value::from(k.as_str()), reversed(v)))
                    .collect();
                format!("{{{}}}", entries.join(","))
            }
            Value::Array(items) => format!("[{}]", items.iter().map(reversed).collect::<Vec<_>>().join(",")),
            other => other.to_string(),
        }
    }

    /// The reader takes each key as it comes, and keeps a payload that comes before its `type`
    /// until the object ends: a report does not depend on the order of the keys. Checked on every
    /// example request and every one-change variant of the valid ones, in two orders (the keys are
    /// sorted, so `"text"` comes before `"type"`, and then reversed).
    #[test]
    fn reports_do_not_depend_on_the_order_of_keys() {
        let mut files = Vec::new();
        json_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/requests"), &mut files);
        let mut docs = Vec::new();
        for file in &files {
            let Ok(v) = serde_json::from_slice::<Value>(&std::fs::read(file).unwrap()) else { continue };
            if file.parent().is_some_and(|d| d.ends_with("valid")) {
                variants(&v, &mut docs);
            }
            docs.push(v);
        }
        assert!(docs.len() > 1000, "{} documents", docs.len());
        for doc in &docs {
            let sorted = serde_json::to_string(doc).unwrap();
            let (a, b) = (check(sorted.as_bytes()), check(reversed(doc).as_bytes()));
            assert_eq!(format!("{:?}", a.errors()), format!("{:?}", b.errors()), "{sorted}");
            assert_eq!(format!("{:?}", a.warnings()), format!("{:?}", b.warnings()), "{sorted}");
        }
    }
}
