//! The exact wire format: every content type against `json!` literals, the spec's send examples
//! (corrected), the round trip through `Deserialize`, and batching.

use exotel_whatsapp::content::{
    Address, Audio, Contact, ContactPhone, ContactUrl, Contacts, Content, Document, Email, Header, Image,
    Interactive, ListRow, ListSection, Location, Name, Org, Sticker, Text, Video,
};
use exotel_whatsapp::{Message, Request, Rule};
use serde_json::{Value, json};

fn to_json<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).expect("serializing a built value cannot fail")
}

/// Asserts `content` serializes to `payload` under its type, and reads back equal.
#[track_caller]
fn assert_content(content: impl Into<Content>, kind: &str, payload: &Value) {
    let content = content.into();
    let json = to_json(&content);
    assert_eq!(json, json!({"recipient_type": "individual", "type": kind, kind: payload}));
    assert_no_nulls(&json);
    let back: Content = serde_json::from_value(json).unwrap_or_else(|e| panic!("{kind}: {e}"));
    assert_eq!(back, content);
}

fn assert_no_nulls(v: &Value) {
    match v {
        Value::Null => panic!("null on the wire"),
        Value::Array(a) => a.iter().for_each(assert_no_nulls),
        Value::Object(o) => o.values().for_each(assert_no_nulls),
        _ => {}
    }
}

#[test]
fn text() {
    assert_content(Text::new("Hello").unwrap(), "text", &json!({"body": "Hello"}));
    assert_content(
        Text::new("See https://example.com").unwrap().preview_url(true),
        "text",
        &json!({"body": "See https://example.com", "preview_url": true}),
    );
    assert_content(
        Text::new("नमस्ते 👍").unwrap().preview_url(false),
        "text",
        &json!({"body": "नमस्ते 👍", "preview_url": false}),
    );
}

#[test]
fn media() {
    let link = "https://cdn.example.com/f";
    assert_content(Image::new(link).unwrap(), "image", &json!({"link": link}));
    assert_content(
        Image::builder(link).caption("Menu").build().unwrap(),
        "image",
        &json!({"link": link, "caption": "Menu"}),
    );
    assert_content(Audio::new(link).unwrap(), "audio", &json!({"link": link}));
    assert_content(
        Video::builder(link).caption("Demo").build().unwrap(),
        "video",
        &json!({"link": link, "caption": "Demo"}),
    );
    assert_content(
        Document::builder(link).caption("Invoice").filename("inv.pdf").build().unwrap(),
        "document",
        &json!({"link": link, "caption": "Invoice", "filename": "inv.pdf"}),
    );
    assert_content(Document::new(link).unwrap(), "document", &json!({"link": link}));
    assert_content(Sticker::new(link).unwrap(), "sticker", &json!({"link": link}));
}

#[test]
fn location_coordinates_are_strings() {
    assert_content(
        Location::new(12.9716, 77.5946).unwrap(),
        "location",
        &json!({"latitude": "12.9716", "longitude": "77.5946"}),
    );
    assert_content(
        Location::new(-33.5, -70.25).unwrap().name("Plaza").address("Santiago"),
        "location",
        &json!({"latitude": "-33.5", "longitude": "-70.25", "name": "Plaza", "address": "Santiago"}),
    );
    // A coordinate given as a JSON number is read, and emitted as a string.
    let read: Location = serde_json::from_value(json!({"latitude": 1.25, "longitude": "-2"})).unwrap();
    assert_eq!(to_json(&read), json!({"latitude": "1.25", "longitude": "-2"}));
}

#[test]
fn contacts() {
    let card = Contact::builder(Name {
        formatted_name: "Asha Rao".into(),
        first_name: Some("Asha".into()),
        last_name: Some("Rao".into()),
        ..Name::default()
    })
    .address(Address {
        street: Some("1 MG Road".into()),
        city: Some("Bengaluru".into()),
        country_code: Some("IN".into()),
        kind: Some("WORK".into()),
        ..Address::default()
    })
    .birthday("1990-02-28")
    .email(Email { email: Some("asha@example.com".into()), kind: Some("WORK".into()) })
    .org(Org { company: Some("Acme".into()), department: None, title: Some("CTO".into()) })
    .phone(ContactPhone {
        phone: Some("+91 98765 43210".into()),
        kind: Some("CELL".into()),
        wa_id: Some("919876543210".into()),
    })
    .url(ContactUrl { url: Some("https://example.com".into()), kind: Some("HOME".into()) })
    .build()
    .unwrap();
    let minimal =
        Contact::builder(Name { formatted_name: "B".into(), prefix: Some("Dr".into()), ..Name::default() })
            .build()
            .unwrap();
    assert_content(
        Contacts::new([card, minimal]).unwrap(),
        "contacts",
        &json!([
            {
                "addresses": [{"street": "1 MG Road", "city": "Bengaluru", "country_code": "IN", "type": "WORK"}],
                "birthday": "1990-02-28",
                "emails": [{"email": "asha@example.com", "type": "WORK"}],
                "name": {"formatted_name": "Asha Rao", "first_name": "Asha", "last_name": "Rao"},
                "org": {"company": "Acme", "title": "CTO"},
                "phones": [{"phone": "+91 98765 43210", "type": "CELL", "wa_id": "919876543210"}],
                "urls": [{"url": "https://example.com", "type": "HOME"}]
            },
            {"name": {"formatted_name": "B", "prefix": "Dr"}}
        ]),
    );
}

#[test]
fn reply_buttons() {
    let minimal = Interactive::buttons("Confirm?").button("yes", "Yes").build().unwrap();
    assert_content(
        Interactive::from(minimal),
        "interactive",
        &json!({"type": "button", "body": {"text": "Confirm?"},
                "action": {"buttons": [{"type": "reply", "reply": {"id": "yes", "title": "Yes"}}]}}),
    );
    let full = Interactive::buttons("Your table is ready")
        .header(Header::Image { image: Image::new("https://example.com/t.jpg").unwrap() })
        .footer("Reply within 10 minutes")
        .button("accept", "Accept")
        .button("delay", "10 more minutes")
        .button("cancel", "Cancel")
        .build()
        .unwrap();
    assert_content(
        full,
        "interactive",
        &json!({
            "type": "button",
            "header": {"type": "image", "image": {"link": "https://example.com/t.jpg"}},
            "body": {"text": "Your table is ready"},
            "footer": {"text": "Reply within 10 minutes"},
            "action": {"buttons": [
                {"type": "reply", "reply": {"id": "accept", "title": "Accept"}},
                {"type": "reply", "reply": {"id": "delay", "title": "10 more minutes"}},
                {"type": "reply", "reply": {"id": "cancel", "title": "Cancel"}}
            ]}
        }),
    );
    for (header, json) in [
        (
            Header::Video { video: Video::new("https://example.com/v.mp4").unwrap() },
            json!({"type": "video", "video": {"link": "https://example.com/v.mp4"}}),
        ),
        (
            Header::Document {
                document: Document::builder("https://example.com/d.pdf").filename("d.pdf").build().unwrap(),
            },
            json!({"type": "document", "document": {"link": "https://example.com/d.pdf", "filename": "d.pdf"}}),
        ),
    ] {
        let msg = Interactive::buttons("B").header(header).button("a", "A").build().unwrap();
        assert_eq!(to_json(&msg)["header"], json);
    }
    let text_header = Interactive::buttons("B").header_text("Hi").button("a", "A").build().unwrap();
    assert_eq!(to_json(&text_header)["header"], json!({"type": "text", "text": "Hi"}));
}

#[test]
fn list() {
    let list = Interactive::list("Pick a slot", "Slots")
        .header("Order #42")
        .footer("Times in IST")
        .section(
            ListSection::titled("Tomorrow")
                .row(ListRow::new("am", "Morning").description("9–12"))
                .row(ListRow::new("pm", "Evening")),
        )
        .section(ListSection::titled("Later").row(ListRow::new("sat", "Saturday")))
        .build()
        .unwrap();
    assert_content(
        list,
        "interactive",
        &json!({
            "type": "list",
            "header": {"type": "text", "text": "Order #42"},
            "body": {"text": "Pick a slot"},
            "footer": {"text": "Times in IST"},
            "action": {
                "button": "Slots",
                "sections": [
                    {"title": "Tomorrow", "rows": [
                        {"id": "am", "title": "Morning", "description": "9–12"},
                        {"id": "pm", "title": "Evening"}
                    ]},
                    {"title": "Later", "rows": [{"id": "sat", "title": "Saturday"}]}
                ]
            }
        }),
    );
    let untitled = Interactive::list("B", "Open")
        .section(ListSection::new().row(ListRow::new("r", "R")))
        .build()
        .unwrap();
    assert_eq!(
        to_json(&untitled),
        json!({"type": "list", "body": {"text": "B"},
               "action": {"button": "Open", "sections": [{"rows": [{"id": "r", "title": "R"}]}]}})
    );
}

/// The spec's first send example (two text messages), corrected: `+91` for `++91`, `content` for
/// `Content`, and digits for the `X` placeholders.
#[test]
fn spec_text_example_corrected() {
    let (from, to) = ("+919999000001", "+919999000002");
    let text = || Text::new("MESSAGE_CONTENT").unwrap().preview_url(false);
    let message = || {
        Message::builder(from, to, text())
            .custom_data("Order12")
            .status_callback("https://webhook.site")
            .build()
            .unwrap()
    };
    let request = Request::builder([message(), message()])
        .custom_data("Order12")
        .status_callback("https://webhook.site")
        .channel_custom_data("Order12")
        .channel_status_callback("https://webhook.site")
        .build()
        .unwrap();
    let message_json = json!({
        "custom_data": "Order12",
        "status_callback": "https://webhook.site",
        "from": from,
        "to": to,
        "content": {
            "recipient_type": "individual",
            "type": "text",
            "text": {"preview_url": false, "body": "MESSAGE_CONTENT"}
        }
    });
    let expected = json!({
        "custom_data": "Order12",
        "status_callback": "https://webhook.site",
        "whatsapp": {
            "custom_data": "Order12",
            "status_callback": "https://webhook.site",
            "messages": [message_json, message_json]
        }
    });
    assert_eq!(to_json(&request), expected);
    assert_eq!(serde_json::from_value::<Request>(expected).unwrap(), request);
}

/// The spec's image example, corrected: `+` in front of the numbers, digits for the placeholders.
/// The library always emits `recipient_type`, which the example leaves out (it is optional).
#[test]
fn spec_image_example_corrected() {
    let image = Image::builder("https://image.587.jpg").caption("This is image caption").build().unwrap();
    let message = Message::new("+919900000001", "+919900000002", image).unwrap();
    let request = Request::builder([message])
        .custom_data("ORDER126")
        .status_callback("https://webhook.site/")
        .build()
        .unwrap();
    let as_documented = json!({
        "custom_data": "ORDER126",
        "status_callback": "https://webhook.site/",
        "whatsapp": {
            "messages": [{
                "from": "+919900000001",
                "to": "+919900000002",
                "content": {
                    "type": "image",
                    "image": {"link": "https://image.587.jpg", "caption": "This is image caption"}
                }
            }]
        }
    });
    let mut expected = as_documented.clone();
    expected["whatsapp"]["messages"][0]["content"]["recipient_type"] = json!("individual");
    assert_eq!(to_json(&request), expected);
    // The document's own form (without `recipient_type`) reads as the same request.
    assert_eq!(serde_json::from_value::<Request>(as_documented).unwrap(), request);
}

fn every_content() -> Vec<Content> {
    let name = Name { formatted_name: "A B".into(), first_name: Some("A".into()), ..Name::default() };
    vec![
        Text::new("Hi https://example.com").unwrap().preview_url(true).into(),
        Image::builder("https://example.com/a.jpg").caption("c").build().unwrap().into(),
        Audio::new("https://example.com/a.ogg").unwrap().into(),
        Video::new("https://example.com/a.mp4").unwrap().into(),
        Document::builder("https://example.com/a.pdf").filename("a.pdf").build().unwrap().into(),
        Sticker::new("https://example.com/a.webp").unwrap().into(),
        Location::new(-0.5, 179.999).unwrap().name("N").into(),
        Contacts::new([Contact::builder(name).birthday("2000-02-29").build().unwrap()]).unwrap().into(),
        Interactive::buttons("B").footer("F").button("a", "A").build().unwrap().into(),
        Interactive::list("B", "Open")
            .header("H")
            .section(ListSection::titled("S").row(ListRow::new("r", "R").description("d")))
            .section(ListSection::titled("T").row(ListRow::new("s", "S")))
            .build()
            .unwrap()
            .into(),
    ]
}

#[test]
fn round_trip_through_deserialize() {
    let messages: Vec<Message> = every_content()
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            Message::builder("+919999999999", format!("+91888888888{i}"), c)
                .custom_data(format!("m{i}"))
                .status_callback("https://example.com/cb")
                .build()
                .unwrap()
        })
        .collect();
    let request = Request::builder(messages)
        .custom_data("r")
        .channel_status_callback("https://example.com/ch")
        .build()
        .unwrap();
    let json = to_json(&request);
    assert_no_nulls(&json);
    let back: Request = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(back, request);
    assert_eq!(to_json(&back), json);
    // Also through text.
    let text = serde_json::to_string(&request).unwrap();
    assert_eq!(serde_json::from_str::<Request>(&text).unwrap(), request);
    for message in request.messages() {
        let back: Message = serde_json::from_value(to_json(message)).unwrap();
        assert_eq!(&back, message);
    }
}

#[test]
fn deserializing_an_invalid_value_lists_every_violation() {
    let json = json!({"whatsapp": {"messages": [{
        "from": "91 99999 99999",
        "to": "+918888888888",
        "content": {"type": "text", "text": {"body": "", "previewurl": true}}
    }]}});
    let err = serde_json::from_value::<Request>(json).unwrap_err();
    assert_eq!(
        err.to_string(),
        [
            r#"/whatsapp/messages/0/content/text/previewurl: unknown field "previewurl", did you mean "preview_url"?"#,
            "/whatsapp/messages/0/content/text/body: must not be empty or only whitespace",
            "/whatsapp/messages/0/from: not an E.164 phone number: ' ' at position 3 is not a digit; write digits only, without spaces or dashes",
        ]
        .join("\n")
    );
    let err = serde_json::from_value::<Text>(json!({"body": "x".repeat(4097)})).unwrap_err();
    assert_eq!(err.to_string(), "/body: is 4097 characters long; at most 4096 are allowed");
    let err = serde_json::from_value::<Request>(json!({"whatsapp": {"messages": []}})).unwrap_err();
    assert_eq!(err.to_string(), "/whatsapp/messages: has 0 items; at least 1 are required");
    let err = serde_json::from_value::<exotel_whatsapp::PhoneNumber>(json!("++91")).unwrap_err();
    assert_eq!(err.to_string(), "(root): not an E.164 phone number: it starts with `++`; write a single `+`");
}

fn numbered(n: usize) -> Vec<Message> {
    let text = Text::new("Sale").unwrap();
    (0..n).map(|i| Message::new("+919999999999", format!("+9170000{i:05}"), text.clone()).unwrap()).collect()
}

#[test]
fn batches_keep_order_and_input_index() {
    let err = Request::builder(numbered(0)).batches().unwrap_err();
    let [v] = err.violations() else { panic!("{err}") };
    assert_eq!(
        (v.pointer().as_str(), v.rule(), v.limit(), v.actual()),
        ("/whatsapp/messages", Rule::TooFew, Some(1), Some(0))
    );

    for (n, sizes) in [(1, &[1][..]), (100, &[100]), (101, &[100, 1]), (250, &[100, 100, 50])] {
        let input = numbered(n);
        let batches = Request::builder(input.clone())
            .custom_data("campaign")
            .channel_status_callback("https://example.com/cb")
            .batches()
            .unwrap();
        let got: Vec<usize> = batches.iter().map(|b| b.request().messages().len()).collect();
        assert_eq!(got, sizes, "{n}");
        let mut seen = 0;
        for (k, batch) in batches.iter().enumerate() {
            assert_eq!(batch.offset(), k * 100);
            assert_eq!(batch.request().custom_data(), Some("campaign"));
            assert_eq!(
                batch.request().whatsapp().status_callback().map(exotel_whatsapp::url::Url::as_str),
                Some("https://example.com/cb")
            );
            for (i, message) in batch.request().messages().iter().enumerate() {
                assert_eq!(batch.input_index(i), seen);
                assert_eq!(message, &input[batch.input_index(i)]);
                seen += 1;
            }
            // Every batch is a valid request on its own.
            let back: Request = serde_json::from_value(to_json(batch.request())).unwrap();
            assert_eq!(&back, batch.request());
        }
        assert_eq!(seen, n);
    }
    // `build` refuses what `batches` splits.
    assert!(Request::builder(numbered(101)).build().unwrap_err().has(Rule::TooMany));
    // A bad callback fails the whole batching, once.
    let err = Request::builder(numbered(250)).status_callback("nope").batches().unwrap_err();
    assert_eq!(err.violations().len(), 1);
    assert_eq!(err.violations()[0].pointer().as_str(), "/status_callback");
}
