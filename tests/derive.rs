//! `#[derive(ToTemplate)]`: the JSON it produces, and the run-time checks of the values.

use exotel_whatsapp::ToTemplate;
use exotel_whatsapp::content::{Document, Image, Video};
use exotel_whatsapp::template::{Currency, DateTime, Template};
use serde_json::{Value, json};

fn to_json(t: &impl ToTemplate) -> Value {
    serde_json::to_value(t.to_template().expect("a valid template")).expect("serializes")
}

/// The pointers and rule codes of a failed `to_template`.
fn violations(t: &impl ToTemplate) -> Vec<(String, &'static str)> {
    let err = t.to_template().expect_err("an invalid template");
    err.violations().iter().map(|v| (v.pointer().to_string(), v.rule().code())).collect()
}

/// The spec's first template sample: a body with one text parameter.
#[derive(ToTemplate)]
#[template(name = "candidate_feedback_message", language = "en")]
struct CandidateFeedback {
    #[template(body)]
    feedback: String,
}

#[test]
fn spec_body_only_sample() {
    let t = CandidateFeedback { feedback: "Good!".to_owned() };
    assert_eq!(
        to_json(&t),
        json!({
            "name": "candidate_feedback_message",
            "language": {"policy": "deterministic", "code": "en"},
            "components": [{"type": "body", "parameters": [{"type": "text", "text": "Good!"}]}]
        })
    );
}

/// The spec's second template sample: an image header and a body text.
#[derive(ToTemplate)]
#[template(name = "image_1", language = "en")]
struct ImageOne {
    #[template(body)]
    name: &'static str,
    #[template(header)]
    image: Image,
}

#[test]
fn spec_image_header_sample() {
    let t = ImageOne { name: "Name", image: Image::new("https://image.jpg").unwrap() };
    assert_eq!(
        to_json(&t),
        json!({
            "name": "image_1",
            "language": {"policy": "deterministic", "code": "en"},
            "components": [
                {"type": "header", "parameters": [{"type": "image", "image": {"link": "https://image.jpg"}}]},
                {"type": "body", "parameters": [{"type": "text", "text": "Name"}]}
            ]
        })
    );
}

/// The issue's example: every text, currency and date-time slot, with buttons out of order.
#[derive(ToTemplate)]
#[template(name = "order_shipped", language = "en_US")]
struct OrderShipped<'a> {
    #[template(button(index = 1, sub_type = "quick_reply"))]
    unsubscribe: String,
    #[template(header)]
    order_no: &'a str,
    #[template(body)]
    customer: String,
    #[template(body)]
    total: Currency,
    #[template(body)]
    eta: DateTime,
    #[template(button(index = 0, sub_type = "url"))]
    tracking: &'a str,
}

#[test]
fn every_slot_kind_in_wire_order() {
    let t = OrderShipped {
        unsubscribe: "STOP".to_owned(),
        order_no: "#4521",
        customer: "Asha".to_owned(),
        total: Currency::new("₹1,499.00", "INR", 1_499_000).unwrap(),
        eta: DateTime::new("Friday, 4 PM").unwrap(),
        tracking: "4521",
    };
    let json = to_json(&t);
    assert_eq!(
        json,
        json!({
            "name": "order_shipped",
            "language": {"policy": "deterministic", "code": "en_US"},
            "components": [
                {"type": "header", "parameters": [{"type": "text", "text": "#4521"}]},
                {"type": "body", "parameters": [
                    {"type": "text", "text": "Asha"},
                    {"type": "currency", "currency":
                        {"fallback_value": "₹1,499.00", "code": "INR", "amount_1000": 1_499_000}},
                    {"type": "date_time", "date_time": {"fallback_value": "Friday, 4 PM"}}
                ]},
                {"type": "button", "sub_type": "url", "index": "0",
                 "parameters": [{"type": "text", "text": "4521"}]},
                {"type": "button", "sub_type": "quick_reply", "index": "1",
                 "parameters": [{"type": "payload", "payload": "STOP"}]}
            ]
        })
    );
    let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["name", "language", "components"], "serde_json keeps the wire order (preserve_order)");
    let text = serde_json::to_string(&t.to_template().unwrap()).unwrap();
    assert!(text.starts_with(r#"{"name":"order_shipped","language":{"policy":"deterministic","code":"en_US"},"components":[{"type":"header""#), "{text}");
}

/// The same template built by hand is equal: the derive is the builder, nothing more.
#[test]
fn derive_equals_the_builder() {
    let t = OrderShipped {
        unsubscribe: "STOP".to_owned(),
        order_no: "#4521",
        customer: "Asha".to_owned(),
        total: Currency::new("₹1", "INR", 1000).unwrap(),
        eta: DateTime::new("now").unwrap(),
        tracking: "x",
    };
    let by_hand = Template::builder("order_shipped", "en_US")
        .header_text("#4521")
        .body_text("Asha")
        .body_currency(Currency::new("₹1", "INR", 1000).unwrap())
        .body_date_time(DateTime::new("now").unwrap())
        .url_button(0, "x")
        .quick_reply_button(1, "STOP")
        .build()
        .unwrap();
    assert_eq!(t.to_template().unwrap(), by_hand);
}

#[derive(ToTemplate)]
#[template(name = "welcome", language = "en", namespace = "b1c2_ns")]
struct NoFields {}

#[derive(ToTemplate)]
#[template(name = "welcome", language = "en")]
struct Unit;

#[test]
fn no_fields_give_empty_components() {
    assert_eq!(
        to_json(&NoFields {}),
        json!({"name": "welcome", "namespace": "b1c2_ns",
               "language": {"policy": "deterministic", "code": "en"}, "components": []})
    );
    assert_eq!(to_json(&Unit)["components"], json!([]));
}

#[derive(ToTemplate)]
#[template(name = "media", language = "pt_BR")]
struct VideoHeader {
    #[template(header)]
    clip: Video,
    #[template(button(index = 2, sub_type = "quick_reply"))]
    more: String,
}

#[derive(ToTemplate)]
#[template(name = "invoice", language = "en")]
struct DocumentHeader {
    #[template(header)]
    invoice: Document,
}

#[test]
fn media_headers_and_a_lone_button() {
    let t = VideoHeader { clip: Video::new("https://example.com/a.mp4").unwrap(), more: "MORE".into() };
    let json = to_json(&t);
    assert_eq!(
        json["components"][0]["parameters"][0],
        json!({"type": "video", "video": {"link": "https://example.com/a.mp4"}})
    );
    assert_eq!(json["components"][1]["index"], "2");
    assert_eq!(json["components"].as_array().unwrap().len(), 2, "no body component");
    let doc = Document::builder("https://example.com/invoice.pdf").filename("invoice.pdf").build().unwrap();
    let json = to_json(&DocumentHeader { invoice: doc });
    assert_eq!(json["components"][0]["parameters"][0]["type"], "document");
    assert_eq!(json["components"][0]["parameters"][0]["document"]["filename"], "invoice.pdf");
}

#[derive(ToTemplate)]
#[template(name = "limits", language = "en")]
struct HeaderAndBody {
    #[template(header)]
    header: String,
    #[template(body)]
    body: String,
}

#[derive(ToTemplate)]
#[template(name = "limits", language = "en")]
struct BodyAndButton {
    #[template(body)]
    body: String,
    #[template(button(index = 0, sub_type = "url"))]
    suffix: String,
}

#[test]
fn header_text_boundary_60_61() {
    let ok = HeaderAndBody { header: "é".repeat(60), body: "b".into() };
    assert!(ok.to_template().is_ok(), "60 characters (120 bytes) fit");
    let long = HeaderAndBody { header: "h".repeat(61), body: "b".into() };
    assert_eq!(violations(&long), [("/components/0/parameters/0/text".to_owned(), "too_long")]);
}

#[test]
fn body_text_boundary_1024_1025_beside_other_components() {
    let ok = HeaderAndBody { header: "h".into(), body: "b".repeat(1024) };
    assert!(ok.to_template().is_ok());
    let long = HeaderAndBody { header: "h".into(), body: "b".repeat(1025) };
    assert_eq!(violations(&long), [("/components/1/parameters/0/text".to_owned(), "too_long")]);
    let beside_button = BodyAndButton { body: "b".repeat(1025), suffix: "s".into() };
    assert_eq!(violations(&beside_button), [("/components/0/parameters/0/text".to_owned(), "too_long")]);
    let err = long.to_template().unwrap_err();
    assert_eq!((err.violations()[0].limit(), err.violations()[0].actual()), (Some(1024), Some(1025)));
}

#[test]
fn body_text_boundary_32768_32769_when_alone() {
    let ok = CandidateFeedback { feedback: "b".repeat(32768) };
    assert!(ok.to_template().is_ok(), "a body alone takes 32768 characters");
    let long = CandidateFeedback { feedback: "b".repeat(32769) };
    assert_eq!(violations(&long), [("/components/0/parameters/0/text".to_owned(), "too_long")]);
}

#[test]
fn empty_texts_are_reported_all_at_once() {
    let t = OrderShipped {
        unsubscribe: String::new(),
        order_no: "",
        customer: " ".to_owned(),
        total: Currency::new("₹1", "INR", 1000).unwrap(),
        eta: DateTime::new("now").unwrap(),
        tracking: "",
    };
    assert_eq!(
        violations(&t),
        [
            ("/components/0/parameters/0/text".to_owned(), "empty"),
            ("/components/1/parameters/0/text".to_owned(), "empty"),
            ("/components/2/parameters/0/text".to_owned(), "empty"),
            ("/components/3/parameters/0/payload".to_owned(), "empty"),
        ]
    );
}

/// The name and language rules the macro checks at compile time are the core's (the derive calls
/// them through `__private`): these literals, accepted by the derives above, pass the builder too.
#[test]
fn compile_time_literals_pass_the_runtime_rules() {
    for name in ["candidate_feedback_message", "image_1", "order_shipped", "welcome", "media", "invoice"] {
        for code in ["en", "en_US", "pt_BR"] {
            let built = Template::builder(name, code).build();
            assert!(built.is_ok(), "{name} {code}: {built:?}");
        }
    }
}

mod reexported {
    //! `#[template(crate = path)]`: a crate that re-exports `exotel_whatsapp` under another path.
    pub mod wa {
        pub use exotel_whatsapp::*;
    }

    #[derive(wa::ToTemplate)]
    #[template(crate = self::wa, name = "hello", language = "en")]
    pub struct Hello {
        #[template(body)]
        pub who: String,
    }

    #[test]
    fn crate_path_override() {
        use wa::ToTemplate;
        let t = Hello { who: "Asha".into() }.to_template().unwrap();
        assert_eq!(t.name(), "hello");
    }
}

/// A type parameter works when the struct bounds it by the slot it fills.
#[derive(ToTemplate)]
#[template(name = "generic", language = "en")]
struct Generic<H: exotel_whatsapp::template::HeaderSlot> {
    #[template(header)]
    header: H,
}

#[test]
fn type_parameter_bounded_by_its_slot() {
    let image = Generic { header: Image::new("https://example.com/a.png").unwrap() };
    assert_eq!(to_json(&image)["components"][0]["parameters"][0]["type"], "image");
    assert_eq!(to_json(&Generic { header: "hi" })["components"][0]["parameters"][0]["text"], "hi");
}

#[test]
fn text_fields_keep_the_parameter_form_rule() {
    // META: no new line, no tab, no more than 4 consecutive spaces (issue 11), at run time.
    let ok = HeaderAndBody { header: "आशा    राव".into(), body: "नमस्ते".into() };
    assert!(ok.to_template().is_ok(), "4 spaces are fine");
    let bad = HeaderAndBody { header: "आशा     राव".into(), body: "line\nbreak".into() };
    assert_eq!(
        violations(&bad),
        [
            ("/components/0/parameters/0/text".to_owned(), "format"),
            ("/components/1/parameters/0/text".to_owned(), "format"),
        ]
    );
}
