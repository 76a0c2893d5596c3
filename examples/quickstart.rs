//! Builds a list message, wraps it in a request and prints the JSON Exotel receives.
//!
//! Run with `cargo run --example quickstart`.

use exotel_whatsapp::content::{Interactive, ListRow, ListSection};
use exotel_whatsapp::{Message, Request};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let list = Interactive::list("Which delivery slot suits you?", "Choose a slot")
        .header("Order #4521")
        .footer("Reply within 24 hours")
        .section(
            ListSection::titled("Tomorrow")
                .row(ListRow::new("slot_morning", "Morning").description("9:00 – 12:00"))
                .row(ListRow::new("slot_evening", "Evening").description("17:00 – 20:00")),
        )
        .section(ListSection::titled("Later").row(ListRow::new("slot_weekend", "Saturday")))
        .build()?;
    let message =
        Message::builder("+919999999999", "+919876543210", list).custom_data("order-4521").build()?;
    let request = Request::builder([message]).status_callback("https://example.com/exotel/status").build()?;
    println!("{}", serde_json::to_string_pretty(&request)?);

    // Mistakes are reported all at once, each with its JSON pointer.
    let broken = Interactive::list("", "A button text that is far too long")
        .section(ListSection::new().row(ListRow::new(" id ", "Row")))
        .section(ListSection::new().row(ListRow::new("id", "Another row")))
        .build();
    if let Err(errors) = broken {
        eprintln!("{errors}");
    }
    Ok(())
}
