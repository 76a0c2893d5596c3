//! Hostile documents of any size (issue 10): what a stranger can send to `check::check`,
//! `callback::parse` and `Deserialize`. The resource test (`tests/resources.rs`) holds each to a
//! memory bound; the instruction-count guard (`cargo bench --bench instructions`) holds each to
//! linear time.

/// The entry point an attack is aimed at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// `check::check`.
    Check,
    /// `serde_json::from_slice::<Request>`.
    Deserialize,
    /// `callback::parse` of a JSON body.
    CallbackJson,
    /// `callback::parse` of a form body.
    CallbackForm,
}

/// One attack: a name, its target and how to make it about `size` bytes long.
pub struct Attack {
    pub name: &'static str,
    pub target: Target,
    pub make: fn(usize) -> Vec<u8>,
}

/// `prefix`, then `unit` (with `{i}` replaced by its count) separated by `sep` while the whole
/// stays within `size` bytes, then `suffix`.
pub fn repeat(prefix: &str, unit: &str, sep: &str, suffix: &str, size: usize) -> Vec<u8> {
    let mut out = String::from(prefix);
    for i in 0.. {
        let item = unit.replace("{i}", &i.to_string());
        if out.len() + sep.len() + item.len() + suffix.len() > size {
            break;
        }
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(&item);
    }
    out.push_str(suffix);
    out.into_bytes()
}

const MESSAGES: &str = r#"{"whatsapp": {"messages": ["#;
const LIST: &str = r#"{"whatsapp": {"messages": [{"from": "919999999999", "to": "919999999998", "content": {"type": "interactive", "interactive": {"type": "list", "body": {"text": "x"}, "action": {"button": "b", "sections": [{"rows": ["#;
const CONTACTS: &str = r#"{"whatsapp": {"messages": [{"from": "919999999999", "to": "919999999998", "content": {"type": "contacts", "contacts": ["#;
const PAYLOADS: &str = r#"{"content": {"contacts": [{}, {}, {}, {}], "image": {}, "location": {}, "template": {"components": [{}, {}]}, "interactive": {}, "type": "text"}}"#;
const EVENTS: &str = r#"{"whatsapp": {"messages": ["#;

/// Every attack, each aimed at one entry point.
#[allow(clippy::too_many_lines, reason = "a table: one entry per attack")]
pub fn attacks() -> Vec<Attack> {
    use Target::{CallbackForm, CallbackJson, Check, Deserialize};
    vec![
        Attack { name: "empty_messages", target: Check, make: |n| repeat(MESSAGES, "{}", ",", "]}}", n) },
        Attack { name: "zeros", target: Check, make: |n| repeat("[", "0", ",", "]", n) },
        Attack {
            name: "deep_arrays",
            target: Check,
            make: |n| [vec![b'['; n / 2], vec![b']'; n / 2]].concat(),
        },
        Attack { name: "duplicate_keys", target: Check, make: |n| repeat("{", r#""a":0"#, ",", "}", n) },
        // Issue 10, item 1: a long key (64 Ki characters at 512 KiB, an eighth of the input)
        // holding an object of duplicates.
        Attack {
            name: "duplicate_keys_under_a_long_key",
            target: Check,
            make: |n| repeat(&format!("{{\"{}\": {{", "k".repeat(n / 8)), r#""a":0"#, ",", "}}", n),
        },
        Attack { name: "unknown_keys", target: Check, make: |n| repeat("{", r#""k{i}":0"#, ",", "}", n) },
        Attack {
            name: "unknown_keys_in_a_message",
            target: Check,
            make: |n| repeat(r#"{"whatsapp": {"messages": [{"#, r#""k{i}":0"#, ",", "}]}}", n),
        },
        // Issue 10, item 9: one long unknown key, for the "did you mean" hint.
        Attack {
            name: "long_unknown_key",
            target: Check,
            make: |n| format!("{{\"{}\": 1}}", "x".repeat(n - 10)).into_bytes(),
        },
        Attack {
            name: "deep_unknown_values",
            target: Check,
            make: |n| repeat("{\"x\": [", &format!("{}{}", "[".repeat(100), "]".repeat(100)), ",", "]}", n),
        },
        Attack { name: "escapes", target: Check, make: |n| repeat("[", r#""\u0041\n\u00e9""#, ",", "]", n) },
        Attack { name: "long_numbers", target: Check, make: |n| repeat("[", &"9".repeat(1000), ",", "]", n) },
        Attack { name: "list_rows", target: Check, make: |n| repeat(LIST, "{}", ",", "]}]}}}}]}}", n) },
        Attack {
            name: "distinct_row_ids",
            target: Check,
            make: |n| repeat(LIST, r#"{"id":"r{i}","title":"t"}"#, ",", "]}]}}}}]}}", n),
        },
        Attack { name: "contacts", target: Check, make: |n| repeat(CONTACTS, "{}", ",", "]}}]}}", n) },
        // Payloads before their `type`, each read as its key names into an accumulator of its
        // own that is dropped: the cap on what is held covers them all together.
        Attack {
            name: "payloads_before_type",
            target: Check,
            make: |n| repeat(MESSAGES, PAYLOADS, ",", "]}}", n),
        },
        // Issue 10, item 3: a preview link search over a long body of `http`s.
        Attack {
            name: "preview_http",
            target: Check,
            make: |n| {
                let head = r#"{"whatsapp": {"messages": [{"from": "919999999999", "to": "919999999998", "content": {"type": "text", "text": {"preview_url": true, "body": ""#;
                let body = "http".repeat((n - head.len() - 8) / 4);
                format!("{head}{body}\"}}}}]}}}}").into_bytes()
            },
        },
        Attack {
            name: "empty_messages",
            target: Deserialize,
            make: |n| repeat(MESSAGES, "{}", ",", "]}}", n),
        },
        Attack {
            name: "unknown_keys",
            target: Deserialize,
            make: |n| repeat("{", r#""k{i}":0"#, ",", "}", n),
        },
        Attack {
            name: "duplicate_keys",
            target: Deserialize,
            make: |n| repeat("{", r#""a":0"#, ",", "}", n),
        },
        Attack { name: "empty_events", target: CallbackJson, make: |n| repeat(EVENTS, "{}", ",", "]}}", n) },
        Attack {
            name: "status_events",
            target: CallbackJson,
            make: |n| repeat(EVENTS, r#"{"callback_type":"dlr","sid":"{i}"}"#, ",", "]}}", n),
        },
        Attack {
            name: "zeros_in_an_event",
            target: CallbackJson,
            make: |n| {
                repeat(r#"{"whatsapp": {"messages": [{"callback_type": "dlr", "x": ["#, "0", ",", "]}]}}", n)
            },
        },
        // Issue 10, item 4: lone surrogates everywhere, read leniently.
        Attack {
            name: "lone_surrogates",
            target: CallbackJson,
            make: |n| {
                repeat(
                    r#"{"whatsapp": {"messages": [{"callback_type": "icm", "x": ["#,
                    r#""\ud83d""#,
                    ",",
                    "]}]}}",
                    n,
                )
            },
        },
        Attack { name: "pairs", target: CallbackForm, make: |n| repeat("", "k{i}=", "&", "", n) },
        Attack {
            name: "events",
            target: CallbackForm,
            make: |n| repeat("", "whatsapp[messages][{i}][callback_type]=dlr", "&", "", n),
        },
        Attack {
            name: "one_long_value",
            target: CallbackForm,
            make: |n| format!("callback_type=dlr&x={}", "%41".repeat(n / 3 - 10)).into_bytes(),
        },
    ]
}
