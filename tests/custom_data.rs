//! Typed `custom_data`: attached to a message as a JSON string, read back from its callbacks.

use exotel_whatsapp::callback::{self, Event};
use exotel_whatsapp::content::Text;
use exotel_whatsapp::{Message, Request};
use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Order {
    id: u64,
    customer: String,
    items: Vec<String>,
}

#[test]
fn a_value_sent_as_custom_data_decodes_from_the_callback() {
    let order =
        Order {
            id: 4521, customer: "आशा \"A\" 👋".into(), items: vec!["shirt".into(), "mug".into()]
        };
    let message = Message::builder("+919999999999", "+919876543210", Text::new("Shipped").unwrap())
        .custom_data_json(&order)
        .unwrap()
        .build()
        .unwrap();
    let sent = serde_json::to_value(Request::new([message]).unwrap()).unwrap();
    let custom_data = &sent["whatsapp"]["messages"][0]["custom_data"];
    assert!(custom_data.is_string(), "custom_data goes on the wire as a string: {custom_data}");

    // Exotel echoes the string back in the status callback.
    let body = json!({"whatsapp": {"messages": [{
        "callback_type": "dlr", "sid": "sid-1", "to": "+919876543210", "exo_status_code": 30002,
        "exo_detailed_status": "EX_MESSAGE_DELIVERED", "description": "Message delivered",
        "timestamp": "2022-12-07T17:00:00.000+05:30", "custom_data": custom_data,
    }]}});
    let events = callback::parse(body.to_string()).unwrap();
    let [Event::Status(event)] = events.as_slice() else { panic!("one status event: {events:?}") };
    let back: Order = event.custom_data.as_ref().unwrap().decode().unwrap();
    assert_eq!(back, order);
}

#[test]
fn custom_data_echoed_as_an_object_decodes_too() {
    let body = json!({"whatsapp": {"messages": [{"callback_type": "dlr", "sid": "s", "exo_status_code": 30001,
        "custom_data": {"id": 7, "customer": "B", "items": []}}]}});
    let events = callback::parse(body.to_string()).unwrap();
    let [Event::Status(event)] = events.as_slice() else { panic!("one status event") };
    let back: Order = event.custom_data.as_ref().unwrap().decode().unwrap();
    assert_eq!(back, Order { id: 7, customer: "B".into(), items: vec![] });
}
