//! `check::check` on untrusted bytes: the spec's examples as published, duplicate keys, size,
//! depth, type errors, truncation, valid documents and warnings.

use exotel_whatsapp::check::{check, check_with_limit};
use exotel_whatsapp::content::Text;
use exotel_whatsapp::error::{Problem, Severity, Violation};
use exotel_whatsapp::limits;
use exotel_whatsapp::phone::PhoneProblem;
use exotel_whatsapp::url::UrlProblem;
use exotel_whatsapp::{Message, Request};

/// `(pointer, rule code)` of each violation, in order.
fn found(vs: &[Violation]) -> Vec<(&str, &'static str)> {
    vs.iter().map(|v| (v.pointer().as_str(), v.rule().code())).collect()
}

/// The JSON of a `curl -XPOST` example of the spec, from the line after `'{`-opening `-d`.
fn spec_example(n: usize) -> String {
    let spec = include_str!("fixtures/spec/send-examples.txt");
    let block = spec.split("curl -XPOST").nth(n + 1).expect("the spec has this example");
    let start = block.find("'{").expect("the body starts with '{") + 1;
    let end = block[start..].find("}'").expect("the body ends with }'") + start + 1;
    // The document indents with no-break spaces (copied from a web page), which JSON does not
    // allow; they are layout, not content, so they become spaces here.
    block[start..end].replace('\u{a0}', " ")
}

#[test]
fn the_spec_examples_are_indented_with_no_break_spaces() {
    let spec = include_str!("fixtures/spec/send-examples.txt");
    let block = spec.split("curl -XPOST").nth(1).unwrap();
    let raw = &block[block.find("'{").unwrap() + 1..];
    let raw = &raw[..=raw.find("}'").unwrap()];
    assert!(raw.contains('\u{a0}'));
    let report = check(raw.as_bytes());
    assert_eq!(found(report.errors()), [("", "json")]);
}

fn e164(v: &Violation) -> PhoneProblem {
    match v.problem() {
        Problem::E164(p) => *p,
        other => panic!("expected e164, got {other:?}"),
    }
}

#[test]
fn the_spec_text_example_as_published_is_invalid() {
    let doc = spec_example(0);
    assert!(doc.contains("++919999XXXXXX") && doc.contains("\"Content\""));
    let report = check(doc.as_bytes());
    assert!(!report.is_valid());
    assert!(report.request().is_none());
    let errors = report.errors();
    assert_eq!(
        found(errors),
        [
            ("/whatsapp/messages/0/from", "e164"),
            ("/whatsapp/messages/0/to", "e164"),
            ("/whatsapp/messages/1", "required"),
            ("/whatsapp/messages/1/Content", "unknown_field"),
            ("/whatsapp/messages/1/from", "e164"),
            ("/whatsapp/messages/1/to", "e164"),
        ]
    );
    // The `X` placeholders are not digits; `++` is named as such.
    assert_eq!(e164(&errors[0]), PhoneProblem::NonDigit { position: 8, found: 'X' });
    assert_eq!(e164(&errors[1]), PhoneProblem::DoublePlus);
    assert_eq!(errors[2].problem(), &Problem::Required { field: "content" });
    assert_eq!(
        errors[3].problem(),
        &Problem::UnknownField { field: "Content".into(), hint: Some("content") }
    );

    // With the placeholders filled in, only the document's two mistakes remain.
    let filled = doc.replace("XXXXXX", "000001");
    let report = check(filled.as_bytes());
    assert_eq!(
        found(report.errors()),
        [
            ("/whatsapp/messages/0/to", "e164"),
            ("/whatsapp/messages/1", "required"),
            ("/whatsapp/messages/1/Content", "unknown_field"),
        ]
    );
    // And with those fixed too, it is valid.
    let fixed = filled.replace("++91", "+91").replace("\"Content\"", "\"content\"");
    let report = check(fixed.as_bytes());
    assert!(report.is_valid(), "{:?}", report.errors());
    assert_eq!(report.request().map(|r| r.messages().len()), Some(2));
}

#[test]
fn the_spec_image_example_as_published_is_invalid() {
    let doc = spec_example(1);
    assert!(doc.contains("\"image\""));
    let report = check(doc.as_bytes());
    assert_eq!(
        found(report.errors()),
        [("/whatsapp/messages/0/from", "e164"), ("/whatsapp/messages/0/to", "e164")]
    );
    // Only the `X` placeholders are wrong: digits without `+` are E.164 (EX, META).
    assert!(report.errors().iter().all(|v| e164(v) == PhoneProblem::NonDigit { position: 5, found: 'X' }));
    for digits in ["\"919900000001\"", "\"+919900000001\""] {
        let fixed = doc.replace("\"9199XXXXXXXX\"", digits);
        let report = check(fixed.as_bytes());
        assert!(report.is_valid(), "{:?}", report.errors());
        assert!(report.warnings().is_empty(), "{:?}", report.warnings());
    }
}

const MSG: &str = r#"{"from": "+919999999999", "to": "+918888888888", "content": {"type": "text", "text": {"body": "Hi"}}}"#;

fn one(message: &str) -> String {
    format!(r#"{{"whatsapp": {{"messages": [{message}]}}}}"#)
}

#[test]
fn duplicate_keys_are_reported_at_the_later_key() {
    let doc = r#"{"whatsapp": {"messages": [{"from": "+919999999999", "to": "+918888888888", "to": "+917777777777",
        "content": {"type": "text", "text": {"body": "Hi", "body": "Bye"}}}]}}"#;
    let report = check(doc.as_bytes());
    assert_eq!(
        found(report.errors()),
        [
            ("/whatsapp/messages/0/to", "duplicate_key"),
            ("/whatsapp/messages/0/content/text/body", "duplicate_key")
        ]
    );
    assert_eq!(report.errors()[0].problem(), &Problem::DuplicateKey { key: "to".into() });
    assert!(report.request().is_none());

    let doc =
        format!(r#"{{"whatsapp": {{"messages": [{MSG}]}}, "whatsapp": {{"messages": [{MSG}, {MSG}]}}}}"#);
    assert_eq!(found(check(doc.as_bytes()).errors()), [("/whatsapp", "duplicate_key")]);
    // Keys needing escapes are escaped in the pointer.
    let doc = r#"{"a/b": 1, "a/b": 2}"#;
    let report = check(doc.as_bytes());
    assert_eq!(found(report.errors())[0], ("/a~1b", "duplicate_key"));
}

#[test]
fn input_that_is_not_json() {
    for doc in [&b""[..], b"{", b"{\"whatsapp\": }", b"{} {}", b"[1,]", b"\xff\xfe", b"{'a': 1}", b"NaN"] {
        let report = check(doc);
        assert_eq!(found(report.errors()), [("", "json")], "{doc:?}");
        assert!(matches!(report.errors()[0].problem(), Problem::Json { .. }));
        assert!(report.request().is_none());
    }
    // Valid JSON of the wrong shape is a type error, not `json`.
    assert_eq!(found(check(b"[]").errors()), [("", "type")]);
}

#[test]
fn input_larger_than_the_cap_is_refused_unread() {
    let doc = one(MSG);
    let len = doc.len();
    assert!(check_with_limit(doc.as_bytes(), len).is_valid());
    let report = check_with_limit(doc.as_bytes(), len - 1);
    assert_eq!(found(report.errors()), [("", "too_large")]);
    let v = &report.errors()[0];
    assert_eq!((v.limit(), v.actual()), (Some(len - 1), Some(len)));
    // Refused before parsing: garbage over the cap is `too_large`, not `json`.
    let report = check_with_limit(b"{{{{", 3);
    assert_eq!(found(report.errors()), [("", "too_large")]);
    // The default cap.
    let big = vec![b' '; limits::DOCUMENT_BYTES_MAX + 1];
    let report = check(&big);
    assert_eq!(found(report.errors()), [("", "too_large")]);
    assert_eq!(report.errors()[0].limit(), Some(limits::DOCUMENT_BYTES_MAX));
    let at_cap = vec![b' '; limits::DOCUMENT_BYTES_MAX];
    assert_eq!(found(check(&at_cap).errors()), [("", "json")]);
}

#[test]
fn nesting_deeper_than_the_limit_is_json() {
    let nested = |depth: usize| {
        format!(
            r#"{{"whatsapp": {{"messages": [{{"custom_data": {}{}}}]}}}}"#,
            "[".repeat(depth - 4),
            "]".repeat(depth - 4)
        )
    };
    // At the limit the document parses, and the deep value is only of the wrong type.
    let report = check(nested(limits::DOCUMENT_DEPTH_MAX).as_bytes());
    assert!(
        report
            .errors()
            .iter()
            .any(|v| v.pointer().as_str() == "/whatsapp/messages/0/custom_data" && v.rule().code() == "type"),
        "{:?}",
        report.errors()
    );
    assert!(report.errors().iter().all(|v| v.rule().code() != "json"));
    let report = check(nested(limits::DOCUMENT_DEPTH_MAX + 1).as_bytes());
    assert_eq!(found(report.errors()), [("", "json")]);
    // Far deeper input neither overflows the stack nor gets further.
    let deep = "[".repeat(100_000);
    assert_eq!(found(check(deep.as_bytes()).errors()), [("", "json")]);
}

#[test]
fn type_errors_are_reported_for_every_field_at_once() {
    let doc = r#"{"custom_data": 1, "status_callback": false, "whatsapp": {"messages": [
        {"from": 919999999999, "to": ["+918888888888"], "custom_data": {}, "status_callback": 3,
         "content": {"recipient_type": 1, "type": "text", "text": {"body": 5, "preview_url": "yes"}}},
        {"from": "+919999999999", "to": "+918888888888", "content": "hello"},
        "not a message"
    ]}}"#;
    let report = check(doc.as_bytes());
    let m = "/whatsapp/messages";
    let expected = [
        "/custom_data".to_owned(),
        "/status_callback".to_owned(),
        format!("{m}/0/custom_data"),
        format!("{m}/0/status_callback"),
        format!("{m}/0/from"),
        format!("{m}/0/to"),
        format!("{m}/0/content/recipient_type"),
        format!("{m}/0/content/text/body"),
        format!("{m}/0/content/text/preview_url"),
        format!("{m}/1/content"),
        format!("{m}/2"),
    ];
    let mut got: Vec<String> = report.errors().iter().map(|v| v.pointer().as_str().to_owned()).collect();
    assert!(report.errors().iter().all(|v| v.rule().code() == "type"), "{:?}", report.errors());
    got.sort();
    let mut expected = expected.to_vec();
    expected.sort();
    assert_eq!(got, expected);
    assert_eq!(
        report
            .errors()
            .iter()
            .find(|v| v.pointer().as_str() == "/whatsapp/messages/0/from")
            .unwrap()
            .problem(),
        &Problem::Type { expected: "a string", found: "a number" }
    );
}

#[test]
fn more_than_the_violation_cap_is_truncated() {
    let unknown: Vec<String> = (0..limits::VIOLATIONS_MAX + 5).map(|i| format!(r#""k{i}": 0"#)).collect();
    let doc = format!(r#"{{"whatsapp": {{"messages": [{MSG}]}}, {}}}"#, unknown.join(", "));
    let report = check(doc.as_bytes());
    assert!(report.truncated());
    assert_eq!(report.errors().len(), limits::VIOLATIONS_MAX);
    assert!(report.errors().iter().all(|v| v.rule().code() == "unknown_field"));
    assert!(!report.is_valid());
    // Exactly at the cap, nothing is cut off.
    let unknown: Vec<String> = (0..limits::VIOLATIONS_MAX).map(|i| format!(r#""k{i}": 0"#)).collect();
    let doc = format!(r#"{{"whatsapp": {{"messages": [{MSG}]}}, {}}}"#, unknown.join(", "));
    let report = check(doc.as_bytes());
    assert!(!report.truncated());
    assert_eq!(report.errors().len(), limits::VIOLATIONS_MAX);
    assert!(!check(one(MSG).as_bytes()).truncated());
}

#[test]
fn a_valid_document_gives_the_typed_request() {
    let report = check(one(MSG).as_bytes());
    assert!(report.is_valid());
    assert!(report.errors().is_empty() && report.warnings().is_empty());
    let expected =
        Request::new([Message::new("+919999999999", "+918888888888", Text::new("Hi").unwrap()).unwrap()])
            .unwrap();
    assert_eq!(report.request(), Some(&expected));
    assert_eq!(report.into_request(), Some(expected));
}

#[test]
fn envelope_problems() {
    let m = |s: &str| check(one(s).as_bytes());
    assert_eq!(found(check(b"{}").errors()), [("", "required")]);
    assert_eq!(found(check(br#"{"whatsapp": {}}"#).errors()), [("/whatsapp", "required")]);
    let too_many = vec![MSG; limits::MESSAGES_MAX + 1].join(",");
    let report = check(format!(r#"{{"whatsapp": {{"messages": [{too_many}]}}}}"#).as_bytes());
    assert_eq!(found(report.errors()), [("/whatsapp/messages", "too_many")]);
    assert_eq!(report.errors()[0].actual(), Some(limits::MESSAGES_MAX + 1));
    assert_eq!(
        found(m(r#"{"from": "+919999999999", "to": "+918888888888", "content": {"recipient_type": "group", "type": "text", "text": {"body": "Hi"}}}"#).errors()),
        [("/whatsapp/messages/0/content/recipient_type", "one_of")]
    );
    assert_eq!(
        found(m(r#"{"from": "+919999999999", "to": "+918888888888", "content": {"type": "template2", "text": {"body": "Hi"}}}"#).errors()),
        [("/whatsapp/messages/0/content/type", "one_of")]
    );
    let report = m(
        r#"{"from": "+919999999999", "to": "+918888888888", "content": {"recepient_type": "individual", "type": "text", "text": {"body": "Hi"}}}"#,
    );
    assert_eq!(found(report.errors()), [("/whatsapp/messages/0/content/recepient_type", "unknown_field")]);
    assert_eq!(
        report.errors()[0].problem(),
        &Problem::UnknownField { field: "recepient_type".into(), hint: Some("recipient_type") }
    );
    assert_eq!(
        found(m(r#"{"content": {"type": "text"}}"#).errors()),
        [
            ("/whatsapp/messages/0", "required"),
            ("/whatsapp/messages/0", "required"),
            ("/whatsapp/messages/0/content", "required"),
        ]
    );
}

#[test]
fn warnings_do_not_make_a_document_invalid() {
    let doc = one(
        r#"{"from": "+919999999999", "to": "+918888888888", "content": {"type": "text", "text": {"body": "no link", "preview_url": true}}},
           {"from": "+919999999999", "to": "+918888888888", "content": {"type": "image", "image": {"link": "http://192.168.1.5/a.jpg"}}},
           {"from": "+919999999999", "to": "+918888888888", "content": {"type": "location", "location": {"latitude": "1", "longitude": "2", "address": "MG Road"}}},
           {"from": "+919999999999", "to": "+918888888888", "content": {"type": "contacts", "contacts": [{"name": {"formatted_name": "A", "first_name": "A"}, "phones": [{"phone": "1234", "type": "PAGER"}]}]}}"#,
    );
    let report = check(doc.as_bytes());
    assert!(report.is_valid(), "{:?}", report.errors());
    assert_eq!(report.request().map(|r| r.messages().len()), Some(4));
    let m = "/whatsapp/messages";
    let got: Vec<(String, &str)> =
        report.warnings().iter().map(|v| (v.pointer().as_str().to_owned(), v.rule().code())).collect();
    assert_eq!(
        got,
        [
            (format!("{m}/0/content/text/preview_url"), "preview_without_url"),
            (format!("{m}/1/content/image/link"), "private_host"),
            (format!("{m}/2/content/location/address"), "address_without_name"),
            (format!("{m}/3/content/contacts/0/phones/0/type"), "nonstandard_type"),
        ]
    );
    assert!(report.warnings().iter().all(|v| v.severity() == Severity::Warning && v.rule().is_warning()));
    assert_eq!(report.warnings()[0].problem(), &Problem::PreviewWithoutUrl);
    assert_eq!(report.warnings()[1].problem(), &Problem::Url(UrlProblem::PrivateHost));
    assert_eq!(report.warnings()[2].problem(), &Problem::AddressWithoutName);
    // Warnings and errors together: the errors decide.
    let doc = one(
        r#"{"from": "+919999999999", "to": "1", "content": {"type": "text", "text": {"body": "x", "preview_url": true}}}"#,
    );
    let report = check(doc.as_bytes());
    assert!(!report.is_valid());
    assert_eq!(found(report.errors()), [("/whatsapp/messages/0/to", "e164")]);
    assert_eq!(
        found(report.warnings()),
        [("/whatsapp/messages/0/content/text/preview_url", "preview_without_url")]
    );
}
