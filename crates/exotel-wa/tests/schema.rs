//! The JSON Schema printed by `exotel-wa schema` accepts what the checker accepts, and refuses a
//! sample of what it refuses.

use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};

fn schema() -> jsonschema::Validator {
    let out = Command::new(env!("CARGO_BIN_EXE_exotel-wa")).arg("schema").output().expect("runs exotel-wa");
    assert!(out.status.success(), "exotel-wa schema failed: {}", String::from_utf8_lossy(&out.stderr));
    let schema: Value = serde_json::from_slice(&out.stdout).expect("the schema is JSON");
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    jsonschema::draft202012::new(&schema).expect("the schema is a valid 2020-12 schema")
}

fn request(contents: &[Value]) -> Value {
    let messages: Vec<Value> = contents
        .iter()
        .map(|c| json!({"from": "+919999999999", "to": "+919876543210", "content": c}))
        .collect();
    json!({"custom_data": "r", "status_callback": "https://example.com/cb",
           "whatsapp": {"custom_data": "c", "messages": messages}})
}

/// One content of every type and variant, each valid.
fn valid_contents() -> Vec<Value> {
    vec![
        json!({"recipient_type": "individual", "type": "text", "text": {"body": "नमस्ते 👋 https://example.com", "preview_url": true}}),
        json!({"type": "image", "image": {"link": "https://cdn.example.com/a.jpg", "caption": "A"}}),
        json!({"type": "audio", "audio": {"link": "https://cdn.example.com/a.ogg"}}),
        json!({"type": "video", "video": {"link": "https://cdn.example.com/a.mp4", "caption": "V"}}),
        json!({"type": "document", "document": {"link": "https://cdn.example.com/a.pdf", "filename": "a.pdf"}}),
        json!({"type": "sticker", "sticker": {"link": "https://cdn.example.com/a.webp"}}),
        json!({"type": "location", "location": {"latitude": "12.97", "longitude": 77.59, "name": "Office", "address": "MG Road"}}),
        json!({"type": "contacts", "contacts": [{"name": {"formatted_name": "Asha Rao", "first_name": "Asha"},
            "birthday": "1990-02-28", "addresses": [{"city": "Pune", "country_code": "IN", "type": "HOME"}],
            "emails": [{"email": "asha@example.com", "type": "WORK"}], "phones": [{"phone": "+91 98765 43210", "type": "CELL", "wa_id": "919876543210"}],
            "urls": [{"url": "https://example.com", "type": "WORK"}], "org": {"company": "Acme"}}]}),
        json!({"type": "interactive", "interactive": {"type": "button",
            "header": {"type": "image", "image": {"link": "https://cdn.example.com/menu.jpg"}},
            "body": {"text": "Confirm?"}, "footer": {"text": "Thanks"},
            "action": {"buttons": [{"type": "reply", "reply": {"id": "yes", "title": "Yes"}},
                                   {"type": "reply", "reply": {"id": "no", "title": "No"}}]}}}),
        json!({"type": "interactive", "interactive": {"type": "list", "header": {"type": "text", "text": "Sizes"},
            "body": {"text": "Pick one"}, "action": {"button": "Choose", "sections": [
                {"title": "Shirts", "rows": [{"id": "s", "title": "Small", "description": "S"}]},
                {"title": "Pants", "rows": [{"id": "m", "title": "Medium"}]}]}}}),
        json!({"type": "template", "template": {"name": "candidate_feedback_message",
            "language": {"policy": "deterministic", "code": "en"},
            "components": [{"type": "body", "parameters": [{"type": "text", "text": "Good!"}]}]}}),
        json!({"type": "template", "template": {"name": "order_shipped", "namespace": "ns",
            "language": {"policy": "deterministic", "code": "en_US"}, "components": [
                {"type": "header", "parameters": [{"type": "document", "document": {"link": "https://cdn.example.com/i.pdf", "filename": "i.pdf"}}]},
                {"type": "body", "parameters": [{"type": "text", "text": "Asha"},
                    {"type": "currency", "currency": {"fallback_value": "₹10", "code": "INR", "amount_1000": 10000}},
                    {"type": "date_time", "date_time": {"fallback_value": "Friday"}}]},
                {"type": "button", "sub_type": "url", "index": "0", "parameters": [{"type": "text", "text": "4521"}]},
                {"type": "button", "sub_type": "quick_reply", "index": "1", "parameters": [{"type": "payload", "payload": "stop"}]}]}}),
    ]
}

#[test]
fn every_valid_request_validates_against_the_schema() {
    let schema = schema();
    let contents = valid_contents();
    for content in &contents {
        let doc = request(std::slice::from_ref(content));
        let report = exotel_whatsapp_core::check::check(doc.to_string().as_bytes());
        assert!(report.is_valid(), "the checker refuses {content}: {:?}", report.errors());
        let errors: Vec<String> =
            schema.iter_errors(&doc).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "the schema refuses {content}: {errors:?}");
    }
    assert!(schema.is_valid(&request(&contents)));
}

/// Every example request under `examples/requests/<dir>`, parsed, by file name; documents that
/// are not JSON are left out (no schema applies to them).
fn examples(dir: &str) -> Vec<(String, Vec<u8>, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/requests").join(dir);
    let mut entries: Vec<_> =
        std::fs::read_dir(&dir).expect("the examples exist").flatten().map(|e| e.path()).collect();
    entries.sort();
    entries
        .into_iter()
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?.to_owned();
            let bytes = std::fs::read(&path).ok()?;
            let doc = serde_json::from_slice(&bytes).ok()?;
            Some((name, bytes, doc))
        })
        .collect()
}

#[test]
fn shipped_valid_examples_validate_against_the_schema() {
    let schema = schema();
    let valid = examples("valid");
    assert!(valid.len() >= 30, "expected the shipped examples, found {}", valid.len());
    for (name, _, doc) in valid {
        let errors: Vec<String> =
            schema.iter_errors(&doc).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{name} does not validate: {errors:?}");
    }
}

/// The invalid examples whose mistake JSON Schema cannot express; the checker reports each.
const CHECKER_ONLY: &[(&str, &str)] = &[
    ("contacts-birthday-not-a-date.json", "a real calendar date (the schema checks the shape)"),
    ("duplicate-button-titles.json", "unique titles"),
    ("duplicate-json-key.json", "duplicate keys (parsers keep the last)"),
    ("duplicate-row-ids.json", "unique row ids"),
    ("eleven-rows.json", "10 rows across all sections"),
    ("list-section-title-missing-with-two-sections.json", "a title on every section when there are several"),
    ("location-latitude-out-of-range.json", "the range of a coordinate given as a string"),
    ("template-button-index-duplicate.json", "unique button indexes"),
    ("template-two-headers.json", "at most one header component"),
];

#[test]
fn the_schema_refuses_every_invalid_example_it_can() {
    let schema = schema();
    let invalid = examples("invalid");
    assert!(invalid.len() >= 60, "expected the shipped examples, found {}", invalid.len());
    let mut accepted = Vec::new();
    for (name, bytes, doc) in &invalid {
        assert!(!exotel_whatsapp_core::check::check(bytes).is_valid(), "{name}: checker");
        if schema.is_valid(doc) {
            accepted.push(name.as_str());
        }
    }
    let expected: Vec<&str> = CHECKER_ONLY.iter().map(|(name, _)| *name).collect();
    assert_eq!(accepted, expected, "the schema accepts exactly the invalid examples it cannot judge");
}

#[test]
fn the_filename_pattern_refuses_any_separator() {
    let schema = schema();
    let doc = |filename: &str| {
        request(&[
            json!({"type": "document", "document": {"link": "https://cdn.example.com/a.pdf", "filename": filename}}),
        ])
    };
    for ok in ["a.pdf", "चालान 42.pdf", " a .pdf"] {
        assert!(schema.is_valid(&doc(ok)), "{ok:?}");
    }
    for bad in ["a/", "/a", "a/b.pdf", "a\\", "\\a.pdf", "a\u{0}b", "a/b/c", " ", ""] {
        assert!(!schema.is_valid(&doc(bad)), "{bad:?}");
        assert!(!exotel_whatsapp_core::check::check(doc(bad).to_string().as_bytes()).is_valid(), "{bad:?}");
    }
}

/// A change that makes a valid document invalid.
type Mutation = Box<dyn Fn(&mut Value)>;

#[test]
fn the_schema_refuses_a_sample_of_invalid_requests() {
    let schema = schema();
    let base = request(&valid_contents());
    let mutations: Vec<(&str, Mutation)> = vec![
        ("no whatsapp", Box::new(|d| drop(d.as_object_mut().unwrap().remove("whatsapp")))),
        ("++ in to", Box::new(|d| d["whatsapp"]["messages"][0]["to"] = "++919876543210".into())),
        (
            "unknown Content",
            Box::new(|d| {
                let m = d["whatsapp"]["messages"][0].as_object_mut().unwrap();
                let c = m.remove("content").unwrap();
                m.insert("Content".into(), c);
            }),
        ),
        (
            "text too long",
            Box::new(|d| d["whatsapp"]["messages"][0]["content"]["text"]["body"] = "न".repeat(4097).into()),
        ),
        (
            "caption on audio",
            Box::new(|d| d["whatsapp"]["messages"][2]["content"]["audio"]["caption"] = "x".into()),
        ),
        (
            "4 buttons",
            Box::new(|d| {
                let b = &mut d["whatsapp"]["messages"][8]["content"]["interactive"]["action"]["buttons"];
                let one = b[0].clone();
                b.as_array_mut().unwrap().extend([one.clone(), one]);
                b.as_array_mut().unwrap().push(json!({"type": "reply", "reply": {"id": "x", "title": "X"}}));
            }),
        ),
        (
            "image header on a list",
            Box::new(|d| {
                d["whatsapp"]["messages"][9]["content"]["interactive"]["header"] =
                    json!({"type": "image", "image": {"link": "https://cdn.example.com/a.jpg"}});
            }),
        ),
        (
            "button index 3",
            Box::new(|d| {
                d["whatsapp"]["messages"][11]["content"]["template"]["components"][2]["index"] = "3".into();
            }),
        ),
        (
            "caption in a template",
            Box::new(|d| {
                d["whatsapp"]["messages"][11]["content"]["template"]["components"][0]["parameters"][0]["document"]
                    ["caption"] = "c".into();
            }),
        ),
        (
            "amount as a string",
            Box::new(|d| {
                d["whatsapp"]["messages"][11]["content"]["template"]["components"][1]["parameters"][1]["currency"]
                    ["amount_1000"] = "1500".into();
            }),
        ),
        (
            "new line in a text parameter",
            Box::new(|d| {
                d["whatsapp"]["messages"][11]["content"]["template"]["components"][1]["parameters"][0]["text"] =
                    "As\nha".into();
            }),
        ),
        (
            "button index 01",
            Box::new(|d| {
                d["whatsapp"]["messages"][11]["content"]["template"]["components"][2]["index"] = "01".into();
            }),
        ),
        (
            "101 messages",
            Box::new(|d| {
                let m = d["whatsapp"]["messages"][0].clone();
                *d["whatsapp"]["messages"].as_array_mut().unwrap() = vec![m; 101];
            }),
        ),
    ];
    for (name, mutate) in mutations {
        let mut doc = base.clone();
        mutate(&mut doc);
        assert!(
            !exotel_whatsapp_core::check::check(doc.to_string().as_bytes()).is_valid(),
            "{name}: checker"
        );
        assert!(!schema.is_valid(&doc), "{name}: the schema accepts it");
    }
}
