//! Callback bodies: Exotel's samples, observed variants, unknown types, form data, and the
//! property that extra fields never change what is read from the known ones.

mod support;

use exotel_whatsapp::callback::{self, Event, IncomingContent, IncomingMessage, NotACallback, StatusEvent};
use exotel_whatsapp::status::{DeliveryState, ExoStatus, FailureClass};
use proptest::prelude::*;
use serde::Deserialize;
use serde_json::{Value, json};
use support::{fixture, spec_sample};

fn events(body: &str) -> Vec<Event> {
    callback::parse(body).unwrap_or_else(|error| panic!("{error}: {body}"))
}

fn statuses(body: &str) -> Vec<StatusEvent> {
    events(body)
        .into_iter()
        .map(|event| match event {
            Event::Status(event) => *event,
            other => panic!("not a status event: {other:?}"),
        })
        .collect()
}

fn incoming(body: &str) -> Vec<IncomingMessage> {
    events(body)
        .into_iter()
        .map(|event| match event {
            Event::Incoming(message) => *message,
            other => panic!("not an incoming message: {other:?}"),
        })
        .collect()
}

fn seconds(timestamp: Option<&callback::Timestamp>) -> Option<i64> {
    timestamp?.parsed().map(|time| time.seconds)
}

#[test]
fn spec_status_callback() {
    let [event] = statuses(&spec_sample("callbacks/spec-dlr")).try_into().unwrap();
    assert_eq!(event.sid.as_deref(), Some("1234"));
    assert_eq!(event.to.as_deref(), Some("2365564965"));
    assert_eq!(event.status.code, Some(25001));
    assert_eq!(event.status.status(), Some(ExoStatus::Unknown(25001)));
    assert_eq!(event.status.name(), Some("EX_MESSAGE_DELIVERED"));
    assert_eq!(event.status.description.as_deref(), Some("Message delivered"));
    // The code is outside the table, so the documented name decides.
    assert_eq!(event.status.state(), DeliveryState::Delivered);
    let timestamp = event.timestamp.as_ref();
    assert_eq!(timestamp.map(callback::Timestamp::raw), Some("2022-12-07T17:00:00.000+05:30"));
    assert_eq!(seconds(timestamp), Some(1_670_412_600));
    assert_eq!(event.custom_data.as_ref().and_then(|data| data.as_str()), Some("custom"));
    assert_eq!(event.raw.to_value().get("callback_type"), Some(&json!("dlr")));
}

#[test]
fn spec_incoming_text_and_image() {
    let [text] = incoming(&spec_sample("callbacks/spec-icm-text")).try_into().unwrap();
    assert_eq!(
        (text.from.as_deref(), text.to.as_deref(), text.profile_name.as_deref()),
        (Some("1234"), Some("5698"), Some("John"))
    );
    assert_eq!(text.content_type.as_deref(), Some("text"));
    assert_eq!(text.content, IncomingContent::Text("This is a text message from Whatsapp".into()));
    assert_eq!(seconds(text.timestamp.as_ref()), Some(1_235_654_654));
    assert_eq!((text.reply_id(), text.error.as_ref()), (None, None));

    let [image] = incoming(&spec_sample("callbacks/spec-icm-image")).try_into().unwrap();
    let media = image.content.media().unwrap_or_else(|| panic!("{:?}", image.content));
    assert!(matches!(image.content, IncomingContent::Image(_)));
    assert_eq!(media.url, "https://exotel.com/abc.jpeg");
    assert_eq!(media.caption.as_deref(), Some("Hello this is image from Whatsapp"));
    assert_eq!(media.filename, None);
}

#[derive(Debug, PartialEq, Deserialize)]
struct Order {
    order_id: u32,
    note: String,
}

#[test]
fn observed_status_variants() {
    let [seen, rate_limited, undocumented] =
        statuses(&fixture("callbacks/dlr-observed-variants.json")).try_into().unwrap();

    // `exo_status` instead of `exo_detailed_status`, and `custom_data` as an object.
    assert_eq!(seen.status.name.as_deref(), Some("EX_MESSAGE_SEEN"));
    assert_eq!(seen.status.state(), DeliveryState::Seen);
    assert_eq!(seconds(seen.timestamp.as_ref()), Some(1_709_284_530));
    let order: Order = seen.custom_data.as_ref().unwrap().decode().unwrap();
    assert_eq!(order, Order { order_id: 12, note: "object, not string".into() });

    // The code as a string, an epoch timestamp, and `custom_data` as JSON in a string.
    assert_eq!(rate_limited.status.status(), Some(ExoStatus::RateLimitHit));
    assert_eq!(
        rate_limited.status.status().and_then(ExoStatus::failure_class),
        Some(FailureClass::RetryLater)
    );
    assert_eq!(rate_limited.status.state(), DeliveryState::Failed);
    assert_eq!(seconds(rate_limited.timestamp.as_ref()), Some(1_709_284_530));
    let order: Order = rate_limited.custom_data.as_ref().unwrap().decode().unwrap();
    assert_eq!(order.order_id, 13);
    // Plain text decodes as a `String`, JSON text as what it encodes.
    let text: String = rate_limited.custom_data.as_ref().unwrap().decode().unwrap();
    assert!(text.contains("json in a string"), "{text}");

    // A code outside the table with an undocumented name: kept, state unknown.
    assert_eq!(undocumented.status.code, Some(39999));
    assert_eq!(undocumented.status.name(), Some("EX_SOMETHING_NEW"));
    assert_eq!(undocumented.status.state(), DeliveryState::Unknown);
    assert_eq!(undocumented.custom_data, None);
    let time = undocumented.timestamp.as_ref().and_then(callback::Timestamp::parsed).unwrap();
    assert_eq!(
        (time.seconds, time.nanos, time.offset_seconds),
        (1_709_284_530 - 19_800, 500_000_000, Some(19_800))
    );
}

/// Stands for an enum generated from a message's reply buttons.
#[derive(Debug, PartialEq)]
enum Choice {
    Confirm,
    Large,
}

impl std::str::FromStr for Choice {
    type Err = String;
    fn from_str(id: &str) -> Result<Self, String> {
        match id {
            "confirm" => Ok(Self::Confirm),
            "size_large" => Ok(Self::Large),
            other => Err(other.to_owned()),
        }
    }
}

#[test]
fn observed_incoming_variants() {
    let [document, audio, video, button, list, quick, error] =
        incoming(&fixture("callbacks/icm-observed-variants.json")).try_into().unwrap();

    let IncomingContent::Document(media) = &document.content else { panic!("{:?}", document.content) };
    assert_eq!(
        (media.url.as_str(), media.caption.as_deref(), media.filename.as_deref()),
        ("https://exotel.com/invoice.pdf", Some("My invoice"), Some("invoice.pdf"))
    );
    assert!(matches!(&audio.content, IncomingContent::Audio(media) if media.url.ends_with("voice.ogg")));
    assert!(
        matches!(&video.content, IncomingContent::Video(media) if media.caption.as_deref() == Some("clip"))
    );

    let IncomingContent::ButtonReply(reply) = &button.content else { panic!("{:?}", button.content) };
    assert_eq!((reply.id.as_str(), reply.title.as_deref()), ("confirm", Some("Confirm")));
    assert_eq!(button.reply_as::<Choice>(), Some(Ok(Choice::Confirm)));

    let IncomingContent::ListReply(reply) = &list.content else { panic!("{:?}", list.content) };
    assert_eq!(reply.description.as_deref(), Some("Serves four"));
    assert_eq!(list.reply_as::<Choice>(), Some(Ok(Choice::Large)));

    assert!(
        matches!(&quick.content, IncomingContent::Button(reply) if reply.title.as_deref() == Some("Stop promotions"))
    );
    assert_eq!(quick.reply_as::<Choice>(), Some(Err("stop_promotions".to_owned())));
    assert_eq!(document.reply_as::<Choice>(), None);

    assert_eq!(error.content, IncomingContent::Other);
    let detail = error.error.as_ref().unwrap_or_else(|| panic!("{error:?}"));
    assert_eq!(detail.status(), Some(ExoStatus::UnsupportedMessage));
    assert_eq!(detail.status().and_then(ExoStatus::failure_class), Some(FailureClass::CallerMustFix));
}

#[test]
fn unknown_types_are_kept_not_errors() {
    let body = fixture("callbacks/unknown-types.json");
    let parsed = events(&body);
    let raw: Value = serde_json::from_str(&body).unwrap();
    let expected_raw = raw.pointer("/whatsapp/messages").and_then(Value::as_array).unwrap();
    let raws: Vec<Value> = parsed.iter().map(|event| event.raw().to_value()).collect();
    assert_eq!(raws.iter().collect::<Vec<_>>(), expected_raw.iter().collect::<Vec<_>>());
    let kinds: Vec<&str> = parsed
        .iter()
        .map(|event| match event {
            Event::Status(_) => "status",
            Event::Incoming(_) => "incoming",
            _ => "unknown",
        })
        .collect();
    assert_eq!(kinds, ["unknown", "incoming", "unknown", "unknown", "unknown"]);
    let Some(Event::Incoming(location)) = parsed.get(1) else { panic!("{parsed:?}") };
    assert_eq!(location.content_type.as_deref(), Some("location"));
    assert_eq!(location.content, IncomingContent::Other);
    assert_eq!(location.raw.to_value().pointer("/content/location/latitude").cloned(), Some(json!(12.97)));
}

#[test]
fn form_bodies_read_like_json_ones() {
    // A JSON body in one field: the same events as the JSON body itself (the raw JSON of each is
    // that field's text, so only its white space differs).
    let (form, json) =
        (events(&fixture("callbacks/form-json-field.txt")), events(&spec_sample("callbacks/spec-dlr")));
    assert_eq!(known(&form), known(&json));
    let raw = |events: &[Event]| events.iter().map(|event| event.raw().to_value()).collect::<Vec<_>>();
    assert_eq!(raw(&form), raw(&json));

    // One event's fields at the top level.
    let [flat] = statuses(&fixture("callbacks/form-flat-dlr.txt")).try_into().unwrap();
    assert_eq!(flat.to.as_deref(), Some("+919999000001"));
    assert_eq!(flat.status.status(), Some(ExoStatus::MessageDelivered));
    assert_eq!(seconds(flat.timestamp.as_ref()), Some(1_670_412_600));
    assert_eq!(flat.custom_data.as_ref().and_then(|data| data.as_str()), Some("Order12"));

    // Bracketed keys.
    let [text] = incoming(&fixture("callbacks/form-bracketed-icm.txt")).try_into().unwrap();
    assert_eq!(text.profile_name.as_deref(), Some("John Doe"));
    assert_eq!(text.content, IncomingContent::Text("Hello & welcome!".into()));
    assert_eq!(seconds(text.timestamp.as_ref()), Some(1_235_654_654));
}

#[test]
fn json_encoded_in_strings_is_read() {
    let inner = json!({"messages": [{"callback_type": "dlr", "sid": "a", "exo_status_code": 30001}]});
    let body = json!({"whatsapp": inner.to_string()}).to_string();
    let [event] = statuses(&body).try_into().unwrap();
    assert_eq!(event.status.state(), DeliveryState::Sent);
}

#[test]
fn only_bodies_that_are_not_callbacks_fail() {
    for (body, expected) in [
        ("", NotACallback::NotJsonOrForm),
        ("hello", NotACallback::NotJsonOrForm),
        ("{\"whatsapp\":", NotACallback::NotJsonOrForm),
        ("{}", NotACallback::NoMessages),
        ("[1, 2]", NotACallback::NoMessages),
        ("\"whatsapp\"", NotACallback::NotJsonOrForm),
        (r#"{"whatsapp": {}}"#, NotACallback::NoMessages),
        (r#"{"whatsapp": {"messages": {}}}"#, NotACallback::NoMessages),
        (r#"{"whatsapp": "not json"}"#, NotACallback::NoMessages),
        (r#"{"messages": []}"#, NotACallback::NoMessages),
        ("a=b&c=d", NotACallback::NoMessages),
    ] {
        assert_eq!(callback::parse(body), Err(expected), "{body:?}");
    }
    assert_eq!(callback::parse(r#"{"whatsapp": {"messages": []}}"#), Err(NotACallback::NoEvents));
}

#[test]
fn dedup_keys_match_repeats_only() {
    let first = fixture("callbacks/dlr-observed-variants.json");
    let keys = |body: &str| events(body).iter().map(Event::dedup_key).collect::<Vec<_>>();
    let original = keys(&first);
    // A retry of the same callback, with a later timestamp.
    let retried = first.replace("2024-03-01T09:15:30Z", "2024-03-01T09:20:00Z");
    assert_eq!(keys(&retried), original);
    // Different events have different keys.
    let mut unique = original.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), original.len());
    let incoming = keys(&fixture("callbacks/icm-observed-variants.json"));
    let mut unique = incoming.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), incoming.len());
    assert!(incoming.iter().all(|key| !original.contains(key)));
}

#[test]
fn late_sent_does_not_undo_delivered() {
    let body = |code: u32| {
        json!({"whatsapp": {"messages": [{"callback_type": "dlr", "sid": "a", "exo_status_code": code}]}})
            .to_string()
    };
    let arrivals = [30002, 30001, 30003, 30002];
    let states = arrivals.iter().flat_map(|&code| statuses(&body(code))).map(|event| event.status.state());
    assert_eq!(DeliveryState::fold(states), DeliveryState::Seen);
    let with_failure = [30001, 30014, 30003].iter().flat_map(|&code| statuses(&body(code)));
    assert_eq!(DeliveryState::fold(with_failure.map(|event| event.status.state())), DeliveryState::Failed);
}

/// `custom_data` as a value: the text it was read from may differ in white space.
fn custom(data: Option<&callback::CustomData>) -> Option<Value> {
    data.map(callback::CustomData::to_value)
}

/// The events without their raw JSON: what was read from the known fields.
fn known(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .map(|event| match event {
            Event::Status(e) => {
                format!("{:?}", (&e.sid, &e.to, &e.status, &e.timestamp, custom(e.custom_data.as_ref())))
            }
            Event::Incoming(m) => format!(
                "{:?}",
                (
                    &m.from,
                    &m.to,
                    &m.profile_name,
                    &m.timestamp,
                    &m.content_type,
                    &m.content,
                    &m.error,
                    custom(m.custom_data.as_ref())
                )
            ),
            other => format!("{other:?}"),
        })
        .collect()
}

/// Adds `key: value` to the `target`-th object of the body (modulo their count), skipping
/// `custom_data`, whose contents are data, not fields.
fn add_field(body: &mut Value, target: usize, key: &str, value: Value) {
    fn objects(value: &Value, pointer: &str, found: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                found.push(pointer.to_owned());
                for (key, child) in map.iter().filter(|(key, _)| key.as_str() != "custom_data") {
                    let key = key.replace('~', "~0").replace('/', "~1");
                    objects(child, &format!("{pointer}/{key}"), found);
                }
            }
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    objects(item, &format!("{pointer}/{index}"), found);
                }
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    objects(body, "", &mut found);
    let pointer = found.get(target % found.len().max(1)).cloned().unwrap_or_default();
    if let Some(Value::Object(map)) = body.pointer_mut(&pointer) {
        map.insert(key.to_owned(), value);
    }
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "[ -~]{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

const BODIES: [&str; 4] = [
    "callbacks/spec-dlr.json",
    "callbacks/spec-icm-image.json",
    "callbacks/dlr-observed-variants.json",
    "callbacks/icm-observed-variants.json",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn extra_fields_change_nothing_known(
        which in 0..BODIES.len(),
        extras in prop::collection::vec((any::<usize>(), "x_[a-z_]{1,10}", any_json()), 1..6),
    ) {
        let name = BODIES.get(which).copied().unwrap_or_default();
        let original = fixture(name);
        let mut body: Value = serde_json::from_str(&original).unwrap();
        for (target, key, value) in extras {
            add_field(&mut body, target, &key, value);
        }
        prop_assert_eq!(known(&events(&body.to_string())), known(&events(&original)));
    }

    #[test]
    fn no_input_panics(body in prop::collection::vec(any::<u8>(), 0..256)) {
        let _ = callback::parse(&body);
    }

    #[test]
    fn no_form_like_input_panics(body in "[a-z_\\[\\]%0-9A-F=&+]{0,200}") {
        let _ = callback::parse(&body);
    }
}

/// Issue 10, item 4: a JSON body is never re-read as form data, so text inside a JSON string
/// cannot become an event.
#[test]
fn text_inside_json_cannot_forge_events() {
    let forged = "&callback_type=dlr&sid=victim&exo_status_code=30002";
    // Broken JSON whose strings hold form data: refused, never read as a form.
    let broken = format!(
        r#"{{"whatsapp": {{"messages": [{{"callback_type": "icm", "content": {{"type": "text", "text": {{"body": "{forged}"}}"#
    );
    assert_eq!(callback::parse(&broken), Err(NotACallback::NotJsonOrForm));
    assert_eq!(
        callback::Parser::new().content_type("application/x-www-form-urlencoded").parse(broken.as_bytes()),
        Err(NotACallback::NotJsonOrForm),
        "a JSON-looking body is JSON whatever its declared type"
    );
    // A JSON content type makes a body that does not look like JSON malformed, not a form.
    assert_eq!(
        callback::Parser::new().content_type("application/json; charset=utf-8").parse(forged.as_bytes()),
        Err(NotACallback::NotJsonOrForm)
    );
    // The same text as form data, declared or not, is read as a form.
    for parser in
        [callback::Parser::new(), callback::Parser::new().content_type("application/x-www-form-urlencoded")]
    {
        let events = parser.parse(forged.as_bytes()).expect("a form body");
        assert!(matches!(&events[..], [Event::Status(event)] if event.sid.as_deref() == Some("victim")));
    }
    // Leading white space and a byte-order mark do not hide a JSON body.
    let body = fixture("callbacks/spec-dlr.json");
    assert_eq!(events(&format!("\u{feff} \n{body}")), events(&body));
}

/// Issue 10, item 4: one bad character does not drop the batch.
#[test]
fn bad_text_in_one_event_keeps_every_event() {
    let body = r#"{"whatsapp": {"messages": [
        {"callback_type": "dlr", "sid": "a", "exo_status_code": 30002},
        {"callback_type": "icm", "from": "1", "content": {"type": "text", "text": {"body": "cut \ud83d emoji"}}},
        {"callback_type": "icm", "from": "2", "content": {"type": "text", "text": {"body": "bad byte: BAD"}}},
        {"callback_type": "dlr", "sid": "b", "exo_status_code": 30003}
    ]}}"#;
    let body = body.replace("BAD", "\u{fffd}").into_bytes();
    // A byte that is not UTF-8 where U+FFFD was.
    let at = body.windows(3).position(|w| w == "\u{fffd}".as_bytes()).expect("the marker");
    let body = [&body[..at], &[0xff][..], &body[at + 3..]].concat();
    let events = callback::parse(&body).expect("read leniently");
    let texts: Vec<String> = events
        .iter()
        .map(|event| match event {
            Event::Status(status) => status.sid.clone().unwrap_or_default(),
            Event::Incoming(message) => match &message.content {
                IncomingContent::Text(text) => text.clone(),
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(texts, ["a", "cut \u{fffd} emoji", "bad byte: \u{fffd}", "b"]);
}

/// A lone surrogate in a body that is otherwise valid UTF-8 and JSON (found by the fuzzer): the
/// event is typed with U+FFFD there, and its text is JSON that a strict parser reads; the same in
/// JSON sent as a string.
#[test]
fn a_lone_surrogate_in_valid_text_is_repaired() {
    let event = r#"{"callback_type": "dlr", "sid": "4Fd\uDDD0a4", "exo_status_code": 30003}"#;
    let body = format!(r#"{{"whatsapp": {{"messages": [{event}]}}}}"#);
    let in_a_string = serde_json::json!({ "whatsapp": format!(r#"{{"messages": [{event}]}}"#) }).to_string();
    for body in [body, in_a_string] {
        let events = callback::parse(&body).expect("a callback");
        let [Event::Status(status)] = &events[..] else { panic!("{events:?}") };
        assert_eq!(status.sid.as_deref(), Some("4Fd\u{fffd}a4"));
        let raw: Value = serde_json::from_str(events[0].raw().get()).expect("the event's text is JSON");
        assert_eq!(raw["sid"], "4Fd\u{fffd}a4");
    }
}

/// Issue 10, item 2: the library caps what it reads, before reading it.
#[test]
fn bodies_over_the_cap_are_refused_unread() {
    use exotel_whatsapp::limits::CALLBACK_BYTES_MAX;
    let body = fixture("callbacks/spec-dlr.json");
    let exact = callback::Parser::new().max_bytes(body.len());
    assert!(exact.parse(body.as_bytes()).is_ok(), "a body of exactly the cap is read");
    let under = callback::Parser::new().max_bytes(body.len() - 1);
    assert_eq!(
        under.parse(body.as_bytes()),
        Err(NotACallback::TooLarge { limit: body.len() - 1, actual: body.len() })
    );
    // The default cap, on both sides; the filler is white space, so the body is otherwise valid.
    let padded = |len: usize| format!("{body}{}", " ".repeat(len - body.len()));
    assert!(callback::parse(padded(CALLBACK_BYTES_MAX)).is_ok());
    assert_eq!(
        callback::parse(padded(CALLBACK_BYTES_MAX + 1)),
        Err(NotACallback::TooLarge { limit: CALLBACK_BYTES_MAX, actual: CALLBACK_BYTES_MAX + 1 })
    );
}

/// Issue 11, item 15: a body whose entries are not callbacks (a send request) is not a callback.
#[test]
fn a_send_request_is_not_a_callback() {
    let request = std::fs::read("examples/requests/valid/text.json").expect("the example request");
    assert_eq!(callback::parse(&request), Err(NotACallback::NoEvents));
    // One callback among other entries keeps them all, as unknown events.
    let mixed = r#"{"whatsapp": {"messages": [{"to": "1"}, {"callback_type": "dlr", "sid": "a"}, 5]}}"#;
    let kinds: Vec<bool> = events(mixed).iter().map(|event| matches!(event, Event::Status(_))).collect();
    assert_eq!(kinds, [false, true, false]);
}
