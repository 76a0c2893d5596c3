//! `#[derive(ReplyButtons)]` and `#[derive(ListRows)]`: the messages they build, the ids they
//! give, literals exactly at each limit, and the way back from a webhook to the variant.

use exotel_whatsapp::callback::{self, Event, IncomingMessage};
use exotel_whatsapp::content::{Content, Interactive, ListSection};
use exotel_whatsapp::{ListChoices, ListRows, ReplyButtons, ReplyChoices};
use serde_json::{Value, json};

#[derive(ReplyButtons, Debug, Clone, Copy, PartialEq, Eq)]
enum Confirm {
    #[button(title = "Yes, confirm")]
    Yes,
    #[button(title = "Not now", id = "later")]
    NotNow,
    #[button(id = "cancel_booking", title = "Cancel")]
    Cancel,
}

#[derive(ListRows, Debug, PartialEq, Eq)]
enum Size {
    #[row(title = "Small", description = "Chest 86–91 cm")]
    Small,
    #[row(title = "Medium", id = "size_m")]
    Medium,
    #[row(title = "Extra large", description = "Chest 112–117 cm")]
    ExtraLarge,
}

fn json_of(content: impl Into<Content>) -> Value {
    serde_json::to_value(content.into()).expect("serializes")
}

#[test]
fn reply_buttons_build_the_action() {
    let msg = Confirm::buttons("Confirm your slot for 10:00?").footer("Reply within 24h").build().unwrap();
    assert_eq!(
        json_of(msg),
        json!({
            "recipient_type": "individual",
            "type": "interactive",
            "interactive": {
                "type": "button",
                "body": {"text": "Confirm your slot for 10:00?"},
                "footer": {"text": "Reply within 24h"},
                "action": {"buttons": [
                    {"type": "reply", "reply": {"id": "yes", "title": "Yes, confirm"}},
                    {"type": "reply", "reply": {"id": "later", "title": "Not now"}},
                    {"type": "reply", "reply": {"id": "cancel_booking", "title": "Cancel"}}
                ]}
            }
        })
    );
}

#[test]
fn add_to_keeps_the_builders_parts() {
    let built = Confirm::add_to(Interactive::buttons("Confirm?").header_text("Slot 10:00")).build().unwrap();
    let by_hand = Interactive::buttons("Confirm?")
        .header_text("Slot 10:00")
        .button("yes", "Yes, confirm")
        .button("later", "Not now")
        .button("cancel_booking", "Cancel")
        .build()
        .unwrap();
    assert_eq!(built, by_hand);
}

#[test]
fn list_rows_build_the_action() {
    let msg = Size::list("Pick a size", "Sizes").header("T-shirt").build().unwrap();
    assert_eq!(
        json_of(msg),
        json!({
            "recipient_type": "individual",
            "type": "interactive",
            "interactive": {
                "type": "list",
                "header": {"type": "text", "text": "T-shirt"},
                "body": {"text": "Pick a size"},
                "action": {
                    "button": "Sizes",
                    "sections": [{"rows": [
                        {"id": "small", "title": "Small", "description": "Chest 86–91 cm"},
                        {"id": "size_m", "title": "Medium"},
                        {"id": "extra_large", "title": "Extra large", "description": "Chest 112–117 cm"}
                    ]}]
                }
            }
        })
    );
}

#[test]
fn list_rows_fill_a_titled_section() {
    let section = Size::add_to(ListSection::titled("Sizes"));
    let list = Interactive::list("Pick a size", "Sizes").section(section).build().unwrap();
    assert_eq!(list.sections()[0].title(), Some("Sizes"));
    assert_eq!(list.sections()[0].rows()[2].id(), "extra_large");
    let one = Interactive::list("Pick", "Open").section(ListSection::new().row(Size::Medium.row())).build();
    assert_eq!(
        json_of(one.unwrap())["interactive"]["action"]["sections"][0]["rows"],
        json!([{"id": "size_m", "title": "Medium"}])
    );
}

#[test]
fn ids_default_to_the_variant_name_in_snake_case() {
    #[derive(ListRows, Debug, PartialEq)]
    enum Names {
        #[row(title = "Acronym")]
        HTTPServer,
        #[row(title = "Digits")]
        Size2XL,
        #[row(title = "Raw")]
        r#Type,
    }
    assert_eq!(Confirm::Yes.id(), "yes");
    assert_eq!(Size::Small.id(), "small");
    assert_eq!(Size::ExtraLarge.id(), "extra_large");

    let ids: Vec<&str> = Names::ALL.iter().map(ListChoices::id).collect();
    assert_eq!(ids, ["http_server", "size2_xl", "type"]);
}

#[test]
fn titles_and_descriptions_per_variant() {
    assert_eq!(Confirm::NotNow.title(), "Not now");
    assert_eq!(Size::Medium.title(), "Medium");
    assert_eq!(Size::Small.description(), Some("Chest 86–91 cm"));
    assert_eq!(Size::Medium.description(), None);
}

#[test]
fn every_id_leads_back_to_its_variant() {
    for choice in Confirm::ALL {
        assert_eq!(Confirm::from_reply_id(choice.id()), Some(*choice));
    }
    for choice in Size::ALL {
        assert_eq!(Size::from_reply_id(choice.id()).as_ref(), Some(choice));
    }
    assert_eq!(Confirm::from_reply_id("not_now"), None, "the id was renamed to `later`");
    assert_eq!(Confirm::from_reply_id("Yes"), None, "ids are case-sensitive");
    assert_eq!(Size::from_reply_id(""), None);
}

#[test]
fn one_variant_is_enough() {
    #[derive(ReplyButtons)]
    enum Only {
        #[button(title = "OK")]
        Ok,
    }
    let msg = Only::buttons("Got it?").build().unwrap();
    assert_eq!(msg.buttons().len(), 1);
    assert_eq!(msg.buttons()[0].id(), "ok");
}

/// Titles of exactly 20 characters that are many more bytes, and every limit reached exactly.
#[derive(ReplyButtons, Debug, PartialEq)]
enum AtTheLimits {
    #[button(title = "हाँ, मैं ज़रूर आऊँगा", id = "devanagari")]
    Devanagari,
    #[button(title = "👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍")]
    Emoji,
    #[button(
        title = "twenty characters ok",
        id = "iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii"
    )]
    Ascii,
}

#[derive(ListRows, Debug, PartialEq)]
enum RowsAtTheLimits {
    #[row(
        title = "धन्यवाद आपका स्वागत है!!",
        description = "कककककककककककककककककककककककककककककककककककककककककककककककककककककककककककककककककककककककक"
    )]
    Devanagari,
    #[row(
        title = "🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕🍕",
        id = "rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr"
    )]
    Emoji,
}

#[derive(ListRows)]
enum TenRows {
    #[row(title = "1")]
    A,
    #[row(title = "2")]
    B,
    #[row(title = "3")]
    C,
    #[row(title = "4")]
    D,
    #[row(title = "5")]
    E,
    #[row(title = "6")]
    F,
    #[row(title = "7")]
    G,
    #[row(title = "8")]
    H,
    #[row(title = "9")]
    I,
    #[row(title = "10")]
    J,
}

#[test]
fn literals_exactly_at_the_limits_compile_and_build() {
    use exotel_whatsapp::limits::{
        BUTTON_ID_MAX, BUTTON_TITLE_MAX, ROW_DESCRIPTION_MAX, ROW_ID_MAX, ROW_TITLE_MAX, ROWS_TOTAL_MAX,
    };
    let count = |s: &str| s.chars().count();
    assert_eq!(count(AtTheLimits::Devanagari.title()), BUTTON_TITLE_MAX);
    assert!(AtTheLimits::Devanagari.title().len() > BUTTON_TITLE_MAX, "more bytes than characters");
    assert_eq!(count(AtTheLimits::Emoji.title()), BUTTON_TITLE_MAX);
    assert_eq!(count(AtTheLimits::Ascii.title()), BUTTON_TITLE_MAX);
    assert_eq!(count(AtTheLimits::Ascii.id()), BUTTON_ID_MAX);
    assert_eq!(count(RowsAtTheLimits::Devanagari.title()), ROW_TITLE_MAX);
    assert_eq!(count(RowsAtTheLimits::Devanagari.description().unwrap()), ROW_DESCRIPTION_MAX);
    assert_eq!(count(RowsAtTheLimits::Emoji.title()), ROW_TITLE_MAX);
    assert_eq!(count(RowsAtTheLimits::Emoji.id()), ROW_ID_MAX);
    assert_eq!(TenRows::ALL.len(), ROWS_TOTAL_MAX);

    AtTheLimits::buttons("Will you come?").build().expect("the core accepts every button");
    RowsAtTheLimits::list("Pick one", "Open").build().expect("the core accepts every row");
    TenRows::list("Pick one", "Open").build().expect("the core accepts ten rows");
}

fn incoming(content: &Value) -> IncomingMessage {
    let body = json!({"whatsapp": {"messages": [{
        "callback_type": "icm", "from": "+919999000000", "to": "+918888000000",
        "profile_name": "Asha", "timestamp": "1735689600", "content": content
    }]}})
    .to_string();
    match callback::parse(&body).expect("a callback").into_iter().next() {
        Some(Event::Incoming(message)) => *message,
        other => panic!("expected an incoming message, got {other:?}"),
    }
}

#[test]
fn a_button_reply_becomes_its_variant() {
    let tapped = incoming(&json!({"type": "interactive", "interactive": {
        "type": "button_reply", "button_reply": {"id": "later", "title": "Not now"}}}));
    assert_eq!(Confirm::from_incoming(&tapped), Some(Confirm::NotNow));
    assert_eq!(Size::from_incoming(&tapped), None, "a button reply is not a list reply");

    let unknown = incoming(&json!({"type": "interactive", "interactive": {
        "type": "button_reply", "button_reply": {"id": "maybe", "title": "Maybe"}}}));
    assert_eq!(Confirm::from_incoming(&unknown), None);
}

#[test]
fn a_list_reply_becomes_its_variant() {
    let picked = incoming(&json!({"type": "interactive", "interactive": {
        "type": "list_reply",
        "list_reply": {"id": "extra_large", "title": "Extra large", "description": "Chest 112–117 cm"}}}));
    assert_eq!(Size::from_incoming(&picked), Some(Size::ExtraLarge));
    assert_eq!(Confirm::from_incoming(&picked), None, "a list reply is not a button reply");
}

#[test]
fn other_messages_are_no_choice() {
    let text = incoming(&json!({"type": "text", "text": {"body": "yes"}}));
    assert_eq!(Confirm::from_incoming(&text), None);
    let quick_reply = incoming(&json!({"type": "button", "button": {"payload": "yes", "text": "Yes"}}));
    assert_eq!(Confirm::from_incoming(&quick_reply), None, "a template's quick reply is not these buttons");
}

/// `#[button(crate = path)]` for crates that re-export this one.
mod reexported {
    pub use exotel_whatsapp as whatsapp;

    #[derive(super::ReplyButtons)]
    #[button(crate = whatsapp)]
    pub enum Vote {
        #[button(title = "Up")]
        Up,
    }

    #[test]
    fn crate_path_is_used() {
        use exotel_whatsapp::ReplyChoices;
        assert_eq!(Vote::Up.id(), "up");
    }
}
