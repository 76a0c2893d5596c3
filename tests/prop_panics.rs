//! Never panics: arbitrary bytes and arbitrary JSON values (deep, wide, huge strings, duplicate
//! keys) through the checker and the callback parser; phone numbers from `\PC*`.
//!
//! More cases: `PROPTEST_CASES=100000 cargo test --test prop_panics`.

#[path = "support/strategies.rs"]
mod strategies;

use exotel_whatsapp::callback;
use exotel_whatsapp::check;
use exotel_whatsapp::limits;
use exotel_whatsapp::{PhoneNumber, Rule};
use proptest::prelude::*;
use serde_json::Value;
use strategies::config;

/// Keys the API knows, so that generated objects reach deep into the readers.
const KEYS: [&str; 24] = [
    "whatsapp",
    "messages",
    "from",
    "to",
    "content",
    "type",
    "text",
    "body",
    "image",
    "link",
    "caption",
    "interactive",
    "action",
    "buttons",
    "reply",
    "id",
    "title",
    "sections",
    "rows",
    "template",
    "components",
    "parameters",
    "callback_type",
    "custom_data",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        select_str().prop_map(Value::from),
        "\\PC{0,40}".prop_map(Value::from),
        (0usize..200_000).prop_map(|n| Value::from("x".repeat(n))),
    ]
}

fn select_str() -> impl Strategy<Value = &'static str> {
    prop::sample::select(
        &[
            "text",
            "button",
            "list",
            "reply",
            "header",
            "body",
            "dlr",
            "icm",
            "0",
            "+919999999999",
            "https://example.com/a.jpg",
            "en",
        ][..],
    )
}

/// Arbitrary JSON, as text: objects may repeat keys, which a `Value` cannot.
fn json_text() -> impl Strategy<Value = String> {
    let key = prop_oneof![prop::sample::select(&KEYS[..]).prop_map(str::to_owned), "\\PC{0,8}"];
    leaf().prop_map(|v| v.to_string()).prop_recursive(6, 256, 24, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..24).prop_map(|items| format!("[{}]", items.join(","))),
            prop::collection::vec((key.clone(), inner), 0..24).prop_map(|fields| {
                let fields: Vec<String> =
                    fields.into_iter().map(|(k, v)| format!("{}:{v}", Value::from(k))).collect();
                format!("{{{}}}", fields.join(","))
            }),
        ]
    })
}

/// A request-shaped document around arbitrary JSON, so the readers below the envelope run.
fn wrapped() -> impl Strategy<Value = String> {
    (json_text(), 0..4usize).prop_map(|(inner, how)| match how {
        0 => format!(r#"{{"whatsapp":{{"messages":[{{"from":"+919999999999","to":"+918888888888","content":{inner}}}]}}}}"#),
        1 => format!(r#"{{"whatsapp":{{"messages":[{{"content":{{"type":"interactive","interactive":{inner}}}}}]}}}}"#),
        2 => format!(r#"{{"whatsapp":{{"messages":[{{"content":{{"type":"template","template":{inner}}}}}]}}}}"#),
        _ => format!(r#"{{"whatsapp":{{"messages":[{inner},{inner}]}}}}"#),
    })
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn checker_survives_any_bytes(body in prop::collection::vec(any::<u8>(), 0..512)) {
        let report = check::check(&body);
        prop_assert_eq!(report.is_valid(), report.request().is_some());
    }

    #[test]
    fn checker_survives_any_json(body in prop_oneof![json_text(), wrapped()]) {
        let report = check::check(body.as_bytes());
        prop_assert!(report.errors().len() + report.warnings().len() <= limits::VIOLATIONS_MAX);
        let _ = report.errors().iter().map(ToString::to_string).count();
        let _ = callback::parse(body.as_bytes());
    }

    #[test]
    fn deep_nesting_is_refused_not_a_crash(depth in 100usize..5000, open in prop::sample::select(&["[", "{\"a\":"][..])) {
        let close = if open == "[" { "]" } else { "}" };
        let body = format!("{}1{}", open.repeat(depth), close.repeat(depth));
        let report = check::check(body.as_bytes());
        if depth > limits::DOCUMENT_DEPTH_MAX {
            prop_assert!(report.errors().iter().any(|v| v.rule() == Rule::Json));
        }
        let _ = callback::parse(body.as_bytes());
    }

    #[test]
    fn callbacks_survive_any_bytes(body in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = callback::parse(&body);
    }

    #[test]
    fn phone_numbers_from_any_text(number in "\\PC*") {
        match PhoneNumber::new(number.clone()) {
            Ok(p) => {
                prop_assert_eq!(p.as_str(), number.as_str());
                prop_assert!(number.starts_with('+') && number[1..].bytes().all(|b| b.is_ascii_digit()));
            }
            Err(e) => {
                let [v] = e.violations() else { panic!("{e}") };
                prop_assert_eq!(v.rule(), Rule::E164);
                prop_assert!(!v.message().is_empty());
            }
        }
    }
}
