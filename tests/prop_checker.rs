//! The checker agrees with the builders.
//!
//! - Mutations of valid documents (drop a required field, lengthen a string past its limit,
//!   duplicate an id, add an unknown field, change a type) are reported with exactly the
//!   expected rule at exactly the expected pointer, and nothing else.
//! - Values handed to the builders (valid or not, lengths around every limit) get the same
//!   verdict from the builders and from the checker on their JSON (`support/model.rs`).
//!
//! More cases: `PROPTEST_CASES=100000 cargo test --test prop_checker`.

#[path = "support/model.rs"]
mod model;
#[path = "support/strategies.rs"]
mod strategies;

use exotel_whatsapp::Rule;
use exotel_whatsapp::check;
use exotel_whatsapp::error::{Pointer, Problem};
use exotel_whatsapp::limits;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use serde_json::Value;
use strategies::{PIECES, config, cycle_chars};

/// One way to break a valid document, and what the checker must say.
#[derive(Debug, Clone)]
enum Mutation {
    /// Remove `field` from the object at `parent`: `required` at `parent`.
    Drop { parent: String, field: String },
    /// Make the string at `pointer` longer than `max`: `too_long` there.
    Lengthen { pointer: String, max: usize, ascii: bool },
    /// Copy the value at `first` over the one at `later`: `duplicate` at `later`.
    Duplicate { first: String, later: String },
    /// Add a field the API does not know to the object at `parent`: `unknown_field` at it.
    Unknown { parent: String },
    /// Give the value at `pointer` another JSON type: `type` there.
    Retype { pointer: String },
}

fn token(key: &str) -> String {
    let mut p = Pointer::root();
    p.push(key);
    p.as_str().to_owned()
}

fn parent(pointer: &str) -> &str {
    pointer.rsplit_once('/').map_or("", |(p, _)| p)
}

/// The fields the object at `norm` (its pointer with indices as `N`) cannot lose.
fn required(norm: &str, pointer: &str, obj: &serde_json::Map<String, Value>, doc: &Value) -> Vec<String> {
    let tag = obj.get("type").and_then(Value::as_str).unwrap_or_default().to_owned();
    let fields: Vec<&str> = if norm.is_empty() {
        vec!["whatsapp"]
    } else if norm == "/whatsapp" {
        vec!["messages"]
    } else if norm == "/whatsapp/messages/N" {
        vec!["from", "to", "content"]
    } else if norm.ends_with("/messages/N/content")
        || norm.ends_with("/interactive/header")
        || norm.ends_with("/parameters/N")
    {
        return vec!["type".to_owned(), tag];
    } else if norm.ends_with("/content/text") {
        vec!["body"]
    } else if ["/image", "/video", "/document", "/audio", "/sticker"].iter().any(|m| norm.ends_with(m)) {
        vec!["link"]
    } else if norm.ends_with("/content/location") {
        vec!["latitude", "longitude"]
    } else if norm.ends_with("/content/contacts/N") {
        vec!["name"]
    } else if norm.ends_with("/contacts/N/name") {
        vec!["formatted_name"]
    } else if norm.ends_with("/content/interactive") {
        vec!["type", "body", "action"]
    } else if norm.ends_with("/interactive/body") || norm.ends_with("/interactive/footer") {
        vec!["text"]
    } else if norm.ends_with("/interactive/action") {
        if obj.contains_key("buttons") { vec!["buttons"] } else { vec!["button", "sections"] }
    } else if norm.ends_with("/action/buttons/N") {
        vec!["type", "reply"]
    } else if norm.ends_with("/reply") {
        vec!["id", "title"]
    } else if norm.ends_with("/action/sections/N") {
        let several = doc.pointer(parent(pointer)).and_then(Value::as_array).is_some_and(|s| s.len() > 1);
        if several { vec!["rows", "title"] } else { vec!["rows"] }
    } else if norm.ends_with("/rows/N") {
        vec!["id", "title"]
    } else if norm.ends_with("/content/template") {
        vec!["name", "language", "components"]
    } else if norm.ends_with("/template/language") {
        vec!["policy", "code"]
    } else if norm.ends_with("/components/N") {
        // `parameters` is required on buttons only (EX: "Required when type=button").
        if tag == "button" { vec!["type", "parameters", "sub_type", "index"] } else { vec!["type"] }
    } else if norm.ends_with("/currency") {
        vec!["fallback_value", "code", "amount_1000"]
    } else if norm.ends_with("/date_time") {
        vec!["fallback_value"]
    } else {
        vec![]
    };
    fields.into_iter().map(str::to_owned).collect()
}

/// The limit of the string at `norm`, if it has one, and whether only ASCII is allowed.
fn limit(norm: &str, pointer: &str, doc: &Value) -> Option<(usize, bool)> {
    let table: [(&str, usize); 12] = [
        ("/content/text/body", limits::TEXT_BODY_MAX),
        ("/caption", limits::CAPTION_MAX),
        ("/interactive/header/text", limits::HEADER_TEXT_MAX),
        ("/interactive/body/text", limits::INTERACTIVE_BODY_MAX),
        ("/interactive/footer/text", limits::FOOTER_TEXT_MAX),
        ("/reply/id", limits::BUTTON_ID_MAX),
        ("/reply/title", limits::BUTTON_TITLE_MAX),
        ("/interactive/action/button", limits::LIST_BUTTON_MAX),
        ("/sections/N/title", limits::SECTION_TITLE_MAX),
        ("/rows/N/id", limits::ROW_ID_MAX),
        ("/rows/N/title", limits::ROW_TITLE_MAX),
        ("/rows/N/description", limits::ROW_DESCRIPTION_MAX),
    ];
    if let Some((_, max)) = table.iter().find(|(suffix, _)| norm.ends_with(suffix)) {
        return Some((*max, false));
    }
    if norm.ends_with("/content/template/name") {
        return Some((limits::TEMPLATE_NAME_MAX, true));
    }
    if norm.ends_with("/components/N/parameters/N/text") {
        let component = parent(parent(parent(pointer)));
        let components = doc.pointer(parent(component)).and_then(Value::as_array).map_or(0, Vec::len);
        return match doc.pointer(&format!("{component}/type")).and_then(Value::as_str) {
            Some("header") => Some((limits::TEMPLATE_HEADER_TEXT_MAX, false)),
            Some("body") if components == 1 => Some((limits::TEMPLATE_BODY_ALONE_MAX, false)),
            Some("body") => Some((limits::TEMPLATE_BODY_TEXT_MAX, false)),
            _ => None,
        };
    }
    None
}

/// Every mutation of `doc`, a valid request.
fn mutations(doc: &Value) -> Vec<Mutation> {
    fn walk(v: &Value, pointer: &str, norm: &str, doc: &Value, out: &mut Vec<Mutation>) {
        if !pointer.is_empty() {
            out.push(Mutation::Retype { pointer: pointer.to_owned() });
        }
        match v {
            Value::Object(map) => {
                out.push(Mutation::Unknown { parent: pointer.to_owned() });
                for field in required(norm, pointer, map, doc) {
                    out.push(Mutation::Drop { parent: pointer.to_owned(), field });
                }
                // Groups of values that must be unique within one message.
                let group = |items: &[String], out: &mut Vec<Mutation>| {
                    for (i, first) in items.iter().enumerate() {
                        for later in &items[i + 1..] {
                            out.push(Mutation::Duplicate { first: first.clone(), later: later.clone() });
                        }
                    }
                };
                if norm.ends_with("/content/interactive") {
                    let at = format!("{pointer}/action");
                    if let Some(buttons) = doc.pointer(&format!("{at}/buttons")).and_then(Value::as_array) {
                        for field in ["id", "title"] {
                            let items: Vec<String> = (0..buttons.len())
                                .map(|i| format!("{at}/buttons/{i}/reply/{field}"))
                                .collect();
                            group(&items, out);
                        }
                    }
                    if let Some(sections) = doc.pointer(&format!("{at}/sections")).and_then(Value::as_array) {
                        let mut ids = Vec::new();
                        for (s, section) in sections.iter().enumerate() {
                            let rows = section["rows"].as_array().map_or(0, Vec::len);
                            ids.extend((0..rows).map(|r| format!("{at}/sections/{s}/rows/{r}/id")));
                        }
                        group(&ids, out);
                    }
                }
                if norm.ends_with("/content/template") {
                    let components = map["components"].as_array().cloned().unwrap_or_default();
                    let indexes: Vec<String> = components
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| c["type"] == "button")
                        .map(|(i, _)| format!("{pointer}/components/{i}/index"))
                        .collect();
                    group(&indexes, out);
                }
                for (key, child) in map {
                    let t = token(key);
                    walk(child, &format!("{pointer}{t}"), &format!("{norm}{t}"), doc, out);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    walk(child, &format!("{pointer}/{i}"), &format!("{norm}/N"), doc, out);
                }
            }
            Value::String(_) => {
                if let Some((max, ascii)) = limit(norm, pointer, doc) {
                    out.push(Mutation::Lengthen { pointer: pointer.to_owned(), max, ascii });
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(doc, "", "", doc, &mut out);
    out
}

/// Applies `m` to `doc`; returns where the one error must be and what it must be.
fn apply(doc: &mut Value, m: &Mutation, extra: usize, pieces: &[&str]) -> (String, Rule, Option<Problem>) {
    match m {
        Mutation::Drop { parent, field } => {
            let removed =
                doc.pointer_mut(parent).and_then(Value::as_object_mut).and_then(|o| o.shift_remove(field));
            assert!(removed.is_some(), "{parent} has no {field}");
            (parent.clone(), Rule::Required, None)
        }
        Mutation::Lengthen { pointer, max, ascii } => {
            let n = max + 1 + extra;
            let text = if *ascii { "a".repeat(n) } else { cycle_chars(pieces, n) };
            *doc.pointer_mut(pointer).expect("the string is there") = Value::from(text);
            (pointer.clone(), Rule::TooLong, Some(Problem::TooLong { limit: *max, actual: n }))
        }
        Mutation::Duplicate { first, later } => {
            let value = doc.pointer(first).cloned().expect("the first value is there");
            *doc.pointer_mut(later).expect("the later value is there") = value;
            let mut first_pointer = Pointer::root();
            for t in first.split('/').skip(1) {
                first_pointer.push(t);
            }
            (later.clone(), Rule::Duplicate, Some(Problem::Duplicate { first: first_pointer }))
        }
        Mutation::Unknown { parent } => {
            let object = doc.pointer_mut(parent).and_then(Value::as_object_mut).expect("an object");
            object.insert("zz_not_a_field".to_owned(), Value::from(1));
            (format!("{parent}/zz_not_a_field"), Rule::UnknownField, None)
        }
        Mutation::Retype { pointer } => {
            let v = doc.pointer_mut(pointer).expect("the value is there");
            *v = if v.is_boolean() { Value::from("yes") } else { Value::from(true) };
            (pointer.clone(), Rule::Type, None)
        }
    }
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn every_mutation_is_reported_where_it_is(
        request in strategies::request(),
        pick in any::<Index>(),
        extra in 0usize..4,
        pieces in prop::collection::vec(select(&PIECES[..]), 1..4),
    ) {
        let mut doc = serde_json::to_value(&request).unwrap();
        let all = mutations(&doc);
        let mutation = pick.get(&all).clone();
        let (pointer, rule, problem) = apply(&mut doc, &mutation, extra, &pieces);
        let report = check::check(&serde_json::to_vec(&doc).unwrap());
        let found: Vec<String> = report.errors().iter().map(ToString::to_string).collect();
        prop_assert_eq!(report.errors().len(), 1, "{:?} gave {:#?}", mutation, found);
        let v = &report.errors()[0];
        prop_assert_eq!(v.pointer().as_str(), pointer.as_str(), "{:?}", mutation);
        prop_assert_eq!(v.rule(), rule, "{:?}", mutation);
        if let Some(problem) = problem {
            prop_assert_eq!(v.problem(), &problem);
        }
        if let (Mutation::Drop { field, .. }, Problem::Required { field: reported }) = (&mutation, v.problem()) {
            prop_assert_eq!(field.as_str(), *reported);
        }
    }

    #[test]
    fn builders_and_checker_give_the_same_verdict(bytes in prop::collection::vec(any::<u8>(), 0..1024)) {
        let mut u = arbitrary::Unstructured::new(&bytes);
        if let Ok(spec) = model::MessageSpec::arbitrary(&mut u) {
            model::assert_builders_agree_with_checker(&spec);
        }
    }
}

#[test]
fn a_mistyped_name_part_is_only_a_type_error() {
    // Found by `every_mutation_is_reported_where_it_is`: a name part that is present but not a
    // string also drew `required` for "at least one of first_name, …".
    let doc = serde_json::json!({"whatsapp": {"messages": [{"from": "+919999999999", "to": "+918888888888",
        "content": {"type": "contacts", "contacts": [{"name": {"formatted_name": "Asha", "first_name": 5}}]}}]}});
    let report = check::check(&serde_json::to_vec(&doc).unwrap());
    let found: Vec<String> = report.errors().iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        ["/whatsapp/messages/0/content/contacts/0/name/first_name: expected a string, found a number"]
    );
}

#[test]
fn a_mistyped_section_title_is_only_a_type_error() {
    // Found by `every_mutation_is_reported_where_it_is`: with several sections, a title that is
    // present but not a string also drew `required` for the title.
    let row = |id: &str| serde_json::json!({"id": id, "title": "Row"});
    let list = serde_json::json!({"type": "list", "body": {"text": "Pick"}, "action": {"button": "Open",
        "sections": [{"title": 7, "rows": [row("a")]}, {"title": "Second", "rows": [row("b")]}]}});
    let err = serde_json::from_value::<exotel_whatsapp::content::Interactive>(list).unwrap_err();
    assert_eq!(err.to_string(), "/action/sections/0/title: expected a string, found a number");
}
